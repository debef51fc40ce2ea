"""The command line: inputs it refuses (exit 2, with a message naming the problem), `--base`
against a real temporary git repository, the Markdown layout, and `python -m codegen.diff`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.diff import main

REPO = Path(__file__).resolve().parents[3]


def _spec(**schemas: Any) -> dict[str, Any]:
    """A one-operation spec whose response is `Item` with the given properties."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/items": {
                "get": {
                    "operationId": "listItems",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Item"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Item": {"type": "object", "properties": schemas}}},
    }


def _write(path: Path, document: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return _write(tmp_path / "good.yaml", _spec(id={"type": "string"}))


# -- refused inputs -------------------------------------------------------------------------


def test_missing_file_is_a_usage_error(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.yaml"
    assert main([str(missing), str(good)]) == 2
    err = capsys.readouterr().err
    assert f"cannot read {missing}" in err
    assert "No such file" in err


def test_invalid_yaml_names_the_line(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\npaths:\n  /a: [unclosed\n", encoding="utf-8")
    assert main([str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: invalid YAML" in err
    assert "line 4" in err


def test_unresolvable_ref_names_the_pointer_and_where_it_is_used(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _spec(owner={"$ref": "#/components/schemas/User"})
    broken = _write(tmp_path / "broken.yaml", document)
    assert main([str(good), str(broken)]) == 2
    err = capsys.readouterr().err
    assert "unresolvable $ref '#/components/schemas/User'" in err
    assert "/components/schemas/Item/properties/owner" in err


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([1, 2], "not an OpenAPI document"),
        ({"swagger": "2.0", "paths": {}}, "only OpenAPI 3.0 and 3.1 are supported"),
        ({"openapi": "3.1.0", "paths": []}, "'paths' is not a mapping"),
        (
            {"openapi": "3.1.0", "paths": {}, "x": {"$ref": "other.yaml#/A"}},
            "unsupported external $ref 'other.yaml#/A'",
        ),
        (
            {
                "openapi": "3.1.0",
                "paths": {},
                "components": {
                    "schemas": {
                        "A": {"$ref": "#/components/schemas/B"},
                        "B": {"$ref": "#/components/schemas/A"},
                    }
                },
            },
            "circular $ref chain",
        ),
    ],
    ids=["not-a-mapping", "swagger-2", "paths-not-mapping", "external-ref", "ref-loop"],
)
def test_documents_that_cannot_be_compared(
    document: Any, message: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = _write(tmp_path / "other.yaml", document)
    assert main([str(good), str(other)]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "give OLD and NEW spec files, or --base GIT_REF"),
        (["only-one.yaml"], "give OLD and NEW spec files, or --base GIT_REF"),
        (["a.yaml", "b.yaml", "--base", "main"], "give either --base GIT_REF or OLD NEW"),
        (["a.yaml", "b.yaml", "--format", "xml"], "invalid choice: 'xml'"),
        (["--base=--output=x"], "not a git revision: '--output=x'"),
    ],
)
def test_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    assert message in err


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--base GIT_REF" in capsys.readouterr().out


# -- reports --------------------------------------------------------------------------------


def test_json_and_yaml_inputs_and_no_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _spec(id={"type": "string"})
    as_json = tmp_path / "spec.json"
    as_json.write_text(json.dumps(document), encoding="utf-8")
    as_yaml = _write(tmp_path / "spec.yaml", document)
    assert main([str(as_json), str(as_yaml)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## API changes\n")
    assert "No changes to operations." in out


def test_markdown_layout_breaking_first_grouped_and_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _spec(
        id={"type": "string"},
        mode={"type": "string", "enum": ["a|b", "c"]},
        child={"$ref": "#/components/schemas/Leaf"},
        sibling={"$ref": "#/components/schemas/Leaf"},
    )
    old["components"]["schemas"]["Leaf"] = {
        "type": "object",
        "properties": {"n": {"type": "integer"}},
    }
    new = json.loads(json.dumps(old))
    new["components"]["schemas"]["Item"]["properties"]["mode"]["enum"].append("x`y|z")
    del new["components"]["schemas"]["Leaf"]["properties"]["n"]
    status = main([str(_write(tmp_path / "o.yaml", old)), str(_write(tmp_path / "n.yaml", new))])
    out = capsys.readouterr().out

    assert status == 1
    assert (
        "**1 breaking** and 1 non-breaking changes in 1 operation (0 added, 0 removed, 1 changed)."
        in out
    )
    assert out.index("### Breaking changes") < out.index("### Changed operations")
    assert "  - `responses.200.child.n` and 1 more place: field removed" in out
    # The same change at two places of one operation is one row listing both places.
    assert (
        "| **yes** | `responses.200.child.n`<br>`responses.200.sibling.n` | field removed | `Leaf` |"
        in out
    )
    # Pipes cannot end a table cell early, backticks cannot end a code span early.
    assert "| no | `responses.200.mode` | enum values added: `` x`y\\|z `` | `Item` |" in out


# -- --base ---------------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:  # pragma: no cover - git is part of the dev environment
        pytest.fail("git is required for the --base tests")
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    _write(root / "spec" / "openapi.yml", _spec(id={"type": "string"}, size={"type": "integer"}))
    _git(root, "add", "spec/openapi.yml")
    _git(root, "commit", "-q", "-m", "spec")
    return root


def test_base_compares_the_committed_spec_with_the_working_tree(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(repo / "spec" / "openapi.yml", _spec(id={"type": "string"}, note={"type": "string"}))
    monkeypatch.chdir(repo)
    assert main(["--base", "main", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["old"] == "main:spec/openapi.yml"
    assert report["new"] == "spec/openapi.yml"
    changes = [
        (c["location"], c["label"], c["breaking"]) for c in report["operations"][0]["changes"]
    ]
    assert changes == [
        ("responses.200.size", "field removed", True),
        ("responses.200.note", "optional field added", False),
    ]


def test_base_with_explicit_spec_path_from_elsewhere(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(
        repo / "spec" / "openapi.yml",
        _spec(id={"type": "string"}, size={"type": "integer"}, extra={"type": "boolean"}),
    )
    monkeypatch.chdir(tmp_path)  # outside the repository: the spec path decides which repo
    assert main(["--base", "HEAD", "--spec", str(repo / "spec" / "openapi.yml")]) == 0
    out = capsys.readouterr().out
    assert "`responses.200.extra` | optional field added" in out


def test_base_unchanged_working_tree(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert main(["--base", "HEAD"]) == 0
    assert "No changes to operations." in capsys.readouterr().out


def test_base_unknown_revision_is_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert main(["--base", "no-such-branch"]) == 2
    err = capsys.readouterr().err
    assert "cannot read spec/openapi.yml at 'no-such-branch'" in err


def test_base_file_missing_at_revision_is_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(repo / "spec" / "other.yml", _spec())
    monkeypatch.chdir(repo)
    assert main(["--base", "main", "--spec", "spec/other.yml"]) == 2
    assert "cannot read spec/other.yml at 'main'" in capsys.readouterr().err


def test_base_outside_a_repository_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lone = _write(tmp_path / "lone" / "openapi.yml", _spec())
    assert main(["--base", "main", "--spec", str(lone)]) == 2
    assert "cannot find the git repository" in capsys.readouterr().err


# -- module entry point ---------------------------------------------------------------------


@pytest.mark.parametrize("module", [["codegen.diff"], ["codegen", "diff"]], ids=" ".join)
def test_python_dash_m(module: list[str], tmp_path: Path) -> None:
    """`python -m codegen.diff` and the generator's `python -m codegen diff` both run the report."""
    old = _write(tmp_path / "o.yaml", _spec(id={"type": "string"}))
    new = _write(tmp_path / "n.yaml", _spec())
    done = subprocess.run(
        [sys.executable, "-m", *module, str(old), str(new)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "`responses.200.id`: field removed" in done.stdout


def test_yaml_dates_and_json_strings_are_the_same_enum_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unquoted `2024-01-01` is a date to YAML and a string once written as JSON."""
    as_yaml = tmp_path / "spec.yaml"
    as_yaml.write_text(
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      parameters:\n"
        "        - {name: v, in: query, schema: {type: string, enum: [2024-01-01, b]}}\n"
        "      responses: {'200': {description: ok}}\n",
        encoding="utf-8",
    )
    as_json = tmp_path / "spec.json"
    as_json.write_text(
        json.dumps(yaml.safe_load(as_yaml.read_text(encoding="utf-8")), default=str),
        encoding="utf-8",
    )
    assert main([str(as_yaml), str(as_json)]) == 0
    assert "No changes to operations." in capsys.readouterr().out
