"""Config `packages:`, `aliases:` and an `also:` path in the types package itself.

The official SDK has types packages without a type of their own (`types.beta.chat`), names it
defines outside any schema (`ParseableToolParam`, a Union of two TypedDicts; `FileContent = str`;
the 1.x paths of params under `types.beta`) and names in `types` itself (`types.AllModels`): code
importing any of them must run here too."""

from __future__ import annotations

import copy
import importlib
import typing
from pathlib import Path
from typing import Any

import pytest

from codegen.errors import GeneratorError
from tests.codegen import _gen

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "notes", "version": "1"},
    "paths": {
        "/notes": {
            "post": {
                "operationId": "createNote",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/NoteIn"}}
                    }
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Note"}}
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Note": {
                "type": "object",
                "properties": {"id": {"type": "string"}},
                "required": ["id"],
            },
            "NoteIn": {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "tag": {"$ref": "#/components/schemas/Tag"},
                },
            },
            "Tag": {"type": "object", "properties": {"label": {"type": "string"}}},
        }
    },
}
NAMES = {
    "Note": {"name": "Note", "module": "notes/note"},
    "Tag": {
        "name": "Tag",
        "module": "notes/tag",
        "param": {"name": "TagParam", "module": "notes/tag_param"},
    },
}


def _module(package: str, dotted: str) -> Any:
    return importlib.import_module(f"{package}.types.{dotted}" if dotted else f"{package}.types")


def test_a_configured_package_exists_empty_and_is_an_attribute_of_its_parent(
    tmp_path: Path,
) -> None:
    config = {"types": NAMES, "packages": ["notes.drafts", "archive"]}
    _result, package, out = _gen.generate(tmp_path, SPEC, config)
    _gen.load(out, package)
    try:
        drafts = _module(package, "notes.drafts")
        assert drafts.__name__.endswith("notes.drafts") and hasattr(drafts, "__path__")
        assert _module(package, "notes").drafts is drafts
        assert _module(package, "").archive is _module(package, "archive")
    finally:
        _gen.unload(package, out)


def test_a_configured_package_that_is_a_module_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, {"types": NAMES, "packages": ["notes.note"]})
    assert "/packages/notes.note" in str(caught.value)


def test_aliases_define_unions_of_schemas_and_builtins_and_reexport_generated_names(
    tmp_path: Path,
) -> None:
    config = {
        "types": NAMES,
        "aliases": {
            "notes.note": {"NoteOrText": {"of": ["Note", "str"]}},
            "notes.tag_param": {"AnyTagParam": {"of": ["Tag", "int"], "param": True}},
            "content": {"Content": {"of": ["str"]}},
            "notes.legacy": {"CreateParams": "note_create_note_params:NoteCreateNoteParams"},
        },
    }
    _result, package, out = _gen.generate(tmp_path, SPEC, config)
    _gen.load(out, package)
    try:
        note = _module(package, "notes.note")
        assert typing.get_args(note.NoteOrText) == (note.Note, str)
        tag_param = _module(package, "notes.tag_param")
        assert typing.get_args(tag_param.AnyTagParam) == (tag_param.TagParam, int)
        assert _module(package, "content").Content is str
        assert _module(package, "").Content is str  # the package lists its modules' names
        params = _module(package, "note_create_note_params").NoteCreateNoteParams
        assert _module(package, "notes.legacy").CreateParams is params
    finally:
        _gen.unload(package, out)


def _with_union(*members: str) -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["Entry"] = {
        "oneOf": [{"$ref": f"#/components/schemas/{m}"} for m in members]
    }
    return spec


def test_an_alias_without_some_members_is_the_rest_of_the_union_as_the_document_grows(
    tmp_path: Path,
) -> None:
    """`{of: [Union], without: [...]}`: the union's other members, in its order, so a hand-written
    union that replaces those (the `responses.stream()` events) follows a member the document
    adds."""
    config = {
        "types": NAMES,
        "aliases": {"notes.note": {"Rest": {"of": ["Entry"], "without": ["Tag"]}}},
    }
    for number, members in enumerate([("Note", "Tag"), ("Note", "Tag", "NoteIn")]):
        (tmp_path / str(number)).mkdir()
        _result, package, out = _gen.generate(tmp_path / str(number), _with_union(*members), config)
        _gen.load(out, package)
        try:
            rest = _module(package, "notes.note").Rest
            note = _module(package, "notes.note").Note
            if "NoteIn" in members:  # the member the document added
                assert typing.get_args(rest) == (note, _module(package, "note_in").NoteIn)
            else:
                assert rest is note
        finally:
            _gen.unload(package, out)


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ({"notes.note": {"X": {"of": ["Entry"], "without": ["Note", "Nope"]}}}, "Nope"),
        ({"notes.note": {"X": {"of": ["Note"], "without": ["Note"]}}}, "members of a union"),
        ({"notes.note": {"X": {"of": ["Entry", "Tag"], "without": ["Tag"]}}}, "one union"),
        ({"notes.note": {"X": {"of": ["Entry"], "without": "Tag"}}}, "one union"),
    ],
)
def test_an_alias_without_what_the_union_lacks_is_a_config_error(
    tmp_path: Path, aliases: dict[str, Any], message: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, _with_union("Note", "Tag"), {"types": NAMES, "aliases": aliases})
    assert message in str(caught.value) and "/aliases/notes.note/" in str(caught.value)


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ({"notes.note": {"X": {"of": ["Nothing"]}}}, "neither a schema nor a builtin"),
        ({"notes.note": {"X": {"of": ["Note"], "param": True}}}, "no request-side type"),
        ({"notes.note": {"Note": {"of": ["str"]}}}, "already a type of"),
        ({"notes.note": {"X": {"of": []}}}, "an alias is 'module:Name'"),
        ({"notes.note": {"X": "nothing"}}, "an alias is 'module:Name'"),
    ],
)
def test_an_alias_that_cannot_be_made_is_a_config_error(
    tmp_path: Path, aliases: dict[str, Any], message: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, {"types": NAMES, "aliases": aliases})
    assert message in str(caught.value) and "/aliases/notes.note/" in str(caught.value)


def test_an_also_path_in_the_types_package_itself(tmp_path: Path) -> None:
    config = {"types": {**NAMES, "Note": {**NAMES["Note"], "also": [".:TopNote"]}}}
    _result, package, out = _gen.generate(tmp_path, SPEC, config)
    _gen.load(out, package)
    try:
        assert _module(package, "").TopNote is _module(package, "notes.note").Note
    finally:
        _gen.unload(package, out)
