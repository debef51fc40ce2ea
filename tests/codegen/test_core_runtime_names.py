"""Every `_core` name a generated module uses when it runs is in `codegen`'s one `CORE_RUNTIME` list.

The generator imports the `_core` names in that list at module level and every other `_core` name
under ``TYPE_CHECKING`` (annotations are strings: `from __future__ import annotations`). A name used
outside an annotation (a decorator, a base class, a default, a call in a body) that the list lacks
would be imported for type checkers only, and the call would end in a NameError at run time: this
reads the generated resource and helper modules and names any such use.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from typing_extensions import TypeGuard

from codegen.render_resources import CORE_RUNTIME

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "src" / "typed_openai"
GENERATED = sorted(
    [
        *(PACKAGE_DIR / "_generated" / "resources").rglob("*.py"),
        *(PACKAGE_DIR / "_with_helpers").rglob("*.py"),
    ]
)
CORE = "typed_openai._core"


def _is_type_checking(node: ast.AST) -> TypeGuard[ast.If]:
    return isinstance(node, ast.If) and (
        (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
        or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
    )


def _core_names(tree: ast.Module) -> set[str]:
    """The local names the module binds to `_core` at its top, at run time or for type checkers."""
    statements = [*tree.body]
    for node in tree.body:
        if _is_type_checking(node):
            statements.extend(node.body)
    return {
        alias.asname or alias.name
        for node in statements
        if isinstance(node, ast.ImportFrom) and node.module == CORE
        for alias in node.names
    }


def _runtime_names(node: ast.AST, shadowed: frozenset[str] = frozenset()) -> Iterator[ast.Name]:
    """Names read when the module runs: annotations, TYPE_CHECKING blocks and names a function
    imports for itself are left out."""
    if _is_type_checking(node):
        return
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        for part in (*node.decorator_list, *node.args.defaults, *node.args.kw_defaults):
            if part is not None:
                yield from _runtime_names(part, shadowed)
        local = {
            alias.asname or alias.name.partition(".")[0]
            for inner in ast.walk(node)
            if isinstance(inner, ast.Import | ast.ImportFrom)
            for alias in inner.names
        }
        for statement in node.body:
            yield from _runtime_names(statement, shadowed | local)
        return
    if isinstance(node, ast.AnnAssign):
        for part in (node.target, node.value):
            if part is not None:
                yield from _runtime_names(part, shadowed)
        return
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in shadowed:
        yield node
    for child in ast.iter_child_nodes(node):
        yield from _runtime_names(child, shadowed)


def _missing(source: str) -> list[str]:
    tree = ast.parse(source)
    core = _core_names(tree)
    return sorted(
        {
            f"{n.id} (line {n.lineno})"
            for n in _runtime_names(tree)
            if n.id in core and n.id not in CORE_RUNTIME
        }
    )


def test_the_modules_are_found() -> None:
    assert len(GENERATED) > 100


@pytest.mark.parametrize("path", GENERATED, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_runtime_core_names_are_in_the_list(path: Path) -> None:
    assert _missing(path.read_text(encoding="utf-8")) == []


def test_a_runtime_use_the_list_lacks_is_named() -> None:
    source = (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from typed_openai._core import NOT_GIVEN\n"
        "if TYPE_CHECKING:\n"
        "    from typed_openai._core import Headers, SyncPage, maybe_transform\n"
        "def create(a: Headers = NOT_GIVEN) -> SyncPage[int]:\n"
        "    from typed_openai._core import SyncPage\n"
        "    page = SyncPage\n"
        "    x: Headers = maybe_transform(a)\n"
        "    return page\n"
    )
    assert _missing(source) == ["maybe_transform (line 9)"]
