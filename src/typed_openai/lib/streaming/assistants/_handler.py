"""``AssistantEventHandler`` / ``AsyncAssistantEventHandler``: hooks over an Assistants stream.

Subclass one and override the hooks you care about; the stream helpers
(``client.beta.threads.runs.stream(...)`` and friends) feed it the stream. The handler is also
the stream object: iterate it for the typed events, or use ``text_deltas``, ``until_done()`` and
the ``get_final_*`` helpers.

Everything these classes decide is in ``AssistantStreamState`` (no I/O); here are only the hook
defaults and two short loops, one calling the hooks and one awaiting them.
"""

from __future__ import annotations

from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Callable,
    Generator,
    Iterable,
    Iterator,
)
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, overload

import httpx
from typing_extensions import Self, TypeAlias

from typed_openai._core import APIConnectionError, APITimeoutError

from ._hooks import HOOKS

if TYPE_CHECKING:
    from typed_openai._core import AsyncStream, Stream
    from typed_openai.types.beta.assistant_stream_event import (
        AssistantStreamEvent,
        ThreadMessageDelta,
    )
    from typed_openai.types.beta.threads.image_file import ImageFile
    from typed_openai.types.beta.threads.message import Message
    from typed_openai.types.beta.threads.message_delta import MessageDelta
    from typed_openai.types.beta.threads.run import Run
    from typed_openai.types.beta.threads.runs.run_step import RunStep
    from typed_openai.types.beta.threads.runs.run_step_delta import RunStepDelta
    from typed_openai.types.beta.threads.runs.tool_call import ToolCall
    from typed_openai.types.beta.threads.runs.tool_call_delta import ToolCallDelta
    from typed_openai.types.beta.threads.text import Text
    from typed_openai.types.beta.threads.text_delta import TextDelta

    from ._state import AssistantStreamState

    # what each handler reads (named here: the event classes are imported for type checking only)
    _SyncEvents: TypeAlias = Stream[AssistantStreamEvent]
    _AsyncEvents: TypeAlias = AsyncStream[AssistantStreamEvent]

__all__ = ["AssistantEventHandler", "AsyncAssistantEventHandler"]

_E = TypeVar("_E")

# what counts as "the request timed out" (on_timeout fires before on_exception)
_TIMEOUTS = (httpx.TimeoutException, APITimeoutError, TimeoutError)


def _transport_error(error: APIConnectionError) -> BaseException:
    """What a handler raises (and hands ``on_exception``) when reading its stream fails: the
    transport's own exception (``httpx.ReadTimeout``, ``httpx.RemoteProtocolError``, ...), as the
    official SDK's handlers do for code written when they raised it; not the
    ``APIConnectionError`` / ``APITimeoutError`` a plain stream raises. An error from a hook (an API
    call made in ``on_event``, say) is not read from the stream and stays as raised."""
    cause = error.__cause__
    return cause if isinstance(cause, httpx.RequestError) else error


def _read(stream: Iterable[_E]) -> Generator[_E, None, None]:
    try:
        yield from stream
    except APIConnectionError as error:
        unwrapped = _transport_error(error)
        if unwrapped is error:
            raise
        raise unwrapped from None


async def _aread(stream: AsyncIterable[_E]) -> AsyncGenerator[_E, None]:
    try:
        async for event in stream:
            yield event
    except APIConnectionError as error:
        unwrapped = _transport_error(error)
        if unwrapped is error:
            raise
        raise unwrapped from None


_wanted_by_class: dict[type, frozenset[str]] = {}

_StreamT = TypeVar("_StreamT")  # Stream or AsyncStream of AssistantStreamEvent


def _overridden_hooks(handler: object, base: type) -> frozenset[str]:
    """The hooks a handler class overrides: only those are worth computing arguments for."""
    cls = type(handler)
    wanted = _wanted_by_class.get(cls)
    if wanted is None:
        wanted = frozenset(h for h in HOOKS if getattr(cls, h) is not getattr(base, h))
        _wanted_by_class[cls] = wanted
    return wanted


_V = TypeVar("_V")


class _Current(property, Generic[_V]):
    """A read-only property of a handler, read from its stream state; typed by ``read``."""

    def __init__(self, read: Callable[[_StreamView[Any]], _V]) -> None:
        super().__init__(read)

    if TYPE_CHECKING:  # what pyright needs to type the property by ``read``

        @overload
        def __get__(self, instance: None, owner: type | None = None, /) -> Self: ...
        @overload
        def __get__(self, instance: object, owner: type | None = None, /) -> _V: ...
        def __get__(self, instance: object, owner: type | None = None, /) -> Any: ...


class _StreamView(Generic[_StreamT]):
    """What both handlers share: the stream they read, and what they expose about it so far
    (read from the shared state)."""

    _state: AssistantStreamState

    def __init__(self, hooks_base: type) -> None:
        # imported here: the state loads the model classes, which subclassing a handler need not
        from ._state import AssistantStreamState

        self._state = AssistantStreamState(_overridden_hooks(self, hooks_base))
        self._stream: _StreamT | None = None

    def _init(self, stream: _StreamT) -> None:
        """Before reading ``stream`` (the stream helpers call this); hooks set on the instance
        (``handler.on_text_delta = ...``) are called too."""
        if self._stream is not None:
            raise RuntimeError("An event handler reads one stream; create a new one per stream")
        own = [hook for hook in HOOKS if hook in vars(self)]
        if own:
            self._state.want(own)
        self._stream = stream

    current_event = _Current(lambda view: view._state.current_event)
    """The event whose hooks are running (``None`` between events)."""

    current_run = _Current(lambda view: view._state.current_run)
    """The run as of the latest ``thread.run.*`` event."""

    current_run_step_snapshot = _Current(lambda view: view._state.current_run_step_snapshot)
    """The run step in progress, with its deltas merged in so far."""

    current_message_snapshot = _Current(lambda view: view._state.current_message_snapshot)
    """The latest message, with its deltas merged in so far (as completed, once it is)."""

    def _final_run(self) -> Run:
        if self._state.current_run is None:
            raise RuntimeError("The stream ended without a run object")
        return self._state.current_run

    def _final_run_steps(self) -> list[RunStep]:
        steps = self._state.run_steps()
        if not steps:
            raise RuntimeError("The stream ended without run steps")
        return steps

    def _final_messages(self) -> list[Message]:
        messages = self._state.messages()
        if not messages:
            raise RuntimeError("The stream ended without messages")
        return messages


def _text_deltas(event: AssistantStreamEvent) -> Iterator[str]:
    """The text pieces one event carries (a delta of a content type this client does not know is
    built as the union's first member, an image file delta, and carries none)."""

    if getattr(event, "event", None) == "thread.message.delta":
        for content in cast("ThreadMessageDelta", event).data.delta.content or ():
            if content.type == "text" and content.text and content.text.value:
                yield content.text.value


class AssistantEventHandler(_StreamView["_SyncEvents"]):
    """Hooks called while an Assistants stream is read; every default does nothing."""

    def __init__(self) -> None:
        super().__init__(AssistantEventHandler)
        self._iterator = self._events()

    # --- reading the stream ---------------------------------------------------------------------

    def _events(self) -> Generator[AssistantStreamEvent, None, None]:
        if self._stream is None:
            raise RuntimeError("The stream has not been started (use the handler in `with`)")
        try:
            for event in _read(self._stream):
                self._run_hooks(event)
                yield event
        except _TIMEOUTS as exc:
            self.on_timeout()
            self.on_exception(exc)
            raise
        except Exception as exc:
            self.on_exception(exc)
            raise
        finally:
            self.on_end()

    def _run_hooks(self, event: AssistantStreamEvent) -> None:
        # a function of its own so that the last hook's arguments (snapshots) are released when
        # it returns: the accumulated text can then grow in place
        for hook, args in self._state.feed(event):
            getattr(self, hook)(*args)

    def __iter__(self) -> Iterator[AssistantStreamEvent]:
        return self._iterator

    def __next__(self) -> AssistantStreamEvent:
        return next(self._iterator)

    @property
    def text_deltas(self) -> Iterator[str]:
        """The text pieces of the ``thread.message.delta`` events, as they arrive."""
        for event in self._iterator:
            yield from _text_deltas(event)

    def until_done(self) -> None:
        """Read the stream to its end (every hook runs)."""
        for _ in self._iterator:
            pass

    def get_final_run(self) -> Run:
        """Read the rest of the stream; the run as of its last event."""
        self.until_done()
        return self._final_run()

    def get_final_run_steps(self) -> list[RunStep]:
        """Read the rest of the stream; every run step, accumulated."""
        self.until_done()
        return self._final_run_steps()

    def get_final_messages(self) -> list[Message]:
        """Read the rest of the stream; every message, accumulated (or as completed)."""
        self.until_done()
        return self._final_messages()

    def close(self) -> None:
        """Stop reading and release the connection (done when the ``with`` block exits)."""
        self._iterator.close()
        if self._stream is not None:
            self._stream.close()

    # --- hooks ----------------------------------------------------------------------------------

    def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, before it is accumulated."""

    def on_run_step_created(self, run_step: RunStep) -> None:
        """A run step was created."""

    def on_run_step_delta(self, delta: RunStepDelta, snapshot: RunStep) -> None:
        """A run step changed: the delta as sent, and the step with every delta so far."""

    def on_run_step_done(self, run_step: RunStep) -> None:
        """A run step completed, failed, was cancelled or expired."""

    def on_message_created(self, message: Message) -> None:
        """A message was created."""

    def on_message_delta(self, delta: MessageDelta, snapshot: Message) -> None:
        """A message changed: the delta as sent, and the message with every delta so far."""

    def on_message_done(self, message: Message) -> None:
        """A message completed (or ended incomplete)."""

    def on_text_created(self, text: Text) -> None:
        """A text block started (with its first piece)."""

    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        """A text block grew: the new piece, and the text so far."""

    def on_text_done(self, text: Text) -> None:
        """A text block is complete."""

    def on_image_file_done(self, image_file: ImageFile) -> None:
        """An image file block is complete (image files are not streamed in pieces)."""

    def on_tool_call_created(self, tool_call: ToolCall) -> None:
        """A tool call started."""

    def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None:
        """A tool call grew: the delta as sent, and the call so far."""

    def on_tool_call_done(self, tool_call: ToolCall) -> None:
        """A tool call is complete."""

    def on_end(self) -> None:
        """The stream ended: read to its end, failed, or closed early."""

    def on_timeout(self) -> None:
        """The request timed out (``on_exception`` follows)."""

    def on_exception(self, exception: Exception) -> None:
        """Reading the stream or a hook raised ``exception``; it is re-raised afterwards."""


class AsyncAssistantEventHandler(_StreamView["_AsyncEvents"]):
    """Hooks awaited while an Assistants stream is read; every default does nothing."""

    def __init__(self) -> None:
        super().__init__(AsyncAssistantEventHandler)
        self._iterator = self._events()

    # --- reading the stream ---------------------------------------------------------------------

    async def _events(self) -> AsyncGenerator[AssistantStreamEvent, None]:
        if self._stream is None:
            raise RuntimeError("The stream has not been started (use the handler in `async with`)")
        try:
            async for event in _aread(self._stream):
                await self._run_hooks(event)
                yield event
        except _TIMEOUTS as exc:
            await self.on_timeout()
            await self.on_exception(exc)
            raise
        except Exception as exc:
            await self.on_exception(exc)
            raise
        finally:
            await self.on_end()

    async def _run_hooks(self, event: AssistantStreamEvent) -> None:
        # see AssistantEventHandler._run_hooks
        for hook, args in self._state.feed(event):
            await getattr(self, hook)(*args)

    def __aiter__(self) -> AsyncIterator[AssistantStreamEvent]:
        return self._iterator

    async def __anext__(self) -> AssistantStreamEvent:
        return await self._iterator.__anext__()

    @property
    async def text_deltas(self) -> AsyncIterator[str]:
        """The text pieces of the ``thread.message.delta`` events, as they arrive."""
        async for event in self._iterator:
            for text in _text_deltas(event):
                yield text

    async def until_done(self) -> None:
        """Read the stream to its end (every hook runs)."""
        async for _ in self._iterator:
            pass

    async def get_final_run(self) -> Run:
        """Read the rest of the stream; the run as of its last event."""
        await self.until_done()
        return self._final_run()

    async def get_final_run_steps(self) -> list[RunStep]:
        """Read the rest of the stream; every run step, accumulated."""
        await self.until_done()
        return self._final_run_steps()

    async def get_final_messages(self) -> list[Message]:
        """Read the rest of the stream; every message, accumulated (or as completed)."""
        await self.until_done()
        return self._final_messages()

    async def close(self) -> None:
        """Stop reading and release the connection (done when the ``async with`` block exits)."""
        await self._iterator.aclose()
        if self._stream is not None:
            await self._stream.close()

    # --- hooks ----------------------------------------------------------------------------------

    async def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, before it is accumulated."""

    async def on_run_step_created(self, run_step: RunStep) -> None:
        """A run step was created."""

    async def on_run_step_delta(self, delta: RunStepDelta, snapshot: RunStep) -> None:
        """A run step changed: the delta as sent, and the step with every delta so far."""

    async def on_run_step_done(self, run_step: RunStep) -> None:
        """A run step completed, failed, was cancelled or expired."""

    async def on_message_created(self, message: Message) -> None:
        """A message was created."""

    async def on_message_delta(self, delta: MessageDelta, snapshot: Message) -> None:
        """A message changed: the delta as sent, and the message with every delta so far."""

    async def on_message_done(self, message: Message) -> None:
        """A message completed (or ended incomplete)."""

    async def on_text_created(self, text: Text) -> None:
        """A text block started (with its first piece)."""

    async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        """A text block grew: the new piece, and the text so far."""

    async def on_text_done(self, text: Text) -> None:
        """A text block is complete."""

    async def on_image_file_done(self, image_file: ImageFile) -> None:
        """An image file block is complete (image files are not streamed in pieces)."""

    async def on_tool_call_created(self, tool_call: ToolCall) -> None:
        """A tool call started."""

    async def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None:
        """A tool call grew: the delta as sent, and the call so far."""

    async def on_tool_call_done(self, tool_call: ToolCall) -> None:
        """A tool call is complete."""

    async def on_end(self) -> None:
        """The stream ended: read to its end, failed, or closed early."""

    async def on_timeout(self) -> None:
        """The request timed out (``on_exception`` follows)."""

    async def on_exception(self, exception: Exception) -> None:
        """Reading the stream or a hook raised ``exception``; it is re-raised afterwards."""
