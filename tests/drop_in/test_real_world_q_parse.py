"""Real-world sweep Q, structured outputs on Chat Completions as libraries and apps use them:
``chat.completions.parse`` and the ``beta`` path with nested / Optional / enum / list / Literal
models, ``pydantic_function_tool`` arguments, the private helpers that wrappers import
(``openai.lib._pydantic.to_strict_json_schema``, ``openai.lib._parsing._completions``,
``openai.lib.streaming.chat._completions.ChatCompletionStreamState``,
``openai.lib.streaming._deltas.accumulate_delta``), refusals and the ``stream()`` event loop —
programs written for the official SDK, run unchanged against both packages over the scripted
loopback server.
"""

from __future__ import annotations

import importlib
import json
import warnings
from enum import Enum, IntEnum
from types import ModuleType
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, Field

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, chat_chunk, chat_completion, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def private(openai: ModuleType, path: str) -> ModuleType:
    """``from openai.<path> import ...`` as the library wrote it, for either package."""
    return importlib.import_module(f"{openai.__name__}.{path}")


def without_defaults(value: Any) -> Any:
    """``value`` without JSON-schema ``default`` keywords: the one deliberate difference in the
    strict schemas of pydantic models (see ``test_real_world_apps.without_defaults``: the API
    refuses ``default`` in a strict schema, which the official SDK sends for a non-None one)."""
    if isinstance(value, dict):
        return {k: without_defaults(v) for k, v in value.items() if k != "default"}
    if isinstance(value, (list, tuple)):
        return [without_defaults(v) for v in value]
    return value


def outcome(call: Any) -> Any:
    """What the app's ``try``/``except`` records: the error's class (the wording of our
    messages is our own: they name the problem more precisely)."""
    try:
        return ("ok", call())
    except Exception as error:
        return ("raised", type(error).__name__)


def answer(content: Any, finish_reason: str = "stop", **message: Any) -> Reply:
    text = content if isinstance(content, str) or content is None else json.dumps(content)
    return Reply.json(
        chat_completion({"role": "assistant", "content": text, **message}, finish_reason)
    )


class Severity(str, Enum):
    low = "low"
    high = "high"


class Level(IntEnum):
    one = 1
    two = 2


class Step(BaseModel):
    explanation: str
    output: str


class Ticket(BaseModel):
    title: str = Field(description="A one-line summary")
    severity: Severity
    level: Level
    kind: Literal["bug", "feature"]
    assignee: str | None = None
    tags: list[str]
    steps: list[Step]
    estimate: Union[int, float, None] = None


TICKET = {
    "title": "Crash on save",
    "severity": "high",
    "level": 2,
    "kind": "bug",
    "assignee": None,
    "tags": ["editor"],
    "steps": [{"explanation": "open", "output": "ok"}],
    "estimate": 1.5,
}


def quietly(dump: Any) -> Any:
    # the official SDK warns on dumps of a parsed completion (pydantic's serializer expects the
    # `parsed` of the unparametrized class, None, and meets a Ticket); what it writes is the same
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return dump()


@program
def ticket_triage_with_parse(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer(TICKET), answer(TICKET))
    results = []
    for create in (client.chat.completions.parse, client.beta.chat.completions.parse):
        completion = create(
            model="gpt-4o-2024-08-06",
            messages=[{"role": "user", "content": "The editor crashes when saving"}],
            response_format=Ticket,
            temperature=0,
        )
        message = completion.choices[0].message
        ticket = message.parsed
        results.append(
            (
                type(completion).__name__,
                type(message).__name__,
                repr(ticket),
                ticket.severity is Severity.high,
                ticket.level is Level.two,
                message.refusal,
                quietly(completion.choices[0].message.model_dump)["parsed"],
                json.loads(quietly(completion.model_dump_json))["choices"][0]["message"]["parsed"],
            )
        )
    return [wire(r) for r in server.requests], results


@program
def parse_refusal_and_length(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(None, refusal="I can't help with that."),
        answer('{"title": "Cr', finish_reason="length"),
        answer("", finish_reason="content_filter"),
        answer('{"title": 1}'),
    )
    log = []
    for _ in range(4):
        try:
            completion = client.chat.completions.parse(
                model="gpt-4o",
                messages=[{"role": "user", "content": "x"}],
                response_format=Ticket,
                max_tokens=5,
            )
        except openai.LengthFinishReasonError as error:
            log.append(("length", error.completion.choices[0].finish_reason, error.completion.id))
            continue
        except openai.ContentFilterFinishReasonError as error:
            log.append(("filter", isinstance(error, openai.OpenAIError)))
            continue
        except Exception as error:
            log.append(("other", type(error).__name__))
            continue
        message = completion.choices[0].message
        if message.refusal:
            log.append(("refused", message.refusal, message.parsed))
        else:
            log.append(("parsed", message.parsed))
    return log


class Lookup(BaseModel):
    """Look a word up in the dictionary."""

    word: str
    language: Literal["en", "fr"] = "en"


class Convert(BaseModel):
    amount: float
    currency: str | None


@program
def pydantic_tools_round_trip(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Tools from pydantic models: their parsed arguments dispatched, results fed back."""
    calls = [
        {
            "id": "call_l",
            "type": "function",
            "function": {"name": "Lookup", "arguments": '{"word": "chat", "language": "fr"}'},
        },
        {
            "id": "call_c",
            "type": "function",
            "function": {"name": "convert", "arguments": '{"amount": 3, "currency": null}'},
        },
    ]
    server.reply(
        answer(None, "tool_calls", tool_calls=calls),
        answer("Chat means cat; 3 units."),
    )
    tools = [
        openai.pydantic_function_tool(Lookup),
        openai.pydantic_function_tool(Convert, name="convert", description="Convert money"),
    ]
    messages: list[Any] = [{"role": "user", "content": "What is chat, and convert 3"}]
    first = client.chat.completions.parse(model="gpt-4o", messages=messages, tools=tools)
    message = first.choices[0].message
    messages.append(message)
    handled = []
    for call in message.tool_calls:
        arguments = call.function.parsed_arguments
        handled.append((type(call).__name__, type(arguments).__name__, repr(arguments)))
        messages.append({"role": "tool", "tool_call_id": call.id, "content": "done"})
    final = client.chat.completions.parse(model="gpt-4o", messages=messages, tools=tools)
    return (
        without_defaults(tools),
        without_defaults([wire(r) for r in server.requests]),
        handled,
        final.choices[0].message.parsed,
        final.choices[0].message.content,
    )


@program
def strict_schema_helper_as_libraries_import_it(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``from openai.lib._pydantic import to_strict_json_schema``, sent by hand in a json_schema
    response format (and in a tool), then the answer validated with the model."""
    to_strict_json_schema = private(openai, "lib._pydantic").to_strict_json_schema
    schema = to_strict_json_schema(Ticket)
    server.reply(answer(TICKET))
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "triage"}],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "ticket", "schema": schema, "strict": True},
        },
        tools=[
            {
                "type": "function",
                "function": {
                    "name": "lookup",
                    "parameters": to_strict_json_schema(Lookup),
                    "strict": True,
                },
            }
        ],
    )
    ticket = Ticket.model_validate_json(completion.choices[0].message.content)
    return without_defaults(schema), without_defaults(wire(server.requests[0])), ticket.title


@program
def response_format_param_helpers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Wrappers that send ``create`` themselves build the response format with the SDK's helper
    (``openai.lib._parsing._completions.type_to_response_format_param``), and parse afterwards."""
    completions = private(openai, "lib._parsing._completions")
    response_format = completions.type_to_response_format_param(Ticket)
    package_level = private(openai, "lib._parsing").type_to_response_format_param(Lookup)
    server.reply(answer(TICKET))
    raw = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=response_format
    )
    parsed = completions.parse_chat_completion(
        response_format=Ticket, input_tools=[], chat_completion=raw
    )
    given = (
        completions.type_to_response_format_param({"type": "json_object"}),
        completions.type_to_response_format_param(openai.NOT_GIVEN),
    )
    return (
        without_defaults(response_format),
        without_defaults(package_level),
        wire(server.requests[0])[-1]["response_format"]["json_schema"]["name"],
        type(parsed).__name__,
        repr(parsed.choices[0].message.parsed),
        given[0],
        bool(given[1]),  # (NOT_GIVEN as in 1.x, where code compares with it; omit in 3.x)
    )


@program
def text_format_helper_for_responses(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``openai.lib._parsing._responses.type_to_text_format_param`` for count/compaction calls."""
    helper = private(openai, "lib._parsing._responses").type_to_text_format_param
    return without_defaults(helper(Ticket)), without_defaults(helper(Lookup))


def parse_chunks(text: str) -> list[Any]:
    chunks = [chat_chunk({"role": "assistant", "content": "", "refusal": None})]
    for start in range(0, len(text), 9):
        chunks.append(chat_chunk({"content": text[start : start + 9]}))
    chunks.append(chat_chunk({}, finish_reason="stop"))
    chunks.append({**chat_chunk({}), "choices": [], "usage": USAGE})
    return chunks


@program
def stream_helper_event_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A UI's loop over ``stream()``: partial parses on ``content.delta``, the final object."""
    server.reply(sse(parse_chunks(json.dumps(TICKET))))
    log = []
    with client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "triage"}],
        response_format=Ticket,
        stream_options={"include_usage": True},
    ) as stream:
        for event in stream:
            if event.type == "content.delta":
                log.append(("delta", event.delta, json.dumps(event.parsed, default=str)))
            elif event.type == "content.done":
                log.append(("done", event.content, repr(event.parsed)))
            elif event.type == "chunk":
                log.append(("chunk", event.chunk.id, event.snapshot.choices[0].message.content))
            else:
                log.append((event.type,))
        snapshot = stream.current_completion_snapshot
        final = stream.get_final_completion()
    return (
        wire(server.requests[0]),
        log,
        type(snapshot).__name__,
        repr(final.choices[0].message.parsed),
        final.usage.total_tokens,
        type(final).__name__,
    )


def tool_stream_chunks() -> list[Any]:
    deltas = [
        {
            "role": "assistant",
            "tool_calls": [
                {
                    "index": 0,
                    "id": "call_a",
                    "type": "function",
                    "function": {"name": "Lookup", "arguments": ""},
                }
            ],
        },
        {"tool_calls": [{"index": 0, "function": {"arguments": '{"word":'}}]},
        {"tool_calls": [{"index": 0, "function": {"arguments": ' "chien"}'}}]},
        {
            "tool_calls": [
                {
                    "index": 1,
                    "id": "call_b",
                    "type": "function",
                    "function": {
                        "name": "convert",
                        "arguments": '{"amount": 2, "currency": "EUR"}',
                    },
                }
            ]
        },
    ]
    return [*[chat_chunk(d) for d in deltas], chat_chunk({}, finish_reason="tool_calls")]


@program
def stream_helper_tool_arguments_done(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(tool_stream_chunks()))
    done = []
    deltas = []
    with client.beta.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x"}],
        tools=[
            openai.pydantic_function_tool(Lookup),
            openai.pydantic_function_tool(Convert, name="convert"),
        ],
    ) as stream:
        for event in stream:
            if event.type == "tool_calls.function.arguments.delta":
                deltas.append((event.index, event.name, event.arguments_delta, event.arguments))
            elif event.type == "tool_calls.function.arguments.done":
                done.append(
                    (event.index, event.name, event.arguments, repr(event.parsed_arguments))
                )
        final = stream.get_final_completion()
    calls = final.choices[0].message.tool_calls
    return (
        deltas,
        done,
        [(c.id, repr(c.function.parsed_arguments)) for c in calls],
        final.choices[0].finish_reason,
    )


@program
def stream_state_from_the_private_module(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Frameworks that stream with ``create(stream=True)`` themselves and feed each chunk to
    ``openai.lib.streaming.chat._completions.ChatCompletionStreamState`` (as several do)."""
    completions = private(openai, "lib.streaming.chat._completions")
    server.reply(sse(parse_chunks("Hello world, how are you?")), sse(tool_stream_chunks()))
    log = []
    state = completions.ChatCompletionStreamState()
    for chunk in client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
    ):
        events = state.handle_chunk(chunk)
        log.append([e.type for e in events])
    final = state.get_final_completion()
    tools = [
        openai.pydantic_function_tool(Lookup),
        openai.pydantic_function_tool(Convert, name="convert"),
    ]
    tool_state = completions.ChatCompletionStreamState(input_tools=tools)
    for chunk in client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], tools=tools, stream=True
    ):
        tool_state.handle_chunk(chunk)
    tool_final = tool_state.get_final_completion()
    return (
        log,
        final.choices[0].message.content,
        final.usage.total_tokens if final.usage else None,
        type(final).__name__,
        [repr(c.function.parsed_arguments) for c in tool_final.choices[0].message.tool_calls],
        type(tool_state.current_completion_snapshot).__name__,
        {
            name: getattr(completions, name).__name__
            for name in (
                "ChatCompletionStreamState",
                "ChatCompletionStream",
                "AsyncChatCompletionStream",
                "ChatCompletionStreamManager",
                "AsyncChatCompletionStreamManager",
            )
        },
    )


@program
def deltas_accumulated_with_the_sdk_helper(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``openai.lib.streaming._deltas.accumulate_delta`` over each delta's dump, as proxies do."""
    accumulate_delta = private(openai, "lib.streaming._deltas").accumulate_delta
    server.reply(sse(tool_stream_chunks()), sse(parse_chunks('{"a": 1}')))
    merged = []
    for _ in range(2):
        message: dict[str, Any] = {}
        for chunk in client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
        ):
            for choice in chunk.choices:
                message = accumulate_delta(message, choice.delta.model_dump(exclude_unset=True))
        merged.append(message)
    by_hand = accumulate_delta(
        {"content": "a", "tool_calls": [{"index": 0, "function": {"arguments": "{"}}]},
        {
            "content": "b",
            "tool_calls": [{"index": 0, "function": {"arguments": "}"}}, {"index": 1, "id": "x"}],
        },
    )
    return merged, by_hand


@program
def tool_registry_keyed_off_the_pydantic_tool_class(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A tool registry: it recognises ``pydantic_function_tool`` results by their function's
    class (``openai.lib._tools.PydanticFunctionTool``), reads back the model, drops the
    description to save tokens and checks ``is_parseable_tool`` before relying on parsing."""
    tools_module = private(openai, "lib._tools")
    is_parseable_tool = private(openai, "lib._parsing._completions").is_parseable_tool
    tools = [
        tools_module.pydantic_function_tool(Lookup),
        openai.pydantic_function_tool(Convert, name="convert"),
        {"type": "function", "function": {"name": "plain", "parameters": {}}},
        {"type": "function", "function": {"name": "strict", "parameters": {}, "strict": True}},
        {"type": "custom", "custom": {"name": "shell"}},
    ]
    registry = {}
    for tool in tools:
        function = tool.get("function")
        if isinstance(function, tools_module.PydanticFunctionTool):
            function.pop("description", None)
            registry[function["name"]] = function.model
    server.reply(
        answer(
            None,
            "tool_calls",
            tool_calls=[
                {
                    "id": "c1",
                    "type": "function",
                    "function": {"name": "Lookup", "arguments": '{"word": "x", "language": "en"}'},
                }
            ],
        )
    )
    completion = client.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], tools=tools[:2]
    )
    call = completion.choices[0].message.tool_calls[0]
    return (
        {name: model.__name__ for name, model in registry.items()},
        [is_parseable_tool(tool) for tool in tools],
        repr(call.function.parsed_arguments),
        isinstance(call.function.parsed_arguments, registry[call.function.name]),
        "description" in wire(server.requests[0])[-1]["tools"][0]["function"],
    )


@program
def parsed_types_imported_for_annotations(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Libraries annotate with ``ParsedChatCompletion[Model]`` and build them in tests."""
    parsed_module = private(openai, "types.chat.parsed_chat_completion")
    tool_module = private(openai, "types.chat.parsed_function_tool_call")
    generic = parsed_module.ParsedChatCompletion[Ticket]
    body = chat_completion({"role": "assistant", "content": json.dumps(TICKET), "parsed": TICKET})
    built = generic.model_validate(body)
    call = tool_module.ParsedFunctionToolCall(
        id="c1",
        type="function",
        function=tool_module.ParsedFunction(
            name="Lookup", arguments="{}", parsed_arguments=Lookup(word="x")
        ),
    )
    return (
        type(built.choices[0].message.parsed).__name__,
        built.choices[0].message.parsed.severity,
        call.function.parsed_arguments,
        call.model_dump(),
        [
            n
            for n in ("ParsedChatCompletion", "ParsedChatCompletionMessage", "ParsedChoice")
            if hasattr(parsed_module, n)
        ],
    )


@program
def parse_rejects_what_the_api_would(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Misuses a wrapper's users hit: a non-strict dict tool, stream=True, a bare dict type."""
    server.default = answer("{}")
    log = [
        outcome(
            lambda: (
                client.chat.completions.parse(
                    model="gpt-4o",
                    messages=[{"role": "user", "content": "x"}],
                    tools=[{"type": "function", "function": {"name": "f", "parameters": {}}}],
                    response_format=Lookup,
                )
                .choices[0]
                .message.parsed
            )
        ),
        outcome(
            lambda: (
                client.chat.completions.parse(
                    model="gpt-4o",
                    messages=[{"role": "user", "content": "x"}],
                    response_format={"type": "json_object"},
                )
                .choices[0]
                .message.parsed
            )
        ),
        outcome(
            lambda: client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=Lookup
            )
        ),
    ]
    return log, len(server.requests)


class Node(BaseModel):
    name: str
    children: list[Node]


class Document(BaseModel):
    root: Node
    summary: Optional[str] = Field(None, description="What the tree says")  # noqa: UP045
    kind: Union[Literal["outline"], Literal["toc"]]


@program
def recursive_and_described_models(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    value = {
        "root": {"name": "a", "children": [{"name": "b", "children": []}]},
        "summary": None,
        "kind": "toc",
    }
    server.reply(answer(value))
    completion = client.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "outline"}], response_format=Document
    )
    return wire(server.requests[0])[-1]["response_format"], repr(
        completion.choices[0].message.parsed
    )


@async_program
async def async_parse_and_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer(TICKET), sse(parse_chunks(json.dumps({"word": "x", "language": "en"}))))
    parsed = await client.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=Ticket
    )
    kinds = []
    async with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=Lookup
    ) as stream:
        async for event in stream:
            kinds.append(event.type)
        final = await stream.get_final_completion()
    return repr(parsed.choices[0].message.parsed), kinds, repr(final.choices[0].message.parsed)


@async_program
async def async_stream_state_fed_by_a_framework(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    completions = private(openai, "lib.streaming.chat._completions")
    server.reply(sse(tool_stream_chunks()))
    state = completions.ChatCompletionStreamState(
        input_tools=[
            openai.pydantic_function_tool(Lookup),
            openai.pydantic_function_tool(Convert, name="convert"),
        ]
    )
    events = []
    stream = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    async for chunk in stream:
        events.extend(e.type for e in state.handle_chunk(chunk))
    final = state.get_final_completion()
    return events, final.choices[0].message.model_dump()


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
