"""`to_strict_json_schema` on many model shapes.

Where the official SDK already produces a schema the API accepts, ours must be identical (same
dict, same key order), so that shape is compared with `openai.lib._pydantic.to_strict_json_schema`
used as an oracle. Where the official SDK produces something the API rejects (or crashes), ours
must be strict (checked by `assert_strict`) or refuse with a clear error.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from enum import Enum, IntEnum
from typing import Annotated, Any, ClassVar, Generic, List, Literal, Optional, TypeVar, Union

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openai.lib._pydantic import to_strict_json_schema as official_to_strict_json_schema
from pydantic import BaseModel, ConfigDict, Field, RootModel, create_model
from typing_extensions import TypedDict

from typed_openai.lib._pydantic import StrictSchemaError, to_strict_json_schema

# --- the seed's models ------------------------------------------------------------------------


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: List[Step]
    final_answer: str


class Table(str, Enum):
    orders = "orders"
    customers = "customers"
    products = "products"


class Column(str, Enum):
    id = "id"
    status = "status"
    expected_delivery_date = "expected_delivery_date"
    delivered_at = "delivered_at"
    shipped_at = "shipped_at"
    ordered_at = "ordered_at"
    canceled_at = "canceled_at"


class Operator(str, Enum):
    eq = "="
    gt = ">"
    lt = "<"
    le = "<="
    ge = ">="
    ne = "!="


class OrderBy(str, Enum):
    asc = "asc"
    desc = "desc"


class DynamicValue(BaseModel):
    column_name: str


class Condition(BaseModel):
    column: str
    operator: Operator
    value: Union[str, int, DynamicValue]


class Query(BaseModel):
    table_name: Table
    columns: List[Column]
    conditions: List[Condition]
    order_by: OrderBy


# --- more shapes the official SDK handles -----------------------------------------------------


class Primitives(BaseModel):
    text: str
    count: int
    ratio: float
    flag: bool


class Address(BaseModel):
    street: str
    city: str


class Person(BaseModel):
    name: str
    address: Address


class Optionals(BaseModel):
    nickname: str | None = None
    age: int | None
    address: Address | None = None


class Unions(BaseModel):
    value: Union[str, int, Address]
    maybe: Union[int, float, None] = None


class Priority(IntEnum):
    low = 1
    high = 2


class Color(Enum):
    red = "red"
    green = "green"


class Enums(BaseModel):
    table: Table
    priority: Priority
    color: Color
    columns: List[Column]
    described_color: Color = Field(description="Pick one")


class Literals(BaseModel):
    mode: Literal["fast", "slow"]
    version: Literal[2]
    kind: Literal["only"]


class Constrained(BaseModel):
    score: Annotated[int, Field(ge=0, le=100, description="Score in percent")]
    ratio: Annotated[float, Field(gt=0, lt=1)]
    code: Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="Three capital letters")]
    tags: Annotated[List[str], Field(min_length=1, max_length=5)]


class Described(BaseModel):
    """A model with a docstring."""

    title: str = Field(description="The title")
    home: Address = Field(description="Where they live")


class Tree(BaseModel):
    value: int
    children: List[Tree]


class LinkedItem(BaseModel):
    value: int
    next: LinkedItem | None = Field(description="The following item, if any")


class Animal(BaseModel):
    name: str


class Pet(Animal):
    owner: Person


class Lists(BaseModel):
    people: List[Person]
    matrix: List[List[int]]
    labels: list[Annotated[Address, Field(description="A labelled address")]]


class Formats(BaseModel):
    when: dt.datetime
    day: dt.date
    ident: uuid.UUID


class Aliased(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    first_name: str = Field(alias="firstName")


class Empty(BaseModel):
    pass


class Pair(BaseModel):
    pair: tuple[int, str]


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: List[T]
    total: int


def _described_chain(depth: int) -> type[BaseModel]:
    """Each level holds two described references to the level below: 2**depth leaves."""
    level: type[BaseModel] = create_model("Leaf", value=(int, ...))
    for i in range(depth):
        level = create_model(
            f"Level{i}",
            left=(level, Field(description=f"left branch {i}")),
            right=(level, Field(description=f"right branch {i}")),
        )
    return level


SmallChain = _described_chain(3)

OFFICIAL_SHAPES: list[type[BaseModel]] = [
    MathResponse,
    Query,
    Primitives,
    Person,
    Optionals,
    Unions,
    Enums,
    Literals,
    Constrained,
    Described,
    Tree,
    LinkedItem,
    Pet,
    Lists,
    Formats,
    Aliased,
    Empty,
    Pair,
    Page[Address],
    SmallChain,
]


# --- the strictness checker -------------------------------------------------------------------

_SCHEMA_KEYS = ("items", "additionalProperties", "not")
_SCHEMA_LIST_KEYS = ("anyOf", "prefixItems")


def assert_strict(schema: dict[str, Any]) -> None:
    """Fail unless `schema` follows Structured Outputs' strict-mode rules."""
    assert schema.get("type") == "object", "the root must be an object"
    defs: dict[str, Any] = schema.get("$defs", {})
    _check_node(schema, "#", defs)
    for name, sub in defs.items():
        _check_node(sub, f"#/$defs/{name}", defs)


def _check_node(node: Any, where: str, defs: dict[str, Any]) -> None:
    if not isinstance(node, dict):
        return
    for banned in ("oneOf", "allOf", "default", "discriminator", "patternProperties"):
        assert banned not in node, f"{where}: {banned!r} is not allowed"
    if "$ref" in node:
        assert set(node) == {"$ref"}, f"{where}: $ref with siblings {sorted(node)}"
        assert node["$ref"].removeprefix("#/$defs/") in defs, f"{where}: dangling {node['$ref']}"
        return
    if node.get("type") == "object":
        assert node.get("additionalProperties") is False, f"{where}: object not closed"
        assert node.get("required") == list(node.get("properties", {})), f"{where}: required"
    for key, sub in node.get("properties", {}).items():
        _check_node(sub, f"{where}/properties/{key}", defs)
    for key in _SCHEMA_KEYS:
        if key in node:
            _check_node(node[key], f"{where}/{key}", defs)
    for key in _SCHEMA_LIST_KEYS:
        for i, sub in enumerate(node.get(key, [])):
            _check_node(sub, f"{where}/{key}/{i}", defs)


# --- identical to the official SDK where it works ---------------------------------------------


@pytest.mark.parametrize("model", OFFICIAL_SHAPES, ids=lambda m: m.__name__)
def test_matches_official_sdk_exactly(model: type[BaseModel]) -> None:
    ours = to_strict_json_schema(model)
    official = official_to_strict_json_schema(model)
    assert ours == official
    assert json.dumps(ours) == json.dumps(official), "same keys, but in another order"


@pytest.mark.parametrize("model", OFFICIAL_SHAPES, ids=lambda m: m.__name__)
def test_every_official_shape_is_strict(model: type[BaseModel]) -> None:
    assert_strict(to_strict_json_schema(model))


def test_math_response_schema_field_by_field() -> None:
    schema = to_strict_json_schema(MathResponse)
    assert schema["required"] == ["steps", "final_answer"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["steps"] == {
        "items": {"$ref": "#/$defs/Step"},
        "title": "Steps",
        "type": "array",
    }
    assert schema["$defs"]["Step"]["additionalProperties"] is False
    assert schema["$defs"]["Step"]["required"] == ["explanation", "output"]


def test_optional_field_becomes_required_nullable_without_default() -> None:
    prop = to_strict_json_schema(Optionals)["properties"]["nickname"]
    assert prop == {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Nickname"}
    assert to_strict_json_schema(Optionals)["required"] == ["nickname", "age", "address"]


def test_described_reference_is_inlined_with_its_description() -> None:
    home = to_strict_json_schema(Described)["properties"]["home"]
    assert "$ref" not in home
    assert home["description"] == "Where they live"
    assert home["properties"] == {
        "street": {"title": "Street", "type": "string"},
        "city": {"title": "City", "type": "string"},
    }


def test_annotated_constraints_and_descriptions_are_kept() -> None:
    props = to_strict_json_schema(Constrained)["properties"]
    assert props["score"]["minimum"] == 0
    assert props["score"]["maximum"] == 100
    assert props["score"]["description"] == "Score in percent"
    assert props["code"]["pattern"] == "^[A-Z]{3}$"
    assert props["tags"]["minItems"] == 1


def test_inherited_fields_are_all_required() -> None:
    assert to_strict_json_schema(Pet)["required"] == ["name", "owner"]


def test_recursive_model_keeps_its_definition_for_the_self_reference() -> None:
    schema = to_strict_json_schema(Tree)
    assert schema["properties"]["children"]["items"] == {"$ref": "#/$defs/Tree"}
    assert schema["$defs"]["Tree"]["additionalProperties"] is False


# --- mapping fields: as the official SDK sends them ---------------------------------------


class WithMapping(BaseModel):
    counts: dict[str, int]


class Holder(BaseModel):
    name: str


class NestedMapping(BaseModel):
    holder: Holder
    inner: list[WithMapping]


class AnyMapping(BaseModel):
    data: dict[str, Any]


@pytest.mark.parametrize(
    "model", [WithMapping, NestedMapping, AnyMapping], ids=lambda m: m.__name__
)
def test_mapping_fields_are_sent_as_the_official_sdk_sends_them(model: type[BaseModel]) -> None:
    # no error when the tool or format is built (1.x code builds tool lists at import); the
    # mapping keeps pydantic's open `additionalProperties`, every other object is closed
    ours = to_strict_json_schema(model)
    assert json.dumps(ours) == json.dumps(official_to_strict_json_schema(model))
    counts = (ours["$defs"]["WithMapping"] if "$defs" in ours else ours)["properties"]
    mapping = counts.get("counts") or counts["data"]
    assert mapping["type"] == "object" and mapping["additionalProperties"] in (
        {"type": "integer"},
        True,
    )
    assert ours["additionalProperties"] is False


# --- better than the official SDK -------------------------------------------------------------


def test_strict_schema_error_is_a_type_error() -> None:
    assert issubclass(StrictSchemaError, TypeError)


class AllowsExtra(BaseModel):
    model_config = ConfigDict(extra="allow")

    a: int


class ContainsExtra(BaseModel):
    child: AllowsExtra


def test_extra_allow_model_is_closed() -> None:
    # The official SDK keeps `additionalProperties: true`, which the API rejects.
    schema = to_strict_json_schema(ContainsExtra)
    assert schema["$defs"]["AllowsExtra"]["additionalProperties"] is False
    assert to_strict_json_schema(AllowsExtra)["additionalProperties"] is False
    assert_strict(schema)
    # Closing the schema loses nothing: answers without extra keys still validate.
    assert ContainsExtra.model_validate_json('{"child": {"a": 1}}').child.a == 1


class Settings(BaseModel):
    retries: int = 3
    name: str = "default"
    tags: list[str] = Field(default_factory=list)
    home: Address = Address(street="Main", city="Town")
    note: str | None = "n/a"


def test_non_none_defaults_are_removed() -> None:
    schema = to_strict_json_schema(Settings)
    assert_strict(schema)
    assert schema["properties"]["retries"] == {"title": "Retries", "type": "integer"}
    assert schema["properties"]["home"] == {"$ref": "#/$defs/Address"}
    assert schema["required"] == ["retries", "name", "tags", "home", "note"]
    # The official output keeps `default`, which strict mode does not accept.
    assert "default" in official_to_strict_json_schema(Settings)["properties"]["retries"]


class Cat(BaseModel):
    kind: Literal["cat"]
    meows: int


class Dog(BaseModel):
    kind: Literal["dog"]
    barks: int


class Household(BaseModel):
    pet: Union[Cat, Dog] = Field(discriminator="kind")
    pets: list[Annotated[Union[Cat, Dog], Field(discriminator="kind")]]


def test_discriminated_union_becomes_any_of() -> None:
    schema = to_strict_json_schema(Household)
    assert_strict(schema)
    assert schema["properties"]["pet"] == {
        "anyOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}],
        "title": "Pet",
    }
    assert schema["properties"]["pets"]["items"] == {
        "anyOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]
    }
    # Every variant still carries its tag, so the discriminator keeps working on the answer.
    assert schema["$defs"]["Cat"]["properties"]["kind"]["const"] == "cat"
    parsed = Household.model_validate_json(
        '{"pet": {"kind": "dog", "barks": 2}, "pets": [{"kind": "cat", "meows": 1}]}'
    )
    assert isinstance(parsed.pet, Dog)
    assert isinstance(parsed.pets[0], Cat)


class Chain(BaseModel):
    value: int
    following: Chain = Field(description="The next link")


def test_self_reference_with_description_gets_a_described_definition() -> None:
    # The official SDK recurses forever here (RecursionError).
    schema = to_strict_json_schema(Chain)
    assert_strict(schema)
    following = schema["properties"]["following"]
    described = schema["$defs"][following["$ref"].removeprefix("#/$defs/")]
    assert described["description"] == "The next link"
    assert described["properties"]["following"] == following, "the variant points at itself"
    assert schema["$defs"]["Chain"]["properties"]["following"] == following


class Ping(BaseModel):
    pong: Pong | None = None
    reply: Pong = Field(description="The answer")


class Pong(BaseModel):
    ping: Ping = Field(description="Back again")


Ping.model_rebuild()


def test_mutual_recursion_through_described_references_is_finite() -> None:
    schema = to_strict_json_schema(Ping)
    assert_strict(schema)
    descriptions = sorted(
        sub.get("description", "") for sub in schema["$defs"].values() if "description" in sub
    )
    assert descriptions == ["Back again", "The answer"]


def test_deeply_nested_described_references_stay_linear() -> None:
    deep = _described_chain(30)  # inlining would make 2**30 copies of the leaf
    started = time.perf_counter()
    schema = to_strict_json_schema(deep)
    elapsed = time.perf_counter() - started
    assert_strict(schema)
    assert elapsed < 2.0
    assert len(json.dumps(schema)) < 200_000
    # One plain definition per level and one described variant per (level, description).
    assert len(schema["$defs"]) == 30 + 2 * 30


def test_moderately_nested_described_references_are_inlined_like_the_official_sdk() -> None:
    model = _described_chain(6)
    assert to_strict_json_schema(model) == official_to_strict_json_schema(model)


class Tagged(RootModel[list[int]]):
    pass


def test_root_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(StrictSchemaError, match="root of the schema must be an object"):
        to_strict_json_schema(Tagged)


@pytest.mark.parametrize(
    "value", [Address(street="a", city="b"), "Address", None, list[Address], dict[str, int]]
)
def test_input_that_is_not_a_class_is_a_type_error(value: Any) -> None:
    with pytest.raises(TypeError, match="pydantic BaseModel subclass"):
        to_strict_json_schema(value)


@pytest.mark.parametrize(
    ("value", "reason"),
    [(dict, "mapping with arbitrary keys"), (int, "root of the schema must be an object")],
)
def test_a_class_without_a_strict_object_schema_is_refused(value: Any, reason: str) -> None:
    with pytest.raises(StrictSchemaError, match=reason):
        to_strict_json_schema(value)


@pydantic.dataclasses.dataclass
class DataclassAddress:
    """Where to deliver."""

    street: str
    city: str = pydantic.Field(description="the town")
    note: str | None = None


class TypedAddress(TypedDict):
    street: str


def test_dataclasses_typeddicts_and_type_adapters_get_the_strict_schema_of_pydantics() -> None:
    # pydantic's schema of the class, made strict as a model's is
    expected = {
        "description": "Where to deliver.",
        "properties": {
            "street": {"title": "Street", "type": "string"},
            "city": {"description": "the town", "title": "City", "type": "string"},
            "note": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Note"},
        },
        "required": ["street", "city", "note"],
        "title": "DataclassAddress",
        "type": "object",
        "additionalProperties": False,
    }
    assert to_strict_json_schema(DataclassAddress) == expected
    assert to_strict_json_schema(pydantic.TypeAdapter(DataclassAddress)) == expected
    assert official_to_strict_json_schema(pydantic.TypeAdapter(DataclassAddress)) == expected
    assert to_strict_json_schema(TypedAddress) == {
        "properties": {"street": {"title": "Street", "type": "string"}},
        "required": ["street"],
        "title": "TypedAddress",
        "type": "object",
        "additionalProperties": False,
    }


# --- caching ---------------------------------------------------------------------------------


class Counted(BaseModel):
    schema_builds: ClassVar[int] = 0

    x: int

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        Counted.schema_builds += 1
        return super().model_json_schema(*args, **kwargs)


def test_schema_is_computed_once_and_copies_are_independent() -> None:
    first = to_strict_json_schema(Counted)
    first["properties"]["x"]["type"] = "changed by the caller"
    second = to_strict_json_schema(Counted)
    assert Counted.schema_builds == 1
    assert second["properties"]["x"]["type"] == "integer"


def test_cache_is_bounded() -> None:
    from typed_openai.lib import _pydantic

    maxsize = _pydantic._strict_schema_json.cache_info().maxsize
    assert maxsize is not None and maxsize > 0


def test_pydantic_version_is_v2() -> None:
    # The schema shapes above are pydantic 2's; this library does not support pydantic 1.
    assert pydantic.VERSION.startswith("2.")


# --- the schema describes the model: values built from it validate as the model --------------

# Models whose values are finite (a required self-reference has no finite value to build).
ROUND_TRIP_SHAPES = [*OFFICIAL_SHAPES, ContainsExtra, Settings, Household]


@pytest.mark.parametrize("model", ROUND_TRIP_SHAPES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("seed", ["a", "b", "c"])
def test_values_generated_from_the_strict_schema_validate_as_the_model(
    model: type[BaseModel], seed: str
) -> None:
    from typed_openai.testing import instance_for

    value = instance_for(to_strict_json_schema(model), seed=seed)
    model.model_validate(value)


# --- random shapes: identical to the official SDK wherever it handles them --------------------

_LEAF_TYPES: list[Any] = [str, int, float, bool, dt.date, Color, Table, Literal["x", "y"]]


@st.composite
def _random_models(draw: st.DrawFn, depth: int = 0) -> type[BaseModel]:
    """Models built from the shapes the official SDK converts correctly (no mappings, no
    non-None defaults, no discriminated unions, no cycles)."""
    fields: dict[str, Any] = {}
    for index in range(draw(st.integers(min_value=0, max_value=4))):
        kind = draw(st.sampled_from(["leaf", "optional", "list", "union", "model", "described"]))
        if depth >= 2 and kind in ("model", "described"):
            kind = "leaf"
        leaf = draw(st.sampled_from(_LEAF_TYPES))
        if kind == "leaf":
            fields[f"f{index}"] = (leaf, ...)
        elif kind == "optional":
            fields[f"f{index}"] = (Optional[leaf], None)  # noqa: UP045
        elif kind == "list":
            fields[f"f{index}"] = (List[leaf], ...)
        elif kind == "union":
            fields[f"f{index}"] = (Union[leaf, Address], ...)
        elif kind == "model":
            fields[f"f{index}"] = (draw(_random_models(depth + 1)), ...)
        else:
            sub = draw(_random_models(depth + 1))
            fields[f"f{index}"] = (sub, Field(description=f"field {index}"))
    name = f"Random{depth}_{draw(st.integers(min_value=0, max_value=10**6))}"
    return create_model(name, **fields)


@settings(
    max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(_random_models())
def test_random_shapes_match_official_sdk(model: type[BaseModel]) -> None:
    ours = to_strict_json_schema(model)
    official = official_to_strict_json_schema(model)
    assert json.dumps(ours) == json.dumps(official)
    assert_strict(ours)
