"""Assistants event streams as the API sends them, and a handler that records its hook calls.

Each scenario is a list of ``(event name, data)`` pairs; ``sse_chunks`` turns one into the bytes of
an SSE response cut into small pieces (so events straddle chunk boundaries), ending with
``event: done`` / ``data: [DONE]``.

``Recorded`` summarises each hook call to its name and key arguments (text values, tool call
inputs/outputs, ids and statuses). The same summary works on our models and the official SDK's,
so the two can be compared on the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

THREAD = "thread_1"
ASSISTANT = "asst_1"
RUN = "run_1"
CREATED = 1_700_000_000

Event = tuple[str, dict[str, Any]]


# --- objects -------------------------------------------------------------------------------------


def run(status: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": RUN,
        "object": "thread.run",
        "created_at": CREATED,
        "thread_id": THREAD,
        "assistant_id": ASSISTANT,
        "status": status,
        "required_action": None,
        "last_error": None,
        "expires_at": None,
        "started_at": CREATED,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": CREATED + 9 if status == "completed" else None,
        "incomplete_details": None,
        "model": "gpt-4o",
        "instructions": "Be brief.",
        "tools": [],
        "metadata": {},
        "usage": None,
        "temperature": 1.0,
        "top_p": 1.0,
        "max_prompt_tokens": None,
        "max_completion_tokens": None,
        "truncation_strategy": {"type": "auto", "last_messages": None},
        "tool_choice": "auto",
        "parallel_tool_calls": True,
        "response_format": "auto",
        **extra,
    }


def message(msg_id: str, status: str, content: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": msg_id,
        "object": "thread.message",
        "created_at": CREATED,
        "thread_id": THREAD,
        "status": status,
        "incomplete_details": None,
        "completed_at": CREATED + 5 if status == "completed" else None,
        "incomplete_at": None,
        "role": "assistant",
        "content": content,
        "assistant_id": ASSISTANT,
        "run_id": RUN,
        "attachments": [],
        "metadata": {},
    }


def text_block(value: str, annotations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"type": "text", "text": {"value": value, "annotations": annotations or []}}


def step(step_id: str, status: str, details: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": step_id,
        "object": "thread.run.step",
        "created_at": CREATED,
        "assistant_id": ASSISTANT,
        "thread_id": THREAD,
        "run_id": RUN,
        "type": details["type"],
        "status": status,
        "step_details": details,
        "last_error": None,
        "expired_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": CREATED + 4 if status == "completed" else None,
        "metadata": {},
        "usage": None,
    }


def message_delta(msg_id: str, *content: dict[str, Any]) -> dict[str, Any]:
    return {"id": msg_id, "object": "thread.message.delta", "delta": {"content": list(content)}}


def text_piece(index: int, value: str, **text: Any) -> dict[str, Any]:
    return {"index": index, "type": "text", "text": {"value": value, **text}}


def step_delta(step_id: str, *tool_calls: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": step_id,
        "object": "thread.run.step.delta",
        "delta": {"step_details": {"type": "tool_calls", "tool_calls": list(tool_calls)}},
    }


def creation_details(msg_id: str) -> dict[str, Any]:
    return {"type": "message_creation", "message_creation": {"message_id": msg_id}}


# --- scenarios ------------------------------------------------------------------------------------


def run_start() -> list[Event]:
    return [
        ("thread.run.created", run("queued")),
        ("thread.run.queued", run("queued")),
        ("thread.run.in_progress", run("in_progress")),
    ]


def text_message_events(msg_id: str, pieces: list[str], step_id: str = "step_m") -> list[Event]:
    """A message-creation step whose message streams ``pieces`` as one text block."""
    return [
        ("thread.run.step.created", step(step_id, "in_progress", creation_details(msg_id))),
        ("thread.run.step.in_progress", step(step_id, "in_progress", creation_details(msg_id))),
        ("thread.message.created", message(msg_id, "in_progress", [])),
        ("thread.message.in_progress", message(msg_id, "in_progress", [])),
        *[("thread.message.delta", message_delta(msg_id, text_piece(0, p))) for p in pieces],
        ("thread.message.completed", message(msg_id, "completed", [text_block("".join(pieces))])),
        ("thread.run.step.completed", step(step_id, "completed", creation_details(msg_id))),
    ]


def text_run(pieces: list[str]) -> list[Event]:
    return [
        *run_start(),
        *text_message_events("msg_1", pieces),
        ("thread.run.completed", run("completed")),
    ]


CODE = ["from sympy import", " symbols, solve\n", "x = symbols('x')\n", "solve(3*x + 11 - 14, x)"]
LOGS = ["[1", "]\n"]


def code_interpreter_run() -> list[Event]:
    """A code-interpreter call whose input and logs stream in pieces, then an answer message."""
    calls = {"type": "tool_calls", "tool_calls": []}
    done_call = {
        "id": "call_ci",
        "type": "code_interpreter",
        "code_interpreter": {
            "input": "".join(CODE),
            "outputs": [{"type": "logs", "logs": "[1]\n"}],
        },
    }
    first = {
        "index": 0,
        "id": "call_ci",
        "type": "code_interpreter",
        "code_interpreter": {"input": "", "outputs": []},
    }
    pieces = [
        {"index": 0, "type": "code_interpreter", "code_interpreter": {"input": piece}}
        for piece in CODE
    ]
    logs = [
        {
            "index": 0,
            "type": "code_interpreter",
            "code_interpreter": {"outputs": [{"index": 0, "type": "logs", "logs": piece}]},
        }
        for piece in LOGS
    ]
    return [
        *run_start(),
        ("thread.run.step.created", step("step_ci", "in_progress", calls)),
        ("thread.run.step.in_progress", step("step_ci", "in_progress", calls)),
        ("thread.run.step.delta", step_delta("step_ci", first)),
        *[("thread.run.step.delta", step_delta("step_ci", p)) for p in pieces],
        *[("thread.run.step.delta", step_delta("step_ci", p)) for p in logs],
        (
            "thread.run.step.completed",
            step("step_ci", "completed", {"type": "tool_calls", "tool_calls": [done_call]}),
        ),
        *text_message_events("msg_ci", ["x = ", "1"], step_id="step_m2"),
        ("thread.run.completed", run("completed")),
    ]


ARGS = ['{"city"', ': "Par', 'is"}']


def function_call_run() -> list[Event]:
    """A function call whose arguments stream in pieces; the run then requires action."""
    calls = {"type": "tool_calls", "tool_calls": []}
    first = {
        "index": 0,
        "id": "call_fn",
        "type": "function",
        "function": {"name": "get_weather", "arguments": "", "output": None},
    }
    pieces = [{"index": 0, "type": "function", "function": {"arguments": piece}} for piece in ARGS]
    action = {
        "type": "submit_tool_outputs",
        "submit_tool_outputs": {
            "tool_calls": [
                {
                    "id": "call_fn",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": "".join(ARGS)},
                }
            ]
        },
    }
    return [
        *run_start(),
        ("thread.run.step.created", step("step_fn", "in_progress", calls)),
        ("thread.run.step.in_progress", step("step_fn", "in_progress", calls)),
        ("thread.run.step.delta", step_delta("step_fn", first)),
        *[("thread.run.step.delta", step_delta("step_fn", p)) for p in pieces],
        ("thread.run.requires_action", run("requires_action", required_action=action)),
    ]


def after_tool_outputs_run() -> list[Event]:
    """What a run streams after its tool outputs were submitted."""
    return [
        ("thread.run.queued", run("queued")),
        ("thread.run.in_progress", run("in_progress")),
        *text_message_events("msg_fn", ["It is ", "sunny."], step_id="step_m3"),
        ("thread.run.completed", run("completed")),
    ]


def image_file_run() -> list[Event]:
    """A message with a text block, an image file block, then another text block."""
    msg_id = "msg_img"
    image = {"index": 1, "type": "image_file", "image_file": {"file_id": "file_png"}}
    final = [
        text_block("Here is the plot:"),
        {"type": "image_file", "image_file": {"file_id": "file_png", "detail": None}},
        text_block("Done."),
    ]
    return [
        *run_start(),
        ("thread.message.created", message(msg_id, "in_progress", [])),
        ("thread.message.delta", message_delta(msg_id, text_piece(0, "Here is"))),
        ("thread.message.delta", message_delta(msg_id, text_piece(0, " the plot:"))),
        ("thread.message.delta", message_delta(msg_id, image)),
        ("thread.message.delta", message_delta(msg_id, text_piece(2, "Done."))),
        ("thread.message.completed", message(msg_id, "completed", final)),
        ("thread.run.completed", run("completed")),
    ]


def annotated_text_run() -> list[Event]:
    """A text block with a file citation annotation arriving in a delta of its own."""
    msg_id = "msg_ann"
    citation = {
        "index": 0,
        "type": "file_citation",
        "text": "【4:0†source】",
        "file_citation": {"file_id": "file_doc", "quote": "q"},
        "start_index": 5,
        "end_index": 17,
    }
    final_annotation = {
        "type": "file_citation",
        "text": "【4:0†source】",
        "file_citation": {"file_id": "file_doc"},
        "start_index": 5,
        "end_index": 17,
    }
    return [
        *run_start(),
        ("thread.message.created", message(msg_id, "in_progress", [])),
        ("thread.message.delta", message_delta(msg_id, text_piece(0, "Fact "))),
        (
            "thread.message.delta",
            message_delta(msg_id, text_piece(0, "【4:0†source】", annotations=[citation])),
        ),
        (
            "thread.message.completed",
            message(msg_id, "completed", [text_block("Fact 【4:0†source】", [final_annotation])]),
        ),
        ("thread.run.completed", run("completed")),
    ]


def parallel_function_calls_run() -> list[Event]:
    """Two function calls in one step, their deltas in turn; the run then requires action."""
    calls = {"type": "tool_calls", "tool_calls": []}

    def head(index: int, call_id: str) -> dict[str, Any]:
        function = {"name": "get_weather", "arguments": "", "output": None}
        return {"index": index, "id": call_id, "type": "function", "function": function}

    def piece(index: int, arguments: str) -> dict[str, Any]:
        return {"index": index, "type": "function", "function": {"arguments": arguments}}

    return [
        *run_start(),
        ("thread.run.step.created", step("step_pf", "in_progress", calls)),
        ("thread.run.step.delta", step_delta("step_pf", head(0, "call_a"))),
        ("thread.run.step.delta", step_delta("step_pf", piece(0, '{"city": "A"}'))),
        ("thread.run.step.delta", step_delta("step_pf", head(1, "call_b"))),
        ("thread.run.step.delta", step_delta("step_pf", piece(1, '{"city": "B"}'))),
        ("thread.run.requires_action", run("requires_action")),
    ]


def file_search_run() -> list[Event]:
    """A file search call (its results arrive with the completed step), then a message."""
    calls = {"type": "tool_calls", "tool_calls": []}
    first = {"index": 0, "id": "call_fs", "type": "file_search", "file_search": {}}
    done_call = {
        "id": "call_fs",
        "type": "file_search",
        "file_search": {
            "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.0},
            "results": [{"file_id": "file_doc", "file_name": "doc.txt", "score": 0.9}],
        },
    }
    return [
        *run_start(),
        ("thread.run.step.created", step("step_fs", "in_progress", calls)),
        ("thread.run.step.delta", step_delta("step_fs", first)),
        (
            "thread.run.step.completed",
            step("step_fs", "completed", {"type": "tool_calls", "tool_calls": [done_call]}),
        ),
        *text_message_events("msg_fs", ["Found ", "it."], step_id="step_m4"),
        ("thread.run.completed", run("completed")),
    ]


def create_and_run_events() -> list[Event]:
    thread = {
        "id": THREAD,
        "object": "thread",
        "created_at": CREATED,
        "metadata": {},
        "tool_resources": None,
    }
    return [("thread.created", thread), *text_run(["Hi", " there"])]


# --- wire format --------------------------------------------------------------------------------


def sse_body(events: list[Event], done: bool = True) -> bytes:
    text = "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)
    if done:
        text += "event: done\ndata: [DONE]\n\n"
    return text.encode()


def sse_chunks(events: list[Event], size: int = 97, done: bool = True) -> list[bytes]:
    body = sse_body(events, done)
    return [body[i : i + size] for i in range(0, len(body), size)]


# --- recording ----------------------------------------------------------------------------------


def _text(text: Any) -> str:
    return text.value


def _tool_call(call: Any) -> tuple[Any, ...]:
    if call.type == "code_interpreter":
        ci = call.code_interpreter
        outputs = (
            [getattr(o, "logs", None) for o in ci.outputs]
            if ci is not None and ci.outputs is not None
            else None
        )
        return ("code_interpreter", call.id, ci.input if ci else None, outputs)
    if call.type == "function":
        fn = call.function
        return ("function", call.id, fn.name if fn else None, fn.arguments if fn else None)
    return (call.type, call.id)


def _message(msg: Any) -> tuple[Any, ...]:
    blocks: list[Any] = []
    for block in msg.content:
        if block.type == "text":
            blocks.append(block.text.value)
        elif block.type == "image_file":
            blocks.append(("image_file", block.image_file.file_id))
        else:
            blocks.append(block.type)
    return (msg.id, msg.status, blocks)


def _step(run_step: Any) -> tuple[Any, ...]:
    details = run_step.step_details
    calls = (
        [_tool_call(c) for c in details.tool_calls]
        if details.type == "tool_calls"
        else details.type
    )
    return (run_step.id, run_step.status, calls)


def summarize(hook: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """A hook call as (name, key arguments), comparable across our models and the SDK's."""
    if hook == "on_event":
        return (hook, args[0].event)
    if hook in ("on_text_created", "on_text_done"):
        return (hook, _text(args[0]))
    if hook == "on_text_delta":
        return (hook, args[0].value, _text(args[1]))
    if hook == "on_image_file_done":
        return (hook, args[0].file_id)
    if hook in ("on_tool_call_created", "on_tool_call_done"):
        return (hook, _tool_call(args[0]))
    if hook == "on_tool_call_delta":
        return (hook, _tool_call(args[0]), _tool_call(args[1]))
    if hook in ("on_message_created", "on_message_done"):
        return (hook, _message(args[0]))
    if hook == "on_message_delta":
        return (hook, _message(args[1]))
    if hook in ("on_run_step_created", "on_run_step_done"):
        return (hook, _step(args[0]))
    if hook == "on_run_step_delta":
        return (hook, _step(args[1]))
    if hook == "on_exception":
        return (hook, type(args[0]).__name__)
    return (hook, *args)


HOOK_NAMES = (
    "on_event",
    "on_run_step_created",
    "on_run_step_delta",
    "on_run_step_done",
    "on_message_created",
    "on_message_delta",
    "on_message_done",
    "on_text_created",
    "on_text_delta",
    "on_text_done",
    "on_image_file_done",
    "on_tool_call_created",
    "on_tool_call_delta",
    "on_tool_call_done",
    "on_end",
    "on_timeout",
    "on_exception",
)


def recording_class(base: type, is_async: bool = False, skip: frozenset[str] = frozenset()) -> type:
    """A subclass of ``base`` whose every hook (but ``skip``) appends its summary to ``calls``."""

    def make(hook: str) -> Any:
        if is_async:

            async def record_async(self: Any, *args: Any) -> None:
                self.calls.append(summarize(hook, args))

            return record_async

        def record(self: Any, *args: Any) -> None:
            self.calls.append(summarize(hook, args))

        return record

    def __init__(self: Any) -> None:
        base.__init__(self)
        self.calls = []

    namespace: dict[str, Any] = {"__init__": __init__}
    namespace.update({hook: make(hook) for hook in HOOK_NAMES if hook not in skip})
    return type(f"Recording{base.__name__}", (base,), namespace)


def without_events(calls: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [c for c in calls if c[0] != "on_event"]
