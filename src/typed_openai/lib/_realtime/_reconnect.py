"""When and how a realtime connection reconnects after the websocket drops, public as
``typed_openai.types.websocket_reconnection`` (``ReconnectingEvent``, ``ReconnectingOverrides``,
``is_recoverable_close``), as in the official SDK.

A connection opened with an ``on_reconnecting`` callback reconnects when the server's close code
says the failure is passing (the server going away or restarting, an internal error, a lost
connection: ``RECOVERABLE_CLOSE_CODES``), at most ``max_retries`` times in a row: the budget is
refilled by the first event other than ``error`` received after a reconnection. Before each
attempt it waits ``initial_delay`` doubled per attempt, at most ``max_delay``, times a random
factor in [0.75, 1) so that many clients dropped at once do not return at once; the callback
is told the attempt and that delay, and may change the next handshake's query and headers or
give up (``ReconnectingOverrides``). A close the client asked for is never reconnected.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from typing_extensions import TypeAlias, TypedDict

from typed_openai._core._types import Headers, Query

__all__ = [
    "RECOVERABLE_CLOSE_CODES",
    "OnReconnecting",
    "ReconnectPolicy",
    "ReconnectingEvent",
    "ReconnectingOverrides",
    "is_recoverable_close",
]

# RFC 6455 close codes of a failure that may pass: going away (1001), no status (1005), abnormal
# closure without a close frame (1006), internal error (1011), service restart (1012), try again
# later (1013), TLS handshake failure (1015)
RECOVERABLE_CLOSE_CODES: frozenset[int] = frozenset({1001, 1005, 1006, 1011, 1012, 1013, 1015})

# the code reported when the connection ended without the server's close frame
ABNORMAL_CLOSURE = 1006


def is_recoverable_close(code: int) -> bool:
    """Whether a websocket closed with ``code`` is worth reconnecting."""
    return code in RECOVERABLE_CLOSE_CODES


@dataclass(frozen=True)
class ReconnectingEvent:
    """What ``on_reconnecting`` is told before each reconnection attempt."""

    attempt: int  # 1 for the first attempt after a drop
    max_attempts: int  # the connection's max_retries
    delay: float  # seconds waited before this attempt's handshake
    close_code: int  # the close code that made the connection reconnect
    extra_query: Query  # the query parameters the next handshake adds
    extra_headers: Headers  # the headers the next handshake adds


class ReconnectingOverrides(TypedDict, total=False):
    """What ``on_reconnecting`` may return (or None: carry on unchanged)."""

    extra_query: Query  # replaces the query parameters of this and later handshakes
    extra_headers: Headers  # replaces the headers of this and later handshakes
    abort: bool  # True: stop reconnecting (the drop is reported as if there were no callback)


OnReconnecting: TypeAlias = Callable[[ReconnectingEvent], ReconnectingOverrides | None]


class ReconnectPolicy:
    """One connection's reconnection state: the settings, the attempts used since the last
    sign of a working connection, and the handshake's current extras."""

    def __init__(
        self,
        on_reconnecting: OnReconnecting,
        *,
        max_retries: int,
        initial_delay: float,
        max_delay: float,
        extra_query: Query,
        extra_headers: Headers,
    ) -> None:
        self.on_reconnecting = on_reconnecting
        self.max_retries = max_retries
        self.initial_delay = initial_delay
        self.max_delay = max_delay
        self.extra_query = extra_query
        self.extra_headers = extra_headers
        self.attempts_used = 0

    def next_attempt(self, close_code: int) -> float | None:
        """Count the next attempt and ask ``on_reconnecting`` about it: the delay to wait before
        its handshake, or None to give up (no attempts left, ``abort``, or the callback raised)."""
        if self.attempts_used >= self.max_retries:
            return None
        self.attempts_used += 1
        attempt = self.attempts_used
        delay = min(self.initial_delay * 2 ** (attempt - 1), self.max_delay)
        delay *= 0.75 + 0.25 * random.random()  # spreads retries; not a secret
        event = ReconnectingEvent(
            attempt=attempt,
            max_attempts=self.max_retries,
            delay=delay,
            close_code=close_code,
            extra_query=self.extra_query,
            extra_headers=self.extra_headers,
        )
        try:
            overrides = self.on_reconnecting(event)
        except Exception:
            # a failing callback ends the reconnection; the drop itself is what the caller sees
            return None
        if overrides:
            if overrides.get("abort"):
                return None
            if "extra_query" in overrides:
                self.extra_query = overrides["extra_query"]
            if "extra_headers" in overrides:
                self.extra_headers = overrides["extra_headers"]
        return delay

    def saw_progress(self, message: bytes) -> None:
        """A message arrived: one other than an ``error`` event shows the connection works, so
        the attempts budget is full again (an error may be the server refusing the session)."""
        if not self.attempts_used:
            return
        try:
            event: object = json.loads(message)
        except (ValueError, RecursionError):
            return
        kind = cast("dict[str, Any]", event).get("type") if isinstance(event, dict) else None
        if isinstance(kind, str) and kind and kind != "error":
            self.attempts_used = 0
