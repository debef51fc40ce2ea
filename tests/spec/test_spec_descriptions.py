"""Every operation, request parameter and top-level request-body property of spec/openapi.yml is
described (these texts become method docstrings and IDE hover text), and the webhooks too; so are
the fields of the returned objects whose name and type alone do not say what they hold.

The texts come from spec/openapi.yml itself (hand-written parts) or spec/descriptions/*.yml,
applied by `python -m tools.spec_import`; test_spec_import checks the spec is up to date with them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.yaml_files import load_yaml_file

SPEC_PATH = Path(__file__).resolve().parents[2] / "spec" / "openapi.yml"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")

SPEC: dict[str, Any] = load_yaml_file(SPEC_PATH)


def _resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _properties(schema: Any) -> dict[str, Any]:
    """Top-level properties of a body schema, with those its `allOf` parts declare."""
    schema = _resolve(schema)
    found: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        found.update(_properties(part))
    found.update(schema.get("properties") or {})
    return found


def _operations() -> Iterator[tuple[str, dict[str, Any]]]:
    for path, item in SPEC["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield f"{method.upper()} {path}", item[method]


def _undescribed(op: dict[str, Any]) -> list[str]:
    missing = [] if _text(op.get("summary")) else ["summary"]
    for raw in op.get("parameters", []):
        param = _resolve(raw)
        if not _text(param.get("description")):
            missing.append(f"parameter {param['name']}")
    for media_type, media in ((op.get("requestBody") or {}).get("content") or {}).items():
        for name, prop in _properties(media.get("schema", {})).items():
            if not _text(prop.get("description")):
                missing.append(f"body {media_type} {name}")
    return missing


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


OPERATIONS = dict(_operations())


@pytest.mark.parametrize("where", sorted(OPERATIONS))
def test_operation_and_its_request_parameters_are_described(where: str) -> None:
    assert not _undescribed(OPERATIONS[where])


def test_every_webhook_is_described() -> None:
    missing = [
        name
        for name, item in SPEC.get("webhooks", {}).items()
        for method, op in item.items()
        if method in HTTP_METHODS and not _text(op.get("summary"))
    ]
    assert not missing


ADMIN_PREFIXES = ("/organization", "/projects")  # tests/spec/test_admin_descriptions.py


def _returned_objects() -> dict[str, Any]:
    """Name -> schema of each object a non-admin operation returns as JSON, and of list items."""
    found: dict[str, Any] = {}
    for where, op in OPERATIONS.items():
        if where.split(" ", 1)[1].startswith(ADMIN_PREFIXES):
            continue
        for response in op["responses"].values():
            media = (response.get("content") or {}).get("application/json")
            if media is None:
                continue
            tops = [media["schema"]]
            data = (_resolve(media["schema"]).get("properties") or {}).get("data")
            if data is not None and _resolve(data).get("type") == "array":
                tops.append(_resolve(data).get("items", {}))
            for top in tops:
                if "$ref" in top:
                    found[top["$ref"].rsplit("/", 1)[-1]] = _resolve(top)
    return found


def _is_page(schema: dict[str, Any]) -> bool:
    props = schema.get("properties") or {}
    return "data" in props and ("has_more" in props or "object" in props)


def _needs_text(prop: dict[str, Any]) -> bool:
    """Times, states, nested objects and lists: the name and type alone do not say enough."""
    for variant in (_resolve(v) for v in prop.get("anyOf", prop.get("oneOf", [prop]))):
        kinds = variant.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "$ref" in prop or "allOf" in variant or {"object", "array"} & set(kinds):
            return True
        if len(variant.get("enum", [])) > 1:
            return True
    return False


RETURNED = _returned_objects()


@pytest.mark.parametrize("name", sorted(RETURNED))
def test_returned_fields_that_need_a_word_are_described(name: str) -> None:
    schema = RETURNED[name]
    missing = [
        prop
        for prop, value in _properties(schema).items()
        if not _text(value.get("description"))
        and _needs_text(value)
        and not (prop == "data" and _is_page(schema))  # a page's items
    ]
    assert not missing


def test_the_check_notices_a_missing_text() -> None:
    op = {
        "summary": "Do it.",
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {
                        "allOf": [{"properties": {"a": {"type": "string"}}}],
                        "properties": {"b": {"type": "string", "description": "B."}},
                    }
                }
            }
        },
    }
    assert _undescribed(op) == ["parameter limit", "body application/json a"]


def test_the_returned_field_rule_picks_states_times_and_nested_objects() -> None:
    assert _needs_text({"type": "string", "enum": ["queued", "done"]})
    assert _needs_text({"anyOf": [{"type": "object"}, {"type": "null"}]})
    assert _needs_text({"$ref": "#/components/schemas/Metadata"})
    assert not _needs_text({"type": "string"})
    assert _is_page({"properties": {"data": {}, "has_more": {}}})
    assert not _is_page({"properties": {"data": {}}})


# Fields whose name and type alone say what they hold, so a text would only repeat them:
#  - `type`, `object`, `event` with one fixed value: the tag that names the variant (the
#    annotation is that one Literal value);
#  - `id` as plain text: the identifier of the object it is on;
#  - `name` as plain text (string or null, no enum): the name of the object it is on.
SELF_EXPLANATORY_TAGS = frozenset({"type", "object", "event"})


def _is_self_explanatory(name: str, prop: dict[str, Any]) -> bool:
    if name in SELF_EXPLANATORY_TAGS:
        return "const" in prop or len(prop.get("enum", [])) == 1
    if name in ("id", "name"):
        kinds = [m.get("type") for m in prop.get("anyOf", [prop]) if isinstance(m, dict)]
        return "enum" not in prop and "string" in kinds and set(kinds) <= {"string", "null"}
    return False


def _fields_returned() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(where, field name, field schema) of every field of what an operation returns (any media
    type: JSON bodies, stream events) or a webhook delivers, nested objects and list items
    included; each named schema is walked once, where it is first met."""
    roots: list[tuple[str, Any]] = []
    for where, op in OPERATIONS.items():
        for response in op["responses"].values():
            for media in (response.get("content") or {}).values():
                roots.append((op.get("operationId", where), media.get("schema")))
    for name, item in SPEC.get("webhooks", {}).items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                for media in ((op.get("requestBody") or {}).get("content") or {}).values():
                    roots.append((f"webhook {name}", media.get("schema")))
    seen: set[str] = set()
    stack = list(reversed(roots))
    while stack:
        where, node = stack.pop()
        if not isinstance(node, dict):
            continue
        if "$ref" in node:
            if node["$ref"] not in seen:
                seen.add(node["$ref"])
                stack.append((node["$ref"].rsplit("/", 1)[-1], _resolve(node)))
            continue
        for key in ("allOf", "anyOf", "oneOf"):
            stack.extend((where, member) for member in node.get(key, []))
        for name, prop in (node.get("properties") or {}).items():
            if isinstance(prop, dict):
                yield where, name, prop
                stack.append((f"{where}.{name}", prop))
        for key in ("items", "additionalProperties"):
            stack.append((where, node.get(key)))


def _undescribed_returned_fields() -> list[str]:
    return sorted(
        f"{where}.{name}"
        for where, name, prop in _fields_returned()
        if not _text(prop.get("description")) and not _is_self_explanatory(name, prop)
    )


def test_every_field_of_what_the_api_returns_is_described() -> None:
    """Nested fields too: hover text for `chunk.choices[0].delta.tool_calls[0].index` and the
    like. Only the self-explanatory names above may go without a text."""
    assert not _undescribed_returned_fields()


def test_the_returned_field_walk_reaches_nested_and_inline_fields() -> None:
    fields = {(where, name) for where, name, _prop in _fields_returned()}
    assert len(fields) > 4000
    assert ("ChatCompletionMessageToolCallChunk", "index") in fields  # a stream chunk's list item
    assert ("CreateModerationResponse.results.categories", "hate") in fields  # inline objects
    assert ("deleteEval", "deleted") in fields  # a body written inline in the operation


def test_the_self_explanatory_names_are_only_tags_ids_and_names() -> None:
    assert _is_self_explanatory("type", {"type": "string", "const": "message"})
    assert _is_self_explanatory("id", {"type": "string"})
    assert _is_self_explanatory("name", {"anyOf": [{"type": "string"}, {"type": "null"}]})
    assert not _is_self_explanatory("type", {"type": "string", "enum": ["a", "b"]})
    assert not _is_self_explanatory("status", {"type": "string", "const": "done"})
    assert not _is_self_explanatory("id", {"type": "integer"})
    assert not _is_self_explanatory("name", {"type": "object"})
    assert not _is_self_explanatory("arguments", {"type": "string"})
