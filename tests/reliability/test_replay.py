"""A retried request is the same request: same bytes, the same idempotency key if the client sends
one (the OpenAI client sends none, as the official SDK), whatever the body was made of (JSON, a file
object that can or cannot rewind, a generator of chunks)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.server import RecordedRequest, Reply, ScriptedServer
from typed_openai import OpenAI

from .conftest import SECRET, FastAsyncOpenAI, FastOpenAI, reset_before_status

FILE_OBJECT = {
    "id": "file-1",
    "object": "file",
    "bytes": 12,
    "created_at": 1,
    "filename": "data.jsonl",
    "purpose": "batch",
    "status": "processed",
}
PAYLOAD = b'{"custom_id": "1"}\n' * 40
# the client's idempotency header, if it sends one ("" otherwise: no request has that header)
IDEMPOTENCY = (OpenAI._client_config.idempotency_header or "").lower()


def _file_part(request: RecordedRequest) -> bytes:
    """The content of the multipart part named ``file`` (boundaries differ per attempt)."""
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    for part in request.body.split(b"--" + boundary):
        head, _, content = part.partition(b"\r\n\r\n")
        if b'name="file"' in head:
            return content.removesuffix(b"\r\n")
    raise AssertionError("no file part in the request")


class OneShotReader(io.RawIOBase):
    """A readable stream that cannot seek, like a pipe or a socket file."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), len(self._data) - self._pos)
        buffer[:n] = self._data[self._pos : self._pos + n]
        self._pos += n
        return n


def test_json_post_retries_keep_one_idempotency_key_and_body(server: ScriptedServer) -> None:
    server.reply(
        Reply.json({"error": {"message": "x"}}, status=500),
        reset_before_status(),
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [0.5]}],
                "model": "m",
                "usage": {},
            }
        ),
    )
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        client.embeddings.create(model="m", input=["a", "b"])
    first, second, third = server.requests
    key = first.headers.get(IDEMPOTENCY)
    assert key == second.headers.get(IDEMPOTENCY) == third.headers.get(IDEMPOTENCY)
    assert first.body == second.body == third.body
    assert first.connection_id != third.connection_id  # the reset connection was replaced


@pytest.mark.parametrize(
    "make_file",
    [
        lambda: io.BytesIO(PAYLOAD),
        lambda: ("data.jsonl", io.BytesIO(PAYLOAD), "application/jsonl"),
        lambda: ("data.jsonl", OneShotReader(PAYLOAD)),
        lambda: io.BufferedReader(OneShotReader(PAYLOAD)),
    ],
    ids=["bytesio", "tuple-bytesio", "unseekable-raw", "unseekable-buffered"],
)
def test_multipart_file_objects_are_resent_whole(server: ScriptedServer, make_file: object) -> None:
    server.reply(
        Reply.json({"error": {"message": "busy"}}, status=503),
        Reply.drop_mid_body(),
        Reply.json(FILE_OBJECT),
    )
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        created = client.files.create(file=make_file(), purpose="batch")  # type: ignore[operator]
    assert created.id == "file-1"
    assert [_file_part(r) for r in server.requests] == [PAYLOAD] * 3
    assert len({r.headers.get(IDEMPOTENCY) for r in server.requests}) == 1


def test_multipart_real_file_is_resent_whole(server: ScriptedServer, tmp_path: object) -> None:
    path = os.path.join(str(tmp_path), "data.jsonl")
    with open(path, "wb") as f:
        f.write(PAYLOAD)
    server.reply(Reply.json({}, status=500), Reply.json(FILE_OBJECT))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client, open(path, "rb") as f:
        client.files.create(file=f, purpose="batch")
    assert [_file_part(r) for r in server.requests] == [PAYLOAD] * 2
    assert b'filename="data.jsonl"' in server.requests[1].body


@pytest.mark.anyio
async def test_async_multipart_unseekable_file_is_resent_whole(server: ScriptedServer) -> None:
    server.reply(Reply.json({}, status=502), Reply.json(FILE_OBJECT))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        unseekable: Any = OneShotReader(PAYLOAD)
        await client.files.create(file=("d.jsonl", unseekable), purpose="batch")
    assert [_file_part(r) for r in server.requests] == [PAYLOAD] * 2


def _chunks() -> Iterator[bytes]:
    yield b"RIFF"
    yield b"\x00\x01" * 100
    yield b"end"


RAW = b"RIFF" + b"\x00\x01" * 100 + b"end"


@pytest.mark.parametrize(
    "make_body",
    [lambda: io.BytesIO(RAW), lambda: OneShotReader(RAW), _chunks],
    ids=["bytesio", "unseekable", "generator"],
)
def test_raw_bodies_are_resent_with_the_same_bytes(
    server: ScriptedServer, make_body: object
) -> None:
    server.reply(Reply.json({}, status=500), reset_before_status(), Reply.json({"ok": True}))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        result = client.post(
            "/uploads/raw",
            body=make_body(),  # type: ignore[operator]
            headers={"Content-Type": "audio/wav"},
            cast_to=object,
        )
    assert result == {"ok": True}
    assert [r.body for r in server.requests] == [RAW] * 3
    assert {r.headers["content-type"] for r in server.requests} == {"audio/wav"}
    assert len({r.headers.get(IDEMPOTENCY) for r in server.requests}) == 1


@pytest.mark.anyio
async def test_async_generator_raw_body_is_resent(server: ScriptedServer) -> None:
    server.reply(Reply.json({}, status=503), Reply.json({"ok": True}))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        await client.post(
            "/uploads/raw",
            body=_chunks(),
            headers={"Content-Type": "application/octet-stream"},
            cast_to=object,
        )
    assert [r.body for r in server.requests] == [RAW] * 2


def test_a_generator_of_json_items_is_still_a_json_array(server: ScriptedServer) -> None:
    """Only a non-JSON content type makes a generator a raw upload."""
    server.reply(Reply.json({}))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        client.post("/x", body=(n for n in range(3)), cast_to=object)
    assert server.requests[0].json() == [0, 1, 2]


def test_raw_body_chunks_must_be_bytes(server: ScriptedServer) -> None:
    with (
        FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client,
        pytest.raises(TypeError, match="bytes or str"),
    ):
        client.post(
            "/x",
            body=iter([b"a", 3]),
            headers={"Content-Type": "application/octet-stream"},
            cast_to=object,
        )
    assert server.requests == []
