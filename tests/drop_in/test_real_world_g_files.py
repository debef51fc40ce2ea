"""Real-world sweep G, files and the jobs built on them as users of the official SDK write them:
uploads from `Path`, bytes, tuples and open files, downloads read as text / lines / files,
`files.list(purpose=...)` walked page by page, `wait_for_processing`, uploads in parts (by hand and
with `upload_file_chunked`), a batch from a JSONL file to its parsed output, fine-tuning jobs with
their events, checkpoints and checkpoint permissions, and the errors of binary and multipart
calls -- each run against both packages over the loopback server (see real_world_d), comparing
what the program observed and the requests sent, multipart bodies part by part.
"""

from __future__ import annotations

import io
import json
import tempfile
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-g-"))


def file_object(file_id: str, name: str = "x.jsonl", purpose: str = "batch", **extra: Any) -> Any:
    return {
        "id": file_id,
        "object": "file",
        "bytes": 10,
        "created_at": 1733000000,
        "filename": name,
        "purpose": purpose,
        "status": "processed",
        **extra,
    }


def listing(*items: Any, has_more: bool = False) -> Reply:
    return Reply.json(
        {
            "object": "list",
            "data": list(items),
            "has_more": has_more,
            "first_id": items[0]["id"] if items else None,
            "last_id": items[-1]["id"] if items else None,
        }
    )


def api_error(status: int, message: str, **fields: Any) -> Reply:
    error = {"message": message, "type": "invalid_request_error", "param": None, "code": None}
    return Reply.json({"error": {**error, **fields}}, status=status, headers={"x-request-id": "r"})


# --- files ----------------------------------------------------------------------------------------


@program
def upload_training_data_every_way(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    here = folder()
    (here / "train.jsonl").write_text('{"messages": []}\n')
    server.default = Reply.json(file_object("file-1"))
    results = []
    with open(here / "train.jsonl", "rb") as handle:
        results.append(repr(client.files.create(file=handle, purpose="fine-tune")))
    results.append(
        client.files.create(
            file=here / "train.jsonl",
            purpose="batch",
            expires_after={"anchor": "created_at", "seconds": 3600},
        ).id
    )
    with open(here / "train.jsonl", "rb") as handle:
        results.append(
            client.files.create(
                file=("train.jsonl", handle, "application/jsonl"), purpose="user_data"
            ).id
        )
    results.append(client.files.create(file=(None, b"x"), purpose="user_data").id)
    results.append(client.files.create(file=("a.pdf", b"%PDF"), purpose="assistants").id)
    partly_read = open(here / "train.jsonl", "rb")  # noqa: SIM115 -- a handle read before
    partly_read.read(4)
    results.append(client.files.create(file=partly_read, purpose="assistants").id)
    partly_read.close()
    return results


BATCH_OUTPUT = (
    b'{"custom_id": "r1", "response": {"status_code": 200, "body": {"x": 1}}}\n'
    b'{"custom_id": "r2", "response": {"status_code": 200, "body": {"x": 2}}}\n'
)


@program
def download_read_every_way(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    here = folder()
    server.default = Reply.raw(
        BATCH_OUTPUT, content_type="application/octet-stream", headers={"x-request-id": "req_c"}
    )
    content = client.files.content("file-out")
    seen: list[Any] = [
        type(content).__name__,
        content.text.splitlines()[0],
        content.read() == BATCH_OUTPUT,
        [json.loads(line)["custom_id"] for line in content.text.strip().split("\n")],
        content.response.headers.get("x-request-id"),
        content.encoding,
        [json.loads(line)["custom_id"] for line in content.iter_lines()],
        next(iter(content.iter_text(40))),
    ]
    content.write_to_file(here / "out.jsonl")
    seen.append((here / "out.jsonl").read_bytes() == BATCH_OUTPUT)
    with client.files.with_streaming_response.content("file-out") as response:
        seen.append([json.loads(line)["custom_id"] for line in response.iter_lines()])
        seen.append(type(response).__name__)
    raw = client.files.with_raw_response.content("file-out")
    seen.append((type(raw.parse()).__name__, raw.text[:10]))
    return seen


@program
def list_files_by_purpose_page_by_page(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    first = listing(file_object("file-1"), file_object("file-2"), has_more=True)
    last = listing(file_object("file-3"))
    server.reply(first, last, first, last, first)
    ids = [f.id for f in client.files.list(purpose="batch", limit=2, order="asc")]
    pages = [
        [f.id for f in page.data] for page in client.files.list(purpose="fine-tune").iter_pages()
    ]
    page = client.files.list()
    info = page.next_page_info()
    return (
        ids,
        pages,
        repr(page)[:200],
        page.has_next_page(),
        info.params if info else None,
        (page.first_id, page.last_id),
        sorted(r.query_dict.items() for r in server.requests),
    )


@program
def wait_for_processing_then_delete(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(file_object("file-1", status="uploaded")),
        Reply.json(file_object("file-1", status="processed")),
        Reply.json({"id": "file-1", "object": "file", "deleted": True}),
        api_error(404, "No such File object: file-zz", param="id"),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ready = client.files.wait_for_processing("file-1", poll_interval=0.001)
    deleted = client.files.delete("file-1")
    try:
        client.files.delete("file-zz")
        missing: Any = None
    except openai.NotFoundError as error:
        missing = (error.status_code, error.message, error.body, error.param, str(error))
    return ready.status, sorted({w.category.__name__ for w in caught}), repr(deleted), missing


@program
def wait_for_processing_gives_up(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(file_object("file-1", status="uploaded"))
    try:
        client.files.wait_for_processing("file-1", poll_interval=0.001, max_wait_seconds=0.01)
    except Exception as error:
        return type(error).__name__, str(error)
    finally:
        # how many polls fit in the wait depends on timing, not on the package
        del server.requests[1:]
    return "returned"


# --- uploads --------------------------------------------------------------------------------------


def upload_object(status: str = "pending", **extra: Any) -> Any:
    return {
        "id": "upload_1",
        "object": "upload",
        "bytes": 25,
        "created_at": 1,
        "expires_at": 2,
        "filename": "big.jsonl",
        "purpose": "fine-tune",
        "status": status,
        **extra,
    }


def part(part_id: str) -> Reply:
    return Reply.json(
        {"id": part_id, "object": "upload.part", "created_at": 1, "upload_id": "upload_1"}
    )


@program
def upload_a_big_file_in_parts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    here = folder()
    (here / "big.jsonl").write_bytes(b"x" * 25)
    done = upload_object("completed", file=file_object("file-9", "big.jsonl", "fine-tune"))
    server.reply(
        Reply.json(upload_object()),
        part("part_1"),
        part("part_2"),
        part("part_3"),
        Reply.json(done),
        Reply.json(upload_object()),
        part("part_1"),
        part("part_2"),
        Reply.json(done),
        Reply.json(upload_object("cancelled")),
    )
    chunked = client.uploads.upload_file_chunked(
        file=here / "big.jsonl",
        mime_type="application/jsonl",
        purpose="fine-tune",
        part_size=10,
        md5="abc",
    )
    created = client.uploads.create(
        bytes=6,
        filename="big.jsonl",
        mime_type="application/jsonl",
        purpose="fine-tune",
        expires_after={"anchor": "created_at", "seconds": 3600},
    )
    first = client.uploads.parts.create(created.id, data=b"abc")
    second = client.uploads.parts.create(upload_id=created.id, data=io.BytesIO(b"def"))
    completed = client.uploads.complete(created.id, part_ids=[first.id, second.id], md5="x")
    cancelled = client.uploads.cancel(created.id)
    return (
        chunked.status,
        chunked.file.id,
        [len(r.body) for r in server.requests[:5]],
        repr(first),
        completed.file.filename,
        cancelled.status,
    )


# --- batches --------------------------------------------------------------------------------------


@program
def batch_from_jsonl_to_answers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    here = folder()
    tasks = [
        {
            "custom_id": f"req-{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"q{i}"}]},
        }
        for i in range(2)
    ]
    (here / "batch.jsonl").write_text("\n".join(json.dumps(task) for task in tasks))
    batch = {
        "id": "batch_1",
        "object": "batch",
        "endpoint": "/v1/chat/completions",
        "input_file_id": "file-in",
        "completion_window": "24h",
        "status": "validating",
        "created_at": 1,
        "request_counts": {"total": 2, "completed": 0, "failed": 0},
        "metadata": {"description": "nightly eval job"},
    }
    lines = "\n".join(
        json.dumps(
            {
                "id": f"br_{i}",
                "custom_id": f"req-{i}",
                "response": {
                    "status_code": 200,
                    "request_id": "r",
                    "body": {
                        "id": "c",
                        "object": "chat.completion",
                        "created": 1,
                        "model": "m",
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": f"a{i}"},
                                "finish_reason": "stop",
                            }
                        ],
                    },
                },
                "error": None,
            }
        )
        for i in range(2)
    )
    usage = {
        "input_tokens": 3,
        "output_tokens": 4,
        "total_tokens": 7,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens_details": {"reasoning_tokens": 0},
    }
    failed = {
        **batch,
        "id": "batch_2",
        "status": "failed",
        "errors": {
            "object": "list",
            "data": [{"code": "invalid_json", "line": 1, "message": "bad", "param": None}],
        },
    }
    server.reply(
        Reply.json(file_object("file-in")),
        Reply.json(batch),
        Reply.json({**batch, "status": "in_progress"}),
        Reply.json(
            {
                **batch,
                "status": "completed",
                "output_file_id": "file-out",
                "completed_at": 5,
                "usage": usage,
            }
        ),
        Reply.raw(lines.encode()),
        listing(batch, failed, has_more=True),
        listing({**batch, "id": "batch_3", "status": "expired"}),
        Reply.json({**batch, "status": "cancelling"}),
    )
    with open(here / "batch.jsonl", "rb") as handle:
        uploaded = client.files.create(file=handle, purpose="batch")
    job = client.batches.create(
        input_file_id=uploaded.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"description": "nightly eval job"},
        output_expires_after={"anchor": "created_at", "seconds": 86400},
    )
    while job.status not in ("completed", "failed", "expired", "cancelled"):
        job = client.batches.retrieve(job.id)
    answers = {}
    for line in client.files.content(job.output_file_id).text.splitlines():
        row = json.loads(line)
        answers[row["custom_id"]] = row["response"]["body"]["choices"][0]["message"]["content"]
    history = [
        (b.id, b.status, [(e.code, e.line) for e in b.errors.data] if b.errors else None)
        for b in client.batches.list(limit=2)
    ]
    cancelled = client.batches.cancel("batch_1")
    return answers, repr(job), job.usage.total_tokens, history, cancelled.status


# --- fine-tuning ----------------------------------------------------------------------------------


def job_object(status: str = "queued") -> Any:
    return {
        "id": "ftjob-1",
        "object": "fine_tuning.job",
        "model": "gpt-4o-mini-2024-07-18",
        "created_at": 1,
        "status": status,
        "training_file": "file-t",
        "validation_file": None,
        "hyperparameters": {"n_epochs": "auto", "batch_size": "auto"},
        "organization_id": "org",
        "result_files": [],
        "seed": 42,
        "fine_tuned_model": None,
        "finished_at": None,
        "error": None,
        "trained_tokens": None,
        "method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 3}}},
    }


@program
def fine_tune_and_follow_the_job(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def event(number: int) -> Any:
        return {
            "id": f"ftevent-{number}",
            "object": "fine_tuning.job.event",
            "created_at": number,
            "level": "info",
            "message": f"Step {number}/100: training loss=0.5",
            "type": "metrics",
            "data": {"step": number, "train_loss": 0.5},
        }

    def checkpoint(number: int) -> Any:
        return {
            "id": f"ftckpt-{number}",
            "object": "fine_tuning.job.checkpoint",
            "created_at": number,
            "fine_tuned_model_checkpoint": f"ft:gpt-4o-mini:org::ck{number}",
            "fine_tuning_job_id": "ftjob-1",
            "metrics": {"step": number, "train_loss": 0.1, "full_valid_loss": 0.2},
            "step_number": number,
        }

    server.reply(
        Reply.json(job_object()),
        listing(event(1), event(2), has_more=True),
        listing(event(3)),
        listing(checkpoint(1), checkpoint(2), has_more=True),
        listing(checkpoint(3)),
        listing(job_object()),
        Reply.json(job_object("cancelled")),
        Reply.json(job_object("paused")),
        Reply.json(job_object("running")),
    )
    job = client.fine_tuning.jobs.create(
        training_file="file-t",
        model="gpt-4o-mini-2024-07-18",
        suffix="custom",
        seed=42,
        method={
            "type": "supervised",
            "supervised": {"hyperparameters": {"n_epochs": 3, "batch_size": "auto"}},
        },
        integrations=[{"type": "wandb", "wandb": {"project": "p", "tags": ["a"]}}],
        metadata={"k": "v"},
    )
    events = [
        (e.id, e.message, e.data) for e in client.fine_tuning.jobs.list_events(job.id, limit=2)
    ]
    checkpoints = [
        (c.step_number, c.metrics.full_valid_loss, c.fine_tuned_model_checkpoint)
        for c in client.fine_tuning.jobs.checkpoints.list("ftjob-1", limit=2)
    ]
    jobs = [j.status for j in client.fine_tuning.jobs.list(metadata={"k": "v"})]
    cancelled = client.fine_tuning.jobs.cancel("ftjob-1")
    paused = client.fine_tuning.jobs.pause("ftjob-1")
    resumed = client.fine_tuning.jobs.resume("ftjob-1")
    return (
        repr(job),
        events,
        checkpoints,
        jobs,
        (cancelled.status, paused.status, resumed.status),
        job.hyperparameters.n_epochs,
        job.method.supervised.hyperparameters.batch_size,
    )


@program
def share_a_checkpoint_and_grade(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def permission(number: int) -> Any:
        return {
            "id": f"cp_{number}",
            "object": "checkpoint.permission",
            "created_at": 1,
            "project_id": f"proj_{number}",
        }

    grader = {
        "type": "string_check",
        "name": "g",
        "input": "{{sample.output_text}}",
        "reference": "x",
        "operation": "eq",
    }
    server.reply(
        listing(permission(1), permission(2)),
        listing(permission(1)),
        Reply.json({"id": "cp_1", "object": "checkpoint.permission", "deleted": True}),
        Reply.json(
            {
                "reward": 1.0,
                "metadata": {
                    "name": "g",
                    "type": "string_check",
                    "errors": {},
                    "execution_time": 0.1,
                    "scores": {},
                    "token_usage": None,
                    "sampled_model_name": None,
                },
                "sub_rewards": {},
                "model_grader_token_usage_per_model": {},
            }
        ),
        Reply.json({"grader": grader}),
    )
    checkpoint = "ft:gpt-4o-mini:org::ck1"
    permissions = client.fine_tuning.checkpoints.permissions
    created = permissions.create(checkpoint, project_ids=["proj_1", "proj_2"])
    found = permissions.retrieve(checkpoint, project_id="proj_1")
    deleted = permissions.delete("cp_1", fine_tuned_model_checkpoint=checkpoint)
    graded = client.fine_tuning.alpha.graders.run(grader=grader, model_sample="x")
    valid = client.fine_tuning.alpha.graders.validate(grader=grader)
    return (
        [p.project_id for p in created],
        [p.id for p in found.data],
        found.has_more,
        repr(deleted),
        graded.reward,
        type(valid.grader).__name__,
    )


# --- errors ---------------------------------------------------------------------------------------


@program
def errors_of_downloads_and_uploads(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        api_error(404, "No such File object: file-x", param="id"),
        api_error(400, "voice invalid", param="voice"),
        api_error(429, "slow down", code="rate_limit_exceeded", type="requests"),
        api_error(500, "boom", type="server_error"),
        api_error(413, "too large"),
    )

    def failure(call: Any) -> Any:
        try:
            call()
            return "no error"
        except openai.APIStatusError as error:
            return (
                type(error).__name__,
                error.status_code,
                error.message,
                error.code,
                error.param,
                error.type,
                error.request_id,
                error.body,
            )

    def streamed_speech() -> Any:
        with client.audio.speech.with_streaming_response.create(
            model="tts-1", voice="alloy", input="x"
        ) as response:
            return response.read()

    return [
        failure(lambda: client.files.content("file-x")),
        failure(lambda: client.audio.speech.create(model="tts-1", voice="nope", input="x")),
        failure(
            lambda: client.audio.transcriptions.create(model="whisper-1", file=("a.wav", b"RIFF"))
        ),
        failure(streamed_speech),
        failure(lambda: client.images.edit(image=("a.png", b"x"), prompt="p")),
    ]


@async_program
async def async_files_and_job_events(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    server.reply(
        Reply.json(file_object("file-1")),
        Reply.raw(b"abc\n"),
        listing(file_object("file-1"), file_object("file-2"), has_more=True),
        listing(file_object("file-3")),
        Reply.json(file_object("file-1")),
        listing({"id": "ftevent-1", "object": "fine_tuning.job.event", "created_at": 1,
                 "level": "info", "message": "m1"}, has_more=True),
        listing({"id": "ftevent-2", "object": "fine_tuning.job.event", "created_at": 2,
                 "level": "warn", "message": "m2"}),
    )  # fmt: skip
    created = await client.files.create(file=("a.jsonl", b"{}"), purpose="batch")
    content = await client.files.content("file-1")
    ids = [f.id async for f in client.files.list()]
    ready = await client.files.wait_for_processing("file-1", poll_interval=0.001)
    content.write_to_file(here / "x")
    page = await client.fine_tuning.jobs.list_events("ftjob-1", limit=1)
    pages = [[e.message for e in p.data] async for p in page.iter_pages()]
    return created.id, content.text, ids, ready.status, (here / "x").read_bytes(), pages


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)
