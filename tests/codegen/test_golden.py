"""Generated source of small specs compared with committed files, so template changes show as diffs.

Regenerate with `python -m tests.codegen.regen_golden` after an intended change.
"""

from __future__ import annotations

import difflib

import pytest

from tests.codegen.golden_cases import CASES, GOLDEN, render_case


@pytest.mark.parametrize("case", sorted(CASES))
def test_output_matches_golden_files(case: str) -> None:
    fresh = render_case(case)
    root = GOLDEN / case
    committed = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert sorted(fresh) == sorted(committed), "file set differs (missing/extra files)"
    diffs = []
    for rel in sorted(fresh):
        if fresh[rel] != committed[rel]:
            diffs.append(
                "".join(
                    difflib.unified_diff(
                        committed[rel].splitlines(keepends=True),
                        fresh[rel].splitlines(keepends=True),
                        f"golden/{case}/{rel}",
                        "fresh",
                    )
                )
            )
    assert not diffs, "run `python -m tests.codegen.regen_golden`:\n" + "\n".join(diffs)[:6000]
