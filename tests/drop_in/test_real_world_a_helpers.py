"""Real-world sweep A, the helpers around calls: model helpers (`to_dict`, `to_json`,
`model_dump`, building and copying models, pickling results into a cache), pagination by hand
and automatic, `with_raw_response` / `with_streaming_response`, per-call options and error
handling as applications write them — short programs written for the official SDK, run
unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import json
import pickle
from types import ModuleType
from typing import Any

import httpx
from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    chat_chunk,
    chat_completion,
    output_message,
    response_object,
    sent,
    sse,
    wire,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def chat_answer(text: str, **headers: str) -> Reply:
    body = chat_completion({"role": "assistant", "content": text})
    return Reply.json(body, headers=headers or None)


def model(n: int) -> dict[str, Any]:
    return {"id": f"model-{n}", "object": "model", "created": 1700000000 + n, "owned_by": "org"}


# --- model helpers ---------------------------------------------------------------------------------


@program
def cache_results_as_json(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A response cache: store ``to_json()`` / ``model_dump()``, rebuild with ``model_validate``."""
    server.reply(chat_answer("cached"))
    completion = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    ChatCompletion = openai.types.chat.ChatCompletion
    from_json = ChatCompletion.model_validate_json(completion.to_json())
    from_dict = ChatCompletion.model_validate(completion.model_dump())
    from_kwargs = ChatCompletion(**completion.to_dict())
    constructed = ChatCompletion.construct(**completion.to_dict())
    return (
        from_json == completion,
        from_dict == completion,
        from_kwargs.choices[0].message.content,
        type(constructed.choices[0]).__name__,
        from_json.model_fields_set == completion.model_fields_set,
        sorted(completion.model_fields_set),
        completion.to_dict() == json.loads(completion.to_json()),
    )


@program
def pickle_and_copy_results(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import copy

    server.reply(Reply.json(response_object([output_message("pickled")])))
    response = client.responses.create(model="gpt-4.1", input="x")
    restored = pickle.loads(pickle.dumps(response))
    deep = copy.deepcopy(response)
    changed = response.model_copy(update={"status": "incomplete"})
    return (
        restored == response,
        restored.output_text,
        deep.output[0].content[0].text,
        changed.status,
        response.status,
        type(restored).__name__,
    )


@program
def fixtures_for_unit_tests(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Apps build SDK objects by hand to fake the API in their own tests."""
    chat = openai.types.chat
    completion = chat.ChatCompletion(
        id="chatcmpl-test",
        object="chat.completion",
        created=0,
        model="gpt-4o",
        choices=[
            chat.chat_completion.Choice(
                index=0,
                finish_reason="stop",
                message=chat.ChatCompletionMessage(role="assistant", content="fake"),
            )
        ],
        usage=openai.types.CompletionUsage(prompt_tokens=1, completion_tokens=2, total_tokens=3),
    )
    chunk = chat.ChatCompletionChunk(
        id="c",
        object="chat.completion.chunk",
        created=0,
        model="gpt-4o",
        choices=[
            chat.chat_completion_chunk.Choice(
                index=0, delta=chat.chat_completion_chunk.ChoiceDelta(content="hi")
            )
        ],
    )
    responses = openai.types.responses
    response = responses.Response(
        id="resp_1",
        object="response",
        created_at=0,
        model="gpt-4.1",
        output=[
            responses.ResponseOutputMessage(
                id="m",
                type="message",
                role="assistant",
                status="completed",
                content=[
                    responses.ResponseOutputText(type="output_text", text="t", annotations=[])
                ],
            )
        ],
        parallel_tool_calls=True,
        tool_choice="auto",
        tools=[],
    )
    return (
        completion.to_dict(),
        completion.choices[0].message.content,
        chunk.to_json(indent=None),
        chunk.choices[0].finish_reason,
        response.output_text,
        response.to_dict(),
        str(completion.usage),
        completion.model_dump_json(exclude_none=True),
    )


@program
def model_schema_and_fields(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chat = openai.types.chat
    usage = openai.types.CompletionUsage
    return (
        list(chat.ChatCompletionMessage.model_fields),
        list(openai.types.responses.ResponseUsage.model_fields),
        [(name, f.is_required()) for name, f in usage.model_fields.items()],
        sorted(usage.model_json_schema()["properties"]),
        usage.model_json_schema()["required"],
        list(openai.types.Model.model_fields),
        list(openai.types.Embedding.model_fields),
    )


# --- pagination -----------------------------------------------------------------------------------


def models_page(ids: list[int]) -> Reply:
    return Reply.json({"object": "list", "data": [model(n) for n in ids]})


def cursor_page(ids: list[int], more: bool, **extra: Any) -> Reply:
    data = [
        {**chat_completion({"role": "assistant", "content": str(n)}), "id": f"cc_{n}"} for n in ids
    ]
    return Reply.json({"object": "list", "data": data, "has_more": more, **extra})


@program
def list_models_for_a_picker(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(models_page([3, 1, 2]), models_page([3, 1, 2]))
    names = sorted(m.id for m in client.models.list())
    page = client.models.list()
    return (
        names,
        [m.owned_by for m in page.data],
        page.has_next_page(),
        page.next_page_info(),
        page.object,
        page.to_dict()["object"],
        type(page).__name__.split("[")[0],
        isinstance(page, openai.pagination.SyncPage),
        [len(p.data) for p in page.iter_pages()],
    )


@program
def manual_paging_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The README's ``while page.has_next_page()`` loop, and `next_page_info` for a job queue."""
    server.reply(
        cursor_page([1, 2], True),
        cursor_page([3, 4], True),
        cursor_page([5], False),
        cursor_page([1, 2], True),
    )
    page = client.chat.completions.list(limit=2)
    ids = [c.id for c in page.data]
    while page.has_next_page():
        page = page.get_next_page()
        ids += [c.id for c in page.data]
    resumed = client.chat.completions.list(limit=2)
    info = resumed.next_page_info()
    return (
        ids,
        [r.query for r in server.requests[-4:]],
        (type(info).__name__, info.params, repr(info.url), repr(info.json)),
        resumed.has_more,
        resumed.data[-1].id,
    )


@program
def cursor_page_without_has_more(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Pages whose answer leaves `has_more` out, or ends empty."""
    server.reply(
        Reply.json({"object": "list", "data": [model(1)]}),
        cursor_page([], False),
        cursor_page([1], True),
        cursor_page([], True),
    )
    before = len(server.requests)
    models = list(client.models.list())
    empty = client.chat.completions.list()
    more = client.chat.completions.list()
    items = list(more)
    return (
        [m.id for m in models],
        (empty.has_next_page(), empty.next_page_info(), list(empty)),
        [c.id for c in items],
        len(server.requests) - before,
    )


@async_program
async def async_paging(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        cursor_page([1, 2], True),
        cursor_page([3], False),
        cursor_page([1, 2], True),
        cursor_page([3], False),
        cursor_page([1, 2], True),
    )
    auto = [c.id async for c in client.chat.completions.list(limit=2)]
    first = await client.chat.completions.list(limit=2)
    pages = []
    async for page in first.iter_pages():
        pages.append([c.id for c in page.data])
    again = await client.chat.completions.list(limit=2)
    return (
        auto,
        pages,
        again.has_next_page(),
        again.next_page_info().params,
        type(first).__name__.split("[")[0],
    )


# --- raw and streamed responses --------------------------------------------------------------------


@program
def rate_limit_headers_from_raw(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        chat_answer(
            "raw",
            **{
                "x-ratelimit-remaining-requests": "59",
                "x-ratelimit-reset-tokens": "6ms",
                "x-request-id": "req_123",
                "openai-organization": "org-x",
            },
        )
    )
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    completion = raw.parse()
    return (
        int(raw.headers.get("x-ratelimit-remaining-requests")),
        raw.headers["x-ratelimit-reset-tokens"],
        raw.headers.get("missing", "default"),
        raw.request_id,
        completion._request_id,
        raw.status_code,
        raw.http_response.reason_phrase,
        json.loads(raw.content)["choices"][0]["message"]["content"],
        completion.choices[0].message.content,
    )


@program
def streaming_response_lines(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chunks = [
        chat_chunk({"role": "assistant", "content": "a"}),
        chat_chunk({"content": "b"}),
    ]
    server.reply(sse(chunks), sse(chunks), chat_answer("whole"))
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    ) as response:
        lines = [line for line in response.iter_lines() if line]
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    ) as response:
        stream = response.parse()
        text = "".join(c.choices[0].delta.content or "" for c in stream)
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    ) as response:
        body = b"".join(response.iter_bytes())
        headers = response.headers["content-type"]
    return lines, text, json.loads(body)["choices"][0]["message"]["content"], headers


@program
def raw_responses_api_and_models(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(response_object([output_message("r")]), headers={"x-request-id": "req_r"}),
        Reply.json(model(7), headers={"x-request-id": "req_m"}),
    )
    raw = client.responses.with_raw_response.create(model="gpt-4.1", input="x")
    response = raw.parse()
    retrieved = client.models.with_raw_response.retrieve("model-7")
    return (
        response.output_text,
        response._request_id,
        retrieved.parse().id,
        retrieved.parse()._request_id,
        retrieved.headers["x-request-id"],
        retrieved.http_response.status_code,
    )


class Score(BaseModel):
    value: int


@program
def raw_and_streamed_parse(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            chat_completion({"role": "assistant", "content": '{"value": 1}'}),
            headers={"x-request-id": "req_1"},
        ),
        Reply.json(
            response_object([output_message('{"value": 2}')]), headers={"x-request-id": "r2"}
        ),
        Reply.json(chat_completion({"role": "assistant", "content": '{"value": 3}'})),
    )
    raw = client.chat.completions.with_raw_response.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=Score
    )
    chat = raw.parse()
    raw_response = client.responses.with_raw_response.parse(
        model="gpt-4.1", input="x", text_format=Score
    )
    response = raw_response.parse()
    with client.chat.completions.with_streaming_response.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=Score
    ) as streamed:
        third = streamed.parse()
    return (
        chat.choices[0].message.parsed,
        chat._request_id,
        raw.request_id,
        response.output_parsed,
        response._request_id,
        third.choices[0].message.parsed,
    )


# --- options and errors ---------------------------------------------------------------------------


@program
def per_call_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(chat_answer("a"), chat_answer("b"), chat_answer("c"))
    client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x"}],
        extra_headers={"X-Trace": "t1", "OpenAI-Beta": "assistants=v2"},
        extra_query={"debug": "1"},
        extra_body={"reasoning_effort": "low", "custom": [1, 2]},
        timeout=20,
    )
    client.with_options(
        timeout=httpx.Timeout(5.0, connect=1.0), max_retries=2
    ).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "y"}])
    copied = client.copy(default_headers={"X-Tenant": "acme"})
    copied.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "z"}])
    return [wire(r) for r in server.requests[-3:]], copied.default_headers.get("X-Tenant")


@program
def error_handling_ladder(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The README's ladder: connection errors, rate limits, any other status."""

    def error(status: int, message: str, kind: str, code: Any = None) -> Reply:
        body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
        return Reply.json(body, status=status, headers={"x-request-id": f"req_{status}"})

    server.reply(
        error(400, "Invalid 'messages'", "invalid_request_error", "invalid_value"),
        error(403, "Country not supported", "request_forbidden", "unsupported_country"),
        error(409, "Conflict", "invalid_request_error"),
        error(422, "Unprocessable", "invalid_request_error"),
        error(429, "You exceeded your current quota", "insufficient_quota", "insufficient_quota"),
        error(500, "The server had an error", "server_error"),
    )
    seen = []
    for _ in range(6):
        try:
            client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "x"}]
            )
        except openai.APIConnectionError as e:
            seen.append(("connection", type(e).__name__))
        except openai.RateLimitError as e:
            seen.append(("rate limit", e.status_code, e.code, e.type, e.body))
        except openai.APIStatusError as e:
            seen.append(
                (
                    type(e).__name__,
                    e.status_code,
                    e.request_id,
                    e.code,
                    e.param,
                    e.type,
                    e.message,
                    e.response.json(),
                    isinstance(e, openai.APIError),
                    isinstance(e, openai.OpenAIError),
                )
            )
    return seen


@program
def connection_and_timeout_errors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dead = openai.OpenAI(api_key="sk-x", base_url=f"http://127.0.0.1:{port}/v1", max_retries=0)
    seen = []
    try:
        dead.models.list()
    except openai.APIConnectionError as e:
        seen.append((type(e).__name__, e.message, isinstance(e, openai.APIError), e.request.method))
    server.reply(Reply.after(1.0, chat_answer("late")))
    try:
        client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}], timeout=0.2
        )
    except openai.APITimeoutError as e:
        seen.append(
            (
                type(e).__name__,
                e.message,
                isinstance(e, openai.APIConnectionError),
                e.request.url.path,
            )
        )
    dead.close()
    return seen


@program
def retry_wrapper_with_backoff(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Application-level retries around `RateLimitError` (the tenacity / backoff recipes)."""
    limited = Reply.json(
        {"error": {"message": "slow down", "type": "requests", "code": "rate_limit_exceeded"}},
        status=429,
    )
    server.reply(limited, limited, chat_answer("finally"))
    attempts = 0

    def completion_with_backoff(**kwargs: Any) -> Any:
        nonlocal attempts
        while True:
            attempts += 1
            try:
                return client.chat.completions.create(**kwargs)
            except (openai.RateLimitError, openai.APITimeoutError):
                if attempts >= 5:
                    raise

    completion = completion_with_backoff(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    return attempts, completion.choices[0].message.content


@async_program
async def async_errors_and_raw(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json({"error": {"message": "nope", "type": "invalid_request_error"}}, status=400),
        chat_answer("raw", **{"x-request-id": "req_a"}),
    )
    error: Any = None
    try:
        await client.chat.completions.create(model="gpt-4o", messages=[])
    except openai.BadRequestError as e:
        error = (e.status_code, e.message, e.body, e.code)
    raw = await client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    completion = raw.parse()
    return error, raw.request_id, completion.choices[0].message.content, sent(server)


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
