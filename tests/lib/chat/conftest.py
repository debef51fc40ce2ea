"""Clients pointed at the scripted loopback server (``server`` fixture of tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.lib.chat._support import API_KEY
from tests.support.server import ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[OpenAI]:
    with OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as scripted:
        yield scripted


@pytest.fixture
async def async_client(server: ScriptedServer) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as scripted:
        yield scripted
