"""Markdown helpers: spec text can never break out of a code span or a table cell."""

from __future__ import annotations

from codegen.diff.text import code, table_cell


def test_code_span_plain() -> None:
    assert code("gpt-4o") == "`gpt-4o`"


def test_code_span_with_backticks_uses_a_longer_fence() -> None:
    assert code("a`b") == "`` a`b ``"
    assert code("``x`") == "``` ``x` ```"


def test_code_span_stays_on_one_line() -> None:
    assert code("first\nsecond\r\nthird") == "`first second third`"


def test_table_cell_escapes_pipes_and_line_breaks() -> None:
    assert table_cell("`a|b`\nc") == "`a\\|b` c"
