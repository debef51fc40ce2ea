"""The second names the official SDK exports for renamed or shared types resolve to the same types here."""

from __future__ import annotations

import importlib
import typing

import pytest

openai = pytest.importorskip("openai")

ALIASES = {
    "types.chat": [
        "ChatCompletionToolParam",
        "ChatCompletionMessageToolCall",
        "ChatCompletionMessageToolCallParam",
        "ChatCompletionModality",
        "ChatCompletionReasoningEffort",
        "ChatCompletionRole",
        "CreateChatCompletionRequestMessageParam",
    ],
    "types": [
        "ChatModel",
        "ComparisonFilter",
        "CompoundFilter",
        "ErrorObject",
        "FunctionDefinition",
        "FunctionParameters",
        "Metadata",
        "Reasoning",
        "ReasoningEffort",
        "ResponseFormatJSONObject",
        "ResponseFormatJSONSchema",
        "ResponseFormatText",
        "ResponsesModel",
    ],
}


def _shape(tp: object) -> object:
    """A comparable description of a type: class names, literal values, union members."""
    if isinstance(tp, type):
        return tp.__name__
    args = typing.get_args(tp)
    if not args:
        return repr(tp)
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return ("Literal", frozenset(args))
    return (getattr(origin, "__name__", repr(origin)), frozenset(_shape(a) for a in args))


@pytest.mark.parametrize(
    ("package", "name"), [(p, n) for p, names in ALIASES.items() for n in names]
)
def test_alias_resolves_like_the_sdk(package: str, name: str) -> None:
    import typed_openai

    ours = getattr(importlib.import_module(f"typed_openai.{package}"), name)
    theirs = getattr(importlib.import_module(f"openai.{package}"), name)
    if package == "types":
        # the SDK's root name is its shared type; so is ours (their values follow each side's spec)
        assert theirs is getattr(openai.types.shared, name)
        assert ours is getattr(importlib.import_module("typed_openai.types.shared"), name)
    else:
        assert _shape(ours) == _shape(theirs)
    # reachable as an attribute chain after a bare import, as user code writes it
    node: object = typed_openai
    for part in [*package.split("."), name]:
        node = getattr(node, part)
    assert node is ours
