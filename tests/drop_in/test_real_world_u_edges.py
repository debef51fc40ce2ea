"""Real-world sweep U, edges that scripts written for the official SDK hit on other servers and
in older code: an OpenAI-compatible server that answers the default (base64) embeddings request
with plain floats, ``NOT_GIVEN`` / ``omit`` passed on purpose, model ids with slashes and colons
in the path, a chunked upload of a path with the size and name left to the helper, webhooks
unwrapped from ``bytes`` with an ``httpx``-style header mapping, and container files streamed —
run against both packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import base64
import struct
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-u-edges-"))


def embeddings(*data: Any) -> dict[str, Any]:
    return {
        "object": "list",
        "model": "nomic-embed-text",
        "data": [{"object": "embedding", "index": i, "embedding": e} for i, e in enumerate(data)],
        "usage": {"prompt_tokens": 2, "total_tokens": 2},
    }


@program
def compatible_server_ignores_base64(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    packed = base64.b64encode(struct.pack("<2f", 0.25, 0.5)).decode()
    server.reply(
        Reply.json(embeddings([0.1, 0.2, 0.3])),
        Reply.json(embeddings(packed)),
        Reply.json(embeddings(packed)),
        Reply.json(embeddings([1.0])),
    )
    floats = client.embeddings.create(model="nomic-embed-text", input="hi")
    not_given = client.embeddings.create(model="m", input="hi", encoding_format=openai.NOT_GIVEN)
    omitted = client.embeddings.create(model="m", input="hi", encoding_format=openai.omit)
    none_user = client.embeddings.create(
        model="m", input="hi", dimensions=openai.NOT_GIVEN, user="u"
    )
    return (
        floats.data[0].embedding,
        not_given.data[0].embedding,
        omitted.data[0].embedding,
        none_user.data[0].embedding,
        [r.json() for r in server.requests],
    )


@program
def model_ids_with_slashes_and_colons(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    model = {"id": "x", "object": "model", "created": 1, "owned_by": "me"}
    server.default = Reply.json(model)
    client.models.retrieve("accounts/fireworks/models/llama-v3")
    client.models.retrieve("ft:gpt-4o-mini:acme:custom:id")
    client.models.retrieve("name with space?&#")
    client.files.retrieve("file-abc/../x")
    return [(r.method, r.path, r.query) for r in server.requests]


@program
def chunked_upload_of_a_path(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    out = folder()
    (out / "train.jsonl").write_bytes(b'{"messages": []}\n' * 3)
    upload = {
        "id": "upload_1",
        "object": "upload",
        "bytes": 51,
        "created_at": 1,
        "expires_at": 2,
        "filename": "train.jsonl",
        "purpose": "fine-tune",
        "status": "pending",
    }
    server.reply(
        Reply.json(upload),
        Reply.json(
            {"id": "part_1", "object": "upload.part", "created_at": 1, "upload_id": "upload_1"}
        ),
        Reply.json({**upload, "status": "completed"}),
    )
    done = client.uploads.upload_file_chunked(
        file=out / "train.jsonl", mime_type="text/jsonl", purpose="fine-tune"
    )
    return done.status, server.requests[0].json(), server.requests[-1].json()


@program
def webhook_from_bytes_and_header_objects(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    import hashlib
    import hmac
    import json
    import time

    import httpx

    secret = "whsec_" + base64.b64encode(b"k" * 24).decode()
    body = json.dumps(
        {
            "id": "evt_9",
            "object": "event",
            "type": "response.completed",
            "created_at": 1,
            "data": {"id": "resp_1"},
            "extra": "kept",
        }
    ).encode()
    now = str(int(time.time()))
    mac = hmac.new(
        base64.b64decode(secret[6:]), b"msg_9." + now.encode() + b"." + body, hashlib.sha256
    )
    signature = "v1,bad v1," + base64.b64encode(mac.digest()).decode()
    headers = httpx.Headers(
        {"webhook-id": "msg_9", "webhook-timestamp": now, "webhook-signature": signature}
    )
    event = client.webhooks.unwrap(body, headers, secret=secret)
    return type(event).__name__, event.data.id, event.model_dump().get("extra"), event.to_dict()


@program
def container_file_streamed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    out = folder()
    server.default = Reply.raw(b"col\n1\n", content_type="text/csv")
    with client.containers.files.content.with_streaming_response.retrieve(
        "cfile_1", container_id="cntr_1"
    ) as response:
        response.stream_to_file(out / "out.csv")
        kind = response.headers.get("content-type")
    raw = client.containers.files.content.with_raw_response.retrieve(
        "cfile_1", container_id="cntr_1"
    )
    return (
        (out / "out.csv").read_text(),
        kind,
        raw.content,
        raw.parse().text,
        raw.http_request.url.path,
    )


@program
def store_search_contents_and_checkpoint_sharing(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    hit = {
        "file_id": "file-1",
        "filename": "handbook.md",
        "score": 0.91,
        "attributes": {"team": "hr", "year": 2024},
        "content": [{"type": "text", "text": "Vacation is 25 days."}],
    }
    permission = {
        "id": "cp_1",
        "object": "checkpoint.permission",
        "created_at": 1,
        "project_id": "proj_1",
    }
    server.reply(
        Reply.json(
            {
                "object": "vector_store.search_results.page",
                "search_query": ["vacation"],
                "data": [hit],
                "has_more": False,
                "next_page": None,
            }
        ),
        Reply.json(
            {
                "object": "vector_store.file_content.page",
                "data": [{"type": "text", "text": "# Handbook"}],
                "has_more": False,
                "next_page": None,
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [permission],
                "first_id": "cp_1",
                "last_id": "cp_1",
                "has_more": False,
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [permission],
                "first_id": "cp_1",
                "last_id": "cp_1",
                "has_more": False,
            }
        ),
        Reply.json({"id": "cp_1", "object": "checkpoint.permission", "deleted": True}),
        Reply.json(
            {
                "object": "list",
                "data": [
                    {
                        "id": "file-1",
                        "object": "vector_store.file",
                        "created_at": 1,
                        "usage_bytes": 1,
                        "vector_store_id": "vs_1",
                        "status": "failed",
                        "last_error": {"code": "unsupported_file", "message": "nope"},
                    }
                ],
                "first_id": "file-1",
                "last_id": "file-1",
                "has_more": False,
            }
        ),
    )
    results = client.vector_stores.search(
        "vs_1",
        query="vacation",
        filters={
            "type": "and",
            "filters": [
                {"type": "eq", "key": "team", "value": "hr"},
                {"type": "gte", "key": "year", "value": 2024},
            ],
        },
        max_num_results=5,
        ranking_options={"ranker": "auto", "score_threshold": 0.5},
        rewrite_query=True,
    )
    found = [(r.filename, r.score, r.attributes, r.content[0].text) for r in results]
    contents = [
        c.text for c in client.vector_stores.files.content("file-1", vector_store_id="vs_1")
    ]
    checkpoint = "ft:gpt-4o-mini:acme::abc:ckpt-step-10"
    shared = client.fine_tuning.checkpoints.permissions.create(checkpoint, project_ids=["proj_1"])
    listed = client.fine_tuning.checkpoints.permissions.retrieve(checkpoint, project_id="proj_1")
    removed = client.fine_tuning.checkpoints.permissions.delete(
        "cp_1", fine_tuned_model_checkpoint=checkpoint
    )
    failed = [
        (f.id, f.last_error.code)
        for f in client.vector_stores.file_batches.list_files(
            "vsfb_1", vector_store_id="vs_1", filter="failed"
        )
    ]
    return (
        found,
        contents,
        [p.project_id for p in shared],
        type(listed).__name__,
        [p.id for p in listed.data],
        removed.deleted,
        failed,
        [(r.method, r.path, r.query) for r in server.requests],
        server.requests[0].json(),
    )


@program
def binary_answer_read_as_json_with_decimals(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A download of a JSON file (a batch's output, a container's result) read with
    ``json(parse_float=Decimal)`` so money amounts keep their digits."""
    from decimal import Decimal

    server.default = Reply.raw(b'{"total": 10.10, "rows": [1.5]}', content_type="application/json")
    content = client.files.content("file-1")
    exact = content.json(parse_float=Decimal)
    return exact, type(exact["total"]).__name__, content.json()["rows"]


test_program_observes_the_same = observed_the_same(PROGRAMS)
