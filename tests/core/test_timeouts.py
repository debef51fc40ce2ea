"""Timeouts: defaults, per client and per call, read gaps, and the total limit on one attempt."""

from __future__ import annotations

import contextlib
import time

import httpx
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import DEFAULT_TIMEOUT, APITimeoutError, RequestOptions
from typed_openai._core._timeouts import total_budget

from .conftest import AsyncExampleClient, ExampleClient

NO_RETRY = RequestOptions(max_retries=0)


def test_default_timeout_is_600s_with_5s_connect(server: ScriptedServer) -> None:
    assert DEFAULT_TIMEOUT.connect == 5.0
    assert DEFAULT_TIMEOUT.read == DEFAULT_TIMEOUT.write == DEFAULT_TIMEOUT.pool == 600.0
    server.reply(Reply.json({}))
    with ExampleClient(api_key="k", base_url=server.url) as client:
        response = client.get("/x", cast_to=httpx.Response)
    assert response.request.extensions["timeout"] == DEFAULT_TIMEOUT.as_dict()


def test_client_and_call_timeouts_reach_the_request(server: ScriptedServer) -> None:
    server.reply(Reply.json({}), Reply.json({}))
    with ExampleClient(
        api_key="k", base_url=server.url, timeout=httpx.Timeout(7.0, connect=1.0)
    ) as client:
        first = client.get("/x", cast_to=httpx.Response)
        second = client.get("/x", cast_to=httpx.Response, options=RequestOptions(timeout=2.5))
    assert first.request.extensions["timeout"] == {
        "connect": 1.0,
        "read": 7.0,
        "write": 7.0,
        "pool": 7.0,
    }
    assert second.request.extensions["timeout"] == {
        "connect": 2.5,
        "read": 2.5,
        "write": 2.5,
        "pool": 2.5,
    }


def test_content_length_larger_than_body_times_out_instead_of_hanging(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.short_body(b'{"a": 1}', declared_length=500))
    start = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.get("/x", cast_to=object, options=RequestOptions(timeout=0.2, max_retries=0))
    assert time.monotonic() - start < 2


def test_never_answering_server_times_out(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.hang())
    with pytest.raises(APITimeoutError):
        client.get("/x", cast_to=object, options=RequestOptions(timeout=0.1, max_retries=0))


def test_total_limit_stops_a_dripping_body(client: ExampleClient, server: ScriptedServer) -> None:
    # Each byte arrives well within the read timeout, but the whole body would take ~1 s.
    server.reply(Reply.drip(b'{"padding": "' + b"x" * 40 + b'"}', interval=0.02))
    start = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.get("/x", cast_to=object, options=RequestOptions(timeout=0.3, max_retries=0))
    assert time.monotonic() - start < 0.8


def test_total_limit_allows_a_slow_body_that_finishes_in_time(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.drip(b'{"a": 1}', interval=0.01))
    assert client.get("/x", cast_to=object, options=RequestOptions(timeout=2.0)) == {"a": 1}


def test_total_budget_rules() -> None:
    assert total_budget(None) is None
    assert total_budget(3) == 3.0
    assert total_budget(httpx.Timeout(10.0, connect=2.0)) == 10.0
    assert total_budget(httpx.Timeout(None)) is None


@pytest.mark.anyio
async def test_async_timeouts(async_client: AsyncExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.drip(b'{"padding": "' + b"x" * 40 + b'"}', interval=0.02))
    with pytest.raises(APITimeoutError):
        await async_client.get(
            "/x", cast_to=object, options=RequestOptions(timeout=0.3, max_retries=0)
        )
    server.reply(Reply.short_body(b"{}", declared_length=100))
    with pytest.raises(APITimeoutError):
        await async_client.get(
            "/x", cast_to=object, options=RequestOptions(timeout=0.1, max_retries=0)
        )
    server.reply(Reply.json({"ok": True}))
    assert await async_client.get("/x", cast_to=object, options=NO_RETRY) == {"ok": True}


def test_a_timed_out_body_releases_its_connection(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.short_body(b"{}", declared_length=100), Reply.json({"ok": True}))
    with pytest.raises(APITimeoutError):
        client.get("/x", cast_to=object, options=RequestOptions(timeout=0.1, max_retries=0))
    server.wait_for_closed(1)  # the half-read connection was closed, not left in the pool
    assert client.get("/x", cast_to=object) == {"ok": True}


class _FullBacklog:
    """A listening socket whose accept queue is full, so new connections hang in connect."""

    def __init__(self) -> None:
        import socket

        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(0)
        self.port = self.listener.getsockname()[1]
        self.fillers: list[socket.socket] = []
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", self.port))
            self.fillers.append(filler)
        time.sleep(0.05)

    def close(self) -> None:
        for sock in [*self.fillers, self.listener]:
            sock.close()


def test_connect_timeout() -> None:
    backlog = _FullBacklog()
    try:
        timeout = httpx.Timeout(5.0, connect=0.2)
        with ExampleClient(
            api_key="k", base_url=f"http://127.0.0.1:{backlog.port}", timeout=timeout
        ) as client:
            start = time.monotonic()
            with pytest.raises(APITimeoutError):
                client.get("/x", cast_to=object, options=NO_RETRY)
            assert time.monotonic() - start < 2
    finally:
        backlog.close()


@pytest.mark.anyio
async def test_async_connect_timeout() -> None:
    backlog = _FullBacklog()
    try:
        timeout = httpx.Timeout(5.0, connect=0.2)
        async with AsyncExampleClient(
            api_key="k", base_url=f"http://127.0.0.1:{backlog.port}", timeout=timeout
        ) as client:
            with pytest.raises(APITimeoutError):
                await client.get("/x", cast_to=object, options=NO_RETRY)
    finally:
        backlog.close()


def test_streams_may_outlast_the_total_limit(client: ExampleClient, server: ScriptedServer) -> None:
    from typed_openai._core import Stream

    chunks = [f'data: {{"n": {i}}}\n\n' for i in range(6)] + ["data: [DONE]\n\n"]
    server.reply(Reply.sse(chunks, delay=0.1))
    stream = client.post(
        "/s",
        cast_to=object,
        stream=True,
        stream_cls=Stream[object],
        options=RequestOptions(timeout=0.4),
    )
    assert len(list(stream)) == 6  # ~0.6 s in total, but no gap reached the 0.4 s read timeout
