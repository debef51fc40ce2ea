"""The httpx client is made on the first request: construction stays cheap and import-light,
yet copies, injected clients and closing behave as if it had always been there."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import httpx
import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import AsyncExampleClient, ExampleClient


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_constructing_a_client_loads_no_transport_until_a_request(server: ScriptedServer) -> None:
    server.reply(Reply.json({"id": "x"}))
    out = _run(
        f"""
        import sys
        import typed_openai
        client = typed_openai.OpenAI(api_key="k", base_url={server.url!r})
        client.chat.completions.create
        before = sorted(m for m in ("httpcore", "h11", "certifi") if m in sys.modules)
        client.get("/x", cast_to=object)
        after = sorted(m for m in ("httpcore", "h11", "certifi") if m in sys.modules)
        client.close()
        print(before, after)
        """
    )
    assert out == "[] ['certifi', 'h11', 'httpcore']"


def test_a_client_that_never_sent_closes_without_making_a_pool() -> None:
    client = ExampleClient(api_key="k")
    assert not client.is_closed()
    client.close()
    assert client.is_closed()
    assert not client._pool.created  # pyright: ignore[reportPrivateUsage]
    with ExampleClient(api_key="k") as other:
        pass
    assert other.is_closed()
    assert not other._pool.created  # pyright: ignore[reportPrivateUsage]


def test_a_request_after_close_fails_like_a_closed_httpx_client() -> None:
    client = ExampleClient(api_key="k")
    client.close()
    with pytest.raises(RuntimeError, match="client has been closed"):
        client.get("/x", cast_to=object)


def test_copies_made_before_the_first_request_share_its_pool(server: ScriptedServer) -> None:
    server.reply(Reply.json({}), Reply.json({}))
    client = ExampleClient(api_key="k", base_url=server.url)
    copy = client.with_options(max_retries=0)
    copy.get("/x", cast_to=object)
    assert client._pool.created  # pyright: ignore[reportPrivateUsage]
    assert copy._http is client._http  # pyright: ignore[reportPrivateUsage]
    client.get("/y", cast_to=object)
    assert server.opened == 1
    client.close()
    assert copy.is_closed()


def test_with_options_http_client_replaces_the_pool_for_the_copy_only(
    server: ScriptedServer,
) -> None:
    server.reply(Reply.json({}))
    own = httpx.Client()
    client = ExampleClient(api_key="k", base_url=server.url)
    copy = client.with_options(http_client=own)
    copy.get("/x", cast_to=object)
    assert copy._http is own  # pyright: ignore[reportPrivateUsage]
    assert not client._pool.created  # pyright: ignore[reportPrivateUsage]
    copy.close()
    assert own.is_closed
    assert not client.is_closed()
    client.close()


def test_an_injected_client_is_held_as_is() -> None:
    own = httpx.Client()
    client = ExampleClient(api_key="k", http_client=own)
    assert client._http is own  # pyright: ignore[reportPrivateUsage]
    assert not client.is_closed()
    client.close()
    assert own.is_closed


@pytest.mark.anyio
async def test_async_client_is_lazy_and_closes_cleanly(server: ScriptedServer) -> None:
    unused = AsyncExampleClient(api_key="k")
    await unused.close()
    assert unused.is_closed()
    assert not unused._pool.created  # pyright: ignore[reportPrivateUsage]
    with pytest.raises(RuntimeError, match="client has been closed"):
        await unused.get("/x", cast_to=object)

    server.reply(Reply.json({}))
    async with AsyncExampleClient(api_key="k", base_url=server.url) as client:
        copy = client.with_options(max_retries=0)
        await copy.get("/x", cast_to=object)
        assert copy._http is client._http  # pyright: ignore[reportPrivateUsage]
    assert client.is_closed()
    assert copy.is_closed()
