"""Shared fixtures: the scriptable loopback server and the anyio backend (asyncio only)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.server import ScriptedServer


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    """A fresh ``ScriptedServer`` on 127.0.0.1 (see ``tests/support/server.py`` for the API)."""
    with ScriptedServer() as scripted:
        yield scripted
