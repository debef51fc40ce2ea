"""Real-world sweep E, more async programs: a ``TaskGroup`` whose failing call cancels a slow
sibling (the sibling's connection must come back to the pool), async streaming responses read
with ``text()``/``json()``/``read()``, chat streams with several choices, a stream consumed by a
producer task through an ``asyncio.Queue`` (the server-sent-events-to-a-browser pattern), thread
messages walked with ``async for`` oldest first, and ``DefaultAioHttpClient`` downloads — run
unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import asyncio
import json
import sys
from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, registry
from .real_world_b import wire_of
from .test_real_world_apps import chat_chunk, chat_completion, sse, wire
from .test_real_world_c_pages import cursor_pages, message
from .test_real_world_e_async import echo_chat, http_library

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def two_connections(openai: ModuleType, server: ScriptedServer) -> Any:
    http = http_library(openai)
    return openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        max_retries=0,
        http_client=openai.DefaultAsyncHttpxClient(
            limits=http.Limits(max_connections=2, max_keepalive_connections=2),
            timeout=http.Timeout(3.0, pool=1.0),
        ),
    )


@async_program
async def task_group_failure_cancels_a_sibling(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    if sys.version_info < (3, 11):
        return "TaskGroup needs Python 3.11"

    def answer(request: RecordedRequest) -> Reply:
        if request.path == "/v1/moderations":
            error = {"message": "bad key", "type": "invalid_request_error", "code": None}
            return Reply.json({"error": error}, status=401)
        if request.json()["messages"][0]["content"] == "slow":
            return Reply.after(2.0, echo_chat(request))
        return echo_chat(request)

    server.default = Reply.dynamic(answer)
    async with two_connections(openai, server) as aclient:
        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(
                    aclient.chat.completions.create(
                        model="gpt-4o", messages=[{"role": "user", "content": "slow"}]
                    )
                )
                await asyncio.sleep(0.1)
                group.create_task(aclient.moderations.create(input="text"))
            outcome: Any = "finished"
        except BaseException as group_error:  # an ExceptionGroup (3.11)
            inner = getattr(group_error, "exceptions", [group_error])
            outcome = [(type(e).__name__, getattr(e, "status_code", None)) for e in inner]
        answers = await asyncio.gather(
            *(
                aclient.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "user", "content": f"again {n}"}]
                )
                for n in range(2)
            )
        )
    return outcome, sorted(a.choices[0].message.content for a in answers)


@async_program
async def streaming_response_bodies_read_whole(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    completion = chat_completion({"role": "assistant", "content": "whole"})
    server.reply(Reply.json(completion), Reply.json(completion), Reply.json(completion))
    create = client.chat.completions.with_streaming_response.create
    asked = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}
    async with create(**asked) as response:
        text = await response.text()
    async with create(**asked) as response:
        as_json = await response.json()
    async with create(**asked) as response:
        raw = await response.read()
        parsed = await response.parse()
    return (
        json.loads(text)["choices"][0]["message"]["content"],
        as_json["id"],
        json.loads(raw)["object"],
        parsed.choices[0].message.content,
        response.http_request.method,
        str(response.http_request.url),
    )


@async_program
async def stream_with_several_choices(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    def choice_chunk(index: int, content: str | None, finish: str | None = None) -> Any:
        chunk = chat_chunk({"content": content} if content is not None else {}, finish)
        chunk["choices"][0]["index"] = index
        return chunk

    server.reply(
        sse(
            [
                choice_chunk(0, "A"),
                choice_chunk(1, "B"),
                choice_chunk(1, "b"),
                choice_chunk(0, "a"),
                choice_chunk(0, None, "stop"),
                choice_chunk(1, None, "length"),
            ]
        )
    )
    texts: dict[int, str] = {}
    finishes: dict[int, Any] = {}
    stream = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "two"}], n=2, stream=True
    )
    async for chunk in stream:
        for choice in chunk.choices:
            texts[choice.index] = texts.get(choice.index, "") + (choice.delta.content or "")
            if choice.finish_reason:
                finishes[choice.index] = choice.finish_reason
    return texts, finishes, wire(server.requests[-1])[-1]


@async_program
async def stream_relayed_through_a_queue(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    chunks = [chat_chunk({"content": piece}) for piece in ("Once ", "upon ", "a time")]
    server.reply(sse([*chunks, chat_chunk({}, "stop")]))
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    async def producer() -> None:
        stream = await client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "story"}], stream=True
        )
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                await queue.put(chunk.choices[0].delta.content)
        await queue.put(None)

    async def event_source() -> list[str]:
        events = []
        while (piece := await queue.get()) is not None:
            events.append(f"data: {json.dumps({'text': piece})}\n\n")
        return events

    task = asyncio.create_task(producer())
    events = await event_source()
    await task
    return events


@async_program
async def thread_messages_oldest_first(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = cursor_pages([message(n) for n in range(1, 8)])
    transcript = []
    async for msg in client.beta.threads.messages.list(thread_id="thread_1", order="asc", limit=3):
        transcript.append((msg.role, msg.content[0].text.value))
    first_page = await client.beta.threads.messages.list(thread_id="thread_1", limit=3)
    pages = [[m.id for m in first_page.data]]
    page = first_page
    while page.has_next_page():
        page = await page.get_next_page()
        pages.append([m.id for m in page.data])
    return transcript, pages, [(r.path, sorted(r.query)) for r in server.requests]


@async_program
async def aiohttp_download_and_speech(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    import tempfile
    from pathlib import Path

    audio = bytes(range(256)) * 64
    server.reply(
        Reply.raw(b"line 1\nline 2\n", content_type="application/octet-stream"),
        Reply.raw(audio, content_type="audio/mpeg"),
    )
    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=openai.DefaultAioHttpClient(),
        max_retries=0,
    ) as aio:
        content = await aio.files.content("file-1")
        data = content.content, content.text
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "speech.mp3"
            async with aio.audio.speech.with_streaming_response.create(
                model="gpt-4o-mini-tts", voice="coral", input="Hello"
            ) as response:
                await response.stream_to_file(target)
            saved = target.read_bytes() == audio
    # (wire_of leaves out the download's Accept: a known, deliberate difference)
    return data, saved, [wire_of(r) for r in server.requests]


# --- runners ---------------------------------------------------------------------------------------


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
