"""Diagnostics are data: a level, a stable code, the JSON pointer they concern, and a hint."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(str, enum.Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    level: Level
    code: str
    pointer: str
    message: str
    hint: str = ""

    def render(self) -> str:
        text = f"{self.level.value}[{self.code}] at {self.pointer or '/'}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text

    def to_json(self) -> dict[str, str]:
        return {
            "level": self.level.value,
            "code": self.code,
            "pointer": self.pointer,
            "message": self.message,
            "hint": self.hint,
        }


class GeneratorError(Exception):
    """Stops generation; always names the JSON pointer of the input it could not handle."""

    def __init__(self, code: str, pointer: str, message: str, hint: str = "") -> None:
        self.diagnostic = Diagnostic(Level.ERROR, code, pointer, message, hint)
        super().__init__(self.diagnostic.render())


class Diagnostics:
    """Collects warnings during a run; errors are raised as GeneratorError instead."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def warn(self, code: str, pointer: str, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(Level.WARNING, code, pointer, message, hint))


def pointer_join(base: str, *parts: str | int) -> str:
    """Append reference tokens to a JSON pointer, escaping `~` and `/` (RFC 6901)."""
    escaped = [str(p).replace("~", "~0").replace("/", "~1") for p in parts]
    return "/".join([base, *escaped]) if escaped else base
