"""``accumulate_delta``: merge one streamed delta, as plain JSON data, into the data so far.

Proxies and agent frameworks import it from the official SDK's private module path
(``from openai.lib.streaming._deltas import accumulate_delta``) to rebuild a chat message from the
dumps of its deltas (``choice.delta.model_dump()``), so it follows that function's observable
rules rather than the ones our own snapshot builders use:

- a key not there yet (or there as null) takes the delta's value; a null in the delta changes
  nothing;
- ``index`` and ``type`` are labels a delta repeats: replaced;
- other strings are joined and numbers added up;
- objects merge key by key;
- a list whose entries are all plain values (strings, numbers...) is extended; any other list is
  one of indexed entries: each delta entry must be an object with an integer ``index`` and merges
  into the entry at that position, which must be an object too (a position past the end appends
  it);
- a value of another kind than the one there already is ignored.

The data is merged in place and returned; new values are stored as given, not copied, except a
list, which gets a list of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

__all__ = ["accumulate_delta"]

_LABELS = frozenset({"index", "type"})
_PLAIN = (str, int, float)


def accumulate_delta(acc: dict[Any, Any], delta: Mapping[Any, Any]) -> dict[Any, Any]:
    """Merge ``delta`` into ``acc`` by the rules of the module docstring; returns ``acc``."""
    for key, new in delta.items():
        old = acc.get(key)
        if old is None:
            acc[key] = list(cast("list[Any]", new)) if isinstance(new, list) else new
        elif new is None:
            continue
        elif key in _LABELS:
            acc[key] = new
        elif isinstance(old, str):
            if isinstance(new, str):
                acc[key] = old + new
        elif isinstance(old, (int, float)):
            if isinstance(new, (int, float)) and not isinstance(new, str):
                acc[key] = old + new
        elif isinstance(old, dict):
            if isinstance(new, Mapping):
                accumulate_delta(cast("dict[Any, Any]", old), cast("Mapping[Any, Any]", new))
        elif isinstance(old, list) and isinstance(new, list):
            _merge_list(cast("list[Any]", old), cast("list[Any]", new))
    return acc


def _merge_list(entries: list[Any], additions: list[Any]) -> None:
    if all(isinstance(entry, _PLAIN) for entry in entries):
        entries.extend(additions)
        return
    for addition in additions:
        if not isinstance(addition, Mapping):
            raise TypeError(f"an entry of an indexed list delta is not an object: {addition!r}")
        addition = cast("Mapping[Any, Any]", addition)
        if "index" not in addition:
            raise RuntimeError(
                f"an entry of an indexed list delta has no `index` key: {addition!r}"
            )
        position = addition["index"]
        if not isinstance(position, int):
            raise TypeError(f"the `index` of a list delta entry is not an integer: {position!r}")
        if position >= len(entries):
            entries.append(addition)
            continue
        entry = entries[position]
        if not isinstance(entry, dict):
            raise TypeError(f"the list entry at index {position} is not an object: {entry!r}")
        accumulate_delta(cast("dict[Any, Any]", entry), addition)
