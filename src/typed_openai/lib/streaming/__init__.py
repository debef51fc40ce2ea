"""Streaming helpers: typed events and accumulated snapshots over streamed responses.

Kept free of imports so that importing one helper does not load the others.
"""

from .assistants import AssistantEventHandler as AssistantEventHandler
from .assistants import AsyncAssistantEventHandler as AsyncAssistantEventHandler
