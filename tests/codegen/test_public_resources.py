"""`public_resources_dir` and a resource's `class:` in the config: the resource classes re-exported
at the official SDK's module layout, under the SDK's class names."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from codegen.config import parse_config
from codegen.errors import GeneratorError


def _op(operation_id: str) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "responses": {
            "200": {
                "description": "ok",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    }


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "pets", "version": "1"},
    "paths": {"/pets": {"get": _op("getPet")}, "/pets/toys": {"get": _op("listToys")}},
}
CONFIG: dict[str, Any] = {
    "public_resources_dir": "src/pets/resources",
    "resources": {
        "pets": {
            "class": "PetsAPI",
            "methods": {"retrieve": "getPet"},
            "resources": {"toys": {"methods": {"list": "listToys"}}},
        }
    },
}


def test_classes_at_the_sdk_layout_are_the_clients(build: Callable[..., ModuleType]) -> None:
    pkg = build(SPEC, CONFIG)
    client = pkg.Client(api_key="k", base_url="http://127.0.0.1:9")
    package = importlib.import_module(f"{pkg.__name__}.resources.pets")
    own = importlib.import_module(f"{pkg.__name__}.resources.pets.pets")
    toys = importlib.import_module(f"{pkg.__name__}.resources.pets.toys")
    root = importlib.import_module(f"{pkg.__name__}.resources")

    assert type(client.pets) is own.PetsAPI is package.PetsAPI is root.PetsAPI
    assert type(client.pets.toys) is toys.Toys is package.Toys
    assert type(client.pets.with_raw_response) is own.PetsAPIWithRawResponse
    assert own.__all__ == [
        "AsyncPetsAPI",
        "AsyncPetsAPIWithRawResponse",
        "AsyncPetsAPIWithStreamingResponse",
        "PetsAPI",
        "PetsAPIWithRawResponse",
        "PetsAPIWithStreamingResponse",
    ]
    assert "toys" in dir(package) and package.toys is toys


def test_without_the_setting_there_is_no_resources_package(
    build: Callable[..., ModuleType],
) -> None:
    pkg = build(SPEC, {"resources": CONFIG["resources"]})
    with pytest.raises(ImportError):
        importlib.import_module(f"{pkg.__name__}.resources")


@pytest.mark.parametrize("raw", ["lower", "Not a name", 3])
def test_a_class_that_is_not_a_class_name_is_rejected(raw: object) -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config({"resources": {"pets": {"class": raw}}})
    assert "/resources/pets/class" in str(caught.value)


def test_exports_are_reexported_by_the_resources_own_module(
    build: Callable[..., ModuleType],
) -> None:
    config = {
        **CONFIG,
        "resources": {
            "pets": {
                **CONFIG["resources"]["pets"],
                "exports": {"OrderedDict": "collections", "Fraction": "fractions"},
            }
        },
    }
    pkg = build(SPEC, config)
    own = importlib.import_module(f"{pkg.__name__}.resources.pets.pets")
    package = importlib.import_module(f"{pkg.__name__}.resources.pets")
    import collections
    import fractions

    assert own.OrderedDict is collections.OrderedDict and own.Fraction is fractions.Fraction
    assert {"Fraction", "OrderedDict"} <= set(own.__all__)
    assert not hasattr(package, "OrderedDict")  # the resource's module only, not its package


@pytest.mark.parametrize("raw", [{"not a name": "collections"}, {"X": "not a module"}, ["X"]])
def test_an_export_that_is_not_name_to_module_is_rejected(raw: object) -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config({"resources": {"pets": {"exports": raw}}})
    assert "/resources/pets/exports" in str(caught.value)
