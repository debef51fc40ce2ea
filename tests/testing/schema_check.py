"""A small JSON Schema checker for the tests (``jsonschema`` is not a project dependency).

Independent of the server's generator on purpose: it re-states the keyword rules from the JSON
Schema spec rather than sharing code, so a generator bug cannot hide behind a checker bug.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
import uuid
from typing import Any
from urllib.parse import urlparse


def violations(instance: Any, schema: Any) -> list[str]:
    problems: list[str] = []
    _check(instance, schema, schema, "$", problems, exact_one_of=True)
    return problems


def _resolve(root: Any, ref: str) -> Any:
    node = root
    for part in ref.lstrip("#").split("/")[1:]:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _type_ok(value: Any, kind: str) -> bool:
    if kind == "null":
        return value is None
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    raise AssertionError(f"unknown type {kind}")


def _format_ok(value: str, fmt: str) -> bool:
    try:
        if fmt == "date-time":
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return "T" in value
        if fmt == "date":
            datetime.date.fromisoformat(value)
            return True
        if fmt == "email":
            return re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) is not None
        if fmt == "uuid":
            uuid.UUID(value)
            return True
        if fmt == "ipv4":
            ipaddress.IPv4Address(value)
            return True
        if fmt == "ipv6":
            ipaddress.IPv6Address(value)
            return True
        if fmt in ("uri", "url"):
            parsed = urlparse(value)
            return bool(parsed.scheme and parsed.netloc)
    except ValueError:
        return False
    return True


def _check(
    value: Any, schema: Any, root: Any, where: str, problems: list[str], *, exact_one_of: bool
) -> None:
    if schema is True:
        return
    if schema is False:
        problems.append(f"{where}: schema false")
        return
    if "$ref" in schema:
        _check(
            value, _resolve(root, schema["$ref"]), root, where, problems, exact_one_of=exact_one_of
        )
    if "const" in schema and value != schema["const"]:
        problems.append(f"{where}: {value!r} != const {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in enum")
    if "allOf" in schema:
        for sub in schema["allOf"]:
            _check(value, sub, root, where, problems, exact_one_of=exact_one_of)

    def fits(sub: Any) -> bool:
        return not violations_in(value, sub, root, exact_one_of=exact_one_of)

    if "anyOf" in schema and not any(fits(s) for s in schema["anyOf"]):
        problems.append(f"{where}: matches no anyOf variant")
    if "oneOf" in schema:
        matching = sum(1 for s in schema["oneOf"] if fits(s))
        if matching == 0 or (exact_one_of and matching != 1):
            problems.append(f"{where}: matches {matching} oneOf variants")
    declared = schema.get("type")
    if declared is not None:
        kinds = declared if isinstance(declared, list) else [declared]
        if schema.get("nullable") is True:
            kinds = [*kinds, "null"]
        if not any(_type_ok(value, k) for k in kinds):
            problems.append(f"{where}: {value!r} is not of type {kinds}")
            return
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                problems.append(f"{where}: missing required {name!r}")
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                _check(
                    item,
                    properties[name],
                    root,
                    f"{where}.{name}",
                    problems,
                    exact_one_of=exact_one_of,
                )
            elif extra is False:
                problems.append(f"{where}: unexpected property {name!r}")
            elif isinstance(extra, dict):
                _check(item, extra, root, f"{where}.{name}", problems, exact_one_of=exact_one_of)
        if len(value) < schema.get("minProperties", 0):
            problems.append(f"{where}: too few properties")
        if "maxProperties" in schema and len(value) > schema["maxProperties"]:
            problems.append(f"{where}: too many properties")
    if isinstance(value, list):
        prefix = schema.get("prefixItems", [])
        rest = schema.get("items", True)
        if isinstance(rest, list):  # draft 4-7 tuple form
            prefix, rest = rest, schema.get("additionalItems", True)
        for index, item in enumerate(value):
            sub = prefix[index] if index < len(prefix) else rest
            _check(item, sub, root, f"{where}[{index}]", problems, exact_one_of=exact_one_of)
        if len(value) < schema.get("minItems", 0):
            problems.append(f"{where}: too few items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            problems.append(f"{where}: too many items")
        if schema.get("uniqueItems") and len({repr(v) for v in value}) != len(value):
            problems.append(f"{where}: items not unique")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            problems.append(f"{where}: shorter than minLength")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            problems.append(f"{where}: longer than maxLength")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(f"{where}: {value!r} does not match {schema['pattern']!r}")
        if "format" in schema and not _format_ok(value, schema["format"]):
            problems.append(f"{where}: {value!r} is not a {schema['format']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            problems.append(f"{where}: below minimum")
        if "maximum" in schema and value > schema["maximum"]:
            problems.append(f"{where}: above maximum")
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            problems.append(f"{where}: not above exclusiveMinimum")
        if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
            problems.append(f"{where}: not below exclusiveMaximum")
        step = schema.get("multipleOf")
        if step and abs(value / step - round(value / step)) > 1e-9:
            problems.append(f"{where}: not a multiple of {step}")


def violations_in(value: Any, schema: Any, root: Any, *, exact_one_of: bool = True) -> list[str]:
    """Problems of ``value`` against ``schema`` (``$ref``s into ``root``).

    ``exact_one_of=False`` accepts a value that fits several ``oneOf`` branches: the upstream
    document has unions whose branches overlap (an easy input message is also a message item;
    a verbose transcription also satisfies the plain one), so real API data does that too.
    """
    problems: list[str] = []
    _check(value, schema, root, "$", problems, exact_one_of=exact_one_of)
    return problems
