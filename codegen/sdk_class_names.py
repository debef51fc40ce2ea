"""The official SDK's own name of a generated model class, where it has one name for it.

The generator names a model after the document (`RealtimeServerEventResponseTextDelta`); the
official SDK often has one other name for that class (`ResponseTextDeltaEvent`), which the
`sdk_names:` facts re-export. A re-export makes the import work, but an object the client builds
still prints, reprs and pickles under the document's name. Where the SDK has exactly one name for
the class (the facts file config `sdk_class_names:`, written by `python -m tools.sdk_names`), the
class is defined under that name; the document's name stays bound to it in its module, as a second
name, so every import of it (and every second name the facts point at it) keeps working.
"""

from __future__ import annotations

from dataclasses import replace

from .errors import GeneratorError
from .ir import ModelDef, TypeDef

SdkNames = dict[str, dict[str, tuple[str, str]]]


def sdk_class_names(
    class_names: dict[str, dict[str, str]],
    defs: dict[str, TypeDef],
    sdk_names: SdkNames,
    taken: dict[str, set[str]],
) -> tuple[dict[str, TypeDef], SdkNames, dict[str, dict[str, str]]]:
    """`defs` with each listed model renamed, the second names pointed at the new names (plus
    the document's name, in the model's module), and module -> {class name: document's name}
    of the renamed models (new dicts).

    ``taken``: every name each module defines (types, twins, aliases): a class name must be free
    there; ``sdk_names``: public module -> {second name: (types module, name)}."""
    by_place = {(d.module, d.name): d for d in defs.values() if isinstance(d, ModelDef)}
    defs = dict(defs)
    renamed: dict[tuple[str, str], str] = {}
    documents: dict[str, dict[str, str]] = {}
    for module, names in sorted(class_names.items()):
        for document, name in sorted(names.items()):
            where = f"/sdk_class_names/{module}/{document}"
            model = by_place.get((module, document))
            if model is None:
                raise GeneratorError(
                    "config-conflict",
                    where,
                    f"no generated model `{document}` in `{module}`",
                    "the facts are older than the types: regenerate them (python -m "
                    "tools.sdk_names) or drop the entry",
                )
            second = sdk_names.get(module, {}).get(name)
            if name in taken.get(module, set()) or second not in (None, (module, document)):
                raise GeneratorError(
                    "config-conflict",
                    where,
                    f"`{name}` is already another type of `{module}`",
                    "drop the entry from the sdk_class_names facts file (regenerate it)",
                )
            defs[model.key] = replace(model, name=name)
            renamed[(module, document)] = name
            documents.setdefault(module, {})[name] = document
    seconds: SdkNames = {}
    for public, entries in sdk_names.items():
        seconds[public] = {}
        for second, (origin, original) in entries.items():
            target = (origin, renamed.get((origin, original), original))
            if target != (public, second):  # the class itself now
                seconds[public][second] = target
    for (module, document), name in renamed.items():
        seconds.setdefault(module, {})[document] = (module, name)
    return defs, seconds, documents
