"""Every HTTP method OpenAPI allows becomes a working method, sync and async."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _spec() -> dict[str, Any]:
    ok = {
        "200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
        }
    }
    item: dict[str, Any] = {
        "parameters": [
            {"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}
        ]
    }
    for method in METHODS:
        item[method] = {"operationId": f"{method}Thing", "responses": ok}
    item["head"]["responses"] = {"200": {"description": "exists"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Verbs", "version": "1"},
        "components": {
            "schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}}
        },
        "paths": {"/things/{thing_id}": item},
    }


@pytest.fixture
def verbs(build: Callable[..., ModuleType]) -> ModuleType:
    return build(_spec())


def test_every_method_sync(verbs: ModuleType, server: ScriptedServer) -> None:
    client = verbs.Client(base_url=server.url)
    try:
        for method in METHODS:
            if method == "head":
                server.reply(Reply.raw(b"", 200, {"x-size": "3"}, None))
                assert client.things.head_thing("t/1") is None
            else:
                server.reply(Reply.json({"id": method}))
                assert getattr(client.things, f"{method}_thing")("t/1").id == method
            request = server.requests[-1]
            assert (request.method, request.path) == (method.upper(), "/things/t%2F1")
        server.reply(Reply.raw(b"", 200, {"x-size": "3"}, None))
        raw = client.things.with_raw_response.head_thing("t")
        assert raw.headers["x-size"] == "3"
    finally:
        client.close()


@pytest.mark.anyio
async def test_every_method_async(verbs: ModuleType, server: ScriptedServer) -> None:
    async with verbs.AsyncClient(base_url=server.url) as client:
        for method in METHODS:
            if method == "head":
                server.reply(Reply.raw(b"", 200, None, None))
                assert await client.things.head_thing("t") is None
            else:
                server.reply(Reply.json({"id": method}))
                assert (await getattr(client.things, f"{method}_thing")("t")).id == method
            assert server.requests[-1].method == method.upper()
