"""Real-world sweep E, extra async programs: a stream read through ``with_raw_response`` (headers
first, then ``parse()``), the client closed at shutdown while a request is still in flight,
several streams consumed at once with ``gather``, and ``create_and_run_poll`` followed by the
thread's messages — run unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import asyncio
import json
from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, registry
from .real_world_b import poll_header
from .test_real_world_apps import chat_chunk, sse, wire
from .test_real_world_b_assistants import listing, message, run

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def spelled_out(request: RecordedRequest) -> Reply:
    """A stream that spells the user's message back one character a chunk."""
    text = request.json()["messages"][-1]["content"]
    return sse([*(chat_chunk({"content": c}) for c in text), chat_chunk({}, "stop")])


@async_program
async def raw_response_of_an_async_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(spelled_out)
    raw = await client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "abc"}], stream=True
    )
    head = raw.status_code, raw.headers.get("content-type"), raw.http_request.method
    stream = raw.parse()
    pieces = [chunk.choices[0].delta.content async for chunk in stream]
    return head, type(stream).__name__, pieces


@async_program
async def close_while_a_call_is_in_flight(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.after(1.0, Reply.json({"object": "list", "data": []}))
    aclient = openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0)
    pending = asyncio.ensure_future(aclient.models.list())
    await server.wait_for_requests_async(1)
    await aclient.close()
    try:
        await pending
        outcome: Any = "finished"
    except openai.APIError as exc:
        outcome = type(exc).__name__, str(exc)
    return outcome, aclient.is_closed()


@async_program
async def streams_gathered(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.dynamic(spelled_out)

    async def spell(word: str) -> str:
        stream = await client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": word}], stream=True
        )
        return "".join([c.choices[0].delta.content or "" async for c in stream])

    words = ["alpha", "beta", "gamma", "delta"]
    spelled = await asyncio.gather(*(spell(w) for w in words))
    sent = sorted(json.dumps(wire(r)[-1], sort_keys=True) for r in server.requests)
    return spelled, sent


@async_program
async def create_and_run_poll_then_messages(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(run("queued")),
        Reply.json(run("in_progress"), headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
        Reply.json(listing(message("assistant", "42", "msg_2"), message("user", "6*7?"))),
    )
    finished = await client.beta.threads.create_and_run_poll(
        assistant_id="asst_abc",
        thread={"messages": [{"role": "user", "content": "6*7?"}]},
        poll_interval_ms=1,
    )
    messages = await client.beta.threads.messages.list(thread_id=finished.thread_id)
    return (
        finished.status,
        [(m.role, m.content[0].text.value) async for m in messages],
        [wire(r)[:3] for r in server.requests],
        wire(server.requests[0])[-1],
    )


# --- runners ---------------------------------------------------------------------------------------


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
