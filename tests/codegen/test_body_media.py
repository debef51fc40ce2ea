"""Which of several request-body media types a generated method sends.

JSON is preferred, except over a multipart variant that uploads a file: the upstream document
offers `images.edit` both ways (JSON refers to images by URL/id, multipart sends them), and code
written for the official SDK passes the file (`image=open(...)`), which only multipart can carry.
Where the document lists JSON first (`containers.files.create`), a call that uploads no file
still sends JSON, as the official SDK does; listed after multipart, JSON is never sent.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer


def _operation(
    op_id: str, json_schema: dict[str, Any], multipart: dict[str, Any], json_first: bool = True
) -> Any:
    variants = {
        "application/json": {"schema": json_schema},
        "multipart/form-data": {"schema": multipart},
    }
    return {
        "post": {
            "operationId": op_id,
            "requestBody": {
                "required": True,
                "content": dict(variants.items() if json_first else reversed(variants.items())),
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
        "/files": _operation(
            "addFile",
            {"type": "object", "properties": {"file_id": {"type": "string"}}},
            {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "file_id": {"type": "string"},
                },
            },
        ),
        "/videos": _operation(
            "makeVideo",
            {"type": "object", "properties": {"prompt": {"type": "string"}}},
            {
                "type": "object",
                "properties": {
                    "prompt": {"type": "string"},
                    "reference": {"type": "string", "format": "binary"},
                },
            },
            json_first=False,
        ),
    },
}
CONFIG = {
    "resources": {
        "images": {"methods": {"edit": "editImage", "remix": "remix"}},
        "files": {"methods": {"add": "addFile"}},
        "videos": {"methods": {"make": "makeVideo"}},
    }
}


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


def test_json_listed_first_is_sent_by_a_call_that_uploads_no_file(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPEC, CONFIG)
    with pkg.Client(api_key="k", base_url=server.url) as client:
        server.default = Reply.json({"ok": True})
        client.files.add(file_id="file-1")
        client.files.add(file=("a.txt", b"abc", "text/plain"))
        by_id, upload = server.requests
        assert (by_id.headers["content-type"], by_id.json()) == (
            "application/json",
            {"file_id": "file-1"},
        )
        assert upload.headers["content-type"].startswith("multipart/form-data; boundary=")
        assert b'name="file"; filename="a.txt"' in upload.body


def test_json_listed_after_multipart_is_never_sent(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPEC, CONFIG)
    with pkg.Client(api_key="k", base_url=server.url) as client:
        server.reply(Reply.json({"ok": True}))
        client.videos.make(prompt="a cat")
        request = server.requests[0]
        assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
        assert b'name="prompt"' in request.body


ANSWER = {
    "201": {"description": "answer", "content": {"application/sdp": {"schema": {"type": "string"}}}}
}
CALLS_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "calls", "version": "1"},
    "paths": {
        "/calls": {
            "post": {
                "operationId": "createCall",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["sdp"],
                                "properties": {
                                    "sdp": {"type": "string"},
                                    "session": {
                                        "type": "object",
                                        "properties": {"type": {"type": "string"}},
                                    },
                                },
                            },
                            "encoding": {
                                "sdp": {"contentType": "application/sdp"},
                                "session": {"contentType": "application/json"},
                            },
                        },
                        "application/sdp": {"schema": {"type": "string"}},
                    },
                },
                "responses": ANSWER,
            }
        }
    },
}
CALLS_CONFIG = {
    "resources": {
        "calls": {"methods": {"create": {"operation": "createCall", "response": "binary"}}}
    }
}


def test_a_part_the_operation_takes_alone_is_sent_alone(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    """`realtime.calls.create(sdp=...)`: the operation takes the multipart form or the bare SDP
    offer (`application/sdp`, the `sdp` part's own type); the offer given alone goes out bare,
    as the official SDK sends it, anything more (a session, even null, or `extra_body`) as the
    form."""
    pkg = build(CALLS_SPEC, CALLS_CONFIG)
    offer = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n"
    with pkg.Client(api_key="k", base_url=server.url) as client:
        server.default = Reply.raw(b"v=0 answer", 201, None, "application/sdp")
        client.calls.create(sdp=offer)
        client.calls.create(sdp=offer, session={"type": "realtime"})
        client.calls.create(sdp=offer, session=None)
        client.calls.create(sdp=offer, extra_body={"note": "x"})
        alone, *forms = server.requests
    assert (alone.headers["content-type"], alone.body) == ("application/sdp", offer.encode())
    assert alone.headers["accept"] == "application/sdp"
    for form in forms:
        assert form.headers["content-type"].startswith("multipart/form-data; boundary=")
        assert b'name="sdp"\r\nContent-Type: application/sdp\r\n\r\n' + offer.encode() in form.body
