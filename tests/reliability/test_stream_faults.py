"""Streams that go wrong, through the public client, sync and async: an ``error`` event, an error
payload, a malformed ``data:`` line, an end without ``[DONE]``, a cut or reset, a stall, and a
consumer that stops early. Every time the right error (or a clean end), and the connection is
given back: the server sees its socket close when the stream was left unfinished, and the pool
has no connection checked out."""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio
import httpx
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai import (
    APIConnectionError,
    APIError,
    APITimeoutError,
)
from typed_openai._core._errors import JSONBodyDecodeError

from .conftest import SECRET, FastAsyncOpenAI, FastOpenAI, pool_state, reset_mid_stream


def _chunk(n: int) -> str:
    payload = {
        "id": f"c{n}",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": f"t{n}"}, "finish_reason": None}],
    }
    return f"data: {json.dumps(payload)}\n\n"


MESSAGES: Any = [{"role": "user", "content": "hi"}]
STALL = httpx.Timeout(0.3, connect=1.0)


@dataclass(frozen=True)
class StreamFault:
    name: str
    reply: Callable[[], Reply]
    error: type[Exception] | None  # None: the stream just ends
    says: str = ""
    server_sees_close: bool = True


FAULTS = [
    StreamFault(
        "error-event",
        lambda: Reply.sse(
            [_chunk(1), 'event: error\ndata: {"error": {"message": "overloaded"}}\n\n'], end=False
        ),
        APIError,
        "overloaded",
    ),
    StreamFault(
        "error-payload",
        lambda: Reply.sse(
            [_chunk(1), 'data: {"error": {"message": "quota", "type": "x"}}\n\n'], end=False
        ),
        APIError,
        "quota",
    ),
    StreamFault(
        "malformed-data",
        lambda: Reply.sse([_chunk(1), 'data: {"id": "c2", "choi\n\n'], end=False),
        JSONBodyDecodeError,
        "could not decode",
    ),
    StreamFault(
        "non-json-data",
        lambda: Reply.sse([_chunk(1), "data: <html>oops</html>\n\n"], end=False),
        JSONBodyDecodeError,
        "could not decode",
    ),
    StreamFault(
        "ends-without-done",
        lambda: Reply.sse([_chunk(1), _chunk(2)]),
        None,
        server_sees_close=False,  # the body was complete: the connection may be reused
    ),
    StreamFault(
        "cut-without-done",
        lambda: Reply.sse([_chunk(1), 'data: {"id"'], drop=True),
        APIConnectionError,
        "connection error",
    ),
    StreamFault("reset-mid-stream", lambda: reset_mid_stream([_chunk(1)]), APIConnectionError),
    StreamFault("stalled", lambda: Reply.sse([_chunk(1)], end=False), APITimeoutError, "timed out"),
]


def _after(server: ScriptedServer, client: Any, fault: StreamFault) -> None:
    if fault.server_sees_close:
        server.wait_for_closed(1, timeout=3)
    assert pool_state(client)[1] == 0


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_stream_fault(server: ScriptedServer, fault: StreamFault) -> None:
    server.reply(fault.reply())
    client = FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", timeout=STALL)
    stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    seen: list[str] = []
    start = time.monotonic()
    if fault.error is None:
        seen = [chunk.id for chunk in stream]
        assert seen == ["c1", "c2"]
    else:
        with pytest.raises(fault.error) as info:
            seen.extend(chunk.id for chunk in stream)
        assert type(info.value) is fault.error
        assert fault.says in str(info.value).lower()
        assert seen == ["c1"]  # what arrived before the fault was delivered
    assert time.monotonic() - start < 3
    assert stream.response.is_closed
    _after(server, client, fault)
    client.close()


@pytest.mark.anyio
@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
async def test_async_stream_fault(server: ScriptedServer, fault: StreamFault) -> None:
    server.reply(fault.reply())
    client = FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1", timeout=STALL)
    stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    seen: list[str] = []
    with anyio.fail_after(5):
        if fault.error is None:
            seen = [chunk.id async for chunk in stream]
            assert seen == ["c1", "c2"]
        else:
            with pytest.raises(fault.error) as info:
                async for chunk in stream:
                    seen.append(chunk.id)
            assert type(info.value) is fault.error
            assert fault.says in str(info.value).lower()
            assert seen == ["c1"]
    assert stream.response.is_closed
    await anyio.to_thread.run_sync(_after, server, client, fault)
    await client.close()


# --- the consumer stops early --------------------------------------------------------------------

OPEN_ENDED = [_chunk(1), _chunk(2), _chunk(3)]


def test_break_inside_with_closes(server: ScriptedServer) -> None:
    server.reply(Reply.sse(OPEN_ENDED, end=False))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with client.chat.completions.create(model="m", messages=MESSAGES, stream=True) as stream:
            for _chunk_item in stream:
                break
        server.wait_for_closed(1, timeout=3)
        assert pool_state(client) == (0, 0)


def test_break_then_close_closes(server: ScriptedServer) -> None:
    server.reply(Reply.sse(OPEN_ENDED, end=False))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        assert next(iter(stream)).id == "c1"
        assert pool_state(client)[1] == 1  # still reading
        stream.close()
        server.wait_for_closed(1, timeout=3)
        assert pool_state(client)[1] == 0


def test_break_and_drop_the_stream_closes(server: ScriptedServer) -> None:
    """A consumer that neither closes nor uses ``with``: dropping the stream releases it."""
    server.reply(Reply.sse(OPEN_ENDED, end=False))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:

        def consume_first() -> str:
            stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            for chunk in stream:
                return chunk.id
            raise AssertionError("empty stream")

        assert consume_first() == "c1"
        gc.collect()
        server.wait_for_closed(1, timeout=3)
        assert pool_state(client)[1] == 0


def test_streaming_response_context_left_early_closes(server: ScriptedServer) -> None:
    server.reply(Reply.sse(OPEN_ENDED, end=False))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with client.chat.completions.with_streaming_response.create(
            model="m", messages=MESSAGES, stream=True
        ) as response:
            assert response.status_code == 200
        server.wait_for_closed(1, timeout=3)
        assert pool_state(client)[1] == 0


@pytest.mark.anyio
async def test_async_break_inside_async_with_closes(server: ScriptedServer) -> None:
    server.reply(Reply.sse(OPEN_ENDED, end=False))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        async with stream:
            async for _chunk_item in stream:
                break
        await anyio.to_thread.run_sync(lambda: server.wait_for_closed(1, timeout=3))
        assert pool_state(client)[1] == 0


@pytest.mark.anyio
async def test_async_break_then_close_closes(server: ScriptedServer) -> None:
    server.reply(Reply.sse(OPEN_ENDED, end=False))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        async for chunk in stream:
            assert chunk.id == "c1"
            break
        await stream.close()
        await anyio.to_thread.run_sync(lambda: server.wait_for_closed(1, timeout=3))
        assert pool_state(client)[1] == 0


@pytest.mark.anyio
async def test_async_cancelled_consumer_closes(server: ScriptedServer) -> None:
    """A task cancelled while waiting for the next event (a timeout in the caller) releases it."""
    server.reply(Reply.sse(OPEN_ENDED, end=False))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        with anyio.move_on_after(0.3):
            async with stream:
                async for _chunk_item in stream:
                    pass
        await anyio.to_thread.run_sync(lambda: server.wait_for_closed(1, timeout=3))
        assert pool_state(client)[1] == 0


@pytest.mark.anyio
async def test_async_break_and_drop_the_stream_closes(server: ScriptedServer) -> None:
    """No ``close``, no ``async with``: the event loop finalizes the dropped stream."""
    server.reply(Reply.sse(OPEN_ENDED, end=False))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:

        async def consume_first() -> str:
            stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            async for chunk in stream:
                return chunk.id
            raise AssertionError("empty stream")

        assert await consume_first() == "c1"
        gc.collect()
        await anyio.sleep(0.05)  # the loop runs the finalizer it was handed
        await anyio.to_thread.run_sync(lambda: server.wait_for_closed(1, timeout=3))
        assert pool_state(client)[1] == 0


# --- an error status answering a streaming call ----------------------------------------------------

SLOW_ERROR = b'{"error": {"message": "overloaded, try later", "type": "server_error"}}'


@pytest.mark.parametrize("status", [400, 500])
def test_a_dripping_error_body_on_a_streaming_call_is_bounded(
    server: ScriptedServer, status: int
) -> None:
    """The error body of a streaming call is read under the same total limit as any body."""
    server.default = Reply.drip(SLOW_ERROR, interval=0.05, status=status)  # ~3.5 s
    client = FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", timeout=0.5, max_retries=1)
    start = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    assert time.monotonic() - start < 2.5
    assert pool_state(client)[1] == 0
    client.close()


@pytest.mark.anyio
async def test_async_dripping_error_body_on_a_streaming_call_is_bounded(
    server: ScriptedServer,
) -> None:
    server.default = Reply.drip(SLOW_ERROR, interval=0.05, status=429)
    client = FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1", timeout=0.5)
    with anyio.fail_after(5), pytest.raises(APITimeoutError):
        await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    assert pool_state(client)[1] == 0
    await client.close()


@pytest.mark.parametrize("client_class", [FastOpenAI, FastAsyncOpenAI])
def test_a_retried_error_on_a_streaming_call_keeps_the_connection(
    server: ScriptedServer, client_class: Any
) -> None:
    """The small error body is read before retrying, so the keep-alive connection is reused."""
    server.reply(Reply.json({"error": {"message": "busy"}}, status=503), Reply.sse([_chunk(1)]))

    async def run_async() -> list[str]:
        async with client_class(api_key=SECRET, base_url=server.url + "/v1") as client:
            stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            return [chunk.id async for chunk in stream]

    if client_class is FastOpenAI:
        with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
            ids = [
                c.id
                for c in client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            ]
    else:
        ids = anyio.run(run_async)
    assert ids == ["c1"]
    first, second = server.requests
    assert first.connection_id == second.connection_id
    assert server.opened == 1


def test_a_dripping_json_reply_to_a_streaming_call_is_bounded(server: ScriptedServer) -> None:
    """A 200 with JSON instead of an event stream is read under the total limit too."""
    server.reply(Reply.drip(SLOW_ERROR, interval=0.05))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", timeout=0.5) as client:
        stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        start = time.monotonic()
        with pytest.raises(APITimeoutError):
            list(stream)
        assert time.monotonic() - start < 2
        assert stream.response.is_closed
        assert pool_state(client)[1] == 0


@pytest.mark.anyio
async def test_async_dripping_json_reply_to_a_streaming_call_is_bounded(
    server: ScriptedServer,
) -> None:
    server.reply(Reply.drip(SLOW_ERROR, interval=0.05))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1", timeout=0.5) as c:
        stream = await c.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        with anyio.fail_after(2), pytest.raises(APITimeoutError):
            [chunk async for chunk in stream]
        assert pool_state(c)[1] == 0


def test_a_quick_json_reply_to_a_streaming_call_still_raises_its_error(
    server: ScriptedServer,
) -> None:
    server.reply(Reply.raw(SLOW_ERROR, content_type="application/json"))
    with (
        FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", timeout=0.5) as client,
        pytest.raises(APIError, match="overloaded"),
    ):
        list(client.chat.completions.create(model="m", messages=MESSAGES, stream=True))


@pytest.mark.parametrize("client_class", [FastOpenAI, FastAsyncOpenAI])
def test_a_corrupt_compressed_stream_is_a_connection_error(
    server: ScriptedServer, client_class: Any
) -> None:
    server.reply(Reply.sse(["not gzip at all"], headers={"content-encoding": "gzip"}))

    async def run_async() -> None:
        async with client_class(api_key=SECRET, base_url=server.url + "/v1") as client:
            stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            with pytest.raises(APIConnectionError) as info:
                [chunk async for chunk in stream]
            assert "decompress" in str(info.value.__cause__)
            assert pool_state(client)[1] == 0

    if client_class is FastOpenAI:
        with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
            stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            with pytest.raises(APIConnectionError) as info:
                list(stream)
            assert "decompress" in str(info.value.__cause__)
            assert pool_state(client)[1] == 0
    else:
        anyio.run(run_async)
