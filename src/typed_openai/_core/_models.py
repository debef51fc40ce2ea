"""The pydantic base of every generated model, and lenient response parsing.

Response parsing is "fast path first": ``model_validate_json`` (pydantic-core, ~µs) handles every
response that matches its schema. Only when that fails, because the API added an enum value, a
union member or a discriminator value the client does not know yet, do we fall back to
``construct_lenient``, which rebuilds the value field by field:

- a field whose value validates keeps the validated value;
- an unknown enum/literal value stays as the raw value;
- a union picks the member the data validates against; failing that, as the official SDK
  builds it (its ``construct_type``): the member a discriminated union's tag names, else the
  union's first member, built leniently. So an object of a kind the client does not know yet (a
  new output item type, a tool of a new type) is the first member's class holding every key as
  sent (``item.type`` reads the new tag), as code written for the SDK finds it;
- unknown fields are kept (``extra="allow"``).

An answer also keeps the API name of each aliased field as an extra beside the field, and its
fields set holds declared fields only (the official SDK's construct rules, `_as_constructed`): the
lenient build here itself, the validated fast path by a walk after it, planned per type.

Caches (type adapters, union metadata) are keyed by type objects, which exist in bounded number,
and are capped anyway.
"""

from __future__ import annotations

import collections.abc
import types
from collections.abc import Mapping
from functools import lru_cache
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Literal,
    TypeVar,
    Union,
    cast,
    get_args,
    get_origin,
)

import pydantic
from pydantic import ConfigDict
from pydantic.fields import FieldInfo
from typing_extensions import Self

from ._as_constructed import as_constructed

__all__ = ["BaseModel", "construct_lenient", "parse_json", "parse_value"]

_T = TypeVar("_T")


class BaseModel(pydantic.BaseModel):
    """Base of every generated model: keeps unknown fields, accepts field names or API aliases."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        arbitrary_types_allowed=True,
        protected_namespaces=(),
        defer_build=True,
    )

    if TYPE_CHECKING:
        # Set on what a call returns (not on nested models) by `_parsing.tag_request_id`; kept out
        # of the fields, so it is absent (AttributeError) on a model built any other way.
        _request_id: str | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__module__.startswith(_PACKAGE_PREFIX):
            _build_package_bases(cls)

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Self:
        """An instance without validation, as pydantic's; plain data given for a field whose type
        holds models (a dict for a message, a list of dicts for the choices) is built into those
        models, as the official SDK does: fixtures written ``ChatCompletion.construct(**data)``
        then read ``completion.choices[0].message.content``."""
        fields: dict[str, FieldInfo] | None = None
        given = values.copy()
        for key, value in values.items():
            if _holds_raw_data(value):
                fields = fields or _resolved_fields(cls)
                name = _api_names(cls).get(key)
                if name is not None:
                    values[key] = construct_lenient(_field_type(fields[name]), value)
        instance = super().model_construct(_fields_set, **values)
        _fill_missing_fields(instance)
        if instance.__pydantic_extra__ is not None:
            # Every key that is no field's Python name is an extra, as given (the API name of an
            # aliased field too, beside the field): the official SDK's construct rule.
            own = cls.__pydantic_fields__
            extra = {key: value for key, value in given.items() if key not in own}
            object.__setattr__(instance, "__pydantic_extra__", extra)
        return instance

    @classmethod
    def construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Self:  # pyright: ignore[reportDeprecated, reportIncompatibleMethodOverride]
        """`model_construct` under its pydantic-v1 name, which code written for the official SDK
        still calls (without the deprecation warning pydantic's alias gives)."""
        return cls.model_construct(_fields_set, **values)

    def __str__(self) -> str:
        # `print(model)` shows the class name and the fields, as `repr` does (pydantic's `str`
        # leaves the name out): code and logs written for the official SDK print models so.
        return repr(self)

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> dict[str, object]:
        """A plain dict of this model, by default with API names and only the fields that were set."""
        return self.model_dump(
            mode=mode,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def to_json(
        self,
        *,
        indent: int | None = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> str:
        """A JSON string of this model (same field selection as ``to_dict``)."""
        return self.model_dump_json(
            indent=indent,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )


class _ResolvedFields:
    """``Model.model_fields`` whose annotations are the resolved types, however the model was
    reached. Models build lazily (``defer_build``), and a model that refers to a class defined
    later in its module keeps string forward references in its fields until it is built itself
    (`ForwardRef('Optional[ToolResources]')`), which a user reading ``model_fields`` (or a tool
    such as a JSON-schema or form generator) must not see. The first read of an incomplete
    model's fields builds it, once; complete models pay one attribute check."""

    def __get__(
        self, instance: pydantic.BaseModel | None, owner: type[pydantic.BaseModel] | None = None
    ) -> dict[str, FieldInfo]:
        if owner is None:
            owner = cast("type[pydantic.BaseModel]", type(instance))
        return _resolved_fields(owner)


@lru_cache(maxsize=1024)
def _cached_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(tp)


def _adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    try:
        return _cached_adapter(tp)
    except TypeError:  # an unhashable annotation: build it (rare, so no cache needed)
        return pydantic.TypeAdapter(tp)


def _is_model_class(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, pydantic.BaseModel)


def parse_json(tp: Any, content: bytes | str) -> Any:
    """Decode a JSON response body into ``tp``; lenient fallback on validation failure.

    Raises ``ValueError`` when ``content`` is not JSON at all.
    """
    try:
        if _is_model_class(tp):
            parsed = tp.model_validate_json(content)
        else:
            parsed = _adapter(tp).validate_json(content)
    except pydantic.ValidationError:
        pass
    else:
        as_constructed(tp, parsed)
        return parsed
    import jiter

    data = jiter.from_json(content.encode() if isinstance(content, str) else content)
    return construct_lenient(tp, data)


def parse_value(tp: Any, value: object) -> Any:
    """Validate already-decoded data into ``tp``; lenient fallback on validation failure."""
    try:
        if _is_model_class(tp):
            parsed = tp.model_validate(value)
        else:
            parsed = _adapter(tp).validate_python(value)
    except pydantic.ValidationError:
        return construct_lenient(tp, value)
    as_constructed(tp, parsed)
    return parsed


def _validates(tp: Any, value: object) -> tuple[bool, Any]:
    try:
        if _is_model_class(tp):
            return True, tp.model_validate(value)
        return True, _adapter(tp).validate_python(value)
    except pydantic.ValidationError:
        return False, None


def _fill_missing_fields(instance: pydantic.BaseModel) -> None:
    """Give each required field the caller left out the value None, in field order.

    pydantic's `model_construct` leaves such a field unset, so reading it raises AttributeError
    and dumps leave it out; the official SDK's construct() reads it as None and dumps it so
    (test fixtures write ``Choice.construct(message=...)`` and the code under test reads
    ``choice.finish_reason``). The fields set stays what the caller gave."""
    state: Mapping[str, Any] = instance.__dict__
    fields = type(instance).__pydantic_fields__
    if len(state) >= len(fields):
        return
    filled = {name: state.get(name) for name in fields}
    filled.update((key, value) for key, value in state.items() if key not in filled)
    object.__setattr__(instance, "__dict__", filled)


def construct_lenient(tp: Any, value: object) -> Any:
    """Build ``value`` into ``tp`` as far as it fits, keeping whatever does not fit as raw data.

    An object of a union that fits none of its members is built as the official SDK builds it
    (`_construct_union`)."""
    if value is None:
        return None
    discriminator: str | None = None
    origin = get_origin(tp)
    while origin is Annotated:
        args = get_args(tp)
        tp = args[0]
        discriminator = _discriminator_in(args[1:]) or discriminator
        origin = get_origin(tp)
    if tp is Any or tp is object:
        return value
    if _is_model_class(tp):
        if isinstance(value, Mapping):
            return _construct_model(tp, cast("Mapping[str, object]", value))
        return value
    if origin is Union or origin is types.UnionType:
        return _construct_union(tp, value, discriminator)
    if origin in (list, tuple, set, frozenset) or _is_sequence_origin(origin):
        if isinstance(value, list):
            args = get_args(tp)
            item_tp: Any = args[0] if args else Any
            return [construct_lenient(item_tp, item) for item in cast("list[object]", value)]
        return value
    if origin is dict or _is_mapping_origin(origin):
        if isinstance(value, Mapping):
            args = get_args(tp)
            value_tp: Any = args[1] if len(args) == 2 else Any
            return {
                k: construct_lenient(value_tp, v)
                for k, v in cast("Mapping[str, object]", value).items()
            }
        return value
    ok, validated = _validates(tp, value)
    return validated if ok else value


_SEQUENCE_ORIGINS: tuple[object, ...] = (
    collections.abc.Sequence,
    collections.abc.Iterable,
    collections.abc.MutableSequence,
)
_MAPPING_ORIGINS: tuple[object, ...] = (collections.abc.Mapping, collections.abc.MutableMapping)


def _is_sequence_origin(origin: object) -> bool:
    return origin in _SEQUENCE_ORIGINS


def _is_mapping_origin(origin: object) -> bool:
    return origin in _MAPPING_ORIGINS


def _discriminator_in(metadata: tuple[Any, ...]) -> str | None:
    for item in metadata:
        found = getattr(item, "discriminator", None)
        if isinstance(found, str):
            return found
        if isinstance(found, pydantic.Discriminator) and isinstance(found.discriminator, str):
            return found.discriminator
    return None


def _resolved_fields(cls: type[pydantic.BaseModel]) -> dict[str, FieldInfo]:
    """``cls.model_fields`` with their annotations resolved (see ``_ResolvedFields``): a forward
    reference cannot be validated against."""
    if not cls.__pydantic_complete__:
        _rebuild_once(cls)
    return cls.__pydantic_fields__


_PACKAGE_PREFIX = __name__.split(".", 1)[0] + "."


def _build_package_bases(cls: type[pydantic.BaseModel]) -> None:
    """Build the package's models that a model of the user's derives from (litellm's
    ``class Usage(CompletionUsage)``), before pydantic copies their fields into it. Our models
    defer their build (import speed), and a field copied from an unbuilt base keeps its annotation
    as the generated module wrote it (``Optional[CompletionTokensDetails]``), to be resolved in
    the subclass's module, which seldom imports those names: its first use would fail."""
    for base in reversed(cls.__mro__[1:]):
        if (
            issubclass(base, BaseModel)
            and base.__module__.startswith(_PACKAGE_PREFIX)
            and not base.__pydantic_complete__
        ):
            _rebuild_once(base)


@lru_cache(maxsize=4096)
def _rebuild_once(cls: type[pydantic.BaseModel]) -> None:
    # Once per class: a model whose references cannot be resolved stays incomplete, and retrying
    # the (costly) rebuild for every response would not change that.
    cls.model_rebuild(raise_errors=False)


def _construct_model(cls: type[pydantic.BaseModel], data: Mapping[str, object]) -> Any:
    fields = _resolved_fields(cls)
    by_api_name = _api_names(cls)
    values: dict[str, object] = {}
    fields_set: set[str] = set()
    extra: dict[str, object] = {}
    for key, raw in data.items():
        name = by_api_name.get(key)
        if name != key:
            # Unknown, or the API name of an aliased field: kept as sent (the SDK's rule).
            extra[key] = raw
        if name is None:
            continue
        info = fields[name]
        annotation = _field_type(info)
        ok, validated = _validates(annotation, raw) if raw is not None else (True, None)
        if ok:
            as_constructed(annotation, validated)
        values[name] = validated if ok else construct_lenient(annotation, raw)
        fields_set.add(name)
    for name, info in fields.items():
        if name not in values:
            # Missing required fields read as None instead of raising AttributeError later.
            values[name] = (
                None if info.is_required() else info.get_default(call_default_factory=True)
            )
    instance = cls.model_construct(_fields_set=fields_set, **values)
    if extra:
        if instance.__pydantic_extra__ is None:
            object.__setattr__(instance, "__pydantic_extra__", {})
        assert instance.__pydantic_extra__ is not None
        instance.__pydantic_extra__.update(extra)
    return instance


def _field_type(info: FieldInfo) -> Any:
    """A field's annotation with what pydantic keeps beside it: its discriminator, or the
    metadata of its own `Annotated` (a `UnionTag`), where the lenient build reads a union's tag."""
    if info.discriminator is not None:
        return Annotated[info.annotation, pydantic.Field(discriminator=info.discriminator)]
    if info.metadata:
        return Annotated[(info.annotation, *info.metadata)]
    return info.annotation


@lru_cache(maxsize=1024)
def _api_names(cls: type[pydantic.BaseModel]) -> dict[str, str]:
    names: dict[str, str] = {}
    for name, info in cls.model_fields.items():
        names[name] = name
        if info.alias:
            names[info.alias] = name
        if isinstance(info.validation_alias, str):
            names[info.validation_alias] = name
    return names


def _holds_raw_data(value: object) -> bool:
    """A dict, or a list with a dict in it: data that `construct_lenient` may turn into models."""
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and any(
        isinstance(item, dict) for item in cast("list[object]", value)
    )


def _construct_union(tp: Any, value: object, discriminator: str | None) -> Any:
    """The member ``value`` validates against; else, as the official SDK's ``construct_type``:
    the member its tag (a non-empty string) names in a discriminated union, else the first
    member, built leniently (data that is no object for it stays as it came)."""
    members = [member for member in get_args(tp) if member is not type(None)]
    if len(members) == 1:
        # Optional[X]: X decides (it may itself be a discriminated union).
        return construct_lenient(members[0], value)
    for member in members:
        ok, validated = _validates(member, value)
        if ok:
            return validated
    chosen: Any = members[0]
    if discriminator is not None and isinstance(value, Mapping):
        tag = cast("Mapping[str, object]", value).get(discriminator)
        if tag and isinstance(tag, str):
            chosen = _member_for_tag(members, discriminator, tag) or chosen
    return construct_lenient(chosen, cast(object, value))


def _member_for_tag(members: list[Any], field: str, tag: object) -> Any:
    # the last member the tag names: where two share it (a `UnionTag` union's input and output
    # message), the official SDK's tag -> member table keeps the later one
    for member in reversed(members):
        if _is_model_class(member) and tag in _literal_values(member, field):
            return member
    return None


def _literal_values(cls: type[pydantic.BaseModel], field: str) -> tuple[object, ...]:
    name = _api_names(cls).get(field)
    if name is None:
        return ()
    annotation = _resolved_fields(cls)[name].annotation
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    return ()


# Installed after the class body: pydantic reads the body's names as fields, and every model
# inherits this from BaseModel (pydantic's own `model_fields` returns the fields as they are).
BaseModel.model_fields = _ResolvedFields()  # type: ignore[assignment]  # pyright: ignore[reportAttributeAccessIssue]
