"""`copy_of:` in a config type entry: a schema generated again as a class of its own.

The official SDK sometimes has a lenient class of its own at one place of a shape that is strict
elsewhere (a stream chunk's audio, whose fields all may be missing, vs a message's audio); the
copy takes the SDK's name and module, and `optional:` loosens the copy alone."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pydantic
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
            "Note": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "tag": {"type": "object", "properties": {"label": {"type": "string"}}},
                },
                "required": ["id", "tag"],
            }
        }
    },
}
COPY = {"copy_of": "Note", "name": "NoteDelta", "module": "deltas/note_delta"}


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[Callable[..., tuple[str, Path]]]:
    """Generate (and import from) a package whose config has the copy entry, with changes."""
    made: list[tuple[str, Path]] = []

    def generate(**entry: Any) -> tuple[str, Path]:
        config = {"types": {"NoteDelta": {**COPY, **entry}}}
        _result, package, out = _gen.generate(tmp_path, SPEC, config)
        _gen.load(out, package)
        made.append((package, out))
        return package, out

    yield generate
    for package, out in made:
        _gen.unload(package, out)


def test_the_copy_is_a_class_of_its_own_loosened_alone(generated: Any) -> None:
    package, _out = generated(optional=["id", "tag"])
    delta = importlib.import_module(f"{package}.types.deltas.note_delta").NoteDelta
    note = importlib.import_module(f"{package}.types.note").Note
    assert delta is not note
    assert delta().id is None and delta().tag is None  # the copy's fields may be left out
    with pytest.raises(pydantic.ValidationError):
        note()  # the schema's own class keeps the document's required list
    built = delta(id="n1", tag={"label": "x"})
    # the copy shares the schema's nested types
    assert type(built.tag) is type(note(id="n1", tag={"label": "x"}).tag)


def test_the_operation_still_returns_the_schemas_own_class(generated: Any) -> None:
    package, out = generated()
    source = next((out / package / "_generated").rglob("notes.py")).read_text()
    assert f"from {package}.types.note import Note" in source
    assert "NoteDelta" not in source


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"copy_of": "Nothing"}, "no schema 'Nothing'"),
        ({"module": None}, "a copy is"),
        ({"param": {"name": "NoteDeltaParam"}}, "a copy is"),
    ],
)
def test_a_copy_that_cannot_be_made_is_a_config_error(
    tmp_path: Path, entry: dict[str, Any], message: str
) -> None:
    config = {"types": {"NoteDelta": {**COPY, **entry}}}
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, config)
    assert message in str(caught.value) and "/types/NoteDelta" in str(caught.value)


def test_a_copys_key_is_not_a_schemas_name(tmp_path: Path) -> None:
    config = {"types": {"Note": {**COPY}}}
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, config)
    assert "must not be a schema's name" in str(caught.value)
