"""Assistants streaming: event handlers with typed hooks, and the managers the helpers return.

The logic lives in ``AssistantStreamState`` (I/O-free: typed events in, hook calls out); the sync
and async handlers only run its hook calls.
"""

from ._handler import AssistantEventHandler, AsyncAssistantEventHandler
from ._manager import (
    AssistantEventHandlerT,
    AssistantStreamManager,
    AsyncAssistantEventHandlerT,
    AsyncAssistantStreamManager,
    async_handler_or_default,
    handler_or_default,
)
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
