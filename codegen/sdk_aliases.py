"""Config `aliases:`: type aliases the official SDK defines outside any schema.

The SDK names some unions and aliases that no schema of the document is (`ParseableToolParam`,
the request-side union of the Responses tools and the Chat Completions function tool; `FileContent`,
the text a file's content is read as). Each `{of: [...]}` entry becomes an alias of the types of
the schemas it lists (a Union when several) and of builtins, defined under the SDK's name in the
SDK's module: a model-side alias, or with `param: true` a request-side one, written with each
schema's TypedDict twin. (Re-exports of generated names, `Name: 'module:Name'`, are joined to the
second names by `config.with_former_names`.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from .config import ALIAS_BUILTINS, AliasConfig
from .errors import GeneratorError
from .ir import AliasDef, Named, OperationIR, ParamDef, Prim, PrimName, TypeDef, TypeExpr, UnionOf
from .sdk_unions import home_module


def sdk_aliases(
    aliases: dict[str, dict[str, AliasConfig]],
    defs: dict[str, TypeDef],
    params: dict[str, ParamDef],
    ops: Sequence[OperationIR],
    taken: dict[str, set[str]],
    public_modules: set[str],
) -> tuple[dict[str, TypeDef], dict[str, ParamDef]]:
    """`defs` and `params` with one alias more per `{of: ...}` entry (new dicts).

    ``taken``: the names already given in each module; ``public_modules``: the other public
    types modules (the second names'), to tell a package's name (defined in a module named after
    it, inside the package) from a module's."""
    modules = (
        {d.module for d in defs.values()}
        | {t.module for t in params.values()}
        | {op.params_def.module for op in ops if op.params_def is not None}
        | public_modules
        | set(aliases)
    )
    by_schema = {d.schema_name: key for key, d in defs.items() if d.schema_name is not None}
    defs, params = dict(defs), dict(params)
    for public, names in sorted(aliases.items()):
        for name, alias in sorted(names.items()):
            if alias.to is not None:
                continue
            where = f"/aliases/{public or '.'}/{name}"
            members: list[TypeExpr] = []
            for member in alias.of:
                if member in ALIAS_BUILTINS:
                    members.append(Prim(cast(PrimName, member)))
                    continue
                key = by_schema.get(member)
                if key is None:
                    raise GeneratorError(
                        "config-invalid", where, f"`{member}` is neither a schema nor a builtin"
                    )
                if alias.param and key not in params:
                    raise GeneratorError(
                        "config-invalid", where, f"the schema `{member}` has no request-side type"
                    )
                members.append(Named(key))
            if alias.without:
                members = _members_but(members[0], alias.without, defs, where)
            module = home_module(public, name, modules)
            if name in taken.get(module, set()):
                raise GeneratorError(
                    "config-conflict", where, f"`{name}` is already a type of `{module}`"
                )
            taken.setdefault(module, set()).add(name)
            key = f"aliases:{module}:{name}"
            expr = members[0] if len(members) == 1 else UnionOf(tuple(members))
            made = AliasDef(key, name, module, where, None, expr)
            if alias.param:  # only its request-side form: not a model-side type
                params[key] = ParamDef(key, name, module, made)
            else:
                defs[key] = made
    return defs, params


def _members_but(
    union: TypeExpr, without: tuple[str, ...], defs: dict[str, TypeDef], where: str
) -> list[TypeExpr]:
    """The members of the union schema ``union`` names but those of the schemas ``without``
    names (each of which must be one): what a hand-written union adds to (`without: [...]`
    replaced by classes of its own) stays the document's as the document grows."""
    d = defs[union.key] if isinstance(union, Named) else None
    if not isinstance(d, AliasDef) or not isinstance(d.type, UnionOf):
        raise GeneratorError("config-invalid", where, "`without` takes members of a union schema")
    members = list(d.type.members)
    names = {m.key: defs[m.key].schema_name for m in members if isinstance(m, Named)}
    missing = sorted(set(without) - set(names.values()))
    if missing:
        raise GeneratorError(
            "config-invalid", where, f"not members of `{d.schema_name}`: {', '.join(missing)}"
        )
    return [m for m in members if not (isinstance(m, Named) and names[m.key] in without)]
