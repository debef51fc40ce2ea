"""The official SDK's private module of response streams, as code of the 1.x era imports it.

``Stream`` and ``AsyncStream`` are our own public classes. ``SSEDecoder`` and ``ServerSentEvent``
are the SDK's shapes of those two (proxies and transports decode a chat stream's body with
``SSEDecoder().iter_bytes(...)`` and read ``event.data``), kept apart from the decoder our streams
use (``_core._sse``) because they follow the SDK's observable rules rather than WHATWG's where the
two differ: a blank line dispatches an event as soon as anything was set since the last one (an
id or a retry alone too, and the last id carries over), an unterminated last event is never
dispatched, and ``retry`` takes any integer.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, Final

from ._core import AsyncStream, Stream

__all__ = ["AsyncStream", "SSEDecoder", "ServerSentEvent", "Stream"]

_LINE_END: Final = re.compile(rb"\r\n|\r|\n")


class ServerSentEvent:
    """One event: ``data`` (``""`` when none came), and ``event`` (None for an empty name too),
    ``id`` and ``retry``, or None."""

    __slots__ = ("_data", "_event", "_id", "_retry")

    def __init__(
        self,
        *,
        event: str | None = None,
        data: str | None = None,
        id: str | None = None,
        retry: int | None = None,
    ) -> None:
        self._event = event or None  # an empty name is no name
        self._data = data or ""
        self._id = id
        self._retry = retry

    @property
    def event(self) -> str | None:
        return self._event

    @property
    def data(self) -> str:
        return self._data

    @property
    def id(self) -> str | None:
        return self._id

    @property
    def retry(self) -> int | None:
        return self._retry

    def json(self) -> Any:
        """``data`` decoded as JSON."""
        return json.loads(self._data)

    def __repr__(self) -> str:
        return (
            f"ServerSentEvent(event={self._event}, data={self._data}, id={self._id}, "
            f"retry={self._retry})"
        )


class SSEDecoder:
    """Decodes server-sent events from the bytes of a body (``iter_bytes`` / ``aiter_bytes``) or
    line by line (``decode``), by the rules in the module docstring."""

    def __init__(self) -> None:
        self._event: str | None = None
        self._data: list[str] = []
        self._last_event_id: str | None = None
        self._retry: int | None = None
        self._pending = b""

    def iter_bytes(self, iterator: Iterator[bytes]) -> Iterator[ServerSentEvent]:
        """The events in a body read as a sequence of byte chunks (split anywhere)."""
        for chunk in iterator:
            yield from self._feed(chunk)
        yield from self._finish()

    async def aiter_bytes(self, iterator: AsyncIterator[bytes]) -> AsyncIterator[ServerSentEvent]:
        """``iter_bytes`` over an async iterator of byte chunks."""
        async for chunk in iterator:
            for event in self._feed(chunk):
                yield event
        for event in self._finish():
            yield event

    def decode(self, line: str) -> ServerSentEvent | None:
        """Take one line (without its line break); the event a blank line completes, if any."""
        if not line:
            if not (self._event or self._data or self._last_event_id or self._retry is not None):
                return None
            event = ServerSentEvent(
                event=self._event,
                data="\n".join(self._data),
                id=self._last_event_id,
                retry=self._retry,
            )
            self._event = None
            self._data = []
            self._retry = None
            return event
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id":
            if "\0" not in value:
                self._last_event_id = value
        elif name == "retry":
            with contextlib.suppress(ValueError):  # a retry that is no integer is ignored
                self._retry = int(value)
        return None

    def _feed(self, chunk: bytes) -> Iterator[ServerSentEvent]:
        data = self._pending + chunk
        start = 0
        for match in _LINE_END.finditer(data):
            if match.group() == b"\r" and match.end() == len(data):
                break  # a CR at the end may be the first half of a CRLF: wait for more
            event = self.decode(data[start : match.start()].decode("utf-8", errors="replace"))
            start = match.end()
            if event is not None:
                yield event
        self._pending = data[start:]

    def _finish(self) -> Iterator[ServerSentEvent]:
        pending, self._pending = self._pending, b""
        if pending.endswith(b"\r"):
            pending = pending[:-1]
            event = self.decode(pending.decode("utf-8", errors="replace"))
            if event is not None:
                yield event
        elif pending:
            # a last line without its line break: read, but it completes no event
            self.decode(pending.decode("utf-8", errors="replace"))
