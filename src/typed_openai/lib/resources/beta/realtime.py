"""Body of ``client.beta.realtime.connect()``: a manager that opens the beta Realtime
interface's websocket on entering (``OpenAI-Beta: realtime=v1``, the beta events)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from typed_openai.lib.resources.realtime import manager

if TYPE_CHECKING:
    from typed_openai._core import AsyncAPIResource, SyncAPIResource

__all__ = ["connect"]


def connect(
    realtime: SyncAPIResource | AsyncAPIResource,
    *,
    model: str,
    extra_query: Mapping[str, object],
    extra_headers: Mapping[str, object],
    websocket_connection_options: Mapping[str, Any],
) -> Any:  # the generated method's signature says which manager
    from typed_openai.lib._realtime._apis import beta_api

    return manager(
        realtime,
        beta_api(),
        model=model,
        extra_query=extra_query,
        extra_headers=extra_headers,
        websocket_connection_options=websocket_connection_options,
    )
