"""Merging streamed deltas into snapshots, in time linear in the streamed size.

A snapshot under construction is a *tree*: the JSON of the object the deltas extend (plain dicts,
lists and scalars). The merge rules are the ones the Assistants API uses for its deltas:

- a string extends the string already there;
- an object merges key by key; ``index`` and ``type`` are labels and are replaced, not extended;
- a list of objects carrying an ``index`` merges each entry into the entry at that index (a new
  index starts a new entry); any other list extends the list already there;
- anything else (numbers, booleans) replaces the old value; ``null`` leaves it as it was.

Growing text is what could make a long stream quadratic: a snapshot per delta that copied the text
so far would copy O(n²) characters. ``_extend`` appends so that CPython resizes the string in
place whenever the tree holds its only reference (the allocator seldom has to move it; a stream of
20,000 pieces moves it a few dozen times). Snapshots hand out the string itself (pydantic keeps the
object it validates); once a hook has returned and the builder's caches are dropped, the tree is
its only owner again. A caller that keeps a snapshot keeps its text as it was, and the next append
copies once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

__all__ = ["Tree", "materialize", "merge_entry", "merge_into"]

Tree = dict[str, Any]
"""A JSON object being built from deltas."""

# labels of list entries and union members: a delta repeats them, it does not extend them
_LABELS = frozenset({"index", "type"})


def _extend(tree: Tree, key: str, piece: str) -> None:
    text: str = tree[key]
    tree[key] = ""  # now `text` is the only reference (if no snapshot is kept elsewhere)...
    text += piece  # ...so CPython appends in place instead of copying the text so far
    tree[key] = text


def merge_into(tree: Tree, delta: Mapping[str, Any]) -> None:
    """Merge one delta object into ``tree`` in place."""
    for key, new in delta.items():
        if type(new) is str and key not in _LABELS and type(tree.get(key)) is str:
            _extend(tree, key, new)
            continue
        if new is None:
            tree.setdefault(key, None)
            continue
        old = tree.get(key)
        if old is None or key in _LABELS or type(new) is str:
            tree[key] = materialize(new)
        elif isinstance(new, dict):
            if isinstance(old, dict):
                merge_into(cast(Tree, old), cast(Tree, new))
            else:
                tree[key] = materialize(new)
        elif isinstance(new, list):
            if isinstance(old, list):
                _merge_list(cast("list[Any]", old), cast("list[Any]", new))
            else:
                tree[key] = materialize(new)
        else:
            tree[key] = new


def merge_entry(
    entries: list[Any], delta: Mapping[str, Any], seed: Mapping[str, Any]
) -> tuple[int, bool]:
    """Merge one indexed list entry; ``seed`` pre-fills a new entry.

    Returns the entry's position and whether it is new. A list only grows at its end, so an
    index past the end (a gap) appends, and the position, not the index, finds the entry again.
    """
    index = delta.get("index")
    if isinstance(index, int) and 0 <= index < len(entries):
        existing = entries[index]
        if isinstance(existing, dict):
            merge_into(cast(Tree, existing), delta)
        else:
            entries[index] = materialize(delta)
        return index, False
    entry: Tree = materialize(seed)
    merge_into(entry, delta)
    entries.append(entry)
    return len(entries) - 1, True


def _merge_list(old: list[Any], new: list[Any]) -> None:
    for item in new:
        if isinstance(item, dict) and "index" in item:
            merge_entry(old, cast(Tree, item), {})
        else:
            old.append(materialize(item))


def materialize(value: Any) -> Any:
    """Plain JSON data for a tree (or any part of one), sharing its strings. Also the private copy
    of delta data a tree starts from (the tree is mutated later; the delta must not be)."""
    if isinstance(value, dict):
        return {k: materialize(v) for k, v in cast(Tree, value).items()}
    if isinstance(value, list):
        return [materialize(v) for v in cast("list[Any]", value)]
    return value
