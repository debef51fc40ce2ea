"""Type-level drop-in: SDK-style programs (tests/typing/programs) type-check against typed_openai as
they do against the official SDK. One pyright process checks every program twice (as written,
and with only the import changed; see drop_in_types.py) and the diagnostics are compared.

- As written, against the SDK, the programs are clean: they are valid code for it.
- With the import changed, pyright reports nothing the SDK's side does not, except on lines
  marked ``# typed-only: <reason>`` (deliberately stricter types; each marked line must differ).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .drop_in_types import Comparison, compare, stricter_lines


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    return compare(tmp_path_factory.mktemp("drop_in_types"))


def test_programs_are_valid_for_the_official_sdk(comparison: Comparison) -> None:
    assert len(comparison.programs) >= 8
    assert [str(d) for d in comparison.sdk] == []


def test_typed_openai_reports_nothing_more(comparison: Comparison) -> None:
    marked = stricter_lines()
    unexpected = [str(d) for d in comparison.only_typed() if (d.program, d.line) not in marked]
    assert unexpected == []


def test_every_marked_difference_still_differs(comparison: Comparison) -> None:
    flagged = {(d.program, d.line) for d in comparison.only_typed()}
    assert sorted(stricter_lines() - flagged) == []


def test_the_import_is_all_that_changes() -> None:
    from .drop_in_types import variant

    source = "import openai\nfrom openai.types import FileObject\nimport httpx\nx = 'openai'\n"
    assert variant(source, "typed_openai") == (
        "import typed_openai as openai\nfrom typed_openai.types import FileObject\n"
        "import httpx\nx = 'openai'\n"
    )
    assert variant(source, "openai") == (
        "import openai\nfrom openai.types import FileObject\nimport httpx2 as httpx\nx = 'openai'\n"
    )
    assert Path(__file__).with_name("programs").is_dir()
