"""Real-world sweep X, the platform pieces around files: a knowledge base built with
``file_batches.upload_and_poll`` (local files and ids already uploaded, a failed upload, a batch
cancelled while files were still processing), single files attached and polled, containers for
the code interpreter with files put in and read back, and webhook receivers checking signatures
and dispatching on the event type — programs written for the official SDK, run unchanged against
both packages over the scripted loopback server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import multipart_parts, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__, str(error)[:120])


def calls(server: ScriptedServer) -> list[Any]:
    """Method and path of each request, in order."""
    return [(r.method, r.path) for r in server.requests]


# --- vector store file batches ---------------------------------------------------------------------


def file_batch(status: str, in_progress: int, completed: int = 0, **counts: int) -> Any:
    file_counts = {
        "in_progress": in_progress,
        "completed": completed,
        "failed": counts.get("failed", 0),
        "cancelled": counts.get("cancelled", 0),
    }
    file_counts["total"] = sum(file_counts.values())
    return {
        "id": "vsfb_1",
        "object": "vector_store.files_batch",
        "created_at": 1733000000,
        "vector_store_id": "vs_1",
        "status": status,
        "file_counts": file_counts,
    }


def uploaded(request: RecordedRequest) -> Reply:
    """files.create: the id names the uploaded file, so the batch's ids are predictable."""
    parts = {part[0]: part for part in multipart_parts(request)}
    name = parts["file"][1] or "upload"
    return Reply.json(
        {
            "id": "file-" + name.split(".")[0],
            "object": "file",
            "bytes": len(parts["file"][3]),
            "created_at": 1733000000,
            "filename": name,
            "purpose": parts["purpose"][3].decode(),
            "status": "processed",
        }
    )


def batch_create_body(server: ScriptedServer) -> Any:
    body = next(r.json() for r in server.requests if r.path.endswith("/file_batches"))
    return {**body, "file_ids": sorted(body["file_ids"])}


@program
def knowledge_base_from_a_folder(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The file-search quickstart: upload every file of a folder into a new vector store."""
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST",
        "/v1/vector_stores",
        Reply.json(
            {
                "id": "vs_1",
                "object": "vector_store",
                "created_at": 1733000000,
                "name": "Handbook",
                "usage_bytes": 0,
                "file_counts": {
                    "in_progress": 0,
                    "completed": 0,
                    "failed": 0,
                    "cancelled": 0,
                    "total": 0,
                },
                "status": "completed",
                "last_active_at": 1733000000,
                "metadata": {},
            }
        ),
    )
    server.route(
        "POST", "/v1/vector_stores/vs_1/file_batches", Reply.json(file_batch("in_progress", 3))
    )

    def poll(request: RecordedRequest) -> Reply:
        # (the server's own record: the routes outlive one run of the program)
        if sum(r.method == "GET" for r in server.requests) == 1:
            return Reply.json(file_batch("in_progress", 2, 1))
        return Reply.json(file_batch("completed", 0, 3, failed=1))

    server.route("GET", "/v1/vector_stores/vs_1/file_batches/vsfb_1", Reply.dynamic(poll))
    with tempfile.TemporaryDirectory() as folder:
        for name in ("policies.md", "benefits.pdf"):
            Path(folder, name).write_bytes(name.encode())
        store = client.vector_stores.create(name="Handbook")
        paths = sorted(Path(folder).iterdir())
        streams = [open(path, "rb") for path in paths]  # noqa: SIM115 (closed below)
        try:
            batch = client.vector_stores.file_batches.upload_and_poll(
                vector_store_id=store.id,
                files=streams,
                file_ids=["file-existing"],
                max_concurrency=2,
                poll_interval_ms=5,
                chunking_strategy={"type": "auto"},
            )
        finally:
            for stream in streams:
                stream.close()
    return (
        sorted(calls(server)),
        batch_create_body(server),
        batch.status,
        batch.file_counts.model_dump(),
    )


@program
def batch_cancelled_while_files_processed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``create_and_poll`` returns once no file is in progress any more, the batch's status
    aside: a cancelled batch is polled until its files stopped too."""
    server.reply(
        Reply.json(file_batch("in_progress", 2)),
        Reply.json(file_batch("cancelled", 1, 1)),
        Reply.json(file_batch("cancelled", 0, 1, cancelled=1)),
    )
    batch = client.vector_stores.file_batches.create_and_poll(
        "vs_1", file_ids=["file-a", "file-b"], poll_interval_ms=1
    )
    return calls(server), batch.status, batch.file_counts.model_dump()


@program
def batch_done_while_its_status_lags(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """No file in progress: done, even while the batch still says in_progress."""
    server.reply(
        Reply.json(file_batch("in_progress", 1)),
        Reply.json(file_batch("in_progress", 0, 1)),
    )
    batch = client.vector_stores.file_batches.create_and_poll(
        "vs_1", files=[{"file_id": "file-a", "attributes": {"lang": "en"}}], poll_interval_ms=1
    )
    return calls(server), batch.status, batch.file_counts.completed, server.requests[0].json()


@program
def failed_upload_stops_the_batch(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def answer(request: RecordedRequest) -> Reply:
        parts = {part[0]: part for part in multipart_parts(request)}
        if parts["file"][1] == "bad.exe":
            return Reply.json(
                {
                    "error": {
                        "message": "Invalid file format. Supported formats: ...",
                        "type": "invalid_request_error",
                        "param": "file",
                        "code": "unsupported_file",
                    }
                },
                status=400,
            )
        return uploaded(request)

    server.route("POST", "/v1/files", Reply.dynamic(answer))
    try:
        client.vector_stores.file_batches.upload_and_poll(
            "vs_1", files=[("bad.exe", b"MZ")], max_concurrency=1
        )
        error = None
    except openai.BadRequestError as exc:
        error = (exc.status_code, exc.code, exc.param, exc.message)
    return error, calls(server)


@program
def files_listed_in_a_batch(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def vs_file(n: int, status: str) -> Any:
        return {
            "id": f"file-{n}",
            "object": "vector_store.file",
            "created_at": 1733000000,
            "usage_bytes": 100 * n,
            "vector_store_id": "vs_1",
            "status": status,
            "last_error": {"code": "unsupported_file", "message": "bad"}
            if status == "failed"
            else None,
            "chunking_strategy": {
                "type": "static",
                "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
            },
            "attributes": {"n": n},
        }

    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [vs_file(1, "failed"), vs_file(2, "failed")],
                "first_id": "file-1",
                "last_id": "file-2",
                "has_more": False,
            }
        ),
        Reply.json(file_batch("cancelled", 0, 0, cancelled=2)),
    )
    failed = client.vector_stores.file_batches.list_files(
        "vsfb_1", vector_store_id="vs_1", filter="failed", order="asc"
    )
    errors = [
        (f.id, f.last_error.code, f.chunking_strategy.static.max_chunk_size_tokens) for f in failed
    ]
    cancelled = client.vector_stores.file_batches.cancel("vsfb_1", vector_store_id="vs_1")
    return (
        [wire(r) for r in server.requests],
        errors,
        [f.attributes for f in failed.data],
        cancelled.status,
    )


def vs_file_object(status: str) -> Any:
    return {
        "id": "file-a",
        "object": "vector_store.file",
        "created_at": 1733000000,
        "usage_bytes": 0,
        "vector_store_id": "vs_1",
        "status": status,
        "last_error": None,
    }


@program
def single_file_attached_and_polled(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(vs_file_object("in_progress")),
        Reply.json(vs_file_object("in_progress")),
        Reply.json(vs_file_object("completed")),
    )
    attached = client.vector_stores.files.create_and_poll(
        file_id="file-a", vector_store_id="vs_1", attributes={"team": "hr"}, poll_interval_ms=1
    )
    return [wire(r) for r in server.requests], attached.status


@program
def file_poll_returns_on_a_status_it_does_not_know(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The SDK polls while a file is ``in_progress`` and hands back anything else, a status
    newer than it included."""
    server.reply(
        Reply.json(vs_file_object("in_progress")),
        Reply.json(vs_file_object("queued_for_retry")),
    )
    polled = client.vector_stores.files.poll("file-a", vector_store_id="vs_1", poll_interval_ms=1)
    return calls(server), polled.status


def video(status: str, progress: int) -> Any:
    return {
        "id": "video_1",
        "object": "video",
        "created_at": 1733000000,
        "status": status,
        "model": "sora-2",
        "progress": progress,
        "seconds": "4",
        "size": "720x1280",
        "completed_at": None,
        "expires_at": None,
        "error": None,
        "remixed_from_video_id": None,
        "prompt": "otters",
    }


@program
def video_poll_returns_on_a_status_it_does_not_know(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Polled while queued or in progress; a status newer than the SDK is handed back."""
    server.reply(
        Reply.json(video("queued", 0)),
        Reply.json(video("in_progress", 40)),
        Reply.json(video("moderation_review", 100)),
    )
    polled = client.videos.poll("video_1", poll_interval_ms=1)
    return calls(server), polled.status, polled.progress


# --- containers ----------------------------------------------------------------------------------


def container(**extra: Any) -> Any:
    return {
        "id": "cntr_1",
        "object": "container",
        "created_at": 1733000000,
        "status": "running",
        "name": "analysis",
        "expires_after": {"anchor": "last_active_at", "minutes": 20},
        "last_active_at": 1733000000,
        "memory_limit": "4g",
        **extra,
    }


def container_file(file_id: str, path: str, source: str = "user") -> Any:
    return {
        "id": file_id,
        "object": "container.file",
        "created_at": 1733000000,
        "bytes": 42,
        "container_id": "cntr_1",
        "path": path,
        "source": source,
    }


@program
def container_workspace_round_trip(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(container()),
        Reply.json(container_file("cfile_1", "/mnt/data/sales.csv")),
        Reply.json(
            {
                "object": "list",
                "data": [
                    container_file("cfile_1", "/mnt/data/sales.csv"),
                    container_file("cfile_2", "/mnt/data/chart.png", "assistant"),
                ],
                "first_id": "cfile_1",
                "last_id": "cfile_2",
                "has_more": False,
            }
        ),
        Reply.raw(b"\x89PNG chart", content_type="image/png"),
        Reply.empty(200),
        Reply.json(container(status="expired")),
    )
    box = client.containers.create(
        name="analysis",
        memory_limit="4g",
        expires_after={"anchor": "last_active_at", "minutes": 20},
    )
    csv = io.BytesIO(b"region,sales\nEU,10\n")
    csv.name = "sales.csv"
    put = client.containers.files.create(box.id, file=csv)
    outputs = [
        f for f in client.containers.files.list(box.id, order="asc") if f.source == "assistant"
    ]
    chart = client.containers.files.content.retrieve(outputs[0].id, container_id=box.id)
    removed = client.containers.files.delete(put.id, container_id=box.id)
    later = client.containers.retrieve(box.id)
    seen = []
    for request in server.requests:
        method, path, query, headers, content_type, body = wire(request)
        if path.endswith("/content"):
            headers = {k: v for k, v in headers.items() if k != "accept"}  # known difference
        seen.append((method, path, query, headers, content_type, body))
    return (
        seen,
        (box.id, box.memory_limit, box.expires_after.minutes),
        (put.path, put.source),
        [o.path for o in outputs],
        chart.read(),
        removed,
        later.status,
    )


@program
def containers_listed_and_cleaned(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [container(id="cntr_1", status="expired"), container(id="cntr_2")],
                "first_id": "cntr_1",
                "last_id": "cntr_2",
                "has_more": False,
            }
        ),
        Reply.empty(200),
    )
    expired = [
        c.id for c in client.containers.list(limit=50, order="desc") if c.status == "expired"
    ]
    results = [client.containers.delete(c) for c in expired]
    return calls(server), expired, results, [sorted(r.query) for r in server.requests]


# --- webhooks --------------------------------------------------------------------------------------


KEY = b"sweep-x webhook signing key 32b!"
SECRET = "whsec_" + base64.b64encode(KEY).decode()


def signed_headers(body: str, msg_id: str = "msg_1", at: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if at is None else at)
    mac = hmac.new(KEY, f"{msg_id}.{stamp}.{body}".encode(), hashlib.sha256).digest()
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": stamp,
        "webhook-signature": "v1,bad " + "v1," + base64.b64encode(mac).decode(),
    }


def event_body(kind: str, data: dict[str, Any]) -> str:
    return json.dumps(
        {"id": "evt_1", "object": "event", "type": kind, "created_at": 1733000000, "data": data}
    )


@program
def webhook_dispatcher(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A receiver that verifies, then routes on ``event.type`` to its handlers."""
    receiver = openai.OpenAI(api_key="sk-x", base_url=server.url, webhook_secret=SECRET)
    events = [
        ("response.completed", {"id": "resp_1"}),
        ("batch.expired", {"id": "batch_1"}),
        ("fine_tuning.job.cancelled", {"id": "ftjob-1"}),
        ("eval.run.canceled", {"id": "evalrun_1"}),
        (
            "realtime.call.incoming",
            {"call_id": "rtc_1", "sip_headers": [{"name": "From", "value": "+1"}]},
        ),
        ("response.incomplete", {"id": "resp_2"}),
    ]
    handled = []
    for kind, data in events:
        body = event_body(kind, data)
        event = receiver.webhooks.unwrap(body, signed_headers(body))
        if event.type == "realtime.call.incoming":
            handled.append((event.type, event.data.call_id, event.data.sip_headers[0].value))
        else:
            handled.append((event.type, event.data.id, type(event).__name__, event.object))
    receiver.close()
    return handled


@program
def webhook_rejections(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = event_body("batch.completed", {"id": "batch_1"})
    good = signed_headers(body)
    old = signed_headers(body, at=int(time.time()) - 3600)
    future = signed_headers(body, at=int(time.time()) + 3600)
    tampered = body.replace("batch_1", "batch_2")
    return [
        outcome(lambda: client.webhooks.verify_signature(body, good, secret=SECRET)),
        outcome(lambda: client.webhooks.verify_signature(tampered, good, secret=SECRET))[:2],
        outcome(lambda: client.webhooks.verify_signature(body, old, secret=SECRET))[:2],
        outcome(lambda: client.webhooks.verify_signature(body, future, secret=SECRET))[:2],
        outcome(lambda: client.webhooks.verify_signature(body, old, secret=SECRET, tolerance=7200)),
        outcome(
            lambda: client.webhooks.unwrap(body, {**good, "webhook-id": "msg_2"}, secret=SECRET)
        )[:2],
        outcome(lambda: client.webhooks.unwrap(body, good))[:2],
        issubclass(openai.InvalidWebhookSignatureError, ValueError),
    ]


# --- async ---------------------------------------------------------------------------------------


@async_program
async def async_upload_and_poll(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST", "/v1/vector_stores/vs_1/file_batches", Reply.json(file_batch("in_progress", 2))
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_1/file_batches/vsfb_1",
        Reply.json(file_batch("completed", 0, 2)),
    )
    batch = await client.vector_stores.file_batches.upload_and_poll(
        "vs_1",
        files=[("a.txt", b"alpha"), ("b.txt", b"beta")],
        poll_interval_ms=1,
    )
    return sorted(calls(server)), batch_create_body(server), batch.file_counts.completed


@async_program
async def async_cancelled_batch_polled_to_the_end(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(file_batch("cancelled", 2)),
        Reply.json(file_batch("cancelled", 0, cancelled=2)),
    )
    batch = await client.vector_stores.file_batches.poll(
        "vsfb_1", vector_store_id="vs_1", poll_interval_ms=1
    )
    return calls(server), batch.file_counts.model_dump()


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
