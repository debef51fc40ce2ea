"""The layers of docs/contracts.md point one way: `_core` ← `types` (the generated models, at their
public paths) ← `_generated` (resources, clients) ← `lib` ← `_with_helpers` (the generated helper
signatures) ← the public surface. Every import counts: module level, under ``TYPE_CHECKING`` and
inside functions, since each one is a dependency a reader has to follow. A `types` package's
`__init__` is public surface: it re-exports its modules' names and lib's parsed types lazily."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "src" / "typed_openai"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[str]:
    """Every module `path` imports (`from a import b` yields `a` and `a.b`), relative ones resolved."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _modules(subpackage: str) -> list[Path]:
    found = sorted((PACKAGE_DIR / subpackage).rglob("*.py"))
    if subpackage == "types":  # the models; the package inits are the public surface
        return [path for path in found if path.name != "__init__.py"]
    return found


def _violations(subpackage: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{_module_name(path)} imports {target}"
        for path in _modules(subpackage)
        for target in sorted(set(_imports(path)))
        if target.startswith(forbidden)
    ]


@pytest.mark.parametrize(
    ("layer", "above"),
    [
        (
            "_core",
            (
                "typed_openai.types",
                "typed_openai._generated",
                "typed_openai.lib",
                "typed_openai._with_helpers",
            ),
        ),
        ("types", ("typed_openai._generated", "typed_openai.lib", "typed_openai._with_helpers")),
        ("_generated", ("typed_openai.lib", "typed_openai._with_helpers")),
        ("lib", ("typed_openai._with_helpers",)),
    ],
)
def test_no_layer_imports_a_layer_above_it(layer: str, above: tuple[str, ...]) -> None:
    assert _violations(layer, above) == []


@pytest.mark.parametrize("layer", ["types", "_generated"])
def test_generated_code_names_no_lib_module_even_as_a_string(layer: str) -> None:
    # a lazy "module:Name" reference would be an import in disguise
    offenders = [
        _module_name(path)
        for path in _modules(layer)
        if "typed_openai.lib" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_voice_helpers_stand_apart() -> None:
    """`typed_openai.helpers` (numpy, sounddevice) builds on `_core` alone, and nothing else in
    the package imports it: `import typed_openai` and every client call stay free of it."""
    inside = [
        f"{_module_name(path)} imports {target}"
        for path in _modules("helpers")
        for target in sorted(set(_imports(path)))
        if target.startswith("typed_openai.")
        and not target.startswith(("typed_openai._core", "typed_openai.helpers"))
    ]
    assert inside == []
    outside = [
        f"{_module_name(path)} imports {target}"
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if "helpers" not in path.relative_to(PACKAGE_DIR).parts[:1]
        for target in sorted(set(_imports(path)))
        if target.startswith("typed_openai.helpers")
    ]
    assert outside == []
    assert len(_modules("helpers")) >= 4


def test_one_tree_of_types() -> None:
    """Each model module is generated once, at its public path: nothing under `_generated` holds
    types, and no types module re-exports one of `_generated`."""
    assert not (PACKAGE_DIR / "_generated" / "types").exists()
    shims = [
        _module_name(path)
        for path in sorted((PACKAGE_DIR / "types").rglob("*.py"))
        if "typed_openai._generated" in path.read_text(encoding="utf-8")
    ]
    assert shims == []
    models = _modules("types")
    assert len(models) > 1500
    assert sum("class " in path.read_text(encoding="utf-8") for path in models) > 1000


def test_core_has_no_import_cycle() -> None:
    graph = {
        _module_name(path): {
            target
            for target in _imports(path)
            if target.startswith("typed_openai._core.") and target != _module_name(path)
        }
        for path in _modules("_core")
    }
    graph = {module: targets & graph.keys() for module, targets in graph.items()}
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str], done: set[str]) -> None:
        if module in trail:
            cycles.append([*trail[trail.index(module) :], module])
            return
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*trail, module], done)
        done.add(module)

    finished: set[str] = set()
    for module in sorted(graph):
        visit(module, [], finished)
    assert cycles == []


def test_the_scanner_sees_relative_type_checking_and_in_function_imports() -> None:
    relative = set(_imports(PACKAGE_DIR / "_core" / "_pagination.py"))
    assert {
        "typed_openai._core._parsing",
        "typed_openai._core._parsing.ResponseBuilder",
    } <= relative
    source = (PACKAGE_DIR / "_with_helpers" / "chat" / "__init__.py").read_text()
    assert "if TYPE_CHECKING:" in source and "    def completions" in source
    assert "typed_openai._with_helpers.chat.completions" in set(
        _imports(PACKAGE_DIR / "_with_helpers" / "chat" / "__init__.py")
    )
