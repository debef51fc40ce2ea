"""Real-world sweep V, structured outputs on the edges apps reach: schemas of pydantic models
with recursion, unions, enums of numbers and aliases; a model class given to ``create`` by
mistake; plain dict tools through ``parse`` (strict and not); ``with_raw_response.parse`` and
``with_streaming_response``; the SDK's ``ChatCompletionStreamState`` fed by a raw stream; ``n``
candidates parsed by the async client — each program written for the official SDK, run against
both packages over the loopback server; compared: what it observed and the requests sent (or
the error raised before any). Standard dataclasses and plain TypedDicts as ``response_format``
are a pinned deliberate difference.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum, IntEnum
from types import ModuleType
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypedDict

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def answer(content: Any) -> Reply:
    text = content if isinstance(content, str) else json.dumps(content)
    return Reply.json(chat_completion({"role": "assistant", "content": text}))


def outcome(code: Any) -> Any:
    """What ``code()`` returned, or the type of what it raised."""
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__)


class TreeNode(BaseModel):
    label: str
    children: list[TreeNode]


class Priority(IntEnum):
    low = 1
    high = 2


class Color(Enum):
    red = "red"
    green = "green"


class Cat(BaseModel):
    kind: Literal["cat"]
    lives: int


class Dog(BaseModel):
    kind: Literal["dog"]
    good: bool


class Everything(BaseModel):
    model_config = ConfigDict(title="EverythingSchema")

    name: str = Field(description="The name")
    priority: Priority
    color: Color
    pet: Union[Cat, Dog]
    nickname: str | None
    score: Annotated[float, Field(ge=0, le=1)]
    tags: list[str]


@program
def recursive_and_union_schemas(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    tree = {"label": "root", "children": [{"label": "leaf", "children": []}]}
    everything = {
        "name": "n",
        "priority": 2,
        "color": "green",
        "pet": {"kind": "dog", "good": True},
        "nickname": None,
        "score": 0.5,
        "tags": [],
    }
    server.reply(answer(tree), answer(everything))
    first = client.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "tree"}], response_format=TreeNode
    )
    second = client.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "all"}], response_format=Everything
    )
    parsed = second.choices[0].message.parsed
    return (
        repr(first.choices[0].message.parsed),
        (parsed.priority, type(parsed.priority).__name__, parsed.color, type(parsed.pet).__name__),
        wires(server),
    )


class WithAlias(BaseModel):
    full_name: str = Field(alias="fullName")
    age: int


@program
def aliased_fields_parsed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer({"fullName": "Ada", "age": 36}))
    completion = client.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "who"}], response_format=WithAlias
    )
    return repr(completion.choices[0].message.parsed), wires(server)


@dataclass
class Point:
    x: int
    y: int


class Movie(TypedDict):
    title: str
    year: int


def plain_classes_as_response_format(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A standard-library dataclass and a plain ``TypedDict`` (no pydantic config) given to
    ``parse``."""
    server.reply(answer({"x": 1, "y": 2}), answer({"title": "Up", "year": 2009}))

    def parsed(response_format: Any) -> Any:
        completion = client.chat.completions.parse(
            model="gpt-4o",
            messages=[{"role": "user", "content": "p"}],
            response_format=response_format,
        )
        return repr(completion.choices[0].message.parsed)

    return outcome(lambda: parsed(Point)), outcome(lambda: parsed(Movie)), len(server.requests)


def test_plain_dataclasses_and_typeddicts_are_parsed_here_only(server: ScriptedServer) -> None:
    """A deliberate difference: ``parse`` here takes any class pydantic builds an object schema
    for, so a standard dataclass or a plain ``TypedDict`` is sent as a strict schema and the
    answer parsed into it; the official SDK accepts only pydantic models and classes carrying a
    pydantic config (pydantic dataclasses, TypedDicts with ``__pydantic_config__``) and raises
    TypeError before any request for these. Code written for the SDK cannot rely on that
    TypeError (its own call fails), so taking them breaks no such program."""

    def one(sdk: ModuleType) -> Any:
        server.requests.clear()
        with client_of(sdk, server.url + "/v1") as client:
            return plain_classes_as_response_format(sdk, client, server)

    ours, theirs = run_both(one)
    assert ours == (("ok", "Point(x=1, y=2)"), ("ok", "{'title': 'Up', 'year': 2009}"), 2)
    assert theirs == (("raised", "TypeError"), ("raised", "TypeError"), 0)


@program
def basemodel_passed_to_create(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A common mistake: a model class given to ``create`` instead of ``parse``."""
    server.reply(answer({"x": 1}))

    def call() -> Any:
        return client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "p"}], response_format=WithAlias
        )

    return outcome(call), wires(server)


STRICT_TOOL = {
    "type": "function",
    "function": {
        "name": "lookup",
        "strict": True,
        "parameters": {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        },
    },
}
LOOSE_TOOL = {
    "type": "function",
    "function": {"name": "loose", "parameters": {"type": "object", "properties": {}}},
}


def tool_answer(name: str, arguments: str) -> Reply:
    call = {"id": "call_1", "type": "function", "function": {"name": name, "arguments": arguments}}
    return Reply.json(
        chat_completion({"role": "assistant", "content": None, "tool_calls": [call]}, "tool_calls")
    )


@program
def dict_tools_through_parse(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(tool_answer("lookup", '{"q": "x"}'))  # the loose call is refused unsent

    def strict() -> Any:
        completion = client.chat.completions.parse(
            model="gpt-4o", messages=[{"role": "user", "content": "q"}], tools=[STRICT_TOOL]
        )
        function = completion.choices[0].message.tool_calls[0].function
        return function.parsed_arguments, type(function).__name__

    def loose() -> Any:
        completion = client.chat.completions.parse(
            model="gpt-4o", messages=[{"role": "user", "content": "q"}], tools=[LOOSE_TOOL]
        )
        return completion.choices[0].message.tool_calls[0].function.parsed_arguments

    return outcome(strict), outcome(loose), wires(server)


@program
def raw_response_around_parse(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            chat_completion({"role": "assistant", "content": '{"fullName": "Bo", "age": 3}'}),
            headers={"x-request-id": "req_parse", "openai-processing-ms": "42"},
        )
    )
    raw = client.chat.completions.with_raw_response.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=WithAlias
    )
    completion = raw.parse()
    return (
        raw.headers.get("x-request-id"),
        raw.headers.get("openai-processing-ms"),
        raw.status_code,
        type(completion).__name__,
        repr(completion.choices[0].message.parsed),
        completion._request_id,
        wires(server),
    )


@program
def streaming_response_lines(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chunk = {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-4o",
        "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": None}],
    }
    server.reply(Reply.sse([f"data: {json.dumps(chunk)}\n\n", "data: [DONE]\n\n"]))
    lines = []
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    ) as response:
        status = response.status_code
        for line in response.iter_lines():
            lines.append(line)
    return status, lines, wires(server)


def stream_chunks() -> Reply:
    content = json.dumps({"fullName": "Ada", "age": 36})
    chunks = [
        {"role": "assistant", "content": ""},
        {"content": content[:10]},
        {"content": content[10:]},
    ]
    body = [
        {
            "id": "chatcmpl-st",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "gpt-4o",
            "choices": [{"index": 0, "delta": delta, "finish_reason": None, "logprobs": None}],
        }
        for delta in chunks
    ]
    body.append({**body[-1], "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    body.append(
        {
            **body[-1],
            "choices": [],
            "usage": {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7},
        }
    )
    return Reply.sse([*(f"data: {json.dumps(c)}\n\n" for c in body), "data: [DONE]\n\n"])


@program
def stream_state_fed_by_a_raw_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The SDK's ``ChatCompletionStreamState`` fed by hand with a ``stream=True`` response (a
    proxy that forwards raw chunks and still wants the parsed result)."""
    from importlib import import_module

    chat_streaming = import_module(f"{openai.__name__}.lib.streaming.chat")
    server.reply(stream_chunks())
    state = chat_streaming.ChatCompletionStreamState(
        response_format=WithAlias, input_tools=openai.NOT_GIVEN
    )
    kinds = []
    for chunk in client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "who"}],
        stream=True,
        stream_options={"include_usage": True},
        response_format=openai.lib._parsing._completions.type_to_response_format_param(WithAlias),
    ):
        kinds.append([event.type for event in state.handle_chunk(chunk)])
    final = state.get_final_completion()
    return (
        kinds,
        repr(final.choices[0].message.parsed),
        final.usage.total_tokens,
        type(final).__name__,
        wires(server),
    )


@async_program
async def async_parse_of_n_candidates(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Two candidates parsed at once by the async client, on the beta path 1.x code used."""
    body = chat_completion({"role": "assistant", "content": '{"fullName": "A", "age": 1}'})
    second = {**body["choices"][0], "index": 1}
    second["message"] = {**second["message"], "content": '{"fullName": "B", "age": 2}'}
    body["choices"].append(second)
    server.reply(Reply.json(body))
    completion = await client.beta.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "two people"}],
        response_format=WithAlias,
        n=2,
        temperature=1.0,
    )
    return (
        [(c.index, repr(c.message.parsed)) for c in completion.choices],
        [type(c).__name__ for c in completion.choices],
        wires(server),
    )


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
