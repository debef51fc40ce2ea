"""Structural shapes of runtime Python types, comparable across two packages.

A shape describes what a type accepts or holds, not what it is called: a model's or TypedDict's
field names with the kind of each field, a Literal's members, a union's member shapes. Two types
with the same shape describe the same schema whatever their names, so the official SDK's
`ActionScroll` and our `Scroll` compare equal.
"""

from __future__ import annotations

import collections.abc
import sys
import types
import typing
from dataclasses import dataclass
from typing import Any, ForwardRef

import typing_extensions

# a frozen, hashable description: ("kind", ...)
Shape = tuple[Any, ...]

_NUMBERS = {int, float}
_SCALARS = {str: "str", bool: "bool", bytes: "bytes", int: "number", float: "number"}
_LISTS = {
    list,
    tuple,
    set,
    frozenset,
    collections.abc.Iterable,
    collections.abc.Sequence,
    collections.abc.Collection,
}
_DICTS = {dict, collections.abc.Mapping, collections.abc.MutableMapping}


def is_typeddict(value: object) -> bool:
    return typing_extensions.is_typeddict(value)


def standing_for(value: Any) -> Any:
    """The class a class of ours stands for: a TypedDict deriving from one other and adding no
    key is that one under the official SDK's name in the SDK's module (codegen/param_classes.py),
    not a type of its own to match or name."""
    while is_typeddict(value):
        bases = getattr(value, "__orig_bases__", ())
        if len(bases) != 1 or not is_typeddict(bases[0]):
            break
        if value.__annotations__.keys() != bases[0].__annotations__.keys():
            break
        value = bases[0]
    return value


def is_model(value: object) -> bool:
    return isinstance(value, type) and any(
        c.__name__ == "BaseModel" and c.__module__.startswith("pydantic") for c in value.__mro__
    )


def fields(cls: type) -> dict[str, Any]:
    """Field name -> annotation of a model (its wire names) or a TypedDict."""
    if is_model(cls):
        found: dict[str, Any] = {}
        for name, info in cls.model_fields.items():  # type: ignore[attr-defined]
            found[info.alias or name] = info.annotation
        return found
    try:
        return typing.get_type_hints(cls, include_extras=True)
    except Exception:  # unresolvable forward reference: keep the names, kinds unknown
        return {name: Any for name in getattr(cls, "__annotations__", {})}


def type_args(tp: Any) -> tuple[Any, ...]:
    """The arguments of a subscripted type (`str, int` of `Dict[str, int]`)."""
    return typing_extensions.get_args(tp)


def type_origin(tp: Any) -> Any:
    """The unsubscripted form of a type (`dict` of `Dict[str, int]`), None for a plain class."""
    return typing_extensions.get_origin(tp)


def unwrapped(tp: Any) -> Any:
    """Without Annotated/Required/NotRequired/ReadOnly wrappers."""
    while True:
        origin = type_origin(tp)
        if origin in (
            typing_extensions.Annotated,
            typing.Annotated,
            typing_extensions.Required,
            typing_extensions.NotRequired,
            getattr(typing_extensions, "ReadOnly", None),
        ):
            tp = type_args(tp)[0]
        elif isinstance(tp, typing_extensions.TypeAliasType):
            tp = tp.__value__
        else:
            return tp


def union_members(tp: Any) -> list[Any] | None:
    """The members of a `Union[...]` / `X | Y`; None when `tp` is not a union."""
    origin = type_origin(tp)
    if origin is typing.Union or (sys.version_info >= (3, 10) and origin is types.UnionType):
        return list(type_args(tp))
    return None


def literal_values(tp: Any) -> frozenset[str] | None:
    """The members of a Literal (or a union of Literals), else None."""
    tp = unwrapped(tp)
    if type_origin(tp) in (typing.Literal, typing_extensions.Literal):
        return frozenset(repr(v) for v in type_args(tp))
    members = union_members(tp)
    if members:
        values: set[str] = set()
        for m in members:
            if unwrapped(m) is type(None):
                continue
            found = literal_values(m)
            if found is None:
                return None
            values |= found
        return frozenset(values)
    return None


def shape(tp: Any, depth: int = 1) -> Shape:
    """The shape of an annotation; classes are described `depth` levels deep, then by field names."""
    tp = unwrapped(tp)
    if tp is type(None) or tp is None:
        return ("none",)
    if isinstance(tp, (str, ForwardRef)):
        return ("ref",)
    if tp is Any or tp is object:
        return ("any",)
    values = literal_values(tp)
    if values is not None:
        return ("literal", values)
    members = union_members(tp)
    if members is not None:
        shapes = frozenset(shape(m, depth) for m in members) - {("none",)}
        if len(shapes) == 1:
            return next(iter(shapes))
        return ("union", shapes)
    origin = type_origin(tp)
    if origin is not None:
        if origin in _LISTS:
            args = type_args(tp)
            return ("list", shape(args[0], depth) if args else ("any",))
        if origin in _DICTS:
            return ("dict",)
        if origin is type:
            return ("type",)
        return ("other", getattr(origin, "__name__", repr(origin)))
    if tp in _SCALARS:
        return ("scalar", _SCALARS[tp])
    if tp in _LISTS:
        return ("list", ("any",))
    if tp in _DICTS:
        return ("dict",)
    if is_model(tp) or is_typeddict(tp):
        kind = "model" if is_model(tp) else "typeddict"
        own = fields(tp)
        if depth <= 0:
            return (kind, frozenset(own))
        return (kind, frozenset((name, shape(ann, depth - 1)) for name, ann in own.items()))
    if isinstance(tp, type):
        return ("class", tp.__name__)
    return ("other", repr(tp))


@dataclass(frozen=True)
class Described:
    """A public name's type: its kind (model, typeddict, literal, union, ...) and shape."""

    kind: str
    shape: Shape
    names: frozenset[str]  # field names (models, TypedDicts), literal members, else empty


def describe(value: object) -> Described | None:
    """What a module-level public value is, structurally; None for functions, modules, constants."""
    if is_model(value) or is_typeddict(value):
        kind = "model" if is_model(value) else "typeddict"
        assert isinstance(value, type)
        own = fields(value)
        return Described(kind, shape(value, 1), frozenset(own))
    if isinstance(value, (types.ModuleType, types.FunctionType)) or value is None:
        return None
    if isinstance(value, type) and not type_origin(value):
        return None
    stripped = unwrapped(value)
    members = union_members(stripped)
    if members is not None:  # Optional[X] describes X
        rest = [m for m in members if unwrapped(m) is not type(None)]
        if len(rest) == 1:
            stripped = unwrapped(rest[0])
    values = literal_values(stripped)
    if values is not None:
        return Described("literal", ("literal", values), values)
    if union_members(stripped) is not None:
        described = shape(stripped, 1)
        return Described("union", described, frozenset())
    if type_origin(stripped) is not None:
        return Described("alias", shape(stripped, 1), frozenset())
    return None
