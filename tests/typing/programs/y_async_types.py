"""Sweep Y, types of async services: ``asyncio.gather`` over typed calls (with
``return_exceptions``), async chat / Responses / Assistants streams through their managers and an
``AsyncAssistantEventHandler`` subclass, async pages walked by hand, async raw and streamed
responses, ``AsyncAzureOpenAI`` with an async token provider, and a client closed by ``async
with`` — with ``reveal_type`` where its author's editor shows a type."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from typing import Literal

import httpx
from openai import (
    APIStatusError,
    AsyncAzureOpenAI,
    AsyncOpenAI,
    AsyncStream,
    RateLimitError,
)
from openai.lib.streaming import AsyncAssistantEventHandler
from openai.pagination import AsyncCursorPage
from openai.types import CreateEmbeddingResponse, FileObject
from openai.types.beta.threads import Text, TextDelta
from openai.types.beta.threads.runs import ToolCall
from openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessageParam
from openai.types.responses import Response, ResponseStreamEvent
from pydantic import BaseModel
from typing_extensions import override, reveal_type

client = AsyncOpenAI(timeout=httpx.Timeout(20.0, connect=3.0), max_retries=3)

Model = Literal["gpt-4o", "gpt-4o-mini"]


async def ask(prompt: str, model: Model = "gpt-4o-mini") -> ChatCompletion:
    messages: list[ChatCompletionMessageParam] = [
        {"role": "system", "content": "Answer briefly."},
        {"role": "user", "content": prompt},
    ]
    return await client.chat.completions.create(model=model, messages=messages)


async def fan_out(prompts: list[str]) -> list[str | None]:
    completions = await asyncio.gather(*(ask(p) for p in prompts))
    reveal_type(completions)
    first = completions[0]
    reveal_type(first.choices[0].message.content)
    return [c.choices[0].message.content for c in completions]


async def fan_out_tolerant(prompts: list[str]) -> list[str]:
    results = await asyncio.gather(*(ask(p) for p in prompts), return_exceptions=True)
    report: list[str] = []
    for result in results:
        if isinstance(result, RateLimitError):
            reveal_type(result.status_code)
            report.append(f"throttled {result.request_id}")
        elif isinstance(result, APIStatusError):
            report.append(f"{result.status_code}: {result.message}")
        elif isinstance(result, BaseException):
            report.append(repr(result))
        else:
            reveal_type(result)
            report.append(result.choices[0].message.content or "")
    return report


async def bounded_embeddings(batches: list[list[str]]) -> list[list[float]]:
    limit = asyncio.Semaphore(4)

    async def one(batch: list[str]) -> CreateEmbeddingResponse:
        async with limit:
            return await client.embeddings.create(model="text-embedding-3-small", input=batch)

    answers = await asyncio.gather(*(one(b) for b in batches))
    return [d.embedding for a in answers for d in a.data]


async def relay(prompt: str) -> AsyncIterator[str]:
    stream = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": prompt}], stream=True
    )
    reveal_type(stream)
    async for chunk in stream:
        reveal_type(chunk)
        if chunk.choices and chunk.choices[0].delta.content:
            yield chunk.choices[0].delta.content


async def keep_stream(prompt: str) -> AsyncStream[ChatCompletionChunk]:
    return await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": prompt}], stream=True
    )


async def stream_manager(prompt: str) -> str | None:
    async with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": prompt}]
    ) as stream:
        reveal_type(stream)
        async for event in stream:
            if event.type == "content.delta":
                reveal_type(event.snapshot)
        final = await stream.get_final_completion()
    reveal_type(final)
    return final.choices[0].message.content


class Verdict(BaseModel):
    label: str
    score: float


async def responses_stream(prompt: str) -> Verdict | None:
    async with client.responses.stream(
        model="gpt-4.1", input=prompt, text_format=Verdict
    ) as stream:
        async for event in stream:
            if event.type == "response.output_text.delta":
                reveal_type(event.delta)
        final = await stream.get_final_response()
    reveal_type(final.output_parsed)
    return final.output_parsed


async def responses_events(prompt: str) -> Response | None:
    stream = await client.responses.create(model="gpt-4.1", input=prompt, stream=True)
    done: Response | None = None
    async for event in stream:
        kept: ResponseStreamEvent = event
        if kept.type == "response.completed":
            done = kept.response
    return done


class Printer(AsyncAssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    @override
    async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        self.text.append(delta.value or "")

    @override
    async def on_tool_call_created(self, tool_call: ToolCall) -> None:
        reveal_type(tool_call.type)


async def assistant_run(thread_id: str) -> str:
    printer = Printer()
    async with client.beta.threads.runs.stream(
        thread_id=thread_id, assistant_id="asst_1", event_handler=printer
    ) as stream:
        await stream.until_done()
        run = await stream.get_final_run()
    reveal_type(run.status)
    return "".join(printer.text)


async def every_file_by_hand() -> list[FileObject]:
    page = await client.files.list(limit=100)
    reveal_type(page)
    found = list(page.data)
    while page.has_next_page():
        page = await page.get_next_page()
        found.extend(page.data)
    return found


async def every_file() -> list[str]:
    ids = [f.id async for f in client.files.list(purpose="batch")]
    first: AsyncCursorPage[FileObject] = await client.files.list()
    async for page in first.iter_pages():
        ids.extend(f.id for f in page.data)
    return ids


async def raw_headers(prompt: str) -> tuple[str | None, ChatCompletion]:
    raw = await client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": prompt}]
    )
    reveal_type(raw.status_code)
    completion = raw.parse()
    reveal_type(completion)
    return raw.request_id, completion


async def streamed_lines(prompt: str) -> list[str]:
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": prompt}]
    ) as response:
        reveal_type(response.status_code)
        lines = [line async for line in response.iter_lines()]
        parsed = await response.parse()
        reveal_type(parsed)
    return lines


async def token() -> str:
    return "entra-token"


async def azure() -> str | None:
    async with AsyncAzureOpenAI(
        azure_endpoint="https://example.openai.azure.com",
        api_version="2024-10-21",
        azure_ad_token_provider=token,
    ) as az:
        slow = az.with_options(timeout=60.0, max_retries=0)
        answer = await slow.chat.completions.create(
            model="gpt-4o-deployment", messages=[{"role": "user", "content": "hi"}]
        )
    return answer.choices[0].message.content


async def closed_by_block() -> bool:
    async with AsyncOpenAI(api_key="sk-x") as scoped:
        pending: Awaitable[ChatCompletion] = scoped.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
        await pending
    reveal_type(scoped.is_closed())
    return scoped.is_closed()
