"""The document Prism mocks from leaves out only the defaults their own schemas reject."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.support.prism_spec import prism_document, rejected_defaults


def _document(version: str = "3.1.0") -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "parameters": [
                        {"name": "n", "in": "query", "schema": {"type": "integer", "default": 3}}
                    ],
                    "responses": {
                        "default": {"description": "an answer called default, not a value"},
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        },
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Mode": {"type": "string", "enum": ["a", "b"]},
                "Thing": {
                    "type": "object",
                    "properties": {
                        # upstream's shape: an object that is not nullable, whose default is null
                        "noise": {"type": "object", "default": None},
                        "maybe": {"anyOf": [{"type": "object"}, {"type": "null"}], "default": None},
                        "mode": {"$ref": "#/components/schemas/Mode", "default": "c"},
                        "good_mode": {"$ref": "#/components/schemas/Mode", "default": "a"},
                        "default": {"type": "string"},  # a property named `default`
                    },
                },
            }
        },
    }


def test_only_defaults_their_schema_rejects_are_found() -> None:
    assert rejected_defaults(_document()) == [
        "/components/schemas/Thing/properties/noise",
        "/components/schemas/Thing/properties/mode",
    ]


def test_an_openapi_30_document_is_left_alone() -> None:
    assert rejected_defaults(_document("3.0.3")) == []


def test_the_copy_drops_those_defaults_and_keeps_everything_else(tmp_path: Path) -> None:
    spec = tmp_path / "api.yml"
    spec.write_text(yaml.safe_dump(_document()), encoding="utf-8")
    copy = prism_document(spec, tmp_path)
    assert copy != spec
    expected = _document()
    del expected["components"]["schemas"]["Thing"]["properties"]["noise"]["default"]
    del expected["components"]["schemas"]["Thing"]["properties"]["mode"]["default"]
    assert json.loads(copy.read_text(encoding="utf-8")) == expected


def test_a_document_with_nothing_to_drop_is_used_as_it_is(tmp_path: Path) -> None:
    spec = tmp_path / "api.yml"
    document = _document()
    thing = document["components"]["schemas"]["Thing"]["properties"]
    del thing["noise"], thing["mode"]
    spec.write_text(yaml.safe_dump(document), encoding="utf-8")
    assert prism_document(spec, tmp_path) == spec


def test_the_shipped_spec_loses_its_contradictory_defaults_only() -> None:
    from tests.support.prism import SPEC
    from tests.support.prism_spec import load

    dropped = rejected_defaults(load(SPEC))
    session = "/components/schemas/RealtimeSessionCreateResponseGA/properties/audio/properties"
    assert f"{session}/input/properties/noise_reduction" in dropped  # null on an object
    # defaults their schemas accept stay: what Prism samples from them is valid
    assert f"{session}/output/properties/voice" not in dropped  # "alloy"
    assert f"{session}/output/properties/speed" not in dropped  # 1
