"""`optional:` on a type entry: properties the document requires that the model still makes
Optional with default None (the official SDK's models leave some so), while the request-side
TypedDict keeps the document's required list — except the arguments of an operation whose own body
is that schema, which the SDK's method leaves optional too. `param: {optional:}` loosens the
request-side TypedDict the same way (a client event taking a shape the document requires a key of)."""

from __future__ import annotations

import typing
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import typing_extensions

from codegen.config import parse_config
from codegen.errors import GeneratorError
from tests.codegen import _gen

PET = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "tag": {"type": "string"}},
    "required": ["name", "tag"],
}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "pets", "version": "1"},
    "paths": {
        "/pets": {
            "post": {
                "operationId": "createPet",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"pet": {"$ref": "#/components/schemas/Pet"}},
                            }
                        }
                    },
                },
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
    "components": {"schemas": {"Pet": PET}},
}


def test_listed_properties_are_optional_in_the_model_only(build: Callable[..., ModuleType]) -> None:
    pkg = build(SPEC, {"types": {"Pet": {"name": "Pet", "optional": ["tag"]}}})
    types = __import__(f"{pkg.__name__}.types", fromlist=["Pet", "PetParam"])
    assert types.Pet(name="rex").tag is None  # built by hand without it
    assert not types.Pet.model_fields["tag"].is_required()
    assert types.Pet.model_fields["name"].is_required()  # the others stay as the document says
    hints = typing.get_type_hints(types.PetParam, include_extras=True)
    assert typing_extensions.get_origin(hints["tag"]) is typing_extensions.Required


def test_an_unknown_property_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, {"types": {"Pet": {"name": "Pet", "optional": ["colour"]}}})
    assert "/types/Pet/optional" in str(caught.value) and "colour" in str(caught.value)


def test_optional_must_be_a_list_of_names() -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config({"types": {"Pet": {"name": "Pet", "optional": "tag"}}})
    assert "/types/Pet/optional" in str(caught.value)


def test_an_inline_object_is_loosened_by_its_pointer_entry(
    build: Callable[..., ModuleType],
) -> None:
    owner = {
        "type": "object",
        "properties": {"pet": PET},
        "required": ["pet"],
    }
    spec = {**SPEC, "components": {"schemas": {"Pet": PET, "Owner": owner}}}
    pointer = "/components/schemas/Owner/properties/pet"
    pkg = build(spec, {"types": {pointer: {"name": "OwnedPet", "optional": ["tag"]}}})
    types = __import__(f"{pkg.__name__}.types", fromlist=["Owner"])
    owned = types.Owner.model_validate({"pet": {"name": "rex"}}).pet
    assert type(owned).__name__ == "OwnedPet" and owned.tag is None
    assert types.Pet.model_fields["tag"].is_required()  # the named schema stays as it is


def test_listed_properties_of_an_operation_body_schema_are_optional_arguments(
    build: Callable[..., ModuleType],
) -> None:
    """The operation's own body schema with `optional:`: its arguments (and its params TypedDict
    keys) are optional too, as the SDK's method leaves them; a nested use of the same schema is a
    request-side TypedDict that keeps the document's required list (above)."""
    import inspect

    spec = {**SPEC, "paths": {"/pets": {"post": dict(SPEC["paths"]["/pets"]["post"])}}}
    spec["paths"]["/pets"]["post"]["requestBody"] = {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
    }
    pkg = build(spec, {"types": {"Pet": {"name": "Pet", "optional": ["tag"]}}})
    client = pkg.Client(base_url="http://127.0.0.1:9", api_key="k")  # never sent
    params = inspect.signature(client.pets.create_pet).parameters
    assert params["name"].default is inspect.Parameter.empty
    assert params["tag"].default is not inspect.Parameter.empty


def test_param_optional_loosens_the_typeddict_alone(build: Callable[..., ModuleType]) -> None:
    pkg = build(SPEC, {"types": {"Pet": {"name": "Pet", "param": {"optional": ["tag"]}}}})
    types = __import__(f"{pkg.__name__}.types", fromlist=["Pet", "PetParam"])
    hints = typing.get_type_hints(types.PetParam, include_extras=True)
    assert typing_extensions.get_origin(hints["tag"]) is not typing_extensions.Required
    assert typing_extensions.get_origin(hints["name"]) is typing_extensions.Required
    assert types.Pet.model_fields["tag"].is_required()  # the model keeps the document's list


@pytest.mark.parametrize("optional", ["tag", ["colour"]])
def test_param_optional_names_properties(tmp_path: Path, optional: object) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, {"types": {"Pet": {"param": {"optional": optional}}}})
    assert "/types/Pet/param/optional" in str(caught.value)
