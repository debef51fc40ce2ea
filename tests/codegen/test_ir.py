"""The IR is complete when built, then frozen; the generator's modules keep their privates private."""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

import pytest

import codegen.ir as ir
from codegen.build import build_api
from codegen.config import load_config
from codegen.errors import Diagnostics
from codegen.loader import Loader
from codegen.schemas import SchemaBuilder

REPO = Path(__file__).resolve().parents[2]
CODEGEN = REPO / "codegen"


@pytest.fixture(scope="module")
def api_and_builds() -> tuple[ir.ApiIR, int, int]:
    """The project's API, how often the types were built, and how many OperationIR were made."""
    calls = made = 0
    original = SchemaBuilder.build_all
    original_init = ir.OperationIR.__init__

    def counted(self: SchemaBuilder) -> None:
        nonlocal calls
        calls += 1
        original(self)

    def counted_init(self: ir.OperationIR, *args: object, **kwargs: object) -> None:
        nonlocal made
        made += 1
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]

    SchemaBuilder.build_all = counted  # type: ignore[method-assign]
    ir.OperationIR.__init__ = counted_init  # type: ignore[method-assign]
    try:
        loader = Loader.from_path(REPO / "spec" / "openapi.yml")
        api = build_api(loader, load_config(REPO / "spec" / "config.yml"), Diagnostics())
    finally:
        SchemaBuilder.build_all = original  # type: ignore[method-assign]
        ir.OperationIR.__init__ = original_init  # type: ignore[method-assign]
    return api, calls, made


def test_every_ir_class_is_a_frozen_dataclass() -> None:
    classes = [
        c
        for _, c in inspect.getmembers(ir, inspect.isclass)
        if c.__module__ == ir.__name__ and dataclasses.is_dataclass(c)
    ]
    assert len(classes) >= 18
    assert [c.__name__ for c in classes if not c.__dataclass_params__.frozen] == []  # type: ignore[attr-defined]


def test_types_are_built_once(api_and_builds: tuple[ir.ApiIR, int, int]) -> None:
    assert api_and_builds[1] == 1


def test_each_operation_is_made_once_complete(api_and_builds: tuple[ir.ApiIR, int, int]) -> None:
    """No pass copies an operation to fill in its page, stream, params TypedDict or unions."""
    api, _builds, made = api_and_builds
    assert made == len(api.operations)
    assert sum(op.page is not None for op in api.operations) > 30


def test_built_operations_are_complete_and_cannot_change(
    api_and_builds: tuple[ir.ApiIR, int, int],
) -> None:
    api = api_and_builds[0]
    assert len(api.operations) > 200
    for op in api.operations:
        assert op.method_name and op.resource_path, op.operation_id
        assert isinstance(op.params, tuple)
    op = api.operations[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        op.method_name = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        api.root.is_package = False  # type: ignore[misc]


def test_tree_and_helpers_hold_the_final_operation_objects(
    api_and_builds: tuple[ir.ApiIR, int, int],
) -> None:
    """Passes make new objects: the tree and the helpers must point at the last ones."""
    api = api_and_builds[0]
    final = {id(op) for op in api.operations}
    in_tree = [op for node in ir.walk(api.root) for op in node.operations]
    assert sorted(id(op) for op in in_tree) == sorted(final)
    wrapped = [h.wraps for node in ir.walk(api.root) for h in node.helpers if h.wraps]
    assert wrapped and all(id(op) in final for op in wrapped)
    # the params TypedDicts and the discriminators are in those objects
    assert sum(op.params_def is not None for op in api.operations) > 100
    assert any(
        isinstance(op.stream.item, ir.Named) and op.stream.event_envelope
        for op in api.operations
        if op.stream
    )


def _private_uses_across_modules() -> list[str]:
    found = []
    for path in sorted(CODEGEN.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                found += [
                    f"{path.name}: from {node.module} import {a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
            elif (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
            ):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_generator_module_uses_another_ones_private_names() -> None:
    assert _private_uses_across_modules() == []


# code shapes of generated modules, each written by one template (macro file) and by no Python
# string in a renderer: a generated line has one place it comes from
SHAPES = {
    # a method body's engine call
    "_request.py.jinja": (
        "options=RequestOptions(",
        "path_template(",
        "delimited(",
        "cast_to=",
        "stream_cls=",
    ),
    # import lines, the TYPE_CHECKING block
    "_imports.py.jinja": (" import ", "if TYPE_CHECKING:"),
    # argument and result annotations (overloads included)
    "_signature.py.jinja": (" | NotGiven", " | None", "AsyncPaginator[", " | "),
    # child resource properties (generated resources, the client, the helper-bearing classes)
    "_child.py.jinja": ("getattr(", "cast(", "@cached_property"),
    # model fields and TypedDict keys: their wrappers, defaults and wire aliases
    "types_module.py.jinja": ("Optional[", "Required[", "Field(", "default=None"),
}


def _strings_in_renderers() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(CODEGEN.rglob("render*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)
        }  # a docstring may name a shape; code may not build one
        found += [
            (path.name, node.lineno, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ]
    return found


@pytest.mark.parametrize("template", sorted(SHAPES))
def test_code_shapes_come_from_their_template_not_from_python_strings(template: str) -> None:
    text = (REPO / "templates" / template).read_text(encoding="utf-8")
    shapes = SHAPES[template]
    assert [s for s in shapes if s not in text] == []
    in_python = [
        f"{name}:{line}: {s!r}"
        for name, line, value in _strings_in_renderers()
        for s in shapes
        if s in value
    ]
    assert in_python == []
