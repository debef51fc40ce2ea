"""Comparing two versions of a schema, in the direction the data flows.

Schemas are compared lazily through their `$ref`s, never expanded, so recursive schemas are fine:
when a comparison reaches a pair of schemas it is already comparing further up, it stops there
(the changes inside are reported at the outer, shorter location). Every finished comparison of a
pair of schemas is remembered, so a schema shared by a hundred operations is compared once per
direction, and the full upstream spec compares in well under a second.
"""

from __future__ import annotations

from typing import Any

from .changes import Change
from .refs import RefIndex
from .rules import Direction, Kind
from .schema_view import Member, SchemaView, ViewBuilder, describe
from .text import code as _code

_NO_CUT = 1 << 30


def _values(shown: list[str]) -> str:
    return ", ".join(_code(v) for v in shown)


def _covers(wide: frozenset[str] | None, narrow: frozenset[str] | None) -> bool:
    """Whether every value of type `narrow` is also of type `wide` (integers are numbers)."""
    if wide is None:
        return True
    if narrow is None:
        return False
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


class SchemaComparer:
    def __init__(self, old: RefIndex, new: RefIndex) -> None:
        self._old_refs = old
        self._new_refs = new
        self._old_views = ViewBuilder(old.deref)
        self._new_views = ViewBuilder(new.deref)
        self._memo: dict[tuple[int, int, Direction], list[Change]] = {}
        self._active: dict[tuple[int, int, Direction], int] = {}
        # The shallowest active comparison that the current one stopped at because of a cycle;
        # a result that depends on such a cut is only valid in its context and is not memoised.
        self._cut = _NO_CUT

    def compare(self, old: Any, new: Any, direction: Direction) -> list[Change]:
        """Changes from schema `old` to schema `new` (either may be a `$ref`), relative paths."""
        old_target, old_name = self._old_refs.deref(old)
        new_target, new_name = self._new_refs.deref(new)
        key = (id(old_target), id(new_target), direction)
        changes = self._memo.get(key)
        if changes is None:
            depth = self._active.get(key)
            if depth is not None:
                self._cut = min(self._cut, depth)
                return []
            changes = self._compare_fresh(key, old_target, old_name, new_target, new_name)
        if changes:
            changes = self._attribute(changes, old_target, old_name, new_target, new_name)
        return changes

    def _attribute(
        self,
        changes: list[Change],
        old: Any,
        old_name: str | None,
        new: Any,
        new_name: str | None,
    ) -> list[Change]:
        """Name the component schema each change sits in, when there is one.

        A schema is named by the reference that reached it or, for a wrapper that only makes a
        reference nullable (`anyOf: [$ref X, null]`), by the schema it wraps. A change below the
        top is inside that schema. A change at the top is the schema's own only when both
        versions name the same schema; a change of nullability at the top is only when both
        versions reference it directly (otherwise a wrapper appeared or went, at the place).
        """
        old_id = old_name or self._old_views.view(old).wraps
        new_id = new_name or self._new_views.view(new).wraps
        inner = new_id or old_id
        if inner is None:
            return changes
        same = old_id == new_id
        direct = old_name is not None and old_name == new_name
        out: list[Change] = []
        for change in changes:
            if change.path:
                out.append(change.inside(inner))
            elif change.kind in (Kind.MADE_NULLABLE, Kind.MADE_NON_NULLABLE):
                out.append(change.inside(inner) if direct else change)
            else:
                out.append(change.inside(inner) if same else change)
        return out

    def _compare_fresh(
        self,
        key: tuple[int, int, Direction],
        old: Any,
        old_name: str | None,
        new: Any,
        new_name: str | None,
    ) -> list[Change]:
        depth = len(self._active)
        self._active[key] = depth
        outer_cut, self._cut = self._cut, _NO_CUT
        try:
            changes = self._compare_views(
                self._old_views.view(old),
                old_name,
                old,
                self._new_views.view(new),
                new_name,
                new,
                key[2],
            )
        finally:
            del self._active[key]
            cut, self._cut = self._cut, outer_cut
        if cut >= depth:
            self._memo[key] = changes
        else:
            self._cut = min(self._cut, cut)
        return changes

    def _compare_views(
        self,
        old: SchemaView,
        old_name: str | None,
        old_raw: Any,
        new: SchemaView,
        new_name: str | None,
        new_raw: Any,
        direction: Direction,
    ) -> list[Change]:
        changes: list[Change] = []
        if old.nullable != new.nullable:
            kind = Kind.MADE_NULLABLE if new.nullable else Kind.MADE_NON_NULLABLE
            changes.append(Change(kind, direction))
        changes += self._compare_content(old, old_name, old_raw, new, new_name, new_raw, direction)
        return changes

    def _compare_content(
        self,
        old: SchemaView,
        old_name: str | None,
        old_raw: Any,
        new: SchemaView,
        new_name: str | None,
        new_raw: Any,
        direction: Direction,
    ) -> list[Change]:
        """Everything but nullability: types, enums, unions, properties, items, map values."""
        changes: list[Change] = []
        if old.members is not None or new.members is not None:
            changes += self._compare_unions(
                old, old_name, old_raw, new, new_name, new_raw, direction
            )
        else:
            changes += self._compare_types(old, new, direction)
            changes += self._compare_enums(old, new, direction)
        # When only one side is a union, its matched member carries the properties: comparing
        # the union's own (usually empty) property list would report every field as removed.
        one_sided_union = (old.members is None) != (new.members is None)
        if old.is_object_like and new.is_object_like and not one_sided_union:
            changes += self._compare_properties(old, new, direction)
        if old.items is not None and new.items is not None:
            changes += [c.under("[]") for c in self.compare(old.items, new.items, direction)]
        if old.map_values is not None and new.map_values is not None:
            found = self.compare(old.map_values, new.map_values, direction)
            changes += [c.under("{*}") for c in found]
        return changes

    def _compare_types(
        self, old: SchemaView, new: SchemaView, direction: Direction
    ) -> list[Change]:
        if old.types == new.types:
            return []
        if _covers(new.types, old.types):
            kind = Kind.TYPE_WIDENED
        elif _covers(old.types, new.types):
            kind = Kind.TYPE_NARROWED
        else:
            kind = Kind.TYPE_CHANGED
        detail = f"{_code(describe(old))} → {_code(describe(new))}"
        return [Change(kind, direction, detail=detail)]

    def _compare_enums(
        self, old: SchemaView, new: SchemaView, direction: Direction
    ) -> list[Change]:
        if old.enum is None and new.enum is None:
            return []
        if old.enum is None:
            assert new.enum is not None
            shown = _values(list(new.enum.values()))
            return [Change(Kind.ENUM_CONSTRAINT_ADDED, direction, detail=shown)]
        if new.enum is None:
            shown = _values(list(old.enum.values()))
            return [Change(Kind.ENUM_CONSTRAINT_REMOVED, direction, detail=shown)]
        changes: list[Change] = []
        added = [shown for key, shown in new.enum.items() if key not in old.enum]
        removed = [shown for key, shown in old.enum.items() if key not in new.enum]
        if added:
            changes.append(Change(Kind.ENUM_VALUES_ADDED, direction, detail=_values(added)))
        if removed:
            changes.append(Change(Kind.ENUM_VALUES_REMOVED, direction, detail=_values(removed)))
        return changes

    def _compare_properties(
        self, old: SchemaView, new: SchemaView, direction: Direction
    ) -> list[Change]:
        changes: list[Change] = []
        for name, old_schema in old.properties.items():
            if name not in new.properties:
                changes.append(Change(Kind.FIELD_REMOVED, direction, (name,)))
                continue
            was_required, is_required = name in old.required, name in new.required
            if was_required != is_required:
                kind = Kind.MADE_REQUIRED if is_required else Kind.MADE_OPTIONAL
                changes.append(Change(kind, direction, (name,)))
            found = self.compare(old_schema, new.properties[name], direction)
            changes += [c.under(name) for c in found]
        for name in new.properties:
            if name not in old.properties:
                required = name in new.required
                kind = Kind.REQUIRED_FIELD_ADDED if required else Kind.OPTIONAL_FIELD_ADDED
                changes.append(Change(kind, direction, (name,)))
        return changes

    def _members(
        self, view: SchemaView, name: str | None, raw: Any, views: ViewBuilder, disc: str | None
    ) -> list[Member]:
        if view.members is not None:
            return view.members
        # A plain schema compared with a union is a union of one: match it like any member.
        key, label = views.member_identity(raw, disc, name)
        return [Member(key, label, raw)]

    def _compare_unions(
        self,
        old: SchemaView,
        old_name: str | None,
        old_raw: Any,
        new: SchemaView,
        new_name: str | None,
        new_raw: Any,
        direction: Direction,
    ) -> list[Change]:
        disc = new.discriminator or old.discriminator
        old_members = self._members(old, old_name, old_raw, self._old_views, disc)
        new_members = self._members(new, new_name, new_raw, self._new_views, disc)
        new_by_key = {m.key: m for m in new_members}
        old_keys = {m.key for m in old_members}
        removed = [m for m in old_members if m.key not in new_by_key]
        added = [m for m in new_members if m.key not in old_keys]
        changes: list[Change] = []
        if old.members is not None and new.members is not None:
            for member in removed:
                changes.append(
                    Change(Kind.UNION_MEMBER_REMOVED, direction, detail=_code(member.label))
                )
            for member in added:
                changes.append(
                    Change(Kind.UNION_MEMBER_ADDED, direction, detail=_code(member.label))
                )
        elif removed or added:
            if not removed:
                kind = Kind.TYPE_WIDENED
            elif not added:
                kind = Kind.TYPE_NARROWED
            else:
                kind = Kind.TYPE_CHANGED
            detail = f"{_code(describe(old))} → {_code(describe(new))}"
            if old.members is None and old_name is not None:
                detail = f"{_code(old_name)} → {_code(describe(new))}"
            if new.members is None and new_name is not None:
                detail = f"{_code(describe(old))} → {_code(new_name)}"
            changes.append(Change(kind, direction, detail=detail))
        for member in old_members:
            twin = new_by_key.get(member.key)
            if twin is None:
                continue
            found = self.compare(member.schema, twin.schema, direction)
            changes += [c.under(f"<{twin.label}>") for c in found]
        return changes
