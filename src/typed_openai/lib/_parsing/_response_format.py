"""`response_format=` of `parse()`: a class becomes a strict ``json_schema`` format.

The class is a pydantic ``BaseModel`` subclass or any other class pydantic builds an object schema
for (a pydantic or standard dataclass, a ``TypedDict``); the reply is validated into it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, Union

import pydantic
from typing_extensions import TypeAlias

from typed_openai._core import NotGiven, Omit, left_out

from .._pydantic import (
    StrictSchemaError,
    is_schema_class,
    sanitize_schema_name,
    to_strict_json_schema,
)

__all__ = [
    "ResponseFormatInput",
    "ResponseFormatT",
    "response_format_model",
    "type_to_response_format_param",
]

# Without a `response_format` class, the stream helper and `parse()` are typed with None for it
# (ChatCompletionStream[None], ParsedChatCompletion[None]), as the official SDK's, not Unknown.
# Type checkers only: at run time the unparametrized classes must not default `parsed` to None.
if TYPE_CHECKING:
    from typing_extensions import TypeVar as _TypeVarWithDefault

    ResponseFormatT = _TypeVarWithDefault("ResponseFormatT", default=None)
else:
    ResponseFormatT = TypeVar("ResponseFormatT")

# What `parse(response_format=...)` takes: a class, a ready `response_format` dict, or nothing.
ResponseFormatInput: TypeAlias = Union[type[Any], Mapping[str, Any], NotGiven]


def type_to_response_format_param(
    response_format: ResponseFormatInput, *, argument: str = "response_format"
) -> dict[str, Any] | Omit:
    """The `response_format` request field for what the caller passed to `parse()`.

    A class becomes ``{"type": "json_schema", "json_schema": {"schema", "name", "strict"}}``
    (named after the class); a dict is sent as given. `argument` names the parameter in errors. Anything else, or a class strict mode
    cannot express, raises `TypeError` before any request is made.
    """
    if left_out(response_format):
        from typed_openai import omit  # the package's one `omit`, made on first use

        return omit  # as the SDK's: code written for it passes this on to `create`
    if isinstance(response_format, dict):
        return response_format  # pyright: ignore[reportUnknownVariableType]
    if is_schema_class(response_format):
        try:
            schema = to_strict_json_schema(response_format)
        except StrictSchemaError as exc:
            raise StrictSchemaError(f"{argument}: {exc}") from None
        return {
            "type": "json_schema",
            "json_schema": {
                "schema": schema,
                "name": sanitize_schema_name(response_format.__name__),
                "strict": True,
            },
        }
    raise TypeError(_unsupported_response_format(response_format))


def response_format_model(response_format: ResponseFormatInput) -> type[Any] | None:
    """The class the content must be parsed into; None when the content is left unparsed."""
    return response_format if is_schema_class(response_format) else None


def _unsupported_response_format(value: object) -> str:
    expected = (
        "response_format must be a pydantic BaseModel subclass, a dataclass or TypedDict class, "
        "or a `response_format` dict such as {'type': 'json_schema', 'json_schema': {...}}"
    )
    if isinstance(value, pydantic.BaseModel):
        return f"{expected}; got an instance of {type(value).__name__}, pass the class itself"
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    if not isinstance(value, type) and hasattr(value, "__origin__"):
        return f"{expected}; got the type {shown}, which is not a class (the schema's root must be an object)"
    return f"{expected}; got {type(value).__name__} {shown}"
