"""The client-event methods of every websocket interface (``connection.session.update(...)``) are
its client-event union, no more and no less: each member of the union (an event the spec
describes) is a method at the path its ``type`` names, taking its properties as keyword-only
arguments (the required ones without a default), and sends ``{"type": ..., **arguments}``
without the ones left out. The methods are generated from the spec's unions
(_generated/event_methods/, config ``websockets:``); this test holds the generated classes, as
the connections mix them in, to the union models at runtime."""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any, Union, get_args, get_origin

import pydantic
import pytest
from typing_extensions import Annotated, Literal

import typed_openai
from typed_openai._core import NOT_GIVEN
from typed_openai._core._event_groups import EventGroup
from typed_openai._generated.event_methods import (
    beta,
    beta_responses,
    ga,
    responses,
    translations,
)
from typed_openai._with_helpers._connections import beta as beta_connection
from typed_openai._with_helpers._connections import beta_responses as beta_responses_connection
from typed_openai._with_helpers._connections import ga as ga_connection
from typed_openai._with_helpers._connections import responses as responses_connection
from typed_openai._with_helpers._connections import translations as translations_connection


def union_members(union: Any) -> list[type[pydantic.BaseModel]]:
    """The model classes of a (possibly ``Annotated``) union type."""
    if get_origin(union) is Annotated:
        union = get_args(union)[0]
    if get_origin(union) is Union:
        return [m for member in get_args(union) for m in union_members(member)]
    return [union] if isinstance(union, type) and issubclass(union, pydantic.BaseModel) else []


def event_type(model: type[pydantic.BaseModel]) -> str | None:
    """The one ``type`` value a model's ``type`` field allows, or None (not an event)."""
    field = model.model_fields.get("type")
    if field is None or get_origin(field.annotation) is not Literal:
        return None
    values = get_args(field.annotation)
    return values[0] if len(values) == 1 and isinstance(values[0], str) else None


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

    class Recorder(module.ClientEventMethods):  # type: ignore[name-defined]
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


@pytest.mark.parametrize(
    ("connection", "methods"),
    [
        (ga_connection, ga),
        (beta_connection, beta),
        (translations_connection, translations),
        (responses_connection, responses),
        (beta_responses_connection, beta_responses),
    ],
)
def test_each_connection_mixes_in_its_interfaces_methods(
    connection: ModuleType, methods: ModuleType
) -> None:
    names = [name for name in connection.__all__ if name.endswith("Connection")]
    assert len(names) == 2
    for name in names:
        assert issubclass(getattr(connection, name), methods.ClientEventMethods), name


def test_the_websocket_modules_load_on_connect_only() -> None:
    """Reaching every websocket resource (not connecting) loads no event-method or connection
    module: they load with the first connect() call, keeping `import typed_openai` cheap."""
    import subprocess
    import sys

    program = (
        "import sys, typed_openai\n"
        "client = typed_openai.OpenAI(api_key='k')\n"
        "client.realtime, client.beta.realtime, client.realtime.translations\n"
        "client.responses, client.beta.responses\n"
        "loaded = [m for m in sys.modules if m.startswith(("
        "'typed_openai._generated.event_methods', 'typed_openai.lib._realtime',"
        " 'typed_openai._with_helpers._connections', 'typed_openai._core._event_groups'))]\n"
        "assert loaded == [], loaded\n"
        "client.realtime.connect(model='m')\n"
        "assert 'typed_openai._generated.event_methods.ga' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
