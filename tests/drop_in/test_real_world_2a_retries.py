"""Real-world sweep 2A, the retry layers applications put around the client (tenacity's and
backoff's idioms, written out here): a decorator retrying on the rate-limit, timeout and
connection errors with the client's own retries off, reading the error's status, headers, body
and request to decide and to log; a give-up hook; errors re-raised as an app's own with
``raise ... from``; the class hierarchy an ``except`` ladder relies on; the async twin — programs
written for the official SDK, run unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

ASK = [{"role": "user", "content": "hi"}]
ANSWER = Reply.json(chat_completion({"role": "assistant", "content": "fine"}))


def api_error(status: int, message: str, code: str | None = None, **headers: str) -> Reply:
    body = {"error": {"message": message, "type": "requests", "param": None, "code": code}}
    return Reply.json(body, status, headers=headers)


def retrying(
    retry_on: tuple[type[BaseException], ...],
    attempts: int,
    log: list[Any],
    before_sleep: Callable[[BaseException], Any] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """tenacity's ``retry(stop=stop_after_attempt(n), retry=retry_if_exception_type(...))``, with
    its sleep left out."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for attempt in range(1, attempts + 1):
                try:
                    return function(*args, **kwargs)
                except retry_on as error:
                    if attempt == attempts:
                        raise
                    log.append(("retrying", attempt, type(error).__name__))
                    if before_sleep is not None:
                        log.append(before_sleep(error))
            raise AssertionError("unreachable")

        return wrapper

    return decorate


@program
def tenacity_style_retry_on_transient_errors(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The decorator every cookbook shows, the client's retries off: a 429, a dropped
    connection, a 503, then an answer; before each sleep the error is logged from its fields."""
    log: list[Any] = []

    def describe(error: BaseException) -> Any:
        request = getattr(error, "request", None)
        response = getattr(error, "response", None)
        return (
            type(error).__name__,
            getattr(error, "status_code", None),
            getattr(error, "code", None),
            None if response is None else response.headers.get("retry-after"),
            None if request is None else (request.method, request.url.path),
            None if request is None else json.loads(request.content)["model"],
            str(error)[:40],
        )

    @retrying(
        (
            openai.RateLimitError,
            openai.APITimeoutError,
            openai.APIConnectionError,
            openai.InternalServerError,
        ),
        5,
        log,
        describe,
    )
    def ask() -> Any:
        return client.chat.completions.create(model="gpt-4o", messages=ASK)

    server.reply(
        api_error(
            429, "Rate limit reached for gpt-4o", "rate_limit_exceeded", **{"retry-after": "2"}
        ),
        Reply.drop(),
        api_error(503, "The engine is currently overloaded"),
        ANSWER,
    )
    completion = ask()
    return log, completion.choices[0].message.content, len(server.requests)


@program
def give_up_hook_reads_the_last_error(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """backoff's ``on_giveup`` handler: after the attempts run out it reads the last error's
    response (status, reason, headers, the JSON and the text) and the request it answered."""
    log: list[Any] = []
    given_up: list[Any] = []

    @retrying((openai.RateLimitError,), 2, log)
    def ask() -> Any:
        return client.chat.completions.create(model="gpt-4o", messages=ASK, temperature=0)

    limited = api_error(
        429,
        "You exceeded your current quota",
        "insufficient_quota",
        **{"x-ratelimit-reset-requests": "1s", "x-request-id": "req_q"},
    )
    server.reply(limited, limited)
    try:
        ask()
    except openai.RateLimitError as error:
        response = error.response
        given_up.append(
            (
                response.status_code,
                response.reason_phrase,
                response.headers.get("x-ratelimit-reset-requests"),
                response.json()["error"]["code"],
                json.loads(response.text)["error"]["message"],
                error.body,
                error.request_id,
                error.request.headers.get("content-type"),
                json.loads(error.request.read())["temperature"],
                error.response.request is error.request,
            )
        )
    return log, given_up


@program
def errors_reraised_as_the_apps_own(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A service layer turning SDK errors into its own with ``raise ... from``: the chain, the
    message it builds from the error, the status it maps to for its HTTP API."""

    class ServiceError(Exception):
        def __init__(self, status: int, detail: str) -> None:
            super().__init__(detail)
            self.status = status

    def call() -> Any:
        try:
            return client.chat.completions.create(model="gpt-4o", messages=ASK)
        except openai.APIStatusError as error:
            status = 503 if error.status_code >= 500 or error.status_code == 429 else 400
            raise ServiceError(status, f"upstream {error.status_code}: {error.message}") from error
        except openai.APIConnectionError as error:
            raise ServiceError(502, f"upstream unreachable: {error.message}") from error

    seen = []
    for reply in (
        api_error(400, "Invalid 'messages[0].role'", "invalid_value"),
        api_error(429, "Slow down"),
        api_error(500, "The server had an error"),
        Reply.drop(),
        api_error(401, "Incorrect API key provided"),
    ):
        server.reply(reply)
        try:
            call()
        except ServiceError as error:
            cause = error.__cause__
            seen.append(
                (
                    error.status,
                    str(error),
                    type(cause).__name__,
                    type(cause.__cause__).__name__ if cause and cause.__cause__ else None,
                    error.__suppress_context__,
                )
            )
    return seen


@program
def except_ladder_and_class_hierarchy(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The order of ``except`` clauses a wrapper writes only works if the classes nest as in
    the SDK: each error's MRO among the SDK's names, and which clause of a ladder takes it."""
    names = {
        name
        for name in dir(openai)
        if not name.startswith("_")
        and isinstance(getattr(openai, name), type)
        and issubclass(getattr(openai, name), Exception)
    }

    def ladder(error: Exception) -> str:
        try:
            raise error
        except openai.APITimeoutError:
            return "timeout"
        except openai.APIConnectionError:
            return "connection"
        except (openai.RateLimitError, openai.InternalServerError):
            return "transient"
        except openai.APIStatusError:
            return "status"
        except openai.APIError:
            return "api"
        except openai.OpenAIError:
            return "openai"

    seen = []
    for reply in (
        api_error(429, "r"),
        api_error(500, "s"),
        api_error(502, "b"),
        api_error(404, "n"),
        api_error(409, "c"),
        api_error(422, "u"),
        api_error(418, "t"),
        Reply.drop(),
        Reply.after(1.0, ANSWER),
    ):
        server.reply(reply)
        try:
            client.with_options(timeout=0.2).chat.completions.create(model="gpt-4o", messages=ASK)
        except openai.OpenAIError as error:
            mro = [c.__name__ for c in type(error).__mro__ if c.__name__ in names]
            seen.append((ladder(error), mro))
    return sorted(names), seen


@program
def status_errors_built_by_a_test_double(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A library's unit tests constructing the SDK's errors by hand (the documented constructor:
    message, ``response=``, ``body=``) to drive its retry code, then reading them back."""
    import httpx

    request = httpx.Request("POST", "https://api.openai.com/v1/chat/completions")
    seen = []
    for cls, status in (
        (openai.RateLimitError, 429),
        (openai.InternalServerError, 500),
        (openai.BadRequestError, 400),
        (openai.APIStatusError, 418),
    ):
        response = httpx.Response(
            status, request=request, headers={"x-request-id": "req_t", "retry-after": "1"}
        )
        error = cls("made up", response=response, body={"error": {"message": "made up"}})
        seen.append(
            (
                type(error).__name__,
                error.status_code,
                error.message,
                str(error),
                error.body,
                error.request_id,
                error.request is request,
                error.code,
                error.type,
                error.param,
            )
        )
    timeout = openai.APITimeoutError(request=request)
    connection = openai.APIConnectionError(request=request)
    custom = openai.APIConnectionError(message="proxy refused", request=request)
    seen.append([(type(e).__name__, e.message, str(e)) for e in (timeout, connection, custom)])
    return seen


test_program_observes_the_same = observed_the_same(PROGRAMS)


@async_program
async def async_retry_decorator(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The async form of the decorator (``AsyncRetrying``), with a timeout caught as what it is
    and the error's request read back."""
    log: list[Any] = []

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            for attempt in range(1, 4):
                try:
                    return await function(*args, **kwargs)
                except (openai.APITimeoutError, openai.RateLimitError) as error:
                    log.append(
                        (
                            attempt,
                            type(error).__name__,
                            error.request.url.path,
                            isinstance(error, openai.APIConnectionError),
                            getattr(error, "status_code", None),
                        )
                    )
                    await asyncio.sleep(0)
            raise AssertionError("gave up")

        return wrapper

    @decorate
    async def ask() -> Any:
        return await client.with_options(timeout=0.2).chat.completions.create(
            model="gpt-4o", messages=ASK
        )

    server.reply(Reply.after(1.0, ANSWER), api_error(429, "slow"), ANSWER)
    completion = await ask()
    return log, completion.choices[0].message.content


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
