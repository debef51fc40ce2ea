"""Real-world sweep O, fine-tuning and evals as users of the official SDK write them: a
reinforcement job whose grader is a multi grader of a score model and a python grader (read back
through ``job.method``), jobs filtered by metadata and walked page by page, a training dashboard
built from ``list_events`` and the checkpoints' metrics, checkpoint sharing by project, graders
given as the SDK's own model objects to ``validate`` and ``run``, evals with label-model,
text-similarity and python criteria over a custom item schema (``schema_``), stored-completion
evals, runs from a JSONL file, a responses source and a templated completions source, results
read through ``result_counts`` / ``per_testing_criteria_results`` and failed output items — run
against both packages over the loopback server (see real_world_d), comparing what each program
observed and the requests it sent.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


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


# --- fine-tuning ---------------------------------------------------------------------------------

SCORE_GRADER = {
    "type": "score_model",
    "name": "judge",
    "model": "gpt-4o-2024-08-06",
    "input": [
        {"role": "system", "content": "Score the answer from 0 to 1."},
        {"role": "user", "content": "Answer: {{sample.output_text}} Ref: {{item.reference}}"},
    ],
    "range": [0, 1],
    "sampling_params": {"temperature": 0, "seed": 7, "reasoning_effort": "low"},
}
PYTHON_GRADER = {
    "type": "python",
    "name": "exact",
    "source": "def grade(sample, item):\n    return float(sample['output_text'] == item['reference'])\n",
}
MULTI_GRADER = {
    "type": "multi",
    "name": "combined",
    "graders": SCORE_GRADER,
    "calculate_output": "0.7 * judge + 0.3",
}


def job(status: str = "validating_files", **extra: Any) -> Any:
    body = {
        "id": "ftjob-rl",
        "object": "fine_tuning.job",
        "model": "o4-mini-2025-04-16",
        "created_at": 1733000000,
        "status": status,
        "training_file": "file-train",
        "validation_file": "file-valid",
        "hyperparameters": {"n_epochs": 2, "batch_size": "auto", "learning_rate_multiplier": 1.0},
        "organization_id": "org-1",
        "result_files": [],
        "seed": 1234,
        "fine_tuned_model": None,
        "finished_at": None,
        "error": None,
        "trained_tokens": None,
        "estimated_finish": None,
        "integrations": None,
        "metadata": {"team": "search", "run": "7"},
        "method": {
            "type": "reinforcement",
            "reinforcement": {
                "grader": MULTI_GRADER,
                "hyperparameters": {
                    "n_epochs": 2,
                    "reasoning_effort": "medium",
                    "compute_multiplier": "auto",
                    "eval_interval": 5,
                    "eval_samples": "auto",
                    "batch_size": "auto",
                    "learning_rate_multiplier": 1.0,
                },
            },
        },
    }
    body.update(extra)
    return body


@program
def reinforcement_job_with_a_multi_grader(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/fine_tuning/jobs", Reply.json(job()))
    created = client.fine_tuning.jobs.create(
        model="o4-mini-2025-04-16",
        training_file="file-train",
        validation_file="file-valid",
        suffix="rl-judge",
        seed=1234,
        metadata={"team": "search", "run": "7"},
        method={
            "type": "reinforcement",
            "reinforcement": {
                "grader": MULTI_GRADER,
                "hyperparameters": {
                    "n_epochs": 2,
                    "reasoning_effort": "medium",
                    "eval_interval": 5,
                },
            },
        },
    )
    grader = created.method.reinforcement.grader
    graders = openai.types.graders
    return (
        repr(created.method),
        type(created.method.reinforcement).__name__,
        type(grader).__name__,
        isinstance(grader, graders.MultiGrader),
        type(grader.graders).__name__,
        grader.graders.sampling_params.reasoning_effort,
        grader.graders.range,
        [type(m).__name__ for m in grader.graders.input],
        created.method.reinforcement.hyperparameters.compute_multiplier,
        created.hyperparameters.learning_rate_multiplier,
        created.model_dump(exclude_none=True),
        created.to_dict()["method"]["reinforcement"]["grader"]["graders"]["type"],
    )


@program
def jobs_of_a_team_walked_page_by_page(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    first = page(job("succeeded", id="ftjob-1"), job("failed", id="ftjob-2"), has_more=True)
    first["data"][1]["error"] = {"code": "invalid_file", "message": "bad line 3", "param": "file"}
    second = page(job("cancelled", id="ftjob-3"))
    server.route("GET", "/v1/fine_tuning/jobs", Reply.json(first), Reply.json(second))
    listing = client.fine_tuning.jobs.list(limit=2, metadata={"team": "search"})
    rows = []
    for item in listing:
        rows.append((item.id, item.status, item.error.message if item.error else None))
    current = client.fine_tuning.jobs.list(limit=2, metadata={"team": "search"})
    pages = [
        [j.id for j in current.data],
        current.has_more,
        current.has_next_page(),
    ]
    return rows, pages, [str(type(item.error).__name__) for item in listing.data]


def event(number: int, kind: str = "metrics", **data: Any) -> Any:
    return {
        "id": f"ftevent-{number}",
        "object": "fine_tuning.job.event",
        "created_at": 1733000000 + number,
        "level": "info" if kind != "message" else "warn",
        "message": f"Step {number}/20: training loss={1 / (number + 1):.3f}",
        "type": kind,
        "data": {"step": number, "train_loss": 1 / (number + 1), **data}
        if kind == "metrics"
        else {},
    }


def checkpoint(step: int, loss: float) -> Any:
    return {
        "id": f"ftckpt-{step}",
        "object": "fine_tuning.job.checkpoint",
        "created_at": 1733000100 + step,
        "fine_tuned_model_checkpoint": f"ft:gpt-4o-mini-2024-07-18:org::abc:ckpt-step-{step}",
        "fine_tuning_job_id": "ftjob-rl",
        "step_number": step,
        "metrics": {
            "step": step,
            "train_loss": loss + 0.1,
            "train_mean_token_accuracy": 0.8,
            "valid_loss": loss,
            "valid_mean_token_accuracy": 0.75,
            "full_valid_loss": loss,
            "full_valid_mean_token_accuracy": 0.7,
        },
    }


@program
def training_dashboard_from_events_and_checkpoints(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "GET",
        "/v1/fine_tuning/jobs/ftjob-rl/events",
        Reply.json(page(event(3), event(2, "message"), event(1), has_more=False)),
    )
    server.route(
        "GET",
        "/v1/fine_tuning/jobs/ftjob-rl/checkpoints",
        Reply.json(page(checkpoint(30, 0.41), checkpoint(20, 0.37), checkpoint(10, 0.52))),
    )
    events = client.fine_tuning.jobs.list_events(fine_tuning_job_id="ftjob-rl", limit=50)
    losses = [
        (e.data["step"], round(e.data["train_loss"], 3))
        for e in reversed(events.data)
        if e.type == "metrics"
    ]
    warnings = [f"[{e.level}] {e.message}" for e in events if e.level != "info"]
    checkpoints = client.fine_tuning.jobs.checkpoints.list("ftjob-rl", limit=10)
    best = min(checkpoints, key=lambda c: c.metrics.full_valid_loss)
    return (
        losses,
        warnings,
        str(events.data[0]),
        best.fine_tuned_model_checkpoint,
        best.metrics.model_dump(),
        repr(best.metrics),
        checkpoints.first_id if hasattr(checkpoints, "first_id") else None,
        [c.step_number for c in sorted(checkpoints.data, key=lambda c: c.created_at)],
    )


@program
def pause_inspect_and_resume_a_job(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route("POST", "/v1/fine_tuning/jobs/ftjob-rl/pause", Reply.json(job("paused")))
    server.route("POST", "/v1/fine_tuning/jobs/ftjob-rl/resume", Reply.json(job("running")))
    server.route(
        "POST",
        "/v1/fine_tuning/jobs/ftjob-rl/cancel",
        Reply.json(
            {"error": {"message": "Job is not cancellable", "type": "invalid_request_error"}}, 400
        ),
    )
    paused = client.fine_tuning.jobs.pause("ftjob-rl")
    resumed = client.fine_tuning.jobs.resume(fine_tuning_job_id="ftjob-rl")
    cancel = outcome(lambda: client.fine_tuning.jobs.cancel("ftjob-rl"))
    try:
        client.fine_tuning.jobs.cancel("ftjob-rl")
    except openai.BadRequestError as error:
        caught = (error.status_code, error.body, error.code, error.type, error.param)
    return paused.status, resumed.status, cancel, caught


def permission(number: int, project: str) -> Any:
    return {
        "id": f"cp_{number}",
        "object": "checkpoint.permission",
        "created_at": 1733000000 + number,
        "project_id": project,
    }


@program
def share_the_best_checkpoint_with_projects(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    model = "ft:gpt-4o-mini-2024-07-18:org::abc:ckpt-step-20"
    base = f"/v1/fine_tuning/checkpoints/{model}/permissions"
    server.route("POST", base, Reply.json(page(permission(1, "proj_a"), permission(2, "proj_b"))))
    server.route("GET", base, Reply.json(page(permission(2, "proj_b"))))
    server.route(
        "DELETE",
        f"{base}/cp_1",
        Reply.json({"id": "cp_1", "object": "checkpoint.permission", "deleted": True}),
    )
    created = client.fine_tuning.checkpoints.permissions.create(
        model, project_ids=["proj_a", "proj_b"]
    )
    shared = [(p.id, p.project_id) for p in created]
    listed = client.fine_tuning.checkpoints.permissions.list(
        model, project_id="proj_b", order="descending", limit=5
    )
    deleted = client.fine_tuning.checkpoints.permissions.delete(
        "cp_1", fine_tuned_model_checkpoint=model
    )
    permissions = openai.types.fine_tuning.checkpoints
    return (
        shared,
        type(created).__name__,
        [type(p).__name__ for p in created],
        isinstance(created.data[0], permissions.PermissionCreateResponse),
        isinstance(created.data[0], permissions.PermissionListResponse),
        type(listed).__name__,
        isinstance(listed.data[0], permissions.PermissionListResponse),
        isinstance(listed.data[0], permissions.PermissionCreateResponse),
        [p.model_dump() for p in listed],
        (deleted.id, deleted.deleted, deleted.object),
        repr(deleted),
    )


@program
def graders_as_model_objects(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A script builds its grader with the SDK's own classes, then validates and runs it."""
    from_types = openai.types.graders
    grader = from_types.StringCheckGrader(
        type="string_check",
        name="exact",
        input="{{sample.output_text}}",
        reference="{{item.answer}}",
        operation="eq",
    )
    server.route(
        "POST",
        "/v1/fine_tuning/alpha/graders/validate",
        Reply.json({"grader": grader.model_dump()}),
    )
    server.route(
        "POST",
        "/v1/fine_tuning/alpha/graders/run",
        Reply.json(
            {
                "reward": 1.0,
                "metadata": {
                    "name": "exact",
                    "type": "string_check",
                    "errors": {
                        "formula_parse_error": False,
                        "sample_parse_error": False,
                        "truncated_observation_error": False,
                        "unresponsive_reward_error": False,
                        "invalid_variable_error": False,
                        "other_error": False,
                        "python_grader_server_error": False,
                        "python_grader_server_error_type": None,
                        "python_grader_runtime_error": False,
                        "python_grader_runtime_error_details": None,
                        "model_grader_server_error": False,
                        "model_grader_refusal_error": False,
                        "model_grader_parse_error": False,
                        "model_grader_server_error_details": None,
                    },
                    "execution_time": 0.01,
                    "scores": {"exact": 1.0},
                    "token_usage": None,
                    "sampled_model_name": None,
                },
                "sub_rewards": {"exact": 1.0},
                "model_grader_token_usage_per_model": {},
            }
        ),
    )
    validated = client.fine_tuning.alpha.graders.validate(grader=grader)
    ran = client.fine_tuning.alpha.graders.run(
        grader=grader.model_dump(), model_sample="Paris", item={"answer": "Paris"}
    )
    errors = ran.metadata.errors
    failed = [name for name, value in errors if value]
    return (
        type(validated.grader).__name__,
        validated.grader == grader,
        ran.reward,
        ran.metadata.scores,
        failed,
        ran.sub_rewards,
        repr(ran.metadata.errors)[:60],
    )


# --- evals -------------------------------------------------------------------------------------

ITEM_SCHEMA = {
    "type": "object",
    "properties": {"ticket": {"type": "string"}, "expected": {"type": "string"}},
    "required": ["ticket", "expected"],
}

CRITERIA = [
    {
        "type": "label_model",
        "name": "tone",
        "model": "gpt-4o-mini",
        "input": [
            {"role": "developer", "content": "Label the reply's tone."},
            {"role": "user", "content": "{{sample.output_text}}"},
        ],
        "labels": ["polite", "rude"],
        "passing_labels": ["polite"],
    },
    {
        "type": "text_similarity",
        "name": "close",
        "input": "{{sample.output_text}}",
        "reference": "{{item.expected}}",
        "evaluation_metric": "fuzzy_match",
        "pass_threshold": 0.8,
    },
    {
        "type": "python",
        "name": "short",
        "source": "def grade(s, i):\n    return 1.0\n",
        "pass_threshold": 0.5,
    },
]


def eval_body(**extra: Any) -> Any:
    body = {
        "id": "eval_1",
        "object": "eval",
        "name": "Ticket replies",
        "created_at": 1733000000,
        "metadata": {"owner": "support"},
        "data_source_config": {
            "type": "custom",
            "schema": {
                "type": "object",
                "properties": {"item": ITEM_SCHEMA, "sample": {"type": "object"}},
                "required": ["item", "sample"],
            },
        },
        "testing_criteria": [
            {**CRITERIA[0], "input": [{**m, "type": "message"} for m in CRITERIA[0]["input"]]},
            CRITERIA[1],
            CRITERIA[2],
        ],
    }
    body.update(extra)
    return body


@program
def eval_with_three_kinds_of_criteria(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/evals", Reply.json(eval_body()))
    created = client.evals.create(
        name="Ticket replies",
        metadata={"owner": "support"},
        data_source_config={
            "type": "custom",
            "item_schema": ITEM_SCHEMA,
            "include_sample_schema": True,
        },
        testing_criteria=CRITERIA,
    )
    config = created.data_source_config
    return (
        type(config).__name__,
        config.schema_["required"],
        config.model_dump(by_alias=True)["schema"]["required"],
        sorted(config.model_dump()),
        [type(c).__name__ for c in created.testing_criteria],
        created.testing_criteria[0].input[0].role,
        type(created.testing_criteria[0].input[0]).__name__,
        created.testing_criteria[1].evaluation_metric,
        created.testing_criteria[2].pass_threshold,
        json.loads(created.to_json())["data_source_config"]["type"],
        created.to_dict()["data_source_config"].keys() == {"type", "schema"},
    )


@program
def stored_completions_eval_and_its_listing(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    stored = eval_body(
        id="eval_2",
        data_source_config={
            "type": "stored_completions",
            "metadata": {"usecase": "chatbot"},
            "schema": {"type": "object", "properties": {}},
        },
        testing_criteria=[
            {
                "type": "string_check",
                "name": "mentions refund",
                "input": "{{sample.output_text}}",
                "reference": "refund",
                "operation": "ilike",
            }
        ],
    )
    server.route("POST", "/v1/evals", Reply.json(stored))
    server.route(
        "GET", "/v1/evals", Reply.json(page(stored, eval_body(), has_more=True)), Reply.json(page())
    )
    created = client.evals.create(
        name="Chatbot",
        data_source_config={"type": "stored_completions", "metadata": {"usecase": "chatbot"}},
        testing_criteria=[
            {
                "type": "string_check",
                "name": "mentions refund",
                "input": "{{sample.output_text}}",
                "reference": "refund",
                "operation": "ilike",
            }
        ],
    )
    names = [
        (e.id, e.data_source_config.type)
        for e in client.evals.list(order="desc", order_by="updated_at", limit=2)
    ]
    return (
        type(created.data_source_config).__name__,
        created.data_source_config.metadata,
        str(created.testing_criteria[0]),
        names,
    )


def run_body(status: str = "queued", **extra: Any) -> Any:
    body = {
        "id": "evalrun_1",
        "object": "eval.run",
        "eval_id": "eval_1",
        "name": "baseline",
        "status": status,
        "model": "gpt-4o-mini",
        "created_at": 1733000000,
        "metadata": {},
        "error": None,
        "report_url": "https://platform.openai.com/evaluations/eval_1?run_id=evalrun_1",
        "result_counts": {"total": 3, "passed": 2, "failed": 1, "errored": 0},
        "per_model_usage": [
            {
                "model_name": "gpt-4o-mini",
                "invocation_count": 6,
                "prompt_tokens": 600,
                "completion_tokens": 90,
                "total_tokens": 690,
                "cached_tokens": 0,
            }
        ],
        "per_testing_criteria_results": [
            {"testing_criteria": "tone-1", "passed": 3, "failed": 0},
            {"testing_criteria": "close-2", "passed": 2, "failed": 1},
        ],
        "data_source": {
            "type": "jsonl",
            "source": {
                "type": "file_content",
                "content": [{"item": {"ticket": "Where is my order?", "expected": "On its way"}}],
            },
        },
    }
    body.update(extra)
    return body


@program
def eval_run_from_a_jsonl_file_then_its_report(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/evals/eval_1/runs", Reply.json(run_body()))
    server.route(
        "GET",
        "/v1/evals/eval_1/runs/evalrun_1",
        Reply.json(run_body("in_progress")),
        Reply.json(run_body("completed")),
    )
    created = client.evals.runs.create(
        "eval_1",
        name="baseline",
        data_source={
            "type": "jsonl",
            "source": {
                "type": "file_content",
                "content": [{"item": {"ticket": "Where is my order?", "expected": "On its way"}}],
            },
        },
    )
    run = created
    while run.status in ("queued", "in_progress"):
        run = client.evals.runs.retrieve(run.id, eval_id="eval_1")
    counts = run.result_counts
    rate = counts.passed / counts.total
    return (
        type(run.data_source).__name__,
        type(run.data_source.source).__name__,
        run.data_source.source.content[0].item,
        f"{rate:.0%}",
        [(r.testing_criteria, r.passed, r.failed) for r in run.per_testing_criteria_results],
        run.per_model_usage[0].total_tokens,
        run.report_url,
        str(counts),
    )


@program
def eval_runs_of_two_sources(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    completions_source = {
        "type": "completions",
        "model": "gpt-4o-mini",
        "input_messages": {
            "type": "template",
            "template": [
                {"role": "developer", "content": "You are a support agent."},
                {"role": "user", "content": "{{item.ticket}}"},
            ],
        },
        "sampling_params": {
            "temperature": 0.2,
            "max_completion_tokens": 200,
            "top_p": 1.0,
            "seed": 1,
        },
        "source": {"type": "file_id", "id": "file-items"},
    }
    responses_source = {
        "type": "responses",
        "source": {"type": "responses", "metadata": {"app": "helpdesk"}, "limit": 50},
    }
    echoed = completions_source | {
        "input_messages": {
            "type": "template",
            "template": [
                {**m, "type": "message"} for m in completions_source["input_messages"]["template"]
            ],
        }
    }
    server.route(
        "POST",
        "/v1/evals/eval_1/runs",
        Reply.json(run_body(data_source=echoed)),
        Reply.json(
            run_body(
                id="evalrun_2",
                data_source={
                    **responses_source,
                    "source": {**responses_source["source"], "created_after": None},
                },
            )
        ),
    )
    first = client.evals.runs.create(
        eval_id="eval_1", name="gpt-4o-mini", data_source=completions_source
    )
    second = client.evals.runs.create(
        eval_id="eval_1", data_source=responses_source, metadata={"k": "v"}
    )
    template = first.data_source.input_messages.template
    return (
        type(first.data_source).__name__,
        type(first.data_source.input_messages).__name__,
        [type(m).__name__ for m in template],
        first.data_source.sampling_params.max_completion_tokens,
        type(first.data_source.source).__name__,
        type(second.data_source).__name__,
        type(second.data_source.source).__name__,
        second.data_source.source.metadata,
        second.data_source.model_dump(exclude_none=True),
    )


def output_item(number: int, status: str) -> Any:
    return {
        "id": f"outputitem_{number}",
        "object": "eval.run.output_item",
        "created_at": 1733000000 + number,
        "eval_id": "eval_1",
        "run_id": "evalrun_1",
        "status": status,
        "datasource_item_id": number,
        "datasource_item": {"ticket": f"t{number}", "expected": "yes"},
        "results": [
            {
                "name": "close-2",
                "type": "text_similarity",
                "passed": status == "pass",
                "score": 0.5 + number / 10,
                "sample": None,
            }
        ],
        "sample": {
            "input": [{"role": "user", "content": f"t{number}"}],
            "output": [{"role": "assistant", "content": "no"}],
            "finish_reason": "stop",
            "model": "gpt-4o-mini",
            "usage": {
                "total_tokens": 10,
                "completion_tokens": 2,
                "prompt_tokens": 8,
                "cached_tokens": 0,
            },
            "error": {"code": None, "message": None},
            "temperature": 1.0,
            "max_completion_tokens": 200,
            "top_p": 1.0,
            "seed": 1,
        },
    }


@program
def failed_output_items_for_review(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    base = "/v1/evals/eval_1/runs/evalrun_1/output_items"
    server.route(
        "GET",
        base,
        Reply.json(page(output_item(1, "fail"), output_item(2, "fail"), has_more=True)),
        Reply.json(page(output_item(3, "fail"))),
    )
    server.route("GET", f"{base}/outputitem_2", Reply.json(output_item(2, "fail")))
    review = []
    for item in client.evals.runs.output_items.list(
        "evalrun_1", eval_id="eval_1", status="fail", limit=2
    ):
        result = item.results[0]
        review.append(
            (
                item.datasource_item["ticket"],
                type(result).__name__,
                result["score"] if isinstance(result, dict) else result.score,
                item.sample.output[0].content,
                item.sample.error.code,
            )
        )
    one = client.evals.runs.output_items.retrieve(
        "outputitem_2", eval_id="eval_1", run_id="evalrun_1"
    )
    return review, one.model_dump()["results"], repr(one.sample.usage), one.sample.input[0].role


@program
def run_delete_and_eval_cleanup(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route(
        "DELETE",
        "/v1/evals/eval_1/runs/evalrun_1",
        Reply.json({"object": "eval.run.deleted", "deleted": True, "run_id": "evalrun_1"}),
    )
    server.route(
        "POST", "/v1/evals/eval_1", Reply.json(eval_body(name="Renamed", metadata={"owner": "qa"}))
    )
    server.route(
        "DELETE",
        "/v1/evals/eval_1",
        Reply.json({"object": "eval.deleted", "deleted": True, "eval_id": "eval_1"}),
    )
    deleted_run = client.evals.runs.delete("evalrun_1", eval_id="eval_1")
    renamed = client.evals.update("eval_1", name="Renamed", metadata={"owner": "qa"})
    deleted = client.evals.delete("eval_1")
    return (
        str(deleted_run),
        type(deleted_run).__name__,
        renamed.name,
        deleted.model_dump(),
        type(deleted).__name__,
    )


# --- async --------------------------------------------------------------------------------------


@async_program
async def async_job_events_and_eval_items(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "GET",
        "/v1/fine_tuning/jobs/ftjob-rl/events",
        Reply.json(page(event(2), event(1), has_more=True)),
        Reply.json(page(event(0, "message"))),
    )
    server.route(
        "GET",
        "/v1/evals/eval_1/runs",
        Reply.json(page(run_body("completed"), run_body("failed", id="evalrun_2"))),
    )
    messages = [e.message async for e in client.fine_tuning.jobs.list_events("ftjob-rl", limit=2)]
    first = await client.fine_tuning.jobs.list_events("ftjob-rl", limit=2)
    more = await first.get_next_page() if first.has_next_page() else None
    runs = await client.evals.runs.list("eval_1", status="completed", order="asc")
    return (
        messages,
        [e.id for e in more.data] if more else None,
        [(r.id, r.status) for r in runs.data],
    )


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)
