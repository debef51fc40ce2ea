"""Real-world sweep Z, list calls written against an older 1.x SDK: ``files.list`` took only
``purpose`` then, so scripts passed ``order``/``limit``/``after`` through ``extra_query``, kept a
tenant in ``default_query`` and dropped it for one call with ``Omit`` — auto-paged, page by page and
async, run unchanged against both packages over the loopback server. Compared: the ids seen and
every request's URL (its parameters in the official SDK's order, which VCR cassettes and respx
routes matching whole URLs depend on).

Found here: an ``extra_query`` naming a parameter the method also has but the call did not give
came before the given ones (typed_openai kept the left-out argument's place), and the ``Omit``
of a default query parameter was lost from the third page on.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, observed_the_same, registry

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def uploaded(number: int) -> dict[str, Any]:
    return {
        "id": f"file-{number}",
        "object": "file",
        "bytes": 120,
        "created_at": 1733000000 + number,
        "filename": f"doc{number}.pdf",
        "purpose": "assistants",
        "status": "processed",
    }


def six_files_two_a_page(request: RecordedRequest) -> Reply:
    after = request.query_dict.get("after")
    first = 0 if after is None else int(after.removeprefix("file-")) + 1
    return Reply.json(
        {
            "object": "list",
            "data": [uploaded(first), uploaded(first + 1)],
            "has_more": first < 4,
            "first_id": f"file-{first}",
            "last_id": f"file-{first + 1}",
        }
    )


@program
def files_listed_with_parameters_the_old_sdk_lacked(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(six_files_two_a_page)
    tenant = openai.OpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", max_retries=0, default_query={"tenant": "t1"}
    )
    seen = [
        [
            f.id
            for f in tenant.files.list(
                purpose="assistants", extra_query={"order": "desc", "limit": 2}
            )
        ],
        [f.id for f in tenant.files.list(extra_query={"purpose": "assistants", "after": "file-1"})],
        [f.id for f in tenant.files.list(limit=2, after=None, extra_query={"after": "file-3"})],
        [f.id for f in tenant.files.list(purpose="assistants", extra_query={"tenant": "t2"})],
        [
            f.id
            for f in tenant.files.list(purpose="assistants", extra_query={"tenant": openai.Omit()})
        ],
    ]
    page = tenant.files.list(
        purpose="assistants", extra_query={"order": "asc", "tenant": openai.Omit()}
    )
    while page.has_next_page():
        page = page.get_next_page()
    seen.append([f.id for f in page.data])
    seen.append([request.target for request in server.requests])
    tenant.close()
    return seen


@async_program
async def async_files_listed_with_extra_query(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(six_files_two_a_page)
    ids = [
        f.id async for f in client.files.list(purpose="assistants", extra_query={"order": "desc"})
    ]
    first = await client.files.list(extra_query={"limit": 2, "purpose": "assistants"}, order="asc")
    pages = [[f.id for f in page.data] async for page in first.iter_pages()]
    return ids, pages, [request.target for request in server.requests]


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
