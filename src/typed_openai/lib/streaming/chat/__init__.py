"""Chat completion streaming: ``client.chat.completions.stream(...)`` and its typed events."""

from ._events import ChatCompletionStreamEvent as ChatCompletionStreamEvent
from ._events import ChunkEvent as ChunkEvent
from ._events import ContentDeltaEvent as ContentDeltaEvent
from ._events import ContentDoneEvent as ContentDoneEvent
from ._events import FunctionToolCallArgumentsDeltaEvent as FunctionToolCallArgumentsDeltaEvent
from ._events import FunctionToolCallArgumentsDoneEvent as FunctionToolCallArgumentsDoneEvent
from ._events import LogprobsContentDeltaEvent as LogprobsContentDeltaEvent
from ._events import LogprobsContentDoneEvent as LogprobsContentDoneEvent
from ._events import LogprobsRefusalDeltaEvent as LogprobsRefusalDeltaEvent
from ._events import LogprobsRefusalDoneEvent as LogprobsRefusalDoneEvent
from ._events import RefusalDeltaEvent as RefusalDeltaEvent
from ._events import RefusalDoneEvent as RefusalDoneEvent
from ._manager import AsyncChatCompletionStreamManager as AsyncChatCompletionStreamManager
from ._manager import ChatCompletionStreamManager as ChatCompletionStreamManager
from ._state import ChatCompletionStreamState as ChatCompletionStreamState
from ._stream import AsyncChatCompletionStream as AsyncChatCompletionStream
from ._stream import ChatCompletionStream as ChatCompletionStream
from ._types import ParsedChatCompletionMessageSnapshot as ParsedChatCompletionMessageSnapshot
from ._types import ParsedChatCompletionSnapshot as ParsedChatCompletionSnapshot
from ._types import ParsedChoiceSnapshot as ParsedChoiceSnapshot

__all__ = [
    "AsyncChatCompletionStream",
    "AsyncChatCompletionStreamManager",
    "ChatCompletionStream",
    "ChatCompletionStreamEvent",
    "ChatCompletionStreamManager",
    "ChatCompletionStreamState",
    "ChunkEvent",
    "ContentDeltaEvent",
    "ContentDoneEvent",
    "FunctionToolCallArgumentsDeltaEvent",
    "FunctionToolCallArgumentsDoneEvent",
    "LogprobsContentDeltaEvent",
    "LogprobsContentDoneEvent",
    "LogprobsRefusalDeltaEvent",
    "LogprobsRefusalDoneEvent",
    "ParsedChatCompletionMessageSnapshot",
    "ParsedChatCompletionSnapshot",
    "ParsedChoiceSnapshot",
    "RefusalDeltaEvent",
    "RefusalDoneEvent",
]
