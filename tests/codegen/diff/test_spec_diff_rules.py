"""The breaking-change rules documented in `codegen.diff.rules` are the ones the code applies."""

from __future__ import annotations

from codegen.diff import rules
from codegen.diff.rules import Direction, Kind, is_breaking


def _documented_table() -> dict[str, tuple[str, str]]:
    assert rules.__doc__ is not None
    rows: dict[str, tuple[str, str]] = {}
    for line in rules.__doc__.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if (
            len(cells) != 3
            or not line.startswith("|")
            or cells[0] in ("change", "")
            or "---" in line
        ):
            continue
        rows[cells[0]] = (cells[1], cells[2])
    return rows


def test_the_docstring_table_lists_every_kind_once() -> None:
    table = _documented_table()
    assert sorted(table) == sorted(kind.value for kind in Kind)


def test_the_docstring_table_matches_the_code() -> None:
    for label, (in_request, in_response) in _documented_table().items():
        kind = Kind(label)
        for cell, direction in ((in_request, Direction.REQUEST), (in_response, Direction.RESPONSE)):
            assert cell in ("breaking", "-", "n/a"), label
            if cell != "n/a":
                assert is_breaking(kind, direction) == (cell == "breaking"), (label, direction)


def test_forward_compatible_responses_and_strict_requests() -> None:
    """The headline rules of the issue, spelt out."""
    assert is_breaking(Kind.OPERATION_REMOVED, Direction.REQUEST)
    assert is_breaking(Kind.FIELD_REMOVED, Direction.RESPONSE)
    assert is_breaking(Kind.REQUIRED_PARAMETER_ADDED, Direction.REQUEST)
    assert is_breaking(Kind.TYPE_NARROWED, Direction.REQUEST)
    assert is_breaking(Kind.ENUM_VALUES_REMOVED, Direction.REQUEST)
    assert is_breaking(Kind.MADE_NULLABLE, Direction.RESPONSE)
    assert not is_breaking(Kind.OPTIONAL_PARAMETER_ADDED, Direction.REQUEST)
    assert not is_breaking(Kind.OPTIONAL_FIELD_ADDED, Direction.RESPONSE)
    assert not is_breaking(Kind.ENUM_VALUES_ADDED, Direction.RESPONSE)
    assert not is_breaking(Kind.UNION_MEMBER_ADDED, Direction.RESPONSE)
