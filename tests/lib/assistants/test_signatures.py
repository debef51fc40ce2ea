"""The stream helpers take what the methods they wrap take, and what the official SDK's take."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from openai.resources.beta.threads.runs.runs import AsyncRuns as SdkAsyncRuns
from openai.resources.beta.threads.runs.runs import Runs as SdkRuns
from openai.resources.beta.threads.threads import AsyncThreads as SdkAsyncThreads
from openai.resources.beta.threads.threads import Threads as SdkThreads

from typed_openai._with_helpers.beta.threads import AsyncThreads, Threads
from typed_openai._with_helpers.beta.threads.runs import AsyncRuns, Runs
from typed_openai.lib.streaming.assistants import AssistantEventHandler, AsyncAssistantEventHandler

HELPERS = [
    (Runs, SdkRuns, "stream", "create"),
    (AsyncRuns, SdkAsyncRuns, "stream", "create"),
    (Runs, SdkRuns, "submit_tool_outputs_stream", "submit_tool_outputs"),
    (AsyncRuns, SdkAsyncRuns, "submit_tool_outputs_stream", "submit_tool_outputs"),
    (Threads, SdkThreads, "create_and_run_stream", "create_and_run"),
    (AsyncThreads, SdkAsyncThreads, "create_and_run_stream", "create_and_run"),
]
IDS = [f"{ours.__name__}.{helper}" for ours, _, helper, _ in HELPERS]


def _keyword_params(method: Any) -> dict[str, Any]:
    params = list(inspect.signature(method).parameters.values())[1:]  # without self
    return {p.name: p.default for p in params}


@pytest.mark.parametrize(("ours", "sdk", "helper", "wrapped"), HELPERS, ids=IDS)
def test_helper_takes_every_argument_of_the_wrapped_method(
    ours: type, sdk: type, helper: str, wrapped: str
) -> None:
    helper_params = inspect.signature(getattr(ours, helper)).parameters
    wrapped_params = _keyword_params(getattr(ours, wrapped))
    assert set(helper_params) - {"self", "event_handler"} == set(wrapped_params) - {"stream"}
    # everything is keyword-only (path parameters too, as in the SDK)
    kinds = {p.kind for name, p in helper_params.items() if name != "self"}
    assert kinds == {inspect.Parameter.KEYWORD_ONLY}
    assert helper_params["event_handler"].default is None


@pytest.mark.parametrize(("ours", "sdk", "helper", "wrapped"), HELPERS, ids=IDS)
def test_helper_matches_the_sdk(ours: type, sdk: type, helper: str, wrapped: str) -> None:
    del wrapped
    ours_params = inspect.signature(getattr(ours, helper)).parameters
    sdk_params = inspect.signature(getattr(sdk, helper)).parameters
    assert {n: p.kind for n, p in ours_params.items()} == {n: p.kind for n, p in sdk_params.items()}


TWINS = [
    (AssistantEventHandler, AsyncAssistantEventHandler),
    (Runs, AsyncRuns),
    (Threads, AsyncThreads),
]


@pytest.mark.parametrize(("sync", "async_"), TWINS, ids=[t[0].__name__ for t in TWINS])
def test_sync_and_async_twins_match(sync: type, async_: type) -> None:
    names = [n for n in vars(sync) if not n.startswith("__")] + [
        n
        for n in ("stream", "submit_tool_outputs_stream", "create_and_run_stream")
        if hasattr(sync, n)
    ]
    for name in names:
        ours = getattr(sync, name)
        if not callable(ours) or isinstance(ours, type):
            continue
        theirs = getattr(async_, name)
        sync_sig, async_sig = inspect.signature(ours), inspect.signature(theirs)
        assert list(sync_sig.parameters) == list(async_sig.parameters), name
        # the same annotations, but for the async twins of the types they name
        assert [str(p.annotation) for p in sync_sig.parameters.values()] == [
            str(p.annotation).replace("Async", "") for p in async_sig.parameters.values()
        ], name
