"""The official SDK's request-side classes standing for a TypedDict we define once
(codegen/param_classes.py): in a request-side module (`*_param`, `*_params`), each SDK name the
facts (config `sdk_names:`) bind to a request-side TypedDict is a TypedDict of its own deriving
from it, under the SDK's `__name__` and module path; elsewhere a second name is the type itself."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from typing_extensions import is_typeddict

from codegen.param_classes import request_classes
from tests.codegen import _gen

# `createPet` sends a `Pet` (pet_create_pet_params.PetCreatePetParams), which holds an `Owner`
# (owner_param.OwnerParam): module pet_create_pet_params imports module owner_param
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
                        "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
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
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "owner": {"$ref": "#/components/schemas/Owner"},
                },
            },
            "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
        }
    },
}
PARAMS = "pet_create_pet_params:PetCreatePetParams"


def _config(tmp_path: Path, facts: str, aliases: str = "") -> dict[str, Any]:
    (tmp_path / "names.yml").write_text(facts, encoding="utf-8")
    (tmp_path / "aliases.yml").write_text(aliases, encoding="utf-8")
    return {
        "sdk_names": str(tmp_path / "names.yml"),
        "sdk_param_aliases": str(tmp_path / "aliases.yml"),
    }


def test_an_sdk_name_in_a_request_module_is_a_typeddict_of_its_own(
    tmp_path: Path, build: Callable[..., ModuleType]
) -> None:
    facts = (
        f"zoo_create_params:\n  ZooCreateParams: {PARAMS}\n"  # a module of second names only
        f"pet_create_pet_params:\n  Animal: {PARAMS}\n"  # the TypedDict's own module
        "  Keeper: owner_param:OwnerParam\n"  # another module's, imported by this one
        f"zoo:\n  Beast: {PARAMS}\n"  # not a request-side module: the type itself
    )
    pkg = build(SPEC, _config(tmp_path, facts))
    here, owner_module, zoo_create, zoo = (
        importlib.import_module(f"{pkg.__name__}.types.{name}")
        for name in ("pet_create_pet_params", "owner_param", "zoo_create_params", "zoo")
    )
    params, owner = here.PetCreatePetParams, owner_module.OwnerParam
    for module, name, base in (
        (zoo_create, "ZooCreateParams", params),
        (here, "Animal", params),
        (here, "Keeper", owner),
    ):
        cls = getattr(module, name)
        assert is_typeddict(cls) and cls is not base
        assert (cls.__name__, cls.__module__) == (name, module.__name__)
        assert cls.__orig_bases__ == (base,)
        # the same keys, each as required as there
        assert cls.__annotations__ == base.__annotations__
        assert cls.__total__ == base.__total__
        assert name in module.__all__
    assert zoo.Beast is params


def test_a_package_reexports_the_sdks_request_class_of_its_module(
    tmp_path: Path, build: Callable[..., ModuleType]
) -> None:
    """The SDK's package re-exports its module's class (`types.webhooks.WebhookListParams` is
    `webhook_list_params.WebhookListParams`): so does ours, not the shape it derives from."""
    facts = f".:\n  ZooCreateParams: {PARAMS}\nzoo_create_params:\n  ZooCreateParams: {PARAMS}\n"
    pkg = build(SPEC, _config(tmp_path, facts))
    zoo_create = importlib.import_module(f"{pkg.__name__}.types.zoo_create_params")
    package = importlib.import_module(f"{pkg.__name__}.types")
    assert package.ZooCreateParams is zoo_create.ZooCreateParams
    assert package.ZooCreateParams.__name__ == "ZooCreateParams"


def _fresh(out: Path, code: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=out, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_a_class_deriving_from_a_module_that_imports_this_one_is_made_on_first_use(
    tmp_path: Path,
) -> None:
    # owner_param cannot import pet_create_pet_params while it loads (that one imports it): its
    # class of the SDK's is made when first asked for; a shorter SDK name the SDK binds to it
    # (`PetLike = OwnerPetLike`) is the same class
    facts = f"owner_param:\n  OwnerPetLike: {PARAMS}\n  PetLike: {PARAMS}\n"
    aliases = "owner_param:\n  PetLike: OwnerPetLike\n"
    _result, package, out = _gen.generate(tmp_path, SPEC, _config(tmp_path, facts, aliases))
    source = (out / package / "types" / "owner_param.py").read_text(encoding="utf-8")
    assert "class OwnerPetLike(_OwnerPetLike, total=False)" in source  # (for type checkers)
    assert "PetLike = OwnerPetLike" in source
    show = (
        "print(m.PetLike is m.OwnerPetLike, m.PetLike.__name__, m.PetLike.__module__, "
        "m.OwnerPetLike.__orig_bases__ == (p.PetCreatePetParams,), "
        "m.PetLike.__annotations__ == p.PetCreatePetParams.__annotations__, 'PetLike' in m.__all__)"
    )
    owner, params = f"{package}.types.owner_param", f"{package}.types.pet_create_pet_params"
    expected = f"True OwnerPetLike {owner} True True True"
    for first, second in ((owner, params), (params, owner)):
        code = f"import {first}\nimport {second}\nimport {owner} as m\nimport {params} as p\n"
        assert _fresh(out, code + show) == expected
    missing = f"import {owner} as m\ntry:\n    m.Nothing\nexcept AttributeError as e:\n    print(e)"
    assert "has no attribute 'Nothing'" in _fresh(out, missing)


def test_which_names_are_classes_and_which_are_bound_to_one() -> None:
    second = {
        "ResponseCreateStreamOptions": ("create", "StreamOptions"),
        "StreamOptions": ("create", "StreamOptions"),  # the SDK's: `= ResponseCreateStreamOptions`
        "ToolParam": ("create", "FunctionToolParam"),  # the SDK's: `= FunctionToolParam`
        "FunctionToolParam": ("create", "FunctionToolParam"),  # imported as the SDK imports it
        "Legacy": ("create", "StreamOptions"),  # ours (a former name): stays the type itself
        "Other": ("create", "Union"),  # not a TypedDict class
        "Text": ("event_param", "ResponseText"),  # the SDK's class here, of this module's shape
    }
    typeddicts = {
        ("create", "StreamOptions"),
        ("create", "FunctionToolParam"),
        ("event_param", "ResponseText"),
    }
    sdk = set(second) - {"Legacy"}
    aliases = {"StreamOptions": "ResponseCreateStreamOptions", "ToolParam": "FunctionToolParam"}
    found = request_classes("event_param", second, sdk, typeddicts, aliases)
    assert found.classes == {
        "ResponseCreateStreamOptions": ("create", "StreamOptions"),
        "Text": ("event_param", "ResponseText"),
    }
    assert found.bound == {"StreamOptions": "ResponseCreateStreamOptions"}
    # (`ToolParam` stays a second name of `FunctionToolParam`, whose `__name__` the SDK's shows)
    assert request_classes("event", second, sdk, typeddicts).classes == {}  # not a request module


def test_a_name_the_sdk_binds_to_a_class_of_another_name_stays_a_second_name(
    tmp_path: Path, build: Callable[..., ModuleType]
) -> None:
    """The alias facts (config `sdk_param_aliases:`) name the SDK's second names: there the
    name shows the class's `__name__` (the SDK's `ChatCompletionToolParam` is its
    `ChatCompletionFunctionToolParam`), so ours is no class of its own either."""
    facts = (
        f"zoo_create_params:\n  ZooCreateParams: {PARAMS}\n  PetCreatePetParams: {PARAMS}\n"
        f"  PetLike: {PARAMS}\n"
    )
    aliases = "zoo_create_params:\n  PetLike: PetCreatePetParams\n"
    pkg = build(SPEC, _config(tmp_path, facts, aliases))
    zoo = importlib.import_module(f"{pkg.__name__}.types.zoo_create_params")
    params = importlib.import_module(f"{pkg.__name__}.types.pet_create_pet_params")
    assert zoo.PetLike is params.PetCreatePetParams
    assert zoo.PetCreatePetParams is params.PetCreatePetParams  # (the same name: imported)
    assert zoo.ZooCreateParams.__name__ == "ZooCreateParams"  # (not listed: a class)
