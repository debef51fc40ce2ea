"""A discriminated union's JSON schema written as a plain union's, wherever the union is used.

The generated models validate a union whose members a one-valued tag tells apart as a pydantic
discriminated union (fast, and an error names the tag). Pydantic describes such a union as
``oneOf`` with a ``discriminator`` and its mapping. The official SDK marks the same unions with a
marker pydantic does not read, so its JSON schemas list the members under ``anyOf`` (and, a union
being optional, with ``null`` beside them rather than around them). What a user hands on (a form
or documentation generator, a tool that compares schemas, a stored schema) is the same here: each
generated ``Field(discriminator=...)`` carries `as_plain_union` as its ``json_schema_extra``, so the
description travels with the union type: in the package's models, in a user's own model or
``TypeAdapter`` holding it, under any schema generator. A user's own discriminated unions keep
pydantic's description.
"""

from __future__ import annotations

from typing import Any

__all__ = ["as_plain_union"]


def as_plain_union(schema: dict[str, Any]) -> None:
    """Rewrite, in place, pydantic's ``oneOf`` + ``discriminator`` as ``anyOf``, as pydantic writes
    a plain union: at the same place among the keys, the ``discriminator`` and its mapping gone
    (pydantic splices an ``anyOf`` standing alone into an enclosing one, ``null`` included)."""
    if "oneOf" not in schema or "discriminator" not in schema:
        return
    entries = [
        ("anyOf" if key == "oneOf" else key, value)
        for key, value in schema.items()
        if key != "discriminator"
    ]
    schema.clear()
    schema.update(entries)
