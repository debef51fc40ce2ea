"""Event handlers of a realtime connection (``connection.on(...)``/``off``/``once``, run by
``dispatch_events()``), also registered on the manager before the connection opens.

Handlers are kept per event ``type``; ``"event"`` is the type of handlers that get every event.
A handler registered twice runs twice; ``off`` removes its earliest registration; a ``once``
handler is removed as it is handed out. Locked, as a sync connection's handlers may be changed
from one thread while another dispatches.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, Union, overload

from typing_extensions import Self, TypeAlias

__all__ = ["ALL_EVENTS", "Handler", "HandlerMethods", "HandlerRegistry"]

Handler: TypeAlias = Callable[..., Any]
_H = TypeVar("_H", bound=Handler)

ALL_EVENTS = "event"  # the type whose handlers get every event, after the type's own


@dataclass(eq=False)
class _Registration:
    handler: Handler
    once: bool


class HandlerRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_type: dict[str, list[_Registration]] = {}

    def add(self, event_type: str, handler: Handler, *, once: bool = False) -> None:
        if not callable(handler):
            raise TypeError(
                f"the handler of {event_type!r} events must be callable, not {handler!r}"
            )
        with self._lock:
            self._by_type.setdefault(event_type, []).append(_Registration(handler, once))

    def remove(self, event_type: str, handler: Handler) -> None:
        """Remove the earliest registration of ``handler`` for ``event_type`` (none: nothing)."""
        with self._lock:
            registrations = self._by_type.get(event_type, [])
            for index, registration in enumerate(registrations):
                if registration.handler == handler:
                    del registrations[index]
                    return

    def take(self, event_type: str) -> list[Handler]:
        """The handlers of one event of ``event_type``, in order; ``once`` ones are removed."""
        with self._lock:
            registrations = self._by_type.get(event_type)
            if not registrations:
                return []
            self._by_type[event_type] = [r for r in registrations if not r.once]
            return [r.handler for r in registrations]

    def move_to(self, other: HandlerRegistry) -> None:
        """Hand every registration to ``other`` (the manager's, to its connection on opening)."""
        with self._lock:
            moved, self._by_type = self._by_type, {}
        for event_type, registrations in moved.items():
            for registration in registrations:
                other.add(event_type, registration.handler, once=registration.once)


class HandlerMethods:
    """``on``/``off``/``once`` over ``self._handlers``: with a handler they register it and
    return ``self`` (to chain); without, they are a decorator that registers the function and
    returns it unchanged."""

    _handlers: HandlerRegistry

    @overload
    def on(self, event_type: str, handler: None = None) -> Callable[[_H], _H]: ...
    @overload
    def on(self, event_type: str, handler: Handler) -> Self: ...
    def on(
        self, event_type: str, handler: Handler | None = None
    ) -> Union[Self, Callable[[_H], _H]]:
        """Call ``handler`` for each event of ``event_type`` (``"event"``: every event) that
        ``dispatch_events()`` receives."""
        return self._register(event_type, handler, once=False)

    @overload
    def once(self, event_type: str, handler: None = None) -> Callable[[_H], _H]: ...
    @overload
    def once(self, event_type: str, handler: Handler) -> Self: ...
    def once(
        self, event_type: str, handler: Handler | None = None
    ) -> Union[Self, Callable[[_H], _H]]:
        """As ``on``, for the next such event only."""
        return self._register(event_type, handler, once=True)

    def off(self, event_type: str, handler: Handler) -> Self:
        """Remove ``handler``'s earliest registration for ``event_type``."""
        self._handlers.remove(event_type, handler)
        return self

    def _register(
        self, event_type: str, handler: Handler | None, *, once: bool
    ) -> Union[Self, Callable[[_H], _H]]:
        if handler is not None:
            self._handlers.add(event_type, handler, once=once)
            return self

        def register(function: _H) -> _H:
            self._handlers.add(event_type, function, once=once)
            return function

        return register
