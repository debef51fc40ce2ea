"""Fixtures of the polling tests: clients on the scripted server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.support.server import ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[OpenAI]:
    with OpenAI(api_key="sk-test", base_url=server.url, max_retries=0) as sync_client:
        yield sync_client


@pytest.fixture
async def async_client(server: ScriptedServer) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key="sk-test", base_url=server.url, max_retries=0) as client:
        yield client
