"""The messages a realtime connection holds until it can send them: those sent through the
manager before the connection opens, and those sent while it reconnects. Bounded by their total
size (``max_queue_size`` of ``connect()``), so a long outage cannot grow it without limit; each
message keeps its frame kind (``str`` a text frame, ``bytes`` a binary one). Not locked: the
connection guards it."""

from __future__ import annotations

from collections import deque

from typed_openai._core import WebSocketQueueFullError

__all__ = ["DEFAULT_MAX_QUEUE_SIZE", "SendQueue"]

DEFAULT_MAX_QUEUE_SIZE = 1024 * 1024  # bytes, as the official SDK's default


def _size(data: str | bytes) -> int:
    return len(data.encode("utf-8")) if isinstance(data, str) else len(data)


class SendQueue:
    def __init__(self, max_bytes: int = DEFAULT_MAX_QUEUE_SIZE) -> None:
        self.max_bytes = max_bytes
        self._messages: deque[str | bytes] = deque()
        self._bytes = 0

    def put(self, data: str | bytes) -> None:
        """Queue ``data`` last; a ``WebSocketQueueFullError`` (and nothing queued) if it does not
        fit in what is left of ``max_bytes``."""
        size = _size(data)
        if self._bytes + size > self.max_bytes:
            raise WebSocketQueueFullError(
                f"the realtime connection's send queue is full: a message of {size} bytes does"
                f" not fit ({self._bytes} of max_queue_size={self.max_bytes} bytes are queued);"
                " it was not queued"
            )
        self._messages.append(data)
        self._bytes += size

    def put_back(self, data: str | bytes) -> None:
        """Return a message taken with ``take()`` whose send failed, first again (it was there:
        no size check)."""
        self._messages.appendleft(data)
        self._bytes += _size(data)

    def take(self) -> str | bytes:
        data = self._messages.popleft()
        self._bytes -= _size(data)
        return data

    def drain(self) -> list[str | bytes]:
        """Every queued message, in order, leaving the queue empty."""
        messages = list(self._messages)
        self._messages.clear()
        self._bytes = 0
        return messages

    def __len__(self) -> int:
        return len(self._messages)
