"""What is decided once every named type is built: discriminators, SSE envelopes, request-side
(param) twins."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from typing import TypeVar

from .ir import (
    AliasDef,
    FieldDef,
    ListOf,
    LiteralOf,
    MapOf,
    ModelDef,
    Named,
    OperationIR,
    ParamDef,
    ParamIR,
    TypeDef,
    TypeExpr,
    UnionOf,
    named_keys,
    path_and_query_keys,
    tag_only_members,
)
from .naming import class_name, copy_twin_name

_PREFERRED_TAGS = ("type", "object", "event", "role", "kind")

_T = TypeVar("_T")
_Typed = TypeVar("_Typed", FieldDef, ParamIR, AliasDef)  # things with a `type` a pass may change


def _map_expr(t: TypeExpr, fn: Callable[[UnionOf], TypeExpr]) -> TypeExpr:
    """`t` with `fn` applied to every union in it, bottom-up; `t` itself when nothing changes."""
    if isinstance(t, ListOf):
        item = _map_expr(t.item, fn)
        return t if item is t.item else ListOf(item)
    if isinstance(t, MapOf):
        value = _map_expr(t.value, fn)
        return t if value is t.value else MapOf(value)
    if isinstance(t, UnionOf):
        members = tuple(_map_expr(m, fn) for m in t.members)
        same = all(new is old for new, old in zip(members, t.members, strict=True))
        return fn(t if same else replace(t, members=members))
    return t


def _same(new: tuple[_T, ...], old: tuple[_T, ...]) -> tuple[_T, ...]:
    """`old` when every item of `new` is the very same object (no copy made for nothing)."""
    return old if all(a is b for a, b in zip(new, old, strict=True)) else new


def _tag_field(model: TypeDef | None, wire: str) -> FieldDef | None:
    if not isinstance(model, ModelDef):
        return None
    for f in model.fields:
        if f.wire == wire and f.required and not f.nullable and isinstance(f.type, LiteralOf):
            return f
    return None


class Discriminators:
    """Every union decided once all named types are built: it gets a pydantic discriminator only
    when every member is a model with a required, single-valued literal tag and the tags are
    disjoint; otherwise it stays a plain union. A property the document (or config
    `discriminators:`) names is the only one tried; the others try `_PREFERRED_TAGS`. A named
    property pydantic cannot discriminate on (two members share a tag, or one's is optional)
    still marks the union (`UnionOf.tag_only`), as the official SDK marks it: data no member
    validates is built as the member its tag names. A tag-only union inside another on the same
    property is spliced into it (`Union[A, Union[B, C]]` is `Union[A, B, C]` at runtime anyway).

    `defs` holds the decided types; `expr`, `fields` and `typed` decide what an operation holds
    while it is made. Nothing unchanged is copied: a type, field or expression without a union to
    decide is handed back as the same object."""

    def __init__(self, built: dict[str, TypeDef]) -> None:
        self._built = built
        self.defs: dict[str, TypeDef] = {}
        for key, d in built.items():
            if isinstance(d, ModelDef):
                new_fields = self.fields(d.fields)
                self.defs[key] = d if new_fields is d.fields else replace(d, fields=new_fields)
            else:
                self.defs[key] = self.typed(d)

    def _decide(self, u: UnionOf) -> TypeExpr:
        if u.discriminator is None:
            return u
        named = None if u.discriminator == "?" else u.discriminator
        # the members as the union is rendered (see `UnionOf.tag_only`): a nested tag-only union
        # on the same property is spliced in there, so the decision is taken over its members
        members = tag_only_members(u, self._alias_type) if named else u.members
        if members != u.members:
            return UnionOf(u.members, named, tag_only=True)
        if not all(isinstance(m, Named) for m in members):
            return UnionOf(u.members)
        models = [self._built.get(m.key) for m in members if isinstance(m, Named)]
        for wire in (named,) if named else _PREFERRED_TAGS:
            tags = [_tag_field(m, wire) for m in models]
            if any(t is None for t in tags):
                continue
            names = {t.name for t in tags if t}
            values = [v for t in tags if t and isinstance(t.type, LiteralOf) for v in t.type.values]
            if len(names) == 1 and len(values) == len(set(map(repr, values))):
                return UnionOf(u.members, names.pop())
        if named and all(isinstance(m, ModelDef) for m in models):
            return UnionOf(u.members, named, tag_only=True)
        return UnionOf(u.members)

    def _alias_type(self, key: str) -> TypeExpr | None:
        d = self._built.get(key)
        return self.expr(d.type) if isinstance(d, AliasDef) else None

    def expr(self, t: TypeExpr) -> TypeExpr:
        return _map_expr(t, self._decide)

    def typed(self, f: _Typed) -> _Typed:
        """A field, parameter or alias with its type decided."""
        t = self.expr(f.type)
        return f if t is f.type else replace(f, type=t)

    def fields(self, fs: tuple[FieldDef, ...]) -> tuple[FieldDef, ...]:
        return _same(tuple(self.typed(f) for f in fs), fs)


def is_event_envelope(item: TypeExpr, defs: dict[str, TypeDef]) -> bool:
    """SSE items shaped `{event: <const>, data: ...}` per member: read from the SSE event name."""
    models = [defs.get(k) for k in _union_leaves(item, defs, set())]
    return bool(models) and all(
        isinstance(m, ModelDef)
        and {f.wire for f in m.fields} >= {"event", "data"}
        and any(f.wire == "event" and isinstance(f.type, LiteralOf) for f in m.fields)
        for m in models
    )


def _union_leaves(t: TypeExpr, defs: dict[str, TypeDef], seen: set[str]) -> list[str]:
    """Keys of the models a (possibly nested, possibly aliased) union is made of."""
    if isinstance(t, UnionOf):
        return [k for m in t.members for k in _union_leaves(m, defs, seen)]
    if isinstance(t, Named) and t.key not in seen:
        seen.add(t.key)
        d = defs.get(t.key)
        if isinstance(d, AliasDef):
            return _union_leaves(d.type, defs, seen)
        return [t.key]
    return [""]  # not a model: never an envelope


def request_types(ops: list[OperationIR]) -> Iterable[TypeExpr]:
    for op in ops:
        for p in op.params:
            yield p.type
        if op.body:
            for f in op.body.fields:
                yield f.type
            if op.body.whole is not None:
                yield op.body.whole


def build_param_twins(
    defs: dict[str, TypeDef],
    ops: list[OperationIR],
    claim: Callable[[str, str, str], str],
    overrides: dict[str, tuple[str, str]],
    stand_ins: dict[str, str] | None = None,
    configured: Collection[str] = (),
    copies: dict[str, str] | None = None,
    sdk_modules: Collection[str] = (),
) -> dict[str, ParamDef]:
    """Named types reachable from requests get a TypedDict (models) or alias (unions) twin.

    `stand_ins`: schema key -> the key of the type the config has stand for it everywhere (`use:`);
    such a schema keeps a twin, an alias of the other's, where the other has one.
    `configured`: the keys of types the config names (the official SDK's names); a twin of any
    other array is written out where a request takes it (`ParamDef.inline_array`). `copies`: the
    key of a per-place copy (config `sdk_copies:`) -> the key of what it copies. Where the copy's
    module has a request side (its `_param` module holds other twins, or is one of
    `sdk_modules`, the modules the official SDK's second names are in), the copy's request side
    is a TypedDict of its own there, named as the SDK names the request-side class of a place's
    own class (`copy_twin_name`), so type checkers' messages and `__name__` show the SDK's name;
    a copy in a module of answers only (`run_cancel_response`) shares the twin of what it copies
    (the keys sent are the same), making no request-side module the SDK lacks. What a copy
    copies keeps its twin either way (the names a request side had stay importable)."""
    copies = copies or {}
    reachable: list[str] = []
    seen: set[str] = set()
    stack = [k for t in request_types(ops) for k in named_keys(t)]
    stack += sorted(overrides)  # request-side types the config names always exist
    while stack:
        key = stack.pop()
        if key in seen or key not in defs:
            continue
        seen.add(key)
        reachable.append(key)
        d = defs[key]
        inner = [f.type for f in d.fields] if isinstance(d, ModelDef) else [d.type]
        stack.extend(k for t in inner for k in named_keys(t))
        if key in copies:
            stack.append(copies[key])
    for key, used in sorted((stand_ins or {}).items()):
        if used in seen and key not in seen:
            seen.add(key)
            reachable.append(key)

    # an alias needs a twin only if it (transitively) mentions a model
    needs: dict[str, bool] = {}

    def need(key: str, visiting: frozenset[str] = frozenset()) -> bool:
        if key in needs:
            return needs[key]
        d = defs.get(key)
        if d is None or key in visiting:
            return False
        if isinstance(d, ModelDef):
            result = True
        else:
            result = any(need(k, visiting | {key}) for k in named_keys(d.type))
        needs[key] = result
        return result

    # a twin the config names an operation's `<Resource><Verb>Params` also has that operation's
    # path and query keys
    outside_body = {
        op.params_twin: path_and_query_keys(op.path, op.params)
        for op in ops
        if op.params_twin is not None
    }
    twins: dict[str, ParamDef] = {}
    # the copies last: whether a copy's module has a request side is known once the others are
    ordered = sorted(reachable, key=lambda k: (k in copies, defs[k].module, defs[k].name))
    request_modules = set(sdk_modules)
    made: set[tuple[str, str]] = set()  # (module, name) of each twin
    for key in ordered:
        if not need(key) and key not in overrides:
            continue  # (a request-side name the config gives is made even for a plain alias)
        d = defs[key]
        if key in overrides:
            name, module = overrides[key]
        elif key in copies:
            module = d.module + "_param"
            wanted = copy_twin_name(d.name, d.module)
            if module not in request_modules or (module, wanted) in made:
                # (a twin the config names is there under that name already: its source's)
                if copies[key] in twins:
                    twins[key] = twins[copies[key]]  # rendered once, under the source's key
                continue
            name = claim(wanted, d.name, module)
        else:
            module = d.module + "_param"
            name = claim(class_name(d.name + "Param"), d.name, module)
        twins[key] = ParamDef(
            key,
            name,
            module,
            d,
            outside_body.get(key, ()),
            inline_array=key not in overrides and key not in configured,
        )
        request_modules.add(module)
        made.add((module, name))
    return twins
