"""Markdown text helpers shared by the comparers (which write change details) and the report."""

from __future__ import annotations

import re


def code(text: str) -> str:
    """`text` as a Markdown code span, even when it contains backticks or line breaks."""
    text = " ".join(text.splitlines()) if "\n" in text or "\r" in text else text
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (max(len(run) for run in re.findall("`+", text)) + 1)
    return f"{fence} {text} {fence}"


def table_cell(text: str) -> str:
    """Text safe inside a GitHub table cell: pipes escaped (also inside code spans), one line."""
    return text.replace("|", "\\|").replace("\n", " ")
