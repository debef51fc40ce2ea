"""What a generated method parses its answer into is a real reference, not a `"module:Name"` string.

`cast_to=`, `stream_cls=`, `page=` and `model=` name classes imported in the method body: a type
checker verifies them and an editor follows them, while importing a resource module still imports
no model (tests/codegen/test_tree.py holds that part). A call that streams only when asked binds its
`stream_cls` in an `if` block that imports the stream's classes; that value is checked the same.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "src" / "typed_openai" / "_generated" / "resources"
RESULT_KEYWORDS = frozenset({"cast_to", "stream_cls", "page", "model"})
ALWAYS_BOUND = frozenset({"object", "str", "int", "float", "bool", "None", "List"})


def _methods(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not any(isinstance(d, ast.Name) and d.id == "overload" for d in node.decorator_list)
    ]


def _body_imports(
    block: ast.FunctionDef | ast.AsyncFunctionDef | ast.Module | ast.If,
) -> dict[str, tuple[str, str]]:
    """Local name -> (module, name) of the `from M import N [as L]` statements directly in a block."""
    bound: dict[str, tuple[str, str]] = {}
    for statement in block.body:
        if isinstance(statement, ast.ImportFrom) and statement.module:
            for alias in statement.names:
                bound[alias.asname or alias.name] = (statement.module, alias.name)
    return bound


def _module_imports(tree: ast.Module) -> dict[str, tuple[str, str]]:
    """The module's runtime imports (those outside `if TYPE_CHECKING:`)."""
    return _body_imports(tree)


def _is_engine_call(call: ast.Call) -> bool:
    """`self._post(...)`, `self._get_api_list(...)`: the resource's request methods."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
        and func.attr.startswith("_")
    )


def _parameters(method: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """A result chosen by an argument (`result_type_by(response_format, {...}, Default)`) reads it."""
    arguments = method.args.posonlyargs + method.args.args + method.args.kwonlyargs
    return {argument.arg for argument in arguments}


def _conditional_results(
    method: ast.FunctionDef | ast.AsyncFunctionDef,
) -> dict[str, tuple[ast.expr, dict[str, tuple[str, str]]]]:
    """`if stream: from M import N ...; stream_cls = Stream[N]` at the method's top level (what a
    call needs only when it streams): local -> (the value, the names the `if` block imports)."""
    bound: dict[str, tuple[ast.expr, dict[str, tuple[str, str]]]] = {}
    for statement in method.body:
        if not isinstance(statement, ast.If):
            continue
        block_imports = _body_imports(statement)
        for inner in statement.body:
            if isinstance(inner, ast.Assign) and len(inner.targets) == 1:
                target = inner.targets[0]
                if isinstance(target, ast.Name):
                    bound[target.id] = (inner.value, block_imports)
    return bound


def _result_arguments() -> list[tuple[str, str, ast.expr, dict[str, tuple[str, str]], set[str]]]:
    found = []
    for path in sorted(RESOURCES.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_imports = _module_imports(tree)
        for method in _methods(tree):
            imports = {**module_imports, **_body_imports(method)}
            conditional = _conditional_results(method)
            for call in ast.walk(method):
                if not isinstance(call, ast.Call) or not _is_engine_call(call):
                    continue
                for keyword in call.keywords:
                    if keyword.arg in RESULT_KEYWORDS:
                        where = f"{path.relative_to(REPO)}:{method.name}:{keyword.arg}"
                        value, scope = keyword.value, imports
                        if isinstance(value, ast.Name) and value.id in conditional:
                            value, block_imports = conditional[value.id]
                            scope = {**imports, **block_imports}
                        found.append((where, keyword.arg, value, scope, _parameters(method)))
    return found


RESULTS = _result_arguments()


def test_every_generated_call_names_what_it_returns() -> None:
    # the project spec has hundreds of calls; an empty walk would make the checks below vacuous
    assert len(RESULTS) > 400
    assert {arg for _, arg, _, _, _ in RESULTS} == RESULT_KEYWORDS


@pytest.mark.parametrize("keyword", sorted(RESULT_KEYWORDS))
def test_result_types_are_references_bound_in_the_method(keyword: str) -> None:
    problems = []
    for where, arg, value, imports, parameters in RESULTS:
        if arg != keyword:
            continue
        # a mapping's keys are the argument's values (`"verbose_json"`), data rather than references
        keys = {id(k) for d in ast.walk(value) if isinstance(d, ast.Dict) for k in d.keys}
        strings = [
            n
            for n in ast.walk(value)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in keys
        ]
        if strings:
            problems.append(f"{where}: string reference {ast.unparse(value)}")
        for name in (n.id for n in ast.walk(value) if isinstance(n, ast.Name)):
            if name not in imports and name not in ALWAYS_BOUND and name not in parameters:
                problems.append(f"{where}: {name} is not imported in the method")
    assert not problems, "\n".join(problems[:20])


def test_the_imported_names_exist_where_the_methods_import_them() -> None:
    checked = set()
    for where, _, value, imports, _ in RESULTS:
        for name in (n.id for n in ast.walk(value) if isinstance(n, ast.Name)):
            if name in imports and imports[name] not in checked:
                module, attribute = imports[name]
                assert hasattr(importlib.import_module(module), attribute), where
                checked.add(imports[name])
    assert len(checked) > 100
