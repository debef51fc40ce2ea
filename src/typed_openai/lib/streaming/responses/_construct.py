"""Turning event payloads (decoded JSON) into the generated event models, quickly.

A stream delivers thousands of small events whose fields are plain values (strings, numbers,
literals, empty lists): for those, validating through pydantic costs several times more than the
rest of handling the event. `construct` fills such a payload straight into a model instance
(unknown keys go to the extra fields, as validation would put them); any payload holding a
value that would need a nested model is validated instead, leniently (`parse_value`, which keeps
unknown enum values and union members as the API sent them).
"""

from __future__ import annotations

import types
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import pydantic

from typed_openai._core._models import parse_value

__all__ = ["construct", "event_classes"]

_ModelT = TypeVar("_ModelT", bound=pydantic.BaseModel)

_PLAIN = (str, int, float, bool, type(None))
_EMPTY: tuple[Any, ...] = (None, [], {})


def _is_plain(annotation: Any) -> bool:
    if annotation in _PLAIN:
        return True
    origin = get_origin(annotation)
    if origin is Literal:
        return True
    if origin is Union or origin is types.UnionType:
        return all(_is_plain(arg) for arg in get_args(annotation))
    return False


class _Shape:
    """What `construct` needs to know about a model class, worked out once per class."""

    __slots__ = ("defaults", "nested", "plain", "required", "template")

    def __init__(self, cls: type[pydantic.BaseModel]) -> None:
        if not cls.__pydantic_complete__:
            cls.model_rebuild()
        self.plain: frozenset[str] = frozenset(
            name for name, field in cls.model_fields.items() if _is_plain(field.annotation)
        )
        self.nested: frozenset[str] = frozenset(cls.model_fields) - self.plain
        self.required: frozenset[str] = frozenset(
            name for name, field in cls.model_fields.items() if field.is_required()
        )
        # Only simple defaults can be shared between instances; a field with a factory or a
        # mutable default makes the class take the validating path when the field is missing.
        self.defaults: dict[str, Any] | None = {}
        for name, field in cls.model_fields.items():
            if field.is_required():
                continue
            if field.default_factory is not None or not isinstance(field.default, _PLAIN):
                self.defaults = None
                break
            self.defaults[name] = field.default
        # Every field in declaration order (required ones hold a placeholder the payload always
        # overrides): merging a payload into it keeps that order, which `repr` / `print(event)`
        # show, instead of the order the API sent the keys in.
        self.template: dict[str, Any] = {
            name: None if field.is_required() else (self.defaults or {}).get(name)
            for name, field in cls.model_fields.items()
        }


_SHAPES: dict[type[pydantic.BaseModel], _Shape] = {}

# pydantic keeps an instance's state in four slots; setting them through their descriptors is
# what `model_construct` does, minus its per-call work on defaults and validators.
_SLOTS = vars(pydantic.BaseModel)
_set_dict = _SLOTS["__dict__"].__set__ if "__dict__" in _SLOTS else None
_set_fields_set = _SLOTS["__pydantic_fields_set__"].__set__
_set_extra = _SLOTS["__pydantic_extra__"].__set__
_set_private = _SLOTS["__pydantic_private__"].__set__
_new = object.__new__


def construct(
    cls: type[_ModelT],
    data: dict[str, Any],
    private: dict[str, Any] | None = None,
    *,
    known_only: bool = False,
) -> _ModelT:
    """An instance of `cls` holding `data` (see the module docstring for when it validates);
    ``known_only`` leaves out the keys `cls` does not declare instead of keeping them as extras."""
    shape = _SHAPES.get(cls)
    if shape is None:
        shape = _SHAPES[cls] = _Shape(cls)
    defaults = shape.defaults
    extra: dict[str, Any] = {}
    fast = defaults is not None and shape.required <= data.keys()
    if fast:
        for key in data.keys() - shape.plain:  # usually empty or one key: a set op, not a loop
            value = data[key]
            if key in shape.nested:
                if value is None or (isinstance(value, list) and not value):
                    continue
            elif isinstance(value, _PLAIN):
                extra[key] = value
                continue
            fast = False
            break
    if not fast or defaults is None:
        if known_only:
            data = {key: value for key, value in data.items() if key in shape.template}
        instance: _ModelT = parse_value(cls, data)
        if private:
            current = instance.__pydantic_private__ or {}
            object.__setattr__(instance, "__pydantic_private__", {**current, **private})
        return instance
    values = {**shape.template, **data}
    fields_set = set(data)
    if extra:
        for key in extra:
            del values[key]
        fields_set -= extra.keys()
        if known_only:
            extra = {}
    instance = _new(cls)
    if _set_dict is None:
        object.__setattr__(instance, "__dict__", values)
    else:
        _set_dict(instance, values)
    _set_fields_set(instance, fields_set)
    _set_extra(instance, extra)
    _set_private(instance, private)
    return instance


@cache
def event_classes(union: Any) -> dict[str, type[pydantic.BaseModel]]:
    """``type`` literal -> member class, for a (possibly ``Annotated``) union of event models."""
    while get_origin(union) is not Union and get_args(union):
        union = get_args(union)[0]  # Annotated[Union[...], discriminator] -> Union[...]
    classes: dict[str, type[pydantic.BaseModel]] = {}
    for member in get_args(union):
        if not (isinstance(member, type) and issubclass(member, pydantic.BaseModel)):
            continue
        if not member.__pydantic_complete__:
            member.model_rebuild()
        field = member.model_fields.get("type")
        for tag in get_args(field.annotation) if field is not None else ():
            if isinstance(tag, str):
                classes.setdefault(tag, member)
    return classes
