"""Reading a response body after the call returned, with transport failures translated.

A response handed out unread (``with_streaming_response``, a binary download) is read outside
the engine's error translation. Every such read goes through these helpers, so a connection lost
or a read timing out mid-body raises ``APIConnectionError`` / ``APITimeoutError`` (the httpx
error kept as ``__cause__``) exactly as a failed call does, whichever object does the reading.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from typing import TypeVar, cast

import httpx

from ._errors import StreamAlreadyConsumed, translate_transport_error

__all__ = ["aread_body", "read_body", "translated_achunks", "translated_chunks"]

_T = TypeVar("_T")


def read_body(response: httpx.Response) -> bytes:
    """The whole body (read once; later calls return the same bytes)."""
    try:
        return response.read()
    except httpx.StreamConsumed as exc:
        raise StreamAlreadyConsumed() from exc
    except httpx.RequestError as exc:
        raise translate_transport_error(exc, response.request) from exc


def translated_chunks(response: httpx.Response, chunks: Iterator[_T]) -> Iterator[_T]:
    """``chunks`` (an iterator over ``response``'s body) passed through unchanged."""
    try:
        yield from chunks
    except httpx.RequestError as exc:
        raise translate_transport_error(exc, response.request) from exc


async def aread_body(response: httpx.Response) -> bytes:
    try:
        return await response.aread()
    except httpx.StreamConsumed as exc:
        raise StreamAlreadyConsumed() from exc
    except httpx.RequestError as exc:
        raise translate_transport_error(exc, response.request) from exc


async def translated_achunks(
    response: httpx.Response, chunks: AsyncIterator[_T]
) -> AsyncGenerator[_T, None]:
    try:
        async for chunk in chunks:
            yield chunk
    except httpx.RequestError as exc:
        raise translate_transport_error(exc, response.request) from exc
    finally:
        # Stopped early: end httpx's generator now rather than whenever it is collected.
        if isinstance(chunks, AsyncGenerator):
            await cast("AsyncGenerator[_T, None]", chunks).aclose()
