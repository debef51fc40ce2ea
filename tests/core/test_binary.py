"""Binary downloads: `cast_to=BinaryResponseContent`, read whole or streamed, sync and async."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import (
    BinaryAPIResponse,
    BinaryResponseContent,
    async_to_streamed_response_wrapper,
    to_streamed_response_wrapper,
)

from .conftest import AsyncExampleClient, ExampleClient

PAYLOAD = bytes(range(256)) * 64


def test_binary_content_read_text_and_file(
    client: ExampleClient, server: ScriptedServer, tmp_path: Path
) -> None:
    server.reply(
        Reply.raw(PAYLOAD, content_type="audio/mpeg"),
        Reply.raw("héllo", content_type="text/plain; charset=utf-8"),
    )
    audio = client.post("/speech", cast_to=BinaryResponseContent, body={"input": "x"})
    assert isinstance(audio, BinaryResponseContent) and BinaryAPIResponse is BinaryResponseContent
    assert audio.content == PAYLOAD and audio.read() == PAYLOAD
    assert b"".join(audio.iter_bytes()) == PAYLOAD
    target = tmp_path / "out.mp3"
    audio.write_to_file(target)
    assert target.read_bytes() == PAYLOAD
    text = client.get("/text", cast_to=BinaryResponseContent)
    assert text.text == "héllo" and text.encoding == "utf-8"


def test_streamed_binary_download(
    client: ExampleClient, server: ScriptedServer, tmp_path: Path
) -> None:
    server.reply(Reply.sse([PAYLOAD[:5000], PAYLOAD[5000:]], delay=0.02))
    with to_streamed_response_wrapper(client.get)(
        "/file", cast_to=BinaryResponseContent
    ) as response:
        response.stream_to_file(tmp_path / "f.bin", chunk_size=1000)
    assert (tmp_path / "f.bin").read_bytes() == PAYLOAD


def test_parse_of_a_streamed_download_reads_it_as_bytes(
    client: ExampleClient, server: ScriptedServer
) -> None:
    # as the official SDK's: the response streams the body itself; `parse()` is the whole of it
    server.reply(Reply.sse([PAYLOAD[:5000], PAYLOAD[5000:]], delay=0.02))
    with to_streamed_response_wrapper(client.get)(
        "/file", cast_to=BinaryResponseContent
    ) as response:
        assert response.parse() == PAYLOAD
        unread = response.parse(to=BinaryResponseContent)  # still there when asked for
        assert isinstance(unread, BinaryResponseContent) and unread.read() == PAYLOAD


@pytest.mark.anyio
async def test_async_parse_of_a_streamed_download_reads_it_as_bytes(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.raw(PAYLOAD))
    async with async_to_streamed_response_wrapper(async_client.get)(
        "/file", cast_to=BinaryResponseContent
    ) as response:
        assert await response.parse() == PAYLOAD


@pytest.mark.anyio
async def test_async_binary(
    async_client: AsyncExampleClient, server: ScriptedServer, tmp_path: Path
) -> None:
    server.reply(Reply.raw(PAYLOAD))
    content = await async_client.get("/file", cast_to=BinaryResponseContent)
    assert await content.aread() == PAYLOAD
    assert b"".join([chunk async for chunk in content.aiter_bytes()]) == PAYLOAD
    await content.awrite_to_file(tmp_path / "a.bin")
    assert (tmp_path / "a.bin").read_bytes() == PAYLOAD
    await content.aclose()
