"""A flattened view of one JSON schema: the facts the comparer needs, whatever the spelling.

OpenAPI 3.0 and 3.1 say the same things in different ways (`nullable: true` versus
`type: [string, "null"]` versus `anyOf: [..., {type: "null"}]`; `const` versus a one-value
`enum`; `allOf` used to extend a base schema). The view normalises them so that a change of
spelling alone is not reported as a change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JSON_TYPES = ("string", "integer", "number", "boolean", "object", "array")

Deref = Callable[[Any], "tuple[Any, str | None]"]


@dataclass(frozen=True, slots=True)
class Member:
    """One member of a union. `key` matches members across versions; `label` is shown."""

    key: str
    label: str
    schema: Any


@dataclass(slots=True)
class SchemaView:
    types: frozenset[str] | None = None  # non-null JSON types accepted; None means anything
    nullable: bool = False
    enum: dict[tuple[str, str], str] | None = None  # identity of a value -> how it is shown
    properties: dict[str, Any] = field(default_factory=dict[str, Any])
    required: frozenset[str] = frozenset()
    items: Any = None
    map_values: Any = None  # the schema of `additionalProperties`, when it is one
    members: list[Member] | None = None  # anyOf/oneOf members except `null`; None: not a union
    discriminator: str | None = None
    # The named schema this one only wraps (`anyOf: [$ref X, null]`, `allOf: [$ref X]`): what is
    # compared inside belongs to X, so changes found there are attributed to X.
    wraps: str | None = None

    @property
    def is_object_like(self) -> bool:
        return self.types is None or "object" in self.types


def enum_identity(value: Any) -> tuple[str, str]:
    """A hashable identity for an enum value that keeps `1`, `1.0`, `True` and `"1"` apart.

    Values YAML reads as something JSON has no type for (an unquoted `2024-01-01` is a date) count
    as their text, so the same spec in YAML and in JSON has the same enum.
    """
    if not isinstance(value, (str, int, float, bool, dict, list)):
        value = str(value)
    return (type(value).__name__, json.dumps(value, sort_keys=True, default=str))


def show_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)


def _is_null_schema(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    if schema.get("type") == "null":
        return True
    enum = schema.get("enum")
    return isinstance(enum, list) and enum == [None]


# Keywords that describe or constrain a schema without giving it a shape of its own.
_CONSTRAINT_ONLY = frozenset({"required", "description", "title", "not", "minProperties"})


def _only_constrains(schema: Any) -> bool:
    """`anyOf: [{required: [a]}, {required: [b]}]` says which fields must come together; its
    members are not alternative shapes, so such a union is not treated as one (and not reported).
    """
    return isinstance(schema, dict) and bool(schema) and set(schema) <= _CONSTRAINT_ONLY


# The JSON type of an enum value, from the Python type name kept in its identity.
_JSON_TYPE_OF = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "dict": "object",
    "list": "array",
}


class ViewBuilder:
    """Builds (and caches, per schema object) the views of one document's schemas."""

    def __init__(self, deref: Deref) -> None:
        self._deref = deref
        self._cache: dict[int, SchemaView] = {}
        self._building: set[int] = set()

    def view(self, schema: Any) -> SchemaView:
        """The view of a schema that is already dereferenced."""
        cached = self._cache.get(id(schema))
        if cached is not None:
            return cached
        if id(schema) in self._building:
            # `A: allOf: [A]` and the like: nothing more can be learnt from going round again.
            return SchemaView()
        self._building.add(id(schema))
        try:
            view = self._build(schema)
        finally:
            self._building.discard(id(schema))
        self._cache[id(schema)] = view
        return view

    def _build(self, schema: Any) -> SchemaView:
        if schema is False:
            return SchemaView(types=frozenset())
        if not isinstance(schema, dict):
            return SchemaView()
        node: dict[str, Any] = schema
        view = SchemaView()
        own_types = self._own_types(node, view)
        self._own_enum(node, view)
        props = node.get("properties")
        if isinstance(props, dict):
            view.properties = dict(props)
        required = node.get("required")
        if isinstance(required, list):
            view.required = frozenset(str(r) for r in required)
        if isinstance(node.get("items"), (dict, bool)):
            view.items = node["items"]
        if isinstance(node.get("additionalProperties"), dict):
            view.map_values = node["additionalProperties"]
        discriminator = node.get("discriminator")
        if isinstance(discriminator, dict) and isinstance(discriminator.get("propertyName"), str):
            view.discriminator = discriminator["propertyName"]
        if own_types is None:
            own_types = self._inferred_types(view)
        view.types = own_types
        self._merge_all_of(node, view)
        self._apply_union(node, view)
        return view

    def _own_types(self, node: dict[str, Any], view: SchemaView) -> frozenset[str] | None:
        if node.get("nullable") is True:
            view.nullable = True
        declared = node.get("type")
        if isinstance(declared, str):
            declared = [declared]
        if not isinstance(declared, list):
            return None
        names = {str(t) for t in declared}
        if "null" in names:
            view.nullable = True
            names.discard("null")
        return frozenset(names)

    def _own_enum(self, node: dict[str, Any], view: SchemaView) -> None:
        values: list[Any] | None = None
        if "const" in node:
            values = [node["const"]]
        elif isinstance(node.get("enum"), list):
            values = list(node["enum"])
        if values is None:
            return
        if None in values:
            view.nullable = True
        view.enum = {enum_identity(v): show_value(v) for v in values if v is not None}

    def _inferred_types(self, view: SchemaView) -> frozenset[str] | None:
        if view.properties or view.map_values is not None:
            return frozenset({"object"})
        if view.items is not None:
            return frozenset({"array"})
        if view.enum:
            # `enum: [a, b]` alone means strings: read the values' own types.
            return frozenset(_JSON_TYPE_OF.get(type_name, "string") for type_name, _ in view.enum)
        return None

    def _merge_all_of(self, node: dict[str, Any], view: SchemaView) -> None:
        """Fold `allOf` members into the view: they all apply at once."""
        parts = node.get("allOf")
        if not isinstance(parts, list) or not parts:
            return
        part_views = [self.view(self._deref(part)[0]) for part in parts]
        if len(parts) == 1 and not view.properties and view.items is None:
            view.wraps = self._deref(parts[0])[1] or part_views[0].wraps
        properties: dict[str, Any] = {}
        required: set[str] = set()
        for part in part_views:
            properties.update(part.properties)
            required |= part.required
            if part.types is not None:
                view.types = part.types if view.types is None else view.types & part.types
            if view.enum is None and part.enum is not None:
                view.enum = part.enum
            if view.items is None:
                view.items = part.items
            if view.map_values is None:
                view.map_values = part.map_values
            if view.members is None and part.members is not None:
                view.members = part.members
            if view.discriminator is None:
                view.discriminator = part.discriminator
        properties.update(view.properties)  # the schema's own properties refine the members'
        view.properties = properties
        view.required = view.required | required
        # `allOf: [X]` with `nullable: true` beside it is the 3.0 way to make a reference nullable.
        if not view.nullable and all(p.nullable for p in part_views):
            view.nullable = True

    def _apply_union(self, node: dict[str, Any], view: SchemaView) -> None:
        raw = node.get("anyOf")
        if not isinstance(raw, list):
            raw = node.get("oneOf")
        if not isinstance(raw, list):
            return
        members: list[Any] = []
        for member in raw:
            if _is_null_schema(self._deref(member)[0]):
                view.nullable = True
            else:
                members.append(member)
        if not members or all(_only_constrains(self._deref(m)[0]) for m in members):
            return
        if len(members) == 1:
            # `anyOf: [X, null]` is how 3.1 writes "nullable X": the view is X's view, nullable.
            target, name = self._deref(members[0])
            single = self.view(target)
            if not view.properties and view.items is None:
                view.wraps = name or single.wraps
            self._absorb(view, single)
            return
        view.members = self.members_of(members, view.discriminator)
        if view.types is None:
            view.types = self._union_types(view.members)

    def _absorb(self, view: SchemaView, single: SchemaView) -> None:
        view.nullable = view.nullable or single.nullable
        if single.types is not None:
            view.types = single.types if view.types is None else view.types & single.types
        if view.enum is None:
            view.enum = single.enum
        merged = dict(single.properties)
        merged.update(view.properties)
        view.properties = merged
        view.required = view.required | single.required
        if view.items is None:
            view.items = single.items
        if view.map_values is None:
            view.map_values = single.map_values
        if view.members is None:
            view.members = single.members
        if view.discriminator is None:
            view.discriminator = single.discriminator

    def _union_types(self, members: list[Member]) -> frozenset[str] | None:
        found: set[str] = set()
        for member in members:
            types = self.view(self._deref(member.schema)[0]).types
            if types is None:
                return None
            found |= types
        return frozenset(found)

    def members_of(self, raw_members: list[Any], discriminator: str | None) -> list[Member]:
        out: list[Member] = []
        seen: dict[str, int] = {}
        for raw in raw_members:
            key, label = self.member_identity(raw, discriminator)
            count = seen.get(key, 0) + 1
            seen[key] = count
            if count > 1:  # two members of the same shape: tell them apart by rank
                key, label = f"{key}#{count}", f"{label}#{count}"
            out.append(Member(key, label, raw))
        return out

    def member_identity(
        self, raw: Any, discriminator: str | None, name: str | None = None
    ) -> tuple[str, str]:
        """How a union member is recognised across versions, and how it is named in a location.

        A member is recognised by its discriminator value when it has one (`type: text`), so a
        member moved from inline to a named schema is still the same member; otherwise by the name
        of the schema it references; otherwise by its shape (`string`, `array`, `string enum`).
        `name` is the schema's name when the caller has already followed the reference.
        """
        target, ref_name = self._deref(raw)
        name = ref_name or name
        view = self.view(target)
        tag = self._tag(view, discriminator)
        if tag is not None:
            return f"{tag[0]}={tag[1]}", name or tag[1]
        if name is not None:
            return name, name
        shape = describe(view)
        return shape, shape

    def _tag(self, view: SchemaView, discriminator: str | None) -> tuple[str, str] | None:
        for prop in (discriminator, "type"):
            if prop is None or prop not in view.properties:
                continue
            enum = self.view(self._deref(view.properties[prop])[0]).enum
            if enum is not None and len(enum) == 1:
                return prop, next(iter(enum.values()))
        return None


def describe(view: SchemaView) -> str:
    """A short type summary: `string`, `integer | string`, `string enum`, `A | B`, `any`.

    Nullability is left out: it is reported as a change of its own.
    """
    if view.members is not None:
        text = " | ".join(m.label for m in view.members)
    elif view.types is None:
        text = "any"
    elif not view.types:
        text = "nothing"
    else:
        text = " | ".join(t for t in JSON_TYPES if t in view.types)
        text = text or " | ".join(sorted(view.types))
        if view.enum is not None:
            text += " enum"
    return text
