"""Binary downloads: the body of a response as bytes, text, chunks or a file."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import httpx

__all__ = ["BinaryResponseContent"]


class BinaryResponseContent:
    """A binary response. Sync and async readers sit side by side (``read``/``aread``...)."""

    response: httpx.Response

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def content(self) -> bytes:
        return self.response.content

    @property
    def text(self) -> str:
        return self.response.text

    @property
    def encoding(self) -> str | None:
        return self.response.encoding

    def read(self) -> bytes:
        return self.response.read()

    def json(self) -> object:
        return self.response.json()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self.response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.response.iter_lines()

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the whole body to ``file``, chunk by chunk."""
        with open(file, mode="wb") as out:
            for chunk in self.response.iter_bytes():
                out.write(chunk)

    def stream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        with open(file, mode="wb") as out:
            for chunk in self.response.iter_bytes(chunk_size):
                out.write(chunk)

    def close(self) -> None:
        self.response.close()

    async def aread(self) -> bytes:
        return await self.response.aread()

    def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return self.response.aiter_bytes(chunk_size)

    def aiter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return self.response.aiter_text(chunk_size)

    def aiter_lines(self) -> AsyncIterator[str]:
        return self.response.aiter_lines()

    async def awrite_to_file(self, file: str | os.PathLike[str]) -> None:
        with open(file, mode="wb") as out:
            async for chunk in self.response.aiter_bytes():
                out.write(chunk)

    async def aclose(self) -> None:
        await self.response.aclose()
