"""Real-world sweep X, files and the jobs built on them: uploads from every kind of file argument
(paths, open handles, ``BytesIO`` with and without a name, tuples with a content type), the
chunked upload helper and the manual create/parts/complete dance, batch scripts that write a
JSONL, upload it, poll the batch and read the output lines back, fine-tuning jobs followed
through their events and checkpoints, checkpoint permissions, evals with their runs and output
items — programs written for the official SDK, run unchanged against both packages over the
scripted loopback server.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import multipart_parts, wire
from .test_real_world_c_pages import cursor_pages

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    """The requests sent; a download's Accept left out (a known difference:
    test_real_world_f_known.py)."""
    seen = []
    for request in server.requests:
        method, path, query, headers, content_type, body = wire(request)
        if path.endswith("/content"):
            headers = {k: v for k, v in headers.items() if k != "accept"}
        seen.append((method, path, query, headers, content_type, body))
    return seen


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__, str(error)[:120])


def file_object(file_id: str = "file-1", filename: str = "data.jsonl", **extra: Any) -> Any:
    return {
        "id": file_id,
        "object": "file",
        "bytes": 120,
        "created_at": 1733000000,
        "filename": filename,
        "purpose": "batch",
        "status": "processed",
        "status_details": None,
        **extra,
    }


def echo_file(request: RecordedRequest) -> Reply:
    """A files.create answer naming the uploaded part's filename."""
    parts = {part[0]: part for part in multipart_parts(request)}
    name = parts["file"][1] if "file" in parts else None
    return Reply.json(file_object(filename=name or "upload", purpose=parts["purpose"][3].decode()))


# --- files ----------------------------------------------------------------------------------------


@program
def files_from_every_kind_of_argument(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(echo_file)
    names = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "train.jsonl"
        path.write_text('{"prompt": "a"}\n')
        names.append(client.files.create(file=path, purpose="fine-tune").filename)
        with open(path, "rb") as handle:
            names.append(client.files.create(file=handle, purpose="fine-tune").filename)
        named = io.BytesIO(b'{"x": 1}\n')
        named.name = "named.jsonl"
        names.append(client.files.create(file=named, purpose="batch").filename)
        names.append(client.files.create(file=io.BytesIO(b"anon"), purpose="user_data").filename)
        names.append(
            client.files.create(
                file=("notes.txt", "plain text", "text/plain"), purpose="assistants"
            ).filename
        )
        names.append(client.files.create(file=("raw.bin", b"\x00\x01"), purpose="vision").filename)
        names.append(client.files.create(file=b"just bytes", purpose="user_data").filename)
    return names, wires(server)


@program
def file_with_expiry_and_download(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(file_object(expires_at=1733086400)),
        Reply.raw(b'{"custom_id": "r1"}\n{"custom_id": "r2"}\n', content_type="application/jsonl"),
        Reply.raw(b"line one\nline two\n"),
    )
    created = client.files.create(
        file=("data.jsonl", b"{}\n"),
        purpose="batch",
        expires_after={"anchor": "created_at", "seconds": 86400},
    )
    content = client.files.content(created.id)
    lines = [json.loads(line) for line in content.text.splitlines()]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.txt"
        client.files.content("file-2").write_to_file(target)
        saved = target.read_bytes()
    return (
        wires(server),
        (created.expires_at, created.status, created.status_details),
        lines,
        content.response.headers.get("content-type"),
        saved,
        type(content).__name__,
    )


@program
def files_listed_filtered_and_deleted(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    files = [file_object(f"file-{n}", f"f{n}.jsonl") for n in range(1, 6)]
    server.route("GET", "/v1/files", cursor_pages(files))
    server.route(
        "DELETE",
        "/v1/files/file-2",
        Reply.json({"id": "file-2", "object": "file", "deleted": True}),
    )
    old = [
        f.id
        for f in client.files.list(purpose="batch", limit=2, order="asc")
        if f.filename.endswith(".jsonl")
    ]
    deleted = client.files.delete("file-2")
    return (
        old,
        (deleted.id, deleted.deleted, deleted.object, type(deleted).__name__),
        [(r.method, r.path, sorted(r.query)) for r in server.requests],
    )


@program
def wait_for_processing_until_processed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(file_object(status="uploaded")),
        Reply.json(file_object(status="processed")),
    )
    done = client.files.wait_for_processing("file-1", poll_interval=0.01)
    return done.status, [r.path for r in server.requests]


# --- uploads -----------------------------------------------------------------------------------


def upload(status: str = "pending", **extra: Any) -> Any:
    return {
        "id": "upload_1",
        "object": "upload",
        "bytes": 10,
        "created_at": 1733000000,
        "expires_at": 1733003600,
        "filename": "big.jsonl",
        "purpose": "fine-tune",
        "status": status,
        "file": None,
        **extra,
    }


def part(n: int) -> Any:
    return {
        "id": f"part_{n}",
        "object": "upload.part",
        "created_at": 1733000000,
        "upload_id": "upload_1",
    }


@program
def manual_upload_in_parts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    data = b"0123456789" * 3
    server.reply(
        Reply.json(upload(bytes=len(data))),
        Reply.json(part(1)),
        Reply.json(part(2)),
        Reply.json(part(3)),
        Reply.json(upload("completed", file=file_object(purpose="fine-tune"))),
    )
    created = client.uploads.create(
        bytes=len(data), filename="big.jsonl", mime_type="text/jsonl", purpose="fine-tune"
    )
    part_ids = []
    for start in range(0, len(data), 10):
        chunk = data[start : start + 10]
        part_ids.append(client.uploads.parts.create(created.id, data=chunk).id)
    done = client.uploads.complete(created.id, part_ids=part_ids)
    return (
        wires(server),
        done.status,
        done.file.id if done.file else None,
        type(done.file).__name__,
        part_ids,
    )


@program
def chunked_upload_of_a_path_and_of_bytes(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    def replies() -> list[Reply]:
        return [
            Reply.json(upload()),
            Reply.json(part(1)),
            Reply.json(part(2)),
            Reply.json(upload("completed", file=file_object(purpose="fine-tune"))),
        ]

    server.reply(*replies(), *replies())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.jsonl"
        path.write_bytes(b"a" * 12)
        first = client.uploads.upload_file_chunked(
            file=path, mime_type="text/jsonl", purpose="fine-tune", part_size=8
        )
    second = client.uploads.upload_file_chunked(
        file=b"b" * 12,
        filename="mem.jsonl",
        bytes=12,
        mime_type="text/jsonl",
        purpose="fine-tune",
        part_size=8,
        md5="abc",
    )
    return wires(server), first.status, second.file.filename


@program
def upload_cancelled(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.json(upload("cancelled")))
    cancelled = client.uploads.cancel("upload_1")
    return wires(server), cancelled.status, cancelled.to_dict()


# --- batches -------------------------------------------------------------------------------------


def batch(status: str, **extra: Any) -> Any:
    return {
        "id": "batch_1",
        "object": "batch",
        "endpoint": "/v1/chat/completions",
        "input_file_id": "file-in",
        "completion_window": "24h",
        "status": status,
        "created_at": 1733000000,
        "errors": None,
        "output_file_id": "file-out" if status == "completed" else None,
        "error_file_id": None,
        "request_counts": {"total": 2, "completed": 2 if status == "completed" else 0, "failed": 0},
        "metadata": {"job": "nightly"},
        **extra,
    }


@program
def nightly_batch_script(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Write requests to a JSONL file, upload, create the batch, poll, read the results."""
    results = [
        {
            "id": "batch_req_1",
            "custom_id": f"task-{n}",
            "response": {
                "status_code": 200,
                "request_id": f"req_{n}",
                "body": {"choices": [{"message": {"content": f"answer {n}"}}]},
            },
            "error": None,
        }
        for n in range(2)
    ]
    server.reply(
        Reply.json(file_object("file-in")),
        Reply.json(batch("validating")),
        Reply.json(batch("in_progress", in_progress_at=1733000100)),
        Reply.json(batch("finalizing")),
        Reply.json(batch("completed", completed_at=1733000500)),
        Reply.raw("\n".join(json.dumps(r) for r in results).encode() + b"\n"),
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "requests.jsonl"
        with path.open("w") as out:
            for n in range(2):
                request = {
                    "custom_id": f"task-{n}",
                    "method": "POST",
                    "url": "/v1/chat/completions",
                    "body": {
                        "model": "gpt-4o-mini",
                        "messages": [{"role": "user", "content": f"q{n}"}],
                    },
                }
                out.write(json.dumps(request) + "\n")
        with open(path, "rb") as handle:
            batch_file = client.files.create(file=handle, purpose="batch")
    job = client.batches.create(
        input_file_id=batch_file.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"job": "nightly"},
    )
    statuses = [job.status]
    while job.status not in ("completed", "failed", "expired", "cancelled"):
        job = client.batches.retrieve(job.id)
        statuses.append(job.status)
    answers = {}
    if job.output_file_id:
        for line in client.files.content(job.output_file_id).text.strip().split("\n"):
            row = json.loads(line)
            answers[row["custom_id"]] = row["response"]["body"]["choices"][0]["message"]["content"]
    return (
        wires(server),
        statuses,
        answers,
        job.request_counts.model_dump(),
        (job.completed_at, job.in_progress_at, job.failed_at),
    )


@program
def batch_with_errors_and_cancel(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    failed = batch(
        "failed",
        errors={
            "object": "list",
            "data": [
                {"code": "invalid_json_line", "message": "bad line", "param": None, "line": 3}
            ],
        },
    )
    server.reply(
        Reply.json(failed),
        Reply.json(batch("cancelling", cancelling_at=1733000200)),
        Reply.json(
            {
                "error": {
                    "message": "Batch already completed",
                    "type": "invalid_request_error",
                    "param": None,
                    "code": None,
                }
            },
            status=409,
        ),
    )
    job = client.batches.retrieve("batch_1")
    problems = [(e.code, e.line, e.message, e.param) for e in job.errors.data]
    cancelling = client.batches.cancel("batch_1")
    try:
        client.batches.cancel("batch_1")
        conflict = None
    except openai.ConflictError as exc:
        conflict = (exc.status_code, exc.message, type(exc).__mro__[1].__name__)
    return problems, cancelling.status, cancelling.cancelling_at, conflict, job.errors.object


@program
def batches_listed_by_status(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    jobs = [
        {**batch(status), "id": f"batch_{n}"}
        for n, status in enumerate(["completed", "failed", "in_progress", "completed"])
    ]
    server.default = cursor_pages(jobs)
    done = [b.id for b in client.batches.list(limit=2) if b.status == "completed"]
    page = client.batches.list(limit=10)
    return done, len(page.data), page.has_more, page.first_id, page.last_id


# --- fine-tuning -------------------------------------------------------------------------------------


def ft_job(status: str, **extra: Any) -> Any:
    return {
        "id": "ftjob-1",
        "object": "fine_tuning.job",
        "created_at": 1733000000,
        "error": None,
        "fine_tuned_model": "ft:gpt-4o-mini:org::abc" if status == "succeeded" else None,
        "finished_at": 1733003600 if status == "succeeded" else None,
        "hyperparameters": {"n_epochs": 3, "batch_size": "auto", "learning_rate_multiplier": 1.8},
        "model": "gpt-4o-mini-2024-07-18",
        "organization_id": "org-1",
        "result_files": ["file-res"] if status == "succeeded" else [],
        "seed": 42,
        "status": status,
        "trained_tokens": 5000 if status == "succeeded" else None,
        "training_file": "file-train",
        "validation_file": None,
        "method": {
            "type": "supervised",
            "supervised": {
                "hyperparameters": {
                    "n_epochs": 3,
                    "batch_size": "auto",
                    "learning_rate_multiplier": 1.8,
                }
            },
        },
        **extra,
    }


def ft_event(n: int, **extra: Any) -> Any:
    return {
        "id": f"ftevent-{n}",
        "object": "fine_tuning.job.event",
        "created_at": 1733000000 + n,
        "level": "info" if n % 3 else "warn",
        "message": f"Step {n}/10: training loss={1.0 / (n + 1):.3f}",
        "type": "metrics" if n % 2 else "message",
        "data": {"step": n, "train_loss": 1.0 / (n + 1)} if n % 2 else {},
        **extra,
    }


@program
def fine_tune_followed_to_the_end(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(ft_job("validating_files")),
        Reply.json(ft_job("running", estimated_finish=1733003000)),
        Reply.json(ft_job("succeeded")),
    )
    server.default = cursor_pages([ft_event(n) for n in range(7)])
    job = client.fine_tuning.jobs.create(
        model="gpt-4o-mini-2024-07-18",
        training_file="file-train",
        suffix="support-bot",
        method={
            "type": "supervised",
            "supervised": {"hyperparameters": {"n_epochs": 3, "learning_rate_multiplier": 1.8}},
        },
    )
    states = [job.status]
    while job.status not in ("succeeded", "failed", "cancelled"):
        job = client.fine_tuning.jobs.retrieve(job.id)
        states.append((job.status, job.estimated_finish))
    messages = [
        (e.level, e.type, e.message, e.data)
        for e in client.fine_tuning.jobs.list_events(job.id, limit=3)
    ]
    hp = job.hyperparameters
    return (
        [wire(r) for r in server.requests],
        states,
        messages,
        (hp.n_epochs, hp.batch_size, hp.learning_rate_multiplier),
        job.method.supervised.hyperparameters.model_dump(),
        (job.fine_tuned_model, job.trained_tokens, job.result_files),
    )


def checkpoint(n: int) -> Any:
    return {
        "id": f"ftckpt_{n}",
        "object": "fine_tuning.job.checkpoint",
        "created_at": 1733000000 + n,
        "fine_tuned_model_checkpoint": f"ft:gpt-4o-mini:org::abc:ckpt-step-{n * 100}",
        "fine_tuning_job_id": "ftjob-1",
        "step_number": n * 100,
        "metrics": {
            "step": n * 100,
            "train_loss": 0.5 / n,
            "train_mean_token_accuracy": 0.8 + n / 100,
            "valid_loss": 0.6 / n,
            "valid_mean_token_accuracy": 0.75,
            "full_valid_loss": 0.61 / n,
            "full_valid_mean_token_accuracy": 0.74,
        },
    }


@program
def best_checkpoint_by_validation_loss(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = cursor_pages([checkpoint(n) for n in range(1, 6)])
    best = min(
        client.fine_tuning.jobs.checkpoints.list("ftjob-1", limit=2),
        key=lambda c: c.metrics.full_valid_loss,
    )
    page = client.fine_tuning.jobs.checkpoints.list("ftjob-1", after="ftckpt_2", limit=10)
    return (
        best.fine_tuned_model_checkpoint,
        best.step_number,
        best.metrics.model_dump(),
        [c.id for c in page],
        [(r.path, sorted(r.query)) for r in server.requests],
        type(best).__name__,
    )


@program
def checkpoint_shared_with_projects(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    ckpt = "ft:gpt-4o-mini:org::abc:ckpt-step-300"
    permission = {
        "id": "cp_1",
        "object": "checkpoint.permission",
        "created_at": 1733000000,
        "project_id": "proj_a",
    }
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [permission, {**permission, "id": "cp_2", "project_id": "proj_b"}],
                "has_more": False,
                "first_id": "cp_1",
                "last_id": "cp_2",
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [permission],
                "has_more": False,
                "first_id": "cp_1",
                "last_id": "cp_1",
            }
        ),
        Reply.json({"id": "cp_1", "object": "checkpoint.permission", "deleted": True}),
    )
    created = client.fine_tuning.checkpoints.permissions.create(
        ckpt, project_ids=["proj_a", "proj_b"]
    )
    listed = client.fine_tuning.checkpoints.permissions.retrieve(ckpt, project_id="proj_a")
    removed = client.fine_tuning.checkpoints.permissions.delete(
        "cp_1", fine_tuned_model_checkpoint=ckpt
    )
    return (
        wires(server),
        [p.project_id for p in created],
        type(created).__name__.split("[")[0],
        [p.id for p in listed.data],
        (removed.deleted, removed.object),
    )


@program
def failed_job_error_details(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            ft_job(
                "failed",
                error={
                    "code": "invalid_training_file",
                    "message": "Line 3 is not valid JSON",
                    "param": "training_file",
                },
            )
        ),
        Reply.json(ft_job("cancelled")),
    )
    job = client.fine_tuning.jobs.retrieve("ftjob-1")
    cancelled = client.fine_tuning.jobs.cancel("ftjob-1")
    return (
        job.error.code,
        job.error.message,
        job.error.param,
        cancelled.status,
        str(job.error),
        wires(server),
    )


# --- evals -----------------------------------------------------------------------------------


def eval_object(**extra: Any) -> Any:
    return {
        "id": "eval_1",
        "object": "eval",
        "name": "Push notifications summarizer",
        "created_at": 1733000000,
        "metadata": {"team": "ml"},
        "data_source_config": {
            "type": "custom",
            "schema": {
                "type": "object",
                "properties": {
                    "item": {
                        "type": "object",
                        "properties": {
                            "input": {"type": "string"},
                            "ground_truth": {"type": "string"},
                        },
                    }
                },
            },
        },
        "testing_criteria": [
            {
                "type": "string_check",
                "name": "Exact match",
                "input": "{{sample.output_text}}",
                "reference": "{{item.ground_truth}}",
                "operation": "eq",
            }
        ],
        **extra,
    }


def eval_run(status: str, **extra: Any) -> Any:
    return {
        "id": "evalrun_1",
        "object": "eval.run",
        "eval_id": "eval_1",
        "name": "nightly",
        "model": "gpt-4.1",
        "status": status,
        "created_at": 1733000000,
        "report_url": "https://platform.openai.com/evals/eval_1?run_id=evalrun_1",
        "metadata": {},
        "error": None,
        "data_source": {
            "type": "jsonl",
            "source": {"type": "file_content", "content": [{"item": {"input": "hi"}}]},
        },
        "per_model_usage": [],
        "per_testing_criteria_results": [
            {"testing_criteria": "Exact match", "passed": 1, "failed": 1}
        ]
        if status == "completed"
        else [],
        "result_counts": {"total": 2, "errored": 0, "failed": 1, "passed": 1},
        **extra,
    }


@program
def eval_created_run_and_scored(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(eval_object()),
        Reply.json(eval_run("queued")),
        Reply.json(eval_run("in_progress")),
        Reply.json(eval_run("completed")),
    )
    ev = client.evals.create(
        name="Push notifications summarizer",
        metadata={"team": "ml"},
        data_source_config={
            "type": "custom",
            "item_schema": {
                "type": "object",
                "properties": {"input": {"type": "string"}, "ground_truth": {"type": "string"}},
                "required": ["input", "ground_truth"],
            },
            "include_sample_schema": True,
        },
        testing_criteria=[
            {
                "type": "string_check",
                "name": "Exact match",
                "input": "{{sample.output_text}}",
                "reference": "{{item.ground_truth}}",
                "operation": "eq",
            },
            {
                "type": "label_model",
                "name": "Tone",
                "model": "gpt-4.1",
                "input": [{"role": "developer", "content": "Classify the tone"}],
                "labels": ["polite", "rude"],
                "passing_labels": ["polite"],
            },
        ],
    )
    run = client.evals.runs.create(
        ev.id,
        name="nightly",
        data_source={
            "type": "completions",
            "model": "gpt-4.1",
            "input_messages": {
                "type": "template",
                "template": [{"role": "user", "content": "{{item.input}}"}],
            },
            "source": {
                "type": "file_content",
                "content": [{"item": {"input": "hi", "ground_truth": "hello"}}],
            },
            "sampling_params": {"temperature": 0.0, "max_completion_tokens": 50},
        },
    )
    while run.status in ("queued", "in_progress"):
        run = client.evals.runs.retrieve(run.id, eval_id=ev.id)
    return (
        wires(server),
        (ev.id, ev.data_source_config.type, [c.type for c in ev.testing_criteria]),
        run.status,
        run.result_counts.model_dump(),
        [r.model_dump() for r in run.per_testing_criteria_results],
        run.report_url,
        run.data_source.type,
    )


@program
def eval_output_items_failures(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def item(n: int, passed: bool) -> Any:
        return {
            "id": f"outputitem_{n}",
            "object": "eval.run.output_item",
            "created_at": 1733000000,
            "eval_id": "eval_1",
            "run_id": "evalrun_1",
            "status": "pass" if passed else "fail",
            "datasource_item_id": n,
            "datasource_item": {"input": f"q{n}"},
            "results": [
                {
                    "name": "Exact match",
                    "type": "string_check",
                    "score": 1.0 if passed else 0.0,
                    "passed": passed,
                }
            ],
            "sample": {
                "input": [{"role": "user", "content": f"q{n}"}],
                "output": [{"role": "assistant", "content": f"a{n}"}],
                "finish_reason": "stop",
                "model": "gpt-4.1",
                "usage": {
                    "total_tokens": 10,
                    "completion_tokens": 5,
                    "prompt_tokens": 5,
                    "cached_tokens": 0,
                },
                "error": {"code": None, "message": None},
                "temperature": 0.0,
                "max_completion_tokens": 50,
                "top_p": 1.0,
                "seed": 1,
            },
        }

    server.default = cursor_pages([item(n, n % 2 == 0) for n in range(5)])
    failures = [
        (
            o.datasource_item_id,
            o.sample.output[0].content,
            o.results[0].get("score") if isinstance(o.results[0], dict) else o.results[0].score,
        )
        for o in client.evals.runs.output_items.list(
            "evalrun_1", eval_id="eval_1", status="fail", limit=2
        )
    ]
    return failures, [(r.path, sorted(r.query)) for r in server.requests]


@program
def evals_listed_updated_deleted(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route(
        "GET", "/v1/evals", cursor_pages([eval_object(id=f"eval_{n}") for n in range(1, 4)])
    )
    server.route("POST", "/v1/evals/eval_1", Reply.json(eval_object(name="Renamed")))
    server.route(
        "DELETE",
        "/v1/evals/eval_2",
        Reply.json({"object": "eval.deleted", "deleted": True, "eval_id": "eval_2"}),
    )
    server.route(
        "DELETE",
        "/v1/evals/eval_1/runs/evalrun_1",
        Reply.json({"object": "eval.run.deleted", "deleted": True, "run_id": "evalrun_1"}),
    )
    names = [e.name for e in client.evals.list(limit=2, order="desc", order_by="updated_at")]
    renamed = client.evals.update("eval_1", name="Renamed", metadata={"team": "ml"})
    gone = client.evals.delete("eval_2")
    # (runs.cancel's path is a known difference: test_runtime_wire_all.py)
    run_gone = client.evals.runs.delete("evalrun_1", eval_id="eval_1")
    return (
        wires(server),
        names,
        renamed.name,
        (gone.deleted, gone.eval_id, type(gone).__name__),
        (run_gone.deleted, run_gone.run_id, type(run_gone).__name__),
    )


# --- async --------------------------------------------------------------------------------------


@async_program
async def async_batch_from_bytes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(file_object("file-in")),
        Reply.json(batch("validating")),
        Reply.json(batch("completed")),
        Reply.raw(b'{"custom_id": "a"}\n'),
    )
    lines = "\n".join(
        json.dumps(
            {"custom_id": c, "method": "POST", "url": "/v1/embeddings", "body": {"input": c}}
        )
        for c in "ab"
    )
    uploaded = await client.files.create(file=("in.jsonl", lines.encode()), purpose="batch")
    job = await client.batches.create(
        input_file_id=uploaded.id, endpoint="/v1/embeddings", completion_window="24h"
    )
    job = await client.batches.retrieve(job.id)
    content = await client.files.content(job.output_file_id)
    return wires(server), job.status, content.text, content.content


@async_program
async def async_fine_tune_events_walked(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = cursor_pages([ft_event(n) for n in range(5)])
    messages = [e.message async for e in client.fine_tuning.jobs.list_events("ftjob-1", limit=2)]
    first = await client.fine_tuning.jobs.list_events("ftjob-1", limit=2)
    second = await first.get_next_page()
    return messages, [e.id for e in second.data], first.has_next_page()


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
