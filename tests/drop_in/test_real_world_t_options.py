"""Real-world sweep T, request options: retry loops users write themselves around the SDK (a
tenacity-style decorator, a backoff honouring ``retry-after``), ``max_retries`` and ``timeout`` on
the client, through ``with_options`` and per call, ``extra_headers`` / ``extra_query`` /
``extra_body`` of every shape, ``NOT_GIVEN`` / ``omit`` in arguments built from optional settings,
and the client attributes apps read back — run unchanged against both packages over the loopback
server (see real_world_d).
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeVar

import httpx2

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY
from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]
_F = TypeVar("_F", bound=Callable[..., Any])


def api_error(status: int, message: str, code: str | None = None, **headers: str) -> Reply:
    body = {"error": {"message": message, "type": "x", "param": None, "code": code}}
    return Reply.json(body, status=status, headers=headers)


def ok(text: str = "ok", **headers: str) -> Reply:
    return Reply.json(chat_completion({"role": "assistant", "content": text}), headers=headers)


def echo(request: RecordedRequest) -> Reply:
    body = request.json() if request.body else {}
    return ok(json.dumps({"query": sorted(request.query), "keys": sorted(body)}))


def ask(client: Any, **options: Any) -> Any:
    return client.chat.completions.create(model="gpt-4o", messages=MESSAGES, **options)


def retrying(openai: ModuleType, attempts: int, sleeps: list[float]) -> Callable[[_F], _F]:
    """A tenacity-style decorator as apps write it: retry on rate limits and 5xx, wait what the
    server asks (``retry-after-ms`` then ``retry-after``) or back off exponentially."""

    def decorate(code: _F) -> _F:
        @functools.wraps(code)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for attempt in range(attempts):
                try:
                    return code(*args, **kwargs)
                except (openai.RateLimitError, openai.InternalServerError) as e:
                    if attempt == attempts - 1:
                        raise
                    headers = e.response.headers
                    if "retry-after-ms" in headers:
                        wait = float(headers["retry-after-ms"]) / 1000
                    elif "retry-after" in headers:
                        wait = float(headers["retry-after"])
                    else:
                        wait = 2.0**attempt
                    sleeps.append(wait)
                except openai.APIConnectionError:
                    if attempt == attempts - 1:
                        raise
                    sleeps.append(-1.0)
            raise AssertionError("unreachable")

        return wrapper  # type: ignore[return-value]

    return decorate


# --- retry loops users write -----------------------------------------------------------------------


@program
def tenacity_style_decorator(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        api_error(429, "slow", "rate_limit_exceeded", **{"retry-after": "3"}),
        api_error(503, "busy", **{"retry-after-ms": "250"}),
        api_error(500, "boom"),
        Reply.drop(),
        ok("finally"),
    )
    sleeps: list[float] = []

    @retrying(openai, 6, sleeps)
    def complete(text: str) -> str:
        result = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}]
        )
        return result.choices[0].message.content

    return complete("hello"), sleeps


@program
def retry_gives_up_and_reraises(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = api_error(429, "quota", "insufficient_quota")
    sleeps: list[float] = []

    @retrying(openai, 3, sleeps)
    def complete() -> Any:
        return ask(client)

    try:
        complete()
    except openai.RateLimitError as e:
        return e.code, e.message, sleeps, len(server.requests)


@program
def sdk_retries_with_options_then_own_loop(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The SDK's own retries turned on for one call, with ``retry-after-ms`` kept tiny."""
    server.reply(
        api_error(429, "a", **{"retry-after-ms": "1"}),
        api_error(500, "b", **{"retry-after-ms": "1"}),
        ok("third time"),
        api_error(503, "c", **{"retry-after-ms": "1"}),
        api_error(503, "d", **{"retry-after-ms": "1"}),
    )
    raw = client.with_options(max_retries=3).chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES
    )
    first = (raw.retries_taken, raw.parse().choices[0].message.content, raw.status_code)
    try:
        client.with_options(max_retries=1).chat.completions.create(
            model="gpt-4o", messages=MESSAGES
        )
    except openai.InternalServerError as e:
        second = (e.message, e.status_code)
    return first, second, len(server.requests), client.max_retries


@program
def retries_per_call_argument(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``max_retries`` is no per-call argument: code passes it through ``with_options``; a
    ``retries_taken`` read off the raw response of each."""
    server.reply(api_error(502, "gw", **{"retry-after-ms": "1"}), ok("a"), ok("b"))
    raw = client.with_options(max_retries=2).models.with_raw_response.list()
    try:
        ask(client, max_retries=2)
    except TypeError as e:
        problem = ("TypeError", "max_retries" in str(e))
    return raw.retries_taken, raw.status_code, problem


# --- timeouts ----------------------------------------------------------------------------------------


@program
def timeouts_of_every_shape(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = ok("fast")
    seen = []
    for timeout in (
        5,
        5.5,
        None,
        httpx2.Timeout(10.0),
        httpx2.Timeout(60.0, connect=5.0),
        httpx2.Timeout(None, read=30.0),
        httpx2.Timeout(connect=1.0, read=2.0, write=3.0, pool=4.0),
    ):
        c = openai.OpenAI(api_key=API_KEY, base_url=server.url, timeout=timeout, max_retries=0)
        seen.append((repr(c.timeout), ask(c).choices[0].message.content))
        seen.append(repr(c.with_options(timeout=timeout).timeout))
        seen.append(ask(client, timeout=timeout).choices[0].message.content)
        c.close()
    seen.append(repr(client.timeout))
    seen.append(repr(openai.DEFAULT_TIMEOUT))
    seen.append((openai.DEFAULT_MAX_RETRIES, repr(openai.DEFAULT_CONNECTION_LIMITS)))
    return seen


@program
def timeouts_that_fire(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    seen = []
    for timeout in (0.2, httpx2.Timeout(5.0, read=0.2), httpx2.Timeout(0.2, connect=5.0)):
        server.reply(Reply.hang())
        started = time.monotonic()
        try:
            ask(client, timeout=timeout)
        except openai.APITimeoutError as e:
            seen.append((type(e).__name__, e.message, time.monotonic() - started < 3))
    server.reply(Reply.hang())
    try:
        client.with_options(timeout=0.2).models.list()
    except openai.APITimeoutError as e:
        seen.append(("with_options", str(e)))
    return seen


@program
def timeout_taken_from_the_http_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A custom httpx client's timeout is the client's when none is given to the SDK."""
    seen = []
    for http_timeout in (httpx2.Timeout(7.0), httpx2.Timeout(5.0)):
        http = httpx2.Client(timeout=http_timeout)
        c = openai.OpenAI(api_key=API_KEY, base_url=server.url, http_client=http)
        seen.append((repr(c.timeout), c.max_retries))
        given = openai.OpenAI(api_key=API_KEY, base_url=server.url, http_client=http, timeout=3)
        seen.append(repr(given.timeout))
        c.close()
    return seen


# --- extras --------------------------------------------------------------------------------------


@program
def extra_query_of_every_shape(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.dynamic(echo)
    seen = []
    for query in (
        {"api-version": "2024-06-01"},
        {"flag": True, "n": 3, "ratio": 0.5},
        {"include": ["a", "b"]},
        {"filter": {"status": "done", "kind": "x"}},
        {"empty": "", "none": None},
    ):
        result = ask(client, extra_query=query)
        seen.append(json.loads(result.choices[0].message.content)["query"])
    return seen


@program
def extra_body_of_every_shape(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.dynamic(echo)
    for body in (
        {"guided_json": {"type": "object"}},  # vLLM
        {"top_k": 20, "repetition_penalty": 1.1},
        {"temperature": None},
        {"model": "overridden"},
        {"metadata": {"a": "b"}},
    ):
        ask(client, extra_body=body, metadata={"x": "y"})
    return [r.json() for r in server.requests]


@program
def extra_headers_of_every_shape(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = ok()
    ask(client, extra_headers={"X-Request-Source": "batch", "OpenAI-Beta": "assistants=v2"})
    ask(client, extra_headers={"Helicone-Auth": "Bearer hk", "helicone-cache-enabled": "true"})
    ask(client, extra_headers={"X-Empty": ""})
    ask(client, extra_headers=None)
    ask(client, extra_headers={"x-stainless-retry-count": openai.Omit()})
    return [
        {
            k: v
            for k, v in r.headers.items()
            if k.startswith(("x-request", "openai", "helicone", "x-empty"))
        }
        for r in server.requests
    ]


@program
def gateway_token_in_default_headers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A corporate gateway authenticates with its own token: apps pass it in ``default_headers``
    (the API key a placeholder), the way gateways' docs show; a call may still send another."""
    server.default = ok()
    gateway = openai.OpenAI(
        api_key="unused",
        base_url=server.url + "/v1",
        default_headers={"Authorization": "Bearer gateway-token", "X-Gateway": "eu"},
        max_retries=0,
    )
    ask(gateway)
    ask(gateway, extra_headers={"Authorization": "Bearer per-call"})
    gateway.with_options(timeout=5).models.list()
    lower = openai.OpenAI(
        api_key="sk-placeholder-key",
        base_url=server.url,
        default_headers={"authorization": "Bearer lower-case"},
        max_retries=0,
    )
    ask(lower)
    admin = openai.OpenAI(
        api_key="unused",
        admin_api_key="admin-placeholder",
        base_url=server.url,
        default_headers={"Authorization": "Bearer gateway-admin"},
        max_retries=0,
    )
    admin.admin.organization.users.list()
    azure = openai.AzureOpenAI(
        api_key="azure-key",
        api_version="2024-10-21",
        azure_endpoint=server.url,
        default_headers={"api-key": "from-default-headers", "Authorization": "Bearer extra"},
        max_retries=0,
    )
    ask(azure)
    for each in (gateway, lower, admin, azure):
        each.close()
    return [
        (
            r.path,
            r.headers.get("authorization"),
            r.headers.get("api-key"),
            r.headers.get("x-gateway"),
        )
        for r in server.requests
    ]


# --- NOT_GIVEN and omit ----------------------------------------------------------------------------


@program
def not_given_from_optional_settings(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A wrapper passes its optional settings through as ``NOT_GIVEN`` or ``omit``."""
    server.default = Reply.dynamic(echo)
    settings: dict[str, Any] = {"temperature": None, "max_tokens": 50, "seed": None}

    def given(value: Any) -> Any:
        return openai.NOT_GIVEN if value is None else value

    ask(
        client,
        temperature=given(settings["temperature"]),
        max_tokens=given(settings["max_tokens"]),
        seed=settings["seed"] if settings["seed"] is not None else openai.omit,
        tools=openai.NOT_GIVEN,
        tool_choice=openai.omit,
        stream=openai.NOT_GIVEN,
        timeout=openai.NOT_GIVEN,
        user=openai.Omit(),
    )
    client.completions.create(model="m", prompt="x", suffix=openai.NOT_GIVEN, n=openai.omit)
    return (
        [r.json() for r in server.requests],
        bool(openai.NOT_GIVEN),
        repr(openai.NOT_GIVEN),
        bool(openai.omit),
        isinstance(openai.NOT_GIVEN, openai.NotGiven),
        isinstance(openai.omit, openai.Omit),
        type(openai.NotGiven()).__name__,
    )


@program
def not_given_in_client_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = ok()
    c = openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url,
        timeout=openai.NOT_GIVEN,
        max_retries=0,
    )
    copied = c.with_options(timeout=openai.NOT_GIVEN, max_retries=openai.NOT_GIVEN)
    ask(copied)
    result = (repr(c.timeout), repr(copied.timeout), copied.max_retries)
    c.close()
    return result


@async_program
async def async_own_retry_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        api_error(429, "slow", **{"retry-after": "0"}),
        Reply.drop(),
        ok("done"),
    )
    attempts = []
    for _ in range(5):
        try:
            result = await client.with_options(timeout=httpx2.Timeout(5.0)).chat.completions.create(
                model="gpt-4o", messages=MESSAGES
            )
            attempts.append(result.choices[0].message.content)
            break
        except openai.RateLimitError as e:
            attempts.append(("rate", e.response.headers.get("retry-after")))
        except openai.APIConnectionError as e:
            attempts.append(("conn", type(e).__name__, e.message))
    return attempts


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
