"""The client-event methods of a message-based connection (a websocket): the runtime under the
classes the generator writes from a spec's client-event union.

Each event a client may send is a method named by its ``type`` (``conversation.item.create`` is
``connection.conversation.item.create(...)``), reached through groups (``conversation``,
``conversation.item``). A method builds the event and hands it to the connection's
``_send_event``; whatever that returns (``None``, or the coroutine of an async connection), the
method returns, so one generated class serves the sync and the async connection (``SentT``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

from ._types import NotGiven, Omit

__all__ = ["ClientEvents", "EventGroup", "SentT"]

SentT = TypeVar("SentT")  # what sending returns: None, or the coroutine of an async connection


class ClientEvents(Generic[SentT]):
    """The top of an interface's event groups, mixed into its connection, which provides
    ``_send_event``."""

    def _send_event(self, event: dict[str, object]) -> SentT:
        raise NotImplementedError


class EventGroup(Generic[SentT]):
    """``connection.<group>``: the client events under one prefix of their ``type``."""

    def __init__(self, emit: Callable[[dict[str, object]], SentT]) -> None:
        self._emit = emit

    def _event(self, event_type: str, fields: Mapping[str, object]) -> SentT:
        """``{"type": event_type, **fields}`` sent, without the fields left out (``NOT_GIVEN``,
        ``omit``); ``fields`` are keyed by their wire names."""
        given = {k: v for k, v in fields.items() if not isinstance(v, (NotGiven, Omit))}
        return self._emit({"type": event_type, **given})

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
