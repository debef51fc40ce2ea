"""`sdk_class_names` in the config: a generated model class defined under the official SDK's name
for it (spec/sdk_class_names.yml, written by tools/sdk_names), the document's name kept as a
second name in its module."""

from __future__ import annotations

import copy
import importlib
import pickle
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from codegen.config import load_sdk_class_names
from codegen.errors import GeneratorError
from tests.codegen import _gen
from tests.codegen.test_sdk_names import SPEC


def _spec() -> dict[str, Any]:
    """SPEC plus an `Owner` the `Pet` model holds (a field annotation naming the class)."""
    spec = copy.deepcopy(SPEC)
    schemas = spec["components"]["schemas"]
    schemas["Owner"] = {"type": "object", "properties": {"name": {"type": "string"}}}
    schemas["Pet"]["properties"]["owner"] = {"$ref": "#/components/schemas/Owner"}
    return spec


def _config(tmp_path: Path, classes: str, names: str = "") -> dict[str, Any]:
    (tmp_path / "classes.yml").write_text(classes, encoding="utf-8")
    config: dict[str, Any] = {"sdk_class_names": str(tmp_path / "classes.yml")}
    if names:
        (tmp_path / "names.yml").write_text(names, encoding="utf-8")
        config["sdk_names"] = str(tmp_path / "names.yml")
    return config


def test_the_class_has_the_sdk_name_and_the_document_name_stays(
    tmp_path: Path, build: Callable[..., ModuleType]
) -> None:
    # the SDK calls `Owner` `PetOwner` and re-exports it in a module of its own
    names = "pet_owner:\n  PetOwner: owner:Owner\n"
    pkg = build(_spec(), _config(tmp_path, "owner:\n  Owner: PetOwner\n", names))
    owner = importlib.import_module(f"{pkg.__name__}.types.owner")
    pet = importlib.import_module(f"{pkg.__name__}.types.pet")
    again = importlib.import_module(f"{pkg.__name__}.types.pet_owner")
    types = importlib.import_module(f"{pkg.__name__}.types")

    cls = owner.PetOwner
    assert cls.__name__ == cls.__qualname__ == "PetOwner"
    assert owner.Owner is cls and {"Owner", "PetOwner"} <= set(owner.__all__)
    assert again.PetOwner is cls  # the second name now names the class by its new name
    assert types.Owner is cls  # the package re-exports it as before, under the document's name
    # an answer builds the class under its new name; it prints and pickles under it
    built = pet.Pet.model_validate({"name": "Rex", "owner": {"name": "Ann"}})
    assert type(built.owner) is cls and repr(built.owner) == "PetOwner(name='Ann')"
    assert pickle.loads(pickle.dumps(built.owner)) == built.owner
    assert pet.Pet.model_fields["owner"].annotation is not None
    assert "PetOwner" in str(pet.Pet.model_fields["owner"].annotation)


def test_output_is_byte_stable(tmp_path: Path) -> None:
    config = _config(tmp_path, "owner:\n  Owner: PetOwner\n")
    first, _, out = _gen.generate(tmp_path, _spec(), config, package="zoo_classes")
    text = (out / "zoo_classes" / "types" / "owner.py").read_text(encoding="utf-8")
    assert "class PetOwner(BaseModel):" in text and "Owner = PetOwner" in text
    again, _, _ = _gen.generate(tmp_path, _spec(), config, package="zoo_classes", check=True)
    assert first.changes.written and not again.changes.differing()


@pytest.mark.parametrize(
    ("classes", "names", "pointer"),
    [
        ("owner:\n  Keeper: PetOwner\n", "", "/sdk_class_names/owner/Keeper"),  # no such model
        ("pet_kind:\n  PetKind: Kind\n", "", "/sdk_class_names/pet_kind/PetKind"),  # no model
        ("pet:\n  Pet: PetKind\n", "", None),  # fine: another module's name
        ("owner:\n  Owner: Pet\n", "owner:\n  Pet: pet:Pet\n", "/sdk_class_names/owner/Owner"),
    ],
)
def test_a_stale_or_clashing_entry_is_an_error(
    tmp_path: Path, classes: str, names: str, pointer: str | None
) -> None:
    config = _config(tmp_path, classes, names)
    if pointer is None:
        _gen.generate(tmp_path, _spec(), config)
        return
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, _spec(), config)
    assert pointer in str(caught.value) and "config-conflict" in str(caught.value)


@pytest.mark.parametrize("facts", ["- a list\n", "owner: [x]\n", "owner:\n  Owner: 'Not a name'\n"])
def test_malformed_facts_are_rejected_with_their_pointer(tmp_path: Path, facts: str) -> None:
    (tmp_path / "classes.yml").write_text(facts, encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        load_sdk_class_names(tmp_path / "classes.yml")
    assert "/sdk_class_names" in str(caught.value)
