"""Real-world sweep V, more everyday code: a single file put into a vector store with attributes by
``files.upload_and_poll`` (from a ``Path``, from a ``(name, bytes, type)`` tuple) and found again
by an attribute filter, a chat backend relaying chunks as ``model_dump_json`` server-sent events,
messages with image files and attachments edited and deleted, run steps paged by ``after``, and
the async forms — programs written for the official SDK, run unchanged against both packages, each
on a fresh scripted loopback server (real_world_d's runner).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import USAGE, chat_chunk, multipart_parts, sse, wire
from .test_real_world_b_assistants import listing, message, poll_header
from .test_real_world_b_stores import store_file, uploaded
from .test_real_world_d_assistants import step
from .test_real_world_v_assistants import search_page

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def uploads(server: ScriptedServer) -> list[Any]:
    return [multipart_parts(r) for r in server.requests if r.path == "/v1/files"]


@program
def single_files_uploaded_with_attributes_then_searched(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    folder = Path(tempfile.mkdtemp(prefix="sweep-v-"))
    handbook = folder / "handbook.md"
    handbook.write_text("# Handbook\nHolidays: 25 days.\n")
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    attributes = {"department": "hr", "year": 2024, "public": False}
    server.reply(
        Reply.json(store_file("file-handbook", "in_progress", attributes=attributes)),
        Reply.json(
            store_file("file-handbook", "completed", attributes=attributes), headers=poll_header()
        ),
        Reply.json(store_file("file-policy", "in_progress")),
        Reply.json(store_file("file-policy", "completed"), headers=poll_header()),
        Reply.json(search_page(("file-handbook", 0.8, "Holidays: 25 days."))),
    )
    first = client.vector_stores.files.upload_and_poll(
        vector_store_id="vs_abc", file=handbook, attributes=attributes, poll_interval_ms=1
    )
    second = client.vector_stores.files.upload_and_poll(
        vector_store_id="vs_abc",
        file=("policy.txt", b"Remote work: 2 days a week.", "text/plain"),
        chunking_strategy={"type": "auto"},
    )
    hits = client.vector_stores.search(
        vector_store_id="vs_abc",
        query="how many holidays?",
        filters={"type": "eq", "key": "department", "value": "hr"},
    )
    return (
        (first.id, first.status, first.attributes),
        (second.id, second.status),
        [(h.file_id, h.score, h.content[0].text) for h in hits],
        uploads(server),
        [r for r in wires(server) if r[1] != "/v1/files"],
    )


@program
def chunks_relayed_as_server_sent_events(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A backend turns each chunk into an SSE line for the browser with ``model_dump_json``
    (``exclude_none`` / ``exclude_unset``) and ends with ``[DONE]``."""
    chunks = [chat_chunk({"role": "assistant", "content": ""})]
    chunks += [chat_chunk({"content": piece}) for piece in ("Hi", " there")]
    chunks.append(chat_chunk({}, finish_reason="stop"))
    chunks.append({**chat_chunk({}), "choices": [], "usage": USAGE})
    server.reply(sse(chunks), sse(chunks))

    def relay(**dump: Any) -> list[str]:
        lines = []
        for chunk in client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "hi"}],
            stream=True,
            stream_options={"include_usage": True},
        ):
            lines.append(f"data: {chunk.model_dump_json(**dump)}\n\n")
        lines.append("data: [DONE]\n\n")
        return lines

    return relay(exclude_none=True), relay(exclude_unset=True), wires(server)


@program
def messages_with_images_edited_and_deleted(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    image = {
        **message("user", "", "msg_img"),
        "content": [
            {"type": "text", "text": {"value": "What is in this chart?", "annotations": []}},
            {"type": "image_file", "image_file": {"file_id": "file-chart", "detail": "high"}},
            {"type": "image_url", "image_url": {"url": "https://x.test/a.png", "detail": "auto"}},
        ],
        "attachments": [{"file_id": "file-data", "tools": [{"type": "code_interpreter"}]}],
    }
    server.reply(
        Reply.json(image),
        Reply.json({**image, "metadata": {"reviewed": "true"}}),
        Reply.json({"id": "msg_img", "object": "thread.message.deleted", "deleted": True}),
    )
    created = client.beta.threads.messages.create(
        thread_id="thread_abc",
        role="user",
        content=[
            {"type": "text", "text": "What is in this chart?"},
            {"type": "image_file", "image_file": {"file_id": "file-chart", "detail": "high"}},
            {"type": "image_url", "image_url": {"url": "https://x.test/a.png"}},
        ],
        attachments=[{"file_id": "file-data", "tools": [{"type": "code_interpreter"}]}],
    )
    parts = []
    for part in created.content:
        if part.type == "text":
            parts.append(("text", part.text.value))
        elif part.type == "image_file":
            parts.append(("image_file", part.image_file.file_id, part.image_file.detail))
        elif part.type == "image_url":
            parts.append(("image_url", part.image_url.url))
    updated = client.beta.threads.messages.update(
        message_id=created.id, thread_id="thread_abc", metadata={"reviewed": "true"}
    )
    deleted = client.beta.threads.messages.delete(message_id=created.id, thread_id="thread_abc")
    return (
        parts,
        [a.tools[0].type for a in created.attachments],
        updated.metadata,
        (deleted.deleted, type(deleted).__name__),
        wires(server),
    )


@program
def run_steps_paged_by_after(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def numbered(n: int) -> Any:
        return {**step("message_creation"), "id": f"step_{n}", "status": "completed"}

    server.reply(
        Reply.json(listing(numbered(1), numbered(2), has_more=True)),
        Reply.json(listing(numbered(3))),
    )
    ids = []
    after = None
    while True:
        page = client.beta.threads.runs.steps.list(
            run_id="run_abc", thread_id="thread_abc", limit=2, **({"after": after} if after else {})
        )
        ids += [s.id for s in page.data]
        if not page.has_more:
            break
        after = page.data[-1].id
    return ids, wires(server)


@async_program
async def async_single_file_upload_and_search(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.reply(
        Reply.json(store_file("file-notes", "in_progress")),
        Reply.json(store_file("file-notes", "completed"), headers=poll_header()),
        Reply.json(search_page(("file-notes", 0.5, "Meeting notes"), ("file-x", 0.1, "x"))),
    )
    attached = await client.vector_stores.files.upload_and_poll(
        vector_store_id="vs_abc", file=("notes.txt", b"Meeting notes")
    )
    results = await client.vector_stores.search(
        vector_store_id="vs_abc", query="notes", max_num_results=2
    )
    found = [r.file_id async for r in results]
    return attached.status, found, json.loads(results.to_json())["object"], wires(server)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
