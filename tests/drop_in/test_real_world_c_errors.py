"""Real-world sweep C, errors, retries and timeouts: the error handling users of the official SDK
write (catching ``openai.APIError`` subclasses in the documented order, reading ``status_code``,
``response``, ``body``, ``request_id``; tenacity-style retry predicates; errors built by hand in
unit-test mocks), ``max_retries`` with ``Retry-After`` and ``x-should-retry``, and timeouts given
as seconds or ``httpx.Timeout`` — run unchanged against both packages over the scripted loopback
server; each program returns what its author observes and what was sent.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import httpx

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_chunk, chat_completion, sse

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]


def ok(text: str = "ok", **headers: str) -> Reply:
    return Reply.json(chat_completion({"role": "assistant", "content": text}), headers=headers)


def api_error(status: int, message: str, code: str | None = None, **headers: str) -> Reply:
    body = {
        "error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}
    }
    return Reply.json(body, status=status, headers=headers)


def paths(server: ScriptedServer, count: int) -> list[str]:
    return [r.method + " " + r.path for r in server.requests[-count:]]


# --- catching errors -------------------------------------------------------------------------------


@program
def readme_error_ladder(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The README's order: connection error, rate limit, then any status error."""
    server.reply(
        api_error(429, "Rate limit reached", "rate_limit_exceeded", **{"x-request-id": "req_1"}),
        api_error(404, "The model `gpt-9` does not exist", "model_not_found"),
        api_error(401, "Incorrect API key provided: sk-drop***test.", "invalid_api_key"),
        Reply.drop(),
    )
    seen = []
    for model in ("gpt-4o", "gpt-9", "gpt-4o", "gpt-4o"):
        try:
            client.chat.completions.create(model=model, messages=MESSAGES)
        except openai.APIConnectionError as e:
            seen.append(("server could not be reached", type(e.__cause__).__name__, e.message))
        except openai.RateLimitError as e:
            seen.append(("429: back off", e.status_code, e.request_id, e.response.status_code))
        except openai.APIStatusError as e:
            seen.append(("non-200", e.status_code, e.response.json(), type(e).__name__))
    return seen


@program
def every_status_class_by_name(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    statuses = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504]
    server.reply(*[api_error(s, f"status {s}") for s in statuses])
    seen = []
    for _ in statuses:
        try:
            client.models.list()
        except openai.APIError as e:
            seen.append(
                (
                    type(e).__name__,
                    type(e).__mro__[1].__name__,
                    isinstance(e, openai.APIStatusError),
                    isinstance(e, openai.OpenAIError),
                    e.status_code,
                    e.message,
                    str(e),
                    e.body,
                )
            )
    return seen


@program
def error_details_logged(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A logging wrapper: everything a support ticket wants from an error."""
    server.reply(
        api_error(
            400,
            "Invalid value for 'temperature': must be <= 2.",
            "invalid_value",
            **{"x-request-id": "req_bad", "openai-organization": "org-1"},
        )
    )
    try:
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES, temperature=3)
    except openai.BadRequestError as e:
        return {
            "status": e.status_code,
            "request_id": e.request_id,
            "org": e.response.headers.get("openai-organization"),
            "message": e.message,
            "body": e.body,
            "code": e.code,
            "param": e.param,
            "type": e.type,
            "args": e.args,
            "repr_starts": repr(e).split("(")[0],
            "url": str(e.request.url).replace(server.url, "<server>"),
            "sent": json.loads(e.request.content),
            "response_text": e.response.text,
            "is_closed": e.response.is_closed,
        }


@program
def body_is_not_always_a_dict(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json({"error": {"message": "nested", "code": "c"}, "extra": 1}, status=400),
        Reply.raw(b"upstream connect error", status=503, content_type="text/plain"),
        Reply.json(None, status=500),
    )
    seen = []
    for _ in range(3):
        try:
            client.embeddings.create(model="text-embedding-3-small", input="x")
        except openai.APIStatusError as e:
            body = e.body
            detail = body.get("message") if isinstance(body, dict) else body
            seen.append((type(e).__name__, type(body).__name__, detail, e.message))
    return seen


@program
def tenacity_style_predicate(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``retry_if_exception_type((openai.RateLimitError, openai.APITimeoutError, ...))``."""
    retryable = (
        openai.RateLimitError,
        openai.APITimeoutError,
        openai.APIConnectionError,
        openai.InternalServerError,
    )
    server.reply(api_error(429, "slow"), api_error(500, "boom"), api_error(400, "bad"), ok("done"))
    attempts = []
    for attempt in range(5):
        try:
            reply = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
            attempts.append(("ok", reply.choices[0].message.content))
            break
        except retryable as e:
            attempts.append(("retry", attempt, type(e).__name__))
        except openai.APIError as e:
            attempts.append(("give up", attempt, type(e).__name__, e.code))
    return attempts


@program
def errors_built_in_unit_test_mocks(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Users' tests raise SDK errors from mocks, built from httpx objects by keyword."""
    request = httpx.Request("POST", "https://api.openai.com/v1/chat/completions")
    response = httpx.Response(429, request=request, headers={"x-request-id": "req_mock"})
    rate = openai.RateLimitError(message="Rate limited", response=response, body=None)
    body = {"message": "nope", "code": "c", "param": "p", "type": "t"}
    bad = openai.BadRequestError(
        message="bad", response=httpx.Response(400, request=request), body=body
    )
    timeout = openai.APITimeoutError(request=request)
    connection = openai.APIConnectionError(request=request)
    connection_msg = openai.APIConnectionError(message="proxy down", request=request)
    generic = openai.APIError("generic", request, body={"code": "x"})
    status = openai.APIStatusError(
        "teapot", response=httpx.Response(418, request=request), body=None
    )
    return [
        (type(e).__name__, str(e), getattr(e, "status_code", None), e.body, e.code, e.param, e.type)
        for e in (rate, bad, timeout, connection, connection_msg, generic, status)
    ] + [rate.request_id, rate.response is response, timeout.request is request]


@program
def error_in_the_middle_of_a_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        sse(
            [
                chat_chunk({"role": "assistant", "content": "par"}),
                {"error": {"message": "The server had an error", "type": "server_error"}},
            ]
        )
    )
    got = []
    try:
        for chunk in client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True):
            got.append(chunk.choices[0].delta.content)
    except openai.APIError as e:
        got.append((type(e).__name__, e.message, e.body, getattr(e, "status_code", None)))
    return got


@program
def stream_error_status_before_any_event(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(api_error(400, "stream not allowed", "unsupported"))
    try:
        with client.chat.completions.stream(model="o1", messages=MESSAGES) as stream:
            for _ in stream:
                pass
    except openai.BadRequestError as e:
        return e.status_code, e.code, e.message


@program
def stream_cut_or_stalled_mid_way(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A chat stream whose server stalls (read timeout) or drops the connection after a few
    chunks: what the loop got and what it caught."""
    chunks = [f"data: {json.dumps(chat_chunk({'content': str(n)}))}\n\n" for n in range(3)]
    server.reply(
        Reply.sse(chunks, delay=[0, 0, 1.5]),
        Reply.sse(chunks, drop=True),
        Reply.sse(chunks, end=False),
    )
    quick = client.with_options(timeout=0.5)
    seen = []
    for _ in range(3):
        got = []
        try:
            for chunk in quick.chat.completions.create(
                model="gpt-4o", messages=MESSAGES, stream=True
            ):
                got.append(chunk.choices[0].delta.content)
        except openai.APITimeoutError as e:
            got.append(("timeout", e.message))
        except openai.APIConnectionError as e:
            got.append(("connection", e.message))
        seen.append(got)
    return seen


@program
def responses_stream_error_event(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A Responses stream reports a failure as events (``error``, ``response.failed``), not as
    an exception."""
    failed = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": "failed",
        "model": "gpt-4.1",
        "output": [],
        "error": {"code": "server_error", "message": "The model failed"},
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
    }
    events = [
        (
            "error",
            {
                "type": "error",
                "code": "ERR_SOMETHING",
                "message": "Something went wrong",
                "param": None,
                "sequence_number": 1,
            },
        ),
        ("response.failed", {"type": "response.failed", "sequence_number": 2, "response": failed}),
    ]
    server.reply(sse(events))
    seen = []
    for event in client.responses.create(model="gpt-4.1", input="hi", stream=True):
        if event.type == "error":
            seen.append((event.code, event.message, event.param))
        elif event.type == "response.failed":
            seen.append(
                (event.response.status, event.response.error.code, event.response.error.message)
            )
    return seen


@program
def errors_from_raw_and_streamed_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A status error is raised by ``with_raw_response`` calls and on entering a
    ``with_streaming_response`` block, before the body is handed over."""
    server.default = api_error(404, "No such File object: nope", **{"x-request-id": "req_nf"})
    seen = []
    try:
        with client.files.with_streaming_response.retrieve("nope") as response:
            seen.append(("entered", response.status_code))
    except openai.NotFoundError as e:
        seen.append(("streamed", e.request_id, e.response.is_closed, e.body))
    try:
        seen.append(("raw returned", client.files.with_raw_response.retrieve("nope").status_code))
    except openai.NotFoundError as e:
        seen.append(("raw", e.request_id, e.message))
    try:
        client.files.content("nope")
    except openai.NotFoundError as e:
        seen.append(("content", e.status_code))
    try:
        with client.chat.completions.with_streaming_response.create(
            model="gpt-4o", messages=MESSAGES, stream=True
        ) as response:
            seen.append(("entered", response.status_code))
    except openai.NotFoundError as e:
        seen.append(("chat stream", e.status_code))
    return seen


# --- retries ---------------------------------------------------------------------------------------


@program
def retry_after_seconds_header(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        api_error(429, "slow", **{"retry-after": "0"}),
        api_error(503, "busy", **{"retry-after-ms": "10"}),
        ok("third time", **{"x-request-id": "req_3"}),
    )
    retrying = client.with_options(max_retries=2)
    raw = retrying.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    completion = raw.parse()
    return (
        raw.retries_taken,
        completion.choices[0].message.content,
        completion._request_id,
        paths(server, 3),
        [r.json() for r in server.requests[-3:]] == [server.requests[-1].json()] * 3,
    )


@program
def long_retry_after_is_not_waited_for(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A rate limit that resets in minutes: the call fails at once instead of sleeping inside
    the retry loop (the app's own scheduler decides), whatever ``max_retries`` says."""
    before = len(server.requests)
    server.reply(
        api_error(429, "Rate limit reached for requests per day", **{"retry-after": "3600"}),
        api_error(429, "slow", **{"retry-after-ms": "600000", "x-should-retry": "true"}),
        api_error(503, "huge", **{"retry-after": "1e999"}),
    )
    retrying = client.with_options(max_retries=3)
    seen = []
    for _ in range(3):
        try:
            retrying.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        except openai.APIStatusError as e:
            seen.append((e.status_code, e.response.headers.get("retry-after")))
    return seen, len(server.requests) - before


@program
def retries_exhausted(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(*[api_error(500, f"boom {n}", **{"retry-after-ms": "1"}) for n in range(4)])
    before = len(server.requests)
    try:
        client.with_options(max_retries=3).models.list()
    except openai.InternalServerError as e:
        return e.message, len(server.requests) - before


@program
def should_retry_header_wins(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    before = len(server.requests)
    server.reply(
        api_error(500, "do not retry", **{"x-should-retry": "false"}),
        api_error(400, "retry me", **{"x-should-retry": "true", "retry-after-ms": "1"}),
        ok("after retry"),
    )
    seen = []
    retrying = client.with_options(max_retries=2)
    try:
        retrying.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    except openai.InternalServerError as e:
        seen.append(e.message)
    seen.append(
        retrying.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        .choices[0]
        .message.content
    )
    return seen, len(server.requests) - before


@program
def no_retry_on_client_errors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    before = len(server.requests)
    server.reply(
        api_error(400, "a"),
        api_error(404, "b"),
        api_error(422, "c"),
        api_error(409, "d", **{"retry-after-ms": "1"}),
        ok(),
    )
    seen = []
    retrying = client.with_options(max_retries=1)
    for _ in range(3):
        try:
            retrying.models.retrieve("m")
        except openai.APIStatusError as e:
            seen.append(e.status_code)
    # 409 (lock timeout) is retried
    seen.append(retrying.chat.completions.create(model="gpt-4o", messages=MESSAGES).id)
    return seen, len(server.requests) - before


@program
def retry_after_a_dropped_connection(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    before = len(server.requests)
    server.reply(Reply.drop(), ok("reconnected"))
    raw = client.with_options(max_retries=1).chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES
    )
    return raw.retries_taken, raw.parse().choices[0].message.content, len(server.requests) - before


@program
def per_request_max_retries_option(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(api_error(503, "x", **{"retry-after-ms": "1"}), ok("second"))
    retried = openai.OpenAI(api_key="sk-x", base_url=server.url + "/v1", max_retries=5)
    default = retried.max_retries
    try:
        retried.with_options(max_retries=0).models.list()
        first: Any = "no error"
    except openai.InternalServerError as e:
        first = e.status_code
    completion = retried.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    retried.close()
    return default, first, completion.choices[0].message.content, openai.DEFAULT_MAX_RETRIES


@program
def retries_before_a_stream_starts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    before = len(server.requests)
    server.reply(
        api_error(503, "busy", **{"retry-after-ms": "5"}),
        Reply.drop(),
        sse([chat_chunk({"role": "assistant", "content": "ok"})]),
    )
    stream = client.with_options(max_retries=2).chat.completions.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    )
    text = [chunk.choices[0].delta.content for chunk in stream]
    return text, len(server.requests) - before


# --- timeouts --------------------------------------------------------------------------------------


@program
def timeout_seconds_then_retry(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    before = len(server.requests)
    server.reply(Reply.hang(), ok("fast enough"))
    quick = client.with_options(timeout=0.3, max_retries=1)
    completion = quick.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    return completion.choices[0].message.content, len(server.requests) - before


@program
def readme_timeout_object(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The official README's fine-grained timeout: an ``httpx2.Timeout`` (the fork of httpx the
    official SDK runs on), for the client and for one request."""
    import httpx2

    server.reply(Reply.hang(), Reply.hang())
    seen = []
    timed = openai.OpenAI(
        api_key="sk-x",
        base_url=server.url + "/v1",
        max_retries=0,
        timeout=httpx2.Timeout(60.0, read=0.3, write=10.0, connect=2.0),
    )
    seen.append((timed.timeout.connect, timed.timeout.read, timed.timeout.write))
    try:
        timed.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    except openai.APITimeoutError as e:
        seen.append((type(e).__name__, e.message, isinstance(e, openai.APIConnectionError)))
    try:
        client.chat.completions.create(
            model="gpt-4o", messages=MESSAGES, timeout=httpx2.Timeout(0.3)
        )
    except openai.APITimeoutError as e:
        seen.append((str(e), e.request.method, type(e.__cause__).__name__))
    timed.close()
    return seen, openai.DEFAULT_TIMEOUT.read, openai.DEFAULT_TIMEOUT.connect


@program
def timeout_on_with_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    finer = openai.Timeout(2.0, connect=1.0)
    return [
        client.with_options(timeout=5).timeout,
        client.with_options(timeout=finer).timeout.connect,
        client.with_options(timeout=finer).timeout.read,
        client.copy(timeout=None).timeout,
        client.with_options(max_retries=4).max_retries,
        client.timeout.read,
    ]


# --- async -----------------------------------------------------------------------------------------


@async_program
async def async_error_ladder(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        api_error(429, "slow", **{"x-request-id": "req_a"}), Reply.drop(), api_error(500, "boom")
    )
    seen = []
    for _ in range(3):
        try:
            await client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        except openai.RateLimitError as e:
            seen.append((e.status_code, e.request_id, e.body))
        except openai.APIConnectionError as e:
            seen.append((type(e).__name__, e.message))
        except openai.APIStatusError as e:
            seen.append((type(e).__name__, e.response.status_code))
    return seen


@async_program
async def async_retries_and_timeout(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        api_error(429, "x", **{"retry-after": "0"}), ok("after 429"), Reply.hang(), ok("after hang")
    )
    raw = await client.with_options(max_retries=1).chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES
    )
    completion = await client.with_options(timeout=0.3, max_retries=1).chat.completions.create(
        model="gpt-4o", messages=MESSAGES
    )
    return (
        raw.retries_taken,
        raw.parse().choices[0].message.content,
        completion.choices[0].message.content,
    )


@async_program
async def async_timeout_error(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.hang())
    try:
        await client.models.list(timeout=0.3)
    except openai.APITimeoutError as e:
        return type(e).__name__, str(e), isinstance(e, openai.APIConnectionError)


@async_program
async def async_stream_error_event(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(sse([chat_chunk({"content": "a"}), {"error": {"message": "overloaded"}}]))
    got = []
    try:
        stream = await client.chat.completions.create(
            model="gpt-4o", messages=MESSAGES, stream=True
        )
        async for chunk in stream:
            got.append(chunk.choices[0].delta.content)
    except openai.APIError as e:
        got.append((type(e).__name__, e.message, e.body))
    return got


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
