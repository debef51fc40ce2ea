"""`sdk_names` in the config: the official SDK's second names of generated types, re-exported at
the SDK's modules from a facts file (spec/sdk_names.yml, written by tools/sdk_names)."""

from __future__ import annotations

import copy
import importlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from codegen.config import load_sdk_names, parse_config
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
        "schemas": {
            "Pet": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "kind": {"type": "string", "enum": ["cat", "dog"]},
                },
            },
            "PetKind": {"type": "string", "enum": ["cat", "dog"]},
        }
    },
}


def _config(tmp_path: Path, facts: str) -> dict[str, Any]:
    (tmp_path / "names.yml").write_text(facts, encoding="utf-8")
    return {"sdk_names": str(tmp_path / "names.yml")}  # absolute: not under the repository root


def test_second_names_are_the_generated_types_in_modules_and_packages(
    tmp_path: Path, build: Callable[..., ModuleType]
) -> None:
    facts = (
        "pet:\n  Animal: pet:Pet\n"  # a module of ours: one more name
        "zoo.enclosure:\n  Resident: pet:Pet\n  Kind: pet_kind:PetKind\n"  # new module and package
        ".:\n  Creature: pet:Pet\n"  # the types package itself, lazily
    )
    pkg = build(SPEC, _config(tmp_path, facts))
    pet = importlib.import_module(f"{pkg.__name__}.types.pet")
    enclosure = importlib.import_module(f"{pkg.__name__}.types.zoo.enclosure")
    kind = importlib.import_module(f"{pkg.__name__}.types.pet_kind")
    types = importlib.import_module(f"{pkg.__name__}.types")

    assert pet.Animal is pet.Pet and "Animal" in pet.__all__
    assert enclosure.Resident is pet.Pet and enclosure.Kind is kind.PetKind
    assert enclosure.__all__ == ["Kind", "Resident"]
    assert "Creature" not in vars(types)  # not loaded before first use
    assert types.Creature is pet.Pet and "Creature" in dir(types)
    assert "zoo" in dir(types) and types.zoo.enclosure is enclosure


def test_output_is_byte_stable(tmp_path: Path) -> None:
    facts = "zoo.enclosure:\n  Resident: pet:Pet\n"
    first, _, out = _gen.generate(tmp_path, SPEC, _config(tmp_path, facts), package="zoo_names")
    assert "zoo_names/types/zoo/enclosure.py" in {
        str(p.relative_to(out)) for p in out.rglob("*.py")
    }
    again, _, _ = _gen.generate(
        tmp_path, SPEC, _config(tmp_path, facts), package="zoo_names", check=True
    )
    assert first.changes.written and not again.changes.differing()


def test_a_second_name_taken_by_a_generated_type_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, _config(tmp_path, "pet:\n  Pet: pet_kind:PetKind\n"))
    assert "/sdk_names/pet/Pet" in str(caught.value)


@pytest.mark.parametrize(
    "facts",
    ["- a list\n", "pet:\n  Animal: pet\n", "pet:\n  Animal: 'pet:Not a name'\n", "pet: [x]\n"],
)
def test_malformed_facts_are_rejected_with_their_pointer(tmp_path: Path, facts: str) -> None:
    (tmp_path / "names.yml").write_text(facts, encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        load_sdk_names(tmp_path / "names.yml")
    assert "/sdk_names" in str(caught.value)


def test_a_missing_facts_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, {"sdk_names": str(tmp_path / "absent.yml")})
    assert "config-unreadable" in str(caught.value) and "absent.yml" in str(caught.value)


def test_the_setting_is_a_path() -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config({"sdk_names": ["not", "a", "path"]})
    assert "/sdk_names" in str(caught.value)


def _with_owner() -> dict[str, Any]:
    """SPEC plus an `Owner` the `Pet` model refers to: module `pet` imports module `owner`."""
    spec = copy.deepcopy(SPEC)
    schemas = spec["components"]["schemas"]
    schemas["Owner"] = {"type": "object", "properties": {"name": {"type": "string"}}}
    schemas["Pet"]["properties"]["owner"] = {"$ref": "#/components/schemas/Owner"}
    return spec


def _fresh_import(out: Path, module: str, code: str) -> str:
    """Run ``code`` after importing ``module`` first, in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-c", f"import {module} as m\n{code}"],
        capture_output=True,
        text=True,
        cwd=out,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_a_second_name_that_would_close_an_import_cycle_loads_on_first_use(
    tmp_path: Path,
) -> None:
    # `owner` is where the SDK also has `Creature` (our `Pet`), but `pet` imports `owner`: an
    # import of `pet` at the top of `owner` would find a half-made `pet` when `pet` loads first
    facts = "owner:\n  Creature: pet:Pet\npet:\n  Animal: pet:Pet\n"
    _result, package, out = _gen.generate(tmp_path, _with_owner(), _config(tmp_path, facts))
    source = (out / package / "types" / "owner.py").read_text(encoding="utf-8")
    assert f"from {package}.types.pet import" not in source.split("if TYPE_CHECKING:")[0]
    check = "import sys\nprint('Creature' in vars(m), m.Creature.__name__, m.Creature.__module__)"
    for first in ("owner", "pet"):
        other = f"{package}.types.{'pet' if first == 'owner' else 'owner'}"
        code = f"{check if first == 'owner' else ''}\nimport {other}\n"
        if first == "owner":
            assert _fresh_import(out, f"{package}.types.owner", code) == (
                f"False Pet {package}.types.pet"
            )
        else:
            code += f"print({other}.Creature is m.Pet, m.Animal is m.Pet)"
            assert _fresh_import(out, f"{package}.types.pet", code) == "True True"


def test_a_types_module_that_is_also_a_package_defines_its_types_in_its_init(
    build: Callable[..., ModuleType],
) -> None:
    config = {"types": {"Pet": {"name": "Pet", "module": "zoo"}, "PetKind": {"module": "zoo/kind"}}}
    pkg = build(SPEC, config)
    zoo = importlib.import_module(f"{pkg.__name__}.types.zoo")
    assert zoo.Pet.__module__ == zoo.__name__
    assert "PetKind" not in vars(zoo)  # the package's other names still load on first use
    assert zoo.PetKind is importlib.import_module(f"{pkg.__name__}.types.zoo.kind").PetKind


# --- unions left inline in a field, named by the facts (`Owner.field`) -------------------------

UNION_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "toys", "version": "1"},
    "paths": {
        "/pets": {
            "post": {
                "operationId": "createPet",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                    }
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
            "Ball": {
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"type": "string", "enum": ["ball"]}},
            },
            "Bone": {
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"type": "string", "enum": ["bone"]}},
            },
            "Pet": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "toy": {
                        "anyOf": [
                            {"$ref": "#/components/schemas/Ball"},
                            {"$ref": "#/components/schemas/Bone"},
                            {"type": "null"},
                        ]
                    },
                    "toys": {
                        "type": "array",
                        "items": {
                            "oneOf": [
                                {"$ref": "#/components/schemas/Ball"},
                                {"$ref": "#/components/schemas/Bone"},
                            ],
                            "discriminator": {"propertyName": "type"},
                        },
                    },
                    # a name, names, or a list of toys: a union in the items of an arm
                    "gear": {
                        "oneOf": [
                            {"type": "string"},
                            {"type": "array", "items": {"type": "string"}},
                            {
                                "type": "array",
                                "items": {
                                    "oneOf": [
                                        {"$ref": "#/components/schemas/Ball"},
                                        {"$ref": "#/components/schemas/Bone"},
                                    ]
                                },
                            },
                        ]
                    },
                },
            },
        }
    },
}


def test_a_fields_union_is_a_type_alias_under_the_sdk_name(
    tmp_path: Path, build: Callable[..., ModuleType]
) -> None:
    facts = (
        "pet:\n  Toy: pet:Pet.toy\n  ToyItem: pet:Pet.toys[]\n"  # the model side
        "pet_create_pet_params:\n  Toy: pet_create_pet_params:PetCreatePetParams.toy\n"  # TypedDict
        "zoo:\n  Plaything: pet:Pet.toy\n"  # a package's name: in a module named after it
        "zoo.plaything:\n  Plaything: pet:Pet.toy\n"  # ... which is that module's name too
    )
    pkg = build(UNION_SPEC, _config(tmp_path, facts))
    pet = importlib.import_module(f"{pkg.__name__}.types.pet")
    pet_param = importlib.import_module(f"{pkg.__name__}.types.pet_create_pet_params")
    plaything = importlib.import_module(f"{pkg.__name__}.types.zoo.plaything")
    zoo = importlib.import_module(f"{pkg.__name__}.types.zoo")
    ball = importlib.import_module(f"{pkg.__name__}.types.ball")
    bone = importlib.import_module(f"{pkg.__name__}.types.bone")
    ball_param = importlib.import_module(f"{pkg.__name__}.types.ball_param")

    def members(alias: object) -> set[object]:
        from typing import Union, get_args, get_origin

        while get_origin(alias) is not Union:
            alias = get_args(alias)[0]  # Annotated[Union[...], discriminator]
        return set(get_args(alias))

    assert members(pet.Toy) == {ball.Ball, bone.Bone}  # None stays with the field: Optional[Toy]
    assert members(pet.ToyItem) == {ball.Ball, bone.Bone}
    assert ball_param.BallParam in members(pet_param.Toy)  # TypedDicts on the request side
    assert {"Toy", "ToyItem"} <= set(pet.__all__) and "Toy" in pet_param.__all__
    assert plaything.Plaything is zoo.Plaything and members(zoo.Plaything) == members(pet.Toy)
    # the field itself is unchanged, and the alias accepts what the field accepts
    assert pet.Pet(toy={"type": "bone"}).toy == bone.Bone(type="bone")
    import pydantic

    assert pydantic.TypeAdapter(pet.ToyItem).validate_python({"type": "ball"}) == ball.Ball(
        type="ball"
    )


def test_a_union_in_an_arm_of_a_fields_union_is_named_by_a_step_into_the_arm(
    tmp_path: Path, build: Callable[..., ModuleType]
) -> None:
    facts = (
        "pet:\n  GearItem: pet:Pet.gear|2[]\n  Gear: pet:Pet.gear\n"
        "pet_create_pet_params:\n  GearItem: pet_create_pet_params:PetCreatePetParams.gear|2[]\n"
    )
    pkg = build(UNION_SPEC, _config(tmp_path, facts))
    pet = importlib.import_module(f"{pkg.__name__}.types.pet")
    pet_param = importlib.import_module(f"{pkg.__name__}.types.pet_create_pet_params")
    ball = importlib.import_module(f"{pkg.__name__}.types.ball")
    bone = importlib.import_module(f"{pkg.__name__}.types.bone")
    ball_param = importlib.import_module(f"{pkg.__name__}.types.ball_param")
    bone_param = importlib.import_module(f"{pkg.__name__}.types.bone_param")
    from typing import Union, get_args, get_origin

    def members(alias: object) -> set[object]:
        while get_origin(alias) is not Union:
            alias = get_args(alias)[0]  # Annotated[Union[...], discriminator]
        return set(get_args(alias))

    assert members(pet.GearItem) == {ball.Ball, bone.Bone}
    assert members(pet_param.GearItem) == {ball_param.BallParam, bone_param.BoneParam}
    assert len(members(pet.Gear)) == 3  # the field's own union: text, texts, toys
    assert pet.Pet(gear=[{"type": "ball"}]).gear == [ball.Ball(type="ball")]


@pytest.mark.parametrize(
    ("facts", "problem"),
    [
        ("pet:\n  Toy: pet:Pet.gear|3[]\n", "`Pet.gear|3[]` in `pet` is not a union"),
        ("pet:\n  Toy: pet:Pet.gear|1[]\n", "`Pet.gear|1[]` in `pet` is not a union"),
        ("pet:\n  Toy: pet:Pet.gear|2\n", "`Pet.gear|2` in `pet` is not a union"),
        ("pet:\n  Toy: pet:Pet.toy|0\n", "`Pet.toy|0` in `pet` is not a union"),
        ("pet:\n  Toy: pet:Pet.toys|0\n", "`Pet.toys|0` in `pet` is not a union"),
        ("pet:\n  Toy: pet:Pet.leash\n", "no generated model or TypedDict `Pet` with a field"),
        ("pet:\n  Toy: pet:Cat.toy\n", "no generated model or TypedDict `Cat`"),
        ("pet:\n  Toy: pet:Pet.name\n", "`Pet.name` in `pet` is not a union"),
        ("pet:\n  Toy: pet:Pet.toy[]\n", "`Pet.toy[]` in `pet` is not a union"),
        ("pet:\n  Pet: pet:Pet.toy\n", "`Pet` is already a type of this module"),
        # a facts file older than the types: the type it names was renamed or moved since
        ("pet:\n  Kitten: pet:Cat\n", "`Kitten` stands for pet:Cat, which is not a generated type"),
        ("pet:\n  Doggy: cat:Pet\n", "`Doggy` stands for cat:Pet, which is not a generated type"),
    ],
)
def test_a_field_the_facts_cannot_name_is_an_error(
    tmp_path: Path, facts: str, problem: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, UNION_SPEC, _config(tmp_path, facts))
    assert problem in str(caught.value) and "/sdk_names/pet/" in str(caught.value)


@pytest.mark.parametrize("path", ["Pet.toy[0]", "Pet.toy|", "Pet.toy|a[]", "Pet.toy[]|-1"])
def test_a_malformed_field_path_is_rejected(tmp_path: Path, path: str) -> None:
    (tmp_path / "names.yml").write_text(f"pet:\n  Toy: 'pet:{path}'\n", encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        load_sdk_names(tmp_path / "names.yml")
    assert "/sdk_names/pet/Toy" in str(caught.value)
