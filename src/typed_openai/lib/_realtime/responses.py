"""The Responses API's websocket connection (``client.responses.connect()``, ``/responses``): its
client-event method (``connection.response.create(...)``: the fields of ``POST /responses`` plus
the websocket's ``stream_id``, generated from the spec's ``ResponsesClientEvent``:
_generated/event_methods/responses.py), server events parsed into ``ResponsesServerEvent``."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Union

from typing_extensions import TypeAlias

from typed_openai._generated.event_methods.responses import ClientEventMethods
from typed_openai.lib._realtime.connection import (
    AsyncWebSocketConnection,
    AsyncWebSocketConnectionManager,
    WebSocketConnection,
    WebSocketConnectionManager,
)

if TYPE_CHECKING:
    from typed_openai.types.responses.responses_client_event_param import (
        ResponsesClientEventParam,
    )
    from typed_openai.types.responses_client_event import ResponsesClientEvent
    from typed_openai.types.responses_server_event import ResponsesServerEvent

__all__ = [
    "AsyncResponsesConnection",
    "AsyncResponsesConnectionManager",
    "ResponsesConnection",
    "ResponsesConnectionManager",
]

_ServerEvent: TypeAlias = "ResponsesServerEvent"
_ClientEvent = Union["ResponsesClientEvent", "ResponsesClientEventParam"]


class ResponsesConnection(
    WebSocketConnection[_ServerEvent, _ClientEvent], ClientEventMethods[None]
):
    """An open Responses websocket (sync); see lib/_realtime/connection.py."""


class AsyncResponsesConnection(
    AsyncWebSocketConnection[_ServerEvent, _ClientEvent],
    ClientEventMethods[Coroutine[Any, Any, None]],
):
    """An open Responses websocket (async); see lib/_realtime/connection.py."""


class ResponsesConnectionManager(WebSocketConnectionManager[ResponsesConnection]):
    _connection_type = ResponsesConnection


class AsyncResponsesConnectionManager(AsyncWebSocketConnectionManager[AsyncResponsesConnection]):
    _connection_type = AsyncResponsesConnection
