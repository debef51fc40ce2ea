"""Real-world sweep R, files, batches and fine-tuning as tutorials write them: training data
uploaded from an open file, a ``(name, bytes)`` tuple, a ``pathlib.Path`` and a named buffer; a
file's content read as text, bytes, JSON lines and saved with ``write_to_file``; a batch built as
JSONL, uploaded, polled with ``time.sleep`` and its output mapped back by ``custom_id``; a job's
events walked page by page and its checkpoints' metrics compared; the raw and streaming accessors
of files; and the async forms with ``asyncio.gather`` — run against both packages over the
loopback server (see real_world_d).
"""

from __future__ import annotations

import asyncio
import io
import json
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_b_assistants import listing
from .test_real_world_b_files import batch_object, file_object
from .test_real_world_b_stores import job

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

TRAINING = (
    '{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Yo"}]}\n'
)


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-r-files-"))


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:  # what a script's author logs
        return ("raised", type(error).__name__, getattr(error, "status_code", None))


def event(n: int, message: str, **extra: Any) -> Any:
    return {
        "id": f"ftevent-{n}",
        "object": "fine_tuning.job.event",
        "created_at": 1733000000 + n,
        "level": "info",
        "message": message,
        "type": "message",
        "data": {},
        **extra,
    }


def checkpoint(step: int, loss: float) -> Any:
    return {
        "id": f"ftckpt-{step}",
        "object": "fine_tuning.job.checkpoint",
        "created_at": 1733000000 + step,
        "fine_tuned_model_checkpoint": f"ft:gpt-4o-mini:org::ckpt-step-{step}",
        "fine_tuning_job_id": "ftjob-abc",
        "step_number": step,
        "metrics": {
            "step": step,
            "train_loss": loss,
            "train_mean_token_accuracy": 0.9,
            "valid_loss": loss + 0.1,
            "valid_mean_token_accuracy": 0.85,
            "full_valid_loss": loss + 0.05,
            "full_valid_mean_token_accuracy": 0.88,
        },
    }


@program
def training_file_uploaded_every_way(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    path = here / "train.jsonl"
    path.write_text(TRAINING)
    server.default = Reply.json(file_object("file-t", "train.jsonl", "fine-tune"))
    ids = []
    with open(path, "rb") as handle:
        ids.append(client.files.create(file=handle, purpose="fine-tune").id)
    ids.append(client.files.create(file=("data.jsonl", TRAINING.encode()), purpose="fine-tune").id)
    ids.append(client.files.create(file=path, purpose="fine-tune").id)
    ids.append(
        client.files.create(
            file=("data.jsonl", TRAINING.encode(), "application/jsonl"), purpose="fine-tune"
        ).id
    )
    buffer = io.BytesIO(TRAINING.encode())
    buffer.name = "memory.jsonl"
    ids.append(client.files.create(file=buffer, purpose="fine-tune").id)
    ids.append(client.files.create(file=path.read_bytes(), purpose="fine-tune").id)
    with path.open("rb") as handle:
        ids.append(
            client.files.create(
                file=handle,
                purpose="user_data",
                expires_after={"anchor": "created_at", "seconds": 3600},
            ).id
        )
    return ids


@program
def downloaded_content_read_every_way(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    lines = [{"custom_id": "r1", "ok": True}, {"custom_id": "r2", "ok": False}]
    body = "\n".join(json.dumps(line) for line in lines) + "\n"
    server.default = Reply.raw(body.encode(), content_type="application/octet-stream")
    here = folder()
    content = client.files.content("file-out")
    parsed = [json.loads(line) for line in content.text.splitlines() if line.strip()]
    read = content.read()
    content.write_to_file(here / "out.jsonl")
    also = client.files.content(file_id="file-out")
    chunks = list(also.iter_bytes(chunk_size=16))
    lines_read = list(client.files.content("file-out").iter_lines())
    text_pieces = "".join(client.files.content("file-out").iter_text())
    return (
        type(content).__name__,
        parsed,
        read == body.encode(),
        (here / "out.jsonl").read_text() == body,
        b"".join(chunks) == body.encode(),
        lines_read,
        text_pieces == body,
        content.content == body.encode(),
        content.encoding,
        content.response.status_code,
        content.response.headers.get("content-type"),
    )


@program
def batch_jsonl_built_polled_and_mapped_back(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The batch cookbook: one chat request per review, uploaded as JSONL from a file on disk,
    the batch polled until it ends, its output and error files read back by ``custom_id``."""
    reviews = {"rev-1": "Great phone", "rev-2": "Broke in a day", "rev-3": ""}
    here = folder()
    tasks = [
        {
            "custom_id": key,
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {
                "model": "gpt-4o-mini",
                "temperature": 0.1,
                "response_format": {"type": "json_object"},
                "messages": [
                    {"role": "system", "content": "Classify sentiment as JSON."},
                    {"role": "user", "content": text},
                ],
            },
        }
        for key, text in reviews.items()
    ]
    with open(here / "batch_tasks.jsonl", "w") as handle:
        for task in tasks:
            handle.write(json.dumps(task) + "\n")

    def answer(custom_id: str, label: str) -> str:
        return json.dumps(
            {
                "id": f"batch_req_{custom_id}",
                "custom_id": custom_id,
                "response": {
                    "status_code": 200,
                    "request_id": "req_x",
                    "body": {
                        "id": "chatcmpl-1",
                        "object": "chat.completion",
                        "created": 1,
                        "model": "gpt-4o-mini",
                        "choices": [
                            {
                                "index": 0,
                                "message": {
                                    "role": "assistant",
                                    "content": json.dumps({"sentiment": label}),
                                },
                                "finish_reason": "stop",
                            }
                        ],
                    },
                },
                "error": None,
            }
        )

    output = answer("rev-1", "positive") + "\n" + answer("rev-2", "negative") + "\n"
    errors = (
        json.dumps(
            {
                "id": "batch_req_rev-3",
                "custom_id": "rev-3",
                "response": None,
                "error": {"code": "empty_input", "message": "The message is empty."},
            }
        )
        + "\n"
    )
    counts = {"total": 3, "completed": 2, "failed": 1}
    server.reply(
        Reply.json(file_object("file-in", "batch_tasks.jsonl")),
        Reply.json(batch_object("validating")),
        Reply.json(batch_object("in_progress", in_progress_at=1733000100)),
        Reply.json(batch_object("finalizing", request_counts=counts)),
        Reply.json(
            batch_object(
                "completed",
                output_file_id="file-out",
                error_file_id="file-err",
                request_counts=counts,
                completed_at=1733000300,
                usage={
                    "input_tokens": 30,
                    "output_tokens": 10,
                    "total_tokens": 40,
                    "input_tokens_details": {"cached_tokens": 0},
                    "output_tokens_details": {"reasoning_tokens": 0},
                },
            )
        ),
        Reply.raw(output.encode()),
        Reply.raw(errors.encode()),
    )
    with open(here / "batch_tasks.jsonl", "rb") as handle:
        batch_file = client.files.create(file=handle, purpose="batch")
    batch_job = client.batches.create(
        input_file_id=batch_file.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"description": "review sentiment"},
    )
    statuses = [batch_job.status]
    while batch_job.status not in ("completed", "failed", "expired", "cancelled"):
        time.sleep(0)
        batch_job = client.batches.retrieve(batch_job.id)
        statuses.append(batch_job.status)
    results = {}
    for line in client.files.content(batch_job.output_file_id).text.strip().split("\n"):
        item = json.loads(line)
        results[item["custom_id"]] = json.loads(
            item["response"]["body"]["choices"][0]["message"]["content"]
        )["sentiment"]
    failed = [
        json.loads(line)["error"]["code"]
        for line in client.files.content(batch_job.error_file_id).content.decode().splitlines()
    ]
    return (
        statuses,
        results,
        failed,
        batch_job.request_counts.model_dump(),
        batch_job.usage.total_tokens if batch_job.usage else None,
        batch_job.metadata,
        batch_job.errors,
        time.strftime("%Y-%m-%d", time.gmtime(batch_job.completed_at)),
    )


@program
def job_events_walked_and_checkpoints_compared(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(job("running")),
        Reply.json(
            listing(
                event(3, "Step 20/30: training loss=0.41", type="metrics", data={"step": 20}),
                event(2, "Step 10/30: training loss=0.62"),
                has_more=True,
            )
        ),
        Reply.json(listing(event(1, "Fine-tuning job started"))),
        Reply.json(listing(checkpoint(30, 0.31), checkpoint(20, 0.41))),
    )
    current = client.fine_tuning.jobs.retrieve("ftjob-abc")
    log = []
    for item in client.fine_tuning.jobs.list_events(fine_tuning_job_id=current.id, limit=2):
        stamp = time.strftime("%H:%M:%S", time.gmtime(item.created_at))
        log.append(f"{stamp} [{item.level}] {item.message} {item.type} {item.data}")
    checkpoints = client.fine_tuning.jobs.checkpoints.list(fine_tuning_job_id=current.id)
    best = min(checkpoints.data, key=lambda c: c.metrics.full_valid_loss)
    return (
        current.status,
        current.hyperparameters.n_epochs,
        current.hyperparameters.batch_size,
        current.method.type,
        current.method.supervised.hyperparameters.n_epochs,
        log,
        best.fine_tuned_model_checkpoint,
        best.metrics.step,
        best.metrics.model_dump(),
        [(r.path, sorted(r.query)) for r in server.requests],
    )


@program
def fine_tune_started_from_a_local_file(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    (here / "train.jsonl").write_text(TRAINING * 10)
    server.reply(
        Reply.json(file_object("file-train", "train.jsonl", "fine-tune", status="uploaded")),
        Reply.json(file_object("file-train", "train.jsonl", "fine-tune")),
        Reply.json(job("validating_files", suffix="support-bot")),
        Reply.json(listing(job("validating_files"), job("succeeded", id="ftjob-old"))),
        Reply.json(job("cancelled")),
    )
    training = client.files.create(file=Path(here / "train.jsonl"), purpose="fine-tune")
    processed = client.files.wait_for_processing(training.id, poll_interval=0.0)
    started = client.fine_tuning.jobs.create(
        training_file=processed.id,
        model="gpt-4o-mini-2024-07-18",
        suffix="support-bot",
        seed=42,
        method={
            "type": "supervised",
            "supervised": {"hyperparameters": {"n_epochs": 3, "learning_rate_multiplier": "auto"}},
        },
        integrations=[{"type": "wandb", "wandb": {"project": "ft", "tags": ["support"]}}],
    )
    running = [
        j.id
        for j in client.fine_tuning.jobs.list(limit=10, metadata={"team": "support"})
        if j.status not in ("succeeded", "failed", "cancelled")
    ]
    cancelled = client.fine_tuning.jobs.cancel(running[0])
    return (
        training.status,
        processed.status,
        started.id,
        running,
        cancelled.status,
        started.fine_tuned_model,
        started.result_files,
    )


@program
def files_listed_by_purpose_and_cleaned_up(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    old = [file_object(f"file-{n}", f"old{n}.jsonl", created_at=1700000000 + n) for n in range(3)]
    server.route(
        "GET",
        "/v1/files",
        Reply.json(listing(*old[:2], has_more=True)),
        Reply.json(listing(old[2])),
    )
    for f in old:
        server.route(
            "DELETE",
            f"/v1/files/{f['id']}",
            Reply.json({"id": f["id"], "object": "file", "deleted": True}),
        )
    server.reply(
        Reply.json(
            {
                "error": {
                    "message": "No such File object",
                    "type": "invalid_request_error",
                    "param": "id",
                    "code": None,
                }
            },
            status=404,
        ),
    )
    removed = []
    for item in client.files.list(purpose="batch", limit=2, order="asc"):
        if item.created_at < 1733000000:
            result = client.files.delete(item.id)
            removed.append((result.id, result.deleted, type(result).__name__))
    again = outcome(lambda: client.files.delete("file-9"))
    return removed, again, [(r.method, r.path, sorted(r.query)) for r in server.requests]


@program
def raw_and_streaming_file_accessors(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    server.reply(
        Reply.json(
            file_object("file-raw", "notes.txt", "assistants"),
            headers={"x-request-id": "req_upload", "openai-processing-ms": "12"},
        ),
        Reply.raw(b"line one\nline two\n", headers={"x-request-id": "req_dl"}),
        Reply.raw(b"line one\nline two\n"),
    )
    raw = client.files.with_raw_response.create(
        file=("notes.txt", b"line one\nline two\n", "text/plain"), purpose="assistants"
    )
    created = raw.parse()
    with client.files.with_streaming_response.content("file-raw") as response:
        request_id = response.headers.get("x-request-id")
        pieces = [len(chunk) for chunk in response.iter_bytes(chunk_size=5)]
    with client.files.with_streaming_response.content("file-raw") as response:
        response.stream_to_file(here / "notes.txt")
    return (
        raw.headers.get("x-request-id"),
        raw.http_request.method,
        raw.status_code,
        created.filename,
        created.id,
        request_id,
        pieces,
        (here / "notes.txt").read_bytes(),
    )


@program
def batch_failure_reported(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    failed = batch_object(
        "failed",
        failed_at=1733000050,
        errors={
            "object": "list",
            "data": [
                {
                    "code": "invalid_json_line",
                    "message": "This line is not parseable as valid JSON.",
                    "param": None,
                    "line": 3,
                }
            ],
        },
    )
    server.reply(Reply.json(failed), Reply.json(listing(failed, batch_object("completed"))))
    batch = client.batches.retrieve("batch_abc")
    report = []
    if batch.status == "failed" and batch.errors:
        for error in batch.errors.data:
            report.append(f"line {error.line}: {error.code} - {error.message} ({error.param})")
    page = client.batches.list(limit=2)
    return report, [b.status for b in page], page.has_next_page(), batch.to_dict()["errors"]


@async_program
async def async_uploads_gathered_then_a_batch(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    names = ["a.jsonl", "b.jsonl", "c.jsonl"]
    for name in names:
        (here / name).write_text(TRAINING)

    def uploaded(request: Any) -> Reply:
        return Reply.json(file_object("file-x", "x.jsonl"))

    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route("POST", "/v1/batches", Reply.json(batch_object("validating")))
    server.route(
        "GET",
        "/v1/batches/batch_abc",
        Reply.json(batch_object("completed", output_file_id="file-o")),
    )
    server.route("GET", "/v1/files/file-o/content", Reply.raw(b'{"custom_id": "1"}\n'))
    files = await asyncio.gather(
        *[client.files.create(file=here / name, purpose="batch") for name in names]
    )
    created = await client.batches.create(
        input_file_id=files[0].id, endpoint="/v1/embeddings", completion_window="24h"
    )
    done = await client.batches.retrieve(created.id)
    content = await client.files.content(done.output_file_id)
    lines = [json.loads(line) for line in content.text.splitlines()]
    content.write_to_file(here / "out.jsonl")
    return [f.id for f in files], done.status, lines, (here / "out.jsonl").read_text()


@async_program
async def async_job_events_and_checkpoints(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(listing(event(2, "Step 10"), has_more=True)),
        Reply.json(listing(event(1, "Started"))),
        Reply.json(listing(checkpoint(10, 0.5))),
    )
    messages = [e.message async for e in client.fine_tuning.jobs.list_events("ftjob-abc", limit=1)]
    page = await client.fine_tuning.jobs.checkpoints.list("ftjob-abc", limit=5)
    return (
        messages,
        [c.metrics.train_loss for c in page.data],
        [sorted(r.query) for r in server.requests],
    )


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
