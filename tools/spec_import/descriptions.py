"""Apply this project's own words (spec/descriptions/*.yml) to spec/openapi.yml.

File format (see TEAMMATES.md):

    operations:
      <operationId>:
        summary: <text>
        parameters:          # path/query/header parameters by name; for an operation whose
          <name>: <text>     # request body is written inline, also its top-level properties
        response:            # the fields of a response body written inline in the operation
          <property>: <text>
    schemas:
      <SchemaName>:
        description: <text>
        properties:
          <property>: <text>
          <property>.<nested>: <text>   # a property of an object written inline in <property>
    webhooks:
      <webhook name>: <text>

Every name must exist in the spec: a misspelt one is an error, not silently ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .merge import HTTP_METHODS

SECTIONS = frozenset({"operations", "schemas", "webhooks"})


class DescriptionError(ValueError):
    """A descriptions file names something the spec does not have, or is malformed."""


def load_descriptions(directory: Path) -> list[tuple[Path, dict[str, Any]]]:
    files = []
    for path in sorted(directory.glob("*.yml")):
        try:
            with path.open(encoding="utf-8") as f:
                data = yaml.safe_load(f) or {}
        except yaml.YAMLError as exc:
            raise DescriptionError(f"{path}: not valid YAML: {exc}") from None
        if not isinstance(data, dict) or set(data) - SECTIONS:
            raise DescriptionError(f"{path}: top-level keys must be among {sorted(SECTIONS)}")
        files.append((path, data))
    return files


def apply_descriptions(spec: dict[str, Any], files: list[tuple[Path, dict[str, Any]]]) -> int:
    """Write every text of `files` into `spec`; return how many texts were applied."""
    operations = {
        op["operationId"]: op
        for item in spec.get("paths", {}).values()
        for method, op in item.items()
        if method in HTTP_METHODS
    }
    seen: dict[tuple[str, ...], Path] = {}
    count = 0
    for path, data in files:
        for key in _keys(data):
            if key in seen:
                raise DescriptionError(f"{path}: {' '.join(key)} is also described in {seen[key]}")
            seen[key] = path
        for op_id, entry in (data.get("operations") or {}).items():
            if op_id not in operations:
                raise DescriptionError(f"{path}: no operation {op_id!r} in the spec")
            count += _apply_operation(spec, operations[op_id], entry or {}, f"{path}: {op_id}")
        for name, entry in (data.get("schemas") or {}).items():
            schemas = spec["components"]["schemas"]
            if name not in schemas:
                raise DescriptionError(f"{path}: no schema {name!r} in the spec")
            count += _apply_schema(schemas[name], entry or {}, f"{path}: {name}")
        for name, text in (data.get("webhooks") or {}).items():
            hook = spec.get("webhooks", {}).get(name)
            if hook is None:
                raise DescriptionError(f"{path}: no webhook {name!r} in the spec")
            for method, op in hook.items():
                if method in HTTP_METHODS:
                    _set_text(op, "summary", text)
            count += 1
    return count


def _keys(data: dict[str, Any]) -> list[tuple[str, ...]]:
    """What each entry describes: a schema's or operation's texts may be spread over several files
    (an area's file and the nested-fields file), but no text may be given twice."""
    keys: list[tuple[str, ...]] = []
    for section in sorted(SECTIONS):
        for name, entry in (data.get(section) or {}).items():
            if section == "webhooks" or not isinstance(entry, dict):
                keys.append((section, name))
                continue
            for field, value in entry.items():
                if isinstance(value, dict):  # properties / parameters: one text each
                    keys.extend((section, name, field, item) for item in value)
                else:
                    keys.append((section, name, field))
    return keys


def _apply_operation(
    spec: dict[str, Any], op: dict[str, Any], entry: dict[str, Any], where: str
) -> int:
    count = 0
    if "summary" in entry:
        _set_text(op, "summary", entry["summary"])
        count += 1
    for name, text in (entry.get("parameters") or {}).items():
        target = _parameter(spec, op, name)
        if target is None:
            raise DescriptionError(f"{where}: no parameter or inline body property {name!r}")
        _set_text(target, "description", text)
        count += 1
    for name, text in (entry.get("response") or {}).items():
        targets = [found for schema in _inline_responses(op) for found in _everywhere(schema, name)]
        if not targets:
            raise DescriptionError(f"{where}: no property {name!r} in an inline response body")
        for target in targets:
            _set_text(target, "description", text)
        count += 1
    return count


def _inline_responses(op: dict[str, Any]) -> list[dict[str, Any]]:
    """The response bodies written inline in the operation (a named one is described by name)."""
    return [
        media["schema"]
        for response in (op.get("responses") or {}).values()
        for media in (response.get("content") or {}).values()
        if isinstance(media.get("schema"), dict) and "$ref" not in media["schema"]
    ]


def _parameter(spec: dict[str, Any], op: dict[str, Any], name: str) -> dict[str, Any] | None:
    for param in op.get("parameters", []):
        if "$ref" in param:
            continue  # shared parameters (the beta header) keep the text written where they are defined
        if param.get("name") == name:
            return param
    for media in (op.get("requestBody") or {}).get("content", {}).values():
        schema = media.get("schema") or {}
        prop = (schema.get("properties") or {}).get(name)
        if prop is not None:
            return prop
    return None


def _apply_schema(schema: dict[str, Any], entry: dict[str, Any], where: str) -> int:
    count = 0
    if "description" in entry:
        _set_text(schema, "description", entry["description"])
        count += 1
    for prop, text in (entry.get("properties") or {}).items():
        targets = _everywhere(schema, prop)
        if not targets:
            raise DescriptionError(f"{where}: no property {prop!r}")
        for target in targets:
            _set_text(target, "description", text)
        count += 1
    return count


def _property(schema: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The property `name` of an object schema, also when it is declared in an inline `allOf` part.

    A dotted name (`usage.input_tokens`) steps into objects written inline: through the property's
    list items, map values and the members of its union, never through a `$ref` (a named schema
    is described under its own name). A property whose own name has a dot (the audit log's
    `api_key.created`) is found first.
    """
    found = _own_property(schema, name)
    if found is not None:
        return found
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        head = _own_property(schema, ".".join(parts[:cut]))
        if head is not None:
            found = _nested(head, ".".join(parts[cut:]))
            if found is not None:
                return found
    return None


def _own_property(schema: dict[str, Any], name: str) -> dict[str, Any] | None:
    found = (schema.get("properties") or {}).get(name)
    if found is not None:
        return found
    for part in schema.get("allOf", []):
        if "$ref" not in part:
            found = _own_property(part, name)
            if found is not None:
                return found
    return None


def _nested(node: dict[str, Any], name: str) -> dict[str, Any] | None:
    """`name` in the inline object(s) `node` holds (itself, its items, map values, union members)."""
    if "$ref" in node:
        return None
    found = _property(node, name)
    if found is not None:
        return found
    inner = [node.get("items"), node.get("additionalProperties")]
    inner += [*node.get("anyOf", []), *node.get("oneOf", [])]
    for part in inner:
        if isinstance(part, dict):
            found = _nested(part, name)
            if found is not None:
                return found
    return None


def _everywhere(schema: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """`name` in the schema, or in each member of a schema that is a union of objects (the same
    field of every variant of, say, a turn-detection setting shares one text)."""
    found = _property(schema, name)
    if found is not None:
        return [found]
    targets: list[dict[str, Any]] = []
    for member in [*schema.get("anyOf", []), *schema.get("oneOf", [])]:
        if isinstance(member, dict) and "$ref" not in member:
            targets += _everywhere(member, name)
    if not targets:
        found = _nested(schema, name)  # through list items and map values
        targets = [found] if found is not None else []
    return targets


# where a text goes among the keys of its node, so that it reads first (after the identity)
_PLACE_AFTER = ("operationId", "name", "in", "$ref")


def _set_text(node: dict[str, Any], key: str, text: Any) -> None:
    if not isinstance(text, str) or not text.strip():
        raise DescriptionError(f"the text for {key} must be a non-empty string, got {text!r}")
    text = " ".join(text.split())
    if key in node:
        node[key] = text
        return
    items = list(node.items())
    at = 0
    while at < len(items) and items[at][0] in _PLACE_AFTER:
        at += 1
    items.insert(at, (key, text))
    node.clear()
    node.update(items)
