"""Docstrings say what the schema says: a field's docstring (the string under it, which an IDE
shows on hover) and a method's `Args:` entry carry the description plus the default, range,
lengths, allowed values and deprecation the spec declares; and every shipped method documents
every one of its arguments."""

from __future__ import annotations

import ast
import inspect
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from codegen.docfacts import documented, schema_facts

SRC = Path(__file__).resolve().parents[2] / "src" / "typed_openai"

THING = {
    "type": "object",
    "required": ["id", "temperature", "mode"],
    "properties": {
        "id": {"type": "string"},
        "temperature": {
            "description": "How varied the output is.",
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 2, "default": 1},
                {"type": "null"},
            ],
        },
        "mode": {"type": "string", "enum": ["fast", "slow"], "default": "fast"},
        "label": {"type": "string", "maxLength": 64, "description": "A name for people."},
        "legacy": {"type": "boolean", "deprecated": True, "description": "Older switch."},
        "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 8},
        "kind": {"type": "string", "const": "thing", "default": "thing"},
    },
}

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Things", "version": "1"},
    "paths": {
        "/things": {
            "post": {
                "operationId": "createThing",
                "summary": "Make a thing.",
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "description": "How many.",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                    },
                    {
                        "name": "after",
                        "in": "query",
                        "deprecated": True,
                        "schema": {"type": "string", "exclusiveMinimum": 0},
                    },
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                        },
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Thing": THING}},
}


def _field_docs(source: str, cls: str) -> dict[str, str | None]:
    """Field name -> the string literal right under it: what IDEs show as the field's hover text."""
    tree = ast.parse(source)
    body = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls).body
    docs: dict[str, str | None] = {}
    for stmt, following in zip(body, [*body[1:], None], strict=True):
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            text = None
            if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
                text = inspect.cleandoc(str(following.value.value))
            docs[stmt.target.id] = text
    return docs


@pytest.fixture
def things(build: Callable[..., ModuleType]) -> ModuleType:
    return build(SPEC)


def test_a_model_field_docstring_states_the_schemas_facts(things: ModuleType) -> None:
    thing = __import__(f"{things.__name__}.types.thing", fromlist=["Thing"]).Thing
    docs = _field_docs(inspect.getsource(sys.modules[thing.__module__]), "Thing")
    assert docs["temperature"] == "How varied the output is.\n\nDefault: `1`. From 0 to 2."
    assert docs["mode"] == "Default: `'fast'`. One of `'fast'`, `'slow'`."
    assert docs["label"] == "A name for people.\n\nAt most 64 characters."
    assert docs["legacy"] == "Older switch.\n\nDeprecated."
    assert docs["tags"] == "1 to 8 items."
    assert docs["kind"] is None  # a fixed tag: the Literal annotation says all there is
    assert docs["id"] is None


def test_a_method_args_entry_states_the_schemas_facts(things: ModuleType) -> None:
    client = things.Client(api_key="k", base_url="http://127.0.0.1:9")
    try:
        doc = inspect.getdoc(client.things.create_thing) or ""
    finally:
        client.close()
    assert "  limit: How many.\n\n      Default: `20`. From 1 to 100." in doc
    assert "  after: Deprecated. More than 0." in doc
    assert "  temperature: How varied the output is.\n\n      Default: `1`. From 0 to 2." in doc
    assert "  mode: Default: `'fast'`. One of `'fast'`, `'slow'`." in doc
    assert "  legacy: Older switch.\n\n      Deprecated." in doc
    # every argument has its entry, the per-call overrides too
    assert "  timeout: " in doc and "  extra_headers: " in doc


def test_facts_read_the_nullable_member_and_leave_long_or_empty_ones_out() -> None:
    assert schema_facts({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]}) == [
        "At least 1."
    ]
    assert schema_facts({"type": "integer", "maximum": 5, "exclusiveMinimum": 0}) == [
        "More than 0 and at most 5."
    ]
    assert schema_facts({"type": "string", "minLength": 1}) == ["At least 1 character."]
    assert schema_facts({"type": "string", "enum": [f"v{i}" for i in range(20)]}) == []
    assert schema_facts({"type": "string", "default": None}) == []
    assert schema_facts({"anyOf": [{"$ref": "#/x"}, {"type": "null"}], "default": "a"}) == [
        "Default: `'a'`."
    ]
    assert documented("Deprecated; use `b`.", {"deprecated": True}) == "Deprecated; use `b`."
    assert documented(None, {"type": "string"}) is None


def _methods(root: Path) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every public method of the generated resource classes (overload stubs aside: an IDE shows
    the implementation's docstring for them)."""
    for path in sorted(root.rglob("*.py")):
        for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(cls, ast.ClassDef):
                continue
            for fn in cls.body:
                if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                decorators = {ast.unparse(d) for d in fn.decorator_list}
                if fn.name.startswith("_") or decorators & {"overload", "cached_property"}:
                    continue
                yield f"{path.relative_to(SRC)}:{cls.name}.{fn.name}", fn


def _undocumented_args(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    doc = ast.get_docstring(fn) or ""
    names = [a.arg for a in [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]]
    return [n for n in names if n != "self" and f"\n  {n}: " not in doc]


@pytest.mark.parametrize("tree", ["_generated/resources", "_with_helpers"])
def test_every_shipped_method_documents_every_argument(tree: str) -> None:
    methods = dict(_methods(SRC / tree))
    assert methods
    missing = {where: args for where, fn in methods.items() if (args := _undocumented_args(fn))}
    assert not missing


def test_the_argument_check_notices_a_missing_entry() -> None:
    fn = ast.parse('def f(self, a, *, b):\n    """Do.\n\n    Args:\n      a: A.\n    """').body[0]
    assert isinstance(fn, ast.FunctionDef)
    assert _undocumented_args(fn) == ["b"]


def test_malformed_facts_are_left_out_rather_than_misread() -> None:
    assert schema_facts({"type": "string", "enum": "abc"}) == []
    assert schema_facts({"type": "integer", "minimum": "1", "maximum": True}) == []
    assert schema_facts({"anyOf": "x"}) == []
    assert schema_facts(True) == []
