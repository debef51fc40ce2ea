"""Real-world sweep C, pagination: list calls walked as users of the official SDK walk them —
auto-iteration across pages, ``has_next_page()`` / ``next_page_info()`` / ``get_next_page()`` by
hand, ``iter_pages()``, ``async for`` over an async list, cursor pages with ``before``, the
conversation pages' ``last_id``, admin pages' ``next`` — against a loopback server that pages
like the API (``after``/``before``/``limit``), run unchanged against both packages; each program
returns what its author observes and the queries sent.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def file_object(n: int) -> dict[str, Any]:
    return {
        "id": f"file-{n}",
        "object": "file",
        "bytes": 10 * n,
        "created_at": 1733000000 + n,
        "filename": f"data{n}.jsonl",
        "purpose": "fine-tune",
        "status": "processed",
    }


def job(n: int) -> dict[str, Any]:
    return {
        "id": f"ftjob-{n}",
        "object": "fine_tuning.job",
        "created_at": 1733000000 + n,
        "model": "gpt-4o-mini-2024-07-18",
        "organization_id": "org-1",
        "result_files": [],
        "status": "succeeded" if n % 2 else "running",
        "training_file": f"file-{n}",
        "validation_file": None,
        "seed": 42,
        "hyperparameters": {"n_epochs": 3, "batch_size": 1, "learning_rate_multiplier": 1.8},
        "fine_tuned_model": None,
        "finished_at": None,
        "error": None,
        "trained_tokens": None,
    }


def message(n: int) -> dict[str, Any]:
    return {
        "id": f"msg_{n}",
        "object": "thread.message",
        "created_at": 1733000000 + n,
        "thread_id": "thread_1",
        "role": "user" if n % 2 else "assistant",
        "content": [{"type": "text", "text": {"value": f"m{n}", "annotations": []}}],
        "assistant_id": None,
        "run_id": None,
        "attachments": [],
        "metadata": {},
    }


def cursor_pages(items: list[dict[str, Any]], **extra: Any) -> Reply:
    """Answer a list call as the API does: ``limit`` items after ``after`` (or before
    ``before``), ``has_more`` when some are left, ``first_id``/``last_id``."""

    def answer(request: RecordedRequest) -> Reply:
        query = request.query_dict
        limit = int(query.get("limit", 20))
        ids = [item["id"] for item in items]
        if "after" in query:
            start = ids.index(query["after"]) + 1
            chosen = items[start : start + limit]
            more = start + limit < len(items)
        elif "before" in query:
            end = ids.index(query["before"])
            chosen = items[max(0, end - limit) : end]
            more = end - limit > 0
        else:
            chosen = items[:limit]
            more = limit < len(items)
        body = {
            "object": "list",
            "data": chosen,
            "has_more": more,
            "first_id": chosen[0]["id"] if chosen else None,
            "last_id": chosen[-1]["id"] if chosen else None,
            **extra,
        }
        return Reply.json(body, headers={"x-request-id": f"req_{len(chosen)}_{query}"})

    return Reply.dynamic(answer)


def queries(server: ScriptedServer, since: int) -> list[Any]:
    """Path and query of each request since the ``since``-th (the query sorted: the packages
    order parameters differently, which no server reads)."""
    return [(r.path, sorted(r.query)) for r in server.requests[since:]]


def page_class(page: Any) -> str:
    """The page class's name without the item type the official SDK's generic pages add to it
    (``SyncCursorPage[FileObject]``; left to the page repr work, fid-runtime)."""
    return type(page).__name__.split("[")[0]


@program
def auto_paging_for_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([file_object(n) for n in range(1, 6)])
    before = len(server.requests)
    names = [f.filename for f in client.files.list(limit=2, purpose="fine-tune")]
    return names, queries(server, before)


@program
def manual_pages_with_has_next_page(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([job(n) for n in range(1, 6)])
    before = len(server.requests)
    page = client.fine_tuning.jobs.list(limit=2)
    seen = []
    while True:
        info = page.next_page_info()
        seen.append(
            (
                [j.id for j in page.data],
                page.has_more,
                page.has_next_page(),
                None
                if info is None
                else (info.params, repr(info.url), repr(info.json), repr(info)),
                page_class(page),
            )
        )
        if not page.has_next_page():
            break
        page = page.get_next_page()
    return seen, queries(server, before)


@program
def iter_pages_and_items(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([job(n) for n in range(1, 8)])
    before = len(server.requests)
    first = client.fine_tuning.jobs.list(limit=3)
    sizes = [len(p.data) for p in first.iter_pages()]
    statuses = [j.status for j in first.iter_pages().__next__().data]
    every = [j.id for j in first]  # iterating a page walks the rest too
    return sizes, statuses, every, queries(server, before)


@program
def messages_oldest_first_with_before(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = cursor_pages([message(n) for n in range(1, 5)])
    before = len(server.requests)
    page = client.beta.threads.messages.list("thread_1", order="asc", limit=2)
    older = client.beta.threads.messages.list("thread_1", before="msg_3", limit=2)
    texts = [m.content[0].text.value for m in page.data]
    return (
        texts,
        [m.role for m in older.data],
        page.first_id if hasattr(page, "first_id") else None,
        queries(server, before),
    )


@program
def page_models_dumped(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Pages saved or logged as JSON (key order shows in the text)."""
    server.default = cursor_pages([file_object(n) for n in range(1, 3)])
    page = client.files.list()
    server.default = Reply.json(
        {
            "object": "list",
            "data": [{"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "openai"}],
        }
    )
    models = client.models.list()
    server.default = Reply.json({"data": [job(1)], "object": "list"})  # no has_more
    jobs = client.fine_tuning.jobs.list()
    return [
        (
            p.to_dict(),
            p.model_dump(),
            p.model_dump(exclude_unset=True),
            p.model_dump(exclude_none=True),
            p.to_json(),
            p.to_json(indent=None),
            p.model_dump_json(),
            p.model_dump_json(indent=2),
            p._request_id,
            [item.to_dict() for item in p.data],
        )
        for p in (page, models, jobs)
    ]


@program
def empty_and_unpaged_lists(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json({"object": "list", "data": [], "has_more": False}),
        Reply.json(
            {
                "object": "list",
                "data": [{"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "openai"}],
            }
        ),
        Reply.json({"object": "list", "data": [], "has_more": True}),
    )
    empty = client.batches.list()
    models = client.models.list()
    odd = client.batches.list(after="batch_9")
    return (
        (list(empty), empty.has_next_page(), empty.next_page_info()),
        ([m.id for m in models], models.has_next_page(), models.next_page_info(), models.object),
        (odd.has_next_page(), odd.next_page_info(), list(odd)),
        page_class(models),
    )


@program
def conversation_items_by_last_id(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def item(n: int) -> dict[str, Any]:
        return {
            "id": f"item_{n}",
            "type": "message",
            "role": "user",
            "status": "completed",
            "content": [{"type": "input_text", "text": f"t{n}"}],
        }

    server.default = cursor_pages([item(n) for n in range(1, 6)])
    before = len(server.requests)
    page = client.conversations.items.list("conv_1", limit=2, order="asc")
    info = page.next_page_info()
    texts = [i.content[0].text for i in page]
    return texts, page.last_id, info.params, page_class(page), queries(server, before)


@program
def responses_input_items_pages(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def item(n: int) -> dict[str, Any]:
        return {
            "id": f"msg_{n}",
            "type": "message",
            "role": "user",
            "status": "completed",
            "content": [{"type": "input_text", "text": f"q{n}"}],
        }

    server.default = cursor_pages([item(n) for n in range(1, 4)])
    before = len(server.requests)
    items = client.responses.input_items.list("resp_1", limit=2)
    return [i.content[0].text for i in items], queries(server, before)


@program
def chat_completions_stored_list(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def completion(n: int) -> dict[str, Any]:
        return {
            "id": f"chatcmpl-{n}",
            "object": "chat.completion",
            "created": 1733000000 + n,
            "model": "gpt-4o",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "logprobs": None,
                    "message": {"role": "assistant", "content": f"c{n}", "refusal": None},
                }
            ],
            "metadata": {"app": "demo"},
        }

    server.default = cursor_pages([completion(n) for n in range(1, 4)])
    before = len(server.requests)
    contents = [
        c.choices[0].message.content
        for c in client.chat.completions.list(metadata={"app": "demo"}, limit=2, model="gpt-4o")
    ]
    return contents, queries(server, before)


@program
def raw_response_of_a_page(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([file_object(n) for n in range(1, 4)])
    before = len(server.requests)
    raw = client.files.with_raw_response.list(limit=2)
    page = raw.parse()
    return (
        raw.headers["x-request-id"],
        [f.id for f in page],
        page.has_next_page(),
        queries(server, before),
    )


@program
def vector_store_files_filtered(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def vs_file(n: int) -> dict[str, Any]:
        return {
            "id": f"file-{n}",
            "object": "vector_store.file",
            "created_at": 1,
            "usage_bytes": 100,
            "vector_store_id": "vs_1",
            "status": "completed",
            "last_error": None,
        }

    server.default = cursor_pages([vs_file(n) for n in range(1, 5)])
    before = len(server.requests)
    done = [
        f.id
        for f in client.vector_stores.files.list(
            vector_store_id="vs_1", filter="completed", limit=3
        )
    ]
    return done, queries(server, before)


@program
def admin_pages_with_next(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    if not hasattr(client, "admin"):
        return "no admin"
    role = {
        "id": "role_1",
        "object": "role",
        "name": "reader",
        "description": None,
        "permissions": ["api.models.read"],
        "resource_type": "api.organization",
        "predefined_role": False,
    }
    server.reply(
        Reply.json({"object": "list", "data": [role], "has_more": True, "next": "cur_2"}),
        Reply.json(
            {"object": "list", "data": [{**role, "id": "role_2"}], "has_more": False, "next": None}
        ),
    )
    before = len(server.requests)
    admin = openai.OpenAI(admin_api_key="sk-admin", base_url=server.url + "/v1", max_retries=0)
    page = admin.admin.organization.roles.list(limit=1)
    info = page.next_page_info()
    ids = [r.id for r in page]
    admin.close()
    return ids, info.params, page_class(page), queries(server, before)


@program
def nested_lists_walked(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Lists under another object (path parameters), each walked across two pages."""
    server.default = cursor_pages([{"id": f"obj_{n}", "object": "x"} for n in range(1, 4)])
    before = len(server.requests)
    walks = [
        client.fine_tuning.jobs.list_events("ftjob-1", limit=2),
        client.fine_tuning.jobs.checkpoints.list("ftjob-1", limit=2),
        client.beta.threads.runs.steps.list("run_1", thread_id="thread_1", limit=2),
        client.beta.threads.runs.list("thread_1", limit=2, order="asc"),
        client.evals.runs.list("eval_1", limit=2, status="completed"),
        client.evals.runs.output_items.list("run_1", eval_id="eval_1", limit=2),
        client.containers.files.list("cntr_1", limit=2),
        client.vector_stores.file_batches.list_files(
            "vsfb_1", vector_store_id="vs_1", limit=2, filter="completed"
        ),
        client.beta.assistants.list(limit=2, order="desc"),
        client.chat.completions.messages.list("chatcmpl-1", limit=2),
    ]
    ids = [[item.id for item in page] for page in walks]
    return ids, queries(server, before)


# --- async -----------------------------------------------------------------------------------------


@async_program
async def async_for_over_a_list(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([job(n) for n in range(1, 6)])
    before = len(server.requests)
    ids = [j.id async for j in client.fine_tuning.jobs.list(limit=2)]
    return ids, queries(server, before)


@async_program
async def async_manual_pages(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([file_object(n) for n in range(1, 6)])
    before = len(server.requests)
    page = await client.files.list(limit=2)
    seen = [[f.id for f in page.data]]
    while page.has_next_page():
        page = await page.get_next_page()
        seen.append([f.id for f in page.data])
    first = await client.files.list(limit=4)
    sizes = [len(p.data) async for p in first.iter_pages()]
    return seen, sizes, page_class(page), queries(server, before)


@async_program
async def async_list_awaited_then_iterated(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = cursor_pages([message(n) for n in range(1, 4)])
    before = len(server.requests)
    pager = client.beta.threads.messages.list("thread_1", limit=1)
    first_page = await pager  # the same object awaited gives the first page
    roles = [m.role async for m in first_page]
    return roles, first_page.has_more, queries(server, before)


@async_program
async def async_raw_and_streamed_pages(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = cursor_pages([file_object(n) for n in range(1, 6)])
    before = len(server.requests)
    raw = await client.files.with_raw_response.list(limit=2)
    page = raw.parse()  # synchronous, as the official SDK's
    ids = [f.id async for f in page]
    async with client.files.with_streaming_response.list(limit=2) as response:
        streamed = await response.parse()
        streamed_ids = [f.id async for f in streamed]
    following = await page.get_next_page()
    return ids, streamed_ids, [f.id for f in following.data], queries(server, before)


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
