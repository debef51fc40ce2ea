"""`parse()` and `stream()` take every argument of `create()` (except ``stream``), unchanged.

The generator writes the helpers' signatures from create's operation (spec/config.yml
`helpers:`), so type checkers and IDEs see every argument; this test checks the result: same
names, order, kinds, defaults and annotations. Only ``response_format`` differs (it also takes a
model class). The official SDK's helpers take the same names (oracle), so calls written for it
keep working.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import openai
import pytest

from typed_openai._with_helpers.chat import completions as helpers

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
    assert [p.name for p in helper] == [p.name for p in create]
    for ours, theirs in zip(helper, create, strict=True):
        assert ours.kind == theirs.kind, ours.name
        assert ours.default is theirs.default or ours.default == theirs.default, ours.name
        if ours.name == "response_format":
            # a model class, or create's union of request formats
            expected = f"type[ResponseFormatT]|{_normalized(theirs.annotation)}"
            assert _normalized(ours.annotation) == expected
        else:
            assert _normalized(ours.annotation) == _normalized(theirs.annotation)


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
