"""The beta Realtime interface's connection (``client.beta.realtime.connect()``,
``OpenAI-Beta: realtime=v1``): its client-event methods (generated from the spec's beta
``RealtimeClientEvent``: _generated/event_methods/beta.py), server events parsed into the beta
``RealtimeServerEvent``."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Union

from typing_extensions import TypeAlias

from typed_openai._generated.event_methods.beta import ClientEventMethods
from typed_openai.lib._realtime.connection import (
    AsyncWebSocketConnection,
    AsyncWebSocketConnectionManager,
    WebSocketConnection,
    WebSocketConnectionManager,
)

if TYPE_CHECKING:
    from typed_openai.types.beta.realtime import (
        RealtimeClientEvent,
        RealtimeClientEventParam,
        RealtimeServerEvent,
    )

__all__ = [
    "AsyncRealtimeConnection",
    "AsyncRealtimeConnectionManager",
    "RealtimeConnection",
    "RealtimeConnectionManager",
]

_ServerEvent: TypeAlias = "RealtimeServerEvent"
_ClientEvent = Union["RealtimeClientEvent", "RealtimeClientEventParam"]


class RealtimeConnection(WebSocketConnection[_ServerEvent, _ClientEvent], ClientEventMethods[None]):
    """An open beta Realtime session (sync); see lib/_realtime/connection.py."""


class AsyncRealtimeConnection(
    AsyncWebSocketConnection[_ServerEvent, _ClientEvent],
    ClientEventMethods[Coroutine[Any, Any, None]],
):
    """An open beta Realtime session (async); see lib/_realtime/connection.py."""


class RealtimeConnectionManager(WebSocketConnectionManager[RealtimeConnection]):
    _connection_type = RealtimeConnection


class AsyncRealtimeConnectionManager(AsyncWebSocketConnectionManager[AsyncRealtimeConnection]):
    _connection_type = AsyncRealtimeConnection
