"""Real-world sweep 2B, the storage side scripts reach for least: containers made with a network
policy and skills, their files uploaded from bytes, tuples, file objects and ids, listed page by
page and downloaded every way a script reads a download; vector store file batches made with
per-file attributes, polled by hand, listed with a status filter and uploaded from a mix of paths,
tuples and file objects; ``uploads.upload_file_chunked`` from a path with an md5 and from bytes
split in uneven parts, and its mistakes; a finished batch's output and error files decoded line
by line — each run unchanged against both packages over the loopback server (requests and
observations compared, see real_world_d).
"""

from __future__ import annotations

import hashlib
import importlib
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
    return Path(tempfile.mkdtemp(prefix="sweep-2b-"))


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


# --- containers -------------------------------------------------------------------------------


def container(container_id: str = "cntr_1", **extra: Any) -> Any:
    body = {
        "id": container_id,
        "object": "container",
        "created_at": 1733000000,
        "status": "running",
        "name": "sandbox",
        "expires_after": {"anchor": "last_active_at", "minutes": 60},
        "last_active_at": 1733000000,
        "memory_limit": "1g",
    }
    body.update(extra)
    return body


def container_file(file_id: str, path: str, source: str = "user", size: int = 5) -> Any:
    return {
        "id": file_id,
        "object": "container.file",
        "created_at": 1733000000,
        "bytes": size,
        "container_id": "cntr_1",
        "path": path,
        "source": source,
    }


@program
def container_with_policy_and_skills(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "POST",
        "/v1/containers",
        Reply.json(
            container(
                network_policy={"type": "allowlist", "allowed_domains": ["pypi.org"]},
                status="a_status_added_later",
            )
        ),
    )
    server.route(
        "GET",
        "/v1/containers",
        Reply.json(page(container(), container("cntr_2", status="expired"), has_more=True)),
        Reply.json(page(container("cntr_3", name="old"))),
    )
    server.route("GET", "/v1/containers/cntr_2", Reply.json(container("cntr_2", status="expired")))
    box = client.containers.create(
        name="sandbox",
        file_ids=["file-a", "file-b"],
        memory_limit="1g",
        expires_after={"anchor": "last_active_at", "minutes": 60},
        network_policy={"type": "allowlist", "allowed_domains": ["pypi.org"]},
    )
    every = [(c.id, c.status) for c in client.containers.list(name="sandbox", limit=2)]
    expired = client.containers.retrieve("cntr_2")
    return (
        type(box).__name__,
        box.status,
        box.model_dump(exclude_none=True),
        every,
        expired.status,
        type(expired).__name__,
        expired.expires_after.anchor if expired.expires_after else None,
    )


@program
def container_files_uploaded_every_way(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    (where / "notes.md").write_text("# notes\n")
    counter = iter(range(1, 100))
    server.route(
        "POST",
        "/v1/containers/cntr_1/files",
        Reply.dynamic(
            lambda request: Reply.json(
                container_file(f"cfile_{next(counter)}", "/mnt/data/x", size=len(request.body))
            )
        ),
    )
    made = []
    made.append(client.containers.files.create("cntr_1", file=b"raw bytes"))
    made.append(client.containers.files.create("cntr_1", file=("data.csv", b"a,b\n1,2\n")))
    made.append(
        client.containers.files.create(
            "cntr_1", file=("report.json", io.BytesIO(b'{"ok": 1}'), "application/json")
        )
    )
    with open(where / "notes.md", "rb") as handle:
        made.append(client.containers.files.create("cntr_1", file=handle))
    made.append(client.containers.files.create("cntr_1", file=where / "notes.md"))
    made.append(client.containers.files.create("cntr_1", file_id="file-123"))
    return [(f.id, type(f).__name__) for f in made]


@program
def container_outputs_downloaded_every_way(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    server.route(
        "GET",
        "/v1/containers/cntr_1/files",
        Reply.json(
            page(
                container_file("cfile_1", "/mnt/data/result.json", "assistant"),
                container_file("cfile_2", "/mnt/data/plot.png", "assistant"),
                has_more=True,
            )
        ),
        Reply.json(page(container_file("cfile_3", "/mnt/data/log.txt", "assistant"))),
    )
    bodies = {
        "cfile_1": (b'{"rows": 3}', "application/json"),
        "cfile_2": (b"\x89PNG\r\n\x1a\n....", "image/png"),
        "cfile_3": (b"line one\nline two\n", "text/plain"),
    }
    for file_id, (body, media) in bodies.items():
        server.route(
            "GET",
            f"/v1/containers/cntr_1/files/{file_id}/content",
            Reply.raw(body, headers={"content-type": media}),
        )
    server.route(
        "GET",
        "/v1/containers/cntr_1/files/cfile_1",
        Reply.json(container_file("cfile_1", "/mnt/data/result.json", "assistant")),
    )
    server.route(
        "DELETE", "/v1/containers/cntr_1/files/cfile_3", Reply.empty(200, {"content-length": "0"})
    )
    seen = []
    for f in client.containers.files.list("cntr_1", limit=2, order="asc"):
        content = client.containers.files.content.retrieve(f.id, container_id="cntr_1")
        name = Path(f.path).name
        if name.endswith(".json"):
            seen.append((name, content.json(), content.encoding))
        elif name.endswith(".txt"):
            seen.append((name, content.text.splitlines(), list(content.iter_lines())))
        else:
            content.write_to_file(where / name)
            media = content.response.headers["content-type"]
            seen.append((name, (where / name).read_bytes(), media))
    with client.containers.files.content.with_streaming_response.retrieve(
        "cfile_2", container_id="cntr_1"
    ) as response:
        response.stream_to_file(where / "copy.png")
        seen.append((response.status_code, (where / "copy.png").read_bytes()[:4]))
    raw = client.containers.files.content.with_raw_response.retrieve(
        "cfile_1", container_id="cntr_1"
    )
    seen.append((type(raw.parse()).__name__, raw.parse().read(), raw.headers["content-type"]))
    meta = client.containers.files.retrieve("cfile_1", container_id="cntr_1")
    seen.append((meta.path, meta.source, meta.bytes))
    seen.append(client.containers.files.delete("cfile_3", container_id="cntr_1"))
    seen.append(
        outcome(lambda: client.containers.files.content.retrieve("", container_id="cntr_1"))
    )
    seen.append(outcome(lambda: client.containers.files.content.retrieve("x", container_id="")))
    return seen


# --- vector store file batches ---------------------------------------------------------------


def batch_object(status: str, completed: int = 0, **extra: Any) -> Any:
    body = {
        "id": "vsfb_1",
        "object": "vector_store.files_batch",
        "created_at": 1733000000,
        "vector_store_id": "vs_1",
        "status": status,
        "file_counts": {
            "in_progress": 3 - completed if status == "in_progress" else 0,
            "completed": completed,
            "failed": 0 if status != "completed" else 3 - completed,
            "cancelled": 0,
            "total": 3,
        },
    }
    body.update(extra)
    return body


def store_file(file_id: str, status: str = "completed", **extra: Any) -> Any:
    body = {
        "id": file_id,
        "object": "vector_store.file",
        "usage_bytes": 100,
        "created_at": 1733000000,
        "vector_store_id": "vs_1",
        "status": status,
        "last_error": None,
        "chunking_strategy": {
            "type": "static",
            "static": {"max_chunk_size_tokens": 400, "chunk_overlap_tokens": 100},
        },
        "attributes": {"lang": "en"},
    }
    body.update(extra)
    return body


@program
def file_batch_with_per_file_attributes_polled_by_hand(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "POST",
        "/v1/vector_stores/vs_1/file_batches",
        Reply.json(batch_object("in_progress"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_1/file_batches/vsfb_1",
        Reply.json(batch_object("in_progress", 1), headers=poll_header()),
        Reply.json(batch_object("in_progress", 2), headers=poll_header()),
        Reply.json(batch_object("completed", 2), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_1/file_batches/vsfb_1/files",
        Reply.json(
            page(
                store_file(
                    "file-c",
                    "failed",
                    last_error={"code": "unsupported_file", "message": "bad type"},
                )
            )
        ),
    )
    started = client.vector_stores.file_batches.create(
        "vs_1",
        files=[
            {"file_id": "file-a", "attributes": {"lang": "en", "year": 2024}},
            {
                "file_id": "file-b",
                "attributes": {"draft": True},
                "chunking_strategy": {
                    "type": "static",
                    "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
                },
            },
        ],
    )
    done = client.vector_stores.file_batches.poll(
        started.id, vector_store_id="vs_1", poll_interval_ms=1
    )
    failed = [
        (f.id, f.last_error.code, f.last_error.message)
        for f in client.vector_stores.file_batches.list_files(
            done.id, vector_store_id="vs_1", filter="failed", order="desc", limit=50
        )
    ]
    return started.status, done.status, done.file_counts.model_dump(), failed


@program
def file_batch_create_and_poll_with_ids_and_attributes(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "POST",
        "/v1/vector_stores/vs_1/file_batches",
        Reply.json(batch_object("in_progress"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_1/file_batches/vsfb_1",
        Reply.json(batch_object("cancelled", 1), headers=poll_header()),
    )
    done = client.vector_stores.file_batches.create_and_poll(
        "vs_1",
        file_ids=["file-a", "file-b", "file-c"],
        attributes={"source": "wiki", "version": 3, "public": False},
        chunking_strategy={"type": "auto"},
        poll_interval_ms=1,
    )
    return done.status, done.file_counts.cancelled, done.to_dict()


@program
def file_batch_uploaded_from_a_mix_of_sources(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    (where / "guide.md").write_text("# guide\n")
    uploads = iter(range(1, 10))
    server.route(
        "POST",
        "/v1/files",
        Reply.dynamic(
            lambda request: Reply.json(
                {
                    "id": f"file-up{next(uploads)}",
                    "object": "file",
                    "bytes": 8,
                    "created_at": 1733000000,
                    "filename": "x",
                    "purpose": "assistants",
                    "status": "processed",
                }
            )
        ),
    )
    server.route(
        "POST",
        "/v1/vector_stores/vs_1/file_batches",
        Reply.json(batch_object("in_progress"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_1/file_batches/vsfb_1",
        Reply.json(batch_object("completed", 3), headers=poll_header()),
    )
    done = client.vector_stores.file_batches.upload_and_poll(
        "vs_1",
        files=[
            where / "guide.md",
            ("faq.txt", b"Q: why?\nA: because.\n"),
            ("policy.pdf", io.BytesIO(b"%PDF-1.4 ..."), "application/pdf"),
        ],
        file_ids=["file-existing"],
        max_concurrency=1,
        poll_interval_ms=1,
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 1000, "chunk_overlap_tokens": 200},
        },
    )
    nothing = outcome(lambda: client.vector_stores.file_batches.upload_and_poll("vs_1", files=[]))
    if nothing[0] == "ok":
        nothing = ("ok", nothing[1].to_dict())
    return done.status, done.file_counts.completed, nothing


# --- uploads ----------------------------------------------------------------------------------


def upload_object(status: str, **extra: Any) -> Any:
    body = {
        "id": "upload_1",
        "object": "upload",
        "bytes": 10,
        "created_at": 1733000000,
        "expires_at": 1733003600,
        "filename": "train.jsonl",
        "purpose": "fine-tune",
        "status": status,
        "file": None,
    }
    body.update(extra)
    return body


def part(part_id: str) -> Any:
    return {
        "id": part_id,
        "object": "upload.part",
        "created_at": 1733000000,
        "upload_id": "upload_1",
    }


def completed_upload(filename: str, size: int) -> Any:
    return upload_object(
        "completed",
        bytes=size,
        filename=filename,
        file={
            "id": "file-done",
            "object": "file",
            "bytes": size,
            "created_at": 1733000000,
            "filename": filename,
            "purpose": "fine-tune",
            "status": "uploaded",
        },
    )


@program
def chunked_upload_from_a_path_with_an_md5(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    data = b"".join(json.dumps({"n": n}).encode() + b"\n" for n in range(7))
    (where / "train.jsonl").write_bytes(data)
    parts = iter(range(1, 20))
    server.route("POST", "/v1/uploads", Reply.json(upload_object("pending", bytes=len(data))))
    server.route(
        "POST",
        "/v1/uploads/upload_1/parts",
        Reply.dynamic(lambda request: Reply.json(part(f"part_{next(parts)}"))),
    )
    server.route(
        "POST",
        "/v1/uploads/upload_1/complete",
        Reply.json(completed_upload("train.jsonl", len(data))),
    )
    digest = hashlib.md5(data).hexdigest()
    upload = client.uploads.upload_file_chunked(
        file=where / "train.jsonl",
        mime_type="application/jsonl",
        purpose="fine-tune",
        part_size=20,
        md5=digest,
    )
    return (
        upload.status,
        upload.file.id if upload.file else None,
        upload.file.status if upload.file else None,
        len(data),
    )


@program
def chunked_upload_from_bytes_with_a_name(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    data = b"0123456789abcdefghij!"
    parts = iter(range(1, 20))
    server.route("POST", "/v1/uploads", Reply.json(upload_object("pending", bytes=len(data))))
    server.route(
        "POST",
        "/v1/uploads/upload_1/parts",
        Reply.dynamic(lambda request: Reply.json(part(f"part_{next(parts)}"))),
    )
    server.route(
        "POST",
        "/v1/uploads/upload_1/complete",
        Reply.json(completed_upload("eval.jsonl", len(data))),
    )
    upload = client.uploads.upload_file_chunked(
        file=data,
        filename="eval.jsonl",
        bytes=len(data),
        mime_type="application/jsonl",
        purpose="evals",
        part_size=8,
    )
    return upload.status, upload.filename, upload.bytes


@program
def chunked_upload_mistakes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    (where / "x.jsonl").write_bytes(b"{}\n")
    server.default = Reply.json(upload_object("pending"))
    # the type of the error only: each package words its own message
    refused = outcome(
        lambda: client.uploads.upload_file_chunked(
            file=b"{}\n", mime_type="application/jsonl", purpose="batch"
        )
    )
    return refused[:2], len(server.requests)


# --- batch results ------------------------------------------------------------------------------


def batch(status: str, **extra: Any) -> Any:
    body = {
        "id": "batch_1",
        "object": "batch",
        "endpoint": "/v1/responses",
        "errors": None,
        "input_file_id": "file-in",
        "completion_window": "24h",
        "status": status,
        "output_file_id": "file-out",
        "error_file_id": "file-err",
        "created_at": 1733000000,
        "in_progress_at": 1733000010,
        "expires_at": 1733086400,
        "finalizing_at": 1733000090,
        "completed_at": 1733000100,
        "failed_at": None,
        "expired_at": None,
        "cancelling_at": None,
        "cancelled_at": None,
        "request_counts": {"total": 3, "completed": 2, "failed": 1},
        "metadata": {"job": "grading"},
        "model": "gpt-4.1-mini",
        "usage": {
            "input_tokens": 30,
            "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
            "output_tokens": 12,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 42,
        },
    }
    body.update(extra)
    return body


def result_line(custom_id: str, text: str) -> str:
    from .test_real_world_apps import output_message, response_object

    body = response_object([output_message(text)])
    body["usage"]["input_tokens_details"]["cache_write_tokens"] = 0
    return json.dumps(
        {
            "id": f"batch_req_{custom_id}",
            "custom_id": custom_id,
            "response": {
                "status_code": 200,
                "request_id": f"req_{custom_id}",
                "body": body,
            },
            "error": None,
        }
    )


@program
def batch_output_decoded_into_responses(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    # `from openai.types.responses import Response`, with the import changed
    response_type = importlib.import_module(openai.__name__ + ".types.responses").Response
    server.route("GET", "/v1/batches/batch_1", Reply.json(batch("completed")))
    output = "\n".join([result_line("q1", "Paris"), result_line("q2", "Berlin")]) + "\n"
    errors = (
        json.dumps(
            {
                "id": "batch_req_q3",
                "custom_id": "q3",
                "response": {
                    "status_code": 400,
                    "request_id": "req_q3",
                    "body": {"error": {"message": "bad model", "type": "invalid_request_error"}},
                },
                "error": None,
            }
        )
        + "\n"
    )
    server.route(
        "GET",
        "/v1/files/file-out/content",
        Reply.raw(output.encode(), headers={"content-type": "application/octet-stream"}),
    )
    server.route(
        "GET",
        "/v1/files/file-err/content",
        Reply.raw(errors.encode(), headers={"content-type": "application/octet-stream"}),
    )
    job = client.batches.retrieve("batch_1")
    answers = {}
    for line in client.files.content(job.output_file_id).text.splitlines():
        record = json.loads(line)
        parsed = response_type.model_validate(record["response"]["body"])
        answers[record["custom_id"]] = (parsed.output_text, type(parsed).__name__)
    failures = [
        (r["custom_id"], r["response"]["status_code"], r["response"]["body"]["error"]["message"])
        for r in map(json.loads, client.files.content(job.error_file_id).iter_lines())
    ]
    return (
        answers,
        failures,
        job.request_counts.model_dump(),
        job.usage.total_tokens if job.usage else None,
        job.model,
    )


# --- async --------------------------------------------------------------------------------------


@async_program
async def async_container_round_trip(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    server.route("POST", "/v1/containers", Reply.json(container()))
    server.route(
        "POST", "/v1/containers/cntr_1/files", Reply.json(container_file("cfile_1", "/a.txt"))
    )
    server.route(
        "GET",
        "/v1/containers/cntr_1/files",
        Reply.json(page(container_file("cfile_1", "/a.txt"), container_file("cfile_2", "/b.txt"))),
    )
    server.route(
        "GET",
        "/v1/containers/cntr_1/files/cfile_2/content",
        Reply.raw(b"bee", headers={"content-type": "text/plain"}),
    )
    server.route("DELETE", "/v1/containers/cntr_1", Reply.empty(200, {"content-length": "0"}))
    box = await client.containers.create(name="sandbox")
    await client.containers.files.create(box.id, file=("a.txt", b"aye"))
    names = [f.path async for f in client.containers.files.list(box.id)]
    content = await client.containers.files.content.retrieve("cfile_2", container_id=box.id)
    await content.astream_to_file(where / "b.txt")
    content.write_to_file(where / "c.txt")
    gone = await client.containers.delete(box.id)
    return names, (where / "b.txt").read_text(), (where / "c.txt").read_text(), content.text, gone


@async_program
async def async_file_batch_upload_and_poll(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "POST",
        "/v1/files",
        Reply.json(
            {
                "id": "file-up",
                "object": "file",
                "bytes": 8,
                "created_at": 1733000000,
                "filename": "x",
                "purpose": "assistants",
                "status": "processed",
            }
        ),
    )
    server.route(
        "POST",
        "/v1/vector_stores/vs_1/file_batches",
        Reply.json(batch_object("in_progress"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_1/file_batches/vsfb_1",
        Reply.json(batch_object("in_progress", 1), headers=poll_header()),
        Reply.json(batch_object("completed", 3), headers=poll_header()),
    )
    done = await client.vector_stores.file_batches.upload_and_poll(
        "vs_1", files=[("a.txt", b"aaaa"), ("b.txt", b"bbbb")], poll_interval_ms=1
    )
    return done.status, done.file_counts.model_dump()


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
