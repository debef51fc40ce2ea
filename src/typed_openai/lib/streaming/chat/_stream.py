"""`ChatCompletionStream` / `AsyncChatCompletionStream`: iterate typed events over a response.

Both are thin loops: the raw stream (`_core`'s `Stream[ChatCompletionChunk]`) turns bytes into
chunks, and errors into the runtime's errors (an ``error`` event → `APIError`, a dropped
connection → `APIConnectionError`, a chunk that is not JSON → `APIResponseValidationError`),
closing the response when it raises or ends; `ChatCompletionStreamState` turns chunks into events.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from typing import TYPE_CHECKING, Any, Generic

from typing_extensions import Self

from ..._parsing._response_format import ResponseFormatT
from ._events import ChatCompletionStreamEvent
from ._state import ChatCompletionStreamState
from ._types import ParsedChatCompletionSnapshot

if TYPE_CHECKING:
    import httpx

    from typed_openai._core import AsyncStream, Stream
    from typed_openai.types.chat.chat_completion_chunk import ChatCompletionChunk

    from ..._parsing._types import ParsedChatCompletion

__all__ = ["AsyncChatCompletionStream", "ChatCompletionStream"]

_CHUNK_OBJECT = "chat.completion.chunk"
_State = ChatCompletionStreamState


def _is_chunk(chunk: Any) -> bool:
    # Some OpenAI-compatible services (Azure's asynchronous content filter) interleave payloads
    # that are not chunks; they carry another `object` and must not reach the snapshot.
    return getattr(chunk, "object", None) == _CHUNK_OBJECT


class _StreamView(Generic[ResponseFormatT]):
    """What both streams show besides their events: the HTTP response and the snapshot."""

    def __init__(
        self, response: httpx.Response, state: ChatCompletionStreamState[ResponseFormatT]
    ) -> None:
        self._response = response
        self._state = state

    @property
    def response(self) -> httpx.Response:
        return self._response

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletionSnapshot:
        """The completion accumulated from the chunks received so far."""
        return self._state.current_completion_snapshot


class ChatCompletionStream(_StreamView[ResponseFormatT]):
    """The events of a streamed chat completion (iterate once), and the completion they build.

    Usable after the ``with`` block that produced it: the accumulated state stays.
    """

    def __init__(
        self, *, raw_stream: Stream[ChatCompletionChunk], state: _State[ResponseFormatT]
    ) -> None:
        super().__init__(raw_stream.response, state)
        self._raw_stream = raw_stream
        self._iterator = self._events()

    def __iter__(self) -> Generator[ChatCompletionStreamEvent[ResponseFormatT], None, None]:
        return self._iterator

    def __next__(self) -> ChatCompletionStreamEvent[ResponseFormatT]:
        return next(self._iterator)

    def _events(self) -> Generator[ChatCompletionStreamEvent[ResponseFormatT], None, None]:
        for chunk in self._raw_stream:
            if _is_chunk(chunk):
                yield from self._state.handle_chunk(chunk)

    def until_done(self) -> Self:
        """Consume the rest of the stream."""
        for _event in self._iterator:
            pass
        return self

    def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        """Consume the rest of the stream; the completion, parsed as ``parse()`` would."""
        self.until_done()
        return self._state.get_final_completion()

    def close(self) -> None:
        """Stop reading and release the connection (done automatically at the end)."""
        self._iterator.close()
        self._raw_stream.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncChatCompletionStream(_StreamView[ResponseFormatT]):
    """The async twin of `ChatCompletionStream`: ``async for event in stream``."""

    def __init__(
        self, *, raw_stream: AsyncStream[ChatCompletionChunk], state: _State[ResponseFormatT]
    ) -> None:
        super().__init__(raw_stream.response, state)
        self._raw_stream = raw_stream
        self._iterator = self._events()

    def __aiter__(self) -> AsyncGenerator[ChatCompletionStreamEvent[ResponseFormatT], None]:
        return self._iterator

    async def __anext__(self) -> ChatCompletionStreamEvent[ResponseFormatT]:
        return await self._iterator.__anext__()

    async def _events(self) -> AsyncGenerator[ChatCompletionStreamEvent[ResponseFormatT], None]:
        async for chunk in self._raw_stream:
            if _is_chunk(chunk):
                for event in self._state.handle_chunk(chunk):
                    yield event

    async def until_done(self) -> Self:
        """Consume the rest of the stream."""
        async for _event in self._iterator:
            pass
        return self

    async def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        """Consume the rest of the stream; the completion, parsed as ``parse()`` would."""
        await self.until_done()
        return self._state.get_final_completion()

    async def close(self) -> None:
        """Stop reading and release the connection (done automatically at the end)."""
        await self._iterator.aclose()
        await self._raw_stream.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
