"""BaseModel: unknown data kept, forward compatibility as the official SDK builds it (an object no
union member validates: the member its tag names, else the first member), to_dict/to_json."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, Union

import pytest
from pydantic import Field

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import BaseModel
from typed_openai._core import _models as models_module
from typed_openai._core._models import construct_lenient, parse_json, parse_value

from .conftest import AsyncExampleClient, ExampleClient


class TextPart(BaseModel):
    type: Literal["text"]
    text: str


class ImagePart(BaseModel):
    type: Literal["image"]
    url: str | None = None


Part = Annotated[Union[TextPart, ImagePart], Field(discriminator="type")]


class Message(BaseModel):
    id: str
    status: Literal["queued", "done"]
    parts: list[Part] = Field(default_factory=list)
    content: Union[str, list[Union[TextPart, ImagePart]], None] = None
    schema_: str | None = Field(default=None, alias="schema")
    meta: dict[str, TextPart] | None = None


class Outer(BaseModel):
    """Refers to models defined below it: their annotations stay strings until they are built."""

    items: list[Inner]


class Inner(BaseModel):
    kind: Literal["a", "b"]
    child: Leaf | None = None


class Leaf(BaseModel):
    type: Literal["x"]
    n: int


GOOD = {"id": "m1", "status": "done", "parts": [{"type": "text", "text": "hi"}]}


def test_valid_data_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> object:
        raise AssertionError("lenient path used for valid data")

    monkeypatch.setattr(models_module, "construct_lenient", fail)
    message = parse_json(Message, json.dumps(GOOD).encode())
    assert message.parts == [TextPart(type="text", text="hi")]


def test_unknown_fields_are_kept() -> None:
    message = parse_json(Message, json.dumps({**GOOD, "brand_new": {"x": 1}}).encode())
    assert message.brand_new == {"x": 1}  # type: ignore[attr-defined]
    assert message.to_dict()["brand_new"] == {"x": 1}


def test_unknown_enum_value_is_kept_and_the_rest_is_typed() -> None:
    message = parse_json(Message, json.dumps({**GOOD, "status": "paused", "extra": 1}).encode())
    assert message.status == "paused"
    assert message.parts == [TextPart(type="text", text="hi")]
    assert message.extra == 1  # type: ignore[attr-defined]


def test_an_unknown_discriminator_is_built_as_the_first_member_with_its_tag_as_sent() -> None:
    # as the official SDK builds it: code dispatching on `part.type` sees the new tag
    data = {
        "id": "m1",
        "status": "done",
        "parts": [{"type": "audio", "secs": 3}, {"type": "text", "text": "hi"}],
    }
    message = parse_json(Message, json.dumps(data).encode())
    unknown = message.parts[0]
    assert type(unknown) is TextPart and unknown.type == "audio"  # pyright: ignore[reportUnnecessaryComparison]
    assert unknown.text is None and unknown.secs == 3  # type: ignore[attr-defined]
    assert unknown.to_dict() == {"type": "audio", "secs": 3}
    assert message.parts[1] == TextPart(type="text", text="hi")
    dumped = message.model_dump(warnings=False)["parts"][0]
    assert dumped == {"type": "audio", "text": None, "secs": 3}


class Payload(BaseModel):
    id: str


class Created(BaseModel):
    type: Literal["created"]
    data: Payload
    note: str | None = None


class Deleted(BaseModel):
    type: Literal["deleted"]
    data: Payload


@pytest.mark.parametrize("discriminated", [True, False])
def test_an_unknown_kind_is_built_as_the_first_member(discriminated: bool) -> None:
    # as the official SDK builds it (a webhook event of a type newer than the client:
    # `event.data.id` reads)
    union: Any = Union[Created, Deleted]
    if discriminated:
        union = Annotated[union, Field(discriminator="type")]
    data = {"type": "moved", "data": {"id": "x", "more": {"a": 1}}}
    event = parse_value(union, data)
    assert type(event) is Created and event.type == "moved"
    assert isinstance(event.data, Payload) and event.data.id == "x"
    assert event.data.more == {"a": 1}  # type: ignore[attr-defined]  # unknown: raw, as the SDK
    assert event.to_dict() == data


@pytest.mark.parametrize("discriminated", [True, False])
def test_an_object_missing_its_tag_is_built_as_the_first_member(discriminated: bool) -> None:
    # as the official SDK builds it (a tool call without `type` from an OpenAI-compatible server)
    union: Any = Union[Created, Deleted]
    if discriminated:
        union = Annotated[union, Field(discriminator="type")]
    event = parse_value(union, {"data": {"id": "x"}, "note": "n"})
    assert type(event) is Created
    assert event.data == Payload(id="x") and event.note == "n"
    assert event.to_dict() == {"data": {"id": "x"}, "note": "n"}


def test_new_member_of_a_plain_union_is_its_first_member() -> None:
    # no tag to follow: the first member, as the official SDK builds it; the first member of
    # `content` is `str`, which a list is not, so the list stays as it came
    parts = [{"type": "video", "text": "t"}, {"type": "image", "url": "u"}]
    message = parse_json(Message, json.dumps({**GOOD, "content": parts}).encode())
    assert message.content == parts
    video = parse_value(Union[TextPart, ImagePart], {"type": "video", "url": "u"})
    assert type(video) is TextPart and video.to_dict() == {"type": "video", "url": "u"}


def test_new_enum_value_in_a_plain_union_member_keeps_that_member() -> None:
    # ``status`` is an enum, not the variant's tag: a value added later still picks ``Message``.
    parsed = parse_json(Union[Message, ImagePart], json.dumps({**GOOD, "status": "new"}))
    assert isinstance(parsed, Message) and parsed.status == "new"


def test_known_discriminator_with_missing_field_builds_that_variant() -> None:
    data = {**GOOD, "status": "new", "parts": [{"type": "text"}]}
    message = parse_json(Message, json.dumps(data).encode())
    part = message.parts[0]
    assert isinstance(part, TextPart)
    assert part.text is None  # missing required field reads as None instead of raising


def test_dict_values_and_aliases_in_lenient_mode() -> None:
    data = {
        **GOOD,
        "status": "other",
        "schema": "s",
        "meta": {"a": {"type": "text", "text": "x"}, "b": {"type": "?"}},
    }
    message = parse_json(Message, json.dumps(data).encode())
    assert message.schema_ == "s"
    assert message.meta is not None
    assert message.meta["a"] == TextPart(type="text", text="x")
    # A single declared model (no union to choose from) is built leniently, odd values kept.
    assert isinstance(message.meta["b"], TextPart) and message.meta["b"].type == "?"
    assert message.to_dict()["schema"] == "s"


def test_union_alias_as_cast_target() -> None:
    Either = Annotated[Union[TextPart, ImagePart], Field(discriminator="type")]
    assert parse_value(Either, {"type": "image", "url": "u"}) == ImagePart(type="image", url="u")
    sound = parse_value(Either, {"type": "sound"})
    assert type(sound) is TextPart and sound.to_dict() == {"type": "sound"}
    assert parse_value(Union[int, str], {"a": 1}) == {"a": 1}  # no model member: stays raw
    assert construct_lenient(list[int], ["1", "x"]) == [1, "x"]


def test_non_object_where_a_model_is_expected_stays_raw() -> None:
    assert parse_value(TextPart, "just a string") == "just a string"


def test_invalid_json_raises_value_error() -> None:
    with pytest.raises(ValueError):
        parse_json(Message, b"{nope")


def test_to_dict_and_to_json() -> None:
    message = Message.model_validate({"id": "m", "status": "done", "schema": "s", "x": 1})
    assert message.to_dict() == {"id": "m", "status": "done", "schema": "s", "x": 1}
    assert message.to_dict(use_api_names=False)["schema_"] == "s"
    full = message.to_dict(exclude_unset=False)
    assert full["parts"] == [] and full["content"] is None
    assert json.loads(message.to_json()) == message.to_dict()
    assert message.to_json(indent=None) == '{"id":"m","status":"done","schema":"s","x":1}'
    assert message.to_dict(exclude_none=True, exclude_unset=False) == {
        "id": "m",
        "status": "done",
        "parts": [],
        "schema": "s",
        "x": 1,
    }


def test_populate_by_name() -> None:
    assert Message(id="m", status="done", schema_="s").schema_ == "s"  # type: ignore[call-arg]


def test_responses_are_parsed_leniently_through_the_client(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({**GOOD, "status": "archived", "parts": [{"type": "3d"}]}))
    message = client.get("/m", cast_to=Message)
    assert isinstance(message, Message)
    assert message.status == "archived" and message.parts[0].to_dict() == {"type": "3d"}


@pytest.mark.anyio
async def test_async_responses_are_parsed_leniently(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({**GOOD, "status": "archived"}))
    message = await async_client.get("/m", cast_to=Message)
    assert message.status == "archived"
    assert message.parts == [TextPart(type="text", text="hi")]


def test_lenient_path_resolves_forward_references_of_unbuilt_nested_models() -> None:
    data = {"items": [{"kind": "new", "child": {"type": "x", "n": 1}}]}
    outer = parse_json(Outer, json.dumps(data).encode())
    inner = outer.items[0]
    assert isinstance(inner, Inner) and inner.kind == "new"
    assert inner.child == Leaf(type="x", n=1)
