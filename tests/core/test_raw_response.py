"""`.with_raw_response` / `.with_streaming_response` wrappers on generated-style resources."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import (
    APIResponse,
    AsyncAPIResponse,
    AsyncCursorPage,
    AsyncStream,
    NotFoundError,
    RawAPIResponse,
    Stream,
    SyncCursorPage,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)

from .conftest import AsyncExampleClient, AsyncThings, ExampleClient, Thing, Things


class ThingsWithRawResponse:
    """What the generator emits per resource."""

    def __init__(self, things: Things) -> None:
        self.retrieve = to_raw_response_wrapper(things.retrieve)


class ThingsWithStreamingResponse:
    def __init__(self, things: Things) -> None:
        self.retrieve = to_streamed_response_wrapper(things.retrieve)


def test_raw_response_exposes_headers_status_and_parse(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "t1"}, headers={"x-request-id": "req_1", "x-custom": "c"}))
    response = ThingsWithRawResponse(Things(client)).retrieve("t1")
    assert isinstance(response, RawAPIResponse)
    assert response.status_code == 200
    assert response.headers["x-custom"] == "c"
    assert response.request_id == "req_1"
    assert response.http_response.is_closed  # body already read
    assert response.retries_taken == 0
    assert response.method == "GET" and response.url.path == "/v1/things/t1"
    thing = response.parse()
    assert thing == Thing(id="t1")
    assert response.parse() is thing  # parsed once
    assert response.json() == {"id": "t1"}
    assert response.parse(to=dict) == {"id": "t1"}
    # as on the official SDK's raw responses: the body as properties
    assert response.content == b'{"id": "t1"}'
    assert response.text == '{"id": "t1"}'


def test_raw_response_counts_retries_and_still_raises_status_errors(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({}, status=500), Reply.json({"id": "t"}), Reply.json({}, status=404))
    wrapped = ThingsWithRawResponse(Things(client)).retrieve
    assert wrapped("t").retries_taken == 1
    with pytest.raises(NotFoundError):
        wrapped("t")


def test_wrapper_mode_does_not_leak_into_later_calls(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "a"}), Reply.json({"id": "b"}))
    ThingsWithRawResponse(Things(client)).retrieve("a")
    assert Things(client).retrieve("b") == Thing(id="b")


def test_raw_response_of_a_stream_and_a_page(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(
        Reply.sse(['data: {"id": "s1"}\n\n', "data: [DONE]\n\n"]),
        Reply.json({"data": [{"id": "p1"}], "has_more": False}),
    )
    raw_stream = to_raw_response_wrapper(client.post)(
        "/s", cast_to=object, stream=True, stream_cls=Stream[Thing]
    )
    assert isinstance(raw_stream, RawAPIResponse)
    stream: Any = raw_stream.parse()
    assert isinstance(stream, Stream) and list(stream) == [Thing(id="s1")]
    raw_page = to_raw_response_wrapper(client.get_api_list)("/l", page=SyncCursorPage[Thing])
    assert isinstance(raw_page, RawAPIResponse)
    page: Any = raw_page.parse()
    assert isinstance(page, SyncCursorPage) and page.data == [Thing(id="p1")]


def test_streaming_response_reads_lazily_and_closes_on_exit(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(["line one\n", "line two\n"], delay=0.05))
    with ThingsWithStreamingResponse(Things(client)).retrieve("t") as response:
        assert isinstance(response, APIResponse)
        assert not response.http_response.is_closed
        assert list(response.iter_lines()) == ["line one", "line two"]
    assert response.http_response.is_closed
    # as on the official SDK's streamed responses (once the body is read)
    assert response.http_version == "HTTP/1.1"
    assert response.elapsed.total_seconds() >= 0.05


def test_streaming_response_iter_bytes_and_parse(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "x"}), Reply.raw(b"0123456789"))
    with to_streamed_response_wrapper(Things(client).retrieve)("x") as response:
        assert response.parse() == Thing(id="x")
    with to_streamed_response_wrapper(client.get)("/bin", cast_to=bytes) as response:
        assert b"".join(response.iter_bytes(4)) == b"0123456789"


@pytest.mark.anyio
async def test_async_raw_response(async_client: AsyncExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.json({"id": "t1"}, headers={"x-request-id": "r"}))
    response = await async_to_raw_response_wrapper(AsyncThings(async_client).retrieve)("t1")
    assert isinstance(response, RawAPIResponse)
    assert response.request_id == "r"
    # the body was read before the call returned: parse() is synchronous, as in the official SDK
    thing = response.parse()
    assert thing == Thing(id="t1")
    assert response.parse() is thing
    assert response.json() == {"id": "t1"}
    assert response.parse(to=dict) == {"id": "t1"}
    assert response.text == response.content.decode() and response.http_response.is_closed


@pytest.mark.anyio
async def test_async_raw_stream_and_page(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        Reply.sse(['data: {"id": "s1"}\n\n', "data: [DONE]\n\n"]),
        Reply.json({"data": [{"id": "p1"}], "has_more": False}),
    )
    raw = await async_to_raw_response_wrapper(async_client.post)(
        "/s", cast_to=object, stream=True, stream_cls=AsyncStream[Thing]
    )
    stream: Any = raw.parse()
    assert isinstance(stream, AsyncStream) and [t async for t in stream] == [Thing(id="s1")]

    async def list_things() -> Any:
        return await async_client.get_api_list("/l", page=AsyncCursorPage[Thing])

    raw_page = await async_to_raw_response_wrapper(list_things)()
    page: Any = raw_page.parse()
    assert isinstance(page, AsyncCursorPage) and page.data == [Thing(id="p1")]


@pytest.mark.anyio
async def test_async_streaming_response(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(["a\n", "b\n"], delay=0.02))
    async with async_to_streamed_response_wrapper(AsyncThings(async_client).retrieve)(
        "t"
    ) as response:
        assert not response.http_response.is_closed
        assert [line async for line in response.iter_lines()] == ["a", "b"]
    assert response.http_response.is_closed
    assert response.http_version == "HTTP/1.1"
    assert response.elapsed.total_seconds() >= 0.02


@pytest.mark.anyio
async def test_async_streaming_response_keeps_an_async_parse(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "s"}))
    async with async_to_streamed_response_wrapper(AsyncThings(async_client).retrieve)(
        "s"
    ) as response:
        assert isinstance(response, AsyncAPIResponse)
        pending = response.parse()
        assert inspect.iscoroutine(pending)
        assert await pending == Thing(id="s")


@pytest.mark.anyio
async def test_async_raw_response_of_a_binary_body_is_read_and_writable(
    async_client: AsyncExampleClient, server: ScriptedServer, tmp_path: Path
) -> None:
    server.reply(Reply.raw(b"0123456789"))
    raw = await async_to_raw_response_wrapper(async_client.get)("/bin", cast_to=bytes)
    assert raw.parse() == b"0123456789"
    assert list(raw.iter_bytes(4)) == [b"0123", b"4567", b"89"]
    raw.write_to_file(tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == b"0123456789"
    raw.close()  # already released: nothing to do, no error
