"""Hand-written spec pairs, one per family of change (`pairs/*.yaml`).

Each pair file holds an `old` and a `new` document (the `openapi` and `info` fields are filled in
when missing) and the exact list of changes expected, one per line:
`METHOD path ; location ; change ; breaking-or-ok [; innermost schema]`. The test runs the real
command line on the two documents written as YAML files and checks every change, its breaking
classification and the exit status.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.diff import Kind, main

PAIRS = sorted((Path(__file__).parent / "pairs").glob("*.yaml"))


def _complete(document: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "pair", "version": "1"}, **document}


def _lines(report: dict[str, Any]) -> list[tuple[str, str]]:
    """(line without schema, line with schema) for every change of a JSON report."""
    out: list[tuple[str, str]] = []
    for op in report["operations"]:
        for change in op["changes"]:
            label = change["label"]
            text = f"{label}: {change['detail']}" if change["detail"] else label
            verdict = "breaking" if change["breaking"] else "ok"
            short = (
                f"{op['method']} {op['path']} ; {change['location'] or '-'} ; {text} ; {verdict}"
            )
            out.append((short, f"{short} ; {change['schema']}"))
    return out


def run_pair(
    case: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any]]:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(_complete(case["old"]), sort_keys=False), encoding="utf-8")
    new.write_text(yaml.safe_dump(_complete(case["new"]), sort_keys=False), encoding="utf-8")
    status = main([str(old), str(new), "--format", "json"])
    return status, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("pair", PAIRS, ids=[p.stem for p in PAIRS])
def test_pair_reports_exactly_the_expected_changes(
    pair: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = yaml.safe_load(pair.read_text(encoding="utf-8"))
    status, report = run_pair(case, tmp_path, capsys)

    expected: list[str] = case["expect"]
    found = _lines(report)
    expected_short = sorted(" ; ".join(line.split(" ; ")[:4]) for line in expected)
    assert sorted(short for short, _ in found) == expected_short
    with_schema = {long for _, long in found}
    for line in expected:
        if len(line.split(" ; ")) == 5:
            assert line in with_schema
    breaking = any(line.split(" ; ")[3] == "breaking" for line in expected)
    assert status == (1 if breaking else 0)
    assert report["summary"]["breaking"] == sum(" ; breaking" in line for line in expected)


def test_every_pair_file_has_expectations() -> None:
    assert len(PAIRS) >= 15
    for pair in PAIRS:
        case = yaml.safe_load(pair.read_text(encoding="utf-8"))
        assert {"old", "new", "expect"} <= set(case), pair.name


def _direction_of(location: str) -> str:
    if location == "-":
        return "operation"
    return "response" if location.startswith("responses") else "request"


def test_pairs_cover_every_kind_in_every_direction_it_can_occur() -> None:
    """Each (kind, direction) the rules table allows is exercised by at least one pair."""
    covered: set[tuple[str, str]] = set()
    for pair in PAIRS:
        for line in yaml.safe_load(pair.read_text(encoding="utf-8"))["expect"]:
            _, location, change, _ = line.split(" ; ")[:4]
            label = change.split(":")[0]
            covered.add((label, _direction_of(location)))
    wanted: set[tuple[str, str]] = set()
    for kind in Kind:
        if kind.name.startswith("OPERATION_"):
            wanted.add((kind.value, "operation"))
            continue
        request_only = kind.name.endswith(("PARAMETER_ADDED", "PARAMETER_REMOVED")) or (
            "REQUEST_BODY" in kind.name
        )
        response_only = "_RESPONSE_" in kind.name
        if not response_only:
            wanted.add((kind.value, "request"))
        if not request_only:
            wanted.add((kind.value, "response"))
    assert sorted(wanted - covered) == []


def test_markdown_indexes_a_change_in_a_shared_schema_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Listed once with the operations it reaches; a change reaching one operation is not."""
    case = yaml.safe_load((PAIRS[0].parent / "shared_schema_both_directions.yaml").read_text())
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(_complete(case["old"])), encoding="utf-8")
    new.write_text(yaml.safe_dump(_complete(case["new"])), encoding="utf-8")
    assert main([str(old), str(new)]) == 1
    out = capsys.readouterr().out
    section = out.split("### Changes in shared schemas\n\n", 1)[1].split("\n\n", 1)[0]
    assert section.splitlines() == [
        "| breaking | in schema | change | operations |",
        "|---|---|---|---|",
        "| no | `Color` | enum values removed: `green` | 2: `createItem`, `getItem` |",
    ]
