"""Programs written for the official SDK that depend on what the server answers — retries,
timeouts, rate limits, error bodies, request ids, headers — run against both packages over a
scripted loopback server (tests/support/server.py) that answers both the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, run_both

MODEL = {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "openai"}
COMPLETION = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-4o",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "hi", "refusal": None},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}


def _error(status: int, message: str, kind: str, code: str | None = None, **headers: str) -> Reply:
    body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
    return Reply.json(body, status=status, headers=headers or None)


def _client(sdk: ModuleType, server: ScriptedServer, **kwargs: Any) -> Any:
    kwargs.setdefault("max_retries", 0)
    return sdk.OpenAI(api_key="sk-x", base_url=server.url + "/v1", **kwargs)


def _chat(client: Any) -> Any:
    return client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )


def _each(server: ScriptedServer, replies: Callable[[], list[Reply]], code: Callable[..., Any]):
    """Run ``code(sdk)`` with both packages, the server scripted afresh for each."""

    def run(sdk: ModuleType) -> Any:
        server.reply(*replies())
        count = len(server.requests)
        result = code(sdk)
        return result, len(server.requests) - count

    return run_both(run)


def test_rate_limit_is_retried_with_retry_after(server: ScriptedServer) -> None:
    def code(sdk: ModuleType) -> Any:
        with _client(sdk, server, max_retries=2) as client:
            start = time.monotonic()
            completion = _chat(client)
            return completion.choices[0].message.content, time.monotonic() - start < 5

    ours, theirs = _each(
        server,
        lambda: [
            _error(429, "slow down", "requests", "rate_limit_exceeded", **{"retry-after": "0"}),
            _error(503, "busy", "server_error"),
            Reply.json(COMPLETION),
        ],
        code,
    )
    assert ours == theirs == (("hi", True), 3)


def test_rate_limit_error_when_retries_run_out(server: ScriptedServer) -> None:
    def code(sdk: ModuleType) -> Any:
        with _client(sdk, server) as client:
            try:
                _chat(client.with_options(max_retries=1))
            except sdk.RateLimitError as exc:
                return (
                    type(exc).__name__,
                    exc.status_code,
                    exc.code,
                    exc.type,
                    exc.message,
                    exc.response.headers.get("x-ratelimit-remaining-requests"),
                    exc.request_id,
                    str(exc),
                )

    limited = _error(
        429,
        "Rate limit reached",
        "requests",
        "rate_limit_exceeded",
        **{"retry-after-ms": "1", "x-ratelimit-remaining-requests": "0", "x-request-id": "req_9"},
    )
    ours, theirs = _each(server, lambda: [limited, limited], code)
    assert ours == theirs
    assert ours[1] == 2 and ours[0][-2] == "req_9"


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (422, "UnprocessableEntityError"),
        (500, "InternalServerError"),
        (418, "APIStatusError"),
    ],
)
def test_each_status_raises_its_class(server: ScriptedServer, status: int, name: str) -> None:
    def code(sdk: ModuleType) -> Any:
        with _client(sdk, server) as client:
            try:
                client.models.retrieve("gpt-4o")
            except sdk.APIStatusError as exc:
                return (
                    type(exc).__name__,
                    exc.status_code,
                    exc.body,
                    exc.message,
                    isinstance(exc, sdk.APIError),
                    exc.param,
                )

    ours, theirs = _each(
        server, lambda: [_error(status, "went wrong", "invalid_request_error")], code
    )
    assert ours == theirs
    assert ours[0][0] == name


def test_timeouts_per_client_and_per_request(server: ScriptedServer) -> None:
    def code(sdk: ModuleType) -> Any:
        seen = []
        with _client(sdk, server, timeout=0.3) as client:
            try:
                client.models.retrieve("gpt-4o")
            except sdk.APITimeoutError as exc:
                seen.append((type(exc).__name__, str(exc), isinstance(exc, sdk.APIConnectionError)))
            try:
                client.with_options(timeout=httpx.Timeout(0.2, connect=1.0)).models.retrieve("m")
            except sdk.APITimeoutError as exc:
                seen.append(type(exc).__name__)
            model = client.models.retrieve("gpt-4o", timeout=5.0)
            seen.append(model.id)
        return seen

    ours, theirs = _each(server, lambda: [Reply.hang(), Reply.hang(), Reply.json(MODEL)], code)
    assert ours == theirs
    assert ours[0][0] == ("APITimeoutError", "Request timed out.", True)


def test_timeout_is_retried(server: ScriptedServer) -> None:
    def code(sdk: ModuleType) -> Any:
        with _client(sdk, server, timeout=0.3, max_retries=1) as client:
            return client.models.retrieve("gpt-4o").id

    ours, theirs = _each(server, lambda: [Reply.hang(), Reply.json(MODEL)], code)
    assert ours == theirs == ("gpt-4o", 2)


def test_request_ids_and_response_headers(server: ScriptedServer) -> None:
    def code(sdk: ModuleType) -> Any:
        with _client(sdk, server) as client:
            completion = _chat(client)
            raw = client.chat.completions.with_raw_response.create(
                model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
            )
            return (
                completion._request_id,
                raw.headers.get("x-request-id"),
                raw.headers.get("openai-processing-ms"),
                raw.parse()._request_id,
            )

    headers = {"x-request-id": "req_abc", "openai-processing-ms": "12"}
    ours, theirs = _each(
        server,
        lambda: [Reply.json(COMPLETION, headers=headers), Reply.json(COMPLETION, headers=headers)],
        code,
    )
    assert ours == theirs == (("req_abc", "req_abc", "12", "req_abc"), 2)


def test_extra_headers_query_and_body(server: ScriptedServer) -> None:
    def code(sdk: ModuleType) -> Any:
        with _client(sdk, server, default_headers={"X-Team": "a"}, default_query={"v": "1"}) as c:
            c.chat.completions.create(
                model="gpt-4o",
                messages=[{"role": "user", "content": "hi"}],
                extra_headers={"X-Trace": "t1"},
                extra_query={"debug": "true"},
                extra_body={"custom_field": 1},
            )
        request = server.requests[-1]
        return (
            request.headers.get("x-team"),
            request.headers.get("x-trace"),
            sorted(request.query_dict.items()),
            request.json()["custom_field"],
            request.headers.get("authorization"),
        )

    ours, theirs = _each(server, lambda: [Reply.json(COMPLETION)], code)
    assert ours == theirs


def test_custom_http_client(server: ScriptedServer) -> None:
    def code(sdk: ModuleType) -> Any:
        seen: list[str] = []

        def hook(request: httpx.Request) -> None:
            seen.append(request.url.path)

        http_client = sdk.DefaultHttpxClient(event_hooks={"request": [hook]})
        with _client(sdk, server, http_client=http_client) as client:
            client.models.retrieve("gpt-4o")
        return seen

    ours, theirs = _each(server, lambda: [Reply.json(MODEL)], code)
    assert ours == theirs == (["/v1/models/gpt-4o"], 1)


def _length_finish_reason(server: ScriptedServer, observe: Callable[[Any], Any]) -> Any:
    from pydantic import BaseModel

    class Answer(BaseModel):
        value: int

    cut = {
        **COMPLETION,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": '{"val', "refusal": None},
                "finish_reason": "length",
                "logprobs": None,
            }
        ],
    }

    def code(sdk: ModuleType) -> Any:
        with _client(sdk, server) as client:
            try:
                client.chat.completions.parse(
                    model="gpt-4o",
                    messages=[{"role": "user", "content": "x"}],
                    response_format=Answer,
                )
            except sdk.LengthFinishReasonError as exc:
                return observe(exc)

    return _each(server, lambda: [Reply.json(cut)], code)


def test_length_finish_reason_in_parse(server: ScriptedServer) -> None:
    ours, theirs = _length_finish_reason(
        server,
        lambda exc: (
            type(exc).__name__,
            exc.completion.choices[0].finish_reason,
            exc.completion.usage.total_tokens,
            "length" in str(exc),
        ),
    )
    assert ours == theirs


@pytest.mark.xfail(
    strict=True,
    reason="deliberate: the official SDK's sentence is its own prose (GUIDE: no copied prose); "
    "ours states the same facts (finish_reason 'length', the usage) in our words",
)
def test_length_finish_reason_message_text(server: ScriptedServer) -> None:
    ours, theirs = _length_finish_reason(server, str)
    assert ours == theirs


@pytest.mark.anyio
async def test_async_retries_errors_and_raw(server: ScriptedServer) -> None:
    async def code(sdk: ModuleType) -> Any:
        server.reply(
            _error(500, "oops", "server_error"),
            Reply.json(COMPLETION, headers={"x-request-id": "req_a"}),
            _error(404, "no such model", "invalid_request_error"),
            Reply.json(COMPLETION),
        )
        async with sdk.AsyncOpenAI(
            api_key="sk-x", base_url=server.url + "/v1", max_retries=1
        ) as client:
            completion = await client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
            )
            try:
                await client.with_options(max_retries=0).models.retrieve("nope")
                missing = None
            except sdk.NotFoundError as exc:
                missing = (exc.status_code, exc.message)
            raw = await client.chat.completions.with_raw_response.create(
                model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
            )
            parsed = raw.parse()  # synchronous, as in the official SDK
            return completion._request_id, missing, type(parsed).__name__

    ours, theirs = await arun_both(code)
    assert ours == theirs
