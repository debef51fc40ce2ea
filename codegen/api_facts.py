"""The spec's wire facts as data: `_generated/_api_facts.json`.

The local test server (`typed_openai.testing`) answers every operation of the spec, including the
ones it has no hand-written behaviour for, by building a schema-valid body from that operation's
declared response. It cannot read `spec/openapi.yml` at run time (the spec is not part of the
installed package, and YAML is not a runtime dependency), so the generator ships the facts it
needs: for each operation its method, path, request content type and schema, and its success
responses by content type; plus every component schema those reach, reduced to the keywords that
constrain a value (descriptions and other prose are left out).

The file holds one JSON object; each operation and each schema sits on a line of its own, so a
spec change shows up as a readable diff.
"""

from __future__ import annotations

import json
from typing import Any

from .spec_view import (
    Node,
    OpenAPI,
    Operation,
    PathItem,
    RequestBody,
    Response,
    Responses,
    Schema,
    as_object,
)

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
SCHEMA_PREFIX = "#/components/schemas/"
FACTS_FILE = "_generated/_api_facts.json"

# Keywords that constrain a value; everything else (prose, examples, vendor extensions) is dropped.
_VALUE_KEYWORDS = frozenset(
    {
        "$ref",
        "type",
        "nullable",
        "const",
        "enum",
        "format",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "items",
        "prefixItems",
        "minItems",
        "maxItems",
        "uniqueItems",
        "properties",
        "required",
        "additionalProperties",
        "minProperties",
        "maxProperties",
        "allOf",
        "anyOf",
        "oneOf",
        "discriminator",
    }
)


def value_schema(node: Schema) -> Schema:
    """`node` with only the keywords that constrain a value (property names kept as they are)."""
    if isinstance(node, list):
        return [value_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key not in _VALUE_KEYWORDS:
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: value_schema(sub) for name, sub in value.items()}
        elif key == "discriminator":
            out[key] = value  # propertyName + mapping: data, not schemas
        else:
            out[key] = value_schema(value)
    return out


def _refs(node: object, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
            found.add(ref[len(SCHEMA_PREFIX) :])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for item in node:
            _refs(item, found)


def _resolve(document: OpenAPI, node: Node) -> Node:
    """Follow a `$ref` to a component (parameters, request bodies, responses) once."""
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 16:
        target: Node = document.raw
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
        seen += 1
    return node


def _success(document: OpenAPI, responses: Responses | None) -> tuple[int, dict[str, object]]:
    """The first 2xx response: its status and `{content type: value schema or None}`."""
    if responses is None:  # not a mapping
        return 200, {}
    for status in responses.codes("2"):
        if status.isdigit():
            response = Response.of(_resolve(document, responses[status]))
            return int(status), {
                media: value_schema(body.schema) for media, body in response.content.items()
            }
    return 200, {}


def _operation(document: OpenAPI, method: str, path: str, op: Operation) -> dict[str, object]:
    request: dict[str, object] | None = None
    body = RequestBody.of(_resolve(document, op.request_body))
    content = body.content
    if content:
        request = {
            "required": body.required,
            # every form the body may take (JSON, multipart, ...), in the spec's order
            "content": {media: value_schema(form.schema) for media, form in content.items()},
        }
    status, responses = _success(document, op.responses)
    return {
        "id": op.operation_id,
        "method": method.upper(),
        "path": path,
        "request": request,
        "status": status,
        "responses": responses,
    }


def _operations(item: Node) -> list[tuple[str, Operation]]:
    """A path item's operations as written (a `$ref`ed path item is not followed)."""
    path_item = PathItem.of(item)
    return path_item.operations_as_written if path_item is not None else []


def build_facts(document: Node) -> dict[str, Any]:
    spec = OpenAPI(as_object(document) or {})
    operations = [
        _operation(spec, method, path, op)
        for path, item in spec.paths.items()
        for method, op in _operations(item)
        if method in HTTP_METHODS
    ]
    all_schemas = spec.components.schemas
    wanted: set[str] = set()
    _refs(operations, wanted)
    schemas: dict[str, Any] = {}
    pending = sorted(wanted)
    while pending:
        name = pending.pop()
        if name in schemas or name not in all_schemas:
            continue
        schemas[name] = value_schema(all_schemas[name])
        more: set[str] = set()
        _refs(schemas[name], more)
        pending.extend(sorted(more - schemas.keys()))
    return {"operations": operations, "schemas": dict(sorted(schemas.items()))}


def render_facts(document: Node) -> str:
    """The facts file's text: one operation or schema per line (stable order, compact JSON)."""
    facts = build_facts(document)

    def line(value: Any) -> str:
        # `default=str`: YAML turns unquoted dates into date objects; the spec means the text
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)

    operations = ",\n".join(line(op) for op in facts["operations"])
    schemas = ",\n".join(f"{line(name)}:{line(s)}" for name, s in facts["schemas"].items())
    return f'{{"operations":[\n{operations}\n],\n"schemas":{{\n{schemas}\n}}}}\n'
