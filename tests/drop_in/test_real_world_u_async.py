"""Real-world sweep U, the async forms of the upload helpers and streamed transcripts, and how
they fail: a vector-store file whose processing fails, a batch upload whose file is refused, a
chunked upload interrupted by a server error, and a streamed transcript read with ``async for`` —
run against both packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_b import POLL_FAST
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def file_object(file_id: str) -> dict[str, Any]:
    return {
        "id": file_id,
        "object": "file",
        "bytes": 3,
        "created_at": 1,
        "filename": "a.txt",
        "purpose": "assistants",
        "status": "uploaded",
    }


def store_file(status: str, error: Any = None) -> dict[str, Any]:
    return {
        "id": "file-1",
        "object": "vector_store.file",
        "created_at": 1,
        "usage_bytes": 0,
        "vector_store_id": "vs_1",
        "status": status,
        "last_error": error,
    }


def refused(message: str, status: int = 400) -> Reply:
    return Reply.json(
        {
            "error": {
                "message": message,
                "type": "invalid_request_error",
                "param": "file",
                "code": None,
            }
        },
        status=status,
    )


def failure(error: Exception, openai: ModuleType) -> Any:
    return (
        type(error).__name__,
        isinstance(error, openai.APIStatusError),
        getattr(error, "status_code", None),
        getattr(error, "param", None),
    )


@async_program
async def async_store_file_fails_processing(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(file_object("file-1")),
        Reply.json(store_file("in_progress"), headers=POLL_FAST),
        Reply.json(
            store_file("failed", {"code": "unsupported_file", "message": "bad pdf"}),
            headers=POLL_FAST,
        ),
    )
    done = await client.vector_stores.files.upload_and_poll(
        vector_store_id="vs_1", file=("broken.pdf", b"%PDF-", "application/pdf")
    )
    return done.status, done.last_error.code, done.last_error.message


@async_program
async def async_batch_upload_refused(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/files", refused("File type not supported"))
    try:
        await client.vector_stores.file_batches.upload_and_poll(
            "vs_1", files=[("a.exe", b"MZ")], max_concurrency=2
        )
    except Exception as error:
        return failure(error, openai), [r.path for r in server.requests]
    return "no error"


@program
def batch_upload_refused(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route("POST", "/v1/files", refused("File type not supported"))
    try:
        client.vector_stores.file_batches.upload_and_poll("vs_1", files=[("a.exe", b"MZ")])
    except Exception as error:
        return failure(error, openai), [r.path for r in server.requests]
    return "no error"


@program
def chunked_upload_interrupted(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "id": "upload_1",
                "object": "upload",
                "bytes": 8,
                "created_at": 1,
                "expires_at": 2,
                "filename": "x.bin",
                "purpose": "batch",
                "status": "pending",
            }
        ),
        refused("Part too large", status=413),
    )
    try:
        client.uploads.upload_file_chunked(
            file=b"12345678",
            filename="x.bin",
            bytes=8,
            mime_type="application/octet-stream",
            purpose="batch",
        )
    except Exception as error:
        return failure(error, openai), [r.path for r in server.requests]
    return "no error"


@async_program
async def async_transcript_streamed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    events = [
        {"type": "transcript.text.delta", "delta": "Hi"},
        {"type": "transcript.text.delta", "delta": " there", "segment_id": "seg_1"},
        {"type": "transcript.text.done", "text": "Hi there"},
    ]
    body = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events)
    server.reply(Reply.raw(body.encode(), content_type="text/event-stream"))
    stream = await client.audio.transcriptions.create(
        model="gpt-4o-transcribe", file=("a.wav", b"RIFF"), stream=True
    )
    seen = []
    async for event in stream:
        seen.append((type(event).__name__, event.model_dump(exclude_none=True)))
    await stream.close()
    return seen, server.requests[0].headers.get("accept")


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
