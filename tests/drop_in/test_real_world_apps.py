"""Application-style programs written for the official SDK — a support bot's tool loop on the
Responses API, a structured-output extractor with nested/optional/enum models, a chat agent
streaming tool calls, a batch job, error handling around rate limits, fixtures built from models
— run unchanged against both packages over the scripted loopback server
(tests/support/server.py). Each program scripts what the API answers (bodies shaped as the API
sends them, including fields newer than either SDK) and returns what its author observes *and*
what was sent, so a difference in either direction shows.
"""

from __future__ import annotations

import json
from datetime import date
from enum import Enum
from types import ModuleType
from typing import Any, Literal, Union

import pytest
from pydantic import BaseModel, Field

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both
from .programs import async_observed_the_same, observed_the_same, registry

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def sent(server: ScriptedServer, count: int = 1) -> list[Any]:
    """The JSON bodies of the last ``count`` requests (``None`` for a bodiless one)."""
    return [r.json() if r.body else None for r in server.requests[-count:]]


def without_defaults(schema: Any) -> Any:
    """A strict JSON schema without ``default`` keywords. The one deliberate difference in what
    the two packages send for a pydantic model: the API answers 400 "'default' is not permitted"
    to a strict schema carrying one, which the official SDK sends for a field with a non-None
    default (it drops only ``default: None``); typed_openai drops them all."""
    if isinstance(schema, dict):
        return {k: without_defaults(v) for k, v in schema.items() if k != "default"}
    if isinstance(schema, list):
        return [without_defaults(v) for v in schema]
    return schema


USAGE = {"prompt_tokens": 9, "completion_tokens": 12, "total_tokens": 21}


def chat_completion(message: dict[str, Any], finish_reason: str = "stop", **extra: Any) -> Any:
    return {
        "id": "chatcmpl-abc",
        "object": "chat.completion",
        "created": 1733000000,
        "model": "gpt-4o-2024-08-06",
        "choices": [
            {
                "index": 0,
                "message": {"refusal": None, "annotations": [], **message},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            **USAGE,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0,
            },
        },
        "service_tier": "default",
        "system_fingerprint": "fp_1",
        **extra,
    }


def response_object(output: list[dict[str, Any]], **extra: Any) -> Any:
    return {
        "id": "resp_abc",
        "object": "response",
        "created_at": 1733000000,
        "status": "completed",
        "background": False,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "max_output_tokens": None,
        "model": "gpt-4.1-2025-04-14",
        "output": output,
        "parallel_tool_calls": True,
        "previous_response_id": None,
        "reasoning": {"effort": None, "summary": None},
        "service_tier": "default",
        "store": True,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}, "verbosity": "medium"},
        "tool_choice": "auto",
        "tools": [],
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": {
            "input_tokens": 30,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 10,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 40,
        },
        "user": None,
        "metadata": {},
        **extra,
    }


def output_message(text: str, item_id: str = "msg_1") -> dict[str, Any]:
    return {
        "id": item_id,
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}],
    }


def function_call(name: str, arguments: dict[str, Any], call_id: str) -> dict[str, Any]:
    return {
        "id": "fc_" + call_id,
        "type": "function_call",
        "status": "completed",
        "name": name,
        "arguments": json.dumps(arguments),
        "call_id": call_id,
    }


# --- structured outputs with the models applications write ---------------------------------------


class Priority(str, Enum):
    low = "low"
    high = "high"


class Channel(Enum):
    EMAIL = "email"
    PHONE = "phone"


class Address(BaseModel):
    street: str
    city: str
    postcode: str | None = None


class Contact(BaseModel):
    """A person found in the text."""

    name: str = Field(description="full name as written")
    priority: Priority
    channel: Channel
    kind: Literal["person", "company"]
    tags: list[str]
    address: Address | None
    offices: list[Address]
    reference: Union[int, str]
    born: date | None = None
    score: float = 0.5


class Extraction(BaseModel):
    contacts: list[Contact]
    summary: str


EXTRACTED = {
    "contacts": [
        {
            "name": "Ada Lovelace",
            "priority": "high",
            "channel": "email",
            "kind": "person",
            "tags": ["math"],
            "address": {"street": "1 St James's Sq", "city": "London", "postcode": None},
            "offices": [],
            "reference": 42,
            "born": "1815-12-10",
            "score": 0.9,
        }
    ],
    "summary": "one contact",
}


@program
def chat_parse_nested_models(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": json.dumps(EXTRACTED)}))
    )
    completion = client.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[
            {"role": "system", "content": "Extract the contacts."},
            {"role": "user", "content": "Ada Lovelace, London, call by email, urgent."},
        ],
        response_format=Extraction,
        temperature=0,
    )
    message = completion.choices[0].message
    contact = message.parsed.contacts[0]
    return (
        without_defaults(sent(server)),
        type(message.parsed).__name__,
        contact.priority,
        contact.channel,
        contact.born,
        type(contact.address).__name__,
        message.parsed.model_dump(mode="json"),
        completion.usage.completion_tokens_details.reasoning_tokens,
        sorted(completion.choices[0].to_dict(warnings=False)["message"]),
    )


@program
def pydantic_function_tool_shapes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    class LookupOrder(BaseModel):
        """Find an order by id."""

        order_id: str = Field(description="the order number")
        include_items: bool = False
        channel: Channel | None = None

    class CreateTicket(BaseModel):
        contact: Contact
        priority: Priority

    tools = [
        openai.pydantic_function_tool(LookupOrder),
        openai.pydantic_function_tool(CreateTicket, name="create_ticket", description="Open one"),
    ]
    arguments = {"order_id": "A1", "include_items": True, "channel": "phone"}
    server.reply(
        Reply.json(
            chat_completion(
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "LookupOrder", "arguments": json.dumps(arguments)},
                        }
                    ],
                },
                finish_reason="tool_calls",
            )
        )
    )
    completion = client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Where is order A1?"}],
        tools=tools,
    )
    call = completion.choices[0].message.tool_calls[0]
    return (
        without_defaults(tools),
        without_defaults(sent(server)),
        type(call.function.parsed_arguments).__name__,
        call.function.parsed_arguments.channel,
        completion.choices[0].message.content,
        completion.choices[0].message.parsed,
    )


@program
def responses_parse_nested_models(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    class LookupOrder(BaseModel):
        order_id: str

    server.reply(Reply.json(response_object([output_message(json.dumps(EXTRACTED))])))
    response = client.responses.parse(
        model="gpt-4.1",
        instructions="Extract the contacts.",
        input=[{"role": "user", "content": "Ada Lovelace, London"}],
        text_format=Extraction,
        tools=[openai.pydantic_function_tool(LookupOrder)],
    )
    parsed = response.output_parsed
    message = response.output[0]
    responses = openai.types.responses
    return (
        without_defaults(sent(server)),
        type(parsed).__name__,
        parsed.contacts[0].channel,
        isinstance(message, responses.ParsedResponseOutputMessage),
        isinstance(message.content[0], responses.ParsedResponseOutputText),
        type(message.content[0].parsed).__name__,
        response.output_text == json.dumps(EXTRACTED),
    )


# --- the Responses API tool loop of a support bot --------------------------------------------------


@program
def responses_function_calling_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    tools = [
        {
            "type": "function",
            "name": "get_order",
            "description": "Look an order up",
            "parameters": {
                "type": "object",
                "properties": {"order_id": {"type": "string"}},
                "required": ["order_id"],
                "additionalProperties": False,
            },
            "strict": True,
        }
    ]
    server.reply(
        Reply.json(
            response_object(
                [
                    {
                        "id": "rs_1",
                        "type": "reasoning",
                        "summary": [],
                        "encrypted_content": None,
                        "status": None,
                    },
                    function_call("get_order", {"order_id": "A1"}, "call_1"),
                    function_call("get_order", {"order_id": "B2"}, "call_2"),
                ],
                tools=tools,
            )
        ),
        Reply.json(
            response_object(
                [output_message("A1 shipped, B2 is late.")], previous_response_id="resp_abc"
            )
        ),
    )
    responses = openai.types.responses
    response = client.responses.create(
        model="gpt-4.1",
        input="Where are my orders A1 and B2?",
        tools=tools,
        parallel_tool_calls=True,
    )
    outputs = []
    for item in response.output:
        if isinstance(item, responses.ResponseFunctionToolCall):
            args = json.loads(item.arguments)
            outputs.append(
                {
                    "type": "function_call_output",
                    "call_id": item.call_id,
                    "output": json.dumps({"order": args["order_id"], "status": "shipped"}),
                }
            )
    follow_up = client.responses.create(
        model="gpt-4.1", previous_response_id=response.id, input=outputs, tools=tools
    )
    return (
        sent(server, 2),
        [type(item).__name__ for item in response.output],
        follow_up.output_text,
        follow_up.previous_response_id,
        response.usage.total_tokens,
        response.reasoning.effort,
        response.text.format.type,
    )


@program
def responses_manual_history(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Stateless: the whole history, model objects included, goes back as input."""
    server.reply(
        Reply.json(response_object([function_call("add", {"a": 1, "b": 2}, "call_9")])),
        Reply.json(response_object([output_message("3")])),
    )
    history: list[Any] = [{"role": "user", "content": "1+2?"}]
    first = client.responses.create(model="gpt-4.1", input=history, store=False)
    history += first.output
    history.append({"type": "function_call_output", "call_id": "call_9", "output": "3"})
    second = client.responses.create(model="gpt-4.1", input=history, store=False)
    history += second.output
    return sent(server, 2), second.output_text, [type(i).__name__ for i in history]


@program
def chat_history_with_model_objects(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    tool_message = {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "get_time", "arguments": "{}"},
            }
        ],
    }
    server.reply(
        Reply.json(chat_completion(tool_message, finish_reason="tool_calls")),
        Reply.json(chat_completion({"role": "assistant", "content": "It is noon."})),
    )
    messages: list[Any] = [{"role": "user", "content": "time?"}]
    tools = [{"type": "function", "function": {"name": "get_time", "parameters": {}}}]
    first = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
    messages.append(first.choices[0].message)
    messages.append({"role": "tool", "tool_call_id": "call_1", "content": "12:00"})
    second = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
    messages.append(second.choices[0].message.model_dump(exclude_unset=True))
    return sent(server, 2), messages[-1]


# --- what the API sends that neither SDK knows yet -------------------------------------------------


@program
def fields_newer_than_the_sdk(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            chat_completion(
                {"role": "assistant", "content": "hi", "brand_new": {"x": 1}},
                finish_reason="a_new_reason",
                new_top_level=[1, 2],
                service_tier="a_new_tier",
            )
        )
    )
    completion = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    message = completion.choices[0].message
    return (
        completion.choices[0].finish_reason,
        completion.service_tier,
        completion.new_top_level,
        message.brand_new,
        completion.model_extra,
        "brand_new" in message.to_dict(),
        json.loads(completion.to_json())["new_top_level"],
        completion.model_dump(exclude_unset=True)["choices"][0]["message"]["brand_new"],
    )


@program
def output_items_newer_than_the_sdk(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            response_object(
                [
                    {"id": "x_1", "type": "a_future_item", "status": "completed", "payload": 3},
                    output_message("done"),
                ]
            )
        )
    )
    response = client.responses.create(model="gpt-4.1", input="hi")
    first = response.output[0]
    return (
        response.output_text,
        first.type,
        getattr(first, "payload", None),
        [item.type for item in response.output],
        response.to_dict(warnings=False)["output"][0],
        isinstance(first, openai.BaseModel),
        isinstance(response.output[1], openai.types.responses.ResponseOutputMessage),
    )


@program
def missing_fields_do_not_fail(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "x"}}],
            }
        )
    )
    completion = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    return (
        completion.choices[0].message.content,
        completion.usage,
        completion.model_dump(exclude_unset=True),
        completion.choices[0].finish_reason if "finish_reason" in dir(completion.choices[0]) else 0,
    )


# --- error handling as applications write it --------------------------------------------------------


@program
def rate_limit_handling(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    error = {
        "error": {
            "message": "Rate limit reached for gpt-4o on tokens per min (TPM).",
            "type": "tokens",
            "param": None,
            "code": "rate_limit_exceeded",
        }
    }
    headers = {
        "x-request-id": "req_rl",
        "retry-after-ms": "5",
        "x-ratelimit-remaining-tokens": "0",
    }
    server.reply(*[Reply.json(error, status=429, headers=headers)] * 2)
    try:
        client.with_options(max_retries=1).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
    except openai.RateLimitError as e:
        return (
            type(e).__name__,
            e.status_code,
            e.request_id,
            e.code,
            e.type,
            e.param,
            e.body,
            e.message,
            str(e),
            e.response.headers["x-ratelimit-remaining-tokens"],
            e.request.method,
            isinstance(e, openai.APIStatusError),
        )


@program
def server_errors_and_odd_bodies(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.raw(b"<html>Bad gateway</html>", status=502, content_type="text/html"),
        Reply.json({"error": "plain string"}, status=400),
        Reply.json(["a", "list"], status=422),
        Reply.raw(b"", status=500, content_type=None),
        Reply.json({"detail": "weird"}, status=409),
    )
    seen = []
    for _ in range(5):
        try:
            client.models.list()
        except openai.APIStatusError as e:
            seen.append((type(e).__name__, e.status_code, e.body, e.message, e.code, e.type))
    return seen


@program
def retries_then_success(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {"error": {"message": "boom", "type": "server_error"}},
            status=500,
            headers={"retry-after-ms": "1"},
        ),
        Reply.json({"error": {"message": "busy"}}, status=503, headers={"retry-after-ms": "2"}),
        Reply.json(
            {"object": "list", "data": []}, headers={"x-request-id": "req_ok", "openai-model": "m"}
        ),
    )
    raw = client.with_options(max_retries=3).models.with_raw_response.list()
    page = raw.parse()
    return (
        raw.retries_taken,
        raw.request_id,
        page._request_id,
        [r.path for r in server.requests[-3:]],
        len(page.data),
    )


# --- streaming agents -------------------------------------------------------------------------------


def sse(events: list[Any]) -> Reply:
    """A server-sent-events reply: each item a JSON ``data:`` event (or ``(event, data)`` for a
    named one), then ``[DONE]``."""
    lines = []
    for event in events:
        if isinstance(event, tuple):
            lines.append(f"event: {event[0]}\ndata: {json.dumps(event[1])}\n\n")
        else:
            lines.append(f"data: {json.dumps(event)}\n\n")
    return Reply.sse([*lines, "data: [DONE]\n\n"])


def chat_chunk(delta: dict[str, Any], finish_reason: str | None = None, **extra: Any) -> Any:
    return {
        "id": "chatcmpl-s",
        "object": "chat.completion.chunk",
        "created": 1733000000,
        "model": "gpt-4o",
        "system_fingerprint": "fp_1",
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
        **extra,
    }


def tool_call_chunks(arguments: str) -> list[Any]:
    head = {
        "index": 0,
        "id": "call_s",
        "type": "function",
        "function": {"name": "GetWeather", "arguments": ""},
    }
    pieces = [arguments[:7], arguments[7:15], arguments[15:]]
    return [
        chat_chunk({"role": "assistant", "content": None, "tool_calls": [head]}),
        *[
            chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]})
            for piece in pieces
        ],
        chat_chunk({}, finish_reason="tool_calls"),
        {**chat_chunk({}), "choices": [], "usage": USAGE},
    ]


class GetWeather(BaseModel):
    city: str
    unit: Literal["c", "f"]


@program
def chat_stream_tool_calls(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    arguments = json.dumps({"city": "Paris", "unit": "c"})
    server.reply(sse(tool_call_chunks(arguments)))
    events = []
    with client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "weather in Paris?"}],
        tools=[openai.pydantic_function_tool(GetWeather)],
        stream_options={"include_usage": True},
    ) as stream:
        for event in stream:
            if event.type == "tool_calls.function.arguments.delta":
                events.append((event.type, event.name, event.index, event.arguments_delta))
            elif event.type == "tool_calls.function.arguments.done":
                events.append((event.type, event.name, type(event.parsed_arguments).__name__))
            else:
                events.append(event.type)
        final = stream.get_final_completion()
    call = final.choices[0].message.tool_calls[0]
    return (
        sent(server),
        events,
        call.function.parsed_arguments,
        final.choices[0].finish_reason,
        final.usage.total_tokens if final.usage else None,
        final.choices[0].message.content,
    )


@program
def chat_raw_stream_accumulated_by_hand(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The cookbook's way: accumulate tool-call deltas from a plain ``stream=True``."""
    server.reply(sse(tool_call_chunks(json.dumps({"city": "Oslo", "unit": "f"}))))
    stream = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "weather in Oslo?"}],
        tools=[{"type": "function", "function": {"name": "GetWeather", "parameters": {}}}],
        stream=True,
        stream_options={"include_usage": True},
    )
    calls: dict[int, dict[str, str]] = {}
    usage = None
    for chunk in stream:
        if chunk.usage:
            usage = chunk.usage.model_dump()
        for choice in chunk.choices:
            for delta in choice.delta.tool_calls or []:
                call = calls.setdefault(delta.index, {"id": "", "name": "", "arguments": ""})
                call["id"] += delta.id or ""
                if delta.function:
                    call["name"] += delta.function.name or ""
                    call["arguments"] += delta.function.arguments or ""
    return calls, usage, stream.response.headers["content-type"]


def response_events(response: dict[str, Any], item: dict[str, Any]) -> list[Any]:
    """The events of a response whose single output item is ``item`` (a message or a call)."""
    in_progress = {**response, "status": "in_progress", "output": [], "usage": None}
    events: list[Any] = [
        {"type": "response.created", "sequence_number": 0, "response": in_progress},
        {"type": "response.in_progress", "sequence_number": 1, "response": in_progress},
    ]
    n = 2
    if item["type"] == "function_call":
        events.append(
            {
                "type": "response.output_item.added",
                "sequence_number": n,
                "output_index": 0,
                "item": {**item, "arguments": "", "status": "in_progress"},
            }
        )
        for piece in (item["arguments"][:5], item["arguments"][5:]):
            n += 1
            events.append(
                {
                    "type": "response.function_call_arguments.delta",
                    "sequence_number": n,
                    "item_id": item["id"],
                    "output_index": 0,
                    "delta": piece,
                }
            )
        events.append(
            {
                "type": "response.function_call_arguments.done",
                "sequence_number": n + 1,
                "item_id": item["id"],
                "output_index": 0,
                "name": item["name"],
                "arguments": item["arguments"],
            }
        )
    else:
        text = item["content"][0]["text"]
        events.append(
            {
                "type": "response.output_item.added",
                "sequence_number": n,
                "output_index": 0,
                "item": {**item, "content": [], "status": "in_progress"},
            }
        )
        part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
        events.append(
            {
                "type": "response.content_part.added",
                "sequence_number": n + 1,
                "item_id": item["id"],
                "output_index": 0,
                "content_index": 0,
                "part": part,
            }
        )
        n += 1
        for piece in (text[:4], text[4:]):
            n += 1
            events.append(
                {
                    "type": "response.output_text.delta",
                    "sequence_number": n,
                    "item_id": item["id"],
                    "output_index": 0,
                    "content_index": 0,
                    "delta": piece,
                    "logprobs": [],
                }
            )
        events.append(
            {
                "type": "response.output_text.done",
                "sequence_number": n + 1,
                "item_id": item["id"],
                "output_index": 0,
                "content_index": 0,
                "text": text,
                "logprobs": [],
            }
        )
        events.append(
            {
                "type": "response.content_part.done",
                "sequence_number": n + 2,
                "item_id": item["id"],
                "output_index": 0,
                "content_index": 0,
                "part": {**part, "text": text},
            }
        )
        n += 1
    events.append(
        {
            "type": "response.output_item.done",
            "sequence_number": n + 2,
            "output_index": 0,
            "item": item,
        }
    )
    events.append({"type": "response.completed", "sequence_number": n + 3, "response": response})
    return [(event["type"], event) for event in events]


@program
def responses_stream_function_call(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = function_call("GetWeather", {"city": "Rome", "unit": "c"}, "call_r")
    server.reply(sse(response_events(response_object([item]), item)))
    seen = []
    with client.responses.stream(
        model="gpt-4.1",
        input="weather in Rome?",
        tools=[openai.pydantic_function_tool(GetWeather)],
    ) as stream:
        for event in stream:
            if event.type == "response.function_call_arguments.delta":
                seen.append((event.type, event.delta, event.snapshot))
            elif event.type == "response.function_call_arguments.done":
                seen.append((event.type, event.name, event.arguments))
            else:
                seen.append(event.type)
        final = stream.get_final_response()
    call = final.output[0]
    return (
        sent(server),
        seen,
        type(call).__name__.split("[")[0],
        call.parsed_arguments,
        final.output_text,
        final.usage.output_tokens,
    )


@program
def responses_stream_text_deltas(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message("Once upon a time")
    server.reply(sse(response_events(response_object([item]), item)))
    printed = []
    with client.responses.stream(model="gpt-4.1", input="tell a story") as stream:
        for event in stream:
            if event.type == "response.output_text.delta":
                printed.append(event.delta)
            elif event.type == "response.output_text.done":
                printed.append(("done", event.text))
            elif event.type == "response.completed":
                printed.append(("completed", event.response.output_text))
        final = stream.get_final_response()
    server.reply(sse(response_events(response_object([item]), item)))
    raw = client.responses.create(model="gpt-4.1", input="tell a story", stream=True)
    kinds = [type(event).__name__ for event in raw]
    return sent(server, 2), printed, final.output_text, final.id, kinds


# --- async programs ----------------------------------------------------------------------------------


@async_program
async def async_gather_responses(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import asyncio

    server.reply(*[Reply.json(response_object([output_message(f"answer {n}")])) for n in range(3)])
    questions = ["a", "b", "c"]
    answers = await asyncio.gather(
        *[client.responses.create(model="gpt-4.1", input=q) for q in questions]
    )
    return sorted(a.output_text for a in answers), sorted(b["input"] for b in sent(server, 3))


@async_program
async def async_stream_tool_calls_and_errors(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(tool_call_chunks(json.dumps({"city": "Lima", "unit": "c"}))))
    async with client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "weather in Lima?"}],
        tools=[openai.pydantic_function_tool(GetWeather)],
    ) as stream:
        kinds = [event.type async for event in stream]
        final = await stream.get_final_completion()
    server.reply(
        Reply.json(
            {"error": {"message": "No such model", "type": "invalid_request_error", "code": None}},
            status=404,
            headers={"x-request-id": "req_404"},
        )
    )
    try:
        await client.responses.create(model="nope", input="hi")
        caught = None
    except openai.NotFoundError as e:
        caught = (e.status_code, e.request_id, e.message, e.body)
    raw = None
    server.reply(Reply.json(response_object([output_message("ok")]), headers={"x-request-id": "r"}))
    response = await client.responses.with_raw_response.create(model="gpt-4.1", input="hi")
    raw = (response.request_id, response.parse().output_text, response.headers["x-request-id"])
    return kinds, final.choices[0].message.tool_calls[0].function.parsed_arguments, caught, raw


# --- raw and streamed HTTP responses ---------------------------------------------------------------


@program
def raw_response_accessors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    headers = {"x-request-id": "req_raw", "openai-processing-ms": "12", "x-custom": "v"}
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": "hi"}), headers=headers)
    )
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    completion = raw.parse()
    again = raw.parse()
    return (
        raw.status_code,
        raw.headers["openai-processing-ms"],
        raw.headers.get("x-custom"),
        raw.request_id,
        completion._request_id,
        again is completion,
        raw.http_request.method,
        str(raw.url).endswith("/chat/completions"),
        raw.method,
        raw.http_version,
        raw.is_closed,
        json.loads(raw.text)["id"],
        type(raw.elapsed).__name__,
        raw.retries_taken,
        raw.content == raw.text.encode(),
    )


@program
def raw_response_of_a_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        sse([chat_chunk({"role": "assistant", "content": "hel"}), chat_chunk({"content": "lo"})])
    )
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    stream = raw.parse()
    text = "".join(c.choices[0].delta.content or "" for c in stream)
    return raw.headers["content-type"], type(stream).__name__, text, stream.response.status_code


@program
def streaming_response_reads(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = {
        "object": "list",
        "data": [{"id": "m", "object": "model", "created": 1, "owned_by": "o"}],
    }
    server.reply(*[Reply.json(body, headers={"x-request-id": "req_s"})] * 4)
    seen = []
    with client.models.with_streaming_response.list() as response:
        seen.append((response.status_code, response.request_id, response.is_closed))
        seen.append(json.loads("".join(response.iter_text()))["object"])
    seen.append(response.is_closed)
    with client.models.with_streaming_response.list() as response:
        seen.append(response.json()["data"][0]["id"])
        seen.append(response.text()[:1])
        seen.append(type(response.parse()).__name__.split("[")[0])
    with client.models.with_streaming_response.retrieve("m") as response:
        seen.append(len(list(response.iter_lines())))
    with client.models.with_streaming_response.list() as response:
        seen.append(json.loads(response.read())["data"][0]["owned_by"])
    return seen


@program
def speech_and_file_downloads(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    audio = bytes(range(256)) * 40
    server.reply(
        Reply.raw(audio, content_type="audio/mpeg"),
        Reply.raw(audio, content_type="audio/mpeg"),
        Reply.raw(
            b'{"custom_id": "1"}\n{"custom_id": "2"}\n', content_type="application/octet-stream"
        ),
    )
    speech = client.audio.speech.create(model="tts-1", voice="alloy", input="hi", speed=1.25)
    chunks = []
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts",
        voice="nova",
        input="hi",
        instructions="calm",
        response_format="opus",
    ) as response:
        for chunk in response.iter_bytes(chunk_size=1000):
            chunks.append(len(chunk))
    results = client.files.content("file-out")
    lines = [json.loads(line)["custom_id"] for line in results.text.splitlines()]
    return (
        sent(server, 3),
        speech.content == audio,
        isinstance(speech, openai.HttpxBinaryResponseContent),
        speech.response.headers["content-type"],
        sum(chunks),
        max(chunks) <= 1000,
        lines,
        [json.loads(line) for line in results.iter_lines()][:1]
        if hasattr(results, "iter_lines")
        else None,
    )


# --- uploads as sent ---------------------------------------------------------------------------------


def multipart_parts(request: Any) -> list[Any]:
    """The parts of a multipart body: (name, filename, content type, content), boundary-free."""
    content_type = request.headers["content-type"]
    boundary = content_type.split("boundary=")[1].encode()
    parts = []
    for chunk in request.body.split(b"--" + boundary)[1:-1]:
        head, _, content = chunk.strip(b"\r\n").partition(b"\r\n\r\n")
        fields = {}
        for line in head.decode().split("\r\n"):
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip()
        disposition = fields.get("content-disposition", "")
        params = dict(
            piece.strip().split("=", 1) for piece in disposition.split(";")[1:] if "=" in piece
        )
        parts.append(
            (
                params.get("name", "").strip('"'),
                params.get("filename", "").strip('"') or None,
                fields.get("content-type"),
                content,
            )
        )
    return sorted(parts, key=lambda part: (part[0], part[3]))


FILE_OBJECT = {
    "id": "file-1",
    "object": "file",
    "bytes": 9,
    "created_at": 1733000000,
    "filename": "x",
    "purpose": "batch",
    "status": "processed",
    "expires_at": None,
    "status_details": None,
}


@program
def uploads_as_sent(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import io
    import tempfile
    from pathlib import Path

    server.reply(*[Reply.json(FILE_OBJECT)] * 6)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "requests.jsonl"
        path.write_bytes(b'{"a": 1}\n')
        client.files.create(file=path, purpose="batch")
        with path.open("rb") as handle:
            client.files.create(file=handle, purpose="batch")
        client.files.create(file=("named.jsonl", b"{}\n", "application/jsonl"), purpose="batch")
        client.files.create(file=("plain.jsonl", b"{}\n"), purpose="user_data")
        buffer = io.BytesIO(b"{}\n")
        buffer.name = "buffer.jsonl"
        client.files.create(
            file=buffer, purpose="batch", expires_after={"anchor": "created_at", "seconds": 3600}
        )
        client.files.create(file=b"{}\n", purpose="fine-tune")
    return [
        (r.headers["content-type"].split(";")[0], multipart_parts(r)) for r in server.requests[-6:]
    ]


@program
def transcription_request_as_sent(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json({"text": "hello"}),
        Reply.json(
            {"text": "hello", "language": "en", "duration": 1.0, "words": [], "segments": []}
        ),
    )
    client.audio.transcriptions.create(
        model="gpt-4o-transcribe",
        file=("speech.wav", b"RIFF....WAVE", "audio/wav"),
        language="en",
        prompt="names: Ada",
        temperature=0.0,
        include=["logprobs"],
        chunking_strategy="auto",
    )
    verbose = client.audio.transcriptions.create(
        model="whisper-1",
        file=("speech.mp3", b"ID3"),
        response_format="verbose_json",
        timestamp_granularities=["word", "segment"],
    )
    return (
        [multipart_parts(r) for r in server.requests[-2:]],
        type(verbose).__name__,
        verbose.language,
    )


@program
def image_edit_request_as_sent(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import base64

    png = b"\x89PNG\r\n\x1a\n" + bytes(16)
    answer = {
        "created": 1,
        "data": [{"b64_json": base64.b64encode(png).decode(), "revised_prompt": None}],
        "usage": {
            "input_tokens": 1,
            "output_tokens": 1,
            "total_tokens": 2,
            "input_tokens_details": {"image_tokens": 1, "text_tokens": 0},
        },
        "background": "opaque",
        "output_format": "png",
        "quality": "high",
        "size": "1024x1024",
    }
    server.reply(Reply.json(answer), Reply.json(answer))
    edited = client.images.edit(
        model="gpt-image-1",
        image=[("a.png", png, "image/png"), ("b.png", png, "image/png")],
        mask=("mask.png", png),
        prompt="combine",
        size="1024x1024",
        quality="high",
    )
    generated = client.images.generate(
        model="gpt-image-1", prompt="otter", n=1, background="transparent"
    )
    return (
        multipart_parts(server.requests[-2]),
        sent(server),
        base64.b64decode(edited.data[0].b64_json) == png,
        edited.usage.input_tokens_details.image_tokens,
        generated.output_format,
        generated.size,
    )


@program
def embeddings_as_sent(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import base64
    import struct

    vector = [0.25, -0.5, 1.0]
    packed = base64.b64encode(struct.pack("<3f", *vector)).decode()

    def answer(request: Any) -> Reply:
        as_base64 = request.json().get("encoding_format") == "base64"
        return Reply.json(
            {
                "object": "list",
                "data": [
                    {
                        "object": "embedding",
                        "index": 0,
                        "embedding": packed if as_base64 else vector,
                    }
                ],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 2, "total_tokens": 2},
            }
        )

    server.reply(*[Reply.dynamic(answer)] * 3)
    default = client.embeddings.create(model="text-embedding-3-small", input="hi")
    floats = client.embeddings.create(
        model="text-embedding-3-small", input=["hi"], encoding_format="float"
    )
    raw = client.embeddings.create(
        model="text-embedding-3-small", input=[[1, 2]], encoding_format="base64"
    )
    return (
        sent(server, 2),  # the first, without encoding_format: see test_embeddings_default_wire
        default.data[0].embedding,
        floats.data[0].embedding,
        raw.data[0].embedding,
    )


# --- richer answers as applications read them ----------------------------------------------------


@program
def responses_reasoning_citations_refusal(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    reasoning = {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "Looked it up."}],
        "encrypted_content": "gAAA",
    }
    search = {
        "id": "ws_1",
        "type": "web_search_call",
        "status": "completed",
        "action": {"type": "search", "query": "otters", "sources": [{"type": "url", "url": "u"}]},
    }
    message = output_message("Otters hold hands.")
    message["content"][0]["annotations"] = [
        {
            "type": "url_citation",
            "start_index": 0,
            "end_index": 6,
            "url": "https://example.com/otters",
            "title": "Otters",
        }
    ]
    message["content"].append({"type": "refusal", "refusal": "not that part"})
    second = output_message(" They sleep.", item_id="msg_2")
    server.reply(
        Reply.json(
            response_object(
                [reasoning, search, message, second],
                reasoning={"effort": "low", "summary": "auto"},
                usage={
                    "input_tokens": 5,
                    "input_tokens_details": {"cached_tokens": 2},
                    "output_tokens": 7,
                    "output_tokens_details": {"reasoning_tokens": 3},
                    "total_tokens": 12,
                },
            )
        )
    )
    response = client.responses.create(
        model="o4-mini",
        input="otters?",
        reasoning={"effort": "low", "summary": "auto"},
        tools=[{"type": "web_search"}],
        include=["reasoning.encrypted_content", "web_search_call.action.sources"],
        store=False,
    )
    summaries, citations, refusals = [], [], []
    for item in response.output:
        if item.type == "reasoning":
            summaries += [part.text for part in item.summary]
        elif item.type == "web_search_call":
            summaries.append((item.action.type, item.action.query))
        elif item.type == "message":
            for part in item.content:
                if part.type == "output_text":
                    citations += [(a.type, a.url, a.title, a.start_index) for a in part.annotations]
                elif part.type == "refusal":
                    refusals.append(part.refusal)
    return (
        sent(server),
        response.output_text,
        summaries,
        citations,
        refusals,
        response.usage.output_tokens_details.reasoning_tokens,
        response.usage.input_tokens_details.cached_tokens,
        response.reasoning.summary,
    )


@program
def responses_background_polling(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    queued = response_object([], status="queued", background=True, usage=None)
    running = {**queued, "status": "in_progress"}
    done = response_object([output_message("finished")], background=True)
    server.reply(Reply.json(queued), Reply.json(running), Reply.json(done), Reply.json(done))
    response = client.responses.create(model="o3", input="long task", background=True)
    statuses = [response.status]
    while response.status in {"queued", "in_progress"}:
        response = client.responses.retrieve(response.id)
        statuses.append(response.status)
    cancelled = client.responses.cancel(response.id)
    return (
        statuses,
        response.output_text,
        cancelled.status,
        [(r.method, r.path, r.query) for r in server.requests[-4:]],
    )


@program
def chat_choices_audio_and_logprobs(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import base64

    wav = b"RIFF" + bytes(40)
    message = {
        "role": "assistant",
        "content": None,
        "audio": {
            "id": "audio_1",
            "data": base64.b64encode(wav).decode(),
            "expires_at": 1733003600,
            "transcript": "Hello there",
        },
    }
    token = {"token": "Hi", "logprob": -0.1, "bytes": [72, 105], "top_logprobs": []}
    body = chat_completion(message)
    body["choices"][0]["logprobs"] = {"content": [token], "refusal": None}
    body["choices"].append(
        {**body["choices"][0], "index": 1, "message": {"role": "assistant", "content": "Hey"}}
    )
    server.reply(Reply.json(body))
    completion = client.chat.completions.create(
        model="gpt-4o-audio-preview",
        modalities=["text", "audio"],
        audio={"voice": "alloy", "format": "wav"},
        messages=[{"role": "user", "content": "Say hi"}],
        n=2,
        logprobs=True,
        top_logprobs=0,
        logit_bias={"50256": -100},
        parallel_tool_calls=False,
        tools=[{"type": "function", "function": {"name": "noop"}}],
        user="u-1",
        prediction={"type": "content", "content": "Hi"},
    )
    first = completion.choices[0]
    return (
        sent(server),
        base64.b64decode(first.message.audio.data) == wav,
        first.message.audio.transcript,
        [c.message.content for c in completion.choices],
        [(t.token, t.logprob, t.bytes) for t in first.logprobs.content],
        completion.usage.prompt_tokens_details.cached_tokens,
    )


@program
def chat_stream_refusal_and_snapshot(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    class Answer(BaseModel):
        value: int

    server.reply(
        sse(
            [
                chat_chunk({"role": "assistant", "content": None, "refusal": ""}),
                chat_chunk({"refusal": "I can't "}),
                chat_chunk({"refusal": "help."}),
                chat_chunk({}, finish_reason="stop"),
            ]
        )
    )
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=Answer
    ) as stream:
        seen = []
        for event in stream:
            if event.type == "refusal.delta":
                seen.append((event.type, event.delta, event.snapshot))
            elif event.type == "refusal.done":
                seen.append((event.type, event.refusal))
            elif event.type == "chunk":
                seen.append((event.type, event.snapshot.choices[0].message.refusal))
            else:
                seen.append(event.type)
        snapshot = stream.current_completion_snapshot
        final = stream.get_final_completion()
    server.reply(sse([chat_chunk({"role": "assistant", "content": "ok"})]))
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    ) as stream:
        stream.until_done()
        text = stream.get_final_completion().choices[0].message.content
    message = final.choices[0].message
    return seen, snapshot.choices[0].message.refusal, message.refusal, message.parsed, text


@program
def responses_stream_until_done_and_snapshot(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    item = output_message("Snapshot me")
    server.reply(sse(response_events(response_object([item]), item)))
    with client.responses.stream(model="gpt-4.1", input="hi") as stream:
        stream.until_done()
        final = stream.get_final_response()
    server.reply(sse(response_events(response_object([item]), item)))
    with client.responses.stream(model="gpt-4.1", input="hi") as stream:
        snapshots = []
        for event in stream:
            if event.type == "response.output_text.delta":
                snapshots.append(event.snapshot)
    return final.output_text, snapshots


# --- fixtures built from the SDK's types (unit tests of applications) -------------------------------


@program
def fixtures_built_from_types(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    types = openai.types
    chat = types.chat
    responses = types.responses
    completion = chat.ChatCompletion(
        id="c",
        object="chat.completion",
        created=0,
        model="gpt-4o",
        choices=[
            chat.chat_completion.Choice(
                index=0,
                finish_reason="stop",
                message=chat.ChatCompletionMessage(role="assistant", content="stubbed"),
            )
        ],
        usage=types.CompletionUsage(prompt_tokens=1, completion_tokens=1, total_tokens=2),
    )
    response = responses.Response(
        id="r",
        object="response",
        created_at=0,
        model="gpt-4.1",
        output=[
            responses.ResponseOutputMessage(
                id="m",
                type="message",
                role="assistant",
                status="completed",
                content=[
                    responses.ResponseOutputText(type="output_text", text="stub", annotations=[])
                ],
            ),
            responses.ResponseFunctionToolCall(
                type="function_call", call_id="c1", name="f", arguments="{}"
            ),
        ],
        parallel_tool_calls=False,
        tool_choice="auto",
        tools=[],
    )
    embedding = types.CreateEmbeddingResponse(
        object="list",
        model="m",
        data=[types.Embedding(object="embedding", index=0, embedding=[0.1])],
        usage=types.create_embedding_response.Usage(prompt_tokens=1, total_tokens=1),
    )
    from_json = chat.ChatCompletion.model_validate_json(completion.model_dump_json())
    from_dict = responses.Response.model_validate(response.model_dump())
    constructed = chat.ChatCompletion.model_construct(id="x", choices=[])
    return (
        completion.choices[0].message.content,
        response.output_text,
        embedding.data[0].embedding,
        from_json == completion,
        from_dict.output_text,
        constructed.id,
        completion.to_dict(),
        response.to_dict(),
        json.loads(embedding.to_json()),
    )


# --- what goes on the wire for what applications pass ------------------------------------------------


IDENTITY_HEADERS = frozenset(
    {
        "user-agent",
        "content-length",
        "host",
        "accept-encoding",
        "connection",
        "x-retry-count",
    }
)


def wire(request: Any) -> Any:
    """What a request carries that both packages must agree on (their identities aside)."""
    headers = {
        name: value
        for name, value in request.headers.items()
        # each package's own identity and retry bookkeeping: the SDK's x-stainless-* headers,
        # ours x-retry-count (an Idempotency-Key neither sends, so it is compared)
        if not name.startswith("x-stainless") and name not in IDENTITY_HEADERS
    }
    content_type = headers.pop("content-type", "")
    if not request.body:
        content_type = ""  # the SDK names application/json for a bodiless POST too; ours none
    if content_type.startswith("multipart/form-data"):
        body: Any = multipart_parts(request)
    elif request.body and content_type and "json" not in content_type:
        body = request.body  # a bare body of its own media type (an SDP offer)
    else:
        body = request.json() if request.body else None
    return (
        request.method,
        request.path,
        sorted(request.query),
        headers,
        content_type.split(";")[0],
        body,
    )


@program
def none_and_iterables_in_params(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(*[Reply.json(chat_completion({"role": "assistant", "content": "x"}))] * 3)
    settings: dict[str, Any] = {"temperature": None, "max_tokens": None}
    history = ({"role": "user", "content": f"m{n}"} for n in range(2))
    client.chat.completions.create(
        model="gpt-4o",
        messages=history,
        temperature=settings.get("temperature"),
        max_completion_tokens=settings.get("max_tokens"),
        stop=None,
        metadata={"user": "u"},
        tools=({"type": "function", "function": {"name": n, "parameters": {}}} for n in ("a", "b")),
    )
    client.chat.completions.create(
        model="gpt-4o",
        messages=({"role": "user", "content": ({"type": "text", "text": t} for t in ("a", "b"))},),
        stop=("x", "y"),
        seed=openai.NOT_GIVEN,
        top_p=openai.omit,
    )
    client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x", "name": None}],
        response_format={"type": "json_object"},
        extra_body={"temperature": 0.5, "vendor_option": {"a": None}},
    )
    return [wire(r) for r in server.requests[-3:]]


@program
def query_strings(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    empty = {"object": "list", "data": [], "has_more": False, "first_id": None, "last_id": None}
    server.reply(Reply.json(response_object([output_message("x")])), *[Reply.json(empty)] * 5)
    client.responses.retrieve(
        "resp_1", include=["message.output_text.logprobs", "reasoning.encrypted_content"]
    )
    client.responses.input_items.list(
        "resp_1", limit=5, order="asc", include=["file_search_call.results"]
    )
    client.files.list(purpose="batch", limit=3, order="desc", after="file-9")
    client.vector_stores.files.list("vs_1", filter="completed", limit=2, before="file-1")
    client.conversations.items.list("conv_1", include=["message.input_image.image_url"], limit=1)
    client.chat.completions.list(
        model="gpt-4o", metadata={"team": "a", "tier": "b"}, limit=2, order="asc"
    )
    return [wire(r) for r in server.requests[-6:]]


@program
def client_headers_from_settings(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(*[Reply.json({"object": "list", "data": []})] * 3)
    configured = openai.OpenAI(
        api_key="sk-app",
        organization="org-1",
        project="proj-1",
        base_url=server.url + "/v1",
        default_headers={"X-App": "demo"},
        default_query={"api-version": "2"},
        max_retries=0,
    )
    configured.models.list()
    configured.with_options(default_headers={"X-App": "other"}).models.list(
        extra_headers={"X-Trace": "t1", "OpenAI-Project": "proj-2"}, extra_query={"q": "1"}
    )
    configured.copy(organization="org-2", set_default_query={"only": "this"}).models.list()
    configured.close()
    return [wire(r) for r in server.requests[-3:]]


# --- the wire of calls across the API ------------------------------------------------------------------

ANYTHING = {"id": "obj_1", "object": "thing", "created_at": 1, "status": "completed", "data": []}


@program
def wire_of_assistants_and_threads(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(ANYTHING)
    beta = client.beta
    beta.assistants.create(
        model="gpt-4o",
        name="Math Tutor",
        instructions="You are a personal math tutor.",
        tools=[{"type": "code_interpreter"}, {"type": "file_search"}],
        tool_resources={"file_search": {"vector_store_ids": ["vs_1"]}},
        temperature=0.2,
        response_format="auto",
        metadata={"k": "v"},
    )
    beta.threads.create(
        messages=[
            {
                "role": "user",
                "content": "Solve this",
                "attachments": [{"file_id": "file-1", "tools": [{"type": "file_search"}]}],
            }
        ]
    )
    beta.threads.messages.create(
        "thread_1",
        role="user",
        content=[
            {"type": "image_url", "image_url": {"url": "https://e.com/a.png", "detail": "low"}}
        ],
    )
    beta.threads.messages.list("thread_1", order="asc", limit=20, run_id="run_1")
    beta.threads.runs.create(
        "thread_1",
        assistant_id="asst_1",
        additional_messages=[{"role": "user", "content": "more"}],
        include=["step_details.tool_calls[*].file_search.results[*].content"],
        truncation_strategy={"type": "last_messages", "last_messages": 5},
        tool_choice={"type": "function", "function": {"name": "f"}},
    )
    beta.threads.runs.submit_tool_outputs(
        "run_1", thread_id="thread_1", tool_outputs=[{"tool_call_id": "call_1", "output": "42"}]
    )
    beta.threads.runs.steps.list(
        "run_1",
        thread_id="thread_1",
        include=["step_details.tool_calls[*].file_search.results[*].content"],
    )
    beta.threads.create_and_run(
        assistant_id="asst_1", thread={"messages": [{"role": "user", "content": "hi"}]}
    )
    return [wire(r) for r in server.requests[-8:]]


@program
def wire_of_training_and_batches(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(ANYTHING)
    client.fine_tuning.jobs.create(
        model="gpt-4o-mini-2024-07-18",
        training_file="file-1",
        validation_file="file-2",
        method={"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.1, "n_epochs": "auto"}}},
        integrations=[{"type": "wandb", "wandb": {"project": "p", "tags": ["a"]}}],
        seed=7,
        metadata={"run": "1"},
    )
    client.fine_tuning.jobs.list_events("ftjob-1", limit=2, after="ev_1")
    client.fine_tuning.jobs.checkpoints.list("ftjob-1", limit=2)
    client.fine_tuning.checkpoints.permissions.create(
        "ft:gpt-4o-mini:org::ckpt", project_ids=["proj_1"]
    )
    client.fine_tuning.jobs.pause("ftjob-1")
    client.batches.create(
        input_file_id="file-1",
        endpoint="/v1/responses",
        completion_window="24h",
        metadata={"a": "b"},
        output_expires_after={"anchor": "created_at", "seconds": 86400},
    )
    client.batches.list(limit=2, after="batch_1")
    client.uploads.create(bytes=10, filename="a.jsonl", mime_type="text/jsonl", purpose="batch")
    client.uploads.parts.create("upload_1", data=b"0123456789")
    client.uploads.complete("upload_1", part_ids=["part_1"], md5="abc")
    return [wire(r) for r in server.requests[-10:]]


@program
def wire_of_media_and_stores(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(ANYTHING)
    png = b"\x89PNG\r\n\x1a\n" + bytes(8)
    client.images.create_variation(
        image=("a.png", png), n=2, size="256x256", response_format="b64_json"
    )
    client.audio.translations.create(
        model="whisper-1", file=("a.mp3", b"ID3"), prompt="p", temperature=0.1
    )
    client.vector_stores.create(
        name="kb",
        file_ids=["file-1"],
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
        },
        expires_after={"anchor": "last_active_at", "days": 7},
    )
    client.vector_stores.search(
        "vs_1",
        query=["otters", "rivers"],
        filters={"type": "and", "filters": [{"type": "eq", "key": "k", "value": 1}]},
        ranking_options={"ranker": "auto", "score_threshold": 0.5},
        rewrite_query=True,
        max_num_results=3,
    )
    client.vector_stores.file_batches.create(
        "vs_1", files=[{"file_id": "file-1", "attributes": {"lang": "en"}}]
    )
    client.vector_stores.files.update("file-1", vector_store_id="vs_1", attributes={"n": 2})
    client.containers.create(
        name="c", file_ids=["file-1"], expires_after={"anchor": "last_active_at", "minutes": 20}
    )
    client.containers.files.list("cntr_1", limit=1, order="asc")
    client.moderations.create(
        model="omni-moderation-latest",
        input=[{"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}],
    )
    client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt=[1, 2, 3],
        logit_bias={"50256": -100},
        echo=True,
        suffix="!",
        best_of=2,
    )
    return [wire(r) for r in server.requests[-10:]]


@program
def wire_of_responses_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(response_object([output_message("ok")]))
    client.responses.create(
        model="gpt-4.1",
        input=[
            {"role": "developer", "content": "be brief"},
            {
                "role": "user",
                "content": [
                    {"type": "input_text", "text": "read this"},
                    {"type": "input_file", "file_id": "file-1"},
                    {
                        "type": "input_image",
                        "image_url": "data:image/png;base64,AAAA",
                        "detail": "high",
                    },
                ],
            },
        ],
        text={
            "format": {
                "type": "json_schema",
                "name": "x",
                "schema": {"type": "object"},
                "strict": True,
            },
            "verbosity": "low",
        },
        tools=[
            {
                "type": "mcp",
                "server_label": "deepwiki",
                "server_url": "https://mcp.example/sse",
                "require_approval": "never",
            },
            {"type": "code_interpreter", "container": {"type": "auto"}},
            {"type": "image_generation", "quality": "low"},
        ],
        tool_choice={"type": "mcp", "server_label": "deepwiki"},
        max_output_tokens=500,
        max_tool_calls=3,
        truncation="auto",
        prompt_cache_key="k",
        safety_identifier="s",
        service_tier="flex",
        top_logprobs=2,
        prompt={"id": "pmpt_1", "version": "2", "variables": {"city": "Paris"}},
        conversation={"id": "conv_1"},
        stream=False,
    )
    client.responses.input_tokens.count(model="gpt-4.1", input="hi", tools=[])
    client.responses.compact(model="gpt-4.1", previous_response_id="resp_1")
    return [wire(r) for r in server.requests[-3:]]


@async_program
async def async_pages_streams_and_parse(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    def page(ids: list[str], more: bool) -> Reply:
        data = [{**FILE_OBJECT, "id": i} for i in ids]
        return Reply.json(
            {
                "object": "list",
                "data": data,
                "has_more": more,
                "first_id": ids[0],
                "last_id": ids[-1],
            }
        )

    server.reply(page(["f1", "f2"], True), page(["f3"], False))
    every = [f.id async for f in client.files.list(limit=2)]
    server.reply(page(["f1", "f2"], True), page(["f3"], False))
    first = await client.files.list(limit=2)
    pages = [[f.id for f in p.data] async for p in first.iter_pages()]
    page_queries = [r.query for r in server.requests[-2:]]
    server.reply(
        sse([chat_chunk({"role": "assistant", "content": "a"}), chat_chunk({"content": "b"})])
    )
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    ) as response:
        lines = [line async for line in response.iter_lines() if line]
    item = function_call("GetWeather", {"city": "Kyiv", "unit": "c"}, "call_k")
    server.reply(sse(response_events(response_object([item]), item)))
    async with client.responses.stream(
        model="gpt-4.1", input="weather?", tools=[openai.pydantic_function_tool(GetWeather)]
    ) as stream:
        kinds = [event.type async for event in stream]
        final = await stream.get_final_response()
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": json.dumps(EXTRACTED)}))
    )
    parsed = await client.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=Extraction
    )
    server.reply(sse([chat_chunk({"role": "assistant", "content": "z"})]))
    stream = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    async for chunk in stream:
        first_chunk = chunk.choices[0].delta.content
        break
    await stream.close()
    return (
        every,
        pages,
        page_queries,
        lines[-1],
        len(lines),
        kinds,
        final.output[0].parsed_arguments,
        parsed.choices[0].message.parsed.contacts[0].name,
        first_chunk,
        stream.response.is_closed,
    )


@async_program
async def async_errors_and_retries(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    error = {"error": {"message": "slow down", "type": "requests", "code": "rate_limit_exceeded"}}
    server.reply(
        Reply.json(error, status=429, headers={"retry-after-ms": "1"}),
        Reply.json(
            chat_completion({"role": "assistant", "content": "ok"}), headers={"x-request-id": "r2"}
        ),
        Reply.json(error, status=429, headers={"retry-after-ms": "1", "x-request-id": "r3"}),
    )
    raw = await client.with_options(max_retries=1).chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    try:
        await client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}]
        )
        caught = None
    except openai.RateLimitError as e:
        caught = (e.status_code, e.request_id, e.code, e.body)
    server.reply(Reply.hang())
    try:
        await client.with_options(timeout=0.2).models.list()
        timed_out = None
    except openai.APITimeoutError as e:
        timed_out = (type(e).__name__, isinstance(e, openai.APIConnectionError), e.request.method)
    return (
        raw.retries_taken,
        raw.request_id,
        raw.parse().choices[0].message.content,
        caught,
        timed_out,
    )


@program
def chat_stream_two_choices_with_logprobs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    def piece(
        index: int, delta: dict[str, Any], token: str | None = None, finish: Any = None
    ) -> Any:
        logprobs = (
            {"content": [{"token": token, "logprob": -0.5, "bytes": None, "top_logprobs": []}]}
            if token
            else None
        )
        return {
            **chat_chunk({}),
            "choices": [
                {"index": index, "delta": delta, "logprobs": logprobs, "finish_reason": finish}
            ],
        }

    server.reply(
        sse(
            [
                piece(0, {"role": "assistant", "content": ""}),
                piece(1, {"role": "assistant", "content": ""}),
                piece(1, {"content": "Bon"}, "Bon"),
                piece(0, {"content": "Hel"}, "Hel"),
                piece(0, {"content": "lo"}, "lo"),
                piece(1, {"content": "jour"}, "jour"),
                piece(0, {}, finish="stop"),
                piece(1, {}, finish="stop"),
            ]
        )
    )
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "greet"}], n=2, logprobs=True
    ) as stream:
        seen = []
        for event in stream:
            if event.type == "content.delta":
                seen.append((event.type, event.delta, event.snapshot))
            elif event.type == "content.done":
                seen.append((event.type, event.content))
            elif event.type == "logprobs.content.delta" or event.type == "logprobs.content.done":
                seen.append((event.type, [t.token for t in event.content]))
            elif event.type != "chunk":
                seen.append(event.type)
        final = stream.get_final_completion()
    return (
        seen,
        [(c.index, c.message.content, c.finish_reason) for c in final.choices],
        [[t.token for t in c.logprobs.content] for c in final.choices],
    )


# --- the Assistants function-calling handler of the cookbooks ---------------------------------------


def run_object(status: str, **extra: Any) -> Any:
    return {
        "id": "run_1",
        "object": "thread.run",
        "created_at": 1,
        "thread_id": "thread_1",
        "assistant_id": "asst_1",
        "status": status,
        "model": "gpt-4o",
        "instructions": "",
        "tools": [{"type": "function", "function": {"name": "get_temperature", "parameters": {}}}],
        "parallel_tool_calls": True,
        "metadata": {},
        "required_action": None,
        "last_error": None,
        "usage": None,
        **extra,
    }


def requires_action_events() -> list[Any]:
    call = {
        "id": "call_t",
        "type": "function",
        "function": {"name": "get_temperature", "arguments": '{"city": "Paris"}'},
    }
    step = {
        "id": "step_1",
        "object": "thread.run.step",
        "created_at": 1,
        "run_id": "run_1",
        "assistant_id": "asst_1",
        "thread_id": "thread_1",
        "type": "tool_calls",
        "status": "in_progress",
        "step_details": {"type": "tool_calls", "tool_calls": []},
    }
    delta = {
        "id": "step_1",
        "object": "thread.run.step.delta",
        "delta": {
            "step_details": {
                "type": "tool_calls",
                "tool_calls": [{"index": 0, "type": "function", **call}],
            }
        },
    }
    action = {"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": [call]}}
    return [
        ("thread.run.created", run_object("queued")),
        ("thread.run.in_progress", run_object("in_progress")),
        ("thread.run.step.created", step),
        ("thread.run.step.delta", delta),
        ("thread.run.requires_action", run_object("requires_action", required_action=action)),
    ]


def answer_events() -> list[Any]:
    message = {
        "id": "msg_1",
        "object": "thread.message",
        "created_at": 1,
        "thread_id": "thread_1",
        "run_id": "run_1",
        "assistant_id": "asst_1",
        "role": "assistant",
        "status": "in_progress",
        "content": [],
        "attachments": [],
        "metadata": {},
    }
    deltas = [
        (
            "thread.message.delta",
            {
                "id": "msg_1",
                "object": "thread.message.delta",
                "delta": {
                    "content": [
                        {"index": 0, "type": "text", "text": {"value": piece, "annotations": []}}
                    ]
                },
            },
        )
        for piece in ("It is ", "22C.")
    ]
    done = {
        **message,
        "status": "completed",
        "content": [{"type": "text", "text": {"value": "It is 22C.", "annotations": []}}],
    }
    return [
        ("thread.message.created", message),
        *deltas,
        ("thread.message.completed", done),
        ("thread.run.completed", run_object("completed")),
    ]


@program
def assistants_function_calling_handler(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    seen: list[Any] = []

    class EventHandler(openai.AssistantEventHandler):
        def on_event(self, event: Any) -> None:
            if event.event == "thread.run.requires_action":
                outputs = []
                for tool in event.data.required_action.submit_tool_outputs.tool_calls:
                    seen.append((tool.function.name, json.loads(tool.function.arguments)))
                    outputs.append({"tool_call_id": tool.id, "output": "22"})
                with client.beta.threads.runs.submit_tool_outputs_stream(
                    thread_id=self.current_run.thread_id,
                    run_id=self.current_run.id,
                    tool_outputs=outputs,
                    event_handler=AnswerHandler(),
                ) as stream:
                    stream.until_done()

        def on_tool_call_created(self, tool_call: Any) -> None:
            seen.append(("tool call", tool_call.type, tool_call.id))

        def on_tool_call_delta(self, delta: Any, snapshot: Any) -> None:
            seen.append(("tool delta", delta.function.arguments, snapshot.function.arguments))

    class AnswerHandler(openai.AssistantEventHandler):
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            seen.append(("text", delta.value, snapshot.value))

        def on_message_done(self, message: Any) -> None:
            seen.append(("message", message.content[0].text.value))

    server.reply(sse(requires_action_events()), sse(answer_events()))
    with client.beta.threads.runs.stream(
        thread_id="thread_1", assistant_id="asst_1", event_handler=EventHandler()
    ) as stream:
        stream.until_done()
    return seen, [wire(r) for r in server.requests[-2:]], stream.current_run.status


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)


_EMBEDDING_ANSWER = {
    "object": "list",
    "data": [
        {"object": "embedding", "index": 0, "embedding": "AACAPg=="},  # 0.25
        {"object": "embedding", "index": 1, "embedding": "AAAAwAAAgD8="},  # -2.0, 1.0
    ],
    "model": "m",
    "usage": {"prompt_tokens": 1, "total_tokens": 1},
}


def test_embeddings_default_wire(server: ScriptedServer) -> None:
    # without encoding_format both ask for base64 and decode it (plain call, raw and streamed
    # responses' .parse()); with one it is sent and the answer returned as it came
    def observe(sdk: ModuleType) -> Any:
        server.reply(*[Reply.json(_EMBEDDING_ANSWER)] * 4)
        with client_of(sdk, server.url + "/v1") as client:
            plain = client.embeddings.create(model="m", input="hi")
            raw = client.embeddings.with_raw_response.create(model="m", input="hi").parse()
            with client.embeddings.with_streaming_response.create(model="m", input="hi") as r:
                streamed = r.parse()
            explicit = client.embeddings.create(model="m", input="hi", encoding_format="base64")
        return sent(server, 4), [
            [d.embedding for d in result.data] for result in (plain, raw, streamed, explicit)
        ]

    ours, theirs = run_both(observe)
    default = {"model": "m", "input": "hi", "encoding_format": "base64"}
    assert theirs == (
        [default] * 4,
        [[[0.25], [-2.0, 1.0]]] * 3 + [["AACAPg==", "AAAAwAAAgD8="]],
    )
    assert ours == theirs


@pytest.mark.anyio
async def test_embeddings_default_wire_async(server: ScriptedServer) -> None:
    async def observe(sdk: ModuleType) -> Any:
        server.reply(*[Reply.json(_EMBEDDING_ANSWER)] * 3)
        async with async_client_of(sdk, server.url + "/v1") as client:
            plain = await client.embeddings.create(model="m", input="hi")
            raw = await client.embeddings.with_raw_response.create(model="m", input="hi")
            async with client.embeddings.with_streaming_response.create(
                model="m", input="hi", encoding_format="float"
            ) as r:
                streamed = await r.parse()
        return sent(server, 3), [
            [d.embedding for d in result.data] for result in (plain, raw.parse(), streamed)
        ]

    ours, theirs = await arun_both(observe)
    default = {"model": "m", "input": "hi", "encoding_format": "base64"}
    assert theirs == (
        [default, default, {**default, "encoding_format": "float"}],
        [[[0.25], [-2.0, 1.0]]] * 2 + [["AACAPg==", "AAAAwAAAgD8="]],
    )
    assert ours == theirs
