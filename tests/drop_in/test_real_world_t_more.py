"""Real-world sweep T, more of what apps do around calls: extra headers, query and timeout kept
across the pages of a listing, downloads read in fixed-size chunks, lines and text, the legacy
binary helpers and their warnings, everything a handler reads off an error's response, client
options of unusual shapes (a ``base_url`` without ``/v1``, an ``http_client`` with its own
``base_url``, an empty key), errors arriving inside chat and Responses streams, async downloads,
and credentials asked for again on each retry — run unchanged against both packages over the
loopback server (see real_world_d).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import httpx2

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import chat_chunk, chat_completion
from .test_real_world_t_errors import described

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def file_obj(i):
    return {
        "id": f"file-{i}",
        "object": "file",
        "bytes": 1,
        "created_at": 1,
        "filename": "a",
        "purpose": "batch",
        "status": "processed",
    }


@program
def extras_follow_the_pages(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [file_obj(1)],
                "has_more": True,
                "first_id": "file-1",
                "last_id": "file-1",
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [file_obj(2)],
                "has_more": False,
                "first_id": "file-2",
                "last_id": "file-2",
            }
        ),
    )
    ids = [
        f.id
        for f in client.files.list(
            limit=1, extra_query={"x": "1"}, extra_headers={"X-H": "v"}, timeout=5
        )
    ]
    return ids, [(sorted(r.query), r.headers.get("x-h")) for r in server.requests]


@program
def chunk_sizes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = bytes(range(256)) * 10
    server.default = Reply.raw(body)
    out = []
    with client.files.with_streaming_response.content("f") as r:
        out.append([len(c) for c in r.iter_bytes(chunk_size=100)])
    with client.files.with_streaming_response.content("f") as r:
        out.append(
            [len(c) for c in r.iter_raw(chunk_size=1000)] if hasattr(r, "iter_raw") else None
        )
    content = client.files.content("f")
    out.append([len(c) for c in content.iter_bytes(chunk_size=999)])
    out.append([len(c) for c in content.iter_bytes()])
    text = "line1\nline2\r\nline3"
    server.default = Reply.raw(text.encode(), content_type="text/plain; charset=utf-8")
    with client.files.with_streaming_response.content("f") as r:
        out.append(list(r.iter_lines()))
    with client.files.with_streaming_response.content("f") as r:
        out.append([len(t) for t in r.iter_text(chunk_size=4)])
    c2 = client.files.content("f")
    out.append(
        (
            list(c2.iter_lines()),
            c2.encoding,
            c2.charset_encoding if hasattr(c2, "charset_encoding") else None,
        )
    )
    return out


@program
def legacy_binary_helpers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import tempfile
    import warnings
    from pathlib import Path

    server.default = Reply.raw(b"abc")
    here = Path(tempfile.mkdtemp())
    c = client.files.content("f")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        c.stream_to_file(here / "x")
    return (
        [type(x.message).__name__ for x in w],
        (here / "x").read_bytes(),
        c.response.status_code,
        type(c).__name__,
    )


@program
def errors_elapsed_and_response_state(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json({"error": {"message": "x"}}, status=400))
    try:
        client.models.list()
    except openai.BadRequestError as e:
        r = e.response
        return (
            r.is_closed,
            r.is_stream_consumed,
            r.num_bytes_downloaded,
            r.encoding,
            r.charset_encoding,
            r.elapsed.total_seconds() >= 0,
            str(r.url).replace(server.url, ""),
            r.history,
            r.is_error,
            r.is_success,
            r.has_redirect_location,
            r.reason_phrase,
            r.content,
            r.text,
            r.links,
            r.next_request,
        )


def outcome(code):
    try:
        return ("ok", code())
    except Exception as e:
        return ("raised", type(e).__name__)


def echo_wire(request: Any) -> Reply:
    """The path, query and app headers a call arrived with, as the reply's text."""
    headers = {
        k: v
        for k, v in request.headers.items()
        if k.startswith(("x-", "authorization", "openai-"))
        and not k.startswith(("x-stainless", "x-retry"))
    }
    text = json.dumps([request.path, sorted(request.query), headers])
    return Reply.json(chat_completion({"role": "assistant", "content": text}))


@program
def client_options_of_unusual_shapes(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Options as apps pass them without reading the docs closely: a local server's URL
    without ``/v1``, an ``http_client`` with a ``base_url`` of its own, a default query merged
    with a call's, a timeout tuple, a header value that is no string, a key left empty."""
    server.default = Reply.dynamic(echo_wire)
    messages = [{"role": "user", "content": "hi"}]

    def said(c: Any, **options: Any) -> Any:
        completion = c.chat.completions.create(model="m", messages=messages, **options)
        return json.loads(completion.choices[0].message.content)

    seen = []
    made = [
        openai.OpenAI(api_key="local-key", base_url=server.url, max_retries=0),
        openai.OpenAI(
            api_key="local-key",
            base_url=server.url + "/v1/",
            http_client=httpx2.Client(base_url="http://127.0.0.1:9/other"),
            max_retries=0,
        ),
        openai.OpenAI(
            api_key="local-key",
            base_url=server.url + "/v1",
            default_query={"api-version": "2"},
            max_retries=0,
        ),
    ]
    seen.append(said(made[0]))
    seen.append(said(made[1]))
    seen.append(said(made[2], extra_query={"more": "1"}))
    seen.append(outcome(lambda: said(client, timeout=(1, 2))))
    seen.append(outcome(lambda: said(client, extra_headers={"X-Num": 5})))
    seen.append(outcome(lambda: said(client, extra_headers={"Authorization": openai.Omit()})))
    seen.append(outcome(lambda: openai.OpenAI(api_key="", base_url=server.url).api_key))
    for each in made:
        each.close()
    return seen


@program
def stream_errors_described(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    out = []
    bodies = [
        'data: {"error": {"message": "overloaded", "type": "server_error", "param": null, "code": "overloaded"}}\n\n',
        'data: {"error": "plain string"}\n\n',
        'event: error\ndata: {"message": "bad", "code": "c"}\n\n',
        'event: error\ndata: {"error": {"message": "nested", "code": "c2"}}\n\n',
    ]
    for body in bodies:
        server.reply(
            Reply.sse(
                [f"data: {json.dumps(chat_chunk({'content': 'a'}))}\n\n", body, "data: [DONE]\n\n"],
                headers={"x-request-id": "req_stream"},
            )
        )
        got = []
        try:
            for c in client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "x"}], stream=True
            ):
                got.append(c.choices[0].delta.content)
        except Exception as e:
            got.append(described(e))
        out.append(got)
    return out


@program
def responses_stream_errors_described(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = []
    bodies = [
        'event: error\ndata: {"type": "error", "code": "server_error", "message": "The server had an error", "param": null, "sequence_number": 1}\n\n',
        'event: response.failed\ndata: {"type": "response.failed", "sequence_number": 1, "response": {"id": "resp_1", "object": "response", "created_at": 1, "status": "failed", "model": "gpt-4o", "output": [], "error": {"code": "server_error", "message": "boom"}, "incomplete_details": null, "instructions": null, "metadata": {}, "parallel_tool_calls": true, "temperature": 1, "tool_choice": "auto", "tools": [], "top_p": 1}}\n\n',
    ]
    for body in bodies:
        server.reply(Reply.sse([body]))
        got = []
        try:
            for ev in client.responses.create(model="m", input="x", stream=True):
                got.append(ev.type)
        except Exception as e:
            got.append(described(e))
        out.append(got)
        server.reply(Reply.sse([body]))
        got = []
        try:
            with client.responses.stream(model="m", input="x") as s:
                for ev in s:
                    got.append(ev.type)
                got.append(s.get_final_response().status)
        except Exception as e:
            got.append(described(e))
        out.append(got)
    return out


@async_program
async def async_downloads(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import tempfile
    import warnings
    from pathlib import Path

    here = Path(tempfile.mkdtemp())
    body = b"0123456789" * 300
    server.default = Reply.raw(body)
    out = []
    content = await client.files.content("f")
    out.append(type(content).__name__)
    content.write_to_file(here / "a")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        await content.astream_to_file(here / "b")
        out.append([type(x.message).__name__ for x in w])
    out.append([len(c) async for c in await content.aiter_bytes(1000)])
    out.append(len(await content.aread()))
    async with client.files.with_streaming_response.content("f") as r:
        out.append(type(r).__name__)
        await r.stream_to_file(here / "c")
    async with client.files.with_streaming_response.content("f") as r:
        out.append([len(c) async for c in r.iter_bytes(700)])
    async with client.files.with_streaming_response.content("f") as r:
        out.append(len(await r.read()))
        out.append(len(await r.text()))
    raw = await client.files.with_raw_response.content("f")
    out.append((type(raw).__name__, type(raw.parse()).__name__, len(raw.content), raw.http_version))
    out.append([(here / n).read_bytes() == body for n in "abc"])
    return out


@program
def azure_token_per_attempt(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    busy = Reply.json({"error": {"message": "busy"}}, status=503, headers={"retry-after-ms": "1"})
    server.reply(busy, busy, Reply.json(chat_completion({"role": "assistant", "content": "x"})))
    calls = []

    def provider():
        calls.append(1)
        return f"tok-{len(calls)}"

    az = openai.AzureOpenAI(
        azure_ad_token_provider=provider, api_version="v", azure_endpoint=server.url, max_retries=3
    )
    raw = az.chat.completions.with_raw_response.create(
        model="d", messages=[{"role": "user", "content": "x"}]
    )
    out = [
        len(calls),
        raw.retries_taken,
        [r.headers.get("authorization") for r in server.requests],
        raw.http_request.headers.get("authorization"),
    ]
    c2 = openai.OpenAI(api_key=lambda: f"key-{len(calls)}", base_url=server.url, max_retries=3)
    server.reply(busy, Reply.json(chat_completion({"role": "assistant", "content": "x"})))
    c2.chat.completions.create(model="d", messages=[{"role": "user", "content": "x"}])
    out.append([r.headers.get("authorization") for r in server.requests[3:]])
    out.append(c2.api_key)
    az.close()
    c2.close()
    return out


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
