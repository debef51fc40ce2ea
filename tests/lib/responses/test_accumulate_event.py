"""``ResponseStreamState.accumulate_event``: one event in, the response accumulated so far out,
compared with the official SDK's state (an oracle only) on the same events.

The official state's ``handle_event`` runs its ``accumulate_event`` for each event; its snapshots
are read there (an override recording them). Ours are read from direct calls, which code looping
over ``responses.create(stream=True)`` itself makes (the official state answers only the first
such call: it keeps the snapshot in ``handle_event``).

Known and kept: our snapshot also takes in what ``output_item.done`` and the lifecycle events
bring (an item's final status, the response's status and usage); the official one keeps each item
as its deltas built it and the fields of ``response.created``. Those are compared apart.
"""

from __future__ import annotations

import inspect
from typing import Any

import openai
import pytest
from openai._models import construct_type as sdk_construct_type
from openai.lib.streaming.responses import ResponseStreamState as SdkState
from openai.types.responses import ResponseStreamEvent as SdkEvent

from tests.lib.responses.sequences import USAGE, _response, _Stream  # pyright: ignore[reportPrivateUsage]
from typed_openai._models import construct_type
from typed_openai.lib.streaming.responses import ResponseStreamState
from typed_openai.types.responses import ResponseStreamEvent

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _events() -> list[dict[str, Any]]:
    stream = _Stream()
    stream.start()
    message = stream.message(0, "msg_acc01", [["It is", " sunny"], ["Bye", "."]])
    call = stream.function_call(1, "lookup", "call_acc01", ['{"q": ', '"sun"}'])
    stream.add("response.completed", response=_response("completed", [message, call], usage=USAGE))
    return stream.events


def _without_nulls(value: Any) -> Any:
    """The two packages' models declare different optional fields: the values present."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _seen(snapshot: Any) -> Any:
    data = _without_nulls(snapshot.model_dump(mode="json", warnings=False))
    finished = {key: data.pop(key, None) for key in ("status", "usage")}
    finished["items"] = [item.pop("status", None) for item in data["output"]]
    return (type(snapshot).__name__.split("[")[0], data, finished)


def _sdk_snapshots(events: list[dict[str, Any]]) -> list[Any]:
    seen: list[Any] = []

    class Recording(SdkState[Any]):
        def accumulate_event(self, event: Any) -> Any:
            snapshot = super().accumulate_event(event)
            seen.append(_seen(snapshot))
            return snapshot

    state = Recording(input_tools=openai.omit, text_format=openai.omit)
    for data in events:
        state.handle_event(
            sdk_construct_type(value=data, type_=SdkEvent)  # pyright: ignore[reportArgumentType]
        )
    return seen


def test_each_snapshot_is_the_sdks() -> None:
    events = _events()
    state: ResponseStreamState[Any] = ResponseStreamState()
    ours = [
        _seen(state.accumulate_event(construct_type(value=data, type_=ResponseStreamEvent)))
        for data in events
    ]
    theirs = _sdk_snapshots(events)
    assert [seen[:2] for seen in ours] == [seen[:2] for seen in theirs]
    assert ours[-1][2] == {"status": "completed", "usage": USAGE, "items": ["completed"] * 2}
    assert theirs[-1][2] == {"status": "in_progress", "usage": None, "items": ["in_progress"] * 2}
    name, last, _ = ours[-1]
    assert name == "ParsedResponse"
    assert [item["type"] for item in last["output"]] == ["message", "function_call"]
    assert [part["text"] for part in last["output"][0]["content"]] == ["It is sunny", "Bye."]
    assert last["output"][1]["arguments"] == '{"q": "sun"}'
    # the events for them are still there to ask for, and it is the same accumulation
    assert state.current_snapshot.output[0].id == "msg_acc01"


def test_an_event_before_the_response_is_refused_as_by_the_sdk() -> None:
    first = _events()[2]  # an output item, before `response.created`
    with pytest.raises(RuntimeError) as theirs:
        SdkState(input_tools=openai.omit, text_format=openai.omit).accumulate_event(
            sdk_construct_type(value=first, type_=SdkEvent)  # pyright: ignore[reportArgumentType]
        )
    with pytest.raises(RuntimeError) as ours:
        ResponseStreamState().accumulate_event(
            construct_type(value=first, type_=ResponseStreamEvent)
        )
    assert str(ours.value) == str(theirs.value)


def test_its_signature_is_the_sdks() -> None:
    ours = inspect.signature(ResponseStreamState.accumulate_event)
    theirs = inspect.signature(SdkState.accumulate_event)
    assert [(p.name, p.kind) for p in ours.parameters.values()] == [
        (p.name, p.kind) for p in theirs.parameters.values()
    ]
