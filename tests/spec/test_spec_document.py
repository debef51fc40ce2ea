"""spec/openapi.yml and spec/config.yml are self-consistent (no upstream file needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.yaml_files import load_yaml_file

SPEC_DIR = Path(__file__).resolve().parents[2] / "spec"
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}
BETA_RESOURCES = ("assistants", "threads")


def _load(name: str) -> dict[str, Any]:
    return load_yaml_file(SPEC_DIR / name)


SPEC = _load("openapi.yml")
CONFIG = _load("config.yml")


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def _lookup(ref: str) -> Any:
    node: Any = SPEC
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        op["operationId"]: (method, path, op)
        for path, item in SPEC["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    }


def _placed(node: dict[str, Any], trail: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """operationId -> resource path, for every method the config places."""
    out: dict[str, tuple[str, ...]] = {}
    for value in (node.get("methods") or {}).values():
        operation = value if isinstance(value, str) else value["operation"]
        assert operation not in out, f"{operation} placed twice"
        out[operation] = trail
    for name, child in (node.get("resources") or {}).items():
        if "alias" not in child:
            out.update(_placed(child, (*trail, name)))
    return out


def test_is_openapi_3_1() -> None:
    assert SPEC["openapi"] == "3.1.0"


def test_every_ref_resolves() -> None:
    refs = _refs(SPEC)
    assert refs
    for ref in refs:
        assert ref.startswith("#/"), ref
        _lookup(ref)  # raises KeyError when dangling


def test_operation_ids_are_unique() -> None:
    ids = [
        op["operationId"]
        for item in SPEC["paths"].values()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]
    assert len(ids) == len(set(ids))


def test_no_upstream_prose_markers() -> None:
    text = (SPEC_DIR / "openapi.yml").read_text(encoding="utf-8")
    for marker in ("x-oai", "x-stainless", "example:", "examples:", "nullable:"):
        assert marker not in text, marker


def test_config_places_every_operation_exactly_once() -> None:
    """No operation is left to the generator's default placement (`_placed` fails on doubles)."""
    assert set(_placed(CONFIG)) == set(_operations())


def test_config_type_entries_name_existing_schemas() -> None:
    schemas = SPEC["components"]["schemas"]
    missing = [
        name
        for name, entry in CONFIG["types"].items()
        if not (_place(name, entry) if name.startswith("/") else name in schemas)
        and entry.get("copy_of") not in schemas  # a copy's key names the copy
    ]
    assert not missing
    # `use:` names the schema whose type stands in, or (at a place) a copy of one (`copy_of:`)
    copies = {key for key, e in CONFIG["types"].items() if e.get("copy_of")}
    assert [
        e["use"] for e in CONFIG["types"].values() if e.get("use") not in (None, *schemas, *copies)
    ] == []
    # an entry names the model (`name`/`module`), the request-side TypedDict (`param`), or both;
    # several places may share one name only when they hold the same schema (descriptions aside),
    # e.g. one inline enum repeated in three operations' parameters
    places: dict[tuple[str, str], list[str]] = {}
    for key, entry in CONFIG["types"].items():
        for target in (entry, entry.get("param")):
            if target and "name" in target:
                places.setdefault((target["module"], target["name"]), []).append(key)
    for target, keys in places.items():
        shapes = {repr(_without_descriptions(_schema_at(key))) for key in keys}
        assert len(shapes) == 1, f"{target} names different schemas: {keys}"


def _schema_at(key: str) -> Any:
    """The schema a `types` key names: a component's name (or a copy's, of the schema it copies)
    or a JSON pointer into the spec."""
    if not key.startswith("/"):
        return SPEC["components"]["schemas"][CONFIG["types"][key].get("copy_of", key)]
    node: Any = SPEC
    for part in key.strip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _without_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_descriptions(v) for k, v in sorted(node.items()) if k != "description"}
    if isinstance(node, list):
        return [_without_descriptions(item) for item in node]
    return node


def _place(pointer: str, entry: dict[str, Any]) -> bool:
    """A pointer key leads to an inline object, or for `use:` to any schema (a `$ref` too)."""
    return _inline_object(pointer, any_schema="use" in entry)


def _inline_object(pointer: str, *, any_schema: bool = False) -> bool:
    """Does a JSON pointer (a `types` key naming an inline object) lead to an inline object?"""
    node: Any = SPEC
    for part in pointer.strip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return False
    return isinstance(node, dict) and (any_schema or "$ref" not in node)


def test_config_aliases_point_at_existing_resources() -> None:
    def walk(node: dict[str, Any]) -> list[str]:
        found = []
        for child in (node.get("resources") or {}).values():
            found += [child["alias"]] if "alias" in child else walk(child)
        return found

    for alias in walk(CONFIG):
        node: dict[str, Any] = CONFIG
        for part in alias.split("."):
            node = node["resources"][part]
        assert "methods" in node or "resources" in node


@pytest.mark.parametrize("operation_id", sorted(_operations()))
def test_beta_header_matches_the_config(operation_id: str) -> None:
    """Assistants operations declare OpenAI-Beta, and their config resource sends it."""
    _method, path, op = _operations()[operation_id]
    params = [_lookup(p["$ref"]) if "$ref" in p else p for p in op.get("parameters", [])]
    declared = any(p["in"] == "header" and p["name"] == "OpenAI-Beta" for p in params)
    is_beta = path.lstrip("/").split("/")[0] in BETA_RESOURCES
    assert declared == is_beta
    if is_beta:
        trail = _placed(CONFIG)[operation_id]
        node: dict[str, Any] = CONFIG
        headers: dict[str, str] = {}
        for part in trail:
            node = node["resources"][part]
            headers.update(node.get("headers") or {})
        assert headers == {"OpenAI-Beta": "assistants=v2"}


def test_run_creating_operations_declare_the_event_stream() -> None:
    event_union = "#/components/schemas/AssistantStreamEvent"
    for operation_id in ("createThreadAndRun", "createRun", "submitToolOuputsToRun"):
        _method, _path, op = _operations()[operation_id]
        content = op["responses"]["200"]["content"]
        assert content["text/event-stream"]["schema"] == {"$ref": event_union}
        assert "application/json" in content


def test_stream_event_variants_are_selected_by_event_name() -> None:
    union = SPEC["components"]["schemas"]["AssistantStreamEvent"]
    assert union["discriminator"]["propertyName"] == "event"
    mapping = union["discriminator"]["mapping"]
    assert len(mapping) == len(union["oneOf"])
    for event, ref in mapping.items():
        variant = _lookup(ref)
        assert variant["properties"]["event"]["const"] == event
        assert set(variant["required"]) == {"event", "data"}
    assert {"thread.created", "thread.run.requires_action", "thread.message.delta"} <= set(mapping)
    assert {"thread.run.step.delta", "error", "done"} <= set(mapping)
