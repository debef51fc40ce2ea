"""Shared pieces of the reliability tests: a hard per-test time limit, fault steps the scripted
server does not offer (TCP resets), public clients with tiny retry delays, and probes of the
connection pool and of the process's file descriptors.

Hard limit: every test here runs under ``SIGALRM`` (``HARD_LIMIT`` seconds, ``SOAK_LIMIT`` for
``@pytest.mark.soak``). When it fires, ``HardTimeout`` is raised in the main thread, which
interrupts a blocking socket read as well as an event loop, so a hang fails that test instead of
blocking CI. As a last resort (a hang the signal cannot interrupt), ``faulthandler`` dumps every
thread's stack and ends the process a little later.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import socket
import struct
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

import httpx
import pytest

from tests.support.server import Reply
from typed_openai import AsyncOpenAI, OpenAI

HARD_LIMIT = float(os.environ.get("RELIABILITY_HARD_LIMIT", "20"))
SOAK_LIMIT = 120.0
SECRET = "sk-reliability-SECRET-0123456789"


class HardTimeout(Exception):
    """The test ran past its hard time limit (it hung)."""


@pytest.fixture(autouse=True)
def hard_timeout(request: pytest.FixtureRequest) -> Iterator[None]:
    limit = SOAK_LIMIT if request.node.get_closest_marker("soak") else HARD_LIMIT
    # a module whose test waits on a bounded child process of its own sets a longer limit
    limit = float(getattr(request.module, "MODULE_HARD_LIMIT", limit))
    faulthandler.dump_traceback_later(limit + 15, exit=True, file=sys.stderr)
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        try:  # pragma: no cover - no SIGALRM here: only the last-resort limit applies
            yield
        finally:
            faulthandler.cancel_dump_traceback_later()
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise HardTimeout(f"{request.node.nodeid} did not finish within {limit:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


# --- fault steps for the scripted server ------------------------------------------------------


def _reset(conn: Any) -> bool:
    """Close with a TCP RST (linger 0) instead of an orderly FIN: "connection reset by peer"."""
    conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return False


def reset_before_status() -> Reply:
    return Reply([_reset], "reset before the status line")


def reset_mid_body(prefix: bytes = b'{"id": "m', declared_length: int = 500) -> Reply:
    head = (
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
        f"content-length: {declared_length}\r\n\r\n"
    ).encode()

    def send_part(conn: Any) -> bool:
        conn.sock.sendall(head + prefix)
        return not conn.server.stopping.wait(0.02)  # let the client read the head first

    return Reply([send_part, _reset], "reset mid-body")


def reset_mid_stream(chunks: list[str]) -> Reply:
    """An event stream that sends ``chunks`` and then resets the connection."""
    reply = Reply.sse(chunks, end=False)
    steps = [step for step in reply.steps[:-1]]  # everything but the final "hang"

    def pause(conn: Any) -> bool:
        return not conn.server.stopping.wait(0.02)

    return Reply([*steps, pause, _reset], "reset mid-stream")


# --- clients ----------------------------------------------------------------------------------


class FastOpenAI(OpenAI):
    """The public client with millisecond backoff, so retry tests run fast."""

    _client_config = OpenAI._client_config.replace(initial_retry_delay=0.001, max_retry_delay=0.01)


class FastAsyncOpenAI(AsyncOpenAI):
    _client_config = AsyncOpenAI._client_config.replace(
        initial_retry_delay=0.001, max_retry_delay=0.01
    )


# --- probes -----------------------------------------------------------------------------------


def pool_state(client: OpenAI | AsyncOpenAI) -> tuple[int, int]:
    """(connections in the pool, connections checked out by a request in progress)."""
    http: httpx.Client | httpx.AsyncClient = client._http  # pyright: ignore[reportPrivateUsage]
    pool: Any = http._transport._pool  # pyright: ignore
    connections: list[Any] = list(pool.connections)
    busy = sum(1 for c in connections if not (c.is_idle() or c.is_closed()))
    return len(connections), max(busy, len(pool._requests))


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
