"""Text that grows piece by piece and is joined only when someone reads it.

A streamed answer arrives in thousands of small pieces. Re-building the whole string for every
piece costs O(n) per piece, O(n^2) per stream, whether or not anybody looks at the text; here an
append is O(1) and the join happens once per read.
"""

from __future__ import annotations

__all__ = ["TextBuffer"]


class TextBuffer:
    """An append-only string: ``append`` pieces, read ``text()`` or a ``prefix(length)``."""

    __slots__ = ("_joined", "_length", "_parts")

    def __init__(self, first: str = "") -> None:
        self._parts: list[str] = [first]
        self._joined = first
        self._length = len(first)

    def append(self, piece: str) -> int:
        """Add `piece`; returns the new length (what a reader of this moment's prefix needs)."""
        if piece:
            self._parts.append(piece)
            self._length += len(piece)
        return self._length

    def __len__(self) -> int:
        return self._length

    def text(self) -> str:
        if len(self._joined) != self._length:
            self._joined = "".join(self._parts)
            self._parts = [self._joined]
        return self._joined

    def prefix(self, length: int) -> str:
        """The text as it was when it was ``length`` characters long."""
        text = self.text()
        return text if length == len(text) else text[:length]
