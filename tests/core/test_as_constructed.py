"""`_core._as_constructed`: which models of an answer get the API names of aliased fields as extras
and a fields set without the unknown keys (those reached through no union), whichever way the
answer was built (validated in one pass, or leniently), and that a type holding no model through
lists and dicts has no plan at all (its answers are not walked)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from typed_openai._core import BaseModel
from typed_openai._core._as_constructed import _plan  # pyright: ignore[reportPrivateUsage]
from typed_openai._core._models import parse_json, parse_value
from typed_openai.types import FileObject


class Leaf(BaseModel):
    api_name: int = Field(alias="api-name")


class Tree(BaseModel):
    children: list[Tree] = Field(default_factory=list)
    leaves: dict[str, Leaf] = Field(default_factory=dict)
    maybe: Leaf | None = None


class Plain(BaseModel):
    children: list[Plain] = Field(default_factory=list)
    name: str = ""


def test_only_types_holding_a_model_outside_unions_have_a_plan() -> None:
    assert _plan(FileObject) is not None
    assert _plan(list[FileObject]) is not None
    assert _plan(dict[str, Plain]) is not None
    assert _plan(FileObject | None) is None  # the SDK validates: nothing to change
    assert _plan(list[int]) is None
    assert _plan(str) is None


def test_unknown_keys_are_not_in_the_fields_set_at_every_depth_but_under_a_union() -> None:
    data = {
        "children": [{"leaves": {}, "new": 1, "maybe": {"api-name": 2, "new": 2}}],
        "leaves": {"b": {"api-name": 3, "new": 3}},
        "new": 0,
    }
    invalid_leaf = {"c": {"api-name": "not an int", "new": 4}}
    lenient = {**data, "children": [{**data["children"][0], "leaves": invalid_leaf}]}
    # the last: its child is built field by field, the rest validated
    for tree in (
        parse_json(Tree, json.dumps(data)),
        parse_value(Tree, data),
        parse_value(Tree, lenient),
    ):
        assert tree.model_fields_set == {"children", "leaves"}
        assert tree.leaves["b"].model_fields_set == {"api_name"}
        child = tree.children[0]
        assert child.model_fields_set == {"leaves", "maybe"}
        assert child.maybe is not None and child.maybe.model_fields_set == {"api_name", "new"}
        assert (tree.model_extra, child.model_extra) == ({"new": 0}, {"new": 1})  # still kept
        assert tree.model_dump(exclude_unset=True, warnings=False)["new"] == 0
    assert tree.children[0].leaves["c"].model_fields_set == {"api_name"}


def test_models_users_validate_keep_pydantic_fields_set() -> None:
    assert Plain.model_validate({"name": "a", "new": 1}).model_fields_set == {"name", "new"}


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
