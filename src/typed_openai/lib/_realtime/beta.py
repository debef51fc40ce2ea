"""The beta Realtime interface's connection (``client.beta.realtime.connect()``,
``OpenAI-Beta: realtime=v1``): its typed client-event methods (the beta events' shapes), server
events parsed into the beta ``RealtimeServerEvent``."""

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
from typed_openai.lib._realtime.ga import (
    RealtimeInputAudioBufferResource,
    RealtimeOutputAudioBufferResource,
)

if TYPE_CHECKING:
    from typed_openai.types.beta.realtime import (
        RealtimeClientEvent,
        RealtimeClientEventParam,
        RealtimeServerEvent,
    )
    from typed_openai.types.beta.realtime import (
        conversation_item_create_event_param as _item_create,
    )
    from typed_openai.types.beta.realtime import (
        response_create_event_param as _response_create,
    )
    from typed_openai.types.beta.realtime import (
        session_update_event_param as _session_update,
    )
    from typed_openai.types.beta.realtime import (
        transcription_session_update_param as _transcription_session_update,
    )

__all__ = [
    "AsyncRealtimeConnection",
    "AsyncRealtimeConnectionManager",
    "RealtimeConnection",
    "RealtimeConnectionManager",
]

_Optional = Union[str, NotGiven, Omit]


class RealtimeSessionResource(EventGroup[SentT]):
    def update(
        self,
        *,
        session: _session_update.SessionCreateResponseParam,
        event_id: _Optional = NOT_GIVEN,
    ) -> SentT:
        """Update the session's configuration (``session.update``)."""
        return self._event("session.update", session=session, event_id=event_id)


class RealtimeTranscriptionSessionResource(EventGroup[SentT]):
    def update(
        self,
        *,
        session: _transcription_session_update.RealtimeTranscriptionSessionCreateRequestParam,
        event_id: _Optional = NOT_GIVEN,
    ) -> SentT:
        """Update a transcription session (``transcription_session.update``)."""
        return self._event("transcription_session.update", session=session, event_id=event_id)


class RealtimeResponseResource(EventGroup[SentT]):
    def create(
        self,
        *,
        event_id: _Optional = NOT_GIVEN,
        response: _response_create.RealtimeBetaResponseCreateParams | NotGiven | Omit = NOT_GIVEN,
    ) -> SentT:
        """Ask the model for a response (``response.create``)."""
        return self._event("response.create", event_id=event_id, response=response)

    def cancel(
        self, *, event_id: _Optional = NOT_GIVEN, response_id: _Optional = NOT_GIVEN
    ) -> SentT:
        """Cancel the response in progress (``response.cancel``)."""
        return self._event("response.cancel", event_id=event_id, response_id=response_id)


class RealtimeConversationItemResource(EventGroup[SentT]):
    def create(
        self,
        *,
        item: _item_create.ConversationItemWithReferenceParam,
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
    def transcription_session(self) -> RealtimeTranscriptionSessionResource[SentT]:
        return RealtimeTranscriptionSessionResource(self._send_event)

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
    """An open beta Realtime session (sync); see lib/_realtime/connection.py."""


class AsyncRealtimeConnection(
    AsyncWebSocketConnection[_ServerEvent, _ClientEvent], _Events[Coroutine[Any, Any, None]]
):
    """An open beta Realtime session (async); see lib/_realtime/connection.py."""


class RealtimeConnectionManager(WebSocketConnectionManager[RealtimeConnection]):
    _connection_type = RealtimeConnection


class AsyncRealtimeConnectionManager(AsyncWebSocketConnectionManager[AsyncRealtimeConnection]):
    _connection_type = AsyncRealtimeConnection
