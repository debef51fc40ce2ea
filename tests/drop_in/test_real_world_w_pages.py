"""Real-world sweep W, pagination as scripts and services walk it: ``for f in client.files.list()``
with the per-call options (headers, query, timeout) carried to every page, ``itertools.islice``
and ``next(iter(...))`` fetching only what they need, the manual ``after=`` loop over
``page.data[-1].id``, ``has_next_page`` / ``get_next_page`` / ``next_page_info`` and what they do
on the last page, an error on page three, pages of a ``with_options`` client, and the async
forms (``async for``, ``await``, ``anext``, ``asyncio.gather``) — programs written for the
official SDK, run unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import asyncio
import itertools
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_c_pages import cursor_pages, file_object, job, queries

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def batch(n: int) -> dict[str, Any]:
    return {
        "id": f"batch_{n}",
        "object": "batch",
        "endpoint": "/v1/chat/completions",
        "input_file_id": f"file-in-{n}",
        "completion_window": "24h",
        "status": "completed",
        "created_at": 1700000000 + n,
        "output_file_id": f"file-out-{n}",
        "error_file_id": None,
        "request_counts": {"total": n, "completed": n, "failed": 0},
        "metadata": {"run": str(n)},
    }


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__)


def sent_headers(server: ScriptedServer, *names: str) -> list[Any]:
    return [[r.headers.get(n) for n in names] for r in server.requests]


@program
def per_call_options_reach_every_page(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A multi-tenant service lists files with its tenant's headers and query on the call."""
    server.default = cursor_pages([file_object(n) for n in range(1, 6)])
    names = [
        f.filename
        for f in client.files.list(
            limit=2,
            extra_headers={"X-Tenant": "acme"},
            extra_query={"tenant": "acme"},
            timeout=7.5,
        )
    ]
    return names, queries(server, 0), sent_headers(server, "x-tenant", "x-stainless-timeout")


@program
def pages_of_a_client_with_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([job(n) for n in range(1, 5)])
    tuned = client.with_options(default_headers={"X-Job-Audit": "1"}, timeout=3)
    ids = [j.id for j in tuned.fine_tuning.jobs.list(limit=3)]
    copied = client.copy(default_query={"region": "eu"})
    more = [j.id for j in copied.fine_tuning.jobs.list(limit=3, after="ftjob-1")]
    return ids, more, queries(server, 0), sent_headers(server, "x-job-audit", "x-stainless-timeout")


@program
def only_what_is_needed_is_fetched(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``islice``, ``next(iter(...))`` and an early ``break`` stop fetching."""
    server.default = cursor_pages([file_object(n) for n in range(1, 10)])
    first_three = [f.id for f in itertools.islice(client.files.list(limit=2), 3)]
    after_islice = len(server.requests)
    newest = next(iter(client.files.list(limit=2))).id
    after_next = len(server.requests)
    found = None
    for f in client.files.list(limit=2):
        if f.filename == "f4.jsonl":
            found = f.id
            break
    return first_three, after_islice, newest, after_next, found, queries(server, 0)


@program
def manual_after_loop_over_batches(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The loop from an ops script: ``after=page.data[-1].id`` until ``has_more`` is false."""
    server.default = cursor_pages([batch(n) for n in range(1, 8)])
    after = None
    seen = []
    while True:
        kwargs = {"limit": 3}
        if after:
            kwargs["after"] = after
        page = client.batches.list(**kwargs)
        seen.extend((b.id, b.request_counts.completed, b.metadata) for b in page.data)
        if not page.has_more:
            break
        after = page.data[-1].id
    return seen, queries(server, 0), page.model_extra


@program
def last_page_behaviour(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([batch(n) for n in range(1, 4)])
    page = client.batches.list(limit=5)
    return [
        page.has_next_page(),
        repr(page.next_page_info()),
        outcome(lambda: repr(page.get_next_page())),
        [p.data[0].id for p in page.iter_pages()],
        len(page.data),
        outcome(lambda: len(page)),
        outcome(lambda: page[0]),
        bool(page),
        page.data[-1].status,
    ]


@program
def cursor_resumed_through_extra_query(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A sync job saved its cursor and resumes with it in ``extra_query`` (written when the
    parameter was not in the method's signature yet); the pages after it still move on."""
    server.default = cursor_pages([batch(n) for n in range(1, 8)])
    resumed = [
        b.id
        for b in itertools.islice(
            client.batches.list(limit=2, extra_query={"after": "batch_2", "tag": "nightly"}), 10
        )
    ]
    return resumed, queries(server, 0)


@program
def page_info_read_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A UI keeps ``next_page_info().params`` as its "load more" cursor."""
    server.default = cursor_pages([file_object(n) for n in range(1, 6)])
    page = client.files.list(limit=2, order="asc")
    info = page.next_page_info()
    cursor = info.params["after"] if info else None
    following = client.files.list(limit=2, order="asc", after=cursor)
    return [
        info.params,
        repr(info.url),
        repr(info.json),
        cursor,
        [f.id for f in following.data],
        following.next_page_info().params,
        queries(server, 0),
    ]


@program
def error_on_a_later_page(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The third page fails; the items before it were already handed out."""
    pages = cursor_pages([file_object(n) for n in range(1, 8)])
    server.reply(
        pages,
        pages,
        Reply.json({"error": {"message": "boom", "type": "server_error", "code": None}}, 500),
    )
    seen = []
    try:
        for f in client.files.list(limit=2):
            seen.append(f.id)
    except openai.InternalServerError as e:
        seen.append((type(e).__name__, e.status_code, e.message))
    return seen, queries(server, 0)


@program
def sorted_and_filtered_across_pages(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A cleanup script sorts every file by age and picks the old batch inputs."""
    server.default = cursor_pages([file_object(n) for n in range(1, 7)])
    files = sorted(client.files.list(limit=4), key=lambda f: f.created_at, reverse=True)
    old = [f.id for f in files if f.created_at < files[0].created_at]
    grouped = {
        purpose: [f.id for f in items]
        for purpose, items in itertools.groupby(
            sorted(client.files.list(limit=10), key=lambda f: f.purpose), key=lambda f: f.purpose
        )
    }
    return [f.id for f in files], old, grouped, len(server.requests)


@program
def models_list_as_a_plain_page(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [
                    {"id": "gpt-4o", "object": "model", "created": 3, "owned_by": "system"},
                    {"id": "o3", "object": "model", "created": 5, "owned_by": "system"},
                    {"id": "ft:gpt-4o:me", "object": "model", "created": 4, "owned_by": "me"},
                ],
            }
        )
    )
    page = client.models.list()
    chat_models = sorted((m for m in page if not m.id.startswith("ft:")), key=lambda m: -m.created)
    return [
        [m.id for m in chat_models],
        [m.id for m in page.data if m.owned_by != "system"],
        page.has_next_page(),
        list(page.iter_pages()) == [page],
        page.object,
        page.to_dict()["data"][0],
        len(server.requests),
    ]


@program
def raw_list_then_pages(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([file_object(n) for n in range(1, 5)])
    raw = client.files.with_raw_response.list(limit=3)
    page = raw.parse()
    every = [f.id for f in page]
    return raw.http_request.url.params.get("limit"), every, queries(server, 0)


@async_program
async def async_for_with_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([file_object(n) for n in range(1, 6)])
    names = [
        f.filename
        async for f in client.files.list(limit=2, extra_headers={"X-Tenant": "t9"}, timeout=4)
    ]
    return names, queries(server, 0), sent_headers(server, "x-tenant", "x-stainless-timeout")


@async_program
async def async_pages_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = cursor_pages([batch(n) for n in range(1, 6)])
    page = await client.batches.list(limit=2)
    seen = [[b.id for b in page.data]]
    while page.has_next_page():
        page = await page.get_next_page()
        seen.append([b.id for b in page.data])
    last = await client.batches.list(limit=10)
    seen.append((last.has_next_page(), repr(last.next_page_info())))
    try:
        await last.get_next_page()
    except Exception as error:
        seen.append(type(error).__name__)
    pages = [len(p.data) async for p in (await client.batches.list(limit=4)).iter_pages()]
    return seen, pages, queries(server, 0)


@async_program
async def async_builtins_over_paginators(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``anext(aiter(...))``, ``asyncio.gather`` of two list calls, a comprehension with a break."""
    server.default = cursor_pages([job(n) for n in range(1, 6)])
    newest = await anext(aiter(client.fine_tuning.jobs.list(limit=2)))
    both = await asyncio.gather(
        client.fine_tuning.jobs.list(limit=1), client.fine_tuning.jobs.list(limit=3)
    )
    taken = []
    async for j in client.fine_tuning.jobs.list(limit=2):
        taken.append(j.id)
        if len(taken) == 3:
            break
    return (
        newest.id,
        [[j.id for j in p.data] for p in both],
        [type(p).__name__.split("[")[0] for p in both],
        taken,
        len(server.requests),
    )


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
