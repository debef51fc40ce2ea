"""The printed table: measurements (min/median/max per contender), then targets with PASS/FAIL."""

from __future__ import annotations

from collections.abc import Sequence

from ._harness import RowResult


def _num(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def _table(header: Sequence[str], lines: Sequence[Sequence[str]]) -> str:
    widths = [
        max(len(h), *(len(line[i]) for line in lines)) if lines else len(h)
        for i, h in enumerate(header)
    ]
    out = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("-+-".join("-" * w for w in widths))
    out.extend(" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in lines)
    return "\n".join(out)


def render_table(results: Sequence[RowResult]) -> str:
    measured: list[list[str]] = []
    targets: list[list[str]] = []
    for row in results:
        if row.status != "ok":
            measured.append([row.title, row.status, "", "", "", ""])
            continue
        for m in row.measurements:
            label = f"{m.contender} ({m.note})" if m.note else m.contender
            measured.append(
                [
                    row.title,
                    label,
                    _num(min(m.samples)),
                    _num(m.median),
                    _num(max(m.samples)),
                    m.unit,
                ]
            )
        for check in row.checks:
            value = "n/a" if check.value is None else f"{check.value:.3f}x"
            verdict = {True: "PASS", False: "FAIL", None: "n/a"}[check.passed]
            targets.append(
                [row.title, check.what, f"{check.op} {check.bound}", value, verdict, check.note]
            )
    parts = [_table(["benchmark", "contender", "min", "median", "max", "unit"], measured)]
    if targets:
        parts.append(
            _table(
                ["benchmark", "ratio of medians", "target", "measured", "result", "note"], targets
            )
        )
    notes = [f"- {row.title}: {note}" for row in results for note in row.notes]
    if notes:
        parts.append("notes:\n" + "\n".join(notes))
    return "\n\n".join(parts)
