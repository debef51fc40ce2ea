"""The runner of the real-world sweep D programs (tests/drop_in/test_real_world_d_*.py): code in the
style of the official SDK's 1.x line (its README, the cookbook, blog posts, the seed document).

Each file keeps its programs in a ``tests/drop_in/programs.py`` registry. A program gets the
package (``openai``), a client of it on a fresh scripted loopback server, and that server; it runs
once with each package, and ``run`` / ``arun`` return, for each, what the program returned and the
wire of every request it sent (real_world_b.wires), so a test compares both. A file makes its tests
with ``test_program = observed_the_same(PROGRAMS)`` (and ``async_observed_the_same``).

Code written for 1.x reaches some resources by paths the official SDK has since dropped
(``client.beta.vector_stores``); typed_openai keeps them. ``beta_vector_stores`` gives a program
that path on typed_openai and the official SDK's current one on the oracle, so what the old path
does is compared with what the SDK does now.
"""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.server import ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both
from .real_world_b import wires

Program = Callable[[ModuleType, Any, ScriptedServer], Any]


def beta_vector_stores(openai: ModuleType, client: Any) -> Any:
    """``client.beta.vector_stores`` as 1.x code writes it (the oracle's own path on its side)."""
    return client.beta.vector_stores if openai is typed_openai else client.vector_stores


# The official SDK warns when it dumps a parsed completion (its `parsed` field is declared by an
# unbound type variable) and when it sends a parsed message back; typed_openai does neither.
_SERIALIZER_WARNING = "Pydantic serializer warnings"


def run(code: Program) -> tuple[Any, Any]:
    """``(ours, theirs)``: each ``(what the program returned, the wire of its requests)``."""

    def one(sdk: ModuleType) -> Any:
        with (
            warnings.catch_warnings(),
            ScriptedServer() as server,
            client_of(sdk, server.url + "/v1") as client,
        ):
            warnings.filterwarnings("ignore", _SERIALIZER_WARNING, UserWarning)
            result = code(sdk, client, server)
            return result, wires(server.requests)

    return run_both(one)


async def arun(code: Program) -> tuple[Any, Any]:
    async def one(sdk: ModuleType) -> Any:
        with warnings.catch_warnings(), ScriptedServer() as server:
            warnings.filterwarnings("ignore", _SERIALIZER_WARNING, UserWarning)
            async with async_client_of(sdk, server.url + "/v1") as client:
                result = await code(sdk, client, server)
            return result, wires(server.requests)

    return await arun_both(one)


def observed_the_same(programs: dict[str, Program]) -> Callable[[str], None]:
    """The test of a file's sync ``programs`` (call it after they are registered): each run with
    ``run``, the requests compared first, then what the program returned."""

    @pytest.mark.parametrize("name", sorted(programs))
    def test(name: str) -> None:
        ours, theirs = run(programs[name])
        assert ours[1] == theirs[1]  # the requests sent
        assert ours[0] == theirs[0]  # what the program observed

    return test


def async_observed_the_same(programs: dict[str, Program]) -> Callable[[str], Awaitable[None]]:
    """The test of a file's async ``programs``, each run with ``arun``."""

    @pytest.mark.anyio
    @pytest.mark.parametrize("name", sorted(programs))
    async def test(name: str) -> None:
        ours, theirs = await arun(programs[name])
        assert ours[1] == theirs[1]
        assert ours[0] == theirs[0]

    return test


def warned(code: Callable[[], Any]) -> tuple[Any, list[str]]:
    """``(code(), the categories of the warnings it raised)``: what a user running with
    ``-W error`` or reading the log sees."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = code()
    return result, sorted({w.category.__name__ for w in caught})
