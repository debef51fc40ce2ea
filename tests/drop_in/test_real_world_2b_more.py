"""Real-world sweep 2B, more of the rarely used APIs as scripts use them: skills published from a
folder of files and versioned, their zip downloaded; an image's provenance checked; a
reinforcement fine-tuning job with a grader paused, resumed and its checkpoints shared; a
transcription diarized with known speakers and streamed; a webhook receiver dispatching on the
event type and fetching the object; the admin guard rails (groups, roles, spend alerts and limits,
data retention, a project's model and hosted tool permissions, certificates); evals listed,
renamed and deleted; a conversation's items read through ``responses.input_items`` — each run
unchanged against both packages over the loopback server (requests and observations compared,
see real_world_d).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import io
import json
import tempfile
import time
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_b import poll_header
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import output_message, response_object

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-2b-more-"))


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


# --- skills --------------------------------------------------------------------------------------


def skill(version: str = "1", **extra: Any) -> Any:
    body = {
        "id": "skill_1",
        "object": "skill",
        "name": "csv-report",
        "description": "Turns a CSV into a report",
        "created_at": 1733000000,
        "default_version": "1",
        "latest_version": version,
    }
    body.update(extra)
    return body


def skill_version(version: str) -> Any:
    return {
        "id": f"skillver_{version}",
        "object": "skill.version",
        "skill_id": "skill_1",
        "version": version,
        "name": "csv-report",
        "description": "Turns a CSV into a report",
        "created_at": 1733000000,
    }


def fixed_entry(name: str) -> zipfile.ZipInfo:
    """A zip member with a fixed timestamp: writestr(name) stamps the current time, so an archive
    built once per package differs between the two runs when a 2-second tick falls between them."""
    return zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))


@program
def skill_published_from_a_folder_and_versioned(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    (where / "csv-report").mkdir()
    (where / "csv-report" / "SKILL.md").write_text("---\nname: csv-report\n---\nDo it.\n")
    (where / "csv-report" / "report.py").write_text("print('report')\n")
    server.route("POST", "/v1/skills", Reply.json(skill()))
    server.route("POST", "/v1/skills/skill_1/versions", Reply.json(skill_version("2")))
    server.route("POST", "/v1/skills/skill_1", Reply.json(skill("2", default_version="2")))
    server.route(
        "GET",
        "/v1/skills/skill_1/versions",
        Reply.json(page(skill_version("2"), skill_version("1"))),
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(fixed_entry("csv-report/SKILL.md"), "---\nname: csv-report\n---\n")
    server.route(
        "GET",
        "/v1/skills/skill_1/versions/2/content",
        Reply.raw(archive.getvalue(), headers={"content-type": "application/zip"}),
    )
    files = sorted((where / "csv-report").iterdir())
    with contextlib.ExitStack() as stack:
        made = client.skills.create(files=[stack.enter_context(open(f, "rb")) for f in files])
    newer = client.skills.versions.create(
        made.id, default=True, files=[("csv-report/SKILL.md", b"---\nname: csv-report\n---\n")]
    )
    current = client.skills.update(made.id, default_version=newer.version)
    versions = [v.version for v in client.skills.versions.list(made.id, order="desc")]
    bundle_bytes = client.skills.versions.content.retrieve("2", skill_id=made.id).read()
    with zipfile.ZipFile(io.BytesIO(bundle_bytes)) as downloaded:
        names = downloaded.namelist()
    return (
        (made.id, made.latest_version),
        (newer.version, type(newer).__name__),
        current.default_version,
        versions,
        names,
    )


@program
def skill_from_one_zip_and_removed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(fixed_entry("tool/SKILL.md"), "---\nname: tool\n---\n")
    server.route("POST", "/v1/skills", Reply.json(skill(name="tool")))
    server.route(
        "GET",
        "/v1/skills",
        Reply.json(page(skill(), skill(id="skill_2", name="old"), has_more=False)),
    )
    server.route(
        "DELETE",
        "/v1/skills/skill_2",
        Reply.json({"id": "skill_2", "object": "skill.deleted", "deleted": True}),
    )
    server.route(
        "GET",
        "/v1/skills/skill_1/content",
        Reply.raw(archive.getvalue(), headers={"content-type": "application/zip"}),
    )
    made = client.skills.create(files=("tool.zip", archive.getvalue(), "application/zip"))
    removed = [
        client.skills.delete(s.id).deleted for s in client.skills.list(limit=10) if s.name == "old"
    ]
    where = folder()
    client.skills.content.retrieve(made.id).write_to_file(where / "tool.zip")
    return made.name, removed, zipfile.ZipFile(where / "tool.zip").namelist()


# --- content provenance ---------------------------------------------------------------------------


@program
def image_provenance_checked(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    (where / "photo.png").write_bytes(b"\x89PNG....")
    server.route(
        "POST",
        "/v1/content_provenance_checks",
        Reply.json(
            {
                "object": "content_provenance_check",
                "created_at": 1733000000,
                "results": [
                    {
                        "type": "c2pa",
                        "outcome": "detected",
                        "validation_state": "trusted",
                        "issuer": "OpenAI",
                        "model": "gpt-image-1",
                        "generated_at": "2024-12-01T00:00:00Z",
                    },
                    {"type": "synthid", "outcome": "not_detected", "model": None},
                    {"type": "watermark_added_later", "outcome": "detected"},
                ],
            }
        ),
    )
    check = client.content_provenance_checks.create(file=where / "photo.png")
    return (
        [(r.type, r.outcome, type(r).__name__) for r in check.results],
        any(r.type == "c2pa" and r.outcome == "detected" for r in check.results),
        check.to_dict()["results"][0]["validation_state"],
    )


# --- reinforcement fine-tuning -----------------------------------------------------------------


def job(status: str, **extra: Any) -> Any:
    body = {
        "id": "ftjob-rft",
        "object": "fine_tuning.job",
        "created_at": 1733000000,
        "error": None,
        "fine_tuned_model": None,
        "finished_at": None,
        "hyperparameters": {"n_epochs": "auto", "batch_size": "auto"},
        "model": "o4-mini-2025-04-16",
        "organization_id": "org-1",
        "result_files": [],
        "seed": 7,
        "status": status,
        "trained_tokens": None,
        "training_file": "file-train",
        "validation_file": "file-valid",
        "estimated_finish": None,
        "integrations": None,
        "metadata": {"experiment": "rft-1"},
        "method": {
            "type": "reinforcement",
            "reinforcement": {
                "grader": {
                    "type": "string_check",
                    "name": "exact",
                    "input": "{{sample.output_text}}",
                    "reference": "{{item.answer}}",
                    "operation": "eq",
                },
                "hyperparameters": {
                    "reasoning_effort": "medium",
                    "compute_multiplier": 1.0,
                    "eval_interval": 10,
                    "eval_samples": 5,
                    "n_epochs": 1,
                    "batch_size": "auto",
                    "learning_rate_multiplier": "auto",
                },
                "response_format": None,
            },
        },
    }
    body.update(extra)
    return body


@program
def reinforcement_job_paused_resumed_and_checkpoints_shared(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/fine_tuning/jobs", Reply.json(job("validating_files")))
    server.route("POST", "/v1/fine_tuning/jobs/ftjob-rft/pause", Reply.json(job("paused")))
    server.route("POST", "/v1/fine_tuning/jobs/ftjob-rft/resume", Reply.json(job("running")))
    server.route(
        "GET",
        "/v1/fine_tuning/jobs/ftjob-rft/checkpoints",
        Reply.json(
            page(
                {
                    "id": "ftckpt_2",
                    "object": "fine_tuning.job.checkpoint",
                    "created_at": 1733000500,
                    "fine_tuning_job_id": "ftjob-rft",
                    "fine_tuned_model_checkpoint": "ft:o4-mini:org::ckpt-step-20",
                    "step_number": 20,
                    "metrics": {
                        "step": 20,
                        "train_loss": 0.2,
                        "full_valid_mean_token_accuracy": 0.9,
                    },
                }
            )
        ),
    )
    server.route(
        "POST",
        "/v1/fine_tuning/checkpoints/ft:o4-mini:org::ckpt-step-20/permissions",
        Reply.json(
            {
                "object": "list",
                "data": [
                    {
                        "id": "cp_1",
                        "object": "checkpoint.permission",
                        "created_at": 1733000000,
                        "project_id": "proj_eval",
                    }
                ],
                "has_more": False,
            }
        ),
    )
    started = client.fine_tuning.jobs.create(
        model="o4-mini-2025-04-16",
        training_file="file-train",
        validation_file="file-valid",
        seed=7,
        metadata={"experiment": "rft-1"},
        method={
            "type": "reinforcement",
            "reinforcement": {
                "grader": {
                    "type": "string_check",
                    "name": "exact",
                    "input": "{{sample.output_text}}",
                    "reference": "{{item.answer}}",
                    "operation": "eq",
                },
                "hyperparameters": {"reasoning_effort": "medium", "eval_interval": 10},
            },
        },
    )
    paused = client.fine_tuning.jobs.pause(started.id)
    resumed = client.fine_tuning.jobs.resume(started.id)
    shared = []
    for checkpoint in client.fine_tuning.jobs.checkpoints.list(started.id, limit=5):
        result = client.fine_tuning.checkpoints.permissions.create(
            checkpoint.fine_tuned_model_checkpoint, project_ids=["proj_eval"]
        )
        shared.append((checkpoint.step_number, checkpoint.metrics.train_loss, len(result.data)))
    rft = started.method.reinforcement if started.method else None
    return (
        started.method.type if started.method else None,
        type(rft.grader).__name__ if rft else None,
        rft.hyperparameters.reasoning_effort if rft and rft.hyperparameters else None,
        paused.status,
        resumed.status,
        shared,
    )


# --- transcription ----------------------------------------------------------------------------


@program
def meeting_transcribed_with_known_speakers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    (where / "meeting.wav").write_bytes(b"RIFF....WAVE")
    server.route(
        "POST",
        "/v1/audio/transcriptions",
        Reply.json(
            {
                "task": "transcribe",
                "text": "Hi Ada. Hi Bob.",
                "duration": 3.2,
                "segments": [
                    {
                        "type": "transcript.text.segment",
                        "id": "seg_1",
                        "start": 0.0,
                        "end": 1.1,
                        "text": "Hi Ada.",
                        "speaker": "Bob",
                    },
                    {
                        "type": "transcript.text.segment",
                        "id": "seg_2",
                        "start": 1.2,
                        "end": 3.2,
                        "text": "Hi Bob.",
                        "speaker": "Ada",
                    },
                ],
                "usage": {"type": "duration", "seconds": 4},
            }
        ),
    )
    reference = "data:audio/wav;base64," + base64.b64encode(b"RIFFada").decode()
    with open(where / "meeting.wav", "rb") as audio:
        result = client.audio.transcriptions.create(
            model="gpt-4o-transcribe-diarize",
            file=audio,
            response_format="diarized_json",
            chunking_strategy="auto",
            known_speaker_names=["Ada", "Bob"],
            known_speaker_references=[reference, reference],
        )
    return (
        type(result).__name__,
        [(s.speaker, s.text, s.start) for s in result.segments],
        result.usage.type if result.usage else None,
        result.duration,
    )


@program
def transcription_streamed_with_logprobs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    events = [
        {
            "type": "transcript.text.delta",
            "delta": "Hel",
            "logprobs": [{"token": "Hel", "logprob": -0.1, "bytes": [72, 101, 108]}],
        },
        {"type": "transcript.text.delta", "delta": "lo"},
        {
            "type": "transcript.text.segment",
            "id": "seg_1",
            "start": 0.0,
            "end": 0.5,
            "text": "Hello",
            "speaker": "A",
        },
        {
            "type": "transcript.text.done",
            "text": "Hello",
            "logprobs": [{"token": "Hello", "logprob": -0.2, "bytes": [72]}],
            "usage": {
                "type": "tokens",
                "input_tokens": 10,
                "output_tokens": 2,
                "total_tokens": 12,
                "input_token_details": {"audio_tokens": 10, "text_tokens": 0},
            },
        },
    ]
    server.route(
        "POST",
        "/v1/audio/transcriptions",
        Reply.sse([f"data: {json.dumps(e)}\n\n" for e in events] + ["data: [DONE]\n\n"]),
    )
    stream = client.audio.transcriptions.create(
        model="gpt-4o-mini-transcribe",
        file=("clip.mp3", b"ID3...", "audio/mpeg"),
        stream=True,
        include=["logprobs"],
        language="en",
        temperature=0.0,
    )
    text, done = "", None
    kinds = []
    for event in stream:
        kinds.append((event.type, type(event).__name__))
        if event.type == "transcript.text.delta":
            text += event.delta
        elif event.type == "transcript.text.done":
            done = (event.text, event.usage.total_tokens if event.usage else None)
    return text, done, kinds


# --- webhooks dispatch ---------------------------------------------------------------------------

KEY = b"receiver-key-abcdefghijklmnop"
SECRET = "whsec_" + base64.b64encode(KEY).decode()


def delivery(kind: str, object_id: str, msg_id: str) -> tuple[str, dict[str, str]]:
    body = json.dumps(
        {
            "id": f"evt_{msg_id}",
            "object": "event",
            "created_at": 1733000000,
            "type": kind,
            "data": {"id": object_id},
        }
    )
    at = int(time.time())
    digest = hmac.new(KEY, f"{msg_id}.{at}.{body}".encode(), hashlib.sha256).digest()
    return body, {
        "webhook-id": msg_id,
        "webhook-timestamp": str(at),
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }


@program
def webhook_receiver_dispatches_and_fetches(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    from .test_real_world_2b_conversations import eval_run
    from .test_real_world_2b_storage import batch

    server.route("GET", "/v1/batches/batch_1", Reply.json(batch("completed")))
    server.route("GET", "/v1/evals/eval_1/runs/evalrun_1", Reply.json(eval_run("completed")))
    server.route(
        "GET", "/v1/responses/resp_abc", Reply.json(response_object([output_message("bg done")]))
    )
    server.route(
        "GET",
        "/v1/fine_tuning/jobs/ftjob-rft",
        Reply.json(job("succeeded", fine_tuned_model="ft:o4-mini:org::rft")),
    )
    receiver = client.with_options(webhook_secret=SECRET)
    handled = []
    deliveries = [
        delivery("batch.completed", "batch_1", "m1"),
        delivery("eval.run.succeeded", "evalrun_1", "m2"),
        delivery("response.completed", "resp_abc", "m3"),
        delivery("fine_tuning.job.succeeded", "ftjob-rft", "m4"),
        delivery("response.failed", "resp_x", "m5"),
        delivery("batch.expired", "batch_9", "m6"),
    ]
    for body, headers in deliveries:
        event = receiver.webhooks.unwrap(body, headers)
        if event.type == "batch.completed":
            handled.append(("batch", receiver.batches.retrieve(event.data.id).output_file_id))
        elif event.type == "eval.run.succeeded":
            run = receiver.evals.runs.retrieve(event.data.id, eval_id="eval_1")
            handled.append(("eval", run.result_counts.passed))
        elif event.type == "response.completed":
            handled.append(("response", receiver.responses.retrieve(event.data.id).output_text))
        elif event.type == "fine_tuning.job.succeeded":
            handled.append(
                ("job", receiver.fine_tuning.jobs.retrieve(event.data.id).fine_tuned_model)
            )
        else:
            handled.append(("ignored", event.type, type(event).__name__, event.id))
    return handled


# --- admin guard rails ----------------------------------------------------------------------------


def with_admin(code: Any) -> Any:
    def run(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
        with openai.OpenAI(
            admin_api_key="sk-admin-1", base_url=str(client.base_url), max_retries=0
        ) as admin:
            return code(openai, admin, server)

    run.__name__ = code.__name__
    return run


@program
@with_admin
def groups_and_roles_set_up(openai: ModuleType, admin: Any, server: ScriptedServer) -> Any:
    org = admin.admin.organization
    server.route(
        "POST",
        "/v1/organization/groups",
        Reply.json(
            {
                "id": "group_1",
                "object": "group",
                "name": "ml-team",
                "created_at": 1733000000,
                "group_type": "group",
                "is_scim_managed": False,
            }
        ),
    )
    server.route(
        "POST",
        "/v1/organization/groups/group_1/users",
        Reply.dynamic(
            lambda request: Reply.json(
                {
                    "object": "group.user",
                    "group_id": "group_1",
                    "user_id": request.json()["user_id"],
                }
            )
        ),
    )
    server.route(
        "POST",
        "/v1/organization/roles",
        Reply.json(
            {
                "id": "role_1",
                "object": "role",
                "name": "evaluator",
                "description": None,
                "permissions": ["api.evals.read", "api.evals.write"],
                "predefined_role": False,
                "resource_type": "api.organization",
            }
        ),
    )
    server.route(
        "GET",
        "/v1/organization/roles",
        Reply.json(
            {
                "object": "list",
                "data": [
                    {
                        "id": "role_1",
                        "object": "role",
                        "name": "evaluator",
                        "description": None,
                        "permissions": ["api.evals.read"],
                        "predefined_role": False,
                        "resource_type": "api.organization",
                    }
                ],
                "has_more": False,
                "next": None,
            }
        ),
    )
    group = org.groups.create(name="ml-team")
    added = [org.groups.users.create(group.id, user_id=u).user_id for u in ("user_1", "user_2")]
    role = org.roles.create(
        role_name="evaluator",
        permissions=["api.evals.read", "api.evals.write"],
        description=None,
    )
    listed = org.roles.list(limit=5)
    return (
        (group.name, group.group_type, group.is_scim_managed),
        added,
        (role.name, role.permissions, role.predefined_role),
        [r.name for r in listed],
        type(listed).__name__,
    )


@program
@with_admin
def spending_and_retention_guard_rails(
    openai: ModuleType, admin: Any, server: ScriptedServer
) -> Any:
    org = admin.admin.organization
    server.route(
        "POST",
        "/v1/organization/spend_alerts",
        Reply.json(
            {
                "id": "alert_1",
                "object": "organization.spend_alert",
                "currency": "USD",
                "interval": "month",
                "threshold_amount": 50000,
                "notification_channel": {"type": "email", "emails": ["ops@example.com"]},
            }
        ),
    )
    server.route(
        "POST",
        "/v1/organization/data_retention",
        Reply.json({"object": "organization.data_retention", "type": "zero_data_retention"}),
    )
    server.route(
        "POST",
        "/v1/organization/projects/proj_1/model_permissions",
        Reply.json(
            {
                "object": "project.model_permissions",
                "mode": "allow_list",
                "model_ids": ["gpt-4.1", "gpt-4.1-mini"],
            }
        ),
    )
    server.route(
        "POST",
        "/v1/organization/projects/proj_1/hosted_tool_permissions",
        Reply.json(
            {
                "code_interpreter": {"enabled": False},
                "file_search": {"enabled": True},
                "image_generation": {"enabled": False},
                "mcp": {"enabled": False},
                "web_search": {"enabled": True},
            }
        ),
    )
    alert = org.spend_alerts.create(
        currency="USD",
        interval="month",
        threshold_amount=50000,
        notification_channel={"type": "email", "emails": ["ops@example.com"]},
    )
    retention = org.data_retention.update(retention_type="zero_data_retention")
    models = org.projects.model_permissions.update(
        "proj_1", mode="allow_list", model_ids=["gpt-4.1", "gpt-4.1-mini"]
    )
    tools = org.projects.hosted_tool_permissions.update(
        "proj_1",
        code_interpreter={"enabled": False},
        web_search={"enabled": True},
        file_search={"enabled": True},
    )
    return (
        (alert.threshold_amount, alert.notification_channel.model_dump()),
        retention.type,
        (models.mode, models.api_model_ids, models.model_dump(), models.to_dict()),
        models.model_dump(by_alias=True),
        {name: getattr(tools, name).enabled for name in ("code_interpreter", "web_search")},
    )


@program
@with_admin
def certificates_rotated(openai: ModuleType, admin: Any, server: ScriptedServer) -> Any:
    org = admin.admin.organization
    details = {"valid_at": 1733000000, "expires_at": 1764536000, "content": None}
    server.route(
        "POST",
        "/v1/organization/certificates",
        Reply.json(
            {
                "object": "certificate",
                "id": "cert_new",
                "name": "mtls-2025",
                "created_at": 1733000000,
                "certificate_details": details,
            }
        ),
    )
    server.route(
        "GET",
        "/v1/organization/certificates",
        Reply.json(
            page(
                {
                    "object": "organization.certificate",
                    "id": "cert_old",
                    "name": "mtls-2024",
                    "active": True,
                    "created_at": 1700000000,
                    "certificate_details": details,
                },
                {
                    "object": "organization.certificate",
                    "id": "cert_new",
                    "name": "mtls-2025",
                    "active": False,
                    "created_at": 1733000000,
                    "certificate_details": details,
                },
            )
        ),
    )
    for action, active in (("activate", True), ("deactivate", False)):
        server.route(
            "POST",
            f"/v1/organization/certificates/{action}",
            Reply.dynamic(
                lambda request, active=active: Reply.json(
                    {
                        "object": "organization.certificate.activation",
                        "data": [
                            {
                                "object": "organization.certificate",
                                "id": cid,
                                "name": "x",
                                "active": active,
                                "created_at": 1,
                                "certificate_details": details,
                            }
                            for cid in request.json()["certificate_ids"]
                        ],
                    }
                )
            ),
        )
    made = org.certificates.create(
        certificate="-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        name="mtls-2025",
    )
    stale = [c.id for c in org.certificates.list(order="asc") if c.active and c.id != made.id]
    activated = org.certificates.activate(certificate_ids=[made.id])
    deactivated = org.certificates.deactivate(certificate_ids=stale)
    return (
        made.certificate_details.expires_at,
        stale,
        [(c.id, c.active) for c in activated],
        [(c.id, c.active) for c in deactivated],
        type(activated).__name__,
    )


# --- evals housekeeping and conversation input items -------------------------------------------


@program
def evals_listed_renamed_and_pruned(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    from .test_real_world_2b_conversations import eval_object

    logs_eval = eval_object(
        id="eval_logs",
        name="prod logs",
        data_source_config={
            "type": "logs",
            "metadata": {"usecase": "chatbot"},
            "schema": {"type": "object", "properties": {"item": {"type": "object"}}},
        },
    )
    stored = eval_object(
        id="eval_stored",
        name="old",
        data_source_config={
            "type": "stored_completions",
            "metadata": None,
            "schema": {"type": "object"},
        },
    )
    server.route("GET", "/v1/evals", Reply.json(page(logs_eval, stored)))
    server.route("POST", "/v1/evals/eval_logs", Reply.json({**logs_eval, "name": "prod logs (v2)"}))
    server.route(
        "DELETE",
        "/v1/evals/eval_stored",
        Reply.json({"object": "eval.deleted", "deleted": True, "eval_id": "eval_stored"}),
    )
    kept, pruned = [], []
    for ev in client.evals.list(order="desc", order_by="updated_at", limit=20):
        if ev.data_source_config.type == "logs":
            kept.append(
                (
                    client.evals.update(ev.id, name="prod logs (v2)", metadata={"v": "2"}).name,
                    type(ev.data_source_config).__name__,
                    ev.data_source_config.schema_,
                )
            )
        else:
            pruned.append(
                (client.evals.delete(ev.id).eval_id, type(ev.data_source_config).__name__)
            )
    return kept, pruned


@program
def conversation_read_through_input_items(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    from .test_real_world_2b_conversations import user_item

    server.route(
        "GET",
        "/v1/responses/resp_abc/input_items",
        Reply.json(page(user_item("msg_1", "hello"), user_item("msg_0", "earlier"))),
    )
    server.route(
        "POST",
        "/v1/responses",
        Reply.json(
            response_object(
                [output_message("Sure.")],
                conversation={"id": "conv_1"},
                prompt_cache_key="user-42",
                safety_identifier="hash-42",
            )
        ),
    )
    answer = client.responses.create(
        model="gpt-4.1",
        conversation="conv_1",
        input="Go on",
        prompt_cache_key="user-42",
        safety_identifier="hash-42",
        include=["message.output_text.logprobs"],
        top_logprobs=2,
    )
    inputs = [
        (item.id, item.content[0].text)
        for item in client.responses.input_items.list(answer.id, order="desc", limit=2)
    ]
    return answer.conversation.id if answer.conversation else None, inputs, answer.output_text


# --- async --------------------------------------------------------------------------------------


@async_program
async def async_skill_and_provenance(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/skills", Reply.json(skill()))
    server.route(
        "POST",
        "/v1/content_provenance_checks",
        Reply.json(
            {
                "object": "content_provenance_check",
                "created_at": 1,
                "results": [{"type": "synthid", "outcome": "detected", "model": "veo"}],
            }
        ),
    )
    server.route(
        "POST",
        "/v1/fine_tuning/jobs/ftjob-rft/pause",
        Reply.json(job("paused"), headers=poll_header()),
    )
    made = await client.skills.create(files=[("a/SKILL.md", b"---\nname: a\n---\n")])
    check = await client.content_provenance_checks.create(file=("v.mp4", b"MP4", "video/mp4"))
    paused = await client.fine_tuning.jobs.pause("ftjob-rft")
    return made.id, [(r.type, r.outcome) for r in check.results], paused.status


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
