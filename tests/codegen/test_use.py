"""`use:` in a config type entry: another schema's type stands for a schema, or at one place.

The official SDK sometimes has one class where the document has two schemas (a grader wrapped in
`allOf` and the grader itself; compact's output items and a response's output items): code that
checks `isinstance(x, <SDK class>)` on an object read from such a place needs that class there."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from codegen.errors import GeneratorError
from tests.codegen import _gen


def _answer(ref: str) -> dict[str, Any]:
    return {
        "description": "ok",
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


_TAGGED = {"type": "object", "properties": {"label": {"type": "string"}}, "required": ["label"]}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "notes", "version": "1"},
    "paths": {
        "/notes": {
            "get": {"operationId": "getNote", "responses": {"200": _answer("Note")}},
            "post": {
                "operationId": "createNote",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Note"}}
                    }
                },
                "responses": {"200": _answer("Note")},
            },
        },
        "/digests": {"get": {"operationId": "getDigest", "responses": {"200": _answer("Digest")}}},
    },
    "components": {
        "schemas": {
            "Tag": _TAGGED,
            "NoteTag": {"type": "object", "allOf": [{"$ref": "#/components/schemas/Tag"}]},
            "Label": _TAGGED,
            "Note": {
                "type": "object",
                "properties": {"tag": {"$ref": "#/components/schemas/NoteTag"}},
                "required": ["tag"],
            },
            "Digest": {
                "type": "object",
                "properties": {
                    "first": {"$ref": "#/components/schemas/Label"},
                    "second": {"$ref": "#/components/schemas/Label"},
                },
            },
        }
    },
}


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[Callable[[dict[str, Any]], str]]:
    """Generate (and import from) a package with these config type entries."""
    made: list[tuple[str, Path]] = []

    def generate(types: dict[str, Any]) -> str:
        _result, package, out = _gen.generate(tmp_path, SPEC, {"types": types})
        _gen.load(out, package)
        made.append((package, out))
        return package

    yield generate
    for package, out in made:
        _gen.unload(package, out)


def _type(package: str, module: str, name: str) -> Any:
    return getattr(importlib.import_module(f"{package}.types.{module}"), name)


def test_a_schema_used_instead_is_the_other_schemas_class_everywhere(generated: Any) -> None:
    package = generated({"NoteTag": {"use": "Tag"}})
    tag, note = _type(package, "tag", "Tag"), _type(package, "note", "Note")
    built = note.model_validate({"tag": {"label": "x"}})
    assert type(built.tag) is tag
    # the schema's own module keeps its name, for that class: isinstance with it holds
    assert _type(package, "note_tag", "NoteTag") is tag
    assert isinstance(built.tag, _type(package, "note_tag", "NoteTag"))
    # on the request side too: its TypedDict twin is the other's
    assert _type(package, "note_tag_param", "NoteTagParam") is _type(
        package, "tag_param", "TagParam"
    )


def test_without_the_entry_the_wrapper_is_a_class_of_its_own(generated: Any) -> None:
    package = generated({})
    built = _type(package, "note", "Note").model_validate({"tag": {"label": "x"}})
    assert type(built.tag) is _type(package, "note_tag", "NoteTag")
    assert type(built.tag) is not _type(package, "tag", "Tag")


def test_a_place_used_instead_changes_that_place_alone(generated: Any) -> None:
    package = generated({"/components/schemas/Digest/properties/second": {"use": "Tag"}})
    digest = _type(package, "digest", "Digest").model_validate(
        {"first": {"label": "a"}, "second": {"label": "b"}}
    )
    assert type(digest.second) is _type(package, "tag", "Tag")
    assert type(digest.first) is _type(package, "label", "Label")  # the other place keeps Label


@pytest.mark.parametrize(
    ("types", "where", "message"),
    [
        ({"NoteTag": {"use": "Nothing"}}, "/types/NoteTag/use", "no schema 'Nothing'"),
        ({"NoteTag": {"use": "Tag", "name": "X"}}, "/types/NoteTag/use", "stands alone"),
        (
            {"/components/schemas/Digest/properties/third": {"use": "Tag"}},
            "/types//components/schemas/Digest/properties/third/use",
            "no schema of the document is at this place",
        ),
        ({"NoSuchSchema": {"use": "Tag"}}, "/types/NoSuchSchema/use", "no schema of the document"),
    ],
)
def test_a_use_that_cannot_apply_is_a_config_error(
    tmp_path: Path, types: dict[str, Any], where: str, message: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, {"types": types})
    assert message in str(caught.value) and where in str(caught.value)
