"""Specification extensions (`x-…` keys) annotate a schema and change nothing generated.

spec/openapi.yml marks with `x-sdk-newer: true` the properties it takes from the official SDK
where the upstream document lacks them (tests/spec/test_spec_matches_upstream.py leaves exactly
those out of its comparison); a marked property must generate as it would unmarked, whatever its
shape: a `$ref`, a nullable `anyOf`, an untyped (`{}`) or validation-only schema, an inline object.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from codegen.spec_view import SchemaObject
from tests.codegen import _gen

PROPERTIES: dict[str, Any] = {
    "by_ref": {"$ref": "#/components/schemas/Tag", "description": "A tag."},
    "nullable_ref": {"anyOf": [{"$ref": "#/components/schemas/Tag"}, {"type": "null"}]},
    "anything": {"description": "Any value."},
    "anything_or_null": {"anyOf": [{}, {"type": "null"}]},
    "short_text": {"maxLength": 5},
    "flag": {"type": "boolean"},
    "kind": {"type": "string", "enum": ["a", "b"]},
    "inline": {"type": "object", "properties": {"count": {"type": "integer"}}},
    "wrapped": {"allOf": [{"$ref": "#/components/schemas/Tag"}, {"description": "Wrapped."}]},
}


def _spec(mark: bool) -> dict[str, Any]:
    props = copy.deepcopy(PROPERTIES)
    if mark:
        for schema in props.values():
            schema["x-sdk-newer"] = True
        props["inline"]["properties"]["count"]["x-note"] = "nested"
    pet = {"type": "object", "properties": props, "required": ["flag"]}
    return {
        "openapi": "3.1.0",
        "info": {"title": "pets", "version": "1"},
        "paths": {
            "/pets": {
                "post": {
                    "operationId": "createPet",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Pet": pet,
                "Tag": {"type": "object", "properties": {"n": {"type": "string"}}},
            }
        },
    }


def _files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.suffix in (".py", ".json", ".md")
    }


def test_extension_keys_are_annotations() -> None:
    schema = SchemaObject({"anyOf": [{}, {"type": "null"}], "x-sdk-newer": True})
    assert schema.keywords == frozenset({"anyOf"})
    assert schema.get("x-sdk-newer") is True  # still readable by whoever looks for it


def test_a_marked_property_generates_as_it_would_unmarked(tmp_path: Path) -> None:
    package = "ext_pkg"
    (tmp_path / "plain").mkdir()
    (tmp_path / "marked").mkdir()
    _gen.generate(tmp_path / "plain", _spec(mark=False), package=package)
    _gen.generate(tmp_path / "marked", _spec(mark=True), package=package)
    plain = _files(tmp_path / "plain" / "out" / package)
    marked = _files(tmp_path / "marked" / "out" / package)
    assert plain and set(plain) == set(marked)
    assert [name for name in plain if plain[name] != marked[name]] == []
