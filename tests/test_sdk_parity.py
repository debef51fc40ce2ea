"""Surface parity with the official SDK, for every resource this client ships.

Code written for `openai` must run after changing only the import, so everything the official SDK
offers around the resources we ship must exist here too: its public modules, the names they
export, every method of every shipped resource (and of its `with_raw_response` /
`with_streaming_response` views) and every parameter of those methods (name, kind, default).

Scope grows with the client: the resources compared are those present on our `OpenAI()` /
`AsyncOpenAI()` instances, and the modules compared are what the SDK's modules for those
resources import (read from their source with `ast`), followed transitively through the SDK's
public `types`, `lib`, `pagination` and `resources` modules. Top-level names of `openai` are
compared as well (module-level client settings included).

Every difference is either fixed or listed in tests/sdk_parity_allowed.txt with its reason: why it
is deliberate, or NOT BUILT YET for work not done; an entry that no longer matches a difference
fails too, so the list only holds real differences.
`python -m tests.test_sdk_parity` prints the counts and the differences. The SDK is an oracle
only: introspected, never imported by the package.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import pkgutil
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.sdk_surface import VIEWS, at, is_resource, members, methods, shipped

OURS = "typed_openai"
SDK = "openai"
PER_CALL = {"self", "extra_headers", "extra_query", "extra_body", "timeout"}

# Every difference that is not fixed, with its reason, grouped under `# reason:` lines: ONE list.
# A reason starting with NOT_BUILT is work not done yet (reported as such, never as deliberate);
# any other reason says why the difference is deliberate. An entry that no longer differs fails
# the test, so the list only holds real differences. Methods and their arguments are the
# exception: tests/api_resources/test_sdk_tree.py keeps the one list for those (its ALLOWED:
# deliberate, its PENDING: not built yet), and this test reads it instead of repeating it.
ALLOWED_FILE = Path(__file__).with_name("sdk_parity_allowed.txt")
NOT_BUILT = "NOT BUILT YET"
# key kinds of the same list that another test compares (and finds stale): model field names
# and params TypedDict keys, in tests/drop_in/test_sdk_optional_fields.py; webhook events
# `unwrap()` does not type as the SDK does, in tests/drop_in/test_webhook_events.py
CHECKED_ELSEWHERE = ("field", "key", "webhook")


def allowed_here() -> dict[str, str]:
    """The entries of ALLOWED_FILE this test compares."""
    return {k: v for k, v in allowed().items() if k.split(" ", 1)[0] not in CHECKED_ELSEWHERE}


def allowed() -> dict[str, str]:
    """Key ("<kind> <qualified name>") -> reason, from ALLOWED_FILE."""
    listed: dict[str, str] = {}
    reason = ""
    for number, line in enumerate(ALLOWED_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# reason:"):
            reason = line.removeprefix("# reason:").strip()
        elif line and not line.startswith("#"):
            assert reason, f"{ALLOWED_FILE.name}:{number}: {line!r} has no `# reason:` above it"
            assert line not in listed, f"{ALLOWED_FILE.name}:{number}: {line!r} listed twice"
            listed[line] = reason
    return listed


def reason_for(key: str, listed: dict[str, str]) -> str | None:
    """Why ``key`` may differ (a NOT_BUILT reason for unfinished work), or None."""
    if key in listed:
        return listed[key]
    kind, _, qualname = key.partition(" ")
    if kind in ("method", "param"):
        # a missing method or argument: the resource-tree test keeps that list
        from tests.api_resources.test_sdk_tree import ALLOWED as TREE_ALLOWED
        from tests.api_resources.test_sdk_tree import PENDING
        from tests.api_resources.test_sdk_tree import Parity as TreeParity

        item = qualname.split(".", 1)[1]
        for view in VIEWS:
            item = item.replace(f".{view}", "")
        covered = TreeParity().allowed(item)
        if covered in TREE_ALLOWED:
            return TREE_ALLOWED[covered]
        if covered in PENDING:
            return f"{NOT_BUILT}: {PENDING[covered]} (test_sdk_tree PENDING)"
    return None


@dataclass
class Parity:
    """What was compared: matched counts per kind, and every difference found."""

    matched: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("module", "name", "method", "param"), 0)
    )
    differences: dict[str, str] = field(default_factory=dict)  # key -> detail

    def match(self, kind: str) -> None:
        self.matched[kind] += 1

    def differ(self, kind: str, qualname: str, detail: str) -> None:
        self.differences[f"{kind} {qualname}"] = detail

    def listed(self, kind: str) -> int:
        return sum(1 for key in self.differences if key.split(" ", 1)[0] == kind)

    def counts(self) -> str:
        return ", ".join(
            f"{kind}s {self.matched[kind]} matched / {self.listed(kind)} listed"
            for kind in self.matched
        )


# --- resources: methods and parameters ---------------------------------------------------------


_UNSET = "<not given>"


def _default(value: object) -> str:
    # the "argument not given" sentinels (NOT_GIVEN, omit) differ in class but mean the same
    if type(value).__name__ in ("NotGiven", "Omit"):
        return _UNSET
    if value is inspect.Parameter.empty:
        return "<required>"
    return repr(value)


def _compare_signatures(parity: Parity, qualname: str, sdk_method: Any, our_method: Any) -> None:
    sdk_params = inspect.signature(sdk_method).parameters
    our_params = inspect.signature(our_method).parameters
    for name, sdk_param in sdk_params.items():
        if name == "self":
            continue
        ours = our_params.get(name)
        where = f"{qualname}({name})"
        if ours is None:
            parity.differ("param", where, "missing")
            continue
        if ours.kind != sdk_param.kind and not (
            sdk_param.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
            and ours.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        ):
            parity.differ("param", where, f"kind {ours.kind.name}, SDK {sdk_param.kind.name}")
            continue
        if _default(ours.default) != _default(sdk_param.default):
            parity.differ(
                "param",
                where,
                f"default {_default(ours.default)}, SDK {_default(sdk_param.default)}",
            )
            continue
        parity.match("param")
    for name, ours in our_params.items():
        # an argument the SDK does not take is harmless unless a call must pass it
        required = ours.default is inspect.Parameter.empty and ours.kind not in (
            inspect.Parameter.VAR_POSITIONAL,
            inspect.Parameter.VAR_KEYWORD,
        )
        if name not in sdk_params and required:
            parity.differ("param", f"{qualname}({name})", "required here, absent in the SDK")


def _compare_resources(
    parity: Parity, sdk_client: Any, our_client: Any, label: str
) -> list[tuple[tuple[str, ...], Any]]:
    """Compares every resource of ``our_client``; returns the SDK resources met (for the modules)."""
    met: list[tuple[tuple[str, ...], Any]] = []
    for path, ours in shipped(our_client):
        sdk = at(sdk_client, path)
        if sdk is None or not is_resource(sdk):
            continue  # ours only: not a parity question (the layout's resource-tree test covers it)
        met.append((path, sdk))
        for view in ((), *((v,) for v in VIEWS)):
            sdk_view, our_view = at(sdk, view), at(ours, view)
            prefix = ".".join((label, *path, *view))
            if our_view is None:
                parity.differ("method", prefix, "view missing")
                continue
            our_methods = methods(our_view)
            for name, sdk_method in sorted(methods(sdk_view).items()):
                qualname = f"{prefix}.{name}"
                if name not in our_methods:
                    parity.differ("method", qualname, "missing")
                    continue
                parity.match("method")
                _compare_signatures(parity, qualname, sdk_method, our_methods[name])
    return met


def _types_modules(path: tuple[str, ...], sdk: Any, ours: Any) -> list[str]:
    """Every module of the SDK's types package for a shipped resource (`openai.types.chat` for
    `chat`), unless that package also holds types of child resources we do not ship (`beta`)."""
    package = ".".join((SDK, "types", *path))
    if not path or not _exists(package) or not _is_package(package):
        return []
    for name, child in members(sdk):
        if is_resource(child) and not is_resource(getattr(ours, name, None)):
            return []
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations is not None
    return [
        f"{package}.{info.name}"
        for info in pkgutil.iter_modules(spec.submodule_search_locations)
        if not info.ispkg and not info.name.startswith("_")
    ]


# --- modules and names -------------------------------------------------------------------------


def _is_public(module: str) -> bool:
    return not any(part.startswith("_") for part in module.split("."))


def _in_scope(module: str) -> bool:
    return _is_public(module) and (
        module == f"{SDK}.pagination"
        or module.startswith((f"{SDK}.types", f"{SDK}.lib.", f"{SDK}.resources"))
    )


@cache
def _sdk_tree(module: str) -> ast.Module | None:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    with open(spec.origin, encoding="utf-8") as handle:
        return ast.parse(handle.read())


def _is_package(module: str) -> bool:
    spec = importlib.util.find_spec(module)
    return spec is not None and spec.submodule_search_locations is not None


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module if _is_package(module) else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        base = base.rpartition(".")[0]
    return f"{base}.{node.module}" if node.module else base


def _imports(module: str) -> Iterator[tuple[str, str, str]]:
    """(source module, imported name, bound name) of every `from ... import` in ``module``."""
    tree = _sdk_tree(module)
    if tree is None:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _resolve(module, node)
            for alias in node.names:
                yield source, alias.name, alias.asname or alias.name


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _origin(source: str, name: str) -> str | None:
    """The module that defines ``name`` imported from ``source`` (a package re-export is
    followed to its module, so `from ..types import FilePurpose` reaches `types.file_purpose`)."""
    if _exists(f"{source}.{name}"):
        return f"{source}.{name}"
    if not _exists(source):
        return None
    if not _is_package(source):
        return source
    for inner, imported, bound in _imports(source):
        if bound == name:
            return _origin(inner, imported)
    return source


def _closure(start: list[str]) -> set[str]:
    """The SDK's public modules reachable by imports from ``start``.

    Imports are followed into `types`, public `lib` modules and `pagination`; other resource
    modules are not followed (a parent resource imports every child, shipped or not).
    """
    seen: set[str] = set()
    todo = list(start)
    while todo:
        module = todo.pop()
        for source, name, _ in _imports(module):
            found = _origin(source, name)
            if found is None or found in seen or not _in_scope(found):
                continue
            if found.startswith(f"{SDK}.resources"):
                continue
            seen.add(found)
            todo.append(found)
    # a module's packages are public import paths too (`openai.types.chat` for its modules)
    for module in list(seen) + start:
        parts = module.split(".")
        for i in range(2, len(parts)):
            package = ".".join(parts[:i])
            if _in_scope(package) or package == f"{SDK}.types":
                seen.add(package)
    return seen


def _defined(module: str) -> set[str]:
    """Public names a module defines or re-exports explicitly (`X as X`), from its source."""
    tree = _sdk_tree(module)
    names: set[str] = set()
    if tree is None:
        return names
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    for _, name, bound in _imports(module):
        if name == bound:
            names.add(bound)
    return {n for n in names if not n.startswith("_") and n != "annotations"}


def _names(module: str, modules: set[str], sdk_module: ModuleType) -> set[str]:
    """The names of ``module`` that belong to the compared scope.

    A module's own names (`__all__`, else what it defines) all count; a package counts a
    re-exported name only when it comes from a compared module, so `openai.types` contributes
    `ChatCompletion`-era names of shipped resources, not every type of the API.
    """
    if not _is_package(module):
        exported = getattr(sdk_module, "__all__", None)
        return set(exported) if exported is not None else _defined(module)
    names: set[str] = set()
    for source, name, bound in _imports(module):
        if name != bound or bound.startswith("_"):
            continue
        if (source in modules and not _is_package(source)) or (
            source in modules and name in _names(source, modules, importlib.import_module(source))
        ):
            names.add(bound)
    return names


def _own(module: str) -> set[str]:
    """The public classes and aliases ``module``'s source defines itself (module-level `class`
    and assignments), in `__all__` or not: the SDK keeps compat names outside `__all__`
    (`responses.tool.WebSearchToolFilters`) that code imports; imported names (`BaseModel`,
    `Literal`) are not the module's own."""
    tree = _sdk_tree(module)
    names: set[str] = set()
    for node in tree.body if tree is not None else ():
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


def _types_tree() -> list[str]:
    """Every public module of the SDK's `types` package, whatever the resources import."""
    import openai.types

    return [
        info.name
        for info in pkgutil.walk_packages(openai.types.__path__, f"{SDK}.types.")
        if _is_public(info.name)
    ]


def _compare_module(parity: Parity, module: str, names: set[str]) -> None:
    ours_name = OURS + module[len(SDK) :]
    try:
        ours = importlib.import_module(ours_name)
    except ImportError:
        parity.differ("module", module, f"{ours_name} cannot be imported")
        return
    parity.match("module")
    for name in sorted(names):
        if hasattr(ours, name):
            parity.match("name")
        else:
            parity.differ("name", f"{module}.{name}", "missing")


def _packages(module: str) -> list[str]:
    """The packages above ``module`` (`openai.types.beta` for `openai.types.beta.agent`)."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(2, len(parts))]


def _top_level_names(sdk: ModuleType, shipped_roots: set[str], sdk_client: Any) -> set[str]:
    """`openai`'s public names: exports, module-level client settings, the resources we ship."""
    names: set[str] = set()
    for name in dir(sdk):
        if name.startswith("_") or name in ("annotations", "override"):
            continue
        if inspect.ismodule(getattr(sdk, name)) and not _is_public_submodule(sdk, name):
            continue
        if is_resource(getattr(sdk_client, name, None)) and name not in shipped_roots:
            continue  # the module client's proxy for a resource we do not ship
        names.add(name)
    return names


# The README's voice helpers (`from openai.helpers import LocalAudioPlayer, Microphone`): public
# modules no resource imports. The package is compared by its exports, its modules by the classes
# and constants they define (their typing imports are not API).
HELPERS = (f"{SDK}.helpers", f"{SDK}.helpers.local_audio_player", f"{SDK}.helpers.microphone")


def _compare_helpers(parity: Parity) -> None:
    for module in HELPERS:
        if _is_package(module):
            names = _names(module, set(HELPERS), importlib.import_module(module))
        else:
            names = _own(module)
        _compare_module(parity, module, names)


def _is_public_submodule(sdk: ModuleType, name: str) -> bool:
    return name in ("types", "lib", "version", "pagination", "resources")


@cache
def parity() -> Parity:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import openai

        import typed_openai

        result = Parity()
        sdk_sync = openai.OpenAI(api_key="test-key")
        sdk_async = openai.AsyncOpenAI(api_key="test-key")
        ours_sync = typed_openai.OpenAI(api_key="test-key")
        ours_async = typed_openai.AsyncOpenAI(api_key="test-key")
        met = _compare_resources(result, sdk_sync, ours_sync, "OpenAI")
        met += _compare_resources(result, sdk_async, ours_async, "AsyncOpenAI")
        start = {type(sdk).__module__ for _, sdk in met}
        for path, sdk in met:
            start.update(_types_modules(path, sdk, at(ours_sync, path)))
        start = sorted(start)
        modules = _closure(start) | set(start) | {f"{SDK}.pagination", f"{SDK}.version"}
        modules = {m for m in modules if _is_public(m)}
        # every types module, and in each the names it defines itself as well as its exports;
        # under a package missing here only the package counts (its modules cannot exist)
        every = modules | set(_types_tree())
        for module in sorted(every):
            if any(f"module {package}" in result.differences for package in _packages(module)):
                continue
            sdk_module = importlib.import_module(module)
            names = _names(module, modules, sdk_module) if module in modules else set()
            if module.startswith(f"{SDK}.types") and not _is_package(module):
                names |= _own(module)
            _compare_module(result, module, names)
        roots = {path[0] for path, _ in shipped(ours_sync)}
        _compare_module(result, SDK, _top_level_names(openai, roots, sdk_sync))
        _compare_helpers(result)
    return result


# --- tests -------------------------------------------------------------------------------------


def _summary(found: Parity) -> str:
    listed = allowed_here()
    reasons = [reason_for(key, listed) for key in found.differences]
    not_built = sum(1 for r in reasons if r is not None and r.startswith(NOT_BUILT))
    deliberate = sum(1 for r in reasons if r is not None and not r.startswith(NOT_BUILT))
    return (
        f"SDK surface parity: {found.counts()} "
        f"(listed: {deliberate} deliberate, {not_built} not built yet; "
        f"{sum(1 for key in listed if key not in found.differences)} listed entries now fixed)"
    )


def test_every_difference_from_the_sdk_is_fixed_or_allowed() -> None:
    found = parity()
    print(f"\n{_summary(found)}")
    listed = allowed()
    unexplained = {
        k: v for k, v in sorted(found.differences.items()) if reason_for(k, listed) is None
    }
    assert not unexplained, "\n".join(f"{k}: {v}" for k, v in unexplained.items())


def test_allow_list_holds_only_current_differences() -> None:
    stale = sorted(set(allowed_here()) - set(parity().differences))
    assert not stale, f"no longer differs from the SDK, remove from {ALLOWED_FILE.name}: {stale}"


def test_scope_covers_the_shipped_resources_and_their_modules() -> None:
    """The comparison is not vacuous: it reaches the resources and modules users import."""
    found = parity()
    assert found.matched["method"] > 400 and found.matched["param"] > 4000
    assert found.matched["module"] > 190 and found.matched["name"] > 550


if __name__ == "__main__":
    report = parity()
    print(_summary(report))
    listed = allowed_here()
    for key, detail in sorted(report.differences.items()):
        why = reason_for(key, listed)
        status = "DIFFERS" if why is None else "open" if why.startswith(NOT_BUILT) else "allowed"
        print(f"  {status}  {key}: {detail}")
    for key in sorted(set(listed) - set(report.differences)):
        print(f"  fixed  {key}  (delete from {ALLOWED_FILE.name})")
