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

import pytest

from codegen.config import parse_config
from codegen.errors import GeneratorError
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
                            "image/webp": {"schema": BYTES},
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
SPEC["paths"]["/calls"] = {
    "post": {
        "operationId": "createCall",
        "requestBody": {
            "required": True,
            "content": {"application/sdp": {"schema": {"type": "string"}}},
        },
        "responses": {
            "201": {
                "description": "the SDP answer",
                "content": {"application/sdp": {"schema": {"type": "string"}}},
            }
        },
    }
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
        assert type(content).__name__ == "HttpxBinaryResponseContent"
        assert content.content == b"\x00mp4"
        # every byte media type is acceptable (a thumbnail comes back as webp), not the JSON twin
        assert server.requests[0].headers["accept"] == "video/mp4, image/webp"


def test_bytes_with_an_sse_twin_are_not_a_stream(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPEC, CONFIG)
    with pkg.Client(api_key="k", base_url=server.url) as client:
        server.reply(Reply.raw(b"RIFFwav", 200, None, "application/octet-stream"))
        content = client.speech.create(input="hi", stream_format="audio")
        assert type(content).__name__ == "HttpxBinaryResponseContent"
        assert content.content == b"RIFFwav"
        assert server.requests[0].headers["accept"] == "application/octet-stream"


def test_a_text_answer_is_binary_where_the_config_says_so(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    config = {
        "resources": {
            "calls": {
                "methods": {
                    "create": {"operation": "createCall", "response": "binary"},
                }
            }
        }
    }
    plain = {"resources": {"calls": {"methods": {"create": "createCall"}}}}
    forced, as_text = build(SPEC, config), build(SPEC, plain)
    with forced.Client(api_key="k", base_url=server.url) as client:
        server.reply(Reply.raw(b"v=0 answer", 201, None, "application/sdp"))
        content = client.calls.create(body="v=0 offer")
        assert type(content).__name__ == "HttpxBinaryResponseContent"
        assert (content.content, content.text) == (b"v=0 answer", "v=0 answer")
        assert server.requests[-1].headers["accept"] == "application/sdp"
    with as_text.Client(api_key="k", base_url=server.url) as client:
        server.reply(Reply.raw(b"v=0 answer", 201, None, "application/sdp"))
        assert client.calls.create(body="v=0 offer") == "v=0 answer"  # without it: text


def test_response_takes_only_a_known_kind() -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config(
            {"resources": {"c": {"methods": {"m": {"operation": "x", "response": "bytes"}}}}}
        )
    assert "/resources/c/methods/m/response" in str(caught.value)
