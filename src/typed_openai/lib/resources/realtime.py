"""Body of ``client.realtime.connect()``: a manager that opens the GA Realtime interface's
websocket on entering (lib/_realtime/connection.py), reconnecting it as ``on_reconnecting``
allows (lib/_realtime/_reconnect.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Union

from typed_openai._core import AsyncAPIResource

if TYPE_CHECKING:
    from typed_openai._core import SyncAPIResource
    from typed_openai.lib._realtime._apis import RealtimeApi
    from typed_openai.lib._realtime._reconnect import OnReconnecting
    from typed_openai.lib._realtime.connection import (
        AsyncRealtimeConnectionManager,
        RealtimeConnectionManager,
    )

__all__ = ["connect", "manager"]


def connect(
    realtime: SyncAPIResource | AsyncAPIResource,
    *,
    model: object,
    call_id: object,
    extra_query: Mapping[str, object],
    extra_headers: Mapping[str, object],
    websocket_connection_options: Mapping[str, Any],
    on_reconnecting: OnReconnecting | None,
    max_retries: int,
    initial_delay: float,
    max_delay: float,
    max_queue_size: int,
) -> Any:  # the generated method's signature says which manager
    from typed_openai.lib._realtime._apis import ga_api

    return manager(
        realtime,
        ga_api(),
        model=model,
        call_id=call_id,
        extra_query=extra_query,
        extra_headers=extra_headers,
        websocket_connection_options=websocket_connection_options,
        on_reconnecting=on_reconnecting,
        max_retries=max_retries,
        initial_delay=initial_delay,
        max_delay=max_delay,
        max_queue_size=max_queue_size,
    )


def manager(
    resource: SyncAPIResource | AsyncAPIResource, api: RealtimeApi, **arguments: Any
) -> Union[RealtimeConnectionManager, AsyncRealtimeConnectionManager]:
    """The sync or async manager, as the resource's client is, opened with ``arguments``."""
    from typed_openai.lib._realtime.connection import (
        AsyncRealtimeConnectionManager,
        RealtimeConnectionManager,
    )

    kind = (
        AsyncRealtimeConnectionManager
        if isinstance(resource, AsyncAPIResource)
        else RealtimeConnectionManager
    )
    return kind(resource._client, api, **arguments)  # pyright: ignore[reportPrivateUsage]
