"""Body of ``client.realtime.connect()``: a manager that opens the GA Realtime interface's
websocket on entering (lib/_realtime/connection.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Union

from typed_openai._core import AsyncAPIResource

if TYPE_CHECKING:
    from typed_openai._core import SyncAPIResource
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
) -> Any:  # the generated method's signature says which manager
    from typed_openai.lib._realtime._apis import ga_api

    # a new conversation names its model; joining a call names the call
    query = {**extra_query, "call_id": call_id}
    return manager(realtime, ga_api(), model, query, extra_headers, websocket_connection_options)


def manager(
    resource: SyncAPIResource | AsyncAPIResource,
    api: Any,
    model: object,
    query: Mapping[str, object],
    extra_headers: Mapping[str, object],
    websocket_connection_options: Mapping[str, Any],
) -> Union[RealtimeConnectionManager, AsyncRealtimeConnectionManager]:
    """The sync or async manager, as the resource's client is."""
    from typed_openai.lib._realtime.connection import (
        AsyncRealtimeConnectionManager,
        RealtimeConnectionManager,
    )

    kind = (
        AsyncRealtimeConnectionManager
        if isinstance(resource, AsyncAPIResource)
        else RealtimeConnectionManager
    )
    return kind(
        resource._client,  # pyright: ignore[reportPrivateUsage]
        api,
        model=model,
        query=query,
        extra_headers=extra_headers,
        websocket_connection_options=websocket_connection_options,
    )
