"""A validated answer, left as the official SDK's ``construct()`` would have built it.

The official SDK builds an answer with ``construct()``, which differs from pydantic's validation
in two ways code written for it can see:

- it keeps every key of the data that is not a field's Python name as an extra: the API name of
  an aliased field too, so ``categories.self_harm`` and also ``categories["self-harm"]`` in
  ``model_extra``, ``getattr(categories, "self-harm")``, ``model_dump()``, iteration and repr;
- its ``model_fields_set`` (``__fields_set__``) holds declared fields only, where validation adds
  the unknown keys the API sent (a field newer than the client) to the fields set. Code listing
  ``model_fields_set`` to see which fields the API sent would get those names too.

Under a union (``Optional[X]`` too) the SDK validates first, and a value that validates there has
neither difference. Answers here are validated in one pass (the fast path); afterwards the value
is walked along a plan made once per answer type: every model reached from the root through lists
and dicts but no union. A model holding no extras costs one attribute check. The lenient build
(`_models._construct_model`) keeps the names itself, in the order they came, and sets only the
declared fields; here the names go first, before the unknown keys, since validation does not tell
where they were in the data.
"""

from __future__ import annotations

import collections.abc
from functools import lru_cache
from typing import Annotated, Any, cast, get_args, get_origin

import pydantic

__all__ = ["as_constructed"]


def as_constructed(tp: Any, value: object) -> None:
    """Give ``value``, an answer validated as ``tp``, the extras and fields set of the official
    SDK's (see the module docstring)."""
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
    """A model: its fields set without the extras, its aliased fields' API names as extras, then
    the fields that hold further models."""

    __slots__ = ("aliased", "fields", "leaf")

    def __init__(self, aliased: tuple[tuple[str, str], ...], holds_models: bool) -> None:
        self.aliased = aliased
        self.fields: tuple[tuple[str, _Plan], ...] = ()  # set once every class has its plan
        # only the fields set to mend: no aliased field, no field holding models
        self.leaf = not aliased and not holds_models

    def apply(self, value: object) -> None:
        extra = getattr(value, "__pydantic_extra__", _RAW)  # cheaper than an isinstance check
        if extra is _RAW:
            return  # data the lenient build left raw
        model = cast("pydantic.BaseModel", value)
        if extra:
            _drop_extras_from_fields_set(model, cast("dict[str, object]", extra))
        if self.aliased:
            _copy_api_names(model, self.aliased)
        if self.fields:
            values = model.__dict__
            for name, plan in self.fields:
                field_value = values.get(name)
                if field_value is not None:
                    plan.apply(field_value)


_RAW = object()


def _drop_extras_from_fields_set(model: pydantic.BaseModel, extra: dict[str, object]) -> None:
    # a new set: the instance's own may be one passed to model_construct, shared
    fields_set = model.__pydantic_fields_set__ - extra.keys()
    object.__setattr__(model, "__pydantic_fields_set__", fields_set)


class _ItemsPlan(_Plan):
    __slots__ = ("item", "leaf")

    def __init__(self, item: _Plan) -> None:
        self.item = item
        self.leaf = isinstance(item, _ModelPlan) and item.leaf

    def apply(self, value: object) -> None:
        if not isinstance(value, list):
            return
        items = cast("list[object]", value)
        if self.leaf:
            # A long list of plain models (a page of files): the model step inline, no call each.
            for item in items:
                extra = getattr(item, "__pydantic_extra__", None)
                if extra:
                    _drop_extras_from_fields_set(
                        cast("pydantic.BaseModel", item), cast("dict[str, object]", extra)
                    )
            return
        apply = self.item.apply
        for item in items:
            apply(item)


class _ValuesPlan(_Plan):
    __slots__ = ("item",)

    def __init__(self, item: _Plan) -> None:
        self.item = item

    def apply(self, value: object) -> None:
        if isinstance(value, dict):
            apply = self.item.apply
            for item in cast("dict[object, object]", value).values():
                apply(item)


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
    # The model classes reachable from `tp` through no union (recursive types make this a graph:
    # one plan per class, shared by every place that reaches it).
    root = _model_at_end(tp)
    if root is None:
        return None
    plans: dict[type[pydantic.BaseModel], _ModelPlan] = {}
    edges: dict[type[pydantic.BaseModel], list[tuple[str, Any, type[pydantic.BaseModel]]]] = {}
    pending = [root]
    while pending:
        cls = pending.pop()
        if cls in plans:
            continue
        edges[cls] = []
        for name, info in cls.model_fields.items():  # resolved (`_models._ResolvedFields`)
            child = _model_at_end(info.annotation)
            if child is not None:
                edges[cls].append((name, info.annotation, child))
                pending.append(child)
        plans[cls] = _ModelPlan(_aliased(cls), holds_models=bool(edges[cls]))
    for cls, children in edges.items():
        plans[cls].fields = tuple(
            (name, _container_plan(annotation, plans[child]))
            for name, annotation, child in children
        )
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
