"""The type-checking view of `ParsedResponse.output` (lib/_parsing/_responses_types.py): every kind
of output item, with messages and function calls as their parsed classes only, so narrowing an
item by its ``type`` gives the parsed class (``content[i].parsed``), as with the official SDK."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import typed_openai.lib._parsing._responses_types as parsed_types
from typed_openai.types.responses.response_output_item import ResponseOutputItem


def _type_checking_union() -> list[str]:
    tree = ast.parse(Path(parsed_types.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "OtherOutputItem"
        ):
            assert isinstance(node.value, ast.Subscript)
            assert isinstance(node.value.slice, ast.Tuple)
            return [ast.unparse(element) for element in node.value.slice.elts]
    raise AssertionError("OtherOutputItem is gone")


def test_other_output_items_are_the_generated_union_but_the_parsed_two() -> None:
    (union, *_) = typing.get_args(ResponseOutputItem)
    generated = [member.__name__ for member in typing.get_args(union)]
    parsed = {"ResponseOutputMessage", "ResponseFunctionToolCall"}
    assert parsed <= set(generated)
    assert _type_checking_union() == [name for name in generated if name not in parsed]
