"""The Responses API's websocket connection (``client.responses.connect()``, ``/responses``): its
typed client-event method (``connection.response.create(...)``: the fields of
``POST /responses`` plus the websocket's ``stream_id``), server events parsed into
``ResponsesServerEvent``."""

from __future__ import annotations

from collections.abc import Coroutine
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, Union

from typing_extensions import Literal, TypeAlias

from typed_openai._core import NOT_GIVEN, NotGiven, Omit
from typed_openai.lib._realtime._client_events import EventGroup, SentT
from typed_openai.lib._realtime.connection import (
    AsyncWebSocketConnection,
    AsyncWebSocketConnectionManager,
    WebSocketConnection,
    WebSocketConnectionManager,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    import typed_openai.types.responses_client_event_response_create_param as _create
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


class ResponsesResponseResource(EventGroup[SentT]):
    def create(
        self,
        *,
        background: bool | NotGiven | Omit | None = NOT_GIVEN,
        context_management: Iterable[_create.ContextManagement]
        | NotGiven
        | Omit
        | None = NOT_GIVEN,
        conversation: _create.ConversationParamParam | NotGiven | Omit | None = NOT_GIVEN,
        include: Iterable[_create.ResponseIncludable] | NotGiven | Omit | None = NOT_GIVEN,
        input: _create.InputParamParam | NotGiven | Omit = NOT_GIVEN,
        instructions: str | NotGiven | Omit | None = NOT_GIVEN,
        max_output_tokens: int | NotGiven | Omit | None = NOT_GIVEN,
        max_tool_calls: int | NotGiven | Omit | None = NOT_GIVEN,
        metadata: _create.Metadata | NotGiven | Omit = NOT_GIVEN,
        model: _create.ResponsesModel | NotGiven | Omit = NOT_GIVEN,
        moderation: _create.Moderation | NotGiven | Omit | None = NOT_GIVEN,
        parallel_tool_calls: bool | NotGiven | Omit | None = NOT_GIVEN,
        previous_response_id: str | NotGiven | Omit | None = NOT_GIVEN,
        prompt: _create.PromptParam | NotGiven | Omit = NOT_GIVEN,
        prompt_cache_key: str | NotGiven | Omit | None = NOT_GIVEN,
        prompt_cache_options: _create.PromptCacheOptions | NotGiven | Omit = NOT_GIVEN,
        prompt_cache_retention: Literal["in_memory", "24h"] | NotGiven | Omit | None = NOT_GIVEN,
        reasoning: _create.Reasoning | NotGiven | Omit | None = NOT_GIVEN,
        safety_identifier: str | NotGiven | Omit | None = NOT_GIVEN,
        service_tier: _create.ServiceTierResponses | NotGiven | Omit = NOT_GIVEN,
        store: bool | NotGiven | Omit | None = NOT_GIVEN,
        stream: bool | NotGiven | Omit | None = NOT_GIVEN,
        stream_id: str | NotGiven | Omit = NOT_GIVEN,
        stream_options: _create.ResponseStreamOptionsParam | NotGiven | Omit = NOT_GIVEN,
        temperature: float | NotGiven | Omit | None = NOT_GIVEN,
        text: _create.ResponseTextConfigParam | NotGiven | Omit = NOT_GIVEN,
        tool_choice: _create.ToolChoiceParam | NotGiven | Omit = NOT_GIVEN,
        tools: _create.ToolsArrayParam | NotGiven | Omit = NOT_GIVEN,
        top_logprobs: int | NotGiven | Omit = NOT_GIVEN,
        top_p: float | NotGiven | Omit | None = NOT_GIVEN,
        truncation: Literal["auto", "disabled"] | NotGiven | Omit | None = NOT_GIVEN,
        user: str | NotGiven | Omit = NOT_GIVEN,
    ) -> SentT:
        """Create a response over the socket (``response.create``); its events follow."""
        arguments = {name: value for name, value in locals().items() if name != "self"}
        return self._event("response.create", **arguments)


class _Events(Generic[SentT]):
    """The client-event methods, over the connection's ``_send_event``."""

    def _send_event(self, event: dict[str, object]) -> SentT:
        raise NotImplementedError

    @cached_property
    def response(self) -> ResponsesResponseResource[SentT]:
        return ResponsesResponseResource(self._send_event)


_ServerEvent: TypeAlias = "ResponsesServerEvent"
_ClientEvent = Union["ResponsesClientEvent", "ResponsesClientEventParam"]


class ResponsesConnection(WebSocketConnection[_ServerEvent, _ClientEvent], _Events[None]):
    """An open Responses websocket (sync); see lib/_realtime/connection.py."""


class AsyncResponsesConnection(
    AsyncWebSocketConnection[_ServerEvent, _ClientEvent],
    _Events[Coroutine[Any, Any, None]],
):
    """An open Responses websocket (async); see lib/_realtime/connection.py."""


class ResponsesConnectionManager(WebSocketConnectionManager[ResponsesConnection]):
    _connection_type = ResponsesConnection


class AsyncResponsesConnectionManager(AsyncWebSocketConnectionManager[AsyncResponsesConnection]):
    _connection_type = AsyncResponsesConnection
