"""Whether the upstream OpenAPI document describes a shape at all (facts for the unmatched names)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .shapes import Described


class Upstream:
    """Every object's property names and every enum's members anywhere in the document."""

    def __init__(self, path: Path) -> None:
        with path.open(encoding="utf-8") as handle:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            document = yaml.load(handle, Loader=loader)
        # property names -> for each such object, its properties' enum/const members
        self.objects: dict[frozenset[str], list[dict[str, frozenset[str]]]] = {}
        self.enums: set[frozenset[str]] = set()
        self._walk(document)

    def _walk(self, node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict) and properties:
                members = {
                    name: _members(schema)
                    for name, schema in properties.items()
                    if _members(schema) is not None
                }
                self.objects.setdefault(frozenset(properties), []).append(members)  # type: ignore[arg-type]
            enum = node.get("enum")
            if isinstance(enum, list):
                self.enums.add(frozenset(repr(v) for v in enum))
            const = node.get("const")
            if isinstance(const, str):
                self.enums.add(frozenset({repr(const)}))
            for value in node.values():
                self._walk(value)
        elif isinstance(node, list):
            for value in node:
                self._walk(value)

    def describes(self, described: Described) -> bool | None:
        """True/False for objects and Literals (is there a schema with those properties, its
        Literal ones with the same members, or an enum with those members?); None where the document cannot say by itself (unions, other aliases)."""
        if described.kind in ("model", "typeddict"):
            literals = {
                item[0]: item[1][1]
                for item in described.shape[1]
                if isinstance(item, tuple) and item[1][0] == "literal"
            }
            return any(
                all(members.get(name) == values for name, values in literals.items())
                for members in self.objects.get(described.names, [])
            )
        if described.kind == "literal":
            return described.names in self.enums
        return None


def _members(schema: Any) -> frozenset[str] | None:
    if not isinstance(schema, dict):
        return None
    if isinstance(schema.get("enum"), list):
        return frozenset(repr(v) for v in schema["enum"])
    if isinstance(schema.get("const"), str):
        return frozenset({repr(schema["const"])})
    return None
