"""Real-world sweep B: evals, containers, videos, conversations, moderations, models, webhooks and
the admin API as users of the official SDK write them, run against both packages; see
real_world_b.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .real_world_b import Programs, Reply, ScriptedServer, multipart_parts, poll_header

programs = Programs()


def listing(*items: Any, has_more: bool = False) -> Any:
    return {
        "object": "list",
        "data": list(items),
        "first_id": items[0]["id"] if items else None,
        "last_id": items[-1]["id"] if items else None,
        "has_more": has_more,
    }


# --- evals ----------------------------------------------------------------------------------------


def eval_object(**extra: Any) -> Any:
    return {
        "object": "eval",
        "id": "eval_abc",
        "name": "Push notification summarizer",
        "created_at": 1733000000,
        "metadata": None,
        "data_source_config": {
            "type": "custom",
            "schema": {
                "type": "object",
                "properties": {
                    "item": {
                        "type": "object",
                        "properties": {"notifications": {"type": "string"}},
                    },
                    "sample": {"type": "object"},
                },
            },
        },
        "testing_criteria": [
            {
                "type": "label_model",
                "name": "summary grader",
                "model": "o3-mini",
                "input": [{"type": "message", "role": "developer", "content": "grade it"}],
                "labels": ["correct", "incorrect"],
                "passing_labels": ["correct"],
            }
        ],
        **extra,
    }


def eval_run(status: str, **extra: Any) -> Any:
    return {
        "object": "eval.run",
        "id": "evalrun_1",
        "eval_id": "eval_abc",
        "name": "baseline",
        "status": status,
        "model": "gpt-4o-mini",
        "created_at": 1733000000,
        "data_source": {
            "type": "jsonl",
            "source": {"type": "file_id", "id": "file-data"},
        },
        "error": None,
        "metadata": None,
        "per_model_usage": [],
        "per_testing_criteria_results": [
            {"testing_criteria": "summary grader", "passed": 8, "failed": 2}
        ]
        if status == "completed"
        else [],
        "report_url": "https://platform.openai.com/evals/eval_abc",
        "result_counts": {"total": 10, "errored": 0, "failed": 2, "passed": 8},
        **extra,
    }


@programs
def evals_create_run_and_read_results(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    output_item = {
        "object": "eval.run.output_item",
        "id": "outputitem_1",
        "run_id": "evalrun_1",
        "eval_id": "eval_abc",
        "created_at": 1733000000,
        "status": "pass",
        "datasource_item_id": 0,
        "datasource_item": {"notifications": "a, b"},
        "results": [
            {"name": "summary grader", "passed": True, "score": 1.0, "type": "label_model"}
        ],
        "sample": {
            "input": [{"role": "user", "content": "a, b"}],
            "output": [{"role": "assistant", "content": "two things"}],
            "finish_reason": "stop",
            "model": "gpt-4o-mini",
            "usage": {
                "total_tokens": 3,
                "completion_tokens": 1,
                "prompt_tokens": 2,
                "cached_tokens": 0,
            },
            "error": None,
            "temperature": 1.0,
            "max_completion_tokens": 100,
            "top_p": 1.0,
            "seed": 1,
        },
    }
    server.reply(
        Reply.json(eval_object()),
        Reply.json(eval_run("queued")),
        Reply.json(eval_run("in_progress")),
        Reply.json(eval_run("completed")),
        Reply.json(listing(output_item)),
    )
    created = client.evals.create(
        name="Push notification summarizer",
        data_source_config={
            "type": "custom",
            "item_schema": {
                "type": "object",
                "properties": {"notifications": {"type": "string"}},
                "required": ["notifications"],
            },
            "include_sample_schema": True,
        },
        testing_criteria=[
            {
                "type": "label_model",
                "name": "summary grader",
                "model": "o3-mini",
                "input": [
                    {"role": "developer", "content": "Label the summary correct or incorrect."},
                    {"role": "user", "content": "{{item.notifications}} -> {{sample.output_text}}"},
                ],
                "labels": ["correct", "incorrect"],
                "passing_labels": ["correct"],
            }
        ],
    )
    started = client.evals.runs.create(
        eval_id=created.id,
        name="baseline",
        data_source={
            "type": "completions",
            "model": "gpt-4o-mini",
            "input_messages": {
                "type": "template",
                "template": [
                    {"role": "developer", "content": "Summarize."},
                    {"role": "user", "content": "{{item.notifications}}"},
                ],
            },
            "source": {"type": "file_id", "id": "file-data"},
        },
    )
    states = [started.status]
    current = started
    while current.status not in ("completed", "failed", "canceled"):
        current = client.evals.runs.retrieve(run_id=started.id, eval_id=created.id)
        states.append(current.status)
    items = client.evals.runs.output_items.list(run_id=current.id, eval_id=created.id)
    return (
        created.data_source_config.type,
        created.testing_criteria[0].type,
        states,
        current.result_counts.passed,
        [(r.testing_criteria, r.passed) for r in current.per_testing_criteria_results],
        [(i.status, i.sample.output[0].content) for i in items],
    )


@programs
def evals_list_update_delete(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(listing(eval_object(), eval_object(id="eval_2", name="other"))),
        Reply.json(eval_object(name="renamed", metadata={"owner": "me"})),
        Reply.json(
            listing(
                eval_run("completed"), eval_run("failed", error={"code": "x", "message": "boom"})
            )
        ),
        Reply.json({"object": "eval.run.deleted", "deleted": True, "run_id": "evalrun_1"}),
        Reply.json({"object": "eval.deleted", "deleted": True, "eval_id": "eval_2"}),
    )
    names = [e.name for e in client.evals.list(limit=10, order="desc", order_by="created_at")]
    renamed = client.evals.update("eval_abc", name="renamed", metadata={"owner": "me"})
    runs = [
        (r.status, r.error.message if r.error else None)
        for r in client.evals.runs.list("eval_abc", status="completed")
    ]
    # (not `runs.cancel`: the official SDK posts to `.../runs/{run_id}/cancel`, the API reference
    # and typed_openai to `.../runs/{run_id}`)
    removed = client.evals.runs.delete("evalrun_1", eval_id="eval_abc")
    deleted = client.evals.delete("eval_2")
    return names, renamed.metadata, runs, removed.run_id, deleted.deleted, deleted.eval_id


# --- containers -----------------------------------------------------------------------------------


def container(**extra: Any) -> Any:
    return {
        "id": "cntr_abc",
        "object": "container",
        "created_at": 1733000000,
        "status": "running",
        "name": "analysis",
        "expires_after": {"anchor": "last_active_at", "minutes": 20},
        "last_active_at": 1733000000,
        **extra,
    }


def container_file(file_id: str, path: str) -> Any:
    return {
        "id": file_id,
        "object": "container.file",
        "created_at": 1733000000,
        "bytes": 5,
        "container_id": "cntr_abc",
        "path": path,
        "source": "user",
    }


@programs
def containers_upload_and_download(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    (folder / "data.csv").write_text("a,b\n1,2\n")
    server.reply(
        Reply.json(container()),
        Reply.json(container_file("cfile_1", "/mnt/data/data.csv")),
        Reply.json(container_file("cfile_2", "/mnt/data/notes.txt")),
        Reply.json(listing(container_file("cfile_1", "/mnt/data/data.csv"))),
        Reply.raw(b"a,b\n1,2\n", content_type="application/octet-stream"),
        Reply.json({"id": "cfile_1", "object": "container.file.deleted", "deleted": True}),
        Reply.empty(200),
    )
    box = client.containers.create(
        name="analysis", expires_after={"anchor": "last_active_at", "minutes": 20}
    )
    with open(folder / "data.csv", "rb") as handle:
        first = client.containers.files.create(container_id=box.id, file=handle)
    second = client.containers.files.create(box.id, file=("notes.txt", b"hello"))
    paths = [f.path for f in client.containers.files.list(box.id)]
    content = client.containers.files.content.retrieve(file_id=first.id, container_id=box.id)
    content.write_to_file(folder / "copy.csv")
    gone = client.containers.files.delete(first.id, container_id=box.id)
    result = client.containers.delete(box.id)
    return (
        box.expires_after.minutes,
        first.path,
        second.source,
        paths,
        (folder / "copy.csv").read_text(),
        gone is None or getattr(gone, "deleted", None),
        result,
    )


# --- videos ---------------------------------------------------------------------------------------


def video(status: str, progress: int, **extra: Any) -> Any:
    return {
        "id": "video_abc",
        "object": "video",
        "created_at": 1733000000,
        "status": status,
        "model": "sora-2",
        "progress": progress,
        "seconds": "4",
        "size": "720x1280",
        "completed_at": 1733000100 if status == "completed" else None,
        "expires_at": None,
        "error": None,
        "remixed_from_video_id": None,
        "prompt": "A calico cat playing a piano on stage",
        **extra,
    }


@programs
def video_generation_guide(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    mp4 = b"\x00\x00\x00\x18ftypmp42" + bytes(64)
    server.reply(
        Reply.json(video("queued", 0)),
        Reply.json(video("in_progress", 40)),
        Reply.json(video("completed", 100)),
        Reply.raw(mp4, content_type="video/mp4"),
        Reply.raw(b"RIFFWEBP", content_type="image/webp"),
    )
    made = client.videos.create(
        model="sora-2", prompt="A calico cat playing a piano on stage", seconds="4", size="720x1280"
    )
    progress = [made.progress]
    while made.status in ("in_progress", "queued"):
        made = client.videos.retrieve(made.id)
        progress.append(made.progress)
        time.sleep(0.001)
    content = client.videos.download_content(made.id, variant="video")
    content.write_to_file(folder / "video.mp4")
    thumbnail = client.videos.download_content(made.id, variant="thumbnail")
    return progress, made.status, (folder / "video.mp4").read_bytes() == mp4, thumbnail.content


@programs
def video_create_and_poll_remix_and_list(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(video("queued", 0), headers=poll_header()),
        Reply.json(video("completed", 100), headers=poll_header()),
        Reply.json(video("queued", 0, id="video_remix", remixed_from_video_id="video_abc")),
        Reply.json(
            listing(
                video("completed", 100),
                video(
                    "failed", 10, id="video_bad", error={"code": "moderation", "message": "blocked"}
                ),
            )
        ),
        Reply.json({"id": "video_bad", "object": "video.deleted", "deleted": True}),
    )
    done = client.videos.create_and_poll(
        prompt="Wide shot of a lighthouse at dusk", model="sora-2-pro", poll_interval_ms=1
    )
    remix = client.videos.remix(video_id=done.id, prompt="Same shot, in winter")
    failures = [(v.id, v.error.code) for v in client.videos.list(limit=20) if v.status == "failed"]
    deleted = client.videos.delete("video_bad")
    return done.status, remix.remixed_from_video_id, failures, deleted.deleted


@programs
def video_from_input_reference(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    (folder / "start.jpg").write_bytes(b"\xff\xd8\xff\xe0JFIF")
    server.reply(Reply.json(video("queued", 0)))
    with open(folder / "start.jpg", "rb") as reference:
        started = client.videos.create(
            prompt="The scene comes alive", model="sora-2", input_reference=reference
        )
    parts = multipart_parts(server.requests[-1])
    return started.status, [
        (name, filename, content_type) for name, filename, content_type, _ in parts
    ]


# --- conversations --------------------------------------------------------------------------------


def item(item_id: str, role: str, text: str) -> Any:
    kind = "output_text" if role == "assistant" else "input_text"
    content: dict[str, Any] = {"type": kind, "text": text}
    if kind == "output_text":
        content["annotations"] = []
    return {
        "type": "message",
        "id": item_id,
        "status": "completed",
        "role": role,
        "content": [content],
    }


@programs
def conversation_state(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    conversation = {
        "id": "conv_abc",
        "object": "conversation",
        "created_at": 1733000000,
        "metadata": {"topic": "demo"},
    }
    server.reply(
        Reply.json(conversation),
        Reply.json(
            {
                "object": "list",
                "data": [item("msg_2", "user", "And Spain?")],
                "first_id": "msg_2",
                "last_id": "msg_2",
                "has_more": False,
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [
                    item("msg_1", "user", "What is the capital of France?"),
                    item("msg_a", "assistant", "Paris."),
                    item("msg_2", "user", "And Spain?"),
                ],
                "first_id": "msg_1",
                "last_id": "msg_2",
                "has_more": False,
            }
        ),
        Reply.json(item("msg_a", "assistant", "Paris.")),
        Reply.json({**conversation, "metadata": {"topic": "geography"}}),
        Reply.json(conversation),
        Reply.json({"id": "conv_abc", "object": "conversation.deleted", "deleted": True}),
    )
    created = client.conversations.create(
        metadata={"topic": "demo"},
        items=[{"type": "message", "role": "user", "content": "What is the capital of France?"}],
    )
    added = client.conversations.items.create(
        created.id, items=[{"type": "message", "role": "user", "content": "And Spain?"}]
    )
    history = []
    for entry in client.conversations.items.list(created.id, order="asc", limit=20):
        history.append((entry.type, entry.role, entry.content[0].text))
    one = client.conversations.items.retrieve("msg_a", conversation_id=created.id)
    updated = client.conversations.update(created.id, metadata={"topic": "geography"})
    after = client.conversations.items.delete("msg_2", conversation_id=created.id)
    deleted = client.conversations.delete(created.id)
    return (
        created.metadata,
        [i.id for i in added.data],
        history,
        one.content[0].text,
        updated.metadata,
        after.id,
        deleted.deleted,
    )


# --- moderations and models -----------------------------------------------------------------------

CATEGORIES = [
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/instructions",
    "self-harm/intent",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
]


@programs
def moderation_check(openai: ModuleType, client: Any, server: ScriptedServer, folder: Path) -> Any:
    flags = {name: name == "violence" for name in CATEGORIES}
    scores = {name: 0.91 if name == "violence" else 0.001 for name in CATEGORIES}
    server.default = Reply.json(
        {
            "id": "modr-1",
            "model": "omni-moderation-latest",
            "results": [
                {
                    "flagged": True,
                    "categories": flags,
                    "category_scores": scores,
                    "category_applied_input_types": {
                        name: ["text", "image"] if name == "violence" else ["text"]
                        for name in CATEGORIES
                    },
                }
            ],
        }
    )
    response = client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "...text to classify goes here..."},
            {"type": "image_url", "image_url": {"url": "https://example.com/image.png"}},
        ],
    )
    result = response.results[0]
    flagged = [name for name, value in result.categories.model_dump().items() if value]
    by_alias = [
        name for name, value in result.categories.model_dump(by_alias=True).items() if value
    ]
    legacy = client.moderations.create(input="I want to hurt them.")
    return (
        result.flagged,
        result.categories.violence,
        result.categories.self_harm,
        result.categories.harassment_threatening,
        result.category_scores.violence,
        result.category_scores.self_harm_intent,
        result.category_applied_input_types.violence,
        flagged,
        by_alias,
        sorted(result.categories.to_dict()),
        legacy.results[0].flagged,
        json.loads(response.to_json())["results"][0]["categories"]["self-harm"],
    )


@programs
def list_and_manage_models(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    models = [
        {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"},
        {"id": "ft:gpt-4o-mini:org::abc", "object": "model", "created": 1, "owned_by": "org-1"},
    ]
    server.reply(
        Reply.json({"object": "list", "data": models}),
        Reply.json(models[0]),
        Reply.json({"id": "ft:gpt-4o-mini:org::abc", "object": "model", "deleted": True}),
    )
    listed = client.models.list()
    mine = [m.id for m in listed if m.owned_by != "system"]
    one = client.models.retrieve("gpt-4o")
    deleted = client.models.delete("ft:gpt-4o-mini:org::abc")
    return (
        [m.id for m in listed.data],
        mine,
        one.created,
        one.model_dump(),
        deleted.deleted,
        type(deleted).__name__,
    )


# --- webhooks -------------------------------------------------------------------------------------

SECRET_BYTES = b"webhook-secret-for-tests-32bytes"
SECRET = "whsec_" + base64.b64encode(SECRET_BYTES).decode()


def signed(body: str, msg_id: str = "wh_1", at: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if at is None else at)
    mac = hmac.new(SECRET_BYTES, f"{msg_id}.{stamp}.{body}".encode(), hashlib.sha256)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": stamp,
        "webhook-signature": "v1," + base64.b64encode(mac.digest()).decode(),
        "content-type": "application/json",
    }


def webhook_body(kind: str, data_id: str) -> str:
    return json.dumps(
        {
            "id": "evt_1",
            "object": "event",
            "type": kind,
            "created_at": 1733000000,
            "data": {"id": data_id},
        }
    )


@programs
def webhook_handler_flask_style(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # a Flask view: client = OpenAI(webhook_secret=...); event = client.webhooks.unwrap(data, headers)
    receiver = openai.OpenAI(api_key="sk-x", webhook_secret=SECRET, base_url=server.url)
    handled = []
    for kind, data_id in [
        ("response.completed", "resp_1"),
        ("batch.completed", "batch_1"),
        ("fine_tuning.job.succeeded", "ftjob_1"),
        ("eval.run.failed", "evalrun_1"),
        ("realtime.call.incoming", "call_1"),
    ]:
        body = webhook_body(kind, data_id)
        if kind == "realtime.call.incoming":
            body = json.dumps(
                {
                    **json.loads(body),
                    "data": {"call_id": "call_1", "sip_headers": [{"name": "From", "value": "x"}]},
                }
            )
        event = receiver.webhooks.unwrap(body, signed(body))
        if event.type == "response.completed":
            handled.append(("response", event.data.id, type(event).__name__))
        elif event.type == "realtime.call.incoming":
            handled.append(("call", event.data.call_id, event.data.sip_headers[0].value))
        else:
            handled.append((event.type, event.data.id, event.created_at))
    receiver.close()
    return handled


@programs
def webhook_signature_failures(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    body = webhook_body("batch.failed", "batch_9")
    headers = signed(body)
    outcomes = []
    cases = {
        "ok": (body, headers, SECRET),
        "tampered": (body.replace("batch_9", "batch_8"), headers, SECRET),
        "wrong secret": (body, headers, "whsec_" + base64.b64encode(b"x" * 32).decode()),
        "old": (body, signed(body, at=int(time.time()) - 3600), SECRET),
        "bytes body": (body.encode(), headers, SECRET),
        "missing header": (body, {k: v for k, v in headers.items() if k != "webhook-id"}, SECRET),
        "second signature": (
            body,
            {**headers, "webhook-signature": "v1,AAAA " + headers["webhook-signature"]},
            SECRET,
        ),
    }
    for name, (payload, hdrs, secret) in cases.items():
        try:
            client.webhooks.verify_signature(payload, hdrs, secret=secret)
            outcomes.append((name, "ok"))
        except openai.InvalidWebhookSignatureError as error:
            outcomes.append((name, "invalid", isinstance(error, ValueError)))
        except Exception as error:
            outcomes.append((name, type(error).__name__))
    try:
        client.webhooks.unwrap(body, headers)
    except Exception as error:  # no secret anywhere
        outcomes.append(("no secret", type(error).__name__))
    return outcomes


# --- the admin API --------------------------------------------------------------------------------


@programs
def admin_usage_and_audit_logs(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    admin = openai.OpenAI(admin_api_key="sk-admin-abc", base_url=server.url + "/v1", max_retries=0)
    bucket = {
        "object": "bucket",
        "start_time": 1730419200,
        "end_time": 1730505600,
        "results": [
            {
                "object": "organization.usage.completions.result",
                "input_tokens": 1000,
                "output_tokens": 500,
                "input_cached_tokens": 800,
                "input_audio_tokens": 0,
                "output_audio_tokens": 0,
                "num_model_requests": 5,
                "project_id": "proj_1",
                "model": "gpt-4o-mini",
            }
        ],
    }
    audit = {
        "id": "audit_log_1",
        "type": "api_key.created",
        "effective_at": 1733000000,
        "actor": {
            "type": "session",
            "session": {"user": {"id": "user_1", "email": "a@b.c"}, "ip_address": "127.0.0.1"},
        },
        "api_key.created": {"id": "key_1", "data": {"scopes": ["/v1/models"]}},
    }
    server.reply(
        Reply.json({"object": "page", "data": [bucket], "has_more": True, "next_page": "page_2"}),
        Reply.json({"object": "page", "data": [bucket], "has_more": False, "next_page": None}),
        Reply.json(listing(audit)),
        Reply.json(
            listing(
                {
                    "id": "proj_1",
                    "object": "organization.project",
                    "name": "Default",
                    "created_at": 1,
                    "archived_at": None,
                    "status": "active",
                }
            )
        ),
    )
    usage = admin.admin.organization.usage.completions(
        start_time=1730419200, bucket_width="1d", group_by=["model", "project_id"], limit=7
    )
    totals = [
        (r.model, r.input_tokens, r.num_model_requests) for b in usage.data for r in b.results
    ]
    more = None
    if usage.has_more:
        more = admin.admin.organization.usage.completions(
            start_time=1730419200, page=usage.next_page
        )
    logs = [
        (entry.type, entry.actor.session.user.email)
        for entry in admin.admin.organization.audit_logs.list(
            event_types=["api_key.created"], effective_at={"gte": 1730000000}, limit=10
        )
    ]
    projects = [p.name for p in admin.admin.organization.projects.list(include_archived=False)]
    admin.close()
    return totals, more.has_more, logs, projects


@programs
def admin_onboard_a_team(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # an onboarding script: a project, invites, a service account with its key, rate limits, costs
    admin = openai.OpenAI(admin_api_key="sk-admin-abc", base_url=server.url + "/v1", max_retries=0)
    project = {
        "id": "proj_new",
        "object": "organization.project",
        "name": "Team A",
        "created_at": 1,
        "archived_at": None,
        "status": "active",
    }
    server.reply(
        Reply.json(project),
        Reply.json(
            {
                "object": "organization.invite",
                "id": "invite-1",
                "email": "new@example.com",
                "role": "reader",
                "status": "pending",
                "invited_at": 1,
                "expires_at": 2,
                "accepted_at": None,
                "projects": [{"id": "proj_new", "role": "member"}],
            }
        ),
        Reply.json(
            {
                "object": "organization.project.service_account",
                "id": "svc_1",
                "name": "ci-bot",
                "role": "member",
                "created_at": 1,
                "api_key": {
                    "object": "organization.project.service_account.api_key",
                    "value": "sk-svcacct-secret",
                    "name": "Secret Key",
                    "created_at": 1,
                    "id": "key_svc",
                },
            }
        ),
        Reply.json(
            listing(
                {
                    "object": "organization.project.api_key",
                    "redacted_value": "sk-abc...def",
                    "name": "My key",
                    "created_at": 1,
                    "last_used_at": 2,
                    "id": "key_1",
                    "owner": {
                        "type": "service_account",
                        "service_account": {
                            "object": "organization.project.service_account",
                            "id": "svc_1",
                            "name": "ci-bot",
                            "role": "member",
                            "created_at": 1,
                        },
                    },
                }
            )
        ),
        Reply.json(
            {
                "object": "project.rate_limit",
                "id": "rl-gpt-4o",
                "model": "gpt-4o",
                "max_requests_per_1_minute": 100,
                "max_tokens_per_1_minute": 30000,
            }
        ),
        Reply.json(
            {
                "object": "page",
                "data": [
                    {
                        "object": "bucket",
                        "start_time": 1,
                        "end_time": 2,
                        "results": [
                            {
                                "object": "organization.costs.result",
                                "amount": {"value": 0.06, "currency": "usd"},
                                "line_item": "gpt-4o, input",
                                "project_id": "proj_new",
                            }
                        ],
                    }
                ],
                "has_more": False,
                "next_page": None,
            }
        ),
        Reply.json({**project, "status": "archived", "archived_at": 3}),
    )
    org = admin.admin.organization
    created = org.projects.create(name="Team A")
    invite = org.invites.create(
        email="new@example.com", role="reader", projects=[{"id": created.id, "role": "member"}]
    )
    bot = org.projects.service_accounts.create(created.id, name="ci-bot")
    keys = [
        (k.redacted_value, k.owner.type, k.owner.service_account.name)
        for k in org.projects.api_keys.list(created.id)
    ]
    limit = org.projects.rate_limits.update_rate_limit(
        "rl-gpt-4o", project_id=created.id, max_requests_per_1_minute=100
    )
    costs = org.usage.costs(start_time=1, group_by=["line_item"], project_ids=[created.id])
    spent = sum(r.amount.value for b in costs.data for r in b.results)
    archived = org.projects.archive(created.id)
    admin.close()
    return (
        invite.status,
        invite.projects[0].role,
        bot.api_key.value,
        keys,
        limit.max_tokens_per_1_minute,
        spent,
        archived.status,
    )


@programs
async def async_moderation_models_and_webhook(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(
            {
                "id": "modr-2",
                "model": "omni-moderation-latest",
                "results": [
                    {
                        "flagged": False,
                        "categories": dict.fromkeys(CATEGORIES, False),
                        "category_scores": dict.fromkeys(CATEGORIES, 0.0),
                        "category_applied_input_types": {name: [] for name in CATEGORIES},
                    }
                ],
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [{"id": "m", "object": "model", "created": 1, "owned_by": "o"}],
            }
        ),
        Reply.json(
            {
                "id": "conv_1",
                "object": "conversation",
                "created_at": 1,
                "metadata": {},
            }
        ),
    )
    moderation = await client.moderations.create(input=["one", "two"])
    ids = [m.id async for m in client.models.list()]
    conversation = await client.conversations.create()
    body = webhook_body("response.failed", "resp_9")
    event = client.webhooks.unwrap(body, signed(body), secret=SECRET)
    return (
        moderation.results[0].flagged,
        moderation.results[0].categories.sexual_minors,
        ids,
        conversation.id,
        event.type,
        event.data.id,
    )


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
