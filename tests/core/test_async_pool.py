"""The default async transport's pool: httpcore's policy, bookkeeping in one pass.

End to end against the loopback server (concurrency, limits, a connection the server closed
while idle), plus the assignment pass itself on stand-in connections, to pin down its policy
and that it looks at each connection a bounded number of times.
"""

from __future__ import annotations

import socket
from typing import Any

import anyio
import httpx
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core._async_pool import (
    LinearConnectionPool,
    _ReadProbe,  # pyright: ignore[reportPrivateUsage]
    fast_async_transport,
)
from typed_openai._core._config import shared_ssl_context

from .conftest import AsyncExampleClient

pytestmark = pytest.mark.anyio


def _transport_pool(client: AsyncExampleClient) -> object:
    http: Any = client._http  # pyright: ignore[reportPrivateUsage]
    return http._transport._pool


async def test_the_default_async_client_uses_the_linear_pool(server: ScriptedServer) -> None:
    server.reply(Reply.json({}))
    async with AsyncExampleClient(api_key="k", base_url=server.url) as client:
        await client.get("/x", cast_to=object)
        assert type(_transport_pool(client)) is LinearConnectionPool


async def test_an_injected_async_client_keeps_its_own_pool(server: ScriptedServer) -> None:
    own = httpx.AsyncClient()
    async with AsyncExampleClient(api_key="k", base_url=server.url, http_client=own) as client:
        assert type(_transport_pool(client)) is not LinearConnectionPool


async def test_many_concurrent_calls_complete_on_reused_connections(
    server: ScriptedServer,
) -> None:
    server.default = Reply.json({"ok": True})
    results: list[object] = []
    async with AsyncExampleClient(api_key="k", base_url=server.url) as client:

        async def worker() -> None:
            for _ in range(5):
                results.append(await client.get("/x", cast_to=object))

        async with anyio.create_task_group() as tasks:
            for _ in range(16):
                tasks.start_soon(worker)
    assert results == [{"ok": True}] * 80
    assert server.opened <= 16  # one connection per task at most, then reused


async def test_max_connections_queues_the_rest(server: ScriptedServer) -> None:
    server.default = Reply.after(0.02, Reply.json({}))
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    transport = fast_async_transport(verify=shared_ssl_context(), limits=limits)
    async with httpx.AsyncClient(transport=transport) as http:

        async def call() -> None:
            (await http.get(f"{server.url}/x")).raise_for_status()

        async with anyio.create_task_group() as tasks:
            for _ in range(6):
                tasks.start_soon(call)
    assert len(server.requests) == 6
    assert server.opened == 2


async def test_idle_connections_beyond_the_keepalive_limit_are_closed(
    server: ScriptedServer,
) -> None:
    server.default = Reply.after(0.05, Reply.json({}))
    limits = httpx.Limits(max_connections=10, max_keepalive_connections=1)
    transport = fast_async_transport(verify=shared_ssl_context(), limits=limits)
    async with httpx.AsyncClient(transport=transport) as http:

        async def call() -> None:
            (await http.get(f"{server.url}/x")).raise_for_status()

        async with anyio.create_task_group() as tasks:
            for _ in range(3):
                tasks.start_soon(call)
        assert server.opened == 3
        await anyio.to_thread.run_sync(server.wait_for_closed, 2)
        assert server.open_connections == 1


async def test_a_connection_the_server_closed_while_idle_is_not_reused(
    server: ScriptedServer,
) -> None:
    # The reply says nothing about closing, so the client keeps the connection for reuse; the
    # server then closes it. Without retries, reusing it would fail the second call.
    server.reply(Reply(Reply.json({"n": 1}).steps + Reply.drop().steps), Reply.json({"n": 2}))
    async with AsyncExampleClient(api_key="k", base_url=server.url, max_retries=0) as client:
        assert await client.get("/a", cast_to=object) == {"n": 1}
        await anyio.to_thread.run_sync(server.wait_for_closed, 1)
        assert await client.get("/b", cast_to=object) == {"n": 2}
    first, second = server.requests
    assert first.connection_id != second.connection_id


def test_the_read_probe_sees_data_and_eof_but_not_an_idle_socket() -> None:
    ours, theirs = socket.socketpair()
    try:
        probe = _ReadProbe(ours)
        assert not probe.readable()
        theirs.sendall(b"x")
        assert probe.readable()
        ours.recv(1)
        assert not probe.readable()
        theirs.close()
        assert probe.readable()  # EOF: the peer closed
    finally:
        ours.close()
        theirs.close()
    assert probe.readable()  # our socket closed too: nothing to reuse


# --- the assignment pass on stand-ins -----------------------------------------------------------


class _Conn:
    calls = 0

    def __init__(self, state: str, origin: str = "a") -> None:
        self.state = state  # "busy" | "idle" | "expired" | "closed"
        self.origin = origin

    def _count(self) -> None:
        _Conn.calls += 1

    def is_closed(self) -> bool:
        self._count()
        return self.state == "closed"

    def is_idle(self) -> bool:
        self._count()
        return self.state in ("idle", "expired")

    def has_expired(self) -> bool:
        self._count()
        return self.state == "expired"

    def is_available(self) -> bool:
        self._count()
        return self.state == "idle"

    def can_handle_request(self, origin: object) -> bool:
        self._count()
        return origin == self.origin


class _Req:
    def __init__(self, origin: str) -> None:
        self.request = type("R", (), {"url": type("U", (), {"origin": origin})()})()
        self.connection: object = None

    def is_queued(self) -> bool:
        return self.connection is None

    def assign_to_connection(self, connection: _Conn) -> None:
        self.connection = connection
        connection.state = "busy"


class _Pool(LinearConnectionPool):
    def create_connection(self, origin: Any) -> Any:
        return _Conn("busy", origin)


def _pool(
    connections: list[_Conn], requests: list[_Req], max_connections: int, keepalive: int
) -> _Pool:
    pool = _Pool(max_connections=max_connections, max_keepalive_connections=keepalive)
    pool._connections = list(connections)  # pyright: ignore[reportPrivateUsage, reportAttributeAccessIssue]
    pool._requests = list(requests)  # pyright: ignore[reportPrivateUsage, reportAttributeAccessIssue]
    return pool


def _assign(pool: _Pool) -> list[Any]:
    return pool._assign_requests_to_connections()  # pyright: ignore[reportPrivateUsage]


def test_pass_drops_closed_closes_expired_and_surplus_idle() -> None:
    closed, expired, idle1, idle2, busy = (
        _Conn("closed"),
        _Conn("expired"),
        _Conn("idle"),
        _Conn("idle"),
        _Conn("busy"),
    )
    pool = _pool([closed, expired, idle1, idle2, busy], [], max_connections=10, keepalive=1)
    closing = _assign(pool)
    assert closing == [expired, idle2]
    assert pool.connections == [idle1, busy]


def test_queued_requests_get_an_available_connection_then_a_new_one() -> None:
    idle_b, idle_a = _Conn("idle", "b"), _Conn("idle", "a")
    first, second = _Req("a"), _Req("a")
    pool = _pool([idle_b, idle_a], [first, second], max_connections=3, keepalive=10)
    assert _assign(pool) == []
    assert first.connection is idle_a
    assert second.connection not in (None, idle_a, idle_b)
    assert len(pool.connections) == 3


def test_at_the_limit_an_idle_connection_is_replaced_or_the_request_waits() -> None:
    idle_b, busy = _Conn("idle", "b"), _Conn("busy", "a")
    waiting = _Req("a")
    pool = _pool([idle_b, busy], [waiting], max_connections=2, keepalive=10)
    assert _assign(pool) == [idle_b]
    assert waiting.connection is not None and waiting.connection not in (idle_b, busy)

    stuck = _Req("a")
    full = _pool([_Conn("busy", "a"), _Conn("busy", "b")], [stuck], max_connections=2, keepalive=10)
    assert _assign(full) == []
    assert stuck.is_queued()


def test_a_pass_looks_at_each_connection_a_bounded_number_of_times() -> None:
    n = 400
    connections = [_Conn("idle" if i % 2 else "busy", "b") for i in range(n)]
    pool = _pool(connections, [_Req("a")], max_connections=n + 1, keepalive=n)
    _Conn.calls = 0
    _assign(pool)
    # httpcore 1.0's pass is quadratic here (tens of thousands of calls for 400 connections)
    assert _Conn.calls <= 8 * n
