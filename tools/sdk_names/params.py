"""python -m tools.sdk_names.params

The official SDK's request-side TypedDicts (each class its `*_param` / `*_params` modules define)
whose counterpart here, the name at the same module path, is a class of another `__name__`: a type
checker's message or hover, and code reading `__name__`, show the other name. Prints them, then a
summary line: how many differ, of how many, and how many have no counterpart here at all (mostly
APIs this client's document does not describe). The model side's counterpart is
`python -m tools.sdk_names --classes`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from typing_extensions import is_typeddict

from .index import load, modules

SDK_TYPES = "openai.types"
OUR_TYPES = "typed_openai.types"


@dataclass(frozen=True)
class Report:
    total: int  # the SDK's request-side TypedDicts
    missing: tuple[str, ...]  # `module.Name` of those with no counterpart here
    differing: tuple[str, ...]  # `module.Name: theirs -> ours (where ours is defined)`


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
    return Report(total, tuple(missing), tuple(differing))


def main() -> int:
    report = typeddict_report()
    print("\n".join(report.differing))
    print(
        f"{len(report.differing)} of {report.total} SDK request-side TypedDicts are a class of "
        f"another __name__ here ({len(report.missing)} have no counterpart here)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
