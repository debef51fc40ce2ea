"""The test sessions' own machinery: `nox -s soak` finds every soak test; tests/conftest.py starts
Prism early only for a run of the conformance folder and prints the summary lines a worker hands
back to the controller."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import tests.conftest as suite

ROOT = Path(__file__).resolve().parents[1]
LINE = "suite-setup summary: 3 of 4 counted"


def summary_line() -> str | None:
    """What a summary module (SUMMARY_MODULES) offers: this module stands in for one below."""
    return LINE


def _marks_soak(path: Path) -> bool:
    """Whether the module's code (not its prose) uses `….mark.soak`."""
    source = path.read_text(encoding="utf-8")
    return "soak" in source and any(
        isinstance(node, ast.Attribute)
        and node.attr == "soak"
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "mark"
        for node in ast.walk(ast.parse(source))
    )


def _soak_tests_setting() -> str:
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "SOAK_TESTS" for target in node.targets
        ):
            assert isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            return node.value.value
    raise AssertionError("noxfile.py sets no SOAK_TESTS")


def test_every_soak_test_is_in_the_file_the_soak_session_runs() -> None:
    """`nox -s soak` collects only the noxfile's SOAK_TESTS and `nox -s tests` deselects the soak
    marker: a soak test written in another file would run in neither session."""
    marked = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("*.py")
        if _marks_soak(path)
    )
    assert marked == [_soak_tests_setting()]


def _config(*args: str, cwd: Path = ROOT) -> Any:
    return SimpleNamespace(args=list(args), invocation_params=SimpleNamespace(dir=cwd))


def test_prism_starts_early_for_the_suite_or_the_conformance_folder_only() -> None:
    assert suite._runs_the_conformance_folder(_config("tests"))
    assert suite._runs_the_conformance_folder(_config("tests/api_resources"))
    assert suite._runs_the_conformance_folder(_config(".", cwd=ROOT / "tests"))
    assert suite._runs_the_conformance_folder(_config("tests/core", "tests"))
    assert not suite._runs_the_conformance_folder(_config("tests/core"))
    assert not suite._runs_the_conformance_folder(
        _config("tests/api_resources/test_param_names.py::test_the_walk_reaches_the_types")
    )


def test_a_workers_summary_lines_are_printed_by_the_controller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(suite, "SUMMARY_MODULES", (__name__,))
    monkeypatch.setattr(suite, "_RELAYED", [])
    workeroutput: dict[str, Any] = {}
    suite.pytest_sessionfinish(SimpleNamespace(config=SimpleNamespace(workeroutput=workeroutput)))  # type: ignore[arg-type]
    assert workeroutput["summary_lines"] == [LINE]

    # the controller, which never imported the module: the lines of two workers, printed once
    monkeypatch.setattr(suite, "SUMMARY_MODULES", ())
    for _ in range(2):
        suite.pytest_testnodedown(SimpleNamespace(workeroutput=workeroutput), None)
    printed: list[str] = []
    reporter = SimpleNamespace(stats={}, write_line=printed.append)
    suite.pytest_terminal_summary(reporter)  # type: ignore[arg-type]
    assert printed == [LINE]
