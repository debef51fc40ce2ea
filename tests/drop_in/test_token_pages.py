"""Token pages (``typed_openai.pagination.SyncTokenPage``/``AsyncTokenPage``) against the official
SDK's: the next page is asked for with ``page=<next>``, and the walk ends when ``has_more`` is false
or ``next`` is missing. The SDK pages only ``beta.agents.environments.files.list`` this way (an
operation our OpenAPI document does not have), so the same pages are fetched through that method on
the SDK and through ``get_api_list`` with our page class, and what went over the wire is compared."""

from __future__ import annotations

from typing import Any

import pytest

import typed_openai
from tests.support.server import RecordedRequest, Reply, ScriptedServer
from typed_openai.pagination import AsyncTokenPage, SyncTokenPage

from .conftest import async_client_of, client_of, official

PATH = "/agents/environments/env_1/files"


def _pages(server: ScriptedServer) -> None:
    file = {"path": "/a", "type": "file"}
    server.reply(
        Reply.json({"data": [file], "has_more": True, "next": "t1"}),
        Reply.json({"data": [{**file, "path": "/b"}], "has_more": True, "next": "t2"}),
        Reply.json({"data": [{**file, "path": "/c"}], "has_more": False, "next": "t3"}),
    )


def _queries(requests: list[RecordedRequest]) -> list[Any]:
    return [(r.method, r.path, r.query) for r in requests]


class File(typed_openai.BaseModel):
    path: str


def test_sync_token_page_walks_as_the_sdks(server: ScriptedServer) -> None:
    _pages(server)
    with client_of(official(), server.url) as client:
        theirs = [f.path for f in client.beta.agents.environments.files.list("env_1", limit=1)]
    their_queries = _queries(server.requests)
    _pages(server)
    with client_of(typed_openai, server.url) as client:
        page = client.get_api_list(PATH, page=SyncTokenPage[File], query={"limit": 1})
        assert isinstance(page, SyncTokenPage) and (page.has_more, page.next) == (True, "t1")
        assert type(page).__name__ == "SyncTokenPage[File]"  # as the SDK names its page
        ours = [f.path for f in page]
    our_queries = _queries(server.requests[len(their_queries) :])
    assert ours == theirs == ["/a", "/b", "/c"]
    assert our_queries == their_queries
    assert [q for _, _, q in our_queries] == [
        [("limit", "1")],
        [("limit", "1"), ("page", "t1")],
        [("limit", "1"), ("page", "t2")],
    ]


@pytest.mark.anyio
async def test_async_token_page_walks_as_the_sdks(server: ScriptedServer) -> None:
    _pages(server)
    async with async_client_of(official(), server.url) as client:
        theirs = [f.path async for f in client.beta.agents.environments.files.list("env_1")]
    their_queries = _queries(server.requests)
    _pages(server)
    async with async_client_of(typed_openai, server.url) as client:
        ours = [f.path async for f in client.get_api_list(PATH, page=AsyncTokenPage[File])]
    assert ours == theirs == ["/a", "/b", "/c"]
    assert _queries(server.requests[len(their_queries) :]) == their_queries


def test_the_page_classes_are_the_sdks_names() -> None:
    import openai.pagination

    for name in ("SyncTokenPage", "AsyncTokenPage"):
        assert hasattr(openai.pagination, name)
        assert name in typed_openai.pagination.__all__
