"""Real-world sweep T, streams as apps hold them: a chat UI reading the stream object's response
headers before the first token, closing it when the user presses stop, taking the usage chunk at
the end; ``next(stream)`` for the first token; retries and timeouts around a stream; a Responses
stream relayed line by line by a proxy; an httpx2 transport retrying connects under the client —
run unchanged against both packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import httpx2

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import chat_chunk, chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]
USAGE = {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}


def words(*pieces: str, usage: bool = False, headers: dict[str, str] | None = None) -> Reply:
    chunks: list[Any] = [chat_chunk({"role": "assistant", "content": ""})]
    chunks += [chat_chunk({"content": piece}) for piece in pieces]
    chunks.append(chat_chunk({}, finish_reason="stop"))
    if usage:
        chunks.append({**chat_chunk({}), "choices": [], "usage": USAGE})
    lines = [f"data: {json.dumps(chunk)}\n\n" for chunk in chunks]
    return Reply.sse([*lines, "data: [DONE]\n\n"], headers=headers)


def busy(status: int = 503) -> Reply:
    body = {"error": {"message": "busy", "type": "x", "param": None, "code": None}}
    return Reply.json(body, status=status, headers={"retry-after-ms": "1"})


def stream_of(client: Any, **options: Any) -> Any:
    return client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True, **options)


@program
def chat_ui_reads_headers_then_tokens(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(words("Hel", "lo", usage=True, headers={"x-request-id": "req_s"}))
    stream = stream_of(client, stream_options={"include_usage": True})
    seen: list[Any] = [
        stream.response.status_code,
        stream.response.headers.get("x-request-id"),
        stream.response.headers.get("content-type"),
        type(stream).__name__,
    ]
    text = ""
    usage = None
    for chunk in stream:
        if chunk.usage:
            usage = chunk.usage.model_dump()
        if chunk.choices and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
    seen += [text, usage, stream.response.is_closed]
    return seen


@program
def stop_button_closes_the_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(words("a", "b", "c", "d"), words("x", "y"), words("p", "q"))
    got = []
    stream = stream_of(client)
    for chunk in stream:
        if chunk.choices[0].delta.content == "b":
            stream.close()
            break
        got.append(chunk.choices[0].delta.content)
    got.append(stream.response.is_closed)
    with stream_of(client) as second:
        got.append(next(iter(second)).choices[0].delta.role)
    got.append(second.response.is_closed)
    third = stream_of(client)
    first = next(third)
    got.append((first.choices[0].delta.role, next(third).choices[0].delta.content))
    third.close()
    return got


@program
def stream_retried_before_it_starts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(busy(), busy(502), words("ok"), busy(), words("raw"))
    text = "".join(
        c.choices[0].delta.content or ""
        for c in stream_of(client.with_options(max_retries=2))
        if c.choices
    )
    raw = client.with_options(max_retries=1).chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    )
    chunks = [c.choices[0].delta.content for c in raw.parse() if c.choices]
    return text, raw.retries_taken, chunks, len(server.requests)


@program
def slow_stream_within_its_timeout(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    lines = [f"data: {json.dumps(chat_chunk({'content': str(n)}))}\n\n" for n in range(3)]
    server.reply(Reply.sse([*lines, "data: [DONE]\n\n"], delay=0.05))
    server.reply(Reply.sse(lines, delay=[0.0, 0.05, 5.0], end=False))
    first = [c.choices[0].delta.content for c in stream_of(client, timeout=httpx2.Timeout(2.0))]
    second: list[Any] = []
    try:
        for c in stream_of(client, timeout=httpx2.Timeout(10.0, read=0.5)):
            second.append(c.choices[0].delta.content)
    except openai.APITimeoutError as e:
        second.append((type(e).__name__, e.message))
    return first, second


@program
def responses_stream_relayed_by_a_proxy(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    events = [
        ("response.created", {"type": "response.created", "sequence_number": 0}),
        (
            "response.output_text.delta",
            {
                "type": "response.output_text.delta",
                "delta": "Hi",
                "item_id": "msg_1",
                "output_index": 0,
                "content_index": 0,
                "sequence_number": 1,
                "logprobs": [],
            },
        ),
    ]
    body = "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)
    server.reply(Reply.sse([body]))
    relayed = []
    with client.responses.with_streaming_response.create(
        model="gpt-4o", input="hi", stream=True
    ) as response:
        relayed.append(response.headers["content-type"])
        for line in response.iter_lines():
            relayed.append(line)
    return relayed


@program
def transport_retries_connects_under_the_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``httpx2.HTTPTransport(retries=...)`` retries a refused connect; the SDK's own retries
    come on top."""
    c = openai.OpenAI(
        api_key=API_KEY,
        base_url="http://127.0.0.1:9/v1",
        http_client=httpx2.Client(transport=httpx2.HTTPTransport(retries=2)),
        max_retries=0,
    )
    try:
        c.models.list()
    except openai.APIConnectionError as e:
        failure = (type(e).__name__, e.message, type(e.__cause__).__name__)
    c.close()
    server.default = Reply.json(chat_completion({"role": "assistant", "content": "fine"}))
    d = openai.OpenAI(
        api_key=API_KEY,
        base_url=server.url,
        http_client=httpx2.Client(transport=httpx2.HTTPTransport(retries=2)),
        max_retries=0,
    )
    answer = d.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content
    d.close()
    return failure, answer


@program
def client_swapped_per_tenant_with_options(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(
        lambda r: Reply.json(
            chat_completion({"role": "assistant", "content": r.headers.get("x-tenant", "-")})
        )
    )
    tenant_http = httpx2.Client(headers={"X-Tenant": "acme"})
    tenant = client.with_options(http_client=tenant_http)
    seen = [
        tenant.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content,
        client.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content,
        tenant.copy(default_headers={"X-Tenant": "other"})
        .chat.completions.create(model="m", messages=MESSAGES)
        .choices[0]
        .message.content,
    ]
    tenant.close()
    seen.append(tenant_http.is_closed)
    return seen


@async_program
async def async_stream_stopped_and_closed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(words("a", "b", "c", headers={"x-request-id": "req_as"}), words("x"))
    got: list[Any] = []
    stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    got.append((stream.response.status_code, stream.response.headers["x-request-id"]))
    async for chunk in stream:
        if chunk.choices[0].delta.content == "b":
            await stream.close()
            break
        got.append(chunk.choices[0].delta.content)
    got.append(stream.response.is_closed)
    async with await client.chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    ) as second:
        got.append((await second.__anext__()).choices[0].delta.role)
    got.append(second.response.is_closed)
    return got


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
