"""The API's wire facts (operations and value schemas) the generator ships with the client.

``_generated/_api_facts.json`` is written by ``python -m codegen`` from ``spec/openapi.yml``: every
operation's method, path, request and success responses, plus the component schemas they reach
(prose left out). The server answers operations it has no hand-written behaviour for from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str  # the spec's template; may carry a query part (``/responses?beta=true``)
    request: dict[str, Any] | None  # {"required": bool, "content": {media type: schema}}
    status: int
    responses: dict[str, Any]  # content type -> value schema (None when the spec gives none)


@dataclass(frozen=True)
class ApiFacts:
    operations: tuple[Operation, ...]
    document: dict[str, Any]  # ``{"components": {"schemas": ...}}``: where ``$ref``s resolve

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ApiFacts:
        operations = tuple(
            Operation(
                operation_id=str(op["id"]),
                method=str(op["method"]),
                path=str(op["path"]),
                request=op.get("request"),
                status=int(op.get("status", 200)),
                responses=dict(op.get("responses") or {}),
            )
            for op in raw["operations"]
        )
        return cls(operations, {"components": {"schemas": raw["schemas"]}})

    def resolve(self, schema: Any) -> Any:
        """``schema`` with ``$ref``s at its top followed (siblings of a ``$ref`` merged in)."""
        for _ in range(32):
            if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
                return schema
            name = str(schema["$ref"]).removeprefix(SCHEMA_PREFIX)
            target = self.document["components"]["schemas"].get(name, {})
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **siblings} if siblings else target
        return schema

    def object_shape(self, schema: Any) -> tuple[dict[str, Any], set[str]]:
        """Properties and required names of an object schema, ``allOf`` parts merged."""
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return {}, set()
        properties: dict[str, Any] = dict(schema.get("properties") or {})
        required = set(schema.get("required") or [])
        for part in schema.get("allOf") or []:
            more, more_required = self.object_shape(part)
            properties.update(more)
            required |= more_required
        return properties, required


FACTS_PATH = Path(__file__).resolve().parent.parent / "_generated" / "_api_facts.json"


@cache
def shipped_facts() -> ApiFacts:
    """The facts of the spec this package was generated from.

    Read as a file next to the generated modules, not imported: the server must keep working
    (with its hand-written endpoints) even when the generated client is missing or broken.
    """
    try:
        text = FACTS_PATH.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ApiFacts((), {"components": {"schemas": {}}})
    return ApiFacts.from_json(json.loads(text))
