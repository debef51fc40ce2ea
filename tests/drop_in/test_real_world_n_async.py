"""Real-world sweep N, async Responses and Conversations code as FastAPI handlers and async agent
loops write it: parallel tool calls gathered and fed back, a conversation kept server-side, a
background job awaited, raw and streamed responses, compaction and token counts, structured
parsing — programs written for the official SDK's ``AsyncOpenAI``, run unchanged against both
packages over the scripted loopback server.
"""

from __future__ import annotations

import asyncio
import json
from types import ModuleType
from typing import Any, Literal

from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, registry
from .test_real_world_apps import (
    function_call,
    output_message,
    response_events,
    response_object,
    sse,
    wire,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(*output: dict[str, Any], **extra: Any) -> Reply:
    return Reply.json(response_object(list(output), **extra))


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


async def get_weather(city: str) -> str:
    await asyncio.sleep(0)
    return json.dumps({"city": city, "temp_c": len(city)})


@async_program
async def async_parallel_tool_calls_gathered(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        answer(
            function_call("get_weather", {"city": "Paris"}, "call_1"),
            function_call("get_weather", {"city": "Tokyo"}, "call_2"),
        ),
        answer(output_message("Paris 5C, Tokyo 5C."), id="resp_2"),
    )
    tools = [
        {
            "type": "function",
            "name": "get_weather",
            "description": "Current weather",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
                "additionalProperties": False,
            },
            "strict": True,
        }
    ]
    response = await client.responses.create(
        model="gpt-5", input="Weather in Paris and Tokyo?", tools=tools, parallel_tool_calls=True
    )
    calls = [item for item in response.output if item.type == "function_call"]
    results = await asyncio.gather(*(get_weather(**json.loads(call.arguments)) for call in calls))
    final = await client.responses.create(
        model="gpt-5",
        previous_response_id=response.id,
        tools=tools,
        input=[
            {"type": "function_call_output", "call_id": call.call_id, "output": result}
            for call, result in zip(calls, results, strict=True)
        ],
    )
    return wires(server), final.output_text, [c.call_id for c in calls]


def conv(metadata: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "id": "conv_9",
        "object": "conversation",
        "created_at": 1741900000,
        "metadata": metadata or {},
    }


def message_item(n: int, role: str = "user") -> dict[str, Any]:
    kind = "input_text" if role == "user" else "output_text"
    part: dict[str, Any] = {"type": kind, "text": f"text {n}"}
    if role != "user":
        part["annotations"] = []
    return {
        "type": "message",
        "id": f"msg_{n}",
        "status": "completed",
        "role": role,
        "content": [part],
    }


def page(*items: dict[str, Any], more: bool = False) -> Reply:
    return Reply.json(
        {
            "object": "list",
            "data": list(items),
            "first_id": items[0]["id"],
            "last_id": items[-1]["id"],
            "has_more": more,
        }
    )


@async_program
async def async_chat_handler_on_a_conversation(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A FastAPI chat endpoint: one conversation per session, each turn a response in it, the
    transcript read back for the UI."""
    server.reply(
        Reply.json(conv({"session": "abc"})),
        answer(output_message("Hi! How can I help?"), conversation={"id": "conv_9"}),
        answer(output_message("Sure."), id="resp_2", conversation={"id": "conv_9"}),
        page(message_item(1), message_item(2, "assistant"), more=True),
        page(message_item(3), message_item(4, "assistant")),
        Reply.json(message_item(2, "assistant")),
        page(message_item(5)),
        Reply.json(conv({"session": "abc", "title": "Greeting"})),
        Reply.json({"id": "conv_9", "object": "conversation.deleted", "deleted": True}),
    )
    conversation = await client.conversations.create(metadata={"session": "abc"})
    replies = []
    for text in ("Hello", "Help me"):
        response = await client.responses.create(
            model="gpt-5", conversation=conversation.id, input=text, store=True
        )
        replies.append(response.output_text)
    transcript = []
    async for item in client.conversations.items.list(conversation.id, limit=2, order="asc"):
        transcript.append((item.role, item.content[0].text))
    one = await client.conversations.items.retrieve("msg_2", conversation_id=conversation.id)
    added = await client.conversations.items.create(
        conversation.id,
        items=[{"type": "message", "role": "user", "content": "note"}],
    )
    renamed = await client.conversations.update(
        conversation.id, metadata={"session": "abc", "title": "Greeting"}
    )
    deleted = await client.conversations.delete(conversation.id)
    return (
        wires(server),
        replies,
        transcript,
        (one.id, one.content[0].text, str(one)),
        [i.id for i in added.data],
        renamed.metadata,
        (deleted.deleted, str(deleted)),
    )


@async_program
async def async_background_job_awaited(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        answer(status="queued", background=True),
        answer(status="in_progress", background=True),
        answer(output_message("Report ready."), background=True),
        answer(status="queued", background=True, id="resp_b"),
        answer(status="cancelled", background=True, id="resp_b"),
    )
    job = await client.responses.create(
        model="o3", input="Write the report", background=True, metadata={"job": "1"}
    )
    seen = [job.status]
    while job.status in ("queued", "in_progress"):
        await asyncio.sleep(0)
        job = await client.responses.retrieve(job.id)
        seen.append(job.status)
    other = await client.responses.create(model="o3", input="Another", background=True)
    try:
        cancelled = await asyncio.wait_for(client.responses.cancel(other.id), timeout=5)
        outcome = cancelled.status
    except asyncio.TimeoutError:
        outcome = "timeout"
    return wires(server), seen, job.output_text, outcome


@async_program
async def async_raw_and_streaming_responses(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    item = output_message("streamed")
    server.reply(
        Reply.json(response_object([output_message("raw")]), headers={"x-request-id": "req_a"}),
        sse(response_events(response_object([item]), item)),
        Reply.json(conv(), headers={"x-request-id": "req_c"}),
    )
    raw = await client.responses.with_raw_response.create(model="gpt-5", input="hi")
    parsed = raw.parse()
    async with client.responses.with_streaming_response.create(
        model="gpt-5", input="hi", stream=True
    ) as streamed:
        stream = await streamed.parse()
        deltas = [e.delta async for e in stream if e.type == "response.output_text.delta"]
    async with client.conversations.with_streaming_response.create() as conv_raw:
        body = await conv_raw.json()
        conv_obj = await conv_raw.parse()
    return (
        (raw.request_id, raw.headers["x-request-id"], parsed.output_text, parsed._request_id),
        (streamed.status_code, deltas),
        (body, conv_obj.id, conv_obj._request_id, conv_raw.request_id),
    )


class Ticket(BaseModel):
    category: Literal["billing", "bug", "other"]
    priority: int
    summary: str


@async_program
async def async_triage_with_parse(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Structured triage of support mails, several at once."""
    tickets = [
        {"category": "billing", "priority": 2, "summary": "double charge"},
        {"category": "bug", "priority": 1, "summary": "crash on start"},
    ]
    server.reply(
        *[
            answer(output_message(json.dumps(t), f"msg_{n}"), id=f"resp_{n}")
            for n, t in enumerate(tickets)
        ]
    )
    results = []
    for mail in ("I was charged twice", "App crashes"):
        parsed = await client.responses.parse(
            model="gpt-5-mini",
            instructions="Triage the support mail.",
            input=[{"role": "user", "content": mail}],
            text_format=Ticket,
            reasoning={"effort": "minimal"},
            text={"verbosity": "low"},
        )
        results.append(parsed)
    return (
        [r.json()["text"] for r in server.requests],
        [(r.output_parsed.category, r.output_parsed.priority) for r in results],
        [r.output_parsed.model_dump() for r in results],
        [type(r).__name__.split("[")[0] for r in results],
        results[0].output[0].content[0].parsed == results[0].output_parsed,
    )


@async_program
async def async_compact_and_count(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    usage = {
        "input_tokens": 50,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 5,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 55,
    }
    server.reply(
        Reply.json({"object": "response.input_tokens", "input_tokens": 50}),
        Reply.json(
            {
                "id": "resp_c",
                "object": "response.compaction",
                "created_at": 1741900000,
                "output": [
                    {"id": "cmp_1", "type": "compaction", "encrypted_content": "enc"},
                ],
                "usage": usage,
            }
        ),
        answer(output_message("ok")),
    )
    count = await client.responses.input_tokens.count(
        model="gpt-5", previous_response_id="resp_old", input="more"
    )
    compacted = await client.responses.compact(
        model="gpt-5", previous_response_id="resp_old", prompt_cache_key="k"
    )
    follow = await client.responses.create(
        model="gpt-5",
        input=[*compacted.output, {"role": "user", "content": "continue"}],
    )
    return (
        wires(server),
        count.input_tokens,
        (compacted.object, compacted.output[0].encrypted_content, compacted.usage.total_tokens),
        compacted.to_dict()["output"],
        follow.output_text,
    )


@async_program
async def async_replay_a_stored_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Reconnect to a background response from the start and from a cursor."""
    item = output_message("Replayed text")
    events = response_events(response_object([item], background=True), item)
    server.reply(sse(events), sse(events[5:]))
    full = await client.responses.retrieve("resp_abc", stream=True)
    numbers = [event.sequence_number async for event in full]
    tail = await client.responses.retrieve(
        "resp_abc", stream=True, starting_after=4, include=["message.output_text.logprobs"]
    )
    rest = []
    async for event in tail:
        rest.append((event.type, event.sequence_number))
    await tail.close()
    return [(r.method, r.path, sorted(r.query)) for r in server.requests], numbers, rest


# --- runners -------------------------------------------------------------------------------------


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
