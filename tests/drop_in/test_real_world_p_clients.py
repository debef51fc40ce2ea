"""Real-world sweep P, the client itself: construction from arguments and the environment,
``copy``/``with_options`` edge cases, per-request options overriding the client's, retry delays
as tests see them through a patched ``time.sleep``, timeouts and refused ports, the error
attributes support code reads, ``httpx.MockTransport`` clients as unit tests build them, closed
clients, Azure construction and the module-level client — run unchanged against both packages
over the loopback server (or an in-process transport).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import httpx

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY, fresh_module_client
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion, wire
from .test_real_world_e_clients import environment

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MODEL = {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "system"}


def answer(request: RecordedRequest) -> Reply:
    if request.method == "GET":
        return Reply.json(MODEL, headers={"x-request-id": "req_get"})
    messages = request.json().get("messages") or [{"content": ""}]
    return Reply.json(
        chat_completion({"role": "assistant", "content": messages[-1]["content"]}),
        headers={"x-request-id": "req_" + str(messages[-1]["content"]).replace(" ", "_")},
    )


def ask(client: Any, text: str = "hi", **options: Any) -> Any:
    return client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}], **options
    )


def error(status: int, message: str, code: str | None = None, **headers: str) -> Reply:
    return Reply.json(
        {
            "error": {
                "message": message,
                "type": "invalid_request_error",
                "param": None,
                "code": code,
            }
        },
        status=status,
        headers=headers,
    )


@contextmanager
def recorded_sleeps() -> Iterator[list[float]]:
    """``time.sleep`` patched as test suites patch it to make retries instant."""
    sleeps: list[float] = []
    saved = time.sleep
    time.sleep = sleeps.append  # type: ignore[assignment]
    try:
        yield sleeps
    finally:
        time.sleep = saved


# --- construction -------------------------------------------------------------------------------


@program
def arguments_win_over_the_environment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The environment names a staging server and org; the code passes its own."""
    server.default = Reply.dynamic(answer)
    with environment(
        OPENAI_API_KEY="sk-env",
        OPENAI_BASE_URL="http://127.0.0.1:9/unused",
        OPENAI_ORG_ID="org-env",
        OPENAI_PROJECT_ID="proj_env",
    ):
        mine = openai.OpenAI(
            api_key="sk-arg",
            base_url=server.url + "/v1",
            organization="org-arg",
            max_retries=0,
        )
        from_env = openai.OpenAI()
    shown = (
        mine.api_key,
        str(mine.base_url),
        mine.organization,
        mine.project,
        from_env.api_key,
        str(from_env.base_url),
        from_env.organization,
        from_env.project,
        mine.base_url.host,
        mine.base_url.raw_path,
    )
    ask(mine, "args")
    mine.close()
    from_env.close()
    return shown, [wire(r) for r in server.requests]


@program
def empty_strings_in_the_environment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A deployment exports the variables empty: what the client makes of each."""
    outcomes: list[Any] = []
    with environment(OPENAI_API_KEY="", OPENAI_BASE_URL="", OPENAI_ORG_ID="", OPENAI_PROJECT_ID=""):
        try:
            c = openai.OpenAI()
            outcomes.append((repr(c.api_key), str(c.base_url), c.organization, c.project))
            c.close()
        except openai.OpenAIError as exc:
            outcomes.append((type(exc).__name__, "OPENAI_API_KEY" in str(exc)))
    with environment(OPENAI_BASE_URL=""):
        try:
            c = openai.OpenAI(api_key="")
            outcomes.append((repr(c.api_key), str(c.base_url)))
            c.close()
        except openai.OpenAIError as exc:
            outcomes.append((type(exc).__name__, "OPENAI_API_KEY" in str(exc)))
    with environment(OPENAI_ORG_ID="", OPENAI_PROJECT_ID=""):
        c = openai.OpenAI(api_key="sk-x")
        outcomes.append((str(c.base_url), c.organization, c.project))
        c.close()
    return outcomes


@program
def missing_key_messages(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Start-up checks matching the SDK's message (its own wording aside: names of the
    arguments and variables), sync and async."""
    seen = []
    for make in (openai.OpenAI, openai.AsyncOpenAI):
        try:
            make(base_url=server.url)
        except openai.OpenAIError as exc:
            text = str(exc)
            words = [w in text for w in ("api_key", "OPENAI_API_KEY", "admin_api_key")]
            seen.append((type(exc).__name__, text == exc.args[0], text[:19], *words))
    return seen


@program
def copies_keep_what_they_are_not_told(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``copy(organization=None)`` and friends: what a copy keeps from its parent."""
    server.default = Reply.dynamic(answer)
    base = openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url,
        organization="org-1",
        project="proj_1",
        max_retries=4,
        timeout=12.5,
        default_headers={"X-App": "a"},
        default_query={"v": "1"},
    )
    copies = {
        "plain": base.copy(),
        "org_none": base.copy(organization=None),
        "key": base.copy(api_key="sk-other"),
        "retries0": base.with_options(max_retries=0),
        "headers": base.with_options(default_headers={"X-Other": "b"}),
        "query": base.with_options(default_query={"w": "2"}),
        "base_url": base.with_options(base_url=server.url + "/v2"),
    }
    described = {
        name: (
            c.api_key,
            str(c.base_url),
            c.organization,
            c.project,
            c.max_retries,
            repr(c.timeout),
            {
                k: v
                for k, v in c.default_headers.items()
                if k.startswith("X-") and not k.startswith("X-Stainless")
            },
            dict(c.default_query),
            c is base,
        )
        for name, c in copies.items()
    }
    for name, c in copies.items():
        ask(c, name)
    base.close()
    return described, [wire(r) for r in server.requests]


@program
def copy_with_both_header_arguments(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Both ``default_headers`` and ``set_default_headers`` given: the error text."""
    base = openai.OpenAI(api_key=API_KEY, base_url=server.url)
    seen = []
    for kwargs in (
        {"default_headers": {"a": "1"}, "set_default_headers": {"b": "2"}},
        {"default_query": {"a": "1"}, "set_default_query": {"b": "2"}},
    ):
        try:
            base.copy(**kwargs)
        except Exception as exc:
            seen.append((type(exc).__name__, str(exc)))
    base.close()
    return seen


# --- per-request options --------------------------------------------------------------------------


@program
def per_request_options_override_the_clients(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A gateway needs a per-call key, org and trace id; extras replace what the call sets."""
    server.default = Reply.dynamic(answer)
    c = openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url,
        organization="org-client",
        default_headers={"X-Trace": "client"},
        default_query={"tenant": "t0"},
        max_retries=0,
    )
    ask(
        c,
        "per call",
        extra_headers={
            "Authorization": "Bearer sk-per-call",
            "OpenAI-Organization": "org-call",
            "X-Trace": "call",
        },
        extra_query={"tenant": "t1", "debug": "true"},
        extra_body={"temperature": 0.1, "messages": [{"role": "user", "content": "replaced"}]},
        temperature=0.9,
    )
    c.models.list(extra_query={"limit": 3})
    c.models.retrieve("gpt-4o", extra_headers={"X-Trace": "retrieve"})
    c.close()
    return [(wire(r), r.headers.get("authorization")) for r in server.requests]


@program
def omit_a_default_header_per_call(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``openai.Omit()`` (or ``NOT_GIVEN``) in extra_headers drops the client's header."""
    server.default = Reply.json(MODEL)
    c = openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url,
        organization="org-x",
        default_headers={"X-App": "a"},
        max_retries=0,
    )
    c.models.retrieve("gpt-4o", extra_headers={"OpenAI-Organization": openai.Omit()})
    c.models.retrieve("gpt-4o", extra_headers={"X-App": openai.Omit()})
    c.close()
    return [wire(r) for r in server.requests]


# --- retries as a test suite sees them ------------------------------------------------------------


@program
def retry_delays_seen_by_a_patched_sleep(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A suite patches ``time.sleep`` and asserts on the delays the headers asked for."""
    server.reply(
        error(429, "slow", "rate_limit_exceeded", **{"retry-after": "2"}),
        error(503, "busy", **{"retry-after-ms": "1500"}),
        error(500, "boom", **{"retry-after-ms": "250", "retry-after": "9"}),
        Reply.dynamic(answer),
    )
    c = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=5)
    with recorded_sleeps() as sleeps:
        raw = c.chat.completions.with_raw_response.create(
            model="gpt-4o", messages=[{"role": "user", "content": "retried"}]
        )
    c.close()
    return sleeps, raw.retries_taken, raw.parse()._request_id, len(server.requests)


@program
def backoff_without_headers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """No retry headers: exponential backoff with jitter, asserted within bounds."""
    server.reply(error(500, "a"), error(502, "b"), error(504, "c"), Reply.dynamic(answer))
    c = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=3)
    with recorded_sleeps() as sleeps:
        ask(c, "backoff")
    c.close()
    bounds = [(0.5 * 0.75 * 2**n, 0.5 * 2**n) for n in range(3)]
    return len(sleeps), [lo <= s <= hi for s, (lo, hi) in zip(sleeps, bounds, strict=True)]


@program
def unusable_retry_after_values(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Garbage, negative, huge and HTTP-date ``retry-after`` values: what is waited."""
    seen: list[Any] = []
    for value in ("soon", "-1", "120", "Wed, 21 Oct 2015 07:28:00 GMT", "0", "0.2"):
        server.requests.clear()
        server.reply(error(429, "slow", **{"retry-after": value}), Reply.dynamic(answer))
        c = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=1)
        with recorded_sleeps() as sleeps:
            ask(c, value)
        c.close()
        seen.append((value, [s if s >= 1 or s == 0.2 else "backoff" for s in sleeps]))
    return seen


@program
def should_retry_header_both_ways(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``x-should-retry: true`` on a 400 retries; ``false`` on a 503 does not; values are
    compared exactly."""
    seen: list[Any] = []
    c = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=1)
    for status, value in ((400, "true"), (503, "false"), (409, "True"), (429, "0")):
        server.requests.clear()
        server.reply(
            error(status, "x", **{"x-should-retry": value, "retry-after-ms": "1"}),
            Reply.dynamic(answer),
        )
        with recorded_sleeps():
            try:
                ask(c, "x")
                seen.append((status, value, "ok", len(server.requests)))
            except openai.APIStatusError as exc:
                seen.append((status, value, exc.status_code, len(server.requests)))
                ask(c, "drain")
    c.close()
    return seen


# --- errors --------------------------------------------------------------------------------------


@program
def status_error_attribute_tour(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Everything a support handler reads off each status error class."""
    seen: list[Any] = []
    for status, cls in (
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (422, "UnprocessableEntityError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
        (418, "APIStatusError"),
    ):
        server.reply(
            Reply.json(
                {
                    "error": {
                        "message": f"m{status}",
                        "type": "t",
                        "param": "p",
                        "code": f"c{status}",
                    }
                },
                status=status,
                headers={"x-request-id": f"req_{status}", "x-ratelimit-remaining-requests": "0"},
            )
        )
        try:
            client.models.retrieve("gpt-4o")
        except getattr(openai, cls) as e:
            seen.append(
                (
                    type(e).__name__,
                    e.status_code,
                    e.message,
                    str(e),
                    e.body,
                    e.code,
                    e.param,
                    e.type,
                    e.request_id,
                    e.response.headers["x-ratelimit-remaining-requests"],
                    e.response.json(),
                    e.request.method,
                    str(e.request.url).replace(server.url, ""),
                    e.args,
                    isinstance(e, openai.APIStatusError),
                    isinstance(e, openai.APIError),
                    isinstance(e, openai.OpenAIError),
                )
            )
    return seen


@program
def error_without_an_error_object(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Proxies answer with their own shapes: flat JSON, a JSON list, HTML, nothing."""
    seen: list[Any] = []
    for reply in (
        Reply.json({"message": "flat", "code": "x"}, status=400),
        Reply.json(["a", "b"], status=400),
        Reply.raw(b"<html>bad gateway</html>", status=502, content_type="text/html"),
        Reply.raw(b"", status=500, content_type="application/json"),
        Reply.json({"error": "just text"}, status=403),
        Reply.json({"error": {"message": None, "code": 42}}, status=400),
    ):
        server.reply(reply)
        try:
            client.models.retrieve("gpt-4o")
        except openai.APIStatusError as e:
            seen.append((type(e).__name__, e.message, str(e), e.body, e.code, e.param, e.type))
    return seen


@program
def refused_port_and_retries(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Nothing listens: the error, its cause and how often a patched sleep was asked."""
    c = openai.OpenAI(api_key=API_KEY, base_url="http://127.0.0.1:9/v1", max_retries=2)
    with recorded_sleeps() as sleeps:
        try:
            c.models.list()
        except openai.APIConnectionError as e:
            seen = (
                type(e).__name__,
                str(e),
                e.message,
                e.request.method,
                str(e.request.url),
                type(e.__cause__).__name__,
                isinstance(e, openai.APITimeoutError),
                e.body,
                getattr(e, "code", "absent"),
                len(sleeps),
            )
    c.close()
    return seen


@program
def timeout_error_details(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A hung server and a tiny timeout: the error and what it says."""
    server.reply(Reply.hang())
    c = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0, timeout=0.3)
    try:
        ask(c, "slow")
    except openai.APITimeoutError as e:
        seen = (
            type(e).__name__,
            str(e),
            e.message,
            type(e.__cause__).__name__,
            isinstance(e, openai.APIConnectionError),
            e.request.method,
            e.request.url.path,
            [type(k).__name__ for k in type(e).__mro__],
        )
    c.close()
    return seen


# --- http clients ---------------------------------------------------------------------------------


@program
def mock_transport_unit_test(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The common unit-test setup: an ``httpx.MockTransport`` answering from a handler."""
    seen: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        seen.append(
            (
                request.method,
                str(request.url),
                request.headers.get("authorization"),
                request.headers.get("content-type"),
                body,
            )
        )
        if request.url.path.endswith("/models"):
            return httpx.Response(200, json={"object": "list", "data": [MODEL]})
        if request.url.path.endswith("/embeddings"):
            return httpx.Response(429, json={"error": {"message": "slow", "code": "rl"}})
        return httpx.Response(
            200,
            json=chat_completion({"role": "assistant", "content": "mocked"}),
            headers={"x-request-id": "req_mock"},
        )

    c = openai.OpenAI(
        api_key="sk-test",
        base_url="https://api.example.test/v1",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        max_retries=0,
    )
    completion = ask(c, "mock me")
    models = [m.id for m in c.models.list()]
    try:
        c.embeddings.create(model="text-embedding-3-small", input="x")
    except openai.RateLimitError as e:
        failed = (e.status_code, e.message, e.code)
    c.close()
    return completion.choices[0].message.content, completion._request_id, models, failed, seen


@program
def default_httpx_client_with_limits(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``DefaultHttpxClient(limits=..., headers=...)``: the SDK's defaults kept, the caller's
    settings applied."""
    server.default = Reply.json(MODEL)
    http = openai.DefaultHttpxClient(
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        headers={"X-From-Http-Client": "yes"},
    )
    shown = (repr(http.timeout), http.follow_redirects, http.is_closed)
    with openai.OpenAI(api_key=API_KEY, base_url=server.url, http_client=http) as c:
        c.models.retrieve("gpt-4o")
        c.models.retrieve("gpt-4o")
    return shown, http.is_closed, [wire(r) for r in server.requests]


@program
def closed_client_used_again(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A script closes its client in ``finally`` and a late callback still uses it."""
    server.default = Reply.json(MODEL)
    c = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0)
    c.models.retrieve("gpt-4o")
    c.close()
    closed = c.is_closed()
    try:
        c.models.retrieve("gpt-4o")
        outcome: Any = "worked"
    except Exception as exc:
        outcome = (type(exc).__name__, str(exc), type(exc.__cause__).__name__)
    c.close()  # twice is fine
    with openai.OpenAI(api_key=API_KEY, base_url=server.url) as d:
        pass
    return closed, outcome, d.is_closed(), len(server.requests)


# --- Azure ---------------------------------------------------------------------------------------


@program
def azure_construction_errors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The messages Azure set-ups hit first."""
    seen: list[Any] = []
    attempts = [
        {"azure_endpoint": server.url, "api_key": "k"},
        {"api_version": "2024-10-21", "api_key": "k"},
        {
            "api_version": "2024-10-21",
            "azure_endpoint": server.url,
            "api_key": "k",
            "azure_ad_token": "t",
        },
        {
            "api_version": "2024-10-21",
            "azure_endpoint": server.url,
            "base_url": server.url,
            "api_key": "k",
        },
        {"api_version": "2024-10-21", "azure_endpoint": server.url},
    ]
    words = (
        "api_version",
        "OPENAI_API_VERSION",
        "azure_endpoint",
        "AZURE_OPENAI_ENDPOINT",
        "mutually exclusive",
        "base_url",
        "Missing credentials",
        "AZURE_OPENAI_API_KEY",
    )
    for kwargs in attempts:
        try:
            c = openai.AzureOpenAI(**kwargs)
            seen.append(("built", str(c.base_url)))
            c.close()
        except Exception as exc:
            # what `pytest.raises(..., match=...)` in the app's tests looks for
            seen.append((type(exc).__name__, [w for w in words if w in str(exc)]))
    return seen


@program
def azure_options_and_deployment_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A client bound to one deployment, its ``with_options`` and ``copy``, the query each
    sends and the key header."""
    server.default = Reply.dynamic(answer)
    az = openai.AzureOpenAI(
        api_key="azure-key",
        api_version="2024-10-21",
        azure_endpoint=server.url,
        azure_deployment="dep-1",
        max_retries=0,
    )
    slower = az.with_options(timeout=30, default_headers={"X-Team": "ml"})
    rotated = az.copy(api_key="azure-key-2", api_version="2025-01-01-preview")
    for c, text in ((az, "bound"), (slower, "slower"), (rotated, "rotated")):
        ask(c, text)
    az.embeddings.create(model="ignored", input="x") if False else None
    shown = [
        (str(c.base_url), c.api_key, repr(c.timeout), type(c).__name__)
        for c in (az, slower, rotated)
    ]
    az.close()
    sent = [
        (r.path, sorted(r.query), r.headers.get("api-key"), r.headers.get("x-team"))
        for r in server.requests
    ]
    return shown, sent


# --- the module client ----------------------------------------------------------------------------

MODULE_SETTINGS = (
    "api_key",
    "base_url",
    "organization",
    "project",
    "max_retries",
    "timeout",
    "default_headers",
    "default_query",
)


@program
def module_client_settings_changed_between_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A notebook sets the module's options, calls, changes them, calls again."""
    saved = {name: getattr(openai, name) for name in MODULE_SETTINGS}
    fresh_module_client(openai)
    server.default = Reply.json(MODEL)
    try:
        openai.api_key = "sk-module-1"
        openai.base_url = server.url + "/v1/"
        openai.max_retries = 0
        openai.default_headers = {"X-Notebook": "1"}
        openai.default_query = {"nb": "1"}
        openai.models.retrieve("gpt-4o")
        openai.api_key = "sk-module-2"
        openai.organization = "org-later"
        openai.default_headers = {"X-Notebook": "2"}
        openai.models.retrieve("gpt-4o")
        openai.timeout = 0.25
        server.reply(Reply.hang())
        try:
            openai.models.retrieve("gpt-4o")
        except openai.APITimeoutError as e:
            timed_out = type(e).__name__
    finally:
        for name, value in saved.items():
            setattr(openai, name, value)
        fresh_module_client(openai)
    sent = [
        (
            r.path,
            sorted(r.query),
            r.headers.get("authorization"),
            r.headers.get("openai-organization"),
            r.headers.get("x-notebook"),
        )
        for r in server.requests
    ]
    return sent, timed_out


test_program_observes_the_same = observed_the_same(PROGRAMS, with_client=True)


# --- async ---------------------------------------------------------------------------------------


@async_program
async def async_mock_transport(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``AsyncOpenAI`` over an ``httpx.MockTransport`` (async handler), retrying a 503."""
    calls: list[Any] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        calls.append(
            (
                request.method,
                request.url.path,
                request.headers.get("x-stainless-retry-count") is not None,
            )
        )
        if len(calls) == 1:
            return httpx.Response(
                503, json={"error": {"message": "busy"}}, headers={"retry-after-ms": "1"}
            )
        return httpx.Response(200, json={"object": "list", "data": [MODEL]})

    async with openai.AsyncOpenAI(
        api_key="sk-test",
        base_url="https://api.example.test/v1",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        max_retries=1,
    ) as c:
        page = await c.models.list()
        ids = [m.id async for m in page]
    return ids, [(m, p) for m, p, _ in calls], c.is_closed()


@async_program
async def async_errors_and_closed_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(error(404, "no such model", "model_not_found", **{"x-request-id": "req_404"}))
    try:
        await client.models.retrieve("nope")
    except openai.NotFoundError as e:
        first = (e.status_code, e.code, e.request_id, str(e), e.body)
    c = openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url, max_retries=0)
    await c.close()
    try:
        await c.models.retrieve("gpt-4o")
        second: Any = "worked"
    except Exception as exc:
        second = (type(exc).__name__, str(exc))
    return first, second, c.is_closed()


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)


# --- deliberate differences -----------------------------------------------------------------------


def test_an_empty_openai_base_url_falls_back_to_the_default(server: ScriptedServer) -> None:
    """Deliberate: ``OPENAI_BASE_URL=""`` (a variable exported empty) leaves the official client
    with the base URL ``''``, so its every call fails with a connection error; ours treats the
    empty value as unset and calls the API's default base URL. No working program relies on
    the official behaviour."""
    import openai as official

    import typed_openai

    with environment(OPENAI_BASE_URL=""):
        ours = typed_openai.OpenAI(api_key=API_KEY, max_retries=0)
        theirs = official.OpenAI(api_key=API_KEY, max_retries=0)
    assert str(ours.base_url) == "https://api.openai.com/v1/"
    assert str(theirs.base_url) == ""
    ours.close()
    theirs.close()


def test_a_module_base_url_without_a_slash_is_normalised(server: ScriptedServer) -> None:
    """Deliberate: ``openai.base_url = ".../v1"`` (no trailing slash) makes the official module
    client call ``/v1models``; ours normalises it as every client's base URL is normalised
    (``/v1/models``). With the slash, both agree (module_client_settings_changed_between_calls)."""
    import openai as official

    import typed_openai

    server.default = Reply.json(MODEL)
    paths = []
    for sdk in (typed_openai, official):
        saved = {name: getattr(sdk, name) for name in MODULE_SETTINGS}
        fresh_module_client(sdk)
        server.requests.clear()
        try:
            sdk.api_key = API_KEY
            sdk.base_url = server.url + "/v1"
            sdk.max_retries = 0
            sdk.models.retrieve("gpt-4o")
        finally:
            for name, value in saved.items():
                setattr(sdk, name, value)
            fresh_module_client(sdk)
        paths.append(server.requests[0].path)
    assert paths == ["/v1/models/gpt-4o", "/v1models/gpt-4o"]
