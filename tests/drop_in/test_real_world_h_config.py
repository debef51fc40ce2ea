"""Real-world sweep H, client configuration and operations code: a service configured from the
environment, a missing key caught at start-up, a multi-tenant worker switching organization and
project on one client, per-environment ``with_options``/``copy`` and per-call options, a retry
budget watched in the application's logs (``logging.basicConfig`` at INFO, httpx silenced) and
with ``OPENAI_LOG`` in a fresh process, ``DefaultHttpxClient`` with event hooks and a proxy, one
client shared by threads, ``AsyncOpenAI`` gathered under a semaphore, Azure clients built per
deployment — run unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import httpx
import pytest

import typed_openai
from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY, run_both
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion, wire
from .test_real_world_e_clients import environment

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer_echo(request: RecordedRequest) -> Reply:
    """A completion whose content is the last message sent (tells concurrent answers apart)."""
    messages = request.json().get("messages") or [{"content": ""}]
    return Reply.json(
        chat_completion({"role": "assistant", "content": messages[-1]["content"]}),
        headers={"x-request-id": f"req_{messages[-1]['content']}"},
    )


def overloaded(status: int = 503) -> Reply:
    return Reply.json(
        {"error": {"message": "The server is overloaded", "type": "server_error", "code": None}},
        status=status,
        headers={"retry-after-ms": "5"},
    )


def ask(client: Any, text: str = "hi", **options: Any) -> Any:
    return client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}], **options
    )


# --- configuration --------------------------------------------------------------------------------


@program
def service_configured_from_the_environment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A twelve-factor service: everything comes from the deployment's environment."""
    server.default = Reply.dynamic(answer_echo)
    with environment(
        OPENAI_API_KEY="sk-from-env",
        OPENAI_BASE_URL=server.url + "/v1",
        OPENAI_ORG_ID="org-env",
        OPENAI_PROJECT_ID="proj_env",
        OPENAI_WEBHOOK_SECRET="whsec_env",
    ):
        service = openai.OpenAI(max_retries=0)
    settings = {
        "key_tail": service.api_key[-4:],
        "base_url": str(service.base_url),
        "organization": service.organization,
        "project": service.project,
        "webhook_secret_set": service.webhook_secret is not None,
        "max_retries": service.max_retries,
        "timeout": repr(service.timeout),
    }
    reply = ask(service, "ping")
    service.close()
    return settings, reply._request_id, [wire(r) for r in server.requests]


@program
def missing_key_is_reported_at_start_up(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A CLI that turns the SDK's error into a friendly hint; its tests match the message."""
    try:
        openai.OpenAI()
    except openai.OpenAIError as exc:
        message = str(exc)
        patterns = ("Missing credentials", "api_key", "OPENAI_API_KEY")
        return (
            type(exc).__name__,
            isinstance(exc, openai.APIError),
            {pattern: bool(re.search(pattern, message)) for pattern in patterns},
        )
    return "no error"


@program
def tenant_switch_by_assigning_options(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A multi-tenant worker keeps one client and points it at each tenant's organization and
    project before its calls; a copy made afterwards carries the tenant too."""
    server.default = Reply.dynamic(answer_echo)
    worker = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0)
    ask(worker, "no tenant")
    for org, project in (("org-a", "proj_a"), ("org-b", None)):
        worker.organization = org
        worker.project = project
        ask(worker, f"as {org}")
    snapshot = worker.copy(timeout=5)
    ask(snapshot, "from the copy")
    worker.organization = None
    ask(worker, "back to none")
    worker.close()
    sent = [
        (r.json()["messages"][0]["content"], r.headers.get("openai-organization"))
        for r in server.requests
    ]
    projects = [r.headers.get("openai-project") for r in server.requests]
    return sent, projects, (snapshot.organization, worker.organization, worker.project)


@program
def options_per_environment(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Staging and production clients derived from one base client; what timeout each request
    carried is read by an httpx event hook."""
    server.default = Reply.dynamic(answer_echo)
    seen: list[Any] = []
    http = httpx.Client(event_hooks={"request": [lambda r: seen.append(r.extensions["timeout"])]})
    base = openai.OpenAI(
        api_key=API_KEY, base_url=server.url, http_client=http, max_retries=0, timeout=20.0
    )
    staging = base.copy(default_headers={"X-Env": "staging"}, default_query={"tenant": "t1"})
    production = staging.copy(set_default_headers={"X-Env": "prod"}, set_default_query={})
    patient = production.with_options(timeout=httpx.Timeout(60.0, connect=2.0), max_retries=0)
    ask(base, "base")
    ask(staging, "staging", timeout=3)
    ask(production, "prod", extra_headers={"X-Trace": "abc"}, extra_query={"debug": "1"})
    ask(patient, "patient", extra_body={"metadata": {"job": "nightly"}})
    ask(patient, "no limit", timeout=None)
    described = [
        (repr(c.timeout), c.max_retries, dict(c.default_query))
        for c in (base, staging, production, patient)
    ]
    base.close()
    return described, seen, [wire(r) for r in server.requests]


@program
def tenant_wrapper_subclass(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A platform team's subclass adding a tenant header and query parameter to every call
    through the `default_headers` / `default_query` properties (an upload keeps its own
    multipart content type)."""
    server.default = Reply.dynamic(answer_echo)
    server.route(
        "POST",
        "/files",
        Reply.json(
            {
                "id": "file-1",
                "object": "file",
                "bytes": 2,
                "created_at": 0,
                "filename": "a.jsonl",
                "purpose": "batch",
                "status": "uploaded",
            }
        ),
    )

    class TenantClient(openai.OpenAI):  # type: ignore[misc, name-defined]
        @property
        def default_headers(self) -> dict[str, Any]:
            return {**super().default_headers, "X-Tenant": "t9", "OpenAI-Organization": "org-t9"}

        @property
        def default_query(self) -> dict[str, object]:
            return {"tenant": "t9"}

    with TenantClient(api_key=API_KEY, base_url=server.url, max_retries=0) as tenant:
        ask(tenant, "as t9")
        ask(tenant, "with a trace", extra_headers={"X-Trace": "1"}, extra_query={"q": "1"})
        tenant.files.create(file=("a.jsonl", b"{}"), purpose="batch")
        shown = tenant.default_headers["X-Tenant"], tenant.default_query
    sent = [
        (
            r.path,
            sorted(r.query),
            r.headers.get("x-tenant"),
            r.headers.get("openai-organization"),
            r.headers.get("content-type", "").split(";")[0],
        )
        for r in server.requests
    ]
    return shown, sent


# --- retries and logs -------------------------------------------------------------------------------


@contextmanager
def captured_logs(level: int) -> Iterator[list[logging.LogRecord]]:
    """What an application's root handler at ``level`` receives (``basicConfig(level=...)``)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    root = logging.getLogger()
    handler = Keep(level)
    saved = root.level
    root.addHandler(handler)
    root.setLevel(level)
    try:
        yield records
    finally:
        root.removeHandler(handler)
        root.setLevel(saved)


@program
def retry_budget_watched_in_the_logs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A service logging at INFO (httpx's per-request lines silenced, as many do) alerts on the
    SDK's retry lines: what it sees for one call that was retried twice."""
    server.reply(overloaded(503), overloaded(429), Reply.dynamic(answer_echo))
    service = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=3)
    with captured_logs(logging.INFO) as records:
        answer = ask(service, "eventually")
    service.close()
    sdk_lines = [
        (r.levelname, r.getMessage().startswith("Retrying request"), "(retry" in r.getMessage())
        for r in records
        if not r.name.startswith("httpx")
    ]
    bodies = [r.json() for r in server.requests]
    return answer._request_id, sdk_lines, len(server.requests), bodies[0] == bodies[-1]


@program
def retries_and_no_retries_on_the_wire(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Which failures a default client retries, and what each attempt sends."""
    outcomes: list[Any] = []
    service = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=2)
    for first in (overloaded(500), overloaded(409), overloaded(400), Reply.drop()):
        server.requests.clear()
        server.reply(first, Reply.dynamic(answer_echo))
        try:
            outcomes.append(ask(service, "x").choices[0].message.content)
        except openai.APIError as exc:
            outcomes.append(type(exc).__name__)
            ask(service, "drain")  # takes the reply a retry would have had
        outcomes.append([wire(r) for r in server.requests])
    service.close()
    return outcomes


@program
def error_report_for_the_on_call_channel(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An alerting hook posts the exception's qualified class name and the last traceback line
    (what `logger.exception` and error trackers show) for a rate limit, a timeout, a refused
    connection and a parse that hit the token limit."""
    server.reply(
        Reply.json(
            {"error": {"message": "slow down", "type": "requests", "code": "rate_limit_exceeded"}},
            status=429,
            headers={"x-request-id": "req_429"},
        ),
        Reply.hang(),
        Reply.json(chat_completion({"role": "assistant", "content": '{"a": '}, "length")),
    )
    reports: list[Any] = []
    calls = [
        (server.url, lambda c: c.models.list()),
        (server.url, lambda c: c.with_options(timeout=0.2).models.list()),
        ("http://127.0.0.1:9", lambda c: c.models.list()),
        (
            server.url,
            lambda c: c.chat.completions.parse(
                model="gpt-4o",
                messages=[{"role": "user", "content": "json"}],
                response_format={"type": "json_object"},
            ),
        ),
    ]
    for base_url, call in calls:
        with openai.OpenAI(api_key=API_KEY, base_url=base_url, max_retries=0) as on_call:
            try:
                call(on_call)
            except openai.OpenAIError as exc:
                kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
                last_line = traceback.format_exception_only(type(exc), exc)[-1]
                reports.append((kind.replace(openai.__name__, "<sdk>"), last_line.split(":")[0]))
    return [(kind, line.replace(openai.__name__, "<sdk>")) for kind, line in reports]


LOGGED_PROGRAM = """
import sys, importlib
sdk = importlib.import_module(sys.argv[1])
client = sdk.OpenAI(api_key="sk-do-not-log-me", base_url=sys.argv[2], max_retries=2)
client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
"""


def logged_by(sdk: ModuleType, server: ScriptedServer, level: str) -> list[str]:
    """Lines a fresh process writes to stderr with ``OPENAI_LOG=<level>``: one call that was
    retried once."""
    server.reply(overloaded(503), Reply.dynamic(answer_echo))
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env["OPENAI_LOG"] = level
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(LOGGED_PROGRAM), sdk.__name__, server.url],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stderr.splitlines()


LINE = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - [\w.]+:\d+ - (\w+)\] (.*)$")


def test_openai_log_debug_in_a_fresh_process(server: ScriptedServer) -> None:
    """``OPENAI_LOG=debug`` in a fresh process: lines in the official format; at INFO the retry
    line only (what INFO alone shows, as retry_budget_watched_in_the_logs checks in-process);
    the request id of the answer; never the key."""

    def run(sdk: ModuleType) -> Any:
        server.requests.clear()
        lines = logged_by(sdk, server, "debug")
        parsed = [LINE.match(line) for line in lines]
        info = [m.group(2) for m in parsed if m and m.group(1) == "INFO"]
        text = "\n".join(lines)
        return (
            all(parsed),
            [message.startswith("Retrying request") for message in info],
            "request_id: req_hi" in text,
            "sk-do-not-log-me" in text,
            len(server.requests),
        )

    ours, theirs = run_both(run)
    assert ours == theirs
    assert ours == (True, [True], True, False, 2)


# --- http clients, threads and tasks --------------------------------------------------------------


@program
def default_httpx_client_with_event_hooks(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Request/response hooks for tracing on the SDK's own httpx defaults; the caller's client
    is closed with the SDK client's context manager."""
    server.default = Reply.dynamic(answer_echo)
    trace: list[Any] = []
    http = openai.DefaultHttpxClient(
        headers={"X-Service": "billing"},
        event_hooks={
            "request": [lambda r: trace.append(("->", r.method, r.url.path))],
            "response": [lambda r: trace.append(("<-", r.status_code))],
        },
    )
    defaults = (repr(http.timeout), http.follow_redirects)
    with openai.OpenAI(
        api_key=API_KEY, base_url=server.url, http_client=http, max_retries=0
    ) as traced:
        ask(traced, "traced")
        open_inside = (traced.is_closed(), http.is_closed)
    return (
        defaults,
        open_inside,
        (traced.is_closed(), http.is_closed),
        trace,
        [wire(r) for r in server.requests],
    )


@program
def event_hooks_that_raise(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """httpx recipes pasted into SDK setups: a response hook calling raise_for_status(), a
    request hook with a bug, a response hook reading the body to log it."""
    outcomes: list[Any] = []
    server.default = overloaded(400)
    strict = httpx.Client(event_hooks={"response": [lambda r: r.raise_for_status()]})

    def buggy(request: httpx.Request) -> None:
        raise ValueError("hook bug")

    for http in (strict, httpx.Client(event_hooks={"request": [buggy]})):
        with openai.OpenAI(
            api_key=API_KEY, base_url=server.url, http_client=http, max_retries=1
        ) as hooked:
            try:
                ask(hooked, "hooked")
            except Exception as exc:
                outcomes.append((type(exc).__name__, type(exc.__cause__).__name__))
    outcomes.append(len(server.requests))
    server.default = Reply.dynamic(answer_echo)
    logged: list[str] = []

    def log_body(response: httpx.Response) -> None:
        response.read()
        logged.append(response.json()["id"])

    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url,
        http_client=httpx.Client(event_hooks={"response": [log_body]}),
        max_retries=0,
    ) as logging_client:
        outcomes.append(ask(logging_client, "logged").choices[0].message.content)
    return outcomes, logged


@program
def corporate_proxy(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """All traffic through an HTTP proxy (the loopback server plays the proxy)."""
    server.default = Reply.dynamic(answer_echo)
    proxied = openai.OpenAI(
        api_key=API_KEY,
        base_url="http://api.internal.example/v1",
        http_client=openai.DefaultHttpxClient(proxy=server.url),
        max_retries=0,
    )
    answer = ask(proxied, "through the proxy").choices[0].message.content
    proxied.close()
    return answer, [(r.target, wire(r)[3]) for r in server.requests]


@program
def one_client_shared_by_threads(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A thread pool of request handlers sharing the module's client, then shutting down."""
    server.default = Reply.dynamic(answer_echo)
    shared = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0)

    def handle(n: int) -> tuple[str, str]:
        reply = ask(shared, f"job-{n}")
        return reply.choices[0].message.content, reply._request_id

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(handle, range(12)))
    shared.close()
    after: Any
    try:
        ask(shared, "late")
        after = "sent"
    except RuntimeError as exc:
        after = str(exc)
    return results, shared.is_closed(), after, len(server.requests)


@program
def derived_client_closed_by_its_block(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """`with client.with_options(...) as c:` closes the connection pool it shares with its
    parent — code that did this learns it on the next call of the parent."""
    server.default = Reply.dynamic(answer_echo)
    parent = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0)
    with parent.with_options(timeout=5) as quick:
        ask(quick, "inside")
    outcome: Any
    try:
        ask(parent, "after")
        outcome = "sent"
    except RuntimeError as exc:
        outcome = str(exc)
    own = parent.copy(http_client=httpx.Client())
    own.close()
    return (quick.is_closed(), parent.is_closed(), outcome, own.is_closed()), len(server.requests)


@async_program
async def gathered_under_a_semaphore(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Bounded fan-out: at most three calls in flight, failures kept with return_exceptions."""
    server.default = Reply.dynamic(answer_echo)
    server.route("POST", "/v1/embeddings", overloaded(400))
    limit = asyncio.Semaphore(3)

    async def one(n: int) -> Any:
        async with limit:
            if n == 4:
                return await client.embeddings.create(model="text-embedding-3-small", input="x")
            reply = await client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": f"task-{n}"}]
            )
            return reply.choices[0].message.content

    results = await asyncio.gather(*(one(n) for n in range(8)), return_exceptions=True)
    shown = [
        (type(r).__name__, getattr(r, "status_code", None)) if isinstance(r, Exception) else r
        for r in results
    ]
    return shown, sorted(r.path for r in server.requests)


@async_program
async def async_client_lifecycle(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.dynamic(answer_echo)
    outcomes: list[Any] = []
    worker = openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url, max_retries=0)
    outcomes.append(worker.is_closed())
    await worker.chat.completions.create(model="m", messages=[{"role": "user", "content": "a"}])
    await worker.close()
    await worker.close()  # closing twice is harmless
    outcomes.append(worker.is_closed())
    try:
        await worker.chat.completions.create(model="m", messages=[{"role": "user", "content": "b"}])
    except RuntimeError as exc:
        outcomes.append(str(exc))
    async with openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url) as scoped:
        copy = scoped.with_options(max_retries=1)
        await copy.chat.completions.create(model="m", messages=[{"role": "user", "content": "c"}])
    outcomes.append((scoped.is_closed(), copy.is_closed()))
    return outcomes, len(server.requests)


# --- Azure ----------------------------------------------------------------------------------------


@program
def azure_clients_per_deployment(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """One Azure resource, a key client and an Entra ID client bound to a deployment, a copy
    with a rotated key; which URL, query and credential each call carries."""
    server.default = Reply.dynamic(
        lambda r: (
            Reply.json(
                {
                    "object": "list",
                    "data": [{"object": "embedding", "index": 0, "embedding": [0.5]}],
                    "model": "emb",
                    "usage": {"prompt_tokens": 1, "total_tokens": 1},
                }
            )
            if r.path.endswith("/embeddings")
            else answer_echo(r)
        )
    )
    keyed = openai.AzureOpenAI(
        azure_endpoint=server.url, api_key="azure-key-1", api_version="2024-10-21", max_retries=0
    )
    ask(keyed, "keyed")
    keyed.embeddings.create(model="embedding-deployment", input="x")
    keyed.copy(api_key="azure-key-2").with_options(timeout=5).chat.completions.create(
        model="gpt-4o-deployment", messages=[{"role": "user", "content": "rotated"}]
    )
    tokens: list[str] = []

    def token_provider() -> str:
        tokens.append(f"entra-{len(tokens) + 1}")
        return tokens[-1]

    bound = openai.AzureOpenAI(
        azure_endpoint=server.url + "/",
        azure_deployment="chat-prod",
        azure_ad_token_provider=token_provider,
        api_version="2025-01-01-preview",
        default_headers={"x-ms-useragent": "billing/1.0"},
        max_retries=0,
    )
    ask(bound, "bound")
    ask(bound, "bound again", extra_query={"trace": "1"})
    described = (keyed.api_key, bound.api_key, str(bound.base_url).replace(server.url, ""))
    keyed.close()
    bound.close()
    return described, tokens, [wire(r) for r in server.requests]


@async_program
async def async_azure_gathered_with_an_async_token(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(answer_echo)
    asked: list[int] = []

    async def token() -> str:
        asked.append(1)
        return "entra-async"

    async with openai.AsyncAzureOpenAI(
        azure_endpoint=server.url,
        azure_ad_token_provider=token,
        api_version="2024-10-21",
        max_retries=0,
    ) as azure:
        replies = await asyncio.gather(
            *(
                azure.chat.completions.create(
                    model=f"deployment-{n}", messages=[{"role": "user", "content": f"n{n}"}]
                )
                for n in range(3)
            )
        )
    sent = sorted(
        (r.path, r.query, r.headers.get("authorization"), r.headers.get("api-key"))
        for r in server.requests
    )
    return [r.choices[0].message.content for r in replies], len(asked), sent


# --- runners ---------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS, with_client=False)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)


def test_what_the_fixed_programs_observe(server: ScriptedServer) -> None:
    """The programs above whose results differed before the fixes, pinned to what both agree."""
    sent, projects, kept = tenant_switch_by_assigning_options(typed_openai, None, server)
    assert [org for _, org in sent] == [None, "org-a", "org-b", "org-b", None]
    assert projects == [None, "proj_a", None, None, None]
    assert kept == ("org-b", None, None)
    server.requests.clear()
    kind, is_api_error, matched = missing_key_is_reported_at_start_up(typed_openai, None, server)
    assert (kind, is_api_error) == ("OpenAIError", False) and all(matched.values())
    # what tests written for the SDK's 1.x line matched ("The api_key client option must be set")
    with pytest.raises(typed_openai.OpenAIError, match="The api_key client option must be set"):
        typed_openai.OpenAI()
    server.requests.clear()
    _, lines, count, same_body = retry_budget_watched_in_the_logs(typed_openai, None, server)
    assert lines == [("INFO", True, True), ("INFO", True, True)] and count == 3 and same_body
    server.requests.clear()
    shown, sent = tenant_wrapper_subclass(typed_openai, None, server)
    assert shown == ("t9", {"tenant": "t9"})
    assert [(tenant, org) for _, _, tenant, org, _ in sent] == [("t9", "org-t9")] * 3
    assert [query for _, query, *_ in sent] == [
        [("tenant", "t9")],
        [("q", "1"), ("tenant", "t9")],
        [("tenant", "t9")],
    ]
    assert sent[2][4] == "multipart/form-data"
    server.requests.clear()
    kinds = ["RateLimitError", "APITimeoutError", "APIConnectionError", "LengthFinishReasonError"]
    assert error_report_for_the_on_call_channel(typed_openai, None, server) == [
        (f"<sdk>.{kind}", f"<sdk>.{kind}") for kind in kinds
    ]
