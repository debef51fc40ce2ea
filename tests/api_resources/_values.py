"""Small, valid request values for spec schemas, deterministically.

Nested objects carry only their required properties and arrays one item (when allowed): enough to
exercise serialisation while staying clear of `oneOf` branches that differ only in which
properties are present (a value with every optional property would match several of them).
"""

from __future__ import annotations

from typing import Any

STRING_FORMATS = {
    "uri": "https://example.com/a.png",
    "binary": "data",
    "date-time": "2024-01-01T00:00:00Z",
}


class Values:
    def __init__(self, document: dict[str, Any]) -> None:
        self._document = document

    def _resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self._document
            for part in str(node["$ref"]).removeprefix("#/").split("/"):
                target = target[part]
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            node = {**target, **siblings} if siblings else target
        return node

    def value(self, schema: Any) -> Any:
        schema = self._resolve(schema)
        if not isinstance(schema, dict) or not schema:
            return "value"
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return next((v for v in schema["enum"] if v is not None), None)
        if "allOf" in schema:
            return self.value(self._merge(schema))
        for keyword in ("oneOf", "anyOf"):
            if keyword in schema:
                base = {k: v for k, v in schema.items() if k not in (keyword, "discriminator")}
                variants = [self._resolve(v) for v in schema[keyword]]
                chosen = next((v for v in variants if v.get("type") != "null"), variants[0])
                return self.value(self._merge({"allOf": [base, chosen]}) if base else chosen)
        kind = schema.get("type", "object")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        return getattr(self, f"_{kind}")(schema)

    def _merge(self, schema: dict[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            part = self._resolve(part)
            if "allOf" in part:
                part = self._merge(part)
            for key, value in part.items():
                if key == "properties":
                    merged["properties"] = {**merged.get("properties", {}), **value}
                elif key == "required":
                    merged["required"] = [*merged.get("required", []), *value]
                else:
                    merged.setdefault(key, value)
        return merged

    def _object(self, schema: dict[str, Any]) -> dict[str, Any]:
        properties = schema.get("properties", {})
        out = {}
        for name in schema.get("required", []):
            extra = schema.get("additionalProperties")
            out[name] = self.value(properties.get(name, extra if isinstance(extra, dict) else {}))
        return out

    def _array(self, schema: dict[str, Any]) -> list[Any]:
        count = max(int(schema.get("minItems", 0)), 1)
        if "maxItems" in schema:
            count = min(count, int(schema["maxItems"]))
        return [self.value(schema.get("items", {})) for _ in range(count)]

    def _string(self, schema: dict[str, Any]) -> str:
        text = STRING_FORMATS.get(str(schema.get("format")), "value")
        minimum = int(schema.get("minLength", 0))
        return text + "x" * max(0, minimum - len(text))

    def _integer(self, schema: dict[str, Any]) -> int:
        low = schema.get("minimum", schema.get("exclusiveMinimum", -1) + 1)
        high = schema.get("maximum")
        value = max(int(low), 1)
        return min(value, int(high)) if high is not None else value

    def _number(self, schema: dict[str, Any]) -> float:
        return float(self._integer(schema))

    def _boolean(self, schema: dict[str, Any]) -> bool:
        return True

    def _null(self, schema: dict[str, Any]) -> None:
        return None
