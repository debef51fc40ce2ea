"""Polling an object until the API has finished working on it (the ``*_and_poll`` helpers).

The decisions are pure functions (when an object is done, how long to wait next, which headers
mark a poll, when to give up); ``poll_steps`` is the only loop, one request per wait, written once
for the sync and async helpers (``typed_openai.lib._steps``); it waits through the resource's
``_sleep`` seam so tests can drive time without patching.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from typed_openai._core import NOT_GIVEN, NotGiven, left_out
from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.resources._seams import sleep_of

if TYPE_CHECKING:
    from typed_openai._core import AsyncAPIResource, Headers, RawAPIResponse, SyncAPIResource
    from typed_openai.types.beta.threads.run import Run
    from typed_openai.types.vector_stores.vector_store_file import VectorStoreFile
    from typed_openai.types.vector_stores.vector_store_file_batch import (
        VectorStoreFileBatch,
    )
    from typed_openai.types.video import Video

__all__ = [
    "CUSTOM_POLL_INTERVAL_HEADER",
    "DEFAULT_POLL_INTERVAL_MS",
    "POLL_AFTER_HEADER",
    "POLL_HELPER_HEADER",
    "RUN_TERMINAL_STATES",
    "VECTOR_STORE_FILE_WORKING_STATES",
    "VIDEO_WORKING_STATES",
    "PollDeadline",
    "batch_is_done",
    "check_max_wait_seconds",
    "next_delay_seconds",
    "poll_helpers",
    "poll_request_headers",
    "poll_steps",
    "polling_options",
    "request_options",
    "run_is_done",
    "start_then_poll",
    "vector_store_file_is_done",
    "video_is_done",
]

_T = TypeVar("_T")

DEFAULT_POLL_INTERVAL_MS = 1000
POLL_AFTER_HEADER = "openai-poll-after-ms"
POLL_HELPER_HEADER = "X-Stainless-Poll-Helper"
CUSTOM_POLL_INTERVAL_HEADER = "X-Stainless-Custom-Poll-Interval"

# `requires_action` is terminal for polling: nothing changes until the caller submits tool outputs.
RUN_TERMINAL_STATES = frozenset(
    {"requires_action", "cancelled", "completed", "failed", "expired", "incomplete"}
)
# A vector store file or a video is polled while it is in one of these states, and handed back in
# any other, one newer than this client included (as the official SDK's helpers do; a run, above,
# is the other way round: polled until a state known to be final).
VECTOR_STORE_FILE_WORKING_STATES = frozenset({"in_progress"})
VIDEO_WORKING_STATES = frozenset({"queued", "in_progress"})


def run_is_done(run: Run) -> bool:
    return run.status in RUN_TERMINAL_STATES


def vector_store_file_is_done(vector_store_file: VectorStoreFile) -> bool:
    return vector_store_file.status not in VECTOR_STORE_FILE_WORKING_STATES


def video_is_done(video: Video) -> bool:
    return video.status not in VIDEO_WORKING_STATES


def batch_is_done(batch: VectorStoreFileBatch) -> bool:
    # Done once no file is still being processed, whatever the batch's own status says: a batch
    # cancelled with files in progress is polled until they stopped too (as in the official SDK,
    # so its counts are final when the caller reads them).
    return batch.file_counts.in_progress == 0


def poll_request_headers(
    extra_headers: Headers | None, poll_interval_ms: int | NotGiven
) -> Headers:
    """The caller's extra headers plus the ones telling the server this request is a poll."""
    headers = {POLL_HELPER_HEADER: "true", **(extra_headers or {})}
    if not left_out(poll_interval_ms):
        headers[CUSTOM_POLL_INTERVAL_HEADER] = str(poll_interval_ms)
    return headers


_REQUEST_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout")
_POLLING_ARGUMENTS = ("poll_interval_ms", "max_wait_seconds")


def request_options(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The per-request options among a helper's arguments (a helper may pass them on to its
    polls: `start_then_poll`)."""
    return {name: arguments[name] for name in _REQUEST_OPTIONS if name in arguments}


def polling_options(options: Mapping[str, Any], poll_interval_ms: int | NotGiven) -> dict[str, Any]:
    """``options`` for one poll request: the extra headers also mark it as a poll."""
    headers = poll_request_headers(options.get("extra_headers"), poll_interval_ms)
    return {**options, "extra_headers": headers}


def next_delay_seconds(
    poll_interval_ms: int | NotGiven, response_headers: Mapping[str, str]
) -> float:
    """The caller's interval if given, else the server's hint, else one second."""
    if not left_out(poll_interval_ms):
        return max(0, poll_interval_ms) / 1000
    hint = _parse_milliseconds(response_headers.get(POLL_AFTER_HEADER))
    return (hint if hint is not None else DEFAULT_POLL_INTERVAL_MS) / 1000


def _parse_milliseconds(value: str | None) -> float | None:
    # A malformed or negative hint is ignored rather than trusted: it must not cause a busy loop.
    if value is None:
        return None
    try:
        milliseconds = float(value)
    except ValueError:
        return None
    if not math.isfinite(milliseconds) or milliseconds < 0:
        return None
    return milliseconds


class PollDeadline:
    """When polling gives up (``max_wait_seconds``), on a monotonic clock; never when not given.

    A request already in flight at the deadline still finishes (its own timeout applies).
    """

    def __init__(
        self, max_wait_seconds: float | NotGiven, clock: Callable[[], float] = time.monotonic
    ) -> None:
        check_max_wait_seconds(max_wait_seconds)
        self._clock = clock
        self._max_wait = None if left_out(max_wait_seconds) else max_wait_seconds
        self._at = None if self._max_wait is None else clock() + self._max_wait

    def check(self) -> None:
        if self._at is not None and self._clock() >= self._at:
            raise TimeoutError(f"stopped polling after max_wait_seconds={self._max_wait}")

    def clamp(self, delay: float) -> float:
        """``delay``, shortened so the wait does not run past the deadline."""
        if self._at is None:
            return delay
        return max(0.0, min(delay, self._at - self._clock()))


def check_max_wait_seconds(max_wait_seconds: float | NotGiven) -> None:
    if left_out(max_wait_seconds):
        return
    if not math.isfinite(max_wait_seconds) or max_wait_seconds < 0:
        raise ValueError(
            f"max_wait_seconds must be finite and non-negative, got {max_wait_seconds!r}"
        )


def poll_steps(
    resource: Any,
    object_id: str,
    is_done: Callable[[_T], bool],
    *,
    poll_interval_ms: int | NotGiven,
    max_wait_seconds: float | NotGiven = NOT_GIVEN,
    waits_on: SyncAPIResource | AsyncAPIResource | None = None,
    **options: Any,
) -> Steps[_T]:
    """Retrieve the object through ``resource.with_raw_response`` (its headers carry the
    server's hint) until ``is_done``; it is returned as is, failed or not.

    ``options`` are the other arguments of ``retrieve`` (parent ids, request options), sent with
    every poll. Waits go through the ``_sleep`` seam of ``waits_on`` (default: ``resource``). One
    loop for both twins (``typed_openai.lib._steps``): cancelling an async caller stops it
    between or during requests.
    """
    retrieve, sleep = resource.with_raw_response.retrieve, sleep_of(waits_on or resource)
    deadline = PollDeadline(max_wait_seconds)
    fetch_options = polling_options(options, poll_interval_ms)
    while True:
        deadline.check()
        response: RawAPIResponse[_T] = yield retrieve(object_id, **fetch_options)
        item = response.parse()
        if is_done(item):
            return item
        yield sleep(deadline.clamp(next_delay_seconds(poll_interval_ms, response.headers)))


def start_then_poll(
    start: Callable[..., Any],
    resource: Any,
    is_done: Callable[[_T], bool],
    arguments: dict[str, Any],
    *,
    parent: str | None = None,
    given_id: str | None = None,
    polls_take_options: bool = True,
    waits_on: SyncAPIResource | AsyncAPIResource | None = None,
) -> Steps[_T]:
    """``start(**arguments)`` (create the object, or act on it), then poll the object it returns,
    with the same request options unless ``polls_take_options`` is False. ``arguments`` may hold
    ``poll_interval_ms`` and ``max_wait_seconds``, for the polling only; ``parent`` names the id
    ``retrieve`` takes too (``thread_id`` for a run).

    The polls address the object by the ids the caller gave where it gave them (``parent``, and
    the argument ``given_id`` names, e.g. the ``file_id`` attached to a vector store), else by
    the started object's: so does the official SDK, and a server (or a test double) answering
    with other ids than those asked for sees the same polls from both."""
    polling = {name: arguments.pop(name) for name in _POLLING_ARGUMENTS if name in arguments}
    check_max_wait_seconds(polling.get("max_wait_seconds", NOT_GIVEN))  # before any request
    started = yield start(**arguments)
    ids = {parent: arguments.get(parent, getattr(started, parent))} if parent else {}
    object_id = arguments[given_id] if given_id else started.id
    options = {**polling, **ids, **(request_options(arguments) if polls_take_options else {})}
    return (yield from poll_steps(resource, object_id, is_done, waits_on=waits_on, **options))


def poll_helpers(
    id_argument: str,
    is_done: Callable[[Any], bool],
    *,
    parent: str | None = None,
    given_id: str | None = None,
) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The bodies of a resource's ``poll`` and ``create_and_poll`` helpers: ``poll`` retrieves
    the object named by ``id_argument`` until ``is_done``; ``create_and_poll`` creates one, then
    polls it (``parent``, ``given_id``: as in `start_then_poll`).

    The request options given to ``create_and_poll`` (``extra_headers``, ``extra_query``,
    ``extra_body``, ``timeout``) go with the create only, as in the official SDK's helpers of
    the resources built on this (vector store files and file batches, videos): the polls are
    the same requests from both packages."""

    @sync_or_async
    def poll(resource: Any, **arguments: Any) -> Steps[Any]:
        return poll_steps(resource, arguments.pop(id_argument), is_done, **arguments)

    @sync_or_async
    def create_and_poll(resource: Any, **arguments: Any) -> Steps[Any]:
        return start_then_poll(
            resource.create,
            resource,
            is_done,
            arguments,
            parent=parent,
            given_id=given_id,
            polls_take_options=False,
        )

    return poll, create_and_poll
