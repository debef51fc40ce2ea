"""When to retry a failed attempt, and how long to wait first. Pure functions, no I/O.

The sync and async clients each drive these from a short loop; tests call them directly.

Retried: connection errors and timeouts, and the statuses 408 (request timeout), 409 (lock
conflict), 429 (rate limited) and every 5xx. A server can override the status rule with
``x-should-retry: true`` / ``false``; a server that asks for a wait longer than two minutes is
not retried at all (the error is raised at once, as by the official SDK: waiting that long inside
one call would look like a hang).

Delay: exponential backoff from ``initial`` doubling per retry, capped at ``maximum``, minus up
to 25% jitter (so many clients that failed together do not retry together). A server hint wins
when it is positive and at most two minutes: ``retry-after-ms`` (milliseconds), else
``retry-after`` as seconds or as an HTTP date.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Mapping
from typing import Final

__all__ = ["retry_delay", "server_retry_hint", "should_retry_status"]

RETRYABLE_STATUSES: Final = frozenset({408, 409, 429})
MAX_HINT_SECONDS: Final = 120.0
_INFINITY_LITERALS: Final = frozenset({"inf", "+inf", "infinity", "+infinity"})


def should_retry_status(
    status_code: int, headers: Mapping[str, str], now: Callable[[], float] = time.time
) -> bool:
    """Whether a response with this status (and these headers) should be retried."""
    hint = server_retry_hint(headers, now)
    if hint is not None and math.isfinite(hint) and hint > MAX_HINT_SECONDS:
        return False
    override = headers.get("x-should-retry")
    if override == "true":
        return True
    if override == "false":
        return False
    return status_code in RETRYABLE_STATUSES or status_code >= 500


def server_retry_hint(
    headers: Mapping[str, str] | None, now: Callable[[], float] = time.time
) -> float | None:
    """Seconds the server asked us to wait, or ``None`` when it gave no usable hint."""
    if not headers:
        return None
    for name, unit in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        text = headers.get(name)
        if text is None:
            continue
        try:
            seconds = float(text)
        except ValueError:
            continue
        if math.isinf(seconds) and text.strip().lower() not in _INFINITY_LITERALS:
            # a number too large for a float is a wait beyond any limit, not "no hint"
            return MAX_HINT_SECONDS + 1.0
        return seconds / unit
    after = headers.get("retry-after")
    if after is None:
        return None
    import email.utils

    try:
        parsed = email.utils.parsedate_tz(after)
        return None if parsed is None else email.utils.mktime_tz(parsed) - now()
    except (ValueError, OverflowError, OSError):  # a date no clock can hold
        return None


def retry_delay(
    retries_taken: int,
    headers: Mapping[str, str] | None = None,
    *,
    initial: float = 0.5,
    maximum: float = 8.0,
    jitter: Callable[[], float] = random.random,
    now: Callable[[], float] = time.time,
) -> float:
    """Seconds to wait before retry number ``retries_taken + 1``."""
    hint = server_retry_hint(headers, now)
    if hint is not None and 0 < hint <= MAX_HINT_SECONDS:
        return hint
    backoff = min(initial * (2.0**retries_taken), maximum)
    return backoff * (1.0 - 0.25 * jitter())
