"""Faults in the middle of longer operations, and callers that give up: auto-pagination whose
later pages fail and recover, raw responses that report their retries, and async calls cancelled
while waiting for an answer, during a retry's backoff, or while reading a body. Cancelling never
leaves a connection checked out of the pool."""

from __future__ import annotations

import time

import anyio
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai import APIConnectionError, InternalServerError

from .conftest import (
    SECRET,
    FastAsyncOpenAI,
    FastOpenAI,
    pool_state,
    reset_before_status,
    reset_mid_body,
)
from .test_status_retries import SlowBackoffAsyncOpenAI


def _file(n: int) -> dict[str, object]:
    return {
        "id": f"file-{n}",
        "object": "file",
        "bytes": 1,
        "created_at": 1,
        "filename": "f",
        "purpose": "batch",
        "status": "processed",
    }


def _page(first: int, last: int, more: bool) -> Reply:
    items = [_file(n) for n in range(first, last + 1)]
    return Reply.json(
        {
            "object": "list",
            "data": items,
            "first_id": f"file-{first}",
            "last_id": f"file-{last}",
            "has_more": more,
        }
    )


def _script_pages(server: ScriptedServer) -> None:
    server.reply(
        _page(1, 2, True),
        Reply.json({"error": {"message": "busy"}}, status=503),
        reset_before_status(),
        _page(3, 4, True),
        reset_mid_body(),
        _page(5, 5, False),
    )


def _check_page_requests(server: ScriptedServer) -> None:
    afters = [r.query_dict.get("after") for r in server.requests]
    # Each failed page request is repeated with the same cursor.
    assert afters == [None, "file-2", "file-2", "file-2", "file-4", "file-4"]


def test_auto_pagination_survives_faults_on_later_pages(server: ScriptedServer) -> None:
    _script_pages(server)
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        ids = [f.id for f in client.files.list()]
        assert pool_state(client)[1] == 0
    assert ids == [f"file-{n}" for n in range(1, 6)]
    _check_page_requests(server)


@pytest.mark.anyio
async def test_async_auto_pagination_survives_faults_on_later_pages(
    server: ScriptedServer,
) -> None:
    _script_pages(server)
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        ids = [f.id async for f in client.files.list()]
        assert pool_state(client)[1] == 0
    assert ids == [f"file-{n}" for n in range(1, 6)]
    _check_page_requests(server)


def test_a_page_that_keeps_failing_raises_after_the_items_before_it(
    server: ScriptedServer,
) -> None:
    server.reply(_page(1, 2, True))
    server.default = Reply.json({"error": {"message": "down"}}, status=500)
    seen: list[str] = []
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with pytest.raises(InternalServerError):
            seen.extend(f.id for f in client.files.list())
        assert pool_state(client)[1] == 0
    assert seen == ["file-1", "file-2"]
    assert len(server.requests) == 4  # page 1, then page 2 three times


def test_raw_response_reports_the_retries_it_took(server: ScriptedServer) -> None:
    server.reply(
        reset_before_status(),
        Reply.json({}, status=502),
        Reply.json(_file(1), headers={"x-request-id": "req_ok"}),
    )
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        raw = client.files.with_raw_response.retrieve("file-1")
        assert raw.retries_taken == 2
        assert raw.request_id == "req_ok"
        assert raw.parse().id == "file-1"


# --- async cancellation ---------------------------------------------------------------------------


async def _wait_closed(server: ScriptedServer, count: int) -> None:
    await anyio.to_thread.run_sync(lambda: server.wait_for_closed(count, timeout=3))


@pytest.mark.anyio
async def test_cancelled_while_waiting_for_the_answer(server: ScriptedServer) -> None:
    server.reply(Reply.hang(), Reply.json(_file(2)))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with anyio.move_on_after(0.2) as scope:
            await client.files.retrieve("file-1")
        assert scope.cancelled_caught
        await _wait_closed(server, 1)
        assert pool_state(client)[1] == 0
        assert (await client.files.retrieve("file-2")).id == "file-2"  # the client still works


@pytest.mark.anyio
async def test_cancelled_while_reading_a_slow_body(server: ScriptedServer) -> None:
    body = b'{"id": "file-1", "object": "file", "bytes": 1, "created_at": 1, "filename": "f"}'
    server.reply(Reply.drip(body, interval=0.05))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with anyio.move_on_after(0.3):
            await client.files.retrieve("file-1")
        await _wait_closed(server, 1)
        assert pool_state(client)[1] == 0


@pytest.mark.anyio
async def test_cancelled_during_the_retry_backoff(server: ScriptedServer) -> None:
    """A 5 s backoff after a 500: cancelling in the middle returns at once, nothing held."""
    server.reply(Reply.json({"error": {"message": "x"}}, status=500))
    async with SlowBackoffAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        start = time.monotonic()
        with anyio.move_on_after(0.3):
            await client.models.retrieve("m")
        assert time.monotonic() - start < 1.5
        assert len(server.requests) == 1
        assert pool_state(client)[1] == 0


@pytest.mark.anyio
async def test_many_cancelled_calls_leave_the_pool_clean(server: ScriptedServer) -> None:
    server.default = Reply.hang()
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with anyio.move_on_after(0.3):
            async with anyio.create_task_group() as group:
                for n in range(30):
                    group.start_soon(client.files.retrieve, f"file-{n}")
        await _wait_closed(server, 30)
        assert pool_state(client) == (0, 0)
    assert server.open_connections == 0


def test_sync_timeout_in_a_thread_pool_leaves_the_pool_clean(server: ScriptedServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    server.default = Reply.hang()
    with FastOpenAI(
        api_key=SECRET, base_url=server.url + "/v1", timeout=0.2, max_retries=0
    ) as client:
        with ThreadPoolExecutor(max_workers=10) as pool:
            futures = [pool.submit(client.files.retrieve, f"file-{n}") for n in range(10)]
            errors = [f.exception() for f in futures]
        assert all(isinstance(e, APIConnectionError) for e in errors), errors
        server.wait_for_closed(10, timeout=3)
        assert pool_state(client) == (0, 0)
