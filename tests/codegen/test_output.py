"""Writing, `--check`, stale-file removal, determinism, the CLI, and the project's own output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.codegen import _gen

REPO = Path(__file__).resolve().parents[2]
SPECS = Path(__file__).parent / "specs"


def _cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codegen", *args], cwd=cwd, capture_output=True, text=True
    )


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.py"))}


def test_generation_is_byte_for_byte_deterministic(tmp_path: Path) -> None:
    _gen.generate(tmp_path / "a", SPECS / "features.yml", package="same")
    _gen.generate(tmp_path / "b", SPECS / "features.yml", package="same")
    first = _snapshot(tmp_path / "a" / "out")
    assert first == _snapshot(tmp_path / "b" / "out")
    assert len(first) > 10


def test_check_reports_drift_and_stale_files_without_writing(tmp_path: Path) -> None:
    result, package, out = _gen.generate(tmp_path, SPECS / "petstore.yml", package="drift")
    root = out / package
    assert result.changes.written
    edited = root / "types" / "pet.py"
    edited.write_text(edited.read_text() + "\n# hand edit\n")
    stale = root / "types" / "old_model.py"
    stale.write_text("x = 1\n")

    proc = _cli(
        "--spec", str(SPECS / "petstore.yml"), "--package", package, "--out", str(out), "--check"
    )
    assert proc.returncode == 1
    assert "types/pet.py" in proc.stderr
    assert "types/old_model.py" in proc.stderr
    assert edited.read_text().endswith("# hand edit\n")  # --check writes nothing
    assert stale.exists()

    proc = _cli("--spec", str(SPECS / "petstore.yml"), "--package", package, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert not stale.exists()  # a file the generator no longer writes is removed
    assert "# hand edit" not in edited.read_text()
    proc = _cli(
        "--spec", str(SPECS / "petstore.yml"), "--package", package, "--out", str(out), "--check"
    )
    assert proc.returncode == 0
    assert "(0 differ)" in proc.stdout


def test_summary_line_progress_and_json_report(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    proc = _cli(
        "--spec",
        str(SPECS / "features.yml"),
        "--config",
        str(SPECS / "features.config.yml"),
        "--package",
        "reported",
        "--out",
        str(tmp_path / "out"),
        "--report",
        str(report),
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") == 1 and proc.stdout.startswith(
        "codegen: 6 operations, 8 schemas"
    )
    assert "loading" in proc.stderr  # progress goes to stderr
    data = json.loads(report.read_text())
    ops = {op["operationId"]: op for op in data["operations"]}
    assert ops["streamThreadEvents"]["resource_path"] == "threads.events"
    assert ops["streamThreadEvents"]["python_method"] == "stream"
    assert ops["adminPing"]["placed_by_config"] is False
    assert [w["code"] for w in data["warnings"]] == ["operation-placed-by-default"]
    assert data["warnings"][0]["pointer"] == "/paths/~1admin~1ping"
    schemas = {s["schema"]: s for s in data["schemas"]}
    assert schemas["Completion"] == {
        "schema": "Completion",
        "class": "Completion",
        "module": "types.completion",
        "kind": "model",
        "param": None,
    }


def test_errors_name_the_json_pointer(tmp_path: Path) -> None:
    spec = _gen.write_spec(
        tmp_path,
        {
            "openapi": "3.1.0",
            "info": {"title": "Bad", "version": "1"},
            "paths": {
                "/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/Missing"}}}}
            },
        },
    )
    proc = _cli("--spec", str(spec), "--package", "bad", "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "ref-unresolved" in proc.stderr and "/components/responses/Missing" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "bad").exists()


def test_diff_subcommand_dispatches_to_codegen_diff(tmp_path: Path) -> None:
    proc = _cli("diff", str(SPECS / "petstore.yml"), str(SPECS / "petstore.yml"))
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1)


def test_committed_project_output_matches_a_fresh_generation() -> None:
    proc = _cli("--check")
    assert proc.returncode == 0, proc.stderr


def test_a_generator_bug_still_names_the_json_pointer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from codegen.schemas import SchemaBuilder

    def broken(self: SchemaBuilder, *args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(SchemaBuilder, "_define", broken)
    # the type it hit degrades to `object` with a warning at its pointer; the client still builds
    result, _package, _out = _gen.generate(tmp_path, SPECS / "petstore.yml", package="buggy")
    found = {d.pointer: d for d in result.diagnostics.items if d.code == "schema-internal-error"}
    assert "ValueError: boom" in found["/components/schemas/Pet"].message
    assert result.api.operations


def test_a_new_target_is_the_stage_renamed_and_an_existing_one_is_updated_file_by_file(
    tmp_path: Path,
) -> None:
    from codegen.output import Target, stage_files, write

    files = {"pkg/a.py": "a = 1\n", "pkg/sub/b.py": "b = 2\n", "pkg/data.json": "{}\n"}
    stage = tmp_path / "stage" / "package"
    stage_files({"pkg/a.py": files["pkg/a.py"], "pkg/sub/b.py": files["pkg/sub/b.py"]}, stage)
    target = Target(tmp_path / "out" / "root", ("pkg",))
    changes = write(files, target, stage, frozenset({"pkg/a.py", "pkg/sub/b.py"}))
    assert changes.written == sorted(files)
    assert not stage.exists()  # moved as a whole, the unstaged file written into it first
    assert {
        p.relative_to(target.root).as_posix(): p.read_text() for p in target.root.rglob("*.*")
    } == files

    # the target exists now: changed files move in one by one, stale ones go, the rest stay
    (target.root / "pkg" / "stale.py").write_text("x = 0\n")
    untouched = (target.root / "pkg" / "data.json").stat().st_ino
    stage.mkdir(parents=True)
    stage_files({"pkg/a.py": "a = 10\n"}, stage)
    again = {**files, "pkg/a.py": "a = 10\n"}
    changes = write(again, target, stage, frozenset({"pkg/a.py"}))
    assert changes.written == ["pkg/a.py"] and changes.removed == ["pkg/stale.py"]
    assert (target.root / "pkg" / "a.py").read_text() == "a = 10\n"
    assert not (stage / "pkg" / "a.py").exists()  # renamed into place, not copied
    assert (target.root / "pkg" / "data.json").stat().st_ino == untouched
    assert not (target.root / "pkg" / "stale.py").exists()
