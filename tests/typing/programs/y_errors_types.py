"""Sweep Y, types of error handling and client options as test suites and retry helpers write
them: the SDK's errors built by hand in unit tests (a 429 with its response, a timeout with its
request), every attribute an error report reads, a retry decorator generic over the call it wraps
(``ParamSpec``), clients derived with ``with_options`` / ``copy`` kept in typed attributes, and a
custom ``http_client`` — with ``reveal_type`` where its author's editor shows a type."""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx
import openai
from openai import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncOpenAI,
    AuthenticationError,
    InternalServerError,
    OpenAI,
    RateLimitError,
)
from openai.types.chat import ChatCompletion
from typing_extensions import ParamSpec, reveal_type

P = ParamSpec("P")
R = TypeVar("R")

URL = "https://api.openai.com/v1/chat/completions"


def fake_rate_limit() -> RateLimitError:
    request = httpx.Request("POST", URL)
    response = httpx.Response(429, request=request, headers={"retry-after": "2"})
    return RateLimitError(
        "Rate limit reached", response=response, body={"code": "rate_limit_exceeded"}
    )


def fake_errors() -> list[APIError]:
    request = httpx.Request("POST", URL)
    return [
        fake_rate_limit(),
        APITimeoutError(request=request),
        APIConnectionError(request=request),
        APIConnectionError(message="proxy refused", request=request),
        AuthenticationError("bad key", response=httpx.Response(401, request=request), body=None),
        InternalServerError("oops", response=httpx.Response(500, request=request), body="oops"),
        APIStatusError("teapot", response=httpx.Response(418, request=request), body=None),
        APIResponseValidationError(httpx.Response(200, request=request), {"id": 1}),
        APIError("stream error", request, body={"message": "x"}),
    ]


def describe(error: APIError) -> dict[str, object]:
    reveal_type(error.message)
    reveal_type(error.request.url)
    reveal_type(error.body)
    report: dict[str, object] = {"type": error.type, "code": error.code, "param": error.param}
    if isinstance(error, APIStatusError):
        reveal_type(error.status_code)
        reveal_type(error.request_id)
        report["retry_after"] = error.response.headers.get("retry-after")
    elif isinstance(error, APITimeoutError):
        reveal_type(error)
    elif isinstance(error, APIResponseValidationError):
        reveal_type(error.status_code)
    return report


def with_retries(attempts: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    def decorate(call: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(call)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in range(attempts - 1):
                try:
                    return call(*args, **kwargs)
                except (RateLimitError, APIConnectionError, InternalServerError):
                    time.sleep(2**attempt)
            return call(*args, **kwargs)

        return wrapper

    return decorate


def async_with_retries(
    call: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[R]]:
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await call(*args, **kwargs)
        except openai.APITimeoutError:
            return await call(*args, **kwargs)

    return wrapper


class Service:
    def __init__(self, http_client: httpx.Client | None = None) -> None:
        self.client: OpenAI = OpenAI(
            max_retries=0,
            timeout=httpx.Timeout(30.0, connect=5.0),
            http_client=http_client,
            default_headers={"X-App": "svc"},
            default_query={"tenant": "t1"},
        )
        self.patient: OpenAI = self.client.with_options(timeout=120.0, max_retries=5)
        self.scoped = self.client.copy(default_headers={"X-Scope": "admin"})
        self.aclient = AsyncOpenAI(http_client=openai.DefaultAsyncHttpxClient(timeout=10.0))

    @with_retries(3)
    def ask(self, prompt: str, *, model: str = "gpt-4o") -> ChatCompletion:
        return self.patient.chat.completions.create(
            model=model, messages=[{"role": "user", "content": prompt}]
        )

    async def aask(self, prompt: str) -> ChatCompletion:
        create = async_with_retries(self.aclient.with_options(timeout=5.0).chat.completions.create)
        return await create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])


def main() -> None:
    service = Service(http_client=openai.DefaultHttpxClient(proxy="http://proxy:3128"))
    reveal_type(service.scoped)
    reveal_type(service.client.max_retries)
    reveal_type(service.ask("hi"))
    reveal_type(service.ask)
    for error in fake_errors():
        describe(error)
    try:
        service.ask("again")
    except APIStatusError as e:
        reveal_type(e.response)
        reveal_type(e.response.status_code)
