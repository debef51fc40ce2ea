"""Binary answers against the official SDK: speech and downloads saved with
``with_streaming_response ... stream_to_file``, ``write_to_file`` on raw responses, and the SDP
answer of ``realtime.calls.create`` as binary content. The same code runs on both packages over
the loopback server; what it observes (bytes on disk, request line) must agree."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both

PAYLOAD = bytes(range(256)) * 40  # 10 KiB, sent in three chunks
SPLIT = (0, 3000, 7000, len(PAYLOAD))

# (what the call is, the request it sends, the call itself)
DOWNLOADS: dict[str, tuple[str, str, Callable[[Any], Any]]] = {
    "audio.speech.create": (
        "POST",
        "/audio/speech",
        lambda r: r.audio.speech.create(model="tts-1", voice="alloy", input="hi"),
    ),
    "files.content": ("GET", "/files/file-1/content", lambda r: r.files.content("file-1")),
    "containers.files.content.retrieve": (
        "GET",
        "/containers/cntr-1/files/cf-1/content",
        lambda r: r.containers.files.content.retrieve("cf-1", container_id="cntr-1"),
    ),
    "videos.download_content": (
        "GET",
        "/videos/video-1/content",
        lambda r: r.videos.download_content("video-1"),
    ),
    "skills.content.retrieve": (
        "GET",
        "/skills/skill-1/content",
        lambda r: r.skills.content.retrieve("skill-1"),
    ),
}


class _Via:
    """Looks like a client to the DOWNLOADS lambdas, but every attribute chain ends at the
    method of `wrapper` (`with_streaming_response`) on the right resource."""

    def __init__(self, client: Any, wrapper: str) -> None:
        self._client, self._wrapper, self._path = client, wrapper, ()

    def __getattr__(self, name: str) -> Any:
        nxt = _Via(self._client, self._wrapper)
        nxt._path = (*self._path, name)
        return nxt

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        target = self._client
        for part in self._path[:-1]:
            target = getattr(target, part)
        return getattr(getattr(target, self._wrapper), self._path[-1])(*args, **kwargs)


def _chunked(server: ScriptedServer, method: str, path: str) -> None:
    chunks = [PAYLOAD[a:b] for a, b in itertools.pairwise(SPLIT)]
    server.route(
        method, path, Reply.sse(chunks, delay=0.01, headers={"content-type": "audio/mpeg"})
    )


@pytest.mark.parametrize("name", sorted(DOWNLOADS))
def test_streaming_response_stream_to_file(
    server: ScriptedServer, tmp_path: Path, name: str
) -> None:
    method, path, call = DOWNLOADS[name]
    _chunked(server, method, path)

    def observe(sdk: ModuleType) -> tuple[bytes, str, str]:
        target = tmp_path / f"{sdk.__name__}.bin"
        with (
            client_of(sdk, server.url) as client,
            call(_Via(client, "with_streaming_response")) as response,
        ):
            response.stream_to_file(target, chunk_size=1024)
        request = server.requests[-1]
        return target.read_bytes(), request.method, request.path

    ours, theirs = run_both(observe)
    assert ours == theirs == (PAYLOAD, method, path)


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(DOWNLOADS))
async def test_async_streaming_response_stream_to_file(
    server: ScriptedServer, tmp_path: Path, name: str
) -> None:
    method, path, call = DOWNLOADS[name]
    _chunked(server, method, path)

    async def observe(sdk: ModuleType) -> bytes:
        target = tmp_path / f"{sdk.__name__}.bin"
        async with (
            async_client_of(sdk, server.url) as client,
            call(_Via(client, "with_streaming_response")) as response,
        ):
            await response.stream_to_file(target)
        return target.read_bytes()

    ours, theirs = await arun_both(observe)
    assert ours == theirs == PAYLOAD


@pytest.mark.parametrize("name", sorted(DOWNLOADS))
def test_plain_call_and_raw_response_write_to_file(
    server: ScriptedServer, tmp_path: Path, name: str
) -> None:
    method, path, call = DOWNLOADS[name]
    server.route(method, path, Reply.raw(PAYLOAD))

    def observe(sdk: ModuleType) -> tuple[bytes, bytes, bytes]:
        plain, raw = tmp_path / f"{sdk.__name__}.plain", tmp_path / f"{sdk.__name__}.raw"
        with client_of(sdk, server.url) as client:
            content = call(client)
            content.write_to_file(plain)
            call(_Via(client, "with_raw_response")).parse().write_to_file(raw)
        return content.content, plain.read_bytes(), raw.read_bytes()

    ours, theirs = run_both(observe)
    assert ours == theirs == (PAYLOAD, PAYLOAD, PAYLOAD)


def test_realtime_call_answer_is_binary_content(server: ScriptedServer) -> None:
    answer = b"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"
    server.route("POST", "/realtime/calls", Reply.raw(answer, 201, None, "application/sdp"))

    def observe(sdk: ModuleType) -> tuple[str, bytes, str, str]:
        with client_of(sdk, server.url) as client:
            result = client.realtime.calls.create(sdp="v=0 offer")
        request = server.requests[-1]
        return type(result).__name__, result.content, result.text, request.headers["accept"]

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == ("HttpxBinaryResponseContent", answer, answer.decode(), "application/sdp")
