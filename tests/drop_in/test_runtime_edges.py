"""Runtime edge cases where code written for the official SDK relies on what it does past the
usual path: ``get_next_page()`` called on the last page, a 200 answer with nothing in it where a
model is due, a stream iterated again after ``close()`` — each run against both packages over the
scripted loopback server.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both
from .test_real_world_apps import chat_chunk, output_message, response_events, response_object
from .test_real_world_h_results import files_page

# --- get_next_page() on the last page ---------------------------------------------------------


def test_get_next_page_called_on_the_last_page(server: ScriptedServer) -> None:
    """Asked for by hand, the page after a has_more=false page is requested (after its last id);
    the empty page the API answers has no next page to ask for."""

    def run(openai: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.dynamic(files_page)
        with client_of(openai, server.url) as client:
            page = client.files.list(limit=5)
            beyond = page.get_next_page()
            try:
                beyond.get_next_page()
                after_empty: Any = "requested"
            except RuntimeError:
                after_empty = "RuntimeError"
            walked = [file.id for file in client.files.list(limit=5)]  # iteration: one page
        queries = [r.query for r in server.requests]
        return page.has_next_page(), [f.id for f in beyond.data], after_empty, walked, queries

    ours, theirs = run_both(run)
    assert theirs[:3] == (False, [], "RuntimeError")
    assert theirs[4][1] == [("limit", "5"), ("after", "file-4")]
    assert len(theirs[4]) == 3
    assert ours == theirs


@pytest.mark.anyio
async def test_async_get_next_page_called_on_the_last_page(server: ScriptedServer) -> None:
    async def run(openai: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.dynamic(files_page)
        async with async_client_of(openai, server.url) as client:
            page = await client.files.list(limit=5)
            beyond = await page.get_next_page()
            walked = [file.id async for file in client.files.list(limit=5)]
        return [f.id for f in beyond.data], walked, [r.query for r in server.requests]

    ours, theirs = await arun_both(run)
    assert theirs[0] == [] and len(theirs[2]) == 3
    assert ours == theirs


# --- an answer with no content-type --------------------------------------------------------------

TRANSCRIPTION = b'{"text": "hello"}'


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"", id="empty"),  # a proxy in front of a self-hosted whisper server
        pytest.param(TRANSCRIPTION, id="json"),
        pytest.param(b"hello", id="text"),
    ],
)
def test_an_answer_without_content_type(server: ScriptedServer, body: bytes) -> None:
    """A 200 with no content-type where a model is due: a body that is JSON is the model, any
    other body its text (``''`` when empty) — no error, as with the official SDK."""

    def run(openai: ModuleType) -> Any:
        server.default = Reply.raw(body, content_type=None)
        with client_of(openai, server.url) as client:
            result = client.audio.transcriptions.create(model="whisper-1", file=("a.wav", b"RIFF"))
            completion = client.chat.completions.create(model="gpt-4o", messages=[])
        return type(result).__name__, repr(result), repr(completion)[:40]

    ours, theirs = run_both(run)
    if body != TRANSCRIPTION:
        assert theirs[1] == repr(body.decode())
    assert ours == theirs


@pytest.mark.anyio
async def test_async_empty_answer_without_content_type(server: ScriptedServer) -> None:
    async def run(openai: ModuleType) -> Any:
        server.default = Reply.empty(200)
        async with async_client_of(openai, server.url) as client:
            return await client.audio.transcriptions.create(
                model="whisper-1", file=("a.wav", b"RIFF")
            )

    ours, theirs = await arun_both(run)
    assert ours == theirs == ""


# --- a stream iterated again after close() ---------------------------------------------------


def in_one_write(events: list[Any]) -> Reply:
    """An event stream whose events (then ``[DONE]``) come in one write: all of it has arrived
    once the first event has been read, so what "already received" means does not hang on
    timing."""
    text = "".join(
        f"event: {event[0]}\ndata: {json.dumps(event[1])}\n\n"
        if isinstance(event, tuple)
        else f"data: {json.dumps(event)}\n\n"
        for event in events
    )
    return Reply.sse([text + "data: [DONE]\n\n"])


def chat_chunks(*pieces: str) -> list[Any]:
    chunks = [chat_chunk({"role": "assistant", "content": ""})]
    chunks += [chat_chunk({"content": piece}) for piece in pieces]
    return [*chunks, chat_chunk({}, finish_reason="stop")]


def test_stream_iterated_after_close(server: ScriptedServer) -> None:
    """``close()`` mid-loop, then the rest drained: the chunks already received still come."""

    def run(openai: ModuleType) -> Any:
        server.reply(in_one_write(chat_chunks("a", "b")))
        with client_of(openai, server.url) as client:
            stream = client.chat.completions.create(model="gpt-4o", messages=[], stream=True)
            next(iter(stream))
            stream.close()
            return [c.choices[0].delta.content for c in stream], stream.response.is_closed

    ours, theirs = run_both(run)
    assert theirs == (["a", "b", None], True)
    assert ours == theirs


@pytest.mark.anyio
async def test_async_stream_iterated_after_close(server: ScriptedServer) -> None:
    async def run(openai: ModuleType) -> Any:
        server.reply(in_one_write(chat_chunks("a", "b")))
        async with async_client_of(openai, server.url) as client:
            stream = await client.chat.completions.create(model="gpt-4o", messages=[], stream=True)
            await stream.__anext__()
            await stream.close()
            return [c.choices[0].delta.content async for c in stream]

    ours, theirs = await arun_both(run)
    assert theirs == ["a", "b", None]
    assert ours == theirs


def test_helper_streams_iterated_after_close(server: ScriptedServer) -> None:
    """The same with the helper streams (``chat.completions.stream``, ``responses.stream``)."""

    def run(openai: ModuleType) -> Any:
        server.reply(in_one_write(chat_chunks("a")))
        message = output_message("hello")
        server.reply(in_one_write(response_events(response_object([message]), message)))
        with client_of(openai, server.url) as client:
            with client.chat.completions.stream(model="gpt-4o", messages=[]) as chat:
                next(iter(chat))
                chat.close()
                chat_events = [event.type for event in chat]
            with client.responses.stream(model="gpt-4.1", input="hi") as response:
                next(iter(response))
                response.close()
                response_types = [event.type for event in response]
        return chat_events, response_types

    ours, theirs = run_both(run)
    assert theirs[0][-1] == "content.done" and theirs[1][-1] == "response.completed"
    assert ours == theirs


def test_stream_closed_before_the_rest_arrived(server: ScriptedServer) -> None:
    """Deliberate difference: iterated after ``close()`` past what had arrived, the official SDK
    goes on reading the closed connection and raises (``APIConnectionError``; httpx's
    ``StreamClosed`` when iteration had not begun); typed_openai's stream just ends there — the
    caller closed it, nothing failed."""

    def run(openai: ModuleType) -> Any:
        first, *rest = [f"data: {json.dumps(chunk)}\n\n" for chunk in chat_chunks("a", "b")]
        outcomes: list[Any] = []
        with client_of(openai, server.url) as client:
            for read_first in (True, False):
                later = "".join(rest) + "data: [DONE]\n\n"
                server.reply(Reply.sse([first, later], delay=[0.0, 0.5]))
                stream = client.chat.completions.create(model="gpt-4o", messages=[], stream=True)
                if read_first:
                    next(iter(stream))
                stream.close()
                try:
                    outcomes.append([c.choices[0].delta.content for c in stream])
                except Exception as error:
                    outcomes.append(type(error).__name__)
        return outcomes

    ours, theirs = run_both(run)
    assert theirs == ["APIConnectionError", "StreamClosed"]
    assert ours == [[], []]
