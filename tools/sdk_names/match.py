"""For each name of the official SDK's `types` tree that ours lacks, the type of ours with its shape.

Matching is structural (tools/sdk_names/shapes.py), in three passes:
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
3. by place: a model or TypedDict still unmatched stands where the SDK holds it — a field of
   another SDK class (through Optional, lists and union arms). Our class at that field of our
   counterpart of the holder (our type of its name at the SDK's module path, else the one pass 1
   matches, else the one found the same way at the holder's own place) with the same field
   names and discriminators is its match (`realtime_mcp_list_tools.Tool` is our
   `McpListToolsTool`, the item type of our `RealtimeMcpListTools.tools`: only the names differ).
   Where one side has a field more or less (the SDK is newer than the upstream document, or
   older), the class ours holds where the SDK's module uses the name — the same kind and
   one-valued Literal fields, one side's field names within the other's — and the union ours
   holds inline there when its members have the same discriminators (tools/sdk_names/places.py).
Among several candidates the one ours holds where the SDK's module uses the name wins (places.py:
the SDK's `isinstance` checks at that place must hold for ours), then for a union the one with the
most arms of the SDK's arms' class names (a shared union and a per-place copy of it hold the same
data, but only one prints as the SDK's), then the one named alike (same
name, then the type our module at the SDK's path uses itself, then the same module, then the most
trailing words in common, then the same top-level package), then the one whose nested classes
have the SDK's field names the most (`beta.realtime.SessionCreatedEvent` is our
`RealtimeBetaServerEventSessionCreated`, whose `session` is the beta session, not the GA event of
the same field names: `difference`), then the one ours holds where the SDK holds its class in
another module (`beta.realtime.RealtimeResponseStatus` is what our beta response's
`status_details` holds), then the shortest module path; ties are broken by name so the result is
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

from .index import Entry, load
from .places import Places, at_place, counterpart, discriminators
from .shapes import (
    Described,
    describe,
    fields,
    is_model,
    is_typeddict,
    literal_values,
    shape,
    standing_for,
    type_args,
    type_origin,
    union_members,
    unwrapped,
)

_LISTS = (list, collections.abc.Iterable, collections.abc.Sequence)


@dataclass(frozen=True)
class Match:
    module: str
    name: str
    exact: bool  # the same shape, not only the same field names
    by_place: bool = False  # found where the SDK holds it (pass 3), not by its name


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
        self,
        ours: Iterable[Entry],
        second_names: Mapping[str, Mapping[str, str]] | None = None,
        theirs: Iterable[Entry] = (),
        packages: tuple[str, str] = ("openai.types", "typed_openai.types"),
        places: Places | None = None,
    ) -> None:
        """``second_names``: the facts our modules carry now (SDK module, "." the root -> SDK
        names), which say nothing about the types a module itself uses. ``theirs``: the SDK's
        entries, to find a class by the place the SDK holds it (pass 3; none: no such pass);
        ``packages``: the SDK's types package and ours, where counterparts are looked up.
        ``places``: what ours holds where the SDK's module uses a name (the candidate there wins;
        none: no such preference)."""
        self.ours = [e for e in ours if e.described is not None]
        self.second_names = second_names or {}
        self.places = places
        self.theirs = [e for e in theirs if e.described is not None]
        self.packages = packages
        self._holders: dict[int, list[tuple[type, str]]] | None = None
        self._at_place: dict[int, list[type]] = {}
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
        # the per-place copies (no candidates of their own: each stands for its source), whose
        # fields hold unions too (a copy of a tool holds its own `container` union)
        self.copy_owners: list[Entry] = []

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
                found = found or self._by_place(value, described)
                self._classes[key] = best(
                    found, module, name, self._used_by, self._preferred(module, value), value
                )
        return self._classes[key]

    def _preferred(self, module: str, value: Any) -> Callable[[Entry], bool]:
        """Whether a candidate is what ours holds where the SDK's module uses ``value``: the
        candidate, or a per-place copy of it (a copy stands for its source: `by_identity`), or a
        union whose members are those (a union's copy, whose arms are copies)."""
        here = self.places.ours_at(module, value) if self.places is not None else []
        if not here:
            return lambda entry: False
        held = {id(self._source(leaf)) for a in here for leaf in _held(a)}
        unions = {
            key
            for a in here
            for union, _place in _inline_unions(a, "")
            if (key := self._union_key(union, False, module)) is not None
        }

        def preferred(entry: Entry) -> bool:
            if at_place(entry.value, here):
                return True
            if isinstance(entry.value, type):
                return id(entry.value) in held
            key = self._union_key(entry.value, False, module)
            return key is not None and key in unions

        return preferred

    def _source(self, value: Any) -> Any:
        """The class a per-place copy copies (itself for any other)."""
        entry = self.by_identity.get(id(value))
        return entry.value if entry is not None else value

    # --- pass 2 ---------------------------------------------------------------------------------

    def _member_key(self, member: Any, resolve: bool, module: str, alike: bool = False) -> Any:
        """``alike``: a class stands for every class of ours of its exact shape."""
        member = unwrapped(member)
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
        inner = union_members(member)
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
        members = union_members(unwrapped(value))
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
        """Member keys -> the places in our models' and TypedDicts' fields holding such a union
        inline, each as an Entry named `Owner.field` and its steps (`[]` per list level, `|N` into
        a union's N-th arm: codegen/sdk_unions.py)."""
        if self._places is None:
            self._places = defaultdict(list)
            seen: set[int] = set()
            for entry in [*self.ours, *self.copy_owners]:
                if entry.described is None or entry.described.kind not in ("model", "typeddict"):
                    continue
                if id(entry.value) in seen:
                    continue
                seen.add(id(entry.value))
                for wire, annotation in fields(entry.value).items():
                    for union, place in _inline_unions(annotation, f"{entry.name}.{wire}"):
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
        aliased = self._alias_of(entry) or self._with_untyped_arm(entry)
        if aliased is not None:
            return aliased
        found, exact = self.candidates(described, entry.name)
        preferred = self._preferred(entry.module, entry.value)
        if described.kind == "union":
            # the very classes the SDK's members match first, then classes of the same shapes; a
            # union only an arm of another holds (`|N`) where no named union or field has one;
            # but the first of these holding the union ours has where the SDK uses the name wins
            passes: list[list[Entry]] = [found]
            for in_arm in (False, True):
                for alike in (False, True):
                    key = self._union_key(entry.value, True, entry.module, alike)
                    if key is None:
                        continue
                    named = [] if in_arm else self._union_index().get((alike, key), [])
                    places = self._place_index().get((alike, key), [])
                    passes.append(named)
                    passes.append([p for p in places if ("|" in p.name) == in_arm])
            here = ([e for e in c if preferred(e)] for c in passes)
            found = next((c for c in here if c), []) or next((c for c in passes if c), [])
            exact = bool(found)
        if found and described.kind in ("model", "typeddict") and not any(map(preferred, found)):
            # ours at the place the SDK's module uses the name holds another class: a class
            # elsewhere of the SDK's very shape is not what code reading or passing that field
            # gets (a TypedDict argument must be the parameter's own, whatever its twins elsewhere)
            placed = self._reshaped_at_place(entry)
            if placed is not None:
                return placed
        by_place = False
        if not found and described.kind in ("model", "typeddict"):
            found = self._by_place(entry.value, described)
            by_place = bool(found)
        chosen = best(
            found,
            entry.module,
            entry.name,
            self._used_by,
            preferred,
            entry.value,
            self._held_where_the_sdk_holds(entry.value),
            _arms_named_alike(entry.value) if described.kind == "union" else _no_arms,
        )
        if chosen is None and described.kind == "union":
            return self._by_discriminators(entry)
        if chosen is None and described.kind in ("model", "typeddict"):
            return self._reshaped_at_place(entry)
        if chosen is None:
            return None
        return Match(chosen.module, chosen.name, exact and not by_place, by_place)

    def _alias_of(self, entry: Entry) -> Match | None:
        """A second name the SDK gives one of its classes (`conversations.InputImageContent =
        ResponseInputImage`) is the very class ours has for that class (at the SDK's module of
        it, under its name), not another of the same fields: `isinstance` against either name
        then holds for the same objects with both SDKs."""
        value = entry.value
        their_package, our_package = self.packages
        if not isinstance(value, type) or value.__name__ == entry.name:
            return None
        module = value.__module__
        if not module.startswith(their_package + "."):
            return None
        ours = getattr(load(our_package, module[len(their_package) + 1 :]), value.__name__, None)
        ours = standing_for(ours)
        found = self.by_identity.get(id(ours)) if isinstance(ours, type) else None
        if found is None or found.described is None or entry.described is None:
            return None
        if found.described.kind != entry.described.kind:
            return None
        exact = found.described.shape == entry.described.shape
        return Match(found.module, found.name, exact)

    def _with_untyped_arm(self, entry: Entry) -> Match | None:
        """A union with an `object` arm (`shared.compound_filter.Filter`: a comparison filter or
        `object`, the SDK leaving the recursive compound filter untyped) is the union ours holds
        inline where the SDK's module uses it, when its typed arms are among ours there: ours
        types the arm the SDK leaves open (`# same fields, same place`)."""
        theirs = union_members(unwrapped(entry.value))
        if self.places is None or theirs is None or all(unwrapped(m) is not object for m in theirs):
            return None
        typed = [unwrapped(m) for m in theirs if unwrapped(m) not in (object, type(None))]
        wanted: list[int] = []
        for member in typed:
            found = (
                self._class(member, entry.module, member.__name__)
                if isinstance(member, type)
                else None
            )
            if found is None:
                return None  # an arm that is no class of ours (a Literal, a scalar): not this rule
            wanted.append(id(found.value))
        for place in self.places.at(entry.module, entry.value):
            union, levels = _inline_union(place.annotation)
            if place.owner is None or union is None:
                continue
            arms = {id(unwrapped(m)) for m in union_members(union) or []} - {id(object)}
            module = self.places.module_of(place.owner)
            if module is not None and set(wanted) <= arms and len(arms - set(wanted)) >= 1:
                name = f"{place.owner.__name__}.{place.wire}" + "[]" * levels
                return Match(module, name, False, True)
        return None

    def _by_discriminators(self, entry: Entry) -> Match | None:
        """A union whose members the newer SDK reshaped (a field more) matches the union ours
        holds inline where the SDK uses it, when the members have the same discriminators:
        the same data, told apart the same way (`# same fields, same place`)."""
        wanted = discriminators(entry.value)
        if self.places is None or wanted is None:
            return None
        for place in self.places.at(entry.module, entry.value):
            union, levels = _inline_union(place.annotation)
            if place.owner is None or union is None or discriminators(union) != wanted:
                continue
            module = self.places.module_of(place.owner)
            if module is not None:
                name = f"{place.owner.__name__}.{place.wire}" + "[]" * levels
                return Match(module, name, False, True)
        return None

    def _reshaped_at_place(self, entry: Entry) -> Match | None:
        """A class one side has a field more or less in (the SDK is newer than the upstream
        document, or older) matches the class ours holds where the SDK's module uses it: the same
        kind and discriminators, one side's field names within the other's."""
        if self.places is None or entry.described is None:
            return None
        names = entry.described.names
        for place in self.places.at(entry.module, entry.value):
            own = self.by_identity.get(id(counterpart(place, entry.value)))
            if own is None or own.described is None or not own.described.names:
                continue
            if own.described.names <= names or names <= own.described.names:
                return Match(own.module, own.name, False, True)
        return None

    # --- pass 3: by place -----------------------------------------------------------------------

    def _by_place(self, value: type, described: Described) -> list[Entry]:
        """Our classes (as entries) at the place the SDK holds ``value``, with its field names and
        discriminators."""
        found: list[Entry] = []
        for ours in self._ours_at(value, set()):
            entry = self.by_identity.get(id(ours))
            if entry is None or entry.described is None or entry in found:
                continue
            mine = entry.described
            same_fields = (mine.kind, mine.names) == (described.kind, described.names)
            if same_fields and _literals(mine) == _literals(described):
                found.append(entry)
        return found

    def _holders_index(self) -> dict[int, list[tuple[type, str]]]:
        """id of an SDK class -> (holder class, field) for every SDK model or TypedDict field
        holding it (through Optional, lists and union arms)."""
        if self._holders is None:
            self._holders = defaultdict(list)
            seen: set[int] = set()
            for entry in self.theirs:
                holder = entry.value
                if entry.described.kind not in ("model", "typeddict") or id(holder) in seen:  # type: ignore[union-attr]
                    continue
                seen.add(id(holder))
                for wire, annotation in fields(holder).items():
                    for held in _held(annotation):
                        self._holders[id(held)].append((holder, wire))
        return self._holders

    def _ours_at(self, sdk_class: type, visiting: set[int]) -> list[type]:
        """Our classes standing for an SDK class: ours of its name at its module path, else the
        one of its shape (pass 1), else ours at each place the SDK holds it (found the same way
        for the holder)."""
        key = id(sdk_class)
        if key in self._at_place:
            return self._at_place[key]
        if key in visiting:
            return []
        visiting.add(key)
        kind = is_model(sdk_class)
        their_package, our_package = self.packages
        module, name = sdk_class.__module__, sdk_class.__name__
        ours, relative = None, ""
        if module == their_package or module.startswith(their_package + "."):
            relative = module[len(their_package) + 1 :]
            ours = standing_for(getattr(load(our_package, relative), name, None))
        described = describe(sdk_class)
        same, _ = self.candidates(described, name) if described is not None else ([], False)
        chosen = best(same, relative, name, self._used_by, theirs=sdk_class)
        if isinstance(ours, type) and (is_model(ours) or is_typeddict(ours)):
            found = [ours] if is_model(ours) == kind else []
        elif chosen is not None:  # pass 1's match
            found = [chosen.value]
        else:
            found = []
            for holder, wire in self._holders_index().get(key, []):
                for our_holder in self._ours_at(holder, visiting):
                    annotation = fields(our_holder).get(wire)
                    if annotation is not None:
                        found += [c for c in _held(annotation) if is_model(c) == kind]
        found = list({id(c): c for c in found}.values())
        self._at_place[key] = found
        return found

    def _held_where_the_sdk_holds(self, value: Any) -> Callable[[Entry], bool]:
        """Whether a candidate is a class ours holds at a field where the SDK holds ``value``
        (in our counterpart of the SDK's holder)."""
        held: set[int] = set()
        if isinstance(value, type):
            for holder, wire in self._holders_index().get(id(value), []):
                for our_holder in self._ours_at(holder, set()):
                    annotation = fields(our_holder).get(wire)
                    if annotation is not None:
                        held |= {id(c) for c in _held(annotation)}
        return lambda entry: id(entry.value) in held

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
        if getattr(our, local, None) is entry.value:
            return True
        # (or derives a class under the SDK's name from it)
        return any(
            standing_for(value) is entry.value
            for value in vars(our).values()
            if is_typeddict(value) and value is not entry.value
        )


def _held(annotation: Any) -> list[type]:
    """The model and TypedDict classes an annotation holds, through Optional, lists and unions."""
    annotation = unwrapped(annotation)
    members = union_members(annotation)
    if members is not None:
        return [c for m in members for c in _held(m)]
    if type_origin(annotation) in _LISTS and type_args(annotation):
        return _held(type_args(annotation)[0])
    if isinstance(annotation, type) and (is_model(annotation) or is_typeddict(annotation)):
        return [annotation]
    return []


def difference(theirs: type, ours: Any, depth: int = 3) -> int:
    """How many field names differ between two classes, also in the classes their fields hold,
    ``depth`` levels down (a union's member compared with the closest of the other side's)."""
    if not isinstance(ours, type) or not (is_model(ours) or is_typeddict(ours)):
        return 0
    mine, other = fields(theirs), fields(ours)
    count = len(mine.keys() ^ other.keys())
    if depth <= 0:
        return count
    for name in mine.keys() & other.keys():
        held, counterparts = _held(mine[name]), _held(other[name])
        if held and counterparts:
            count += sum(min(difference(c, o, depth - 1) for o in counterparts) for c in held)
        else:
            count += len(held) + len(counterparts)
    return count


def _inline_unions(annotation: Any, place: str) -> list[tuple[Any, str]]:
    """The unions an annotation holds inline, each with its place: the union the annotation is
    (under Optional and lists, `[]` each), then those in its arms (`|N`: the N-th arm as written,
    None left out; an arm holds a union only under a list, Python flattens the rest)."""
    union, levels = _inline_union(annotation)
    if union is None:
        return []
    place += "[]" * levels
    found = [(union, place)]
    arms = [m for m in union_members(union) or [] if unwrapped(m) is not type(None)]
    for index, arm in enumerate(arms):
        found += _inline_unions(arm, f"{place}|{index}")
    return found


def _inline_union(annotation: Any) -> tuple[Any, int]:
    """The union a field's annotation is, under Optional and list levels (and how many lists)."""
    levels = 0
    while True:
        annotation = unwrapped(annotation)
        members = union_members(annotation)
        if members is not None:
            rest = [m for m in members if unwrapped(m) is not type(None)]
            if len(rest) != 1:
                return annotation, levels
            annotation = rest[0]
        elif type_origin(annotation) in _LISTS and type_args(annotation):
            annotation = type_args(annotation)[0]
            levels += 1
        else:
            return None, levels


def best(
    found: list[Entry],
    module: str,
    name: str,
    used_by: Callable[[str, Entry], bool] = lambda module, entry: False,
    at_place: Callable[[Entry], bool] = lambda entry: False,
    theirs: Any = None,
    held: Callable[[Entry], bool] = lambda entry: False,
    arms: Callable[[Entry], int] = lambda entry: 0,
) -> Entry | None:
    """The one ours holds where the SDK uses the name, else (a union) the one with the most
    arms of the SDK's arms' class names, else the candidate named alike: same
    name, then the one our module at that path itself uses, then the same module, the most
    trailing words in common, the same top-level package; then the one nested most like
    ``theirs`` (the SDK's class, if given), then one ours ``held`` where the SDK holds it."""
    if not found:
        return None

    words = _words(name)
    top = module.split(".")[0]

    def rank(entry: Entry) -> tuple[Any, ...]:
        return (
            not at_place(entry),
            -arms(entry),
            entry.name != name,
            not used_by(module, entry),
            entry.module != module,
            -_common_suffix(words, _words(entry.name)),
            entry.module.split(".")[0] != top,
            difference(theirs, entry.value) if isinstance(theirs, type) else 0,
            not held(entry),
            entry.module.count("."),
            len(entry.module),
            entry.module,
            entry.name,
        )

    return min(found, key=rank)


def _no_arms(entry: Entry) -> int:
    return 0


def _arm_classes(union: Any) -> list[type]:
    return [m for m in map(unwrapped, union_members(unwrapped(union)) or []) if isinstance(m, type)]


def _arms_named_alike(theirs: Any) -> Callable[[Entry], int]:
    """How many arms of a union of ours have the `__name__` of one of the SDK union's arms:
    of two unions of the same members (a shared union and its per-place copy, whose arms are
    copies under other names), the one whose arms print as the SDK's do."""
    names = {arm.__name__ for arm in _arm_classes(theirs)}

    def count(entry: Entry) -> int:
        return sum(arm.__name__ in names for arm in _arm_classes(entry.value))

    return count


def _words(name: str) -> list[str]:
    return re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", name)


def _common_suffix(a: list[str], b: list[str]) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x.lower() != y.lower():
            break
        count += 1
    return count
