"""The order a model lists its fields in (what `repr`, `print()` and `to_json()` show), as the
official SDK's: required fields first, `id` leading, the rest by wire name, then the optional
ones; a model whose config entry says `subclass: true` lists the fields of the schema its `allOf`
extends first, in that schema's order (a field it makes required stays there), as the SDK's
subclass does; a `copy_of:` copy keeps its loosened fields where the required list puts them."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from codegen.errors import GeneratorError
from tests.codegen import _gen


def _object(props: list[str], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {p: {"type": "string"} for p in props},
        "required": required,
    }


SCHEMAS: dict[str, Any] = {
    # a base whose `id` is optional, and two that extend it, each making `id` required
    "Call": _object(["type", "call_id", "output", "id", "caller"], ["type", "call_id", "output"]),
    "CallItem": {
        "allOf": [
            {"$ref": "#/components/schemas/Call"},
            _object(["id", "status", "created_by"], ["id", "status"]),
        ]
    },
    "CallRecord": {
        "allOf": [
            {"$ref": "#/components/schemas/Call"},
            _object(["id", "status", "created_by"], ["id", "status"]),
        ]
    },
    # an extension of an extension
    "CallItemPlus": {
        "allOf": [{"$ref": "#/components/schemas/CallItem"}, _object(["alpha"], ["alpha"])]
    },
    "Flat": _object(["zeta", "pattern", "type", "url"], ["zeta", "pattern", "type", "url"]),
}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "calls", "version": "1"},
    "paths": {
        "/calls": {
            "get": {
                "operationId": "getCall",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Call"}}
                        },
                    }
                },
            }
        }
    },
    "components": {"schemas": SCHEMAS},
}


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[Callable[[dict[str, Any]], str]]:
    made: list[tuple[str, Path]] = []

    def generate(types: dict[str, Any]) -> str:
        _result, package, out = _gen.generate(tmp_path, SPEC, {"types": types})
        _gen.load(out, package)
        made.append((package, out))
        return package

    yield generate
    for package, out in made:
        _gen.unload(package, out)


def _fields(package: str, module: str, name: str) -> list[str]:
    return list(getattr(importlib.import_module(f"{package}.types.{module}"), name).model_fields)


def test_a_subclass_lists_its_bases_fields_first_in_the_bases_order(generated: Any) -> None:
    package = generated({"CallItem": {"subclass": True}, "CallItemPlus": {"subclass": True}})
    base = ["call_id", "output", "type", "id", "caller"]
    assert _fields(package, "call", "Call") == base
    # `id` is required here, yet stays where the base lists it; then its own fields
    assert _fields(package, "call_item", "CallItem") == [*base, "status", "created_by"]
    assert _fields(package, "call_item_plus", "CallItemPlus") == [
        *base,
        "status",
        "created_by",
        "alpha",
    ]
    # the same allOf without `subclass:` is flat: required first, `id` leading
    assert _fields(package, "call_record", "CallRecord") == [
        "id",
        "call_id",
        "output",
        "status",
        "type",
        "caller",
        "created_by",
    ]


def test_a_copys_loosened_fields_keep_their_place(generated: Any) -> None:
    package = generated(
        {
            "Flat": {"optional": ["zeta"]},
            "FlatCopy": {
                "copy_of": "Flat",
                "name": "FlatCopy",
                "module": "flat_copy",
                "optional": ["pattern", "url"],
            },
        }
    )
    # `optional:` on the schema: listed with the optional fields
    assert _fields(package, "flat", "Flat") == ["pattern", "type", "url", "zeta"]
    # on a copy: where the document's required list puts them
    assert _fields(package, "flat_copy", "FlatCopy") == ["pattern", "type", "url", "zeta"]


def test_subclass_needs_an_allof_to_extend(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, {"types": {"Flat": {"subclass": True}}})
    assert "/types/Flat/subclass" in str(caught.value)
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, {"types": {"CallItem": {"subclass": "yes"}}})
    assert "subclass is true or false" in str(caught.value)
