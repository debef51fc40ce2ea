"""Real-world sweep E, async streaming helpers: ``client.responses.stream`` with function calls and
``text_format``, ``responses.create(stream=True)`` read through ``with_streaming_response``, an
Assistants run streamed with an ``AsyncAssistantEventHandler`` and left early, background
responses polled with ``asyncio.sleep``, and ``DefaultAioHttpClient`` streams cancelled with
``asyncio.wait_for`` — run unchanged against both packages over the loopback server (each program
returns what its author observes and what was sent). The clients that check cancellation hold a
one-connection pool: a connection a stream failed to release hangs the next call.
"""

from __future__ import annotations

import asyncio
import json
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, registry
from .test_real_world_apps import (
    chat_chunk,
    function_call,
    output_message,
    response_events,
    response_object,
    sse,
    wire,
    without_defaults,
)
from .test_real_world_d_assistants import answer_stream, function_call_stream
from .test_real_world_e_async import one_connection, warm_up

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def streamed(item: dict[str, Any], **extra: Any) -> Reply:
    return sse(response_events(response_object([item], **extra), item))


def stalled(item: dict[str, Any]) -> Reply:
    """The events of a response, the third one three seconds late (a model thinking)."""
    events = response_events(response_object([item]), item)
    lines = [f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events]
    return Reply.sse(lines, delay=[0.0, 0.0, 3.0] + [0.0] * (len(lines) - 3))


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


class Weather(BaseModel):
    city: str
    degrees: int


@async_program
async def responses_stream_with_tools(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    item = function_call("get_weather", {"city": "Oslo"}, "call_w")
    server.reply(streamed(item))
    tools = [
        {
            "type": "function",
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        }
    ]
    seen = []
    async with client.responses.stream(model="gpt-4.1", input="Weather?", tools=tools) as stream:
        async for event in stream:
            if event.type == "response.function_call_arguments.delta":
                seen.append((event.delta, event.snapshot))
            elif event.type == "response.function_call_arguments.done":
                seen.append(("done", event.arguments))
            else:
                seen.append(event.type)
        final = await stream.get_final_response()
    call = final.output[0]
    return seen, (call.type, call.name, call.call_id, call.arguments), wires(server)


@async_program
async def responses_stream_parsed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(streamed(output_message('{"city": "Oslo", "degrees": 4}')))
    async with client.responses.stream(
        model="gpt-4.1", input="Weather in Oslo as JSON", text_format=Weather
    ) as stream:
        texts = [e.delta async for e in stream if e.type == "response.output_text.delta"]
        final = await stream.get_final_response()
    sent = wire(server.requests[0])
    body = {**sent[-1], "text": without_defaults(sent[-1]["text"])}
    return texts, final.output_parsed, final.output_text, body


@async_program
async def responses_stream_left_early(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(streamed(output_message("Hello there")), streamed(output_message("again")))
    async with one_connection(openai, server) as aclient:
        first = None
        async with aclient.responses.stream(model="gpt-4.1", input="hi") as stream:
            async for event in stream:
                if event.type == "response.output_text.delta":
                    first = event.delta
                    break
        again = await aclient.responses.create(model="gpt-4.1", input="again", stream=True)
        kinds = [event.type async for event in again]
    return first, kinds[-1]


@async_program
async def responses_stream_under_wait_for(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(stalled(output_message("slow answer")), streamed(output_message("quick")))
    seen: list[str] = []

    async def read(aclient: Any) -> str:
        async with aclient.responses.stream(model="gpt-4.1", input="slow") as stream:
            async for event in stream:
                seen.append(event.type)
            return (await stream.get_final_response()).output_text

    async with one_connection(openai, server) as aclient:
        await warm_up(aclient, server)
        try:
            outcome = await asyncio.wait_for(read(aclient), timeout=0.5)
        except asyncio.TimeoutError:
            outcome = "timed out"
        quick = await read(aclient)
    return outcome, seen[:2], quick


@async_program
async def responses_streaming_response_lines(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(streamed(output_message("lines")))
    async with client.responses.with_streaming_response.create(
        model="gpt-4.1", input="hi", stream=True
    ) as response:
        head = response.status_code, response.headers["content-type"]
        events = [
            json.loads(line[len("data: ") :])["type"]
            async for line in response.iter_lines()
            if line.startswith("data: ") and line != "data: [DONE]"
        ]
    return head, events, wires(server)


@async_program
async def background_response_polled(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    queued = response_object([], status="queued", background=True)
    running = response_object([], status="in_progress", background=True)
    done = response_object([output_message("report ready")], background=True)
    server.reply(Reply.json(queued), Reply.json(running), Reply.json(done))
    response = await client.responses.create(model="o3", input="Write a report", background=True)
    statuses = [response.status]
    while response.status in {"queued", "in_progress"}:
        await asyncio.sleep(0.01)
        response = await client.responses.retrieve(response.id)
        statuses.append(response.status)
    return statuses, response.output_text, wires(server)


@async_program
async def assistant_stream_left_early(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    log: list[Any] = []

    class Handler(openai.AsyncAssistantEventHandler):
        async def on_tool_call_created(self, tool_call: Any) -> None:
            log.append(("created", tool_call.function.name))

    server.reply(function_call_stream(), answer_stream("Sunny."))
    async with one_connection(openai, server) as aclient:
        async with aclient.beta.threads.runs.stream(
            thread_id="thread_abc", assistant_id="asst_abc", event_handler=Handler()
        ) as stream:
            async for event in stream:
                log.append(event.event)
                if event.event == "thread.run.step.delta":
                    break
        async with aclient.beta.threads.runs.stream(
            thread_id="thread_abc", assistant_id="asst_abc"
        ) as second:
            texts = [text async for text in second.text_deltas]
            messages = await second.get_final_messages()
            current = second.current_run.status if second.current_run else None
    return log, texts, [m.content[0].text.value for m in messages], current


@async_program
async def aiohttp_stream_under_wait_for(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    chunks = [
        chat_chunk({"role": "assistant", "content": ""}),
        chat_chunk({"content": "slow"}),
        chat_chunk({}, "stop"),
    ]
    lines = [f"data: {json.dumps(c)}\n\n" for c in chunks]
    server.reply(
        Reply.sse([*lines, "data: [DONE]\n\n"], delay=[0.0, 0.0, 3.0, 0.0]),
        sse(chunks),
    )
    seen: list[Any] = []

    async def consume(aio: Any) -> str:
        stream = await aio.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        async for chunk in stream:
            seen.append(chunk.choices[0].delta.content)
        return "".join(c or "" for c in seen)

    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=openai.DefaultAioHttpClient(),
        max_retries=0,
    ) as aio:
        await warm_up(aio, server)
        try:
            outcome = await asyncio.wait_for(consume(aio), timeout=0.5)
        except asyncio.TimeoutError:
            outcome = "timed out"
        first = list(seen)
        seen.clear()
        again = await consume(aio)
    return outcome, first, again


@async_program
async def stream_helpers_read_without_iterating(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Code that wants only the end result of a helper stream: get_final_* / until_done()."""
    chunks = [chat_chunk({"role": "assistant", "content": "a"}), chat_chunk({}, "stop")]
    server.reply(
        sse(chunks),
        sse(chunks),
        streamed(output_message("Hello world")),
        answer_stream("Hi."),
        answer_stream("Hi."),
    )
    seen: list[Any] = []
    async with client.chat.completions.stream(model="gpt-4o", messages=[]) as chat:
        final = await chat.get_final_completion()
        # (its class name: test_runtime_fidelity.py)
        seen.append((final.choices[0].message.content, final.choices[0].message.parsed))
    async with client.chat.completions.stream(model="gpt-4o", messages=[]) as chat:
        await chat.until_done()
        seen.append(repr(chat.current_completion_snapshot))
    async with client.responses.stream(model="gpt-4.1", input="x") as response_stream:
        await response_stream.until_done()
        response = await response_stream.get_final_response()
        seen.append((response.output_text, type(response).__name__))
    runs = client.beta.threads.runs
    async with runs.stream(thread_id="thread_abc", assistant_id="asst_abc") as run_stream:
        await run_stream.until_done()
        last = await run_stream.get_final_run()
        snapshot = run_stream.current_message_snapshot
        seen.append((last.status, run_stream.current_event, snapshot.content[0].text.value))
    async with runs.stream(thread_id="thread_abc", assistant_id="asst_abc") as run_stream:
        messages = await run_stream.get_final_messages()
        steps = await run_stream.get_final_run_steps()
        seen.append(([m.id for m in messages], [step.type for step in steps]))
    return seen


# --- runners ---------------------------------------------------------------------------------------


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
