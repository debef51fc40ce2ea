"""Body of ``client.beta.realtime.connect()``: a manager that opens the beta Realtime
interface's websocket on entering (``OpenAI-Beta: realtime=v1``, the beta events)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typed_openai.lib.resources.realtime import manager

if TYPE_CHECKING:
    from typed_openai._core import AsyncAPIResource, SyncAPIResource

__all__ = ["connect"]


def connect(realtime: SyncAPIResource | AsyncAPIResource, **arguments: Any) -> Any:
    # the generated method's signature says which manager, and its arguments
    from typed_openai.lib._realtime import beta
    from typed_openai.lib._realtime._apis import beta_api

    kinds = (beta.RealtimeConnectionManager, beta.AsyncRealtimeConnectionManager)
    return manager(realtime, kinds, beta_api(), **arguments)
