"""The official SDK's private module of the response model base, as code of the 1.x era imports
it (``from openai._models import BaseModel``): our own public class, and the SDK's helpers that
build answers from plain data, which proxies, replay tools and tests call
(``construct_type(value=chunk_dict, type_=ChatCompletionChunk)``)."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar, cast

import pydantic

from ._core import BaseModel

__all__ = ["BaseModel", "construct_type", "construct_type_unchecked", "validate_type"]

_T = TypeVar("_T")


def construct_type(*, value: object, type_: object, metadata: list[Any] | None = None) -> object:
    """``value`` built into ``type_`` without validation, as an answer is: models (and the right
    member of a union) from dicts, each as far as it fits, the rest kept as given; a required
    field missing reads as None. An object no member of its union fits (a kind added to the API
    later) is built as the union's first member, as the official SDK's helper (and an answer of
    the client) builds it. ``metadata`` is ``Annotated`` metadata for ``type_`` (a
    discriminator)."""
    from ._core._models import construct_lenient

    if metadata:
        arguments = (type_, *metadata)
        type_ = Annotated[arguments]  # pyright: ignore[reportInvalidTypeArguments]
    return construct_lenient(type_, value)


def construct_type_unchecked(*, value: object, type_: type[_T]) -> _T:
    """`construct_type` typed as answering ``type_``."""
    return cast(_T, construct_type(value=value, type_=type_))


def validate_type(*, type_: type[_T], value: object) -> _T:
    """``value`` validated into ``type_`` (pydantic's ``ValidationError`` when it does not fit)."""
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        return cast(_T, type_.model_validate(value))
    return pydantic.TypeAdapter(type_).validate_python(value)
