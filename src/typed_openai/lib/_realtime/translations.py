"""The Realtime translation interface's connection (``client.realtime.translations.connect()``,
``/realtime/translations``): its client-event methods (generated from the spec's
``RealtimeTranslationClientEvent``: _generated/event_methods/translations.py), server events
parsed into ``RealtimeTranslationServerEvent``. ``typed_openai.lib.realtime_translation`` builds
a session with an orderly close on top of it."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Union

from typing_extensions import TypeAlias

from typed_openai._generated.event_methods.translations import ClientEventMethods
from typed_openai.lib._realtime.connection import (
    AsyncWebSocketConnection,
    AsyncWebSocketConnectionManager,
    WebSocketConnection,
    WebSocketConnectionManager,
)

if TYPE_CHECKING:
    from typed_openai.types.realtime import (
        RealtimeTranslationClientEvent,
        RealtimeTranslationClientEventParam,
        RealtimeTranslationServerEvent,
    )

__all__ = [
    "AsyncTranslationsConnection",
    "AsyncTranslationsConnectionManager",
    "TranslationsConnection",
    "TranslationsConnectionManager",
]

_ServerEvent: TypeAlias = "RealtimeTranslationServerEvent"
_ClientEvent = Union["RealtimeTranslationClientEvent", "RealtimeTranslationClientEventParam"]


class TranslationsConnection(
    WebSocketConnection[_ServerEvent, _ClientEvent], ClientEventMethods[None]
):
    """An open Realtime translation session (sync); see lib/_realtime/connection.py."""


class AsyncTranslationsConnection(
    AsyncWebSocketConnection[_ServerEvent, _ClientEvent],
    ClientEventMethods[Coroutine[Any, Any, None]],
):
    """An open Realtime translation session (async); see lib/_realtime/connection.py."""


class TranslationsConnectionManager(WebSocketConnectionManager[TranslationsConnection]):
    _connection_type = TranslationsConnection


class AsyncTranslationsConnectionManager(
    AsyncWebSocketConnectionManager[AsyncTranslationsConnection]
):
    _connection_type = AsyncTranslationsConnection
