"""Turn a pydantic model into the JSON schema that Structured Outputs accepts in strict mode.

The model may be a ``BaseModel`` subclass or any class pydantic builds an object schema for
through a ``TypeAdapter`` (a pydantic or standard dataclass, a ``TypedDict``); a ready
``TypeAdapter`` is taken too. Strict mode only takes a subset of JSON Schema. Starting from
pydantic's own schema we:

- close every object (``additionalProperties: false``) and list every property as required;
- drop ``default`` (the API rejects it; a strict answer always carries every field anyway);
- turn ``oneOf`` (pydantic's discriminated unions) into ``anyOf`` and drop ``discriminator``;
- replace a ``$ref`` that has sibling keywords (typically a field ``description``), which the
  API rejects, by the referenced definition with those keywords merged in;
- refuse, with a message naming the problem, a root that is not an object with fixed keys.

A mapping field (``dict[str, X]``) keeps pydantic's open ``additionalProperties``, as the official
SDK sends it: strict mode cannot express it, but refusing it here would break code that works
there (module-level tool lists built at import), so the API's answer decides.

Merging a ``$ref`` with its siblings is done by inlining the definition, the same result the
official SDK produces, so schemas that already work there stay byte-for-byte comparable. Inlining
is impossible when such references form a cycle (a model pointing at itself through a described
field) and explodes when they nest (each level doubling the copies), so in those two cases every
described reference instead points at a new ``$defs`` entry: the definition with the extra
keywords, written once.

The schema of a class is computed once and kept in a bounded cache, as is the ``TypeAdapter`` that
validates answers into a class that is not a ``BaseModel``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, Final, TypeGuard, TypeVar, cast, get_origin

import pydantic

__all__ = [
    "StrictSchemaError",
    "is_model_class",
    "is_schema_class",
    "sanitize_schema_name",
    "to_strict_json_schema",
    "type_adapter",
    "validate_json_as",
]

JsonSchema = dict[str, Any]
_T = TypeVar("_T")

# Schemas are cached per model class; enough for any real application, bounded for generated ones.
_CACHE_SIZE: Final = 512

# The API refuses schemas with more object properties than this (counted over the schema as
# sent). Inlining described references beyond it cannot produce an accepted schema, so past
# this size we switch to the linear-size `$defs` form.
_MAX_API_PROPERTIES: Final = 5000

_DEFS_PREFIX: Final = "#/$defs/"

# Keywords whose value is a schema, a list of schemas or a name -> schema mapping.
_SCHEMA_KEYWORDS: Final = frozenset({"items", "additionalProperties", "not", "contains"})
_SCHEMA_LIST_KEYWORDS: Final = frozenset({"anyOf", "oneOf", "allOf", "prefixItems"})
_SCHEMA_MAP_KEYWORDS: Final = frozenset({"properties", "patternProperties", "$defs"})

_INVALID_NAME_CHARS: Final = re.compile(r"[^a-zA-Z0-9_-]+")
_MAX_NAME_LENGTH: Final = 64


class StrictSchemaError(TypeError):
    """The model contains a shape that Structured Outputs' strict mode cannot express."""


def is_model_class(value: object) -> TypeGuard[type[pydantic.BaseModel]]:
    return isinstance(value, type) and issubclass(value, pydantic.BaseModel)


def is_schema_class(value: object) -> TypeGuard[type[Any]]:
    """A class whose JSON schema can be asked for: a ``BaseModel`` subclass or any other class
    (a dataclass, a ``TypedDict``; whether pydantic can build an object schema for it is found
    out when the schema is built). Parametrized generics such as ``list[Model]`` are not classes
    here: the root of a strict schema must be an object."""
    return isinstance(value, type) and get_origin(value) is None


@lru_cache(maxsize=_CACHE_SIZE)
def type_adapter(cls: type[Any]) -> pydantic.TypeAdapter[Any]:
    """The (cached) validator of a class that is not a ``BaseModel``; building one costs
    milliseconds."""
    return pydantic.TypeAdapter(cls)


def validate_json_as(cls: type[_T], text: str | bytes) -> _T:
    """`text` (JSON) validated into an instance of `cls` (a ``BaseModel`` or another class)."""
    if is_model_class(cls):
        return cls.model_validate_json(text)
    return cast(_T, type_adapter(cls).validate_json(text))


def sanitize_schema_name(name: str) -> str:
    """Schema and function names must match ``^[a-zA-Z0-9_-]{1,64}$``; `Page[int]` does not."""
    cleaned = _INVALID_NAME_CHARS.sub("_", name).strip("_") or "schema"
    return cleaned[:_MAX_NAME_LENGTH]


def to_strict_json_schema(model: type[Any] | pydantic.TypeAdapter[Any]) -> JsonSchema:
    """The strict JSON schema of `model` (a class, see `is_schema_class`, or a ``TypeAdapter``);
    a fresh copy the caller may modify."""
    if isinstance(model, pydantic.TypeAdapter):
        return _StrictSchemaBuilder("The TypeAdapter's type", model.json_schema()).build()
    if not is_schema_class(model):
        raise TypeError(
            "to_strict_json_schema() expects a pydantic BaseModel subclass, another class "
            f"pydantic can build an object schema for (a dataclass, a TypedDict) or a "
            f"pydantic.TypeAdapter, got {model!r}"
        )
    return cast(JsonSchema, json.loads(_strict_schema_json(model)))


@lru_cache(maxsize=_CACHE_SIZE)
def _strict_schema_json(model: type[Any]) -> str:
    # Cached as text: each caller gets an independent copy by decoding it, which is cheaper than
    # deep-copying nested dicts and keeps the cached value immutable.
    name = model.__name__
    if is_model_class(model):
        source = model.model_json_schema()
    else:
        try:
            source = type_adapter(model).json_schema()
        except pydantic.PydanticUserError as exc:
            raise StrictSchemaError(
                f"{name} cannot be used as a strict JSON schema: pydantic cannot build a JSON "
                f"schema for it ({str(exc).splitlines()[0]})"
            ) from None
    return json.dumps(_StrictSchemaBuilder(name, source).build())


# --- pass 1: make every node strict, leaving `$ref`-with-siblings for pass 2 -----------------


class _Normalizer:
    def __init__(self, model_name: str) -> None:
        self._model_name = model_name

    def node(self, schema: object, path: tuple[str, ...]) -> Any:
        if not isinstance(schema, dict):
            return schema  # `true`/`false` schemas and plain values are left as they are
        source = cast(JsonSchema, schema)
        if "oneOf" in source and "anyOf" in source:
            raise self._error(path, "it combines `anyOf` and `oneOf`, which cannot be merged")
        out: JsonSchema = {}
        for key, value in source.items():
            if key in ("default", "discriminator"):
                continue  # unsupported keywords; `discriminator` only annotates a `oneOf`
            if key in _SCHEMA_MAP_KEYWORDS:
                mapping = cast(dict[str, Any], value)
                out[key] = {
                    name: self.node(sub, (*path, key, name)) for name, sub in mapping.items()
                }
            elif key in _SCHEMA_LIST_KEYWORDS:
                items = cast(list[Any], value)
                target = "anyOf" if key == "oneOf" else key
                out[target] = [self.node(sub, (*path, key, str(i))) for i, sub in enumerate(items)]
            elif key in _SCHEMA_KEYWORDS:
                out[key] = self.node(value, (*path, key))
            else:
                out[key] = value
        if "properties" in out and out.get("additionalProperties") is True:
            # A model with `extra="allow"` accepts extra keys; it does not need the API to
            # send any, so closing the object still validates every answer.
            out["additionalProperties"] = False
        if out.get("type") == "object":
            self._close_object(out, path)
        if "properties" in out:
            out["required"] = list(cast(dict[str, Any], out["properties"]))
        all_of = out.get("allOf")
        if isinstance(all_of, list) and len(cast(list[Any], all_of)) == 1:
            out = self._merge_single_all_of(out)
        return out

    def _close_object(self, out: JsonSchema, path: tuple[str, ...]) -> None:
        extra = out.get("additionalProperties", False)
        if extra is not False or "patternProperties" in out:
            if not path:
                raise self._error(
                    path,
                    "it is a mapping with arbitrary keys (such as `dict[str, ...]`), but the "
                    "root of the schema must be an object with fixed keys",
                )
            # A mapping field (`dict[str, X]`) is sent as pydantic describes it, as the official
            # SDK does: code that builds such tools at import time keeps importing, and the API
            # itself says whether it takes the schema (strict mode wants fixed keys).
            return
        out.setdefault("additionalProperties", False)

    @staticmethod
    def _merge_single_all_of(out: JsonSchema) -> JsonSchema:
        # `{"allOf": [X], ...siblings}` means X plus annotations; the siblings are the more
        # specific ones, so they win on conflicts. A `$ref` in X is handled by pass 2.
        inner = cast(list[Any], out.pop("allOf"))[0]
        if not isinstance(inner, dict):
            out["allOf"] = [inner]
            return out
        return {**cast(JsonSchema, inner), **out}

    def _error(self, path: tuple[str, ...], reason: str) -> StrictSchemaError:
        return StrictSchemaError(
            f"{self._model_name} cannot be used as a strict JSON schema: {_describe(path, self._model_name)} "
            f"cannot be expressed because {reason} (at #/{'/'.join(path)})"
        )


def _describe(path: tuple[str, ...], model_name: str) -> str:
    owner = path[1] if len(path) >= 2 and path[0] == "$defs" else model_name
    fields = [path[i + 1] for i in range(len(path) - 1) if path[i] == "properties"]
    if not fields:
        return f"model `{owner}`"
    return f"field `{fields[-1]}` of `{owner}`"


# --- pass 2: resolve `$ref`s that carry sibling keywords --------------------------------------


def _child_schemas(schema: JsonSchema) -> Iterator[Any]:
    for key, value in schema.items():
        if key in _SCHEMA_KEYWORDS:
            yield value
        elif key in _SCHEMA_LIST_KEYWORDS:
            yield from cast(list[Any], value)
        elif key in _SCHEMA_MAP_KEYWORDS and key != "$defs":
            yield from cast(dict[str, Any], value).values()


def _is_ref_with_siblings(schema: JsonSchema) -> bool:
    return "$ref" in schema and len(schema) > 1


def _rewrite(schema: Any, on_ref: Callable[[JsonSchema], JsonSchema]) -> Any:
    """Copy of `schema` in which every `$ref`-with-siblings node is replaced by `on_ref(node)`."""
    if not isinstance(schema, dict):
        return schema
    node = cast(JsonSchema, schema)
    out: JsonSchema = {}
    for key, value in node.items():
        if key in _SCHEMA_KEYWORDS:
            out[key] = _rewrite(value, on_ref)
        elif key in _SCHEMA_LIST_KEYWORDS:
            out[key] = [_rewrite(sub, on_ref) for sub in cast(list[Any], value)]
        elif key in _SCHEMA_MAP_KEYWORDS and key != "$defs":
            mapping = cast(dict[str, Any], value)
            out[key] = {name: _rewrite(sub, on_ref) for name, sub in mapping.items()}
        else:
            out[key] = value
    return on_ref(out) if _is_ref_with_siblings(out) else out


def _sum_unless_unbounded(parts: list[int | None]) -> int | None:
    total = 0
    for part in parts:
        if part is None:
            return None
        total += part
    return total


def _merge_into_definition(siblings: JsonSchema, definition: JsonSchema) -> JsonSchema:
    # Sibling keywords describe this use of the definition, so they take precedence.
    return {**siblings, **{k: v for k, v in definition.items() if k not in siblings}}


class _StrictSchemaBuilder:
    def __init__(self, model_name: str, source: JsonSchema) -> None:
        self._model_name = model_name
        self._source = source
        self._defs: dict[str, JsonSchema] = {}

    def build(self) -> JsonSchema:
        normalizer = _Normalizer(self._model_name)
        source_defs = cast(dict[str, Any], self._source.get("$defs", {}))
        self._defs = {
            name: normalizer.node(sub, ("$defs", name)) for name, sub in source_defs.items()
        }
        body = cast(JsonSchema, normalizer.node(self._source_without_defs(), ()))
        # pydantic describes a recursive model as `{"$defs": ..., "$ref": <itself>}`; the API
        # wants the object itself at the root, so there the definition always takes the ref's place.
        root_target: str | None = None
        if "$ref" in body:
            root_target, body = self._split_ref(body)

        if self._inlining_is_safe(body, root_target):
            defs, body, definition = self._inline_described_refs(body)
        else:
            defs, body, definition = self._point_described_refs_at_variants(body)
        if root_target is not None:
            body = _merge_into_definition(body, definition(root_target))
        if body.get("type") != "object":
            raise StrictSchemaError(
                f"{self._model_name} cannot be used as a strict JSON schema: the root of the "
                "schema must be an object"
            )
        return {"$defs": defs, **body} if defs else body

    def _source_without_defs(self) -> JsonSchema:
        return {key: value for key, value in self._source.items() if key != "$defs"}

    def _split_ref(self, node: JsonSchema) -> tuple[str, JsonSchema]:
        """The definition name a `$ref` node points to, and its sibling keywords."""
        ref = node["$ref"]
        name = ref[len(_DEFS_PREFIX) :] if isinstance(ref, str) else None
        if name is None or not ref.startswith(_DEFS_PREFIX) or name not in self._defs:
            raise StrictSchemaError(
                f"{self._model_name} cannot be used as a strict JSON schema: the reference "
                f"{ref!r} does not point to one of its definitions"
            )
        return name, {key: value for key, value in node.items() if key != "$ref"}

    def _inlining_is_safe(self, body: JsonSchema, root_target: str | None) -> bool:
        """True when inlining described references terminates and stays within API limits."""
        memo: dict[str, int | None] = {}
        in_progress: set[str] = set()

        def size(schema: Any) -> int | None:
            # Object properties in `schema` once each described `$ref` in it is inlined;
            # None when that never ends.
            if not isinstance(schema, dict):
                return 0
            node = cast(JsonSchema, schema)
            parts: list[int | None] = [len(cast(dict[str, Any], node.get("properties", {})))]
            if _is_ref_with_siblings(node):
                parts.append(definition_size(self._split_ref(node)[0]))
            parts.extend(size(child) for child in _child_schemas(node))
            return _sum_unless_unbounded(parts)

        def definition_size(name: str) -> int | None:
            if name in in_progress:
                return None  # a cycle through described references
            if name not in memo:
                in_progress.add(name)
                memo[name] = size(self._defs[name])
                in_progress.discard(name)
            return memo[name]

        parts = [size(body), *(definition_size(name) for name in self._defs)]
        if root_target is not None:
            parts.append(definition_size(root_target))
        total = _sum_unless_unbounded(parts)
        return total is not None and total <= _MAX_API_PROPERTIES

    def _inline_described_refs(
        self, body: JsonSchema
    ) -> tuple[dict[str, JsonSchema], JsonSchema, Callable[[str], JsonSchema]]:
        resolved: dict[str, JsonSchema] = {}

        def definition(name: str) -> JsonSchema:
            if name not in resolved:
                resolved[name] = cast(JsonSchema, _rewrite(self._defs[name], inline))
            return resolved[name]

        def inline(node: JsonSchema) -> JsonSchema:
            target, siblings = self._split_ref(node)
            return _merge_into_definition(siblings, definition(target))

        defs = {name: definition(name) for name in self._defs}
        return defs, cast(JsonSchema, _rewrite(body, inline)), definition

    def _point_described_refs_at_variants(
        self, body: JsonSchema
    ) -> tuple[dict[str, JsonSchema], JsonSchema, Callable[[str], JsonSchema]]:
        variant_names: dict[tuple[str, str], str] = {}
        variants: dict[str, tuple[str, JsonSchema]] = {}

        def point_at_variant(node: JsonSchema) -> JsonSchema:
            target, siblings = self._split_ref(node)
            key = (target, json.dumps(siblings, sort_keys=True))
            if key not in variant_names:
                name = self._fresh_definition_name(target, variants)
                variant_names[key] = name
                variants[name] = (target, siblings)
            return {"$ref": _DEFS_PREFIX + variant_names[key]}

        defs = {
            name: cast(JsonSchema, _rewrite(sub, point_at_variant))
            for name, sub in self._defs.items()
        }
        new_body = cast(JsonSchema, _rewrite(body, point_at_variant))
        # A variant is its definition plus the sibling keywords. Definitions only refer to
        # variants by name, so the variants can be filled in once every definition is done.
        for name, (target, siblings) in variants.items():
            defs[name] = _merge_into_definition(siblings, defs[target])
        return defs, new_body, defs.__getitem__

    def _fresh_definition_name(self, target: str, taken: dict[str, Any]) -> str:
        index = 2
        while f"{target}_{index}" in self._defs or f"{target}_{index}" in taken:
            index += 1
        return f"{target}_{index}"
