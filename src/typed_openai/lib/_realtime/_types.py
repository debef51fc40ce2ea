"""The typed dicts of ``connect()``'s arguments, public as ``typed_openai.types.
websocket_connection_options`` and ``typed_openai.types.realtime.realtime_connect_params`` (as in
the official SDK): the websocket options are the ``websockets`` package's ``connect()`` keywords
this client passes on, so they are not in the OpenAPI document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from typing_extensions import TypeAlias, TypedDict

__all__ = [
    "RealtimeConnectParams",
    "SyncWebSocketConnectionOptions",
    "WebSocketConnectionOptions",
    "WebsocketConnectionOptions",
]


class SyncWebSocketConnectionOptions(TypedDict, total=False):
    """Options of websockets' ``connect()`` for a sync connection (``websockets.sync.client``)."""

    extensions: Sequence[Any] | None  # websockets extension factories
    subprotocols: Sequence[str] | None
    compression: str | None  # "deflate", or None for none (the default here)
    max_size: int | None  # the largest message accepted; None (the default here): no limit
    max_queue: int | tuple[int | None, int | None] | None


class WebSocketConnectionOptions(SyncWebSocketConnectionOptions, total=False):
    """Options of websockets' ``connect()`` for an async connection (``websockets.asyncio``)."""

    write_limit: int | tuple[int, int | None]


# the name the SDK's beta interface uses
WebsocketConnectionOptions: TypeAlias = WebSocketConnectionOptions


class RealtimeConnectParams(TypedDict, total=False):
    """The query parameters of a GA realtime connection."""

    call_id: str
    model: str
