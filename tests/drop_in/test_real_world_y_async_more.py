"""Real-world sweep Y, more async programs: a streaming task cancelled by its caller (the client
then reused), two streams read concurrently, pages reached through raw and streamed responses
and walked with ``async for``, a streamed call refused before its body, structured outputs and
tool parsing awaited, and an ``AsyncAzureOpenAI`` client re-optioned per tenant — run unchanged
against both packages over the loopback server.
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
    chat_chunk,
    chat_completion,
    output_message,
    response_object,
)
from .test_real_world_c_pages import cursor_pages, file_object

_, ASYNC_PROGRAMS, _, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]


def slow_chunks(*pieces: str, delay: float = 0.05) -> Reply:
    chunks = [chat_chunk({"role": "assistant", "content": pieces[0]})]
    chunks += [chat_chunk({"content": piece}) for piece in pieces[1:]]
    lines = [f"data: {json.dumps(c)}\n\n" for c in chunks] + ["data: [DONE]\n\n"]
    return Reply.sse(lines, delay=delay)


def echo_chat(request: RecordedRequest) -> Reply:
    text = request.json()["messages"][-1]["content"]
    return Reply.json(chat_completion({"role": "assistant", "content": text}))


@async_program
async def streaming_task_cancelled(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A chat UI cancels the generating task when the user presses stop; the next question is
    answered on the same client."""
    server.reply(slow_chunks("a", "b", "c", "d", "e", "f", "g", "h", delay=0.1))
    got: list[str] = []

    async def generate() -> None:
        stream = await client.chat.completions.create(
            model="gpt-4o", messages=MESSAGES, stream=True
        )
        async for chunk in stream:
            got.append(chunk.choices[0].delta.content)

    task = asyncio.create_task(generate())
    while len(got) < 2:
        await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
        outcome = "finished"
    except asyncio.CancelledError:
        outcome = "cancelled"
    server.default = Reply.dynamic(echo_chat)
    after = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "next"}]
    )
    return outcome, got[:2], len(got) < 8, after.choices[0].message.content


@async_program
async def two_streams_at_once(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Two stream managers read concurrently; each accumulates its own completion."""

    def by_prompt(request: RecordedRequest) -> Reply:
        prompt = request.json()["messages"][0]["content"]
        return slow_chunks(*(f"{prompt}{n}" for n in range(4)), delay=0.02)

    server.default = Reply.dynamic(by_prompt)

    async def one(prompt: str) -> Any:
        deltas = []
        async with client.chat.completions.stream(
            model="gpt-4o", messages=[{"role": "user", "content": prompt}]
        ) as stream:
            async for event in stream:
                if event.type == "content.delta":
                    deltas.append(event.delta)
            final = await stream.get_final_completion()
        return deltas, final.choices[0].message.content

    return await asyncio.gather(one("x"), one("y"))


@async_program
async def page_from_a_raw_response(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``with_raw_response.list()`` for the headers, then the parsed page walked to the end."""
    server.default = cursor_pages([file_object(n) for n in range(1, 6)])
    raw = await client.files.with_raw_response.list(limit=2)
    page = raw.parse()
    every = [f.id async for f in page]
    return (
        raw.headers.get("x-request-id"),
        [f.id for f in page.data],
        every,
        page.has_next_page(),
        [r.query for r in server.requests],
    )


@async_program
async def page_from_a_streamed_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = cursor_pages([file_object(n) for n in range(1, 4)])
    async with client.files.with_streaming_response.list(limit=2) as response:
        page = await response.parse()
        status = response.status_code
    every = [f.id async for f in page]
    second = await page.get_next_page()
    return status, every, [f.id for f in second.data], second.has_next_page()


@async_program
async def streamed_call_refused_before_its_body(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A 404 on a streamed download is raised when the block is entered, not when read."""
    server.reply(
        Reply.json(
            {
                "error": {
                    "message": "No such File object: file-x",
                    "type": "invalid_request_error",
                    "param": "id",
                    "code": None,
                }
            },
            404,
            headers={"x-request-id": "req_404"},
        )
    )
    entered = False
    try:
        async with client.files.with_streaming_response.content("file-x") as response:
            entered = True
            await response.read()
        caught: Any = None
    except openai.NotFoundError as e:
        caught = (e.status_code, e.param, e.request_id, e.message, e.body)
    return entered, caught


class Contact(BaseModel):
    name: str
    email: str


class Lookup(BaseModel):
    city: str


@async_program
async def awaited_structured_outputs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``await client.chat.completions.parse`` with a model and with a tool; ``await
    client.responses.parse``."""
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": "Lookup", "arguments": json.dumps({"city": "Oslo"})},
    }
    server.reply(
        Reply.json(
            chat_completion(
                {"role": "assistant", "content": json.dumps({"name": "Ada", "email": "a@x"})}
            )
        ),
        Reply.json(
            chat_completion(
                {"role": "assistant", "content": None, "tool_calls": [call]},
                finish_reason="tool_calls",
            )
        ),
        Reply.json(response_object([output_message(json.dumps({"name": "Bo", "email": "b@y"}))])),
    )
    contact = await client.chat.completions.parse(
        model="gpt-4o", messages=MESSAGES, response_format=Contact
    )
    tooled = await client.chat.completions.parse(
        model="gpt-4o", messages=MESSAGES, tools=[openai.pydantic_function_tool(Lookup)]
    )
    answer = await client.responses.parse(model="gpt-4.1", input="who?", text_format=Contact)
    tool_call = tooled.choices[0].message.tool_calls[0]
    return (
        contact.choices[0].message.parsed,
        tool_call.function.parsed_arguments,
        type(tool_call).__name__,
        answer.output_parsed,
        [r.json().get("response_format", {}).get("type") for r in server.requests[:2]],
        server.requests[1].json()["tools"][0]["function"]["strict"],
    )


@async_program
async def azure_client_per_tenant(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """One ``AsyncAzureOpenAI``, re-optioned per tenant: another API version, another token."""
    server.default = Reply.dynamic(echo_chat)
    azure = openai.AsyncAzureOpenAI(
        azure_endpoint=server.url,
        api_version="2024-10-21",
        azure_ad_token="token-a",
        max_retries=0,
        default_headers={"X-Tenant": "a"},
    )
    tenants = {
        "a": azure,
        "b": azure.with_options(api_version="2025-01-01-preview", azure_ad_token="token-b"),
        "c": azure.copy(default_headers={"X-Tenant": "c"}, max_retries=1),
    }
    answers = {}
    for name, tenant in tenants.items():
        done = await tenant.chat.completions.create(
            model="deploy", messages=[{"role": "user", "content": name}]
        )
        answers[name] = done.choices[0].message.content
    sent = [
        (
            r.query_dict.get("api-version"),
            r.headers.get("authorization"),
            r.headers.get("x-tenant"),
        )
        for r in server.requests
    ]
    await azure.close()
    return answers, sent, [t.max_retries for t in tenants.values()]


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
