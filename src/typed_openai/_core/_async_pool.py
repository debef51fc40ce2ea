"""A connection pool for the default async transport whose bookkeeping stays linear.

httpcore 1.0's ``AsyncConnectionPool`` re-examines every connection each time a request starts
or a response closes, and two parts of that pass are needlessly expensive once many
connections are open (64 concurrent tasks hold 64): the surplus-idle test builds a list of every
connection for each idle one (quadratic), and the "did the server close this idle connection?"
probe asks anyio for the socket through a dictionary of every socket attribute it can report
(``getpeername`` included) before polling it. Under concurrency that pool work, not the
requests, was most of the client's CPU time.

``LinearConnectionPool`` keeps httpcore's policy (drop closed connections, close expired ones
and idle ones beyond the keep-alive limit, hand each queued request the first available
connection for its origin, else open one, else replace an idle one) in one pass over the
connections, and ``ProbeCachingBackend`` streams keep their raw socket so the probe is a single
``poll``. Only the transport our clients build by default uses them; an injected
``http_client`` is untouched. When httpcore's internals differ from what this relies on (another
major version), ``fast_async_transport`` returns the stock transport.
"""

from __future__ import annotations

import select
import ssl
from collections.abc import Iterable
from typing import Any, Protocol, cast

import httpcore
import httpx

__all__ = ["LinearConnectionPool", "ProbeCachingBackend", "fast_async_transport"]


class _HasFileno(Protocol):
    def fileno(self) -> int: ...


class _ReadProbe:
    """Asks the kernel whether reading a socket would not block: data, EOF (closed by the
    peer) or an error. One ``poll`` object per connection, registered once."""

    __slots__ = ("_fd", "_poller", "_socket")

    def __init__(self, sock: _HasFileno) -> None:
        self._socket = sock
        self._fd = -1
        self._poller = select.poll()

    def readable(self) -> bool:
        fd = self._socket.fileno()
        if fd < 0:
            return True  # closed under us: as good as EOF
        if fd != self._fd:
            if self._fd >= 0:
                self._poller.unregister(self._fd)
            self._poller.register(fd, select.POLLIN)
            self._fd = fd
        return bool(self._poller.poll(0))


class _ProbeCachingStream(httpcore.AsyncNetworkStream):
    """Delegates to the backend's stream; answers ``is_readable`` from the cached raw socket."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        # asyncio hands out a socket-like wrapper, not a ``socket.socket``; its fd is all we need
        raw: Any = inner.get_extra_info("socket")
        self._probe = _ReadProbe(raw) if callable(getattr(raw, "fileno", None)) else None

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        upgraded = await self._inner.start_tls(ssl_context, server_hostname, timeout)
        return _ProbeCachingStream(upgraded)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable" and self._probe is not None:
            return self._probe.readable()
        return self._inner.get_extra_info(info)


class ProbeCachingBackend(httpcore.AsyncNetworkBackend):
    """httpcore's anyio backend, with streams whose idle-connection probe is one ``poll``."""

    def __init__(self) -> None:
        # anyio runs on asyncio and trio alike (the conditional export hides its type)
        self._inner = cast("httpcore.AsyncNetworkBackend", httpcore.AnyIOBackend())

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _ProbeCachingStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._inner.connect_unix_socket(path, timeout, socket_options)
        return _ProbeCachingStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class LinearConnectionPool(httpcore.AsyncConnectionPool):
    """httpcore's pool with a single-pass ``_assign_requests_to_connections`` (see the module)."""

    def _assign_requests_to_connections(self) -> list[Any]:
        closing: list[Any] = []
        kept: list[Any] = []
        idle = 0
        for connection in self._connections:
            if connection.is_closed():
                continue
            if connection.is_idle():
                # Only an idle HTTP/1.1 connection can expire (keep-alive time over, closed by
                # the server, or its connect failed); a busy one has no expiry until its
                # response ends, so it is not probed.
                if connection.has_expired() or idle >= self._max_keepalive_connections:
                    closing.append(connection)
                    continue
                idle += 1
            kept.append(connection)
        self._connections = kept

        for pool_request in self._requests:
            if not pool_request.is_queued():
                continue
            origin = pool_request.request.url.origin
            chosen = None
            first_idle = None
            for connection in kept:
                if connection.can_handle_request(origin) and connection.is_available():
                    chosen = connection
                    break
                if first_idle is None and connection.is_idle():
                    first_idle = connection
            if chosen is None:
                if len(kept) >= self._max_connections:
                    if first_idle is None:
                        continue  # stays queued until a connection frees up
                    kept.remove(first_idle)
                    closing.append(first_idle)
                chosen = self.create_connection(origin)
                kept.append(chosen)
            pool_request.assign_to_connection(chosen)
        return closing


def _pool_is_as_expected(transport: httpx.AsyncHTTPTransport) -> bool:
    pool: object = getattr(transport, "_pool", None)
    return type(pool) is httpcore.AsyncConnectionPool and all(
        hasattr(pool, name)
        for name in (
            "_connections",
            "_requests",
            "_max_connections",
            "_max_keepalive_connections",
            "_assign_requests_to_connections",
            "create_connection",
        )
    )


def fast_async_transport(
    *, verify: ssl.SSLContext, limits: httpx.Limits
) -> httpx.AsyncHTTPTransport:
    """httpx's async transport for these settings, on a ``LinearConnectionPool``."""
    transport = httpx.AsyncHTTPTransport(verify=verify, limits=limits)
    if _pool_is_as_expected(transport):
        transport._pool = LinearConnectionPool(  # pyright: ignore[reportPrivateUsage]
            ssl_context=verify,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,  # the single-pass bookkeeping assumes HTTP/1.1 connections
            network_backend=ProbeCachingBackend(),
        )
    return transport
