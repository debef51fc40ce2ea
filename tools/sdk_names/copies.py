"""The official SDK's class names of our model classes, and its per-place classes.

Where the SDK has one class name for a class of ours (every SDK class standing for it has that
`__name__`), the generator defines our class under it (spec/sdk_class_names.yml). Where it has
several (`Agent` in each beta event module, `MessageAgent`, `AdditionalToolsAgent`, ... for our
one `BetaAgentTag`), the SDK declares the shape once per place; an object read from a place then
prints (`type(x).__name__`, `repr`) under the place's name and is an instance of the class at the
SDK's path there. Ours does the same: our class takes the name most of the SDK's classes for it
have (the document's name when it is one of them), and each place where the SDK's class has
another name gets a copy of the schema under that name, in the module of the place
(spec/sdk_copies.yml: `copy_of:` the schema, `at:` the JSON pointers of the places, which the
generator answers with the copy).

A place is a field of an SDK class that holds the SDK's class (through Optional, lists and union
arms: tools/sdk_names/places.py), paired with the field of the same name of our class of the same
name and module, which holds our class there (the one of the same kind and discriminators). Its
JSON pointer is where the document's schema of that field (the property of our class's schema)
references our class's schema (`$ref`, through `anyOf`/`oneOf`/`allOf`/`items` written in place).

A place is left as it is (and listed, with the reason) when: the reference passes through another
named schema (a shared union: a copy of the union would be needed), the field's schema is shared
with other classes (merged from another schema by `allOf`, or inside a schema that has copies of
its own, whose places would change with it), two SDK names want the same place, the SDK's name
is another type of our module already, or ends in `Param` (the generator's name of a request-side
TypedDict).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from codegen.build import build_api
from codegen.config import Config, copy_key
from codegen.errors import Diagnostics, pointer_join
from codegen.ir import AliasDef, ApiIR, ModelDef, TypeDef
from codegen.loader import Loader
from codegen.pipeline import load_full_config

from .answers import answer_places, sdk_client
from .index import Entry, load
from .match import Match
from .places import Places, counterpart
from .shapes import is_model

SCHEMAS = "/components/schemas/"


@dataclass
class Plan:
    """Our module -> {document's name: class name}; our module -> {copy's class name: (schema or
    pointer copied, places)}; (SDK module, name, reason) of the SDK classes left as they are; and
    the facts of the SDK names standing for our classes."""

    classes: dict[str, dict[str, str]] = field(default_factory=dict)
    copies: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    left: list[tuple[str, str, str]] = field(default_factory=list)
    # SDK module ("." the root) -> {name: (our module, name)}: what the facts pair the SDK names
    # standing for our classes with (the class, or the copy at the SDK class's place)
    facts: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)


class Generated:
    """The generator's view of our types (the config and facts in force): each class's schema."""

    def __init__(self, root: Path, config_path: Path, spec: Path) -> None:
        # the SDK's second names are what the tool writes: not read (they may be stale)
        self.config: Config = load_full_config(config_path, root, second_names=False)
        self.loader = Loader.from_path(spec)
        self.api: ApiIR = build_api(self.loader, self.config, Diagnostics())
        self.by_place: dict[tuple[str, str], TypeDef] = {
            (d.module, d.name): d for d in self.api.defs.values()
        }
        self.main = self.loader.main
        self._generated: set[tuple[str, str]] | None = None
        self._aliases: dict[int, TypeDef] | None = None

    def generates(self, value: Any, package: str) -> bool:
        """Whether the generator makes this model class now (not one left over from an earlier
        run of the generated output: a copy the facts no longer ask for), or it is no model class
        of our types package."""
        if not is_model(value) or not value.__module__.startswith(package + "."):
            return True
        place = (value.__module__[len(package) + 1 :], value.__name__)
        if self._generated is None:
            self._generated = {(d.module, d.name) for d in self.api.defs.values()} | {
                (p.module, p.name) for p in self.api.params.values()
            }
        return place in self._generated

    def copy_classes(self, package: str) -> list[tuple[str, str, type, type]]:
        """(module, name, the copy's class, the class of what it copies) of each per-place copy
        from the facts that is generated now."""
        found = []
        for definition in self.api.defs.values():
            copied = self.copied(definition)
            if copied is None:
                continue
            pointer = copied if copied.startswith("/") else SCHEMAS + copied
            original = next(
                (d for d in self.api.defs.values() if d.pointer == pointer and "@" not in d.key),
                None,
            )
            if original is None:
                continue
            mine = getattr(load(package, definition.module), definition.name, None)
            theirs = getattr(load(package, original.module), original.name, None)
            if isinstance(mine, type) and isinstance(theirs, type):
                found.append((definition.module, definition.name, mine, theirs))
        return found

    def alias_of(self, value: Any, package: str) -> TypeDef | None:
        """The definition of a union (or another alias) of ours from the document, by identity
        (not one the config makes: `aliases:`)."""
        if self._aliases is None:
            self._aliases = {}
            for definition in self.api.defs.values():
                if isinstance(definition, AliasDef) and definition.pointer.startswith(
                    ("/components/", "/paths/")
                ):
                    mine = getattr(load(package, definition.module), definition.name, None)
                    if mine is not None:
                        self._aliases.setdefault(id(mine), definition)
        return self._aliases.get(id(value))

    def of(self, cls: type, package: str) -> TypeDef | None:
        prefix = package + "."
        if not cls.__module__.startswith(prefix):
            return None
        return self.by_place.get((cls.__module__[len(prefix) :], cls.__name__))

    def copied(self, definition: TypeDef) -> str | None:
        """What a per-place copy from the facts copies (a schema's name or a pointer); None: no
        such copy (a copy the config makes by hand is a class of its own)."""
        key = definition.schema_name or ""
        if "@" not in definition.key or ":" not in key:
            return None
        entry = self.config.types.get(key)
        return entry.copy_of if entry is not None else None

    def source(self, definition: TypeDef) -> str:
        """What a copy of this definition copies: its schema's name, else its pointer."""
        pointer = definition.pointer
        name = pointer[len(SCHEMAS) :] if pointer.startswith(SCHEMAS) else ""
        return name if name and "/" not in name else pointer

    def node(self, pointer: str) -> Any:
        return self.main.at(pointer)

    def property_pointer(self, owner: ModelDef, wire: str) -> str | None:
        """The pointer of a property of a model's schema written in that schema (an `allOf`
        member written in place too); None when it comes from another named schema."""
        return _property(self.main.at(owner.pointer), owner.pointer, wire)

    def references(self, pointer: str, target: str) -> tuple[list[str], bool]:
        """The places under a property's schema that reference `target` (a schema's pointer),
        and whether the search met a `$ref` to another named schema holding it (a shared one)."""
        found: list[str] = []
        shared = False
        for at, node in _walk(self.main.at(pointer), pointer):
            if at == target:  # the class's schema written in place there (an inline object)
                found.append(at)
                continue
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not isinstance(ref, str):
                continue
            if ref == "#" + target:
                found.append(at)
            elif ref.startswith("#" + SCHEMAS) and _mentions(
                self.main.at(ref[1:]), "#" + target, self.main, at=ref[1:]
            ):
                shared = True
        return found, shared

    def through(self, pointer: str, target: str) -> list[_Through]:
        """Where a property's schema references a named union (`oneOf`/`anyOf`) one of whose
        arms references `target` (a schema's pointer): the union is shared by the fields holding
        it, so the SDK's class there is an arm of a copy of the union at that field."""
        found: list[_Through] = []
        for at, node in _walk(self.main.at(pointer), pointer):
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not isinstance(ref, str) or not ref.startswith("#" + SCHEMAS) or ref == "#" + target:
                continue
            union_pointer = ref[1:]
            union = self.main.at(union_pointer)
            if not isinstance(union, dict) or not (union.get("oneOf") or union.get("anyOf")):
                continue
            for arm, inner in _walk(union, union_pointer):
                if arm != union_pointer and (
                    arm == target
                    or (isinstance(inner, dict) and inner.get("$ref") == ref_to(target))
                ):
                    found.append(_Through(at, union_pointer[len(SCHEMAS) :], arm))
        return found

    def copy_unions(self, package: str) -> list[tuple[str, str]]:
        """(module, name) of each per-place copy of a union (not a class) the facts make."""
        found = []
        for definition in self.api.defs.values():
            if self.copied(definition) is None:
                continue
            mine = getattr(load(package, definition.module), definition.name, None)
            if mine is not None and not isinstance(mine, type):
                found.append((definition.module, definition.name))
        return found

    def copy_key_of(self, value: Any, package: str) -> str | None:
        """The `types` key of the copy (from the facts or by hand) a definition of ours is, if it
        is one: what a place within the copy is keyed by (`<key>#<pointer>`)."""
        definition = value if isinstance(value, (ModelDef, AliasDef)) else None
        if definition is None and isinstance(value, type):
            definition = self.of(value, package)
        if definition is None or "@" not in definition.key:
            return None
        return definition.schema_name


def ref_to(pointer: str) -> str:
    return "#" + pointer


@dataclass(frozen=True)
class _Through:
    """A field's reference to a shared union whose arm references a class: where the field
    references the union (`at`, the place a copy of the union answers), the union's schema name,
    and the arm's pointer within the union's schema (the copy's own place of the arm)."""

    at: str
    union: str
    arm: str


def _property(node: Any, pointer: str, wire: str) -> str | None:
    if not isinstance(node, dict):
        return None
    properties = node.get("properties")
    if isinstance(properties, dict) and wire in properties:
        return pointer_join(pointer, "properties", wire)
    for i, member in enumerate(node.get("allOf") or []):
        if isinstance(member, dict) and "$ref" not in member:
            found = _property(member, pointer_join(pointer, "allOf", i), wire)
            if found is not None:
                return found
    return None


def _walk(node: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """A schema and the schemas written in place within it that stand for the same value (union
    arms, list items), not the properties of nested objects."""
    yield pointer, node
    if not isinstance(node, dict) or "$ref" in node:
        return
    for key in ("anyOf", "oneOf", "allOf"):
        for i, member in enumerate(node.get(key) or []):
            yield from _walk(member, pointer_join(pointer, key, i))
    if isinstance(node.get("items"), dict):
        yield from _walk(node["items"], pointer_join(pointer, "items"))


def _mentions(node: Any, ref: str, doc: Any, depth: int = 0, at: str = "") -> bool:
    """Whether a named schema (a union, a list; ``at``: its pointer) holds `ref` as one of its
    values, referenced or written in place (an inline arm of the union)."""
    if depth > 4:
        return False
    for pointer, inner in _walk(node, at):
        found = inner.get("$ref") if isinstance(inner, dict) else None
        if found == ref or (at and "#" + pointer == ref):
            return True
        if (
            isinstance(found, str)
            and found.startswith("#" + SCHEMAS)
            and _mentions(doc.at(found[1:]), ref, doc, depth + 1, found[1:])
        ):
            return True
    return False


@dataclass(frozen=True)
class _Want:
    module: str  # our module (the SDK's module of the place)
    name: str  # the SDK's class name there
    source: str  # the schema (or pointer) copied
    sdk: tuple[str, str]  # the SDK entry asking for it
    theirs: int  # id of the SDK class
    keep: bool = False  # the SDK's class there has our class's name: no copy, a vote against one
    weight: int = 1  # the SDK's places reading an object there (a union's: the fields holding it)
    # an arm of a copy of a shared union: (the copy's module, name, the union's schema, the field
    # place the copy answers, and whether that is the union itself: the module's name for it is
    # the union's own, a vote against a copy at the field)
    union: tuple[str, str, str, str, bool] | None = None
    alt: str = ""  # a union the module names: its arm's place in the copy of that name, if made


def plan(
    sdk_entries: list[Entry],
    found: dict[str, dict[str, Match]],
    classes: dict[str, dict[str, str]],
    generated: Generated,
    sdk_package: str,
    our_package: str,
) -> Plan:
    """Class names and per-place copies (see the module's text). ``found``: the SDK names paired
    with ours (spec/sdk_names.yml's matches); ``classes``: the class-name facts in force (a
    renamed class is known by its document's name, which its module keeps)."""
    places = Places.of_packages(sdk_package, our_package)
    result = Plan()
    answers = answer_places(
        generated.api.operations, generated.api.defs, generated, sdk_client(sdk_package)
    )

    def base(cls: Any) -> tuple[type, TypeDef] | None:
        """Our class, or for a copy the class of what it copies, with its definition."""
        if not (isinstance(cls, type) and is_model(cls)):
            return None
        definition = generated.of(cls, our_package)
        if definition is None:
            return None
        copied = generated.copied(definition)
        if copied is None:
            return cls, definition
        pointer = copied if copied.startswith("/") else SCHEMAS + copied
        original = next(
            (d for d in generated.api.defs.values() if d.pointer == pointer and "@" not in d.key),
            None,
        )
        if original is None:
            return None
        ours = getattr(load(our_package, original.module), original.name, None)
        return (ours, original) if isinstance(ours, type) else None

    # each of our classes -> the SDK classes standing for it (at the SDK's path, or a second
    # name of ours), each with where the SDK has it
    standing: dict[int, dict[int, tuple[type, Entry]]] = defaultdict(dict)
    paired: list[tuple[Entry, int]] = []  # the SDK names the facts pair with a class of ours
    ours_of: dict[int, tuple[type, TypeDef]] = {}
    for entry in sdk_entries:
        if not is_model(entry.value):
            continue
        match = found.get(entry.module or ".", {}).get(entry.name)
        module, name = (match.module, match.name) if match else (entry.module, entry.name)
        ours = getattr(load(our_package, module), name, None) if "." not in name else None
        resolved = base(ours)
        if resolved is None:
            continue
        cls, _definition = resolved
        defined_at = f"{sdk_package}.{entry.module}" if entry.module else sdk_package
        # the SDK module defining the class is where its places are (a package's re-export or
        # a module's import of it is the same class)
        if entry.value.__module__ == defined_at or id(entry.value) not in standing[id(cls)]:
            standing[id(cls)][id(entry.value)] = (entry.value, entry)
        ours_of[id(cls)] = resolved
        if match is not None:
            paired.append((entry, id(cls)))

    wants: dict[str, set[_Want]] = defaultdict(set)  # pointer -> the copies wanted there
    known_as: dict[int, tuple[str, str]] = {}  # our class -> (module, the document's name)
    for key, theirs in standing.items():
        ours, definition = ours_of[key]
        module = definition.module
        documents = {sdk: document for document, sdk in classes.get(module, {}).items()}
        document = documents.get(ours.__name__, ours.__name__)
        known_as[key] = (module, document)
        counts = Counter(cls.__name__ for cls, _entry in theirs.values())
        if document in counts:
            name = document
        else:
            name = min(counts, key=lambda n: (-counts[n], n))
            here = load(our_package, module)
            if getattr(here, document, None) is not ours or getattr(here, name, ours) is not ours:
                name = document  # renamed elsewhere, or another type of that module has the name
            else:
                result.classes.setdefault(module, {})[document] = name
        for cls, entry in theirs.values():
            for pointer, want in _places(
                places,
                sdk_package,
                entry,
                cls,
                key,
                base,
                generated,
                result,
                definition,
                answers,
                keep=cls.__name__ == name,
            ):
                wants[pointer].add(want)

    # a union a module names under the name of a copy of it a field wants: its members' places
    # are that copy's (`<copy>#<pointer>`), not the union's own
    _to_union_copies(wants)
    # the copies of shared unions the fields want, each field's the one most of its arms' places
    # name (the arms' copies are places of the union's copy alone)
    unions = _union_copies(wants, generated, result)
    # the schemas whose places are shared with copies of them: a place there is left alone
    sources = {
        SCHEMAS + entry.copy_of if not entry.copy_of.startswith("/") else entry.copy_of
        for key, entry in generated.config.types.items()
        if entry.copy_of is not None and ":" not in key  # by hand, not a facts copy (copy_key)
    }
    winners = {pointer: _winner(ws) for pointer, ws in wants.items()}
    sources |= {
        SCHEMAS + w.source if not w.source.startswith("/") else w.source
        for pointer, ws in wants.items()
        for w in ws
        if w.name == winners[pointer] and not w.keep
    }
    # the inline unions, lists and enums the config names by pointer (several places of the same
    # type share one, which a copy within one of them would part); an object it names is one
    # class per place, like a schema's
    objects = {d.pointer for d in generated.api.defs.values() if isinstance(d, ModelDef)}
    named_places = [
        key
        for key, entry in generated.config.types.items()
        if key.startswith("/") and (entry.name or entry.param_name) and key not in objects
    ]
    # each copied schema's copies (their keys scope the places within them), and the places a
    # copy is wanted at: an object written in a copied schema is the schema's alone where each
    # copy of the schema holds a copy of it
    copies_of: dict[str, set[str]] = defaultdict(set)
    for key, entry in generated.config.types.items():
        if entry.copy_of is not None and ":" not in key:
            copies_of[_pointer_of(entry.copy_of)].add(key)
    won: set[str] = set()
    for pointer, ws in wants.items():
        for w in ws:
            if w.name != winners[pointer] or w.keep or _in_named(pointer, named_places):
                continue
            configured = generated.config.types.get(pointer)
            if configured is None or configured.use == copy_key(w.module, w.name):
                copies_of[_pointer_of(w.source)].add(copy_key(w.module, w.name))
                won.add(pointer)
    copies: dict[tuple[str, str], tuple[str, set[str]]] = {}
    copy_of_class: dict[int, tuple[str, str]] = {}  # an SDK class -> the copy standing for it
    for pointer, ws in sorted(wants.items()):
        chosen = winners[pointer]
        named = sorted((w for w in ws if w.name == chosen), key=lambda w: (w.module, w.sdk))
        for w in ws:
            if w.name != chosen and not w.keep:
                result.left.append((*w.sdk, f"the place {pointer} is named {chosen} elsewhere"))
        want = named[0]
        if want.keep:
            continue  # the SDK's class there has our class's name
        scope, hash_, _inner = pointer.rpartition("#")
        if hash_ and scope in unions.wanted and scope not in unions.at:
            for w in named:
                result.left.append((*w.sdk, f"the union {scope} of the place is named otherwise"))
            continue
        configured = generated.config.types.get(pointer)
        if configured is not None and configured.use != copy_key(want.module, want.name):
            for w in named:
                result.left.append((*w.sdk, f"the place {pointer} is configured by hand"))
            continue
        if _in_named(pointer, named_places):
            for w in named:
                result.left.append((*w.sdk, f"the place {pointer} is in a type the config names"))
            continue
        if any(
            pointer.startswith(s + "/")
            and not _own_place(generated, s, pointer)
            and not _apart(generated, s, pointer, copies_of.get(s, set()), won)
            for s in sources
        ):
            for w in named:
                result.left.append((*w.sdk, f"the place {pointer} is in a schema that is copied"))
            continue
        source, at = copies.setdefault((want.module, want.name), (want.source, set()))
        if source != want.source:
            for w in named:
                result.left.append((*w.sdk, f"{want.module}.{want.name} copies two schemas"))
            continue
        at.add(pointer)
        for w in named:
            copy_of_class[w.theirs] = (want.module, want.name)
    # a union's copy holding no copy of its own is none; a place of a copy not made is none
    for key, (module, name, source) in unions.made.items():
        copies[(module, name)] = (source, set(unions.at[key]))
    _drop_unmade_scopes(copies, unions, generated, result)
    for (module, name), (source, at) in sorted(copies.items()):
        result.copies.setdefault(module, {})[name] = (source, tuple(sorted(at)))
    made = {copy_key(module, name) for module, name in copies}
    copy_of_class = {k: v for k, v in copy_of_class.items() if copy_key(*v) in made}
    # the facts of the SDK names standing for a class: the copy at its place, else the class
    # (whatever same-shaped copy the matcher found for it)
    for entry, key in paired:
        target = copy_of_class.get(id(entry.value)) or known_as.get(key)
        if target is not None:
            result.facts.setdefault(entry.module or ".", {})[entry.name] = target
    # and the SDK's union a union's copy stands for: the copy, defined at its place
    for key in unions.made:
        module, name, _source = unions.made[key]
        if (module, name) in copies:
            result.facts.setdefault(module or ".", {})[name] = (module, name)
    result.classes = {m: dict(sorted(n.items())) for m, n in sorted(result.classes.items())}
    return result


def _to_union_copies(wants: dict[str, set[_Want]]) -> None:
    """Moves the wants of a union a module names (`alt`) to its arm's place in the copy of the
    union of that name, where some field wants that copy."""
    wanted = {
        copy_key(w.union[0], w.union[1])
        for ws in wants.values()
        for w in ws
        if w.union is not None and not w.union[4]
    }
    for pointer in sorted(wants):
        for w in sorted(wants[pointer], key=lambda w: (w.module, w.name, w.sdk)):
            if w.alt and w.alt.rpartition("#")[0] in wanted:
                wants[pointer].discard(w)
                wants[w.alt].add(replace(w, alt=""))
        if not wants[pointer]:
            del wants[pointer]


@dataclass
class _Unions:
    """The copies of shared unions: wanted (copy keys some arm's place asks for), the field
    places each copy won, and (module, name, union schema) of each copy."""

    wanted: set[str] = field(default_factory=set)
    at: dict[str, set[str]] = field(default_factory=dict)
    made: dict[str, tuple[str, str, str]] = field(default_factory=dict)


def _union_copies(wants: dict[str, set[_Want]], generated: Generated, result: Plan) -> _Unions:
    """Each field place holding a shared union gets the copy of it most of its arms' places
    (weighed as `_winner` weighs them) name; a copy of two unions, or at a place configured by
    hand, is none."""
    found = _Unions()
    fields_wanted: dict[str, Counter[tuple[bool, str, str, str]]] = defaultdict(Counter)
    asking: dict[tuple[bool, str, str, str], list[_Want]] = defaultdict(list)
    for ws in wants.values():
        for w in ws:
            if w.union is None:
                continue
            module, name, source, at, keep = w.union
            if not keep:
                found.wanted.add(copy_key(module, name))
            # (keep first: `False` sorts first, and on a tie the union itself stays)
            fields_wanted[at][(not keep, module, name, source)] += w.weight
            asking[(not keep, module, name, source)].append(w)
    sources: dict[str, str] = {}
    for at, counts in sorted(fields_wanted.items()):
        chosen = min(counts, key=lambda k: (-counts[k], k))
        for other in counts:
            if other != chosen:
                for w in asking[other]:
                    result.left.append(
                        (*w.sdk, f"the union at {at} is named {chosen[2]} elsewhere")
                    )
        copied, module, name, source = chosen
        if not copied:
            continue  # the field's union is the union itself there
        key = copy_key(module, name)
        configured = generated.config.types.get(at)
        if (configured is not None and configured.use != key) or sources.setdefault(
            key, source
        ) != source:
            for w in asking[chosen]:
                result.left.append((*w.sdk, f"the union copy {key} at {at} cannot be made"))
            continue
        found.at.setdefault(key, set()).add(at)
        found.made[key] = (module, name, source)
    return found


def _drop_unmade_scopes(
    copies: dict[tuple[str, str], tuple[str, set[str]]],
    unions: _Unions,
    generated: Generated,
    result: Plan,
) -> None:
    """Leaves out the places within a copy that is not made (`<copy>#<pointer>`), then the
    copies with no place left, and a union's copy holding no copy of its arms, until none."""
    by_hand = {key for key, entry in generated.config.types.items() if entry.copy_of is not None}
    by_hand = {key for key in by_hand if ":" not in key}
    while True:
        made = {copy_key(module, name) for module, name in copies} | by_hand
        changed = False
        for (module, name), (_source, at) in list(copies.items()):
            for pointer in sorted(at):
                scope, hash_, _inner = pointer.rpartition("#")
                if hash_ and scope not in made:
                    at.discard(pointer)
                    result.left.append((module, name, f"the copy {scope} of {pointer} is not made"))
                    changed = True
            if not at:
                del copies[(module, name)]
                changed = True
        holding = {pointer.rpartition("#")[0] for _source, at in copies.values() for pointer in at}
        for key, (module, name, _source) in unions.made.items():
            if (module, name) in copies and key not in holding:
                del copies[(module, name)]
                changed = True
        if not changed:
            return


def _winner(wants: set[_Want]) -> str:
    """The name a place gets. The SDK declares a class per module: where several modules name
    the place alike, one copy (in the first of them) is the class at each of their paths; where
    they name it otherwise, the name most of their places give it (a union's member: each field
    holding the union is a place), a copy's where as many keep our class's name (the class keeps
    its name at its own path either way)."""
    counts: Counter[str] = Counter()
    for w in wants:
        counts[w.name] += w.weight
    kept = {w.name for w in wants if w.keep}
    return min(counts, key=lambda n: (-counts[n], n in kept, n))


def _places(
    places: Places,
    sdk_package: str,
    entry: Entry,
    cls: type,
    key: int,
    base: Any,
    generated: Generated,
    result: Plan,
    definition: TypeDef,
    answers: dict[int, list[str]],
    keep: bool = False,
) -> Iterator[tuple[str, _Want]]:
    """The pointers of the places where the SDK holds its class (a field of a class or a union of
    any of its modules, or a method's answer) and ours holds our class (key: its id) or a copy of
    it, with the copy wanted there. ``keep``: the SDK's class has our class's name (the places
    it has, to weigh against the copies wanted there; none left on its account)."""
    asked = (entry.module, entry.name)
    name = cls.__name__
    module = cls.__module__.removeprefix(sdk_package + ".")
    left = (lambda reason: None) if keep else (lambda reason: result.left.append((*asked, reason)))
    if name.endswith("Param"):
        left("a model class named ...Param (a request-side name here)")
        return
    here = load(places.our_package, module)
    present = getattr(here, name, None) if here is not None else None
    if present is not None:
        resolved = base(present)
        if resolved is None or id(resolved[0]) != key:
            left(f"{module}.{name} is another type of ours")
            return
    want = None
    any_place = False
    # the module defining the class first, then the others holding it
    for where in [module, *(m for m in places.holding(cls) if m != module)]:
        for place in places.at(where, cls):
            resolved = base(counterpart(place, cls))
            if resolved is None or id(resolved[0]) != key:
                continue
            want = _Want(module, name, generated.source(resolved[1]), asked, id(cls), keep)
            scope = None  # the copy whose own places these are (`<copy>#<pointer>`)
            alt = None  # the copy of a union the module names, where a field's copy makes it
            if place.owner is None:  # a union the module names: ours of its name there
                union = generated.alias_of(place.annotation, places.our_package)
                if union is None:
                    continue
                any_place = True
                starts = [union.pointer]
                # its members' places are each field's holding it (a shared union: many)
                want = replace(want, weight=max(1, places.uses(place.theirs)))
                scope = generated.copy_key_of(union, places.our_package)
                if scope is None and place.name and place.name != union.name:
                    alt = copy_key(where, place.name)
            else:
                owner = generated.of(place.owner, places.our_package)
                if not isinstance(owner, ModelDef):
                    continue
                any_place = True
                prop = generated.property_pointer(owner, place.wire)
                if prop is None:
                    left(f"{place.owner.__name__}.{place.wire}: merged (allOf)")
                    continue
                starts = [prop]
                scope = generated.copy_key_of(owner, places.our_package)

            def scoped(pointer: str, scope: str | None = scope) -> str:
                return f"{scope}#{pointer}" if scope is not None else pointer

            for start in starts:
                pointers, shared = generated.references(start, resolved[1].pointer)
                throughs = (
                    generated.through(start, resolved[1].pointer)
                    if shared and not pointers and place.owner is not None
                    else []
                )
                for through in throughs:
                    # a shared union at the field: the SDK's union of this field is a copy of it
                    # (of the SDK's name), whose arm here is a copy of the class
                    union_where = where
                    union_name = places.union_name(where, place.theirs, cls)
                    home = places.union_home(place.theirs, cls) if union_name is None else None
                    if home is not None and not _is_the_union(generated, *home, through):
                        # the SDK's module imports the union another of its modules names
                        union_where, union_name = home
                    elif union_name is None:
                        # the module names no union there: the SDK's is the shared union too
                        # (imported), a vote for the union itself at the field
                        itself_vote = (where, "", through.union, scoped(through.at), True)
                        yield through.arm, replace(want, union=itself_vote)
                        continue
                    unfit = _union_unfit(generated, places, union_where, union_name, through)
                    if unfit is not None:
                        left(f"{scoped(through.at)}: {unfit}")
                        continue
                    itself = _is_the_union(generated, union_where, union_name, through)
                    copy = (union_where, union_name, through.union, scoped(through.at), itself)
                    pointer = (
                        through.arm
                        if itself
                        else f"{copy_key(union_where, union_name)}#{through.arm}"
                    )
                    yield pointer, replace(want, union=copy)
                if not pointers and not throughs:
                    reason = "through a named schema (a shared union)" if shared else "no reference"
                    left(f"{scoped(start)}: {reason}")
                for pointer in pointers:
                    if pointer == resolved[1].pointer and scope is None:
                        # an object written in place is one class there: the place is its own
                        # (only within a copy of the schema around it is there another, as an
                        # arm of a union a module names is within that union's copy, if made)
                        if alt is not None:
                            yield f"{alt}#{pointer}", want
                        else:
                            left(f"{pointer}: the place of the class written there")
                        continue
                    if alt is not None:
                        yield pointer, replace(want, alt=f"{alt}#{pointer}")
                    else:
                        yield scoped(pointer), want
    # the methods answering with it (tools/sdk_names/answers.py)
    for start in answers.get(id(cls), []):
        any_place = True
        if start == definition.pointer:
            left(f"{start}: an answer written in place (the class itself)")
            continue
        pointers, shared = generated.references(start, definition.pointer)
        if not pointers:
            reason = "through a named schema (a shared union)" if shared else "no reference"
            left(f"{start}: an answer, {reason}")
        for pointer in pointers:
            yield pointer, _Want(module, name, generated.source(definition), asked, id(cls), keep)
    if not any_place:
        left("held in no field of its module ours pairs")


def _in_named(pointer: str, named_places: list[str]) -> bool:
    return any(pointer.startswith(n + "/") for n in named_places)


def _pointer_of(source: str) -> str:
    return source if source.startswith("/") else SCHEMAS + source


def _apart(
    generated: Generated, source: str, pointer: str, copies: set[str], won: set[str]
) -> bool:
    """Whether a place within an object written in a copied schema (one object deep) is that
    object's alone: each copy of the schema holds a copy of the object (`<copy>#<object>`), so
    the object's class is the schema's own and a copy at the place changes no copy of it."""
    inner = _object_between(generated, source, pointer)
    return (
        inner is not None
        and _own_place(generated, inner, pointer)
        and all(f"{copy}#{inner}" in won for copy in copies)
    )


def _object_between(generated: Generated, source: str, pointer: str) -> str | None:
    """The pointer of the first object written in place between a schema and a place in it."""
    node = generated.node(source)
    at = source
    for step in pointer[len(source) + 1 :].split("/")[:-1]:
        at = f"{at}/{step}"
        step = step.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return None
        if isinstance(node, dict) and ("properties" in node or node.get("type") == "object"):
            return at
    return None


def _own_place(generated: Generated, source: str, pointer: str) -> bool:
    """Whether a place within a copied schema is the schema's own: no object written in place
    lies between (the generator builds such an object once, for the schema and its copies
    alike, while a place of the schema itself answers its own class alone: a copy's is keyed
    `<copy>#<pointer>`)."""
    node = generated.node(source)
    steps = pointer[len(source) + 1 :].split("/")
    for step in steps[:-1]:
        step = step.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return False
        if isinstance(node, dict) and ("properties" in node or node.get("type") == "object"):
            return False
    return True


def _is_the_union(generated: Generated, module: str, name: str, through: _Through) -> bool:
    """Whether the SDK's module names the union at a field as ours names the union itself there
    (the field's union is then no copy: its arms' places are the union's own)."""
    defined = generated.by_place.get((module, name))
    return (
        defined is not None
        and "@" not in defined.key
        and defined.pointer == SCHEMAS + through.union
    )


def _union_unfit(
    generated: Generated, places: Places, module: str, name: str | None, through: _Through
) -> str | None:
    """Why a copy of a shared union (named as the SDK's module names the union at a field)
    cannot be made there; None when it can."""
    if name is None:
        return f"through the shared union {through.union}, which the SDK's module names not"
    source = generated.config.types.get(through.union)
    if source is not None and (source.copy_of is not None or source.use is not None):
        return f"through the shared union {through.union}, a copy or stand-in itself"
    # a second name of the union (the facts pair the SDK's union with it) is taken over by the
    # copy; a type the generator defines there under that name is not (but the copy itself)
    defined = generated.by_place.get((module, name))
    if (
        defined is not None
        and defined.schema_name != copy_key(module, name)
        and not _is_the_union(generated, module, name, through)
    ):
        return f"{module}.{name} is another type of ours"
    return None
