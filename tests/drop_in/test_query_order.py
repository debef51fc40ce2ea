"""The order of a request's query parameters, as a server, a log line or a recorded-request matcher
(VCR cassettes, respx routes matching the whole URL) sees it: the official SDK sends the
operation's required parameters first, then the others by name, then ``extra_query``; the next
page keeps that URL and puts its cursor where the call gave one (``after=...`` passed by hand),
else last. Ours sends the same URLs.

Each program runs against both packages over the loopback server.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import observed_the_same

PROGRAMS, _ASYNC, program, _async_program = registry()


def targets(server: ScriptedServer, since: int) -> list[str]:
    return [request.target for request in server.requests[since:]]


def list_of(item: dict[str, Any], *, more: bool = True) -> Reply:
    return Reply.json(
        {"object": "list", "data": [item], "has_more": more, "first_id": "x", "last_id": "x"}
    )


FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 1,
    "created_at": 1,
    "filename": "a.jsonl",
    "purpose": "batch",
    "status": "processed",
}
STORE_FILE = {
    "id": "file-2",
    "object": "vector_store.file",
    "created_at": 1,
    "status": "completed",
    "usage_bytes": 1,
    "vector_store_id": "vs_1",
    "last_error": None,
}
ITEM = {"id": "msg_1", "type": "message", "role": "user", "status": "completed", "content": []}


@program
def first_and_next_pages(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = list_of(FILE)
    since = len(server.requests)
    page = client.files.list(purpose="batch", limit=2, order="asc")
    page.get_next_page()
    page = client.files.list(order="desc", extra_query={"zeta": "1", "alpha": "2"})
    page.get_next_page()
    server.default = list_of(STORE_FILE)
    page = client.vector_stores.files.list("vs_1", order="asc", filter="completed", limit=5)
    page.get_next_page()
    server.default = list_of(ITEM)
    # a cursor given by hand keeps its place on the next page
    page = client.responses.input_items.list(
        "resp_1", limit=1, order="asc", after="msg_0", include=["file_search_call.results"]
    )
    page.get_next_page()
    return targets(server, since)


@program
def a_required_parameter_goes_first(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json({"object": "page", "data": [], "has_more": False})
    since = len(server.requests)
    admin = client.with_options(admin_api_key="sk-admin-test")
    admin.admin.organization.usage.completions(
        start_time=1700000000,
        end_time=1700086400,
        bucket_width="1d",
        models=["gpt-4o"],
        group_by=["model", "project_id"],
        limit=7,
    )
    return targets(server, since)


@program
def other_listings(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json({"object": "list", "data": [], "has_more": False})
    since = len(server.requests)
    client.chat.completions.list(model="gpt-4o", order="desc", limit=3, metadata={"k": "v"})
    client.fine_tuning.jobs.list(limit=3, metadata={"k": "v"}, after="ftjob-0")
    client.batches.list(limit=3, after="batch_0")
    client.beta.threads.messages.list("thread_1", run_id="run_1", order="asc", limit=2)
    return targets(server, since)


test_program_observes_the_same = observed_the_same(PROGRAMS)
