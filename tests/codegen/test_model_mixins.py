"""`mixin:` on a type entry: the generated model also derives from a hand-written class, which is
how properties the API does not send (``Response.output_text``) reach generated models."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from codegen.config import parse_config
from codegen.errors import GeneratorError

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
        "schemas": {
            "Pet": {"type": "object", "properties": {"name": {"type": "string"}}},
            "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
        }
    },
}


def test_the_model_derives_from_the_mixin(build: Callable[..., ModuleType]) -> None:
    mixin = "typed_openai._model_mixins:OutputTextMixin"
    pkg = build(SPEC, {"types": {"Pet": {"name": "Pet", "mixin": mixin}}})
    types = __import__(f"{pkg.__name__}.types", fromlist=["Pet", "Owner"])
    from typed_openai._model_mixins import OutputTextMixin

    assert issubclass(types.Pet, OutputTextMixin)
    assert not issubclass(types.Owner, OutputTextMixin)
    assert types.Pet(name="x").output_text == ""  # the mixin's property works on the model


def test_computed_properties_are_left_to_the_mixin(build: Callable[..., ModuleType]) -> None:
    spec = {
        **SPEC,
        "components": {
            "schemas": {
                "Pet": {
                    "type": "object",
                    "properties": {
                        "output": {"type": "array", "items": {"type": "string"}},
                        "output_text": {"type": "string"},
                    },
                }
            }
        },
    }
    mixin = "typed_openai._model_mixins:OutputTextMixin"
    config = {"types": {"Pet": {"name": "Pet", "mixin": mixin, "computed": ["output_text"]}}}
    pkg = build(spec, config)
    pet = __import__(f"{pkg.__name__}.types", fromlist=["Pet"]).Pet
    assert "output_text" not in pet.model_fields and "output" in pet.model_fields
    assert pet(output=["a"]).output_text == ""  # the property, not a None field


def test_computed_without_a_mixin_is_rejected() -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config({"types": {"Pet": {"name": "Pet", "computed": ["x"]}}})
    assert "/types/Pet/computed" in str(caught.value)


@pytest.mark.parametrize("raw", ["fractions", 3, "a:b:c"])
def test_malformed_mixins_are_rejected_with_their_pointer(raw: Any) -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config({"types": {"Pet": {"name": "Pet", "mixin": raw}}})
    assert "/types/Pet/mixin" in str(caught.value)
