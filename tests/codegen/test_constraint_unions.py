"""`anyOf` alternatives that only list required fields are constraints, not a change of shape."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "batches", "version": "1"},
    "paths": {
        "/stores/{store_id}/batches": {
            "post": {
                "operationId": "createBatch",
                "parameters": [
                    {
                        "name": "store_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/NewBatch"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/NewBatch"}
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "NewBatch": {
                "type": "object",
                "properties": {
                    "file_ids": {"type": "array", "items": {"type": "string"}},
                    "files": {"type": "array", "items": {"type": "string"}},
                },
                "anyOf": [{"required": ["file_ids"]}, {"required": ["files"]}],
            }
        }
    },
}


def test_required_alternatives_keep_the_fields_as_arguments(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPEC)
    client = pkg.Client(api_key="k", base_url=server.url)
    try:
        params = inspect.signature(client.stores.create_batch).parameters
        assert "file_ids" in params and "files" in params and "body" not in params
        server.reply(Reply.json({"file_ids": ["a"]}))
        batch = client.stores.create_batch("s1", file_ids=["a"])
        assert server.requests[-1].json() == {"file_ids": ["a"]}
        assert batch.file_ids == ["a"]
    finally:
        client.close()
