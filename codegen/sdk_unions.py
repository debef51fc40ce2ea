"""The official SDK's names of unions our types leave inline in a field, as type aliases.

The SDK names a union that sits in a field (`BetaContainerAuto.network_policy` is
`Union[NetworkPolicyDisabled, NetworkPolicyAllowlist]`, which it calls `NetworkPolicy`); our
generator writes such a union inline in the field's annotation. The facts file (config
`sdk_names:`, written by `python -m tools.sdk_names`) names the field: `NetworkPolicy:
beta.beta_container_auto:BetaContainerAuto.network_policy`, then a step per level the union sits
under: `[]` into a list's items (`skills[]`), `|N` into the N-th arm of a union (from 0, as the arms
are written, None left out): `ModerationCreateParams.input|2[]` is the union in the items of the
third arm of `input` (text, texts, or a list of image-or-text parts). Each becomes a type alias of
that union, defined under the SDK's name in the SDK's module — a model-side alias for a model's
field, a TypedDict-side one for a TypedDict's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .errors import GeneratorError, pointer_join
from .ir import (
    NONE,
    AliasDef,
    FieldDef,
    ListOf,
    ModelDef,
    Named,
    OperationIR,
    ParamDef,
    TypeDef,
    TypeExpr,
    UnionOf,
    stream_split,
    strip_none,
)
from .naming import module_name

# (fields, side, pointer) of a model or TypedDict of ours, by (module, name)
_Owner = tuple[tuple[FieldDef, ...], str, str]
SdkUnions = dict[str, dict[str, tuple[str, str, str]]]


def home_module(module: str, name: str, modules: set[str]) -> str:
    """Where the alias is defined: the SDK's module, or for a name of a package (the SDK
    re-exports it from a module named after it) that module, inside the package."""
    prefix = f"{module}." if module else ""
    if module and not any(m.startswith(prefix) for m in modules):
        return module
    return prefix + module_name(name)


def _owners(
    defs: dict[str, TypeDef],
    params: dict[str, ParamDef],
    ops: Sequence[OperationIR],
    class_names: dict[str, dict[str, str]],
) -> dict[tuple[str, str], _Owner]:
    """``class_names``: a model the SDK names otherwise owns its fields under both names."""
    found: dict[tuple[str, str], _Owner] = {}
    split_twins = {op.params_twin for op in ops}
    for d in defs.values():
        if isinstance(d, ModelDef):
            found[(d.module, d.name)] = (d.fields, "model", d.pointer)
            sdk_name = class_names.get(d.module, {}).get(d.name)
            if sdk_name is not None:
                found[(d.module, sdk_name)] = found[(d.module, d.name)]
    for twin in params.values():
        if isinstance(twin.source, ModelDef):
            found[(twin.module, twin.name)] = (twin.keys(), "param", twin.source.pointer)
            if twin.key in split_twins:
                _add_stream_base(found, twin.module, twin.name, twin.keys())
    for op in ops:
        if op.params_def is not None:
            p = op.params_def
            found[(p.module, p.name)] = (p.fields, "param", op.pointer)
            _add_stream_base(found, p.module, p.name, p.fields)
    return found


def _add_stream_base(
    found: dict[tuple[str, str], _Owner], module: str, name: str, fields: Sequence[FieldDef]
) -> None:
    """The `<name>Base` view a streaming call's params TypedDict is rendered as (its keys but
    `stream`) owns the same fields."""
    split = stream_split(fields)
    if split is not None:
        _, kind, pointer = found[(module, name)]
        found[(module, f"{name}Base")] = (tuple(split[0]), kind, pointer)


def _place_steps(path: str) -> tuple[str, list[str]]:
    """A place `field[]|2[]` as its field's wire name and its steps (`[]`, `|N`)."""
    wire = re.match(r"[^\[|]*", path)
    assert wire is not None
    return wire.group(0), re.findall(r"\[\]|\|[0-9]+", path[wire.end() :])


def _union_at(field: FieldDef, steps: Sequence[str], defs: dict[str, TypeDef]) -> TypeExpr | None:
    """The union at a place in a field (`[]`: a list's items, `|N`: a union's N-th arm), through
    named aliases."""

    def bare(expr: TypeExpr) -> TypeExpr:
        seen: set[str] = set()
        expr = strip_none(expr)[0]
        while isinstance(expr, Named) and expr.key not in seen:
            seen.add(expr.key)
            target = defs.get(expr.key)
            if not isinstance(target, AliasDef):
                break
            expr = strip_none(target.type)[0]
        return expr

    expr = bare(field.type)
    for step in steps:
        if step == "[]":
            if not isinstance(expr, ListOf):
                return None
            expr = bare(expr.item)
            continue
        arms = [m for m in expr.members if m != NONE] if isinstance(expr, UnionOf) else []
        if int(step[1:]) >= len(arms):
            return None
        expr = bare(arms[int(step[1:])])
    return expr if isinstance(expr, UnionOf) else None


def sdk_union_aliases(
    unions: SdkUnions,
    defs: dict[str, TypeDef],
    params: dict[str, ParamDef],
    ops: Sequence[OperationIR],
    taken: dict[str, set[str]],
    public_modules: set[str],
    class_names: dict[str, dict[str, str]] | None = None,
) -> tuple[dict[str, TypeDef], dict[str, ParamDef]]:
    """`defs` and `params` with one alias more per named field union (new dicts).

    ``taken``: the names already given in each module; an SDK name must be free where it goes.
    ``public_modules``: the other public types modules the facts name (to tell packages apart).
    ``class_names``: module -> {document's name: SDK's class name} (a field's owner goes by
    either)."""
    owners = _owners(defs, params, ops, class_names or {})
    modules = (
        {d.module for d in defs.values()}
        | {t.module for t in params.values()}
        | {op.params_def.module for op in ops if op.params_def is not None}
        | public_modules
        | set(unions)
    )
    made: dict[tuple[str, str], tuple[str, str, str]] = {}
    defs, params = dict(defs), dict(params)
    for public, names in sorted(unions.items()):
        for name, (our_module, owner, path) in sorted(names.items()):
            where = f"/sdk_names/{public or '.'}/{name}"
            module = home_module(public, name, modules)
            if made.get((module, name)) == (our_module, owner, path):
                continue  # a package's name and its module's: one alias
            made[(module, name)] = (our_module, owner, path)
            found = owners.get((our_module, owner))
            wire, steps = _place_steps(path)
            field = next((f for f in found[0] if f.wire == wire), None) if found else None
            if found is None or field is None:
                raise GeneratorError(
                    "config-invalid",
                    where,
                    f"no generated model or TypedDict `{owner}` with a field `{wire}` in "
                    f"`{our_module}`",
                    "regenerate the sdk_names facts file (python -m tools.sdk_names)",
                )
            union = _union_at(field, steps, defs)
            if union is None:
                raise GeneratorError(
                    "config-invalid",
                    where,
                    f"`{owner}.{path}` in `{our_module}` is not a union",
                    "regenerate the sdk_names facts file (python -m tools.sdk_names)",
                )
            if name in taken.get(module, set()):
                raise GeneratorError(
                    "config-conflict",
                    where,
                    f"`{name}` is already a type of this module",
                    "drop the entry from the sdk_names facts file (regenerate it)",
                )
            taken.setdefault(module, set()).add(name)
            key = f"sdk_names:{module}:{name}"
            alias = AliasDef(
                key, name, module, pointer_join(found[2], "properties", wire), None, union
            )
            if found[1] == "model":
                defs[key] = alias
            else:  # only its request-side (TypedDict) form: the alias is not a model-side type
                params[key] = ParamDef(key, name, module, alias)
    return defs, params
