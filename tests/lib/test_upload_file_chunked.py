"""``client.uploads.upload_file_chunked`` against the local server, with the official SDK as oracle."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import openai
import pytest

import typed_openai
from typed_openai.testing import LocalOpenAIServer

DATA = b'{"prompt": "a", "completion": "b"}\n' * 40  # 1,440 bytes


@pytest.fixture(scope="module")
def server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer() as running:
        yield running


@pytest.fixture
def client(server: LocalOpenAIServer) -> Iterator[typed_openai.OpenAI]:
    with typed_openai.OpenAI(api_key="k", base_url=server.base_url, max_retries=0) as made:
        yield made


def _routes(server: LocalOpenAIServer) -> dict[str, int]:
    return {k: v for k, v in server.stats.snapshot()["requests_by_route"].items() if "upload" in k}


def test_bytes_in_parts_become_the_file(
    server: LocalOpenAIServer, client: typed_openai.OpenAI
) -> None:
    server.stats.reset()
    upload = client.uploads.upload_file_chunked(
        file=DATA,
        filename="train.jsonl",
        bytes=len(DATA),
        mime_type="text/jsonl",
        purpose="fine-tune",
        part_size=500,
        md5=hashlib.md5(DATA, usedforsecurity=False).hexdigest(),
    )
    assert type(upload).__name__ == "Upload" and upload.status == "completed"
    assert upload.file is not None and upload.file.bytes == len(DATA)
    assert client.files.content(upload.file.id).content == DATA
    assert _routes(server) == {
        "POST /uploads": 1,
        "POST /uploads/{upload_id}/parts": 3,  # 500 + 500 + 440
        "POST /uploads/{upload_id}/complete": 1,
    }


@pytest.mark.parametrize("as_text", [False, True], ids=["Path", "str"])
def test_a_path_gives_name_and_size(
    tmp_path: Path, client: typed_openai.OpenAI, as_text: bool
) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(DATA)
    upload = client.uploads.upload_file_chunked(
        file=str(path) if as_text else path, mime_type="text/jsonl", purpose="batch"
    )
    assert (upload.filename, upload.bytes) == ("data.jsonl", len(DATA))
    assert upload.file is not None
    assert client.files.content(upload.file.id).content == DATA
    renamed = client.uploads.upload_file_chunked(
        file=path, filename="other.jsonl", mime_type="text/jsonl", purpose="batch"
    )
    assert renamed.filename == "other.jsonl"


def test_same_requests_as_the_official_sdk(server: LocalOpenAIServer, tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(DATA)
    seen: list[dict[str, int]] = []
    for make in (typed_openai.OpenAI, openai.OpenAI):
        server.stats.reset()
        with make(api_key="k", base_url=server.base_url) as sdk:
            result: Any = sdk.uploads.upload_file_chunked(
                file=path, mime_type="text/jsonl", purpose="batch", part_size=300
            )
        assert result.status == "completed" and result.bytes == len(DATA)
        seen.append(_routes(server))
    assert seen[0] == seen[1]


@pytest.mark.parametrize(
    ("missing", "kwargs"),
    [("filename", {"bytes": len(DATA)}), ("bytes", {"filename": "a.jsonl"})],
)
def test_bytes_need_a_name_and_a_size(
    client: typed_openai.OpenAI, missing: str, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(TypeError, match=missing):
        client.uploads.upload_file_chunked(
            file=DATA, mime_type="text/jsonl", purpose="batch", **kwargs
        )


def test_a_bad_part_size_is_refused_before_any_request(
    server: LocalOpenAIServer, client: typed_openai.OpenAI
) -> None:
    server.stats.reset()
    with pytest.raises(ValueError, match="part_size"):
        client.uploads.upload_file_chunked(
            file=DATA, filename="a", bytes=len(DATA), mime_type="t", purpose="batch", part_size=0
        )
    assert _routes(server) == {}


def test_a_wrong_checksum_is_the_servers_error(client: typed_openai.OpenAI) -> None:
    with pytest.raises(typed_openai.BadRequestError, match="MD5"):
        client.uploads.upload_file_chunked(
            file=DATA, filename="a", bytes=len(DATA), mime_type="t", purpose="batch", md5="0" * 32
        )


def test_async(server: LocalOpenAIServer, tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(DATA)

    async def main() -> Any:
        async with typed_openai.AsyncOpenAI(api_key="k", base_url=server.base_url) as sdk:
            upload = await sdk.uploads.upload_file_chunked(
                file=path, mime_type="text/jsonl", purpose="batch", part_size=700
            )
            assert upload.file is not None
            return upload, (await sdk.files.content(upload.file.id)).content

    upload, content = anyio.run(main)
    assert upload.status == "completed" and content == DATA
