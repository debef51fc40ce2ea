"""Scripted chat replies: make the next completions refuse, be filtered, or say exact words.

Generated replies cover the happy paths; client code also has to handle refusals and
``finish_reason`` values such as ``content_filter``, which a test cannot provoke with a prompt.
A scripted reply still goes through the normal machinery (streaming, ``n``, usage, length limits).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

FINISH_REASONS = ("stop", "length", "content_filter", "tool_calls", "function_call")


@dataclass(frozen=True)
class ScriptedReply:
    content: str | None = None
    refusal: str | None = None
    finish_reason: str | None = None

    def __post_init__(self) -> None:
        if self.content is not None and self.refusal is not None:
            raise ValueError("a reply is either content or a refusal")
        if self.finish_reason is not None and self.finish_reason not in FINISH_REASONS:
            raise ValueError(f"finish_reason must be one of {', '.join(FINISH_REASONS)}")


class ReplyScript:
    """Replies waiting for the next chat completion requests, first in first out."""

    def __init__(self) -> None:
        self._pending: list[ScriptedReply] = []
        self._lock = threading.Lock()

    def add(self, reply: ScriptedReply, count: int = 1) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        with self._lock:
            self._pending.extend([reply] * count)

    def take(self) -> ScriptedReply | None:
        with self._lock:
            return self._pending.pop(0) if self._pending else None

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()
