"""Real-world sweep 2A, adapters of frameworks built on the SDK (LangChain's, LlamaIndex's,
LiteLLM's idioms): message objects converted to and from ``ChatCompletionMessageParam`` dicts,
tool schemas from ``openai.pydantic_function_tool`` and the structured-output helpers of
``openai.lib``, tool-call deltas merged by hand, the request ``TypedDict``s and unions read at
run time to learn which keys and kinds exist — programs written for the official SDK, run
unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import importlib
import json
import typing
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal

from pydantic import BaseModel, Field

from tests.support.server import Reply, ScriptedServer

from .programs import observed_the_same, registry
from .test_real_world_apps import chat_chunk, chat_completion, sse, without_defaults

PROGRAMS, _ASYNC_PROGRAMS, program, _async_program = registry()

ASK = [{"role": "user", "content": "hi"}]


def module_of(openai: ModuleType, path: str) -> ModuleType:
    return importlib.import_module(f"{openai.__name__}.{path}")


# --- a framework's own message classes ---------------------------------------------------------


@dataclass
class ToolCall:
    id: str
    name: str
    args: dict[str, Any]


@dataclass
class Message:
    role: Literal["system", "user", "assistant", "tool"]
    content: str | None = None
    tool_calls: list[ToolCall] = field(default_factory=list[ToolCall])
    tool_call_id: str | None = None
    name: str | None = None


def to_param(openai: ModuleType, message: Message) -> Any:
    """The framework's message as the SDK's param ``TypedDict`` (built by calling it)."""
    chat = module_of(openai, "types.chat")
    if message.role == "system":
        return chat.ChatCompletionSystemMessageParam(role="system", content=message.content or "")
    if message.role == "user":
        param = chat.ChatCompletionUserMessageParam(role="user", content=message.content or "")
        if message.name:
            param["name"] = message.name
        return param
    if message.role == "tool":
        return chat.ChatCompletionToolMessageParam(
            role="tool", content=message.content or "", tool_call_id=message.tool_call_id or ""
        )
    param = chat.ChatCompletionAssistantMessageParam(role="assistant", content=message.content)
    if message.tool_calls:
        param["tool_calls"] = [
            chat.ChatCompletionMessageToolCallParam(
                id=call.id,
                type="function",
                function={"name": call.name, "arguments": json.dumps(call.args)},
            )
            for call in message.tool_calls
        ]
    return param


def from_answer(message: Any) -> Message:
    """LangChain's ``_convert_dict_to_message`` over the answer's ``model_dump()``."""
    data = message.model_dump()
    calls = [
        ToolCall(c["id"], c["function"]["name"], json.loads(c["function"]["arguments"]))
        for c in data.get("tool_calls") or []
        if c.get("type") == "function"
    ]
    return Message(role=data["role"], content=data.get("content"), tool_calls=calls)


class GetWeather(BaseModel):
    """Get the current weather in a city."""

    city: str = Field(description="the city name")
    unit: Literal["c", "f"] = "c"


@program
def langchain_style_round_trip(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A framework's messages sent as param dicts with a tool from ``pydantic_function_tool``;
    the answer's tool call converted back, the tool run, the result sent in the next turn."""
    call = {
        "id": "call_w",
        "type": "function",
        "function": {"name": "GetWeather", "arguments": '{"city": "Oslo"}'},
    }
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": None, "tool_calls": [call]})),
        Reply.json(chat_completion({"role": "assistant", "content": "It is cold."})),
    )
    history = [Message("system", "Be brief."), Message("user", "Weather in Oslo?", name="ann")]
    tool = openai.pydantic_function_tool(GetWeather)
    first = client.chat.completions.create(
        model="gpt-4o", messages=[to_param(openai, m) for m in history], tools=[tool]
    )
    reply = from_answer(first.choices[0].message)
    history.append(reply)
    for tool_call in reply.tool_calls:
        weather = GetWeather(**tool_call.args)
        history.append(Message("tool", f"{weather.city}: -3{weather.unit}", tool_call_id="call_w"))
    second = client.chat.completions.create(
        model="gpt-4o", messages=[to_param(openai, m) for m in history], tools=[tool]
    )
    sent = [r.json() for r in server.requests]
    for body in sent:
        body["tools"] = without_defaults(body["tools"])
    return reply, second.choices[0].message.content, sent


@program
def llama_index_style_delta_merge(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Tool-call deltas merged into the SDK's delta classes built by hand
    (``ChoiceDeltaToolCall(index=..., function=ChoiceDeltaToolCallFunction(...))``), then turned
    into ``ChatCompletionMessageToolCall`` objects."""
    chunk_module = module_of(openai, "types.chat.chat_completion_chunk")
    chat = module_of(openai, "types.chat")
    deltas = [
        {
            "tool_calls": [
                {
                    "index": 0,
                    "id": "c1",
                    "type": "function",
                    "function": {"name": "add", "arguments": ""},
                }
            ]
        },
        {"tool_calls": [{"index": 0, "function": {"arguments": '{"a": 1,'}}]},
        {
            "tool_calls": [
                {
                    "index": 1,
                    "id": "c2",
                    "type": "function",
                    "function": {"name": "mul", "arguments": '{"a": 2}'},
                }
            ]
        },
        {"tool_calls": [{"index": 0, "function": {"arguments": ' "b": 2}'}}]},
    ]
    server.reply(sse([*(chat_chunk(d) for d in deltas), chat_chunk({}, "tool_calls")]))
    merged: list[Any] = []
    for chunk in client.chat.completions.create(model="gpt-4o", messages=ASK, stream=True):
        for delta in chunk.choices[0].delta.tool_calls or []:
            if delta.index >= len(merged):
                merged.append(
                    chunk_module.ChoiceDeltaToolCall(
                        index=delta.index,
                        id=delta.id,
                        type="function",
                        function=chunk_module.ChoiceDeltaToolCallFunction(name="", arguments=""),
                    )
                )
            target = merged[delta.index]
            if delta.function and delta.function.name:
                target.function.name += delta.function.name
            if delta.function and delta.function.arguments:
                target.function.arguments += delta.function.arguments
    calls = [
        chat.ChatCompletionMessageToolCall(
            id=m.id,
            type="function",
            function={"name": m.function.name, "arguments": m.function.arguments},
        )
        for m in merged
    ]
    return (
        [m.model_dump() for m in merged],
        [(type(c).__name__, c.function.name, json.loads(c.function.arguments)) for c in calls],
        [c.model_dump(exclude_unset=True) for c in calls],
    )


@program
def request_typed_dicts_read_at_run_time(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """LiteLLM's way to learn which keyword arguments a create takes: the annotations of the
    params ``TypedDict`` (and its streaming / non-streaming children), and of other endpoints'."""
    chat_params = module_of(openai, "types.chat.completion_create_params")
    seen = {
        "chat": sorted(chat_params.CompletionCreateParamsBase.__annotations__),
        "chat streaming": sorted(
            set(typing.get_type_hints(chat_params.CompletionCreateParamsStreaming))
            - set(chat_params.CompletionCreateParamsBase.__annotations__)
        ),
        "chat is": [
            issubclass(chat_params.CompletionCreateParamsNonStreaming, dict),
            [m.__name__ for m in typing.get_args(chat_params.CompletionCreateParams)],
        ],
    }
    for path, name in (
        ("types.responses.response_create_params", "ResponseCreateParamsBase"),
        ("types.embedding_create_params", "EmbeddingCreateParams"),
        ("types.completion_create_params", "CompletionCreateParamsBase"),
        ("types.image_generate_params", "ImageGenerateParamsBase"),
        ("types.audio.transcription_create_params", "TranscriptionCreateParamsBase"),
    ):
        seen[name] = sorted(getattr(module_of(openai, path), name).__annotations__)
    return seen


@program
def message_param_unions_read_at_run_time(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Adapters dispatching on the kinds of message and content part the SDK declares: the
    members of the param unions (``typing.get_args``) and the ``role`` each one fixes."""
    chat = module_of(openai, "types.chat")

    def members(alias: Any) -> list[str]:
        return [getattr(a, "__name__", repr(a)) for a in typing.get_args(alias)]

    roles = {}
    for member in typing.get_args(chat.ChatCompletionMessageParam):
        role = typing.get_type_hints(member, include_extras=False)["role"]
        roles[member.__name__] = typing.get_args(role)
    return (
        members(chat.ChatCompletionMessageParam),
        members(chat.ChatCompletionContentPartParam),
        roles,
        typing.get_args(chat.ChatCompletionRole),
        members(chat.ChatCompletionToolUnionParam),
    )


class Invoice(BaseModel):
    number: str
    total: float
    lines: list[str]


@program
def structured_output_helpers_of_lib(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """LiteLLM and agent frameworks build the ``response_format`` and strict schemas with the
    SDK's helpers (``lib._parsing.type_to_response_format_param``,
    ``lib._pydantic.to_strict_json_schema``) and send them with ``create`` themselves."""
    parsing = module_of(openai, "lib._parsing._completions")
    pydantic_helpers = module_of(openai, "lib._pydantic")
    response_format = parsing.type_to_response_format_param(Invoice)
    strict = pydantic_helpers.to_strict_json_schema(Invoice)
    answer = {"number": "A-1", "total": 9.5, "lines": ["x"]}
    server.reply(Reply.json(chat_completion({"role": "assistant", "content": json.dumps(answer)})))
    completion = client.chat.completions.create(
        model="gpt-4o", messages=ASK, response_format=response_format
    )
    invoice = Invoice.model_validate_json(completion.choices[0].message.content)
    return (
        without_defaults(response_format),
        without_defaults(strict),
        invoice.total,
        without_defaults(server.requests[0].json()["response_format"]),
        parsing.type_to_response_format_param(openai.NOT_GIVEN) is openai.NOT_GIVEN
        or type(parsing.type_to_response_format_param(openai.NOT_GIVEN)).__name__,
    )


@program
def tool_schemas_for_several_frameworks(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``pydantic_function_tool`` with and without a name and description, for a model with
    nested and optional fields, and as the Responses tool a framework derives from it."""

    class Address(BaseModel):
        street: str
        zip: str | None = None

    class CreateContact(BaseModel):
        """Create a contact."""

        name: str
        emails: list[str]
        address: Address | None = None
        tags: dict[str, str] = {}

    tools = [
        openai.pydantic_function_tool(CreateContact),
        openai.pydantic_function_tool(CreateContact, name="create", description="Make one."),
    ]
    as_responses_tool = {
        "type": "function",
        "name": tools[0]["function"]["name"],
        "parameters": tools[0]["function"]["parameters"],
        "strict": tools[0]["function"]["strict"],
    }
    return [without_defaults(t) for t in tools], without_defaults(as_responses_tool)


test_program_observes_the_same = observed_the_same(PROGRAMS)
