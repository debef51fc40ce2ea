"""Rewrite the golden files: `python -m tests.codegen.regen_golden` (review the diff, then commit)."""

from __future__ import annotations

from tests.codegen.golden_cases import CASES, write_case

if __name__ == "__main__":
    for case in CASES:
        write_case(case)
        print(f"regenerated tests/codegen/golden/{case}")
