"""Inline union arms are named after their place: the event an arm extends, the union a nullable
wrapper makes optional, the kind of list an arm is — not `…Variant`, `…AltAlt…`; arms that would
get the same word by their shape, then by what one has that the others lack, then by their place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codegen.build import build_api
from codegen.config import load_config
from codegen.errors import Diagnostics
from codegen.loader import Loader
from codegen.schemas import _distinct
from codegen.spec_view import SchemaObject

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


def _titled(title: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"title": title, "type": "object", "properties": properties, "required": required}


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
                    # arms that share a word: told apart by shape, by what one has, by place
                    "filter": {
                        "oneOf": [
                            _titled("filter", {"key": {"type": "string"}}, ["key"]),
                            _titled("filter", {"value": {"type": "string"}}, ["value"]),
                        ]
                    },
                    "rule": {
                        "oneOf": [
                            _titled(
                                "rule", {"x": {"type": "string"}, "y": {"type": "string"}}, ["x"]
                            ),
                            _titled(
                                "rule", {"x": {"type": "string"}, "z": {"type": "string"}}, ["x"]
                            ),
                        ]
                    },
                    "pick": {
                        "oneOf": [
                            _titled("pick", {"a": {"type": "string"}}, []),
                            _titled("pick", {"a": {"type": "integer"}}, []),
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


def test_arms_of_one_title_are_told_apart_by_their_shape(tmp_path: Path) -> None:
    assert {"SessionFilterWithKey", "SessionFilterWithValue"} <= _names(tmp_path)


def test_arms_of_one_shape_are_told_apart_by_a_property_only_one_has(tmp_path: Path) -> None:
    assert {"SessionRuleWithY", "SessionRuleWithZ"} <= _names(tmp_path)


def test_arms_alike_in_every_word_are_told_apart_by_their_place(tmp_path: Path) -> None:
    assert {"SessionPickFirst", "SessionPickSecond"} <= _names(tmp_path)


def test_a_fixed_set_of_values_tells_an_arm_from_its_open_twin() -> None:
    arms = [SchemaObject.of({"type": "string"}), SchemaObject.of({"type": "string", "enum": ["a"]})]
    assert _distinct(["String", "String"], arms) == ["String", "StringEnum"]


def test_titles_that_clash_fall_back_to_each_arms_shape() -> None:
    arms = [
        SchemaObject.of({"title": "array", "type": "array", "items": {"type": "string"}}),
        SchemaObject.of({"title": "array", "type": "array", "items": {"type": "integer"}}),
        SchemaObject.of({"title": "array", "type": "array", "items": {"type": "array"}}),
    ]
    assert _distinct(["Array"] * 3, arms) == ["StringArray", "IntegerArray", "Array"]
