"""A typed view of the OpenAPI objects the generator reads.

The loader hands out parsed YAML/JSON (`Any`). These small read-only wrappers name the fields the
document, its paths, path items, operations, parameters, request bodies, media types, responses,
security schemes and components have in OpenAPI 3.x and check each value's shape as it is read, so
a builder works with `str | None`, `bool` and `dict[str, Media]` instead of walking untyped dicts.
A malformed value the client can do without reads as absent (the reader warns, naming its
pointer); one it cannot do without (`paths`, `components/schemas`) raises `GeneratorError` here,
naming its pointer. A schema is read through `SchemaObject` the same way; what its keywords mean is
`schemas.py`'s business. A subschema (a property's, an arm's, `items`) and any object that may be a
`$ref` stay a raw `Schema` / `Node` until they are followed (`Loader.deref`) and read in turn.
This module is the only one that walks the parsed document itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import GeneratorError

Schema = Any  # a JSON Schema node as parsed (a mapping, a boolean, or a `$ref` holder)
Node = Any  # any other value of the document as parsed, e.g. an object or a `$ref` to one

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


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

    def has_any(self, keywords: frozenset[str]) -> bool:
        """It has one of `keywords` (one set operation: cheap on the many schemas that have none)."""
        return not keywords.isdisjoint(self.raw)

    def get(self, keyword: str) -> object:
        """A keyword's value as written, None when absent (`object`: the reader checks its type)."""
        return self.raw.get(keyword)

    @property
    def keywords(self) -> frozenset[str]:
        """Its keywords, without specification extensions (`x-…`): those annotate only."""
        return frozenset(k for k in self.raw if not k.startswith("x-"))

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
class Styled:
    """An object that says how a value is written into a query or form (`style`, `explode`):
    a Parameter Object or an Encoding Object."""

    raw: dict[str, Any]

    @property
    def style(self) -> str | None:
        """Its `style` (`form`, `pipeDelimited`, ...); None when it gives none."""
        style = self.raw.get("style")
        return str(style) if style else None

    @property
    def explode(self) -> bool | None:
        """Its `explode`; None when it gives none (or not a boolean): the style's default."""
        explode = self.raw.get("explode")
        return explode if isinstance(explode, bool) else None


@dataclass(frozen=True)
class Encoding(Styled):
    """An Encoding Object: how one property of a form or multipart body is written."""

    @property
    def content_type(self) -> str | None:
        """Its `contentType` (the media type of a multipart part); None when it gives none."""
        value = self.raw.get("contentType")
        return str(value).strip() or None if isinstance(value, str) else None


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
    def encoding(self) -> dict[str, Encoding]:
        """Per-property encodings (`style`/`explode` of form fields), the malformed left out."""
        raw = as_object(self.raw.get("encoding")) or {}
        return {str(k): Encoding(v) for k, v in raw.items() if isinstance(v, dict)}  # pyright: ignore[reportUnknownArgumentType]


def content_of(node: dict[str, Any]) -> dict[str, Media] | None:
    """The `content` map of a body, response or parameter (None: absent or not a mapping)."""
    content = as_object(node.get("content"))
    if content is None:
        return None
    return {str(ct): Media.of(media) for ct, media in content.items()}


@dataclass(frozen=True)
class Parameter(Styled):
    """A Parameter Object (after `$ref`s are followed): `name` and `in` are present."""

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
class Responses:
    """The Responses Object of an operation: status code (as text) -> Response Object or `$ref`.

    YAML reads an unquoted `200:` as a number; here every code is its text."""

    raw: dict[str, Node]

    @classmethod
    def of(cls, value: object) -> Responses | None:
        """The view of `value`; None when it is not a mapping."""
        node = as_object(value)
        if node is None:
            return None
        codes: dict[str, Node] = {}
        for code, response in node.items():
            codes.setdefault(str(code), response)  # `"200"` and `200` both: the first written
        return cls(codes)

    def codes(self, prefix: str) -> list[str]:
        """Its status codes that start with `prefix` (`"2"`: the successes), sorted."""
        return sorted(code for code in self.raw if code.startswith(prefix))

    @property
    def success_codes(self) -> list[str]:
        """The codes whose answer is the call's result: the 2xx ones; else the 3xx ones (the
        client follows a redirect, and the answer at its end counts); else `default`."""
        found = self.codes("2") or self.codes("3")
        if not found and "default" in self.raw:
            found = ["default"]
        return found

    def __getitem__(self, code: str) -> Node:
        """The Response Object (or `$ref`) of `code`, as written."""
        return self.raw[code]


def security_requirements(value: object) -> list[list[str]] | None:
    """A `security` list as alternatives of scheme names; None when it is not a list of mappings."""
    if not isinstance(value, list):
        return None
    requirements: list[list[str]] = []
    for requirement in value:  # pyright: ignore[reportUnknownVariableType]
        if not isinstance(requirement, dict):
            return None
        requirements.append([str(name) for name in requirement])  # pyright: ignore[reportUnknownVariableType,reportUnknownArgumentType]
    return requirements


@dataclass(frozen=True)
class Operation:
    """An Operation Object (`paths[<path>][<method>]`)."""

    raw: dict[str, Any]

    @classmethod
    def of(cls, value: object) -> Operation | None:
        """The view of `value`; None when it is not a mapping."""
        node = as_object(value)
        return None if node is None else cls(node)

    @property
    def operation_id(self) -> str | None:
        """Its `operationId` as text; None when it has none (or an empty one)."""
        value = self.raw.get("operationId")
        return str(value) if value else None

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
    def parameters(self) -> list[Node]:
        """Its parameters as written (each a Parameter Object or a `$ref` to one)."""
        raw = self.raw.get("parameters")
        return raw if isinstance(raw, list) else []  # pyright: ignore[reportUnknownVariableType]

    @property
    def request_body(self) -> Node:
        """Its request body as written (a Request Body Object, a `$ref`, or None)."""
        return self.raw.get("requestBody")

    @property
    def responses(self) -> Responses | None:
        """Its responses (none when it declares none); None when `responses` is not a mapping."""
        return Responses.of(self.raw.get("responses") or {})

    @property
    def declares_security(self) -> bool:
        """It has its own `security` (which overrides the document's, also when empty)."""
        return self.raw.get("security") is not None

    @property
    def security(self) -> list[list[str]] | None:
        """Its security requirements; None when it declares none or they are malformed (tell
        them apart with `declares_security`)."""
        return security_requirements(self.raw.get("security"))


@dataclass(frozen=True)
class PathItem:
    """A Path Item Object (`paths[<path>]`, after a `$ref` is followed)."""

    raw: dict[str, Any]

    @classmethod
    def of(cls, value: object) -> PathItem | None:
        """The view of `value`; None when it is not a mapping."""
        node = as_object(value)
        return None if node is None else cls(node)

    @property
    def parameters(self) -> list[Node]:
        """The parameters every operation of the path shares, as written (objects or `$ref`s)."""
        raw = self.raw.get("parameters")
        return raw if isinstance(raw, list) else []  # pyright: ignore[reportUnknownVariableType]

    @property
    def operations(self) -> list[tuple[str, Operation | None]]:
        """(method, operation) of each HTTP method it has, in `HTTP_METHODS` order; the operation
        is None when it is not a mapping."""
        return [(m, Operation.of(self.raw[m])) for m in HTTP_METHODS if m in self.raw]

    @property
    def operations_as_written(self) -> list[tuple[str, Operation]]:
        """(method, operation) of each well-formed operation, in the document's order."""
        found: list[tuple[str, Operation]] = []
        for method, value in self.raw.items():
            op = Operation.of(value) if method in HTTP_METHODS else None
            if op is not None:
                found.append((method, op))
        return found


@dataclass(frozen=True)
class SecurityScheme:
    """A Security Scheme Object (`components/securitySchemes[<name>]`)."""

    raw: dict[str, Any]

    @property
    def type(self) -> str:
        """`apiKey`, `http`, `oauth2`, `openIdConnect`, ... (empty when missing)."""
        return str(self.raw.get("type", ""))

    @property
    def scheme(self) -> str:
        """An `http` scheme's authorization scheme, lower-cased (`bearer`, `basic`)."""
        return str(self.raw.get("scheme", "")).lower()

    @property
    def location(self) -> object:
        """An `apiKey` scheme's `in` (`header`, `query`, `cookie`), as written."""
        return self.raw.get("in")

    @property
    def name(self) -> str | None:
        """An `apiKey` scheme's header, query or cookie name (`None` when missing, empty or not
        a string)."""
        name = self.raw.get("name")
        return name if isinstance(name, str) and name else None


@dataclass(frozen=True)
class Components:
    """The Components Object (`/components`; empty when the document has none)."""

    raw: dict[str, Any]

    @property
    def schemas(self) -> dict[str, Schema]:
        """Its named schemas, in the document's order; `GeneratorError` when not a mapping."""
        raw = self.raw.get("schemas") or {}
        if not isinstance(raw, dict):
            raise GeneratorError("schemas-invalid", "/components/schemas", "must be a mapping")
        return {str(name): schema for name, schema in raw.items()}  # pyright: ignore[reportUnknownVariableType]

    @property
    def security_schemes(self) -> dict[str, SecurityScheme]:
        """Its security schemes by name, the ones that are not mappings left out."""
        raw = as_object(self.raw.get("securitySchemes")) or {}
        return {str(k): SecurityScheme(v) for k, v in raw.items() if isinstance(v, dict)}  # pyright: ignore[reportUnknownArgumentType]


@dataclass(frozen=True)
class OpenAPI:
    """The OpenAPI Object: the document's root (a mapping, as the loader checks)."""

    raw: dict[str, Any]

    @property
    def title(self) -> str:
        """`info.title` ("API" when it has none)."""
        info = as_object(self.raw.get("info")) or {}
        return str(info.get("title") or "API")

    def _mapping(self, section: str) -> dict[str, Node]:
        raw = self.raw.get(section) or {}
        if not isinstance(raw, dict):
            raise GeneratorError("paths-invalid", f"/{section}", "must be a mapping")
        return {str(key): item for key, item in raw.items()}  # pyright: ignore[reportUnknownVariableType]

    @property
    def paths(self) -> dict[str, Node]:
        """Path (key as written) -> Path Item Object or `$ref`; `GeneratorError` when `paths`
        is not a mapping."""
        return self._mapping("paths")

    @property
    def webhooks(self) -> dict[str, Node]:
        """Webhook name -> Path Item Object or `$ref` (OpenAPI 3.1); as strict as `paths`."""
        return self._mapping("webhooks")

    @property
    def components(self) -> Components:
        return Components(as_object(self.raw.get("components")) or {})

    @property
    def server_url(self) -> str | None:
        """The first server's `url`, when it has one."""
        servers = self.raw.get("servers")
        first = as_object(servers[0]) if isinstance(servers, list) and servers else None
        url = first.get("url") if first is not None else None
        return url if isinstance(url, str) else None

    @property
    def security(self) -> list[list[str]] | None:
        """The document's security requirements; None when absent or malformed."""
        return security_requirements(self.raw.get("security"))


__all__ = [
    "ANNOTATION_KEYS",
    "HTTP_METHODS",
    "OBJECT_KEYS",
    "VALIDATION_KEYS",
    "Components",
    "Encoding",
    "Media",
    "Node",
    "OpenAPI",
    "Operation",
    "Parameter",
    "PathItem",
    "RequestBody",
    "Response",
    "Responses",
    "Schema",
    "SchemaObject",
    "SecurityScheme",
    "Styled",
    "as_object",
    "content_of",
    "security_requirements",
]
