"""What ``responses.stream()`` returns: the request, deferred until the ``with`` block is entered
(`StreamManager`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from typed_openai._core._parsing import validates_strictly

from .._base import AsyncStreamManager, StreamManager
from ._events import TextFormatT
from ._state import ResponseStreamState
from ._stream import AsyncResponseStream, ResponseStream

if TYPE_CHECKING:
    import httpx

__all__ = ["AsyncResponseStreamManager", "ResponseStreamManager"]


def _opened(raw_stream: Any) -> tuple[httpx.Response, bool]:
    """The response of the generated call's `Stream` (the helper reads it itself) and whether
    its client validates strictly (``_strict_response_validation``)."""
    return raw_stream.response, validates_strictly(raw_stream._client)


class ResponseStreamManager(StreamManager[ResponseStream[TextFormatT]]):
    """``with manager as stream:`` sends the request and yields a `ResponseStream`."""

    def __init__(
        self,
        api_request: Callable[[], Any],
        *,
        new_state: Callable[[], ResponseStreamState[TextFormatT]],
        starting_after: int | None = None,
    ) -> None:
        # a state of its own for each entry: entered again, the manager streams afresh
        def open_stream() -> ResponseStream[TextFormatT]:
            response, strict = _opened(api_request())
            return ResponseStream(
                response=response,
                state=new_state(),
                starting_after=starting_after,
                strict=strict,
            )

        super().__init__(open_stream)


class AsyncResponseStreamManager(AsyncStreamManager[AsyncResponseStream[TextFormatT]]):
    """``async with manager as stream:`` sends the request, yields an `AsyncResponseStream`."""

    def __init__(
        self,
        api_request: Callable[[], Awaitable[Any]],
        *,
        new_state: Callable[[], ResponseStreamState[TextFormatT]],
        starting_after: int | None = None,
    ) -> None:
        async def open_stream() -> AsyncResponseStream[TextFormatT]:
            response, strict = _opened(await api_request())
            return AsyncResponseStream(
                response=response,
                state=new_state(),
                starting_after=starting_after,
                strict=strict,
            )

        super().__init__(open_stream)
