"""Real-world sweep S, Responses streams in applications: the ``responses.stream`` helper driven
by an ``event.type`` dispatch (text, tool arguments with their snapshots, reasoning summaries,
hosted-tool progress, partial images, annotations, refusals), ``get_final_response()`` and
``output_parsed`` after a ``text_format`` stream, raw ``stream=True`` loops that ``isinstance``
the SDK's event classes, SSE relays of each event's JSON, background streams resumed with
``starting_after``, and the async client — programs written for the official SDK, run unchanged
against both packages over the scripted loopback server.
"""

from __future__ import annotations

import json
import warnings
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from tests.support.server import ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    function_call,
    output_message,
    response_events,
    response_object,
    sse,
    wire,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def numbered(*events: dict[str, Any], start: int = 0) -> list[Any]:
    """Named SSE events, their ``sequence_number`` counted from ``start``."""
    return [
        (event["type"], {**event, "sequence_number": start + n}) for n, event in enumerate(events)
    ]


def lifecycle(final: dict[str, Any], *middle: dict[str, Any]) -> list[Any]:
    """``response.created`` / ``in_progress``, the ``middle`` events, ``response.completed``."""
    pending = {**final, "status": "in_progress", "output": [], "usage": None}
    return numbered(
        {"type": "response.created", "response": pending},
        {"type": "response.in_progress", "response": pending},
        *middle,
        {"type": "response.completed", "response": final},
    )


def text_item_events(item: dict[str, Any], index: int, pieces: list[str]) -> list[dict[str, Any]]:
    """The events of one output message streamed as ``pieces``."""
    text = "".join(pieces)
    part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    where = {"item_id": item["id"], "output_index": index}
    return [
        {
            "type": "response.output_item.added",
            "output_index": index,
            "item": {**item, "content": [], "status": "in_progress"},
        },
        {"type": "response.content_part.added", **where, "content_index": 0, "part": part},
        *[
            {
                "type": "response.output_text.delta",
                **where,
                "content_index": 0,
                "delta": piece,
                "logprobs": [],
            }
            for piece in pieces
        ],
        {
            "type": "response.output_text.done",
            **where,
            "content_index": 0,
            "text": text,
            "logprobs": [],
        },
        {
            "type": "response.content_part.done",
            **where,
            "content_index": 0,
            "part": {**part, "text": text},
        },
        {"type": "response.output_item.done", "output_index": index, "item": item},
    ]


def call_item_events(item: dict[str, Any], index: int, pieces: list[str]) -> list[dict[str, Any]]:
    where = {"item_id": item["id"], "output_index": index}
    return [
        {
            "type": "response.output_item.added",
            "output_index": index,
            "item": {**item, "arguments": "", "status": "in_progress"},
        },
        *[
            {"type": "response.function_call_arguments.delta", **where, "delta": piece}
            for piece in pieces
        ],
        {
            "type": "response.function_call_arguments.done",
            **where,
            "arguments": item["arguments"],
            "name": item["name"],
        },
        {"type": "response.output_item.done", "output_index": index, "item": item},
    ]


class Weather(BaseModel):
    city: str
    temperature: float


class Report(BaseModel):
    title: str
    bullets: list[str]


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


# --- the stream helper ---------------------------------------------------------------------------


@program
def helper_dispatch_on_event_type(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A CLI chat: print text deltas, show tool-argument progress, collect the final response."""
    message = output_message("Checking the weather.", "msg_1")
    call = function_call("get_weather", {"city": "Rome"}, "call_1")
    call["id"] = "fc_1"
    final = response_object([message, call])
    server.reply(
        sse(
            lifecycle(
                final,
                *text_item_events(message, 0, ["Checking", " the", " weather."]),
                *call_item_events(call, 1, ['{"city":', ' "Rome"}']),
            )
        )
    )
    printed: list[Any] = []
    with client.responses.stream(
        model="gpt-4.1",
        input="Weather in Rome?",
        tools=[{"type": "function", "name": "get_weather", "parameters": {}, "strict": False}],
    ) as stream:
        for event in stream:
            if event.type == "response.output_text.delta":
                printed.append(("text", event.delta, event.snapshot))
            elif event.type == "response.function_call_arguments.delta":
                printed.append(("args", event.delta, event.snapshot))
            elif event.type == "response.function_call_arguments.done":
                printed.append(("args done", event.arguments, event.name))
            elif event.type == "response.output_text.done":
                printed.append(("text done", event.text, event.parsed))
            elif event.type == "response.completed":
                printed.append(("completed", event.response.status, event.response.output_text))
            else:
                printed.append((event.type, type(event).__name__))
        response = stream.get_final_response()
    return (
        printed,
        type(response).__name__,
        [type(item).__name__ for item in response.output],
        response.output_text,
        wires(server),
    )


@program
def helper_with_text_format(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = json.dumps({"city": "Rome", "temperature": 21.5})
    message = output_message(body)
    server.reply(
        sse(
            lifecycle(
                response_object([message]), *text_item_events(message, 0, [body[:9], body[9:]])
            )
        )
    )
    seen = []
    with client.responses.stream(
        model="gpt-4o", input="Weather as JSON", text_format=Weather
    ) as stream:
        for event in stream:
            if event.type == "response.output_text.done":
                seen.append(repr(event.parsed))
            elif event.type == "response.output_text.delta":
                seen.append(event.snapshot)
        final = stream.get_final_response()
    content = final.output[0].content[0]
    return (
        seen,
        repr(final.output_parsed),
        repr(content.parsed),
        type(content).__name__,
        type(final.output[0]).__name__,
        wires(server)[0][-1]["text"],
    )


@program
def helper_with_pydantic_tools_parses_arguments(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    call = function_call("Weather", {"city": "Oslo", "temperature": -3}, "call_w")
    server.reply(
        sse(
            lifecycle(
                response_object([call]),
                *call_item_events(call, 0, ['{"city": "Oslo",', ' "temperature": -3}']),
            )
        )
    )
    done = []
    with client.responses.stream(
        model="gpt-4.1",
        input="Oslo?",
        tools=[openai.pydantic_function_tool(Weather)],
    ) as stream:
        for event in stream:
            if event.type == "response.function_call_arguments.done":
                done.append((event.name, event.arguments))
        final = stream.get_final_response()
    item = final.output[0]
    return done, type(item).__name__, repr(item.parsed_arguments), wires(server)


@program
def helper_until_done_then_final(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    message = output_message("All done here.")
    server.reply(sse(response_events(response_object([message]), message)))
    with client.responses.stream(model="gpt-4.1", input="go") as stream:
        stream.until_done()
        final = stream.get_final_response()
    return final.output_text, final.status, final.usage.total_tokens, str(final.output[0])


@program
def helper_reasoning_and_hosted_tool_progress(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A research UI: reasoning summaries as they stream, web search progress, citations."""
    reasoning = {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "Look it up."}],
    }
    search = {
        "id": "ws_1",
        "type": "web_search_call",
        "status": "completed",
        "action": {"type": "search", "query": "weather"},
    }
    message = output_message("Sunny [1].", "msg_1")
    citation = {
        "type": "url_citation",
        "start_index": 6,
        "end_index": 9,
        "url": "https://w.test",
        "title": "W",
    }
    message["content"][0]["annotations"] = [citation]
    where_r = {"item_id": "rs_1", "output_index": 0}
    where_s = {"item_id": "ws_1", "output_index": 1}
    events = lifecycle(
        response_object([reasoning, search, message]),
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {**reasoning, "summary": []},
        },
        {
            "type": "response.reasoning_summary_part.added",
            **where_r,
            "summary_index": 0,
            "part": {"type": "summary_text", "text": ""},
        },
        {
            "type": "response.reasoning_summary_text.delta",
            **where_r,
            "summary_index": 0,
            "delta": "Look",
        },
        {
            "type": "response.reasoning_summary_text.delta",
            **where_r,
            "summary_index": 0,
            "delta": " it up.",
        },
        {
            "type": "response.reasoning_summary_text.done",
            **where_r,
            "summary_index": 0,
            "text": "Look it up.",
        },
        {
            "type": "response.reasoning_summary_part.done",
            **where_r,
            "summary_index": 0,
            "part": {"type": "summary_text", "text": "Look it up."},
        },
        {"type": "response.output_item.done", "output_index": 0, "item": reasoning},
        {
            "type": "response.output_item.added",
            "output_index": 1,
            "item": {**search, "status": "in_progress"},
        },
        {"type": "response.web_search_call.in_progress", **where_s},
        {"type": "response.web_search_call.searching", **where_s},
        {"type": "response.web_search_call.completed", **where_s},
        {"type": "response.output_item.done", "output_index": 1, "item": search},
        {
            "type": "response.output_text.annotation.added",
            "item_id": "msg_1",
            "output_index": 2,
            "content_index": 0,
            "annotation_index": 0,
            "annotation": citation,
        },
    )
    server.reply(sse(events))
    log: list[Any] = []
    with client.responses.stream(
        model="o4-mini",
        input="Weather?",
        tools=[{"type": "web_search"}],
        reasoning={"summary": "auto"},
    ) as stream:
        for event in stream:
            if event.type == "response.reasoning_summary_text.delta":
                log.append(("thinking", event.delta, event.summary_index))
            elif event.type.startswith("response.web_search_call."):
                log.append(("search", event.type.rsplit(".", 1)[1], event.item_id))
            elif event.type == "response.output_text.annotation.added":
                log.append(("cite", event.annotation.model_dump()))
            elif event.type == "response.reasoning_summary_part.done":
                log.append(("part", event.part.text, type(event.part).__name__))
        final = stream.get_final_response()
    return log, [item.type for item in final.output], final.output_text


@program
def helper_partial_images_and_code(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    image = {"id": "ig_1", "type": "image_generation_call", "status": "completed", "result": "QUJD"}
    code = {
        "id": "ci_1",
        "type": "code_interpreter_call",
        "status": "completed",
        "code": "1+1",
        "container_id": "cntr_1",
        "outputs": None,
    }
    where_i = {"item_id": "ig_1", "output_index": 0}
    where_c = {"item_id": "ci_1", "output_index": 1}
    events = lifecycle(
        response_object([image, code]),
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {**image, "status": "in_progress", "result": None},
        },
        {"type": "response.image_generation_call.in_progress", **where_i},
        {"type": "response.image_generation_call.generating", **where_i},
        {
            "type": "response.image_generation_call.partial_image",
            **where_i,
            "partial_image_index": 0,
            "partial_image_b64": "QQ==",
        },
        {"type": "response.image_generation_call.completed", **where_i},
        {"type": "response.output_item.done", "output_index": 0, "item": image},
        {
            "type": "response.output_item.added",
            "output_index": 1,
            "item": {**code, "status": "in_progress", "code": ""},
        },
        {"type": "response.code_interpreter_call.in_progress", **where_c},
        {"type": "response.code_interpreter_call_code.delta", **where_c, "delta": "1+"},
        {"type": "response.code_interpreter_call_code.delta", **where_c, "delta": "1"},
        {"type": "response.code_interpreter_call_code.done", **where_c, "code": "1+1"},
        {"type": "response.code_interpreter_call.interpreting", **where_c},
        {"type": "response.code_interpreter_call.completed", **where_c},
        {"type": "response.output_item.done", "output_index": 1, "item": code},
    )
    server.reply(sse(events))
    partials = []
    code_deltas = []
    names = []
    with client.responses.stream(
        model="gpt-4.1",
        input="draw and compute",
        tools=[
            {"type": "image_generation", "partial_images": 1},
            {"type": "code_interpreter", "container": {"type": "auto"}},
        ],
    ) as stream:
        for event in stream:
            names.append(type(event).__name__)
            if event.type == "response.image_generation_call.partial_image":
                partials.append((event.partial_image_index, event.partial_image_b64))
            elif event.type == "response.code_interpreter_call_code.delta":
                code_deltas.append(event.delta)
        final = stream.get_final_response()
    # (image_generation_call's fields newer than the API document aside: teammate "newer")
    dumps = [
        item.model_dump(include={"id", "type", "status", "result", "code"}) for item in final.output
    ]
    return partials, code_deltas, names, dumps


@program
def helper_refusal_and_incomplete(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    message = {
        "id": "msg_r",
        "type": "message",
        "status": "incomplete",
        "role": "assistant",
        "content": [{"type": "refusal", "refusal": "No can do."}],
    }
    final = response_object(
        [message], status="incomplete", incomplete_details={"reason": "content_filter"}
    )
    where = {"item_id": "msg_r", "output_index": 0, "content_index": 0}
    events = numbered(
        {"type": "response.created", "response": {**final, "status": "in_progress", "output": []}},
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {**message, "content": [], "status": "in_progress"},
        },
        {
            "type": "response.content_part.added",
            **where,
            "part": {"type": "refusal", "refusal": ""},
        },
        {"type": "response.refusal.delta", **where, "delta": "No can"},
        {"type": "response.refusal.delta", **where, "delta": " do."},
        {"type": "response.refusal.done", **where, "refusal": "No can do."},
        {
            "type": "response.content_part.done",
            **where,
            "part": {"type": "refusal", "refusal": "No can do."},
        },
        {"type": "response.output_item.done", "output_index": 0, "item": message},
        {"type": "response.incomplete", "response": final},
    )
    server.reply(sse(events))
    log = []
    with client.responses.stream(model="gpt-4.1", input="bad", text_format=Report) as stream:
        for event in stream:
            if event.type in ("response.refusal.delta", "response.refusal.done"):
                log.append(
                    (event.type, getattr(event, "delta", None), getattr(event, "refusal", None))
                )
            elif event.type == "response.incomplete":
                log.append((event.type, event.response.incomplete_details.reason))
    error: Any = None
    try:
        stream.get_final_response()
    except Exception as exc:  # the SDK raises when no response.completed arrived
        error = (type(exc).__name__, str(exc))
    return log, error


# --- raw stream=True -----------------------------------------------------------------------------


@program
def raw_stream_isinstance_dispatch(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    types = __import__(openai.__name__ + ".types.responses", fromlist=["x"])
    message = output_message("Hello there.")
    server.reply(sse(response_events(response_object([message]), message)))
    stream = client.responses.create(model="gpt-4.1", input="hi", stream=True)
    text = []
    final: Any = None
    for event in stream:
        if isinstance(event, types.ResponseTextDeltaEvent):
            text.append(event.delta)
        elif isinstance(event, types.ResponseCompletedEvent):
            final = event.response
        elif isinstance(event, types.ResponseCreatedEvent):
            text.append(f"<{event.response.status}>")
    return "".join(text), final.output_text, type(stream).__name__, wires(server)


@program
def raw_stream_match_statement(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    call = function_call("lookup", {"q": "x"}, "call_m")
    server.reply(sse(response_events(response_object([call]), call)))
    arguments: dict[str, str] = {}
    items = []
    with client.responses.create(
        model="gpt-4.1",
        input="look",
        tools=[{"type": "function", "name": "lookup", "parameters": {}, "strict": False}],
        stream=True,
    ) as stream:
        for event in stream:
            match event.type:
                case "response.output_item.added":
                    items.append(("added", event.item.type, event.item.id))
                case "response.function_call_arguments.delta":
                    arguments[event.item_id] = arguments.get(event.item_id, "") + event.delta
                case "response.output_item.done":
                    items.append(("done", event.item.type, event.item.arguments))
                case "response.completed":
                    items.append(("usage", event.response.usage.model_dump()))
                case _:
                    pass
    return arguments, items, stream.response.status_code


@program
def sse_relay_of_event_json(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A FastAPI endpoint relays each event to the browser as its JSON."""
    message = output_message("Relayed text.")
    server.reply(
        sse(response_events(response_object([message]), message)),
        sse(response_events(response_object([message]), message)),
    )
    raw = [
        f"event: {event.type}\ndata: {event.model_dump_json()}\n\n"
        for event in client.responses.create(model="gpt-4.1", input="hi", stream=True)
    ]
    relayed = []
    with client.responses.stream(model="gpt-4.1", input="hi") as stream, warnings.catch_warnings():
        # the SDK's serializer warns on its parsed (generic) output items; the JSON is the same
        warnings.simplefilter("ignore", UserWarning)
        for event in stream:
            relayed.append(json.dumps(event.to_dict()))
            relayed.append(event.model_dump_json(exclude_none=True))
    return raw, relayed


@program
def background_stream_resumed_with_starting_after(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    message = output_message("Long answer.")
    events = response_events(response_object([message], background=True), message)
    first_half = events[:4]
    server.reply(sse(first_half), sse(events[4:]))
    cursor = None
    response_id = None
    seen = []
    for event in client.responses.create(model="o3", input="long", background=True, stream=True):
        cursor = event.sequence_number
        if event.type == "response.created":
            response_id = event.response.id
        seen.append(event.type)
    resumed = client.responses.retrieve(response_id, stream=True, starting_after=cursor)
    for event in resumed:
        seen.append((event.type, event.sequence_number))
    return seen, wires(server)


@program
def helper_resumes_a_background_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    message = output_message("Resumed answer.")
    events = response_events(response_object([message], background=True), message)
    server.reply(sse(events[3:]))
    texts: list[Any] = []
    try:
        with client.responses.stream(response_id="resp_abc", starting_after=2) as stream:
            for event in stream:
                if event.type == "response.output_text.delta":
                    texts.append(event.snapshot)
            texts.append(stream.get_final_response().output_text)
    except RuntimeError as exc:  # the helper needs the skipped response.created
        texts.append(str(exc))
    return texts, wires(server)


@program
def streaming_and_raw_wrappers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    message = output_message("Wrapped.")
    body = sse(response_events(response_object([message]), message))
    server.reply(body, body)
    with client.responses.with_streaming_response.create(
        model="gpt-4.1", input="hi", stream=True
    ) as response:
        lines = [line for line in response.iter_lines() if line]
        status = response.status_code
    raw = client.responses.with_raw_response.create(model="gpt-4.1", input="hi", stream=True)
    stream = raw.parse()
    types = [event.type for event in stream]
    return lines, status, raw.headers["content-type"], types


# --- async --------------------------------------------------------------------------------------


@async_program
async def async_helper_with_text_format(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    body = json.dumps({"title": "News", "bullets": ["a", "b"]})
    message = output_message(body)
    server.reply(
        sse(
            lifecycle(
                response_object([message]), *text_item_events(message, 0, [body[:10], body[10:]])
            )
        )
    )
    deltas = []
    async with client.responses.stream(
        model="gpt-4o", input="Summarise", text_format=Report
    ) as stream:
        async for event in stream:
            if event.type == "response.output_text.delta":
                deltas.append(event.delta)
        final = await stream.get_final_response()
    return deltas, repr(final.output_parsed), wires(server)


@async_program
async def async_raw_stream_collects_text(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    message = output_message("Async text.")
    server.reply(sse(response_events(response_object([message]), message)))
    stream = await client.responses.create(model="gpt-4.1", input="hi", stream=True)
    chunks = []
    async for event in stream:
        if event.type == "response.output_text.delta":
            chunks.append(event.delta)
        elif event.type == "response.completed":
            chunks.append(event.response.output_text)
    await stream.close()
    return chunks, type(stream).__name__


@async_program
async def async_helper_tool_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    call = function_call("Weather", {"city": "Oslo", "temperature": 1}, "call_a")
    message = output_message("Oslo is cold.")
    server.reply(
        sse(
            lifecycle(
                response_object([call], id="resp_1"),
                *call_item_events(call, 0, ['{"city"', ': "Oslo", "temperature": 1}']),
            )
        ),
        sse(response_events(response_object([message], id="resp_2"), message)),
    )
    tools = [openai.pydantic_function_tool(Weather)]
    async with client.responses.stream(model="gpt-4.1", input="Oslo", tools=tools) as stream:
        first = await stream.get_final_response()
    outputs = [
        {"type": "function_call_output", "call_id": item.call_id, "output": "cold"}
        for item in first.output
        if item.type == "function_call"
    ]
    async with client.responses.stream(
        model="gpt-4.1", input=outputs, previous_response_id=first.id, tools=tools
    ) as stream:
        text = [event.delta async for event in stream if event.type == "response.output_text.delta"]
        second = await stream.get_final_response()
    return text, second.output_text, repr(first.output[0].parsed_arguments), wires(server)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
