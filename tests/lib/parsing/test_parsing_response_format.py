"""`response_format=` conversion, compared with the official SDK where both accept the input."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Generic, List, TypeVar

import pytest
from openai.lib._parsing._completions import (
    type_to_response_format_param as official_type_to_response_format_param,
)
from pydantic import BaseModel

from typed_openai import omit
from typed_openai._core import NOT_GIVEN
from typed_openai.lib._parsing._response_format import (
    response_format_model,
    type_to_response_format_param,
)


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: List[Step]
    final_answer: str


def test_model_becomes_strict_json_schema_format_like_the_official_sdk() -> None:
    ours = type_to_response_format_param(MathResponse)
    assert json.dumps(ours) == json.dumps(official_type_to_response_format_param(MathResponse))
    assert isinstance(ours, dict)
    assert ours["type"] == "json_schema"
    assert ours["json_schema"]["name"] == "MathResponse"
    assert ours["json_schema"]["strict"] is True
    assert ours["json_schema"]["schema"]["required"] == ["steps", "final_answer"]


def test_dict_is_passed_through_unchanged() -> None:
    given = {"type": "json_schema", "json_schema": {"name": "x", "schema": {}, "strict": False}}
    assert type_to_response_format_param(given) is given
    assert response_format_model(given) is None
    assert type_to_response_format_param({"type": "json_object"}) == {"type": "json_object"}


def test_left_out_becomes_omit() -> None:
    """As the SDK's: ``omit``, which ``create`` takes as a left-out argument."""
    assert type_to_response_format_param(NOT_GIVEN) is omit
    assert response_format_model(NOT_GIVEN) is None


def test_model_is_what_content_is_parsed_into() -> None:
    assert response_format_model(MathResponse) is MathResponse


T = TypeVar("T")


class Wrapper(BaseModel, Generic[T]):
    value: T


def test_generic_model_name_is_made_valid_for_the_api() -> None:
    param = type_to_response_format_param(Wrapper[int])
    assert isinstance(param, dict)
    assert param["json_schema"]["name"] == "Wrapper_int"


@dataclasses.dataclass
class PointDataclass:
    x: int


class NotAModel:
    pass


def test_a_dataclass_is_a_strict_schema_named_after_it() -> None:
    param = type_to_response_format_param(PointDataclass)
    assert param == {
        "type": "json_schema",
        "json_schema": {
            "schema": {
                "properties": {"x": {"title": "X", "type": "integer"}},
                "required": ["x"],
                "title": "PointDataclass",
                "type": "object",
                "additionalProperties": False,
            },
            "name": "PointDataclass",
            "strict": True,
        },
    }


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        (MathResponse(steps=[], final_answer="1"), "instance of MathResponse, pass the class"),
        ("MathResponse", "got str 'MathResponse'"),
        ([MathResponse], "got list"),
        (list[MathResponse], "got the type list[MathResponse]"),
    ],
)
def test_anything_else_is_a_clear_type_error(value: Any, detail: str) -> None:
    with pytest.raises(TypeError, match="must be a pydantic BaseModel subclass") as info:
        type_to_response_format_param(value)
    assert detail in str(info.value).replace(f"{__name__}.", "")


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        (NotAModel, "NotAModel cannot be used as a strict JSON schema: pydantic cannot build"),
        (int, "int cannot be used as a strict JSON schema: the root of the schema must be an"),
    ],
)
def test_a_class_without_an_object_schema_is_a_clear_type_error(value: Any, detail: str) -> None:
    with pytest.raises(TypeError) as info:
        type_to_response_format_param(value)
    assert str(info.value).startswith(f"response_format: {detail}")


def test_long_values_are_shortened_in_the_message() -> None:
    with pytest.raises(TypeError) as info:
        type_to_response_format_param("x" * 500)  # type: ignore[arg-type]
    assert len(str(info.value)) < 300
