"""The GA Realtime interface's connection (``client.realtime.connect()``): its typed client-event
methods, server events parsed into ``RealtimeServerEvent``."""

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
        RealtimeClientEvent,
        RealtimeClientEventParam,
        RealtimeServerEvent,
    )
    from typed_openai.types.realtime import (
        conversation_item_create_event_param as _item_create,
    )
    from typed_openai.types.realtime import response_create_event_param as _response_create
    from typed_openai.types.realtime import session_update_event_param as _session_update

__all__ = [
    "AsyncRealtimeConnection",
    "AsyncRealtimeConnectionManager",
    "RealtimeConnection",
    "RealtimeConnectionManager",
]

_Optional = Union[str, NotGiven, Omit]


class RealtimeSessionResource(EventGroup[SentT]):
    def update(self, *, session: _session_update.Session, event_id: _Optional = NOT_GIVEN) -> SentT:
        """Update the session's configuration (``session.update``)."""
        return self._event("session.update", session=session, event_id=event_id)


class RealtimeResponseResource(EventGroup[SentT]):
    def create(
        self,
        *,
        event_id: _Optional = NOT_GIVEN,
        response: _response_create.RealtimeResponseCreateParams | NotGiven | Omit = NOT_GIVEN,
    ) -> SentT:
        """Ask the model for a response (``response.create``)."""
        return self._event("response.create", event_id=event_id, response=response)

    def cancel(
        self, *, event_id: _Optional = NOT_GIVEN, response_id: _Optional = NOT_GIVEN
    ) -> SentT:
        """Cancel the response in progress (``response.cancel``)."""
        return self._event("response.cancel", event_id=event_id, response_id=response_id)


class RealtimeInputAudioBufferResource(EventGroup[SentT]):
    def append(self, *, audio: str, event_id: _Optional = NOT_GIVEN) -> SentT:
        """Append base64 audio to the input buffer (``input_audio_buffer.append``)."""
        return self._event("input_audio_buffer.append", audio=audio, event_id=event_id)

    def clear(self, *, event_id: _Optional = NOT_GIVEN) -> SentT:
        """Empty the input buffer (``input_audio_buffer.clear``)."""
        return self._event("input_audio_buffer.clear", event_id=event_id)

    def commit(self, *, event_id: _Optional = NOT_GIVEN) -> SentT:
        """Make the buffered audio a user message (``input_audio_buffer.commit``)."""
        return self._event("input_audio_buffer.commit", event_id=event_id)


class RealtimeOutputAudioBufferResource(EventGroup[SentT]):
    def clear(self, *, event_id: _Optional = NOT_GIVEN) -> SentT:
        """Stop the audio being played out (``output_audio_buffer.clear``)."""
        return self._event("output_audio_buffer.clear", event_id=event_id)


class RealtimeConversationItemResource(EventGroup[SentT]):
    def create(
        self,
        *,
        item: _item_create.RealtimeConversationItemParam,
        event_id: _Optional = NOT_GIVEN,
        previous_item_id: _Optional = NOT_GIVEN,
    ) -> SentT:
        """Add an item to the conversation (``conversation.item.create``)."""
        return self._event(
            "conversation.item.create",
            item=item,
            event_id=event_id,
            previous_item_id=previous_item_id,
        )

    def delete(self, *, item_id: str, event_id: _Optional = NOT_GIVEN) -> SentT:
        """Remove an item (``conversation.item.delete``)."""
        return self._event("conversation.item.delete", item_id=item_id, event_id=event_id)

    def retrieve(self, *, item_id: str, event_id: _Optional = NOT_GIVEN) -> SentT:
        """Ask for an item as the server has it (``conversation.item.retrieve``)."""
        return self._event("conversation.item.retrieve", item_id=item_id, event_id=event_id)

    def truncate(
        self,
        *,
        audio_end_ms: int,
        content_index: int,
        item_id: str,
        event_id: _Optional = NOT_GIVEN,
    ) -> SentT:
        """Cut an assistant message's audio at a point (``conversation.item.truncate``)."""
        return self._event(
            "conversation.item.truncate",
            audio_end_ms=audio_end_ms,
            content_index=content_index,
            item_id=item_id,
            event_id=event_id,
        )


class RealtimeConversationResource(EventGroup[SentT]):
    @cached_property
    def item(self) -> RealtimeConversationItemResource[SentT]:
        return RealtimeConversationItemResource(self._emit)


class _Events(Generic[SentT]):
    """The client-event methods, over the connection's ``_send_event``."""

    def _send_event(self, event: dict[str, object]) -> SentT:
        raise NotImplementedError

    @cached_property
    def session(self) -> RealtimeSessionResource[SentT]:
        return RealtimeSessionResource(self._send_event)

    @cached_property
    def response(self) -> RealtimeResponseResource[SentT]:
        return RealtimeResponseResource(self._send_event)

    @cached_property
    def input_audio_buffer(self) -> RealtimeInputAudioBufferResource[SentT]:
        return RealtimeInputAudioBufferResource(self._send_event)

    @cached_property
    def output_audio_buffer(self) -> RealtimeOutputAudioBufferResource[SentT]:
        return RealtimeOutputAudioBufferResource(self._send_event)

    @cached_property
    def conversation(self) -> RealtimeConversationResource[SentT]:
        return RealtimeConversationResource(self._send_event)


_ServerEvent: TypeAlias = "RealtimeServerEvent"
_ClientEvent = Union["RealtimeClientEvent", "RealtimeClientEventParam"]


class RealtimeConnection(WebSocketConnection[_ServerEvent, _ClientEvent], _Events[None]):
    """An open GA Realtime session (sync); see lib/_realtime/connection.py."""


class AsyncRealtimeConnection(
    AsyncWebSocketConnection[_ServerEvent, _ClientEvent],
    _Events[Coroutine[Any, Any, None]],
):
    """An open GA Realtime session (async); see lib/_realtime/connection.py."""


class RealtimeConnectionManager(WebSocketConnectionManager[RealtimeConnection]):
    _connection_type = RealtimeConnection


class AsyncRealtimeConnectionManager(AsyncWebSocketConnectionManager[AsyncRealtimeConnection]):
    _connection_type = AsyncRealtimeConnection
