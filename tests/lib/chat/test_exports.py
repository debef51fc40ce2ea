"""The public names of the chat helpers, where code written for the official SDK looks for them."""

from __future__ import annotations

import importlib

import openai.lib.streaming.chat as official_streaming
import pytest

import typed_openai
import typed_openai.lib.streaming.chat as streaming


def test_streaming_module_offers_the_official_names() -> None:
    official = {name for name in vars(official_streaming) if name[0].isupper()}
    assert official <= set(streaming.__all__)
    for name in streaming.__all__:
        assert getattr(streaming, name) is not None


@pytest.mark.parametrize(
    "name", ["pydantic_function_tool", "LengthFinishReasonError", "ContentFilterFinishReasonError"]
)
def test_top_level_names(name: str) -> None:
    assert getattr(typed_openai, name) is getattr(_defining_module(name), name)


def _defining_module(name: str) -> object:
    modules = {
        "pydantic_function_tool": "typed_openai.lib._tools",
        "LengthFinishReasonError": "typed_openai.lib._parsing._errors",
        "ContentFilterFinishReasonError": "typed_openai.lib._parsing._errors",
    }
    return importlib.import_module(modules[name])


def test_events_are_told_apart_by_type() -> None:
    literal_types = set()
    for cls in streaming.ChatCompletionStreamEvent.__args__:  # type: ignore[attr-defined]
        origin = getattr(cls, "__pydantic_generic_metadata__", {}).get("origin") or cls
        literal_types.add(origin.model_fields["type"].default)
    assert literal_types == {
        "chunk",
        "content.delta",
        "content.done",
        "refusal.delta",
        "refusal.done",
        "tool_calls.function.arguments.delta",
        "tool_calls.function.arguments.done",
        "logprobs.content.delta",
        "logprobs.content.done",
        "logprobs.refusal.delta",
        "logprobs.refusal.done",
    }
