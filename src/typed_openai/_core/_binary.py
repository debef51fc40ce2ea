"""Binary downloads: the body of a response as bytes, text, chunks or a file.

The response may arrive unread (``with_streaming_response``), so every reader here goes through
``_body_reads``: a connection lost or a read timing out mid-body raises ``APIConnectionError`` /
``APITimeoutError``, never a bare httpx exception.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import AsyncIterator, Generator, Iterator
from typing import IO, Any, Generic, TypeVar

import httpx

from ._body_reads import aread_body, read_body, translated_achunks, translated_chunks
from ._deprecation import deprecated  # typing_extensions' would load asyncio for astream_to_file

__all__ = [
    "AsyncChunks",
    "BinaryResponseContent",
    "HttpxBinaryResponseContent",
    "asave_body",
    "save_body",
]

# `stream_to_file` of a call's binary result is deprecated, as in the official SDK (callers get a
# DeprecationWarning and type checkers flag the call): the plain call reads the whole body before
# it returns, so the name promises a streaming that only `with_streaming_response` gives.
_READ_WHOLE = (
    "A plain call reads its binary result whole before returning it, so nothing is streamed "
    "here: to write a download to a file as it arrives use `.with_streaming_response.<method>(...)` "
    "and that response's `stream_to_file()`; to save this result use `write_to_file()`"
)

_T = TypeVar("_T")


class AsyncChunks(AsyncIterator[_T], Generic[_T]):
    """The async chunk iterators of a download, usable with or without ``await``: code written
    for the official SDK awaits them (``async for chunk in await content.aiter_bytes()``, its
    readers being coroutines that return the iterator); iterating them directly works too."""

    def __init__(self, chunks: AsyncIterator[_T]) -> None:
        self._chunks = chunks

    def __aiter__(self) -> AsyncChunks[_T]:
        return self

    async def __anext__(self) -> _T:
        return await self._chunks.__anext__()

    def __await__(self) -> Generator[Any, None, AsyncChunks[_T]]:
        return self._itself().__await__()

    async def _itself(self) -> AsyncChunks[_T]:
        return self


@contextlib.contextmanager
def _replacing(file: str | os.PathLike[str]) -> Generator[IO[bytes], None, None]:
    """A temporary file beside ``file`` that replaces it only once fully written.

    A download that fails midway leaves no half-written file behind (and an existing file at
    that path untouched): the error propagates and the partial bytes are deleted.
    """
    target = os.fspath(file)
    try:
        fd, partial = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}.",
            suffix=".part",
            dir=os.path.dirname(target) or ".",
        )
    except OSError as exc:
        raise _about(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
        try:
            os.replace(partial, target)
        except OSError as exc:
            raise _about(target, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


def _about(target: str, error: OSError) -> OSError:
    """``error`` naming ``target``, as opening it for writing would (``FileNotFoundError: [Errno
    2] No such file or directory: 'out/speech.mp3'``), not the temporary file beside it that the
    user never named; the same class (the errno picks it) and ``filename``."""
    if error.errno is None:
        return error
    return OSError(error.errno, error.strerror, target)


class HttpxBinaryResponseContent:
    """A binary response. Sync and async readers sit side by side (``read``/``aread``...).

    Named as the official SDK names the class of a download (code and logs show
    ``type(result).__name__``); ``BinaryResponseContent`` is the same class.
    """

    response: httpx.Response

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def content(self) -> bytes:
        return self._body()

    @property
    def text(self) -> str:
        self._body()
        return self.response.text

    @property
    def encoding(self) -> str | None:
        return self.response.encoding

    @property
    def charset_encoding(self) -> str | None:
        return self.response.charset_encoding

    def read(self) -> bytes:
        return read_body(self.response)

    def json(self, **kwargs: Any) -> Any:
        # keyword arguments go to json.loads (parse_float=Decimal, ...), as the SDK's do
        self._body()
        return self.response.json(**kwargs)

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return translated_chunks(self.response, self.response.iter_bytes(chunk_size))

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return translated_chunks(self.response, self.response.iter_text(chunk_size))

    def iter_lines(self) -> Iterator[str]:
        return translated_chunks(self.response, self.response.iter_lines())

    def iter_raw(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body as sent (``Content-Encoding`` not undone)."""
        return translated_chunks(self.response, self.response.iter_raw(chunk_size))

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the whole body to ``file``, chunk by chunk."""
        save_body(self.response, file)

    @deprecated(_READ_WHOLE)
    def stream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        save_body(self.response, file, chunk_size)

    def close(self) -> None:
        self.response.close()

    def _body(self) -> bytes:
        """The body for the properties: read now when it can be read synchronously.

        An unread async response cannot be read from a property; httpx's ``ResponseNotRead``
        then says to ``aread()`` first.
        """
        if isinstance(self.response.stream, httpx.SyncByteStream):
            return self.read()
        return self.response.content

    async def aread(self) -> bytes:
        return await aread_body(self.response)

    def aiter_bytes(self, chunk_size: int | None = None) -> AsyncChunks[bytes]:
        return AsyncChunks(translated_achunks(self.response, self.response.aiter_bytes(chunk_size)))

    def aiter_text(self, chunk_size: int | None = None) -> AsyncChunks[str]:
        return AsyncChunks(translated_achunks(self.response, self.response.aiter_text(chunk_size)))

    def aiter_lines(self) -> AsyncChunks[str]:
        return AsyncChunks(translated_achunks(self.response, self.response.aiter_lines()))

    def aiter_raw(self, chunk_size: int | None = None) -> AsyncChunks[bytes]:
        return AsyncChunks(translated_achunks(self.response, self.response.aiter_raw(chunk_size)))

    async def awrite_to_file(self, file: str | os.PathLike[str]) -> None:
        await asave_body(self.response, file)

    @deprecated(_READ_WHOLE)
    async def astream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        await asave_body(self.response, file, chunk_size)

    async def aclose(self) -> None:
        await self.response.aclose()


def save_body(
    response: httpx.Response, file: str | os.PathLike[str], chunk_size: int | None = None
) -> None:
    """Write the body of ``response`` to ``file`` as its chunks are read (all or nothing)."""
    with _replacing(file) as out:
        for chunk in translated_chunks(response, response.iter_bytes(chunk_size)):
            out.write(chunk)


async def asave_body(
    response: httpx.Response, file: str | os.PathLike[str], chunk_size: int | None = None
) -> None:
    """``save_body`` reading the body asynchronously."""
    with _replacing(file) as out:
        async for chunk in translated_achunks(response, response.aiter_bytes(chunk_size)):
            out.write(chunk)


BinaryResponseContent = HttpxBinaryResponseContent
