"""Streaming helpers: typed events and accumulated snapshots over streamed responses.

The Assistants names below are re-exported here, as the official SDK does; importing them loads
no generated model. Chat streaming lives in `typed_openai.lib.streaming.chat`.
"""

from .assistants import AssistantEventHandler as AssistantEventHandler
from .assistants import AssistantEventHandlerT as AssistantEventHandlerT
from .assistants import AssistantStreamManager as AssistantStreamManager
from .assistants import AsyncAssistantEventHandler as AsyncAssistantEventHandler
from .assistants import AsyncAssistantEventHandlerT as AsyncAssistantEventHandlerT
from .assistants import AsyncAssistantStreamManager as AsyncAssistantStreamManager
