"""httpx2 objects driven by this client's httpx engine.

The official SDK runs on ``httpx2``, a fork of httpx with the same API, and code written for it
passes httpx2 objects: ``http_client=httpx2.Client(...)``, ``DefaultHttpxClient(transport=
httpx2.HTTPTransport(...))``, ``client.get(path, cast_to=httpx2.Response)``. This engine sends
httpx requests, so such a client is put behind an httpx transport that hands each request over
to it (``_http_clients.SyncHttpx2Client`` / ``AsyncHttpx2Client`` are the httpx clients built on
one). The httpx2 client does everything it would do under the official SDK — its headers,
cookies, params, auth, event hooks, redirects, transports and mounts — and this engine does
what it does over any transport: retries, timeouts, error translation, streaming.

Across the border:

- A request keeps its method, URL, headers as sent (raw, in order), body (streamed when it was
  not read: uploads) and extensions (the per-request ``timeout`` among them); it is built by the
  httpx2 client's ``build_request``, which merges the client's own defaults as the SDK's is.
- The answer comes back with its status, raw headers and extensions; its body streams from the
  httpx2 response undecoded (httpx decodes ``Content-Encoding`` as with its own transport), so a
  server-sent event stream is read as it arrives. A body a response hook of the httpx2 client
  already read is handed over decoded.
- An httpx2 failure becomes the httpx exception of the same name (``ConnectError``,
  ``ReadTimeout``...; the nearest one httpx has for a class of its own), raised from it, so the
  engine turns timeouts into ``APITimeoutError`` and connection failures into
  ``APIConnectionError`` as usual; other httpx2 exceptions pass through as they are.

This module imports httpx2, so nothing imports it before an httpx2 object is met
(``_types.from_httpx2`` tells, without importing httpx2): a process that never passes one pays
nothing for it, at import or per request.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping
from typing import Any, Final, cast

import httpx
import httpx2

from ._types import from_httpx2

__all__ = [
    "FOLLOW_REDIRECTS",
    "AsyncClientTransport",
    "ClientTransport",
    "httpx2_keywords",
    "httpx2_response",
    "httpx_error",
    "httpx_timeout",
]

# The request extension by which an httpx client built on an httpx2 one passes a call's
# `follow_redirects` to it (the httpx2 client follows redirects: the httpx one never does).
FOLLOW_REDIRECTS: Final = "httpx2_follow_redirects"

_CONTENT_ENCODING: Final = b"content-encoding"


def httpx_error(exc: httpx2.RequestError, request: httpx.Request) -> httpx.RequestError:
    """The httpx exception standing for an httpx2 request failure: the class of the same name
    (for a class httpx lacks, its nearest base httpx has), with the same message."""
    for cls in type(exc).__mro__:
        if not from_httpx2(cls):
            continue
        counterpart = getattr(httpx, cls.__name__, None)
        if isinstance(counterpart, type) and issubclass(counterpart, httpx.RequestError):
            return counterpart(str(exc), request=request)
    return httpx.RequestError(str(exc), request=request)


def httpx_timeout(timeout: httpx2.Timeout) -> httpx.Timeout:
    """The httpx timeout with the same four phase limits."""
    return httpx.Timeout(**timeout.as_dict())


def httpx2_keywords(kwargs: dict[str, Any]) -> dict[str, Any]:
    """``kwargs`` for an httpx2 client: our httpx defaults (``timeout``, ``limits``) as the
    httpx2 objects of the same values."""
    timeout = kwargs.get("timeout")
    if isinstance(timeout, httpx.Timeout):
        kwargs["timeout"] = httpx2.Timeout(**timeout.as_dict())
    limits = kwargs.get("limits")
    if isinstance(limits, httpx.Limits):
        kwargs["limits"] = httpx2.Limits(
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
        )
    return kwargs


def _extensions(request: httpx.Request) -> tuple[dict[str, Any], bool | None]:
    """The request's extensions to send on, and the call's ``follow_redirects`` (``None``: the
    httpx2 client's own setting)."""
    extensions = dict(request.extensions)
    follow = extensions.pop(FOLLOW_REDIRECTS, None)
    return extensions, cast("bool | None", follow)


def _as_sent(request: httpx.Request, sent: httpx2.Request) -> None:
    """Make ``request`` show what the httpx2 client sent for it: its URL and headers with the
    client's own params, headers and cookies merged in (and, after redirects, those of the last
    request). The answer's ``http_request`` and an error's ``request`` are this request, and with
    the official SDK they are the httpx2 client's."""
    request.url = httpx.URL(str(sent.url))
    request.headers = httpx.Headers(sent.headers.raw)


def _httpx_response(
    answer: httpx2.Response,
    request: httpx.Request,
    stream: httpx.SyncByteStream | httpx.AsyncByteStream,
) -> httpx.Response:
    if answer.is_stream_consumed:
        # a response hook of the httpx2 client read it: its body is decoded already
        return httpx.Response(
            answer.status_code,
            headers=[(k, v) for k, v in answer.headers.raw if k.lower() != _CONTENT_ENCODING],
            content=answer.content,
            request=request,
            extensions=answer.extensions,
        )
    return httpx.Response(
        answer.status_code,
        headers=answer.headers.raw,
        stream=stream,
        request=request,
        extensions=answer.extensions,
    )


class _Body(httpx.SyncByteStream):
    """An httpx2 response's body, undecoded, as httpx reads it (its errors as httpx's)."""

    def __init__(self, answer: httpx2.Response, request: httpx.Request) -> None:
        self._answer = answer
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._answer.iter_raw()
        except httpx2.RequestError as exc:
            raise httpx_error(exc, self._request) from exc

    def close(self) -> None:
        self._answer.close()


class _AsyncBody(httpx.AsyncByteStream):
    def __init__(self, answer: httpx2.Response, request: httpx.Request) -> None:
        self._answer = answer
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._answer.aiter_raw():
                yield chunk
        except httpx2.RequestError as exc:
            raise httpx_error(exc, self._request) from exc

    async def aclose(self) -> None:
        await self._answer.aclose()


def _sync_content(request: httpx.Request) -> bytes | Iterable[bytes]:
    try:
        return request.content
    except httpx.RequestNotRead:  # an upload streamed from a file: streamed on
        return cast("Iterable[bytes]", request.stream)


async def _async_stream(stream: AsyncIterable[bytes]) -> AsyncIterator[bytes]:
    async for chunk in stream:
        yield chunk


def _async_content(request: httpx.Request) -> bytes | AsyncIterator[bytes]:
    try:
        return request.content
    except httpx.RequestNotRead:
        return _async_stream(cast("AsyncIterable[bytes]", request.stream))


class ClientTransport(httpx.BaseTransport):
    """An httpx transport that sends each request through an ``httpx2.Client``; closing it
    closes that client."""

    def __init__(self, client: httpx2.Client) -> None:
        self.client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        client = self.client
        extensions, follow = _extensions(request)
        try:
            sent = client.build_request(
                request.method,
                str(request.url),
                headers=request.headers.raw,
                content=_sync_content(request),
                extensions=extensions,
            )
            _as_sent(request, sent)
            answer = client.send(
                sent,
                stream=True,
                follow_redirects=httpx2.USE_CLIENT_DEFAULT if follow is None else follow,
            )
        except httpx2.RequestError as exc:
            raise httpx_error(exc, request) from exc
        _as_sent(request, answer.request)
        return _httpx_response(answer, request, _Body(answer, request))

    def close(self) -> None:
        self.client.close()


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """An httpx async transport that sends each request through an ``httpx2.AsyncClient``;
    closing it closes that client."""

    def __init__(self, client: httpx2.AsyncClient) -> None:
        self.client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        client = self.client
        extensions, follow = _extensions(request)
        try:
            sent = client.build_request(
                request.method,
                str(request.url),
                headers=request.headers.raw,
                content=_async_content(request),
                extensions=extensions,
            )
            _as_sent(request, sent)
            answer = await client.send(
                sent,
                stream=True,
                follow_redirects=httpx2.USE_CLIENT_DEFAULT if follow is None else follow,
            )
        except httpx2.RequestError as exc:
            raise httpx_error(exc, request) from exc
        _as_sent(request, answer.request)
        return _httpx_response(answer, request, _AsyncBody(answer, request))

    async def aclose(self) -> None:
        await self.client.aclose()


def httpx2_response(response: httpx.Response, cast_to: type) -> httpx2.Response:
    """What a call with ``cast_to=httpx2.Response`` (or a subclass) returns: an httpx2 response
    of the answer read — its status, headers as sent, body (decoded), extensions, elapsed time
    and request. Another httpx2 class is a ``TypeError`` naming it."""
    if not issubclass(cast_to, httpx2.Response):
        raise TypeError(
            f"cast_to={cast_to.__module__}.{cast_to.__qualname__} is not a result type; "
            "httpx2.Response is the httpx2 class a call can return"
        )
    sent = response.request
    try:
        body: bytes | None = sent.content
    except httpx.RequestNotRead:
        body = None  # an upload streamed from a file: not kept
    request = httpx2.Request(
        sent.method,
        str(sent.url),
        headers=sent.headers.raw,
        content=body,
        extensions=dict(sent.extensions),
    )
    headers = response.headers.raw
    # built from the decoded body: the content-encoding header goes back on once it is loaded
    result = cast_to(
        response.status_code,
        headers=[(k, v) for k, v in headers if k.lower() != _CONTENT_ENCODING],
        content=response.content,
        request=request,
        extensions=cast("Mapping[str, Any]", response.extensions),
    )
    result.headers = httpx2.Headers(headers)
    result.elapsed = response.elapsed
    return result
