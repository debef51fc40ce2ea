"""Tests that hang on purpose, run only by ``test_hard_timeout.py`` (in a child pytest with a
half-second limit) to prove that the hard limit turns a hang into a failure."""

from __future__ import annotations

import anyio
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI


def test_sync_call_to_a_silent_server_with_no_timeout(server: ScriptedServer) -> None:
    server.default = Reply.hang()
    with OpenAI(api_key="k", base_url=server.url, timeout=None) as client:
        client.models.retrieve("m")


@pytest.mark.anyio
async def test_async_call_to_a_silent_server_with_no_timeout(server: ScriptedServer) -> None:
    server.default = Reply.hang()
    async with AsyncOpenAI(api_key="k", base_url=server.url, timeout=None) as client:
        await client.models.retrieve("m")


@pytest.mark.anyio
async def test_async_sleep_forever() -> None:
    await anyio.sleep_forever()
