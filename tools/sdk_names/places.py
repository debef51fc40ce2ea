"""Where the official SDK uses a type of its module, and what ours holds at the same place.

The SDK often declares one shape several times, once per place (`AnnotationFilePath` in
`response_output_text`, `FilePath` elsewhere), where ours has two classes of that shape or more
(`FilePath`, and a beta module's `AnnotationFilePath`). Which of ours the SDK's name must be is
not a question of spelling: code holding an object read from that place checks it with
`isinstance(x, <the SDK's name>)`, so the name must be the class ours puts there. A place is a
field of a class the SDK module defines, or a union the module names (its members are there); ours
at that place is the field of the same name of our class of the same name at our module of the
same path (defined there or given by the facts), or our type of the union's name there.
"""

from __future__ import annotations

import types
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .index import exported, load, modules
from .shapes import (
    fields,
    is_model,
    is_typeddict,
    literal_values,
    standing_for,
    type_args,
    type_origin,
    union_members,
    unwrapped,
)

Loader = Callable[[str], types.ModuleType | None]


def _leaf_classes(annotation: Any) -> Iterator[Any]:
    """The models and TypedDicts an annotation mentions, without descending into their fields."""
    annotation = unwrapped(annotation)
    if isinstance(annotation, type):
        if is_model(annotation) or is_typeddict(annotation):
            yield annotation
        return
    for arg in type_args(annotation):
        if type_origin(arg) is not None or isinstance(arg, type):
            yield from _leaf_classes(arg)


def members(annotation: Any) -> frozenset[Any] | None:
    """A union's members, nested unions flattened, without None and `Annotated` metadata (the
    SDK's `PropertyInfo` and our `FieldInfo` compare by identity); None for a non-union."""
    found = union_members(unwrapped(annotation))
    if found is None:
        return None
    result: set[Any] = set()
    for member in found:
        inner = members(member)
        if inner is not None:
            result |= inner
        elif unwrapped(member) is not type(None):
            member = unwrapped(member)
            try:
                hash(member)
            except TypeError:
                member = repr(member)
            result.add(member)
    return frozenset(result)


def _unions_within(annotation: Any) -> Iterator[frozenset[Any]]:
    annotation = unwrapped(annotation)
    found = members(annotation)
    if found is not None:
        yield found
    for arg in type_args(annotation):
        if type_origin(arg) is not None:
            yield from _unions_within(arg)


def holds(annotation: Any, value: Any) -> bool:
    """Whether a field's annotation holds this class, or this union (its members) at some level."""
    if isinstance(value, type):
        return any(leaf is value for leaf in _leaf_classes(annotation))
    wanted = members(value)
    return bool(wanted) and any(found == wanted for found in _unions_within(annotation))


@dataclass(frozen=True)
class Place:
    """Where the SDK uses a type: its annotation there, ours at the same place, and our field
    holding it (no owner for a union the module names)."""

    theirs: Any
    annotation: Any
    owner: type | None = None
    wire: str = ""
    name: str = ""  # a union the module names: its name there


class Places:
    """The annotations of ours at the places the SDK uses a type of one of its modules."""

    def __init__(
        self,
        sdk: Loader,
        ours: Loader,
        our_package: str,
        sdk_modules: Callable[[], list[str]] = list,
    ) -> None:
        """``sdk``, ``ours``: a types module by its dotted path under each package (or None);
        ``our_package``: the dotted name our modules' paths are relative to; ``sdk_modules``:
        every module of the SDK's package (where `holding` looks)."""
        self._sdk = sdk
        self._ours = ours
        self.our_package = our_package
        self._sdk_modules = sdk_modules
        self._fields: dict[str, list[Place]] = {}
        self._holding: dict[int, list[str]] | None = None
        self._uses: Counter[frozenset[Any]] | None = None
        self._unions: dict[frozenset[Any], list[tuple[str, str]]] | None = None

    @classmethod
    def of_packages(cls, sdk_package: str, our_package: str) -> Places:
        return cls(
            lambda m: load(sdk_package, m),
            lambda m: load(our_package, m),
            our_package,
            lambda: modules(sdk_package),
        )

    def module_of(self, cls: type) -> str | None:
        """Where a class of ours is defined, relative to our package (None: outside it)."""
        if cls.__module__.startswith(self.our_package + "."):
            return cls.__module__[len(self.our_package) + 1 :]
        return None

    def _pairs(self, module: str) -> list[Place]:
        """(the SDK's annotation, ours at the same place) for every field of the module's classes
        and every union it names."""
        if module not in self._fields:
            pairs: list[Place] = []
            sdk, ours = self._sdk(module), self._ours(module)
            if sdk is not None and ours is not None and not hasattr(sdk, "__path__"):
                # a union the module names holds its members, as a field holds its type
                for name in exported(sdk):
                    theirs, mine = getattr(sdk, name, None), getattr(ours, name, None)
                    if members(theirs) is not None and mine is not None:
                        pairs.append(Place(theirs, mine, name=name))
                for name, owner in sorted(vars(sdk).items()):
                    if not _defined_class(owner, sdk):
                        continue
                    mine = standing_for(getattr(ours, name, None))
                    if not isinstance(mine, type) or not (is_model(mine) or is_typeddict(mine)):
                        continue
                    our_fields = _fields(mine)
                    for wire, annotation in _fields(owner).items():
                        if wire in our_fields:
                            pairs.append(Place(annotation, our_fields[wire], mine, wire))
            self._fields[module] = pairs
        return self._fields[module]

    def at(self, module: str, value: Any) -> list[Place]:
        """Ours at the places where the SDK's `module` uses `value`."""
        # a union's own name is no place of it: ours there is what the facts say it is
        return [
            p
            for p in self._pairs(module)
            if not (p.owner is None and p.theirs is value) and holds(p.theirs, value)
        ]

    def holding(self, value: type) -> list[str]:
        """The SDK's modules with a place of this class (a field of a class they define, a union
        they name): a class of one module is often held in another's (the GA error event in the
        server-event union's module)."""
        if self._holding is None:
            self._holding = {}
            for module in self._sdk_modules():
                for place in self._pairs(module):
                    for leaf in _leaf_classes(place.theirs):
                        found = self._holding.setdefault(id(leaf), [])
                        if module not in found:
                            found.append(module)
        return list(self._holding.get(id(value), []))

    def uses(self, union: Any) -> int:
        """How many fields of the SDK's classes (in any module) hold a union of these members:
        the places an object of one of them is read from."""
        if self._uses is None:
            self._uses = Counter()
            for module in self._sdk_modules():
                for place in self._pairs(module):
                    if place.owner is not None:
                        self._uses.update(set(_unions_within(place.theirs)))
        found = members(union)
        return self._uses[found] if found else 0

    def union_name(self, module: str, annotation: Any, value: type) -> str | None:
        """The name the SDK's module gives the union holding ``value`` in a field's annotation
        (`FunctionCallOutputCaller` of `FunctionCallOutput.caller`): the SDK declares a union
        per field where the document shares one schema; None where the module names none."""
        sdk = self._sdk(module)
        wanted = next((found for found in _unions_within(annotation) if value in found), None)
        if sdk is None or wanted is None:
            return None
        names = [n for n in exported(sdk) if members(getattr(sdk, n, None)) == wanted]
        return min(names) if names else None

    def union_home(self, annotation: Any, value: type) -> tuple[str, str] | None:
        """Where the SDK names the union holding ``value`` in a field's annotation when the
        field's module imports it (`RealtimeAudioInputTurnDetection` of
        `realtime_audio_input_turn_detection`, held by `RealtimeAudioConfigInput.turn_detection`):
        the module defining it, as (module, name); None where no module of the SDK names it."""
        wanted = next((found for found in _unions_within(annotation) if value in found), None)
        if wanted is None:
            return None
        if self._unions is None:
            self._unions = {}
            for module in self._sdk_modules():
                sdk = self._sdk(module)
                if sdk is None or hasattr(sdk, "__path__"):
                    continue
                for name in exported(sdk):
                    found = members(getattr(sdk, name, None))
                    if found:
                        self._unions.setdefault(found, []).append((module, name))
        homes = self._unions.get(wanted, [])
        return min(homes) if len(homes) == 1 else None

    def ours_at(self, module: str, value: Any) -> list[Any]:
        """Our annotations at the places where the SDK's `module` uses `value`."""
        return [place.annotation for place in self.at(module, value)]


def tags(cls: Any) -> frozenset[tuple[str, str]]:
    """A class's one-valued Literal fields (`type`, `object`): what tells it from the others."""
    return frozenset(
        (name, next(iter(values)))
        for name, annotation in _fields(cls).items()
        if (values := literal_values(annotation)) is not None and len(values) == 1
    )


def discriminators(union: Any) -> frozenset[frozenset[tuple[str, str]]] | None:
    """Each member of a union of classes as its one-valued Literal fields (`type`, `object`);
    None unless every member is a class with at least one, each member told apart."""
    found = union_members(unwrapped(union))
    if not found:
        return None
    classes = [unwrapped(m) for m in found if unwrapped(m) is not type(None)]
    if not all(_is_class(m) for m in classes):
        return None
    found_tags = {tags(m) for m in classes}
    if frozenset() in found_tags or len(found_tags) != len(classes):
        return None
    return frozenset(found_tags)


def counterpart(place: Place, value: type) -> type | None:
    """Ours at a place for the SDK's class there, by discriminators: the one class of ours there
    of the same kind with the same one-valued Literal fields (where neither side has any, each
    side's only class)."""
    # (each class once: a union and a list of it, `Union[X, List[X]]`, mention it twice)
    theirs = _distinct(c for c in _leaf_classes(place.theirs) if is_model(c) == is_model(value))
    ours = _distinct(c for c in _leaf_classes(place.annotation) if is_model(c) == is_model(value))
    wanted = tags(value)
    if not wanted:
        return ours[0] if len(ours) == 1 and theirs == [value] else None
    same = [c for c in ours if tags(c) == wanted]
    if len(same) > 1:
        # several alike (an optional `type: "message"` of two message classes): one of ours at
        # the path of another SDK class there stands for that one
        others = [c for c in theirs if c is not value and tags(c) == wanted]
        same = [c for c in same if not any(_same_path(c, other) for other in others)]
    return same[0] if len(same) == 1 else None


def _same_path(ours: type, theirs: type) -> bool:
    """Whether two classes have one name at one module path (past each package's name)."""
    return (ours.__name__, ours.__module__.partition(".")[2]) == (
        theirs.__name__,
        theirs.__module__.partition(".")[2],
    )


def _distinct(classes: Iterator[Any]) -> list[Any]:
    return list({id(c): c for c in classes}.values())


def _is_class(value: Any) -> bool:
    return isinstance(value, type) and (is_model(value) or is_typeddict(value))


def _defined_class(value: Any, module: types.ModuleType) -> bool:
    return (
        isinstance(value, type)
        and value.__module__ == module.__name__
        and (is_model(value) or is_typeddict(value))
    )


def _fields(cls: type) -> dict[str, Any]:
    try:
        return fields(cls)
    except Exception:  # a forward reference that does not resolve: no place to compare
        return {}


def at_place(candidate: Any, annotations: list[Any]) -> bool:
    """Whether a type of ours is what one of these annotations holds."""
    return any(holds(annotation, candidate) for annotation in annotations)
