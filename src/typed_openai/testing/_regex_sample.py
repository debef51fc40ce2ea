"""Produce one string matching a regular expression (for JSON Schema ``pattern``).

Walks the parse tree of Python's own regex parser, taking the minimal path through repetitions and
the first alternative of branches; good enough for the patterns found in tool and response schemas.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python >= 3.11 keeps the parser here; importing ``sre_parse`` there warns.
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_CATEGORY_SAMPLES = {
    "CATEGORY_DIGIT": "0",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "-",
}


def sample_matching(pattern: str) -> str | None:
    """A string ``s`` with ``re.search(pattern, s)``, or None when the pattern is beyond us."""
    try:
        tree = _sre_parse.parse(pattern)
        text = _emit(tree)
    except Exception:
        return None
    try:
        return text if re.search(pattern, text) else None
    except re.error:
        return None


def _emit(tree: Any) -> str:
    return "".join(_emit_node(op, arg) for op, arg in tree)


def _emit_node(op: Any, arg: Any) -> str:
    name = str(op)
    if name == "LITERAL":
        return chr(arg)
    if name == "NOT_LITERAL":
        return "a" if chr(arg) != "a" else "b"
    if name == "ANY":
        return "a"
    if name == "IN":
        return _emit_class(arg)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, sub = arg
        return _emit(sub) * int(low)
    if name == "SUBPATTERN":
        return _emit(arg[-1])
    if name == "ATOMIC_GROUP":
        return _emit(arg)
    if name == "BRANCH":
        return _emit(arg[1][0])
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return ""
    if name == "CATEGORY":
        return _CATEGORY_SAMPLES.get(str(arg), "a")
    raise ValueError(f"unsupported regex construct {name}")


def _emit_class(items: Any) -> str:
    negate = any(str(op) == "NEGATE" for op, _ in items)
    if negate:
        excluded = "".join(_emit_class([item]) for item in items if str(item[0]) != "NEGATE")
        for candidate in "aZ0_-x ":
            if candidate not in excluded:
                return candidate
        raise ValueError("negated class too wide")
    op, arg = items[0]
    name = str(op)
    if name == "LITERAL":
        return chr(arg)
    if name == "RANGE":
        return chr(arg[0])
    if name == "CATEGORY":
        return _CATEGORY_SAMPLES.get(str(arg), "a")
    raise ValueError(f"unsupported class item {name}")
