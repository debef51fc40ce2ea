"""What ``responses.stream()`` returns: the request, deferred until the ``with`` block is entered
(`StreamManager`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .._base import AsyncStreamManager, StreamManager
from ._events import TextFormatT
from ._state import ResponseStreamState
from ._stream import AsyncResponseStream, ResponseStream

if TYPE_CHECKING:
    import httpx

__all__ = ["AsyncResponseStreamManager", "ResponseStreamManager"]


def _http_response(raw_stream: Any) -> httpx.Response:
    # The generated call returns its `Stream`; the helper reads that stream's response itself.
    return raw_stream.response


class ResponseStreamManager(StreamManager[ResponseStream[TextFormatT]]):
    """``with manager as stream:`` sends the request and yields a `ResponseStream`."""

    def __init__(
        self,
        api_request: Callable[[], Any],
        *,
        state: ResponseStreamState[TextFormatT],
        starting_after: int | None = None,
    ) -> None:
        super().__init__(
            lambda: ResponseStream(
                response=_http_response(api_request()), state=state, starting_after=starting_after
            )
        )


class AsyncResponseStreamManager(AsyncStreamManager[AsyncResponseStream[TextFormatT]]):
    """``async with manager as stream:`` sends the request, yields an `AsyncResponseStream`."""

    def __init__(
        self,
        api_request: Callable[[], Awaitable[Any]],
        *,
        state: ResponseStreamState[TextFormatT],
        starting_after: int | None = None,
    ) -> None:
        async def open_stream() -> AsyncResponseStream[TextFormatT]:
            response = _http_response(await api_request())
            return AsyncResponseStream(
                response=response, state=state, starting_after=starting_after
            )

        super().__init__(open_stream)
