"""An httpx async transport that sends requests with aiohttp.

``httpx.AsyncClient(transport=AiohttpTransport())`` keeps everything httpx does above the
transport (URL and header building, redirects, decoding, our retries and error translation) and
hands the connection work to aiohttp's connection pool and HTTP parser. Installed by the
``aiohttp`` extra; ``DefaultAioHttpClient`` (``_http_clients``) is the ready-made client on it.

Mapping between the two libraries:

- httpx's per-request timeouts (``request.extensions["timeout"]``) become aiohttp's
  ``sock_connect`` (connect), ``sock_read`` (each read) and pool wait (``connect``, which aiohttp
  counts from the pool wait on); aiohttp has no write timeout.
- aiohttp's failures become the httpx exceptions the engine already translates, as the official
  SDK's aiohttp client maps them (code written for it catches ``APITimeoutError`` there): a read
  timeout ``httpx.ReadTimeout``; every other connection failure (a connect timeout, a refused or
  reset connection, one the server closed before answering) ``httpx.ConnectTimeout``, so
  ``APITimeoutError`` (an ``APIConnectionError``); a body cut short ``httpx.ReadError``; a
  malformed response ``httpx.RemoteProtocolError``.
- The body is handed to httpx undecoded (``auto_decompress=False``), so httpx decodes
  ``Content-Encoding`` exactly as with its own transport; redirects are left to httpx too.
- The aiohttp session (it must be made inside a running event loop) is created on the first
  request and closed by ``aclose()``. Its own silent re-send of a request whose connection
  dropped is switched off: retrying is the engine's job.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterable, AsyncIterator
from typing import Any, cast

import aiohttp
import httpx

__all__ = ["AiohttpTransport"]

_CHUNK = 64 * 1024


def _httpx_error(exc: BaseException, request: httpx.Request) -> httpx.TransportError | None:
    """The httpx exception for an aiohttp failure (``None``: not a transport failure)."""
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.SocketTimeoutError):
        return httpx.ReadTimeout(message, request=request)
    if isinstance(exc, aiohttp.ClientConnectionError):
        return httpx.ConnectTimeout(message, request=request)
    if isinstance(exc, TimeoutError):
        return httpx.ReadTimeout(message, request=request)
    if isinstance(exc, aiohttp.ClientPayloadError):
        return httpx.ReadError(message, request=request)
    if isinstance(exc, aiohttp.ClientResponseError):
        return httpx.RemoteProtocolError(message, request=request)
    if isinstance(exc, (aiohttp.ClientError, OSError)):
        return httpx.NetworkError(message, request=request)
    return None


class _ResponseBody(httpx.AsyncByteStream):
    """An aiohttp response's body as httpx reads it: chunks as they arrive, errors as httpx's."""

    def __init__(self, response: aiohttp.ClientResponse, request: httpx.Request) -> None:
        self._response = response
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.content.iter_chunked(_CHUNK):
                yield chunk
        except BaseException as exc:
            translated = _httpx_error(exc, self._request)
            if translated is None:
                raise
            raise translated from exc

    async def aclose(self) -> None:
        # Back to the pool when the body was read to its end; otherwise the connection is closed.
        self._response.release()


async def _request_body(request: httpx.Request) -> AsyncIterator[bytes]:
    # A request body httpx has not read (multipart, a generator) is an async byte stream here.
    async for chunk in cast("AsyncIterable[bytes]", request.stream):
        yield chunk


class AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends httpx requests through one aiohttp ``ClientSession`` (its pool sized by ``limits``)."""

    def __init__(
        self,
        *,
        verify: ssl.SSLContext | bool = True,
        limits: httpx.Limits | None = None,
    ) -> None:
        self._verify = verify
        self._limits = limits or httpx.Limits()
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        session = self._session
        if session is None or session.closed:
            limits = self._limits
            verify = self._verify
            connector = aiohttp.TCPConnector(
                limit=limits.max_connections or 0,
                keepalive_timeout=limits.keepalive_expiry or 0,
                ssl=verify,  # an SSLContext, True (default checks) or False (none)
            )
            session = aiohttp.ClientSession(
                connector=connector,
                auto_decompress=False,
                # httpx already set every header; aiohttp must not add its own User-Agent etc.
                skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding", "Content-Type"),
                cookie_jar=aiohttp.DummyCookieJar(),
            )
            # aiohttp quietly re-sends an idempotent request once when the server drops the
            # connection; retries are the engine's to decide and count (max_retries, the retry
            # count header, the idempotency key), so that one is switched off. (No public
            # setting exists; the attribute is absent in other aiohttp versions, then nothing
            # changes.)
            if hasattr(session, "_retry_connection"):
                session._retry_connection = False  # pyright: ignore[reportPrivateUsage]
            self._session = session
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._get_session()
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        timeout = aiohttp.ClientTimeout(
            total=None,
            connect=timeouts.get("pool"),
            sock_connect=timeouts.get("connect"),
            sock_read=timeouts.get("read"),
        )
        try:
            data: Any = request.content or None  # no body: no Content-Length: 0 either
        except httpx.RequestNotRead:
            data = _request_body(request)
        try:
            response = await session.request(
                request.method,
                str(request.url),
                headers=list(request.headers.multi_items()),
                data=data,
                allow_redirects=False,
                timeout=timeout,
                compress=None,
            )
        except BaseException as exc:
            translated = _httpx_error(exc, request)
            if translated is None:
                raise
            raise translated from exc
        return httpx.Response(
            status_code=response.status,
            headers=[(name, value) for name, value in response.raw_headers],
            stream=_ResponseBody(response, request),
            request=request,
            extensions={
                "http_version": f"HTTP/{response.version.major}.{response.version.minor}".encode()
                if response.version is not None
                else b"HTTP/1.1",
                "reason_phrase": (response.reason or "").encode(),
            },
        )

    async def aclose(self) -> None:
        session = self._session
        self._session = None
        if session is not None and not session.closed:
            await session.close()
