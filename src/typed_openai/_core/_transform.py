"""Turn generated-method arguments (TypedDict params, models, dates, iterables) into wire JSON data.

Keys are sent unchanged: generated TypedDicts already use the API's field names. What changes:
``NOT_GIVEN`` / ``Omit`` values are dropped, ``datetime``/``date`` become ISO 8601 strings, pydantic
models are dumped by alias (only fields that were set, less any a class names in its
``__wire_exclude__``: values computed on this side, such as a parsed output's), enum members become their values, and tuples, sets and other iterables
(generators included) become lists. Plain JSON values pass through untouched, which is the common
case and is checked first.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any, Final, cast

from ._types import NotGiven, Omit

__all__ = ["to_wire"]

_SCALARS: Final = frozenset({str, int, float, bool, type(None)})
_LEFT_OUT: Final = frozenset({NotGiven, Omit})


def to_wire(value: object) -> Any:
    """The JSON-ready form of ``value`` (see the module docstring)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict or isinstance(value, Mapping):
        mapping = cast("Mapping[str, object]", value)
        # Type checks instead of isinstance: generated bodies are mostly NOT_GIVEN entries, so
        # this filter runs dozens of times per call.
        return {
            key: item if type(item) in _SCALARS else to_wire(item)
            for key, item in mapping.items()
            if type(item) not in _LEFT_OUT
        }
    if kind is list:
        return [
            item if type(item) in _SCALARS else to_wire(item)
            for item in cast("list[object]", value)
        ]
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    dump = getattr(value, "model_dump", None)
    if dump is not None and hasattr(type(value), "__pydantic_fields__"):
        # A pydantic model (checked without importing pydantic's model machinery).
        exclude = getattr(value, "__wire_exclude__", None)
        return dump(mode="json", by_alias=True, exclude_unset=True, exclude=exclude)
    if isinstance(value, (str, bytes, bytearray)):
        return value
    if isinstance(value, Iterable):
        return [to_wire(item) for item in cast("Iterable[object]", value)]
    return value
