"""The public names of a types package, module by module, with their structural description."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from .shapes import Described, describe


@dataclass(frozen=True)
class Entry:
    module: str  # dotted, relative to the types package ("responses.tool")
    name: str
    value: Any = field(compare=False, repr=False)
    described: Described | None = field(compare=False)


def modules(package: str) -> list[str]:
    """Every public module and package under ``package`` (dotted, relative; "" is the package)."""
    found = [""]
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        relative = info.name[len(package) + 1 :]
        if not any(part.startswith("_") for part in relative.split(".")):
            found.append(relative)
    return sorted(found)


def dotted(package: str, relative: str) -> str:
    return f"{package}.{relative}" if relative else package


def load(package: str, relative: str) -> ModuleType | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return importlib.import_module(dotted(package, relative))
    except ImportError:
        return None


def is_package(module: ModuleType) -> bool:
    return hasattr(module, "__path__")


def exported(module: ModuleType) -> list[str]:
    """A module's public names: `__all__`, else what its source defines or re-exports (`X as X`)."""
    names = getattr(module, "__all__", None)
    if names is not None and not is_package(module):
        return sorted(names)
    origin = getattr(module, "__file__", None)
    if origin is None:
        return []
    with open(origin, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            found.add(node.name)
        elif isinstance(node, ast.Assign):
            found.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.add(node.target.id)
        elif isinstance(node, ast.ImportFrom):
            # `X as X`, and in a module without `__all__` also a plain `from .x import X` of the
            # package's own types (the SDK's alias modules re-export their target that way)
            own = node.level > 0 and not is_package(module)
            found.update(a.name for a in node.names if a.asname == a.name or (own and not a.asname))
        elif isinstance(node, ast.If):  # `if TYPE_CHECKING:` re-exports of a lazy package
            for inner in node.body:
                if isinstance(inner, ast.ImportFrom):
                    found.update(a.name for a in inner.names if a.asname == a.name)
    return sorted(n for n in found if not n.startswith("_"))


def entries(
    package: str, skip: Callable[[str, str], bool] | None = None, *, packages: bool = True
) -> list[Entry]:
    """Every public name of every module under ``package`` that describes a type, but those
    ``skip(module, name)`` rejects, and with ``packages=False`` none a package re-exports."""
    found: list[Entry] = []
    for relative in modules(package):
        module = load(package, relative)
        if module is None or (not packages and is_package(module)):
            continue
        for name in exported(module):
            if skip is not None and skip(relative, name):
                continue
            value = getattr(module, name, None)
            if value is None or isinstance(value, ModuleType):
                continue
            found.append(Entry(relative, name, value, describe(value)))
    return found
