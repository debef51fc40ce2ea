"""What ``.stream()`` returns: the request, deferred until the ``with`` block is entered
(`StreamManager`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from ..._parsing._response_format import ResponseFormatT
from .._base import AsyncStreamManager, StreamManager
from ._state import ChatCompletionStreamState
from ._stream import AsyncChatCompletionStream, ChatCompletionStream

if TYPE_CHECKING:
    from typed_openai._core import AsyncStream, Stream
    from typed_openai.types.chat.chat_completion_chunk import ChatCompletionChunk

__all__ = ["AsyncChatCompletionStreamManager", "ChatCompletionStreamManager"]


class ChatCompletionStreamManager(StreamManager[ChatCompletionStream[ResponseFormatT]]):
    """``with manager as stream:`` sends the request and yields a `ChatCompletionStream`."""

    def __init__(
        self,
        api_request: Callable[[], Stream[ChatCompletionChunk]],
        *,
        new_state: Callable[[], ChatCompletionStreamState[ResponseFormatT]],
    ) -> None:
        # a state of its own for each entry: entered again, the manager streams afresh
        super().__init__(lambda: ChatCompletionStream(raw_stream=api_request(), state=new_state()))


class AsyncChatCompletionStreamManager(
    AsyncStreamManager[AsyncChatCompletionStream[ResponseFormatT]]
):
    """``async with manager as stream:`` sends the request, yields an `AsyncChatCompletionStream`."""

    def __init__(
        self,
        api_request: Callable[[], Awaitable[AsyncStream[ChatCompletionChunk]]],
        *,
        new_state: Callable[[], ChatCompletionStreamState[ResponseFormatT]],
    ) -> None:
        async def open_stream() -> AsyncChatCompletionStream[ResponseFormatT]:
            return AsyncChatCompletionStream(raw_stream=await api_request(), state=new_state())

        super().__init__(open_stream)
