"""The Realtime translation interface's connection (``client.realtime.translations.connect()``,
``/realtime/translations``): its typed client-event methods, server events parsed into
``RealtimeTranslationServerEvent``. ``typed_openai.lib.realtime_translation`` builds a session
with an orderly close on top of it."""

from __future__ import annotations

from collections.abc import Coroutine
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, Union

from typing_extensions import TypeAlias

from typed_openai._core import NOT_GIVEN, NotGiven, Omit
from typed_openai.lib._realtime._client_events import EventGroup, SentT
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
    from typed_openai.types.realtime import (
        realtime_translation_session_update_event_param as _session_update,
    )

__all__ = [
    "AsyncTranslationsConnection",
    "AsyncTranslationsConnectionManager",
    "TranslationsConnection",
    "TranslationsConnectionManager",
]

_Optional = Union[str, NotGiven, Omit]


class TranslationsSessionInputAudioBufferResource(EventGroup[SentT]):
    def append(self, *, audio: str, event_id: _Optional = NOT_GIVEN) -> SentT:
        """Append base64 audio to translate (``session.input_audio_buffer.append``)."""
        return self._event("session.input_audio_buffer.append", audio=audio, event_id=event_id)


class TranslationsSessionResource(EventGroup[SentT]):
    def update(
        self,
        *,
        session: _session_update.RealtimeTranslationSessionUpdateRequestParam,
        event_id: _Optional = NOT_GIVEN,
    ) -> SentT:
        """Update the session's configuration (``session.update``)."""
        return self._event("session.update", session=session, event_id=event_id)

    def close(self, *, event_id: _Optional = NOT_GIVEN) -> SentT:
        """End the session once the pending audio is translated (``session.close``)."""
        return self._event("session.close", event_id=event_id)

    @cached_property
    def input_audio_buffer(self) -> TranslationsSessionInputAudioBufferResource[SentT]:
        return TranslationsSessionInputAudioBufferResource(self._emit)


class _Events(Generic[SentT]):
    """The client-event methods, over the connection's ``_send_event``."""

    def _send_event(self, event: dict[str, object]) -> SentT:
        raise NotImplementedError

    @cached_property
    def session(self) -> TranslationsSessionResource[SentT]:
        return TranslationsSessionResource(self._send_event)


_ServerEvent: TypeAlias = "RealtimeTranslationServerEvent"
_ClientEvent = Union["RealtimeTranslationClientEvent", "RealtimeTranslationClientEventParam"]


class TranslationsConnection(WebSocketConnection[_ServerEvent, _ClientEvent], _Events[None]):
    """An open Realtime translation session (sync); see lib/_realtime/connection.py."""


class AsyncTranslationsConnection(
    AsyncWebSocketConnection[_ServerEvent, _ClientEvent],
    _Events[Coroutine[Any, Any, None]],
):
    """An open Realtime translation session (async); see lib/_realtime/connection.py."""


class TranslationsConnectionManager(WebSocketConnectionManager[TranslationsConnection]):
    _connection_type = TranslationsConnection


class AsyncTranslationsConnectionManager(
    AsyncWebSocketConnectionManager[AsyncTranslationsConnection]
):
    _connection_type = AsyncTranslationsConnection
