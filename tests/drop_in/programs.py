"""The registry each real-world test file keeps of its programs: ``@program`` and
``@async_program`` record a function under its name, so the file's tests parametrise over the
names (one registry per file: each file runs only its own programs)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from tests.support.server import ScriptedServer

Program = Callable[[ModuleType, Any, ScriptedServer], Any]
Register = Callable[[Program], Program]


def registry() -> tuple[dict[str, Program], dict[str, Program], Register, Register]:
    """``(PROGRAMS, ASYNC_PROGRAMS, program, async_program)`` for one test file."""
    programs: dict[str, Program] = {}
    async_programs: dict[str, Program] = {}

    def program(code: Program) -> Program:
        programs[code.__name__] = code
        return code

    def async_program(code: Program) -> Program:
        async_programs[code.__name__] = code
        return code

    return programs, async_programs, program, async_program
