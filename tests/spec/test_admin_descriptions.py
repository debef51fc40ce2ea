"""spec/descriptions/admin.yml covers the organization/project admin API, in our own words.

The file describes every upstream operation whose path starts with `/organization` or `/projects`:
a summary for each, every path/query/header parameter, every top-level property of each request
body (under the schema's name, or with the parameters when the body is inline), and the response fields whose name and type alone would not say what they hold (ids,
timestamps, enums, nested objects). Every name it uses must exist upstream, so a typo or a field
upstream dropped fails here rather than silently describing nothing. Texts must not be copies of
the upstream prose (GUIDE.md): a text too close to the upstream description of the same element fails.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.yaml_files import load_yaml_file

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PATH = ROOT / "spec" / "descriptions" / "admin.yml"
# ../shared next to the checkout (or next to the worktrees folder that holds it)
UPSTREAM_PATH = next(
    (
        base / "shared" / "openapi" / "openai-openapi.yaml"
        for base in ROOT.parents
        if (base / "shared" / "openapi" / "openai-openapi.yaml").exists()
    ),
    ROOT.parent / "shared" / "openapi" / "openai-openapi.yaml",
)

if not UPSTREAM_PATH.exists():
    pytest.skip(
        "the upstream OpenAI document (../shared) is not available", allow_module_level=True
    )

METHODS = ("get", "post", "put", "patch", "delete")
ADMIN_PREFIXES = ("/organization", "/projects")
# Above this difflib ratio (on lower-cased, whitespace-normalised text) a text counts as copied.
COPY_RATIO = 0.8


@cache
def upstream() -> dict[str, Any]:
    return load_yaml_file(UPSTREAM_PATH)


@cache
def admin() -> dict[str, Any]:
    return yaml.safe_load(ADMIN_PATH.read_text(encoding="utf-8"))


def resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = upstream()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def ref_name(node: Any) -> str | None:
    if isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/components/schemas/"):
        return node["$ref"].rsplit("/", 1)[1]
    return None


@cache
def admin_operations() -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:
    """operationId -> (operation, its resolved parameters) for every admin path."""
    found: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    for path, item in upstream()["paths"].items():
        if not path.startswith(ADMIN_PREFIXES):
            continue
        shared = item.get("parameters", [])
        for method in METHODS:
            if method in item:
                op = item[method]
                params = [resolve(p) for p in [*shared, *op.get("parameters", [])]]
                found[op["operationId"]] = (op, params)
    return found


def body_schema(op: dict[str, Any]) -> Any:
    body = resolve(op.get("requestBody"))
    if not body:
        return None
    for media in body.get("content", {}).values():
        return media.get("schema")
    return None


def inline_body_properties(op: dict[str, Any]) -> dict[str, Any]:
    """Properties of a request body written inline (no schema name); they are described with the
    operation's parameters, as the spec tool applies them."""
    schema = body_schema(op)
    if schema is None or ref_name(schema) is not None:
        return {}
    return properties(schema)


def properties(schema: Any, *, inherited: bool = True) -> dict[str, Any]:
    """Top-level properties, including those of `allOf` members.

    With `inherited=False`, members that are named schemas are left out: their properties are
    described under their own name.
    """
    schema = resolve(schema)
    props = dict(schema.get("properties", {}))
    for member in schema.get("allOf", []):
        if inherited or ref_name(member) is None:
            props.update(properties(member, inherited=inherited))
    return props


def schema_refs(node: Any, out: set[str]) -> None:
    if isinstance(node, dict):
        name = ref_name(node)
        if name is not None and name not in out:
            out.add(name)
            schema_refs(upstream()["components"]["schemas"][name], out)
        elif "$ref" in node and name is None:
            schema_refs(resolve(node), out)
        for value in node.values():
            schema_refs(value, out)
    elif isinstance(node, list):
        for value in node:
            schema_refs(value, out)


@cache
def admin_schemas() -> frozenset[str]:
    """Component schemas reachable from admin operations and from no other part of the API.

    Shared schemas (the error envelope) belong to the other description files.
    """
    ours: set[str] = set()
    theirs: set[str] = set()
    for path, item in upstream()["paths"].items():
        schema_refs(item, ours if path.startswith(ADMIN_PREFIXES) else theirs)
    schema_refs(upstream().get("webhooks", {}), theirs)
    return frozenset(ours - theirs)


def response_schemas() -> set[str]:
    """Admin-only schemas reachable from admin success responses."""
    found: set[str] = set()
    for op, _ in admin_operations().values():
        for code, response in op.get("responses", {}).items():
            if str(code).startswith("2"):
                schema_refs(resolve(response), found)
    return found & admin_schemas()


def needs_text(prop: Any) -> bool:
    """Response fields whose name and type alone do not say what they hold."""
    variants = [resolve(v) for v in prop.get("anyOf", [prop])]
    for v in variants:
        if v.get("format") == "unixtime" or v.get("type") in ("object", "array"):
            return True
        if len(v.get("enum", [])) > 1 or "$ref" in prop or "allOf" in v:
            return True
    return False


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower().rstrip(".")


def too_close(ours: str, theirs: str | None) -> bool:
    if not theirs:
        return False
    return difflib.SequenceMatcher(None, normalise(ours), normalise(theirs)).ratio() >= COPY_RATIO


def texts() -> Iterator[tuple[str, str, str | None]]:
    """(where, our text, the upstream description of the same element) for every entry."""
    ops = admin_operations()
    for op_id, entry in admin()["operations"].items():
        op, params = ops[op_id]
        yield f"{op_id}.summary", entry.get("summary"), op.get("summary")
        yield f"{op_id}.summary (vs description)", entry.get("summary"), op.get("description")
        by_name = {p["name"]: p for p in params}
        inline = inline_body_properties(op)
        for name, text in (entry.get("parameters") or {}).items():
            param = by_name.get(name, {})
            theirs = (
                param.get("description")
                or param.get("schema", {}).get("description")
                or inline.get(name, {}).get("description")
            )
            yield f"{op_id}.parameters.{name}", text, theirs
    schemas = upstream()["components"]["schemas"]
    for schema_name, entry in (admin().get("schemas") or {}).items():
        schema = schemas.get(schema_name, {})
        if "description" in entry:
            yield f"{schema_name}.description", entry["description"], schema.get("description")
        props = properties(schema) if schema else {}
        for name, text in (entry.get("properties") or {}).items():
            prop = props.get(name, {})
            theirs = prop.get("description") or next(
                (v.get("description") for v in prop.get("anyOf", []) if v.get("description")),
                None,
            )
            yield f"{schema_name}.{name}", text, theirs


def test_file_has_only_known_sections() -> None:
    assert set(admin()) <= {"operations", "schemas"}


def test_every_admin_operation_is_described() -> None:
    missing = sorted(set(admin_operations()) - set(admin()["operations"]))
    assert not missing, f"admin operations without an entry: {missing}"


def test_operations_are_admin_operations() -> None:
    unknown = sorted(set(admin()["operations"]) - set(admin_operations()))
    assert not unknown, f"not an upstream /organization or /projects operationId: {unknown}"


@pytest.mark.parametrize("op_id", sorted(admin_operations()))
def test_operation_entry_is_complete(op_id: str) -> None:
    entry = admin()["operations"].get(op_id)
    if entry is None:
        pytest.fail(f"{op_id} has no entry")
    op, params = admin_operations()[op_id]
    assert set(entry) <= {"summary", "parameters"}
    assert entry.get("summary"), f"{op_id} has no summary"
    described = set(entry.get("parameters") or {})
    wanted = {p["name"] for p in params} | set(inline_body_properties(op))
    assert described == wanted, (
        f"{op_id}: missing {wanted - described}, unknown {described - wanted}"
    )
    schema = body_schema(op)
    name = ref_name(schema)
    if name is not None:
        wanted = set(properties(schema))
        got = set((admin().get("schemas") or {}).get(name, {}).get("properties") or {})
        assert wanted <= got, f"{name} (body of {op_id}) lacks {sorted(wanted - got)}"


def test_schema_entries_name_real_admin_properties() -> None:
    problems: list[str] = []
    for schema_name, entry in (admin().get("schemas") or {}).items():
        if schema_name not in admin_schemas():
            problems.append(f"{schema_name}: not a schema used only by admin operations")
            continue
        if not set(entry) <= {"description", "properties"}:
            problems.append(f"{schema_name}: unknown keys {sorted(set(entry))}")
        known = set(properties(upstream()["components"]["schemas"][schema_name]))
        problems += [
            f"{schema_name}.{p}: no such property upstream"
            for p in (entry.get("properties") or {})
            if p not in known
        ]
    assert not problems, "\n".join(problems)


def test_response_fields_that_need_words_have_them() -> None:
    schemas = upstream()["components"]["schemas"]
    described = admin().get("schemas") or {}
    missing = [
        f"{name}.{prop_name}"
        for name in sorted(response_schemas())
        for prop_name, prop in properties(schemas[name], inherited=False).items()
        if (prop_name.endswith("id") or needs_text(prop))
        and prop_name not in (described.get(name, {}).get("properties") or {})
    ]
    assert not missing, f"response fields without a description: {missing}"


def test_texts_are_single_lines_of_our_own() -> None:
    problems: list[str] = []
    for where, ours, theirs in texts():
        if not isinstance(ours, str) or not ours.strip():
            problems.append(f"{where}: empty")
        elif "\n" in ours.strip():
            problems.append(f"{where}: more than one line")
        elif too_close(ours, theirs):
            problems.append(f"{where}: too close to upstream wording: {ours!r} ~ {theirs!r}")
    assert not problems, "\n".join(problems)
