"""Chat completions: deterministic replies, structured outputs, tool calls and SSE streaming."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._app import Route
from .._errors import ApiError, invalid_type, invalid_value
from .._ids import new_id
from .._pagination import cursor_page, public
from .._schema_instance import SchemaError, instance_for
from .._scripts import ScriptedReply
from .._text import message_text, prompt_tokens, reply_to, tokens
from .._wire import (
    Request,
    Response,
    StreamResponse,
    compact_json,
    json_response,
    object_at,
    optional,
    require,
    sse_data,
)
from ._common import deleted, fetch, metadata_of
from ._strict import check_strict_schema

if TYPE_CHECKING:
    from .._app import App

JsonObject = dict[str, Any]
_FINGERPRINT = "fp_local_server"
_VALID_ROLES = {"system", "developer", "user", "assistant", "tool", "function"}


@dataclass
class _Choice:
    content: str | None
    tool_calls: list[JsonObject]
    finish_reason: str
    refusal: str | None = None


def _prompt(messages: list[JsonObject]) -> str:
    for message in reversed(messages):
        if message.get("role") == "user":
            return message_text(message.get("content"))
    return message_text(messages[-1].get("content")) if messages else ""


def _validate_messages(messages: list[Any]) -> list[JsonObject]:
    if not messages:
        raise ApiError(
            400,
            "Invalid 'messages': empty array. Expected an array with minimum length 1.",
            param="messages",
            code="empty_array",
        )
    for index, message in enumerate(messages):
        if not isinstance(message, dict):
            raise invalid_type(f"messages[{index}]", "an object")
        role = message.get("role")
        if role is None:
            raise ApiError(
                400,
                f"Missing required parameter: 'messages[{index}].role'.",
                param=f"messages[{index}].role",
                code="missing_required_parameter",
            )
        if not isinstance(role, str) or role not in _VALID_ROLES:
            raise invalid_value(
                f"messages[{index}].role",
                f"Invalid value: '{role}'. Supported values are: "
                + ", ".join(f"'{r}'" for r in sorted(_VALID_ROLES))
                + ".",
            )
        if role == "tool" and not message.get("tool_call_id"):
            raise ApiError(
                400,
                f"Missing required parameter: 'messages[{index}].tool_call_id'.",
                param=f"messages[{index}].tool_call_id",
                code="missing_required_parameter",
            )
    return messages


def _function_tools(body: JsonObject) -> list[JsonObject]:
    tools = optional(body, "tools", list, [])
    functions: list[JsonObject] = []
    for index, tool in enumerate(tools):
        if not isinstance(tool, dict) or tool.get("type") not in ("function", "custom"):
            raise invalid_value(f"tools[{index}].type", "Only 'function' tools are supported here.")
        function = tool.get("function")
        if tool.get("type") == "function":
            if not isinstance(function, dict) or not isinstance(function.get("name"), str):
                raise ApiError(
                    400,
                    f"Missing required parameter: 'tools[{index}].function.name'.",
                    param=f"tools[{index}].function.name",
                    code="missing_required_parameter",
                )
            if function.get("strict") is True:
                check_strict_schema(
                    function.get("parameters") or {"type": "object", "properties": {}},
                    param=f"tools[{index}].function.parameters",
                    label=f"function '{function['name']}'",
                )
            functions.append(function)
    return functions


def _mentions(text: str, name: str) -> bool:
    spaced = name.replace("_", " ")
    return any(
        re.search(rf"(?<![\w]){re.escape(candidate)}(?![\w])", text, re.IGNORECASE)
        for candidate in {name, spaced}
    )


def _tools_to_call(
    body: JsonObject, functions: list[JsonObject], all_text: str
) -> tuple[list[JsonObject], bool]:
    """Which functions the "model" calls, and whether a specific one was forced."""
    if not functions:
        return [], False
    choice = body.get("tool_choice", "auto")
    if choice == "none":
        return [], False
    if isinstance(choice, dict):
        name = object_at(choice, "function").get("name")
        for function in functions:
            if function["name"] == name:
                return [function], True
        raise invalid_value(
            "tool_choice",
            f"Invalid value for 'tool_choice': no function named '{name}' in 'tools'.",
        )
    mentioned = [f for f in functions if _mentions(all_text, f["name"])]
    if choice == "required" and not mentioned:
        mentioned = functions[:1]
    if body.get("parallel_tool_calls") is False:
        mentioned = mentioned[:1]
    return mentioned, False


def _structured_content(response_format: Any, prompt: str, seed: str) -> str | None:
    if not isinstance(response_format, dict):
        return None
    kind = response_format.get("type")
    if kind == "json_object":
        return json.dumps({"answer": reply_to(prompt)})
    if kind != "json_schema":
        return None
    spec = response_format.get("json_schema")
    if not isinstance(spec, dict) or not spec.get("name"):
        raise ApiError(
            400,
            "Missing required parameter: 'response_format.json_schema.name'.",
            param="response_format.json_schema.name",
            code="missing_required_parameter",
        )
    schema = spec.get("schema") or {"type": "object", "properties": {}}
    if spec.get("strict") is True:
        check_strict_schema(
            schema, param="response_format", label=f"response_format '{spec['name']}'"
        )
    try:
        return json.dumps(instance_for(schema, seed=seed, text=prompt))
    except SchemaError as error:
        raise ApiError(
            400,
            f"Invalid schema for response_format '{spec['name']}': {error}",
            param="response_format",
            code="invalid_json_schema",
        ) from None


def _plan_choice(
    body: JsonObject, messages: list[JsonObject], index: int, max_tokens: int | None
) -> _Choice:
    prompt = _prompt(messages)
    seed = f"{prompt}#{index}"
    all_text = " ".join(message_text(m.get("content")) for m in messages)
    to_call, forced = _tools_to_call(body, _function_tools(body), all_text)
    last = messages[-1]
    if to_call and last.get("role") != "tool":
        calls = []
        for function in to_call:
            parameters = function.get("parameters") or {"type": "object", "properties": {}}
            try:
                arguments = instance_for(parameters, seed=f"{seed}:{function['name']}", text=prompt)
            except SchemaError as error:
                raise invalid_value(
                    "tools", f"Invalid schema for function '{function['name']}': {error}"
                ) from None
            calls.append(
                {
                    "id": new_id("call"),
                    "type": "function",
                    "function": {"name": function["name"], "arguments": json.dumps(arguments)},
                }
            )
        return _Choice(None, calls, "stop" if forced else "tool_calls")
    if last.get("role") == "tool":
        content = f"Based on the tool result: {message_text(last.get('content'))}"
    else:
        content = _structured_content(body.get("response_format"), prompt, seed) or reply_to(prompt)
    if max_tokens is not None:
        pieces = tokens(content)
        if len(pieces) > max_tokens:
            return _Choice("".join(pieces[:max_tokens]), [], "length")
    return _Choice(content, [], "stop")


def _scripted_choice(
    scripted: ScriptedReply, generated: _Choice, max_tokens: int | None
) -> _Choice:
    """The generated choice with the script's content, refusal or finish reason put in."""
    if scripted.refusal is not None:
        return _Choice(None, [], scripted.finish_reason or "stop", refusal=scripted.refusal)
    content = scripted.content if scripted.content is not None else generated.content
    finish = generated.finish_reason
    if scripted.content is not None and max_tokens is not None:
        pieces = tokens(scripted.content)
        if len(pieces) > max_tokens:
            content, finish = "".join(pieces[:max_tokens]), "length"
        else:
            finish = "stop"
    tool_calls = [] if scripted.content is not None else generated.tool_calls
    return _Choice(content, tool_calls, scripted.finish_reason or finish)


def _max_tokens(body: JsonObject) -> int | None:
    for name in ("max_completion_tokens", "max_tokens"):
        value = body.get(name)
        if value is not None:
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise invalid_value(name, f"Invalid '{name}': expected an integer >= 1.")
            return value
    return None


def _logprobs(text: str) -> list[JsonObject]:
    return [
        {
            "token": piece,
            "logprob": -0.0001 * (i % 7),
            "bytes": list(piece.encode()),
            "top_logprobs": [],
        }
        for i, piece in enumerate(tokens(text))
    ]


def _usage(body: JsonObject, messages: list[JsonObject], choices: list[_Choice]) -> JsonObject:
    prompt = prompt_tokens(message_text(m.get("content")) for m in messages)
    for tool in optional(body, "tools", list, []):
        prompt += len(tokens(json.dumps(tool)))
    completion = 0
    for choice in choices:
        completion += len(tokens(choice.content or choice.refusal or ""))
        completion += sum(
            len(tokens(call["function"]["arguments"])) + 3 for call in choice.tool_calls
        )
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def create_chat_completion(app: App, request: Request) -> Response | StreamResponse:
    body = request.json()
    model = require(body, "model", str)
    messages = _validate_messages(require(body, "messages", list))
    n = optional(body, "n", int, 1)
    if not 1 <= n <= 128:
        raise invalid_value("n", "Invalid 'n': integer must be between 1 and 128.")
    max_tokens = _max_tokens(body)
    want_logprobs = body.get("logprobs") is True
    planned = [_plan_choice(body, messages, index, max_tokens) for index in range(n)]
    scripted = app.reply_script.take()
    if scripted is not None:
        planned = [_scripted_choice(scripted, choice, max_tokens) for choice in planned]
    usage = _usage(body, messages, planned)
    completion_id = new_id("chatcmpl").replace("chatcmpl_", "chatcmpl-")
    created = int(app.now())
    if body.get("stream") is True:
        options = optional(body, "stream_options", dict, {})
        include_usage = options.get("include_usage") is True
        events = _stream_events(
            completion_id, created, model, planned, usage, include_usage, want_logprobs
        )
        return StreamResponse(events=events)
    completion = {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [
            {
                "index": index,
                "message": _message(choice),
                "logprobs": {"content": _logprobs(choice.content or ""), "refusal": None}
                if want_logprobs
                else None,
                "finish_reason": choice.finish_reason,
            }
            for index, choice in enumerate(planned)
        ],
        "usage": usage,
        "service_tier": "default",
        "system_fingerprint": _FINGERPRINT,
    }
    if body.get("store") is True:
        stored = {
            **completion,
            "metadata": metadata_of(body),
            "_request_messages": messages,
        }
        app.store.put("chat.completion", stored)
    return json_response(completion)


def _message(choice: _Choice) -> JsonObject:
    message: JsonObject = {
        "role": "assistant",
        "content": choice.content,
        "refusal": choice.refusal,
        "annotations": [],
    }
    if choice.tool_calls:
        message["tool_calls"] = choice.tool_calls
    return message


def _chunk_pieces(text: str) -> list[str]:
    return tokens(text) or [""]


def _stream_events(
    completion_id: str,
    created: int,
    model: str,
    planned: list[_Choice],
    usage: JsonObject,
    include_usage: bool,
    want_logprobs: bool,
) -> list[bytes]:
    # The envelope is the same for every chunk; serialise it once and splice in the choice.
    envelope = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "service_tier": "default",
        "system_fingerprint": _FINGERPRINT,
    }
    prefix = b"data: " + compact_json(envelope).encode()[:-1] + b',"choices":['
    suffix = b'],"usage":null}\n\n' if include_usage else b"]}\n\n"

    def chunk(
        index: int, delta: JsonObject, finish: str | None = None, logprobs: Any = None
    ) -> bytes:
        choice = {"index": index, "delta": delta, "logprobs": logprobs, "finish_reason": finish}
        return prefix + compact_json(choice).encode() + suffix

    events: list[bytes] = []
    for index, choice in enumerate(planned):
        if choice.tool_calls:
            for position, call in enumerate(choice.tool_calls):
                head = {
                    "index": position,
                    "id": call["id"],
                    "type": "function",
                    "function": {"name": call["function"]["name"], "arguments": ""},
                }
                delta: JsonObject = {"tool_calls": [head]}
                if position == 0:
                    delta = {
                        "role": "assistant",
                        "content": None,
                        "tool_calls": [head],
                        "refusal": None,
                    }
                events.append(chunk(index, delta))
                for piece in _chunk_pieces(call["function"]["arguments"]):
                    events.append(
                        chunk(
                            index,
                            {"tool_calls": [{"index": position, "function": {"arguments": piece}}]},
                        )
                    )
        elif choice.refusal is not None:
            events.append(chunk(index, {"role": "assistant", "content": None, "refusal": ""}))
            events += [chunk(index, {"refusal": piece}) for piece in tokens(choice.refusal)]
        else:
            empty_logprobs = {"content": [], "refusal": None} if want_logprobs else None
            events.append(
                chunk(
                    index,
                    {"role": "assistant", "content": "", "refusal": None},
                    logprobs=empty_logprobs,
                )
            )
            for piece in tokens(choice.content or ""):
                logprobs = {"content": _logprobs(piece), "refusal": None} if want_logprobs else None
                events.append(chunk(index, {"content": piece}, logprobs=logprobs))
        events.append(chunk(index, {}, finish=choice.finish_reason))
    if include_usage:
        events.append(
            sse_data(
                {
                    "id": completion_id,
                    "object": "chat.completion.chunk",
                    "created": created,
                    "model": model,
                    "service_tier": "default",
                    "system_fingerprint": _FINGERPRINT,
                    "choices": [],
                    "usage": usage,
                }
            )
        )
    events.append(sse_data("[DONE]"))
    return events


# -- stored completions (store: true) -----------------------------------------------------------


def retrieve_chat_completion(app: App, request: Request) -> Response:
    completion = fetch(
        app, "chat.completion", request.path_params["completion_id"], "chat completion"
    )
    return json_response(public(completion))


def list_chat_completions(app: App, request: Request) -> Response:
    items = app.store.list("chat.completion")
    model = request.query.get("model")
    if model:
        items = [item for item in items if item.get("model") == model]
    return json_response(cursor_page(items, request.query, render=public, default_order="asc"))


def update_chat_completion(app: App, request: Request) -> Response:
    completion = fetch(
        app, "chat.completion", request.path_params["completion_id"], "chat completion"
    )
    body = request.json()
    require(body, "metadata", dict)
    completion["metadata"] = metadata_of(body)
    app.store.put("chat.completion", completion)
    return json_response(public(completion))


def delete_chat_completion(app: App, request: Request) -> Response:
    completion_id = request.path_params["completion_id"]
    fetch(app, "chat.completion", completion_id, "chat completion")
    app.store.delete("chat.completion", completion_id)
    return deleted(completion_id, "chat.completion.deleted")


def list_chat_completion_messages(app: App, request: Request) -> Response:
    completion = fetch(
        app, "chat.completion", request.path_params["completion_id"], "chat completion"
    )
    messages = []
    for index, message in enumerate(completion.get("_request_messages", [])):
        messages.append(
            {
                "id": f"{completion['id']}-{index}",
                "role": message.get("role"),
                "content": message_text(message.get("content")),
                "refusal": None,
                "name": message.get("name"),
                "content_parts": None,
            }
        )
    return json_response(cursor_page(messages, request.query, render=dict, default_order="asc"))


ROUTES = [
    # Completions share no state (storing one is a single insert), so they run concurrently.
    Route("POST", "/chat/completions", create_chat_completion, locked=False),
    Route("GET", "/chat/completions", list_chat_completions),
    Route("GET", "/chat/completions/{completion_id}", retrieve_chat_completion),
    Route("POST", "/chat/completions/{completion_id}", update_chat_completion),
    Route("DELETE", "/chat/completions/{completion_id}", delete_chat_completion),
    Route("GET", "/chat/completions/{completion_id}/messages", list_chat_completion_messages),
]
