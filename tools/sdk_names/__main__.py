"""python -m tools.sdk_names [--check] [--unmatched]

Writes spec/sdk_names.yml: for every name of the official SDK's `types` tree (the `openai` package
installed as the test oracle) that ours lacks at the same module, the generated type of ours with
the same structure (tools/sdk_names/match.py). The generator re-exports each under the SDK's name
and module (spec/config.yml `sdk_names:`). `--unmatched` prints the names no type of ours
matches, by reason (whether the upstream OpenAPI document has the shape at all).

And spec/sdk_class_names.yml: each model class of ours under the `__name__` the SDK classes
standing for it (there or at a second name) have, or most of them have where they have several,
when that is not the document's name: the generator defines the class under that name
(spec/config.yml `sdk_class_names:`), so an object of it prints and pickles as the SDK's does. And
spec/sdk_copies.yml: where an SDK class standing for it has another name, a copy of its schema
under that name at each place the SDK holds that class (tools/sdk_names/copies.py).
`--classes` prints the SDK model classes whose path here is a class of another `__name__`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Set as AbstractSet
from pathlib import Path

import yaml

from codegen.config import load_config
from codegen.naming import copy_twin_name, module_name

from .copies import Generated, Plan, plan
from .index import Entry, entries, load
from .match import Match, Matcher
from .places import Places
from .shapes import describe, is_model, union_members, unwrapped
from .upstream import Upstream

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "spec" / "sdk_names.yml"
CLASS_FACTS = ROOT / "spec" / "sdk_class_names.yml"
COPY_FACTS = ROOT / "spec" / "sdk_copies.yml"
SPEC = ROOT / "spec" / "openapi.yml"
CONFIG = ROOT / "spec" / "config.yml"
UPSTREAM = ROOT.parent / "shared" / "openapi" / "openai-openapi.yaml"
SDK_TYPES = "openai.types"
OUR_TYPES = "typed_openai.types"

# ids of the unmatched entries left out with their module (an API our spec does not describe)
REJECTED_BY_MODULE: set[int] = set()

ABSENT = (
    "the SDK's shape (field names with their discriminator values, or enum members) appears "
    "nowhere in the upstream OpenAPI document: the SDK (openai 3.57.0) is newer than the document"
)
ABSENT_UNION = "a union with members whose shapes the upstream OpenAPI document lacks (newer SDK)"
ABSENT_API = (
    "part of an SDK module for an API the upstream OpenAPI document does not describe (no such "
    "package here, or most of the module's names have no counterpart)"
)
NOT_BUILT_SHAPE = (
    "NOT BUILT YET: the upstream document has this shape but no generated type of ours has it "
    "(not imported into spec/openapi.yml, or left inline and unnamed)"
)
NOT_BUILT_UNION = (
    "NOT BUILT YET: no union of ours has exactly these members (the member shapes exist upstream)"
)
NOT_BUILT_ALIAS = "NOT BUILT YET: no alias of ours with this name and shape"


HEADER = """\
# The official SDK's type names that this client spells differently or places elsewhere: SDK module
# (under types/, "." is types itself) -> SDK name -> the generated type of ours with the same
# structure ("module:Name" under types/). The generator re-exports each under the SDK's name, so
# `from typed_openai.types.<module> import <SDK name>` works as it does with `openai`.
# Written by `python -m tools.sdk_names` (structural match against the installed `openai`, the test
# oracle; tools/sdk_names/match.py says how) and reviewed; `# same fields` marks a match on field
# names and discriminators whose nested shapes differ (the SDK is newer than the upstream document),
# `# same fields, same place` one found where the SDK holds the type (its name alone differs). A
# union ours leaves inline is named by its place, `module:Owner.field` then `[]` per list level and
# `|N` into a union's N-th arm (codegen/sdk_unions.py).
# After a spec change: `python -m codegen` (if it stops with a config-conflict naming a name here,
# a generated type now has that name: write `{}` to this file and regenerate first), then
# `python -m tools.sdk_names`, review the diff, `python -m codegen` again.
"""


def _facts(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        facts = yaml.safe_load(handle) or {}
    # a module whose last entry was deleted by hand (as the header says to after a conflict)
    return {module: names or {} for module, names in facts.items()}


def _class_facts(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {module: names or {} for module, names in (yaml.safe_load(handle) or {}).items()}


def own_types(
    current: dict[str, dict[str, str]],
    classes: dict[str, dict[str, str]] | None = None,
    copies: AbstractSet[tuple[str, str]] = frozenset(),
) -> list[Entry]:
    """The types ours defines, to match the SDK's names against (given the facts in force): a
    class the class-name facts name as the SDK does is matched under the document's name, which
    its module keeps as a second name (else the facts would name themselves)."""
    # the aliases the facts themselves make (a field's union under the SDK's name, in the SDK's
    # module or, for a package's name, a module named after it: codegen/sdk_unions.py) are not
    # types to match against: the field they come from is (else the facts would name themselves)
    made: set[tuple[str, str]] = set()
    for module, names in current.items():
        package = "" if module == "." else module
        for name, target in names.items():
            if "." in target.partition(":")[2]:
                inner = f"{package}.{module_name(name)}" if package else module_name(name)
                made |= {(package, name), (inner, name)}
    # nor the paths config `former:` / `also:` / `aliases:` re-exports make importable (not
    # types of those modules)
    config = load_config(CONFIG)
    made |= {
        pair
        for entry in config.types.values()
        for pair in (*entry.former, *entry.also, *entry.param_also)
    }
    if classes is None:
        classes = _class_facts(CLASS_FACTS)
    made |= {(module, name) for module, names in classes.items() for name in names.values()}
    # nor the per-place copies the facts make (each is its source's class at its places: a fact
    # naming one would go stale when the copy goes)
    made |= copies
    made |= {
        (module, name)
        for module, names in config.aliases.items()
        for name, alias in names.items()
        if alias.to is not None
    }
    # the types we define: each module's own names, not the SDK's second names the facts gave it
    # nor a package's re-exports of its modules' names
    return entries(
        OUR_TYPES,
        lambda module, name: name in current.get(module or ".", {}) or (module, name) in made,
        packages=False,
    )


def compute(
    current: dict[str, dict[str, str]],
    classes: dict[str, dict[str, str]] | None = None,
    generated: Generated | None = None,
) -> tuple[dict[str, dict[str, Match]], list[Entry]]:
    """(SDK module -> name -> match) and the SDK names nothing of ours matches.

    A module we do not have is only made for the SDK's names when it sits in a package we have and
    most of its names match: otherwise it is about an API this client's spec does not describe
    (`live`, `beta.agents`), and a few shapes that happen to match would be a module that lies.
    A package's name defined in such a module is left out with it.
    """
    sdk = entries(SDK_TYPES)
    generated = generated or Generated(ROOT, CONFIG, SPEC)
    copies = generated.copy_classes(OUR_TYPES)
    made = {(module, name) for module, name, _c, _s in copies}
    made |= set(generated.copy_unions(OUR_TYPES))
    own = own_types(current, classes, made)
    own = [entry for entry in own if generated.generates(entry.value, OUR_TYPES)]
    matcher = Matcher(own, current, sdk, places=Places.of_packages(SDK_TYPES, OUR_TYPES))
    for module, name, copy, source in copies:  # a copy holds what its source holds
        if (entry := matcher.by_identity.get(id(source))) is not None:
            matcher.by_identity[id(copy)] = entry
        matcher.copy_owners.append(Entry(module, name, copy, describe(copy)))
    our_modules = {""} | {
        ".".join(parts[:i])
        for parts in (e.module.split(".") for e in own)
        for i in range(1, len(parts) + 1)
    }
    modules: dict[str, object] = {}
    found: dict[str, dict[str, Match]] = defaultdict(dict)
    unmatched: list[Entry] = []
    totals: dict[str, int] = defaultdict(int)
    for entry in sdk:
        if entry.module not in modules:
            modules[entry.module] = load(OUR_TYPES, entry.module)
        ours = modules[entry.module]
        aliased = entry.name in current.get(entry.module or ".", {})
        if ours is not None and hasattr(ours, entry.name) and not aliased:
            continue  # ours has it natively
        totals[entry.module] += 1
        match = matcher.match(entry)
        if match is None:
            unmatched.append(entry)
        else:
            found[entry.module][entry.name] = (entry, match)  # type: ignore[assignment]

    def ours_exists(module: str) -> bool:
        # generated from the spec, not a module only the facts (an earlier run) brought about
        return module in our_modules

    rejected = {
        module
        for module, names in found.items()
        if not ours_exists(module)
        and (not ours_exists(module.rpartition(".")[0]) or 2 * len(names) < totals[module])
    }
    kept: dict[str, dict[str, Match]] = {}
    elsewhere = REJECTED_BY_MODULE
    for module, names in found.items():
        for name, (entry, match) in names.items():  # type: ignore[misc]
            origin = getattr(entry.value, "__module__", "") or ""
            defined_in = origin[len(SDK_TYPES) + 1 :] if origin.startswith(SDK_TYPES + ".") else ""
            if module in rejected or (defined_in != module and defined_in in rejected):
                unmatched.append(entry)
                elsewhere.add(id(entry))
            else:
                kept.setdefault(module or ".", {})[name] = match
    return kept, unmatched


def class_plan(
    found: dict[str, dict[str, Match]],
    classes: dict[str, dict[str, str]],
    generated: Generated | None = None,
) -> Plan:
    """Our classes' names and the per-place copies (tools/sdk_names/copies.py), from the SDK
    names paired with ours and the class-name facts in force."""
    generated = generated or Generated(ROOT, CONFIG, SPEC)
    return plan(entries(SDK_TYPES), found, classes, generated, SDK_TYPES, OUR_TYPES)


def with_copies(found: dict[str, dict[str, Match]], names: Plan) -> dict[str, dict[str, Match]]:
    """The SDK names paired with ours, each standing for a class paired with that class or the
    per-place copy standing for it, but where the copy is defined (a class of its own there) and
    in that module's package (which re-exports it), nor at the copy's request-side name in its
    module's `_param` module (the generator defines the copy's TypedDict there: a fact naming
    another class there would clash with it)."""
    twins = {
        (f"{module}_param", copy_twin_name(name, module))
        for module, copies in names.copies.items()
        if module and load(SDK_TYPES, f"{module}_param") is not None
        for name in copies
    }
    out: dict[str, dict[str, Match]] = {}
    for module, found_here in found.items():
        for name, match in found_here.items():
            target = names.facts.get(module, {}).get(name, (match.module, match.name))
            here = "" if module == "." else module
            if target == (here, name) and name in names.copies.get(here, {}):
                continue
            if (here, name) in twins:
                continue
            # nor in the package of the copy's module: the package re-exports its modules' names
            copied = target[1] == name and name in names.copies.get(target[0], {})
            if copied and target[0].rpartition(".")[0] == here:
                continue
            if target != (match.module, match.name):
                match = Match(*target, True)
            out.setdefault(module, {})[name] = match
    return out


def class_report() -> tuple[int, int, list[str]]:
    """(SDK model classes, those with no counterpart here, the lines of those whose path here is a
    class of another `__name__`): each class at the SDK module defining it."""
    total = missing = 0
    lines: list[str] = []
    for entry in entries(SDK_TYPES, packages=False):
        value = entry.value
        here = f"{SDK_TYPES}.{entry.module}" if entry.module else SDK_TYPES
        if not is_model(value) or value.__module__ != here:
            continue
        total += 1
        ours = getattr(load(OUR_TYPES, entry.module), entry.name, None)
        if ours is None:
            missing += 1
        elif getattr(ours, "__name__", None) != value.__name__:
            lines.append(f"{entry.module}.{entry.name}: {getattr(ours, '__name__', ours)}")
    return total, missing, sorted(lines)


CLASS_HEADER = """\
# The official SDK's own name of a generated model class (the one it has for it, or where it has
# several, the one most of its classes for it have) where that is not the document's: our types
# module -> {the document's name: the SDK's class name}.
# The generator defines the class under the SDK's name (`type(x).__name__`, `repr(x)` and pickle
# then show it) and keeps the document's name bound to it in that module, as a second name.
# Written by `python -m tools.sdk_names` with spec/sdk_names.yml (which pairs SDK names with ours).
"""


def render_classes(classes: dict[str, dict[str, str]]) -> str:
    lines = [CLASS_HEADER]
    for module, names in sorted(classes.items()):
        lines.append(f"{module}:")
        lines.extend(f"  {document}: {name}" for document, name in sorted(names.items()))
    return "\n".join(lines) + "\n"


COPY_HEADER = """\
# The official SDK's per-place classes of a shape ours shares between places: our types module ->
# {the SDK's class name there: {copy_of: the schema (or the JSON pointer of an inline one), at:
# the places (JSON pointers of the document) answered with the copy}}. The generator defines each
# copy in that module (config `sdk_copies:`), so an object read from such a place prints under the
# SDK's name and is an instance of the class at the SDK's path.
# Written by `python -m tools.sdk_names` (tools/sdk_names/copies.py says which places).
"""


def render_copies(copies: dict[str, dict[str, tuple[str, tuple[str, ...]]]]) -> str:
    lines = [COPY_HEADER]
    for module, names in sorted(copies.items()):
        lines.append(f"{module}:")
        for name, (source, at) in sorted(names.items()):
            lines.append(f"  {name}:")
            lines.append(f"    copy_of: {_quoted(source)}")
            lines.append("    at:")
            lines.extend(f"    - {_quoted(pointer)}" for pointer in at)
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return f"'{text}'" if text.startswith("/") else text


def request_sides(copies: dict[str, dict[str, tuple[str, tuple[str, ...]]]]) -> set[str]:
    """The SDK's request-side modules (`<module>_param`) of the modules holding per-place copies:
    the generator writes a copy's TypedDict there (under the SDK's name) where the facts list the
    module, else the copy shares the TypedDict of what it copies. Listed even with no second name
    left in them (`{}`), or a module whose names are all the copies' own would drop out of the
    facts once generated, and come back (its names unmatched) the next run."""
    return {
        f"{module}_param"
        for module in copies
        if module and load(SDK_TYPES, f"{module}_param") is not None
    }


def render(found: dict[str, dict[str, Match]], modules: AbstractSet[str] = frozenset()) -> str:
    lines = [HEADER]
    for module in sorted(set(found) | set(modules)):
        if not found.get(module):
            lines.append(f"{module}: {{}}")
            continue
        lines.append(f"{module}:")
        for name, match in sorted(found[module].items()):
            note = "" if match.exact else "  # same fields"
            if match.by_place:
                note = "  # same fields, same place"
            lines.append(f"  {name}: {match.module}:{match.name}{note}")
    return "\n".join(lines) + "\n"


def classify(entry: Entry, upstream: Upstream) -> str:
    """Why nothing of ours stands for an unmatched SDK name (NOT BUILT YET unless deliberate)."""
    if id(entry) in REJECTED_BY_MODULE:
        return ABSENT_API
    if entry.described is None:
        return "not a type: a websocket helper class of the SDK (no websocket transport here)"
    described = upstream.describes(entry.described)
    if described is False:
        return ABSENT
    if described is True:
        return NOT_BUILT_SHAPE
    if entry.described.kind == "union":
        members = [describe(m) for m in union_members(unwrapped(entry.value)) or []]
        if any(m is not None and upstream.describes(m) is False for m in members):
            return ABSENT_UNION
        return NOT_BUILT_UNION
    return NOT_BUILT_ALIAS


def key_of(entry: Entry) -> str:
    where = f"{SDK_TYPES}.{entry.module}" if entry.module else SDK_TYPES
    return f"name {where}.{entry.name}"


def unmatched_report(unmatched: list[Entry], upstream: Upstream) -> str:
    groups: dict[str, list[str]] = defaultdict(list)
    for entry in unmatched:
        groups[classify(entry, upstream)].append(key_of(entry))
    out = []
    for reason, keys in sorted(groups.items()):
        out.append(f"# reason: {reason} ({len(keys)})")
        out.extend(sorted(keys))
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.sdk_names", description=__doc__)
    parser.add_argument("--facts", type=Path, default=FACTS)
    parser.add_argument("--class-facts", type=Path, default=CLASS_FACTS)
    parser.add_argument("--check", action="store_true", help="exit 1 if the facts file is stale")
    parser.add_argument("--copy-facts", type=Path, default=COPY_FACTS)
    parser.add_argument("--unmatched", action="store_true", help="print the unmatched names")
    parser.add_argument(
        "--classes",
        action="store_true",
        help="print the SDK model classes whose path here is a class of another __name__",
    )
    parser.add_argument(
        "--classify", type=Path, help="write {key: reason} of the unmatched names (JSON) here"
    )
    args = parser.parse_args(argv)
    if args.classes:
        total, missing, lines = class_report()
        print("\n".join(lines))
        print(
            f"{len(lines)} of {total} SDK model classes are a class of another __name__ here "
            f"({missing} have no counterpart here)"
        )
        return 0
    current = _facts(args.facts)
    classes = _class_facts(args.class_facts)
    generated = Generated(ROOT, CONFIG, SPEC)
    found, unmatched = compute(current, classes, generated)
    names = class_plan(found, classes, generated)
    found = with_copies(found, names)
    text = render(found, request_sides(names.copies))
    class_text = render_classes(names.classes)
    copy_text = render_copies(names.copies)
    if args.unmatched or args.classify:
        upstream = Upstream(UPSTREAM)
        if args.unmatched:
            print(unmatched_report(unmatched, upstream))
        if args.classify:
            reasons = {key_of(e): classify(e, upstream) for e in unmatched}
            args.classify.write_text(
                json.dumps(reasons, indent=1, sort_keys=True), encoding="utf-8"
            )
    matched = sum(len(v) for v in found.values())
    exact = sum(1 for v in found.values() for m in v.values() if m.exact)
    summary = (
        f"sdk_names: {matched} SDK names matched ({exact} same shape, {matched - exact} same "
        f"fields), {len(unmatched)} unmatched, in {len(found)} modules"
    )
    renamed = class_text.count("\n  ")
    copied = sum(len(n) for n in names.copies.values())
    summary += (
        f"; {renamed} classes named as the SDK names them, {copied} per-place copies, "
        f"{len(names.left)} places left"
    )
    if args.check:
        stale = any(
            not path.is_file() or path.read_text(encoding="utf-8") != wanted
            for path, wanted in (
                (args.facts, text),
                (args.class_facts, class_text),
                (args.copy_facts, copy_text),
            )
        )
        print(summary + (": STALE" if stale else ": up to date"), file=sys.stderr)
        return 1 if stale else 0
    args.facts.write_text(text, encoding="utf-8")
    args.class_facts.write_text(class_text, encoding="utf-8")
    args.copy_facts.write_text(copy_text, encoding="utf-8")
    print(summary, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
