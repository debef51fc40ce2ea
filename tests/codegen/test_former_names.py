"""`former:` in a config type entry: the paths an earlier configuration gave a model stay importable.

Renaming a type to the official SDK's name and module (the SDK's `ResponseCompactionItemParam`, a
model despite its suffix) would otherwise remove the module users of this client imported it from."""

from __future__ import annotations

import importlib
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
            "get": {
                "operationId": "getNote",
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
            "Note": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}
        }
    },
}
RENAMED = {"name": "NoteItem", "module": "items/note_item"}


def test_a_former_path_is_the_renamed_model(tmp_path: Path) -> None:
    config = {"types": {"Note": {**RENAMED, "former": ["note:Note", "old.notes:OldNote"]}}}
    _result, package, out = _gen.generate(tmp_path, SPEC, config)
    _gen.load(out, package)
    try:
        model = importlib.import_module(f"{package}.types.items.note_item").NoteItem
        assert importlib.import_module(f"{package}.types.note").Note is model
        assert importlib.import_module(f"{package}.types.old.notes").OldNote is model
        assert isinstance(model(id="n1"), importlib.import_module(f"{package}.types.note").Note)
    finally:
        _gen.unload(package, out)


def test_an_also_path_is_the_same_model(tmp_path: Path) -> None:
    config = {"types": {"Note": {**RENAMED, "also": ["items:ListedNote"]}}}
    _result, package, out = _gen.generate(tmp_path, SPEC, config)
    _gen.load(out, package)
    try:
        model = importlib.import_module(f"{package}.types.items.note_item").NoteItem
        assert importlib.import_module(f"{package}.types.items").ListedNote is model
    finally:
        _gen.unload(package, out)


def test_a_param_also_path_is_the_same_typeddict(tmp_path: Path) -> None:
    param = {"name": "NoteItemParam", "module": "items/note_item_param", "also": ["items:NoteIn"]}
    config = {"types": {"Note": {**RENAMED, "param": param}}}
    _result, package, out = _gen.generate(tmp_path, SPEC, config)
    _gen.load(out, package)
    try:
        typed_dict = importlib.import_module(f"{package}.types.items.note_item_param").NoteItemParam
        assert importlib.import_module(f"{package}.types.items").NoteIn is typed_dict
    finally:
        _gen.unload(package, out)


def test_without_it_the_old_module_is_gone(tmp_path: Path) -> None:
    _result, package, out = _gen.generate(tmp_path, SPEC, {"types": {"Note": RENAMED}})
    _gen.load(out, package)
    try:
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module(f"{package}.types.note")
    finally:
        _gen.unload(package, out)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({**RENAMED, "former": ["note"]}, "a list of 'module:Name'"),
        ({**RENAMED, "former": "note:Note"}, "a list of 'module:Name'"),
        ({"former": ["note:Note"]}, "need the entry's name and module"),
        ({**RENAMED, "also": ["note"]}, "a list of 'module:Name'"),
        ({"also": ["note:Note"]}, "need the entry's name and module"),
    ],
)
def test_a_former_path_that_cannot_be_made_is_a_config_error(
    tmp_path: Path, entry: dict[str, Any], message: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, {"types": {"Note": entry}})
    key = "also" if "also" in entry else "former"
    assert message in str(caught.value) and f"/types/Note/{key}" in str(caught.value)
