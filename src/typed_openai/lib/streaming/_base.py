"""What every helper stream and stream manager does the same way, sync and async.

A stream (`EventStream` / `AsyncEventStream`) is iterated once: its subclass sets ``_iterator``
(a generator of its events) and says in `_release` how its connection is let go; iteration,
``until_done()``, ``close()`` and the ``with`` block are here. A manager (`StreamManager` /
`AsyncStreamManager`) sends the request only when its ``with`` block is entered, and closes the
stream when the block exits however it ends, so a stream cannot be leaked by not reading it to the
end.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import Generic, Protocol, TypeVar

from typing_extensions import Self

__all__ = ["AsyncEventStream", "AsyncStreamManager", "EventStream", "StreamManager"]

_EventT = TypeVar("_EventT")


class EventStream(Generic[_EventT]):
    """Iterate once (``for event in stream``); ``close()`` or leaving ``with`` stops reading."""

    _iterator: Generator[_EventT, None, None]
    _closed = False  # by `close()`: a read failing after it ends the events instead of raising

    def __iter__(self) -> Generator[_EventT, None, None]:
        return self._iterator

    def __next__(self) -> _EventT:
        return next(self._iterator)

    def until_done(self) -> Self:
        """Consume the rest of the stream."""
        for _event in self._iterator:
            pass
        return self

    def _release(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Stop reading and release the connection (done automatically at the end). Iterated
        again afterwards, the stream yields the events of what had already been received, then
        ends, as the official SDK's (`_core/_streaming.Stream.close`)."""
        self._closed = True
        self._release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncEventStream(Generic[_EventT]):
    """The async twin of `EventStream`: ``async for event in stream``."""

    _iterator: AsyncGenerator[_EventT, None]
    _closed = False  # as `EventStream._closed`

    def __aiter__(self) -> AsyncGenerator[_EventT, None]:
        return self._iterator

    async def __anext__(self) -> _EventT:
        return await self._iterator.__anext__()

    async def until_done(self) -> Self:
        """Consume the rest of the stream."""
        async for _event in self._iterator:
            pass
        return self

    async def _release(self) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        """Stop reading and release the connection (done automatically at the end; afterwards
        as `EventStream.close`)."""
        self._closed = True
        await self._release()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class _Closable(Protocol):
    def close(self) -> object: ...


_StreamT = TypeVar("_StreamT", bound=_Closable)


class StreamManager(Generic[_StreamT]):
    """``with manager as stream:`` calls `open_stream` (which sends the request) and yields the
    stream it returns, closed when the block exits.

    Entered again, it sends the request again and yields a new stream, as the official SDK's
    sync managers do (a retry loop around ``with manager as stream:`` works with either)."""

    def __init__(self, open_stream: Callable[[], _StreamT]) -> None:
        self._open_stream = open_stream
        self._stream: _StreamT | None = None

    def __enter__(self) -> _StreamT:
        self._stream = self._open_stream()
        return self._stream

    def __exit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            self._stream.close()


class _AsyncClosable(Protocol):
    def close(self) -> Awaitable[object]: ...


_AsyncStreamT = TypeVar("_AsyncStreamT", bound=_AsyncClosable)


class AsyncStreamManager(Generic[_AsyncStreamT]):
    """``async with manager as stream:``, as `StreamManager`.

    `open_stream` is a factory, not a coroutine: a coroutine made up front would warn "never
    awaited" when the manager is dropped without being entered.
    """

    def __init__(self, open_stream: Callable[[], Awaitable[_AsyncStreamT]]) -> None:
        self._open_stream = open_stream
        self._stream: _AsyncStreamT | None = None

    async def __aenter__(self) -> _AsyncStreamT:
        if self._stream is not None:
            raise RuntimeError("a stream manager can be entered only once")
        self._stream = await self._open_stream()
        return self._stream

    async def __aexit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            await self._stream.close()
