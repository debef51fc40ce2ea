"""Build a JSON value that satisfies a JSON Schema, deterministically.

Used for ``response_format: json_schema`` replies and for tool-call arguments. Handles the
keywords tool and response schemas use in practice: ``type`` (single or list), ``properties`` /
``required`` / ``additionalProperties`` / ``min/maxProperties``, ``items`` / ``prefixItems`` /
``min/maxItems`` / ``uniqueItems``, ``enum``, ``const``, ``anyOf`` / ``oneOf`` / ``allOf``,
``$ref`` into ``$defs`` / ``definitions`` (recursion is cut off by depth), ``nullable``, numeric
bounds (inclusive, exclusive in both drafts' spellings, ``multipleOf``), and string ``minLength`` /
``maxLength`` / ``pattern`` / ``format``.

Choices between enum members and union variants rotate with a seed (the prompt) so different
prompts give different but repeatable answers.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any
from urllib.parse import unquote

from ._regex_sample import sample_matching

# Past this depth we take the cheapest valid branch: no optional properties, empty arrays, null.
_MAX_DEPTH = 6

_FORMAT_SAMPLES = {
    "date-time": "2024-08-06T12:00:00Z",
    "date": "2024-08-06",
    "time": "12:00:00Z",
    "duration": "P1D",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uri": "https://example.com/resource",
    "iri": "https://example.com/resource",
    "uri-reference": "https://example.com/resource",
    "url": "https://example.com/resource",
    "uuid": "123e4567-e89b-42d3-a456-426614174000",
    "regex": "^[a-z]+$",
    "json-pointer": "/a/b",
}


class SchemaError(ValueError):
    """The schema cannot be satisfied (or uses a form this generator does not understand)."""


def instance_for(schema: Any, *, seed: str = "", text: str = "", root: Any = None) -> Any:
    """A value valid against ``schema``. ``text`` is used as the body of free-form strings.

    ``$ref``s resolve against ``root`` (a whole document, such as an OpenAPI spec) when given,
    else against ``schema`` itself.
    """
    document = schema if root is None else root
    return _Generator(document, seed=seed, text=text).generate(schema, path="#", depth=0)


class _Generator:
    def __init__(self, root: Any, *, seed: str, text: str) -> None:
        self._root = root
        self._seed = seed
        self._text = _clip(" ".join(text.split()), 48)

    # -- helpers -----------------------------------------------------------------------------

    def _pick(self, path: str, count: int) -> int:
        digest = hashlib.sha256(f"{self._seed}|{path}".encode()).digest()
        return int.from_bytes(digest[:4], "big") % count

    def _resolve(self, ref: str) -> Any:
        if not ref.startswith("#"):
            raise SchemaError(f"only local $ref is supported, got {ref!r}")
        node = self._root
        for raw in ref[1:].split("/")[1:] if ref != "#" else []:
            key = unquote(raw).replace("~1", "/").replace("~0", "~")
            if isinstance(node, list):
                node = node[int(key)]
            elif isinstance(node, dict) and key in node:
                node = node[key]
            else:
                raise SchemaError(f"unresolvable $ref {ref!r}")
        return node

    # -- dispatch ----------------------------------------------------------------------------

    def generate(self, schema: Any, *, path: str, depth: int) -> Any:
        if schema is True or schema == {}:
            return self._free_string(path, None)
        if schema is False:
            raise SchemaError(f"schema at {path} accepts nothing")
        if not isinstance(schema, dict):
            raise SchemaError(f"schema at {path} is not an object")
        if "$ref" in schema:
            target = self._resolve(schema["$ref"])
            # ``nullable`` next to a ``$ref`` (an OpenAPI 3.0 habit) is not carried into the
            # target: validators disagree on whether it admits null there, a value never is.
            siblings = {
                k: v
                for k, v in schema.items()
                if k not in ("$ref", "$defs", "definitions", "nullable")
            }
            merged = {**target, **siblings} if isinstance(target, dict) and siblings else target
            return self.generate(merged, path=path, depth=depth + 1)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            members = list(schema["enum"])
            if not members:
                raise SchemaError(f"empty enum at {path}")
            if schema.get("nullable") is not True and None in members and len(members) > 1:
                members = [m for m in members if m is not None] or members
            return members[self._pick(path, len(members))]
        if "allOf" in schema:
            return self.generate(self._merge_all_of(schema), path=path, depth=depth)
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                return self._union(schema, keyword, path=path, depth=depth)
        return self._typed(schema, path=path, depth=depth)

    def _merge_all_of(self, schema: dict[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            if isinstance(part, dict) and "$ref" in part:
                part = self._resolve(part["$ref"])
            if not isinstance(part, dict):
                continue
            if "allOf" in part:
                part = self._merge_all_of(part)
            for key, value in part.items():
                if key == "properties":
                    properties = dict(merged.get("properties", {}))
                    for name, sub in value.items():
                        # every part constrains the property: both schemas must hold
                        properties[name] = (
                            {"allOf": [properties[name], sub]} if name in properties else sub
                        )
                    merged["properties"] = properties
                elif key == "required":
                    merged["required"] = sorted({*merged.get("required", []), *value})
                elif key == "enum" and "enum" in merged:
                    merged["enum"] = [m for m in merged["enum"] if m in value]
                else:
                    merged.setdefault(key, value)
        return merged

    def _union(self, schema: dict[str, Any], keyword: str, *, path: str, depth: int) -> Any:
        # ``nullable`` on a union (no ``type`` of its own) does not make a branch admit null.
        base = {
            k: v
            for k, v in schema.items()
            if k not in (keyword, "$defs", "definitions", "nullable", "discriminator")
        }
        variants = list(schema[keyword])
        if not variants:
            raise SchemaError(f"empty {keyword} at {path}")
        non_null = [v for v in variants if not _is_null_schema(v)]
        if depth >= _MAX_DEPTH and len(non_null) < len(variants):
            return None
        candidates = non_null or variants
        start = self._pick(path, len(candidates))
        last_error: SchemaError | None = None
        for offset in range(len(candidates)):
            variant = candidates[(start + offset) % len(candidates)]
            merged = {**base, **variant} if isinstance(variant, dict) else variant
            try:
                return self.generate(merged, path=f"{path}/{keyword}", depth=depth + 1)
            except SchemaError as error:
                last_error = error
        raise last_error or SchemaError(f"no satisfiable variant at {path}")

    def _typed(self, schema: dict[str, Any], *, path: str, depth: int) -> Any:
        declared = schema.get("type")
        types = declared if isinstance(declared, list) else [declared] if declared else []
        concrete = [t for t in types if t != "null"]
        if not types:
            concrete = [_infer_type(schema)]
        elif not concrete:
            return None
        kind = concrete[0]
        if depth >= _MAX_DEPTH and ("null" in types or schema.get("nullable") is True):
            return None
        if kind == "object":
            return self._object(schema, path=path, depth=depth)
        if kind == "array":
            return self._array(schema, path=path, depth=depth)
        if kind == "string":
            return self._string(schema, path=path)
        if kind == "integer":
            return self._number(schema, path=path, integer=True)
        if kind == "number":
            return self._number(schema, path=path, integer=False)
        if kind == "boolean":
            return self._pick(path, 2) == 0
        if kind == "null":
            return None
        raise SchemaError(f"unknown type {kind!r} at {path}")

    # -- concrete types ----------------------------------------------------------------------

    def _object(self, schema: dict[str, Any], *, path: str, depth: int) -> dict[str, Any]:
        properties: dict[str, Any] = schema.get("properties") or {}
        required = set(schema.get("required") or [])
        shallow = depth >= _MAX_DEPTH
        result: dict[str, Any] = {}
        for name, sub in properties.items():
            if shallow and name not in required:
                continue
            result[name] = self.generate(sub, path=f"{path}/{name}", depth=depth + 1)
        for name in sorted(required - result.keys()):
            extra = schema.get("additionalProperties")
            sub = extra if isinstance(extra, dict) else {}
            result[name] = self.generate(sub, path=f"{path}/{name}", depth=depth + 1)
        extra = schema.get("additionalProperties", True)
        minimum = int(schema.get("minProperties", 0))
        index = 1
        while len(result) < minimum:
            if extra is False:
                raise SchemaError(f"minProperties unreachable at {path}")
            key = f"key_{index}"
            index += 1
            if key in result:
                continue
            sub = extra if isinstance(extra, dict) else {}
            result[key] = self.generate(sub, path=f"{path}/{key}", depth=depth + 1)
        return result

    def _array(self, schema: dict[str, Any], *, path: str, depth: int) -> list[Any]:
        prefix = list(schema.get("prefixItems") or [])
        items = schema.get("items", {})
        if isinstance(items, list):  # draft 4-7 tuple form
            prefix, items = items, schema.get("additionalItems", {})
        minimum = int(schema.get("minItems", 0))
        maximum = schema.get("maxItems")
        wanted = minimum if depth >= _MAX_DEPTH else max(minimum, len(prefix), 2)
        if maximum is not None:
            wanted = min(wanted, int(maximum))
        unique = bool(schema.get("uniqueItems"))
        result: list[Any] = []
        attempts = 0
        while len(result) < wanted and attempts < wanted * 8 + 8:
            position = len(result)
            sub = prefix[position] if position < len(prefix) else items
            if sub is False:
                break
            # Vary the seed path per attempt so unique items can differ.
            value = self.generate(sub, path=f"{path}/{position}.{attempts}", depth=depth + 1)
            attempts += 1
            if unique and value in result:
                continue
            result.append(value)
        if len(result) < minimum:
            raise SchemaError(f"cannot produce {minimum} items at {path}")
        return result

    def _string(self, schema: dict[str, Any], *, path: str) -> str:
        fmt = schema.get("format")
        pattern = schema.get("pattern")
        # ``pattern`` is checked by validators while ``format`` is often only an annotation,
        # so a pattern wins when a schema has both.
        if isinstance(pattern, str):
            sampled = sample_matching(pattern)
            if sampled is None:
                raise SchemaError(f"cannot satisfy pattern {pattern!r} at {path}")
            value = sampled
        elif isinstance(fmt, str) and fmt in _FORMAT_SAMPLES:
            value = _FORMAT_SAMPLES[fmt]
        else:
            value = self._free_string(path, schema)
        return _fit_length(value, schema, pattern=pattern)

    def _free_string(self, path: str, schema: dict[str, Any] | None) -> str:
        label = path.rsplit("/", 1)[-1].split(".")[0]
        if not label or label in ("#", "anyOf", "oneOf") or label.isdigit():
            label = "value"
        label = label.replace("_", " ")
        return f"{label}: {self._text}" if self._text else label

    def _number(self, schema: dict[str, Any], *, path: str, integer: bool) -> int | float:
        low, high = _bounds(schema)
        step = schema.get("multipleOf")
        preferred = 1 + self._pick(path, 100)
        if low is not None and low[0] > preferred:
            preferred = low[0]
        if high is not None and high[0] < preferred:
            preferred = high[0]
        candidates = _numeric_candidates(preferred, low, high, step=step, integer=integer)
        for candidate in candidates:
            if _within(candidate, low, high) and _is_multiple(candidate, step):
                return int(candidate) if integer else candidate
        raise SchemaError(f"no number satisfies the bounds at {path}")


def _clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word boundary when there is one."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


def _infer_type(schema: dict[str, Any]) -> str:
    if "properties" in schema or "additionalProperties" in schema or "required" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    if any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")):
        return "number"
    return "string"


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        schema.get("type") == "null" or ("const" in schema and schema["const"] is None)
    )


Bound = tuple[float, bool]  # (value, exclusive)


def _as_number(value: Any) -> float | None:
    """A JSON number as float; None for anything else (booleans included)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _bounds(schema: dict[str, Any]) -> tuple[Bound | None, Bound | None]:
    low: Bound | None = None
    high: Bound | None = None
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    ex_min, ex_max = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if isinstance(minimum, (int, float)):
        low = (minimum, ex_min is True)  # draft 4 spells exclusivity as a boolean
    ex_min_value = _as_number(ex_min)
    if ex_min_value is not None and (low is None or ex_min_value >= low[0]):
        low = (ex_min_value, True)
    if isinstance(maximum, (int, float)):
        high = (maximum, ex_max is True)
    ex_max_value = _as_number(ex_max)
    if ex_max_value is not None and (high is None or ex_max_value <= high[0]):
        high = (ex_max_value, True)
    return low, high


def _within(value: float, low: Bound | None, high: Bound | None) -> bool:
    if low is not None and (value < low[0] or (low[1] and value == low[0])):
        return False
    return not (high is not None and (value > high[0] or (high[1] and value == high[0])))


def _is_multiple(value: float, step: Any) -> bool:
    if not isinstance(step, (int, float)) or step <= 0:
        return True
    quotient = value / step
    return abs(quotient - round(quotient)) < 1e-9


def _numeric_candidates(
    preferred: float, low: Bound | None, high: Bound | None, *, step: Any, integer: bool
) -> list[float]:
    candidates: list[float] = []
    if isinstance(step, (int, float)) and step > 0:
        base = preferred if low is None else low[0]
        first = math.ceil(base / step) * step
        candidates += [first, first + step, first + 2 * step]
        if integer:
            candidates = [c for c in candidates if float(c).is_integer()]
            lcm_step = step if float(step).is_integer() else None
            if lcm_step is None:
                candidates += [math.ceil(base / step) * step * k for k in range(1, 20)]
    if integer:
        around = math.floor(preferred)
        candidates += [around, around + 1, around - 1]
        if low is not None:
            candidates += [math.floor(low[0]) + 1, math.ceil(low[0])]
        if high is not None:
            candidates += [math.ceil(high[0]) - 1, math.floor(high[0])]
    else:
        candidates += [preferred, preferred + 0.5]
        if low is not None and high is not None:
            candidates.append((low[0] + high[0]) / 2)
        if low is not None:
            candidates.append(low[0] + 1e-6 if low[1] else low[0])
        if high is not None:
            candidates.append(high[0] - 1e-6 if high[1] else high[0])
    return candidates


def _fit_length(value: str, schema: dict[str, Any], *, pattern: Any) -> str:
    minimum = int(schema.get("minLength", 0))
    maximum = schema.get("maxLength")
    if maximum is not None and len(value) > int(maximum):
        if pattern is not None or schema.get("format") in _FORMAT_SAMPLES:
            raise SchemaError("maxLength conflicts with the pattern or format")
        value = value[: int(maximum)].rstrip() or value[: int(maximum)]
    if len(value) < minimum:
        if pattern is not None or schema.get("format") in _FORMAT_SAMPLES:
            raise SchemaError("minLength conflicts with the pattern or format")
        value = value + "x" * (minimum - len(value))
    return value
