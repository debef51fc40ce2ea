"""The beta Responses API's websocket connection (``client.beta.responses.connect()``, ``/responses``): its
typed client-event methods (``connection.response.create(...)``: the fields of
``POST /responses`` plus the websocket's ``stream_id``; ``connection.response.inject(...)``), server events parsed into
``BetaResponsesServerEvent``."""

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

    import typed_openai.types.beta_responses_client_event_response_create_param as _create
    from typed_openai.types.beta import BetaResponsesClientEventParam
    from typed_openai.types.beta import beta_response_inject_event_param as _inject
    from typed_openai.types.beta_responses_client_event import BetaResponsesClientEvent
    from typed_openai.types.beta_responses_server_event import BetaResponsesServerEvent

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
        conversation: _create.BetaConversationParam | NotGiven | Omit | None = NOT_GIVEN,
        include: Iterable[_create.BetaResponseIncludable] | NotGiven | Omit | None = NOT_GIVEN,
        input: _create.BetaInputParam | NotGiven | Omit = NOT_GIVEN,
        instructions: str | NotGiven | Omit | None = NOT_GIVEN,
        max_output_tokens: int | NotGiven | Omit | None = NOT_GIVEN,
        max_tool_calls: int | NotGiven | Omit | None = NOT_GIVEN,
        metadata: _create.BetaMetadata | NotGiven | Omit = NOT_GIVEN,
        model: _create.BetaModelIdsResponses | NotGiven | Omit = NOT_GIVEN,
        moderation: _create.Moderation | NotGiven | Omit | None = NOT_GIVEN,
        multi_agent: _create.MultiAgent | NotGiven | Omit | None = NOT_GIVEN,
        parallel_tool_calls: bool | NotGiven | Omit | None = NOT_GIVEN,
        previous_response_id: str | NotGiven | Omit | None = NOT_GIVEN,
        prompt: _create.BetaPromptParam | NotGiven | Omit = NOT_GIVEN,
        prompt_cache_key: str | NotGiven | Omit | None = NOT_GIVEN,
        prompt_cache_options: _create.PromptCacheOptions | NotGiven | Omit = NOT_GIVEN,
        prompt_cache_retention: Literal["in_memory", "24h"] | NotGiven | Omit | None = NOT_GIVEN,
        reasoning: _create.Reasoning | NotGiven | Omit | None = NOT_GIVEN,
        safety_identifier: str | NotGiven | Omit | None = NOT_GIVEN,
        service_tier: _create.BetaServiceTierResponses | NotGiven | Omit = NOT_GIVEN,
        store: bool | NotGiven | Omit | None = NOT_GIVEN,
        stream: bool | NotGiven | Omit | None = NOT_GIVEN,
        stream_id: str | NotGiven | Omit = NOT_GIVEN,
        stream_options: _create.BetaResponseStreamOptionsParam | NotGiven | Omit = NOT_GIVEN,
        temperature: float | NotGiven | Omit | None = NOT_GIVEN,
        text: _create.BetaResponseTextConfigParam | NotGiven | Omit = NOT_GIVEN,
        tool_choice: _create.ToolChoiceParam | NotGiven | Omit = NOT_GIVEN,
        tools: _create.BetaToolsArrayParam | NotGiven | Omit = NOT_GIVEN,
        top_logprobs: int | NotGiven | Omit = NOT_GIVEN,
        top_p: float | NotGiven | Omit | None = NOT_GIVEN,
        truncation: Literal["auto", "disabled"] | NotGiven | Omit | None = NOT_GIVEN,
        user: str | NotGiven | Omit = NOT_GIVEN,
    ) -> SentT:
        """Create a response over the socket (``response.create``); its events follow."""
        arguments = {name: value for name, value in locals().items() if name != "self"}
        return self._event("response.create", **arguments)

    def inject(
        self, *, input: Iterable[_inject.BetaResponseInputItemParam], response_id: str
    ) -> SentT:
        """Add input items to a response in progress (``response.inject``)."""
        return self._event("response.inject", input=input, response_id=response_id)


class _Events(Generic[SentT]):
    """The client-event methods, over the connection's ``_send_event``."""

    def _send_event(self, event: dict[str, object]) -> SentT:
        raise NotImplementedError

    @cached_property
    def response(self) -> ResponsesResponseResource[SentT]:
        return ResponsesResponseResource(self._send_event)


_ServerEvent: TypeAlias = "BetaResponsesServerEvent"
_ClientEvent = Union["BetaResponsesClientEvent", "BetaResponsesClientEventParam"]


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
