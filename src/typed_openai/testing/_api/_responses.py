"""The Responses API: create (JSON or the full event stream), retrieve, delete, cancel, input items,
and background responses whose streams can be resumed with ``starting_after``.

Replies are planned the way chat completions are (`_chat`): deterministic text about the prompt,
structured output that satisfies ``text.format``'s JSON schema, function calls (with arguments
that satisfy the tool's parameters) to the tools the input mentions, a reasoning item with a
summary when ``reasoning.summary`` asks for one, computer calls for a computer tool
(`_computer`), and output cut at ``max_output_tokens`` (the
response is then ``incomplete``). A scripted reply (``server.script_chat_reply(refusal=...)``)
applies to the next Responses request too.

A stored response keeps its whole event sequence. A background response releases its events
over time (``step_seconds / 5`` apart on the server's clock, so ``advance_clock`` hurries it);
``GET /responses/{id}?stream=true&starting_after=N`` replays the released events after ``N`` and
then follows the rest as it is released; ``cancel`` freezes it where it is.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .._app import Route
from .._errors import ApiError, invalid_type, invalid_value, not_found
from .._ids import new_id
from .._pagination import cursor_page
from .._responses_events import event_sequence, lifecycle_snapshot
from .._schema_instance import SchemaError, instance_for
from .._text import message_text, prompt_tokens, reply_to, tokens
from .._wire import (
    Request,
    Response,
    StreamResponse,
    json_response,
    object_at,
    optional,
    require,
    sse_event,
)
from ._chat import _mentions  # pyright: ignore[reportPrivateUsage]
from ._common import metadata_of
from ._computer import computer_call, computer_tool
from ._strict import check_strict_schema

if TYPE_CHECKING:
    from .._app import App

JsonObject = dict[str, Any]

_KIND = "response"
_REASONING_SUMMARIES = ("auto", "concise", "detailed")
_TERMINAL = ("completed", "incomplete", "failed", "cancelled")


# -- reading the request --------------------------------------------------------------------------


def _input_items(value: Any) -> list[JsonObject]:
    """``input`` as a list of items (a string is one user message)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [{"type": "message", "role": "user", "content": value}]
    if not isinstance(value, list):
        raise invalid_type("input", "a string or an array")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise invalid_type(f"input[{index}]", "an object")
    return value


def _item_text(item: JsonObject) -> str:
    if item.get("type") == "function_call_output":
        output = item.get("output")
        return output if isinstance(output, str) else json.dumps(output)
    return message_text(item.get("content"))


def _prompt(items: list[JsonObject]) -> str:
    for item in reversed(items):
        if item.get("role") == "user":
            return _item_text(item)
    return _item_text(items[-1]) if items else ""


def _function_tools(body: JsonObject) -> list[JsonObject]:
    tools = optional(body, "tools", list, [])
    functions: list[JsonObject] = []
    for index, tool in enumerate(tools):
        if not isinstance(tool, dict):
            raise invalid_type(f"tools[{index}]", "an object")
        if tool.get("type") != "function":
            continue  # other tools: computer tools are planned by _computer, the rest never called
        if not isinstance(tool.get("name"), str) or not tool["name"]:
            raise ApiError(
                400,
                f"Missing required parameter: 'tools[{index}].name'.",
                param=f"tools[{index}].name",
                code="missing_required_parameter",
            )
        if tool.get("strict") is True:
            check_strict_schema(
                tool.get("parameters") or {"type": "object", "properties": {}},
                param=f"tools[{index}].parameters",
                label=f"function '{tool['name']}'",
            )
        functions.append(tool)
    return functions


def _tools_to_call(body: JsonObject, functions: list[JsonObject], text: str) -> list[JsonObject]:
    if not functions:
        return []
    choice = body.get("tool_choice", "auto")
    if choice == "none":
        return []
    if isinstance(choice, dict):
        name = choice.get("name")
        for function in functions:
            if function["name"] == name:
                return [function]
        raise invalid_value(
            "tool_choice",
            f"Invalid value for 'tool_choice': no function named '{name}' in 'tools'.",
        )
    called = [function for function in functions if _mentions(text, function["name"])]
    if choice == "required" and not called:
        called = functions[:1]
    if body.get("parallel_tool_calls") is False:
        called = called[:1]
    return called


def _text_format(body: JsonObject) -> JsonObject:
    text = optional(body, "text", dict, {})
    fmt = text.get("format") or {"type": "text"}
    if not isinstance(fmt, dict):
        raise invalid_type("text.format", "an object")
    if fmt.get("type") == "json_schema":
        if not fmt.get("name"):
            raise ApiError(
                400,
                "Missing required parameter: 'text.format.name'.",
                param="text.format.name",
                code="missing_required_parameter",
            )
        if fmt.get("strict") is True:
            check_strict_schema(
                fmt.get("schema") or {"type": "object", "properties": {}},
                param="text.format.schema",
                label=f"text.format '{fmt['name']}'",
            )
    return fmt


def _max_output_tokens(body: JsonObject) -> int | None:
    value = body.get("max_output_tokens")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 16:
        raise invalid_value(
            "max_output_tokens", "Invalid 'max_output_tokens': integer below minimum value 16."
        )
    return value


# -- planning the output --------------------------------------------------------------------------


def _answer_text(fmt: JsonObject, prompt: str, seed: str) -> str:
    kind = fmt.get("type")
    if kind == "json_object":
        return json.dumps({"answer": reply_to(prompt)})
    if kind == "json_schema":
        schema = fmt.get("schema") or {"type": "object", "properties": {}}
        try:
            return json.dumps(instance_for(schema, seed=seed, text=prompt))
        except SchemaError as error:
            raise ApiError(
                400,
                f"Invalid schema for text.format '{fmt['name']}': {error}",
                param="text.format.schema",
                code="invalid_json_schema",
            ) from None
    return reply_to(prompt)


def _function_call(function: JsonObject, prompt: str) -> JsonObject:
    parameters = function.get("parameters") or {"type": "object", "properties": {}}
    try:
        arguments = instance_for(parameters, seed=f"{prompt}:{function['name']}", text=prompt)
    except SchemaError as error:
        raise invalid_value(
            "tools", f"Invalid schema for function '{function['name']}': {error}"
        ) from None
    return {
        "id": new_id("fc"),
        "type": "function_call",
        "status": "completed",
        "name": function["name"],
        "call_id": new_id("call"),
        "arguments": json.dumps(arguments),
    }


def _reasoning(prompt: str) -> JsonObject:
    topic = " ".join(prompt.split()[:8]) or "the request"
    summary = f"**Planning the answer**\n\nThe user asks about {topic}; answer it directly."
    return {
        "id": new_id("rs"),
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": summary}],
    }


def _message(text: str | None, refusal: str | None, status: str) -> JsonObject:
    part: JsonObject
    if refusal is not None:
        part = {"type": "refusal", "refusal": refusal}
    else:
        part = {"type": "output_text", "text": text or "", "annotations": [], "logprobs": []}
    return {
        "id": new_id("msg"),
        "type": "message",
        "status": status,
        "role": "assistant",
        "content": [part],
    }


def _plan_output(
    app: App, body: JsonObject, items: list[JsonObject]
) -> tuple[list[JsonObject], str | None]:
    """The output items, and the reason the response is incomplete (None when complete)."""
    prompt = _prompt(items)
    all_text = " ".join(_item_text(item) for item in items)
    output: list[JsonObject] = []
    summary = object_at(body, "reasoning").get("summary")
    if summary in _REASONING_SUMMARIES:
        output.append(_reasoning(prompt))
    fmt = _text_format(body)
    called = _tools_to_call(body, _function_tools(body), all_text)
    answered_tool = bool(items) and items[-1].get("type") == "function_call_output"
    scripted = app.reply_script.take()
    if scripted is not None and scripted.refusal is not None:
        output.append(_message(None, scripted.refusal, "completed"))
        return output, None
    if called and not answered_tool and scripted is None:
        output.extend(_function_call(function, prompt) for function in called)
        return output, None
    computer = computer_tool(optional(body, "tools", list, []))
    if computer is not None and scripted is None:
        answered = sum(1 for item in items if item.get("type") == "computer_call_output")
        call = computer_call(computer, prompt, answered)
        if call is not None:
            output.append(call)
            return output, None
    if answered_tool:
        text = f"Based on the tool result: {_item_text(items[-1])}"
    elif scripted is not None and scripted.content is not None:
        text = scripted.content
    else:
        text = _answer_text(fmt, prompt, seed=prompt)
    limit = _max_output_tokens(body)
    pieces = tokens(text)
    cut = scripted is not None and scripted.finish_reason == "length"
    if limit is not None and len(pieces) > limit:
        text, cut = "".join(pieces[:limit]), True
    output.append(_message(text, None, "incomplete" if cut else "completed"))
    return output, "max_output_tokens" if cut else None


def _usage(items: list[JsonObject], output: list[JsonObject]) -> JsonObject:
    input_tokens = prompt_tokens(_item_text(item) for item in items)
    produced = 0
    reasoning = 0
    for item in output:
        if item["type"] == "function_call":
            produced += len(tokens(item["arguments"])) + 3
        elif item["type"] == "computer_call":
            produced += 8 * len(item.get("actions") or [item.get("action")])
        elif item["type"] == "reasoning":
            reasoning += sum(len(tokens(part["text"])) for part in item["summary"])
        else:
            produced += sum(
                len(tokens(part.get("text") or part.get("refusal") or ""))
                for part in item["content"]
            )
    return {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": produced + reasoning,
        "output_tokens_details": {"reasoning_tokens": reasoning},
        "total_tokens": input_tokens + produced + reasoning,
    }


def _stored_input(items: list[JsonObject]) -> list[JsonObject]:
    """Input items as ``input_items.list`` returns them: each with an id, messages as parts."""
    stored: list[JsonObject] = []
    for item in items:
        entry = dict(item)
        entry.setdefault("type", "message")
        if entry["type"] == "message":
            content = entry.get("content")
            if isinstance(content, str):
                kind = "output_text" if entry.get("role") == "assistant" else "input_text"
                entry["content"] = [{"type": kind, "text": content}]
            entry.setdefault("status", "completed")
        entry.setdefault("id", new_id("msg" if entry["type"] == "message" else "item"))
        stored.append(entry)
    return stored


# -- handlers -------------------------------------------------------------------------------------


def create_response(app: App, request: Request) -> Response | StreamResponse:
    body = request.json()
    model = require(body, "model", str)
    items = _input_items(body.get("input"))
    previous = body.get("previous_response_id")
    if previous is not None and app.store.get(_KIND, previous) is None:
        raise ApiError(
            400,
            f"Previous response with id '{previous}' not found.",
            param="previous_response_id",
            code="previous_response_not_found",
        )
    background = body.get("background") is True
    store = body.get("store") is not False
    if background and not store:
        raise invalid_value("background", "Background responses must be stored ('store': true).")
    output, incomplete = _plan_output(app, body, items)
    now = app.now()
    response: JsonObject = {
        "id": new_id("resp"),
        "object": "response",
        # required (nullable) in the spec: the access programs the request asked for, or null
        "access_programs": body.get("access_programs"),
        "created_at": int(now),
        "status": "incomplete" if incomplete else "completed",
        "background": background,
        "completed_at": None if incomplete else int(now) + 1,
        "error": None,
        "incomplete_details": {"reason": incomplete} if incomplete else None,
        "instructions": body.get("instructions"),
        "max_output_tokens": body.get("max_output_tokens"),
        "max_tool_calls": body.get("max_tool_calls"),
        "model": model,
        "output": output,
        "parallel_tool_calls": body.get("parallel_tool_calls", True) is not False,
        "previous_response_id": previous,
        "reasoning": {
            "effort": object_at(body, "reasoning").get("effort"),
            "summary": object_at(body, "reasoning").get("summary"),
        },
        "service_tier": "default",
        "temperature": optional(body, "temperature", (int, float), 1.0),
        "text": {"format": _text_format(body), "verbosity": "medium"},
        "tool_choice": body.get("tool_choice", "auto"),
        "tools": optional(body, "tools", list, []),
        "top_p": optional(body, "top_p", (int, float), 1.0),
        "truncation": body.get("truncation") or "disabled",
        "usage": _usage(items, output),
        "metadata": metadata_of(body),
    }
    if body.get("user") is not None:
        response["user"] = body["user"]
    events = event_sequence(response)
    if store:
        stored = {
            **response,
            "_events": events,
            "_input": _stored_input(items),
            "_started": now,
            "_released": None if background else len(events),
        }
        app.store.put(_KIND, stored)
    if body.get("stream") is True:
        if background:
            return _follow(app, response["id"], starting_after=-1)
        return StreamResponse(events=[sse_event(event["type"], event) for event in events])
    if background:
        return json_response(lifecycle_snapshot(response, "queued"))
    return json_response(response)


def _interval(app: App) -> float:
    return max(app.config.step_seconds / 5, 0.001)


def _released(app: App, stored: JsonObject) -> int:
    """How many of the response's events exist by now (background responses grow with time)."""
    if stored["_released"] is not None:
        return int(stored["_released"])
    elapsed = app.now() - float(stored["_started"])
    count = min(len(stored["_events"]), 1 + int(elapsed / _interval(app)))
    if count == len(stored["_events"]):
        stored["_released"] = count
        app.store.put(_KIND, stored)
    return count


def _fetch(app: App, response_id: str) -> JsonObject:
    stored = app.store.get(_KIND, response_id)
    if stored is None:
        raise not_found("response", response_id)
    return stored


def _current(app: App, stored: JsonObject) -> JsonObject:
    """The response as it stands now: the last lifecycle state its released events reached."""
    released = _released(app, stored)
    events = stored["_events"]
    if stored.get("status") == "cancelled":
        snapshot = lifecycle_snapshot(stored, "cancelled")
    elif released == len(events):
        return {key: value for key, value in stored.items() if not key.startswith("_")}
    else:
        latest = "queued"
        for event in events[:released]:
            if event["type"] == "response.in_progress":
                latest = "in_progress"
        snapshot = lifecycle_snapshot(stored, latest)
    snapshot["output"] = [
        event["item"] for event in events[:released] if event["type"] == "response.output_item.done"
    ]
    return snapshot


def _starting_after(request: Request) -> int:
    raw = request.query.get("starting_after")
    if raw is None or raw == "":
        return -1
    try:
        value = int(raw)
    except ValueError:
        raise invalid_type("starting_after", "an integer") from None
    if value < -1:
        raise invalid_value("starting_after", "Invalid 'starting_after': must be >= 0.")
    return value


def _follow(app: App, response_id: str, *, starting_after: int) -> StreamResponse:
    """The events after ``starting_after``: those released so far, then the rest as they come."""

    def events() -> Iterator[bytes]:
        sent = starting_after + 1
        while True:
            with app.lock:
                stored = app.store.get(_KIND, response_id)
                if stored is None:
                    return
                released = _released(app, stored)
                batch = stored["_events"][sent:released]
                finished = released == len(stored["_events"]) or stored.get("status") == "cancelled"
                started = float(stored["_started"])
            for event in batch:
                yield sse_event(event["type"], event)
            sent = max(sent, released)
            if finished:
                return
            next_release = started + released * _interval(app)
            time.sleep(min(max(next_release - app.now(), 0.0005), _interval(app)))

    return StreamResponse(events=events(), incremental=True)


def retrieve_response(app: App, request: Request) -> Response | StreamResponse:
    response_id = request.path_params["response_id"]
    stored = _fetch(app, response_id)
    if request.query.get("stream") == "true":
        return _follow(app, response_id, starting_after=_starting_after(request))
    return json_response(_current(app, stored))


def delete_response(app: App, request: Request) -> Response:
    response_id = request.path_params["response_id"]
    _fetch(app, response_id)
    app.store.delete(_KIND, response_id)
    return json_response({"id": response_id, "object": "response.deleted", "deleted": True})


def cancel_response(app: App, request: Request) -> Response:
    stored = _fetch(app, request.path_params["response_id"])
    if stored.get("background") is not True:
        raise ApiError(400, "Only background responses can be cancelled.", param=None)
    released = _released(app, stored)
    if stored.get("status") != "cancelled" and released < len(stored["_events"]):
        stored["status"] = "cancelled"
        stored["_released"] = released
        app.store.put(_KIND, stored)
    elif stored.get("status") != "cancelled":
        raise ApiError(
            400, f"Cannot cancel a response with status '{stored['status']}'.", param=None
        )
    return json_response(_current(app, stored))


def list_input_items(app: App, request: Request) -> Response:
    stored = _fetch(app, request.path_params["response_id"])
    page = cursor_page(stored["_input"], request.query, render=dict, default_order="desc")
    return json_response(page)


ROUTES = [
    Route("POST", "/responses", create_response),
    Route("GET", "/responses/{response_id}", retrieve_response),
    Route("DELETE", "/responses/{response_id}", delete_response),
    Route("POST", "/responses/{response_id}/cancel", cancel_response),
    Route("GET", "/responses/{response_id}/input_items", list_input_items),
]
