"""A success response with a byte-string media type is returned as bytes, whatever else it lists.

The upstream document gives some downloads a JSON-string twin (`video/mp4` + `application/json`)
and speech an SSE twin (`application/octet-stream` + `text/event-stream`, chosen by a
`stream_format` body field, not by `stream`). The official SDK returns the binary response type for
all of them, so the generator must not pick the JSON string or the event stream.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

BYTES = {"type": "string", "format": "binary"}

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "media", "version": "1"},
    "paths": {
        "/clips/{clip_id}/content": {
            "get": {
                "operationId": "downloadClip",
                "parameters": [
                    {
                        "name": "clip_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "video/mp4": {"schema": BYTES},
                            "application/json": {"schema": {"type": "string"}},
                        },
                    }
                },
            }
        },
        "/speech": {
            "post": {
                "operationId": "createSpeech",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "input": {"type": "string"},
                                    "stream_format": {"type": "string", "enum": ["sse", "audio"]},
                                },
                                "required": ["input"],
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/octet-stream": {"schema": BYTES},
                            "text/event-stream": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"type": {"type": "string"}},
                                }
                            },
                        },
                    }
                },
            }
        },
    },
}
CONFIG = {
    "resources": {
        "clips": {"methods": {"content": "downloadClip"}},
        "speech": {"methods": {"create": "createSpeech"}},
    }
}


def test_download_with_a_json_string_twin_returns_bytes(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPEC, CONFIG)
    with pkg.Client(api_key="k", base_url=server.url) as client:
        server.reply(Reply.raw(b"\x00mp4", 200, None, "video/mp4"))
        content = client.clips.content("c1")
        assert type(content).__name__ == "BinaryResponseContent"
        assert content.content == b"\x00mp4"
        assert server.requests[0].headers["accept"] == "video/mp4"


def test_bytes_with_an_sse_twin_are_not_a_stream(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPEC, CONFIG)
    with pkg.Client(api_key="k", base_url=server.url) as client:
        server.reply(Reply.raw(b"RIFFwav", 200, None, "application/octet-stream"))
        content = client.speech.create(input="hi", stream_format="audio")
        assert type(content).__name__ == "BinaryResponseContent"
        assert content.content == b"RIFFwav"
        assert server.requests[0].headers["accept"] == "application/octet-stream"
