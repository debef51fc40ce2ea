"""`result_by:` on a method: the answer's type follows an argument's value (as the official SDK's
transcriptions follow `response_format`) instead of the answer's shape choosing a union member."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from codegen.config import parse_config
from codegen.errors import GeneratorError
from tests.codegen import _gen


def _obj(*names: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {n: {"type": "string"} for n in names},
        "required": list(names),
    }


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "notes", "version": "1"},
    "paths": {
        "/notes": {
            "post": {
                "operationId": "createNote",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "format": {"type": "string", "enum": ["short", "long", "text"]}
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "anyOf": [
                                        {"$ref": "#/components/schemas/Short"},
                                        {"$ref": "#/components/schemas/Long"},
                                    ]
                                }
                            },
                            "text/plain": {"schema": {"type": "string"}},
                        },
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Short": _obj("text"), "Long": _obj("text", "detail")}},
}


def _config(**result_by: Any) -> dict[str, Any]:
    rule = {
        "argument": "format",
        "types": {"short": "Short", "long": "Long", "text": "str"},
        "default": "Short",
        **result_by,
    }
    return {
        "resources": {
            "notes": {"methods": {"create": {"operation": "createNote", "result_by": rule}}}
        }
    }


def test_the_call_casts_to_the_type_the_argument_picks(tmp_path: Path) -> None:
    _result, package, out = _gen.generate(tmp_path, SPEC, _config())
    source = "\n".join(p.read_text() for p in (out / package).rglob("notes.py"))
    assert "result_type_by(" in source
    assert '"long": Long' in source and '"text": str' in source


def _signatures(source: str) -> list[tuple[str, str]]:
    """Each `create` signature of the sync class: (its `format` argument, what it returns)."""
    sync = source.split("class AsyncNotes", 1)[0]
    found = re.findall(r"def create\(.*?format: ([^\n]*),\n.*?\) -> ([^:]*):", sync, re.S)
    return [(arg, returns) for arg, returns in found]


def test_the_overloads_type_the_result_by_the_arguments_value(tmp_path: Path) -> None:
    _result, package, out = _gen.generate(tmp_path, SPEC, _config())
    source = "\n".join(p.read_text() for p in (out / package).rglob("notes.py"))
    assert _signatures(source) == [
        ('Literal["short"] | NotGiven | Omit = NOT_GIVEN', "Short"),  # the default: may be left out
        ('Literal["long"]', "Long"),
        ('Literal["text"]', "str"),
        ('Literal["short", "long", "text"] | NotGiven | Omit = NOT_GIVEN', "Short | Long | str"),
        ('Literal["short", "long", "text"] | NotGiven | Omit = NOT_GIVEN', "Short | Long | str"),
    ]
    assert source.count("@overload") == 8  # four in the sync class, four in the async one


def test_values_picking_one_type_share_its_overload(tmp_path: Path) -> None:
    config = _config(types={"short": "Short", "long": "str", "text": "str"})
    _result, package, out = _gen.generate(tmp_path, SPEC, config)
    source = "\n".join(p.read_text() for p in (out / package).rglob("notes.py"))
    assert _signatures(source)[1] == ('Literal["long", "text"]', "str")


def test_a_type_outside_the_result_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, _config(default="Medium"))
    assert "Medium" in str(caught.value) and "not a member" in str(caught.value)


def test_an_unknown_argument_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, _config(argument="style"))
    assert "style" in str(caught.value)


def test_result_by_must_have_its_parts() -> None:
    where = "/resources/notes/methods/create/result_by"
    with pytest.raises(GeneratorError) as caught:
        parse_config(
            {"resources": {"notes": {"methods": {"create": {"operation": "x", "result_by": 1}}}}}
        )
    assert where in str(caught.value)


def test_the_picked_type_parses_the_answer() -> None:
    from typed_openai._core import result_type_by

    choices = {"short": "Short", "text": str}
    assert result_type_by("text", choices, "Short") is str
    assert result_type_by("other", choices, "Short") == "Short"
    from typed_openai import NOT_GIVEN

    assert result_type_by(NOT_GIVEN, choices, "Short") == "Short"
