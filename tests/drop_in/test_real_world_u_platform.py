"""Real-world sweep U, the corners of the platform resources earlier sweeps touched least, as
scripts written for the official SDK use them: embeddings left to the default encoding (sent as
base64, read back as floats) next to an explicit one, multimodal moderations, a chunked upload of
bytes in several parts, vector-store files uploaded and polled with attributes, a batch of
``(name, bytes)`` files, containers and their files downloaded, fine-tuning events and
checkpoints paged through, a batch's output file read line by line, models iterated, webhooks
verified with the client's secret and rejected when stale or forged, and streamed transcripts —
run against both packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import base64
import json
import struct
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_b import POLL_FAST
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-u-"))


def packed(*floats: float) -> str:
    return base64.b64encode(struct.pack(f"<{len(floats)}f", *floats)).decode()


def embeddings_answer(*data: Any) -> dict[str, Any]:
    return {
        "object": "list",
        "model": "text-embedding-3-small",
        "data": [{"object": "embedding", "index": i, "embedding": e} for i, e in enumerate(data)],
        "usage": {"prompt_tokens": 4, "total_tokens": 4},
    }


@program
def embeddings_in_each_encoding(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(embeddings_answer(packed(0.5, -0.25, 1.0), packed(2.0, 0.0, -1.5))),
        Reply.json(embeddings_answer([0.5, -0.25])),
        Reply.json(embeddings_answer(packed(0.5, 0.125))),
        Reply.json(embeddings_answer(packed(0.75))),
    )
    default = client.embeddings.create(model="text-embedding-3-small", input=["a", "b"])
    floats = client.embeddings.create(
        model="text-embedding-3-small", input="a", encoding_format="float", dimensions=2
    )
    raw = client.embeddings.create(
        model="text-embedding-3-small", input=[[1, 2, 3]], encoding_format="base64"
    )
    as_json = client.embeddings.with_raw_response.create(model="text-embedding-3-small", input="z")
    parsed = as_json.parse()
    return (
        [d.embedding for d in default.data],
        [type(x).__name__ for x in default.data[0].embedding],
        floats.data[0].embedding,
        raw.data[0].embedding,
        parsed.data[0].embedding,
        default.usage.total_tokens,
        default.model_dump()["data"][0]["embedding"],
        [r.json() for r in server.requests],
    )


@program
def moderations_of_text_and_images(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    categories = {
        "harassment": False,
        "harassment/threatening": False,
        "hate": False,
        "hate/threatening": False,
        "illicit": False,
        "illicit/violent": False,
        "self-harm": False,
        "self-harm/instructions": False,
        "self-harm/intent": False,
        "sexual": False,
        "sexual/minors": False,
        "violence": True,
        "violence/graphic": True,
    }
    scores = {k: (0.9 if v else 0.01) for k, v in categories.items()}
    applied = {k: (["text", "image"] if v else ["text"]) for k, v in categories.items()}
    server.reply(
        Reply.json(
            {
                "id": "modr-1",
                "model": "omni-moderation-latest",
                "results": [
                    {
                        "flagged": True,
                        "categories": categories,
                        "category_scores": scores,
                        "category_applied_input_types": applied,
                    }
                ],
            }
        )
    )
    result = client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "...text to classify goes here..."},
            {"type": "image_url", "image_url": {"url": "https://example.com/image.png"}},
        ],
    )
    first = result.results[0]
    flagged = [name for name, hit in first.categories.model_dump(by_alias=True).items() if hit]
    return (
        flagged,
        first.categories.violence_graphic,
        first.category_scores.self_harm_intent,
        first.category_applied_input_types.violence_graphic,
        first.category_applied_input_types.model_dump(by_alias=True)["self-harm"],
        sorted(first.categories.model_dump().keys()),
        result.to_dict()["results"][0]["categories"]["violence/graphic"],
        [r.json() for r in server.requests],
    )


def upload_object(status: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "upload_1",
        "object": "upload",
        "bytes": 10,
        "created_at": 1,
        "expires_at": 2,
        "filename": "data.jsonl",
        "purpose": "fine-tune",
        "status": status,
        **extra,
    }


@program
def chunked_upload_of_bytes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    data = b"0123456789"
    server.reply(
        Reply.json(upload_object("pending")),
        *[
            Reply.json(
                {
                    "id": f"part_{i}",
                    "object": "upload.part",
                    "created_at": 1,
                    "upload_id": "upload_1",
                }
            )
            for i in range(3)
        ],
        Reply.json(
            upload_object(
                "completed",
                file={
                    "id": "file-9",
                    "object": "file",
                    "bytes": 10,
                    "created_at": 1,
                    "filename": "data.jsonl",
                    "purpose": "fine-tune",
                    "status": "processed",
                },
            )
        ),
    )
    upload = client.uploads.upload_file_chunked(
        file=data,
        filename="data.jsonl",
        bytes=len(data),
        mime_type="application/jsonl",
        purpose="fine-tune",
        part_size=4,
    )
    requests = server.requests
    return (
        upload.status,
        upload.file.id,
        [(r.method, r.path) for r in requests],
        requests[0].json(),
        requests[-1].json(),
        [len(r.body) > 0 for r in requests[1:-1]],
    )


def store_file(status: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "file-1",
        "object": "vector_store.file",
        "created_at": 1,
        "usage_bytes": 10,
        "vector_store_id": "vs_1",
        "status": status,
        "last_error": None,
        **extra,
    }


def file_object(file_id: str, name: str) -> dict[str, Any]:
    return {
        "id": file_id,
        "object": "file",
        "bytes": 3,
        "created_at": 1,
        "filename": name,
        "purpose": "assistants",
        "status": "uploaded",
    }


@program
def vector_store_file_with_attributes_polled(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = folder()
    (out / "handbook.md").write_text("# Handbook\n")
    server.reply(
        Reply.json(file_object("file-1", "handbook.md")),
        Reply.json(store_file("in_progress"), headers=POLL_FAST),
        Reply.json(store_file("in_progress"), headers=POLL_FAST),
        Reply.json(
            store_file(
                "completed",
                attributes={"team": "hr", "year": 2024, "public": True},
                chunking_strategy={
                    "type": "static",
                    "static": {"max_chunk_size_tokens": 400, "chunk_overlap_tokens": 100},
                },
            ),
            headers=POLL_FAST,
        ),
    )
    done = client.vector_stores.files.upload_and_poll(
        vector_store_id="vs_1",
        file=out / "handbook.md",
        attributes={"team": "hr", "year": 2024, "public": True},
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 400, "chunk_overlap_tokens": 100},
        },
        poll_interval_ms=1,
    )
    return (
        done.status,
        done.attributes,
        done.chunking_strategy.static.max_chunk_size_tokens,
        type(done.chunking_strategy).__name__,
        len(server.requests),
    )


def batch_object(status: str, completed: int) -> dict[str, Any]:
    return {
        "id": "vsfb_1",
        "object": "vector_store.files_batch",
        "created_at": 1,
        "vector_store_id": "vs_1",
        "status": status,
        "file_counts": {
            "in_progress": 2 - completed,
            "completed": completed,
            "failed": 0,
            "cancelled": 0,
            "total": 2,
        },
    }


@program
def file_batch_of_named_bytes_polled(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/files", Reply.json(file_object("file-a", "a.txt")))
    server.route(
        "POST",
        "/v1/vector_stores/vs_1/file_batches",
        Reply.json(batch_object("in_progress", 0), headers=POLL_FAST),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_1/file_batches/vsfb_1",
        Reply.json(batch_object("in_progress", 1), headers=POLL_FAST),
        Reply.json(batch_object("completed", 2), headers=POLL_FAST),
    )
    batch = client.vector_stores.file_batches.upload_and_poll(
        "vs_1",
        files=[("a.txt", b"aaa", "text/plain"), ("b.md", b"# b")],
        file_ids=["file-old"],
        max_concurrency=1,
        poll_interval_ms=1,
    )
    again = client.vector_stores.file_batches.create_and_poll(
        "vs_1",
        files=[{"file_id": "file-x", "attributes": {"k": "v"}}],
        poll_interval_ms=1,
    )
    return batch.status, batch.file_counts.completed, again.status, again.file_counts.total


def container(cid: str) -> dict[str, Any]:
    return {
        "id": cid,
        "object": "container",
        "created_at": 1,
        "name": "sandbox",
        "status": "running",
        "expires_after": {"anchor": "last_active_at", "minutes": 20},
    }


def container_file(fid: str, path: str) -> dict[str, Any]:
    return {
        "id": fid,
        "object": "container.file",
        "bytes": 5,
        "container_id": "cntr_1",
        "created_at": 1,
        "path": path,
        "source": "user",
    }


@program
def container_files_uploaded_listed_and_downloaded(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = folder()
    (out / "data.csv").write_text("a,b\n1,2\n")
    server.reply(
        Reply.json(container("cntr_1")),
        Reply.json(container_file("cfile_1", "/mnt/data/data.csv")),
        Reply.json(container_file("cfile_2", "/mnt/data/f.txt")),
        Reply.json(
            {
                "object": "list",
                "data": [
                    container_file("cfile_1", "/mnt/data/data.csv"),
                    container_file("cfile_2", "/mnt/data/f.txt"),
                ],
                "first_id": "cfile_1",
                "last_id": "cfile_2",
                "has_more": False,
            }
        ),
        Reply.raw(b"plot!", content_type="image/png"),
        Reply.raw(b"", status=200, content_type="application/json"),
    )
    box = client.containers.create(
        name="sandbox", expires_after={"anchor": "last_active_at", "minutes": 20}, memory_limit="4g"
    )
    with open(out / "data.csv", "rb") as handle:
        uploaded = client.containers.files.create(box.id, file=handle)
    by_id = client.containers.files.create(box.id, file_id="file-123")
    listed = [(f.id, f.path, f.source) for f in client.containers.files.list(box.id, order="asc")]
    content = client.containers.files.content.retrieve("cfile_2", container_id=box.id)
    content.write_to_file(out / "plot.png")
    deleted = client.containers.files.delete("cfile_2", container_id=box.id)
    return (
        box.expires_after.minutes,
        uploaded.path,
        by_id.id,
        listed,
        (out / "plot.png").read_bytes(),
        content.content,
        deleted,
        [(r.method, r.path, r.query) for r in server.requests],
    )


def event(i: int) -> dict[str, Any]:
    return {
        "id": f"ftevent-{i}",
        "object": "fine_tuning.job.event",
        "created_at": 1700000000 + i,
        "level": "info",
        "message": f"Step {i}/10: training loss=0.{i}",
        "type": "metrics",
        "data": {"step": i, "train_loss": i / 10},
    }


@program
def fine_tuning_events_and_checkpoints_paged(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json({"object": "list", "data": [event(3), event(2)], "has_more": True}),
        Reply.json({"object": "list", "data": [event(1)], "has_more": False}),
        Reply.json(
            {
                "object": "list",
                "data": [
                    {
                        "id": "ftckpt_1",
                        "object": "fine_tuning.job.checkpoint",
                        "created_at": 1,
                        "fine_tuned_model_checkpoint": "ft:gpt-4o-mini:org::abc:ckpt-step-10",
                        "fine_tuning_job_id": "ftjob-1",
                        "step_number": 10,
                        "metrics": {"step": 10, "train_loss": 0.3, "full_valid_loss": 0.4},
                    }
                ],
                "first_id": "ftckpt_1",
                "last_id": "ftckpt_1",
                "has_more": False,
            }
        ),
    )
    messages = [e.message for e in client.fine_tuning.jobs.list_events("ftjob-1", limit=2)]
    checkpoints = client.fine_tuning.jobs.checkpoints.list("ftjob-1")
    first = checkpoints.data[0]
    return (
        messages,
        first.metrics.full_valid_loss,
        first.metrics.valid_loss,
        first.fine_tuned_model_checkpoint,
        checkpoints.has_next_page(),
        [(r.path, r.query) for r in server.requests],
    )


@program
def batch_output_file_read_line_by_line(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = folder()
    lines = [
        {
            "custom_id": f"req-{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": str(i)}]},
        }
        for i in range(2)
    ]
    (out / "batch.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    answer = "\n".join(
        json.dumps(
            {
                "id": f"b{i}",
                "custom_id": f"req-{i}",
                "response": {
                    "status_code": 200,
                    "body": {"choices": [{"message": {"content": f"ok {i}"}}]},
                },
                "error": None,
            }
        )
        for i in range(2)
    )
    batch = {
        "id": "batch_1",
        "object": "batch",
        "endpoint": "/v1/chat/completions",
        "input_file_id": "file-in",
        "completion_window": "24h",
        "status": "completed",
        "created_at": 1,
        "output_file_id": "file-out",
        "error_file_id": None,
        "request_counts": {"total": 2, "completed": 2, "failed": 0},
        "metadata": {"job": "nightly"},
    }
    server.reply(
        Reply.json(file_object("file-in", "batch.jsonl")),
        Reply.json({**batch, "status": "validating"}),
        Reply.json(batch),
        Reply.raw(answer.encode(), content_type="application/octet-stream"),
    )
    with open(out / "batch.jsonl", "rb") as handle:
        uploaded = client.files.create(file=handle, purpose="batch")
    created = client.batches.create(
        input_file_id=uploaded.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"job": "nightly"},
    )
    done = client.batches.retrieve(created.id)
    text = client.files.content(done.output_file_id).text
    results = [json.loads(line) for line in text.splitlines() if line]
    return (
        created.status,
        done.request_counts.completed,
        [r["response"]["body"]["choices"][0]["message"]["content"] for r in results],
        [
            r.json() if r.method == "POST" and "batches" in r.path else r.path
            for r in server.requests
        ],
    )


@program
def models_iterated_and_filtered(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    models = [
        {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "system"},
        {"id": "ft:gpt-4o-mini:acme::xyz", "object": "model", "created": 3, "owned_by": "acme"},
        {"id": "whisper-1", "object": "model", "created": 2, "owned_by": "openai-internal"},
    ]
    server.reply(
        Reply.json({"object": "list", "data": models}),
        Reply.json({"object": "list", "data": models}),
        Reply.json({"id": "ft:gpt-4o-mini:acme::xyz", "object": "model", "deleted": True}),
    )
    page = client.models.list()
    ids = sorted(m.id for m in page if m.id.startswith("gpt") or m.owned_by == "acme")
    newest = max(client.models.list().data, key=lambda m: m.created)
    deleted = client.models.delete(newest.id)
    return ids, newest.id, deleted.deleted, page.has_next_page(), len(list(page.iter_pages()))


SECRET = "whsec_" + base64.b64encode(b"a-webhook-secret-32-bytes-long!!").decode()


def signed(openai: ModuleType, body: str, timestamp: int, secret: str = SECRET) -> dict[str, str]:
    import hashlib
    import hmac

    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"msg_1.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return {
        "Webhook-Id": "msg_1",
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": "v1," + base64.b64encode(mac).decode(),
    }


@program
def webhooks_verified_unwrapped_and_rejected(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    body = json.dumps(
        {
            "id": "evt_1",
            "object": "event",
            "type": "batch.completed",
            "created_at": 1,
            "data": {"id": "batch_1"},
        }
    )
    hooks = openai.OpenAI(api_key="sk-x", webhook_secret=SECRET, base_url=server.url)
    now = int(time.time())
    outcomes: list[Any] = []
    event = hooks.webhooks.unwrap(body, signed(openai, body, now))
    outcomes.append((type(event).__name__, event.type, event.data.id))
    outcomes.append(hooks.webhooks.verify_signature(body.encode(), signed(openai, body, now)))
    for headers, kwargs in [
        (signed(openai, body, now - 600), {}),
        (signed(openai, body, now - 600), {"tolerance": 900}),
        (signed(openai, body, now + 600), {}),
        (signed(openai, body, now, secret="whsec_" + base64.b64encode(b"x" * 32).decode()), {}),
        ({k.lower(): v for k, v in signed(openai, body, now).items()}, {}),
        ({"webhook-id": "msg_1"}, {}),
    ]:
        try:
            outcomes.append(hooks.webhooks.verify_signature(body, headers, **kwargs))
        except Exception as error:
            outcomes.append(
                (type(error).__name__, isinstance(error, openai.InvalidWebhookSignatureError))
            )
    plain = openai.OpenAI(api_key="sk-x", base_url=server.url)
    try:
        plain.webhooks.unwrap(body, signed(openai, body, now))
    except Exception as error:
        outcomes.append((type(error).__name__, "webhook_secret" in str(error)))
    outcomes.append(
        type(plain.webhooks.unwrap(body, signed(openai, body, now), secret=SECRET)).__name__
    )
    hooks.close()
    plain.close()
    return outcomes


def sse(*events: dict[str, Any]) -> Reply:
    body = "".join(f"data: {json.dumps(e)}\n\n" for e in events)
    return Reply.raw(body.encode(), content_type="text/event-stream")


@program
def transcript_streamed_with_logprobs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = folder()
    (out / "talk.mp3").write_bytes(b"ID3" + bytes(64))
    server.reply(
        sse(
            {
                "type": "transcript.text.delta",
                "delta": "Hello",
                "logprobs": [{"token": "Hello", "logprob": -0.1, "bytes": [72]}],
            },
            {"type": "transcript.text.delta", "delta": " world"},
            {
                "type": "transcript.text.done",
                "text": "Hello world",
                "logprobs": [{"token": "Hello", "logprob": -0.1}],
                "usage": {
                    "type": "tokens",
                    "input_tokens": 5,
                    "output_tokens": 2,
                    "total_tokens": 7,
                },
            },
        )
    )
    parts = []
    with open(out / "talk.mp3", "rb") as audio:
        stream = client.audio.transcriptions.create(
            model="gpt-4o-mini-transcribe",
            file=audio,
            stream=True,
            include=["logprobs"],
            response_format="json",
            chunking_strategy="auto",
        )
        for ev in stream:
            if ev.type == "transcript.text.delta":
                parts.append((ev.delta, ev.logprobs and ev.logprobs[0].logprob))
            elif ev.type == "transcript.text.done":
                parts.append((ev.text, ev.usage.total_tokens, type(ev).__name__))
    return parts, server.requests[0].headers.get("accept")


@async_program
async def async_embeddings_default_decoded(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json(embeddings_answer(packed(1.5, -2.0))))
    result = await client.embeddings.create(model="text-embedding-3-small", input="x")
    return result.data[0].embedding, server.requests[0].json()


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
