"""Incremental Server-Sent Events decoder over raw bytes, with no I/O (sans-IO).

Feed it chunks exactly as they arrive (``feed``), then call ``flush`` at end of stream; both
return the events completed so far. Chunk boundaries may fall anywhere, including inside a
CRLF pair or inside a multi-byte UTF-8 sequence: lines are split on bytes (CR and LF never occur
inside a UTF-8 sequence) and decoded only once complete.

Parsing follows the WHATWG "event stream interpretation" rules: LF, CRLF or CR end a line; a blank
line dispatches; ``:`` starts a comment; ``data:`` lines are joined with LF; one leading space of
a value is dropped; ``id`` containing NUL is ignored and the last id persists across events;
``retry`` is honoured only when all digits; unknown fields are ignored; a leading BOM is dropped.
One deliberate difference: ``flush`` dispatches a final event that lacks the trailing blank
line, because real servers end streams that way and dropping their last event loses data.

Cost is linear in the input: each feed splits only the complete lines it holds, once, and keeps
the unfinished last line for the next chunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["SSEDecoder", "ServerSentEvent"]

_LINE_END_TEXT: Final = re.compile("\r\n|\r|\n")
_CR: Final = ord("\r")


@dataclass(frozen=True)
class ServerSentEvent:
    """One dispatched event. ``event`` is ``None`` when the stream named none ("message")."""

    data: str
    event: str | None = None
    id: str | None = None
    retry: int | None = None


class SSEDecoder:
    """Bytes in, ``ServerSentEvent`` out; see the module docstring for the rules."""

    __slots__ = ("_buffer", "_data", "_event", "_last_id", "_retry", "_skip_lf", "_started")

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._skip_lf = False  # the previous chunk ended in CR: a leading LF belongs to it
        self._started = False  # BOM check done
        self._data: list[str] = []
        self._event: str | None = None
        self._last_id: str | None = None
        self._retry: int | None = None

    @property
    def last_event_id(self) -> str | None:
        return self._last_id

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Consume one chunk; return the events it completed (possibly none)."""
        if not chunk:
            return []
        if self._skip_lf:
            self._skip_lf = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        buffer = self._buffer
        # What is buffered never holds a line end (each feed takes every complete line), so only
        # the new chunk is searched: a long line arriving in many chunks is not re-scanned.
        in_chunk = max(chunk.rfind(b"\n"), chunk.rfind(b"\r")) + 1
        end = len(buffer) + in_chunk
        buffer += chunk
        if not in_chunk:
            return []
        if buffer[end - 1] == _CR and end == len(buffer):
            # A CR at the very end may be the first half of a CRLF split across chunks.
            self._skip_lf = True
        # Every complete line at once: decoding them together equals decoding each (CR and LF
        # are never part of a UTF-8 sequence), and one split beats a regex match per line.
        text = bytes(buffer[:end]).decode("utf-8", errors="replace")
        del buffer[:end]
        lines = text.split("\n") if "\r" not in text else _LINE_END_TEXT.split(text)
        lines.pop()  # the text ends with a line end: the last piece is empty
        return self._lines(lines)

    def _lines(self, lines: list[str]) -> list[ServerSentEvent]:
        events: list[ServerSentEvent] = []
        data = self._data
        for line in lines:
            # The shapes streams are made of, inline; anything else takes the general path.
            if not line:
                if data:
                    events.append(
                        ServerSentEvent(
                            "\n".join(data), self._event or None, self._last_id, self._retry
                        )
                    )
                    data = self._data = []
                self._event = None
            elif line[:6] == "data: " and self._started:
                data.append(line[6:])
            elif line[:7] == "event: " and self._started:
                self._event = line[7:]
            else:
                event = self._line(line)
                data = self._data
                if event is not None:
                    events.append(event)
        return events

    def flush(self) -> list[ServerSentEvent]:
        """End of stream: finish a pending unterminated line and dispatch a pending event."""
        events: list[ServerSentEvent] = []
        if self._buffer:
            line = bytes(self._buffer).decode("utf-8", errors="replace")
            self._buffer.clear()
            event = self._line(line)
            if event is not None:
                events.append(event)
        event = self._dispatch()
        if event is not None:
            events.append(event)
        self._skip_lf = False
        return events

    def _line(self, line: str) -> ServerSentEvent | None:
        if not self._started:
            self._started = True
            if line.startswith("\ufeff"):
                line = line[1:]
        if not line:
            return self._dispatch()
        if line[0] == ":":
            return None
        name, colon, value = line.partition(":")
        if colon and value[:1] == " ":
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\x00" not in value:
                self._last_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        if not self._data:
            # WHATWG: no data means nothing is dispatched, and the event type is reset.
            self._event = None
            return None
        event = ServerSentEvent(
            data="\n".join(self._data),
            event=self._event or None,
            id=self._last_id,
            retry=self._retry,
        )
        self._data = []
        self._event = None
        return event
