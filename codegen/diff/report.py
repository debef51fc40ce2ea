"""Rendering a `SpecDiff` as Markdown (for a pull-request comment) or as JSON (for tools)."""

from __future__ import annotations

import json
from typing import Any

from .changes import Change, OperationDiff, SpecDiff
from .rules import Kind
from .text import code, table_cell


def _operation_title(op: OperationDiff) -> str:
    key = op.operation
    title = code(key.title)
    return f"{title} ({code(key.operation_id)})" if key.operation_id else title


def _describe(change: Change) -> str:
    return f"{change.kind.value}: {change.detail}" if change.detail else change.kind.value


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _summary(diff: SpecDiff) -> str:
    # Counted once per operation however many places of it a change shows up at (see `_groups`).
    groups = [group for op in diff.operations for group in _groups(op.changes)]
    breaking = sum(1 for group in groups if group[0].breaking)
    lead = f"**{breaking} breaking**" if breaking else "0 breaking"
    ops = (
        f"{diff.count('added')} added, {diff.count('removed')} removed,"
        f" {diff.count('changed')} changed"
    )
    return (
        f"{lead} and {len(groups) - breaking} non-breaking"
        f" {'change' if len(groups) == 1 else 'changes'}"
        f" in {_plural(len(diff.operations), 'operation')} ({ops})."
    )


def _groups(changes: list[Change]) -> list[list[Change]]:
    """Changes that say the same thing (same kind, detail, schema, direction) at several places.

    A change inside a widely shared schema can show up at dozens of places of one operation; the
    report shows it once, with its places, instead of once per place.
    """
    groups: dict[tuple[object, ...], list[Change]] = {}
    for change in changes:
        key = (change.kind, change.detail, change.schema, change.direction)
        groups.setdefault(key, []).append(change)
    return list(groups.values())  # places in the order found, which follows the spec


def _places(group: list[Change], *, shown: int, separator: str) -> str:
    if not group[0].path:
        return ""
    names = [code(c.location) for c in group[:shown]]
    if len(group) > shown:
        names.append(f"and {_plural(len(group) - shown, 'more place')}")
    return separator.join(names)


def _shared_schema_section(diff: SpecDiff) -> list[str]:
    """One row per change inside a named schema that reaches several operations.

    The per-operation tables repeat such a change at each operation; this index says it once,
    where it was made, with the operations it reaches.
    """
    reach: dict[tuple[str, Kind, str, bool], list[OperationDiff]] = {}
    for op in diff.operations:
        for change in op.changes:
            if change.schema is None:
                continue
            key = (change.schema_location, change.kind, change.detail, change.breaking)
            users = reach.setdefault(key, [])
            if not users or users[-1] is not op:
                users.append(op)
    rows = [(key, ops) for key, ops in reach.items() if len(ops) > 1]
    if not rows:
        return []
    lines = [
        "### Changes in shared schemas",
        "",
        "| breaking | in schema | change | operations |",
        "|---|---|---|---|",
    ]
    rows.sort(key=lambda row: (not row[0][3], row[0][0]))
    for (where, kind, detail, breaking), ops in rows:
        names = [code(op.operation.operation_id or op.operation.title) for op in ops[:5]]
        if len(ops) > 5:
            names.append("…")
        description = f"{kind.value}: {detail}" if detail else kind.value
        cells = [
            "**yes**" if breaking else "no",
            code(where),
            description,
            f"{len(ops)}: {', '.join(names)}",
        ]
        lines.append("| " + " | ".join(table_cell(c) for c in cells) + " |")
    lines.append("")
    return lines


def render_markdown(diff: SpecDiff, *, old_label: str, new_label: str) -> str:
    lines = ["## API changes", "", f"Comparing {code(old_label)} → {code(new_label)}.", ""]
    if not diff.operations:
        lines += ["No changes to operations.", ""]
        return "\n".join(lines)
    lines += [_summary(diff), ""]

    breaking_ops = [op for op in diff.operations if op.breaking]
    if breaking_ops:
        lines += ["### Breaking changes", ""]
        for op in breaking_ops:
            groups = _groups(op.breaking)
            if len(groups) == 1 and not groups[0][0].path:
                lines.append(f"- {_operation_title(op)}: {_describe(groups[0][0])}")
                continue
            lines.append(f"- {_operation_title(op)}")
            for group in groups:
                where = _places(group, shown=1, separator=" ")
                where = f"{where}: " if where else ""
                lines.append(f"  - {where}{_describe(group[0])}")
        lines.append("")

    lines += _shared_schema_section(diff)

    for status, heading in (("removed", "Operations removed"), ("added", "Operations added")):
        ops = [op for op in diff.operations if op.status == status]
        if ops:
            lines += [f"### {heading}", ""]
            lines += [f"- {_operation_title(op)}" for op in ops]
            lines.append("")

    changed = [op for op in diff.operations if op.status == "changed"]
    if changed:
        lines += ["### Changed operations", ""]
        for op in changed:
            lines += [f"#### {_operation_title(op)}", ""]
            lines += ["| breaking | location | change | in schema |", "|---|---|---|---|"]
            # Breaking first, otherwise in the order found (parameters, body, responses).
            for group in sorted(_groups(op.changes), key=lambda g: not g[0].breaking):
                first = group[0]
                cells = [
                    "**yes**" if first.breaking else "no",
                    _places(group, shown=3, separator="<br>") or "(operation)",
                    _describe(first),
                    code(first.schema) if first.schema else "",
                ]
                lines.append("| " + " | ".join(table_cell(c) for c in cells) + " |")
            lines.append("")
    return "\n".join(lines)


def render_json(diff: SpecDiff, *, old_label: str, new_label: str) -> str:
    changes = [c for op in diff.operations for c in op.changes]
    breaking = sum(1 for c in changes if c.breaking)
    document: dict[str, Any] = {
        "old": old_label,
        "new": new_label,
        "summary": {
            "breaking": breaking,
            "non_breaking": len(changes) - breaking,
            "operations_added": diff.count("added"),
            "operations_removed": diff.count("removed"),
            "operations_changed": diff.count("changed"),
        },
        "operations": [
            {
                "method": op.operation.method,
                "path": op.operation.path,
                "operationId": op.operation.operation_id,
                "status": op.status,
                "changes": [
                    {
                        "kind": change.kind.name.lower(),
                        "label": change.kind.value,
                        "direction": change.direction.value,
                        "location": change.location,
                        "detail": change.detail,
                        "schema": change.schema,
                        "schema_location": change.schema_location or None,
                        "breaking": change.breaking,
                    }
                    for change in op.changes
                ],
            }
            for op in diff.operations
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
