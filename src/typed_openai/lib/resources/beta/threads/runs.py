"""Bodies of the Assistants run helpers (``beta.threads`` and ``beta.threads.runs``): polling a
run until it is terminal (``requires_action`` included), and streaming its events."""

# These bodies are the (deprecated) Assistants API themselves: their calls of the generated
# methods are not a user's use of it.
# pyright: reportDeprecated=false

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.polling import poll_helpers, run_is_done, start_then_poll
from typed_openai.lib.resources._seams import is_async

if TYPE_CHECKING:
    from typed_openai._generated.resources.beta.threads import AsyncThreads, Threads
    from typed_openai._generated.resources.beta.threads.runs import AsyncRuns, Runs
    from typed_openai.types.beta.threads.run import Run

__all__ = [
    "create_and_poll",
    "create_and_run_poll",
    "create_and_run_stream",
    "poll",
    "stream",
    "submit_tool_outputs_and_poll",
    "submit_tool_outputs_stream",
]

poll, _ = poll_helpers("run_id", run_is_done, parent="thread_id")

# The polling helpers start the run with `"stream": false` in the body, as the official SDK's
# do: a server (or a test double) that tells the two requests apart sees the same one.


@sync_or_async
def create_and_poll(runs: Runs | AsyncRuns, **arguments: Any) -> Steps[Run]:
    start = partial(runs.create, stream=False)
    return start_then_poll(start, runs, run_is_done, arguments, parent="thread_id")


@sync_or_async
def submit_tool_outputs_and_poll(runs: Runs | AsyncRuns, **arguments: Any) -> Steps[Run]:
    start = partial(runs.submit_tool_outputs, stream=False)
    return start_then_poll(start, runs, run_is_done, arguments, parent="thread_id")


# `threads.create_and_run_poll` polls through `threads.runs`, waiting through the threads
# resource's own `_sleep` seam.
@sync_or_async
def create_and_run_poll(threads: Threads | AsyncThreads, **arguments: Any) -> Steps[Run]:
    start, runs = partial(threads.create_and_run, stream=False), threads.runs
    return start_then_poll(
        start, runs, run_is_done, arguments, parent="thread_id", waits_on=threads
    )


def _event_stream(method: str) -> Callable[..., Any]:
    """The body of a streaming helper: a manager that calls ``resource.<method>(stream=True,
    ...)`` when entered and feeds the events to ``event_handler`` (a fresh handler when none is
    given); the async manager and handler for an async resource."""

    def body(resource: Any, *, event_handler: Any, **arguments: Any) -> Any:
        from typed_openai.lib.streaming import assistants

        request = partial(_without_its_warning(resource, method), stream=True, **arguments)
        if is_async(resource):
            handler = assistants.async_handler_or_default(event_handler)
            return assistants.AsyncAssistantStreamManager(request, event_handler=handler)
        handler = assistants.handler_or_default(event_handler)
        return assistants.AssistantStreamManager(request, event_handler=handler)

    return body


def _without_its_warning(resource: Any, method: str) -> Callable[..., Any]:
    """``resource.<method>`` without its deprecation warning: the helper warned when called, and
    the official SDK's stream helpers warn only then (their request does not go through the
    deprecated method a second time), so a program counting the warnings of one helper call
    sees one."""
    bound = getattr(resource, method)
    if getattr(bound, "__deprecated__", None) is None:
        return bound
    return partial(bound.__wrapped__, resource)


stream = _event_stream("create")
submit_tool_outputs_stream = _event_stream("submit_tool_outputs")
create_and_run_stream = _event_stream("create_and_run")
