"""Per-module import bookkeeping and type-expression rendering.

A `Scope` hands out the local name of every type a module mentions and remembers the import it
needs. Modules that import each other (a cycle in the module graph) refer to each other through
module aliases imported after their classes, so neither sees a half-initialised partner; an
alias's value (run at import time) spells out a partner's alias rather than naming it, since the
partner binds its aliases only after those imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal as L

from .ir import (
    NONE,
    AliasDef,
    ListOf,
    LiteralOf,
    MapOf,
    Named,
    ParamDef,
    Prim,
    TypeDef,
    TypeExpr,
    UnionOf,
    named_keys,
    tag_only_members,
)
from .naming import RESERVED_CLASS_NAMES

Side = L["model", "param"]


@dataclass
class Scope:
    package: str  # dotted import path of the package holding `types` (e.g. typed_openai)
    module: str  # this module's dotted path under types ("" for modules outside types)
    cyclic: frozenset[str] = frozenset()  # modules in the same import cycle as this one
    typing: set[str] = field(default_factory=set)
    ext: set[str] = field(default_factory=set)
    core: set[str] = field(default_factory=set)
    pydantic: set[str] = field(default_factory=set)
    from_imports: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (module, name) -> local
    module_aliases: dict[str, str] = field(default_factory=dict)  # module -> alias
    locals: set[str] = field(default_factory=set)
    # local names decided up front (see `stable_locals`); keys not in it are named on first use
    planned: dict[tuple[str, str], str] = field(default_factory=dict)
    # imports moved out of `from_imports` into a TYPE_CHECKING block by the resource renderer
    type_checking_only: dict[tuple[str, str], str] = field(default_factory=dict)

    def define(self, name: str) -> None:
        self.locals.add(name)

    def types_module(self, module: str) -> str:
        return f"{self.package}.types.{module}"

    def ref(self, module: str, name: str) -> str:
        if module == self.module:
            return name
        if module in self.cyclic:
            alias = self.module_aliases.get(module)
            if alias is None:
                alias = "_" + module.replace(".", "_")
                self.module_aliases[module] = alias
            return f"{alias}.{name}"
        key = (module, name)
        if key not in self.from_imports and key in self.planned:
            self.from_imports[key] = self.planned[key]
        elif key not in self.from_imports:
            local = name
            imported = set(self.from_imports.values())
            while local in self.locals or local in imported or local in RESERVED_CLASS_NAMES:
                local = "_" + local
            self.from_imports[key] = local
        return self.from_imports[key]


def stable_locals(first_pass: Scope) -> dict[tuple[str, str], str]:
    """Local names for the imports a first rendering pass collected, whatever their use order.

    Named on first use, two types called `ToolResources` would take `ToolResources` and
    `_ToolResources` in the order the spec happens to list operations; deciding in (name, module)
    order instead keeps a module's text unchanged when the spec is reordered.
    """
    taken = set(first_pass.locals) | RESERVED_CLASS_NAMES
    planned: dict[tuple[str, str], str] = {}
    imported = first_pass.from_imports | first_pass.type_checking_only
    for module, name in sorted(imported, key=lambda key: (key[1], key[0])):
        local = name
        while local in taken:
            local = "_" + local
        taken.add(local)
        planned[(module, name)] = local
    return planned


class TypeRenderer:
    """Renders type expressions for models (pydantic) or params (TypedDict side)."""

    def __init__(self, defs: dict[str, TypeDef], params: dict[str, ParamDef]) -> None:
        self.defs = defs
        self.params = params

    def named(self, key: str, scope: Scope, side: Side) -> str:
        if side == "param" and key in self.params:
            twin = self.params[key]
            return scope.ref(twin.module, twin.name)
        d = self.defs[key]
        return scope.ref(d.module, d.name)

    def param_list_alias_item(self, key: str, side: Side) -> TypeExpr | None:
        """The item type of the request-side alias ``key`` when a request writes that alias out
        (an array only the document names, `ParamDef.inline_array`), else None."""
        twin = self.params.get(key) if side == "param" else None
        if twin is None or not twin.inline_array:
            return None
        source = twin.source
        if isinstance(source, AliasDef) and isinstance(source.type, ListOf):
            return source.type.item
        return None

    def is_list_alias(self, key: str, side: Side) -> bool:
        """Whether ``key`` names, on the request side, an alias of an array (a ``List``)."""
        twin = self.params.get(key) if side == "param" else None
        return (
            twin is not None
            and isinstance(twin.source, AliasDef)
            and isinstance(twin.source.type, ListOf)
        )

    def partner_alias(self, key: str, scope: Scope, side: Side) -> tuple[TypeExpr, Side] | None:
        """The type (and the side it is written for) of the alias ``key`` names when that alias
        lives in a module of this module's import cycle, else None.

        Such an alias is bound only after its module's cycle imports, so a partner module loading
        meanwhile (when the alias's module was imported first) cannot read it: an expression
        evaluated at import time spells its members out instead."""
        if side == "param" and key in self.params:
            twin = self.params[key]
            if twin.module in scope.cyclic and isinstance(twin.source, AliasDef):
                return twin.source.type, "param"
            return None
        d = self.defs[key]
        if d.module in scope.cyclic and isinstance(d, AliasDef):
            return d.type, "model"
        return None

    def import_time_keys(
        self, t: TypeExpr, scope: Scope, side: Side, _expanding: frozenset[str] = frozenset()
    ) -> list[tuple[str, Side]]:
        """The named types ``render(t, ..., at_import=True)`` refers to: (key, side it is named for)."""
        keys: list[tuple[str, Side]] = []
        for key in named_keys(t):
            inner = None if key in _expanding else self.partner_alias(key, scope, side)
            if inner is None:
                keys.append((key, side))
            else:
                keys.extend(self.import_time_keys(inner[0], scope, inner[1], _expanding | {key}))
        return keys

    def render(
        self,
        t: TypeExpr,
        scope: Scope,
        side: Side,
        *,
        in_string: bool = False,
        at_import: bool = False,
        _expanding: frozenset[str] = frozenset(),
    ) -> str:
        """``in_string``: the expression goes inside a string literal (a functional TypedDict's
        annotations), where its literals keep repr()'s quotes, as the formatter leaves them.
        ``at_import``: the expression runs when the module is imported (an alias's value), so
        aliases of the module's import-cycle partners are spelled out (see `partner_alias`)."""
        if isinstance(t, Named) and at_import and t.key not in _expanding:
            inner = self.partner_alias(t.key, scope, side)
            if inner is not None and self.is_list_alias(t.key, inner[1]):
                assert isinstance(inner[0], ListOf)
                scope.typing.add("List")  # spelled out as the alias is (`List`, see render_types)
                return (
                    "List["
                    + self.render(
                        inner[0].item,
                        scope,
                        inner[1],
                        in_string=in_string,
                        at_import=True,
                        _expanding=_expanding | {t.key},
                    )
                    + "]"
                )
            if inner is not None:
                return self.render(
                    inner[0],
                    scope,
                    inner[1],
                    in_string=in_string,
                    at_import=True,
                    _expanding=_expanding | {t.key},
                )

        def sub(inner: TypeExpr) -> str:
            return self.render(
                inner, scope, side, in_string=in_string, at_import=at_import, _expanding=_expanding
            )

        if isinstance(t, Prim):
            if t.name == "file":
                if side == "param":
                    scope.core.add("FileTypes")
                    return "FileTypes"
                return "str"
            return t.name
        if isinstance(t, Named):
            listed = None if at_import else self.param_list_alias_item(t.key, side)
            if listed is not None:
                # an array the official SDK does not name: any iterable of its items, as the
                # SDK's inlined arrays (a named one is its List alias, as there: render_types)
                scope.typing.add("Iterable")
                return f"Iterable[{sub(listed)}]"
            return self.named(t.key, scope, side)
        if isinstance(t, ListOf):
            wrapper = "Iterable" if side == "param" else "List"
            scope.typing.add(wrapper)
            return f"{wrapper}[{sub(t.item)}]"
        if isinstance(t, MapOf):
            scope.typing.add("Dict")
            return f"Dict[str, {sub(t.value)}]"
        if isinstance(t, LiteralOf):
            scope.ext.add("Literal")
            quote = repr if in_string else _literal_repr
            return f"Literal[{', '.join(quote(v) for v in t.values)}]"
        if isinstance(t, UnionOf):
            members = [m for m in t.members if m != NONE]
            if len(members) < len(t.members):
                inner = members[0] if len(members) == 1 else replace(t, members=tuple(members))
                scope.typing.add("Optional")
                return f"Optional[{sub(inner)}]"
            if t.discriminator and t.tag_only and side == "model":
                spliced = tag_only_members(t, self._alias_type)
                body = self.union([sub(m) for m in spliced], scope)
                scope.ext.add("Annotated")
                scope.core.add("UnionTag")
                return f"Annotated[{body}, UnionTag({py_str(t.discriminator)})]"
            body = self.union([sub(m) for m in members], scope)
            if t.discriminator and side == "model":
                scope.ext.add("Annotated")
                scope.pydantic.add("Field")
                # its JSON schema as the SDK's: a plain union's (`_core/_json_schema.py`)
                scope.core.add("as_plain_union")
                return (
                    f"Annotated[{body}, Field(discriminator={py_str(t.discriminator)}, "
                    "json_schema_extra=as_plain_union)]"
                )
            return body
        raise AssertionError(t)

    def _alias_type(self, key: str) -> TypeExpr | None:
        d = self.defs.get(key)
        return d.type if isinstance(d, AliasDef) else None

    def union(self, members: Sequence[str], scope: Scope) -> str:
        """`Union[...]` of members already written: rendered types, or names of this module
        (`scope.ref(scope.module, name)`) such as the stream-split views of a params TypedDict."""
        scope.typing.add("Union")
        return f"Union[{', '.join(members)}]"


def _literal_repr(value: str | int | bool | None) -> str:
    # repr() of these types is always a valid, inert Python literal
    return py_str(value) if isinstance(value, str) else repr(value)


def py_str(text: str) -> str:
    """A string literal for generated code: repr(), in double quotes where that needs no escape, as
    ruff would write it (so the formatting pass has fewer files to rewrite; the result is the same)."""
    literal = repr(text)
    if literal == f"'{text}'" and '"' not in text:
        return f'"{text}"'
    return literal
