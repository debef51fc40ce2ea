"""The client-event methods of every websocket interface (``connection.session.update(...)``) are
its client-event union, no more and no less: each member of the union (an event the spec
describes) is a method at the path its ``type`` names, taking its properties as keyword-only
arguments (the required ones without a default), and sends ``{"type": ..., **arguments}``
without the ones left out. The methods are declared with types (lib/_realtime/ga.py, …) for type
checkers; this test is what keeps them equal to the spec's unions."""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

import pydantic
import pytest

import typed_openai
from typed_openai._core import NOT_GIVEN
from typed_openai.lib._realtime import beta, beta_responses, ga, responses, translations
from typed_openai.lib._realtime._client_events import EventGroup, event_type, union_members


def _union(module: str, name: str) -> list[type[pydantic.BaseModel]]:
    import importlib

    return union_members(getattr(importlib.import_module(module), name))


INTERFACES: dict[str, tuple[ModuleType, Any]] = {
    "ga": (ga, lambda: _union("typed_openai.types.realtime_client_event", "RealtimeClientEvent")),
    "beta": (
        beta,
        lambda: _union(
            "typed_openai.types.beta.realtime.realtime_client_event", "RealtimeClientEvent"
        ),
    ),
    "translations": (
        translations,
        lambda: _union(
            "typed_openai.types.realtime_translation_client_event",
            "RealtimeTranslationClientEvent",
        ),
    ),
    "responses": (
        responses,
        lambda: _union("typed_openai.types.responses_client_event", "ResponsesClientEvent"),
    ),
    "beta_responses": (
        beta_responses,
        lambda: _union(
            "typed_openai.types.beta_responses_client_event", "BetaResponsesClientEvent"
        ),
    ),
}


def recorder(module: ModuleType) -> tuple[Any, list[dict[str, object]]]:
    """The interface's client-event methods over a list instead of a websocket."""
    sent: list[dict[str, object]] = []

    class Recorder(module._Events):  # type: ignore[name-defined]
        def _send_event(self, event: dict[str, object]) -> None:
            sent.append(event)

    return Recorder(), sent


def declared_methods(root: Any) -> dict[str, Any]:
    """Every event method reachable from the connection's groups, by dotted path."""
    found: dict[str, Any] = {}

    def walk(node: Any, path: tuple[str, ...]) -> None:
        for name in dir(type(node)):
            if name.startswith("_"):
                continue
            value = getattr(node, name)
            if isinstance(value, EventGroup):
                walk(value, (*path, name))
            elif inspect.ismethod(value) and isinstance(node, EventGroup):
                found[".".join((*path, name))] = value

    walk(root, ())
    return found


def wire_fields(model: type[pydantic.BaseModel]) -> dict[str, bool]:
    """An event model's properties but ``type``: wire name -> required."""
    fields = {(f.alias or n): f.is_required() for n, f in model.model_fields.items()}
    fields.pop("type")
    return fields


@pytest.mark.parametrize("interface", sorted(INTERFACES))
def test_the_methods_are_the_union(interface: str) -> None:
    module, members = INTERFACES[interface]
    events, sent = recorder(module)
    methods = declared_methods(events)
    models = {event_type(model): model for model in members()}
    assert models and sorted(methods) == sorted(models)
    for kind, model in models.items():
        parameters = inspect.signature(methods[kind]).parameters.values()
        assert all(p.kind is p.KEYWORD_ONLY for p in parameters), kind
        declared = {p.name: p.default is p.empty for p in parameters}
        assert declared == wire_fields(model), kind
        assert all(p.default is NOT_GIVEN for p in parameters if p.default is not p.empty)
        required = {name: "x" for name, needed in declared.items() if needed}
        methods[kind](**required)
        assert sent[-1] == {"type": kind, **required}


def test_interfaces_have_the_sdks_event_counts() -> None:
    counts = {name: len(members()) for name, (_, members) in INTERFACES.items()}
    # beta realtime adds transcription_session.update, beta responses response.inject; the
    # SDK's response.steer is not in the upstream document
    assert counts == {"ga": 11, "beta": 12, "translations": 3, "responses": 1, "beta_responses": 2}


def test_left_out_arguments_are_not_sent() -> None:
    events, sent = recorder(ga)
    events.response.create(event_id=typed_openai.NOT_GIVEN, response=typed_openai.omit)
    events.conversation.item.create(item={"type": "message"}, previous_item_id=None)
    assert sent == [
        {"type": "response.create"},
        {"type": "conversation.item.create", "item": {"type": "message"}, "previous_item_id": None},
    ]


def test_arguments_are_keyword_only_and_checked() -> None:
    events, sent = recorder(ga)
    with pytest.raises(TypeError, match="session"):
        events.session.update()
    with pytest.raises(TypeError, match="colour"):
        events.conversation.item.delete(item_id="i", colour="red")
    with pytest.raises(TypeError):
        events.session.update({"type": "realtime"})
    with pytest.raises(AttributeError, match="itme"):
        events.conversation.itme  # noqa: B018
    assert sent == []
