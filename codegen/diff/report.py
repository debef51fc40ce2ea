"""Rendering a `SpecDiff` as Markdown (for a pull-request comment) or as JSON (for tools)."""

from __future__ import annotations

import json
from typing import Any

from .changes import Change, OperationDiff, SpecDiff
from .text import code, table_cell


def _operation_title(op: OperationDiff) -> str:
    key = op.operation
    title = code(key.title)
    return f"{title} ({code(key.operation_id)})" if key.operation_id else title


def _describe(change: Change) -> str:
    return f"{change.kind.value}: {change.detail}" if change.detail else change.kind.value


def _summary(diff: SpecDiff) -> str:
    changes = [c for op in diff.operations for c in op.changes]
    breaking = sum(1 for c in changes if c.breaking)
    parts = [
        f"**{breaking} breaking**" if breaking else "0 breaking",
        f"{len(changes) - breaking} non-breaking",
    ]
    ops = (
        f"{diff.count('added')} added, {diff.count('removed')} removed,"
        f" {diff.count('changed')} changed"
    )
    return f"{', '.join(parts)} change(s) in {len(diff.operations)} operation(s) ({ops})."


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
            items = op.breaking
            if len(items) == 1 and not items[0].path:
                lines.append(f"- {_operation_title(op)}: {_describe(items[0])}")
                continue
            lines.append(f"- {_operation_title(op)}")
            for change in items:
                where = f"{code(change.location)}: " if change.path else ""
                lines.append(f"  - {where}{_describe(change)}")
        lines.append("")

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
            for change in sorted(op.changes, key=lambda c: not c.breaking):
                cells = [
                    "**yes**" if change.breaking else "no",
                    code(change.location) if change.path else "(operation)",
                    _describe(change),
                    code(change.schema) if change.schema else "",
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
                        "breaking": change.breaking,
                    }
                    for change in op.changes
                ],
            }
            for op in diff.operations
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
