"""Canned request and response payloads, identical for every contender.

Everything is deterministic (no randomness, fixed ids and timestamps) so runs are comparable.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

MODEL = "gpt-4o-mini"
CREATED = 1_700_000_000


def _dumps(obj: object) -> str:
    return json.dumps(obj, separators=(",", ":"))


# -- chat completion (~1 KB) -------------------------------------------------------------------

SHORT_MESSAGES: list[dict[str, Any]] = [
    {"role": "system", "content": "You are a terse assistant."},
    {"role": "user", "content": "Name three prime numbers and explain briefly why each is prime."},
]


def chat_completion_body() -> bytes:
    """A ~1 KB chat.completion JSON reply."""
    text = (
        "Two, three and five. Each has exactly two divisors: one and itself. Two is the only even "
        "prime; three and five are odd and not divisible by any smaller prime. "
    ) * 3
    completion = {
        "id": "chatcmpl-bench0001",
        "object": "chat.completion",
        "created": CREATED,
        "model": MODEL,
        "system_fingerprint": "fp_bench",
        "service_tier": "default",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": text,
                    "refusal": None,
                    "annotations": [],
                },
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": 31,
            "completion_tokens": 120,
            "total_tokens": 151,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0,
            },
        },
    }
    return _dumps(completion).encode()


# -- long conversation: 200 messages with content parts and tool calls --------------------------


def long_conversation(n_messages: int = 200) -> list[dict[str, Any]]:
    """System prompt, then repeating user (text + image parts) / assistant (tool calls) / tool /
    assistant (text) turns, cut to ``n_messages``."""
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": "You plan trips. Use the tools to look things up."}
    ]
    turn = 0
    while len(messages) < n_messages:
        call_id = f"call_{turn:04d}"
        messages.append(
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": f"Leg {turn}: what is the weather in city {turn}?"},
                    {
                        "type": "image_url",
                        "image_url": {
                            "url": f"https://example.com/map/{turn}.png",
                            "detail": "low",
                        },
                    },
                ],
            }
        )
        messages.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": call_id,
                        "type": "function",
                        "function": {
                            "name": "get_weather",
                            "arguments": _dumps({"city": f"city {turn}", "unit": "celsius"}),
                        },
                    }
                ],
            }
        )
        messages.append(
            {"role": "tool", "tool_call_id": call_id, "content": _dumps({"temp": 20 + turn % 10})}
        )
        messages.append(
            {"role": "assistant", "content": f"City {turn} is mild, about {20 + turn % 10} °C."}
        )
        turn += 1
    return messages[:n_messages]


# -- big response: files.list ------------------------------------------------------------------


def files_list_body(n_files: int) -> bytes:
    files = [
        {
            "id": f"file-{i:08d}",
            "object": "file",
            "bytes": 1000 + i,
            "created_at": CREATED + i,
            "expires_at": None,
            "filename": f"document_{i}.jsonl",
            "purpose": "assistants",
            "status": "processed",
            "status_details": None,
        }
        for i in range(n_files)
    ]
    page = {
        "object": "list",
        "data": files,
        "has_more": False,
        "first_id": files[0]["id"] if files else None,
        "last_id": files[-1]["id"] if files else None,
    }
    return _dumps(page).encode()


# -- chat stream with structured output --------------------------------------------------------


class Step(BaseModel):
    n: int
    text: str


class Plan(BaseModel):
    """The ``response_format`` of the chat stream benchmark."""

    steps: list[Step]


def _plan_json(min_chars: int) -> str:
    steps: list[dict[str, Any]] = []
    size = 12
    while size < min_chars:
        step = {"n": len(steps), "text": f"do thing {len(steps)}"}
        steps.append(step)
        size += len(_dumps(step)) + 1
    return _dumps({"steps": steps})


def _chunk(delta: dict[str, Any], finish_reason: str | None = None) -> str:
    chunk = {
        "id": "chatcmpl-stream0001",
        "object": "chat.completion.chunk",
        "created": CREATED,
        "model": MODEL,
        "system_fingerprint": "fp_bench",
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
    }
    return f"data: {_dumps(chunk)}\n\n"


def chat_stream_body(n_chunks: int) -> bytes:
    """SSE of ``n_chunks`` content chunks spelling a ``Plan`` JSON document (~4 chars each),
    plus the opening role chunk, the finish chunk and ``[DONE]``."""
    per_chunk = 4
    content = _plan_json(n_chunks * per_chunk)
    # Split into exactly n_chunks pieces; the last one takes the remainder.
    pieces = [content[i * per_chunk : (i + 1) * per_chunk] for i in range(n_chunks - 1)]
    pieces.append(content[(n_chunks - 1) * per_chunk :])
    events = [_chunk({"role": "assistant", "content": "", "refusal": None})]
    events.extend(_chunk({"content": piece}) for piece in pieces)
    events.append(_chunk({}, finish_reason="stop"))
    events.append("data: [DONE]\n\n")
    return "".join(events).encode()


# -- assistants stream -------------------------------------------------------------------------

THREAD_ID = "thread_bench"
ASSISTANT_ID = "asst_bench"
RUN_ID = "run_bench"
MESSAGE_ID = "msg_bench"


def _run(status: str) -> dict[str, Any]:
    return {
        "id": RUN_ID,
        "object": "thread.run",
        "created_at": CREATED,
        "assistant_id": ASSISTANT_ID,
        "thread_id": THREAD_ID,
        "status": status,
        "started_at": CREATED,
        "expires_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": CREATED + 5 if status == "completed" else None,
        "required_action": None,
        "last_error": None,
        "model": MODEL,
        "instructions": "Be brief.",
        "tools": [],
        "metadata": {},
        "incomplete_details": None,
        "usage": None,
        "temperature": 1.0,
        "top_p": 1.0,
        "max_prompt_tokens": None,
        "max_completion_tokens": None,
        "truncation_strategy": {"type": "auto", "last_messages": None},
        "response_format": "auto",
        "tool_choice": "auto",
        "parallel_tool_calls": True,
    }


def _message(status: str, text: str) -> dict[str, Any]:
    content = [{"type": "text", "text": {"value": text, "annotations": []}}] if text else []
    return {
        "id": MESSAGE_ID,
        "object": "thread.message",
        "created_at": CREATED,
        "assistant_id": ASSISTANT_ID,
        "thread_id": THREAD_ID,
        "run_id": RUN_ID,
        "status": status,
        "incomplete_details": None,
        "completed_at": CREATED + 5 if status == "completed" else None,
        "incomplete_at": None,
        "role": "assistant",
        "content": content,
        "attachments": [],
        "metadata": {},
    }


def _event(name: str, data: object) -> str:
    return f"event: {name}\ndata: {_dumps(data)}\n\n"


def assistants_stream_body(n_deltas: int) -> bytes:
    """Run lifecycle events around ``n_deltas`` ``thread.message.delta`` events."""
    events = [
        _event("thread.run.created", _run("queued")),
        _event("thread.run.in_progress", _run("in_progress")),
        _event("thread.message.created", _message("in_progress", "")),
        _event("thread.message.in_progress", _message("in_progress", "")),
    ]
    words: list[str] = []
    for i in range(n_deltas):
        word = f"w{i % 100} "
        words.append(word)
        delta = {
            "id": MESSAGE_ID,
            "object": "thread.message.delta",
            "delta": {"content": [{"index": 0, "type": "text", "text": {"value": word}}]},
        }
        events.append(_event("thread.message.delta", delta))
    events.append(_event("thread.message.completed", _message("completed", "".join(words))))
    events.append(_event("thread.run.completed", _run("completed")))
    events.append("event: done\ndata: [DONE]\n\n")
    return "".join(events).encode()


# -- responses stream --------------------------------------------------------------------------

RESPONSE_ID = "resp_bench"
RESPONSE_MESSAGE_ID = "msg_bench_resp"


def _response(status: str, output: list[dict[str, Any]], usage: object) -> dict[str, Any]:
    return {
        "id": RESPONSE_ID,
        "object": "response",
        "created_at": CREATED,
        "status": status,
        "model": MODEL,
        "output": output,
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "text": {"format": {"type": "json_schema", "name": "Plan", "strict": True, "schema": {}}},
        "usage": usage,
    }


def responses_stream_body(n_events: int) -> bytes:
    """A Responses stream of ``n_events`` events in all: the lifecycle and item events around
    ``output_text.delta`` events (~4 chars each) spelling one ``Plan`` JSON document."""
    n_deltas = max(1, n_events - 9)
    per_delta = 4
    text = _plan_json(n_deltas * per_delta)
    pieces = [text[i * per_delta : (i + 1) * per_delta] for i in range(n_deltas - 1)]
    pieces.append(text[(n_deltas - 1) * per_delta :])
    where = {"item_id": RESPONSE_MESSAGE_ID, "output_index": 0, "content_index": 0}
    part = {"type": "output_text", "text": text, "annotations": [], "logprobs": []}
    message = {
        "id": RESPONSE_MESSAGE_ID,
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [part],
    }
    usage = {
        "input_tokens": 20,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": n_deltas,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 20 + n_deltas,
    }
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": _response("in_progress", [], None)},
        {"type": "response.in_progress", "response": _response("in_progress", [], None)},
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {**message, "status": "in_progress", "content": []},
        },
        {
            "type": "response.content_part.added",
            **where,
            "part": {**part, "text": ""},
        },
    ]
    events.extend(
        {"type": "response.output_text.delta", **where, "delta": piece, "logprobs": []}
        for piece in pieces
    )
    events.append({"type": "response.output_text.done", **where, "text": text, "logprobs": []})
    events.append({"type": "response.content_part.done", **where, "part": part})
    events.append({"type": "response.output_item.done", "output_index": 0, "item": message})
    events.append(
        {"type": "response.completed", "response": _response("completed", [message], usage)}
    )
    for number, event in enumerate(events):
        event["sequence_number"] = number
    return "".join(_event(str(event["type"]), event) for event in events).encode()
