"""python -m tools.sdk_names.params

The official SDK's request-side TypedDicts (each class its `*_param` / `*_params` modules define)
whose counterpart here, the name at the same module path, is a class of another `__name__`: a type
checker's message or hover, and code reading `__name__`, show the other name. Prints them, then a
summary line: how many differ, of how many, and how many have no counterpart here at all (mostly
APIs this client's document does not describe), then how many of the SDK's second names there (a
name bound to a TypedDict of another `__name__`: `ChatCompletionToolParam`, whose `__name__` is
`ChatCompletionFunctionToolParam`) show another `__name__` here. The model side's counterpart is
`python -m tools.sdk_names --classes`.

Then how many of the SDK packages' names of request-side TypedDicts (`types.webhooks`'s
`WebhookListParams`) show another `__name__` here.

`--write-aliases PATH` writes those second names of the SDK as a facts file (config
`sdk_param_aliases:`, spec/sdk_param_aliases.yml): the generator makes a request-side class of its
own for each SDK name the facts bind to a shape defined elsewhere here (codegen/param_classes.py),
but one of these, where the SDK's is a second name too.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from typing_extensions import is_typeddict

from .index import is_package, load, modules

SDK_TYPES = "openai.types"
OUR_TYPES = "typed_openai.types"


@dataclass(frozen=True)
class Report:
    total: int  # the SDK's request-side TypedDicts
    missing: tuple[str, ...]  # `module.Name` of those with no counterpart here
    differing: tuple[str, ...]  # `module.Name: theirs -> ours (where ours is defined)`
    aliases: int = 0  # the SDK's second names of a TypedDict of another `__name__`
    aliases_differing: tuple[str, ...] = ()  # those showing another `__name__` here
    reexports: int = 0  # a package's names of the SDK's request-side TypedDicts
    reexports_differing: tuple[str, ...] = ()  # those showing another `__name__` here


def is_request_module(relative: str) -> bool:
    return relative.rpartition(".")[2].endswith(("_param", "_params"))


def typeddict_report() -> Report:
    total = 0
    missing: list[str] = []
    differing: list[str] = []
    for relative in modules(SDK_TYPES):
        if not is_request_module(relative):
            continue
        theirs = load(SDK_TYPES, relative)
        if theirs is None:
            continue
        ours = load(OUR_TYPES, relative)
        here = f"{SDK_TYPES}.{relative}"
        for name, value in sorted(vars(theirs).items()):
            # each class where it is defined (a module's imports of another's are that one's)
            if name.startswith("_") or not is_typeddict(value) or value.__module__ != here:
                continue
            total += 1
            counterpart = getattr(ours, name, None) if ours is not None else None
            if counterpart is None:
                missing.append(f"{relative}.{name}")
            elif getattr(counterpart, "__name__", None) != value.__name__:
                where = getattr(counterpart, "__module__", "").removeprefix(OUR_TYPES + ".")
                differing.append(
                    f"{relative}.{name}: {value.__name__} -> {where}.{counterpart.__name__}"
                )
    aliases = sdk_aliases()
    aliases_differing: list[str] = []
    for relative, names in aliases.items():
        ours = load(OUR_TYPES, relative)
        for name, theirs in names.items():
            counterpart = getattr(ours, name, None) if ours is not None else None
            if counterpart is not None and getattr(counterpart, "__name__", None) != theirs:
                where = getattr(counterpart, "__module__", "").removeprefix(OUR_TYPES + ".")
                shown = getattr(counterpart, "__name__", repr(counterpart))
                aliases_differing.append(f"{relative}.{name}: {theirs} -> {where}.{shown}")
    count = sum(len(names) for names in aliases.values())
    reexports, reexports_differing = _package_reexports()
    return Report(
        total,
        tuple(missing),
        tuple(differing),
        count,
        tuple(aliases_differing),
        reexports,
        reexports_differing,
    )


def _package_reexports() -> tuple[int, tuple[str, ...]]:
    """A package's names of the SDK's request-side TypedDicts (`types.webhooks`'s
    `WebhookListParams`) whose counterpart here shows another `__name__`; and how many there are."""
    total = 0
    differing: list[str] = []
    for relative in modules(SDK_TYPES):
        theirs = load(SDK_TYPES, relative)
        if theirs is None or not is_package(theirs):
            continue
        ours = load(OUR_TYPES, relative)
        for name, value in sorted(vars(theirs).items()):
            if name.startswith("_") or not is_typeddict(value):
                continue
            if not is_request_module(value.__module__):
                continue
            total += 1
            counterpart = getattr(ours, name, None) if ours is not None else None
            if counterpart is not None and counterpart.__name__ != value.__name__:
                where = counterpart.__module__.removeprefix(OUR_TYPES + ".")
                package = relative or "(types)"
                differing.append(
                    f"{package}.{name}: {value.__name__} -> {where}.{counterpart.__name__}"
                )
    return total, tuple(differing)


def sdk_aliases() -> dict[str, dict[str, str]]:
    """The SDK's request-side modules' names bound to a TypedDict of another `__name__`:
    {module: {name: that `__name__`}}."""
    found: dict[str, dict[str, str]] = {}
    for relative in modules(SDK_TYPES):
        theirs = load(SDK_TYPES, relative) if is_request_module(relative) else None
        if theirs is None:
            continue
        for name, value in sorted(vars(theirs).items()):
            if not name.startswith("_") and is_typeddict(value) and value.__name__ != name:
                found.setdefault(relative, {})[name] = value.__name__
    return found


ALIASES_HEADER = """\
# The official SDK's request-side second names: in its `*_param(s)` modules, a name bound to a
# TypedDict of another __name__ (SDK module -> name -> that __name__). The generator makes each
# other SDK name the facts (spec/sdk_names.yml) bind there to a TypedDict defined elsewhere a class
# of its own under that name; these stay second names, or name this module's class of that
# __name__ (codegen/param_classes.py). Written by `python -m tools.sdk_names.params
# --write-aliases spec/sdk_param_aliases.yml` from the installed `openai` (the test oracle).
"""


def aliases_text(aliases: dict[str, dict[str, str]]) -> str:
    lines = [ALIASES_HEADER]
    for relative, names in sorted(aliases.items()):
        lines.append(f"{relative}:")
        lines.extend(f"  {name}: {theirs}" for name, theirs in sorted(names.items()))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.sdk_names.params", description=__doc__)
    parser.add_argument("--write-aliases", type=Path, help="write the SDK's second names here")
    args = parser.parse_args(argv)
    if args.write_aliases is not None:
        args.write_aliases.write_text(aliases_text(sdk_aliases()), encoding="utf-8")
        return 0
    report = typeddict_report()
    print("\n".join(report.differing + report.aliases_differing + report.reexports_differing))
    print(
        f"{len(report.reexports_differing)} of the SDK packages' {report.reexports} names of "
        "request-side TypedDicts show another __name__ here"
    )
    print(
        f"{len(report.aliases_differing)} of the SDK's {report.aliases} request-side second "
        "names of a TypedDict of another __name__ show another __name__ here"
    )
    print(
        f"{len(report.differing)} of {report.total} SDK request-side TypedDicts are a class of "
        f"another __name__ here ({len(report.missing)} have no counterpart here)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
