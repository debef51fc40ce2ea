"""The client-event methods of a websocket connection (``connection.session.update(...)``).

Every member of an interface's client-event union is one event the client may send; its ``type``
value names the method (``conversation.item.create`` is ``connection.conversation.item.create(
...)``) and its other properties are the method's keyword arguments (the required ones
required). Calling it sends ``{"type": ..., **arguments}`` through the connection: on an async
connection the call returns that coroutine, to be awaited.

The methods are declared with their types (``ga.py``, ``beta.py``, ``translations.py``,
``responses.py``, ``beta_responses.py``) so that type checkers see them as the official SDK types
them; ``client_events()`` reads the same methods off the union, and
tests/lib/realtime/test_event_methods.py holds the two together (an event the spec adds, or a
property, fails there until its method is declared).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, Union, get_args, get_origin

import pydantic
from typing_extensions import Annotated, Literal

from typed_openai._core import NOT_GIVEN, NotGiven, Omit

__all__ = ["ClientEvent", "EventGroup", "client_events", "event_type", "union_members"]

SentT = TypeVar("SentT")  # what sending returns: None, or the coroutine of an async connection


@dataclass(frozen=True)
class ClientEvent:
    """One event a client sends: its ``type`` and the arguments its method takes."""

    type: str
    signature: inspect.Signature

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.type.split("."))


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


def client_events(models: Iterable[type[pydantic.BaseModel]]) -> tuple[ClientEvent, ...]:
    """A ``ClientEvent`` for each event model: its properties by their wire names, required
    ones first, all keyword-only (optional ones default to ``NOT_GIVEN``: left out)."""
    events: list[ClientEvent] = []
    for model in models:
        kind = event_type(model)
        if kind is None:
            continue
        required: list[inspect.Parameter] = []
        optional: list[inspect.Parameter] = []
        for name, field in model.model_fields.items():
            wire = field.alias or name
            if wire == "type":
                continue
            if field.is_required():
                required.append(inspect.Parameter(wire, inspect.Parameter.KEYWORD_ONLY))
            else:
                optional.append(
                    inspect.Parameter(wire, inspect.Parameter.KEYWORD_ONLY, default=NOT_GIVEN)
                )
        events.append(ClientEvent(kind, inspect.Signature([*required, *optional])))
    return tuple(events)


class EventGroup(Generic[SentT]):
    """``connection.<name>``: a group of client events (``session``, ``conversation.item``, …)
    whose methods send their event through the connection's ``emit``."""

    def __init__(self, emit: Callable[[dict[str, object]], SentT]) -> None:
        self._emit = emit

    def _event(self, event_type: str, **arguments: object) -> SentT:
        """``{"type": event_type, **arguments}`` sent, without the arguments left out."""
        given = {k: v for k, v in arguments.items() if not isinstance(v, (NotGiven, Omit))}
        return self._emit({"type": event_type, **given})

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
