"""Real-world sweep X, wrappers that hand their callers' arguments on: a streaming endpoint that
forwards ``**kwargs`` to ``responses.stream`` (a resume without its id, a new response without
its input or model, both at once) and reports the error it gets — programs written for the
official SDK, run unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    chat_chunk,
    output_message,
    response_events,
    response_object,
    sse,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


class Answer(BaseModel):
    text: str


def stream_text(client: Any, **kwargs: Any) -> Any:
    """A service's helper: stream with whatever the caller configured; the text, or the error
    for the caller's log."""
    try:
        with client.responses.stream(**kwargs) as stream:
            return "".join(e.delta for e in stream if e.type == "response.output_text.delta")
    except ValueError as exc:
        return ("ValueError", str(exc))


@program
def forwarded_stream_arguments_checked(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    item = output_message("streamed")
    server.default = sse(response_events(response_object([item]), item))
    seen = [
        stream_text(client),
        stream_text(client, text_format=Answer),
        stream_text(client, tools=[{"type": "web_search"}]),
        stream_text(client, starting_after=3),
        stream_text(client, input="hi"),
        stream_text(client, model="gpt-4.1"),
        stream_text(client, response_id="resp_abc", model="gpt-4.1", input="hi"),
        stream_text(client, starting_after=2, metadata={"a": "b"}, instructions="x"),
        stream_text(
            client,
            response_id="resp_abc",
            background=True,
            user="u",
            temperature=0.1,
            store=False,
            input="x",
            include=["reasoning.encrypted_content"],
        ),
        stream_text(client, model="gpt-4.1", input="hi"),
        stream_text(client, response_id="resp_abc", starting_after=4),
    ]
    return seen, [(r.method, r.path, sorted(r.query)) for r in server.requests]


def cut_short(events: list[Any]) -> Reply:
    """The first events, then the connection drops (a proxy timing out mid-stream)."""
    lines = [
        f"data: {json.dumps(event[1] if isinstance(event, tuple) else event)}\n\n"
        for event in events
    ]
    return Reply.sse(lines[:2], drop=True)


@program
def retry_by_entering_the_manager_again(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A retry loop around ``with manager as stream:``: an attempt cut off mid-stream (or
    refused with a 503) enters the same manager again, which sends the request again (chat and
    Responses alike)."""
    item = output_message("second try")
    response_stream = response_events(response_object([item]), item)
    chat_stream = [
        chat_chunk({"role": "assistant", "content": "chat "}),
        chat_chunk({"content": "ok"}),
    ]
    server.reply(
        cut_short(response_stream),
        Reply.json({"error": {"message": "overloaded", "type": "server_error"}}, 503),
        sse(response_stream),
        cut_short([*chat_stream, *chat_stream]),
        sse(chat_stream),
    )
    managers = [
        client.responses.stream(model="gpt-4.1", input="hi"),
        client.chat.completions.stream(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        ),
    ]
    seen = []
    for manager in managers:
        for attempt in range(3):
            try:
                with manager as stream:
                    seen.append((attempt, [event.type for event in stream]))
                    seen.append(
                        stream.get_final_completion().choices[0].message.content
                        if hasattr(stream, "get_final_completion")
                        else stream.get_final_response().output_text
                    )
                break
            except openai.APIError as exc:
                seen.append((attempt, type(exc).__name__))
    return seen, [(r.method, r.path) for r in server.requests]


@async_program
async def async_forwarded_stream_arguments_checked(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.json({"error": {"message": "not expected"}}, status=500)
    seen = []
    for kwargs in ({}, {"text_format": Answer}, {"starting_after": 1}, {"input": "x"}):
        try:
            async with client.responses.stream(**kwargs) as stream:
                seen.append([e.type async for e in stream])
        except ValueError as exc:
            seen.append(str(exc))
    return seen, len(server.requests)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
