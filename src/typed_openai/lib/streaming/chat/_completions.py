"""The chat streaming classes under the official SDK's private module path.

Frameworks that stream with ``create(stream=True)`` themselves import the accumulator from there
(``from openai.lib.streaming.chat._completions import ChatCompletionStreamState``), and wrappers
their manager and stream classes; these are the very classes of ``lib.streaming.chat``.
"""

from ._events import ChatCompletionStreamEvent as ChatCompletionStreamEvent
from ._manager import AsyncChatCompletionStreamManager as AsyncChatCompletionStreamManager
from ._manager import ChatCompletionStreamManager as ChatCompletionStreamManager
from ._state import ChatCompletionStreamState as ChatCompletionStreamState
from ._stream import AsyncChatCompletionStream as AsyncChatCompletionStream
from ._stream import ChatCompletionStream as ChatCompletionStream
from ._types import ParsedChatCompletionSnapshot as ParsedChatCompletionSnapshot

__all__ = [
    "AsyncChatCompletionStream",
    "AsyncChatCompletionStreamManager",
    "ChatCompletionStream",
    "ChatCompletionStreamEvent",
    "ChatCompletionStreamManager",
    "ChatCompletionStreamState",
    "ParsedChatCompletionSnapshot",
]
