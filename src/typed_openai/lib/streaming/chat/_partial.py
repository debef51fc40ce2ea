"""Decoding JSON that is still arriving: the structured content or tool arguments of a stream.

jiter's partial mode returns what the prefix already says (complete values, and containers closed
where the text stops) instead of failing on the missing end.
"""

from __future__ import annotations

import jiter

__all__ = ["parse_partial_json"]


def parse_partial_json(text: str) -> object | None:
    """The value the JSON prefix `text` describes so far; None while it is blank.

    Text that can never become JSON raises `ValueError`, as a complete document would.
    """
    if not text.strip():
        return None
    return jiter.from_json(text.encode(), partial_mode=True)
