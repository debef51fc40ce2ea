"""Same bytes, same hooks: our handlers against the official SDK's (used only as an oracle).

Every hook is recorded (including ``on_event``), sync and async, for every scenario.
"""

from __future__ import annotations

import warnings
from typing import Any

import openai
import pytest

from tests.lib.assistants import expected as X
from tests.lib.assistants import streams as S
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib.streaming.assistants import (
    AssistantEventHandler,
    AsyncAssistantEventHandler,
)


def _record_sync(server: ScriptedServer, client: Any, base: type, events: list[S.Event]) -> Any:
    server.reply(Reply.sse(S.sse_chunks(events, size=61)))
    handler = S.recording_class(base)()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the SDK deprecates Assistants
        with client.beta.threads.runs.stream(
            thread_id=S.THREAD, assistant_id=S.ASSISTANT, event_handler=handler
        ) as stream:
            stream.until_done()
    client.close()
    return handler.calls


async def _record_async(
    server: ScriptedServer, client: Any, base: type, events: list[S.Event]
) -> Any:
    server.reply(Reply.sse(S.sse_chunks(events, size=61)))
    handler = S.recording_class(base, is_async=True)()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        async with client.beta.threads.runs.stream(
            thread_id=S.THREAD, assistant_id=S.ASSISTANT, event_handler=handler
        ) as stream:
            await stream.until_done()
    await client.close()
    return handler.calls


@pytest.mark.parametrize("name", sorted(X.SCENARIOS))
def test_same_hooks_as_the_sdk(server: ScriptedServer, name: str) -> None:
    events = X.SCENARIOS[name][0]()
    ours = _record_sync(
        server, OpenAI(api_key="k", base_url=server.url), AssistantEventHandler, events
    )
    theirs = _record_sync(
        server,
        openai.OpenAI(api_key="k", base_url=server.url),
        openai.AssistantEventHandler,
        events,
    )
    assert ours == theirs


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(X.SCENARIOS))
async def test_same_hooks_as_the_sdk_async(server: ScriptedServer, name: str) -> None:
    events = X.SCENARIOS[name][0]()
    ours = await _record_async(
        server, AsyncOpenAI(api_key="k", base_url=server.url), AsyncAssistantEventHandler, events
    )
    theirs = await _record_async(
        server,
        openai.AsyncOpenAI(api_key="k", base_url=server.url),
        openai.AsyncAssistantEventHandler,
        events,
    )
    assert ours == theirs
