"""Runtime edge cases where code written for the official SDK relies on what it does past the
usual path: ``get_next_page()`` called on the last page, a 200 answer with nothing in it where a
model is due — each run against both packages over the scripted loopback server.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both
from .test_real_world_h_results import files_page

# --- get_next_page() on the last page ---------------------------------------------------------


def test_get_next_page_called_on_the_last_page(server: ScriptedServer) -> None:
    """Asked for by hand, the page after a has_more=false page is requested (after its last id);
    the empty page the API answers has no next page to ask for."""

    def run(openai: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.dynamic(files_page)
        with client_of(openai, server.url) as client:
            page = client.files.list(limit=5)
            beyond = page.get_next_page()
            try:
                beyond.get_next_page()
                after_empty: Any = "requested"
            except RuntimeError:
                after_empty = "RuntimeError"
            walked = [file.id for file in client.files.list(limit=5)]  # iteration: one page
        queries = [r.query for r in server.requests]
        return page.has_next_page(), [f.id for f in beyond.data], after_empty, walked, queries

    ours, theirs = run_both(run)
    assert theirs[:3] == (False, [], "RuntimeError")
    assert theirs[4][1] == [("limit", "5"), ("after", "file-4")]
    assert len(theirs[4]) == 3
    assert ours == theirs


@pytest.mark.anyio
async def test_async_get_next_page_called_on_the_last_page(server: ScriptedServer) -> None:
    async def run(openai: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.dynamic(files_page)
        async with async_client_of(openai, server.url) as client:
            page = await client.files.list(limit=5)
            beyond = await page.get_next_page()
            walked = [file.id async for file in client.files.list(limit=5)]
        return [f.id for f in beyond.data], walked, [r.query for r in server.requests]

    ours, theirs = await arun_both(run)
    assert theirs[0] == [] and len(theirs[2]) == 3
    assert ours == theirs


# --- an answer with no content-type --------------------------------------------------------------

TRANSCRIPTION = b'{"text": "hello"}'


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"", id="empty"),  # a proxy in front of a self-hosted whisper server
        pytest.param(TRANSCRIPTION, id="json"),
        pytest.param(b"hello", id="text"),
    ],
)
def test_an_answer_without_content_type(server: ScriptedServer, body: bytes) -> None:
    """A 200 with no content-type where a model is due: a body that is JSON is the model, any
    other body its text (``''`` when empty) — no error, as with the official SDK."""

    def run(openai: ModuleType) -> Any:
        server.default = Reply.raw(body, content_type=None)
        with client_of(openai, server.url) as client:
            result = client.audio.transcriptions.create(model="whisper-1", file=("a.wav", b"RIFF"))
            completion = client.chat.completions.create(model="gpt-4o", messages=[])
        return type(result).__name__, repr(result), repr(completion)[:40]

    ours, theirs = run_both(run)
    if body != TRANSCRIPTION:
        assert theirs[1] == repr(body.decode())
    assert ours == theirs


@pytest.mark.anyio
async def test_async_empty_answer_without_content_type(server: ScriptedServer) -> None:
    async def run(openai: ModuleType) -> Any:
        server.default = Reply.empty(200)
        async with async_client_of(openai, server.url) as client:
            return await client.audio.transcriptions.create(
                model="whisper-1", file=("a.wav", b"RIFF")
            )

    ours, theirs = await arun_both(run)
    assert ours == theirs == ""
