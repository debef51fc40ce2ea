"""Real-world sweep C, httpx2 objects: the official SDK (3.x) runs on ``httpx2``, a fork of httpx
with the same API, and its README and users' code pass httpx2 objects — a transport to
``DefaultHttpxClient``, an ``httpx2.Client`` / ``AsyncClient`` as ``http_client``, ``cast_to=
httpx2.Response`` for a custom request. Each program is run unchanged against both packages over
the scripted loopback server and returns what its author observes and what the server received.
"""

from __future__ import annotations

import gzip
import json
import socket
import subprocess
import sys
from types import ModuleType
from typing import Any

import httpx
import httpx2
import pytest

import typed_openai
from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_chunk, chat_completion, sse

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MODELS = {"object": "list", "data": [{"id": "m", "object": "model", "created": 1, "owned_by": "o"}]}
MESSAGES = [{"role": "user", "content": "hi"}]


def ok(text: str = "ok", **headers: str) -> Reply:
    return Reply.json(chat_completion({"role": "assistant", "content": text}), headers=headers)


def rate_limited() -> Reply:
    body = {"error": {"message": "slow down", "type": "requests", "param": None, "code": None}}
    return Reply.json(body, status=429, headers={"retry-after-ms": "10"})


def refused_url() -> str:
    """A loopback URL nothing listens on (its port was just free)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def module_root(value: object) -> str:
    return type(value).__module__.partition(".")[0]


def sent(server: ScriptedServer, count: int) -> list[tuple[str, str]]:
    return [(r.method, r.target) for r in server.requests[-count:]]


# --- the official README --------------------------------------------------------------------


@program
def readme_custom_transport(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """ "Configuring the HTTP client": an httpx2 transport given to ``DefaultHttpxClient``."""
    server.reply(Reply.json(MODELS))
    http_client = openai.DefaultHttpxClient(transport=httpx2.HTTPTransport(local_address="0.0.0.0"))
    with openai.OpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", http_client=http_client, max_retries=0
    ) as api:
        ids = [model.id for model in api.models.list()]
    return ids, isinstance(http_client, openai.DefaultHttpxClient), http_client.is_closed


@program
def readme_custom_request_cast_to_httpx2_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """ "Undocumented endpoints": ``client.post(path, cast_to=httpx2.Response, body=...)``."""
    server.reply(Reply.json({"ok": True}, headers={"x-foo": "bar", "x-request-id": "req_1"}))
    with openai.OpenAI(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0) as api:
        response = api.post("/foo", cast_to=httpx2.Response, body={"my_param": True})
    return (
        type(response) is httpx2.Response,
        response.headers.get("x-foo"),
        response.status_code,
        response.json(),
        response.text,
        response.is_closed,
        response.http_version,
        response.reason_phrase,
        (response.request.method, response.request.url.path, module_root(response.request)),
        json.loads(response.request.content),
        response.elapsed.total_seconds() >= 0,
        server.requests[-1].json(),
    )


@program
def readme_httpx2_timeout_and_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json(MODELS))
    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.Client(timeout=httpx2.Timeout(30.0, connect=2.0)),
        max_retries=0,
    ) as api:
        ids = [model.id for model in api.models.list()]
        timeout = (api.timeout.connect, api.timeout.read, api.timeout.write, api.timeout.pool)
    return ids, timeout


@program
def readme_base_url_as_an_httpx2_url(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json(MODELS))
    with openai.OpenAI(
        api_key=API_KEY, base_url=httpx2.URL(server.url + "/v1"), max_retries=0
    ) as api:
        ids = [model.id for model in api.models.list()]
        base_url = str(api.base_url)
    return ids, base_url == server.url + "/v1/", server.requests[-1].target


def mock_models(request: httpx2.Request) -> httpx2.Response:
    """A unit test's handler for ``httpx2.MockTransport``: it sees httpx2 requests."""
    assert isinstance(request, httpx2.Request)
    return httpx2.Response(200, json=MODELS, headers={"x-request-id": "req_mock"})


@program
def mock_transport_in_unit_tests(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Unit tests written for the official SDK answer through ``httpx2.MockTransport``."""
    seen = []
    for http_client in (
        httpx2.Client(transport=httpx2.MockTransport(mock_models)),
        openai.DefaultHttpxClient(transport=httpx2.MockTransport(mock_models)),
    ):
        with openai.OpenAI(
            api_key=API_KEY, base_url="http://api.test/v1", http_client=http_client, max_retries=0
        ) as api:
            page = api.models.list()
            seen.append(([model.id for model in page], page._request_id))
    return seen


# --- an httpx2.Client as http_client ---------------------------------------------------------


@program
def httpx2_client_as_http_client(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.json(MODELS))
    http_client = httpx2.Client(timeout=30)
    with openai.OpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", http_client=http_client, max_retries=0
    ) as api:
        ids = [model.id for model in api.models.list()]
        read = api.timeout.read
    request = server.requests[-1]
    return ids, read, http_client.is_closed, request.headers["authorization"], request.target


@program
def httpx2_client_settings_apply(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """What the httpx2 client is configured with reaches the wire and its hooks: default headers,
    params, cookies, an auth flow, request and response hooks (which see httpx2 objects)."""

    class Signer(httpx2.Auth):
        def auth_flow(self, request: httpx2.Request) -> Any:
            request.headers["x-signature"] = f"signed {request.method} {request.url.path}"
            yield request

    seen: list[Any] = []

    def on_request(request: httpx2.Request) -> None:
        seen.append(("request", module_root(request), request.method, request.url.path))

    def on_response(response: httpx2.Response) -> None:
        seen.append(("response", module_root(response), response.status_code))

    server.reply(Reply.json(MODELS), Reply.json(MODELS))
    http_client = httpx2.Client(
        headers={"X-Team": "search"},
        params={"tenant": "t1"},
        cookies={"session": "s1"},
        auth=Signer(),
        event_hooks={"request": [on_request], "response": [on_response]},
    )
    with openai.OpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", http_client=http_client, max_retries=0
    ) as api:
        api.models.list()
        api.with_options(timeout=9.0).models.list()
    wire = [
        (
            r.target,
            r.headers.get("x-team"),
            r.headers.get("cookie"),
            r.headers.get("x-signature"),
            r.headers.get("authorization"),
        )
        for r in server.requests[-2:]
    ]
    return wire, seen


@program
def httpx2_client_streams_server_sent_events(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        sse([chat_chunk({"role": "assistant", "content": "Hel"}), chat_chunk({"content": "lo"})])
    )
    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.Client(),
        max_retries=0,
    ) as api:
        stream = api.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True)
        pieces = [chunk.choices[0].delta.content for chunk in stream]
        status = stream.response.status_code
        # an httpx2 client left at its library's default timeout: the API client's default
        timeout = (api.timeout.connect, api.timeout.read)
    return pieces, status, timeout


@program
def httpx2_client_raw_and_streamed_responses(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(MODELS, headers={"x-request-id": "req_raw"}),
        Reply.raw(b"line one\nline two\n", content_type="text/plain"),
    )
    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.Client(),
        max_retries=0,
    ) as api:
        raw = api.models.with_raw_response.list()
        seen = [raw.status_code, raw.headers["x-request-id"], [m.id for m in raw.parse()]]
        with api.files.with_streaming_response.content("file-1") as streamed:
            seen.append((streamed.status_code, list(streamed.iter_lines())))
    return seen


@program
def httpx2_client_decodes_a_compressed_answer(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    body = gzip.compress(json.dumps(MODELS).encode())
    compressed = Reply.raw(
        body, headers={"content-encoding": "gzip"}, content_type="application/json"
    )
    server.reply(compressed, compressed)
    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.Client(),
        max_retries=0,
    ) as api:
        ids = [model.id for model in api.models.list()]
        raw = api.get("/models", cast_to=httpx2.Response)
    return ids, raw.json(), raw.headers["content-encoding"]


@program
def httpx2_client_uploads_a_file(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "id": "file-1",
                "object": "file",
                "bytes": 5,
                "created_at": 1,
                "filename": "notes.jsonl",
                "purpose": "batch",
                "status": "processed",
            }
        )
    )
    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.Client(),
        max_retries=0,
    ) as api:
        created = api.files.create(file=("notes.jsonl", b'{"a":1}\n'), purpose="batch")
    request = server.requests[-1]
    return (
        created.id,
        request.headers["content-type"].split(";")[0],
        b'{"a":1}\n' in request.body,
        b'name="purpose"' in request.body,
        b'filename="notes.jsonl"' in request.body,
    )


@program
def httpx2_client_redirects(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A plain httpx2 client does not follow redirects (an ``APIStatusError`` for the 3xx); a
    call's ``follow_redirects`` option and ``DefaultHttpxClient``'s default do."""
    moved = Reply.empty(307, headers={"location": server.url + "/v1/models"})
    seen = []
    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.Client(),
        max_retries=0,
    ) as api:
        server.route("GET", "/v1/old", moved)
        try:
            api.get("/old", cast_to=object)
        except openai.APIStatusError as e:
            seen.append((type(e).__name__, e.status_code))
        server.route("GET", "/v1/models", Reply.json(MODELS))
        seen.append(api.get("/old", cast_to=object, options={"follow_redirects": True}))
    followed = openai.DefaultHttpxClient(transport=httpx2.HTTPTransport())
    with openai.OpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", http_client=followed, max_retries=0
    ) as api:
        seen.append(api.get("/old", cast_to=object))
        try:
            api.get("/old", cast_to=object, options={"follow_redirects": False})
        except openai.APIStatusError as e:
            seen.append((type(e).__name__, e.status_code))
    return seen


@program
def httpx2_client_through_with_options_and_copy(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json(MODELS), Reply.json(MODELS))
    with openai.OpenAI(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0) as api:
        with api.with_options(http_client=httpx2.Client(headers={"x-route": "other"})) as other:
            other.models.list()
        with api.copy(http_client=httpx2.Client(headers={"x-route": "copy"})) as copied:
            copied.models.list()
    return [r.headers.get("x-route") for r in server.requests[-2:]]


# --- errors through an httpx2 client --------------------------------------------------------


@program
def httpx2_client_timeout(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.hang(), Reply.hang())
    seen = []
    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.Client(timeout=httpx2.Timeout(0.3)),
        max_retries=0,
    ) as api:
        try:
            api.models.list()
        except openai.APITimeoutError as e:
            seen.append(
                (
                    type(e).__name__,
                    e.message,
                    isinstance(e, openai.APIConnectionError),
                    type(e.__cause__).__name__,
                    e.request.method,
                )
            )
        try:
            api.models.list(timeout=0.2)
        except openai.APITimeoutError as e:
            seen.append((type(e).__name__, str(e)))
    return seen


@program
def httpx2_client_connection_refused(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    seen = []
    for http_client in (
        httpx2.Client(),
        openai.DefaultHttpxClient(transport=httpx2.HTTPTransport()),
    ):
        with openai.OpenAI(
            api_key=API_KEY, base_url=refused_url(), http_client=http_client, max_retries=0
        ) as api:
            try:
                api.models.list()
            except openai.APIConnectionError as e:
                seen.append((type(e).__name__, e.message, type(e.__cause__).__name__))
    return seen


@program
def httpx2_client_retries_a_rate_limit(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(rate_limited(), ok("after the wait"), rate_limited(), rate_limited())
    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.Client(),
        max_retries=1,
    ) as api:
        before = len(server.requests)
        completion = api.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        attempts = len(server.requests) - before
        failure = None
        try:
            api.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        except openai.RateLimitError as e:
            failure = (type(e).__name__, e.status_code, e.message)
    return completion.choices[0].message.content, attempts, failure, len(server.requests) - before


@program
def httpx2_client_body_cut_short(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.drop_mid_body(b'{"object": "list", "da', 500))
    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.Client(),
        max_retries=0,
    ) as api:
        try:
            api.models.list()
        except openai.APIConnectionError as e:
            return type(e).__name__, e.message, type(e.__cause__).__name__
    return None


@program
def httpx2_client_response_hook_reads_the_body(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A response hook that reads the answer (logging it) leaves it whole for the call."""
    seen: list[Any] = []

    def log_body(response: httpx2.Response) -> None:
        response.read()
        seen.append((response.status_code, response.json()["data"][0]["id"]))

    body = gzip.compress(json.dumps(MODELS).encode())
    server.reply(
        Reply.raw(body, headers={"content-encoding": "gzip"}, content_type="application/json")
    )
    with openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.Client(event_hooks={"response": [log_body]}),
        max_retries=0,
    ) as api:
        ids = [model.id for model in api.models.list()]
    return ids, seen


@program
def httpx2_client_of_the_wrong_kind(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    seen = []
    for cls, http_client in (
        (openai.OpenAI, httpx2.AsyncClient()),
        (openai.AsyncOpenAI, httpx2.Client()),
    ):
        try:
            cls(api_key=API_KEY, http_client=http_client)
        except TypeError as e:
            seen.append(type(e).__name__)
    return seen


# --- async ------------------------------------------------------------------------------------


@async_program
async def async_readme_custom_transport(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json(MODELS))
    http_client = openai.DefaultAsyncHttpxClient(
        transport=httpx2.AsyncHTTPTransport(local_address="0.0.0.0")
    )
    async with openai.AsyncOpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", http_client=http_client, max_retries=0
    ) as api:
        ids = [model.id async for model in api.models.list()]
    return ids, isinstance(http_client, openai.DefaultAsyncHttpxClient), http_client.is_closed


@async_program
async def async_httpx2_client_as_http_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json(MODELS))
    http_client = httpx2.AsyncClient(timeout=30)
    async with openai.AsyncOpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", http_client=http_client, max_retries=0
    ) as api:
        ids = [model.id async for model in api.models.list()]
        read = api.timeout.read
    return ids, read, http_client.is_closed


@async_program
async def async_mock_transport_in_unit_tests(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url="http://api.test/v1",
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(mock_models)),
        max_retries=0,
    ) as api:
        return [model.id async for model in api.models.list()]


@async_program
async def async_custom_request_cast_to_httpx2_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json(MODELS, headers={"x-request-id": "req_1"}))
    response = await client.get("/models", cast_to=httpx2.Response)
    return (
        type(response) is httpx2.Response,
        response.json()["data"][0]["id"],
        response.headers["x-request-id"],
        response.request.url.path,
    )


@async_program
async def async_httpx2_client_streams_server_sent_events(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        sse([chat_chunk({"role": "assistant", "content": "Hel"}), chat_chunk({"content": "lo"})])
    )
    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.AsyncClient(),
        max_retries=0,
    ) as api:
        stream = await api.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True)
        return [chunk.choices[0].delta.content async for chunk in stream]


@async_program
async def async_httpx2_client_hooks_and_redirects(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    seen: list[Any] = []

    async def on_request(request: httpx2.Request) -> None:
        seen.append((module_root(request), request.url.path))

    server.route(
        "GET", "/v1/old", Reply.empty(302, headers={"location": server.url + "/v1/models"})
    )
    server.route("GET", "/v1/models", Reply.json(MODELS))
    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.AsyncClient(
            follow_redirects=True, headers={"x-team": "a"}, event_hooks={"request": [on_request]}
        ),
        max_retries=0,
    ) as api:
        answer = await api.get("/old", cast_to=object)
    return answer["data"][0]["id"], seen, [r.headers.get("x-team") for r in server.requests[-2:]]


@async_program
async def async_httpx2_client_uploads_and_hooks_read(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    seen: list[Any] = []

    async def log_body(response: httpx2.Response) -> None:
        await response.aread()
        seen.append(response.json()["id"])

    server.reply(
        Reply.json(
            {
                "id": "file-1",
                "object": "file",
                "bytes": 5,
                "created_at": 1,
                "filename": "notes.jsonl",
                "purpose": "batch",
                "status": "processed",
            }
        )
    )
    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.AsyncClient(event_hooks={"response": [log_body]}),
        max_retries=0,
    ) as api:
        created = await api.files.create(file=("notes.jsonl", b'{"a":1}\n'), purpose="batch")
    request = server.requests[-1]
    return created.id, seen, b'{"a":1}\n' in request.body, b'filename="notes.jsonl"' in request.body


@async_program
async def async_httpx2_client_errors(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    seen = []
    server.reply(Reply.hang(), rate_limited(), ok("after the wait"))
    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=httpx2.AsyncClient(timeout=0.3),
        max_retries=0,
    ) as api:
        try:
            await api.models.list()
        except openai.APITimeoutError as e:
            seen.append((type(e).__name__, type(e.__cause__).__name__))
        completion = await api.with_options(max_retries=1).chat.completions.create(
            model="gpt-4o", messages=MESSAGES
        )
        seen.append(completion.choices[0].message.content)
    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=refused_url(),
        http_client=openai.DefaultAsyncHttpxClient(transport=httpx2.AsyncHTTPTransport()),
        max_retries=0,
    ) as api:
        try:
            await api.models.list()
        except openai.APIConnectionError as e:
            seen.append((type(e).__name__, e.message, type(e.__cause__).__name__))
    return seen


# --- this client's own promises ----------------------------------------------------------------


def test_a_client_of_the_wrong_kind_is_named_in_the_error() -> None:
    with pytest.raises(
        TypeError,
        match=r"http_client must be an instance of httpx\.Client or httpx2\.Client for OpenAI, "
        r"got httpx2\.AsyncClient \(an async client: an async API client takes it\)",
    ):
        typed_openai.OpenAI(api_key=API_KEY, http_client=httpx2.AsyncClient())  # pyright: ignore[reportArgumentType]
    with pytest.raises(
        TypeError,
        match=r"httpx\.AsyncClient or httpx2\.AsyncClient for AsyncOpenAI, got httpx2\.Client "
        r"\(a blocking client: a blocking API client takes it\)",
    ):
        typed_openai.AsyncOpenAI(api_key=API_KEY, http_client=httpx2.Client())  # pyright: ignore[reportArgumentType]
    with pytest.raises(TypeError, match=r"got httpx\.AsyncClient \(an async client"):
        typed_openai.OpenAI(api_key=API_KEY, http_client=httpx.AsyncClient())  # pyright: ignore[reportArgumentType]
    with pytest.raises(TypeError, match=r"got builtins\.object$"):
        typed_openai.OpenAI(api_key=API_KEY, http_client=object())  # pyright: ignore[reportArgumentType]


def test_cast_to_another_httpx2_class_is_a_clear_error(server: ScriptedServer) -> None:
    server.reply(Reply.json(MODELS))
    with (
        typed_openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client,
        pytest.raises(TypeError, match=r"cast_to=httpx2\.Headers is not a result type"),
    ):
        client.get("/models", cast_to=httpx2.Headers)


def test_an_adopted_httpx2_client_sends_each_call_once_through_it(server: ScriptedServer) -> None:
    """The httpx client it is put behind adds nothing of its own (no second redirect policy, no
    second copy of the hooks): the httpx2 client is what sends, with this client's engine."""
    sends: list[str] = []
    http_client = httpx2.Client(event_hooks={"request": [lambda r: sends.append(r.url.path)]})
    server.reply(Reply.json(MODELS))
    with typed_openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url,
        http_client=http_client,  # pyright: ignore[reportArgumentType]
        max_retries=0,
    ) as client:
        client.models.list()
        adopted = client._http  # pyright: ignore[reportPrivateUsage]
        assert isinstance(adopted, httpx.Client)
        assert adopted.event_hooks is http_client.event_hooks
    assert sends == ["/models"]
    assert http_client.is_closed


def test_no_httpx2_import_without_an_httpx2_object() -> None:
    """Cold import and calls over httpx never load httpx2 (nor the adapter module)."""
    code = """
import sys
import typed_openai
from tests.support.server import Reply, ScriptedServer
with ScriptedServer() as server:
    server.reply(Reply.json({"object": "list", "data": []}), Reply.json({"ok": True}))
    with typed_openai.OpenAI(api_key="k", base_url=server.url, max_retries=0) as client:
        list(client.models.list())
        client.get("/x", cast_to=object)
    typed_openai.DefaultHttpxClient(timeout=3.0).close()
loaded = sorted(m for m in sys.modules if m.startswith("httpx2") or m.endswith("._httpx2"))
print(loaded)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS, with_client=False)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
