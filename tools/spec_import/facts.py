"""Reduce an upstream node to its facts: no prose, no examples, no vendor extensions.

Schemas are walked by keyword, so a *property* called `description` or `title` survives while the
keyword of that name is dropped. Upstream's 3.0-style `nullable: true` is rewritten as the 3.1
union with `null` that the rest of spec/openapi.yml uses.
"""

from __future__ import annotations

from typing import Any

PROSE_KEYWORDS = frozenset({"description", "summary", "title", "example", "examples"})
NULL = {"type": "null"}

# keywords whose value is one schema, a list of schemas, or a name -> schema mapping
_ONE_SCHEMA = (
    "items",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
)
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions")
_UNIONS = ("anyOf", "oneOf")


def is_prose(key: str) -> bool:
    return key in PROSE_KEYWORDS or key.startswith("x-")


def schema_facts(node: Any) -> Any:
    """A copy of the schema `node` with prose dropped and nullability in 3.1 form."""
    if not isinstance(node, dict):
        return node  # `true`/`false` schemas
    out: dict[str, Any] = {}
    for key, value in node.items():
        if is_prose(key) or key == "nullable":
            continue
        if key in _ONE_SCHEMA and isinstance(value, dict):
            out[key] = schema_facts(value)
        elif key in _SCHEMA_LISTS:
            out[key] = [schema_facts(member) for member in value]
        elif key in _SCHEMA_MAPS:
            out[key] = {name: schema_facts(sub) for name, sub in value.items()}
        else:
            out[key] = _copy(value)
    return _nullable(out) if node.get("nullable") is True else out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` or null, written the way our document writes it."""
    union_key = next((k for k in _UNIONS if k in schema), None)
    if union_key is not None:
        if NULL not in schema[union_key]:
            schema[union_key] = [*schema[union_key], dict(NULL)]
        return schema
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
        if "enum" in schema and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return schema
    if isinstance(kind, list):
        if "null" not in kind:
            schema["type"] = [*kind, "null"]
        return schema
    # a reference, a composition or no type at all (`allOf: [<ref>, {nullable: true}]`): the
    # schema or null; the annotations about the field (default, deprecated) stay outside
    outer = {k: schema.pop(k) for k in ("default", "deprecated") if k in schema}
    return {"anyOf": [schema, dict(NULL)], **outer}


def parameter_facts(node: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in node.items():
        if is_prose(key):
            continue
        out[key] = schema_facts(value) if key == "schema" else _copy(value)
    if "content" in out:
        out["content"] = _content_facts(node["content"])
    return out


def _content_facts(content: dict[str, Any]) -> dict[str, Any]:
    """A media-type map: each type's schema and (multipart) encoding, nothing else."""
    out: dict[str, Any] = {}
    for media_type, body in content.items():
        facts: dict[str, Any] = {}
        if "schema" in body:
            facts["schema"] = schema_facts(body["schema"])
        if "encoding" in body:
            facts["encoding"] = {
                name: {k: _copy(v) for k, v in enc.items() if not is_prose(k)}
                for name, enc in body["encoding"].items()
            }
        out[media_type] = facts
    return out


def operation_facts(op: dict[str, Any], success_text: str, resolve_response: Any) -> dict[str, Any]:
    """The facts of an operation: id, flags, security, parameters, body and success response.

    Only the success (2xx) response is kept: error bodies share one shape that the client maps by
    status (a documented deliberate difference). `resolve_response` turns a response `$ref` into
    the response object, which is inlined.
    """
    out: dict[str, Any] = {"operationId": op["operationId"]} if "operationId" in op else {}
    for key in ("deprecated", "security"):
        if key in op:
            out[key] = _copy(op[key])
    if "parameters" in op:
        out["parameters"] = [parameter_facts(p) for p in op["parameters"]]
    if "requestBody" in op:
        body = op["requestBody"]
        out["requestBody"] = {
            **({"required": body["required"]} if "required" in body else {}),
            "content": _content_facts(body["content"]),
        }
    responses: dict[str, Any] = {}
    for status, response in op["responses"].items():
        if not str(status).startswith("2"):
            continue
        if "$ref" in response:
            response = resolve_response(response["$ref"])
        kept: dict[str, Any] = {"description": success_text}
        if "content" in response:
            kept["content"] = _content_facts(response["content"])
        responses[str(status)] = kept
    out["responses"] = responses
    return out


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
