"""Real-world sweep G, platform code as users of the official SDK write it: webhook receivers
(`client.webhooks.unwrap` / `verify_signature` with the secret from `OPENAI_WEBHOOK_SECRET`,
headers as a framework hands them over, a `tolerance`), vector stores (GA paths, the polling
upload helpers, `search` with filters and what its page carries), evals and runs, containers and
their files, conversations and items, moderations of text and images, the models catalogue and
embeddings as floats or base64 -- each run against both packages over the loopback server (see
real_world_d), comparing what the program observed and the requests sent.
"""

from __future__ import annotations

import array
import base64
import contextlib
import hashlib
import hmac
import http.client
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_b import poll_header
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-g-"))


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__, isinstance(error, ValueError))


# --- webhooks -------------------------------------------------------------------------------------

KEY = b"0123456789abcdef0123456789abcdef"
SECRET = "whsec_" + base64.b64encode(KEY).decode()
NOW = 1733000000.75  # a clock stopped three quarters into a second
SENT_AT = 1733000000


@contextlib.contextmanager
def clock_at(moment: float) -> Iterator[None]:
    """`time.time()` stopped at ``moment`` (both packages read the clock through it)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(time, "time", lambda: moment)
    try:
        yield
    finally:
        patch.undo()


def signed(body: str, at: int = SENT_AT, msg_id: str = "wh_1") -> dict[str, str]:
    mac = hmac.new(KEY, f"{msg_id}.{at}.{body}".encode(), hashlib.sha256)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(at),
        "webhook-signature": "v1," + base64.b64encode(mac.digest()).decode(),
    }


def event_body(kind: str = "batch.completed", data: Any = None, **extra: Any) -> str:
    return json.dumps(
        {
            "id": "evt_1",
            "object": "event",
            "type": kind,
            "created_at": 1733000000,
            "data": data or {"id": "batch_1"},
            **extra,
        }
    )


@program
def webhook_receiver_with_secret_from_environment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A FastAPI/Flask view: the secret comes from `OPENAI_WEBHOOK_SECRET`, the headers as the
    framework passes them (a dict with any case, `httpx.Headers`), the body as text or bytes."""
    patch = pytest.MonkeyPatch()
    patch.setenv("OPENAI_WEBHOOK_SECRET", SECRET)
    try:
        receiver = openai.OpenAI(api_key="sk-x", base_url=server.url)
    finally:
        patch.undo()
    body = event_body()
    headers = signed(body)
    seen: list[Any] = []
    with clock_at(NOW):
        seen.append(repr(receiver.webhooks.unwrap(body, headers)))
        seen.append(receiver.webhooks.unwrap(body, {k.title(): v for k, v in headers.items()}).type)
        seen.append(receiver.webhooks.unwrap(body, httpx.Headers(headers)).type)
        seen.append(receiver.webhooks.unwrap(body.encode(), headers).data.id)
        seen.append(receiver.webhooks.verify_signature(body, headers))
        extra = event_body(data={"id": "b", "extra": 1}, extra_top=2)
        event = receiver.webhooks.unwrap(extra, signed(extra))
        seen.append((type(event).__name__, event.model_dump(), event.to_json()))
    receiver.close()
    return seen


class GetOnlyHeaders:
    """A framework's header object offering `get` and nothing else."""

    def __init__(self, headers: dict[str, str]) -> None:
        self._headers = headers

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._headers.get(name, default)


class PairHeaders:
    """A werkzeug-style header object: (name, value) pairs, a case-insensitive `get`."""

    def __init__(self, headers: dict[str, str]) -> None:
        self._pairs = list(headers.items())

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._pairs)

    def items(self) -> list[tuple[str, str]]:
        return list(self._pairs)

    def get(self, name: str, default: str | None = None) -> str | None:
        return next((v for k, v in self._pairs if k.lower() == name.lower()), default)


@program
def webhook_headers_as_frameworks_hand_them(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The headers object of whatever framework receives the delivery: a `get`-only object (in
    the spelling the sender used, or lower case), werkzeug-style pairs, the standard library's
    `http.client.HTTPMessage` (http.server), upper-case keys."""
    body = event_body()
    sent = {k.title(): v for k, v in signed(body).items()}
    message = http.client.HTTPMessage()
    for name, value in sent.items():
        message[name] = value
    shapes: dict[str, Any] = {
        "get only": GetOnlyHeaders(sent),
        "get only, lower case": GetOnlyHeaders({k.lower(): v for k, v in sent.items()}),
        "pairs": PairHeaders(sent),
        "HTTPMessage": message,
        "upper case": {k.upper(): v for k, v in sent.items()},
        "empty signature": {**sent, "Webhook-Signature": ""},
    }
    results = {}
    with clock_at(NOW):
        for name, headers in shapes.items():
            results[name] = outcome(
                lambda headers=headers: client.webhooks.verify_signature(
                    body, headers, secret=SECRET
                )
            )
    return results


@program
def webhook_timestamps_at_the_tolerance(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Deliveries exactly at the tolerance (default 300 s, or one given) pass; a second more
    fails -- counted in whole seconds, however far into the second the check runs."""
    body = event_body()
    cases = {
        "same second, tolerance 0": (SENT_AT, {"tolerance": 0}),
        "300 s old": (SENT_AT - 300, {}),
        "301 s old": (SENT_AT - 301, {}),
        "300 s ahead": (SENT_AT + 300, {}),
        "301 s ahead": (SENT_AT + 301, {}),
        "60 s old, tolerance 60": (SENT_AT - 60, {"tolerance": 60}),
        "61 s old, tolerance 60": (SENT_AT - 61, {"tolerance": 60}),
    }
    results = {}
    with clock_at(NOW):
        for name, (at, options) in cases.items():
            results[name] = outcome(
                lambda at=at, options=options: client.webhooks.verify_signature(
                    body, signed(body, at=at), secret=SECRET, **options
                )
            )
    return results


@program
def webhook_without_a_secret(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = event_body()
    headers = signed(body)
    with clock_at(NOW):
        seen = [
            outcome(lambda: client.webhooks.unwrap(body, headers)),
            outcome(lambda: client.webhooks.verify_signature(body, headers)),
        ]
        configured = openai.OpenAI(api_key="sk", base_url=server.url, webhook_secret=SECRET)
        seen.append(configured.webhooks.unwrap(body, headers).type)
        seen.append(configured.copy(webhook_secret="whsec_other").webhook_secret)
        configured.close()
    return seen


# --- vector stores --------------------------------------------------------------------------------


def file_object(file_id: str, name: str = "a.md") -> Any:
    return {
        "id": file_id,
        "object": "file",
        "bytes": 10,
        "created_at": 1733000000,
        "filename": name,
        "purpose": "assistants",
        "status": "processed",
    }


def store(**extra: Any) -> Any:
    counts = {"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 0, "total": 0}
    return {
        "id": "vs_1",
        "object": "vector_store",
        "created_at": 1,
        "name": "kb",
        "usage_bytes": 0,
        "file_counts": counts,
        "status": "completed",
        "last_active_at": 1,
        "metadata": {},
        **extra,
    }


def store_file(file_id: str, status: str = "completed", **extra: Any) -> Any:
    return {
        "id": file_id,
        "object": "vector_store.file",
        "usage_bytes": 5,
        "created_at": 1,
        "vector_store_id": "vs_1",
        "status": status,
        "last_error": None,
        **extra,
    }


def file_batch(status: str) -> Any:
    counts = {"in_progress": 0, "completed": 2, "failed": 0, "cancelled": 0, "total": 2}
    return {
        "id": "vsfb_1",
        "object": "vector_store.files_batch",
        "created_at": 1,
        "vector_store_id": "vs_1",
        "status": status,
        "file_counts": counts,
    }


@program
def knowledge_base_from_local_files(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The file-search guide: a store with static chunking, files uploaded in a batch and one
    more with attributes, each helper polling until the work is done."""
    here = folder()
    (here / "a.md").write_text("# a")
    (here / "b.pdf").write_bytes(b"%PDF")
    server.route(
        "POST",
        "/v1/files",
        Reply.dynamic(
            lambda request: Reply.json(
                file_object("file-a" if b'filename="a.md"' in request.body else "file-b")
            )
        ),
    )
    server.route("POST", "/v1/vector_stores", Reply.json(store()))
    batches = "/v1/vector_stores/vs_1/file_batches"
    server.route("POST", batches, Reply.json(file_batch("in_progress"), headers=poll_header()))
    server.route(
        "GET", batches + "/vsfb_1", Reply.json(file_batch("completed"), headers=poll_header())
    )
    server.route(
        "POST",
        "/v1/vector_stores/vs_1/files",
        Reply.json(store_file("file-a", "in_progress"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_1/files/file-a",
        Reply.json(store_file("file-a"), headers=poll_header()),
    )
    vector_store = client.vector_stores.create(
        name="Financial Statements",
        expires_after={"anchor": "last_active_at", "days": 7},
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
        },
    )
    with open(here / "a.md", "rb") as first, open(here / "b.pdf", "rb") as second:
        batch = client.vector_stores.file_batches.upload_and_poll(
            vector_store_id=vector_store.id, files=[first, second], poll_interval_ms=1
        )
    one = client.vector_stores.files.upload_and_poll(
        vector_store_id=vector_store.id,
        file=here / "a.md",
        poll_interval_ms=1,
        attributes={"year": 2024, "public": True},
    )
    return batch.status, batch.file_counts.completed, repr(batch), one.status, repr(one)


def search_result(number: int) -> Any:
    return {
        "file_id": f"file-{number}",
        "filename": f"{number}.md",
        "score": 0.9 - number / 10,
        "attributes": {"year": 2024},
        "content": [{"type": "text", "text": f"chunk {number}"}],
    }


def search_page(*numbers: int, has_more: bool = False, next_page: str | None = None) -> Reply:
    return Reply.json(
        {
            "object": "vector_store.search_results.page",
            "search_query": ["what is the revenue?"],
            "data": [search_result(n) for n in numbers],
            "has_more": has_more,
            "next_page": next_page,
        }
    )


@program
def search_a_store_and_read_the_page(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A RAG helper: search with filters and ranking, show the rewritten query the page reports
    and whether more results exist."""
    server.reply(search_page(1, 2, has_more=True, next_page="tok2"), search_page(1))
    page = client.vector_stores.search(
        vector_store_id="vs_1",
        query="what is the revenue?",
        max_num_results=2,
        rewrite_query=True,
        filters={
            "type": "and",
            "filters": [
                {"key": "year", "type": "gte", "value": 2023},
                {"key": "region", "type": "in", "value": ["us", "eu"]},
            ],
        },
        ranking_options={"ranker": "auto", "score_threshold": 0.5},
    )
    found = [(r.filename, r.score, [c.text for c in r.content]) for r in page]
    second = client.vector_stores.search(vector_store_id="vs_1", query=["a", "b"])
    return (
        found,
        page.search_query,
        page.has_more,
        page.next_page,
        page.object,
        second.has_next_page(),
        second.to_dict()["search_query"],
        outcome(lambda: page.no_such_field),
    )


@program
def store_housekeeping(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [store(), store(id="vs_2")],
                "has_more": False,
                "first_id": "vs_1",
                "last_id": "vs_2",
            }
        ),
        Reply.json(store(name="renamed")),
        Reply.json({"id": "vs_1", "object": "vector_store.deleted", "deleted": True}),
        Reply.json(
            {
                "object": "vector_store.file_content.page",
                "data": [{"type": "text", "text": "hello"}],
                "has_more": False,
                "next_page": None,
            }
        ),
        Reply.json(store_file("file-1", attributes={"a": 1})),
        Reply.json({"id": "file-1", "object": "vector_store.file.deleted", "deleted": True}),
        Reply.json(file_batch("in_progress"), headers=poll_header()),
        Reply.json(file_batch("completed"), headers=poll_header()),
        Reply.json(
            {
                "object": "list",
                "data": [store_file("file-1"), store_file("file-2")],
                "has_more": False,
                "first_id": "file-1",
                "last_id": "file-2",
            }
        ),
    )
    stores = client.vector_stores.list(order="desc", limit=20)
    renamed = client.vector_stores.update(
        "vs_1", name="renamed", expires_after=None, metadata={"x": "y"}
    )
    deleted = client.vector_stores.delete("vs_1")
    content = client.vector_stores.files.content(file_id="file-1", vector_store_id="vs_1")
    updated = client.vector_stores.files.update(
        file_id="file-1", vector_store_id="vs_1", attributes={"a": 1}
    )
    removed = client.vector_stores.files.delete(file_id="file-1", vector_store_id="vs_1")
    batch = client.vector_stores.file_batches.create_and_poll(
        vector_store_id="vs_1", file_ids=["file-1", "file-2"], chunking_strategy={"type": "auto"}
    )
    batch_files = client.vector_stores.file_batches.list_files(
        batch_id=batch.id, vector_store_id="vs_1", filter="completed"
    )
    return (
        [s.id for s in stores],
        (stores.first_id, stores.last_id, stores.has_more),
        renamed.name,
        repr(deleted),
        [c.text for c in content],
        content.next_page,
        updated.attributes,
        repr(removed),
        batch.status,
        [f.id for f in batch_files],
    )


# --- evals, containers, conversations -------------------------------------------------------------


def output_item(number: int) -> Any:
    return {
        "id": f"outputitem_{number}",
        "object": "eval.run.output_item",
        "created_at": 1,
        "datasource_item": {"q": "x"},
        "datasource_item_id": number,
        "eval_id": "eval_1",
        "run_id": "evalrun_1",
        "status": "pass",
        "results": [{"name": "exact", "passed": True, "score": 1.0, "type": "string_check"}],
        "sample": {
            "input": [{"role": "user", "content": "x"}],
            "output": [{"role": "assistant", "content": "y"}],
            "finish_reason": "stop",
            "model": "gpt-4o-mini",
            "usage": {
                "total_tokens": 1,
                "completion_tokens": 1,
                "prompt_tokens": 0,
                "cached_tokens": 0,
            },
            "error": {"code": "", "message": ""},
            "temperature": 1,
            "max_completion_tokens": 10,
            "top_p": 1,
            "seed": 1,
        },
    }


@program
def eval_a_prompt_and_read_the_results(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    criterion = {
        "type": "string_check",
        "name": "exact",
        "input": "{{sample.output_text}}",
        "reference": "{{item.answer}}",
        "operation": "eq",
    }
    evaluation = {
        "id": "eval_1",
        "object": "eval",
        "name": "qa",
        "created_at": 1,
        "metadata": {},
        "data_source_config": {"type": "custom", "schema": {"type": "object"}},
        "testing_criteria": [criterion],
    }
    data_source = {
        "type": "completions",
        "source": {"type": "file_id", "id": "file-1"},
        "input_messages": {
            "type": "template",
            "template": [{"role": "user", "content": "{{item.q}}"}],
        },
        "model": "gpt-4o-mini",
    }
    eval_run = {
        "id": "evalrun_1",
        "object": "eval.run",
        "eval_id": "eval_1",
        "name": "r",
        "status": "queued",
        "created_at": 1,
        "model": "gpt-4o-mini",
        "metadata": {},
        "report_url": "https://platform.example/evals/1",
        "error": None,
        "result_counts": {"total": 2, "passed": 1, "failed": 1, "errored": 0},
        "per_model_usage": [],
        "per_testing_criteria_results": [{"testing_criteria": "exact", "passed": 1, "failed": 1}],
        "data_source": data_source,
    }
    server.reply(
        Reply.json(evaluation),
        Reply.json(eval_run),
        Reply.json({**eval_run, "status": "completed"}),
        Reply.json(
            {
                "object": "list",
                "data": [output_item(1), output_item(2)],
                "has_more": True,
                "first_id": "outputitem_1",
                "last_id": "outputitem_2",
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [output_item(3)],
                "has_more": False,
                "first_id": "outputitem_3",
                "last_id": "outputitem_3",
            }
        ),
        Reply.json({"object": "list", "data": [eval_run], "has_more": False}),
    )
    created = client.evals.create(
        name="qa",
        data_source_config={
            "type": "custom",
            "item_schema": {"type": "object", "properties": {"q": {"type": "string"}}},
            "include_sample_schema": True,
        },
        testing_criteria=[
            criterion,
            {
                "type": "label_model",
                "name": "judge",
                "model": "gpt-4o",
                "input": [{"role": "user", "content": "grade"}],
                "labels": ["good", "bad"],
                "passing_labels": ["good"],
            },
        ],
    )
    started = client.evals.runs.create(
        created.id,
        name="r",
        data_source={**data_source, "sampling_params": {"temperature": 0.2}},
    )
    finished = client.evals.runs.retrieve(started.id, eval_id=created.id)
    items = [
        (item.id, item.status, item.results[0].passed, item.sample.usage.total_tokens)
        for item in client.evals.runs.output_items.list(
            started.id, eval_id=created.id, status="pass", limit=2
        )
    ]
    runs = [r.id for r in client.evals.runs.list(created.id, status="completed")]
    return (
        repr(created),
        type(created.data_source_config).__name__,
        type(created.testing_criteria[0]).__name__,
        finished.status,
        finished.result_counts.passed,
        finished.per_testing_criteria_results[0].testing_criteria,
        items,
        runs,
        type(started.data_source).__name__,
    )


@program
def code_interpreter_container_files(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    (here / "data.csv").write_text("a,b\n1,2\n")
    container = {
        "id": "cntr_1",
        "object": "container",
        "created_at": 1,
        "status": "running",
        "name": "analysis",
        "expires_after": {"anchor": "last_active_at", "minutes": 20},
    }

    def container_file(number: int) -> Any:
        return {
            "id": f"cfile_{number}",
            "object": "container.file",
            "created_at": 1,
            "bytes": 8,
            "container_id": "cntr_1",
            "path": f"/mnt/data/{number}.csv",
            "source": "user",
        }

    server.reply(
        Reply.json(container),
        Reply.json(container_file(1)),
        Reply.json(container_file(2)),
        Reply.json(
            {
                "object": "list",
                "data": [container_file(1), container_file(2)],
                "has_more": False,
                "first_id": "cfile_1",
                "last_id": "cfile_2",
            }
        ),
        Reply.raw(b"a,b\n1,2\n"),
        Reply.raw(b"a,b\n1,2\n"),
        Reply.empty(200),
        Reply.json({"object": "list", "data": [container], "has_more": False}),
        Reply.empty(200),
    )
    created = client.containers.create(
        name="analysis",
        expires_after={"anchor": "last_active_at", "minutes": 20},
        file_ids=["file-1"],
        memory_limit="4g",
    )
    with open(here / "data.csv", "rb") as handle:
        uploaded = client.containers.files.create(created.id, file=handle)
    attached = client.containers.files.create(created.id, file_id="file-1")
    listed = [(f.id, f.path) for f in client.containers.files.list(created.id)]
    content = client.containers.files.content.retrieve("cfile_1", container_id=created.id)
    with client.containers.files.content.with_streaming_response.retrieve(
        "cfile_1", container_id=created.id
    ) as streamed:
        streamed.stream_to_file(here / "copy.csv")
        streamed_class = type(streamed).__name__
    removed = client.containers.files.delete("cfile_1", container_id=created.id)
    names = [c.name for c in client.containers.list()]
    dropped = client.containers.delete(created.id)
    return (
        repr(created),
        uploaded.path,
        attached.id,
        listed,
        type(content).__name__,
        content.content,
        (here / "copy.csv").read_bytes(),
        streamed_class,
        removed,
        names,
        dropped,
    )


@program
def conversation_items_walked(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    conversation = {
        "id": "conv_1",
        "object": "conversation",
        "created_at": 1,
        "metadata": {"topic": "demo"},
    }

    def message(number: int, role: str = "user") -> Any:
        content: Any = (
            [{"type": "input_text", "text": f"hi {number}"}]
            if role == "user"
            else [{"type": "output_text", "text": f"yo {number}", "annotations": []}]
        )
        return {
            "type": "message",
            "id": f"msg_{number}",
            "status": "completed",
            "role": role,
            "content": content,
        }

    def items(*entries: Any, has_more: bool) -> Reply:
        return Reply.json(
            {
                "object": "list",
                "data": list(entries),
                "has_more": has_more,
                "first_id": entries[0]["id"],
                "last_id": entries[-1]["id"],
            }
        )

    server.reply(
        Reply.json(conversation),
        items(message(2), message(3, "assistant"), has_more=False),
        items(message(1), message(2), has_more=True),
        items(message(3, "assistant"), has_more=False),
        Reply.json(message(1)),
        Reply.json(conversation),
        Reply.json({**conversation, "metadata": {"topic": "x"}}),
        Reply.json({"id": "conv_1", "object": "conversation.deleted", "deleted": True}),
    )
    created = client.conversations.create(
        metadata={"topic": "demo"}, items=[{"type": "message", "role": "user", "content": "Hi!"}]
    )
    added = client.conversations.items.create(
        created.id,
        items=[
            {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "x"}]}
        ],
        include=["message.output_text.logprobs"],
    )
    walked = [
        (item.type, item.id, item.role)
        for item in client.conversations.items.list(created.id, limit=2, order="asc")
    ]
    one = client.conversations.items.retrieve("msg_1", conversation_id=created.id)
    after_delete = client.conversations.items.delete("msg_1", conversation_id=created.id)
    updated = client.conversations.update(created.id, metadata={"topic": "x"})
    deleted = client.conversations.delete(created.id)
    return (
        repr(created),
        type(added).__name__,
        [type(x).__name__ for x in added.data],
        (added.first_id, added.last_id, added.has_more),
        walked,
        repr(one),
        repr(after_delete),
        updated.metadata,
        repr(deleted),
    )


# --- moderations, models, embeddings --------------------------------------------------------------


@program
def moderate_text_and_images(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    names = ["harassment", "hate", "sexual", "violence", "illicit"]
    result = {
        "flagged": True,
        "categories": {name: name == "violence" for name in names},
        "category_scores": {name: 0.9 if name == "violence" else 0.01 for name in names},
        "category_applied_input_types": {
            name: ["text", "image"] if name in ("sexual", "violence") else ["text"]
            for name in names
        },
    }
    server.default = Reply.json(
        {"id": "modr-1", "model": "omni-moderation-latest", "results": [result, result]}
    )
    mixed = client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "hi"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
        ],
    )
    texts = client.moderations.create(input=["a", "b"])
    first = mixed.results[0]
    return (
        first.flagged,
        first.categories.violence,
        first.category_scores.violence,
        first.category_applied_input_types.violence,
        first.categories.harassment_threatening,
        len(texts.results),
        mixed.model_dump(exclude_unset=True)["results"][0]["categories"]["violence"],
    )


@program
def models_catalogue_and_cleanup(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def model(model_id: str) -> Any:
        return {"id": model_id, "object": "model", "created": 1686935002, "owned_by": "openai"}

    server.reply(
        Reply.json({"object": "list", "data": [model("gpt-4o"), model("ft:gpt-4o-mini:org::a")]}),
        Reply.json(model("gpt-4o")),
        Reply.json({"id": "ft:gpt-4o-mini:org::a", "object": "model", "deleted": True}),
        Reply.json(
            {
                "error": {
                    "message": "The model 'x' does not exist",
                    "type": "invalid_request_error",
                    "param": "model",
                    "code": "model_not_found",
                }
            },
            status=404,
        ),
    )
    page = client.models.list()
    fine_tuned = [m.id for m in page if m.id.startswith("ft:")]
    one = client.models.retrieve("gpt-4o")
    deleted = client.models.delete("ft:gpt-4o-mini:org::a")
    try:
        client.models.retrieve("x")
        missing: Any = None
    except openai.NotFoundError as error:
        missing = (error.status_code, error.code, error.param, str(error))
    return fine_tuned, repr(one), repr(deleted), missing, page.has_next_page(), page.object


@program
def embeddings_as_floats_and_base64(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    packed = base64.b64encode(array.array("f", [0.25, -0.5, 1.0]).tobytes()).decode()

    def answer(*vectors: Any) -> Reply:
        return Reply.json(
            {
                "object": "list",
                "data": [
                    {"object": "embedding", "index": i, "embedding": v}
                    for i, v in enumerate(vectors)
                ],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        )

    server.reply(
        answer(packed),
        answer([0.25, -0.5, 1.0], [1.0, 2.0, 3.0]),
        answer(packed),
        answer([0.1]),
    )
    default = client.embeddings.create(model="text-embedding-3-small", input="hi", dimensions=3)
    floats = client.embeddings.create(
        model="text-embedding-3-large",
        input=["a", "b"],
        encoding_format="float",
        dimensions=3,
        user="u",
    )
    asked_base64 = client.embeddings.create(model="m", input="x", encoding_format="base64")
    tokens = client.embeddings.create(
        model="m", input=[[1, 2, 3]], extra_body={"encoding_format": "float"}
    )
    return (
        default.data[0].embedding,
        [d.embedding for d in floats.data],
        asked_base64.data[0].embedding,
        tokens.data[0].embedding,
        repr(default),
    )


@async_program
async def async_embeddings_and_webhook(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    packed = base64.b64encode(array.array("f", [0.5, 1.5]).tobytes()).decode()
    server.default = Reply.json(
        {
            "object": "list",
            "data": [{"object": "embedding", "index": 0, "embedding": packed}],
            "model": "m",
            "usage": {"prompt_tokens": 1, "total_tokens": 1},
        }
    )
    vectors = await client.embeddings.create(model="m", input="x")
    receiver = openai.AsyncOpenAI(api_key="sk", base_url=server.url, webhook_secret=SECRET)
    body = event_body("response.completed", {"id": "resp_1"})
    with clock_at(NOW):
        event = receiver.webhooks.unwrap(body, signed(body))
    await receiver.close()
    return vectors.data[0].embedding, type(event).__name__, event.data.id


@async_program
async def async_store_search_page(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(search_page(1, 2, has_more=True, next_page="tok2"))
    page = await client.vector_stores.search(vector_store_id="vs_1", query="q")
    return [r.file_id async for r in page], page.search_query, page.next_page


@async_program
async def async_conversation_items_and_eval_runs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An async chat backend reading a conversation's items page by page (the cursor is the
    page's last_id) and an eval dashboard listing runs and their output items."""

    def message(number: int) -> Any:
        return {
            "type": "message",
            "id": f"msg_{number}",
            "status": "completed",
            "role": "user",
            "content": [{"type": "input_text", "text": f"hi {number}"}],
        }

    def page(*entries: Any, has_more: bool) -> Reply:
        return Reply.json(
            {
                "object": "list",
                "data": list(entries),
                "has_more": has_more,
                "first_id": entries[0]["id"],
                "last_id": entries[-1]["id"],
            }
        )

    server.reply(
        page(message(1), message(2), has_more=True),
        page(message(3), has_more=False),
        page(message(1), message(2), has_more=True),
        page(output_item(1), output_item(2), has_more=True),
        page(output_item(3), has_more=False),
    )
    texts = [
        item.content[0].text
        async for item in client.conversations.items.list("conv_1", limit=2, order="asc")
    ]
    first = await client.conversations.items.list("conv_1", limit=2)
    following = first.next_page_info()
    outputs = [
        (item.datasource_item_id, item.results[0].passed)
        async for item in client.evals.runs.output_items.list("evalrun_1", eval_id="eval_1")
    ]
    return (
        texts,
        first.has_next_page(),
        following.params if following else None,
        [item.id for item in first.data],
        outputs,
    )


@program
def checkpoint_permissions_printed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A sharing script listing who may use a fine-tuned checkpoint (`print(permissions)`)."""
    server.default = Reply.json(
        {
            "object": "list",
            "data": [
                {
                    "id": "cp_1",
                    "object": "checkpoint.permission",
                    "created_at": 1,
                    "project_id": "proj_1",
                }
            ],
            "has_more": False,
            "first_id": "cp_1",
            "last_id": "cp_1",
        }
    )
    permissions = client.fine_tuning.checkpoints.permissions.retrieve(
        "ft:gpt-4o-mini:org::ck1", project_id="proj_1"
    )
    return repr(permissions), type(permissions.data[0]).__name__


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)
