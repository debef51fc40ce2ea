"""A page prints as the official SDK's does (logs and notebooks show it):
``SyncPage[Model](data=[...], object='list', has_more=False)`` — the item type in the name, the
page class's fields, then the response's other keys. Same code, both SDKs, loopback server."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both

MODEL = {"id": "m", "object": "model", "created": 1, "owned_by": "me"}
FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 3,
    "created_at": 1,
    "filename": "a.txt",
    "purpose": "assistants",
    "status": "processed",
}
LISTS = {
    "models.list": ({"object": "list", "data": [MODEL]}, lambda c: c.models.list()),
    "models.list extras": ({"data": [MODEL], "has_more": True, "x": 1}, lambda c: c.models.list()),
    "files.list": (
        {"object": "list", "data": [FILE], "has_more": False, "first_id": "file-1"},
        lambda c: c.files.list(),
    ),
    "batches.list empty": ({"object": "list", "data": []}, lambda c: c.batches.list()),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_page_prints_as_the_official_one(server: ScriptedServer, name: str) -> None:
    body, call = LISTS[name]
    server.default = Reply.json(body)

    def observe(sdk: ModuleType) -> Any:
        with client_of(sdk, server.url + "/v1") as client:
            page = call(client)
            return repr(page), str(page)

    ours, theirs = run_both(observe)
    assert ours == theirs


@pytest.mark.anyio
async def test_an_async_page_prints_as_the_official_one(server: ScriptedServer) -> None:
    server.default = Reply.json(LISTS["files.list"][0])

    async def observe(sdk: ModuleType) -> Any:
        async with async_client_of(sdk, server.url + "/v1") as client:
            return repr(await client.files.list())

    ours, theirs = await arun_both(observe)
    assert ours == theirs
