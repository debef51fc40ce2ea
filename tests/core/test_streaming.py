"""Stream / AsyncStream against the loopback server: typed items, [DONE], errors, closing, cuts."""

from __future__ import annotations

import time
from typing import Literal

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncStream,
    BaseModel,
    RequestOptions,
    Stream,
)

from .conftest import AsyncExampleClient, ExampleClient


class Chunk(BaseModel):
    id: str
    delta: str


class Created(BaseModel):
    event: Literal["thing.created"]
    data: Chunk


CHUNKS = [
    'data: {"id": "1", "delta": "he"}\n\n',
    'data: {"id": "2", "del',
    'ta": "llo"}\n\n',
    "data: [DONE]\n\n",
]


def _stream(client: ExampleClient, **kwargs: object) -> Stream[Chunk]:
    return client.post(
        "/stream",
        cast_to=Chunk,
        body={"stream": True},
        stream=True,
        stream_cls=Stream[Chunk],
        **kwargs,
    )  # type: ignore[no-any-return]


def test_yields_typed_items_until_done(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.sse([*CHUNKS, 'data: {"id": "after", "delta": ""}\n\n']))
    stream = _stream(client)
    items = list(stream)
    assert items == [Chunk(id="1", delta="he"), Chunk(id="2", delta="llo")]
    assert stream.response.is_closed


def test_chunks_arrive_one_at_a_time(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.sse(CHUNKS, delay=0.4))
    stream = _stream(client)
    start = time.monotonic()
    first = next(stream)
    assert first.id == "1"
    assert time.monotonic() - start < 0.3  # the first item did not wait for the rest
    assert [c.id for c in stream] == ["2"]


def test_item_type_and_raw_items(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.sse(CHUNKS), Reply.sse(CHUNKS))
    typed = client.post("/s", cast_to=object, stream=True, stream_cls=Stream[Chunk])
    assert isinstance(typed, Stream)
    assert [c.delta for c in typed] == ["he", "llo"]
    raw = client.post("/s", cast_to=object, stream=True, stream_cls=Stream[object])
    assert list(raw) == [{"id": "1", "delta": "he"}, {"id": "2", "delta": "llo"}]


def test_event_envelope_mode(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(
        Reply.sse(
            [
                'event: thing.created\ndata: {"id": "1", "delta": "x"}\n\n',
                "event: done\ndata: [DONE]\n\n",
            ]
        )
    )
    stream = client.post(
        "/s", cast_to=object, stream=True, stream_cls=Stream[Created], event_envelope=True
    )
    assert list(stream) == [Created(event="thing.created", data=Chunk(id="1", delta="x"))]


def test_error_object_after_items_raises_api_error(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        Reply.sse(
            [
                'data: {"id": "1", "delta": "a"}\n\n',
                'event: error\ndata: {"error": {"message": "boom", "code": "c"}}\n\n',
            ]
        )
    )
    stream = _stream(client)
    assert next(stream).id == "1"
    with pytest.raises(APIError, match="boom") as info:
        next(stream)
    assert info.value.code == "c"
    assert stream.response.is_closed


def test_error_event_holding_an_item_is_an_item(
    client: ExampleClient, server: ScriptedServer
) -> None:
    # As the official SDK: what fails a stream is a payload holding a non-empty "error", not the
    # event name (the Responses API sends `event: error` with an event of type "error").
    server.reply(
        Reply.sse(
            [
                'event: error\ndata: {"id": "e", "delta": "", "code": "c"}\n\n',
                'data: {"id": "2", "delta": "b", "error": {}}\n\n',
                'data: {"error": "overloaded"}\n\n',
            ]
        )
    )
    stream = _stream(client)
    assert [next(stream).id, next(stream).id] == ["e", "2"]
    with pytest.raises(APIError, match="An error occurred during streaming") as info:
        next(stream)
    assert info.value.body == "overloaded"


def test_every_item_the_server_sends_is_handed_out_whatever_the_query(
    client: ExampleClient, server: ScriptedServer
) -> None:
    # a resume cursor (the Responses API's `starting_after`) is the server's business, as with
    # the official SDK: the stream does not drop what a server replays
    numbered = [f'data: {{"id": "{n}", "delta": "", "sequence_number": {n}}}\n\n' for n in range(5)]
    server.reply(Reply.sse([*numbered, "data: [DONE]\n\n"]))
    resumed = _stream(client, query={"starting_after": 2})
    assert [item.id for item in resumed] == ["0", "1", "2", "3", "4"]


def test_payload_with_error_object_raises(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(
        Reply.sse(['data: {"error": {"message": "overloaded", "type": "server_error"}}\n\n'])
    )
    with pytest.raises(APIError, match="overloaded") as info:
        list(_stream(client))
    assert info.value.type == "server_error"


def test_malformed_json_event_is_a_clear_error(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(["data: {not json\n\n"]))
    with pytest.raises(APIResponseValidationError, match="JSON"):
        list(_stream(client))


def test_stream_cut_mid_way_raises_connection_error(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse([*CHUNKS[:1], 'data: {"id": "2"'], drop=True))
    stream = _stream(client)
    assert next(stream).id == "1"
    with pytest.raises(APIConnectionError):
        next(stream)
    assert stream.response.is_closed


def test_idle_gap_longer_than_read_timeout_raises_timeout(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(CHUNKS[:1], end=False))
    stream = _stream(client, options=RequestOptions(timeout=0.2))
    assert next(stream).id == "1"
    start = time.monotonic()
    with pytest.raises(APITimeoutError):
        next(stream)
    assert 0.15 < time.monotonic() - start < 2


def test_gaps_shorter_than_read_timeout_are_fine(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(CHUNKS, delay=0.1))
    assert len(list(_stream(client, options=RequestOptions(timeout=0.5)))) == 2


def test_close_and_with_release_the_connection(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(CHUNKS[:1], end=False), Reply.sse(CHUNKS[:1], end=False))
    stream = _stream(client)
    next(stream)
    stream.close()
    assert stream.response.is_closed
    server.wait_for_closed(1)
    with _stream(client) as second:
        next(second)
    assert second.response.is_closed
    server.wait_for_closed(2)


def test_final_event_without_blank_line(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.sse(['data: {"id": "1", "delta": "a"}\n\ndata: {"id": "2", "delta": "b"}']))
    assert [c.id for c in _stream(client)] == ["1", "2"]


def test_error_status_before_stream_raises_status_error(
    client: ExampleClient, server: ScriptedServer
) -> None:
    from typed_openai._core import BadRequestError

    server.reply(Reply.json({"error": {"message": "no stream"}}, status=400))
    with pytest.raises(BadRequestError, match="no stream"):
        _stream(client)


# --- async ----------------------------------------------------------------------------------------


async def _astream(client: AsyncExampleClient, **kwargs: object) -> AsyncStream[Chunk]:
    return await client.post(
        "/s", cast_to=Chunk, stream=True, stream_cls=AsyncStream[Chunk], **kwargs
    )  # type: ignore[no-any-return]


@pytest.mark.anyio
async def test_async_yields_typed_items_until_done(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(CHUNKS, delay=0.01))
    stream = await _astream(async_client)
    assert [c async for c in stream] == [Chunk(id="1", delta="he"), Chunk(id="2", delta="llo")]
    assert stream.response.is_closed


@pytest.mark.anyio
async def test_async_default_stream_class(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(CHUNKS))
    stream = await async_client.post("/s", cast_to=object, stream=True)
    assert isinstance(stream, AsyncStream)
    assert [c async for c in stream] == [{"id": "1", "delta": "he"}, {"id": "2", "delta": "llo"}]


def test_a_stream_class_that_is_not_a_class_is_refused(
    client: ExampleClient, server: ScriptedServer
) -> None:
    # a "module:Name" string is not resolved (every caller passes the type itself)
    server.reply(Reply.sse(CHUNKS))
    with pytest.raises(TypeError, match="stream_cls must be a stream class"):
        client.post("/s", cast_to=object, stream=True, stream_cls="tests.core.test_streaming:Chunk")


@pytest.mark.anyio
async def test_async_error_cut_and_timeout(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(['event: error\ndata: {"error": {"message": "bad"}}\n\n']))
    with pytest.raises(APIError, match="bad"):
        [c async for c in await _astream(async_client)]
    server.reply(Reply.sse(CHUNKS[:1], drop=True))
    stream = await _astream(async_client)
    with pytest.raises(APIConnectionError):
        [c async for c in stream]
    assert stream.response.is_closed
    server.reply(Reply.sse(CHUNKS[:1], end=False))
    with pytest.raises(APITimeoutError):
        [c async for c in await _astream(async_client, options=RequestOptions(timeout=0.1))]


@pytest.mark.anyio
async def test_async_with_and_close(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(CHUNKS[:1], end=False), Reply.sse(CHUNKS[:1], end=False))
    async with await _astream(async_client) as stream:
        assert (await stream.__anext__()).id == "1"
    assert stream.response.is_closed
    other = await _astream(async_client)
    await other.__anext__()
    await other.close()
    assert other.response.is_closed
    server.wait_for_closed(2)


@pytest.mark.anyio
async def test_async_envelope(async_client: AsyncExampleClient, server: ScriptedServer) -> None:
    server.reply(
        Reply.sse(['event: thing.created\ndata: {"id": "1", "delta": "x"}\n\n', "data: [DONE]\n\n"])
    )
    stream = await async_client.post(
        "/s", cast_to=object, stream=True, stream_cls=AsyncStream[Created], event_envelope=True
    )
    assert [c async for c in stream] == [
        Created(event="thing.created", data=Chunk(id="1", delta="x"))
    ]


def test_null_error_field_is_not_an_error(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(
        Reply.sse(
            [
                'data: {"id": "1", "delta": "a", "error": null}\n\n',
                'data: {"id": "2", "delta": "say \\"error\\""}\n\n',
            ]
        )
    )
    items = list(_stream(client))
    assert [c.id for c in items] == ["1", "2"]
    assert items[1].delta == 'say "error"'


def test_items_that_do_not_fit_the_model_are_kept_leniently(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(['data: {"id": 7, "new_field": true}\n\n']))
    (item,) = list(_stream(client))
    assert isinstance(item, Chunk)
    assert item.id == 7 and item.new_field is True  # type: ignore[attr-defined]


def test_retryable_status_before_the_stream_is_retried(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"error": {"message": "busy"}}, status=503), Reply.sse(CHUNKS))
    assert [c.id for c in _stream(client)] == ["1", "2"]
    assert [r.headers["x-retry-count"] for r in server.requests] == ["0", "1"]


@pytest.mark.anyio
async def test_async_retry_before_the_stream(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.drop(), Reply.sse(CHUNKS))
    assert [c.id async for c in await _astream(async_client)] == ["1", "2"]


def test_json_instead_of_an_event_stream_is_an_error(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        Reply.json({"error": {"message": "quota", "code": "q"}}), Reply.json({"id": "not a stream"})
    )
    with pytest.raises(APIError, match="quota"):
        list(_stream(client))
    with pytest.raises(APIResponseValidationError, match="event stream"):
        list(_stream(client))


@pytest.mark.anyio
async def test_async_json_instead_of_an_event_stream(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"error": {"message": "quota"}}))
    with pytest.raises(APIError, match="quota"):
        [c async for c in await _astream(async_client)]


def test_invalid_utf8_in_an_event_is_a_clear_error(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse([b'data: {"id": "\xff\xfe", "delta": \xc3\n\n']))
    with pytest.raises(APIResponseValidationError, match="JSON"):
        list(_stream(client))


def test_connection_is_reused_after_a_finished_stream(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(CHUNKS), Reply.sse(CHUNKS), Reply.json({}))
    assert len(list(_stream(client))) == 2
    assert len(list(_stream(client))) == 2
    client.get("/x", cast_to=object)
    assert server.opened == 1


@pytest.mark.anyio
async def test_async_connection_is_reused_after_a_finished_stream(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.sse(CHUNKS), Reply.sse(CHUNKS))
    for _ in range(2):
        assert len([c async for c in await _astream(async_client)]) == 2
    assert server.opened == 1
