"""`public_extras` in the config: hand-written types importable beside the generated ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from codegen.config import parse_config
from codegen.errors import GeneratorError
from tests.codegen import _gen

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "pets", "version": "1"},
    "paths": {
        "/pets": {
            "get": {
                "operationId": "getPet",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}
    },
}


def test_extra_name_is_reexported_lazily(build: Callable[..., ModuleType]) -> None:
    pkg = build(SPEC, {"public_extras": {"": {"Decimal": "decimal"}}})
    types = __import__(f"{pkg.__name__}.types", fromlist=["Pet"])
    import decimal

    assert types.Decimal is decimal.Decimal
    assert "Decimal" in dir(types) and "Pet" in dir(types)


def test_extra_name_clashing_with_a_generated_type_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, {"public_extras": {"": {"Pet": "decimal"}}})
    assert "/public_extras//Pet" in str(caught.value)


@pytest.mark.parametrize(
    "raw", [["x"], {"chat": ["ParsedX"]}, {"chat": {"not an identifier": "m"}}, {"": {"X": "a b"}}]
)
def test_malformed_extras_are_rejected_with_their_pointer(raw: Any) -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config({"public_extras": raw})
    assert "/public_extras" in str(caught.value)


def test_project_exports_the_parsed_chat_types() -> None:
    from typed_openai.lib._parsing import _types as lib_types
    from typed_openai.types import chat

    for name in (
        "ParsedChatCompletion",
        "ParsedChatCompletionMessage",
        "ParsedChoice",
        "ParsedFunction",
        "ParsedFunctionToolCall",
    ):
        assert getattr(chat, name) is getattr(lib_types, name)
