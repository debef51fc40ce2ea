"""`_core._sent_names`: which answers get the API names of aliased fields as extras, and that the
plan of a type with no such path is no plan at all (its answers are not walked)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from typed_openai._core import BaseModel
from typed_openai._core._models import parse_json, parse_value
from typed_openai._core._sent_names import _plan  # pyright: ignore[reportPrivateUsage]
from typed_openai.types import FileObject, ModerationCreateResponse


class Leaf(BaseModel):
    api_name: int = Field(alias="api-name")


class Tree(BaseModel):
    children: list[Tree] = Field(default_factory=list)
    leaves: dict[str, Leaf] = Field(default_factory=dict)
    maybe: Leaf | None = None


class Plain(BaseModel):
    children: list[Plain] = Field(default_factory=list)
    name: str = ""


def test_types_without_aliased_models_have_no_plan() -> None:
    assert _plan(FileObject) is None
    assert _plan(list[FileObject]) is None
    assert _plan(Plain) is None  # recursive, nothing to keep: not walked
    assert _plan(ModerationCreateResponse) is not None


def test_recursive_types_keep_names_at_every_depth_but_not_under_a_union() -> None:
    data = {
        "children": [{"leaves": {"a": {"api-name": 1}}, "maybe": {"api-name": 2}}],
        "leaves": {"b": {"api-name": 3}},
    }
    for tree in (parse_json(Tree, json.dumps(data)), parse_value(Tree, data)):
        assert tree.leaves["b"].model_extra == {"api-name": 3}
        child = tree.children[0]
        assert child.leaves["a"].model_extra == {"api-name": 1}
        assert child.maybe is not None and child.maybe.model_extra == {}  # the SDK validates it


def test_models_users_validate_stay_plain() -> None:
    assert Leaf.model_validate({"api-name": 1}).model_extra == {}
    sent: dict[str, Any] = {"api-name": 1}
    assert Leaf(**sent).model_extra == {}
    assert Leaf.construct(**sent).model_extra == {"api-name": 1}
