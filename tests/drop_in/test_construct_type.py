"""``_models.construct_type`` of an object that fits no member of its union: replay tools and proxies
rebuild recorded answers with it, then read the result as the official SDK's helper built it.

The official helper builds such an object (an unknown tag of a discriminated union, or data no
member of a plain union validates) as the union's first member, keeping the tag as sent; a known
tag picks its member even when the data does not validate. Each case runs against both packages
and compares the class and the values a user reads.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, Literal

import pytest

from .conftest import run_both

# (where the union lives under <package>.types, its name, the value built)
CASES: dict[str, tuple[str, str, object]] = {
    "an unknown output item type": (
        "responses",
        "ResponseOutputItem",
        {"type": "brand_new_item", "id": "x", "status": "completed"},
    ),
    "an output item without its type": ("responses", "ResponseOutputItem", {"id": "x"}),
    "an empty type": ("responses", "ResponseOutputItem", {"type": "", "id": "x"}),
    "a known type that does not validate": (
        "responses",
        "ResponseOutputItem",
        {"type": "reasoning", "id": 3},
    ),
    "an unknown tool call type": (
        "chat",
        "ChatCompletionMessageToolCallUnion",
        {"type": "weird", "id": "c", "weird": {"a": 1}},
    ),
    "a string where a model is due": ("responses", "ResponseOutputItem", "hello"),
}


def _seen(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return (
            type(value).__name__,
            value.model_dump(warnings=False),
            sorted(value.model_fields_set),
        )
    return (type(value).__name__, value)


@pytest.mark.parametrize("case", CASES)
def test_a_union_member_is_picked_as_the_sdks_helper_does(case: str) -> None:
    module, name, value = CASES[case]

    def build(sdk: ModuleType) -> Any:
        models = importlib.import_module(f"{sdk.__name__}._models")
        union = getattr(importlib.import_module(f"{sdk.__name__}.types.{module}"), name)
        return _seen(models.construct_type(value=value, type_=union))

    ours, theirs = run_both(build)
    assert ours == theirs


def test_an_unknown_item_inside_a_recorded_answer() -> None:
    recorded = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "model": "gpt-4o",
        "output": [
            {"type": "brand_new_item", "id": "n1", "note": "later"},
            {"type": "reasoning", "id": "r1", "summary": []},
        ],
    }

    def build(sdk: ModuleType) -> Any:
        models = importlib.import_module(f"{sdk.__name__}._models")
        response = models.construct_type_unchecked(
            value=recorded, type_=sdk.types.responses.Response
        )
        return [_seen(item) for item in response.output]

    ours, theirs = run_both(build)
    assert ours == theirs
    assert [kind for kind, *_ in ours] == ["ResponseOutputMessage", "ResponseReasoningItem"]


def test_a_plain_union_of_the_users_models() -> None:
    """No discriminator: the first member that validates, else the first member."""

    def build(sdk: ModuleType) -> Any:
        models = importlib.import_module(f"{sdk.__name__}._models")

        class Cat(models.BaseModel):
            kind: Literal["cat"]
            lives: int

        class Dog(models.BaseModel):
            kind: Literal["dog"]
            tricks: list[str]

        pet: Any = Cat | Dog | None
        return [
            _seen(models.construct_type(value=value, type_=pet))
            for value in (
                {"kind": "dog", "tricks": ["sit"]},
                {"kind": "dog"},  # its tag names Dog, but without a discriminator it is no hint
                {"kind": "fish", "fins": 2},
                None,
            )
        ]

    ours, theirs = run_both(build)
    assert ours == theirs
    assert [seen[0] for seen in ours] == ["Dog", "Cat", "Cat", "NoneType"]
