"""Fixtures for the local server's tests: a running server and an httpx client bound to it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from typed_openai.testing import LocalOpenAIServer

TEST_KEY = "sk-test-key"
# What an SDK sends: the key, and the beta header the Assistants endpoints insist on.
HEADERS = {"Authorization": f"Bearer {TEST_KEY}", "OpenAI-Beta": "assistants=v2"}


@pytest.fixture(scope="module")
def local_server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.02) as server:
        yield server


@pytest.fixture
def api(local_server: LocalOpenAIServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=local_server.base_url,
        headers=HEADERS,
        timeout=10,
    ) as client:
        yield client
