"""Bodies of the Assistants run helpers (signatures: spec/config.yml, ``beta.threads`` and
``beta.threads.runs``): polling a run until it is terminal, and streaming its events.

Each function gets the resource and the helper's arguments by keyword; whatever it does not
handle itself goes to the wrapped method unchanged, so a new parameter in the spec reaches the
helpers on regeneration. Polls reuse the caller's request options and wait through the
resource's ``_sleep`` seam.
"""

# These bodies are the (deprecated) Assistants API themselves: their calls of the generated
# methods are not a user's use of it.
# pyright: reportDeprecated=false

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from typed_openai._generated.resources.beta import threads as _threads
from typed_openai._generated.resources.beta.threads import runs as _runs
from typed_openai.lib.polling import (
    async_poll_until,
    poll_until,
    polling_options,
    request_options,
    run_is_done,
)
from typed_openai.lib.resources._seams import async_sleep_of, sleep_of

if TYPE_CHECKING:
    from typed_openai._generated.resources.beta.threads import AsyncThreads, Threads
    from typed_openai._generated.resources.beta.threads.runs import AsyncRuns, Runs
    from typed_openai._generated.types.beta.threads.run import Run
    from typed_openai.lib.streaming.assistants import (
        AssistantStreamManager,
        AsyncAssistantStreamManager,
    )

__all__ = [
    "async_create_and_poll",
    "async_create_and_run_poll",
    "async_create_and_run_stream",
    "async_poll",
    "async_stream",
    "async_submit_tool_outputs_and_poll",
    "async_submit_tool_outputs_stream",
    "create_and_poll",
    "create_and_run_poll",
    "create_and_run_stream",
    "poll",
    "stream",
    "submit_tool_outputs_and_poll",
    "submit_tool_outputs_stream",
]


def _fetch(retrieve: Callable[..., Any], run: Run, interval: Any, options: Any) -> Any:
    """One poll request: ``retrieve`` the run, its headers marking the request as a poll."""
    fetch_options = polling_options(options, interval)
    return lambda: retrieve(run.id, thread_id=run.thread_id, **fetch_options)


def _poll(
    runs: Runs, run: Run, interval: Any, sleep: Callable[[float], None], **options: Any
) -> Run:
    fetch = _fetch(runs.with_raw_response.retrieve, run, interval, options)
    return poll_until(fetch, run_is_done, poll_interval_ms=interval, sleep=sleep)


async def _async_poll(
    runs: AsyncRuns,
    run: Run,
    interval: Any,
    sleep: Callable[[float], Awaitable[None]],
    **options: Any,
) -> Run:
    fetch = _fetch(runs.with_raw_response.retrieve, run, interval, options)
    return await async_poll_until(fetch, run_is_done, poll_interval_ms=interval, sleep=sleep)


class _RunRef:
    """The two ids a poll reads, when the caller names a run instead of handing one over."""

    def __init__(self, run_id: str, thread_id: str) -> None:
        self.id, self.thread_id = run_id, thread_id


def _then_poll(
    start: Callable[..., Any], runs: Runs, sleep: Any, interval: Any, arguments: dict[str, Any]
) -> Run:
    run = cast("Run", start(**arguments))
    return _poll(runs, run, interval, sleep, **request_options(arguments))


async def _async_then_poll(
    start: Callable[..., Any], runs: AsyncRuns, sleep: Any, interval: Any, arguments: dict[str, Any]
) -> Run:
    run = cast("Run", await start(**arguments))
    return await _async_poll(runs, run, interval, sleep, **request_options(arguments))


def poll(runs: Runs, *, run_id: str, thread_id: str, poll_interval_ms: Any, **options: Any) -> Run:
    run = cast("Run", _RunRef(run_id, thread_id))
    return _poll(runs, run, poll_interval_ms, sleep_of(runs), **options)


async def async_poll(
    runs: AsyncRuns, *, run_id: str, thread_id: str, poll_interval_ms: Any, **options: Any
) -> Run:
    run = cast("Run", _RunRef(run_id, thread_id))
    return await _async_poll(runs, run, poll_interval_ms, async_sleep_of(runs), **options)


def create_and_poll(runs: Runs, *, poll_interval_ms: Any, **arguments: Any) -> Run:
    return _then_poll(runs.create, runs, sleep_of(runs), poll_interval_ms, arguments)


async def async_create_and_poll(runs: AsyncRuns, *, poll_interval_ms: Any, **arguments: Any) -> Run:
    sleep = async_sleep_of(runs)
    return await _async_then_poll(runs.create, runs, sleep, poll_interval_ms, arguments)


def submit_tool_outputs_and_poll(runs: Runs, *, poll_interval_ms: Any, **arguments: Any) -> Run:
    start = runs.submit_tool_outputs
    return _then_poll(start, runs, sleep_of(runs), poll_interval_ms, arguments)


async def async_submit_tool_outputs_and_poll(
    runs: AsyncRuns, *, poll_interval_ms: Any, **arguments: Any
) -> Run:
    start, sleep = runs.submit_tool_outputs, async_sleep_of(runs)
    return await _async_then_poll(start, runs, sleep, poll_interval_ms, arguments)


# `threads.create_and_run_poll` polls through `threads.runs`, waiting through the threads
# resource's own `_sleep` seam.
def create_and_run_poll(threads: Threads, *, poll_interval_ms: Any, **arguments: Any) -> Run:
    start, sleep = threads.create_and_run, sleep_of(threads)
    return _then_poll(start, threads.runs, sleep, poll_interval_ms, arguments)


async def async_create_and_run_poll(
    threads: AsyncThreads, *, poll_interval_ms: Any, **arguments: Any
) -> Run:
    start, sleep = threads.create_and_run, async_sleep_of(threads)
    return await _async_then_poll(start, threads.runs, sleep, poll_interval_ms, arguments)


def _event_stream(start: Callable[..., Any]) -> Callable[..., AssistantStreamManager[Any]]:
    """The body of a streaming helper: a manager that calls ``start(resource, stream=True, ...)``
    when entered and feeds the events to ``event_handler`` (a fresh `AssistantEventHandler` when
    none is given)."""

    def body(resource: Any, *, event_handler: Any, **arguments: Any) -> AssistantStreamManager[Any]:
        from typed_openai.lib.streaming.assistants import AssistantStreamManager, handler_or_default

        request = partial(start, resource, stream=True, **arguments)
        return AssistantStreamManager(request, event_handler=handler_or_default(event_handler))

    return body


def _async_event_stream(
    start: Callable[..., Any],
) -> Callable[..., AsyncAssistantStreamManager[Any]]:
    def body(resource: Any, *, event_handler: Any, **arguments: Any) -> Any:
        from typed_openai.lib.streaming.assistants import AsyncAssistantStreamManager as Manager
        from typed_openai.lib.streaming.assistants import async_handler_or_default

        handler = async_handler_or_default(event_handler)
        return Manager(partial(start, resource, stream=True, **arguments), event_handler=handler)

    return body


stream = _event_stream(_runs.Runs.create)
async_stream = _async_event_stream(_runs.AsyncRuns.create)
submit_tool_outputs_stream = _event_stream(_runs.Runs.submit_tool_outputs)
async_submit_tool_outputs_stream = _async_event_stream(_runs.AsyncRuns.submit_tool_outputs)
create_and_run_stream = _event_stream(_threads.Threads.create_and_run)
async_create_and_run_stream = _async_event_stream(_threads.AsyncThreads.create_and_run)
