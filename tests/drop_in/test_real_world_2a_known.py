"""Sweep 2A's deliberate differences from the official SDK, each pinned as a plain test of both
sides with its reason (the programs of the other test_real_world_2a_* files leave these out).
"""

from __future__ import annotations

import functools
import importlib
import inspect
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .test_real_world_apps import chat_completion

ASK = [{"role": "user", "content": "hi"}]


def test_a_class_patch_sees_no_marker_of_a_raw_call(server: ScriptedServer) -> None:
    """A tracer patching ``Completions.create`` on the class gets the caller's keyword arguments
    from a raw or streaming-response call here; the SDK adds its own marker to them,
    ``extra_headers={"X-Stainless-Raw-Response": "true"}`` (``"stream"``), which also goes out
    on the wire. Ours tells such a call by the wrapper it came through, not by a header, so a
    patch that sets ``extra_headers`` of its own cannot turn a raw call into a plain one (in
    the SDK it can); what reaches the server is the same apart from the SDK's x-stainless-*
    headers. Both return the raw answer to the patch."""

    def patched_sees(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.json(chat_completion({"role": "assistant", "content": "x"}))
        cls = importlib.import_module(f"{sdk.__name__}.resources.chat.completions").Completions
        original = cls.create
        seen: list[Any] = []

        @functools.wraps(original)
        def traced(self: Any, *args: Any, **kwargs: Any) -> Any:
            result = original(self, *args, **kwargs)
            seen.append((kwargs.get("extra_headers"), hasattr(result, "parse")))
            return result

        cls.create = traced
        try:
            with client_of(sdk, server.url + "/v1") as client:
                client.chat.completions.with_raw_response.create(model="gpt-4o", messages=ASK)
                with client.chat.completions.with_streaming_response.create(
                    model="gpt-4o", messages=ASK
                ) as response:
                    response.parse()
        finally:
            cls.create = original
        return seen

    ours, theirs = run_both(patched_sees)
    assert ours == [(None, True), (None, True)]
    assert theirs == [
        ({"X-Stainless-Raw-Response": "true"}, True),
        ({"X-Stainless-Raw-Response": "stream"}, True),
    ]


@pytest.mark.xfail(
    strict=True,
    reason="open: the generated methods' optional arguments default to NOT_GIVEN (timeout too); "
    "the SDK's default to its `omit` object (timeout to `not_given`), which code inspecting "
    "the signature (`param.default is openai.omit`) tells apart. Changing the generator's "
    "defaults needs every hand-written helper that reads its arguments with "
    "isinstance(..., NotGiven) to use left_out() first.",
)
def test_optional_arguments_default_to_the_sdks_sentinels() -> None:
    """A tracer binding a call's arguments with their defaults (``bound.apply_defaults()``) and
    keeping only the given ones by ``value is not openai.omit``."""

    def defaults(sdk: ModuleType) -> Any:
        method = importlib.import_module(f"{sdk.__name__}.resources.chat.completions").Completions
        parameters = inspect.signature(method.create).parameters
        return (
            parameters["temperature"].default is sdk.omit,
            parameters["timeout"].default is sdk.not_given,
        )

    ours, theirs = run_both(defaults)
    assert theirs == (True, True)
    assert ours == theirs
