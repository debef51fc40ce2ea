"""How the generator marks a union of models: a pydantic discriminated union where pydantic can
tell the members apart by a required, one-valued tag; a `UnionTag` (read only where no member
validates) where the document (or config `discriminators:`) names a property pydantic cannot
discriminate on, a tag two members share or an optional one, nested such unions spliced into
one; a plain union where config `discriminators:` says null, whatever the document says."""

from __future__ import annotations

import importlib
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic.fields import FieldInfo

from codegen.errors import GeneratorError
from tests.codegen import _gen


def _tagged(tag: str, *, required: bool = True, **more: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"type": {"type": "string", "enum": [tag]}, **more},
        "required": ["type"] if required else [],
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


SCHEMAS: dict[str, Any] = {
    "InMessage": _tagged("message", role={"type": "string"}),
    "OutMessage": _tagged("message", status={"type": "string"}),
    "Call": _tagged("call", name={"type": "string"}),
    "Note": _tagged("note", required=False),
    # the document's discriminator, a tag two members share: a UnionTag
    "Entry": {
        "oneOf": [_ref("InMessage"), _ref("OutMessage"), _ref("Call")],
        "discriminator": {"propertyName": "type"},
    },
    # another on the same property holding it: one union of all the members
    "Record": {
        "oneOf": [_ref("Entry"), _ref("Note")],
        "discriminator": {"propertyName": "type"},
    },
    # no discriminator, distinct required tags: pydantic's
    "Action": {"anyOf": [_ref("InMessage"), _ref("Call")]},
    # the document's discriminator, made plain by the config
    "Plain": {
        "oneOf": [_ref("InMessage"), _ref("Call")],
        "discriminator": {"propertyName": "type"},
    },
    # no discriminator, an optional tag: named by the config, a UnionTag
    "Mark": {"anyOf": [_ref("Note"), _ref("Call")]},
    "Holder": {
        "type": "object",
        "properties": {
            name.lower(): _ref(name) for name in ("Entry", "Record", "Action", "Plain", "Mark")
        },
    },
}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "holders", "version": "1"},
    "paths": {
        "/holder": {
            "get": {
                "operationId": "getHolder",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": _ref("Holder")}},
                    }
                },
            }
        }
    },
    "components": {"schemas": SCHEMAS},
}
CONFIG: dict[str, Any] = {
    "discriminators": {"/components/schemas/Plain": None, "/components/schemas/Mark": "type"}
}


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[Any]:
    _result, package, out = _gen.generate(tmp_path, SPEC, CONFIG)
    _gen.load(out, package)
    yield importlib.import_module(f"{package}.types.holder").Holder
    _gen.unload(package, out)


def _marks(info: FieldInfo) -> tuple[list[str], list[object]]:
    """The member class names of a `Holder` field's union and its markers (pydantic moves a
    field's `Annotated` metadata to the FieldInfo)."""
    annotation = info.annotation
    if typing.get_origin(annotation) is typing.Union and type(None) in typing.get_args(annotation):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = inner[0] if len(inner) == 1 else typing.Union[tuple(inner)]
    metadata = list(info.metadata)
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *more = typing.get_args(annotation)
        metadata += more
    if info.discriminator is not None:
        metadata.append(("pydantic", info.discriminator))
    names = [m.__name__ for m in typing.get_args(annotation)]
    return names, [
        m
        if isinstance(m, tuple)
        else ("pydantic" if isinstance(m, FieldInfo) else type(m).__name__, m.discriminator)
        for m in metadata
    ]


def test_each_union_is_marked_as_its_members_and_the_config_allow(holder: Any) -> None:
    fields = holder.model_fields
    assert _marks(fields["entry"]) == (
        ["InMessage", "OutMessage", "Call"],
        [("UnionTag", "type")],
    )
    assert _marks(fields["record"]) == (
        ["InMessage", "OutMessage", "Call", "Note"],
        [("UnionTag", "type")],
    )
    assert _marks(fields["action"]) == (["InMessage", "Call"], [("pydantic", "type")])
    assert _marks(fields["plain"]) == (["InMessage", "Call"], [])
    assert _marks(fields["mark"]) == (["Note", "Call"], [("UnionTag", "type")])


def test_a_union_tag_names_the_member_of_data_no_member_validates(holder: Any) -> None:
    """Data every member refuses is built as the last member its tag names (a later member wins
    a shared tag, as in the official SDK's table), else as the first member."""
    bad = {"role": 1, "status": 2, "name": 3}
    built = holder.construct(
        entry={"type": "message", **bad},
        record={"type": "call", **bad},
        mark={"type": "other", **bad},
    )
    assert type(built.entry).__name__ == "OutMessage"
    assert type(built.record).__name__ == "Call"
    assert type(built.mark).__name__ == "Note"
    # and data a member validates is that member, as in any plain union
    fine = holder.model_validate({"entry": {"type": "message", "role": "user"}})
    assert type(fine.entry).__name__ == "InMessage"


def test_a_config_pointer_no_union_is_at_is_an_error(tmp_path: Path) -> None:
    config = {"discriminators": {"/components/schemas/Holder/properties/nowhere": "type"}}
    with pytest.raises(GeneratorError) as raised:
        _gen.generate(tmp_path, SPEC, config)
    assert raised.value.diagnostic.code == "config-invalid"
    assert "/discriminators/components/schemas/Holder/properties/nowhere" in str(raised.value)


@pytest.mark.parametrize(
    "entries",
    [{"components/schemas/Plain": None}, {"/components/schemas/Plain": 3}, ["type"]],
)
def test_a_malformed_discriminators_entry_is_an_error(tmp_path: Path, entries: object) -> None:
    with pytest.raises(GeneratorError) as raised:
        _gen.generate(tmp_path, SPEC, {"discriminators": entries})
    assert raised.value.diagnostic.code == "config-invalid"
    assert "/discriminators" in str(raised.value)
