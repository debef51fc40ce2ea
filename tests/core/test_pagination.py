"""Cursor pages and single pages, sync and async, against the loopback server."""

from __future__ import annotations

import pickle
import sys
from typing import Union

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import (
    AsyncConversationCursorPage,
    AsyncCursorPage,
    AsyncNextCursorPage,
    AsyncPage,
    AsyncPaginator,
    AsyncTokenPage,
    RequestOptions,
    SyncConversationCursorPage,
    SyncCursorPage,
    SyncNextCursorPage,
    SyncPage,
    SyncTokenPage,
)

from .conftest import AsyncExampleClient, ExampleClient, Thing


def _page(ids: list[str], has_more: bool, **extra: object) -> Reply:
    data = [{"id": i, "name": f"n{i}"} for i in ids]
    body = {"object": "list", "data": data, "has_more": has_more, **extra}
    if data:
        body.setdefault("first_id", ids[0])
        body.setdefault("last_id", ids[-1])
    return Reply.json(body)


def test_cursor_page_iterates_every_item_across_pages(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(_page(["a", "b"], True), _page(["c"], True), _page(["d"], False))
    page = client.get_api_list(
        "/things", page=SyncCursorPage[Thing], query={"limit": 2, "order": "asc"}
    )
    assert isinstance(page, SyncCursorPage)
    assert [t.id for t in page.data] == ["a", "b"]
    assert (page.has_more, page.first_id, page.last_id, page.object) == (True, "a", "b", "list")
    items = list(page)
    assert [t.id for t in items] == ["a", "b", "c", "d"]
    assert all(isinstance(t, Thing) for t in items)
    queries = [r.query for r in server.requests[:3]]
    assert queries == [
        [("limit", "2"), ("order", "asc")],
        [("limit", "2"), ("order", "asc"), ("after", "b")],
        [("limit", "2"), ("order", "asc"), ("after", "c")],
    ]


def test_has_next_page_and_get_next_page(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(_page(["a"], True), _page(["b"], False), _page([], False), _page(["b"], False))
    first = client.get_api_list("/things", page=SyncCursorPage[Thing])
    assert first.has_next_page()
    second = first.get_next_page()
    assert [t.id for t in second.data] == ["b"]
    assert not second.has_next_page()
    # asked for by hand past `has_more=false`, as with the official SDK: the page after "b"
    beyond = second.get_next_page()
    assert server.requests[2].query == [("after", "b")]
    assert beyond.data == [] and not beyond.has_next_page()
    with pytest.raises(RuntimeError):
        beyond.get_next_page()  # no items, no cursor: nothing to ask for
    assert len(server.requests) == 3
    assert [p.data[0].id for p in first.iter_pages()] == ["a", "b"]  # iteration heeds has_more
    assert len(server.requests) == 4


def test_empty_page_stops_even_if_has_more(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(_page([], True))
    page = client.get_api_list("/things", page=SyncCursorPage[Thing])
    assert list(page) == [] and not page.has_next_page()
    assert len(server.requests) == 1


def test_items_without_an_id_end_the_paging(client: ExampleClient, server: ScriptedServer) -> None:
    # as the official SDK's cursor page: the cursor is the last item's id, never `last_id`
    server.reply(Reply.json({"data": [{"name": "no id"}], "has_more": True, "last_id": "cur-1"}))
    page = client.get_api_list("/things", page=SyncCursorPage[Thing])
    assert not page.has_next_page() and page.next_page_info() is None
    assert [thing.name for thing in page] == ["no id"]
    assert len(server.requests) == 1


def test_missing_has_more_pages_on_while_items_come(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"data": [{"id": "a"}]}), _page([], False))
    page = client.get_api_list("/things", page=SyncCursorPage[Thing])
    assert page.has_next_page()
    page.get_next_page()
    assert server.requests[1].query == [("after", "a")]


def test_model_given_apart_and_per_call_options(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(_page(["a"], True), _page(["b"], False))
    page = client.get_api_list(
        "/things",
        page=SyncCursorPage,
        model=Thing,
        headers={"X-Op": "1"},
        options=RequestOptions(extra_headers={"X-Extra": "2"}),
    )
    assert [t.id for t in page] == ["a", "b"]
    assert all(r.headers["x-op"] == "1" and r.headers["x-extra"] == "2" for r in server.requests)


def test_single_page(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.json({"object": "list", "data": [{"id": "x"}, {"id": "y", "new": 1}]}))
    page = client.get_api_list("/models", page=SyncPage[Thing])
    assert isinstance(page, SyncPage)
    assert [t.id for t in page] == ["x", "y"]
    assert not page.has_next_page()
    assert page.to_dict() == {"object": "list", "data": [{"id": "x"}, {"id": "y", "new": 1}]}


def test_repr_names_the_item_type_and_shows_the_page_fields(
    client: ExampleClient, server: ScriptedServer
) -> None:
    # as the official SDK's pydantic pages: its class's fields first, the response's others after
    server.reply(
        Reply.json({"data": [{"id": "x"}], "has_more": True, "zzz": 1}),
        Reply.json({"object": "list", "data": [], "has_more": False, "first_id": None}),
        Reply.json({"object": "list", "data": [], "next": "n"}),
    )
    single = client.get_api_list("/models", page=SyncPage[Thing])
    assert (
        repr(single)
        == "SyncPage[Thing](data=[Thing(id='x', name=None)], object=None, has_more=True, zzz=1)"
    )
    cursor = client.get_api_list("/things", page=SyncCursorPage[Union[Thing, int]])
    assert repr(cursor) == (
        "SyncCursorPage[Union[Thing, int]](data=[], has_more=False, object='list', first_id=None)"
    )
    token = client.get_api_list("/things", page=SyncNextCursorPage[Thing])
    assert (
        str(token) == "SyncNextCursorPage[Thing](data=[], has_more=None, next='n', object='list')"
    )


def test_items_are_parsed_leniently(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(
        Reply.json({"data": [{"id": "ok"}, {"id": 5, "name": ["odd"]}], "has_more": False})
    )
    page = client.get_api_list("/things", page=SyncCursorPage[Thing])
    assert page.data[0] == Thing(id="ok")
    assert page.data[1].name == ["odd"]


@pytest.mark.anyio
async def test_async_paginator_awaits_first_page_and_iterates_all(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        _page(["a", "b"], True),
        _page(["c"], False),
        _page([], False),
        _page(["a", "b"], True),
        _page(["c"], False),
    )
    paginator = async_client.get_api_list(
        "/things", page=AsyncCursorPage[Thing], query={"limit": 2}
    )
    assert isinstance(paginator, AsyncPaginator)
    first = await paginator
    assert isinstance(first, AsyncCursorPage)
    assert first.has_next_page()
    second = await first.get_next_page()
    assert [t.id for t in second.data] == ["c"]
    beyond = await second.get_next_page()  # past has_more=false, asked for by hand
    assert beyond.data == [] and server.requests[-1].query == [("limit", "2"), ("after", "c")]
    with pytest.raises(RuntimeError):
        await beyond.get_next_page()
    items = [t.id async for t in async_client.get_api_list("/things", page=AsyncCursorPage[Thing])]
    assert items == ["a", "b", "c"]
    assert server.requests[-1].query == [("after", "b")]


@pytest.mark.anyio
async def test_async_single_page(async_client: AsyncExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.json({"object": "list", "data": [{"id": "x"}]}))
    page = await async_client.get_api_list("/models", page=AsyncPage[Thing])
    assert [t.id async for t in page] == ["x"]
    assert [t.id for t in page] == ["x"]


def test_conversation_cursor_page_follows_last_id_not_item_ids(
    client: ExampleClient, server: ScriptedServer
) -> None:
    # the items' ids are not the cursor here: `last_id` is
    server.reply(
        _page(["a", "b"], True, last_id="cur1"),
        _page(["c"], True, last_id="cur2"),
        _page(["d"], False, last_id="cur3"),
    )
    page = client.get_api_list(
        "/things", page=SyncConversationCursorPage[Thing], query={"limit": 2}
    )
    assert isinstance(page, SyncConversationCursorPage)
    assert [t.id for t in page] == ["a", "b", "c", "d"]
    assert [r.query for r in server.requests[:3]] == [
        [("limit", "2")],
        [("limit", "2"), ("after", "cur1")],
        [("limit", "2"), ("after", "cur2")],
    ]


def test_conversation_cursor_page_ends_without_last_id(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({"object": "list", "data": [{"id": "a"}], "has_more": True}))
    page = client.get_api_list("/things", page=SyncConversationCursorPage[Thing])
    assert not page.has_next_page()
    assert [t.id for t in page] == ["a"]
    assert len(server.requests) == 1


def test_next_cursor_page_follows_next(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(
        _page(["a"], True, next="tok-1"),
        _page(["b"], True, next="tok-2"),
        _page(["c"], True, next=None),
    )
    page = client.get_api_list("/things", page=SyncNextCursorPage[Thing])
    assert isinstance(page, SyncNextCursorPage)
    assert page.next == "tok-1"
    assert [t.id for t in page] == ["a", "b", "c"]  # `next` missing on the last page ends it
    assert [r.query for r in server.requests[:3]] == [
        [],
        [("after", "tok-1")],
        [("after", "tok-2")],
    ]


@pytest.mark.anyio
async def test_async_conversation_and_next_cursor_pages(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        _page(["a"], True, last_id="L1"),
        _page(["b"], False, last_id="L2"),
        _page(["x"], True, next="N1"),
        _page(["y"], False, next="N2"),
    )
    conv = async_client.get_api_list("/things", page=AsyncConversationCursorPage[Thing])
    assert [t.id async for t in conv] == ["a", "b"]
    nxt = await async_client.get_api_list("/things", page=AsyncNextCursorPage[Thing])
    assert isinstance(nxt, AsyncNextCursorPage)
    assert [t.id async for t in nxt] == ["x", "y"]
    assert [r.query for r in server.requests[:4]] == [[], [("after", "L1")], [], [("after", "N1")]]


def test_token_page_sends_next_back_as_page(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(
        _page(["a"], True, next="tok-1"),
        _page(["b"], True, next="tok-2"),
        _page(["c"], True, next=""),
    )
    page = client.get_api_list(
        "/things", page=SyncTokenPage[Thing], query={"limit": 1, "page": "start"}
    )
    assert isinstance(page, SyncTokenPage)
    assert page.next == "tok-1" and page.has_more is True
    assert [t.id for t in page] == ["a", "b", "c"]  # an empty `next` ends it
    assert [r.query for r in server.requests[:3]] == [
        [("limit", "1"), ("page", "start")],
        [("limit", "1"), ("page", "tok-1")],
        [("limit", "1"), ("page", "tok-2")],
    ]


def test_token_page_ends_when_has_more_is_false(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(_page(["a"], False, next="tok-1"))
    page = client.get_api_list("/things", page=SyncTokenPage[Thing])
    assert not page.has_next_page()
    assert [t.id for t in page] == ["a"]
    assert len(server.requests) == 1


@pytest.mark.anyio
async def test_async_token_page(async_client: AsyncExampleClient, server: ScriptedServer) -> None:
    server.reply(_page(["x"], True, next="N1"), _page(["y"], True))
    page = await async_client.get_api_list("/things", page=AsyncTokenPage[Thing])
    assert isinstance(page, AsyncTokenPage)
    assert [t.id async for t in page] == ["x", "y"]  # no `next`: the last page
    assert [r.query for r in server.requests[:2]] == [[], [("page", "N1")]]


def test_pagination_module_exports_every_page_class() -> None:
    import typed_openai.pagination as pagination

    for name in (
        "SyncConversationCursorPage",
        "SyncNextCursorPage",
        "AsyncNextCursorPage",
        "SyncTokenPage",
        "AsyncTokenPage",
    ):
        assert getattr(pagination, name).__module__ == "typed_openai._core._pagination", name


def test_a_page_is_built_as_the_parametrized_model(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(_page(["a"], True), _page(["b"], False))
    page = client.get_api_list("/things", page=SyncCursorPage, model=Thing)
    # the class `SyncCursorPage[Thing]` names (pydantic's), for every page of the walk
    assert type(page) is SyncCursorPage[Thing]
    assert type(page.get_next_page()) is SyncCursorPage[Thing]
    assert page.model_fields_set == {"data", "has_more"}
    assert page.model_extra == {"object": "list", "first_id": "a", "last_id": "a"}
    assert page.first_id == "a"
    with pytest.raises(AttributeError):
        page.next  # noqa: B018  (an extra the response lacks, as on the SDK's page)


def test_a_page_built_by_hand_validates_and_has_no_client() -> None:
    page = SyncCursorPage[Thing].model_validate({"data": [{"id": "a"}], "has_more": True})
    assert page.data == [Thing(id="a")] and page.has_next_page()
    assert [p.data for p in page.model_copy(update={"has_more": False}).iter_pages()] == [
        [Thing(id="a")]
    ]
    with pytest.raises(RuntimeError, match="was not returned by a list call"):
        page.get_next_page()


class Kept(Thing):
    """An item type only the pickling tests parametrize page classes with (inside functions)."""


def _found_by_pickle(cls: type) -> bool:
    return getattr(sys.modules[cls.__module__], cls.__qualname__, None) is cls


def test_pickling_a_page_is_its_clients_refusal_whatever_built_the_page_class(
    client: ExampleClient, server: ScriptedServer
) -> None:
    """A page holds its client: pickling it is refused with the client's message, as an error that
    is both a TypeError (the official SDK's when its page class has a module-level name: its
    client's locks') and a PicklingError (the SDK's in most programs: pickle fails to look its
    page class up). Here pydantic first builds the page class inside a function, so it has no
    module-level name: pickle's lookup of the class failed first (was: a PicklingError only)."""
    server.reply(_page(["a"], False), _page(["b"], False))
    for page in (
        client.get_api_list("/things", page=SyncCursorPage[Kept]),
        client.get_api_list("/things", page=SyncNextCursorPage, model=Kept),
    ):
        assert not _found_by_pickle(type(page))
        with pytest.raises(TypeError, match=r"^cannot pickle 'ExampleClient' object") as refused:
            pickle.dumps(page)
        assert isinstance(refused.value, pickle.PicklingError)


@pytest.mark.anyio
async def test_pickling_an_async_page_is_its_clients_refusal(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(_page(["a"], False))
    page = await async_client.get_api_list("/things", page=AsyncCursorPage[Kept])
    assert not _found_by_pickle(type(page))
    with pytest.raises(TypeError, match=r"^cannot pickle 'AsyncExampleClient' object") as refused:
        pickle.dumps(page)
    assert isinstance(refused.value, pickle.PicklingError)
