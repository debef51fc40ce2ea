"""Real-world sweep E, async-first programs as users write them: a FastAPI-style app holding one
``AsyncOpenAI`` for its handlers, ``async with AsyncOpenAI() as client``, ``await client.close()``,
``asyncio.gather`` fan-outs, async streams broken off early and closed, cancellation with
``asyncio.wait_for`` around calls and streams (the connection must come back to the pool: the
clients here get a one-connection pool, so a leaked one hangs the next call), ``DefaultAioHttpClient``
and ``AsyncAzureOpenAI`` — run unchanged against both packages over the loopback server; each
program returns what its author observes and what was sent.
"""

from __future__ import annotations

import asyncio
import importlib
import json
from types import ModuleType
from typing import Any

import httpx

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, registry
from .real_world_b import wire_of
from .test_real_world_apps import chat_chunk, chat_completion, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def echo_chat(request: RecordedRequest) -> Reply:
    """A chat answer that repeats the last user message, whatever order the calls arrive in."""
    text = request.json()["messages"][-1]["content"]
    return Reply.json(chat_completion({"role": "assistant", "content": f"re: {text}"}))


def http_library(openai: ModuleType) -> ModuleType:
    """The HTTP library each package is built on (openai 3.57 runs on httpx2, typed_openai on
    httpx): a program passes limits in the one its package's README names."""
    return httpx if openai.__name__ == "typed_openai" else importlib.import_module("httpx2")


def one_connection(openai: ModuleType, server: ScriptedServer, **options: Any) -> Any:
    """An async client whose pool holds one connection: a call left holding it makes the next
    wait out the pool timeout."""
    http = http_library(openai)
    http_client = openai.DefaultAsyncHttpxClient(
        limits=http.Limits(max_connections=1, max_keepalive_connections=1),
        timeout=http.Timeout(3.0, pool=1.0),
    )
    options.setdefault("max_retries", 0)
    return openai.AsyncOpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", http_client=http_client, **options
    )


async def warm_up(client: Any, server: ScriptedServer) -> None:
    """One call before a program times another: each package imports much of itself on its
    first request, which on a loaded machine can outlast the timeout under test (the request
    then never leaves, and the program observes a different thing). Answered by a route, so
    the replies queued for the program stay in order."""
    server.route("GET", "/v1/models", Reply.json({"object": "list", "data": []}))
    await client.models.list()


def wires(server: ScriptedServer, since: int) -> list[Any]:
    return [wire(r) for r in server.requests[since:]]


STREAM = [
    chat_chunk({"role": "assistant", "content": ""}),
    chat_chunk({"content": "Hel"}),
    chat_chunk({"content": "lo"}),
    chat_chunk({}, "stop"),
]


# --- apps ------------------------------------------------------------------------------------------


@async_program
async def fastapi_style_app_client(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """One client built at startup, shared by handlers that run concurrently, closed at shutdown
    (the lifespan pattern)."""
    server.default = Reply.dynamic(echo_chat)
    state: dict[str, Any] = {}

    async def startup() -> None:
        state["client"] = openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url + "/v1")

    async def chat_endpoint(body: dict[str, Any]) -> dict[str, Any]:
        completion = await state["client"].chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": body["q"]}]
        )
        return {"answer": completion.choices[0].message.content, "id": completion.id}

    async def shutdown() -> None:
        await state["client"].close()

    await startup()
    before = len(server.requests)
    answers = await asyncio.gather(*(chat_endpoint({"q": f"q{n}"}) for n in range(6)))
    await shutdown()
    bodies = sorted(json.dumps(w[-1], sort_keys=True) for w in wires(server, before))
    return answers, bodies, state["client"].is_closed()


@async_program
async def async_with_client_and_after_close(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(echo_chat)
    async with openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url + "/v1") as scoped:
        inside = await scoped.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "inside"}]
        )
        open_inside = scoped.is_closed()
    closed_after = scoped.is_closed()
    try:
        await scoped.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "after"}]
        )
        after: Any = "sent"
    except Exception as exc:  # what a user sees calling a closed client
        after = (type(exc).__name__, isinstance(exc, openai.APIConnectionError))
    explicit = openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url + "/v1")
    await explicit.close()
    await explicit.close()  # closing twice is harmless
    return inside.choices[0].message.content, open_inside, closed_after, after, explicit.is_closed()


@async_program
async def gather_many_calls_with_a_semaphore(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    def embedding(request: RecordedRequest) -> Reply:
        inputs = request.json()["input"]
        return Reply.json(
            {
                "object": "list",
                "data": [
                    {"object": "embedding", "index": i, "embedding": [float(len(t)), 0.5]}
                    for i, t in enumerate(inputs)
                ],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 3, "total_tokens": 3},
            }
        )

    server.default = Reply.dynamic(embedding)
    limit = asyncio.Semaphore(4)
    texts = [f"doc {'x' * n}" for n in range(20)]
    batches = [texts[i : i + 3] for i in range(0, len(texts), 3)]

    async def embed(batch: list[str]) -> list[list[float]]:
        async with limit:
            result = await client.embeddings.create(
                model="text-embedding-3-small", input=batch, encoding_format="float"
            )
            return [d.embedding for d in result.data]

    before = len(server.requests)
    results = await asyncio.gather(*(embed(b) for b in batches), return_exceptions=True)
    sent_inputs = sorted(json.dumps(w[-1], sort_keys=True) for w in wires(server, before))
    return results, sent_inputs


@async_program
async def gather_with_one_failure(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def answer(request: RecordedRequest) -> Reply:
        text = request.json()["messages"][-1]["content"]
        if text == "bad":
            return Reply.json(
                {"error": {"message": "bad input", "type": "invalid_request_error", "code": None}},
                status=400,
            )
        return echo_chat(request)

    server.default = Reply.dynamic(answer)
    calls = [
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": t}])
        for t in ("a", "bad", "c")
    ]
    results = await asyncio.gather(*calls, return_exceptions=True)
    return [
        (type(r).__name__, getattr(r, "status_code", None), str(r))
        if isinstance(r, BaseException)
        else r.choices[0].message.content
        for r in results
    ]


# --- async streams ---------------------------------------------------------------------------------


@async_program
async def async_stream_broken_off_and_closed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(STREAM), Reply.dynamic(echo_chat))
    async with one_connection(openai, server) as aclient:
        stream = await aclient.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "hi"}],
            stream=True,
            stream_options={"include_usage": True},
        )
        first = []
        async for chunk in stream:
            first.append(chunk.choices[0].delta.content)
            if len(first) == 2:
                break
        await stream.close()
        status = stream.response.status_code, stream.response.headers["content-type"]
        after = await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "next"}]
        )
    return first, status, after.choices[0].message.content, wires(server, 0)


@async_program
async def async_with_await_create_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(STREAM), Reply.dynamic(echo_chat))
    async with one_connection(openai, server) as aclient:
        async with await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
        ) as stream:
            first = None
            async for chunk in stream:
                if chunk.choices[0].delta.content:
                    first = chunk.choices[0].delta.content
                    break
        after = await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "next"}]
        )
    return first, after.choices[0].message.content


@async_program
async def chat_stream_helper_events(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(sse(STREAM))
    kinds = []
    async with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    ) as stream:
        async for event in stream:
            if event.type == "content.delta":
                kinds.append((event.type, event.delta, event.snapshot))
            else:
                kinds.append(event.type)
        final = await stream.get_final_completion()
    return (
        kinds,
        final.choices[0].message.content,
        final.choices[0].message.parsed,
        wires(server, 0),
    )


# --- cancellation ----------------------------------------------------------------------------------


@async_program
async def wait_for_around_a_call_releases_the_connection(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.after(2.0, Reply.dynamic(echo_chat)), Reply.dynamic(echo_chat))
    async with one_connection(openai, server) as aclient:
        await warm_up(aclient, server)
        try:
            await asyncio.wait_for(
                aclient.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "user", "content": "slow"}]
                ),
                timeout=0.3,
            )
            first = "finished"
        except asyncio.TimeoutError:
            first = "timed out"
        second = await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "fast"}]
        )
    return first, second.choices[0].message.content


@async_program
async def wait_for_around_a_stream_releases_the_connection(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    lines = [f"data: {json.dumps(c)}\n\n" for c in STREAM]
    server.reply(Reply.sse(lines, delay=[0.0, 0.0, 3.0, 0.0]), Reply.dynamic(echo_chat))
    seen: list[Any] = []

    async def consume(aclient: Any) -> None:
        stream = await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        async for chunk in stream:
            seen.append(chunk.choices[0].delta.content)

    async with one_connection(openai, server) as aclient:
        await warm_up(aclient, server)
        try:
            await asyncio.wait_for(consume(aclient), timeout=0.5)
            first = "finished"
        except asyncio.TimeoutError:
            first = "timed out"
        second = await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "fast"}]
        )
    return first, seen, second.choices[0].message.content


@async_program
async def task_cancelled_mid_stream_helper(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    lines = [f"data: {json.dumps(c)}\n\n" for c in STREAM]
    server.reply(Reply.sse(lines, delay=[0.0, 0.0, 3.0, 0.0]), Reply.dynamic(echo_chat))
    seen: list[Any] = []
    got_two = asyncio.Event()

    async def consume(aclient: Any) -> None:
        async with aclient.chat.completions.stream(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        ) as stream:
            async for event in stream:
                seen.append(event.type)
                if len(seen) >= 2:
                    got_two.set()

    async with one_connection(openai, server) as aclient:
        task = asyncio.ensure_future(consume(aclient))
        await asyncio.wait_for(got_two.wait(), timeout=5)
        task.cancel()
        try:
            await task
            outcome = "finished"
        except asyncio.CancelledError:
            outcome = "cancelled"
        second = await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "fast"}]
        )
    return outcome, seen[:2], second.choices[0].message.content


@async_program
async def timeout_option_on_an_async_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    lines = [f"data: {json.dumps(c)}\n\n" for c in STREAM]
    server.reply(Reply.sse(lines, delay=[0.0, 0.0, 3.0, 0.0]), Reply.dynamic(echo_chat))
    async with one_connection(openai, server) as aclient:
        stream = await aclient.with_options(timeout=0.4).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        seen = []
        try:
            async for chunk in stream:
                seen.append(chunk.choices[0].delta.content)
            outcome: Any = "finished"
        except Exception as exc:
            outcome = type(exc).__name__, isinstance(exc, openai.APITimeoutError)
        second = await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "fast"}]
        )
    return outcome, seen, second.choices[0].message.content


# --- other transports and clients ------------------------------------------------------------------


@async_program
async def aiohttp_client_raw_stream_and_errors(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            chat_completion({"role": "assistant", "content": "raw"}),
            headers={"x-request-id": "req_raw", "x-ratelimit-remaining-requests": "99"},
        ),
        sse(STREAM),
        Reply.json(
            {"error": {"message": "nope", "type": "invalid_request_error", "code": "bad"}},
            status=404,
            headers={"x-request-id": "req_404"},
        ),
    )
    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=openai.DefaultAioHttpClient(),
        max_retries=0,
    ) as aio:
        raw = await aio.chat.completions.with_raw_response.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
        parsed = raw.parse()
        head = (
            raw.request_id if hasattr(raw, "request_id") else None,
            raw.headers.get("x-ratelimit-remaining-requests"),
            raw.status_code,
        )
        async with aio.chat.completions.with_streaming_response.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
        ) as response:
            lines = [line async for line in response.iter_lines() if line]
        try:
            await aio.models.retrieve("gpt-missing")
            error: Any = None
        except openai.NotFoundError as exc:
            error = exc.status_code, exc.request_id, exc.code, str(exc)
    return parsed.choices[0].message.content, head, len(lines), error, wires(server, 0)


@async_program
async def async_azure_stream_and_embeddings(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        sse(STREAM),
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2]}],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        ),
    )
    tokens = iter(["tok-1", "tok-2"])

    async def token_provider() -> str:
        return next(tokens)

    async with openai.AsyncAzureOpenAI(
        azure_endpoint=server.url,
        api_version="2024-10-21",
        azure_ad_token_provider=token_provider,
        max_retries=0,
    ) as azure:
        stream = await azure.chat.completions.create(
            model="my-gpt4o", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
        vector = await azure.with_options(timeout=5).embeddings.create(
            model="my-embedder", input="hello"
        )
    return text, vector.data[0].embedding, wires(server, 0)


@async_program
async def async_file_upload_from_bytes_and_path(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    import tempfile
    from pathlib import Path

    def file_object(request: RecordedRequest) -> Reply:
        return Reply.json(
            {
                "id": "file-1",
                "object": "file",
                "bytes": len(request.body),
                "created_at": 1733000000,
                "filename": "train.jsonl",
                "purpose": "fine-tune",
                "status": "processed",
            }
        )

    server.default = Reply.dynamic(file_object)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "train.jsonl"
        path.write_bytes(b'{"messages": []}\n')
        from_path = await client.files.create(file=path, purpose="fine-tune")
        from_tuple = await client.files.create(
            file=("batch.jsonl", b'{"custom_id": "1"}\n', "application/jsonl"), purpose="batch"
        )
        with path.open("rb") as handle:
            from_handle = await client.files.create(file=handle, purpose="fine-tune")
    return (
        [f.id for f in (from_path, from_tuple, from_handle)],
        wires(server, 0),
    )


@async_program
async def async_upload_file_kinds(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The file values async code passes: an anyio.Path, a bare BytesIO, a BytesIO given a
    name, (name, handle) and (name, bytes, type, headers) tuples."""
    import io
    import tempfile
    from pathlib import Path

    import anyio

    server.default = Reply.json(
        {
            "id": "file-1",
            "object": "file",
            "bytes": 1,
            "created_at": 1733000000,
            "filename": "x",
            "purpose": "assistants",
            "status": "processed",
        }
    )
    named = io.BytesIO(b"a,b")
    named.name = "renamed.csv"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.md"
        path.write_text("# notes")
        files = [
            anyio.Path(path),
            io.BytesIO(b"raw"),
            named,
            ("named.txt", io.BytesIO(b"x")),
            ("x.json", b"{}", "application/json", {"X-Part": "1"}),
        ]
        for file in files:
            await client.files.create(file=file, purpose="assistants")
    return [wire_of(r) for r in server.requests]


# --- runners ---------------------------------------------------------------------------------------


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
