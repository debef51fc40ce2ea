"""Real-world sweep 2A, the httpx clients applications hand the SDK: a transport subclass
counting and tagging requests, mounts, an ``httpx.Auth`` flow signing each request, a plain
``httpx.Client`` meeting a redirect, response hooks that read the body (of a stream too), the
``DefaultHttpxClient`` with an app's headers and timeout (httpx2 objects, as the SDK's 3.x README
writes them; plain httpx clients elsewhere, which both accept), the async twins — programs written for
the official SDK, run unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import json
from collections.abc import Generator
from types import ModuleType
from typing import Any

import httpx
import httpx2

import typed_openai
from tests.support.server import Reply, ScriptedServer
from typed_openai._core._http_clients import AsyncHttpx2Client, SyncHttpx2Client

from .conftest import API_KEY, official
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_chunk, chat_completion, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

ASK = [{"role": "user", "content": "hi"}]
ANSWER = Reply.json(chat_completion({"role": "assistant", "content": "fine"}))


def build(openai: ModuleType, server: ScriptedServer, http_client: Any, **options: Any) -> Any:
    options.setdefault("max_retries", 0)
    return openai.OpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", http_client=http_client, **options
    )


def abuild(openai: ModuleType, server: ScriptedServer, http_client: Any, **options: Any) -> Any:
    options.setdefault("max_retries", 0)
    return openai.AsyncOpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", http_client=http_client, **options
    )


@program
def transport_subclass_tags_requests(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A gateway transport: counts the requests it carries, adds a header, records what the SDK
    asked of it (method, path, timeout extension keys); the client's retries go through it."""

    class GatewayTransport(httpx.HTTPTransport):
        def __init__(self) -> None:
            super().__init__(retries=0)
            self.carried: list[Any] = []

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            request.headers["X-Gateway"] = str(len(self.carried))
            self.carried.append(
                (request.method, request.url.path, sorted(request.extensions.get("timeout", {})))
            )
            return super().handle_request(request)

    transport = GatewayTransport()
    server.reply(Reply.json({"error": {"message": "busy"}}, 500), ANSWER)
    with build(openai, server, httpx.Client(transport=transport), max_retries=1) as c:
        c.with_options(timeout=5).chat.completions.create(model="gpt-4o", messages=ASK)
    return transport.carried, [wire(r) for r in server.requests]


@program
def mounts_route_by_host(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``httpx.Client(mounts=...)``: the loopback host goes through a counting transport, other
    hosts would take the default one."""
    counted: list[str] = []

    class Counting(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            counted.append(request.url.path)
            return super().handle_request(request)

    http = httpx.Client(mounts={f"http://127.0.0.1:{server.port}": Counting()})
    server.reply(ANSWER, Reply.json({"object": "list", "data": []}))
    with build(openai, server, http) as c:
        c.chat.completions.create(model="gpt-4o", messages=ASK)
        models = c.models.list()
    return counted, [m.id for m in models]


@program
def auth_flow_signs_each_request(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An ``httpx.Auth`` set on the http client (an HMAC-signing proxy): its flow runs for every
    request the SDK sends and sees the final URL and body."""

    class Signing(httpx.Auth):
        requires_request_body = True

        def __init__(self) -> None:
            self.signed: list[Any] = []

        def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response]:
            digest = str(len(request.content))
            request.headers["X-Signature"] = digest
            self.signed.append((request.url.path, request.url.query.decode(), digest))
            yield request

    auth = Signing()
    server.reply(ANSWER, Reply.json({"object": "list", "data": [], "has_more": False}))
    with build(openai, server, httpx.Client(auth=auth)) as c:
        c.chat.completions.create(model="gpt-4o", messages=ASK)
        c.files.list(limit=2)
    return auth.signed, [
        (r.headers.get("x-signature"), r.headers.get("authorization")) for r in server.requests
    ]


@program
def plain_httpx_client_meets_a_redirect(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A gateway answering 307 to another path: a plain ``httpx.Client`` (no redirects followed)
    hands the 307 to the SDK; the ``DefaultHttpxClient`` follows it."""
    moved = Reply.raw(
        b"", 307, headers={"location": server.url + "/v2/chat/completions"}, content_type=None
    )
    seen = []
    for http in (httpx.Client(), openai.DefaultHttpxClient()):
        server.requests.clear()
        server.reply(moved, ANSWER)
        with build(openai, server, http) as c:
            try:
                completion = c.chat.completions.create(model="gpt-4o", messages=ASK)
                seen.append(("ok", completion.choices[0].message.content))
            except openai.APIStatusError as error:
                seen.append((type(error).__name__, error.status_code, error.body))
        seen.append([(r.method, r.path) for r in server.requests])
    return seen


@program
def response_hooks_that_read_the_body(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A logging hook calling ``response.read()`` on every response, streams included: the SDK
    still parses the answer and iterates the stream from what was read."""
    logged: list[Any] = []

    def log_response(response: httpx.Response) -> None:
        response.read()
        logged.append(
            (
                response.status_code,
                response.headers.get("content-type"),
                len(response.content) > 0,
                response.request.url.path,
            )
        )

    server.reply(
        ANSWER,
        sse([chat_chunk({"role": "assistant", "content": "a"}), chat_chunk({"content": "b"})]),
        Reply.json({"error": {"message": "nope", "type": "invalid_request_error"}}, 400),
    )
    http = httpx.Client(event_hooks={"response": [log_response]})
    with build(openai, server, http) as c:
        text = c.chat.completions.create(model="gpt-4o", messages=ASK).choices[0].message.content
        stream = c.chat.completions.create(model="gpt-4o", messages=ASK, stream=True)
        deltas = [chunk.choices[0].delta.content for chunk in stream]
        try:
            c.chat.completions.create(model="gpt-4o", messages=ASK)
            error: Any = None
        except openai.BadRequestError as bad:
            error = (bad.status_code, bad.message)
    return logged, text, deltas, error


@program
def request_hooks_log_the_outgoing_call(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A request hook logging method, URL, the JSON body and a masked key, for a JSON call, a
    multipart upload and a GET with a query."""
    logged: list[Any] = []

    def log_request(request: httpx.Request) -> None:
        key = request.headers.get("authorization", "")
        content_type = request.headers.get("content-type", "")
        body = request.read()
        logged.append(
            (
                request.method,
                str(request.url).replace(server.url, ""),
                key[:10] + "…",
                content_type.split(";")[0],
                json.loads(body) if content_type == "application/json" else len(body) > 0,
            )
        )

    server.reply(
        ANSWER,
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
        Reply.json({"object": "list", "data": [], "has_more": False}),
    )
    http = httpx.Client(event_hooks={"request": [log_request]})
    with build(openai, server, http) as c:
        c.chat.completions.create(model="gpt-4o", messages=ASK, metadata={"app": "x"}, store=True)
        c.files.create(file=("a.jsonl", b"{}"), purpose="batch")
        c.files.list(purpose="batch", order="asc")
    return logged


@program
def default_httpx_client_with_app_settings(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``DefaultHttpxClient`` given an app's headers (its own User-Agent among them), a timeout
    and limits: which headers reach the server, the timeout the client reports, and a slow
    answer cut by the http client's timeout."""
    http = openai.DefaultHttpxClient(
        headers={"X-App": "search", "User-Agent": "search-app/1.0"},
        timeout=httpx2.Timeout(0.3),
        limits=httpx2.Limits(max_connections=2, max_keepalive_connections=1),
    )
    server.reply(ANSWER, Reply.after(1.0, ANSWER))
    seen: list[Any] = []
    with build(openai, server, http) as c:
        seen.append(repr(c.timeout))
        c.chat.completions.create(model="gpt-4o", messages=ASK)
        try:
            c.chat.completions.create(model="gpt-4o", messages=ASK)
        except openai.APITimeoutError as error:
            seen.append(type(error).__name__)
    seen.append(
        [
            (r.headers.get("x-app"), r.headers.get("user-agent", "").startswith("search-app"))
            for r in server.requests
        ]
    )
    return seen


@program
def http_client_timeout_or_the_sdks(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The timeout a client ends up with: from an http client's own timeout, httpx's default,
    or the client argument, as ``client.timeout`` shows and a copy keeps."""
    seen = []
    for http, options in (
        (httpx.Client(timeout=12.5), {}),
        (httpx.Client(), {}),
        (httpx.Client(timeout=12.5), {"timeout": 3.0}),
        (openai.DefaultHttpxClient(), {}),
        (openai.DefaultHttpxClient(timeout=httpx2.Timeout(7, connect=2)), {}),
    ):
        with build(openai, server, http, **options) as c:
            seen.append((repr(c.timeout), repr(c.with_options(max_retries=1).timeout)))
    return seen


@program
def transport_of_the_sdks_own_base_class(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A test double written against the SDK's 3.x stack: a subclass of ``httpx2.BaseTransport``
    answering from a table, handed to ``DefaultHttpxClient`` and to a plain ``httpx2.Client``."""

    class Canned(httpx2.BaseTransport):
        def __init__(self) -> None:
            self.paths: list[str] = []

        def handle_request(self, request: httpx2.Request) -> httpx2.Response:
            self.paths.append(request.url.path)
            body = chat_completion({"role": "assistant", "content": f"canned {len(self.paths)}"})
            return httpx2.Response(200, json=body, request=request)

    seen = []
    for make in (
        lambda t: openai.DefaultHttpxClient(transport=t),
        lambda t: httpx2.Client(transport=t),
    ):
        canned = Canned()
        with build(openai, server, make(canned)) as c:
            first = c.chat.completions.create(model="gpt-4o", messages=ASK)
            second = c.chat.completions.create(model="gpt-4o", messages=ASK)
        seen.append(
            (canned.paths, first.choices[0].message.content, second.choices[0].message.content)
        )
    return seen, len(server.requests)


test_program_observes_the_same = observed_the_same(PROGRAMS)


def test_httpx2_classes_the_sdk_renames_are_still_told() -> None:
    """Importing the official SDK sets ``__module__ = "openai"`` on the httpx2 classes it
    re-exports (``httpx2.Timeout``, ``httpx2.BaseTransport``): they are still httpx2 objects
    here, so ``DefaultHttpxClient`` given one builds its client over httpx2, as for the others."""
    official()
    assert httpx2.Timeout.__module__ == "openai"  # what the SDK's import does
    timeout = typed_openai.DefaultHttpxClient(timeout=httpx2.Timeout(7, connect=2))
    assert isinstance(timeout, SyncHttpx2Client)
    assert timeout.timeout == httpx.Timeout(7, connect=2)

    class Canned(httpx2.BaseTransport):
        def handle_request(self, request: httpx2.Request) -> httpx2.Response:
            return httpx2.Response(204, request=request)

    assert isinstance(typed_openai.DefaultHttpxClient(transport=Canned()), SyncHttpx2Client)
    timed = typed_openai.DefaultAsyncHttpxClient(timeout=httpx2.Timeout(3))
    assert isinstance(timed, AsyncHttpx2Client)


@async_program
async def async_hooks_and_transport(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An ``httpx.AsyncClient`` with async event hooks and a retrying transport, handed to
    ``AsyncOpenAI``: what the hooks saw for a call and a stream."""
    seen: list[Any] = []

    async def on_request(request: httpx.Request) -> None:
        seen.append(("request", request.method, request.url.path))

    async def on_response(response: httpx.Response) -> None:
        seen.append(("response", response.status_code, response.headers.get("content-type")))

    http = httpx.AsyncClient(
        transport=httpx.AsyncHTTPTransport(retries=1),
        event_hooks={"request": [on_request], "response": [on_response]},
    )
    server.reply(ANSWER, sse([chat_chunk({"role": "assistant", "content": "z"})]))
    async with abuild(openai, server, http) as c:
        await c.chat.completions.create(model="gpt-4o", messages=ASK)
        stream = await c.chat.completions.create(model="gpt-4o", messages=ASK, stream=True)
        text = [chunk.choices[0].delta.content async for chunk in stream]
    return seen, text


@async_program
async def async_default_client_with_headers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    http = openai.DefaultAsyncHttpxClient(headers={"X-App": "a"}, timeout=httpx2.Timeout(4.0))
    server.reply(ANSWER)
    async with abuild(openai, server, http) as c:
        await c.chat.completions.create(model="gpt-4o", messages=ASK)
        timeout = repr(c.timeout)
    return timeout, [wire(r) for r in server.requests]


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
