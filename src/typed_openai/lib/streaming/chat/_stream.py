"""`ChatCompletionStream` / `AsyncChatCompletionStream`: iterate typed events over a response.

Both are thin loops: the raw stream (`_core`'s `Stream[ChatCompletionChunk]`) turns bytes into
chunks, and errors into the runtime's errors (an ``error`` event → `APIError`, a dropped
connection → `APIConnectionError`, a chunk that is not JSON → `APIResponseValidationError`),
closing the response when it raises or ends; `ChatCompletionStreamState` turns chunks into events.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ..._parsing._response_format import ResponseFormatT
from .._base import AsyncEventStream, EventStream
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


class _RawStream(Protocol):
    @property
    def response(self) -> httpx.Response: ...


_RawStreamT = TypeVar("_RawStreamT", bound=_RawStream)


class _StreamView(Generic[_RawStreamT, ResponseFormatT]):
    """What both streams show besides their events: the HTTP response and the snapshot."""

    def __init__(
        self, *, raw_stream: _RawStreamT, state: ChatCompletionStreamState[ResponseFormatT]
    ) -> None:
        self._raw_stream = raw_stream
        self._response = raw_stream.response
        self._state = state
        self._iterator = self._events()

    def _events(self) -> Any:  # the sync or async loop over `_raw_stream`
        raise NotImplementedError

    @property
    def response(self) -> httpx.Response:
        return self._response

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletionSnapshot:
        """The completion accumulated from the chunks received so far."""
        return self._state.current_completion_snapshot


class ChatCompletionStream(
    _StreamView["Stream[ChatCompletionChunk]", ResponseFormatT],
    EventStream["ChatCompletionStreamEvent[ResponseFormatT]"],
):
    """The events of a streamed chat completion (iterate once), and the completion they build.

    Usable after the ``with`` block that produced it: the accumulated state stays.
    """

    _raw_stream: Stream[ChatCompletionChunk]

    def _events(self) -> Generator[ChatCompletionStreamEvent[ResponseFormatT], None, None]:
        for chunk in self._raw_stream:
            if _is_chunk(chunk):
                yield from self._state.handle_chunk(chunk)

    def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        """Consume the rest of the stream; the completion, parsed as ``parse()`` would."""
        self.until_done()
        return self._state.get_final_completion()

    def _release(self) -> None:
        self._raw_stream.close()


class AsyncChatCompletionStream(
    _StreamView["AsyncStream[ChatCompletionChunk]", ResponseFormatT],
    AsyncEventStream["ChatCompletionStreamEvent[ResponseFormatT]"],
):
    """The async twin of `ChatCompletionStream`: ``async for event in stream``."""

    _raw_stream: AsyncStream[ChatCompletionChunk]

    async def _events(self) -> AsyncGenerator[ChatCompletionStreamEvent[ResponseFormatT], None]:
        async for chunk in self._raw_stream:
            if _is_chunk(chunk):
                for event in self._state.handle_chunk(chunk):
                    yield event

    async def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        """Consume the rest of the stream; the completion, parsed as ``parse()`` would."""
        await self.until_done()
        return self._state.get_final_completion()

    async def _release(self) -> None:
        await self._raw_stream.close()
