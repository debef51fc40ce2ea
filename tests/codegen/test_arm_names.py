"""Inline union arms are named after their place: the event an arm extends, the union a nullable
wrapper makes optional, the kind of list an arm is — not `…Variant`, `…AltAlt…`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codegen.build import build_api
from codegen.config import load_config
from codegen.errors import Diagnostics
from codegen.loader import Loader

from ._gen import write_spec


def _event(name: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"type": {"type": "string", "enum": [name]}, "delta": {"type": "string"}},
        "required": ["type"],
    }


def _socket_event(ref: str) -> dict[str, Any]:
    """An event as a websocket sends it: the event extended with a stream id."""
    return {
        "allOf": [
            {"$ref": f"#/components/schemas/{ref}"},
            {"type": "object", "properties": {"stream_id": {"type": "string"}}},
        ]
    }


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "arms", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "AudioDeltaEvent": _event("response.audio.delta"),
            "AudioDoneEvent": _event("response.audio.done"),
            "Unnamed": {"type": "object", "properties": {"x": {"type": "string"}}},
            "ServerEvent": {
                "discriminator": {"propertyName": "type"},
                "anyOf": [
                    _socket_event("AudioDeltaEvent"),
                    _socket_event("AudioDoneEvent"),
                    _socket_event("Unnamed"),
                ],
            },
            "Session": {
                "type": "object",
                "properties": {
                    "tracing": {
                        "anyOf": [
                            {
                                "oneOf": [
                                    {"type": "string", "enum": ["auto"]},
                                    {
                                        "type": "object",
                                        "properties": {"workflow_name": {"type": "string"}},
                                    },
                                ]
                            },
                            {"type": "null"},
                        ]
                    },
                    "input": {
                        "oneOf": [
                            {"type": "string"},
                            {"type": "array", "items": {"type": "string"}},
                            {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "type": {"type": "string", "enum": ["text"]},
                                        "text": {"type": "string"},
                                    },
                                },
                            },
                        ]
                    },
                },
            },
        }
    },
}


def _names(tmp_path: Path) -> set[str]:
    loader = Loader.from_path(write_spec(tmp_path, SPEC))
    api = build_api(loader, load_config(None), Diagnostics())
    return {d.name for d in api.defs.values()}


def test_an_arm_extending_an_event_is_named_after_that_event(tmp_path: Path) -> None:
    names = _names(tmp_path)
    assert {"ServerEventResponseAudioDelta", "ServerEventResponseAudioDone"} <= names
    assert "ServerEventUnnamed" in names  # no discriminating value: the extended schema's name


def test_a_nullable_wrapper_adds_no_word_to_the_union_it_wraps(tmp_path: Path) -> None:
    assert "SessionTracingWithWorkflowName" in _names(tmp_path)  # not `…TracingVariant…`


def test_a_list_of_plain_values_leaves_array_to_the_list_of_objects(tmp_path: Path) -> None:
    names = _names(tmp_path)
    assert "SessionInputArrayItem" in names  # not `SessionInputArrayAltItem`
    assert not [n for n in names if "Variant" in n or "Alt" in n]
