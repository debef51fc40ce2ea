"""Assistants streaming: event handlers with typed hooks, and the managers the helpers return.

The logic lives in ``AssistantStreamState`` (I/O-free: typed events in, hook calls out); the sync
and async handlers only run its hook calls.
"""

from typing import TYPE_CHECKING, Any

from ._handler import AssistantEventHandler, AsyncAssistantEventHandler
from ._manager import (
    AssistantEventHandlerT,
    AssistantStreamManager,
    AsyncAssistantEventHandlerT,
    AsyncAssistantStreamManager,
    async_handler_or_default,
    handler_or_default,
)

if TYPE_CHECKING:
    from ._state import AssistantStreamState, HookCall

__all__ = [
    "AssistantEventHandler",
    "AssistantEventHandlerT",
    "AssistantStreamManager",
    "AssistantStreamState",
    "AsyncAssistantEventHandler",
    "AsyncAssistantEventHandlerT",
    "AsyncAssistantStreamManager",
    "HookCall",
    "async_handler_or_default",
    "handler_or_default",
]


def __getattr__(name: str) -> Any:
    # the state machine (and the model classes it needs) loads on first use
    if name in ("AssistantStreamState", "HookCall"):
        from . import _state

        return getattr(_state, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
