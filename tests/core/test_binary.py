"""Binary downloads: `cast_to=BinaryResponseContent`, read whole or streamed, sync and async."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import (
    BinaryAPIResponse,
    BinaryResponseContent,
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
        content = response.parse()
        assert isinstance(content, BinaryResponseContent)
        assert not content.response.is_stream_consumed  # written chunk by chunk, not read first
        with pytest.deprecated_call():  # deprecated as the SDK's (the response's own is not)
            content.stream_to_file(tmp_path / "f.bin", chunk_size=1000)
    assert (tmp_path / "f.bin").read_bytes() == PAYLOAD


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
