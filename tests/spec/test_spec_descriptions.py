"""Every operation, request parameter and top-level request-body property of spec/openapi.yml is
described (these texts become method docstrings and IDE hover text), and the webhooks too.

The texts come from spec/openapi.yml itself (hand-written parts) or spec/descriptions/*.yml,
applied by `python -m tools.spec_import`; test_spec_import checks the spec is up to date with them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

SPEC_PATH = Path(__file__).resolve().parents[2] / "spec" / "openapi.yml"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")

with SPEC_PATH.open(encoding="utf-8") as _f:
    SPEC: dict[str, Any] = yaml.load(_f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


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
