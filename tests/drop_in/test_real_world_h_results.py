"""Real-world sweep H, what programs do with results: a completion cached as JSON and read back
(``to_dict``/``to_json``/``model_dump(exclude_unset=True)``/``model_dump_json(indent=2)``,
``model_validate``), objects pickled into a task queue and deep-copied, test fixtures built with
``construct``/``model_construct``, equality and ``dict()`` of models, a Responses object saved and
revalidated, list endpoints walked every way (``for``, ``has_next_page``/``get_next_page``,
``iter_pages``, ``next_page_info``, ``async for``) — run unchanged against both packages over the
loopback server.
"""

from __future__ import annotations

import copy
import json
import pickle
from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

COMPLETION = chat_completion(
    {"role": "assistant", "content": "Paris."},
    brand_new_field={"shipped": "after both SDKs"},
)

RESPONSE = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1733000000,
    "status": "completed",
    "model": "gpt-4.1",
    "output": [
        {
            "type": "message",
            "id": "msg_1",
            "status": "completed",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "hello", "annotations": []}],
        },
        {
            "type": "function_call",
            "id": "fc_1",
            "call_id": "call_1",
            "name": "lookup",
            "arguments": '{"q": "x"}',
            "status": "completed",
        },
    ],
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "tools": [],
    "usage": {
        "input_tokens": 3,
        "output_tokens": 2,
        "total_tokens": 5,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens_details": {"reasoning_tokens": 0},
    },
    "error": None,
    "incomplete_details": None,
    "instructions": None,
    "metadata": {},
    "temperature": 1.0,
    "top_p": 1.0,
    "text": {"format": {"type": "text"}},
}


def files_page(request: RecordedRequest, total: int = 5) -> Reply:
    """``GET /files`` over ``total`` files, ``limit`` at a time after the ``after`` cursor."""
    query = request.query_dict
    start = int(query["after"].split("-")[1]) + 1 if "after" in query else 0
    limit = int(query.get("limit", "2"))
    data = [
        {
            "id": f"file-{n}",
            "object": "file",
            "bytes": 100 + n,
            "created_at": 1733000000 + n,
            "filename": f"part-{n}.jsonl",
            "purpose": "batch",
            "status": "processed",
        }
        for n in range(start, min(start + limit, total))
    ]
    return Reply.json(
        {
            "object": "list",
            "data": data,
            "has_more": start + limit < total,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None,
        },
        headers={"x-request-id": f"req_page_{start}"},
    )


def completion_from(openai: ModuleType, server: ScriptedServer) -> Any:
    server.default = Reply.json(COMPLETION, headers={"x-request-id": "req_cache"})
    with openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
        return client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "Capital of France?"}]
        )


@program
def completion_cached_as_json(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A cache layer stores the completion as JSON and rebuilds it on a hit."""
    completion = completion_from(openai, server)
    stored = completion.to_json()
    restored = type(completion).model_validate(json.loads(stored))
    return {
        "to_dict": completion.to_dict(),
        "to_dict_full": completion.to_dict(exclude_unset=False, exclude_none=True),
        "to_dict_python": completion.to_dict(mode="python", use_api_names=False),
        "to_json": stored,
        "to_json_compact": completion.to_json(indent=None),
        "dump_unset": completion.model_dump(exclude_unset=True),
        "dump": completion.model_dump(),
        "dump_json_indented": completion.model_dump_json(indent=2),
        "dump_json": completion.model_dump_json(exclude_none=True),
        "restored_equal": restored == completion,
        "restored_dump": restored.model_dump() == completion.model_dump(),
        "restored_extra": restored.model_extra,
        "restored_request_id": getattr(restored, "_request_id", "missing"),
        "from_json": type(completion).model_validate_json(stored) == completion,
        "extra_field": completion.brand_new_field,  # type: ignore[attr-defined]
    }


@program
def completion_through_a_task_queue(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Celery-style: the result is pickled to a worker, copied and edited there."""
    completion = completion_from(openai, server)
    thawed = pickle.loads(pickle.dumps(completion))
    deep = copy.deepcopy(completion)
    shallow = copy.copy(completion)
    edited = completion.model_copy(update={"id": "chatcmpl-edited"}, deep=True)
    edited.choices[0].message.content = "Lyon."
    return {
        "thawed": (thawed == completion, type(thawed).__name__, thawed._request_id),
        "deep": (deep == completion, deep._request_id, deep.choices[0].message.content),
        "shallow": (shallow == completion, shallow._request_id),
        "edited": (
            edited.id,
            edited.choices[0].message.content,
            completion.choices[0].message.content,
        ),
        "dict_keys": sorted(dict(completion)),
        "iterated": [name for name, _ in completion.usage],
        "repr": repr(completion.choices[0].message),
        "str": str(completion.usage.prompt_tokens_details),
        "hashable": _hashable(completion),
    }


def _hashable(value: Any) -> Any:
    try:
        hash(value)
    except TypeError as exc:
        return str(exc)
    return "hashable"


@program
def fixtures_built_from_dicts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A test suite's fixtures: objects built without the API, validated and unvalidated."""
    completion_class = openai.types.chat.ChatCompletion
    validated = completion_class.model_validate(COMPLETION)
    constructed = completion_class.construct(**COMPLETION)
    bare = completion_class.model_construct(
        id="chatcmpl-fixture", choices=[], created=0, model="gpt-4o", object="chat.completion"
    )
    try:
        completion_class.model_validate({"id": "half"})
        invalid: Any = "accepted"
    except Exception as exc:
        invalid = (type(exc).__name__, exc.error_count())  # type: ignore[attr-defined]
    choice = constructed.choices[0]
    return {
        "validated": (validated.choices[0].message.content, validated.to_dict() == COMPLETION),
        "constructed": (
            type(choice).__name__,
            type(constructed.usage).__name__,
            constructed.model_dump() == validated.model_dump(),
            constructed == validated,
        ),
        "bare": (bare.to_dict(), bare.usage, bare.model_dump(exclude_none=True)),
        "invalid": invalid,
        "equal_across_ids": validated == validated.model_copy(update={"id": "other"}),
    }


@program
def response_saved_and_revalidated(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A conversation store keeps Responses API objects as dicts and rebuilds them."""
    server.default = Reply.json(RESPONSE, headers={"x-request-id": "req_resp"})
    with openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as api:
        response = api.responses.create(model="gpt-4.1", input="hi")
    saved = response.to_dict()
    rebuilt = openai.types.responses.Response.model_validate(saved)
    calls = [item for item in rebuilt.output if item.type == "function_call"]
    return {
        "saved": saved,
        "rebuilt_equal": rebuilt == response,
        "types": [type(item).__name__ for item in rebuilt.output],
        "output_text": (response.output_text, rebuilt.output_text),
        "call": (calls[0].name, json.loads(calls[0].arguments)),
        "pickled_types": [
            type(item).__name__ for item in pickle.loads(pickle.dumps(response)).output
        ],
        "usage_dump": response.usage.model_dump(exclude_unset=True),
        "without": response.model_dump(exclude={"output", "usage"}, exclude_none=True),
        "only": response.model_dump(include={"id", "status"}),
    }


@program
def files_listed_every_way(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The ways scripts walk a paginated list (limit=2 over five files)."""
    server.default = Reply.dynamic(files_page)
    walked: dict[str, Any] = {}
    with openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as api:
        walked["for"] = [f.id for f in api.files.list(limit=2)]
        page = api.files.list(limit=2, purpose="batch")
        info = page.next_page_info()
        walked["first"] = (
            [f.filename for f in page.data],
            page.has_next_page(),
            page.has_more,
            page.first_id,
            page.last_id,
            page.object,
            page._request_id,
            None if info is None else (info.params, repr(info.url)),
        )
        manual = []
        while True:
            manual.append([f.id for f in page.data])
            if not page.has_next_page():
                break
            page = page.get_next_page()
        walked["manual"] = manual
        walked["last"] = (page.has_next_page(), page._request_id, len(page.data))
        walked["iter_pages"] = [
            [f.id for f in p.data] for p in api.files.list(limit=2).iter_pages()
        ]
        walked["list()"] = [f.bytes for f in list(api.files.list(limit=3))]
        whole = api.files.list(limit=2)
        walked["page_to_dict"] = whole.to_dict()
        walked["page_dump_json"] = whole.model_dump_json(indent=2)
        walked["page_equal"] = whole == api.files.list(limit=2)
    walked["queries"] = [sorted(r.query) for r in server.requests]
    return walked


@async_program
async def files_listed_asynchronously(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(files_page)
    walked: dict[str, Any] = {}
    walked["async for"] = [f.id async for f in client.files.list(limit=2)]
    page = await client.files.list(limit=2)
    manual = []
    while True:
        manual.append([f.id for f in page.data])
        if not page.has_next_page():
            break
        page = await page.get_next_page()
    walked["manual"] = manual
    first = await client.files.list(limit=2)
    walked["iter_pages"] = [[f.id for f in p.data] async for p in first.iter_pages()]
    walked["first"] = (first._request_id, first.next_page_info().params, first.to_dict()["data"][0])
    walked["queries"] = [sorted(r.query) for r in server.requests]
    return walked


# --- runners ---------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS, with_client=False)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
