"""``DefaultAioHttpClient``: the async engine over aiohttp behaves as over httpx's own transport.

Against the real loopback server: bodies (JSON, multipart, gzip), SSE streams, headers as sent
(none of aiohttp's own), retries, and every failure translated to the client's errors.
"""

from __future__ import annotations

import gzip
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import (
    APIConnectionError,
    APITimeoutError,
    AsyncStream,
    DefaultAioHttpClient,
    NotFoundError,
)

from .conftest import SECRET, AsyncExampleClient, AsyncThings, Thing


@pytest.fixture
async def aio_client(server: ScriptedServer) -> AsyncIterator[AsyncExampleClient]:
    async with AsyncExampleClient(
        api_key=SECRET,
        base_url=server.url + "/v1",
        http_client=DefaultAioHttpClient(),
        max_retries=0,
    ) as client:
        yield client


@pytest.mark.anyio
async def test_a_json_call_and_the_headers_sent(
    aio_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "t1", "name": "n"}, headers={"x-request-id": "req_aio"}))
    thing = await AsyncThings(aio_client).retrieve("t1", extra_headers={"X-Extra": "e"})
    assert thing == Thing(id="t1", name="n") and thing._request_id == "req_aio"
    request = server.requests[0]
    assert (request.method, request.path) == ("GET", "/v1/things/t1")
    assert request.headers["authorization"] == f"Bearer {SECRET}"
    assert request.headers["user-agent"] == "example-client/1.0"  # ours, not aiohttp's
    assert request.headers["x-extra"] == "e"
    assert "content-length" not in request.headers  # a GET without a body


@pytest.mark.anyio
async def test_json_and_multipart_bodies(
    aio_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"ok": 1}), Reply.json({"ok": 2}))
    assert await aio_client.post("/things", cast_to=object, body={"a": [1, 2]}) == {"ok": 1}
    assert server.requests[0].json() == {"a": [1, 2]}
    assert await aio_client.post(
        "/files", cast_to=object, body={"purpose": "p"}, files={"file": ("a.txt", b"abc")}
    ) == {"ok": 2}
    upload = server.requests[1]
    assert upload.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="purpose"\r\n\r\np\r\n' in upload.body
    assert b'filename="a.txt"' in upload.body and b"\r\n\r\nabc\r\n" in upload.body


@pytest.mark.anyio
async def test_a_gzip_body_is_decoded_by_httpx(
    aio_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    body = gzip.compress(json.dumps({"id": "z"}).encode())
    server.reply(
        Reply.raw(body, headers={"content-encoding": "gzip"}, content_type="application/json")
    )
    assert await aio_client.get("/z", cast_to=object) == {"id": "z"}


@pytest.mark.anyio
async def test_an_sse_stream(aio_client: AsyncExampleClient, server: ScriptedServer) -> None:
    server.reply(
        Reply.sse(['data: {"id": "a"}\n\n', 'data: {"id"', ': "b"}\n\n', "data: [DONE]\n\n"])
    )
    stream: Any = await aio_client.post(
        "/s", cast_to=object, body={}, stream=True, stream_cls=AsyncStream[Thing]
    )
    assert [item.id async for item in stream] == ["a", "b"]


@pytest.mark.anyio
async def test_status_errors_and_retries(server: ScriptedServer) -> None:
    server.reply(Reply.json({}, status=503), Reply.json({"id": "r"}), Reply.json({}, status=404))
    async with AsyncExampleClient(
        api_key=SECRET, base_url=server.url, http_client=DefaultAioHttpClient(), max_retries=1
    ) as client:
        assert await client.get("/r", cast_to=object) == {"id": "r"}
        with pytest.raises(NotFoundError):
            await client.get("/missing", cast_to=object)
    assert len(server.requests) == 3


@pytest.mark.anyio
async def test_failures_become_the_clients_errors(
    aio_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.drop(), Reply.drop_mid_body(), Reply.hang())
    # closed before any response: a timeout (an APIConnectionError), as the SDK's aiohttp client
    with pytest.raises(APITimeoutError):
        await aio_client.get("/dropped", cast_to=object)
    with pytest.raises(APIConnectionError) as cut:
        await aio_client.get("/cut", cast_to=object)
    assert not isinstance(cut.value, APITimeoutError)
    with pytest.raises(APITimeoutError):
        await aio_client.get("/slow", cast_to=object, options={"timeout": 0.3})
    # one request each: aiohttp's own silent re-send of a dropped idempotent request is off
    assert [r.path for r in server.requests] == ["/v1/dropped", "/v1/cut", "/v1/slow"]


@pytest.mark.anyio
async def test_a_refused_connection_is_a_timeout_as_in_the_sdk() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with AsyncExampleClient(
        api_key=SECRET,
        base_url=f"http://127.0.0.1:{port}",
        http_client=DefaultAioHttpClient(),
        max_retries=0,
    ) as client:
        with pytest.raises(APITimeoutError, match="Request timed out"):
            await client.get("/x", cast_to=object)


def test_options_that_shape_httpx_transports_are_refused() -> None:
    with pytest.raises(TypeError, match="proxy configure httpx's own transport"):
        DefaultAioHttpClient(proxy="http://127.0.0.1:1")
