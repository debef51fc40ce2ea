"""Real-world sweep T, errors: what production code does with the official SDK's exceptions —
a Celery task re-raising one across processes (pickled), a FastAPI handler turning one into its own
JSON answer, a Sentry-style reporter reading every attribute, the status classes a gateway's 5xx
and odd 4xx land in, errors of the Responses API and of uploads, errors a test builds by hand — run
unchanged against both packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import copy
import json
import pickle
from types import ModuleType
from typing import Any

import httpx2

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]


def api_error(
    status: int,
    message: str | None = "bad",
    code: Any = None,
    param: Any = None,
    kind: Any = "invalid_request_error",
    **headers: str,
) -> Reply:
    body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
    return Reply.json(body, status=status, headers=headers)


def ok(text: str = "ok") -> Reply:
    return Reply.json(chat_completion({"role": "assistant", "content": text}))


def ask(client: Any, **options: Any) -> Any:
    return client.chat.completions.create(model="gpt-4o", messages=MESSAGES, **options)


def described(e: BaseException) -> Any:
    """What a reporter reads off any error, present or not."""
    return {
        "class": type(e).__name__,
        "str": str(e),
        "args": e.args,
        **{
            name: getattr(e, name, "<absent>")
            for name in ("message", "status_code", "body", "code", "param", "type", "request_id")
        },
    }


# --- status classes --------------------------------------------------------------------------------


@program
def gateway_and_odd_statuses(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A gateway in front of the API answers statuses the README does not list."""
    statuses = [402, 405, 408, 410, 413, 415, 425, 451, 501, 505, 507, 520, 524, 599]
    server.reply(*[api_error(s, f"status {s}") for s in statuses])
    seen = []
    for status in statuses:
        try:
            client.models.retrieve("gpt-4o")
        except openai.InternalServerError as e:
            seen.append(("5xx", status, type(e).__name__, e.status_code))
        except openai.APIStatusError as e:
            seen.append(("other", status, type(e).__name__, e.status_code, e.message))
    return seen


@program
def error_classes_as_a_lookup_table(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An app maps exception classes to its own answers, most specific first."""
    table = [
        (openai.AuthenticationError, "check your key", 401),
        (openai.PermissionDeniedError, "not allowed", 403),
        (openai.NotFoundError, "unknown model", 404),
        (openai.ConflictError, "try again", 409),
        (openai.UnprocessableEntityError, "bad input", 422),
        (openai.RateLimitError, "slow down", 429),
        (openai.BadRequestError, "bad request", 400),
        (openai.InternalServerError, "their fault", 502),
        (openai.APIStatusError, "other status", 418),
    ]
    server.reply(*[api_error(status, f"m{status}") for _, _, status in table])
    seen = []
    for _ in table:
        try:
            ask(client)
        except openai.APIError as e:
            for cls, answer, _status in table:
                if isinstance(e, cls):
                    seen.append((answer, cls.__name__, cls.__module__.split(".")[0] != "", e.code))
                    break
    subclassing = {
        name: [base.__name__ for base in getattr(openai, name).__mro__[:4]]
        for name in (
            "APIError",
            "APIStatusError",
            "APIConnectionError",
            "APITimeoutError",
            "APIResponseValidationError",
            "BadRequestError",
            "InternalServerError",
        )
    }
    return seen, subclassing


# --- reading errors ----------------------------------------------------------------------------------


@program
def fastapi_handler_turns_errors_into_json(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A web app's exception handler: the upstream status and the error object passed on."""
    server.reply(
        api_error(400, "max_tokens is too large", "invalid_value", "max_tokens"),
        api_error(429, "Rate limit reached for gpt-4o", "rate_limit_exceeded", None, "requests"),
        Reply.raw(b"<html>502</html>", status=502, content_type="text/html"),
        Reply.json({"detail": "Not authenticated"}, status=401),
    )
    answers = []
    for _ in range(4):
        try:
            ask(client, max_tokens=100000)
        except openai.APIStatusError as e:
            error = e.body.get("error", e.body) if isinstance(e.body, dict) else e.body
            answers.append(
                {
                    "status": e.status_code,
                    "detail": error,
                    "message": e.message,
                    "param": e.param,
                    "code": e.code,
                    "type": e.type,
                    "json": json.dumps({"error": str(e)}),
                }
            )
    return answers


@program
def sentry_style_reporter(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Every attribute a reporter reads, with getattr defaults, for each kind of failure."""
    server.reply(
        api_error(404, "No such file: file-x", None, "file_id", **{"x-request-id": "req_404"}),
        Reply.drop(),
        api_error(409, None, "conflict", None, None),
        api_error(422, "bad", {"nested": True}, ["a", "b"], 7),
    )
    reports = []
    for _ in range(4):
        try:
            client.files.retrieve("file-x")
        except openai.OpenAIError as e:
            reports.append(described(e))
    return reports


@program
def response_headers_and_request_of_an_error(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        api_error(
            429,
            "Rate limit reached",
            "rate_limit_exceeded",
            **{
                "retry-after": "2",
                "retry-after-ms": "1500",
                "x-ratelimit-limit-requests": "500",
                "x-ratelimit-remaining-requests": "0",
                "x-ratelimit-reset-requests": "120ms",
                "x-ratelimit-reset-tokens": "6m0s",
                "x-request-id": "req_rl",
                "openai-processing-ms": "7",
            },
        )
    )
    try:
        ask(client, user="u-1")
    except openai.RateLimitError as e:
        headers = e.response.headers
        return {
            "retry_after": float(headers.get("retry-after", "0")),
            "retry_after_ms": int(headers["retry-after-ms"]),
            "limits": {k: v for k, v in headers.items() if k.startswith("x-ratelimit")},
            "request_id": e.request_id,
            "same_request": e.request is e.response.request,
            "method": e.request.method,
            "path": e.request.url.path,
            "sent": json.loads(e.request.read()),
            "reason": e.response.reason_phrase,
            "http_version": e.response.http_version,
            "status_attr_type": type(e.status_code).__name__,
            "response_type": type(e.response).__name__,
        }


@program
def request_id_of_errors_without_one(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        api_error(400, "no id"),
        api_error(400, "other header", **{"x-amzn-requestid": "amz-1"}),
        api_error(400, "empty", **{"x-request-id": ""}),
    )
    seen = []
    for _ in range(3):
        try:
            ask(client)
        except openai.BadRequestError as e:
            seen.append((e.request_id, e.response.headers.get("x-request-id")))
    return seen


@program
def errors_pickled_by_a_task_queue(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Celery and multiprocessing pickle a task's exception to hand it to the caller."""
    server.reply(api_error(400, "bad", "invalid_value"), Reply.drop())
    seen = []
    for _ in range(2):
        try:
            ask(client)
        except openai.APIError as e:
            try:
                back = pickle.loads(pickle.dumps(e))
                seen.append(("pickled", type(back).__name__, str(back)))
            except Exception as problem:
                seen.append(("unpicklable", type(problem).__name__))
            try:
                twin = copy.copy(e)
                seen.append(("copied", type(twin).__name__, str(twin), twin.message))
            except Exception as problem:
                seen.append(("uncopyable", type(problem).__name__))
    return seen


@program
def errors_in_exception_groups_and_chains(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An app wraps the SDK's error in its own (``raise ... from e``) and reads it back."""

    class UpstreamFailed(Exception):
        pass

    server.reply(api_error(500, "boom"), Reply.drop())
    seen = []
    for _ in range(2):
        try:
            try:
                ask(client)
            except openai.APIError as e:
                raise UpstreamFailed(f"upstream: {e}") from e
        except UpstreamFailed as wrapped:
            cause = wrapped.__cause__
            seen.append(
                (
                    str(wrapped),
                    type(cause).__name__,
                    type(cause.__cause__).__name__ if cause is not None else None,
                    # (a status error's __context__ is left out: the SDK raises it while
                    # handling httpx2's HTTPStatusError, suppressed, so no traceback shows it)
                )
            )
    return seen


@program
def errors_built_by_hand_in_tests(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Unit tests raise the SDK's errors from mocks, built every way the docs allow."""
    request = httpx2.Request("POST", "https://api.openai.com/v1/chat/completions")
    response = httpx2.Response(
        429, request=request, headers={"x-request-id": "req_m"}, json={"error": {"message": "x"}}
    )
    built = [
        openai.RateLimitError("Rate limited", response=response, body=None),
        openai.RateLimitError(
            "Rate limited", response=response, body={"message": "m", "code": "c", "type": "t"}
        ),
        openai.APIStatusError("gone", response=httpx2.Response(410, request=request), body=None),
        openai.APIConnectionError(request=request),
        openai.APIConnectionError(message="dns failed", request=request),
        openai.APITimeoutError(request=request),
        openai.APIError("plain", request, body={"code": "c1", "param": "p1", "type": "t1"}),
        openai.InternalServerError("down", response=httpx2.Response(503, request=request), body=""),
        openai.APIResponseValidationError(response=response, body={"x": 1}),
        openai.APIResponseValidationError(response=response, body=None, message="custom"),
        openai.OpenAIError("base"),
    ]
    return [described(e) for e in built]


@program
def mocked_errors_with_a_placeholder_key(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A test suite's fixture: ``api_key="test"`` and a mock transport answering errors whose
    messages the tests assert on (words like "test" or "fake" in them)."""
    answers = iter(
        [
            (400, "This is a test error"),
            (401, "Incorrect API key provided: sk-fake. You can find your API key at ..."),
            (429, "You exceeded your current quota (test plan)"),
        ]
    )

    def handler(request: httpx2.Request) -> httpx2.Response:
        status, message = next(answers)
        return httpx2.Response(status, json={"error": {"message": message, "code": "x"}})

    seen = []
    for key in ("test", "sk-fake", "fake"):
        c = openai.OpenAI(
            api_key=key,
            base_url="https://mocked.test/v1",
            http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
            max_retries=0,
        )
        try:
            ask(c)
        except openai.APIStatusError as e:
            seen.append((key, str(e), e.message, "test" in str(e), e.body))
        c.close()
    return seen


@program
def status_error_raised_by_with_raw_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        api_error(404, "no such model", "model_not_found"),
        api_error(400, "bad stream", "invalid_value"),
    )
    seen = []
    try:
        client.models.with_raw_response.retrieve("gpt-9")
    except openai.NotFoundError as e:
        seen.append(described(e))
    try:
        with client.chat.completions.with_streaming_response.create(
            model="gpt-4o", messages=MESSAGES, stream=True
        ) as response:
            seen.append(list(response.iter_lines()))
    except openai.BadRequestError as e:
        seen.append(described(e))
    return seen


@program
def responses_api_errors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        api_error(
            400,
            "Previous response with id 'resp_x' not found.",
            "previous_response_not_found",
            "previous_response_id",
        ),
        api_error(
            400, "Invalid schema for response_format", "invalid_json_schema", "text.format.schema"
        ),
    )
    seen = []
    for _ in range(2):
        try:
            client.responses.create(model="gpt-4o", input="hi", previous_response_id="resp_x")
        except openai.BadRequestError as e:
            seen.append(described(e))
    return seen


@program
def upload_errors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        api_error(413, "File too large"),
        api_error(400, "Invalid file format", "invalid_file_format", "file"),
    )
    seen = []
    for name in ("big.jsonl", "bad.txt"):
        try:
            client.files.create(file=(name, b"x" * 10), purpose="fine-tune")
        except openai.APIStatusError as e:
            seen.append((described(e), e.request.headers["content-type"].split(";")[0]))
    return seen


@program
def error_while_iterating_pages(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    first = {
        "object": "list",
        "data": [{"id": "m1", "object": "model", "created": 1, "owned_by": "o"}],
        "first_id": "m1",
        "last_id": "m1",
        "has_more": True,
    }
    server.reply(Reply.json(first), api_error(500, "page two failed"))
    seen = []
    try:
        for file in client.files.list():
            seen.append(file.id)
    except openai.InternalServerError as e:
        seen.append(("failed after", len(seen), e.status_code, e.request.url.params.get("after")))
    return seen


@async_program
async def async_error_attributes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        api_error(429, "slow", "rate_limit_exceeded", **{"x-request-id": "req_a"}),
        Reply.drop(),
        api_error(422, "unprocessable", "x", "y"),
    )
    seen = []
    for _ in range(3):
        try:
            await client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        except openai.APIError as e:
            seen.append(described(e))
    return seen


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
