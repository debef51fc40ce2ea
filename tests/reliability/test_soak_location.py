"""`nox -s soak` collects only the file named by the noxfile's SOAK_TESTS, and `nox -s tests`
deselects the soak marker: a soak test written anywhere else would run in neither session."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _marks_soak(path: Path) -> bool:
    """Whether the module's code (not its prose) uses `….mark.soak`."""
    return any(
        isinstance(node, ast.Attribute)
        and node.attr == "soak"
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "mark"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
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
    marked = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("*.py")
        if _marks_soak(path)
    )
    assert marked == [_soak_tests_setting()]
