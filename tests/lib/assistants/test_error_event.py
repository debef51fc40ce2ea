"""An Assistants stream's ``event: error``, against the official SDK (used only as an oracle).

The same bytes go to both clients over loopback. An ``event: error`` whose payload is the error
object is an ``ErrorEvent`` item, and the stream goes on; a payload holding a non-empty
``"error"`` raises ``APIError`` (message and body from it); a ``thread.*`` event never raises.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import openai
import pytest

from tests.lib.assistants import streams as S
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib.streaming.assistants import (
    AssistantEventHandler,
    AsyncAssistantEventHandler,
)
from typed_openai.types.beta.assistant_stream_event import ErrorEvent

ERROR_OBJECT = {"message": "The server had an error", "code": "server_error"}

PAYLOADS = {
    "error object": f'event: error\ndata: {{"message": "{ERROR_OBJECT["message"]}", '
    f'"code": "{ERROR_OBJECT["code"]}"}}\n\n',
    "wrapped error": 'event: error\ndata: {"error": {"message": "wrapped", "code": "c"}}\n\n',
    "error string": 'event: error\ndata: {"error": "overloaded", "message": "m"}\n\n',
    "thread event with an error field": (
        'event: thread.run.created\ndata: {"id": "run_2", "error": {"message": "x"}}\n\n'
    ),
}

# every stream=True call that reads the Assistants envelope
CALLS: dict[str, Callable[[Any], Any]] = {
    "runs.create": lambda client: client.beta.threads.runs.create(
        thread_id=S.THREAD, assistant_id=S.ASSISTANT, stream=True
    ),
    "runs.submit_tool_outputs": lambda client: client.beta.threads.runs.submit_tool_outputs(
        thread_id=S.THREAD, run_id="run_1", tool_outputs=[], stream=True
    ),
    "threads.create_and_run": lambda client: client.beta.threads.create_and_run(
        assistant_id=S.ASSISTANT, stream=True
    ),
}


def _body(payload: str) -> list[bytes]:
    # run events before and after: the stream must go on past an error item
    after = S.sse_body([("thread.run.in_progress", S.run("in_progress"))])
    return [S.sse_body(S.run_start(), done=False), payload.encode(), after]


def _item(event: Any) -> tuple[Any, ...]:
    return (event.event, event.data.model_dump(mode="json", exclude_unset=True))


def _failure(exc: Exception) -> tuple[Any, ...]:
    return (type(exc).__name__, getattr(exc, "message", None), getattr(exc, "body", None))


def _collect(events: Any) -> tuple[list[Any], Any]:
    items: list[Any] = []
    try:
        for event in events:
            items.append(_item(event))
    except Exception as exc:
        return items, _failure(exc)
    return items, None


async def _acollect(events: Any) -> tuple[list[Any], Any]:
    items: list[Any] = []
    try:
        async for event in events:
            items.append(_item(event))
    except Exception as exc:
        return items, _failure(exc)
    return items, None


def _run(server: ScriptedServer, client: Any, call: str, payload: str) -> tuple[list[Any], Any]:
    server.reply(Reply.sse(_body(payload)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the SDK deprecates Assistants
        with client:
            return _collect(CALLS[call](client))


async def _arun(
    server: ScriptedServer, client: Any, call: str, payload: str
) -> tuple[list[Any], Any]:
    server.reply(Reply.sse(_body(payload)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        async with client:
            return await _acollect(await CALLS[call](client))


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_same_items_and_errors_as_the_sdk(server: ScriptedServer, call: str, payload: str) -> None:
    ours = _run(server, OpenAI(api_key="k", base_url=server.url), call, PAYLOADS[payload])
    theirs = _run(server, openai.OpenAI(api_key="k", base_url=server.url), call, PAYLOADS[payload])
    assert ours == theirs
    items, failure = ours
    if payload == "error object":
        assert ("error", ERROR_OBJECT) in items and items[-1][0] == "thread.run.in_progress"
        assert failure is None
    elif payload == "thread event with an error field":
        assert failure is None
    else:
        assert failure is not None and failure[0] == "APIError"


@pytest.mark.anyio
@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
async def test_same_items_and_errors_as_the_sdk_async(
    server: ScriptedServer, call: str, payload: str
) -> None:
    ours = await _arun(
        server, AsyncOpenAI(api_key="k", base_url=server.url), call, PAYLOADS[payload]
    )
    theirs = await _arun(
        server, openai.AsyncOpenAI(api_key="k", base_url=server.url), call, PAYLOADS[payload]
    )
    assert ours == theirs


# --- through the event handler ------------------------------------------------------------------
#
# The SDK's stream helpers (runs.stream, create_and_run_stream, ...) do not ask its engine for the
# {"event", "data"} envelope that create(stream=True) gets, so their error event reaches
# `on_event` as a malformed `ThreadCreated` (no `event`, no `data`). Ours is the `ErrorEvent` that
# create(stream=True) yields in both clients; every other hook call is the same.

Recording = S.recording_class(AssistantEventHandler)
AsyncRecording = S.recording_class(AsyncAssistantEventHandler, is_async=True)
SdkRecording = S.recording_class(openai.AssistantEventHandler)
AsyncSdkRecording = S.recording_class(openai.AsyncAssistantEventHandler, is_async=True)


def _as_sdk_sees_it(calls: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [("on_event", None) if call == ("on_event", "error") else call for call in calls]


def _handler_run(server: ScriptedServer, client: Any, handler: Any) -> Any:
    server.reply(Reply.sse(_body(PAYLOADS["error object"])))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with (
            client,
            client.beta.threads.runs.stream(
                thread_id=S.THREAD, assistant_id=S.ASSISTANT, event_handler=handler
            ) as stream,
        ):
            events = list(stream)
    return events, handler.calls


async def _ahandler_run(server: ScriptedServer, client: Any, handler: Any) -> Any:
    server.reply(Reply.sse(_body(PAYLOADS["error object"])))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        async with (
            client,
            client.beta.threads.runs.stream(
                thread_id=S.THREAD, assistant_id=S.ASSISTANT, event_handler=handler
            ) as stream,
        ):
            events = [event async for event in stream]
    return events, handler.calls


def _assert_error_event(events: list[Any], calls: list[tuple[Any, ...]]) -> None:
    (error,) = [event for event in events if event.event == "error"]
    assert isinstance(error, ErrorEvent)
    assert error.data.model_dump(exclude_unset=True) == ERROR_OBJECT
    assert events[-1].event == "thread.run.in_progress"  # read on past the error
    assert ("on_event", "error") in calls and calls[-1] == ("on_end",)
    assert not [call for call in calls if call[0] == "on_exception"]


def test_handler_sees_an_error_event_and_reads_on(server: ScriptedServer) -> None:
    events, calls = _handler_run(server, OpenAI(api_key="k", base_url=server.url), Recording())
    _assert_error_event(events, calls)
    _, sdk_calls = _handler_run(
        server, openai.OpenAI(api_key="k", base_url=server.url), SdkRecording()
    )
    assert _as_sdk_sees_it(calls) == sdk_calls


@pytest.mark.anyio
async def test_async_handler_sees_an_error_event_and_reads_on(server: ScriptedServer) -> None:
    events, calls = await _ahandler_run(
        server, AsyncOpenAI(api_key="k", base_url=server.url), AsyncRecording()
    )
    _assert_error_event(events, calls)
    _, sdk_calls = await _ahandler_run(
        server, openai.AsyncOpenAI(api_key="k", base_url=server.url), AsyncSdkRecording()
    )
    assert _as_sdk_sees_it(calls) == sdk_calls
