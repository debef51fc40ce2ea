"""Real-world sweep Y, async programs as services write them: ``asyncio.gather`` fan-outs (some
failing), async chat / Responses / Assistants streams read through their ``async with`` managers
and event handlers, async pagination by hand (``has_next_page`` / ``get_next_page`` /
``iter_pages``), async raw and streamed responses read every way, closing the client, and
``AsyncAzureOpenAI`` — run unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import asyncio
import json
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import async_observed_the_same, registry
from .test_real_world_apps import (
    answer_events,
    chat_chunk,
    chat_completion,
    output_message,
    requires_action_events,
    response_events,
    response_object,
    sse,
)
from .test_real_world_c_pages import cursor_pages, file_object

_, ASYNC_PROGRAMS, _, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]


def echo_chat(request: RecordedRequest) -> Reply:
    """A completion whose text is the last user message, upper-cased."""
    text = request.json()["messages"][-1]["content"].upper()
    return Reply.json(chat_completion({"role": "assistant", "content": text}))


def api_error(status: int, message: str, code: str | None = None, **headers: str) -> Reply:
    body = {"error": {"message": message, "type": "invalid_request_error", "param": None}}
    body["error"]["code"] = code
    return Reply.json(body, status=status, headers=headers or None)


def text_chunks(*pieces: str) -> Reply:
    first, *rest = pieces
    chunks = [chat_chunk({"role": "assistant", "content": first})]
    chunks += [chat_chunk({"content": piece}) for piece in rest]
    chunks.append(chat_chunk({}, finish_reason="stop"))
    return sse(chunks)


@async_program
async def gather_a_batch_of_prompts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Classify ten snippets at once; answers come back in the order asked."""
    server.default = Reply.dynamic(echo_chat)
    prompts = [f"snippet {n}" for n in range(10)]
    completions = await asyncio.gather(
        *(
            client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": p}]
            )
            for p in prompts
        )
    )
    return (
        [c.choices[0].message.content for c in completions],
        sorted(r.json()["messages"][0]["content"] for r in server.requests),
        {type(c).__name__ for c in completions},
    )


@async_program
async def gather_with_failures_returned(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``return_exceptions=True``: the failed calls come back as error objects to report."""

    def answer(request: RecordedRequest) -> Reply:
        content = request.json()["messages"][0]["content"]
        if content == "bad":
            return api_error(400, "Invalid prompt", "invalid_prompt", **{"x-request-id": "req_b"})
        if content == "missing":
            return api_error(404, "The model does not exist", "model_not_found")
        return echo_chat(request)

    server.default = Reply.dynamic(answer)
    results = await asyncio.gather(
        *(
            client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": p}]
            )
            for p in ("good", "bad", "missing", "fine")
        ),
        return_exceptions=True,
    )
    report = []
    for result in results:
        if isinstance(result, openai.APIStatusError):
            report.append(
                (type(result).__name__, result.status_code, result.code, result.request_id)
            )
        else:
            report.append(result.choices[0].message.content)
    return report


@async_program
async def semaphore_limited_embeddings(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A bounded fan-out of embedding calls (an indexing job)."""

    def embed(request: RecordedRequest) -> Reply:
        texts = request.json()["input"]
        data = [
            {"object": "embedding", "index": i, "embedding": [float(len(t)), 0.5]}
            for i, t in enumerate(texts)
        ]
        usage = {"prompt_tokens": len(texts), "total_tokens": len(texts)}
        return Reply.json({"object": "list", "data": data, "model": "e", "usage": usage})

    server.default = Reply.dynamic(embed)
    limit = asyncio.Semaphore(2)
    batches = [["a", "bb"], ["ccc"], ["dddd", "e", "ff"]]

    async def one(batch: list[str]) -> list[list[float]]:
        async with limit:
            result = await client.embeddings.create(
                model="text-embedding-3-small", input=batch, encoding_format="float"
            )
            return [d.embedding for d in result.data]

    vectors = await asyncio.gather(*(one(b) for b in batches))
    return vectors, sorted(r.json().get("encoding_format") for r in server.requests)


@async_program
async def async_chat_stream_manager(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``async with client.chat.completions.stream(...)``: print the deltas, then the final."""
    server.reply(text_chunks("Hel", "lo", " world"))
    seen = []
    async with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as stream:
        async for event in stream:
            if event.type == "content.delta":
                seen.append((event.delta, event.snapshot))
            elif event.type == "content.done":
                seen.append(("done", event.content))
            else:
                seen.append(event.type)
        snapshot = stream.current_completion_snapshot.choices[0].message.content
        final = await stream.get_final_completion()
    return seen, snapshot, final.choices[0].message.content, final.choices[0].finish_reason


@async_program
async def async_chat_stream_manager_final_only(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Only the end matters: ``get_final_completion()`` without iterating, then ``until_done``."""
    server.reply(text_chunks("a", "b", "c"), text_chunks("x", "y"))
    async with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as stream:
        final = await stream.get_final_completion()
    async with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as second:
        await second.until_done()
        other = second.current_completion_snapshot.choices[0].message.content
    return final.choices[0].message.content, other, final.model_dump()["choices"][0]["message"]


@async_program
async def async_stream_as_a_context_manager(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``async with await client.chat.completions.create(stream=True) as stream``, left early."""
    server.reply(text_chunks("one", " two", " three"))
    got = []
    async with await client.chat.completions.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as stream:
        async for chunk in stream:
            got.append(chunk.choices[0].delta.content)
            if len(got) == 2:
                break
    return got, stream.response.is_closed, type(stream).__name__


@async_program
async def async_stream_generator_for_a_web_app(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A FastAPI-style async generator re-emitting each delta as an SSE line."""
    server.reply(text_chunks("To", "ken", "s"))

    async def relay() -> Any:
        stream = await client.chat.completions.create(
            model="gpt-4o", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        )
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                yield f"data: {json.dumps({'text': chunk.choices[0].delta.content})}\n\n"
        yield "data: [DONE]\n\n"

    lines = [line async for line in relay()]
    return lines, server.requests[0].json()["stream_options"]


@async_program
async def async_responses_stream_text(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    item = output_message("Async story time")
    server.reply(sse(response_events(response_object([item]), item)))
    printed = []
    async with client.responses.stream(model="gpt-4.1", input="tell a story") as stream:
        async for event in stream:
            if event.type == "response.output_text.delta":
                printed.append((event.delta, event.snapshot))
            elif event.type == "response.completed":
                printed.append(("completed", event.response.output_text))
        final = await stream.get_final_response()
    return printed, final.output_text, final.id, final.usage.total_tokens


@async_program
async def async_responses_create_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``await client.responses.create(stream=True)`` read with ``async for``, typed events."""
    item = output_message("Typed events")
    server.reply(sse(response_events(response_object([item]), item)))
    stream = await client.responses.create(model="gpt-4.1", input="x", stream=True)
    kinds = []
    text = ""
    async for event in stream:
        kinds.append((event.type, type(event).__name__, event.sequence_number))
        if isinstance(event, openai.types.responses.ResponseTextDeltaEvent):
            text += event.delta
    return kinds, text


class Verdict(BaseModel):
    label: str
    score: float


@async_program
async def async_responses_stream_parsed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    item = output_message(json.dumps({"label": "spam", "score": 0.9}))
    server.reply(sse(response_events(response_object([item]), item)))
    async with client.responses.stream(
        model="gpt-4.1", input="classify", text_format=Verdict
    ) as stream:
        await stream.until_done()
        final = await stream.get_final_response()
    sent = server.requests[0].json()
    return final.output_parsed, type(final.output_parsed).__name__, sent["text"]["format"]["name"]


@async_program
async def async_assistant_event_handler(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The cookbook's async handler: a tool call answered from ``on_event``, then the text."""
    seen: list[Any] = []

    class Answer(openai.AsyncAssistantEventHandler):
        async def on_text_created(self, text: Any) -> None:
            seen.append(("created", text.value))

        async def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            seen.append(("delta", delta.value, snapshot.value))

        async def on_end(self) -> None:
            seen.append(("end", self.current_run.status if self.current_run else None))

    class Tools(openai.AsyncAssistantEventHandler):
        async def on_event(self, event: Any) -> None:
            if event.event == "thread.run.requires_action":
                calls = event.data.required_action.submit_tool_outputs.tool_calls
                outputs = [{"tool_call_id": c.id, "output": "22"} for c in calls]
                async with client.beta.threads.runs.submit_tool_outputs_stream(
                    thread_id=event.data.thread_id,
                    run_id=event.data.id,
                    tool_outputs=outputs,
                    event_handler=Answer(),
                ) as answer:
                    await answer.until_done()

        async def on_tool_call_done(self, tool_call: Any) -> None:
            seen.append(("tool done", tool_call.id, tool_call.function.arguments))

    server.reply(sse(requires_action_events()), sse(answer_events()))
    async with client.beta.threads.runs.stream(
        thread_id="thread_1", assistant_id="asst_1", event_handler=Tools()
    ) as stream:
        await stream.until_done()
    return seen, [(r.method, r.path) for r in server.requests]


@async_program
async def async_assistant_stream_without_handler(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``async with ...runs.stream(...)`` and iterate events, then read the final messages."""
    server.reply(sse(answer_events()))
    async with client.beta.threads.runs.stream(
        thread_id="thread_1", assistant_id="asst_1"
    ) as stream:
        events = [event.event async for event in stream]
        messages = await stream.get_final_messages()
        run = await stream.get_final_run()
        texts = [part async for part in stream.text_deltas]
    return events, [m.content[0].text.value for m in messages], run.status, texts


@async_program
async def async_pages_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``has_next_page()`` / ``get_next_page()`` in a while loop, and ``next_page_info()``."""
    server.default = cursor_pages([file_object(n) for n in range(1, 6)])
    page = await client.files.list(limit=2)
    seen = [[f.id for f in page.data]]
    infos = [page.next_page_info().params if page.next_page_info() else None]
    while page.has_next_page():
        page = await page.get_next_page()
        seen.append([f.id for f in page.data])
        info = page.next_page_info()
        infos.append(info.params if info else None)
    return seen, infos, [r.query for r in server.requests], type(page).__name__


@async_program
async def async_iter_pages_and_items(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = cursor_pages([file_object(n) for n in range(1, 6)])
    first = await client.files.list(limit=2, order="asc")
    by_page = [[f.id async for f in _one(p)] async for p in first.iter_pages()]
    every = [f.id async for f in client.files.list(limit=3)]
    direct = []
    async for f in first:
        direct.append(f.id)
    return by_page, every, direct, [sorted(r.query) for r in server.requests]


async def _one(page: Any) -> Any:
    for item in page.data:
        yield item


@async_program
async def async_page_break_early(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Find the first matching item and stop: no further page is asked for."""
    server.default = cursor_pages([file_object(n) for n in range(1, 9)])
    found = None
    async for f in client.files.list(limit=2):
        if f.id.endswith("3"):
            found = f.id
            break
    models = Reply.json(
        {
            "object": "list",
            "data": [
                {"id": m, "object": "model", "created": 1, "owned_by": "openai"}
                for m in ("gpt-4o", "gpt-4o-mini")
            ],
        }
    )
    server.reply(models, models)
    listed = [m.id async for m in client.models.list()]
    page = await client.models.list()
    return found, len(server.requests), listed, page.has_next_page(), type(page).__name__


@async_program
async def async_raw_response_of_a_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(text_chunks("r", "a", "w"))
    raw = await client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    )
    stream = raw.parse()
    text = "".join([c.choices[0].delta.content or "" async for c in stream])
    return raw.status_code, raw.headers["content-type"], text, type(stream).__name__


@async_program
async def async_raw_response_reads(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            chat_completion({"role": "assistant", "content": "ok"}),
            headers={"x-request-id": "req_raw", "openai-processing-ms": "12"},
        )
    )
    raw = await client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    completion = raw.parse()
    again = raw.parse()
    body = raw.content
    text = raw.text
    return (
        raw.status_code,
        raw.request_id,
        raw.headers.get("openai-processing-ms"),
        raw.http_request.method,
        str(raw.url),
        raw.retries_taken,
        completion is again,
        json.loads(body)["id"],
        json.loads(text)["object"],
        completion.choices[0].message.content,
        raw.method,
        raw.http_version,
        raw.is_closed,
        raw.elapsed.total_seconds() >= 0,
    )


@async_program
async def async_streaming_response_lines(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Proxy the raw SSE bytes and lines of a stream through ``with_streaming_response``."""
    server.reply(text_chunks("p", "q"), text_chunks("s", "t"), text_chunks("u", "v"))
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        lines = [line async for line in response.iter_lines()]
        status = (response.status_code, response.headers["content-type"])
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        raw = b"".join([chunk async for chunk in response.iter_bytes()])
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        text = "".join([piece async for piece in response.iter_text()])
    return [line for line in lines if line][-1], status, raw.count(b"data:"), text.count("data:")


@async_program
async def async_streaming_response_parse(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            chat_completion({"role": "assistant", "content": "parsed"}),
            headers={"x-request-id": "req_sr"},
        ),
        text_chunks("m", "n"),
    )
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES
    ) as response:
        completion = await response.parse()
        request_id = response.request_id
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        stream = await response.parse()
        deltas = [c.choices[0].delta.content async for c in stream]
    return completion.choices[0].message.content, request_id, deltas


@async_program
async def async_file_content_and_speech(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.raw(b'{"custom_id": "a"}\n{"custom_id": "b"}\n', content_type="application/jsonl"),
        Reply.raw(b"ID3" + bytes(range(40)), content_type="audio/mpeg"),
    )
    content = await client.files.content("file-out")
    lines = [json.loads(line)["custom_id"] for line in content.text.splitlines()]
    async with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="alloy", input="hello"
    ) as response:
        pieces = [len(chunk) async for chunk in response.iter_bytes(16)]
    return lines, type(content).__name__, content.content[:5], pieces, server.requests[1].json()


@async_program
async def async_client_closed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``async with AsyncOpenAI(...) as client`` then the client is used after the block."""
    server.default = Reply.dynamic(echo_chat)
    async with openai.AsyncOpenAI(
        api_key="sk-a", base_url=server.url + "/v1", max_retries=0
    ) as scoped:
        answer = await scoped.chat.completions.create(model="m", messages=MESSAGES)
        open_inside = scoped.is_closed()
    closed_after = scoped.is_closed()
    try:
        await scoped.chat.completions.create(model="m", messages=MESSAGES)
        after: Any = "ok"
    except Exception as error:
        after = (type(error).__name__, isinstance(error, openai.OpenAIError))
    other = openai.AsyncOpenAI(api_key="sk-b", base_url=server.url + "/v1")
    await other.close()
    await other.close()
    return answer.choices[0].message.content, open_inside, closed_after, after, other.is_closed()


@async_program
async def async_cancelled_by_wait_for(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``asyncio.wait_for`` gives up on a slow call; the client keeps working afterwards."""
    server.reply(Reply.hang(), Reply.dynamic(echo_chat))
    try:
        await asyncio.wait_for(client.chat.completions.create(model="m", messages=MESSAGES), 0.2)
        first: Any = "answered"
    except asyncio.TimeoutError as error:
        first = type(error).__name__
    second = await client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "again"}]
    )
    return first, second.choices[0].message.content


@async_program
async def async_azure_client(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``AsyncAzureOpenAI`` with an async token provider: deployments, API version, headers."""
    server.default = Reply.dynamic(echo_chat)
    tokens = iter(["tok-1", "tok-2", "tok-3"])

    async def token() -> str:
        return next(tokens)

    async with openai.AsyncAzureOpenAI(
        azure_endpoint=server.url,
        api_version="2024-10-21",
        azure_ad_token_provider=token,
        max_retries=0,
    ) as azure:
        answers = await asyncio.gather(
            azure.chat.completions.create(model="gpt-4o-prod", messages=MESSAGES),
            azure.with_options(timeout=5).chat.completions.create(
                model="gpt-4o-prod", messages=[{"role": "user", "content": "b"}]
            ),
        )
        server.default = Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [1.0]}],
                "model": "e",
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        )
        vector = await azure.embeddings.create(model="embed-deploy", input="x")
    return (
        [a.choices[0].message.content for a in answers],
        vector.data[0].embedding,
        sorted(
            (r.path, r.query_dict.get("api-version"), r.headers.get("authorization"))
            for r in server.requests
        ),
    )


@async_program
async def async_azure_deployment_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An ``azure_deployment`` fixed on the client, an API key, and a files call (no deployment)."""
    server.default = Reply.dynamic(echo_chat)
    azure = openai.AsyncAzureOpenAI(
        azure_endpoint=server.url + "/",
        azure_deployment="chat-deploy",
        api_version="2025-01-01-preview",
        api_key="az-key",
        max_retries=0,
    )
    answer = await azure.chat.completions.create(model="ignored", messages=MESSAGES)
    server.default = cursor_pages([file_object(n) for n in range(1, 3)])
    ids = [f.id async for f in azure.files.list()]
    await azure.close()
    return (
        answer.choices[0].message.content,
        ids,
        [
            (r.path, r.query_dict.get("api-version"), r.headers.get("api-key"))
            for r in server.requests
        ],
        str(azure.base_url),
    )


@async_program
async def async_retries_and_request_ids(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A 503 then a 429 retried with ``Retry-After: 0``, then success."""
    server.reply(
        api_error(503, "overloaded", **{"retry-after": "0"}),
        api_error(429, "slow down", "rate_limit_exceeded", **{"retry-after-ms": "5"}),
        Reply.json(
            chat_completion({"role": "assistant", "content": "third time"}),
            headers={"x-request-id": "req_3"},
        ),
    )
    raw = await client.with_options(max_retries=2).chat.completions.with_raw_response.create(
        model="m", messages=MESSAGES
    )
    return (
        raw.parse().choices[0].message.content,
        raw.retries_taken,
        raw.request_id,
        [r.path for r in server.requests],
    )


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
