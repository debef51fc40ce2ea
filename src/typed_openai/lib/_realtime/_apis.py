"""The two Realtime interfaces a connection speaks: the GA one (``client.realtime``) and the
older beta one (``client.beta.realtime``), each with its server-event union, its client events
and the handshake headers it adds. Built on first use, from the generated types.

The GA events are the spec's ``RealtimeServerEvent`` / ``RealtimeClientEvent`` unions. The
document has no union of the beta events, only their schemas (``RealtimeBetaServerEvent…``,
``RealtimeBetaClientEvent…``): the beta unions are those schemas' models that carry a single
``type`` value (the others are parts of an event, such as its ``error`` object).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Union

from pydantic import Field
from typing_extensions import Annotated

from typed_openai.lib._realtime._client_events import (
    ClientEvent,
    client_events,
    event_type,
    union_members,
)

__all__ = ["RealtimeApi", "beta_api", "ga_api"]


@dataclass(frozen=True)
class RealtimeApi:
    server_event: Any  # the discriminated union a received message is parsed into
    client_events: tuple[ClientEvent, ...]
    headers: Mapping[str, str]
    # a base_url's scheme becomes wss even when it is http (the beta interface, as in the SDK)
    tls_only: bool = False


@cache
def ga_api() -> RealtimeApi:
    from typed_openai.types.realtime_client_event import RealtimeClientEvent
    from typed_openai.types.realtime_server_event import RealtimeServerEvent

    return RealtimeApi(RealtimeServerEvent, client_events(union_members(RealtimeClientEvent)), {})


@cache
def beta_api() -> RealtimeApi:
    import typed_openai.types as types

    def events(prefix: str) -> list[Any]:
        models = (getattr(types, name) for name in dir(types) if name.startswith(prefix))
        return [m for m in models if isinstance(m, type) and event_type(m) is not None]

    server_events = events("RealtimeBetaServerEvent")
    server_event = Annotated[Union[tuple(server_events)], Field(discriminator="type")]
    return RealtimeApi(
        server_event,
        client_events(events("RealtimeBetaClientEvent")),
        {"OpenAI-Beta": "realtime=v1"},
        tls_only=True,
    )
