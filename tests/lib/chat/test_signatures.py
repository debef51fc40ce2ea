"""`parse()` and `stream()` take every argument of `create()` (except ``stream``), unchanged.

The helpers restate create's keyword arguments so type checkers and IDEs see them; this test is
what keeps the restatement in step when the spec changes create: same names, order, kinds,
defaults and annotations. Only ``response_format`` differs (it also takes a model class). The
official SDK's helpers take the same names (oracle), so calls written for it keep working.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import openai
import pytest

from typed_openai.lib.resources.chat import completions as helpers

REEMIT = "create() changed: re-emit the helpers with `python -m tests.lib.chat.emit_helpers`"

HELPER_CLASSES = [helpers.Completions, helpers.AsyncCompletions]


def _normalized(annotation: Any) -> str:
    return re.sub(r"\s+", "", str(annotation))


def _parameters(function: Any) -> list[inspect.Parameter]:
    return list(inspect.signature(function).parameters.values())


@pytest.mark.parametrize("cls", HELPER_CLASSES, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("method", ["parse", "stream"])
def test_helper_takes_every_create_argument(cls: type[Any], method: str) -> None:
    create = [p for p in _parameters(cls.create) if p.name != "stream"]
    helper = _parameters(getattr(cls, method))
    assert [p.name for p in helper] == [p.name for p in create], REEMIT
    for ours, theirs in zip(helper, create, strict=True):
        assert ours.kind == theirs.kind, ours.name
        assert ours.default is theirs.default or ours.default == theirs.default, ours.name
        if ours.name == "response_format":
            # create's union of request formats, plus a model class
            expected = "type[ResponseFormatT]|ResponseFormatParam|NotGiven"
            assert _normalized(ours.annotation) == expected
            param = _normalized(helpers.ResponseFormatParam)
            assert _normalized(theirs.annotation) == f"{param}|NotGiven", REEMIT
        else:
            assert _normalized(ours.annotation) == _normalized(theirs.annotation), REEMIT


@pytest.mark.parametrize("method", ["parse", "stream"])
def test_same_argument_names_as_the_official_sdk(method: str) -> None:
    ours = {p.name for p in _parameters(getattr(helpers.Completions, method))} - {"self"}
    official_resource = openai.resources.chat.Completions
    theirs = {p.name for p in _parameters(getattr(official_resource, method))} - {"self"}
    assert ours == theirs


def test_async_stream_is_a_plain_method_returning_a_manager() -> None:
    # `async with client.chat.completions.stream(...)`: no await before the `with`.
    assert not inspect.iscoroutinefunction(helpers.AsyncCompletions.stream)
    assert inspect.iscoroutinefunction(helpers.AsyncCompletions.parse)
