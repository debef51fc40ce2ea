"""``_request_id``: every model or page a call returns carries the request id the server sent.

Whatever way the result was reached: a plain call, a list page (each page its own), the ``parse()``
of a raw or streamed response (also ``parse(to=...)``), and the result of a post-parse step
(``with_post_parse``, as used by ``chat.completions.parse``). Only the returned object has it,
and it stays out of the model's data (dump, equality, repr) as in the official SDK.
"""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import (
    AsyncCursorPage,
    BaseModel,
    SyncCursorPage,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
    with_post_parse,
)

from .conftest import AsyncExampleClient, AsyncThings, ExampleClient, Thing, Things


class Outer(BaseModel):
    id: str
    inner: Thing


class Richer(BaseModel):
    """What a post-parse step builds from a plain result (like ``ParsedChatCompletion``)."""

    id: str
    extra_note: str


def richer(thing: Thing) -> Richer:
    return Richer(id=thing.id, extra_note="parsed")


def rid(value: str) -> dict[str, str]:
    return {"x-request-id": value}


def test_a_plain_result_carries_the_request_id_but_not_its_nested_models(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "o", "inner": {"id": "i"}}, headers=rid("req_outer")))
    outer = client.get("/outer", cast_to=Outer)
    assert outer._request_id == "req_outer"
    with pytest.raises(AttributeError):
        _ = outer.inner._request_id  # only the returned object, as documented by the official SDK


def test_the_request_id_is_not_part_of_the_models_data(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "t1"}, headers=rid("req_1")))
    thing = Things(client).retrieve("t1")
    assert thing._request_id == "req_1"
    assert thing.model_dump() == {"id": "t1", "name": None}
    assert thing.to_dict() == {"id": "t1"}
    assert thing.model_dump_json() == '{"id":"t1","name":null}'
    assert thing == Thing(id="t1")
    assert "req_1" not in repr(thing)
    assert copy.deepcopy(thing)._request_id == "req_1"
    assert copy.copy(thing)._request_id == "req_1"
    assert pickle.loads(pickle.dumps(thing))._request_id == "req_1"


def test_a_response_without_the_header_gives_none(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "t1"}))
    assert Things(client).retrieve("t1")._request_id is None


def test_a_model_built_by_hand_has_no_request_id() -> None:
    with pytest.raises(AttributeError):
        _ = Thing(id="x")._request_id


def test_plain_json_results_are_returned_untouched(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "x"}, headers=rid("req_d")), Reply.raw(b"abc"))
    assert client.get("/d", cast_to=object) == {"id": "x"}
    assert client.get("/b", cast_to=bytes) == b"abc"


def test_each_page_carries_its_own_request_id(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        Reply.json({"data": [{"id": "a"}], "has_more": True}, headers=rid("req_p1")),
        Reply.json({"data": [{"id": "b"}], "has_more": False}, headers=rid("req_p2")),
    )
    page = client.get_api_list("/things", page=SyncCursorPage[Thing])
    assert page._request_id == "req_p1"
    second = page.get_next_page()
    assert second._request_id == "req_p2"
    with pytest.raises(AttributeError):
        _ = page.data[0]._request_id


def test_raw_parse_and_parse_to_carry_the_request_id(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "t1", "inner": {"id": "i"}}, headers=rid("req_raw")))
    raw = to_raw_response_wrapper(Things(client).retrieve)("t1")
    assert raw.parse()._request_id == "req_raw"
    assert raw.parse(to=Outer)._request_id == "req_raw"


def test_streamed_parse_carries_the_request_id(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"id": "t1"}, headers=rid("req_streamed")))
    with to_streamed_response_wrapper(Things(client).retrieve)("t1") as response:
        assert response.parse()._request_id == "req_streamed"


def test_a_post_parsed_result_carries_the_request_id(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        Reply.json({"id": "t1"}, headers=rid("req_plain")),
        Reply.json({"id": "t2"}, headers=rid("req_raw")),
    )
    resource = Things(client)

    def parse(thing_id: str) -> Any:
        return with_post_parse(resource.retrieve(thing_id), richer)

    plain = parse("t1")
    assert isinstance(plain, Richer) and plain._request_id == "req_plain"
    raw = to_raw_response_wrapper(parse)("t2")
    parsed = raw.parse()
    assert isinstance(parsed, Richer) and parsed._request_id == "req_raw"


@pytest.mark.anyio
async def test_async_results_carry_the_request_id(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        Reply.json({"id": "t1"}, headers=rid("req_a1")),
        Reply.json({"id": "t2"}, headers=rid("req_a2")),
        Reply.json({"id": "t3"}, headers=rid("req_a3")),
        Reply.json({"data": [{"id": "p"}], "has_more": False}, headers=rid("req_a4")),
    )
    resource = AsyncThings(async_client)
    assert (await resource.retrieve("t1"))._request_id == "req_a1"
    raw = await async_to_raw_response_wrapper(resource.retrieve)("t2")
    assert raw.parse()._request_id == "req_a2"
    async with async_to_streamed_response_wrapper(resource.retrieve)("t3") as response:
        assert (await response.parse())._request_id == "req_a3"
    page = await async_client.get_api_list("/things", page=AsyncCursorPage[Thing])
    assert page._request_id == "req_a4"
