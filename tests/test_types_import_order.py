"""Every `types` module imports on its own, whichever module a program imports first.

User code imports model modules directly (`from typed_openai.types.beta.x import Y`), so a module
that only loads when some other module was imported before it is broken for whoever imports it
first. Modules in an import cycle see each other half-initialised: a module-level statement may
only use a partner's names that the partner has already bound at that point of its run.

The static check replays Python's import order over the generated modules' module-level code
(`if TYPE_CHECKING:` bodies and function bodies do not run at import; annotations are strings
under `from __future__ import annotations`): for each module as the first import, every
`from m import name` and every `m_alias.name` evaluated at import time must find `name` already
bound in `m`. A handful of subprocesses then import, first thing in a fresh interpreter, the
modules that once failed so.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "typed_openai.types"


def _sources() -> dict[str, str]:
    sources = {}
    for path in sorted((SRC / "typed_openai" / "types").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        sources[name] = path.read_text(encoding="utf-8")
    return sources


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _run_at_import(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a module body that run when it is imported, nested ifs flattened."""
    for stmt in body:
        if isinstance(stmt, ast.If):
            if not _is_type_checking(stmt.test):
                yield from _run_at_import(stmt.body)
            yield from _run_at_import(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            for block in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse, stmt.finalbody):
                yield from _run_at_import(block)
        else:
            yield stmt


def _evaluated(stmt: ast.stmt) -> Iterator[ast.expr]:
    """The expressions a module-level statement evaluates (not its annotations, not function bodies)."""
    if isinstance(stmt, ast.ClassDef):
        yield from (*stmt.decorator_list, *stmt.bases, *(k.value for k in stmt.keywords))
        for inner in stmt.body:
            yield from _evaluated(inner)
    elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        yield from stmt.decorator_list
        yield from (d for d in (*stmt.args.defaults, *stmt.args.kw_defaults) if d is not None)
    elif isinstance(stmt, ast.AnnAssign):
        if stmt.value is not None:
            yield stmt.value
    elif isinstance(stmt, (ast.Assign, ast.AugAssign, ast.Expr)):
        yield stmt.value
    elif not isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Pass)):
        yield from (node for node in ast.iter_child_nodes(stmt) if isinstance(node, ast.expr))


def _bound(stmt: ast.stmt) -> Iterator[str]:
    if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        yield stmt.name
    elif isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            yield from (n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        yield stmt.target.id
    elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
        for alias in stmt.names:
            yield alias.asname or alias.name.partition(".")[0]


class ImportReplay:
    """Replays the module-level code of a set of modules in Python's import order."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self.steps = {name: list(self._steps(text, sources)) for name, text in sources.items()}

    @staticmethod
    def _steps(text: str, sources: Mapping[str, str]) -> Iterator[tuple[str, ...]]:
        """A module's import-time run as ("import", module), ("use", line, module, name) and
        ("bind", name) steps, in order."""
        modules: dict[str, str] = {}  # local name -> module it is bound to
        for stmt in _run_at_import(ast.parse(text).body):
            if isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    yield ("import", alias.name)
                    if alias.asname and alias.name in sources:
                        modules[alias.asname] = alias.name
            elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
                yield ("import", stmt.module)
                for alias in stmt.names:
                    submodule = f"{stmt.module}.{alias.name}"
                    if submodule in sources:
                        yield ("import", submodule)
                        modules[alias.asname or alias.name] = submodule
                    else:
                        yield ("use", str(stmt.lineno), stmt.module, alias.name)
            for expr in _evaluated(stmt):
                for node in ast.walk(expr):
                    if (
                        isinstance(node, ast.Attribute)
                        and isinstance(node.value, ast.Name)
                        and node.value.id in modules
                    ):
                        yield ("use", str(node.lineno), modules[node.value.id], node.attr)
            for name in _bound(stmt):
                yield ("bind", name)

    def problems(self, first: str) -> list[str]:
        """What goes wrong when `first` is the first module imported in a fresh interpreter."""
        done: set[str] = set()
        defined: dict[str, set[str]] = {}
        found: list[str] = []

        def load(module: str) -> None:
            parts = module.split(".")
            for end in range(1, len(parts) + 1):  # a package runs before its submodules
                name = ".".join(parts[:end])
                if name in self.steps and name not in defined:
                    run(name)

        def run(module: str) -> None:
            bound = defined[module] = set()
            for step in self.steps[module]:
                if step[0] == "import":
                    load(step[1])
                elif step[0] == "bind":
                    bound.add(step[1])
                else:
                    _, line, target, name = step
                    if target not in self.steps or target in done:
                        continue
                    partner = defined.get(target, set())
                    if name not in partner and "__getattr__" not in partner:
                        found.append(
                            f"{module}:{line} uses {target}.{name} while {target} is still initialising"
                        )
            done.add(module)

        load(first)
        return found


def _replay_all(sources: Mapping[str, str]) -> dict[str, list[str]]:
    replay = ImportReplay(sources)
    return {name: found for name in sorted(sources) if (found := replay.problems(name))}


def test_replay_finds_an_alias_used_before_its_cyclic_partner_bound_it() -> None:
    """The shape of the bug: `a`'s alias is a union of `b`'s classes, `b`'s alias names `a`'s alias.
    Importing `b` first works; importing `a` first runs `b`'s alias while `a` is half-loaded."""
    sources = {
        "pkg": "",
        "pkg.a": "class Own: pass\nimport pkg.b as _b\nAlias = Union[_b.Click, Own]\n",
        "pkg.b": "class Click: pass\nimport pkg.a as _a\nListAlias = List[_a.Alias]\n",
        "pkg.c": "if TYPE_CHECKING:\n    from pkg.d import Late\nfrom pkg.d import Early\n",
        "pkg.d": "from pkg.c import Nothing\nEarly = 1\nLate = 2\n",
    }
    assert _replay_all(sources) == {
        "pkg.a": ["pkg.b:3 uses pkg.a.Alias while pkg.a is still initialising"],
        "pkg.c": ["pkg.d:1 uses pkg.c.Nothing while pkg.c is still initialising"],
        "pkg.d": ["pkg.c:3 uses pkg.d.Early while pkg.d is still initialising"],
    }


def test_replay_leaves_annotations_function_bodies_and_lazy_modules_alone() -> None:
    sources = {
        "pkg.a": (
            "class M:\n    field: _b.Later\n"
            "import pkg.b as _b\n"
            "def f():\n    return _b.Later\n"
            "Alias = _b.Lazy\n"
        ),
        "pkg.b": "def __getattr__(name): ...\nimport pkg.a as _a\nX = _a.M\nLater = 1\n",
    }
    assert _replay_all(sources) == {}


def test_every_types_module_imports_first_in_any_order() -> None:
    problems = _replay_all(_sources())
    assert problems == {}, "\n".join(
        f"importing {first} first: {'; '.join(found)}" for first, found in problems.items()
    )


# the modules found failing when imported first (an alias naming a cyclic partner's alias)
ONCE_FAILING = [
    "typed_openai.types.beta.beta_computer_action_param",
    "typed_openai.types.item",
    "typed_openai.types.item_param",
    "typed_openai.types.beta_item",
    "typed_openai.types.beta_item_param",
    "typed_openai.types.eval_item_content_item",
    "typed_openai.types.eval_item_content_item_param",
    "typed_openai.types.graders.grader_inputs",
    "typed_openai.types.graders.grader_inputs_param",
]


@pytest.mark.parametrize("module", ONCE_FAILING)
def test_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
