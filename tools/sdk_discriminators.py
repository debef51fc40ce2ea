"""Union fields whose discriminator differs from the official SDK's.

For every model class of the SDK whose module and name exist here too, each field both have whose
SDK annotation holds a union of a model class and something else (through Optional, lists, dicts
and Annotated) is compared by the discriminator of each union of that kind, in order: the property named by
the SDK's marker in the union's ``Annotated`` metadata (or the field's), and here the property of
pydantic's ``Field(discriminator=...)`` or of a ``UnionTag`` (the marker of a union pydantic cannot
discriminate); None for a plain union. A union the SDK marks and ours does not (or the other way,
or on another property) builds data no member validates otherwise, and validates, fails and
describes itself (``model_json_schema``) otherwise.

    python -m tools.sdk_discriminators           # one line per differing field
    python -m tools.sdk_discriminators --count   # the totals only
"""

from __future__ import annotations

import inspect
import sys
import types
import typing
from collections.abc import Iterable
from typing import Annotated, Any, Union

import pydantic

from tools.sdk_literals import _pairs  # pyright: ignore[reportPrivateUsage]

Discriminators = tuple[str | None, ...]


def _marked(metadata: Iterable[object]) -> str | None:
    """The property a marker among `metadata` names (the SDK's, pydantic's or ours)."""
    for item in metadata:
        found = getattr(item, "discriminator", None)
        if isinstance(found, str):
            return found
    return None


def _is_model(tp: object) -> bool:
    return inspect.isclass(tp) and issubclass(tp, pydantic.BaseModel)


def union_discriminators(annotation: Any, marked: str | None = None) -> Discriminators:
    """The discriminator of each union in `annotation` holding a model and another member
    (outermost first); `marked`:
    the one the field's own metadata names (pydantic moves a field's outer `Annotated` there)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        inner, *metadata = typing.get_args(annotation)
        return union_discriminators(inner, _marked(metadata) or marked)
    if origin is Union or origin is types.UnionType:
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        models = sum(map(_is_model, members))
        found: Discriminators = (marked,) if models and len(members) >= 2 else ()
        for member in members:
            if not inspect.isclass(member):
                found += union_discriminators(member)
        return found
    found = ()
    for arg in typing.get_args(annotation):
        found += union_discriminators(arg)
    return found


def _field_discriminators(info: Any) -> Discriminators:
    own = info.discriminator if isinstance(info.discriminator, str) else None
    return union_discriminators(info.annotation, _marked(info.metadata) or own)


def differences() -> tuple[dict[str, tuple[Discriminators, Discriminators]], int]:
    """`module.Class.field` (the SDK's) -> (the SDK's discriminators, ours) where they differ;
    and how many union fields were compared."""
    out: dict[str, tuple[Discriminators, Discriminators]] = {}
    compared = 0
    for where, theirs, ours in _pairs():
        if not (_is_model(theirs) and _is_model(ours)):
            continue
        for name, their_info in theirs.model_fields.items():
            our_info = ours.model_fields.get(name)
            if our_info is None:
                continue  # a missing field: tests/drop_in/test_sdk_optional_fields.py
            their_found = _field_discriminators(their_info)
            if not their_found:
                continue  # no union at all there: a shape of its own, not a discriminator
            compared += 1
            our_found = _field_discriminators(our_info)
            if our_found != their_found:
                out[f"{where}.{name}"] = (their_found, our_found)
    return out, compared


def main(argv: list[str]) -> int:
    found, compared = differences()
    if "--count" not in argv:
        for where in sorted(found):
            theirs, ours = found[where]
            print(f"{where}: SDK {list(theirs)}, ours {list(ours)}")
    print(f"union fields whose discriminators differ from the SDK's: {len(found)} of {compared}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
