"""An answer keeps the API name of each aliased field beside the field, as the official SDK does.

The official SDK builds an answer with ``construct()``, which keeps every key of the data that is
not a field's Python name as an extra: ``categories.self_harm`` and also ``categories["self-harm"]``
in ``model_extra``, ``getattr(categories, "self-harm")``, ``model_dump()``, iteration and repr.
Under a union (``Optional[X]`` too) it validates first, and a value that validates there keeps no
such extras. Code written for the SDK reads ``model_dump()["self-harm"]``, so ours must hold them
in the same places.

Answers here are validated (the fast path), which consumes those keys. Afterwards the value is
walked along a plan made once per answer type: the paths from the root to the models with
aliased fields that pass through no union. Types with no such path (almost all) have no plan,
and their answers are not walked at all. The lenient build (`_models._construct_model`) keeps
the keys itself, in the order they came; here they go first, before the unknown keys, since
validation does not tell where they were in the data.
"""

from __future__ import annotations

import collections.abc
from functools import lru_cache
from typing import Annotated, Any, cast, get_args, get_origin

import pydantic

__all__ = ["keep_sent_names"]


def keep_sent_names(tp: Any, value: object) -> None:
    """Give ``value``, an answer validated as ``tp``, the extras the official SDK's would hold."""
    try:
        plan = _plan(tp)
    except TypeError:  # an unhashable annotation: no model type comes that way
        return
    if plan is not None:
        plan.apply(value)


class _Plan:
    def apply(self, value: object) -> None:
        raise NotImplementedError


class _ModelPlan(_Plan):
    """A model: copy its own aliased fields, then go on into the fields that lead further."""

    __slots__ = ("aliased", "fields")

    def __init__(self, aliased: tuple[tuple[str, str], ...]) -> None:
        self.aliased = aliased
        self.fields: list[tuple[str, _Plan]] = []

    def apply(self, value: object) -> None:
        if not isinstance(value, pydantic.BaseModel):
            return  # data the lenient build left raw
        values = value.__dict__
        if self.aliased:
            _copy_api_names(value, self.aliased)
        for name, plan in self.fields:
            field_value = values.get(name)
            if field_value is not None:
                plan.apply(field_value)


class _ItemsPlan(_Plan):
    __slots__ = ("item",)

    def __init__(self, item: _Plan) -> None:
        self.item = item

    def apply(self, value: object) -> None:
        if isinstance(value, list):
            for item in cast("list[object]", value):
                self.item.apply(item)


class _ValuesPlan(_Plan):
    __slots__ = ("item",)

    def __init__(self, item: _Plan) -> None:
        self.item = item

    def apply(self, value: object) -> None:
        if isinstance(value, dict):
            for item in cast("dict[object, object]", value).values():
                self.item.apply(item)


_SEQUENCES: tuple[object, ...] = (
    list,
    tuple,
    collections.abc.Sequence,
    collections.abc.MutableSequence,
    collections.abc.Iterable,
)
_MAPPINGS: tuple[object, ...] = (dict, collections.abc.Mapping, collections.abc.MutableMapping)


@lru_cache(maxsize=1024)
def _plan(tp: Any) -> _Plan | None:
    # The model classes reachable from `tp`, then those that lead to an aliased field (recursive
    # types make this a graph): only paths into those are walked.
    root = _model_at_end(tp)
    if root is None:
        return None
    edges: dict[type[pydantic.BaseModel], list[tuple[str, Any, type[pydantic.BaseModel]]]] = {}
    pending = [root]
    while pending:
        cls = pending.pop()
        if cls in edges:
            continue
        edges[cls] = []
        for name, info in cls.model_fields.items():  # resolved (`_models._ResolvedFields`)
            child = _model_at_end(info.annotation)
            if child is not None:
                edges[cls].append((name, info.annotation, child))
                pending.append(child)
    leading = {cls for cls in edges if _aliased(cls)}
    grew = True
    while grew:
        grew = False
        for cls, children in edges.items():
            if cls not in leading and any(child in leading for _, _, child in children):
                leading.add(cls)
                grew = True
    if root not in leading:
        return None
    plans: dict[type[pydantic.BaseModel], _ModelPlan] = {}
    for cls in leading:
        plans[cls] = _ModelPlan(_aliased(cls))
    for cls in leading:
        plans[cls].fields = [
            (name, _container_plan(annotation, plans[child]))
            for name, annotation, child in edges[cls]
            if child in leading
        ]
    return _container_plan(tp, plans[root])


def _aliased(cls: type[pydantic.BaseModel]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, info.alias)
        for name, info in cls.model_fields.items()
        if info.alias is not None and info.alias != name
    )


def _unwrapped(tp: Any) -> Any:
    while True:
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
        elif not isinstance(tp, type) and getattr(tp, "__value__", None) is not None:
            tp = tp.__value__  # a `type X = ...` alias
        else:
            return tp


def _model_at_end(tp: Any) -> type[pydantic.BaseModel] | None:
    """The model class ``tp`` holds through lists and dicts (no union: the SDK validates those)."""
    tp = _unwrapped(tp)
    if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel):
        return tp
    origin = get_origin(tp)
    args = get_args(tp)
    if origin in _SEQUENCES and args:
        return _model_at_end(args[0])
    if origin in _MAPPINGS and len(args) == 2:
        return _model_at_end(args[1])
    return None


def _container_plan(tp: Any, model_plan: _Plan) -> _Plan:
    """The plan reaching ``model_plan`` through the lists and dicts of ``tp``."""
    tp = _unwrapped(tp)
    origin = get_origin(tp)
    args = get_args(tp)
    if origin in _SEQUENCES and args:
        return _ItemsPlan(_container_plan(args[0], model_plan))
    if origin in _MAPPINGS and len(args) == 2:
        return _ValuesPlan(_container_plan(args[1], model_plan))
    return model_plan


def _copy_api_names(instance: pydantic.BaseModel, aliased: tuple[tuple[str, str], ...]) -> None:
    extra = instance.__pydantic_extra__
    if extra is None:
        return  # a model that takes no extras
    present = instance.__pydantic_fields_set__
    values = instance.__dict__
    kept: dict[str, object] = {}
    for name, api_name in aliased:
        if name in present:
            value = values[name]
            kept[api_name] = value if type(value) in _SCALARS else _as_sent(value)
    if kept:
        kept.update(extra)
        object.__setattr__(instance, "__pydantic_extra__", kept)


_SCALARS = frozenset({bool, int, float, str, type(None)})


def _as_sent(value: object) -> object:
    """A field's value as the API sent it (JSON data): the SDK keeps the raw value there."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [
            item if type(item) in _SCALARS else _as_sent(item)
            for item in cast("list[object]", value)
        ]
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, dict):
        return {key: _as_sent(item) for key, item in cast("dict[object, object]", value).items()}
    if isinstance(value, list):
        return [_as_sent(item) for item in cast("list[object]", value)]
    return value
