"""The beta Responses API's websocket connection (``client.beta.responses.connect()``,
``/responses``): its client-event methods (``connection.response.create(...)``: the fields of
``POST /responses`` plus the websocket's ``stream_id``; ``connection.response.inject(...)``;
generated from the spec's ``BetaResponsesClientEvent``: _generated/event_methods/
beta_responses.py), server events parsed into ``BetaResponsesServerEvent``."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Union

from typing_extensions import TypeAlias

from typed_openai._generated.event_methods.beta_responses import ClientEventMethods
from typed_openai.lib._realtime.connection import (
    AsyncWebSocketConnection,
    AsyncWebSocketConnectionManager,
    WebSocketConnection,
    WebSocketConnectionManager,
)

if TYPE_CHECKING:
    from typed_openai.types.beta import BetaResponsesClientEventParam
    from typed_openai.types.beta_responses_client_event import BetaResponsesClientEvent
    from typed_openai.types.beta_responses_server_event import BetaResponsesServerEvent

__all__ = [
    "AsyncResponsesConnection",
    "AsyncResponsesConnectionManager",
    "ResponsesConnection",
    "ResponsesConnectionManager",
]

_ServerEvent: TypeAlias = "BetaResponsesServerEvent"
_ClientEvent = Union["BetaResponsesClientEvent", "BetaResponsesClientEventParam"]


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
