"""The client-event methods of a realtime connection, built from the spec's client-event union.

Every member of the union is one event the client may send; its ``type`` value names the method
(``conversation.item.create`` is ``connection.conversation.item.create(...)``) and its other
properties are the method's keyword arguments (the required ones required). Calling it sends
``{"type": ..., **arguments}`` through the connection's ``send()``: on an async connection the
call returns that coroutine, to be awaited. The union is the one source: an event the spec adds
is a method here on regeneration, with nothing to restate.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

import pydantic
from typing_extensions import Annotated, Literal

from typed_openai._core import NOT_GIVEN

__all__ = ["ClientEvent", "EventNamespace", "client_events", "union_members"]


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


class _Tree:
    """The events by path: ``children[name]`` a sub-tree, ``events[name]`` an event's method."""

    def __init__(self, path: tuple[str, ...]) -> None:
        self.path = path
        self.children: dict[str, _Tree] = {}
        self.events: dict[str, ClientEvent] = {}

    @classmethod
    def of(cls, events: Iterable[ClientEvent]) -> _Tree:
        root = cls(())
        for event in events:
            node = root
            *parents, method = event.path
            for name in parents:
                node = node.children.setdefault(name, cls((*node.path, name)))
            node.events[method] = event
        return root


class EventNamespace:
    """``connection.<name>``: a group of client events (``session``, ``conversation.item``, …),
    whose attributes are its sub-groups and its events' methods."""

    __slots__ = ("_send", "_tree")

    def __init__(self, tree: _Tree, send: Callable[[dict[str, object]], Any]) -> None:
        self._tree = tree
        self._send = send

    @classmethod
    def root(
        cls, events: Iterable[ClientEvent], send: Callable[[dict[str, object]], Any]
    ) -> EventNamespace:
        return cls(_Tree.of(events), send)

    def __getattr__(self, name: str) -> Any:
        child = self._tree.children.get(name)
        if child is not None:
            return EventNamespace(child, self._send)
        event = self._tree.events.get(name)
        if event is not None:
            return EventMethod(event, self._send)
        where = ".".join(self._tree.path) or "the connection"
        raise AttributeError(
            f"{where} has no client event {name!r}; it has: {', '.join(dir(self)) or 'none'}"
        )

    def __dir__(self) -> list[str]:
        return sorted({*self._tree.children, *self._tree.events})

    def __repr__(self) -> str:
        return f"<realtime client events {'.'.join(self._tree.path) or '(root)'}: {dir(self)}>"


class EventMethod:
    """A bound client-event method: ``(**arguments)`` sends the event (see the module doc)."""

    __slots__ = ("__signature__", "_event", "_send")

    def __init__(self, event: ClientEvent, send: Callable[[dict[str, object]], Any]) -> None:
        self._event = event
        self._send = send
        self.__signature__ = event.signature

    def __call__(self, *args: object, **arguments: object) -> Any:
        try:
            bound = self._event.signature.bind(*args, **arguments)
        except TypeError as exc:
            raise TypeError(f"{self._event.type}(): {exc}") from None
        return self._send({"type": self._event.type, **bound.arguments})

    def __repr__(self) -> str:
        return f"<realtime client event {self._event.type}{self._event.signature}>"
