"""Views of the `types` modules: models, aliases, param TypedDicts, operation params."""

from __future__ import annotations

import keyword
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from .ir import (
    NONE,
    AliasDef,
    ApiIR,
    FieldDef,
    ListOf,
    LiteralOf,
    ModelDef,
    Named,
    ParamDef,
    ParamsTypeIR,
    TypeExpr,
    UnionOf,
    stream_split,
    strip_none,
)
from .naming import docstring
from .param_classes import RequestClasses, request_classes
from .scope import Scope, Side, TypeRenderer


@dataclass
class FieldView:
    """A model field or TypedDict key; the `field` macros of `templates/types_module.py.jinja`
    write `<name>: [Required[][Optional[]<annotation>[]][]] [= None | = Field(...)]`."""

    name: str
    annotation: str  # its type, as the type renderer writes it
    doc: str | None
    optional: bool = False  # wrapped in `Optional[...]`
    required: bool = False  # a TypedDict key that must be given: `Required[...]`
    default_none: bool = False  # a model field defaulting to None
    alias: str | None = None  # a model field named differently on the wire


@dataclass
class ClassView:
    kind: str  # "model" | "typeddict"
    name: str
    doc: str | None
    fields: list[FieldView]
    mixin: str | None = None  # local name of a hand-written class the model also derives from
    base: str | None = None  # a TypedDict's parent TypedDict (default: `TypedDict` itself)
    total: bool = False  # a TypedDict's `total=`


@dataclass
class AliasView:
    name: str
    value: str
    doc: str | None


@dataclass
class FunctionalTypedDictView:
    name: str
    items: list[FieldView]  # the keys (each `name` a wire name), annotations written as strings


@dataclass
class TypesModuleView:
    module: str
    classes: list[ClassView] = field(default_factory=list)
    late: list[AliasView | FunctionalTypedDictView] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    scope: Scope | None = None
    # (module, class, local name) of the hand-written mixins the models derive from
    mixin_imports: list[tuple[str, str, str]] = field(default_factory=list)
    # the official SDK's second names of types (spec `sdk_names:`): (types module, our name, SDK
    # name) imported under the SDK name; those whose module imports this one (the import would
    # close a cycle) load on first use (module `__getattr__`)
    second_imports: list[tuple[str, str, str]] = field(default_factory=list)
    second_lazy: list[tuple[str, str, str]] = field(default_factory=list)
    # (SDK name, the TypedDict it derives from) of the SDK's request-side classes of their own
    # here (codegen/param_classes.py); (types module, our name, SDK name) of those deriving from
    # a type whose module imports this one: made on first use, and (SDK name, class) of the
    # shorter names the SDK binds to one of those
    second_classes: list[tuple[str, str]] = field(default_factory=list)
    lazy_classes: list[tuple[str, str, str]] = field(default_factory=list)
    lazy_bound: list[tuple[str, str]] = field(default_factory=list)
    # (SDK name, our name) of this module's own types
    second_assigned: list[tuple[str, str]] = field(default_factory=list)

    @property
    def exported(self) -> list[str]:
        """`__all__`: the module's own names and its second names."""
        second = [n for _, _, n in self.second_imports + self.second_lazy + self.lazy_classes]
        second += [n for n, _ in self.second_classes + self.second_assigned + self.lazy_bound]
        return sorted([*self.names, *second])


@dataclass
class _Entries:
    models: list[ModelDef] = field(default_factory=list)
    aliases: list[AliasDef] = field(default_factory=list)
    twins: list[ParamDef] = field(default_factory=list)
    op_params: list[ParamsTypeIR] = field(default_factory=list)


def _group(api: ApiIR) -> dict[str, _Entries]:
    modules: dict[str, _Entries] = {}
    for d in api.defs.values():
        entry = modules.setdefault(d.module, _Entries())
        if isinstance(d, ModelDef):
            entry.models.append(d)
        else:
            entry.aliases.append(d)
    for key, twin in api.params.items():
        if key == twin.key:  # (a copy in a module of answers only shares its source's twin)
            modules.setdefault(twin.module, _Entries()).twins.append(twin)
    for op in api.operations:
        if op.params_def is not None:
            modules.setdefault(op.params_def.module, _Entries()).op_params.append(op.params_def)
    return modules


def _is_identifier(key: str) -> bool:
    return key.isidentifier() and not keyword.iskeyword(key) and key.isascii()


class TypesRenderer:
    def __init__(
        self,
        api: ApiIR,
        package: str,
        second_names: dict[str, dict[str, tuple[str, str]]] | None = None,
    ) -> None:
        """``second_names``: types module -> {SDK name: (types module, our name)}."""
        self.api = api
        self.package = package
        self.types = TypeRenderer(api.defs, api.params)
        self.second_names = second_names or {}
        # body schemas whose TypedDict is an operation's `<Resource><Verb>Params`
        self.params_twins = {op.params_twin for op in api.operations} - {None}
        self.typeddicts = self._typeddicts()

    def _typeddicts(self) -> set[tuple[str, str]]:
        """(module, name) of each request-side TypedDict class (not a streaming call's params,
        a union of two)."""
        found = {
            (twin.module, twin.name)
            for key, twin in self.api.params.items()
            if key == twin.key
            and isinstance(twin.source, ModelDef)
            and (twin.key not in self.params_twins or stream_split(twin.keys()) is None)
        }
        found |= {
            (op.params_def.module, op.params_def.name)
            for op in self.api.operations
            if op.params_def is not None and stream_split(op.params_def.fields) is None
        }
        return found

    def request_classes(self, module: str) -> RequestClasses:
        """The second names of ``module`` that are the SDK's request-side classes of their own."""
        return request_classes(
            module,
            self.second_names.get(module, {}),
            self.api.sdk_fact_names.get(module, frozenset()),
            self.typeddicts,
            self.api.sdk_param_aliases.get(module, {}),
        )

    def views(self) -> list[TypesModuleView]:
        groups = _group(self.api)
        # which module imports which, to find import cycles; rendered again with the cycles known
        # until they stay put, since an alias spelling out a partner's alias (see
        # `TypeRenderer.partner_alias`) imports the members' modules, which may close new cycles
        edges: dict[str, set[str]] = {module: set() for module in groups}
        cyclic: dict[str, frozenset[str]] = {}
        while True:
            for module, entries in groups.items():
                scope = self._render(module, entries, cyclic.get(module, frozenset())).scope
                assert scope is not None
                edges[module] |= {m for m, _ in scope.from_imports} | set(scope.module_aliases)
            found = _cyclic_partners(edges)
            if found == cyclic:
                break
            cyclic = found
        # with the imports of second names too: a second name whose module is then a partner
        # cannot be imported while this module loads
        closing = _cyclic_partners(
            {
                module: targets
                | {m for m, _ in self.second_names.get(module, {}).values() if m != module}
                for module, targets in edges.items()
            }
        )
        return [
            self._render(m, groups[m], cyclic.get(m, frozenset()), closing.get(m, frozenset()))
            for m in sorted(groups)
        ]

    def _render(
        self,
        module: str,
        entries: _Entries,
        cyclic: frozenset[str],
        closing: frozenset[str] = frozenset(),
    ) -> TypesModuleView:
        scope = Scope(self.package, module, cyclic)
        view = TypesModuleView(module, scope=scope)
        for sdk_name in self.second_names.get(module, {}):
            scope.define(sdk_name)
        for name in (
            [d.name for d in entries.models]
            + [d.name for d in entries.aliases]
            + [t.name for t in entries.twins]
            + [p.name for p in entries.op_params]
        ):
            scope.define(name)
            view.names.append(name)
        for d in sorted(entries.models, key=lambda d: d.name):
            view.classes.append(self._model(d, scope, view))
        stream_unions: list[AliasView] = []
        for twin in sorted(entries.twins, key=lambda t: t.name):
            if isinstance(twin.source, ModelDef):
                split = stream_split(twin.keys()) if twin.key in self.params_twins else None
                if split is None:
                    lenient = self.api.param_optional.get(twin.key, ())
                    own = twin.keys()
                    keys = [replace(f, required=False) if f.wire in lenient else f for f in own]
                    self._typeddict(twin.name, twin.source.doc, keys, scope, view)
                else:
                    stream_unions.append(
                        self._stream_views(twin.name, twin.source.doc, *split, scope, view)
                    )
        for params in sorted(entries.op_params, key=lambda p: p.name):
            split = stream_split(params.fields)
            if split is None:
                self._typeddict(params.name, None, params.fields, scope, view)
            else:
                stream_unions.append(self._stream_views(params.name, None, *split, scope, view))
        aliases: list[tuple[str, AliasView, set[str]]] = []
        local_alias_keys = {d.key: d.name for d in entries.aliases}
        for d in entries.aliases:
            value = self.types.render(d.type, scope, "model", at_import=True)
            deps = self._local_aliases(d.type, "model", scope, local_alias_keys)
            aliases.append((d.name, AliasView(d.name, value, docstring(d.doc)), deps))
        for twin in entries.twins:
            if isinstance(twin.source, AliasDef):
                value = self._param_alias_value(twin.source.type, scope)
                deps = self._local_aliases(twin.source.type, "param", scope, local_alias_keys)
                aliases.append(
                    (twin.name, AliasView(twin.name, value, docstring(twin.source.doc)), deps)
                )
        scope.ext.update({"TypeAlias"} if aliases or stream_unions else set())
        view.late.extend(_order_aliases(aliases))
        view.late.extend(stream_unions)
        requests = self.request_classes(module)
        # a class deriving from a type whose module imports this one is made on first use
        lazy = {n for n, (origin, _name) in requests.classes.items() if origin in closing}
        for sdk_name, (origin, name) in sorted(self.second_names.get(module, {}).items()):
            if sdk_name in lazy:
                scope.typing.update({"TYPE_CHECKING", "Any"})
                view.lazy_classes.append((origin, name, sdk_name))
            elif sdk_name in requests.classes:
                view.second_classes.append((sdk_name, scope.ref(origin, name)))
            elif requests.bound.get(sdk_name) in lazy:
                view.lazy_bound.append((sdk_name, requests.bound[sdk_name]))
            elif sdk_name in requests.bound:
                view.second_assigned.append((sdk_name, requests.bound[sdk_name]))
            elif origin == module:
                view.second_assigned.append((sdk_name, name))
            elif origin in closing:
                scope.typing.update({"TYPE_CHECKING", "Any"})
                view.second_lazy.append((origin, name, sdk_name))
            else:
                view.second_imports.append((origin, name, sdk_name))
        return view

    def _param_alias_value(self, t: TypeExpr, scope: Scope) -> str:
        """The value of a request-side alias. A named array is a ``List`` (its items still take
        any iterable where they are arrays): code keeps one and grows it, as with the official SDK
        (``items: ResponseInputParam = [...]`` then ``items.append(...)``); an ``Iterable`` has
        no ``append``."""
        if isinstance(t, ListOf):
            scope.typing.add("List")
            item = self.types.render(t.item, scope, "param", at_import=True)
            return f"List[{item}]"
        return self.types.render(t, scope, "param", at_import=True)

    def _local_aliases(
        self, t: TypeExpr, side: Side, scope: Scope, local_alias_keys: dict[str, str]
    ) -> set[str]:
        """The aliases of this module an alias's value names: they must be bound before it."""
        deps: set[str] = set()
        for key, named_side in self.types.import_time_keys(t, scope, side):
            twin = self.api.params.get(key) if named_side == "param" else None
            if twin is not None:
                if twin.module == scope.module and isinstance(twin.source, AliasDef):
                    deps.add(twin.name)
            elif key in local_alias_keys:
                deps.add(local_alias_keys[key])
        return deps

    def _sdk_fields(self, d: ModelDef, seen: frozenset[str] = frozenset()) -> list[FieldDef]:
        """``d``'s fields in the official SDK's order: a model extending another (its `base`)
        lists the base's fields first, where the base lists them (a field it makes required
        stays there), then its own."""
        # a `copy_of:` copy's loosened fields stand for the SDK's nullable ones, which it lists
        # where the document's required list puts them; other `optional:` fields are optional
        # in the SDK's own description too, listed with the optional ones
        copy = d.schema_name is not None and d.key.endswith(f"@{d.schema_name}")
        lenient = () if copy else self.api.model_optional.get(d.key, ())
        base = self.api.defs.get(d.base) if d.base is not None else None
        by_wire = {f.wire: f for f in d.fields}
        inherited: list[FieldDef] = []
        if isinstance(base, ModelDef) and base.key not in seen | {d.key}:
            order = self._sdk_fields(base, seen | {d.key})
            inherited = [by_wire[f.wire] for f in order if f.wire in by_wire]
        taken = {f.wire for f in inherited}
        own = [f for f in d.fields if f.wire not in taken]
        return inherited + sorted(own, key=lambda f: _sdk_field_order(f, lenient))

    def _model(self, d: ModelDef, scope: Scope, view: TypesModuleView) -> ClassView:
        scope.core.add("BaseModel")
        fields = []
        computed = self.api.model_computed.get(d.key, ())
        lenient = self.api.model_optional.get(d.key, ())
        attributes = self.api.model_attributes.get(d.key, {})
        for f in self._sdk_fields(d):
            if f.wire in computed:
                continue  # the mixin's property, not a wire field
            ann = self.types.render(f.type, scope, "model")
            optional_value = (
                f.nullable or not f.required or f.wire in lenient or self._names_nullable(f.type)
            )
            if optional_value:
                scope.typing.add("Optional")
            # an Optional field defaults to None even when the schema requires it (nullable), as
            # in the official SDK: code building a model by hand (a test's fake ChatCompletion
            # with no `refusal`) and an answer leaving the null out both keep working
            name = attributes.get(f.wire, f.name)
            alias = f.wire if f.wire != name else None
            if alias is not None:
                scope.pydantic.add("Field")
            fields.append(
                FieldView(
                    name,
                    ann,
                    docstring(f.doc),
                    optional=optional_value and not _renders_optional(f.type),
                    default_none=optional_value,
                    alias=alias,
                )
            )
        mixin = self.api.model_mixins.get(d.key)
        local = None
        if mixin is not None:
            module, _, cls = mixin.partition(":")
            local = f"_{cls}"
            view.mixin_imports.append((module, cls, local))
        return ClassView("model", d.name, docstring(d.doc), fields, local)

    def _names_nullable(self, expr: TypeExpr) -> bool:
        """Is ``expr`` a named alias whose type takes None (``Metadata``)? Such a field is
        Optional as surely as one the schema marks nullable."""
        seen: set[str] = set()
        while isinstance(expr, Named) and expr.key not in seen:
            seen.add(expr.key)
            target = self.api.defs.get(expr.key)
            if not isinstance(target, AliasDef):
                return False
            expr = target.type
        return strip_none(expr)[1]

    def _stream_views(
        self,
        name: str,
        doc: str | None,
        others: Sequence[FieldDef],
        stream: FieldDef,
        scope: Scope,
        view: TypesModuleView,
    ) -> AliasView:
        """The official SDK's three views of a params TypedDict whose call can stream:
        `<name>Base` (every key but `stream`), `<name>NonStreaming` (`stream` False or left out)
        and `<name>Streaming` (`stream` True, required), which tell a type checker which
        overload of the call a dict picks; `<name>` is the union of the last two, as there."""
        base, off_name, on_name = f"{name}Base", f"{name}NonStreaming", f"{name}Streaming"
        for view_name in (base, off_name, on_name):
            scope.define(view_name)
            view.names.append(view_name)
        self._typeddict(base, doc, others, scope, view)
        scope.ext.add("Required")
        if stream.nullable:
            scope.typing.add("Optional")
        off = FieldView(
            stream.wire,
            self.types.render(LiteralOf((False,)), scope, "param"),
            docstring(stream.doc),
            optional=stream.nullable,
        )
        on = FieldView(
            stream.wire,
            self.types.render(LiteralOf((True,)), scope, "param"),
            docstring(stream.doc),
            required=True,
        )
        view.classes.append(ClassView("typeddict", off_name, None, [off], base=base))
        view.classes.append(ClassView("typeddict", on_name, None, [on], base=base, total=True))
        members = [scope.ref(scope.module, n) for n in (off_name, on_name)]
        return AliasView(name, self.types.union(members, scope), None)

    def _typeddict(
        self,
        name: str,
        doc: str | None,
        fields: Sequence[FieldDef],
        scope: Scope,
        view: TypesModuleView,
    ) -> None:
        scope.ext.add("TypedDict")
        # keys that are not identifiers need the functional form; annotations stay strings
        functional = not all(_is_identifier(f.wire) for f in fields)
        keys = []
        for f in fields:
            ann = self.types.render(f.type, scope, "param", in_string=functional)
            if f.nullable:
                scope.typing.add("Optional")
            if f.required:
                scope.ext.add("Required")
            keys.append(
                FieldView(
                    f.wire,
                    ann,
                    docstring(f.doc),
                    optional=f.nullable and not _renders_optional(f.type),
                    required=f.required,
                )
            )
        if not functional:
            view.classes.append(ClassView("typeddict", name, docstring(doc), keys))
        else:
            view.late.append(FunctionalTypedDictView(name, keys))


def _renders_optional(t: TypeExpr) -> bool:
    """Does the type renderer write `t` as `Optional[...]` already (a union taking None)?"""
    return isinstance(t, UnionOf) and NONE in t.members


def _order_aliases(items: list[tuple[str, AliasView, set[str]]]) -> list[AliasView]:
    """Aliases are evaluated at import time: emit dependencies first; quote members of a cycle."""
    by_name = {name: (view, deps) for name, view, deps in items}
    done: list[AliasView] = []
    state: dict[str, int] = {}

    def visit(name: str, trail: set[str]) -> None:
        if state.get(name) == 2:
            return
        view, deps = by_name[name]
        if name in trail:
            return
        trail = trail | {name}
        for dep in sorted(deps):
            if dep in by_name:
                if dep in trail or state.get(dep) == 1:
                    view.value = (
                        repr(view.value) if not view.value.startswith(("'", '"')) else view.value
                    )
                    continue
                state[name] = 1
                visit(dep, trail)
        state[name] = 2
        done.append(view)

    for name in sorted(by_name):
        visit(name, set())
    return done


def _cyclic_partners(edges: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """For each module in an import cycle, the other modules of its strongly connected component."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: dict[str, frozenset[str]] = {}
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, list[str]]] = [(start, sorted(edges.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, pending = work[-1]
            if pending:
                nxt = pending.pop()
                if nxt not in edges:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(edges.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    members = frozenset(component)
                    for member in component:
                        result[member] = members - {member}
    return result


def _sdk_field_order(field: FieldDef, lenient: Collection[str]) -> tuple[bool, bool, str]:
    """Where a model lists ``field``: the official SDK's order, which `repr`, `print(model)`,
    ``model_dump_json()`` and ``to_json()`` show. Required properties come first, then the
    optional ones; ``id`` (``token`` in a logprob) leads its group, the rest follow by wire
    name."""
    optional = not field.required or field.wire in lenient
    return optional, field.wire not in _LEADING_FIELDS, field.wire


_LEADING_FIELDS = frozenset({"id", "token"})
