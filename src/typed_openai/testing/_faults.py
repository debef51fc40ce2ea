"""Injected failures, so code under test can be checked for retries, backoff and timeouts.

A fault matches requests by method and path prefix, answers ``count`` of them with an error shaped
like the API's (with ``retry-after`` headers when asked), or only delays them before answering.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ._errors import ApiError

_ERROR_KINDS = {
    429: ("requests", "rate_limit_exceeded", "Rate limit reached for requests."),
    500: ("server_error", None, "The server had an error while processing your request."),
    502: ("server_error", None, "Bad gateway."),
    503: ("server_error", "service_unavailable", "The engine is currently overloaded."),
    504: ("server_error", None, "Gateway timeout."),
}


@dataclass
class Fault:
    status: int | None = 500
    """Status to answer with; None only delays the request, which then proceeds normally."""
    count: int = 1
    path: str | None = None
    """Applies to request paths (after ``/v1``) starting with this; None matches every path."""
    method: str | None = None
    retry_after: float | None = None
    delay: float = 0.0

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method:
            return False
        return self.path is None or path.startswith(self.path)

    def error(self) -> ApiError:
        assert self.status is not None
        kind, code, text = _ERROR_KINDS.get(
            self.status, ("invalid_request_error", None, f"Injected error {self.status}.")
        )
        return ApiError(
            self.status, f"{text} (injected by the local test server)", type=kind, code=code
        )

    def headers(self) -> dict[str, str]:
        if self.retry_after is None:
            return {}
        return {
            "retry-after": str(max(0, round(self.retry_after))),
            "retry-after-ms": str(int(self.retry_after * 1000)),
        }


class FaultPlan:
    """The pending faults, consumed first-come first-served by matching requests."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self.served = 0

    def add(self, fault: Fault) -> None:
        if fault.count < 1:
            raise ValueError("a fault must apply to at least one request")
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.count -= 1
                    if fault.count == 0:
                        self._faults.remove(fault)
                    self.served += 1
                    return fault
        return None
