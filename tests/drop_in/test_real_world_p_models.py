"""Real-world sweep P, models and pages as programs use them: sparse API answers dumped every
way (``exclude_unset``, ``exclude_none``, ``include``/nested ``exclude``, ``mode="json"``,
``to_dict``/``to_json`` options, pydantic-v1 ``dict()``/``json()``), aliased fields
(``schema_``), values newer than both SDKs, validation errors of incomplete dicts, copies and
equality, ``construct`` with nested dicts, and lists walked by hand (``len``/``bool``/``next``,
a ``has_more`` page with no items, ``async for`` over an un-awaited list) — run unchanged against
both packages over the loopback server.
"""

from __future__ import annotations

import copy
import json
import pickle
import warnings
from types import ModuleType
from typing import Any

import pydantic

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import run_both
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

# a chat completion as a gateway returns it: optional fields left out, some null
SPARSE = {
    "id": "chatcmpl-sparse",
    "object": "chat.completion",
    "created": 1733000000,
    "model": "gpt-4o",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "hi", "refusal": None},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
}

FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 10,
    "created_at": 1,
    "filename": "a.jsonl",
    "purpose": "batch",
    "status": "processed",
    "status_details": None,
    "expires_at": None,
}


def types_of(openai: ModuleType) -> Any:
    return openai.types


@program
def sparse_answer_dumped_every_way(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A cache layer and a logger dump the same answer several ways."""
    server.reply(Reply.json(SPARSE, headers={"x-request-id": "req_sparse"}))
    c = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        legacy = (c.dict(exclude_unset=True), json.loads(c.json()))
    return (
        c.model_dump(exclude_unset=True),
        c.model_dump(exclude_none=True),
        c.model_dump(include={"id", "choices"}),
        c.model_dump(exclude={"choices": {0: {"logprobs": True, "message": {"refusal"}}}}),
        c.model_dump(mode="json"),
        c.to_dict(),
        c.to_dict(exclude_unset=False),
        c.to_dict(exclude_none=True),
        c.to_dict(mode="python"),
        c.to_json(indent=None),
        c.to_json(),
        c.model_dump_json(exclude_unset=True),
        sorted(c.model_fields_set),
        sorted(c.choices[0].message.model_fields_set),
        c.usage,
        c.service_tier,
        legacy,
    )


@program
def aliased_schema_field(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``json_schema.schema`` is the Python field ``schema_``: what each dump names it."""
    types = types_of(openai)
    fmt = types.shared.ResponseFormatJSONSchema.model_validate(
        {
            "type": "json_schema",
            "json_schema": {"name": "x", "schema": {"type": "object"}, "strict": True},
        }
    )
    inner = fmt.json_schema
    return (
        inner.schema_,
        inner.model_dump(),
        inner.model_dump(by_alias=True),
        inner.to_dict(),
        inner.to_dict(use_api_names=False),
        fmt.to_json(indent=None),
        sorted(type(inner).model_fields),
    )


@program
def values_newer_than_the_sdk(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The API ships a finish reason, a role and a field before the SDK knows them."""
    completion = chat_completion(
        {"role": "assistant", "content": "x", "reasoning_trace": "t"},
        "content_filtered_v2",
        service_tier="ultra",
    )
    completion["usage"]["prompt_tokens_details"]["image_tokens"] = 7
    server.reply(Reply.json(completion))
    c = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    message = c.choices[0].message
    return (
        c.choices[0].finish_reason,
        c.service_tier,
        message.model_extra,
        getattr(message, "reasoning_trace", None),
        c.usage.prompt_tokens_details.model_dump(),
        c.to_dict()["choices"][0]["message"],
    )


@program
def wrong_types_from_a_proxy(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A proxy sends a word for a number, a null index and a number for a finish reason: no
    exception, the values as they came (convertible ones: see the deliberate test below)."""
    bad = dict(
        SPARSE,
        created="yesterday",
        choices=[dict(SPARSE["choices"][0], index=None, finish_reason=5)],
    )
    server.reply(Reply.json(bad))
    c = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dumped = c.to_dict()
    return (
        repr(c.created),
        repr(c.choices[0].index),
        repr(c.choices[0].finish_reason),
        dumped,
        [type(w.message).__name__ for w in caught],  # pydantic's serializer warnings
        sorted(c.model_fields_set),
    )


def test_convertible_wrong_types_and_a_null_list(server: ScriptedServer) -> None:
    """Deliberate: where a wire value converts to the declared type (``"1733000000"`` for an
    int) ours holds the declared type, the official SDK (which builds answers unvalidated) the
    wire's str; a list answer with ``"data": null`` shows ``page.data == []`` here, ``None``
    there. Iterating the page gives ``[]`` in both."""
    bad = dict(SPARSE, created="1733000000", choices=[dict(SPARSE["choices"][0], index="0")])

    def run(sdk: ModuleType) -> Any:
        server.reply(Reply.json(bad), Reply.json({"object": "list", "data": None}))
        with sdk.OpenAI(api_key="sk-x", base_url=server.url, max_retries=0) as c:
            made = c.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
            page = c.models.list()
            return made.created, made.choices[0].index, page.data, list(page)

    ours, theirs = run_both(run)
    assert ours == (1733000000, 0, [], [])
    assert theirs == ("1733000000", "0", None, [])


@program
def incomplete_dicts_validated(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A test suite validates hand-written dicts: which are rejected, and what pydantic says."""
    chat = types_of(openai).chat
    seen: list[Any] = []
    for data in (
        {"id": "x"},
        dict(SPARSE, choices=[{"index": 0, "message": {"role": "assistant"}}]),
        dict(SPARSE, object="not.a.completion"),
        SPARSE,
    ):
        try:
            made = chat.ChatCompletion.model_validate(data)
            seen.append(("ok", made.id))
        except pydantic.ValidationError as exc:
            seen.append(
                (
                    exc.title,
                    exc.error_count(),
                    sorted((".".join(map(str, e["loc"])), e["type"]) for e in exc.errors()),
                )
            )
    return seen


@program
def copies_and_equality(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Deduplication and caching code compares and copies answers."""
    server.reply(*[Reply.json(SPARSE, headers={"x-request-id": f"req_{n}"}) for n in range(2)])
    ask = {"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}]}
    a = client.chat.completions.create(**ask)
    b = client.chat.completions.create(**ask)
    edited = a.model_copy(update={"model": "gpt-4o-mini"})
    deep = a.model_copy(deep=True)
    try:
        hash(a)
        hashable: Any = True
    except TypeError as exc:
        hashable = type(exc).__name__
    return (
        a == b,
        a._request_id,
        b._request_id,
        a == edited,
        edited.model,
        a.model,
        deep == a,
        deep.choices is a.choices,
        deep.choices[0] == a.choices[0],
        copy.copy(a) == a,
        pickle.loads(pickle.dumps(a)) == a,
        pickle.loads(pickle.dumps(a))._request_id,
        a == a.to_dict(),
        hashable,
        sorted(edited.model_fields_set),
    )


@program
def construct_with_nested_dicts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Mocks built with ``construct``/``model_construct`` from nested dicts, then read as if
    they came from the API."""
    chat = types_of(openai).chat
    built = chat.ChatCompletion.construct(**SPARSE)
    made = chat.ChatCompletion.model_construct(**SPARSE)
    file = types_of(openai).FileObject.construct(**FILE)
    shown = []
    for obj in (built, made):
        choice = obj.choices[0]
        shown.append(
            (
                type(choice).__name__,
                getattr(getattr(choice, "message", None), "content", None)
                if not isinstance(choice, dict)
                else choice["message"]["content"],
                obj.model_dump(exclude_unset=True) == SPARSE,
                sorted(obj.model_fields_set),
            )
        )
    return shown, file.filename, file.status_details, file.to_dict()


@program
def pages_handled_like_lists(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``len``, truthiness, ``next(iter(...))``, indexing ``.data`` and slicing — on a page."""
    server.default = Reply.json(
        {
            "object": "list",
            "data": [
                {"id": f"m{n}", "object": "model", "created": n, "owned_by": "o"} for n in range(3)
            ],
        }
    )
    page = client.models.list()
    outcomes: list[Any] = []
    for probe in (
        lambda: len(page),
        lambda: bool(page),
        lambda: next(iter(page)).id,
        lambda: page.data[-1].id,
        lambda: [m.id for m in page.data[:2]],
        lambda: page[0],
        lambda: sorted(page, key=lambda m: -m.created)[0].id,
        lambda: page.has_next_page(),
        lambda: page.next_page_info(),
        lambda: page.object,
    ):
        try:
            outcomes.append(probe())
        except Exception as exc:
            outcomes.append(type(exc).__name__)
    return outcomes, len(server.requests)


def more_without_items(request: RecordedRequest) -> Reply:
    """A list that says ``has_more`` but sends nothing (a filtered store): a loop must end."""
    after = request.query_dict.get("after")
    data = [] if after else [dict(FILE, id="file-1"), dict(FILE, id="file-2")]
    return Reply.json(
        {
            "object": "list",
            "data": data,
            "has_more": True,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None,
        }
    )


@program
def has_more_with_an_empty_page(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.dynamic(more_without_items)
    ids = [f.id for f in client.files.list(limit=2)]
    first = client.files.list(limit=2)
    pages = [len(p.data) for p in first.iter_pages()]
    second = first.get_next_page()
    return (
        ids,
        pages,
        second.has_next_page(),
        second.next_page_info(),
        second.data,
        [(r.path, sorted(r.query)) for r in server.requests],
    )


test_program_observes_the_same = observed_the_same(PROGRAMS)


@async_program
async def async_for_over_an_unawaited_list(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``async for f in client.files.list(...)`` without ``await``; then the first page awaited
    and walked page by page."""
    server.default = Reply.dynamic(more_without_items)
    ids = [f.id async for f in client.files.list(limit=2)]
    first = await client.files.list(limit=2)
    pages = [len(p.data) async for p in first.iter_pages()]
    later = await first.get_next_page()
    return ids, pages, later.has_next_page(), later.next_page_info(), first._request_id


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
