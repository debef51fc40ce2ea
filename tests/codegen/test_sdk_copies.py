"""`sdk_copies` in the config: the official SDK's per-place classes of a shape ours shares between
places (spec/sdk_copies.yml, written by tools/sdk_names): a copy of the schema under the place's
name, in the place's module, answering that place alone."""

from __future__ import annotations

import copy
import importlib
import pickle
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from codegen.config import load_sdk_copies
from codegen.errors import GeneratorError
from tests.codegen import _gen
from tests.codegen.test_sdk_names import SPEC
from tools.sdk_names.places import members

KEEPER = "/components/schemas/Pet/properties/keeper/anyOf/0"


def _spec() -> dict[str, Any]:
    """SPEC plus an `Owner` the `Pet` model holds at two places: `owner`, and `keeper` (nullable),
    where the SDK has a class of its own (`Keeper`)."""
    spec = copy.deepcopy(SPEC)
    schemas = spec["components"]["schemas"]
    schemas["Owner"] = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "model_id": {"type": "string"}},
        "required": ["name"],
    }
    schemas["Pet"]["properties"]["owner"] = {"$ref": "#/components/schemas/Owner"}
    schemas["Pet"]["properties"]["keeper"] = {
        "anyOf": [{"$ref": "#/components/schemas/Owner"}, {"type": "null"}]
    }
    return spec


def _config(tmp_path: Path, copies: str, types: dict[str, Any] | None = None) -> dict[str, Any]:
    (tmp_path / "copies.yml").write_text(copies, encoding="utf-8")
    config: dict[str, Any] = {"sdk_copies": str(tmp_path / "copies.yml")}
    if types:
        config["types"] = types
    return config


COPIES = f"pet:\n  Keeper:\n    copy_of: Owner\n    at: ['{KEEPER}']\n"


def test_a_place_answers_its_copy_and_the_others_the_schema_class(
    tmp_path: Path, build: Callable[..., ModuleType]
) -> None:
    # the schema's own settings hold for the copy too: `name` optional, the attribute name
    types = {"Owner": {"optional": ["name"], "field_names": {"model_id": "owner_model_id"}}}
    pkg = build(_spec(), _config(tmp_path, COPIES, types))
    pet = importlib.import_module(f"{pkg.__name__}.types.pet")
    owner = importlib.import_module(f"{pkg.__name__}.types.owner")

    built = pet.Pet.model_validate(
        {"name": "Rex", "owner": {"name": "Ann"}, "keeper": {"model_id": "m1"}}
    )
    assert type(built.owner) is owner.Owner
    assert type(built.keeper) is pet.Keeper and pet.Keeper is not owner.Owner
    assert pet.Keeper.__name__ == pet.Keeper.__qualname__ == "Keeper"
    assert repr(built.keeper) == "Keeper(name=None, owner_model_id='m1')"
    assert pickle.loads(pickle.dumps(built.keeper)) == built.keeper
    assert "Keeper" in pet.__all__


def test_output_is_byte_stable(tmp_path: Path) -> None:
    config = _config(tmp_path, COPIES)
    first, _, out = _gen.generate(tmp_path, _spec(), config, package="zoo_copies")
    text = (out / "zoo_copies" / "types" / "pet.py").read_text(encoding="utf-8")
    assert "class Keeper(BaseModel):" in text and "keeper: Optional[Keeper]" in text
    again, _, _ = _gen.generate(tmp_path, _spec(), config, package="zoo_copies", check=True)
    assert first.changes.written and not again.changes.differing()


@pytest.mark.parametrize(
    ("copies", "types", "pointer"),
    [
        # the place is configured by hand already
        (COPIES, {KEEPER: {"use": "Pet"}}, "/sdk_copies/pet/Keeper/at"),
        # a copy of what stands for another schema
        (COPIES, {"Owner": {"use": "Pet"}}, "/sdk_copies/pet/Keeper"),
    ],
)
def test_a_clashing_entry_is_an_error(
    tmp_path: Path, copies: str, types: dict[str, Any], pointer: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, _spec(), _config(tmp_path, copies, types))
    assert pointer in str(caught.value) and "config-conflict" in str(caught.value)


def test_a_place_no_schema_has_is_an_error(tmp_path: Path) -> None:
    copies = "pet:\n  Keeper:\n    copy_of: Owner\n    at: ['/components/schemas/Pet/nowhere']\n"
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, _spec(), _config(tmp_path, copies))
    assert "/components/schemas/Pet/nowhere" in str(caught.value)


@pytest.mark.parametrize(
    "facts",
    [
        "- a list\n",
        "pet: [x]\n",
        "pet:\n  'Not a name': {copy_of: Owner, at: ['/a']}\n",
        "pet:\n  Keeper: {copy_of: Owner}\n",
        "pet:\n  Keeper: {copy_of: Owner, at: []}\n",
        "pet:\n  Keeper: {copy_of: Owner, at: ['not a pointer']}\n",
        "pet:\n  Keeper: {copy_of: Owner, at: ['/a'], name: X}\n",
    ],
)
def test_malformed_facts_are_rejected_with_their_pointer(tmp_path: Path, facts: str) -> None:
    (tmp_path / "copies.yml").write_text(facts, encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        load_sdk_copies(tmp_path / "copies.yml")
    assert "/sdk_copies" in str(caught.value)


ANSWER = "/paths/~1pets/get/responses/200/content/application~1json/schema"


def test_an_operation_answer_is_a_place_and_a_copy_takes_the_also_path_it_is_defined_at(
    tmp_path: Path, build: Callable[..., ModuleType]
) -> None:
    """A copy at the schema of an operation's answer (the SDK's class of that method's answer):
    the method answers with the copy. The config's `also:` path of the source the copy is now
    defined at (the SDK's name at its module and its package, paired by hand before) is the
    copy's, not a second name of the source (before: a config-conflict)."""
    copies = f"pet_get_response:\n  PetGetResponse:\n    copy_of: Pet\n    at: ['{ANSWER}']\n"
    also = ["pet_get_response:PetGetResponse", ".:PetGetResponse", "pet_read:PetRead"]
    types = {"Pet": {"name": "Pet", "module": "pet", "also": also}}
    pkg = build(_spec(), _config(tmp_path, copies, types))
    answer = importlib.import_module(f"{pkg.__name__}.types.pet_get_response")
    pet = importlib.import_module(f"{pkg.__name__}.types.pet")
    package = importlib.import_module(f"{pkg.__name__}.types")
    read = importlib.import_module(f"{pkg.__name__}.types.pet_read")
    assert (
        answer.PetGetResponse is not pet.Pet and answer.PetGetResponse.__name__ == "PetGetResponse"
    )
    assert package.PetGetResponse is answer.PetGetResponse
    assert read.PetRead is pet.Pet  # an `also:` path no copy takes stays a second name
    # the method answering with it: its generated resource returns the copy
    resources = Path(str(pkg.__file__)).parent / "_generated" / "resources"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(resources.rglob("*.py")))
    assert "-> PetGetResponse:" in text and "cast_to=PetGetResponse" in text


def _union_spec() -> dict[str, Any]:
    """_spec() plus a shared union `Animal` (of `Owner` and `Pet`) that `Pet` holds at `friend`,
    and an inline `tag` object in `Owner`."""
    spec = _spec()
    schemas = spec["components"]["schemas"]
    schemas["Owner"]["properties"]["tag"] = {
        "type": "object",
        "properties": {"label": {"type": "string"}},
    }
    schemas["Animal"] = {
        "oneOf": [{"$ref": "#/components/schemas/Owner"}, {"$ref": "#/components/schemas/Pet"}]
    }
    schemas["Pet"]["properties"]["friend"] = {"$ref": "#/components/schemas/Animal"}
    return spec


# a copy of the union at `friend`, whose `Owner` arm is a copy, whose inline `tag` is a copy:
# each place of a copy keyed by the copy (`<copy>#<pointer>`), the union's and Owner's own places
# left as they are
UNION_COPIES = """\
pet:
  Friend:
    copy_of: Animal
    at: ['/components/schemas/Pet/properties/friend']
  FriendOwner:
    copy_of: Owner
    at: ['pet:Friend#/components/schemas/Animal/oneOf/0']
  FriendOwnerTag:
    copy_of: '/components/schemas/Owner/properties/tag'
    at: ['pet:FriendOwner#/components/schemas/Owner/properties/tag']
"""


def test_a_union_copy_holds_copies_at_its_own_places_alone(
    tmp_path: Path, build: Callable[..., ModuleType]
) -> None:
    pkg = build(_union_spec(), _config(tmp_path, UNION_COPIES))
    pet = importlib.import_module(f"{pkg.__name__}.types.pet")
    owner = importlib.import_module(f"{pkg.__name__}.types.owner")
    animal = importlib.import_module(f"{pkg.__name__}.types.animal")

    data = {"name": "Ann", "tag": {"label": "x"}}
    built = pet.Pet.model_validate({"name": "Rex", "friend": data, "owner": data})
    assert type(built.friend) is pet.FriendOwner and pet.FriendOwner is not owner.Owner
    assert type(built.friend.tag) is pet.FriendOwnerTag
    assert repr(built.friend.tag) == "FriendOwnerTag(label='x')"
    # the schema's own places (and the union's own arms) keep the schema's classes
    assert type(built.owner) is owner.Owner
    assert type(built.owner.tag).__name__ == "OwnerTag"
    assert {cls.__name__ for cls in members(pet.Friend) or ()} == {"FriendOwner", "Pet"}
    assert {cls.__name__ for cls in members(animal.Animal) or ()} == {"Owner", "Pet"}


@pytest.mark.parametrize(
    ("copies", "where"),
    [
        # a place of a copy the facts do not make
        (
            "pet:\n  FriendOwner:\n    copy_of: Owner\n"
            "    at: ['pet:Nobody#/components/schemas/Animal/oneOf/0']\n",
            "pet:Nobody#/components/schemas/Animal/oneOf/0",
        ),
        # a copy of a pointer with no schema written there
        (
            "pet:\n  Tag:\n    copy_of: '/components/schemas/Owner/properties/nothing'\n"
            "    at: ['/components/schemas/Pet/properties/owner']\n",
            "/components/schemas/Owner/properties/nothing",
        ),
    ],
)
def test_a_scoped_place_or_inline_copy_that_reaches_nothing_is_an_error(
    tmp_path: Path, copies: str, where: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, _union_spec(), _config(tmp_path, copies))
    assert where in str(caught.value)


@pytest.mark.parametrize("given_by", ["param also", "aliases"])
def test_a_copy_takes_the_request_side_path_the_config_gave_its_source(
    tmp_path: Path, build: Callable[..., ModuleType], given_by: str
) -> None:
    """A copy a request sends has a TypedDict of its own. Where the config names the source's
    TypedDict at the copy's request-side path by hand (`param: {also:}` or an `aliases:`
    re-export, paired before the copy existed), that path is the copy's TypedDict, under its
    name there, not a second name of the source's (before: a config-conflict, the name taken
    twice), as `also:` on the model side."""
    spec = _spec()
    spec["paths"]["/pets"]["post"] = {
        "operationId": "createPet",
        "requestBody": {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}
        },
        "responses": {"200": {"description": "ok"}},
    }
    copies = f"pet_keeper:\n  PetKeeper:\n    copy_of: Owner\n    at: ['{KEEPER}']\n"
    also = ["owner_read_param:Reader"]
    if given_by == "param also":
        also += ["pet_keeper_param:PetKeeperParam", ".:PetKeeperParam"]
    param = {"name": "OwnerParam", "module": "owner_param", "also": also}
    config = _config(
        tmp_path, copies, {"Owner": {"name": "Owner", "module": "owner", "param": param}}
    )
    if given_by == "aliases":
        config["aliases"] = {"pet_keeper_param": {"PetKeeperParam": "owner_param:OwnerParam"}}
    pkg = build(spec, config)
    owner = importlib.import_module(f"{pkg.__name__}.types.owner_param")
    keeper = importlib.import_module(f"{pkg.__name__}.types.pet_keeper_param")
    reader = importlib.import_module(f"{pkg.__name__}.types.owner_read_param")
    package = importlib.import_module(f"{pkg.__name__}.types")

    assert keeper.PetKeeperParam is not owner.OwnerParam
    assert keeper.PetKeeperParam.__name__ == "PetKeeperParam"
    assert keeper.PetKeeperParam.__annotations__.keys() == owner.OwnerParam.__annotations__.keys()
    assert package.PetKeeperParam is keeper.PetKeeperParam
    assert reader.Reader is owner.OwnerParam  # a path no copy takes stays a second name
