"""Context managers returned by the stream helpers: the request is sent on entering the block."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Generic, cast

from typing_extensions import TypeVar

from ._handler import AssistantEventHandler, AsyncAssistantEventHandler

if TYPE_CHECKING:
    from typed_openai._core import AsyncStream, Stream
    from typed_openai.types.beta.assistant_stream_event import AssistantStreamEvent

__all__ = [
    "AssistantEventHandlerT",
    "AssistantStreamManager",
    "AsyncAssistantEventHandlerT",
    "AsyncAssistantStreamManager",
    "async_handler_or_default",
    "handler_or_default",
]

# the defaults are what a helper called without `event_handler=` gives back
AssistantEventHandlerT = TypeVar(
    "AssistantEventHandlerT", bound=AssistantEventHandler, default=AssistantEventHandler
)
AsyncAssistantEventHandlerT = TypeVar(
    "AsyncAssistantEventHandlerT",
    bound=AsyncAssistantEventHandler,
    default=AsyncAssistantEventHandler,
)


def handler_or_default(event_handler: AssistantEventHandlerT | None) -> AssistantEventHandlerT:
    """The caller's handler, else a plain ``AssistantEventHandler`` (the TypeVar's default)."""
    if event_handler is not None:
        return event_handler
    return cast(AssistantEventHandlerT, AssistantEventHandler())


def async_handler_or_default(
    event_handler: AsyncAssistantEventHandlerT | None,
) -> AsyncAssistantEventHandlerT:
    """The caller's handler, else a plain ``AsyncAssistantEventHandler`` (the TypeVar's default)."""
    if event_handler is not None:
        return event_handler
    return cast(AsyncAssistantEventHandlerT, AsyncAssistantEventHandler())


class AssistantStreamManager(Generic[AssistantEventHandlerT]):
    """``with`` sends the request and yields the handler; leaving the block closes the response."""

    def __init__(
        self,
        request: Callable[[], Stream[AssistantStreamEvent]],
        *,
        event_handler: AssistantEventHandlerT,
    ) -> None:
        self._request = request
        self._handler = event_handler

    def __enter__(self) -> AssistantEventHandlerT:
        stream = self._request()
        try:
            self._handler._init(stream)  # pyright: ignore[reportPrivateUsage]
        except BaseException:
            stream.close()
            raise
        return self._handler

    def __exit__(self, *exc_info: object) -> None:
        self._handler.close()


class AsyncAssistantStreamManager(Generic[AsyncAssistantEventHandlerT]):
    """``async with`` sends the request and yields the handler; leaving it closes the response.

    Nothing is sent (and no coroutine is left un-awaited) if the block is never entered.
    """

    def __init__(
        self,
        request: Callable[[], Awaitable[AsyncStream[AssistantStreamEvent]]],
        *,
        event_handler: AsyncAssistantEventHandlerT,
    ) -> None:
        self._request = request
        self._handler = event_handler

    async def __aenter__(self) -> AsyncAssistantEventHandlerT:
        stream = await self._request()
        try:
            self._handler._init(stream)  # pyright: ignore[reportPrivateUsage]
        except BaseException:
            await stream.close()
            raise
        return self._handler

    async def __aexit__(self, *exc_info: object) -> None:
        await self._handler.close()
