"""Which of several request-body media types a generated method sends.

JSON is preferred, except over a multipart variant that uploads a file: the upstream document
offers `images.edit` both ways (JSON refers to images by URL/id, multipart sends them), and code
written for the official SDK passes the file (`image=open(...)`), which only multipart can carry.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer


def _operation(op_id: str, json_schema: dict[str, Any], multipart: dict[str, Any]) -> Any:
    return {
        "post": {
            "operationId": op_id,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": json_schema},
                    "multipart/form-data": {"schema": multipart},
                },
            },
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"ok": {"type": "boolean"}}}
                        }
                    },
                }
            },
        }
    }


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "media", "version": "1"},
    "paths": {
        "/edits": _operation(
            "editImage",
            {
                "type": "object",
                "properties": {
                    "images": {
                        "type": "array",
                        "items": {"type": "object", "properties": {"url": {"type": "string"}}},
                    },
                    "prompt": {"type": "string"},
                },
                "required": ["images", "prompt"],
            },
            {
                "type": "object",
                "properties": {
                    "image": {
                        "anyOf": [
                            {"type": "string", "format": "binary"},
                            {"type": "array", "items": {"type": "string", "format": "binary"}},
                        ]
                    },
                    "prompt": {"type": "string"},
                },
                "required": ["image", "prompt"],
            },
        ),
        "/remixes": _operation(
            "remix",
            {
                "type": "object",
                "properties": {"prompt": {"type": "string"}},
                "required": ["prompt"],
            },
            {
                "type": "object",
                "properties": {"prompt": {"type": "string"}},
                "required": ["prompt"],
            },
        ),
    },
}
CONFIG = {"resources": {"images": {"methods": {"edit": "editImage", "remix": "remix"}}}}


def test_a_multipart_variant_that_uploads_a_file_wins_over_json(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPEC, CONFIG)
    with pkg.Client(api_key="k", base_url=server.url) as client:
        server.reply(Reply.json({"ok": True}))
        client.images.edit(image=("a.png", b"\x89PNG", "image/png"), prompt="hat")
        request = server.requests[0]
        assert request.headers["content-type"].startswith("multipart/form-data")
        assert b'name="image"; filename="a.png"' in request.body and b"\x89PNG" in request.body


def test_json_stays_preferred_when_multipart_carries_no_file(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPEC, CONFIG)
    with pkg.Client(api_key="k", base_url=server.url) as client:
        server.reply(Reply.json({"ok": True}))
        client.images.remix(prompt="again")
        request = server.requests[0]
        assert request.headers["content-type"].startswith("application/json")
        assert request.json() == {"prompt": "again"}
