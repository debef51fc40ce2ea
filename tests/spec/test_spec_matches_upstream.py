"""Every fact of spec/openapi.yml must agree with the upstream OpenAI document.

For each operation we ship, the upstream operation at the same path and method is compared with
ours: operationId, parameters (name, location, required, schema), request body and the success
response, with every `$ref` resolved on both sides, down to property names, required lists,
types, formats, enums, defaults, bounds, nullability and union members. A fact that drifts fails.

Our document is shaped differently on purpose (inline objects hoisted into named schemas, the
Assistants stream-event union flattened, 3.0-style `nullable` written as 3.1 `null` unions), so
the comparison is structural, not textual. The deliberate differences are listed in `EXTRA_*`
and `BINARY_DOWNLOADS` below, and the properties the official SDK has beyond upstream carry
`x-sdk-newer: true` in the spec itself (`NEWER`); nothing else may differ.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.yaml_files import load_yaml_file

ROOT = Path(__file__).resolve().parents[2]
OURS_PATH = ROOT / "spec" / "openapi.yml"
# a worktree outside the project's parent folder can point at the document explicitly
UPSTREAM_PATH = Path(
    os.environ.get(
        "TYPED_OPENAI_UPSTREAM_SPEC", ROOT.parent / "shared" / "openapi" / "openai-openapi.yaml"
    )
)

if not UPSTREAM_PATH.exists():
    pytest.skip(
        "the upstream OpenAI document (../shared) is not available", allow_module_level=True
    )

# Deliberate differences from upstream (see the header of spec/openapi.yml):
# the API streams these run operations although upstream declares only JSON,
# the legacy completions stream their chunks (completion objects) when `stream` is true, and a
# stored response replays its events when retrieved with `stream=true`
# (operation -> the schema its SSE events have).
EXTRA_SSE_OPERATIONS = {
    ("post", "/threads/runs"): "AssistantStreamEvent",
    ("post", "/threads/{thread_id}/runs"): "AssistantStreamEvent",
    ("post", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs"): "AssistantStreamEvent",
    ("post", "/completions"): "CreateCompletionResponse",
    ("get", "/responses/{response_id}"): "ResponseStreamEvent",
    ("get", "/responses/{response_id}?beta=true"): "BetaResponseStreamEvent",
}
# the Assistants beta operations declare the opt-in header they require,
EXTRA_BETA_HEADER = "OpenAI-Beta"
BETA_PREFIXES = ("/assistants", "/threads")
# the beta realtime session request takes the session's `model` and noise reduction (upstream's
# request schema there is its session object minus those two; its own RealtimeSession object has
# both, and the official SDK sends both): properties of ours the comparison leaves out,
EXTRA_REQUEST_PROPERTIES = {
    ("post", "/realtime/sessions"): {"model", "input_audio_noise_reduction"},
}
# and that operation answers with the session and its ephemeral key: the object upstream names
# RealtimeSessionCreateRequest (described there as the session "with an ephemeral key"; the SDK's
# answer model has the same fields), not the keyless session shape upstream declares
# (operation -> the upstream schema our success response has instead).
ANSWER_IS_UPSTREAM_SCHEMA = {("post", "/realtime/sessions"): "RealtimeSessionCreateRequest"}
# and the file downloads are bytes, not the JSON string (or no body) upstream declares.
BINARY_DOWNLOADS = {
    ("get", "/files/{file_id}/content"),
    ("get", "/containers/{container_id}/files/{file_id}/content"),
}

# and schemas of our own, which no operation of ours returns:
EXTRA_SCHEMAS = {
    # the objects of the SDK's webhook-endpoint API, which upstream does not describe (code
    # written for the SDK imports and builds them; tests/drop_in/test_webhook_endpoint_types.py)
    "WebhookEndpoint",
    "WebhookEndpointWithSecret",
    "WebhookEndpointList",
    "WebhookEventTypeList",
    "DeletedWebhookEndpoint",
    "WebhookEndpointTestResult",
    # the beta Realtime events in the spelling the beta interface sends (`response.text.delta`,
    # `response.audio.*`, `response.audio_transcript.*`), where upstream's beta event schemas carry
    # the GA type values (`response.output_text.delta`), and the unions of the beta server and
    # client events, which upstream does not name (the SDK's beta.realtime RealtimeServerEvent,
    # RealtimeClientEvent): websocket messages, no HTTP operation's (tests/drop_in/
    # test_real_world_c_realtime.py::test_beta_text_and_audio_events_have_their_classes)
    "RealtimeBetaServerEventResponseTextDeltaV1",
    "RealtimeBetaServerEventResponseTextDoneV1",
    "RealtimeBetaServerEventResponseAudioDeltaV1",
    "RealtimeBetaServerEventResponseAudioDoneV1",
    "RealtimeBetaServerEventResponseAudioTranscriptDeltaV1",
    "RealtimeBetaServerEventResponseAudioTranscriptDoneV1",
    "RealtimeBetaServerEvent",
    "RealtimeBetaClientEvent",
}

# and facts of ours inside schemas upstream also has, where the API (and the official SDK's
# model) goes beyond upstream's description: the comparison leaves them out of our side.
# Properties upstream lacks (schema -> names), each referring to a schema of ours alone:
EXTRA_PROPERTIES = {
    # the audio pieces a chat stream sends when audio output was asked for (the SDK's
    # ChoiceDelta.audio, a ChoiceDeltaAudio whose fields are all optional: each chunk carries some)
    "ChatCompletionStreamResponseDelta": {"audio": "ChatCompletionStreamResponseDeltaAudio"},
}
# and properties upstream has but does not require, which every answer carries (schema -> names):
EXTRA_REQUIRED = {
    # `object: upload` is in every answer; the SDK's Upload requires it (its type is not Optional)
    "Upload": {"object"},
}

# and properties the official SDK (openai 3.57.0) has where upstream lacks them, newer than it:
# each carries `x-sdk-newer: true` in spec/openapi.yml (on the property's own schema) and is left
# out of our side, its name in `required` too; marking a property upstream has there is a difference.
# Such a property is optional, or required and nullable where the SDK lists it among the required
# fields (its field order shows it) with a None default, as the model here then has it too.
NEWER = "x-sdk-newer"
# Likewise enum values the SDK's Literal types have where upstream's enum lacks them: listed in
# `x-sdk-newer-values` beside the `enum` that holds them and left out of our side; listing a value
# upstream has there is a difference (`python -m tools.sdk_literals` lists the SDK's values
# missing here).
NEWER_VALUES = "x-sdk-newer-values"
# (canonical() keeps what it left out under this key, to check it against upstream's enum)
_LEFT_OUT = "newer-values"


def _is_newer(prop: Any) -> bool:
    return isinstance(prop, dict) and prop.get(NEWER) is True


SCALAR_FACTS = (
    "type",
    "format",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "maxProperties",
    "deprecated",
)
UNION_KEYS = ("oneOf", "anyOf")
NULL = {"type": "null"}
PROSE_KEYS = ("description", "title", "example", "examples")


def _load(path: Path) -> dict[str, Any]:
    return load_yaml_file(path)


OURS = _load(OURS_PATH)
UPSTREAM = _load(UPSTREAM_PATH)


class Side:
    """One document, with `$ref` (and upstream's `$recursiveRef`) resolution; `schemas` stand in
    for the document's schemas of those names."""

    def __init__(self, doc: dict[str, Any], schemas: dict[str, Any] | None = None) -> None:
        self.doc = doc
        self.schemas = schemas or {}

    def lookup(self, ref: str) -> Any:
        name = ref.removeprefix("#/components/schemas/")
        if name in self.schemas:
            return self.schemas[name]
        node: Any = self.doc
        for part in ref.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def resolve(self, node: Any, anchor: Any) -> tuple[Any, Any]:
        """Follow refs; return the concrete node and the `$recursiveAnchor` schema in force."""
        while isinstance(node, dict):
            if "$ref" in node:
                node = self.lookup(node["$ref"])
            elif "$recursiveRef" in node:
                node = anchor
            else:
                break
            if isinstance(node, dict) and node.get("$recursiveAnchor"):
                anchor = node
        return node, anchor


def canonical(side: Side, node: Any, anchor: Any) -> tuple[dict[str, Any], Any]:
    """Resolve `node` and rewrite nullability, `const` and nested unions into one normal form.

    The result is either `{"union": [(member, anchor), ...], "discriminator": name|None, ...}` or a
    plain schema dict without `nullable`, type lists or `const`.
    """
    if isinstance(node, dict) and "$ref" in node and node.get("nullable"):
        # upstream writes `$ref` + `nullable: true`: the referenced schema or null
        node = {"anyOf": [{"$ref": node["$ref"]}, NULL]}
    node, anchor = side.resolve(node, anchor)
    newer_values: list[Any] = []
    if isinstance(node, dict):
        newer_values = list(node.get(NEWER_VALUES, []))
        node = {k: v for k, v in node.items() if k not in PROSE_KEYS and not k.startswith("x-")}
    if node is True or node == {}:
        return {"any": True}, anchor
    schema: dict[str, Any] = dict(node)
    nullable = bool(schema.pop("nullable", False))
    if "const" in schema:
        schema["enum"] = [schema.pop("const")]
    if newer_values:
        schema["enum"] = [v for v in schema["enum"] if v not in newer_values]
        schema[_LEFT_OUT] = newer_values
    types = schema.get("type")
    if isinstance(types, list):
        nullable = nullable or "null" in types
        rest = [t for t in types if t != "null"]
        if len(rest) == 1:
            schema["type"] = rest[0]
        elif rest:
            schema.pop("type")
            schema["anyOf"] = [{"type": t} for t in rest]
        else:
            schema = dict(NULL)
    if nullable and "enum" in schema:
        schema["enum"] = [v for v in schema["enum"] if v is not None]
    union_key = next((k for k in UNION_KEYS if k in schema), None)
    if union_key is None and not nullable:
        return schema, anchor
    members: list[tuple[Any, Any]] = []
    default = schema.get("default", ...)
    # `deprecated` on a nullable field is a fact about the field, wherever it is written
    deprecated = bool(schema.pop("deprecated", False))
    discriminator = (schema.get("discriminator") or {}).get("propertyName")
    if union_key is not None:
        for member in schema[union_key]:
            _flatten(side, member, anchor, members)
        schema.pop(union_key)
        schema.pop("discriminator", None)
        schema.pop("default", None)
        # keys beside the union (e.g. a shared `type`) still constrain every member
        leftover = {k: v for k, v in schema.items() if k in SCALAR_FACTS or k == "properties"}
        if leftover:
            members = [(({"allOf": [m, leftover]}), a) for m, a in members]
    else:
        schema.pop("default", None)
        members.append((schema, anchor))
    if nullable:
        members.append((NULL, anchor))
    # a `default: null` written inside a non-null member belongs to the union
    for i, (member, a) in enumerate(members):
        if isinstance(member, dict) and member.get("default", ...) is None and member != NULL:
            members[i] = ({k: v for k, v in member.items() if k != "default"}, a)
            default = None
    out: dict[str, Any] = {
        "union": _dedupe_null(members),
        "discriminator": discriminator,
        "deprecated": deprecated,
    }
    if default is not ...:
        out["default"] = default
    return out, anchor


def _dedupe_null(members: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    seen_null = False
    out = []
    for member, anchor in members:
        if member == NULL:
            if seen_null:
                continue
            seen_null = True
        out.append((member, anchor))
    return out


def _flatten(side: Side, member: Any, anchor: Any, into: list[tuple[Any, Any]]) -> None:
    """Nested unions without own constraints are the same set of alternatives; flatten them."""
    resolved, inner_anchor = side.resolve(member, anchor)
    if isinstance(resolved, dict):
        key = next((k for k in UNION_KEYS if k in resolved), None)
        others = set(resolved) - {key, *PROSE_KEYS, "discriminator", "$recursiveAnchor"}
        others -= {k for k in resolved if k.startswith("x-")}
        if key is not None and not others:
            for inner in resolved[key]:
                _flatten(side, inner, inner_anchor, into)
            return
        if resolved.get("type") == "null" and len(resolved) == 1:
            into.append((NULL, inner_anchor))
            return
    into.append((member, anchor))


def _as_upstream_has_them() -> dict[str, Any]:
    """Our schemas with deliberate extra facts, without them (built once: the comparison
    memoises by node identity)."""
    out: dict[str, Any] = {}
    for name in EXTRA_PROPERTIES.keys() | EXTRA_REQUIRED.keys():
        schema = dict(OURS["components"]["schemas"][name])
        extra = EXTRA_PROPERTIES.get(name, {})
        schema["properties"] = {k: v for k, v in schema["properties"].items() if k not in extra}
        dropped = set(extra) | EXTRA_REQUIRED.get(name, set())
        schema["required"] = [r for r in schema.get("required", []) if r not in dropped]
        out[name] = schema
    return out


class Comparison:
    def __init__(self) -> None:
        self.up = Side(UPSTREAM)
        self.ours = Side(OURS, _as_upstream_has_them())
        self._memo: dict[tuple[int, int, int, int], list[str]] = {}
        # memo keys are object ids; keep every compared node alive so no id is ever reused
        self._keepalive: list[Any] = []

    def diff(
        self, up: Any, ours: Any, where: str, up_anchor: Any = None, our_anchor: Any = None
    ) -> list[str]:
        key = (id(up), id(ours), id(up_anchor), id(our_anchor))
        self._keepalive.append((up, ours, up_anchor, our_anchor))
        if key in self._memo:
            return [f"{where}: {d}" for d in self._memo[key]]
        self._memo[key] = []  # a cycle compares equal at its back edge
        found = list(self._diff(up, ours, up_anchor, our_anchor))
        self._memo[key] = found
        return [f"{where}: {d}" for d in found]

    def _diff(self, up: Any, ours: Any, up_anchor: Any, our_anchor: Any) -> Iterator[str]:
        u, ua = canonical(self.up, up, up_anchor)
        o, oa = canonical(self.ours, ours, our_anchor)
        if "union" in u or "union" in o:
            yield from self._diff_union(u, o, ua, oa)
            return
        if "any" in u or "any" in o:
            if u != o:
                yield f"any-schema mismatch {u} vs {o}"
            return
        for fact in SCALAR_FACTS:
            if u.get(fact) != o.get(fact):
                yield f"{fact}: upstream {u.get(fact)!r}, ours {o.get(fact)!r}"
        if _enum(u) != _enum(o):
            yield f"enum: upstream {u.get('enum')!r}, ours {o.get('enum')!r}"
        for value in o.get(_LEFT_OUT, []):
            if value in (u.get("enum") or []):
                yield f"enum value {value!r} is in {NEWER_VALUES}, but upstream has it: unlist it"
        up_props, our_props = u.get("properties", {}), o.get("properties", {})
        newer = {name for name, prop in our_props.items() if _is_newer(prop)}
        for name in sorted(newer & set(up_props)):
            yield f"property {name} is marked {NEWER}, but upstream has it: compare, don't mark"
        our_props = {name: prop for name, prop in our_props.items() if name not in newer}
        up_required = set(u.get("required", []))
        our_required = set(o.get("required", [])) - newer
        if up_required != our_required:
            yield f"required: upstream {sorted(up_required)}, ours {sorted(our_required)}"
        if set(up_props) != set(our_props):
            yield f"properties: upstream {sorted(up_props)}, ours {sorted(our_props)}"
        for name in sorted(set(up_props) & set(our_props)):
            yield from self.diff(up_props[name], our_props[name], f".{name}", ua, oa)
        if ("items" in u) != ("items" in o):
            yield "items present on one side only"
        elif "items" in u:
            yield from self.diff(u["items"], o["items"], "[]", ua, oa)
        up_add, our_add = u.get("additionalProperties"), o.get("additionalProperties")
        if isinstance(up_add, dict) and isinstance(our_add, dict):
            yield from self.diff(up_add, our_add, "{*}", ua, oa)
        elif up_add != our_add:
            yield f"additionalProperties: upstream {up_add!r}, ours {our_add!r}"
        up_all, our_all = u.get("allOf", []), o.get("allOf", [])
        if len(up_all) != len(our_all):
            yield f"allOf: upstream {len(up_all)} parts, ours {len(our_all)}"
        for i, (a, b) in enumerate(zip(up_all, our_all, strict=False)):
            yield from self.diff(a, b, f"&{i}", ua, oa)

    def _diff_union(self, u: dict[str, Any], o: dict[str, Any], ua: Any, oa: Any) -> Iterator[str]:
        if "union" not in u or "union" not in o:
            yield f"union on one side only (upstream {'union' in u}, ours {'union' in o})"
            return
        if u["deprecated"] != o["deprecated"]:
            yield f"deprecated: upstream {u['deprecated']}, ours {o['deprecated']}"
        if u.get("default", ...) != o.get("default", ...):
            yield f"default: upstream {u.get('default')!r}, ours {o.get('default')!r}"
        if u["discriminator"] is not None and u["discriminator"] != o["discriminator"]:
            yield f"discriminator: upstream {u['discriminator']!r}, ours {o['discriminator']!r}"
        unmatched = list(o["union"])
        for i, (member, anchor) in enumerate(u["union"]):
            for j, (candidate, our_anchor) in enumerate(unmatched):
                if not self.diff(
                    member,
                    candidate,
                    "",
                    anchor if anchor is not None else ua,
                    our_anchor if our_anchor is not None else oa,
                ):
                    del unmatched[j]
                    break
            else:
                yield f"union member {i} of upstream has no equal in ours ({_label(member)})"
        for candidate, _ in unmatched:
            yield f"ours has an extra union member ({_label(candidate)})"


def _enum(schema: dict[str, Any]) -> list[str] | None:
    values = schema.get("enum")
    return None if values is None else sorted(repr(v) for v in values)


def _label(member: Any) -> str:
    if isinstance(member, dict) and "$ref" in member:
        return str(member["$ref"]).rsplit("/", 1)[-1]
    return repr(member)[:80]


def _our_operations() -> list[tuple[str, str]]:
    return [
        (method, path)
        for path, item in OURS["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def _upstream_operations() -> list[tuple[str, str]]:
    return [
        (method, path)
        for path, item in UPSTREAM["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def test_spec_has_every_upstream_operation_and_nothing_else() -> None:
    assert len(_our_operations()) == len(set(_our_operations()))
    assert set(_our_operations()) == set(_upstream_operations())


def test_spec_has_every_upstream_webhook_and_nothing_else() -> None:
    assert list(OURS.get("webhooks", {})) == list(UPSTREAM["webhooks"])


def test_extra_schemas_are_ours_alone_and_no_operation_uses_them() -> None:
    ours, upstream = OURS["components"]["schemas"], UPSTREAM["components"]["schemas"]
    assert set(ours) >= EXTRA_SCHEMAS
    assert not EXTRA_SCHEMAS & set(upstream), "upstream describes them now: compare, don't list"
    paths = str(OURS["paths"])
    assert not [name for name in EXTRA_SCHEMAS if f"/schemas/{name}'" in paths]


def test_extra_facts_are_still_ours_alone() -> None:
    """A listed extra property or required name is in ours and not upstream (else: unlist it);
    an extra property's schema is ours alone and only that property refers to it."""
    ours, upstream = OURS["components"]["schemas"], UPSTREAM["components"]["schemas"]
    for name, props in EXTRA_PROPERTIES.items():
        assert set(props) <= set(ours[name]["properties"]), name
        assert not set(props) & set(upstream[name]["properties"]), f"{name}: compare, don't list"
        for prop, target in props.items():
            ref = f"#/components/schemas/{target}"
            assert ours[name]["properties"][prop]["$ref"] == ref
            assert target not in upstream
            assert str(OURS).count(f"'{ref}'") == 1, f"{target} is reached from elsewhere too"
    for name, required in EXTRA_REQUIRED.items():
        assert required <= set(ours[name]["required"]), name
        assert required <= set(upstream[name]["properties"]), name
        assert not required & set(upstream[name].get("required", [])), f"{name}: unlist it"


def test_comparison_sees_past_the_extra_facts_only() -> None:
    """Left out of the comparison: the listed facts; a further extra property still differs."""
    schema = {"$ref": "#/components/schemas/ChatCompletionStreamResponseDelta"}
    assert not Comparison().diff(schema, schema, "x")
    drifted = _deep_copy(OURS["components"]["schemas"]["ChatCompletionStreamResponseDelta"])
    drifted["properties"]["voice"] = {"type": "string"}
    assert Comparison().diff(schema, drifted, "x")
    upload = {"$ref": "#/components/schemas/Upload"}
    assert not Comparison().diff(upload, upload, "x")
    drifted = _deep_copy(OURS["components"]["schemas"]["Upload"])
    assert Comparison().diff(upload, drifted, "x"), "the unstripped schema requires `object`"


def test_comparison_sees_past_properties_marked_newer_only() -> None:
    """A property marked `x-sdk-newer` is left out, from `required` too; unmarked, or marked where
    upstream has the property, it is a difference."""
    schema = {"$ref": "#/components/schemas/CompletionUsage"}
    assert not Comparison().diff(schema, schema, "x")
    marked = _deep_copy(OURS["components"]["schemas"]["CompletionUsage"])
    marked["properties"]["brand_new"] = {"type": "integer", NEWER: True}
    assert not Comparison().diff(schema, marked, "x")
    marked["required"] = [*marked.get("required", []), "brand_new"]
    assert not Comparison().diff(schema, marked, "x")
    unmarked = _deep_copy(OURS["components"]["schemas"]["CompletionUsage"])
    unmarked["properties"]["brand_new"] = {"type": "integer"}
    assert Comparison().diff(schema, unmarked, "x")
    known = _deep_copy(OURS["components"]["schemas"]["CompletionUsage"])
    known["properties"]["total_tokens"][NEWER] = True
    assert any("upstream has it" in d for d in Comparison().diff(schema, known, "x"))


def test_comparison_sees_past_enum_values_marked_newer_only() -> None:
    """Values listed in `x-sdk-newer-values` are left out of our enum; an unlisted extra value, or
    a listed one upstream has, is a difference (nullable enums too)."""
    schema = {"$ref": "#/components/schemas/ResponseErrorCode"}
    marked = _deep_copy(OURS["components"]["schemas"]["ResponseErrorCode"])
    marked["enum"].append("brand_new")
    assert Comparison().diff(schema, marked, "x"), "an unlisted value differs"
    marked[NEWER_VALUES] = [*marked.get(NEWER_VALUES, []), "brand_new"]
    assert not Comparison().diff(schema, marked, "x")
    known = _deep_copy(marked)
    known[NEWER_VALUES].append("server_error")
    assert any("upstream has it" in d for d in Comparison().diff(schema, known, "x"))

    images = {"$ref": "#/components/schemas/CreateImageRequest"}
    nullable = _deep_copy(OURS["components"]["schemas"]["CreateImageRequest"])
    quality = nullable["properties"]["quality"]
    assert None in quality["enum"] and quality[NEWER_VALUES]
    assert not Comparison().diff(images, nullable, "x")
    quality[NEWER_VALUES] = quality[NEWER_VALUES][1:]
    assert Comparison().diff(images, nullable, "x"), "a value no longer listed differs"


def test_every_parameter_marked_newer_is_optional_and_described() -> None:
    found = [
        (path, method, param["name"])
        for path, item in OURS["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict)
        for param in op.get("parameters", [])
        if _is_newer(param)
    ]
    assert found, f"no parameter is marked {NEWER}"
    for path, method, name in found:
        param = next(p for p in OURS["paths"][path][method]["parameters"] if p["name"] == name)
        assert not param.get("required") and isinstance(param.get("description"), str), name


def test_every_value_marked_newer_is_in_the_enum_beside_it() -> None:
    found = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if NEWER_VALUES in node:
                values = node[NEWER_VALUES]
                found.append(where)
                assert isinstance(values, list) and values, where
                assert len(set(values)) == len(values), where
                assert set(values) <= set(node.get("enum", [])), where
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(OURS, "#")
    assert found, f"no enum value is marked {NEWER_VALUES}"


def test_every_property_marked_newer_may_be_left_out_and_is_described() -> None:
    """What came from the SDK reads as such: a model takes an answer without it (servers the
    document describes leave it out): optional, or required and nullable (a None default); and
    it has a description of ours."""
    found = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            required = node.get("required", [])
            for name, prop in (node.get("properties") or {}).items():
                if _is_newer(prop):
                    found.append(f"{where}/{name}")
                    nullable = NULL in prop.get("anyOf", []) or NULL in prop.get("oneOf", [])
                    assert name not in required or nullable, f"{where}/{name}"
                    assert isinstance(prop.get("description"), str), f"{where}/{name}"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(OURS["components"]["schemas"], "#/components/schemas")
    assert found, f"no property is marked {NEWER}"


def _without(comparison: Any, schema: Any, extra: set[str]) -> Any:
    """Our schema, resolved, without the listed extra properties (the deliberate ones above)."""
    if not extra:
        return schema
    resolved = comparison.ours.resolve(schema, None)[0]
    assert extra <= set(resolved["properties"]), f"{sorted(extra)} left the spec"
    props = {k: v for k, v in resolved["properties"].items() if k not in extra}
    return {**resolved, "properties": props}


OPERATIONS = sorted(_our_operations(), key=lambda mp: (mp[1], mp[0]))


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return Comparison()


def _params(side: Side, op: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for raw in op.get("parameters", []):
        param, _ = side.resolve(raw, None)
        out[(param["in"], param["name"])] = param
    return out


@pytest.mark.parametrize(
    ("method", "path"), OPERATIONS, ids=[f"{m.upper()} {p}" for m, p in OPERATIONS]
)
def test_operation_facts_match_upstream(comparison: Comparison, method: str, path: str) -> None:
    ours = OURS["paths"][path][method]
    assert path in UPSTREAM["paths"] and method in UPSTREAM["paths"][path], (
        "not an upstream operation"
    )
    up = UPSTREAM["paths"][path][method]
    problems: list[str] = []
    if ours["operationId"] != up["operationId"]:
        problems.append(f"operationId: upstream {up['operationId']}, ours {ours['operationId']}")
    for fact in ("security", "deprecated"):  # e.g. the admin operations take the admin key
        if ours.get(fact) != up.get(fact):
            problems.append(f"{fact}: upstream {up.get(fact)!r}, ours {ours.get(fact)!r}")

    up_params = _params(comparison.up, up)
    our_params = _params(comparison.ours, ours)
    for key in [key for key, param in our_params.items() if _is_newer(param)]:
        if key in up_params:
            problems.append(f"parameter {key} is marked {NEWER}, but upstream has it")
        else:
            del our_params[key]  # a parameter the SDK sends, newer than upstream
    if path.startswith(BETA_PREFIXES):
        beta = our_params.pop(("header", EXTRA_BETA_HEADER), None)
        if (
            beta is None
            or beta.get("required") is not True
            or beta["schema"].get("const") != "assistants=v2"
        ):
            problems.append("the OpenAI-Beta: assistants=v2 header parameter is missing")
    if set(up_params) != set(our_params):
        problems.append(f"parameters: upstream {sorted(up_params)}, ours {sorted(our_params)}")
    for key in sorted(set(up_params) & set(our_params)):
        a, b = up_params[key], our_params[key]
        if bool(a.get("required")) != bool(b.get("required")):
            problems.append(f"parameter {key}: required differs")
        if a.get("style") != b.get("style") or a.get("explode") != b.get("explode"):
            problems.append(f"parameter {key}: serialisation differs")
        problems += comparison.diff(a["schema"], b["schema"], f"parameter {key}")

    extra = EXTRA_REQUEST_PROPERTIES.get((method, path), set())
    up_body, our_body = up.get("requestBody"), ours.get("requestBody")
    if (up_body is None) != (our_body is None):
        problems.append("request body present on one side only")
    elif up_body is not None:
        if bool(up_body.get("required")) != bool(our_body.get("required")):
            problems.append("request body: required differs")
        if set(up_body["content"]) != set(our_body["content"]):
            problems.append(
                f"request content types: {sorted(up_body['content'])} vs {sorted(our_body['content'])}"
            )
        for ctype in sorted(set(up_body["content"]) & set(our_body["content"])):
            our_schema = our_body["content"][ctype]["schema"]
            our_schema = _without(comparison, our_schema, extra)
            problems += comparison.diff(
                up_body["content"][ctype]["schema"], our_schema, f"body {ctype}"
            )

    up_success = sorted(code for code in up["responses"] if str(code).startswith("2"))
    our_codes = sorted(str(code) for code in ours["responses"])
    if our_codes != [str(code) for code in up_success]:
        problems.append(f"responses: upstream success {up_success}, ours {our_codes}")
    up_ok = comparison.up.resolve(up["responses"][up_success[0]], None)[0].get("content", {})
    if (method, path) in ANSWER_IS_UPSTREAM_SCHEMA:
        ref = {"$ref": "#/components/schemas/" + ANSWER_IS_UPSTREAM_SCHEMA[(method, path)]}
        up_ok = {ctype: {**media, "schema": ref} for ctype, media in up_ok.items()}
    our_ok = ours["responses"][our_codes[0]].get("content", {})
    expected_types = set(up_ok)
    if (method, path) in EXTRA_SSE_OPERATIONS:
        expected_types.add("text/event-stream")
        sse = our_ok.get("text/event-stream", {}).get("schema", {})
        wanted = EXTRA_SSE_OPERATIONS[(method, path)]
        if sse.get("$ref") != f"#/components/schemas/{wanted}":
            problems.append(f"the SSE response must be {wanted}")
    if (method, path) in BINARY_DOWNLOADS:
        expected_types = {"application/octet-stream"}
        if our_ok.get("application/octet-stream", {}).get("schema") != {
            "type": "string",
            "format": "binary",
        }:
            problems.append("the download must be a binary string")
    if set(our_ok) != expected_types:
        problems.append(
            f"response content types: expected {sorted(expected_types)}, ours {sorted(our_ok)}"
        )
    if (method, path) not in BINARY_DOWNLOADS:
        for ctype in sorted(set(up_ok) & set(our_ok)):
            # an answer that is the request's own schema carries the request's extra properties
            our_schema = our_ok[ctype]["schema"]
            if (method, path) in ANSWER_IS_UPSTREAM_SCHEMA:
                our_schema = _without(comparison, our_schema, extra)
            problems += comparison.diff(up_ok[ctype]["schema"], our_schema, f"response {ctype}")

    assert not problems, "\n".join(problems)


def test_stream_event_union_matches_upstream(comparison: Comparison) -> None:
    """The event union (declared by us on the run operations) has exactly upstream's variants."""
    up = {"$ref": "#/components/schemas/AssistantStreamEvent"}
    problems = comparison.diff(up, up, "AssistantStreamEvent")  # sanity: upstream equals itself
    assert not problems
    ours_union = OURS["components"]["schemas"]["AssistantStreamEvent"]
    upstream_union = UPSTREAM["components"]["schemas"]["AssistantStreamEvent"]
    problems = comparison.diff(upstream_union, ours_union, "AssistantStreamEvent")
    assert not problems, "\n".join(problems)
    assert ours_union["discriminator"]["propertyName"] == "event"


def test_comparison_notices_a_drifted_fact(comparison: Comparison) -> None:
    """The checker is not vacuous: a changed enum, a dropped property or nullability is caught."""
    schema = {"$ref": "#/components/schemas/CreateChatCompletionResponse"}
    drifted = _deep_copy(OURS["components"]["schemas"]["CreateChatCompletionResponse"])
    drifted["properties"]["object"] = {"type": "string", "const": "chat.completion.chunk"}
    assert any(".object" in p for p in Comparison().diff(schema, drifted, "x"))

    drifted = _deep_copy(OURS["components"]["schemas"]["CreateChatCompletionResponse"])
    del drifted["properties"]["usage"]
    assert Comparison().diff(schema, drifted, "x")

    drifted = _deep_copy(OURS["components"]["schemas"]["CreateChatCompletionResponse"])
    drifted["properties"]["moderation"] = {"$ref": "#/components/schemas/ChatCompletionModeration"}
    assert Comparison().diff(schema, drifted, "x")

    drifted = _deep_copy(OURS["components"]["schemas"]["CreateChatCompletionResponse"])
    drifted["required"] = [r for r in drifted["required"] if r != "model"]
    assert Comparison().diff(schema, drifted, "x")


def test_comparison_notices_drift_in_enums_defaults_and_unions() -> None:
    upstream = {"$ref": "#/components/schemas/ServiceTier"}
    ours = _deep_copy(OURS["components"]["schemas"]["ServiceTier"])
    assert not Comparison().diff(upstream, ours, "x")
    ours["anyOf"][0]["enum"].remove("flex")
    assert Comparison().diff(upstream, ours, "x")

    ours = _deep_copy(OURS["components"]["schemas"]["ServiceTier"])
    ours["anyOf"][0]["default"] = "flex"
    assert Comparison().diff(upstream, ours, "x")

    ours = _deep_copy(OURS["components"]["schemas"]["ServiceTier"])
    ours["anyOf"].pop()  # no longer nullable
    assert Comparison().diff(upstream, ours, "x")

    events = {"$ref": "#/components/schemas/AssistantStreamEvent"}
    ours = _deep_copy(OURS["components"]["schemas"]["AssistantStreamEvent"])
    ours["oneOf"].pop(0)  # a variant lost
    assert Comparison().diff(events, ours, "x")


def _deep_copy(value: Any) -> Any:
    return yaml.safe_load(yaml.safe_dump(value))


WEBHOOKS = sorted(UPSTREAM.get("webhooks", {}))


@pytest.mark.parametrize("name", WEBHOOKS)
def test_webhook_facts_match_upstream(comparison: Comparison, name: str) -> None:
    """Each webhook: the same method, payload media types and payload schema facts."""
    up_item, our_item = UPSTREAM["webhooks"][name], OURS["webhooks"][name]
    assert sorted(our_item) == sorted(up_item)
    problems: list[str] = []
    for method, up in up_item.items():
        up_body, our_body = up["requestBody"]["content"], our_item[method]["requestBody"]["content"]
        assert sorted(our_body) == sorted(up_body)
        for ctype in up_body:
            problems += comparison.diff(
                up_body[ctype]["schema"], our_body[ctype]["schema"], f"{method} {ctype}"
            )
    assert not problems, "\n".join(problems)
