"""The Responses API's streaming event sequence for a planned response (pure: no I/O, no store).

A response is planned as a list of complete output items (messages, function calls, reasoning);
`event_sequence` turns it into the events the API streams, in the API's order:

``response.created`` (``response.queued`` for background responses) ``response.in_progress``, then
per output item ``response.output_item.added``, its content events (text / refusal parts, function
call arguments, reasoning summary parts), ``response.output_item.done``; finally
``response.completed`` (``response.incomplete`` when the output was cut short). Every event carries
a ``sequence_number`` counting from 0, which is what ``starting_after`` resumes from.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ._text import tokens

JsonObject = dict[str, Any]

__all__ = ["event_sequence", "lifecycle_snapshot"]


def lifecycle_snapshot(response: JsonObject, status: str) -> JsonObject:
    """The response as the lifecycle events before the end show it: no output, no usage yet."""
    snapshot = {
        key: value
        for key, value in response.items()
        if not key.startswith("_") and key != "usage"  # counted once the response ends
    }
    snapshot.update(status=status, output=[], completed_at=None, incomplete_details=None)
    return snapshot


def event_sequence(response: JsonObject) -> list[JsonObject]:
    """Every event of the stream that produces `response` (its final form), numbered from 0."""
    events: list[JsonObject] = []

    def emit(kind: str, **fields: Any) -> None:
        events.append({"type": kind, "sequence_number": len(events), **fields})

    background = response.get("background") is True
    first = "queued" if background else "in_progress"
    emit("response.created", response=lifecycle_snapshot(response, first))
    if background:
        emit("response.queued", response=lifecycle_snapshot(response, "queued"))
    emit("response.in_progress", response=lifecycle_snapshot(response, "in_progress"))
    for index, item in enumerate(response["output"]):
        _ITEM_EVENTS[item["type"]](emit, index, item)
    final = {key: value for key, value in response.items() if not key.startswith("_")}
    ending = "response.incomplete" if response["status"] == "incomplete" else "response.completed"
    emit(ending, response=final)
    return events


Emit = Callable[..., None]


def _message_events(emit: Emit, index: int, item: JsonObject) -> None:
    item_id = item["id"]
    emit(
        "response.output_item.added",
        output_index=index,
        item={**item, "status": "in_progress", "content": []},
    )
    for part_index, part in enumerate(item["content"]):
        where = {"item_id": item_id, "output_index": index, "content_index": part_index}
        if part["type"] == "refusal":
            emit("response.content_part.added", **where, part={"type": "refusal", "refusal": ""})
            for piece in tokens(part["refusal"]):
                emit("response.refusal.delta", **where, delta=piece)
            emit("response.refusal.done", **where, refusal=part["refusal"])
        else:
            empty = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
            emit("response.content_part.added", **where, part=empty)
            for piece in tokens(part["text"]):
                emit("response.output_text.delta", **where, delta=piece, logprobs=[])
            emit("response.output_text.done", **where, text=part["text"], logprobs=[])
        emit("response.content_part.done", **where, part=copy.deepcopy(part))
    emit("response.output_item.done", output_index=index, item=copy.deepcopy(item))


def _function_call_events(emit: Emit, index: int, item: JsonObject) -> None:
    emit(
        "response.output_item.added",
        output_index=index,
        item={**item, "status": "in_progress", "arguments": ""},
    )
    where = {"item_id": item["id"], "output_index": index}
    for piece in tokens(item["arguments"]):
        emit("response.function_call_arguments.delta", **where, delta=piece)
    emit("response.function_call_arguments.done", **where, arguments=item["arguments"])
    emit("response.output_item.done", output_index=index, item=copy.deepcopy(item))


def _reasoning_events(emit: Emit, index: int, item: JsonObject) -> None:
    emit("response.output_item.added", output_index=index, item={**item, "summary": []})
    where = {"item_id": item["id"], "output_index": index}
    for summary_index, part in enumerate(item["summary"]):
        at = {**where, "summary_index": summary_index}
        emit(
            "response.reasoning_summary_part.added",
            **at,
            part={"type": "summary_text", "text": ""},
        )
        for piece in tokens(part["text"]):
            emit("response.reasoning_summary_text.delta", **at, delta=piece)
        emit("response.reasoning_summary_text.done", **at, text=part["text"])
        emit("response.reasoning_summary_part.done", **at, part=copy.deepcopy(part))
    emit("response.output_item.done", output_index=index, item=copy.deepcopy(item))


def _computer_call_events(emit: Emit, index: int, item: JsonObject) -> None:
    # A computer call arrives whole: no deltas between its added and done events.
    emit("response.output_item.added", output_index=index, item={**item, "status": "in_progress"})
    emit("response.output_item.done", output_index=index, item=copy.deepcopy(item))


_ITEM_EVENTS: dict[str, Callable[[Emit, int, JsonObject], None]] = {
    "message": _message_events,
    "computer_call": _computer_call_events,
    "function_call": _function_call_events,
    "reasoning": _reasoning_events,
}
