"""The Assistants streaming names under the official SDK's private module path.

Code written for it imports the handler and manager classes from there (``from
openai.lib.streaming._assistants import AsyncAssistantEventHandler``), and the dict accumulator the
module shares with chat deltas; these are the very objects of ``lib.streaming``.
"""

from ._deltas import accumulate_delta as accumulate_delta
from .assistants import AssistantEventHandler as AssistantEventHandler
from .assistants import AssistantEventHandlerT as AssistantEventHandlerT
from .assistants import AssistantStreamManager as AssistantStreamManager
from .assistants import AsyncAssistantEventHandler as AsyncAssistantEventHandler
from .assistants import AsyncAssistantEventHandlerT as AsyncAssistantEventHandlerT
from .assistants import AsyncAssistantStreamManager as AsyncAssistantStreamManager

__all__ = [
    "AssistantEventHandler",
    "AssistantEventHandlerT",
    "AssistantStreamManager",
    "AsyncAssistantEventHandler",
    "AsyncAssistantEventHandlerT",
    "AsyncAssistantStreamManager",
    "accumulate_delta",
]
