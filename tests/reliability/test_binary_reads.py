"""Reading a binary download (``BinaryResponseContent``) when the connection fails mid-body.

``files.with_streaming_response.content(...).parse(to=BinaryResponseContent)`` hands out the
download unread (plain ``parse()`` reads it to bytes, as the official SDK); its readers
(``read``, ``content``, ``text``, ``json``, ``iter_*``, ``write_to_file``, ``stream_to_file`` and
the async ``aread`` / ``aiter_*`` / ``awrite_to_file``) then read the body themselves. A connection
dropped or reset mid-body raises the client's ``APIConnectionError`` and a stalled body
``APITimeoutError``, with the httpx error as the cause, exactly as ``APIResponse`` reads do.
Complete bodies still read byte for byte, and raw responses save themselves with
``write_to_file``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai import APIConnectionError, APITimeoutError
from typed_openai._core import BinaryResponseContent

from .conftest import SECRET, FastAsyncOpenAI, FastOpenAI, reset_mid_body

READ_TIMEOUT = 0.5
BODY = bytes(range(256)) * 40  # every byte value, more than one chunk

FAULTS: dict[str, tuple[Callable[[], Reply], type[APIConnectionError]]] = {
    "drop": (lambda: Reply.drop_mid_body(b"\x00\x01partial"), APIConnectionError),
    "reset": (lambda: reset_mid_body(b"\x00\x01partial"), APIConnectionError),
    "stall": (lambda: Reply.short_body(b"\x00\x01partial"), APITimeoutError),
}

SYNC_READERS = [
    "read",
    "content",
    "text",
    "json",
    "iter_bytes",
    "iter_text",
    "iter_lines",
    "write_to_file",
    "stream_to_file",
]
ASYNC_READERS = ["aread", "aiter_bytes", "aiter_text", "aiter_lines", "awrite_to_file"]


def consume_sync(binary: BinaryResponseContent, reader: str, path: Path) -> None:
    if reader in ("content", "text"):
        getattr(binary, reader)
    elif reader in ("read", "json"):
        getattr(binary, reader)()
    elif reader == "write_to_file":
        binary.write_to_file(path)
    elif reader == "stream_to_file":
        with pytest.deprecated_call():  # deprecated on a call's result, as in the official SDK
            binary.stream_to_file(path)
    else:
        for _part in getattr(binary, reader)():
            pass


async def consume_async(binary: BinaryResponseContent, reader: str, path: Path) -> None:
    if reader == "aread":
        await binary.aread()
    elif reader == "awrite_to_file":
        await binary.awrite_to_file(path)
    else:
        async for _part in getattr(binary, reader)():
            pass


def assert_translated(error: BaseException, expected: type[APIConnectionError]) -> None:
    assert type(error) is expected  # a timeout only for the stall; never a bare httpx error
    assert isinstance(error.__cause__, httpx.TransportError)
    assert SECRET not in str(error)


@pytest.mark.parametrize("reader", SYNC_READERS)
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_sync_binary_read_failure(
    server: ScriptedServer, tmp_path: Path, fault: str, reader: str
) -> None:
    build, expected = FAULTS[fault]
    server.reply(build())
    with FastOpenAI(
        api_key=SECRET, base_url=server.url, max_retries=0, timeout=READ_TIMEOUT
    ) as client:
        with client.files.with_streaming_response.content("file-1") as response:
            binary = response.parse(to=BinaryResponseContent)
            assert isinstance(binary, BinaryResponseContent)
            with pytest.raises(APIConnectionError) as raised:
                consume_sync(binary, reader, tmp_path / "out.bin")
        assert_translated(raised.value, expected)
        assert response.is_closed


@pytest.mark.anyio
@pytest.mark.parametrize("reader", ASYNC_READERS)
@pytest.mark.parametrize("fault", sorted(FAULTS))
async def test_async_binary_read_failure(
    server: ScriptedServer, tmp_path: Path, fault: str, reader: str
) -> None:
    build, expected = FAULTS[fault]
    server.reply(build())
    async with FastAsyncOpenAI(
        api_key=SECRET, base_url=server.url, max_retries=0, timeout=READ_TIMEOUT
    ) as client:
        async with client.files.with_streaming_response.content("file-1") as response:
            binary = await response.parse(to=BinaryResponseContent)
            assert isinstance(binary, BinaryResponseContent)
            with pytest.raises(APIConnectionError) as raised:
                await consume_async(binary, reader, tmp_path / "out.bin")
        assert_translated(raised.value, expected)
        assert response.is_closed


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_raw_response_write_to_file_failure(
    server: ScriptedServer, tmp_path: Path, fault: str
) -> None:
    build, expected = FAULTS[fault]
    server.reply(build())
    with FastOpenAI(
        api_key=SECRET, base_url=server.url, max_retries=0, timeout=READ_TIMEOUT
    ) as client:
        with (
            client.files.with_streaming_response.content("file-1") as response,
            pytest.raises(APIConnectionError) as raised,
        ):
            response.write_to_file(tmp_path / "out.bin")
        assert_translated(raised.value, expected)


@pytest.mark.anyio
@pytest.mark.parametrize("fault", sorted(FAULTS))
async def test_async_raw_response_write_to_file_failure(
    server: ScriptedServer, tmp_path: Path, fault: str
) -> None:
    build, expected = FAULTS[fault]
    server.reply(build())
    async with FastAsyncOpenAI(
        api_key=SECRET, base_url=server.url, max_retries=0, timeout=READ_TIMEOUT
    ) as client:
        async with client.files.with_streaming_response.content("file-1") as response:
            with pytest.raises(APIConnectionError) as raised:
                await response.write_to_file(tmp_path / "out.bin")
        assert_translated(raised.value, expected)


def test_sync_whole_body_reads_unchanged(server: ScriptedServer, tmp_path: Path) -> None:
    text_body = b"line one\nline two\n" * 50
    server.reply(*(Reply.raw(BODY) for _ in range(4)), Reply.raw(text_body, content_type=None))
    with FastOpenAI(api_key=SECRET, base_url=server.url, max_retries=0) as client:
        with client.files.with_streaming_response.content("file-1") as response:
            binary = response.parse(to=BinaryResponseContent)
            assert b"".join(binary.iter_bytes(7)) == BODY
        with client.files.with_streaming_response.content("file-1") as response:
            binary = response.parse(to=BinaryResponseContent)
            assert binary.content == BODY  # the property reads the unread body itself
            assert binary.read() == BODY
        with client.files.with_streaming_response.content("file-1") as response:
            response.parse(to=BinaryResponseContent).write_to_file(tmp_path / "binary.bin")
        assert (tmp_path / "binary.bin").read_bytes() == BODY
        client.files.with_raw_response.content("file-1").write_to_file(tmp_path / "raw.bin")
        assert (tmp_path / "raw.bin").read_bytes() == BODY
        with client.files.with_streaming_response.content("file-1") as response:
            binary = response.parse(to=BinaryResponseContent)
            assert binary.text == text_body.decode()
            assert list(binary.iter_lines()) == ["line one", "line two"] * 50


@pytest.mark.anyio
async def test_async_whole_body_reads_unchanged(server: ScriptedServer, tmp_path: Path) -> None:
    server.reply(*(Reply.raw(BODY) for _ in range(4)))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url, max_retries=0) as client:
        async with client.files.with_streaming_response.content("file-1") as response:
            binary = await response.parse(to=BinaryResponseContent)
            assert b"".join([chunk async for chunk in binary.aiter_bytes(7)]) == BODY
        async with client.files.with_streaming_response.content("file-1") as response:
            binary = await response.parse(to=BinaryResponseContent)
            assert await binary.aread() == BODY
            assert binary.content == BODY
        async with client.files.with_streaming_response.content("file-1") as response:
            await (await response.parse(to=BinaryResponseContent)).awrite_to_file(
                tmp_path / "binary.bin"
            )
        assert (tmp_path / "binary.bin").read_bytes() == BODY
        raw = await client.files.with_raw_response.content("file-1")
        raw.write_to_file(tmp_path / "raw.bin")  # the body is read: nothing to await
        assert (tmp_path / "raw.bin").read_bytes() == BODY


def test_plain_download_failure_is_translated(server: ScriptedServer) -> None:
    """Without raw access the engine reads the body before returning: same errors."""
    build, expected = FAULTS["reset"]
    server.reply(build())
    with (
        FastOpenAI(api_key=SECRET, base_url=server.url, max_retries=0) as client,
        pytest.raises(APIConnectionError) as raised,
    ):
        client.files.content("file-1")
    assert_translated(raised.value, expected)


@pytest.mark.parametrize("reader", ["write_to_file", "stream_to_file"])
def test_failed_download_leaves_no_partial_file(
    server: ScriptedServer, tmp_path: Path, reader: str
) -> None:
    build, _expected = FAULTS["drop"]
    target = tmp_path / "out.bin"
    target.write_bytes(b"previous contents")
    server.reply(build())
    with (
        FastOpenAI(
            api_key=SECRET, base_url=server.url, max_retries=0, timeout=READ_TIMEOUT
        ) as client,
        client.files.with_streaming_response.content("file-1") as response,
    ):
        binary = response.parse(to=BinaryResponseContent)
        with pytest.raises(APIConnectionError):
            consume_sync(binary, reader, target)
    assert target.read_bytes() == b"previous contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]


@pytest.mark.anyio
async def test_failed_async_download_leaves_no_partial_file(
    server: ScriptedServer, tmp_path: Path
) -> None:
    build, _expected = FAULTS["drop"]
    target = tmp_path / "out.bin"
    server.reply(build())
    async with (
        FastAsyncOpenAI(
            api_key=SECRET, base_url=server.url, max_retries=0, timeout=READ_TIMEOUT
        ) as client,
        client.files.with_streaming_response.content("file-1") as response,
    ):
        with pytest.raises(APIConnectionError):
            await consume_async(
                await response.parse(to=BinaryResponseContent), "awrite_to_file", target
            )
    assert list(tmp_path.iterdir()) == []
