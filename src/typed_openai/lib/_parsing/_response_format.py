"""`response_format=` of `parse()`: a pydantic model class becomes a strict ``json_schema`` format."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar, Union

import pydantic
from typing_extensions import TypeAlias

from typed_openai._core import NOT_GIVEN, NotGiven

from .._pydantic import is_model_class, sanitize_schema_name, to_strict_json_schema

__all__ = [
    "ResponseFormatInput",
    "ResponseFormatT",
    "response_format_model",
    "type_to_response_format_param",
]

ResponseFormatT = TypeVar("ResponseFormatT", bound=pydantic.BaseModel)

# What `parse(response_format=...)` takes: a model class, a ready `response_format` dict, or nothing.
ResponseFormatInput: TypeAlias = Union[type[pydantic.BaseModel], Mapping[str, Any], NotGiven]


def type_to_response_format_param(
    response_format: ResponseFormatInput,
) -> dict[str, Any] | NotGiven:
    """The `response_format` request field for what the caller passed to `parse()`.

    A model class becomes ``{"type": "json_schema", "json_schema": {"schema", "name", "strict"}}``;
    a dict is sent as given. Anything else raises `TypeError`, before any request is made.
    """
    if isinstance(response_format, NotGiven):
        return NOT_GIVEN
    if isinstance(response_format, dict):
        return response_format  # pyright: ignore[reportUnknownVariableType]
    if is_model_class(response_format):
        return {
            "type": "json_schema",
            "json_schema": {
                "schema": to_strict_json_schema(response_format),
                "name": sanitize_schema_name(response_format.__name__),
                "strict": True,
            },
        }
    raise TypeError(_unsupported_response_format(response_format))


def response_format_model(response_format: ResponseFormatInput) -> type[pydantic.BaseModel] | None:
    """The model the content must be parsed into; None when the content is left unparsed."""
    return response_format if is_model_class(response_format) else None


def _unsupported_response_format(value: object) -> str:
    expected = (
        "response_format must be a pydantic BaseModel subclass or a `response_format` dict "
        "such as {'type': 'json_schema', 'json_schema': {...}}"
    )
    if isinstance(value, pydantic.BaseModel):
        return f"{expected}; got an instance of {type(value).__name__}, pass the class itself"
    if isinstance(value, type):
        name: str = getattr(value, "__name__", "?")
        kind = "dataclass" if dataclasses.is_dataclass(value) else "type"
        return f"{expected}; got the {kind} {name}"
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return f"{expected}; got {type(value).__name__} {shown}"
