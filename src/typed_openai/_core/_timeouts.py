"""The total time limit of one attempt, on top of httpx's per-phase timeouts.

httpx limits each phase (connect, each read, each write, pool wait), so a server dripping a byte
just often enough could hold a call forever. ``bound_body_time`` wraps a response's body stream so
reading it fails with ``httpx.ReadTimeout`` once the attempt's budget (``total_budget``) is spent;
the engine's usual translation then turns that into ``APITimeoutError`` (and a retry, if any left).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any, cast

import httpx
from typing_extensions import override

from ._types import Timeout

__all__ = ["DeadlineStream", "bound_body_time", "total_budget"]


def total_budget(timeout: Timeout) -> float | None:
    """Seconds one attempt may take from sending to the end of its body (``None``: unbounded).

    httpx only limits each phase (connect, each read, each write), so a server dripping a byte
    just often enough could hold a call forever. A number is the limit itself; an
    ``httpx.Timeout`` gives its largest phase limit (600 s by default). Streams are exempt: they
    may run long, and the read timeout bounds each idle gap instead.
    """
    if timeout is None:
        return None
    if isinstance(timeout, (int, float)):
        return float(timeout)
    if isinstance(cast(object, timeout), tuple):  # phase limits, as httpx takes them
        timeout = httpx.Timeout(timeout)
    limits = [
        v for v in (timeout.connect, timeout.read, timeout.write, timeout.pool) if v is not None
    ]
    return max(limits) if limits else None


class DeadlineStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Wraps a response body stream; raises ``httpx.ReadTimeout`` once the deadline passes."""

    def __init__(self, inner: Any, deadline: float, request: httpx.Request) -> None:
        self._inner = inner
        self._deadline = deadline
        self._request = request

    def _check(self) -> None:
        if time.monotonic() > self._deadline:
            raise httpx.ReadTimeout(
                "The total timeout expired while reading the body", request=self._request
            )

    @override
    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._check()
            yield chunk

    @override
    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._check()
            yield chunk

    @override
    def close(self) -> None:
        self._inner.close()

    @override
    async def aclose(self) -> None:
        await self._inner.aclose()


def bound_body_time(response: httpx.Response, timeout: Timeout) -> None:
    budget = total_budget(timeout)
    if budget is not None:
        response.stream = DeadlineStream(
            response.stream, time.monotonic() + budget, response.request
        )
