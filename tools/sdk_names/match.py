"""For each name of the official SDK's `types` tree that ours lacks, the type of ours with its shape.

Matching is structural (tools/sdk_names/shapes.py), in two passes:
1. models, TypedDicts, Literals and other aliases: the same shape (an alias such as
   `Dict[str, str]` says too little: it matches only a type of the same name) (field names and the kind of
   each field; Literal members), or the same field names where every field that is a Literal on
   both sides has the same members (nested objects may carry fields the newer SDK added, but a
   discriminator never differs: the same fields, at least one, are Literals with the same members;
   where neither side has a Literal field, the same field names and the same name). A model only
   matches a model, a TypedDict (`...Param`) only a TypedDict.
2. unions: the members, each mapped through pass 1 (or compared as Literal/scalar), are exactly
   the members of one of our unions — a named one, else one our generator leaves inline in a
   field (`Owner.field`, `[]` per list level it sits in; codegen/sdk_unions.py names it).
Among several candidates the one named alike wins (same name, then the type our module at the SDK's
path uses itself, then the same module, then the most trailing words in common, then the same
top-level package), then the shortest module path; ties are broken by name so the result is
stable.
"""

from __future__ import annotations

import collections.abc
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .index import Entry
from .shapes import (
    Described,
    _args,
    _origin,
    _strip,
    _union_members,
    describe,
    fields,
    literal_values,
    shape,
)

_LISTS = (list, collections.abc.Iterable, collections.abc.Sequence)


@dataclass(frozen=True)
class Match:
    module: str
    name: str
    exact: bool  # the same shape, not only the same field names


def _literals(described: Described) -> dict[str, frozenset[str]]:
    found: dict[str, frozenset[str]] = {}
    for item in described.shape[1]:
        if isinstance(item, tuple) and len(item) == 2 and item[1][0] == "literal":
            found[item[0]] = item[1][1]
    return found


def _consistent(a: Described, b: Described) -> bool:
    # the same Literal fields with the same members, at least one: a discriminator (`type`,
    # `object`) says which schema it is, and never differs
    return bool(_literals(a)) and _literals(a) == _literals(b)


class Matcher:
    def __init__(
        self, ours: Iterable[Entry], second_names: Mapping[str, Mapping[str, str]] | None = None
    ) -> None:
        """``second_names``: the facts our modules carry now (SDK module, "." the root -> SDK
        names), which say nothing about the types a module itself uses."""
        self.ours = [e for e in ours if e.described is not None]
        self.second_names = second_names or {}
        self.by_shape: dict[tuple[str, Any], list[Entry]] = defaultdict(list)
        self.by_names: dict[tuple[str, frozenset[str]], list[Entry]] = defaultdict(list)
        self.by_identity: dict[int, Entry] = {}
        for entry in self.ours:
            described = entry.described
            assert described is not None
            self.by_shape[(described.kind, described.shape)].append(entry)
            if described.kind in ("model", "typeddict"):
                self.by_names[(described.kind, described.names)].append(entry)
                self.by_identity.setdefault(id(entry.value), entry)
        # (members compared alike?, member keys) -> our named unions / fields holding such a union
        self._members: dict[tuple[bool, Any], list[Entry]] | None = None
        self._places: dict[tuple[bool, Any], list[Entry]] | None = None
        self._classes: dict[int, Entry | None] = {}

    # --- pass 1 ---------------------------------------------------------------------------------

    def candidates(self, described: Described, name: str | None = None) -> tuple[list[Entry], bool]:
        exact = self.by_shape.get((described.kind, described.shape), [])
        if described.kind == "alias":
            # `Dict[str, str]`, `List[str]`: too common to say which schema; the name must agree
            exact = [e for e in exact if e.name == name]
        if exact:
            return exact, True
        if described.kind in ("model", "typeddict") and described.names:
            same = self.by_names.get((described.kind, described.names), [])
            found = [e for e in same if _consistent(e.described, described)]  # type: ignore[arg-type]
            if not found and not _literals(described):
                # no discriminator to tell the schema by: the same name too (`McpListToolsTool`,
                # whose nested `annotations` the newer SDK types differently)
                found = [e for e in same if e.name == name and not _literals(e.described)]  # type: ignore[arg-type]
            return found, False
        return [], False

    def _class(self, value: type, module: str, name: str) -> Entry | None:
        """Our class for one of the SDK's classes (a union member), memoised."""
        key = id(value)
        if key not in self._classes:
            described = describe(value)
            self._classes[key] = None
            if described is not None:
                found, _ = self.candidates(described, name)
                self._classes[key] = best(found, module, name, self._used_by)
        return self._classes[key]

    # --- pass 2 ---------------------------------------------------------------------------------

    def _member_key(self, member: Any, resolve: bool, module: str, alike: bool = False) -> Any:
        """``alike``: a class stands for every class of ours of its exact shape."""
        member = _strip(member)
        if isinstance(member, type) and describe(member) is not None:
            if not resolve:
                entry = self.by_identity.get(id(member))
            else:
                entry = self._class(member, module, member.__name__)
            if entry is None:
                return ("unknown", id(member))
            return self._same_as(entry) if alike else ("ours", entry.module, entry.name)
        values = literal_values(member)
        if values is not None:
            return ("literal", values)
        inner = _union_members(member)
        if inner is not None:
            keys = frozenset(self._member_key(m, resolve, module, alike) for m in inner)
            return ("union", keys)
        return shape(member, 0)

    def _same_as(self, entry: Entry) -> tuple[str, str, str]:
        """A member class as one of ours of its exact shape, the same whichever it is: two of our
        classes of one shape (`responses.tool.Mcp`, `beta.beta_tool.Mcp`) hold the same data, so a
        union of either is the same union."""
        described = entry.described
        assert described is not None
        same = self.by_shape.get((described.kind, described.shape)) or [entry]
        first = min(same, key=lambda e: (e.module, e.name))
        return ("ours", first.module, first.name)

    def _union_key(
        self, value: Any, resolve: bool, module: str, alike: bool = False
    ) -> frozenset[Any] | None:
        members = _union_members(_strip(value))
        if members is None:
            return None
        keys = frozenset(self._member_key(m, resolve, module, alike) for m in members)
        keys -= {("none",)}
        if any(k[0] == "unknown" for k in keys):
            return None
        return keys

    def _union_index(self) -> dict[tuple[bool, Any], list[Entry]]:
        if self._members is None:
            self._members = defaultdict(list)
            for entry in self.ours:
                if entry.described is not None and entry.described.kind == "union":
                    for alike in (False, True):
                        key = self._union_key(entry.value, False, entry.module, alike)
                        if key is not None:
                            self._members[(alike, key)].append(entry)
        return self._members

    def _place_index(self) -> dict[tuple[bool, Any], list[Entry]]:
        """Member keys -> the fields of our models and TypedDicts holding such a union inline,
        each as an Entry named `Owner.field` (`[]` per list level)."""
        if self._places is None:
            self._places = defaultdict(list)
            seen: set[int] = set()
            for entry in self.ours:
                if entry.described is None or entry.described.kind not in ("model", "typeddict"):
                    continue
                if id(entry.value) in seen:
                    continue
                seen.add(id(entry.value))
                for wire, annotation in fields(entry.value).items():
                    union, levels = _inline_union(annotation)
                    if union is None:
                        continue
                    place = f"{entry.name}.{wire}" + "[]" * levels
                    for alike in (False, True):
                        key = self._union_key(union, False, entry.module, alike)
                        if key is not None:
                            self._places[(alike, key)].append(
                                Entry(entry.module, place, union, None)
                            )
        return self._places

    # --- one name -------------------------------------------------------------------------------

    def match(self, entry: Entry) -> Match | None:
        described = entry.described
        if described is None:
            return None
        found, exact = self.candidates(described, entry.name)
        if not found and described.kind == "union":
            # the very classes the SDK's members match first, then classes of the same shapes
            for alike in (False, True):
                key = self._union_key(entry.value, True, entry.module, alike)
                if key is None:
                    continue
                found, exact = self._union_index().get((alike, key), []), True
                found = found or self._place_index().get((alike, key), [])
                if found:
                    break
        chosen = best(found, entry.module, entry.name, self._used_by)
        return Match(chosen.module, chosen.name, exact) if chosen else None

    def _used_by(self, module: str, entry: Entry) -> bool:
        """Whether our module at the SDK's module path uses this very type (imports it).

        A package only re-exports its modules' names. Where the module also holds an SDK name
        spelled like the type, its own import of the type is bound to `_Name` instead."""
        our = sys.modules.get(f"typed_openai.types.{module}" if module else "")
        if our is None or hasattr(our, "__path__"):
            return False
        local = entry.name
        while local in self.second_names.get(module or ".", {}):
            local = "_" + local
        return getattr(our, local, None) is entry.value


def _inline_union(annotation: Any) -> tuple[Any, int]:
    """The union a field's annotation is, under Optional and list levels (and how many lists)."""
    levels = 0
    while True:
        annotation = _strip(annotation)
        members = _union_members(annotation)
        if members is not None:
            rest = [m for m in members if _strip(m) is not type(None)]
            if len(rest) != 1:
                return annotation, levels
            annotation = rest[0]
        elif _origin(annotation) in _LISTS and _args(annotation):
            annotation = _args(annotation)[0]
            levels += 1
        else:
            return None, levels


def best(
    found: list[Entry],
    module: str,
    name: str,
    used_by: Callable[[str, Entry], bool] = lambda module, entry: False,
) -> Entry | None:
    """The candidate named alike: same name, then the one our module at that path itself uses,
    then the same module, the most trailing words in common, the same top-level package."""
    if not found:
        return None

    words = _words(name)
    top = module.split(".")[0]

    def rank(entry: Entry) -> tuple[Any, ...]:
        return (
            entry.name != name,
            not used_by(module, entry),
            entry.module != module,
            -_common_suffix(words, _words(entry.name)),
            entry.module.split(".")[0] != top,
            entry.module.count("."),
            len(entry.module),
            entry.module,
            entry.name,
        )

    return min(found, key=rank)


def _words(name: str) -> list[str]:
    return re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", name)


def _common_suffix(a: list[str], b: list[str]) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x.lower() != y.lower():
            break
        count += 1
    return count
