"""What ``.stream()`` returns: the request, deferred until the ``with`` block is entered.

Sending only on entry, and closing on exit however the block ends, means a stream cannot be
leaked by forgetting to read it to the end.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Generic

from ..._parsing._response_format import ResponseFormatT
from ._state import ChatCompletionStreamState
from ._stream import AsyncChatCompletionStream, ChatCompletionStream

if TYPE_CHECKING:
    from typed_openai._core import AsyncStream, Stream
    from typed_openai.types.chat.chat_completion_chunk import ChatCompletionChunk

__all__ = ["AsyncChatCompletionStreamManager", "ChatCompletionStreamManager"]


class ChatCompletionStreamManager(Generic[ResponseFormatT]):
    """``with manager as stream:`` sends the request and yields a `ChatCompletionStream`."""

    def __init__(
        self,
        api_request: Callable[[], Stream[ChatCompletionChunk]],
        *,
        state: ChatCompletionStreamState[ResponseFormatT],
    ) -> None:
        self._api_request = api_request
        self._state = state
        self._stream: ChatCompletionStream[ResponseFormatT] | None = None

    def __enter__(self) -> ChatCompletionStream[ResponseFormatT]:
        if self._stream is not None:
            raise RuntimeError("a stream manager can be entered only once")
        self._stream = ChatCompletionStream(raw_stream=self._api_request(), state=self._state)
        return self._stream

    def __exit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            self._stream.close()


class AsyncChatCompletionStreamManager(Generic[ResponseFormatT]):
    """``async with manager as stream:`` sends the request, yields an `AsyncChatCompletionStream`."""

    def __init__(
        self,
        api_request: Callable[[], Awaitable[AsyncStream[ChatCompletionChunk]]],
        *,
        state: ChatCompletionStreamState[ResponseFormatT],
    ) -> None:
        # A factory, not a coroutine: a coroutine made now would warn "never awaited" when the
        # manager is dropped without being entered.
        self._api_request = api_request
        self._state = state
        self._stream: AsyncChatCompletionStream[ResponseFormatT] | None = None

    async def __aenter__(self) -> AsyncChatCompletionStream[ResponseFormatT]:
        if self._stream is not None:
            raise RuntimeError("a stream manager can be entered only once")
        raw_stream = await self._api_request()
        self._stream = AsyncChatCompletionStream(raw_stream=raw_stream, state=self._state)
        return self._stream

    async def __aexit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            await self._stream.close()
