"""The types built for names the official SDK has (issue 15) hold the SDK type's fields.

The parity test (tests/test_sdk_parity.py) only checks that a name imports; here each type built
for a name that used to be NOT BUILT YET is compared field by field with the SDK's (the installed
`openai`, the oracle): the same field names, none required here that the SDK leaves optional, and
for a union, members with the same field names. Where the upstream OpenAPI document lacks a field
the newer SDK has, the difference is listed below with the evidence.
"""

from __future__ import annotations

import importlib
import typing
from typing import Any

import pydantic
import pytest
import typing_extensions

from tools.sdk_names.shapes import fields, is_model, is_typeddict, union_members, unwrapped

# SDK module (under types/), name
BUILT = [
    ("realtime.realtime_response_status", "Error"),
    ("beta.realtime.realtime_response_status", "Error"),
    ("realtime.realtime_mcp_list_tools", "Tool"),
    ("realtime.realtime_mcp_list_tools_param", "Tool"),
    # the same keys as our RealtimeResponseCreateParams; its `input` items lack the SDK's
    # ResponseItemReferenceParam arm: upstream RealtimeResponseCreateParams.input items are
    # RealtimeConversationItem only (the reference is named in its prose, not its schema)
    ("realtime", "RealtimeResponseCreateParamsWithReferencesParam"),
    (
        "realtime.realtime_response_create_params_with_references_param",
        "RealtimeResponseCreateParamsWithReferencesParam",
    ),
    ("beta.realtime.session_update_event_param", "SessionTracing"),
    ("beta.realtime.session_update_event_param", "SessionTracingTracingConfiguration"),
    ("beta.realtime.session_update_event", "SessionUpdateEvent"),
    ("beta.realtime.session_update_event", "SessionTracing"),
    ("beta.realtime.session_update_event", "SessionTracingTracingConfiguration"),
    ("beta.realtime.session_update_event", "SessionTool"),
    ("beta.realtime.session_update_event", "SessionInputAudioNoiseReduction"),
    ("beta.realtime.session_update_event", "SessionClientSecretExpiresAfter"),
    ("", "ModerationMultiModalInputParam"),
    ("moderation_multi_modal_input_param", "ModerationMultiModalInputParam"),
]

# (SDK module, name) -> the SDK's fields the upstream document lacks at that place and our spec
# does not add (realtime response status_details.error's `message` is in spec/openapi.yml since
# d74ac12c, marked x-sdk-newer, so nothing is listed today)
NEWER_IN_THE_SDK: dict[tuple[str, str], set[str]] = {}


def _load(package: str, module: str, name: str) -> Any:
    return getattr(importlib.import_module(f"{package}.{module}" if module else package), name)


def _required(cls: Any) -> dict[str, bool]:
    if is_model(cls):
        return {
            (info.alias or name): info.is_required()
            for name, info in typing.cast(type[pydantic.BaseModel], cls).model_fields.items()
        }
    assert is_typeddict(cls), cls
    required = typing.cast(frozenset[str], cls.__required_keys__)
    return {name: name in required for name in fields(cls)}


def _classes(value: Any) -> list[Any]:
    """A type's model/TypedDict classes: itself, or a union's member classes."""
    value = unwrapped(value)
    members = union_members(value)
    if members is None:
        return [value] if is_model(value) or is_typeddict(value) else []
    return [c for m in members for c in _classes(m)]


def _literals(value: Any) -> set[Any]:
    value = unwrapped(value)
    members = union_members(value) or [value]
    found: set[Any] = set()
    for m in members:
        m = unwrapped(m)
        if typing_extensions.get_origin(m) in (typing.Literal, typing_extensions.Literal):
            found |= set(typing_extensions.get_args(m))
    return found


@pytest.mark.parametrize(("module", "name"), BUILT, ids=[f"{m or '.'}.{n}" for m, n in BUILT])
def test_a_built_type_has_the_sdk_types_fields(module: str, name: str) -> None:
    theirs = _load("openai.types", module, name)
    ours = _load("typed_openai.types", module, name)
    their_classes, our_classes = _classes(theirs), _classes(ours)
    assert len(our_classes) == len(their_classes), (our_classes, their_classes)
    assert _literals(ours) == _literals(theirs)
    newer = NEWER_IN_THE_SDK.get((module, name), set())
    for their_cls in their_classes:
        wanted = {k: v for k, v in _required(their_cls).items() if k not in newer}
        same = [c for c in our_classes if set(_required(c)) == set(wanted)]
        assert len(same) == 1, f"{module}.{name}: no member of ours with the fields of {their_cls}"
        # code written for the SDK may leave out what the SDK leaves optional; a field the SDK
        # requires may be optional here (laxer, as the matcher's shapes do not weigh it)
        mine = _required(same[0])
        assert not {k for k, required in mine.items() if required and not wanted[k]}
        assert is_model(same[0]) == is_model(their_cls)


# formerly listed above: the upstream document lacks `message` there, our spec adds it (x-sdk-newer)
DECLARED_SINCE = [
    ("realtime.realtime_response_status", "Error", "message"),
    ("beta.realtime.realtime_response_status", "Error", "message"),
]


@pytest.mark.parametrize(("module", "name", "field"), DECLARED_SINCE)
def test_a_field_the_sdk_declares_beyond_the_document_is_declared_here(
    module: str, name: str, field: str
) -> None:
    """`status.error.message` is a declared (typed, optional) field here as in the SDK."""
    ours = _load("typed_openai.types", module, name)
    assert field in ours.model_fields
    assert field in _required(_load("openai.types", module, name))
    data = {key: f"<{key}>" for key in _required(_load("openai.types", module, name))}
    assert getattr(ours.model_validate(data), field) == f"<{field}>"
    assert getattr(ours.model_validate({}), field) is None
