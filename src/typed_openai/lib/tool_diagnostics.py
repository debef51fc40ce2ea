"""What the local tool runners (``lib.computer``) report about each step: names, ids and timings,
never the content of a request, an action or a screenshot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from typing_extensions import TypeAlias, TypedDict

__all__ = ["ToolDiagnostic", "ToolDiagnosticObserver", "ToolDiagnosticUsage"]


class ToolDiagnosticUsage(TypedDict):
    input_tokens: int
    output_tokens: int
    total_tokens: int


class ToolDiagnostic(TypedDict):
    """One step: which runner (``api``), which part of the step, how it ended, and how long it
    took; ``call_id`` and ``member`` (the driver method) when the step has them."""

    api: Literal["responses", "decisions", "browser", "computer"]
    stage: Literal[
        "run", "request", "arguments", "approval", "action", "output", "selection", "verification"
    ]
    reason: Literal[
        "started",
        "completed",
        "refused",
        "cancelled",
        "invalid_input",
        "invalid_output",
        "api_failed",
        "driver_failed",
        "policy_failed",
        "step_limit",
        "busy",
        "closed",
    ]
    call_id: str | None
    member: str | None
    duration_ms: float
    usage: ToolDiagnosticUsage | None


# Called synchronously with each diagnostic; what it raises is ignored.
ToolDiagnosticObserver: TypeAlias = Callable[[ToolDiagnostic], None]
