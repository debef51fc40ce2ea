"""What ``responses.stream()`` returns: the request, deferred until the ``with`` block is entered.

Sending only on entry, and closing on exit however the block ends, means a stream cannot be
leaked by forgetting to read it to the end.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic

from ._events import TextFormatT
from ._state import ResponseStreamState
from ._stream import AsyncResponseStream, ResponseStream

if TYPE_CHECKING:
    import httpx

__all__ = ["AsyncResponseStreamManager", "ResponseStreamManager"]


def _http_response(raw_stream: Any) -> httpx.Response:
    # The generated call returns its `Stream`; the helper reads that stream's response itself.
    return raw_stream.response


class ResponseStreamManager(Generic[TextFormatT]):
    """``with manager as stream:`` sends the request and yields a `ResponseStream`."""

    def __init__(
        self,
        api_request: Callable[[], Any],
        *,
        state: ResponseStreamState[TextFormatT],
        starting_after: int | None = None,
    ) -> None:
        self._api_request = api_request
        self._state = state
        self._starting_after = starting_after
        self._stream: ResponseStream[TextFormatT] | None = None

    def __enter__(self) -> ResponseStream[TextFormatT]:
        if self._stream is not None:
            raise RuntimeError("a stream manager can be entered only once")
        self._stream = ResponseStream(
            response=_http_response(self._api_request()),
            state=self._state,
            starting_after=self._starting_after,
        )
        return self._stream

    def __exit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            self._stream.close()


class AsyncResponseStreamManager(Generic[TextFormatT]):
    """``async with manager as stream:`` sends the request, yields an `AsyncResponseStream`."""

    def __init__(
        self,
        api_request: Callable[[], Awaitable[Any]],
        *,
        state: ResponseStreamState[TextFormatT],
        starting_after: int | None = None,
    ) -> None:
        # A factory, not a coroutine: a coroutine made now would warn "never awaited" when the
        # manager is dropped without being entered.
        self._api_request = api_request
        self._state = state
        self._starting_after = starting_after
        self._stream: AsyncResponseStream[TextFormatT] | None = None

    async def __aenter__(self) -> AsyncResponseStream[TextFormatT]:
        if self._stream is not None:
            raise RuntimeError("a stream manager can be entered only once")
        raw_stream = await self._api_request()
        self._stream = AsyncResponseStream(
            response=_http_response(raw_stream),
            state=self._state,
            starting_after=self._starting_after,
        )
        return self._stream

    async def __aexit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            await self._stream.close()
