"""The websocket interfaces a connection speaks: the GA Realtime one (``client.realtime``), the
older beta one (``client.beta.realtime``), Realtime translation (``client.realtime.translations``)
and the Responses API's (``client.responses`` and its beta twin): each its URL path, its
server-event union (what a received message is parsed into) and the handshake headers it adds.
Built on first use, from the generated types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = [
    "RealtimeApi",
    "beta_api",
    "beta_responses_api",
    "ga_api",
    "responses_api",
    "translations_api",
]


@dataclass(frozen=True)
class RealtimeApi:
    server_event: Any  # the discriminated union a received message is parsed into
    path: str = "/realtime"  # after the websocket base URL
    headers: Mapping[str, str] = field(default_factory=dict[str, str])
    # a base_url's scheme becomes wss even when it is http (the beta interface, as in the SDK)
    tls_only: bool = False


@cache
def ga_api() -> RealtimeApi:
    from typed_openai.types.realtime_server_event import RealtimeServerEvent

    return RealtimeApi(RealtimeServerEvent)


@cache
def beta_api() -> RealtimeApi:
    from typed_openai.types.beta.realtime.realtime_server_event import RealtimeServerEvent

    return RealtimeApi(RealtimeServerEvent, headers={"OpenAI-Beta": "realtime=v1"}, tls_only=True)


@cache
def translations_api() -> RealtimeApi:
    from typed_openai.types.realtime_translation_server_event import (
        RealtimeTranslationServerEvent,
    )

    return RealtimeApi(RealtimeTranslationServerEvent, path="/realtime/translations")


@cache
def responses_api() -> RealtimeApi:
    from typed_openai.types.responses_server_event import ResponsesServerEvent

    return RealtimeApi(ResponsesServerEvent, path="/responses")


@cache
def beta_responses_api() -> RealtimeApi:
    # the beta twin's websocket is the same URL, without the HTTP operations' `?beta=true`
    from typed_openai.types.beta_responses_server_event import BetaResponsesServerEvent

    return RealtimeApi(BetaResponsesServerEvent, path="/responses")
