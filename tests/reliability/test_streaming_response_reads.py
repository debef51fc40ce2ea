"""Reading a ``with_streaming_response`` body when the connection fails mid-body, sync and async.

The call returns once the headers are in; the body is read afterwards by ``iter_bytes`` /
``iter_text`` / ``iter_lines`` / ``read`` / ``parse``. A connection dropped or reset mid-body raises
the client's ``APIConnectionError``, and a stalled body ``APITimeoutError`` (after the read
timeout), never a bare httpx exception; the response is closed when the block is left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai import APIConnectionError, APITimeoutError

from .conftest import SECRET, FastAsyncOpenAI, FastOpenAI, reset_mid_body

MESSAGES: list[Any] = [{"role": "user", "content": "hi"}]
READ_TIMEOUT = 0.5

# Each fault: the reply that breaks the body, and the exact error a read of it must raise.
FAULTS: dict[str, tuple[Callable[[], Reply], type[APIConnectionError]]] = {
    "drop": (lambda: Reply.drop_mid_body(b'{"id": "chatcmpl-cut", "choi'), APIConnectionError),
    "reset": (lambda: reset_mid_body(), APIConnectionError),
    "stall": (lambda: Reply.short_body(b'{"id": "chatcmpl-slow"'), APITimeoutError),
}


def consume_sync(response: Any, reader: str) -> None:
    if reader == "read":
        response.read()
    elif reader == "parse":
        response.parse()
    else:
        for _part in getattr(response, reader)():
            pass


async def consume_async(response: Any, reader: str) -> None:
    if reader == "read":
        await response.read()
    elif reader == "parse":
        await response.parse()
    else:
        async for _part in getattr(response, reader)():
            pass


def assert_translated(error: BaseException, expected: type[APIConnectionError]) -> None:
    assert type(error) is expected  # a timeout only for the stall; never a bare httpx error
    assert isinstance(error.__cause__, httpx.TransportError)
    assert SECRET not in str(error)


READERS = ["iter_bytes", "iter_text", "iter_lines", "read", "parse"]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_sync_body_read_failure(server: ScriptedServer, fault: str, reader: str) -> None:
    build, expected = FAULTS[fault]
    server.reply(build())
    with FastOpenAI(
        api_key=SECRET, base_url=server.url, max_retries=0, timeout=READ_TIMEOUT
    ) as client:
        with client.chat.completions.with_streaming_response.create(
            model="m", messages=MESSAGES
        ) as response:
            assert response.status_code == 200
            with pytest.raises(APIConnectionError) as raised:
                consume_sync(response, reader)
        assert_translated(raised.value, expected)
        assert response.is_closed


@pytest.mark.anyio
@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("fault", sorted(FAULTS))
async def test_async_body_read_failure(server: ScriptedServer, fault: str, reader: str) -> None:
    build, expected = FAULTS[fault]
    server.reply(build())
    async with FastAsyncOpenAI(
        api_key=SECRET, base_url=server.url, max_retries=0, timeout=READ_TIMEOUT
    ) as client:
        async with client.chat.completions.with_streaming_response.create(
            model="m", messages=MESSAGES
        ) as response:
            assert response.status_code == 200
            with pytest.raises(APIConnectionError) as raised:
                await consume_async(response, reader)
        assert_translated(raised.value, expected)
        assert response.is_closed


def test_sync_whole_body_still_reads(server: ScriptedServer) -> None:
    """The translating readers hand every chunk through unchanged."""
    body = b"line one\nline two\n" * 50
    server.reply(Reply.raw(body, content_type="text/plain"), Reply.raw(body))
    with FastOpenAI(api_key=SECRET, base_url=server.url, max_retries=0) as client:
        with client.chat.completions.with_streaming_response.create(
            model="m", messages=MESSAGES
        ) as response:
            assert list(response.iter_lines()) == ["line one", "line two"] * 50
        with client.chat.completions.with_streaming_response.create(
            model="m", messages=MESSAGES
        ) as response:
            assert b"".join(response.iter_bytes(7)) == body


@pytest.mark.anyio
async def test_async_iteration_left_early_then_closed(server: ScriptedServer) -> None:
    body = b"x" * 4096
    server.reply(Reply.raw(body), Reply.raw(body))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url, max_retries=0) as client:
        async with client.chat.completions.with_streaming_response.create(
            model="m", messages=MESSAGES
        ) as response:
            async for chunk in response.iter_bytes(16):
                assert chunk == b"x" * 16
                break
        assert response.is_closed
        async with client.chat.completions.with_streaming_response.create(
            model="m", messages=MESSAGES
        ) as response:
            assert b"".join([chunk async for chunk in response.iter_bytes()]) == body
