"""The older ``client.files`` helpers the official SDK still offers, sync and async, against the
scripted loopback server: ``retrieve_content`` (deprecated) and ``wait_for_processing``."""

from __future__ import annotations

import pytest

from tests.lib.polling.wire_objects import AsyncSleepRecorder, SleepRecorder, json_replies
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI

CONTENT_MOVED = "^The `.content\\(\\)` method should be used instead$"


def _file(status: str) -> dict[str, object]:
    return {
        "id": "file_1",
        "object": "file",
        "bytes": 5,
        "created_at": 1700000000,
        "filename": "notes.txt",
        "purpose": "assistants",
        "status": status,
    }


def _client(server: ScriptedServer) -> OpenAI:
    return OpenAI(api_key="sk-test", base_url=server.url, max_retries=0)


def test_retrieve_content_returns_the_text(server: ScriptedServer) -> None:
    server.route("GET", "/files/file_1/content", Reply.raw("héllo", content_type="text/plain"))
    with _client(server) as client, pytest.warns(DeprecationWarning, match=CONTENT_MOVED):
        text = client.files.retrieve_content("file_1", extra_headers={"x-trace": "t"})

    assert text == "héllo"
    (request,) = server.requests
    assert (request.method, request.path, request.headers["x-trace"]) == (
        "GET",
        "/files/file_1/content",
        "t",
    )


@pytest.mark.anyio
async def test_async_retrieve_content_and_an_empty_id(server: ScriptedServer) -> None:
    server.route("GET", "/files/file_1/content", Reply.raw("abc", content_type="text/plain"))
    async with AsyncOpenAI(api_key="sk-test", base_url=server.url) as client:
        with pytest.warns(DeprecationWarning, match=CONTENT_MOVED):
            assert await client.files.retrieve_content("file_1") == "abc"
        with (
            pytest.warns(DeprecationWarning, match=CONTENT_MOVED),
            pytest.raises(ValueError, match="`file_id`"),
        ):
            await client.files.retrieve_content("")

    assert len(server.requests) == 1  # nothing sent for the empty id


def test_wait_for_processing_retrieves_until_processed(server: ScriptedServer) -> None:
    server.route("GET", "/files/file_1", *json_replies(*map(_file, ["uploaded"] * 2 + ["error"])))
    with _client(server) as client:
        files = client.files
        files._sleep = sleep = SleepRecorder()

        file = files.wait_for_processing("file_1", poll_interval=0.5)

    assert file.status == "error"  # done processing, failed or not
    assert [r.path for r in server.requests] == ["/files/file_1"] * 3
    assert sleep.delays == [0.5, 0.5]


@pytest.mark.anyio
async def test_async_wait_for_processing_gives_up(server: ScriptedServer) -> None:
    server.route("GET", "/files/file_1", *json_replies(_file("uploaded")))
    async with AsyncOpenAI(api_key="sk-test", base_url=server.url) as client:
        files = client.files
        files._sleep = sleep = AsyncSleepRecorder()

        with pytest.raises(RuntimeError, match=r"file file_1 .* after 0 seconds"):
            await files.wait_for_processing("file_1", max_wait_seconds=0)

    assert len(server.requests) == 2 and sleep.delays == [5.0]
