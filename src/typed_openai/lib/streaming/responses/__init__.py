"""Responses streaming: ``client.responses.stream(...)``, its typed events and its state."""

from ._events import ResponseCompletedEvent as ResponseCompletedEvent
from ._events import (
    ResponseFunctionCallArgumentsDeltaEvent as ResponseFunctionCallArgumentsDeltaEvent,
)
from ._events import ResponseStreamEvent as ResponseStreamEvent
from ._events import ResponseTextDeltaEvent as ResponseTextDeltaEvent
from ._events import ResponseTextDoneEvent as ResponseTextDoneEvent
from ._manager import AsyncResponseStreamManager as AsyncResponseStreamManager
from ._manager import ResponseStreamManager as ResponseStreamManager
from ._state import ResponseStreamState as ResponseStreamState
from ._stream import AsyncResponseStream as AsyncResponseStream
from ._stream import ResponseStream as ResponseStream

__all__ = [
    "AsyncResponseStream",
    "AsyncResponseStreamManager",
    "ResponseCompletedEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseStream",
    "ResponseStreamEvent",
    "ResponseStreamManager",
    "ResponseStreamState",
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
]
