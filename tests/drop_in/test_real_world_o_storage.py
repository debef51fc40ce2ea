"""Real-world sweep O, the storage side of the platform as users of the official SDK script it:
an embeddings batch with an output expiry read back through numpy-free JSONL parsing, a failed
batch's ``errors`` and a batch listing walked with ``after``, an upload assembled from parts cut
by hand (``md5`` on completion) and a cancelled one, files with ``purpose="user_data"`` and an
expiry, listed by purpose and order, written to disk with ``write_to_file`` and read through
``with_streaming_response``, ``wait_for_processing`` seeing an error, vector stores searched with
compound filters and ranking options (the page's extra fields), a store file's parsed content,
attributes updated, files listed by ``filter``, a batch of files cancelled, containers with an
expiry and a memory limit and their files uploaded from a path and downloaded, and videos
created, polled, remixed, downloaded as video and thumbnail and deleted — run against both
packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_b import poll_header
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-o-"))


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:  # what a script's author logs
        return ("raised", type(error).__name__, str(error))


def page(*items: Any, has_more: bool = False) -> Any:
    return {
        "object": "list",
        "data": list(items),
        "first_id": items[0]["id"] if items else None,
        "last_id": items[-1]["id"] if items else None,
        "has_more": has_more,
    }


def file_object(file_id: str = "file-1", purpose: str = "batch", **extra: Any) -> Any:
    body = {
        "id": file_id,
        "object": "file",
        "bytes": 120,
        "created_at": 1733000000,
        "filename": f"{file_id}.jsonl",
        "purpose": purpose,
        "status": "processed",
        "status_details": None,
    }
    body.update(extra)
    return body


# --- batches -------------------------------------------------------------------------------------


def batch(status: str, **extra: Any) -> Any:
    body = {
        "id": "batch_emb",
        "object": "batch",
        "endpoint": "/v1/embeddings",
        "errors": None,
        "input_file_id": "file-in",
        "completion_window": "24h",
        "status": status,
        "output_file_id": "file-out" if status == "completed" else None,
        "error_file_id": None,
        "created_at": 1733000000,
        "in_progress_at": 1733000010 if status != "validating" else None,
        "expires_at": 1733086400,
        "finalizing_at": None,
        "completed_at": 1733000100 if status == "completed" else None,
        "failed_at": None,
        "expired_at": None,
        "cancelling_at": None,
        "cancelled_at": None,
        "request_counts": {"total": 2, "completed": 2 if status == "completed" else 0, "failed": 0},
        "metadata": {"job": "nightly-embeddings"},
    }
    body.update(extra)
    return body


def embedding_line(custom_id: str, vector: list[float]) -> str:
    return json.dumps(
        {
            "id": f"batch_req_{custom_id}",
            "custom_id": custom_id,
            "response": {
                "status_code": 200,
                "request_id": f"req_{custom_id}",
                "body": {
                    "object": "list",
                    "data": [{"object": "embedding", "index": 0, "embedding": vector}],
                    "model": "text-embedding-3-small",
                    "usage": {"prompt_tokens": 3, "total_tokens": 3},
                },
            },
            "error": None,
        }
    )


@program
def nightly_embeddings_batch(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    documents = {"doc-1": "red apples", "doc-2": "green pears"}
    jsonl = "".join(
        json.dumps(
            {
                "custom_id": doc_id,
                "method": "POST",
                "url": "/v1/embeddings",
                "body": {"model": "text-embedding-3-small", "input": text, "dimensions": 2},
            }
        )
        + "\n"
        for doc_id, text in documents.items()
    )
    output = (
        embedding_line("doc-2", [0.5, 0.25]) + "\n" + embedding_line("doc-1", [1.0, 0.0]) + "\n"
    )
    server.route("POST", "/v1/files", Reply.json(file_object("file-in")))
    server.route("POST", "/v1/batches", Reply.json(batch("validating")))
    server.route(
        "GET",
        "/v1/batches/batch_emb",
        Reply.json(batch("in_progress")),
        Reply.json(batch("finalizing")),
        Reply.json(batch("completed")),
    )
    server.route("GET", "/v1/files/file-out/content", Reply.raw(output.encode()))
    uploaded = client.files.create(
        file=("embeddings.jsonl", io.BytesIO(jsonl.encode()), "application/jsonl"), purpose="batch"
    )
    job = client.batches.create(
        input_file_id=uploaded.id,
        endpoint="/v1/embeddings",
        completion_window="24h",
        metadata={"job": "nightly-embeddings"},
        output_expires_after={"anchor": "created_at", "seconds": 86400 * 7},
    )
    seen = [job.status]
    while job.status not in ("completed", "failed", "expired", "cancelled"):
        job = client.batches.retrieve(job.id)
        seen.append(job.status)
    vectors = {}
    for line in client.files.content(job.output_file_id).text.splitlines():
        record = json.loads(line)
        vectors[record["custom_id"]] = record["response"]["body"]["data"][0]["embedding"]
    return (
        seen,
        job.request_counts.model_dump(),
        job.metadata,
        dict(sorted(vectors.items())),
        job.completed_at - job.created_at,
        str(job.request_counts),
    )


@program
def a_failed_batch_explained(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    failed = batch(
        "failed",
        failed_at=1733000020,
        errors={
            "object": "list",
            "data": [
                {
                    "code": "invalid_json_line",
                    "message": "Line 2 is not JSON",
                    "param": None,
                    "line": 2,
                },
                {
                    "code": "missing_required_parameter",
                    "message": "model missing",
                    "param": "body.model",
                    "line": 3,
                },
            ],
        },
    )
    server.route("GET", "/v1/batches/batch_emb", Reply.json(failed))
    job = client.batches.retrieve("batch_emb")
    lines = []
    if job.status == "failed" and job.errors:
        for error in job.errors.data:
            lines.append(f"line {error.line}: [{error.code}] {error.message} ({error.param})")
    return lines, type(job.errors).__name__, job.errors.object, repr(job.errors.data[0])


@program
def batches_listed_with_after_and_cancelled(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "GET",
        "/v1/batches",
        Reply.json(
            page(batch("in_progress", id="b1"), batch("in_progress", id="b2"), has_more=True)
        ),
        Reply.json(page(batch("completed", id="b3"))),
    )
    server.route(
        "POST", "/v1/batches/b1/cancel", Reply.json(batch("cancelling", id="b1", cancelling_at=5))
    )
    server.route(
        "POST", "/v1/batches/b2/cancel", Reply.json(batch("cancelling", id="b2", cancelling_at=6))
    )
    stuck = [b.id for b in client.batches.list(limit=2) if b.status == "in_progress"]
    cancelled = [client.batches.cancel(batch_id).cancelling_at for batch_id in stuck]
    one = client.batches.list(limit=2)
    after = one.next_page_info()
    return stuck, cancelled, (after.params if after else None), one.last_id


# --- uploads and files ---------------------------------------------------------------------------


def upload(status: str, **extra: Any) -> Any:
    body = {
        "id": "upload_1",
        "object": "upload",
        "bytes": 10,
        "created_at": 1733000000,
        "filename": "train.jsonl",
        "purpose": "fine-tune",
        "status": status,
        "expires_at": 1733003600,
        "file": None,
    }
    body.update(extra)
    return body


@program
def upload_cut_into_parts_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    data = b'{"a": 1}\n{"b": 2}\n'
    chunks = [data[i : i + 8] for i in range(0, len(data), 8)]
    server.route("POST", "/v1/uploads", Reply.json(upload("pending", bytes=len(data))))
    server.route(
        "POST",
        "/v1/uploads/upload_1/parts",
        *[
            Reply.json(
                {
                    "id": f"part_{n}",
                    "object": "upload.part",
                    "created_at": 1,
                    "upload_id": "upload_1",
                }
            )
            for n in range(len(chunks))
        ],
    )
    server.route(
        "POST",
        "/v1/uploads/upload_1/complete",
        Reply.json(upload("completed", file=file_object("file-big", "fine-tune", bytes=len(data)))),
    )
    started = client.uploads.create(
        bytes=len(data),
        filename="train.jsonl",
        mime_type="text/jsonl",
        purpose="fine-tune",
        expires_after={"anchor": "created_at", "seconds": 3600},
    )
    part_ids = []
    for chunk in chunks:
        part = client.uploads.parts.create(upload_id=started.id, data=io.BytesIO(chunk))
        part_ids.append(part.id)
    done = client.uploads.complete(started.id, part_ids=part_ids, md5=hashlib.md5(data).hexdigest())
    return (
        part_ids,
        done.status,
        done.file.id,
        type(done.file).__name__,
        done.file.bytes,
        repr(done)[:80],
    )


@program
def upload_given_up(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route("POST", "/v1/uploads", Reply.json(upload("pending")))
    server.route("POST", "/v1/uploads/upload_1/cancel", Reply.json(upload("cancelled")))
    server.route(
        "POST",
        "/v1/uploads/upload_1/parts",
        Reply.json(
            {
                "error": {
                    "message": "Upload is cancelled",
                    "type": "invalid_request_error",
                    "code": "upload_cancelled",
                }
            },
            400,
        ),
    )
    started = client.uploads.create(
        bytes=10, filename="x.txt", mime_type="text/plain", purpose="assistants"
    )
    cancelled = client.uploads.cancel(started.id)
    try:
        client.uploads.parts.create(started.id, data=b"0123456789")
    except openai.BadRequestError as error:
        late = (error.code, error.message, error.status_code)
    return cancelled.status, cancelled.file, late


@program
def user_files_with_an_expiry(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    (where / "report.pdf").write_bytes(b"%PDF-1.4 fake")
    server.route(
        "POST",
        "/v1/files",
        Reply.json(
            file_object("file-pdf", "user_data", filename="report.pdf", expires_at=1733003600)
        ),
    )
    server.route(
        "GET",
        "/v1/files",
        Reply.json(
            page(
                file_object("file-a", "user_data"),
                file_object("file-b", "user_data"),
                has_more=True,
            )
        ),
        Reply.json(page(file_object("file-c", "user_data"))),
    )
    server.route(
        "GET",
        "/v1/files/file-pdf/content",
        Reply.raw(b"%PDF-1.4 fake", headers={"content-type": "application/pdf"}),
    )
    server.route(
        "DELETE",
        "/v1/files/file-pdf",
        Reply.json({"id": "file-pdf", "object": "file", "deleted": True}),
    )
    created = client.files.create(
        file=where / "report.pdf",
        purpose="user_data",
        expires_after={"anchor": "created_at", "seconds": 3600},
    )
    names = [f.id for f in client.files.list(purpose="user_data", order="asc", limit=2)]
    client.files.content(created.id).write_to_file(where / "copy.pdf")
    with client.files.with_streaming_response.content(created.id) as response:
        streamed = b"".join(response.iter_bytes(chunk_size=4))
        kind = response.headers.get("content-type")
    deleted = client.files.delete(created.id)
    return (
        created.expires_at,
        created.filename,
        names,
        (where / "copy.pdf").read_bytes(),
        streamed,
        kind,
        deleted.deleted,
        str(deleted),
    )


@program
def wait_for_processing_sees_an_error(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "GET",
        "/v1/files/file-bad",
        Reply.json(file_object("file-bad", "fine-tune", status="uploaded")),
        Reply.json(
            file_object(
                "file-bad", "fine-tune", status="error", status_details="Invalid file format"
            )
        ),
    )
    processed = client.files.wait_for_processing("file-bad", poll_interval=0.001)
    return processed.status, processed.status_details, processed.model_dump(exclude_unset=True)


# --- vector stores -------------------------------------------------------------------------------


def store(**extra: Any) -> Any:
    body = {
        "id": "vs_docs",
        "object": "vector_store",
        "created_at": 1733000000,
        "name": "Docs",
        "usage_bytes": 1024,
        "file_counts": {"in_progress": 0, "completed": 2, "failed": 0, "cancelled": 0, "total": 2},
        "status": "completed",
        "expires_after": {"anchor": "last_active_at", "days": 3},
        "expires_at": 1733259200,
        "last_active_at": 1733000000,
        "metadata": {"team": "docs"},
    }
    body.update(extra)
    return body


def store_file(file_id: str, status: str = "completed", **extra: Any) -> Any:
    body = {
        "id": file_id,
        "object": "vector_store.file",
        "usage_bytes": 512,
        "created_at": 1733000000,
        "vector_store_id": "vs_docs",
        "status": status,
        "last_error": None,
        "chunking_strategy": {
            "type": "static",
            "static": {"max_chunk_size_tokens": 400, "chunk_overlap_tokens": 100},
        },
        "attributes": {"lang": "en", "year": 2024, "public": True},
    }
    body.update(extra)
    return body


def search_hit(number: int, score: float) -> Any:
    return {
        "file_id": f"file-{number}",
        "filename": f"guide-{number}.md",
        "score": score,
        "attributes": {"lang": "en", "year": 2020 + number},
        "content": [{"type": "text", "text": f"Chunk {number} of the guide."}],
    }


@program
def search_with_compound_filters(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route(
        "POST",
        "/v1/vector_stores/vs_docs/search",
        Reply.json(
            {
                "object": "vector_store.search_results.page",
                "search_query": ["how to reset password", "password reset steps"],
                "data": [search_hit(4, 0.91), search_hit(3, 0.72)],
                "has_more": False,
                "next_page": None,
            }
        ),
    )
    results = client.vector_stores.search(
        vector_store_id="vs_docs",
        query="how to reset password",
        rewrite_query=True,
        max_num_results=5,
        ranking_options={"ranker": "auto", "score_threshold": 0.5},
        filters={
            "type": "and",
            "filters": [
                {"type": "eq", "key": "lang", "value": "en"},
                {"type": "gte", "key": "year", "value": 2023},
                {
                    "type": "or",
                    "filters": [{"type": "in", "key": "team", "value": ["docs", "support"]}],
                },
            ],
        },
    )
    context = "\n\n".join(
        f"[{hit.filename} {hit.score:.2f}] " + " ".join(part.text for part in hit.content)
        for hit in results
    )
    return (
        context,
        [hit.attributes for hit in results.data],
        type(results.data[0].content[0]).__name__,
        getattr(results, "search_query", None),
        results.model_dump().get("search_query"),
        results.has_next_page(),
    )


@program
def store_files_parsed_content_and_attributes(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/vector_stores", Reply.json(store()))
    server.route(
        "POST",
        "/v1/vector_stores/vs_docs/files",
        Reply.json(store_file("file-1", "in_progress"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_docs/files/file-1",
        Reply.json(store_file("file-1"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_docs/files/file-1/content",
        Reply.json(
            {
                "object": "vector_store.file_content.page",
                "data": [
                    {"type": "text", "text": "First chunk."},
                    {"type": "text", "text": "Second."},
                ],
                "has_more": False,
                "next_page": None,
            }
        ),
    )
    server.route(
        "POST",
        "/v1/vector_stores/vs_docs/files/file-1",
        Reply.json(store_file("file-1", attributes={"lang": "de", "reviewed": False})),
    )
    vector_store = client.vector_stores.create(
        name="Docs",
        metadata={"team": "docs"},
        expires_after={"anchor": "last_active_at", "days": 3},
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 400, "chunk_overlap_tokens": 100},
        },
    )
    attached = client.vector_stores.files.create_and_poll(
        "file-1",
        vector_store_id=vector_store.id,
        attributes={"lang": "en", "year": 2024, "public": True},
        poll_interval_ms=1,
    )
    content = client.vector_stores.files.content("file-1", vector_store_id=vector_store.id)
    text = "".join(part.text for part in content)
    updated = client.vector_stores.files.update(
        "file-1", vector_store_id="vs_docs", attributes={"lang": "de", "reviewed": False}
    )
    return (
        vector_store.expires_after.model_dump(),
        attached.status,
        type(attached.chunking_strategy).__name__,
        attached.chunking_strategy.static.max_chunk_size_tokens,
        text,
        [type(part).__name__ for part in content.data],
        updated.attributes,
        attached.model_dump(exclude={"created_at"}),
    )


@program
def failed_store_files_and_a_cancelled_batch(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    failed = store_file(
        "file-9",
        "failed",
        last_error={"code": "unsupported_file", "message": "File type .exe is not supported"},
    )
    server.route("GET", "/v1/vector_stores/vs_docs/files", Reply.json(page(failed)))
    server.route(
        "POST",
        "/v1/vector_stores/vs_docs/file_batches/vsfb_1/cancel",
        Reply.json(
            {
                "id": "vsfb_1",
                "object": "vector_store.files_batch",
                "created_at": 1733000000,
                "vector_store_id": "vs_docs",
                "status": "cancelled",
                "file_counts": {
                    "in_progress": 0,
                    "completed": 1,
                    "failed": 0,
                    "cancelled": 2,
                    "total": 3,
                },
            }
        ),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_docs/file_batches/vsfb_1/files",
        Reply.json(page(store_file("file-1"), store_file("file-2", "cancelled"))),
    )
    problems = {
        f.id: (f.last_error.code, f.last_error.message)
        for f in client.vector_stores.files.list("vs_docs", filter="failed", order="desc")
    }
    cancelled = client.vector_stores.file_batches.cancel("vsfb_1", vector_store_id="vs_docs")
    left = [
        f.id
        for f in client.vector_stores.file_batches.list_files(
            "vsfb_1", vector_store_id="vs_docs", filter="cancelled"
        )
    ]
    return problems, cancelled.status, cancelled.file_counts.cancelled, left


# --- containers -----------------------------------------------------------------------------------


def container(**extra: Any) -> Any:
    body = {
        "id": "cntr_1",
        "object": "container",
        "created_at": 1733000000,
        "status": "running",
        "name": "analysis",
        "expires_after": {"anchor": "last_active_at", "minutes": 20},
        "last_active_at": 1733000000,
        "memory_limit": "4g",
    }
    body.update(extra)
    return body


def container_file(file_id: str, path: str) -> Any:
    return {
        "id": file_id,
        "object": "container.file",
        "created_at": 1733000000,
        "bytes": 12,
        "container_id": "cntr_1",
        "path": path,
        "source": "user",
    }


@program
def container_for_data_analysis(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    (where / "sales.csv").write_text("month,total\njan,3\n")
    server.route("POST", "/v1/containers", Reply.json(container()))
    server.route(
        "POST",
        "/v1/containers/cntr_1/files",
        Reply.json(container_file("cfile_1", "/mnt/data/sales.csv")),
        Reply.json(container_file("cfile_2", "/mnt/data/file-abc")),
    )
    server.route(
        "GET",
        "/v1/containers/cntr_1/files",
        Reply.json(
            page(
                container_file("cfile_1", "/mnt/data/sales.csv"),
                container_file("cfile_3", "/mnt/data/chart.png"),
            )
        ),
    )
    server.route(
        "GET",
        "/v1/containers/cntr_1/files/cfile_3/content",
        Reply.raw(b"\x89PNG chart", headers={"content-type": "image/png"}),
    )
    server.route("DELETE", "/v1/containers/cntr_1", Reply.empty(200))
    box = client.containers.create(
        name="analysis",
        expires_after={"anchor": "last_active_at", "minutes": 20},
        memory_limit="4g",
    )
    from_path = client.containers.files.create(box.id, file=where / "sales.csv")
    from_id = client.containers.files.create(container_id=box.id, file_id="file-abc")
    outputs = [
        f for f in client.containers.files.list(box.id, order="desc") if f.path.endswith(".png")
    ]
    for f in outputs:
        client.containers.files.content.retrieve(f.id, container_id=box.id).write_to_file(
            where / Path(f.path).name
        )
    gone = client.containers.delete(box.id)
    return (
        box.expires_after.minutes,
        box.memory_limit,
        from_path.path,
        from_id.source,
        (where / "chart.png").read_bytes(),
        gone,
        repr(box)[:60],
    )


# --- videos ------------------------------------------------------------------------------------


def video(status: str, progress: int = 0, **extra: Any) -> Any:
    body = {
        "id": "video_1",
        "object": "video",
        "model": "sora-2",
        "status": status,
        "progress": progress,
        "created_at": 1733000000,
        "completed_at": 1733000300 if status == "completed" else None,
        "expires_at": 1733086400 if status == "completed" else None,
        "prompt": "A cat surfing at sunset",
        "seconds": "8",
        "size": "1280x720",
        "remixed_from_video_id": None,
        "error": None,
    }
    body.update(extra)
    return body


@program
def video_made_polled_and_saved(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    server.route("POST", "/v1/videos", Reply.json(video("queued"), headers=poll_header()))
    server.route(
        "GET",
        "/v1/videos/video_1",
        Reply.json(video("in_progress", 40), headers=poll_header()),
        Reply.json(video("completed", 100), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/videos/video_1/content",
        Reply.dynamic(
            lambda request: Reply.raw(
                b"THUMB" if request.query_dict.get("variant") == "thumbnail" else b"MP4DATA",
                headers={"content-type": "image/webp" if request.query else "video/mp4"},
            )
        ),
    )
    made = client.videos.create_and_poll(
        model="sora-2",
        prompt="A cat surfing at sunset",
        seconds="8",
        size="1280x720",
        poll_interval_ms=1,
    )
    if made.status == "completed":
        client.videos.download_content(made.id).write_to_file(where / "cat.mp4")
        thumb = client.videos.download_content(made.id, variant="thumbnail")
        (where / "cat.webp").write_bytes(thumb.read())
    return (
        made.status,
        made.progress,
        made.seconds,
        (where / "cat.mp4").read_bytes(),
        (where / "cat.webp").read_bytes(),
        type(thumb).__name__,
    )


@program
def video_remix_failure_list_and_delete(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "POST",
        "/v1/videos/video_1/remix",
        Reply.json(
            video("queued", id="video_2", remixed_from_video_id="video_1", prompt="Make it night")
        ),
    )
    server.route(
        "GET",
        "/v1/videos/video_2",
        Reply.json(
            video(
                "failed",
                id="video_2",
                error={"code": "moderation_blocked", "message": "The prompt was blocked."},
            )
        ),
    )
    server.route(
        "GET",
        "/v1/videos",
        Reply.json(page(video("completed", 100), video("failed", id="video_2"), has_more=True)),
        Reply.json(page(video("queued", id="video_3"))),
    )
    server.route(
        "DELETE",
        "/v1/videos/video_2",
        Reply.json({"id": "video_2", "object": "video.deleted", "deleted": True}),
    )
    remix = client.videos.remix("video_1", prompt="Make it night")
    state = client.videos.retrieve(remix.id)
    problem = f"{state.error.code}: {state.error.message}" if state.status == "failed" else None
    catalogue = [(v.id, v.status) for v in client.videos.list(limit=2, order="desc")]
    deleted = client.videos.delete(remix.id)
    return remix.remixed_from_video_id, problem, catalogue, deleted.deleted, str(deleted)


# --- async --------------------------------------------------------------------------------------


@async_program
async def async_batch_and_video(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route("POST", "/v1/files", Reply.json(file_object("file-in")))
    server.route("POST", "/v1/batches", Reply.json(batch("validating")))
    server.route("GET", "/v1/batches/batch_emb", Reply.json(batch("completed")))
    server.route(
        "GET",
        "/v1/files/file-out/content",
        Reply.raw((embedding_line("doc-1", [1.0, 0.0]) + "\n").encode()),
    )
    server.route("POST", "/v1/videos", Reply.json(video("queued"), headers=poll_header()))
    server.route(
        "GET", "/v1/videos/video_1", Reply.json(video("completed", 100), headers=poll_header())
    )
    server.route("GET", "/v1/videos/video_1/content", Reply.raw(b"MP4"))
    uploaded = await client.files.create(file=("in.jsonl", b"{}\n"), purpose="batch")
    job = await client.batches.create(
        input_file_id=uploaded.id, endpoint="/v1/embeddings", completion_window="24h"
    )
    job = await client.batches.retrieve(job.id)
    content = await client.files.content(job.output_file_id)
    lines = [json.loads(line)["custom_id"] async for line in await content.aiter_lines()]
    made = await client.videos.create_and_poll(prompt="A cat", poll_interval_ms=1)
    async with client.videos.with_streaming_response.download_content(made.id) as response:
        data = await response.read()
    return lines, made.status, data, job.request_counts.completed


@async_program
async def async_store_search_and_container_files(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "POST",
        "/v1/vector_stores/vs_docs/search",
        Reply.json(
            {
                "object": "vector_store.search_results.page",
                "search_query": ["refunds"],
                "data": [search_hit(1, 0.8)],
                "has_more": False,
                "next_page": None,
            }
        ),
    )
    server.route(
        "GET",
        "/v1/containers/cntr_1/files",
        Reply.json(page(container_file("cfile_1", "/mnt/data/a.csv"), has_more=True)),
        Reply.json(page(container_file("cfile_2", "/mnt/data/b.csv"))),
    )
    server.route("GET", "/v1/containers/cntr_1/files/cfile_2/content", Reply.raw(b"a,b\n1,2\n"))
    hits = await client.vector_stores.search(
        "vs_docs", query=["refunds"], filters={"type": "eq", "key": "lang", "value": "en"}
    )
    texts = [hit.content[0].text async for hit in hits]
    paths = [f.path async for f in client.containers.files.list("cntr_1", limit=1)]
    content = await client.containers.files.content.retrieve("cfile_2", container_id="cntr_1")
    return texts, paths, content.text, content.content


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)
