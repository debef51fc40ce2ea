"""Each ``X_and_poll`` takes the arguments of ``X`` (same names, kinds, defaults and annotation
text, minus ``stream``) plus ``poll_interval_ms``; async twins match sync; calls written for the
official SDK's helpers bind to ours."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import openai
import pytest

from typed_openai._core import NOT_GIVEN
from typed_openai._generated.resources.beta.threads import AsyncThreads, Threads
from typed_openai._generated.resources.beta.threads.runs import AsyncRuns, Runs
from typed_openai._generated.resources.vector_stores.file_batches import (
    AsyncFileBatches as GeneratedAsyncFileBatches,
)
from typed_openai._generated.resources.vector_stores.file_batches import (
    FileBatches as GeneratedFileBatches,
)
from typed_openai._generated.resources.vector_stores.files import (
    AsyncFiles as GeneratedAsyncFiles,
)
from typed_openai._generated.resources.vector_stores.files import Files as GeneratedFiles
from typed_openai._with_helpers.beta.threads import AsyncThreads as AsyncThreadsPolling
from typed_openai._with_helpers.beta.threads import Threads as ThreadsPolling
from typed_openai._with_helpers.beta.threads.runs import AsyncRuns as AsyncRunsPolling
from typed_openai._with_helpers.beta.threads.runs import Runs as RunsPolling
from typed_openai._with_helpers.vector_stores.file_batches import AsyncFileBatches, FileBatches
from typed_openai._with_helpers.vector_stores.files import AsyncFiles, Files

Row = tuple[str, str, str, str]


def _rows(func: Callable[..., Any], *, drop: str | tuple[str, ...]) -> list[Row]:
    # Annotations are compared as source text (the modules use postponed annotations), so a
    # type renamed by the generator shows up here even when the helper still imports.
    return [
        (p.name, p.kind.name, repr(p.default), str(p.annotation))
        for p in inspect.signature(func).parameters.values()
        if p.name != "self" and p.name not in (drop if isinstance(drop, tuple) else (drop,))
    ]


# (helper, generated method it extends, the ids it takes by keyword where the method takes them
# positionally: the official SDK's `runs.create_and_poll(*, thread_id)` and
# `submit_tool_outputs_and_poll(*, run_id, thread_id)`)
SAME_SHAPE = [
    (RunsPolling.create_and_poll, Runs.create, {"thread_id"}),
    (AsyncRunsPolling.create_and_poll, AsyncRuns.create, {"thread_id"}),
    (RunsPolling.submit_tool_outputs_and_poll, Runs.submit_tool_outputs, {"run_id"}),
    (AsyncRunsPolling.submit_tool_outputs_and_poll, AsyncRuns.submit_tool_outputs, {"run_id"}),
    (ThreadsPolling.create_and_run_poll, Threads.create_and_run, set()),
    (AsyncThreadsPolling.create_and_run_poll, AsyncThreads.create_and_run, set()),
    (FileBatches.create_and_poll, GeneratedFileBatches.create, set()),
    (AsyncFileBatches.create_and_poll, GeneratedAsyncFileBatches.create, set()),
]


@pytest.mark.parametrize(
    ("helper", "method", "by_keyword"),
    SAME_SHAPE,
    ids=lambda v: v.__qualname__ if callable(v) else ",".join(sorted(v)),
)
def test_and_poll_takes_the_arguments_of_the_method(
    helper: Callable[..., Any], method: Callable[..., Any], by_keyword: set[str]
) -> None:
    ours = _rows(helper, drop="poll_interval_ms")
    theirs = _rows(method, drop="stream")
    keyword_only = [(name, "KEYWORD_ONLY", *rest) for name, _, *rest in theirs]
    assert {row for row in ours if row[0] in by_keyword} == {
        row for row in keyword_only if row[0] in by_keyword
    }
    assert [row for row in ours if row[0] not in by_keyword] == [
        row for row in theirs if row[0] not in by_keyword
    ]


@pytest.mark.parametrize(
    "method",
    [Files.create_and_poll, AsyncFiles.create_and_poll],
    ids=lambda f: f.__qualname__,
)
def test_files_create_and_poll_swaps_only_the_positional_id(method: Callable[..., Any]) -> None:
    # The official SDK takes `create_and_poll(file_id, *, vector_store_id)` although `create` is
    # `create(vector_store_id, *, file_id)`; code written for it must keep working, so only the
    # kinds of these two differ from `create`.
    generated = (
        GeneratedFiles.create if method is Files.create_and_poll else GeneratedAsyncFiles.create
    )
    ours = {row[0]: row for row in _rows(method, drop=("poll_interval_ms", "max_wait_seconds"))}
    theirs = {row[0]: row for row in _rows(generated, drop="stream")}
    assert ours.keys() == theirs.keys()
    for name, (_, kind, default, annotation) in ours.items():
        _, their_kind, their_default, their_annotation = theirs[name]
        assert (default, annotation) == (their_default, their_annotation), name
        if name not in ("file_id", "vector_store_id"):
            assert kind == their_kind, name
    assert ours["file_id"][1] == "POSITIONAL_OR_KEYWORD"
    assert ours["vector_store_id"][1] == "KEYWORD_ONLY"


HELPERS = [
    (RunsPolling, AsyncRunsPolling, ["poll", "create_and_poll", "submit_tool_outputs_and_poll"]),
    (ThreadsPolling, AsyncThreadsPolling, ["create_and_run_poll"]),
    (Files, AsyncFiles, ["poll", "create_and_poll", "upload", "upload_and_poll"]),
    (FileBatches, AsyncFileBatches, ["poll", "create_and_poll", "upload_and_poll"]),
]


@pytest.mark.parametrize(
    ("sync_cls", "async_cls", "name"),
    [(s, a, n) for s, a, names in HELPERS for n in names],
    ids=lambda v: v if isinstance(v, str) else v.__name__,
)
def test_async_twin_has_the_same_signature(sync_cls: type, async_cls: type, name: str) -> None:
    sync_method, async_method = getattr(sync_cls, name), getattr(async_cls, name)
    # (unwrapped: a deprecated helper is wrapped by `typing_extensions.deprecated`, whose wrapper
    # is a coroutine function for `inspect` only from Python 3.12 on)
    assert inspect.iscoroutinefunction(inspect.unwrap(async_method))
    assert _rows(sync_method, drop="") == _rows(async_method, drop="")
    interval = inspect.signature(sync_method).parameters.get("poll_interval_ms")
    if name != "upload":
        assert interval is not None
        assert interval.kind is inspect.Parameter.KEYWORD_ONLY
        assert interval.default is NOT_GIVEN


# (ours, the official SDK's), checked on instances so `self` is bound.
def _pairs() -> list[tuple[str, Any, Any]]:
    official = openai.OpenAI(api_key="k")
    from typed_openai import OpenAI

    client = OpenAI(api_key="k")
    runs, threads = RunsPolling(client), ThreadsPolling(client)
    o_runs, o_threads = official.beta.threads.runs, official.beta.threads
    o_files, o_batches = official.vector_stores.files, official.vector_stores.file_batches
    files, batches = client.vector_stores.files, client.vector_stores.file_batches
    return [
        ("runs.poll", runs.poll, o_runs.poll),
        ("runs.create_and_poll", runs.create_and_poll, o_runs.create_and_poll),
        (
            "runs.submit_tool_outputs_and_poll",
            runs.submit_tool_outputs_and_poll,
            o_runs.submit_tool_outputs_and_poll,
        ),
        ("threads.create_and_run_poll", threads.create_and_run_poll, o_threads.create_and_run_poll),
        ("files.poll", files.poll, o_files.poll),
        ("files.create_and_poll", files.create_and_poll, o_files.create_and_poll),
        ("files.upload", files.upload, o_files.upload),
        ("files.upload_and_poll", files.upload_and_poll, o_files.upload_and_poll),
        ("file_batches.poll", batches.poll, o_batches.poll),
        ("file_batches.create_and_poll", batches.create_and_poll, o_batches.create_and_poll),
        ("file_batches.upload_and_poll", batches.upload_and_poll, o_batches.upload_and_poll),
    ]


@pytest.mark.parametrize(
    ("name", "ours", "theirs"), _pairs(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_calls_written_for_the_official_sdk_bind(name: str, ours: Any, theirs: Any) -> None:
    our_params = inspect.signature(ours).parameters
    their_params = inspect.signature(theirs).parameters
    missing = set(their_params) - set(our_params)
    assert not missing, f"{name} lacks {missing}"
    # Every argument the official SDK requires, passed the way it allows, binds to ours too.
    required = [p for p in their_params.values() if p.default is inspect.Parameter.empty]
    positional_count = 0
    for param in required:
        if param.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            positional_count += 1
    args = [f"<{p.name}>" for p in required[:positional_count]]
    kwargs = {p.name: f"<{p.name}>" for p in required[positional_count:]}
    inspect.signature(ours).bind(*args, **kwargs)
    inspect.signature(ours).bind(**{p.name: f"<{p.name}>" for p in required})
