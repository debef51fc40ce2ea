"""Real-world sweep T, raw and streamed responses and custom HTTP clients: a metrics middleware
reading ``with_raw_response``'s headers, request, status, timing and retries; a proxy relaying
``with_streaming_response`` bytes and lines; an ``httpx2.Client`` with its own transport, event
hooks, headers and params, and ``DefaultHttpxClient`` with a proxy — run unchanged against both
packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import datetime
import json
from types import ModuleType
from typing import Any

import httpx2

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY
from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import chat_chunk, chat_completion, sse

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]
MODEL = {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "system"}
HEADERS = {
    "x-request-id": "req_raw",
    "openai-processing-ms": "42",
    "openai-version": "2020-10-01",
    "x-ratelimit-remaining-tokens": "29000",
}


def ok(text: str = "ok", **headers: str) -> Reply:
    return Reply.json(chat_completion({"role": "assistant", "content": text}), headers=headers)


def busy() -> Reply:
    body = {"error": {"message": "busy", "type": "x", "param": None, "code": None}}
    return Reply.json(body, status=503, headers={"retry-after-ms": "1"})


def chat_stream() -> Reply:
    return sse(
        [
            chat_chunk({"role": "assistant", "content": ""}),
            chat_chunk({"content": "Hel"}),
            chat_chunk({"content": "lo"}),
            chat_chunk({}, finish_reason="stop"),
        ]
    )


# --- with_raw_response -------------------------------------------------------------------------------


@program
def metrics_middleware_reads_raw_responses(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(busy(), ok("measured", **HEADERS))
    raw = client.with_options(max_retries=2).chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES
    )
    completion = raw.parse()
    return {
        "status": raw.status_code,
        "headers": {k: v for k, v in raw.headers.items() if k in HEADERS},
        "processing_ms": int(raw.headers.get("openai-processing-ms", "0")),
        "request_method": raw.http_request.method,
        "request_path": raw.http_request.url.path,
        "request_body": json.loads(raw.http_request.content),
        "request_auth": raw.http_request.headers["authorization"],
        "url_path": raw.url.path,
        "method": raw.method,
        "http_version": raw.http_version,
        "elapsed_is_timedelta": isinstance(raw.elapsed, datetime.timedelta),
        "retries_taken": raw.retries_taken,
        "is_closed": raw.is_closed,
        "request_id": completion._request_id,
        "content": completion.choices[0].message.content,
        "text_is_json": json.loads(raw.text)["id"],
        "content_bytes": json.loads(raw.content)["object"],
        "parse_twice_same": raw.parse() is completion,
        "http_response_status": raw.http_response.status_code,
        "type": type(raw).__name__,
    }


@program
def raw_response_of_each_kind_of_call(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(MODEL, headers={"x-request-id": "r1"}),
        Reply.json({"object": "list", "data": [MODEL]}, headers={"x-request-id": "r2"}),
        Reply.json(
            {"id": "file-1", "object": "file", "deleted": True}, headers={"x-request-id": "r3"}
        ),
        Reply.raw(b"%PDF-1.4", content_type="application/pdf", headers={"x-request-id": "r4"}),
        chat_stream(),
    )
    model = client.models.with_raw_response.retrieve("gpt-4o")
    page = client.models.with_raw_response.list()
    deleted = client.files.with_raw_response.delete("file-1")
    content = client.files.with_raw_response.content("file-1")
    stream = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    )
    chunks = [c.choices[0].delta.content for c in stream.parse() if c.choices]
    return [
        (model.headers["x-request-id"], model.parse().id, type(model.parse()).__name__),
        (page.headers["x-request-id"], [m.id for m in page.parse()], type(page.parse()).__name__),
        (deleted.parse().deleted, deleted.parse()._request_id),
        (content.parse().content, content.headers["content-type"], type(content.parse()).__name__),
        (stream.headers["content-type"], chunks, type(stream.parse()).__name__),
    ]


@program
def raw_response_parse_to(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = ok("as text")
    raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    return (
        raw.parse(to=str)[:10],
        type(raw.parse(to=dict)).__name__,
        raw.parse(to=openai.types.chat.ChatCompletion).id,
        type(raw.parse(to=httpx2.Response)).__name__,
    )


# --- with_streaming_response ---------------------------------------------------------------------


@program
def proxy_relays_streamed_bytes_and_lines(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(chat_stream(), chat_stream(), chat_stream(), ok("whole"))
    relayed = []
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        relayed.append((response.status_code, response.headers["content-type"]))
        relayed.append(b"".join(response.iter_bytes()).count(b"data:"))
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        lines = [line for line in response.iter_lines() if line]
        relayed.append([json.loads(line[6:])["choices"][0]["delta"] for line in lines[:-1]])
        relayed.append(lines[-1])
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        relayed.append("".join(response.iter_text()).count("\n\n"))
        relayed.append(response.is_closed)
    relayed.append(response.is_closed)
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES
    ) as response:
        relayed.append((response.parse().choices[0].message.content, response.http_request.method))
        relayed.append(json.loads(response.read())["object"])
        relayed.append(response.json()["id"])
        relayed.append(response.text()[:1])
    return relayed


@program
def streamed_response_parsed_into_a_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(chat_stream())
    seen = []
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        stream = response.parse()
        seen.append(type(stream).__name__)
        for chunk in stream:
            if chunk.choices:
                seen.append(chunk.choices[0].delta.content)
        seen.append(response.retries_taken)
    return seen


@program
def streamed_download_written_to_disk(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    import tempfile
    from pathlib import Path

    body = b"\x00\x01" * 5000
    server.default = Reply.raw(body, content_type="application/octet-stream")
    here = Path(tempfile.mkdtemp(prefix="sweep-t-"))
    with client.files.with_streaming_response.content("file-x") as response:
        response.stream_to_file(here / "a.bin")
    with (
        client.files.with_streaming_response.content("file-x") as response,
        open(here / "b.bin", "wb") as out,
    ):
        for chunk in response.iter_bytes(chunk_size=1024):
            out.write(chunk)
    content = client.files.content("file-x")
    content.write_to_file(here / "c.bin")
    content.write_to_file(str(here / "d.bin"))
    return [(here / n).read_bytes() == body for n in ("a.bin", "b.bin", "c.bin", "d.bin")]


# --- custom http clients ---------------------------------------------------------------------------


@program
def httpx2_client_with_hooks_headers_and_params(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(lambda request: ok(request.path))
    seen: list[Any] = []

    def on_request(request: httpx2.Request) -> None:
        seen.append(("request", request.method, request.url.path, request.headers.get("x-app")))

    def on_response(response: httpx2.Response) -> None:
        seen.append(("response", response.status_code, response.request.url.path))

    http = httpx2.Client(
        transport=httpx2.HTTPTransport(retries=2),
        event_hooks={"request": [on_request], "response": [on_response]},
        headers={"X-App": "billing", "Authorization": "Bearer from-http-client"},
        params={"from_http": "1"},
    )
    c = openai.OpenAI(api_key=API_KEY, base_url=server.url + "/v1", http_client=http, max_retries=0)
    c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    c.chat.completions.create(
        model="gpt-4o", messages=MESSAGES, extra_headers={"X-App": "override"}
    )
    c.close()
    return seen, http.is_closed


@program
def http_client_closed_with_the_api_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = ok()
    http = httpx2.Client()
    with openai.OpenAI(api_key=API_KEY, base_url=server.url, http_client=http) as c:
        c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        copy = c.with_options(timeout=3)
        copy.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    default = openai.DefaultHttpxClient()
    with openai.OpenAI(api_key=API_KEY, base_url=server.url, http_client=default) as d:
        d.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    return http.is_closed, default.is_closed, c.is_closed(), copy.is_closed()


@program
def default_httpx_client_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = ok()
    seen = []
    for http in (
        openai.DefaultHttpxClient(),
        openai.DefaultHttpxClient(timeout=20.0),
        openai.DefaultHttpxClient(follow_redirects=False),
        openai.DefaultHttpxClient(headers={"X-Team": "ml"}),
        openai.DefaultHttpxClient(transport=httpx2.HTTPTransport(local_address="0.0.0.0")),
    ):
        seen.append((repr(http.timeout), http.follow_redirects))
        c = openai.OpenAI(api_key=API_KEY, base_url=server.url, http_client=http, max_retries=0)
        c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        seen.append((repr(c.timeout), server.requests[-1].headers.get("x-team")))
        c.close()
    return seen


@program
def mock_transport_records_requests(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A unit test answers from an ``httpx2.MockTransport`` and asserts on what was sent."""
    sent: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        if request.url.path.endswith("/models"):
            return httpx2.Response(500, json={"error": {"message": "boom"}})
        return httpx2.Response(
            200,
            json=chat_completion({"role": "assistant", "content": "mocked"}),
            headers={"x-request-id": "req_mock"},
        )

    c = openai.OpenAI(
        api_key=API_KEY,
        base_url="https://example.test/v1",
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
        max_retries=0,
    )
    completion = c.chat.completions.create(model="gpt-4o", messages=MESSAGES, user="u")
    try:
        c.models.list()
    except openai.InternalServerError as e:
        failure = (e.status_code, e.message, e.request.url.host)
    return (
        completion.choices[0].message.content,
        completion._request_id,
        failure,
        [(r.method, str(r.url), json.loads(r.content) if r.content else None) for r in sent],
        sorted(k for k in sent[0].headers if not k.startswith(("x-stainless", "x-retry"))),
    )


def echo_headers(request: RecordedRequest) -> Reply:
    return ok(json.dumps({k: v for k, v in request.headers.items() if k.startswith("x-signed")}))


@async_program
async def async_raw_and_streaming_responses(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(ok("raw", **HEADERS), chat_stream())
    raw = await client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    completion = raw.parse()
    seen: list[Any] = [
        raw.headers["x-request-id"],
        raw.status_code,
        raw.retries_taken,
        raw.http_request.url.path,
        completion.choices[0].message.content,
        type(raw).__name__,
    ]
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        seen.append(type(response).__name__)
        seen.append([line async for line in response.iter_lines() if line])
    return seen


@async_program
async def async_httpx2_client_hooks(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.dynamic(echo_headers)
    seen: list[Any] = []

    async def on_request(request: httpx2.Request) -> None:
        request.headers["X-Signed"] = "sig-" + request.method

    async def on_response(response: httpx2.Response) -> None:
        await response.aread()
        seen.append(response.json()["object"])

    http = httpx2.AsyncClient(event_hooks={"request": [on_request], "response": [on_response]})
    c = openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url, http_client=http, max_retries=0)
    result = await c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    await c.close()
    return seen, json.loads(result.choices[0].message.content), http.is_closed


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
