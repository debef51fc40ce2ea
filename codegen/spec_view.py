"""A typed view of the OpenAPI objects the operation builder reads.

The loader hands out parsed YAML/JSON (`Any`). These small read-only wrappers name the fields an
operation, parameter, request body, media type and response have in OpenAPI 3.x and check each
value's shape as it is read, so a builder works with `str | None`, `bool` and `dict[str, Media]`
instead of walking untyped dicts (and a malformed value reads as absent rather than crashing later).
Schemas themselves stay raw nodes (`Schema`): `schemas.py` interprets them.
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
    "Media",
    "Operation",
    "Parameter",
    "RequestBody",
    "Response",
    "Schema",
    "as_object",
    "content_of",
]
