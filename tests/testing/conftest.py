"""Fixtures for the local server's tests: a running server and an httpx client bound to it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from typed_openai.testing import LocalOpenAIServer

TEST_KEY = "sk-test-key"


@pytest.fixture(scope="module")
def local_server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.02) as server:
        yield server


@pytest.fixture
def api(local_server: LocalOpenAIServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=local_server.base_url,
        headers={"Authorization": f"Bearer {TEST_KEY}"},
        timeout=10,
    ) as client:
        yield client
