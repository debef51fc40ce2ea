"""The structured-outputs rules the API enforces for ``strict: true`` schemas.

Every object must list all of its properties in ``required`` and set ``additionalProperties``
to false. Client helpers that build strict schemas (``pydantic_function_tool``, ``parse``)
are only correct if they pass this check, so the server enforces it like the real service.
"""

from __future__ import annotations

from typing import Any

from .._errors import ApiError


def check_strict_schema(schema: Any, *, param: str, label: str) -> None:
    if not isinstance(schema, dict) or schema.get("type") != "object":
        raise _invalid(param, label, "()", "schema must be a JSON Schema of 'type: \"object\"'.")
    _walk(schema, param=param, label=label, context=())


def _walk(schema: Any, *, param: str, label: str, context: tuple[str, ...]) -> None:
    if not isinstance(schema, dict):
        return
    is_object = schema.get("type") == "object" or (
        isinstance(schema.get("type"), list) and "object" in schema["type"]
    )
    properties = schema.get("properties")
    if is_object or isinstance(properties, dict):
        if schema.get("additionalProperties") is not False:
            raise _invalid(
                param,
                label,
                _where(context),
                "'additionalProperties' is required to be supplied and to be false.",
            )
        required = schema.get("required") or []
        for name in properties or {}:
            if name not in required:
                raise _invalid(
                    param,
                    label,
                    _where(context),
                    "'required' is required to be supplied and to be an array including every "
                    f"key in properties. Missing '{name}'.",
                )
    for name, sub in (properties or {}).items():
        _walk(sub, param=param, label=label, context=(*context, "properties", name))
    items = schema.get("items")
    if isinstance(items, dict):
        _walk(items, param=param, label=label, context=(*context, "items"))
    for keyword in ("anyOf", "oneOf", "allOf"):
        for index, sub in enumerate(schema.get(keyword) or []):
            _walk(sub, param=param, label=label, context=(*context, keyword, str(index)))
    for keyword in ("$defs", "definitions"):
        for name, sub in (schema.get(keyword) or {}).items():
            _walk(sub, param=param, label=label, context=(*context, keyword, name))


def _where(context: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{part}'" for part in context) + ")"


def _invalid(param: str, label: str, context: str, detail: str) -> ApiError:
    return ApiError(
        400,
        f"Invalid schema for {label}: In context={context}, {detail}",
        param=param,
        code="invalid_json_schema",
    )
