"""Hand-written Responses event streams, shaped like the API's, for the oracle tests.

Each builder returns the SSE bytes of one stream (``event:`` + ``data:``, numbered events) and
the arguments the request is made with. They cover what the local server does not produce by
itself: an ``error`` event and ``response.failed``, parallel calls to a strict and a non-strict
tool, text split into several parts and messages, a message with a ``commentary`` phase, an
``output_item.added`` without an item, lifecycle events without ``output``, and a response
cut by ``max_output_tokens``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from tests.support.server import Reply

Event = dict[str, Any]

RESPONSE_ID = "resp_68b0f0e1a2b3c4d5"
MODEL = "gpt-4o-2024-08-06"


class Weather(BaseModel):
    city: str
    temperature_c: float
    conditions: str


class GetWeather(BaseModel):
    city: str
    unit: str


def _response(status: str, output: list[Event] | None = None, **fields: Any) -> Event:
    response: Event = {
        "id": RESPONSE_ID,
        "object": "response",
        "created_at": 1756400000,
        "status": status,
        "background": False,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "max_output_tokens": None,
        "model": MODEL,
        "output": [] if output is None else output,
        "parallel_tool_calls": True,
        "previous_response_id": None,
        "reasoning": {"effort": None, "summary": None},
        "store": True,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}},
        "tool_choice": "auto",
        "tools": [],
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": None,
        "user": None,
        "metadata": {},
    }
    response.update(fields)
    return response


USAGE = {
    "input_tokens": 37,
    "input_tokens_details": {"cached_tokens": 0},
    "output_tokens": 21,
    "output_tokens_details": {"reasoning_tokens": 0},
    "total_tokens": 58,
}


class _Stream:
    """Numbers events as they are added and renders them as SSE."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, kind: str, **fields: Any) -> None:
        self.events.append({"type": kind, **fields, "sequence_number": len(self.events)})

    def start(self, **fields: Any) -> None:
        self.add("response.created", response=_response("in_progress", **fields))
        self.add("response.in_progress", response=_response("in_progress", **fields))

    def message(
        self, index: int, item_id: str, texts: list[list[str]], *, phase: str | None = None
    ) -> Event:
        """A message whose parts are ``output_text`` made of the given pieces."""
        head: Event = {
            "id": item_id,
            "type": "message",
            "status": "in_progress",
            "role": "assistant",
        }
        if phase is not None:
            head["phase"] = phase
        self.add("response.output_item.added", output_index=index, item={**head, "content": []})
        parts = []
        for content_index, pieces in enumerate(texts):
            where = {"item_id": item_id, "output_index": index, "content_index": content_index}
            empty = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
            self.add("response.content_part.added", **where, part=empty)
            for piece in pieces:
                self.add("response.output_text.delta", **where, delta=piece, logprobs=[])
            text = "".join(pieces)
            self.add("response.output_text.done", **where, text=text, logprobs=[])
            part = {**empty, "text": text}
            self.add("response.content_part.done", **where, part=part)
            parts.append(part)
        item = {**head, "status": "completed", "content": parts}
        self.add("response.output_item.done", output_index=index, item=item)
        return item

    def refusal(self, index: int, item_id: str, pieces: list[str]) -> Event:
        head = {"id": item_id, "type": "message", "status": "in_progress", "role": "assistant"}
        self.add("response.output_item.added", output_index=index, item={**head, "content": []})
        where = {"item_id": item_id, "output_index": index, "content_index": 0}
        self.add("response.content_part.added", **where, part={"type": "refusal", "refusal": ""})
        for piece in pieces:
            self.add("response.refusal.delta", **where, delta=piece)
        refusal = "".join(pieces)
        self.add("response.refusal.done", **where, refusal=refusal)
        part = {"type": "refusal", "refusal": refusal}
        self.add("response.content_part.done", **where, part=part)
        item = {**head, "status": "completed", "content": [part]}
        self.add("response.output_item.done", output_index=index, item=item)
        return item

    def function_call(self, index: int, name: str, call_id: str, pieces: list[str]) -> Event:
        item_id = f"fc_{call_id[5:]}"
        head = {
            "id": item_id,
            "type": "function_call",
            "status": "in_progress",
            "name": name,
            "call_id": call_id,
            "arguments": "",
        }
        self.add("response.output_item.added", output_index=index, item=head)
        where = {"item_id": item_id, "output_index": index}
        for piece in pieces:
            self.add("response.function_call_arguments.delta", **where, delta=piece)
        arguments = "".join(pieces)
        self.add("response.function_call_arguments.done", **where, arguments=arguments)
        item = {**head, "status": "completed", "arguments": arguments}
        self.add("response.output_item.done", output_index=index, item=item)
        return item

    def reasoning(self, index: int, item_id: str, summaries: list[list[str]]) -> Event:
        head = {"id": item_id, "type": "reasoning", "summary": []}
        self.add("response.output_item.added", output_index=index, item=head)
        done = []
        for summary_index, pieces in enumerate(summaries):
            where = {"item_id": item_id, "output_index": index, "summary_index": summary_index}
            empty = {"type": "summary_text", "text": ""}
            self.add("response.reasoning_summary_part.added", **where, part=empty)
            for piece in pieces:
                self.add("response.reasoning_summary_text.delta", **where, delta=piece)
            text = "".join(pieces)
            self.add("response.reasoning_summary_text.done", **where, text=text)
            part = {"type": "summary_text", "text": text}
            self.add("response.reasoning_summary_part.done", **where, part=part)
            done.append(part)
        item = {**head, "summary": done}
        self.add("response.output_item.done", output_index=index, item=item)
        return item

    def sse(self) -> bytes:
        return "".join(
            f"event: {event['type']}\ndata: {json.dumps(event)}\n\n" for event in self.events
        ).encode()


WEATHER_JSON = [
    '{"city":',
    ' "Paris",',
    ' "temperature_c":',
    " 18.5,",
    ' "conditions":',
    ' "light rain"}',
]


def structured_text() -> tuple[bytes, dict[str, Any]]:
    stream = _Stream()
    fmt = {"format": {"type": "json_schema", "name": "Weather", "strict": True, "schema": {}}}
    stream.start(text=fmt)
    message = stream.message(0, "msg_weather01", [WEATHER_JSON])
    stream.add(
        "response.completed", response=_response("completed", [message], text=fmt, usage=USAGE)
    )
    return stream.sse(), {"text_format": Weather}


def reasoning_then_text() -> tuple[bytes, dict[str, Any]]:
    stream = _Stream()
    stream.start(reasoning={"effort": "medium", "summary": "auto"})
    reasoning = stream.reasoning(
        0,
        "rs_reason01",
        [["**Checking", " the forecast**\n\n", "Paris is", " rainy today."], ["Then", " answer."]],
    )
    message = stream.message(1, "msg_reason01", [["It is", " 18.5°C", " and rainy", " in Paris."]])
    stream.add(
        "response.completed",
        response=_response("completed", [reasoning, message], usage=USAGE),
    )
    return stream.sse(), {}


def parallel_function_calls() -> tuple[bytes, dict[str, Any]]:
    stream = _Stream()
    stream.start()
    first = stream.function_call(
        0, "get_weather", "call_wx01", ['{"city":', ' "Paris",', ' "unit": "c"}']
    )
    second = stream.function_call(1, "lookup", "call_lk01", ['{"q": ', '"umbrella"}'])
    stream.add("response.completed", response=_response("completed", [first, second], usage=USAGE))
    return stream.sse(), {"tools": "weather+lookup"}


def refusal() -> tuple[bytes, dict[str, Any]]:
    stream = _Stream()
    stream.start()
    item = stream.refusal(0, "msg_refuse01", ["I'm sorry,", " I can't", " help with that."])
    stream.add("response.completed", response=_response("completed", [item], usage=USAGE))
    return stream.sse(), {"text_format": Weather}


def parts_messages_and_phases() -> tuple[bytes, dict[str, Any]]:
    stream = _Stream()
    stream.start()
    stream.add("response.output_item.added", output_index=5, item=None)  # announced, no item
    note = stream.message(0, "msg_note01", [["Let me", " check."]], phase="commentary")
    answer = stream.message(
        1, "msg_answer01", [WEATHER_JSON, ["(source:", " météo)"]], phase="final_answer"
    )
    stream.add("response.completed", response=_response("completed", [note, answer], usage=USAGE))
    return stream.sse(), {}


def error_then_failed() -> tuple[bytes, dict[str, Any]]:
    stream = _Stream()
    stream.start()
    head = {"id": "msg_fail01", "type": "message", "status": "in_progress", "role": "assistant"}
    stream.add("response.output_item.added", output_index=0, item={**head, "content": []})
    where = {"item_id": "msg_fail01", "output_index": 0, "content_index": 0}
    empty = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    stream.add("response.content_part.added", **where, part=empty)
    stream.add("response.output_text.delta", **where, delta="Partial", logprobs=[])
    stream.add("error", code="server_error", message="The model failed mid-answer.", param=None)
    error = {"code": "server_error", "message": "The model failed mid-answer."}
    failed = _response("failed", None, error=error)
    failed.pop("output")
    stream.add("response.failed", response=failed)
    return stream.sse(), {}


def incomplete_with_format() -> tuple[bytes, dict[str, Any]]:
    stream = _Stream()
    stream.start(max_output_tokens=16)
    message = stream.message(0, "msg_cut01", [WEATHER_JSON[:3]])
    message["status"] = "incomplete"
    stream.add(
        "response.incomplete",
        response=_response(
            "incomplete",
            [message],
            max_output_tokens=16,
            incomplete_details={"reason": "max_output_tokens"},
            usage=USAGE,
        ),
    )
    return stream.sse(), {"text_format": Weather}


def lifecycle_without_output() -> tuple[bytes, dict[str, Any]]:
    stream = _Stream()
    created = _response("in_progress")
    created.pop("output")
    stream.add("response.created", response=created)
    stream.message(0, "msg_lean01", [["Hi", " there"]])
    completed = _response("completed", None, usage=USAGE)
    completed.pop("output")
    stream.add("response.completed", response=completed)
    return stream.sse(), {}


SEQUENCES: dict[str, Callable[[], tuple[bytes, dict[str, Any]]]] = {
    "structured_text": structured_text,
    "reasoning_then_text": reasoning_then_text,
    "parallel_function_calls": parallel_function_calls,
    "refusal": refusal,
    "parts_messages_and_phases": parts_messages_and_phases,
    "error_then_failed": error_then_failed,
    "incomplete_with_format": incomplete_with_format,
    "lifecycle_without_output": lifecycle_without_output,
}


def reply(body: bytes, chunks: list[bytes] | None = None) -> Reply:
    return Reply.sse(chunks or [body])
