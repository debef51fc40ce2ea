"""The diff report on the real upstream OpenAI spec (skipped when `../shared` is absent).

The edited-copy test knows independently (by following `$ref`s itself) which operations use each
edited schema, so "reported at every operation it affects, and nothing else" is checked against
the document, not against the tool's own traversal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from codegen.diff import Direction, Kind, diff_specs, main, spec_from_document
from tests.support.yaml_files import load_yaml_file

REPO = Path(__file__).resolve().parents[3]
UPSTREAM = REPO.parent / "shared" / "openapi" / "openai-openapi.yaml"

pytestmark = pytest.mark.skipif(not UPSTREAM.is_file(), reason="../shared/openapi is absent")

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@pytest.fixture(scope="module")
def upstream_json() -> str:
    """The upstream document as JSON text: each test parses its own independent copy."""
    document = load_yaml_file(UPSTREAM)
    return json.dumps(document, default=str)


def test_upstream_against_itself_reports_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    # Not timed here: a wall-clock bound in a unit test fails on a loaded machine (46 s seen with
    # eight test runs sharing two cores, about 2 s idle); speed belongs to the benchmarks.
    status = main([str(UPSTREAM), str(UPSTREAM)])
    out = capsys.readouterr().out
    assert status == 0
    assert "No changes to operations." in out


def _closure(document: dict[str, Any], roots: list[Any]) -> set[str]:
    """Names of the component schemas reachable from `roots` through `$ref`s, recursively."""
    names: set[str] = set()
    seen: set[str] = set()
    todo: list[Any] = list(roots)
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            todo.extend(node)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref not in seen:
                seen.add(ref)
                parts = ref.lstrip("#/").split("/")
                target: Any = document
                for part in parts:
                    target = target[part.replace("~1", "/").replace("~0", "~")]
                if parts[:2] == ["components", "schemas"]:
                    names.add(parts[2])
                todo.append(target)
            todo.extend(v for k, v in node.items() if k != "$ref")
    return names


def _uses(document: dict[str, Any], schema: str) -> set[tuple[str, str]]:
    """(operation title, direction) of every operation place that reaches `schema`."""
    found: set[tuple[str, str]] = set()
    for path, item in document["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            title = f"{method.upper()} {path}"
            sent = [item.get("parameters", []), op.get("parameters", []), op.get("requestBody", {})]
            if schema in _closure(document, sent):
                found.add((title, "request"))
            if schema in _closure(document, [op.get("responses", {})]):
                found.add((title, "response"))
    return found


def test_edited_copy_reports_exactly_the_edits_at_every_affected_operation(
    upstream_json: str,
) -> None:
    old_doc = json.loads(upstream_json)
    new_doc = json.loads(upstream_json)
    schemas = new_doc["components"]["schemas"]

    # 1. An operation removed.
    del new_doc["paths"]["/models"]["get"]
    # 2. A required query parameter added.
    new_doc["paths"]["/files"]["get"]["parameters"].append(
        {"name": "project_id", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    # 3. A response field removed, and 4. a response enum value added, in the chat completion.
    completion = schemas["CreateChatCompletionResponse"]
    del completion["properties"]["system_fingerprint"]
    finish = completion["properties"]["choices"]["items"]["properties"]["finish_reason"]
    finish["enum"].append("paused")
    # 5. A type changed deep inside a schema that many request and response bodies reach (file
    # search tools, vector store searches), including through the recursive compound filter.
    schemas["ComparisonFilter"]["properties"]["key"]["type"] = "integer"

    diff = diff_specs(spec_from_document(old_doc, "old"), spec_from_document(new_doc, "new"))

    expected: set[tuple[str, str, Kind]] = {
        ("GET /models", "request", Kind.OPERATION_REMOVED),
        ("GET /files", "request", Kind.REQUIRED_PARAMETER_ADDED),
    }
    for title, direction in _uses(old_doc, "CreateChatCompletionResponse"):
        expected.add((title, direction, Kind.FIELD_REMOVED))
        expected.add((title, direction, Kind.ENUM_VALUES_ADDED))
    for title, direction in _uses(old_doc, "ComparisonFilter"):
        expected.add((title, direction, Kind.TYPE_CHANGED))

    found = {
        (op.operation.title, change.direction.value, change.kind)
        for op in diff.operations
        for change in op.changes
    }
    assert found == expected
    # Sanity of the independent expectation: these edits really are spread out.
    assert len({t for t, _, k in expected if k is Kind.TYPE_CHANGED}) >= 10
    assert len({t for t, _, k in expected if k is Kind.FIELD_REMOVED}) >= 4

    for op in diff.operations:
        for change in op.changes:
            if change.kind is Kind.REQUIRED_PARAMETER_ADDED:
                assert change.location == "query.project_id"
                assert change.breaking
            elif change.kind is Kind.FIELD_REMOVED:
                assert change.location.endswith(".system_fingerprint")
                assert change.schema == "CreateChatCompletionResponse"
                assert change.breaking
            elif change.kind is Kind.ENUM_VALUES_ADDED:
                assert change.location.endswith("choices[].finish_reason")
                assert change.detail == "`paused`"
                assert not change.breaking
            elif change.kind is Kind.TYPE_CHANGED:
                assert change.location.endswith(".key")
                assert change.schema == "ComparisonFilter"
                assert change.detail == "`string` → `integer`"
                assert change.breaking
                assert change.direction in (Direction.REQUEST, Direction.RESPONSE)
            else:
                assert change.kind is Kind.OPERATION_REMOVED
                assert op.operation.title == "GET /models"
    assert diff.has_breaking


def test_edited_copy_through_the_command_line(
    upstream_json: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON files in, Markdown out: the breaking section leads and the exit status is 1."""
    old_doc = json.loads(upstream_json)
    new_doc = json.loads(upstream_json)
    new_doc["components"]["schemas"]["CompletionUsage"]["properties"]["prompt_tokens"]["type"] = (
        "string"
    )
    (tmp_path / "old.json").write_text(json.dumps(old_doc), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new_doc), encoding="utf-8")

    status = main([str(tmp_path / "old.json"), str(tmp_path / "new.json")])
    out = capsys.readouterr().out

    assert status == 1
    assert out.index("### Breaking changes") < out.index("### Changed operations")
    assert "`responses.200.usage.prompt_tokens`: type changed: `integer` → `string`" in out
    assert "| **yes** | `responses.200.usage.prompt_tokens` |" in out
    # The shared-schema index says it once, with every operation it reaches.
    changed = out.count("\n#### ")
    assert changed >= 4
    row = "| **yes** | `CompletionUsage.prompt_tokens` | type changed: `integer` → `string` |"
    assert f"{row} {changed}: `" in out
