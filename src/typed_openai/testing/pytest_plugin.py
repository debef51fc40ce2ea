"""Ready-made pytest fixtures. Enable with ``pytest_plugins = ["typed_openai.testing.pytest_plugin"]``.

``local_openai_server`` is one server per test session (fast); ``fresh_openai_server`` is a new,
empty server per test. ``local_openai_env`` points ``OPENAI_BASE_URL``/``OPENAI_API_KEY`` at the
session server for code that builds its own client.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import LocalOpenAIServer


@pytest.fixture(scope="session")
def local_openai_server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.01) as server:
        yield server


@pytest.fixture
def fresh_openai_server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.01) as server:
        yield server


@pytest.fixture
def local_openai_env(
    local_openai_server: LocalOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> LocalOpenAIServer:
    for name, value in local_openai_server.client_env().items():
        monkeypatch.setenv(name, value)
    return local_openai_server
