"""The registry each real-world test file keeps of its programs, and the tests that run them.

``@program`` and ``@async_program`` record a function under its name (one registry per file: each
file runs only its own programs). A file then turns its registries into its tests in one line each::

    test_program_observes_the_same = observed_the_same(PROGRAMS)
    test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)

Each test is parametrised over the program names; it runs the program once with each package over
the ``server`` fixture (its requests cleared before each run, so a program reads only its own) and
asserts both observed the same.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both

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


def observed_the_same(
    programs: dict[str, Program], *, with_client: bool = True
) -> Callable[[ScriptedServer, str], None]:
    """The test of a file's sync ``programs`` (registered by then: call it after them). Each gets
    a client of its package on the server, or ``None`` ``with_client=False`` (programs that build
    their own clients, from options or the environment)."""

    @pytest.mark.parametrize("name", sorted(programs))
    def test(server: ScriptedServer, name: str) -> None:
        def one(sdk: ModuleType) -> Any:
            server.requests.clear()
            if not with_client:
                return programs[name](sdk, None, server)
            with client_of(sdk, server.url + "/v1") as client:
                return programs[name](sdk, client, server)

        ours, theirs = run_both(one)
        assert ours == theirs

    return test


def async_observed_the_same(
    programs: dict[str, Program],
) -> Callable[[ScriptedServer, str], Awaitable[None]]:
    """The test of a file's async ``programs``; each gets an async client of its package."""

    @pytest.mark.anyio
    @pytest.mark.parametrize("name", sorted(programs))
    async def test(server: ScriptedServer, name: str) -> None:
        async def one(sdk: ModuleType) -> Any:
            server.requests.clear()
            async with async_client_of(sdk, server.url + "/v1") as client:
                return await programs[name](sdk, client, server)

        ours, theirs = await arun_both(one)
        assert ours == theirs

    return test
