"""``response_format: json_schema`` replies satisfy the schema, for many schema shapes."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any, Literal, Union

import httpx
import pytest
from pydantic import BaseModel, Field

from typed_openai.testing import instance_for

from .schema_check import violations

SHAPES: dict[str, dict[str, Any]] = {
    "scalars": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "age": {"type": "integer"},
            "score": {"type": "number"},
            "active": {"type": "boolean"},
        },
        "required": ["name", "age", "score", "active"],
        "additionalProperties": False,
    },
    "nested_objects": {
        "type": "object",
        "properties": {
            "user": {
                "type": "object",
                "properties": {
                    "address": {
                        "type": "object",
                        "properties": {"city": {"type": "string"}, "zip": {"type": "string"}},
                        "required": ["city", "zip"],
                        "additionalProperties": False,
                    }
                },
                "required": ["address"],
                "additionalProperties": False,
            }
        },
        "required": ["user"],
        "additionalProperties": False,
    },
    "refs_to_defs": {
        "type": "object",
        "properties": {
            "steps": {"type": "array", "items": {"$ref": "#/$defs/Step"}},
            "final_answer": {"type": "string"},
        },
        "required": ["steps", "final_answer"],
        "additionalProperties": False,
        "$defs": {
            "Step": {
                "type": "object",
                "properties": {"explanation": {"type": "string"}, "output": {"type": "string"}},
                "required": ["explanation", "output"],
                "additionalProperties": False,
            }
        },
    },
    "enums": {
        "type": "object",
        "properties": {
            "color": {"type": "string", "enum": ["red", "green", "blue"]},
            "level": {"type": "integer", "enum": [1, 2, 3]},
            "mixed": {"enum": ["a", 1, None]},
        },
        "required": ["color", "level", "mixed"],
        "additionalProperties": False,
    },
    "const": {
        "type": "object",
        "properties": {"kind": {"const": "circle"}, "version": {"type": "integer", "const": 2}},
        "required": ["kind", "version"],
        "additionalProperties": False,
    },
    "nullable_unions": {
        "type": "object",
        "properties": {
            "maybe_text": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "type_list": {"type": ["integer", "null"]},
            "openapi_nullable": {"type": "number", "nullable": True},
        },
        "required": ["maybe_text", "type_list", "openapi_nullable"],
        "additionalProperties": False,
    },
    "discriminated_one_of": {
        "type": "object",
        "properties": {
            "shape": {
                "oneOf": [
                    {
                        "type": "object",
                        "properties": {"type": {"const": "circle"}, "radius": {"type": "number"}},
                        "required": ["type", "radius"],
                        "additionalProperties": False,
                    },
                    {
                        "type": "object",
                        "properties": {"type": {"const": "square"}, "side": {"type": "number"}},
                        "required": ["type", "side"],
                        "additionalProperties": False,
                    },
                ]
            }
        },
        "required": ["shape"],
        "additionalProperties": False,
    },
    "recursive_tree": {
        "$ref": "#/$defs/Node",
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {
                    "label": {"type": "string"},
                    "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                },
                "required": ["label", "children"],
                "additionalProperties": False,
            }
        },
    },
    "numeric_bounds": {
        "type": "object",
        "properties": {
            "percent": {"type": "integer", "minimum": 0, "maximum": 100},
            "tiny": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 0.5},
            "big": {"type": "integer", "minimum": 1000},
            "negative": {"type": "integer", "maximum": -10},
            "even": {"type": "integer", "multipleOf": 2, "minimum": 7},
            "quarter": {"type": "number", "multipleOf": 0.25, "minimum": 0.3, "maximum": 0.6},
            "exact": {"type": "integer", "minimum": 5, "maximum": 5},
        },
        "required": ["percent", "tiny", "big", "negative", "even", "quarter", "exact"],
        "additionalProperties": False,
    },
    "string_formats": {
        "type": "object",
        "properties": {
            fmt.replace("-", "_"): {"type": "string", "format": fmt}
            for fmt in ("date-time", "date", "email", "uuid", "uri", "ipv4", "ipv6")
        },
        "required": ["date_time", "date", "email", "uuid", "uri", "ipv4", "ipv6"],
        "additionalProperties": False,
    },
    "string_constraints": {
        "type": "object",
        "properties": {
            "code": {"type": "string", "pattern": "^[A-Z]{3}-\\d{4}$"},
            "short": {"type": "string", "maxLength": 5},
            "long": {"type": "string", "minLength": 80},
            "choice": {"type": "string", "pattern": "^(yes|no)$"},
        },
        "required": ["code", "short", "long", "choice"],
        "additionalProperties": False,
    },
    "array_constraints": {
        "type": "object",
        "properties": {
            "three_to_five": {
                "type": "array",
                "items": {"type": "integer"},
                "minItems": 3,
                "maxItems": 5,
            },
            "empty_only": {"type": "array", "items": {"type": "string"}, "maxItems": 0},
            "unique_enum": {
                "type": "array",
                "items": {"type": "string", "enum": ["a", "b", "c"]},
                "minItems": 3,
                "uniqueItems": True,
            },
            "tuple": {
                "type": "array",
                "prefixItems": [{"type": "string"}, {"type": "integer"}],
                "items": False,
            },
        },
        "required": ["three_to_five", "empty_only", "unique_enum", "tuple"],
        "additionalProperties": False,
    },
    "all_of": {
        "allOf": [
            {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]},
            {"properties": {"name": {"type": "string"}}, "required": ["name"]},
        ]
    },
    "dictionary": {
        "type": "object",
        "additionalProperties": {"type": "integer", "minimum": 1},
        "minProperties": 2,
    },
    "top_level_array_in_object": {
        "type": "object",
        "properties": {
            "matrix": {
                "type": "array",
                "items": {"type": "array", "items": {"type": "number"}, "minItems": 2},
                "minItems": 2,
            }
        },
        "required": ["matrix"],
        "additionalProperties": False,
    },
}

# The strict-mode rules (every property required, no extra properties) do not fit these shapes.
NON_STRICT = {"all_of", "dictionary", "recursive_tree"}


def _structured(api: httpx.Client, schema: dict[str, Any], *, prompt: str, strict: bool) -> Any:
    response = api.post(
        "/chat/completions",
        json={
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": prompt}],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "answer", "schema": schema, "strict": strict},
            },
        },
    )
    assert response.status_code == 200, response.text
    choice = response.json()["choices"][0]
    assert choice["finish_reason"] == "stop"
    return json.loads(choice["message"]["content"])


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_reply_satisfies_schema(api: httpx.Client, shape: str) -> None:
    schema = SHAPES[shape]
    for prompt in ("first prompt", "a different prompt with more words", ""):
        value = _structured(api, schema, prompt=prompt, strict=shape not in NON_STRICT)
        assert violations(value, schema) == [], (shape, value)


def test_same_prompt_same_structured_reply(api: httpx.Client) -> None:
    schema = SHAPES["enums"]
    first = _structured(api, schema, prompt="pick colors", strict=True)
    again = _structured(api, schema, prompt="pick colors", strict=True)
    assert first == again


def test_enum_choices_vary_with_the_prompt(api: httpx.Client) -> None:
    schema = SHAPES["enums"]
    colors = {
        _structured(api, schema, prompt=f"prompt {i}", strict=True)["color"] for i in range(12)
    }
    assert len(colors) > 1


def test_recursive_schema_terminates(api: httpx.Client) -> None:
    value = _structured(api, SHAPES["recursive_tree"], prompt="tree", strict=False)

    def depth(node: dict[str, Any]) -> int:
        return 1 + max((depth(child) for child in node["children"]), default=0)

    assert 1 < depth(value) < 20


class Unit(str, Enum):
    celsius = "celsius"
    fahrenheit = "fahrenheit"


class Reading(BaseModel):
    place: str
    unit: Unit
    value: float = Field(ge=-90, le=60)
    note: str | None
    source: Union[Literal["sensor"], Literal["manual"]]


class Report(BaseModel):
    readings: list[Reading] = Field(min_length=1, max_length=3)
    summary: str


def test_pydantic_model_round_trip(api: httpx.Client) -> None:
    """A pydantic-generated schema: the reply validates back into the model."""
    value = _structured(api, Report.model_json_schema(), prompt="weather report", strict=False)
    report = Report.model_validate(value)
    assert 1 <= len(report.readings) <= 3


def test_json_object_mode_returns_an_object(api: httpx.Client) -> None:
    response = api.post(
        "/chat/completions",
        json={
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": "answer in JSON"}],
            "response_format": {"type": "json_object"},
        },
    )
    assert isinstance(json.loads(response.json()["choices"][0]["message"]["content"]), dict)


def test_strict_schema_rules_are_enforced(api: httpx.Client) -> None:
    loose = {"type": "object", "properties": {"a": {"type": "string"}}, "required": []}
    response = api.post(
        "/chat/completions",
        json={
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": "x"}],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "loose", "schema": loose, "strict": True},
            },
        },
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["param"] == "response_format"
    assert error["code"] == "invalid_json_schema"
    assert "additionalProperties" in error["message"]


def test_unsatisfiable_schema_is_a_400(api: httpx.Client) -> None:
    impossible = {"type": "integer", "minimum": 10, "maximum": 5}
    response = api.post(
        "/chat/completions",
        json={
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": "x"}],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "impossible", "schema": impossible},
            },
        },
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json_schema"


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "number", "minimum": 3, "exclusiveMinimum": True, "maximum": 4},  # draft 4
        {"type": "integer", "exclusiveMinimum": 3, "exclusiveMaximum": 5},
        {"type": "string", "pattern": "^[a-f0-9]{8}$"},
        {"type": "array", "items": [{"type": "boolean"}], "minItems": 1},  # draft 7 tuple
        {"$ref": "#/definitions/X", "definitions": {"X": {"type": "string", "enum": ["only"]}}},
        {"type": "object", "required": ["implicit"]},
        {"minimum": 2.5, "maximum": 2.75},
        # Both apply; the generic email sample would miss the pattern.
        {"type": "string", "format": "email", "pattern": "^[a-z]+@corp\\.example$"},
    ],
)
def test_generator_handles_older_spellings(schema: dict[str, Any]) -> None:
    assert violations(instance_for(schema, seed="s"), schema) == []


@pytest.mark.parametrize(
    ("value", "schema"),
    [
        ({"a": 1}, SHAPES["scalars"]),
        ({"color": "pink", "level": 1, "mixed": "a"}, SHAPES["enums"]),
        ({"shape": {"type": "circle"}}, SHAPES["discriminated_one_of"]),
        ({"percent": 101}, {"properties": {"percent": {"maximum": 100}}}),
        ({"code": "abc"}, {"properties": {"code": {"pattern": "^[A-Z]+$"}}}),
        ({"uuid": "nope"}, {"properties": {"uuid": {"format": "uuid"}}}),
    ],
)
def test_checker_rejects_bad_instances(value: Any, schema: dict[str, Any]) -> None:
    """The checker used above is not vacuous."""
    assert violations(value, schema) != []
