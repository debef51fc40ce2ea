"""Runs and run steps: a state machine over time, and the Assistants event stream.

A run is created ``queued``. Each ``step_seconds`` it moves on: ``in_progress``, then it *executes*:
a code-interpreter step when the assistant has that tool, a function-call step that stops the run in
``requires_action`` when it has function tools, and finally an assistant message. Time only moves
when someone looks (retrieve, list), so there are no background threads; a streamed run executes
at once and reports every state change as an event.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._app import Route
from .._code_interpreter import plan_code
from .._errors import ApiError, invalid_type
from .._ids import new_id
from .._pagination import cursor_page, public
from .._schema_instance import SchemaError, instance_for
from .._text import count_tokens, message_text, prompt_tokens, reply_to, tokens
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
from ._assistants import add_message, new_thread, text_part, validate_tools
from ._common import fetch, metadata_of
from ._vector_stores import search_results

if TYPE_CHECKING:
    from .._app import App

JsonObject = dict[str, Any]
Emit = Callable[[str, JsonObject], None]
_MAX_SEARCH_RESULTS = 5

_MOVING = ("queued", "in_progress", "cancelling")


def _no_emit(event: str, data: JsonObject) -> None:
    pass


# -- time ---------------------------------------------------------------------------------------


def advance(app: App, run: JsonObject) -> JsonObject:
    """Move ``run`` through the states whose time has come, and store it."""
    step = app.config.step_seconds
    now = app.now()
    changed = False
    while run["status"] in _MOVING and now - run["_since"] >= step:
        changed = True
        run["_since"] += step
        if run["status"] == "queued":
            run["status"] = "in_progress"
            run["started_at"] = run["started_at"] or int(run["_since"])
        elif run["status"] == "in_progress":
            _execute(app, run, _no_emit)
        else:  # cancelling
            run["status"] = "cancelled"
            run["cancelled_at"] = int(run["_since"])
    if run["status"] == "requires_action" and now >= run["expires_at"]:
        # Nobody submitted tool outputs in time: the run and its waiting step expire.
        changed = True
        run["status"] = "expired"
        run["required_action"] = None
        step = app.store.get("thread.run.step", run.get("_pending_step") or "")
        if step is not None and step["status"] == "in_progress":
            step["status"] = "expired"
            step["expired_at"] = run["expires_at"]
            app.store.put("thread.run.step", step)
    if changed:
        app.store.put("thread.run", run)
    return run


def advance_thread(app: App, thread_id: str) -> None:
    for run in app.store.list("thread.run", parent=thread_id):
        if run["status"] in (*_MOVING, "requires_action"):
            advance(app, run)


def active_run(app: App, thread_id: str) -> JsonObject | None:
    advance_thread(app, thread_id)
    for run in app.store.list("thread.run", parent=thread_id):
        if run["status"] in (*_MOVING, "requires_action"):
            return run
    return None


# -- execution ----------------------------------------------------------------------------------


def _new_step(app: App, run: JsonObject, details: JsonObject) -> JsonObject:
    step = {
        "id": new_id("step"),
        "object": "thread.run.step",
        "created_at": int(app.now()),
        "assistant_id": run["assistant_id"],
        "thread_id": run["thread_id"],
        "run_id": run["id"],
        "type": details["type"],
        "status": "in_progress",
        "step_details": details,
        "last_error": None,
        "expired_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": None,
        "metadata": {},
        "usage": None,
    }
    app.store.put("thread.run.step", step, parent=run["id"])
    return step


def _finish_step(app: App, step: JsonObject, completion_tokens: int) -> None:
    step["status"] = "completed"
    step["completed_at"] = int(app.now())
    step["usage"] = {
        "prompt_tokens": 0,
        "completion_tokens": completion_tokens,
        "total_tokens": completion_tokens,
    }
    app.store.put("thread.run.step", step)


def _step_delta(step: JsonObject, tool_call: JsonObject) -> JsonObject:
    return {
        "id": step["id"],
        "object": "thread.run.step.delta",
        "delta": {"step_details": {"type": "tool_calls", "tool_calls": [tool_call]}},
    }


def _thread_prompt(app: App, run: JsonObject) -> tuple[str, int]:
    messages = app.store.list("thread.message", parent=run["thread_id"])
    texts = [message_text(m["content"]) for m in messages]
    prompt = ""
    for message in reversed(messages):
        if message["role"] == "user":
            prompt = message_text(message["content"])
            break
    return prompt, prompt_tokens([run.get("instructions") or "", *texts])


def _code_step(app: App, run: JsonObject, prompt: str, emit: Emit) -> str:
    planned = plan_code(prompt)
    code, logs = planned.code, planned.logs
    step = _new_step(app, run, {"type": "tool_calls", "tool_calls": []})
    emit("thread.run.step.created", step)
    emit("thread.run.step.in_progress", step)
    call_id = new_id("call")
    emit(
        "thread.run.step.delta",
        _step_delta(
            step,
            {
                "index": 0,
                "id": call_id,
                "type": "code_interpreter",
                "code_interpreter": {"input": "", "outputs": []},
            },
        ),
    )
    for piece in tokens(code):
        emit(
            "thread.run.step.delta",
            _step_delta(
                step, {"index": 0, "type": "code_interpreter", "code_interpreter": {"input": piece}}
            ),
        )
    emit(
        "thread.run.step.delta",
        _step_delta(
            step,
            {
                "index": 0,
                "type": "code_interpreter",
                "code_interpreter": {"outputs": [{"index": 0, "type": "logs", "logs": logs}]},
            },
        ),
    )
    step["step_details"]["tool_calls"] = [
        {
            "id": call_id,
            "type": "code_interpreter",
            "code_interpreter": {"input": code, "outputs": [{"type": "logs", "logs": logs}]},
        }
    ]
    _finish_step(app, step, count_tokens(code))
    emit("thread.run.step.completed", step)
    return planned.summary


def _vector_store_ids(app: App, run: JsonObject) -> list[str]:
    """Stores the run may search: the thread's, then the assistant's (as the API combines them)."""
    ids: list[str] = []
    for kind, object_id in (("thread", run["thread_id"]), ("assistant", run["assistant_id"])):
        owner = app.store.get(kind, object_id) or {}
        store_ids = object_at(owner, "tool_resources", "file_search").get("vector_store_ids")
        ids += [i for i in store_ids or [] if isinstance(i, str) and i not in ids]
    return ids


def _file_search_step(app: App, run: JsonObject, prompt: str, emit: Emit) -> str:
    found = search_results(app, _vector_store_ids(app, run), prompt)[:_MAX_SEARCH_RESULTS]
    step = _new_step(app, run, {"type": "tool_calls", "tool_calls": []})
    emit("thread.run.step.created", step)
    emit("thread.run.step.in_progress", step)
    call_id = new_id("call")
    emit(
        "thread.run.step.delta",
        _step_delta(step, {"index": 0, "id": call_id, "type": "file_search", "file_search": {}}),
    )
    step["step_details"]["tool_calls"] = [
        {
            "id": call_id,
            "type": "file_search",
            "file_search": {
                "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.0},
                # Contents are only included on request by the API; names and scores always are.
                "results": [
                    {"file_id": r["file_id"], "file_name": r["filename"], "score": r["score"]}
                    for r in found
                ],
            },
        }
    ]
    _finish_step(app, step, 0)
    emit("thread.run.step.completed", step)
    if not found:
        return "I found nothing about that in the attached files."
    best = found[0]
    return f'From {best["filename"]}: "{best["content"][0]["text"]}"'


def _functions_to_call(run: JsonObject, prompt: str) -> list[JsonObject]:
    functions = [t["function"] for t in run["tools"] if t.get("type") == "function"]
    choice = run.get("tool_choice") or "auto"
    if not functions or choice == "none":
        return []
    if isinstance(choice, dict) and choice.get("type") == "function":
        name = object_at(choice, "function").get("name")
        return [f for f in functions if f["name"] == name][:1]
    mentioned = [
        f
        for f in functions
        if re.search(rf"(?<!\w){re.escape(f['name'])}(?!\w)", prompt, re.IGNORECASE)
    ]
    chosen = mentioned or functions[:1]
    return chosen[:1] if run.get("parallel_tool_calls") is False else chosen


def _function_step(
    app: App, run: JsonObject, functions: list[JsonObject], prompt: str, emit: Emit
) -> None:
    calls: list[JsonObject] = []
    for function in functions:
        parameters = function.get("parameters") or {"type": "object", "properties": {}}
        try:
            arguments = json.dumps(
                instance_for(parameters, seed=f"{run['id']}:{function['name']}", text=prompt)
            )
        except SchemaError:
            arguments = "{}"
        calls.append(
            {
                "id": new_id("call"),
                "type": "function",
                "function": {"name": function["name"], "arguments": arguments, "output": None},
            }
        )
    step = _new_step(app, run, {"type": "tool_calls", "tool_calls": []})
    emit("thread.run.step.created", step)
    emit("thread.run.step.in_progress", step)
    for index, call in enumerate(calls):
        head = {**call, "index": index, "function": {**call["function"], "arguments": ""}}
        emit("thread.run.step.delta", _step_delta(step, head))
        for piece in tokens(call["function"]["arguments"]):
            emit(
                "thread.run.step.delta",
                _step_delta(
                    step, {"index": index, "type": "function", "function": {"arguments": piece}}
                ),
            )
    step["step_details"]["tool_calls"] = calls
    app.store.put("thread.run.step", step)
    run["status"] = "requires_action"
    run["required_action"] = {
        "type": "submit_tool_outputs",
        "submit_tool_outputs": {
            "tool_calls": [
                {
                    "id": call["id"],
                    "type": "function",
                    "function": {
                        "name": call["function"]["name"],
                        "arguments": call["function"]["arguments"],
                    },
                }
                for call in calls
            ]
        },
    }
    run["_pending_step"] = step["id"]
    app.store.put("thread.run", run)
    emit("thread.run.requires_action", run)


def _message_step(app: App, run: JsonObject, text: str, prompt_used: int, emit: Emit) -> None:
    now = int(app.now())
    message = {
        "id": new_id("msg"),
        "object": "thread.message",
        "created_at": now,
        "thread_id": run["thread_id"],
        "status": "in_progress",
        "incomplete_details": None,
        "completed_at": None,
        "incomplete_at": None,
        "role": "assistant",
        "content": [],
        "assistant_id": run["assistant_id"],
        "run_id": run["id"],
        "attachments": [],
        "metadata": {},
    }
    app.store.put("thread.message", message, parent=run["thread_id"])
    step = _new_step(
        app, run, {"type": "message_creation", "message_creation": {"message_id": message["id"]}}
    )
    emit("thread.run.step.created", step)
    emit("thread.run.step.in_progress", step)
    emit("thread.message.created", message)
    emit("thread.message.in_progress", message)
    pieces = tokens(text)
    limit = run.get("max_completion_tokens")
    truncated = isinstance(limit, int) and len(pieces) > limit
    if truncated:
        pieces = pieces[:limit]
    for piece in pieces:
        emit(
            "thread.message.delta",
            {
                "id": message["id"],
                "object": "thread.message.delta",
                "delta": {
                    "content": [
                        {"index": 0, "type": "text", "text": {"value": piece, "annotations": []}}
                    ]
                },
            },
        )
    message["content"] = [text_part("".join(pieces))]
    if truncated:
        message["status"] = "incomplete"
        message["incomplete_at"] = int(app.now())
        message["incomplete_details"] = {"reason": "max_tokens"}
    else:
        message["status"] = "completed"
        message["completed_at"] = int(app.now())
    app.store.put("thread.message", message)
    emit("thread.message.incomplete" if truncated else "thread.message.completed", message)
    _finish_step(app, step, len(pieces))
    emit("thread.run.step.completed", step)
    completion = len(pieces) + run.get("_completion_tokens", 0)
    run["usage"] = {
        "prompt_tokens": prompt_used,
        "completion_tokens": completion,
        "total_tokens": prompt_used + completion,
    }
    if truncated:
        run["status"] = "incomplete"
        run["incomplete_details"] = {"reason": "max_completion_tokens"}
    else:
        run["status"] = "completed"
        run["completed_at"] = int(app.now())
    app.store.put("thread.run", run)
    emit("thread.run.incomplete" if truncated else "thread.run.completed", run)


def _execute(app: App, run: JsonObject, emit: Emit) -> None:
    """Run the in_progress phase to its end: completed, incomplete or requires_action."""
    prompt, prompt_used = _thread_prompt(app, run)
    outputs: list[JsonObject] | None = run.get("_tool_outputs")
    parts: list[str] = []
    has_search = any(tool.get("type") == "file_search" for tool in run["tools"])
    if has_search and not run.get("_search_done"):
        parts.append(_file_search_step(app, run, prompt, emit))
        run["_search_done"] = True
    has_code = any(tool.get("type") == "code_interpreter" for tool in run["tools"])
    if has_code and not run.get("_code_done"):
        parts.append(_code_step(app, run, prompt, emit))
        run["_code_done"] = True
    if outputs is None:
        functions = _functions_to_call(run, prompt)
        if functions:
            _function_step(app, run, functions, prompt, emit)
            return
        parts.append(reply_to(prompt))
    else:
        results = "; ".join(str(output.get("output", "")) for output in outputs)
        parts.append(f"Based on the tool results: {results}")
    _message_step(app, run, " ".join(parts), prompt_used, emit)


# -- endpoints ----------------------------------------------------------------------------------


def _new_run(app: App, thread_id: str, body: JsonObject) -> JsonObject:
    assistant_id = require(body, "assistant_id", str)
    assistant = fetch(app, "assistant", assistant_id, "assistant")
    running = active_run(app, thread_id)
    if running is not None:
        raise ApiError(400, f"Thread {thread_id} already has an active run {running['id']}.")
    instructions = optional(body, "instructions", str, None) or assistant.get("instructions") or ""
    extra = optional(body, "additional_instructions", str, None)
    if extra:
        instructions = f"{instructions}\n{extra}" if instructions else extra
    tools = validate_tools(body["tools"]) if body.get("tools") is not None else assistant["tools"]
    now = app.now()
    run = {
        "id": new_id("run"),
        "object": "thread.run",
        "created_at": int(now),
        "assistant_id": assistant_id,
        "thread_id": thread_id,
        "status": "queued",
        "required_action": None,
        "last_error": None,
        "expires_at": int(now) + 600,
        "started_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": None,
        "incomplete_details": None,
        "model": optional(body, "model", str, None) or assistant["model"],
        "instructions": instructions,
        "tools": tools,
        "metadata": metadata_of(body),
        "usage": None,
        "temperature": optional(
            body, "temperature", (int, float), assistant.get("temperature", 1.0)
        ),
        "top_p": optional(body, "top_p", (int, float), assistant.get("top_p", 1.0)),
        "max_prompt_tokens": optional(body, "max_prompt_tokens", int, None),
        "max_completion_tokens": optional(body, "max_completion_tokens", int, None),
        "truncation_strategy": body.get("truncation_strategy")
        or {"type": "auto", "last_messages": None},
        "tool_choice": body.get("tool_choice") or "auto",
        "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "response_format": body.get("response_format")
        or assistant.get("response_format")
        or "auto",
        "reasoning_effort": body.get("reasoning_effort"),
        "_since": now,
    }
    for index, message in enumerate(optional(body, "additional_messages", list, [])):
        add_message(app, thread_id, message, param=f"additional_messages[{index}]")
    app.store.put("thread.run", run, parent=thread_id)
    return run


class _Recorder:
    """Collects Assistants events as SSE bytes, serialising each object as it is at that moment."""

    def __init__(self) -> None:
        self.events: list[bytes] = []

    def __call__(self, event: str, data: JsonObject) -> None:
        self.events.append(sse_event(event, public(data)))

    def done(self) -> list[bytes]:
        self.events.append(sse_event("done", "[DONE]"))
        return self.events


def _stream_from_queued(app: App, run: JsonObject, record: _Recorder) -> StreamResponse:
    record("thread.run.queued", run)
    run["status"] = "in_progress"
    run["started_at"] = run["started_at"] or int(app.now())
    record("thread.run.in_progress", run)
    _execute(app, run, record)
    app.store.put("thread.run", run)
    return StreamResponse(events=record.done())


def _run_response(app: App, run: JsonObject) -> Response:
    moving = run["status"] in _MOVING
    headers = {"openai-poll-after-ms": app.poll_after_ms()} if moving else None
    return json_response(public(run), headers=headers)


def create_run(app: App, request: Request) -> Response | StreamResponse:
    thread_id = request.path_params["thread_id"]
    fetch(app, "thread", thread_id, "thread")
    body = request.json()
    run = _new_run(app, thread_id, body)
    if body.get("stream") is True:
        record = _Recorder()
        record("thread.run.created", run)
        return _stream_from_queued(app, run, record)
    return _run_response(app, run)


def create_thread_and_run(app: App, request: Request) -> Response | StreamResponse:
    body = request.json()
    require(body, "assistant_id", str)
    fetch(app, "assistant", body["assistant_id"], "assistant")
    thread_body = optional(body, "thread", dict, {})
    thread = new_thread(
        app,
        {
            **thread_body,
            "tool_resources": body.get("tool_resources") or thread_body.get("tool_resources"),
        },
        param="thread.",
    )
    run = _new_run(app, thread["id"], body)
    if body.get("stream") is True:
        record = _Recorder()
        record("thread.created", thread)
        record("thread.run.created", run)
        return _stream_from_queued(app, run, record)
    return _run_response(app, run)


def _thread_run(app: App, request: Request) -> JsonObject:
    thread_id = request.path_params["thread_id"]
    fetch(app, "thread", thread_id, "thread")
    run = fetch(app, "thread.run", request.path_params["run_id"], "run")
    if run["thread_id"] != thread_id:
        raise ApiError(404, f"No run found with id '{run['id']}'.")
    return run


def retrieve_run(app: App, request: Request) -> Response:
    return _run_response(app, advance(app, _thread_run(app, request)))


def list_runs(app: App, request: Request) -> Response:
    thread_id = request.path_params["thread_id"]
    fetch(app, "thread", thread_id, "thread")
    advance_thread(app, thread_id)
    return json_response(
        cursor_page(app.store.list("thread.run", parent=thread_id), request.query, render=public)
    )


def modify_run(app: App, request: Request) -> Response:
    run = advance(app, _thread_run(app, request))
    body = request.json()
    if "metadata" in body:
        run["metadata"] = metadata_of(body)
    app.store.put("thread.run", run)
    return _run_response(app, run)


def cancel_run(app: App, request: Request) -> Response:
    run = advance(app, _thread_run(app, request))
    if run["status"] not in ("queued", "in_progress", "requires_action"):
        raise ApiError(400, f"Cannot cancel run with status '{run['status']}'.")
    run["status"] = "cancelling"
    run["required_action"] = None
    run["_since"] = app.now()
    app.store.put("thread.run", run)
    return _run_response(app, run)


def submit_tool_outputs(app: App, request: Request) -> Response | StreamResponse:
    run = advance(app, _thread_run(app, request))
    body = request.json()
    outputs = require(body, "tool_outputs", list)
    if run["status"] != "requires_action":
        raise ApiError(400, f'Runs in status "{run["status"]}" do not accept tool outputs.')
    expected = [call["id"] for call in run["required_action"]["submit_tool_outputs"]["tool_calls"]]
    for index, output in enumerate(outputs):
        if not isinstance(output, dict):
            raise invalid_type(f"tool_outputs[{index}]", "an object")
    given = [output.get("tool_call_id") for output in outputs]
    if sorted(map(str, given)) != sorted(expected):
        raise ApiError(
            400,
            f"Expected tool outputs for call_ids {expected}, got {given}.",
            param="tool_outputs",
        )
    step = fetch(app, "thread.run.step", run["_pending_step"], "run step")
    by_id = {output["tool_call_id"]: output.get("output") for output in outputs}
    for call in step["step_details"]["tool_calls"]:
        if call.get("type") == "function":
            call["function"]["output"] = by_id.get(call["id"])
    _finish_step(
        app,
        step,
        sum(
            count_tokens(c["function"]["arguments"])
            for c in step["step_details"]["tool_calls"]
            if c.get("type") == "function"
        ),
    )
    run["status"] = "queued"
    run["required_action"] = None
    run["_tool_outputs"] = outputs
    run["_since"] = app.now()
    app.store.put("thread.run", run)
    if body.get("stream") is True:
        record = _Recorder()
        record("thread.run.step.completed", step)
        return _stream_from_queued(app, run, record)
    return _run_response(app, run)


def list_steps(app: App, request: Request) -> Response:
    run = advance(app, _thread_run(app, request))
    steps = app.store.list("thread.run.step", parent=run["id"])
    return json_response(cursor_page(steps, request.query, render=public))


def retrieve_step(app: App, request: Request) -> Response:
    run = advance(app, _thread_run(app, request))
    step = fetch(app, "thread.run.step", request.path_params["step_id"], "run step")
    if step["run_id"] != run["id"]:
        raise ApiError(404, f"No run step found with id '{step['id']}'.")
    return json_response(public(step))


ROUTES = [
    Route("POST", "/threads/runs", create_thread_and_run),
    Route("POST", "/threads/{thread_id}/runs", create_run),
    Route("GET", "/threads/{thread_id}/runs", list_runs),
    Route("GET", "/threads/{thread_id}/runs/{run_id}", retrieve_run),
    Route("POST", "/threads/{thread_id}/runs/{run_id}", modify_run),
    Route("POST", "/threads/{thread_id}/runs/{run_id}/cancel", cancel_run),
    Route("POST", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", submit_tool_outputs),
    Route("GET", "/threads/{thread_id}/runs/{run_id}/steps", list_steps),
    Route("GET", "/threads/{thread_id}/runs/{run_id}/steps/{step_id}", retrieve_step),
]
