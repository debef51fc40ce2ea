"""A model's JSON schema with its discriminated unions described as plain ones.

The generated models validate a union whose members a one-valued tag tells apart as a pydantic
discriminated union (fast, and an error names the tag). Pydantic describes such a union as
``oneOf`` with a ``discriminator`` and its mapping. The official SDK marks the same unions with a
marker pydantic does not read, so its ``model_json_schema()`` lists the members under ``anyOf``
(and, a union being optional, with ``null`` beside them rather than around them). What a user
hands on (a form or documentation generator, a tool that compares schemas, a stored schema) is
the same here: `plain_unions` rewrites a model's own schema so, whichever generator is used. A
user's subclass keeps pydantic's description of the fields it declares itself (its own
discriminated unions are pydantic's there too).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, cast

__all__ = ["plain_unions"]

# keys whose values are data, not schemas
_DATA_KEYS = frozenset({"default", "examples", "const", "enum"})


def plain_unions(schema: dict[str, Any], keep: Collection[str] = ()) -> None:
    """Rewrite, in place, each ``oneOf`` + ``discriminator`` in the properties of `schema` (a
    model's own: the definitions of the models it refers to are rewritten by their own classes)
    but those named in `keep`, as ``anyOf``, as pydantic writes a plain union: at the same place
    among the keys, a union nested in an ``anyOf`` spliced into it, a member listed once."""
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return
    for name, value in cast("dict[str, object]", properties).items():
        if name not in keep:
            properties[name] = _rewritten(value)


def _rewritten(node: object) -> Any:
    if isinstance(node, list):
        return [_rewritten(value) for value in cast("list[object]", node)]
    if not isinstance(node, dict):
        return node
    entries = cast("dict[str, object]", node)
    tagged = "oneOf" in entries and "discriminator" in entries
    out: dict[str, Any] = {}
    for key, value in entries.items():
        if tagged and key == "discriminator":
            continue
        if tagged and key == "oneOf":
            key = "anyOf"
        out[key] = value if key in _DATA_KEYS else _rewritten(value)
    if isinstance(out.get("anyOf"), list):
        out["anyOf"] = _flattened(cast("list[object]", out["anyOf"]))
    return out


def _flattened(members: list[object]) -> list[object]:
    # pydantic's own rule for a union in a union (its `get_flattened_anyof`): a member that is
    # only an `anyOf` gives its members, and a member is listed once
    out: list[object] = []
    for member in members:
        inner: list[object] = [member]
        if isinstance(member, dict) and list(cast("dict[str, object]", member)) == ["anyOf"]:
            inner = cast("list[object]", cast("dict[str, object]", member)["anyOf"])
        out.extend(value for value in inner if value not in out)
    return out
