"""Property-based robustness (hypothesis).

- The SSE decoder gives the same events for any split of the same bytes, whatever the bytes
  (invalid UTF-8, stray CRs, NULs, BOMs), and never raises.
- A stream over arbitrary event-stream bytes yields items or raises a documented ``APIError``
  subclass, nothing else, and always ends with its response closed.
- Every response model of the spec accepts any JSON its schema allows (strictly: the fast path
  validates it), and a response with unknown fields and unknown enum values added anywhere still
  parses (leniently) into the model, keeping what was sent.
"""

from __future__ import annotations

import functools
import importlib
import json
from typing import Annotated, Any, Union, get_args, get_origin

import httpx
import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api_resources._plan import calls, config, object_shape, resolve, schema_name, spec
from typed_openai import APIError
from typed_openai._core import SSEDecoder, Stream
from typed_openai._core._as_constructed import as_constructed
from typed_openai._core._models import parse_json

# --- SSE decoder ----------------------------------------------------------------------------------

SSE_PIECES = st.one_of(
    st.binary(max_size=12),
    st.sampled_from(
        [
            b"data: ",
            b"data:",
            b"event: error",
            b"event:",
            b"id: 1",
            b"id: \x00",
            b"retry: 5",
            b": c",
            b"\xef\xbb\xbf",
            b"\xff\xfe",
            b"\xe2\x82",
            b"\xac",
            b"\r",
            b"\n",
            b"\r\n",
            b"\n\n",
            b"[DONE]",
            b'{"a": 1}',
        ]
    ),
)


def _decode(*chunks: bytes) -> list[Any]:
    decoder = SSEDecoder()
    events: list[Any] = []
    for chunk in chunks:
        events += decoder.feed(chunk)
    return events + decoder.flush()


@settings(max_examples=400, deadline=None, derandomize=True)
@given(pieces=st.lists(SSE_PIECES, max_size=30), cuts=st.lists(st.integers(0, 10_000), max_size=8))
def test_any_split_of_any_bytes_gives_the_same_events(pieces: list[bytes], cuts: list[int]) -> None:
    raw = b"".join(pieces)
    whole = _decode(raw)
    points = sorted({cut % (len(raw) + 1) for cut in cuts})
    parts = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
    assert _decode(*parts) == whole
    assert _decode(*[raw[i : i + 1] for i in range(len(raw))]) == whole
    for event in whole:
        assert isinstance(event.data, str)


# --- streams over arbitrary bytes -----------------------------------------------------------------

CHUNK_SCHEMA = "CreateChatCompletionStreamResponse"


def _stream_over(body: bytes) -> Stream[Any]:
    from typed_openai.types.chat import ChatCompletionChunk

    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx.Response(
        200, headers={"content-type": "text/event-stream"}, content=body, request=request
    )
    return Stream(cast_to=ChatCompletionChunk, response=response, client=None)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "choices", "error", "message", "delta", "x"]), inner, max_size=3
        )
    ),
    max_leaves=8,
)
EVENT_LINES = st.one_of(
    SSE_PIECES,
    st.builds(lambda v: b"data: " + json.dumps(v).encode() + b"\n\n", JSON_VALUES),
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(pieces=st.lists(EVENT_LINES, max_size=20))
def test_streams_over_arbitrary_bytes_raise_only_documented_errors(pieces: list[bytes]) -> None:
    stream = _stream_over(b"".join(pieces))
    try:
        for _item in stream:
            pass
    except APIError:
        pass  # APIError, APIResponseValidationError: documented
    assert stream.response.is_closed


# --- response models from the spec's schemas ------------------------------------------------------

SCHEMAS: dict[str, Any] = spec()["components"]["schemas"]
UNKNOWN_KEY = "zz_field_added_later"
UNKNOWN_ENUM = "zz_value_added_later"


def _resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target = SCHEMAS[str(node["$ref"]).rsplit("/", 1)[1]]
        siblings = {k: v for k, v in node.items() if k not in ("$ref", "description")}
        node = {**target, **siblings} if siblings else target
    return node


def _merge_all_of(node: dict[str, Any]) -> dict[str, Any]:
    merged = {k: v for k, v in node.items() if k != "allOf"}
    properties = dict(merged.get("properties", {}))
    required = list(merged.get("required", []))
    for part in node["allOf"]:
        part = _resolve(part)
        if "allOf" in part:
            part = _merge_all_of(part)
        properties.update(part.get("properties", {}))
        required += part.get("required", [])
        for key in ("type", "additionalProperties"):
            if key in part and key not in merged:
                merged[key] = part[key]
    merged["properties"] = properties
    merged["required"] = required
    merged.setdefault("type", "object")
    return merged


def _is_object_shape(node: Any) -> bool:
    return isinstance(node, dict) and (
        node.get("type") == "object" or "properties" in node or "allOf" in node
    )


JSON_LEAF = st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=4)


def json_for(schema: Any, *, hostile: bool, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values valid against ``schema``; ``hostile`` adds unknown fields and enum values."""
    node = _resolve(schema)
    if not isinstance(node, dict) or not node:
        return JSON_LEAF
    if "allOf" in node:
        parts = [_resolve(part) for part in node["allOf"]]
        if not all(_is_object_shape(part) for part in parts):
            # e.g. ``allOf: [<a oneOf>, {anyOf: [{}, null]}]``: the first part decides.
            return json_for(node["allOf"][0], hostile=hostile, depth=depth)
        node = _merge_all_of(node)
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        values = st.sampled_from(node["enum"])
        if hostile and all(isinstance(v, str) for v in node["enum"] if v is not None):
            return values | st.just(UNKNOWN_ENUM)
        return values
    for keyword in ("anyOf", "oneOf"):
        if keyword in node:
            options = node[keyword]
            if depth > 5:  # deep: prefer a variant that ends the recursion
                simple = [o for o in options if _resolve(o).get("type") in ("null", "string")]
                options = simple or options[:1]
            return st.one_of([json_for(o, hostile=hostile, depth=depth + 1) for o in options])
    kind = node.get("type")
    if isinstance(kind, list):
        return st.one_of(
            [json_for({**node, "type": k}, hostile=hostile, depth=depth) for k in kind]
        )
    if node.get("nullable"):
        return st.none() | json_for(
            {k: v for k, v in node.items() if k != "nullable"}, hostile=hostile, depth=depth
        )
    if kind == "object" or "properties" in node:
        return _object_for(node, hostile=hostile, depth=depth)
    if kind == "array" or (kind is None and "items" in node):  # as for "properties": implied
        low = node.get("minItems", 0)
        high = min(node.get("maxItems", low + 2), low + (2 if depth < 4 else 0))
        items = json_for(node.get("items", {}), hostile=hostile, depth=depth + 1)
        return st.lists(items, min_size=low, max_size=max(low, high))
    if kind == "string":
        if node.get("format") == "date-time":
            return st.just("2024-01-01T00:00:00Z")
        low = node.get("minLength", 0)
        return st.text(min_size=low, max_size=max(low, min(node.get("maxLength", 8), 8)))
    if kind == "integer":
        low = int(node.get("minimum", -1000))
        high = int(node.get("maximum", 10**6))
        return st.integers(max(low, -(10**6)), min(high, 10**9))
    if kind == "number":
        low = float(node.get("minimum", -1000.0))
        high = float(node.get("maximum", 1000.0))
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return JSON_LEAF


def _object_for(node: dict[str, Any], *, hostile: bool, depth: int) -> st.SearchStrategy[Any]:
    properties: dict[str, Any] = node.get("properties", {})
    required = [name for name in node.get("required", []) if name in properties]
    optional = [name for name in properties if name not in required]
    if depth > 5:
        optional = []
    fixed = st.fixed_dictionaries(
        {name: json_for(properties[name], hostile=hostile, depth=depth + 1) for name in required},
        optional={
            name: json_for(properties[name], hostile=hostile, depth=depth + 1) for name in optional
        },
    )
    extra = node.get("additionalProperties")
    if not properties and isinstance(extra, dict) and extra:
        return st.dictionaries(
            st.text(max_size=4), json_for(extra, hostile=hostile, depth=depth + 1), max_size=2
        )
    if hostile:
        return st.builds(lambda d, x: {**d, UNKNOWN_KEY: x}, fixed, JSON_LEAF)
    return fixed


def _model_for(schema_name: str) -> Any:
    entry = config()["types"][schema_name]
    module = importlib.import_module("typed_openai.types." + entry["module"].replace("/", "."))
    return getattr(module, entry["name"])


@functools.cache
def _response_values(schema_name: str, *, hostile: bool) -> st.SearchStrategy[Any]:
    """One strategy object per schema, built once: a fresh tree of strategies per example made
    hypothesis re-walk and re-validate it on every draw, slow enough on deep unions to run into
    the hard time limit mid-generation (reported as ``FlakyStrategyDefinition``)."""
    return json_for({"$ref": f"#/components/schemas/{schema_name}"}, hostile=hostile)


def _result_schema(call: Any) -> str | None:
    """The configured schema a call's JSON result parses into: the result itself or a page item."""
    op = spec()["paths"][call.path][call.http_method]
    content = op["responses"].get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema is None:
        return None
    name = schema_name(schema)
    if name not in config()["types"]:
        data = resolve(object_shape(schema)[0].get("data", {}))
        name = schema_name(data.get("items")) if data.get("type") == "array" else None
    return name if name in config()["types"] else None


RESPONSE_SCHEMAS = sorted({name for c in calls() if (name := _result_schema(c))} | {CHUNK_SCHEMA})


@pytest.mark.parametrize("schema_name", RESPONSE_SCHEMAS)
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
@given(data=st.data())
def test_models_accept_every_valid_response(schema_name: str, data: st.DataObject) -> None:
    model = _model_for(schema_name)
    value = data.draw(_response_values(schema_name, hostile=False))
    raw = json.dumps(value).encode()
    # the fast path (a model or a union alias): no lenient fallback needed; an answer then also
    # holds each aliased field's API name as an extra, as the SDK's (`_core/_as_constructed`)
    strict = pydantic.TypeAdapter(model).validate_json(raw)
    as_constructed(model, strict)
    assert parse_json(model, raw) == strict


@pytest.mark.parametrize("schema_name", RESPONSE_SCHEMAS)
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
@given(data=st.data())
def test_models_tolerate_unknown_fields_and_enum_values(
    schema_name: str, data: st.DataObject
) -> None:
    model = _model_for(schema_name)
    value = data.draw(_response_values(schema_name, hostile=True))
    parsed = parse_json(model, json.dumps(value).encode())
    if get_origin(model) is not None and value.get("type") == UNKNOWN_ENUM:
        # a union variant added later: the first member, as the official SDK builds it, its
        # keys kept exactly as sent
        first: Any = _model_classes(model)[0]
        assert type(parsed) is first
        assert parsed.to_dict(warnings=False) == value and parsed.type == UNKNOWN_ENUM
        return
    assert isinstance(parsed, _model_classes(model))
    assert parsed.model_extra is not None and UNKNOWN_KEY in parsed.model_extra
    for key, sent in value.items():
        if key == UNKNOWN_KEY or sent is None:
            continue
        if isinstance(getattr(type(parsed), key, None), property):
            continue  # computed from other fields (config `computed:`, e.g. Response.output_text)
        kept = getattr(parsed, _field_name(type(parsed), key))
        assert kept is not None, key
        if isinstance(sent, (str, int, bool)) and not isinstance(kept, (dict, list)):
            assert _plain(kept) == sent, (key, kept, sent)


def _model_classes(tp: Any) -> tuple[type[pydantic.BaseModel], ...]:
    """The model classes a response type stands for: itself, or a union alias's members."""
    if get_origin(tp) is Annotated:
        return _model_classes(get_args(tp)[0])
    if get_origin(tp) is Union:
        return tuple(cls for member in get_args(tp) for cls in _model_classes(member))
    return (tp,)


def _field_name(model: Any, key: str) -> str:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return name
    return key


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)  # enum members compare by their value
