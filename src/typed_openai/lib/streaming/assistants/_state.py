"""The Assistants event handler's logic, written once and free of I/O.

``AssistantStreamState.feed(event)`` takes one typed ``AssistantStreamEvent`` and yields the hook
calls it implies, as ``(hook name, arguments)`` pairs; the sync and async handlers are thin loops
that call (or await) them. ``feed`` is a generator on purpose: each call's arguments are computed
only after the previous hook has returned, so a hook that looks at ``current_message_snapshot``
sees exactly the state it would see if the logic called it directly.

Which hooks fire, in which order and with which snapshots follows the official SDK, so handlers
written for it behave the same here:

- ``on_event`` comes first, before the event is accumulated;
- text blocks and tool calls are derived from message / run-step deltas per index:
  ``on_text_created`` / ``on_tool_call_created`` for a new index, ``on_text_delta`` /
  ``on_tool_call_delta`` for later deltas of the current index, and the ``done`` hook of the
  previous item when a delta for another index arrives (a text block's ``on_text_delta`` for the
  new index comes before the previous block's ``on_text_done``);
- the current block's ``on_text_done`` / ``on_image_file_done`` fires at ``thread.message.completed``
  (from the completed message); the current tool call's ``on_tool_call_done`` fires at
  ``thread.run.step.completed``, and again whenever a later step ends and when the run stops
  (completed, requires_action, ...): the current tool call, like the current content index, is
  not forgotten when its parent ends. The SDK behaves so, and handlers written for it count on it.

Differences, where the SDK would crash or lose data: a delta for an unknown message or step raises
a ``RuntimeError`` naming it; an event, content block or tool call of a kind this client does not
know (raw data, not a model) reaches ``on_event`` and the snapshots and is otherwise ignored; new
blocks and tool calls start from empty required fields (a text snapshot always has
``annotations``); numbers in deltas replace (the SDK adds them).

Only hooks in ``wanted`` are yielded, and a snapshot is built only for a hook that is yielded or
when a ``current_*`` accessor is read: a handler that overrides nothing pays one dictionary merge
per delta, which keeps a long stream linear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from typed_openai.types.beta.assistant_stream_event import AssistantStreamEvent
from typed_openai.types.beta.threads.message import Message
from typed_openai.types.beta.threads.message_content import MessageContent
from typed_openai.types.beta.threads.message_delta_event import MessageDeltaEvent
from typed_openai.types.beta.threads.run import Run
from typed_openai.types.beta.threads.runs.run_step import RunStep
from typed_openai.types.beta.threads.runs.run_step_delta_event import RunStepDeltaEvent

from ._hooks import HOOKS
from ._snapshots import MessageBuilder, RunStepBuilder, field

__all__ = ["HOOKS", "AssistantStreamState", "HookCall"]

HookCall = tuple[str, tuple[Any, ...]]
"""A hook to call: its name on the event handler and its positional arguments."""


_Transition = Callable[["AssistantStreamState", Any], Iterator[HookCall]]
_D = TypeVar("_D", covariant=True)


class _Carrying(Protocol[_D]):
    """An event by what its ``data`` holds (every run event carries a ``Run``, and so on)."""

    @property
    def data(self) -> _D: ...


class AssistantStreamState:
    """Accumulated state of one Assistants stream; ``feed`` it every event in order."""

    def __init__(self, wanted: Iterable[str] = HOOKS) -> None:
        self._wanted = frozenset(wanted)
        self.current_event: AssistantStreamEvent | None = None
        self.current_run: Run | None = None
        self._messages: dict[str, MessageBuilder | Message] = {}
        self._current_message: MessageBuilder | Message | None = None
        self._steps: dict[str, RunStepBuilder] = {}
        self._current_step_id: str | None = None
        # the block / tool call whose "done" hook is pending: its index as the deltas number it,
        # and where its snapshot lives
        self._content_index: int | None = None
        self._content: tuple[MessageBuilder, int] | None = None
        self._tool_call_index: int | None = None
        self._tool_call: tuple[RunStepBuilder, int] | None = None

    def want(self, hooks: Iterable[str]) -> None:
        """Also yield ``hooks`` from now on."""
        self._wanted |= frozenset(hooks)

    # --- what the handler exposes ---------------------------------------------------------------

    @property
    def current_message_snapshot(self) -> Message | None:
        current = self._current_message
        return current.snapshot() if isinstance(current, MessageBuilder) else current

    @property
    def current_run_step_snapshot(self) -> RunStep | None:
        if not self._current_step_id:
            return None
        builder = self._steps.get(self._current_step_id)
        return builder.snapshot() if builder is not None else None

    def messages(self) -> list[Message]:
        return [
            m.snapshot() if isinstance(m, MessageBuilder) else m for m in self._messages.values()
        ]

    def run_steps(self) -> list[RunStep]:
        return [builder.snapshot() for builder in self._steps.values()]

    # --- the state machine ----------------------------------------------------------------------

    def feed(self, event: AssistantStreamEvent) -> Iterator[HookCall]:
        """Accumulate ``event``; yield the hook calls it implies, in order."""
        self.current_event = event
        if "on_event" in self._wanted:
            yield ("on_event", (event,))
        # an event this client does not know arrives as raw data: on_event sees it, nothing else
        transition = _TRANSITIONS.get(str(getattr(event, "event", "")))
        if transition is not None:
            yield from transition(self, event)
        self.current_event = None

    # --- transitions: one per kind of event, reached through _TRANSITIONS -----------------------

    def run_updated(self, event: _Carrying[Run]) -> Iterator[HookCall]:
        self.current_run = event.data
        return iter(())

    def run_stopped(self, event: _Carrying[Run]) -> Iterator[HookCall]:
        self.current_run = event.data
        if self._tool_call is not None and "on_tool_call_done" in self._wanted:
            builder, position = self._tool_call
            yield ("on_tool_call_done", (builder.tool_call(position),))

    def message_created(self, event: _Carrying[Message]) -> Iterator[HookCall]:
        message = event.data
        self._current_message = self._messages[message.id] = MessageBuilder(message)
        if "on_message_created" in self._wanted:
            yield ("on_message_created", (message,))

    def message_delta(self, event: _Carrying[MessageDeltaEvent]) -> Iterator[HookCall]:
        builder = self._messages.get(event.data.id)
        if not isinstance(builder, MessageBuilder):
            raise RuntimeError(f"A delta arrived for message {event.data.id!r}, which is not open")
        self._current_message = builder
        wanted = self._wanted
        delta = event.data.delta
        touched = builder.apply(delta)
        if "on_text_created" in wanted:
            for position, is_new in touched:
                block = builder.block(position)
                if is_new and block.type == "text":
                    yield ("on_text_created", (block.text,))
        for content, (position, _) in zip(delta.content or (), touched, strict=True):
            text = content.text if content.type == "text" else None
            if text is not None and "on_text_delta" in wanted:
                block = builder.block(position)
                if block.type == "text":
                    yield ("on_text_delta", (text, block.text))
            index = field(content, "index")
            if index != self._content_index:
                if self._content is not None:
                    previous, at = self._content
                    yield from self._content_done(previous.block(at))
                self._content_index = index
            self._content = (builder, position)
        if "on_message_delta" in wanted:
            yield ("on_message_delta", (delta, builder.snapshot()))

    def message_stopped(self, event: _Carrying[Message]) -> Iterator[HookCall]:
        message = event.data
        streamed = self._messages.get(message.id)
        if isinstance(streamed, MessageBuilder):
            streamed.snapshot()  # brings the created message up to date, once per message
        self._current_message = self._messages[message.id] = message
        index = self._content_index
        if index is not None and index < len(message.content):
            yield from self._content_done(message.content[index])
        if "on_message_done" in self._wanted:
            yield ("on_message_done", (message,))

    def _content_done(self, block: MessageContent) -> Iterator[HookCall]:
        # by the tag, as the official SDK: a block of a kind newer than the client is built as
        # the union's first member (an image file block) and calls no hook
        if block.type == "text":
            if "on_text_done" in self._wanted:
                yield ("on_text_done", (block.text,))
        elif block.type == "image_file" and "on_image_file_done" in self._wanted:
            yield ("on_image_file_done", (block.image_file,))

    def step_created(self, event: _Carrying[RunStep]) -> Iterator[HookCall]:
        step = event.data
        self._steps[step.id] = RunStepBuilder(step)
        self._current_step_id = step.id
        if "on_run_step_created" in self._wanted:
            yield ("on_run_step_created", (step,))

    def step_in_progress(self, event: _Carrying[RunStep]) -> Iterator[HookCall]:
        self._current_step_id = event.data.id
        return iter(())

    def step_delta(self, event: _Carrying[RunStepDeltaEvent]) -> Iterator[HookCall]:
        builder = self._steps.get(event.data.id)
        if builder is None:
            raise RuntimeError(f"A delta arrived for run step {event.data.id!r}, which is unknown")
        wanted = self._wanted
        delta = event.data.delta
        positions = builder.apply(delta)
        details = delta.step_details
        calls = details.tool_calls if details is not None and details.type == "tool_calls" else None
        for call, position in zip(calls or (), positions, strict=True):
            index = field(call, "index")
            if index == self._tool_call_index:
                if "on_tool_call_delta" in wanted:
                    yield ("on_tool_call_delta", (call, builder.tool_call(position)))
            else:
                if self._tool_call is not None and "on_tool_call_done" in wanted:
                    previous, at = self._tool_call
                    yield ("on_tool_call_done", (previous.tool_call(at),))
                self._tool_call_index = index
                if "on_tool_call_created" in wanted:
                    yield ("on_tool_call_created", (builder.tool_call(position),))
            self._tool_call = (builder, position)
        if "on_run_step_delta" in wanted:
            yield ("on_run_step_delta", (delta, builder.snapshot()))

    def step_stopped(self, event: _Carrying[RunStep]) -> Iterator[HookCall]:
        if self._tool_call is not None and "on_tool_call_done" in self._wanted:
            builder, position = self._tool_call
            yield ("on_tool_call_done", (builder.tool_call(position),))
        if "on_run_step_done" in self._wanted:
            yield ("on_run_step_done", (event.data,))
        self._current_step_id = None


_RUN_UPDATED = ("created", "queued", "in_progress", "cancelling")
_RUN_STOPPED = ("completed", "incomplete", "failed", "cancelled", "expired", "requires_action")
_STEP_STOPPED = ("completed", "failed", "cancelled", "expired")

# The one dispatch table: SSE event name -> transition. Events not listed (thread.created,
# thread.message.in_progress, error, done) change nothing beyond on_event.
_TRANSITIONS: dict[str, _Transition] = {
    **{f"thread.run.{s}": AssistantStreamState.run_updated for s in _RUN_UPDATED},
    **{f"thread.run.{s}": AssistantStreamState.run_stopped for s in _RUN_STOPPED},
    "thread.message.created": AssistantStreamState.message_created,
    "thread.message.delta": AssistantStreamState.message_delta,
    "thread.message.completed": AssistantStreamState.message_stopped,
    "thread.message.incomplete": AssistantStreamState.message_stopped,
    "thread.run.step.created": AssistantStreamState.step_created,
    "thread.run.step.in_progress": AssistantStreamState.step_in_progress,
    "thread.run.step.delta": AssistantStreamState.step_delta,
    **{f"thread.run.step.{s}": AssistantStreamState.step_stopped for s in _STEP_STOPPED},
}
