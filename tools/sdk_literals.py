"""Enum values the official SDK's types accept that ours do not.

For every model class and params TypedDict of the SDK whose module and name exist here too, each
field (key) both have is compared by the string values of the `Literal` types in its annotation
(looked for through Optional, unions, lists, dicts and Annotated, not into other classes: those are
compared as classes of their own). A value the SDK has and ours lacks is one a client with
`_strict_response_validation=True` rejects in an answer, and one a type checker flags when a user
passes it.

Open enums (`Literal[...] | str`, the model names, the voices) take every string anyway, so a
missing value there is no error, only a name `typing.get_args` does not list; `--open` compares
those fields instead, and the module-level aliases (ChatModel, ImageModel, ...) each module of the
SDK declares in `__all__` and ours has by the same name.

    python -m tools.sdk_literals           # one line per field: its missing values
    python -m tools.sdk_literals --count   # the totals only
    python -m tools.sdk_literals --open    # open enums and aliases instead
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import typing
from collections.abc import Iterator
from typing import Any

import pydantic
import typing_extensions
from typing_extensions import is_typeddict

# typing_extensions has a Literal of its own on some Pythons
_LITERALS = {typing.Literal, typing_extensions.Literal}


def literal_values(annotation: Any) -> set[str]:
    """The string values of every Literal reachable through the annotation's type arguments."""
    found: set[str] = set()
    stack = [annotation]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        origin = typing.get_origin(node)
        if origin in _LITERALS:
            found.update(v for v in typing.get_args(node) if isinstance(v, str))
            continue
        if isinstance(node, typing.ForwardRef) or (inspect.isclass(node) and origin is None):
            continue  # a class is compared as a class of its own
        stack.extend(typing.get_args(node))
    return found


def _hints(cls: Any) -> dict[str, Any]:
    if is_typeddict(cls):
        try:
            return typing.get_type_hints(cls, include_extras=True)
        except Exception:  # an unresolvable forward reference: compare what resolves
            return dict(getattr(cls, "__annotations__", {}))
    return {name: field.annotation for name, field in cls.model_fields.items()}


def _modules() -> Iterator[tuple[str, Any, Any]]:
    """(the SDK's module name, its module, ours of the same name) for each types module both have."""
    import openai.types

    for info in pkgutil.walk_packages(openai.types.__path__, "openai.types."):
        theirs = importlib.import_module(info.name)
        try:
            ours = importlib.import_module(info.name.replace("openai.", "typed_openai.", 1))
        except ImportError:
            continue
        yield info.name, theirs, ours


def _aliases() -> Iterator[tuple[str, Any, Any]]:
    """(`module.Name`, the SDK's alias, ours) for the type aliases with Literal values a module of
    the SDK declares in `__all__` (its own, not the ones it imports) and ours has by that name."""
    for module, theirs, ours in _modules():
        for name in getattr(theirs, "__all__", ()):
            their_alias, our_alias = getattr(theirs, name, None), getattr(ours, name, None)
            if inspect.isclass(their_alias) or our_alias is None or inspect.isclass(our_alias):
                continue
            if literal_values(their_alias):
                yield f"{module}.{name}", their_alias, our_alias


def _pairs() -> Iterator[tuple[str, Any, Any]]:
    for module, theirs, ours in _modules():
        for name, their_cls in vars(theirs).items():
            our_cls = getattr(ours, name, None)
            if not (
                inspect.isclass(their_cls)
                and their_cls.__module__ == module
                and inspect.isclass(our_cls)
            ):
                continue
            models = issubclass(their_cls, pydantic.BaseModel) and issubclass(
                our_cls, pydantic.BaseModel
            )
            if models or (is_typeddict(their_cls) and is_typeddict(our_cls)):
                yield f"{module}.{name}", their_cls, our_cls


def missing_values(*, open_enums: bool = False) -> tuple[dict[str, set[str]], int]:
    """`module.Class.field` (the SDK's) -> the Literal values its annotation has and ours lacks;
    and how many fields were compared.

    Only fields whose annotation here has Literal values at all and takes no other string: a
    plain `str` of ours (or `Literal[...] | str`) already takes every value. With `open_enums`,
    only those that do take any string, and the aliases (`module.Name` keys) besides."""
    out: dict[str, set[str]] = {}
    compared = 0
    for where, their_cls, our_cls in _pairs():
        their_hints, our_hints = _hints(their_cls), _hints(our_cls)
        for field, annotation in their_hints.items():
            if field not in our_hints:
                continue  # a missing field: tests/drop_in/test_sdk_optional_fields.py
            ours = literal_values(our_hints[field])
            if not ours or _takes_any_string(our_hints[field]) != open_enums:
                continue
            compared += 1
            lacking = literal_values(annotation) - ours
            if lacking:
                out[f"{where}.{field}"] = lacking
    if open_enums:
        for where, their_alias, our_alias in _aliases():
            compared += 1
            lacking = literal_values(their_alias) - literal_values(our_alias)
            if lacking:
                out[where] = lacking
    return out, compared


def _takes_any_string(annotation: Any) -> bool:
    """Whether `str` itself is a member (an open enum: `Literal[...] | str`)."""
    stack = [annotation]
    while stack:
        node = stack.pop()
        if node is str:
            return True
        if typing.get_origin(node) in _LITERALS:
            continue
        stack.extend(typing.get_args(node))
    return False


def main(argv: list[str]) -> int:
    open_enums = "--open" in argv
    found, compared = missing_values(open_enums=open_enums)
    values = {v for lacking in found.values() for v in lacking}
    if "--count" not in argv:
        for where in sorted(found):
            print(f"{where}: {sorted(found[where])}")
    what = "open-enum fields and aliases" if open_enums else "fields"
    print(
        f"SDK Literal values missing here: {sum(map(len, found.values()))} over {len(found)} of "
        f"{compared} {what} compared ({len(values)} distinct values)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
