"""A typed view of the OpenAPI objects the operation builder reads.

The loader hands out parsed YAML/JSON (`Any`). These small read-only wrappers name the fields an
operation, parameter, request body, media type and response have in OpenAPI 3.x and check each
value's shape as it is read, so a builder works with `str | None`, `bool` and `dict[str, Media]`
instead of walking untyped dicts (and a malformed value reads as absent rather than crashing later).
A schema is read through `SchemaObject` the same way; what its keywords mean is `schemas.py`'s
business. A subschema (a property's, an arm's, `items`) stays a raw `Schema` until it is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Schema = Any  # a JSON Schema node as parsed (a mapping, a boolean, or a `$ref` holder)


def as_object(value: object) -> dict[str, Any] | None:
    """`value` if it is a JSON object, else None."""
    return value if isinstance(value, dict) else None  # pyright: ignore[reportUnknownVariableType]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


# keywords that only annotate a schema (they constrain no value)
ANNOTATION_KEYS = frozenset(
    {
        "description",
        "title",
        "default",
        "examples",
        "example",
        "deprecated",
        "nullable",
        "readOnly",
        "writeOnly",
        "x-stainless-const",
        "$comment",
    }
)
# keywords that narrow values without naming a type
VALIDATION_KEYS = frozenset(
    {
        "maxLength",
        "minLength",
        "pattern",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxProperties",
        "minProperties",
        "required",
    }
)
OBJECT_KEYS = ("properties", "additionalProperties", "patternProperties")


@dataclass(frozen=True)
class SchemaObject:
    """A JSON Schema that is an object (not a boolean schema): its keywords, typed as read."""

    raw: dict[str, Any]

    @classmethod
    def of(cls, value: object) -> SchemaObject | None:
        """The view of `value`, or None when it is not a JSON object (`true`, a list, ...)."""
        node = as_object(value)
        return None if node is None else cls(node)

    def has(self, keyword: str) -> bool:
        return keyword in self.raw

    @property
    def keywords(self) -> frozenset[str]:
        return frozenset(self.raw)

    def without(self, keyword: str) -> SchemaObject:
        return SchemaObject({k: v for k, v in self.raw.items() if k != keyword})

    def with_type(self, type_name: str) -> SchemaObject:
        """The same schema narrowed to one of its `type`s."""
        return SchemaObject({**self.raw, "type": type_name})

    @property
    def ref(self) -> object:
        """Its `$ref` as written (the loader checks it is a string), None when it has none."""
        return self.raw.get("$ref")

    @property
    def types(self) -> set[str]:
        """Its `type`, as a set (a list of types, one type, or none)."""
        t = self.raw.get("type")
        if t is None:
            return set()
        if isinstance(t, list):
            return {str(x) for x in t}  # pyright: ignore[reportUnknownVariableType]
        return {str(t)}

    @property
    def nullable(self) -> bool:
        """OpenAPI 3.0's `nullable: true`."""
        return self.raw.get("nullable") is True

    @property
    def doc(self) -> str | None:
        """Its description, else its title."""
        text = self.raw.get("description") or self.raw.get("title")
        return str(text) if text else None

    @property
    def description(self) -> str | None:
        text = self.raw.get("description")
        return str(text) if text else None

    @property
    def format(self) -> str | None:
        value = self.raw.get("format")
        return value if isinstance(value, str) else None

    @property
    def title(self) -> str | None:
        title = self.raw.get("title")
        return str(title) if title else None

    @property
    def deprecated(self) -> bool:
        return bool(self.raw.get("deprecated"))

    @property
    def is_binary(self) -> bool:
        """Bytes rather than text (`format: binary`, or a content encoding or media type)."""
        return (
            self.raw.get("format") == "binary"
            or "contentEncoding" in self.raw
            or "contentMediaType" in self.raw
        )

    def arms(self, keyword: str) -> list[Any] | None:
        """The members of `oneOf` / `anyOf` / `allOf`; None when absent or not a list."""
        arms = self.raw.get(keyword)
        return arms if isinstance(arms, list) else None  # pyright: ignore[reportUnknownVariableType]

    @property
    def const(self) -> object:
        return self.raw.get("const")

    @property
    def enum(self) -> list[Any] | None:
        """Its `enum` values; None when absent or not a list."""
        values = self.raw.get("enum")
        return values if isinstance(values, list) else None  # pyright: ignore[reportUnknownVariableType]

    @property
    def discriminator(self) -> str | None:
        """`discriminator.propertyName`, when it names one."""
        disc = as_object(self.raw.get("discriminator"))
        name = disc.get("propertyName") if disc is not None else None
        return name if isinstance(name, str) else None

    @property
    def properties(self) -> dict[str, Any] | None:
        """Its properties (empty when it declares none); None when `properties` is malformed."""
        props = self.raw.get("properties") or {}
        if not isinstance(props, dict):
            return None
        return {str(k): v for k, v in props.items()}  # pyright: ignore[reportUnknownVariableType]

    @property
    def required(self) -> set[str]:
        raw = self.raw.get("required") or []
        return {str(r) for r in raw} if isinstance(raw, list) else set()  # pyright: ignore[reportUnknownVariableType]

    @property
    def required_list(self) -> list[str]:
        """`required` in the order written."""
        raw = self.raw.get("required") or []
        return [str(r) for r in raw] if isinstance(raw, list) else []  # pyright: ignore[reportUnknownVariableType]

    @property
    def additional_properties(self) -> object:
        return self.raw.get("additionalProperties")

    @property
    def open_ended(self) -> bool:
        """It allows properties it does not name (`additionalProperties`, `patternProperties`)."""
        extra = self.raw.get("additionalProperties")
        return extra not in (None, False) or "patternProperties" in self.raw

    @property
    def items(self) -> Schema:
        """Its `items` schema (`true`, any item, when absent)."""
        return self.raw.get("items", True)


@dataclass(frozen=True)
class Media:
    """A Media Type Object: `content[<media type>]` of a body, response or parameter."""

    raw: dict[str, Any]

    @classmethod
    def of(cls, value: object) -> Media:
        return cls(as_object(value) or {})

    @property
    def has_schema(self) -> bool:
        return "schema" in self.raw

    @property
    def schema(self) -> Schema | None:
        return self.raw.get("schema")

    @property
    def is_bytes(self) -> bool:
        """Its schema is a byte string (`type: string, format: binary`)."""
        schema = as_object(self.schema)
        return schema is not None and schema.get("format") == "binary"

    @property
    def encoding(self) -> dict[str, dict[str, Any]]:
        """Per-property encodings (`style`/`explode` of form fields), the malformed left out."""
        raw = as_object(self.raw.get("encoding")) or {}
        return {str(k): v for k, v in raw.items() if isinstance(v, dict)}


def content_of(node: dict[str, Any]) -> dict[str, Media] | None:
    """The `content` map of a body, response or parameter (None: absent or not a mapping)."""
    content = as_object(node.get("content"))
    if content is None:
        return None
    return {str(ct): Media.of(media) for ct, media in content.items()}


@dataclass(frozen=True)
class Parameter:
    """A Parameter Object (after `$ref`s are followed): `name` and `in` are present."""

    raw: dict[str, Any]

    @classmethod
    def of(cls, value: object) -> Parameter | None:
        node = as_object(value)
        return cls(node) if node is not None and "name" in node and "in" in node else None

    @property
    def name(self) -> str:
        return str(self.raw["name"])

    @property
    def location(self) -> str:
        return str(self.raw["in"])

    @property
    def required(self) -> bool:
        return bool(self.raw.get("required"))

    @property
    def description(self) -> str | None:
        return _text(self.raw.get("description"))

    @property
    def deprecated(self) -> bool:
        return bool(self.raw.get("deprecated"))

    @property
    def schema(self) -> Schema | None:
        """Its `schema`, else the schema of its first `content` entry."""
        schema = self.raw.get("schema")
        if schema is None:
            content = content_of(self.raw)
            if content:
                schema = next(iter(content.values())).schema
        return schema


@dataclass(frozen=True)
class RequestBody:
    raw: dict[str, Any]

    @classmethod
    def of(cls, value: object) -> RequestBody:
        return cls(as_object(value) or {})

    @property
    def required(self) -> bool:
        return bool(self.raw.get("required"))

    @property
    def content(self) -> dict[str, Media] | None:
        return content_of(self.raw)


@dataclass(frozen=True)
class Response:
    raw: dict[str, Any]

    @classmethod
    def of(cls, value: object) -> Response:
        return cls(as_object(value) or {})

    @property
    def content(self) -> dict[str, Media]:
        """Its media types; empty when it declares none (a body-less answer)."""
        return content_of(self.raw) or {}


@dataclass(frozen=True)
class Operation:
    """An Operation Object (`paths[<path>][<method>]`)."""

    raw: dict[str, Any]

    @property
    def summary(self) -> str | None:
        return _text(self.raw.get("summary"))

    @property
    def description(self) -> str | None:
        return _text(self.raw.get("description"))

    @property
    def deprecated(self) -> bool:
        return bool(self.raw.get("deprecated"))

    @property
    def parameters(self) -> list[Any]:
        """Its parameters as written (each a Parameter Object or a `$ref` to one)."""
        raw = self.raw.get("parameters")
        return raw if isinstance(raw, list) else []  # pyright: ignore[reportUnknownVariableType]

    @property
    def request_body(self) -> Any:
        """Its request body as written (a Request Body Object, a `$ref`, or None)."""
        return self.raw.get("requestBody")

    @property
    def responses(self) -> Any:
        return self.raw.get("responses") or {}

    @property
    def security(self) -> Any:
        return self.raw.get("security")


__all__ = [
    "ANNOTATION_KEYS",
    "OBJECT_KEYS",
    "VALIDATION_KEYS",
    "Media",
    "Operation",
    "Parameter",
    "RequestBody",
    "Response",
    "Schema",
    "SchemaObject",
    "as_object",
    "content_of",
]
