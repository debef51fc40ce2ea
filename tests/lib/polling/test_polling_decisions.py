"""The pure decisions of `typed_openai.lib.polling`: when to stop, how long to wait, what to send."""

from __future__ import annotations

import pytest

from tests.lib.polling.wire_objects import batch_object, run_object, vector_store_file_object
from typed_openai._core import NOT_GIVEN
from typed_openai._core._models import parse_value
from typed_openai.lib.polling import (
    PollDeadline,
    batch_is_done,
    next_delay_seconds,
    poll_request_headers,
    run_is_done,
    vector_store_file_is_done,
    video_is_done,
)
from typed_openai.types.beta.threads import Run
from typed_openai.types.vector_stores import VectorStoreFile, VectorStoreFileBatch
from typed_openai.types.video import Video


@pytest.mark.parametrize(
    ("status", "done"),
    [
        ("queued", False),
        ("in_progress", False),
        ("cancelling", False),
        ("requires_action", True),
        ("cancelled", True),
        ("completed", True),
        ("failed", True),
        ("expired", True),
        ("incomplete", True),
    ],
)
def test_run_terminal_states(status: str, done: bool) -> None:
    assert run_is_done(Run.model_validate(run_object(status))) is done


def test_a_run_in_an_unknown_state_keeps_being_polled() -> None:
    # Forward compatibility: a state the client does not know yet is not assumed to be final.
    assert run_is_done(parse_value(Run, run_object("pausing"))) is False


@pytest.mark.parametrize(
    ("status", "done"),
    [("in_progress", False), ("completed", True), ("failed", True), ("cancelled", True)],
)
def test_vector_store_file_terminal_states(status: str, done: bool) -> None:
    file = VectorStoreFile.model_validate(vector_store_file_object(status))
    assert vector_store_file_is_done(file) is done


def test_a_file_or_video_in_an_unknown_state_is_handed_back() -> None:
    # As the official SDK's helpers: polled only while known to be working (unlike a run).
    file = parse_value(VectorStoreFile, vector_store_file_object("queued_for_retry"))
    assert vector_store_file_is_done(file) is True
    for status, done in (("queued", False), ("in_progress", False), ("archived", True)):
        video = parse_value(Video, {"id": "video_1", "object": "video", "status": status})
        assert video_is_done(video) is done


@pytest.mark.parametrize(
    ("status", "in_progress", "done"),
    [
        ("in_progress", 3, False),
        ("in_progress", 0, True),
        ("completed", 0, True),
        ("cancelled", 2, False),
        ("cancelled", 0, True),
        ("failed", 1, False),
        ("failed", 0, True),
    ],
)
def test_batch_is_done_when_no_file_is_in_progress(
    status: str, in_progress: int, done: bool
) -> None:
    batch = VectorStoreFileBatch.model_validate(batch_object(status, in_progress=in_progress))
    assert batch_is_done(batch) is done


def test_explicit_interval_wins_over_the_server_hint() -> None:
    assert next_delay_seconds(250, {"openai-poll-after-ms": "40"}) == 0.25


def test_server_hint_is_used_without_an_explicit_interval() -> None:
    assert next_delay_seconds(NOT_GIVEN, {"openai-poll-after-ms": "40"}) == 0.04


def test_one_second_without_interval_or_hint() -> None:
    assert next_delay_seconds(NOT_GIVEN, {}) == 1.0


@pytest.mark.parametrize("hint", ["", "soon", "-5", "nan", "inf"])
def test_a_malformed_hint_falls_back_to_one_second(hint: str) -> None:
    # Trusting "-5" or "nan" would turn the poll into a busy loop (or crash the sleep).
    assert next_delay_seconds(NOT_GIVEN, {"openai-poll-after-ms": hint}) == 1.0


def test_negative_explicit_interval_does_not_sleep_backwards() -> None:
    assert next_delay_seconds(-10, {}) == 0.0


def test_poll_headers_mark_the_request_and_keep_the_callers() -> None:
    assert poll_request_headers({"X-Trace": "t1"}, NOT_GIVEN) == {
        "X-Stainless-Poll-Helper": "true",
        "X-Trace": "t1",
    }


def test_poll_headers_carry_an_explicit_interval() -> None:
    assert poll_request_headers(None, 500) == {
        "X-Stainless-Poll-Helper": "true",
        "X-Stainless-Custom-Poll-Interval": "500",
    }


class _FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_deadline_gives_up_once_max_wait_has_passed() -> None:
    clock = _FakeClock()
    deadline = PollDeadline(2.0, clock)
    deadline.check()
    assert deadline.clamp(5.0) == 2.0  # never waits past the deadline
    clock.now = 101.5
    deadline.check()
    assert deadline.clamp(1.0) == 0.5
    clock.now = 102.0
    with pytest.raises(TimeoutError, match=r"max_wait_seconds=2\.0"):
        deadline.check()
    assert deadline.clamp(1.0) == 0.0


def test_zero_max_wait_gives_up_before_the_first_request() -> None:
    with pytest.raises(TimeoutError):
        PollDeadline(0, _FakeClock()).check()


def test_without_max_wait_there_is_no_deadline() -> None:
    clock = _FakeClock()
    deadline = PollDeadline(NOT_GIVEN, clock)
    clock.now = 1e12
    deadline.check()
    assert deadline.clamp(3.0) == 3.0


@pytest.mark.parametrize("value", [-1.0, float("inf"), float("nan")])
def test_max_wait_must_be_finite_and_non_negative(value: float) -> None:
    with pytest.raises(ValueError, match="max_wait_seconds"):
        PollDeadline(value)
