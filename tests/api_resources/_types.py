"""Check a parsed response against its declared type all the way down.

The client parses leniently (an unknown enum value or union member is kept as raw data instead of
failing), so `isinstance` on the top-level result proves little. This walks every field of every
model and checks the value against the field's annotation, and that no response field was left
unmodelled (`model_extra` empty, but for keys the model computes itself with a property).

A page (`SyncCursorPage[FileObject]`, ours or the official SDK's: a parametrized pydantic model)
is checked as the class it is declared as: each field its class declares against that field's
annotation as the parametrization made it (`data: list[FileObject]`), every item included. Its
extras are the list response's other keys (`object`, `first_id`, ...), which a page keeps as the
official SDK's does: not a gap in the model.
"""

from __future__ import annotations

import collections.abc
import enum
import functools
import sys
import types
import typing
from typing import Any

import pydantic

_UNION_TYPES = (typing.Union, types.UnionType)
_EXTRA_MARK = "fields not in the model"


def assert_matches_type(
    expected: Any, value: Any, path: str = "result", *, allow_extra_fields: bool = False
) -> None:
    """Fail with every mismatch; `allow_extra_fields` for servers that send more than the spec."""
    problems = list(_mismatches(expected, value, path))
    if allow_extra_fields:
        problems = [p for p in problems if _EXTRA_MARK not in p]
    assert not problems, "\n".join(problems)


def _mismatches(expected: Any, value: Any, path: str) -> typing.Iterator[str]:
    origin = typing.get_origin(expected)
    if expected is Any or expected is object:
        return
    if hasattr(expected, "__value__") and not isinstance(expected, type):  # `type X = ...` aliases
        yield from _mismatches(expected.__value__, value, path)
        return
    if origin is typing.Annotated:
        yield from _mismatches(typing.get_args(expected)[0], value, path)
        return
    if expected is None or expected is type(None):
        if value is not None:
            yield f"{path}: expected None, got {value!r}"
        return
    if origin in _UNION_TYPES:
        options = typing.get_args(expected)
        if value is not None and type(None) in options and len(options) == 2:
            # Optional[X] with a value: report X's own mismatches, not just "no member matched"
            yield from _mismatches(next(o for o in options if o is not type(None)), value, path)
            return
        if not any(not list(_mismatches(option, value, path)) for option in options):
            yield f"{path}: {value!r:.120} matches no member of {expected}"
        return
    if origin is typing.Literal:
        if value not in typing.get_args(expected):
            yield f"{path}: {value!r} is not one of {typing.get_args(expected)}"
        return
    if origin in (list, collections.abc.Sequence, collections.abc.Iterable):
        if not isinstance(value, list):
            yield f"{path}: expected a list, got {type(value).__name__}"
            return
        (item,) = typing.get_args(expected) or (Any,)
        for i, element in enumerate(value):
            yield from _mismatches(item, element, f"{path}[{i}]")
        return
    if origin in (dict, collections.abc.Mapping):
        if not isinstance(value, dict):
            yield f"{path}: expected a dict, got {type(value).__name__}"
            return
        args = typing.get_args(expected)
        for key, element in value.items():
            yield from _mismatches(args[1] if args else Any, element, f"{path}[{key!r}]")
        return
    if page_origin(expected) is not None:
        if not isinstance(value, expected):
            yield f"{path}: expected {expected.__name__}, got {type(value).__name__} {value!r:.120}"
            return
        for name, info in expected.model_fields.items():
            yield from _mismatches(info.annotation, getattr(value, name), f"{path}.{name}")
        return
    if isinstance(expected, type) and issubclass(expected, pydantic.BaseModel):
        if not isinstance(value, expected):
            yield f"{path}: expected {expected.__name__}, got {type(value).__name__} {value!r:.120}"
            return
        yield from _model_mismatches(value, path)
        return
    if isinstance(expected, type) and issubclass(expected, enum.Enum):
        if not isinstance(value, expected):
            yield f"{path}: {value!r} is not a {expected.__name__}"
        return
    if expected is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            yield f"{path}: expected a number, got {value!r}"
        return
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int):
            yield f"{path}: expected an integer, got {value!r}"
        return
    if isinstance(expected, type):
        if not isinstance(value, expected):
            yield f"{path}: expected {expected.__name__}, got {type(value).__name__}"
        return
    if origin is not None and isinstance(origin, type):
        if not isinstance(value, origin):
            yield f"{path}: expected {origin.__name__}, got {type(value).__name__}"
        return
    yield f"{path}: cannot check against {expected!r}"


def page_origin(tp: Any) -> type[pydantic.BaseModel] | None:
    """The page class (`SyncCursorPage`) that `tp` parametrizes (`SyncCursorPage[FileObject]`),
    or None when `tp` is no page: a parametrized pydantic model with `data` and the paging
    methods (ours and the official SDK's pages alike)."""
    metadata = getattr(tp, "__pydantic_generic_metadata__", None)
    if not isinstance(tp, type) or not metadata or metadata.get("origin") is None:
        return None
    origin = metadata["origin"]
    is_page = "data" in origin.model_fields and callable(getattr(origin, "has_next_page", None))
    return origin if is_page else None


def _model_mismatches(model: pydantic.BaseModel, path: str) -> typing.Iterator[str]:
    cls = type(model)
    extra = sorted(model.model_extra or ())
    # A key the model computes itself (config `computed:`, a mixin's property, e.g.
    # Response.output_text, which the spec lists but only SDKs fill in) is modelled, by the
    # property: what it returns must be of the property's declared type.
    computed = [key for key in extra if isinstance(getattr(cls, key, None), property)]
    # An answer keeps the API name of an aliased field as an extra beside the field, as the
    # official SDK's do (_core/_as_constructed): modelled, by that field.
    api_names = {field.alias for field in cls.model_fields.values() if field.alias}
    unmodelled = [key for key in extra if key not in computed and key not in api_names]
    if unmodelled:
        yield f"{path}: {_EXTRA_MARK}: {unmodelled}"
    for key in computed:
        yield from _mismatches(_property_type(cls, key), getattr(model, key), f"{path}.{key}")
    hints = _field_types(cls)
    for name in cls.model_fields:
        yield from _mismatches(hints[name], getattr(model, name), f"{path}.{name}")


@functools.cache
def _property_type(cls: type[pydantic.BaseModel], name: str) -> Any:
    getter = typing.cast("property", getattr(cls, name)).fget
    hints = typing.get_type_hints(getter) if getter is not None else {}
    if "return" not in hints:
        raise AssertionError(f"{cls.__name__}.{name}: a computed property needs a return type")
    return hints["return"]


@functools.cache
def _field_types(cls: type[pydantic.BaseModel]) -> dict[str, Any]:
    """Field annotations with forward references (`from __future__ import annotations`) resolved."""
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
    except NameError:  # a non-field annotation (e.g. a ClassVar) names a TYPE_CHECKING-only import
        hints = {}
    namespace = vars(sys.modules[cls.__module__])
    out = {}
    for name, info in cls.model_fields.items():
        annotation = hints.get(name, info.annotation)
        if isinstance(annotation, (str, typing.ForwardRef)):
            source = annotation if isinstance(annotation, str) else annotation.__forward_arg__
            annotation = eval(source, dict(namespace))  # a type expression from the model's module
        out[name] = annotation
    return out


__all__ = ["assert_matches_type", "page_origin"]
