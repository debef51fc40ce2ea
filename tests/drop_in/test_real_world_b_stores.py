"""Real-world sweep B: vector stores (upload_and_poll, file batches, search, pagination) and
fine-tuning (jobs, events, checkpoints, permissions) as users of the official SDK write them, run
against both packages; see real_world_b.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .real_world_b import Programs, Reply, ScriptedServer, multipart_parts, poll_header

programs = Programs()

COUNTS = {"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 0, "total": 0}


def store(status: str = "completed", **extra: Any) -> Any:
    return {
        "id": "vs_abc",
        "object": "vector_store",
        "created_at": 1733000000,
        "name": "Support FAQ",
        "usage_bytes": 0,
        "file_counts": COUNTS,
        "status": status,
        "expires_after": None,
        "expires_at": None,
        "last_active_at": 1733000000,
        "metadata": {},
        **extra,
    }


def store_file(file_id: str, status: str, **extra: Any) -> Any:
    return {
        "id": file_id,
        "object": "vector_store.file",
        "usage_bytes": 1234,
        "created_at": 1733000000,
        "vector_store_id": "vs_abc",
        "status": status,
        "last_error": None,
        "chunking_strategy": {
            "type": "static",
            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
        },
        "attributes": {},
        **extra,
    }


def file_batch(status: str, **counts: int) -> Any:
    return {
        "id": "vsfb_1",
        "object": "vector_store.files_batch",
        "created_at": 1733000000,
        "vector_store_id": "vs_abc",
        "status": status,
        "file_counts": {**COUNTS, **counts},
    }


def uploaded(request: Any) -> Reply:
    """The file object of an upload, its id made from the uploaded file's name."""
    name = next(part[1] for part in multipart_parts(request) if part[0] == "file")
    return Reply.json(
        {
            "id": "file-" + name.split(".")[0],
            "object": "file",
            "bytes": 10,
            "created_at": 1733000000,
            "filename": name,
            "purpose": "assistants",
            "status": "processed",
        }
    )


@programs
def create_store_and_upload_and_poll(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    path = folder / "faq.md"
    path.write_text("# FAQ\nQ: refunds?\nA: 30 days.\n")
    server.route("POST", "/v1/vector_stores", Reply.json(store("completed")))
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST", "/v1/vector_stores/vs_abc/files", Reply.json(store_file("file-faq", "in_progress"))
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/files/file-faq",
        Reply.json(store_file("file-faq", "in_progress"), headers=poll_header()),
        Reply.json(store_file("file-faq", "completed"), headers=poll_header()),
    )
    vector_store = client.vector_stores.create(name="Support FAQ")
    with open(path, "rb") as handle:
        vs_file = client.vector_stores.files.upload_and_poll(
            vector_store_id=vector_store.id, file=handle
        )
    return vector_store.id, vs_file.status, vs_file.usage_bytes, vs_file.chunking_strategy.type


@programs
def upload_and_poll_with_attributes_and_chunking(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST", "/v1/vector_stores/vs_abc/files", Reply.json(store_file("file-doc", "in_progress"))
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/files/file-doc",
        Reply.json(
            store_file(
                "file-doc",
                "failed",
                last_error={"code": "unsupported_file", "message": "not text"},
                attributes={"lang": "en", "year": 2024, "public": True},
            ),
            headers=poll_header(),
        ),
    )
    result = client.vector_stores.files.upload_and_poll(
        vector_store_id="vs_abc",
        file=("doc.txt", b"some text"),
        attributes={"lang": "en", "year": 2024, "public": True},
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 400, "chunk_overlap_tokens": 100},
        },
        poll_interval_ms=1,
    )
    return result.status, result.last_error.code, result.attributes


@programs
def file_batch_upload_and_poll(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # the Assistants file-search guide: a batch of local files into a new store
    paths = []
    for name in ("edgar.md", "poe.md", "raven.md"):
        paths.append(folder / name)
        paths[-1].write_text(name)
    server.route("POST", "/v1/vector_stores", Reply.json(store("completed", name="Poems")))
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/file_batches",
        Reply.json(file_batch("in_progress", in_progress=4, total=4)),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/file_batches/vsfb_1",
        Reply.json(
            file_batch("in_progress", in_progress=1, completed=3, total=4), headers=poll_header()
        ),
        Reply.json(file_batch("completed", completed=4, total=4), headers=poll_header()),
    )
    vector_store = client.vector_stores.create(name="Poems")
    with contextlib.ExitStack() as stack:
        file_streams = [stack.enter_context(open(path, "rb")) for path in paths]
        file_batch_result = client.vector_stores.file_batches.upload_and_poll(
            vector_store_id=vector_store.id, files=file_streams, file_ids=["file-existing"]
        )
    return file_batch_result.status, file_batch_result.file_counts.model_dump()


@programs
def file_batch_create_and_poll_then_list_files(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/file_batches",
        Reply.json(file_batch("in_progress", total=2)),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/file_batches/vsfb_1",
        Reply.json(file_batch("completed", completed=1, failed=1, total=2), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/file_batches/vsfb_1/files",
        Reply.json(
            {
                "object": "list",
                "data": [store_file("file-a", "completed"), store_file("file-b", "failed")],
                "first_id": "file-a",
                "last_id": "file-b",
                "has_more": False,
            }
        ),
    )
    batch = client.vector_stores.file_batches.create_and_poll(
        vector_store_id="vs_abc",
        files=[
            {"file_id": "file-a", "attributes": {"topic": "billing"}},
            {"file_id": "file-b"},
        ],
    )
    failed = [
        f.id
        for f in client.vector_stores.file_batches.list_files(
            batch_id=batch.id, vector_store_id="vs_abc", filter="failed"
        )
    ]
    return batch.status, batch.file_counts.failed, failed


@programs
def search_a_store(openai: ModuleType, client: Any, server: ScriptedServer, folder: Path) -> Any:
    server.default = Reply.json(
        {
            "object": "vector_store.search_results.page",
            "search_query": ["what is the refund policy"],
            "data": [
                {
                    "file_id": "file-faq",
                    "filename": "faq.md",
                    "score": 0.87,
                    "attributes": {"lang": "en"},
                    "content": [{"type": "text", "text": "A: 30 days."}],
                },
                {
                    "file_id": "file-terms",
                    "filename": "terms.md",
                    "score": 0.42,
                    "attributes": None,
                    "content": [{"type": "text", "text": "Refunds within 30 days."}],
                },
            ],
            "has_more": False,
            "next_page": None,
        }
    )
    results = client.vector_stores.search(
        vector_store_id="vs_abc",
        query="what is the refund policy",
        max_num_results=5,
        filters={"type": "eq", "key": "lang", "value": "en"},
    )
    formatted = [
        f"<result file_id='{r.file_id}' file_name='{r.filename}'>"
        + " ".join(c.text for c in r.content)
        + "</result>"
        for r in results
    ]
    return formatted, [r.score for r in results.data], results.has_next_page()


@programs
def list_stores_and_files_by_page(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    def page(items: list[Any], has_more: bool) -> Reply:
        return Reply.json(
            {
                "object": "list",
                "data": items,
                "first_id": items[0]["id"],
                "last_id": items[-1]["id"],
                "has_more": has_more,
            }
        )

    server.reply(
        page([store(id="vs_1", name="a"), store(id="vs_2", name="b")], True),
        page([store(id="vs_3", name="c")], False),
        page([store_file("file-1", "completed"), store_file("file-2", "in_progress")], True),
        page([store_file("file-3", "completed")], False),
        Reply.json({"id": "file-2", "object": "vector_store.file.deleted", "deleted": True}),
        Reply.json({"id": "vs_3", "object": "vector_store.deleted", "deleted": True}),
    )
    names = [vs.name for vs in client.vector_stores.list(limit=2)]
    first = client.vector_stores.files.list(vector_store_id="vs_abc", limit=2, order="asc")
    statuses = [f.status for f in first.data]
    second = first.get_next_page() if first.has_next_page() else None
    statuses += [f.status for f in second.data]
    removed = client.vector_stores.files.delete(file_id="file-2", vector_store_id="vs_abc")
    gone = client.vector_stores.delete("vs_3")
    return names, statuses, removed.deleted, gone.deleted, type(gone).__name__


@programs
def store_file_content_and_update(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(
            {
                "object": "vector_store.file_content.page",
                "data": [{"type": "text", "text": "chunk one"}, {"type": "text", "text": "two"}],
                "has_more": False,
                "next_page": None,
            }
        ),
        Reply.json(store_file("file-1", "completed", attributes={"reviewed": True})),
        Reply.json(store(name="renamed", metadata={"team": "support"})),
    )
    chunks = [
        c.text
        for c in client.vector_stores.files.content(file_id="file-1", vector_store_id="vs_abc")
    ]
    updated = client.vector_stores.files.update(
        file_id="file-1", vector_store_id="vs_abc", attributes={"reviewed": True}
    )
    renamed = client.vector_stores.update(
        "vs_abc", name="renamed", metadata={"team": "support"}, expires_after=None
    )
    return chunks, updated.attributes, renamed.name, renamed.metadata


# --- fine-tuning ----------------------------------------------------------------------------------


def job(status: str, **extra: Any) -> Any:
    return {
        "id": "ftjob-abc",
        "object": "fine_tuning.job",
        "created_at": 1733000000,
        "error": None,
        "fine_tuned_model": None,
        "finished_at": None,
        "hyperparameters": {
            "batch_size": "auto",
            "learning_rate_multiplier": "auto",
            "n_epochs": 3,
        },
        "model": "gpt-4o-mini-2024-07-18",
        "organization_id": "org-1",
        "result_files": [],
        "seed": 42,
        "status": status,
        "trained_tokens": None,
        "training_file": "file-train",
        "validation_file": None,
        "estimated_finish": None,
        "integrations": None,
        "metadata": None,
        "method": {
            "type": "supervised",
            "supervised": {
                "hyperparameters": {
                    "batch_size": "auto",
                    "learning_rate_multiplier": "auto",
                    "n_epochs": 3,
                }
            },
        },
        **extra,
    }


@programs
def fine_tune_and_wait(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(job("validating_files")),
        Reply.json(job("running")),
        Reply.json(
            job(
                "succeeded",
                fine_tuned_model="ft:gpt-4o-mini-2024-07-18:org:custom:abc",
                finished_at=1733003600,
                trained_tokens=12000,
                result_files=["file-result"],
            )
        ),
    )
    created = client.fine_tuning.jobs.create(
        training_file="file-train",
        model="gpt-4o-mini-2024-07-18",
        suffix="custom",
        hyperparameters={"n_epochs": 3},
    )
    states = [created.status]
    while True:
        current = client.fine_tuning.jobs.retrieve(created.id)
        states.append(current.status)
        if current.status in ("succeeded", "failed", "cancelled"):
            break
    return (
        states,
        current.fine_tuned_model,
        current.trained_tokens,
        current.hyperparameters.n_epochs,
        current.method.supervised.hyperparameters.batch_size,
    )


@programs
def fine_tune_events_and_checkpoints(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    events = [
        {
            "id": f"ftevent-{n}",
            "object": "fine_tuning.job.event",
            "created_at": 1733000000 + n,
            "level": "info",
            "message": f"Step {n}/100: training loss=0.{n}",
            "type": "metrics",
            "data": {"step": n, "train_loss": n / 10},
        }
        for n in (2, 1)
    ]
    checkpoint = {
        "id": "ftckpt_1",
        "object": "fine_tuning.job.checkpoint",
        "created_at": 1733000000,
        "fine_tuned_model_checkpoint": "ft:gpt-4o-mini:org:custom:abc:ckpt-step-100",
        "fine_tuning_job_id": "ftjob-abc",
        "metrics": {"step": 100, "train_loss": 0.1, "full_valid_loss": 0.2},
        "step_number": 100,
    }
    server.reply(
        Reply.json({"object": "list", "data": events, "has_more": False}),
        Reply.json(
            {
                "object": "list",
                "data": [checkpoint],
                "first_id": "ftckpt_1",
                "last_id": "ftckpt_1",
                "has_more": False,
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [
                    job("running"),
                    job(
                        "failed",
                        error={
                            "code": "invalid_training_file",
                            "message": "bad",
                            "param": "training_file",
                        },
                    ),
                ],
                "has_more": False,
            }
        ),
        Reply.json(job("cancelled")),
    )
    messages = [
        e.message
        for e in client.fine_tuning.jobs.list_events(fine_tuning_job_id="ftjob-abc", limit=10)
    ]
    checkpoints = client.fine_tuning.jobs.checkpoints.list("ftjob-abc")
    latest = checkpoints.data[0]
    jobs = client.fine_tuning.jobs.list(limit=10)
    failures = [(j.status, j.error.code if j.error else None) for j in jobs]
    cancelled = client.fine_tuning.jobs.cancel("ftjob-abc")
    return (
        messages,
        latest.fine_tuned_model_checkpoint,
        latest.metrics.full_valid_loss,
        latest.step_number,
        failures,
        cancelled.status,
    )


@programs
def fine_tune_dpo_and_permissions(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    permission = {
        "id": "cp_1",
        "object": "checkpoint.permission",
        "created_at": 1733000000,
        "project_id": "proj_1",
    }
    server.reply(
        Reply.json(
            job("queued", method={"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.1}}})
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
    created = client.fine_tuning.jobs.create(
        model="gpt-4o-2024-08-06",
        training_file="file-pref",
        method={"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.1}}},
    )
    model = "ft:gpt-4o-mini:org::ckpt"
    granted = client.fine_tuning.checkpoints.permissions.create(model, project_ids=["proj_1"])
    listed = client.fine_tuning.checkpoints.permissions.retrieve(model, project_id="proj_1")
    deleted = client.fine_tuning.checkpoints.permissions.delete(
        "cp_1", fine_tuned_model_checkpoint=model
    )
    return (
        created.method.type,
        created.method.dpo.hyperparameters.beta,
        [p.project_id for p in granted],
        [p.id for p in listed.data],
        deleted.deleted,
    )


@programs
async def async_store_upload_and_search(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    path = folder / "guide.txt"
    path.write_text("guide")
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/files",
        Reply.json(store_file("file-guide", "in_progress")),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/files/file-guide",
        Reply.json(store_file("file-guide", "completed"), headers=poll_header()),
    )
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/file_batches",
        Reply.json(file_batch("in_progress", total=1)),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/file_batches/vsfb_1",
        Reply.json(file_batch("completed", completed=1, total=1), headers=poll_header()),
    )
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/search",
        Reply.json(
            {
                "object": "vector_store.search_results.page",
                "search_query": ["guide"],
                "data": [
                    {
                        "file_id": "file-guide",
                        "filename": "guide.txt",
                        "score": 0.5,
                        "attributes": {},
                        "content": [{"type": "text", "text": "guide"}],
                    }
                ],
                "has_more": False,
                "next_page": None,
            }
        ),
    )
    single = await client.vector_stores.files.upload_and_poll(vector_store_id="vs_abc", file=path)
    batch = await client.vector_stores.file_batches.upload_and_poll(
        "vs_abc", files=[path], max_concurrency=2
    )
    hits = [r.filename async for r in client.vector_stores.search("vs_abc", query="guide")]
    return single.status, batch.status, hits


@programs
def attach_existing_file_and_poll(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.route(
        "POST", "/v1/vector_stores/vs_abc/files", Reply.json(store_file("file-9", "in_progress"))
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/files/file-9",
        Reply.json(store_file("file-9", "in_progress"), headers=poll_header()),
        Reply.json(store_file("file-9", "completed", attributes={"k": "v"}), headers=poll_header()),
    )
    attached = client.vector_stores.files.create_and_poll(
        file_id="file-9", vector_store_id="vs_abc", attributes={"k": "v"}
    )
    again = client.vector_stores.files.poll("file-9", vector_store_id="vs_abc")
    return attached.status, attached.attributes, again.status


@programs
def store_with_expiry_and_static_chunks(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(
            store(
                "in_progress",
                expires_after={"anchor": "last_active_at", "days": 7},
                expires_at=1733604800,
                file_counts={**COUNTS, "in_progress": 2, "total": 2},
            )
        ),
        Reply.json(store("expired", expires_at=1733604800)),
    )
    created = client.vector_stores.create(
        name="Support FAQ",
        file_ids=["file-a", "file-b"],
        expires_after={"anchor": "last_active_at", "days": 7},
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 1200, "chunk_overlap_tokens": 200},
        },
        metadata={"env": "prod"},
    )
    later = client.vector_stores.retrieve(created.id)
    return (
        created.status,
        created.file_counts.in_progress,
        created.expires_after.days,
        later.status,
    )


@programs
def grade_with_an_alpha_grader(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    grader = {
        "type": "string_check",
        "name": "exact",
        "input": "{{sample.output_text}}",
        "reference": "{{item.answer}}",
        "operation": "eq",
    }
    errors = {
        "formula_parse_error": False,
        "invalid_variable_error": False,
        "model_grader_parse_error": False,
        "model_grader_refusal_error": False,
        "model_grader_server_error": False,
        "model_grader_server_error_details": None,
        "other_error": False,
        "python_grader_runtime_error": False,
        "python_grader_runtime_error_details": None,
        "python_grader_server_error": False,
        "python_grader_server_error_type": None,
        "sample_parse_error": False,
        "truncated_observation_error": False,
        "unresponsive_reward_error": False,
    }
    server.reply(
        Reply.json({"grader": grader}),
        Reply.json(
            {
                "reward": 1.0,
                "sub_rewards": {},
                "model_grader_token_usage_per_model": {},
                "metadata": {
                    "name": "exact",
                    "type": "string_check",
                    "execution_time": 0.01,
                    "scores": {"exact": 1.0},
                    "token_usage": None,
                    "sampled_model_name": None,
                    "errors": errors,
                },
            }
        ),
    )
    checked = client.fine_tuning.alpha.graders.validate(grader=grader)
    result = client.fine_tuning.alpha.graders.run(
        grader=grader, model_sample="Paris", item={"answer": "Paris"}
    )
    return (
        checked.grader.type,
        result.reward,
        result.metadata.scores,
        result.metadata.errors.formula_parse_error,
        result.metadata.execution_time,
    )


@programs
def pause_resume_and_wandb(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    wandb = {
        "type": "wandb",
        "wandb": {"project": "ft", "name": None, "entity": None, "tags": ["x"]},
    }
    server.reply(
        Reply.json(job("running", integrations=[wandb], metadata={"team": "ml"})),
        Reply.json(job("paused")),
        Reply.json(job("running")),
    )
    created = client.fine_tuning.jobs.create(
        model="gpt-4o-mini-2024-07-18",
        training_file="file-train",
        validation_file="file-valid",
        integrations=[{"type": "wandb", "wandb": {"project": "ft", "tags": ["x"]}}],
        method={
            "type": "supervised",
            "supervised": {"hyperparameters": {"n_epochs": 2, "learning_rate_multiplier": 0.5}},
        },
        metadata={"team": "ml"},
        seed=42,
    )
    paused = client.fine_tuning.jobs.pause(created.id)
    resumed = client.fine_tuning.jobs.resume(fine_tuning_job_id=created.id)
    return (
        created.integrations[0].wandb.project,
        created.metadata,
        paused.status,
        resumed.status,
    )


@programs
def request_ids_of_helper_results(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # logged for support tickets: a helper's result carries the id of the request that answered it
    def answer(body: Any) -> Reply:
        def reply(request: Any) -> Reply:
            name = request.method + " " + request.path.rsplit("/", 1)[-1]
            return Reply.json(body, headers={"x-request-id": name, **poll_header()})

        return Reply.dynamic(reply)

    server.route(
        "POST",
        "/v1/files",
        answer(
            {
                "id": "file-x",
                "object": "file",
                "bytes": 1,
                "created_at": 1,
                "filename": "a.txt",
                "purpose": "assistants",
                "status": "processed",
            }
        ),
    )
    server.route(
        "POST", "/v1/vector_stores/vs_abc/files", answer(store_file("file-x", "in_progress"))
    )
    server.route(
        "GET", "/v1/vector_stores/vs_abc/files/file-x", answer(store_file("file-x", "completed"))
    )
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/search",
        answer(
            {
                "object": "vector_store.search_results.page",
                "search_query": ["q"],
                "data": [],
                "has_more": False,
                "next_page": None,
            }
        ),
    )
    server.route(
        "POST",
        "/v1/fine_tuning/checkpoints/ft:x/permissions",
        answer({"object": "list", "data": [], "has_more": False}),
    )
    uploaded = client.vector_stores.files.upload_and_poll(
        vector_store_id="vs_abc", file=("a.txt", b"x")
    )
    found = client.vector_stores.search("vs_abc", query="q")
    shared = client.fine_tuning.checkpoints.permissions.create("ft:x", project_ids=["proj_1"])
    return uploaded._request_id, found._request_id, shared._request_id


@programs
async def async_pages_of_store_files_and_jobs(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    def page(items: list[Any], has_more: bool) -> Reply:
        return Reply.json(
            {
                "object": "list",
                "data": items,
                "first_id": items[0]["id"],
                "last_id": items[-1]["id"],
                "has_more": has_more,
            }
        )

    server.reply(
        page([store_file("file-1", "completed"), store_file("file-2", "completed")], True),
        page([store_file("file-3", "failed")], False),
        page([job("succeeded"), job("failed", id="ftjob-2")], False),
        Reply.json(
            {
                "object": "list",
                "data": [
                    {
                        "id": "ev",
                        "object": "fine_tuning.job.event",
                        "created_at": 1,
                        "level": "warn",
                        "message": "slow",
                    }
                ],
                "has_more": False,
            }
        ),
    )
    files = [
        (f.id, f.status)
        async for f in client.vector_stores.files.list(vector_store_id="vs_abc", limit=2)
    ]
    jobs = [j.status async for j in client.fine_tuning.jobs.list()]
    events = await client.fine_tuning.jobs.list_events("ftjob-abc")
    return files, jobs, [(e.level, e.message) for e in events.data]


@pytest.mark.parametrize("name", sorted(programs.sync))
def test_program(name: str, tmp_path: Path) -> None:
    ours, theirs = programs.run(name, tmp_path)
    assert ours[1] == theirs[1]  # the requests sent
    assert ours[0] == theirs[0]  # what the program observed


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(programs.asynchronous))
async def test_async_program(name: str, tmp_path: Path) -> None:
    ours, theirs = await programs.arun(name, tmp_path)
    assert ours[1] == theirs[1]
    assert ours[0] == theirs[0]
