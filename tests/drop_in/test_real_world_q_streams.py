"""Real-world sweep Q, the chat ``stream()`` helper inside applications: managers entered by hand
(a generator that outlives its ``with``), ``until_done()``, SSE relays that forward each event's
JSON, logprobs and refusal events, streams closed half-way, parsed messages dumped back into the
history (``parsed`` / ``parsed_arguments`` and all), and the same through the async client —
programs written for the official SDK, run unchanged against both packages over the scripted
loopback server.
"""

from __future__ import annotations

import importlib
import json
import warnings
from types import ModuleType
from typing import Any

import httpx
from pydantic import BaseModel

from tests.support.server import ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, chat_chunk, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


class Answer(BaseModel):
    answer: str
    confidence: float


class Search(BaseModel):
    """Search the knowledge base."""

    query: str


def text_chunks(text: str, *, size: int = 6, usage: bool = True, **choice: Any) -> list[Any]:
    chunks = [chat_chunk({"role": "assistant", "content": ""})]
    for start in range(0, len(text), size):
        chunk = chat_chunk({"content": text[start : start + size]})
        chunk["choices"][0].update(choice)
        chunks.append(chunk)
    chunks.append(chat_chunk({}, finish_reason="stop"))
    if usage:
        chunks.append({**chat_chunk({}), "choices": [], "usage": USAGE})
    return chunks


ANSWER_JSON = json.dumps({"answer": "Paris", "confidence": 0.9})


def search_call_chunks() -> list[Any]:
    head = {
        "index": 0,
        "id": "call_s",
        "type": "function",
        "function": {"name": "Search", "arguments": ""},
    }
    return [
        chat_chunk({"role": "assistant", "tool_calls": [head]}),
        chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"query": '}}]}),
        chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": '"capital"}'}}]}),
        chat_chunk({}, finish_reason="tool_calls"),
    ]


def quietly(dump: Any) -> Any:
    # the official SDK warns on dumps of parsed messages (pydantic's serializer expects the
    # unparametrized class's `parsed`, None); the data it writes is the same
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return dump()


@program
def manager_entered_by_hand_in_a_generator(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A web handler's generator: it enters the manager itself and exits it when done."""
    server.reply(sse(text_chunks("Streaming from a generator.")))

    def relay() -> Any:
        manager = client.chat.completions.stream(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
        stream = manager.__enter__()
        try:
            for event in stream:
                if event.type == "content.delta":
                    yield event.delta
        finally:
            manager.__exit__(None, None, None)

    pieces = list(relay())
    return pieces, type(client.chat.completions.stream).__name__


@program
def until_done_then_final_completion(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(text_chunks(ANSWER_JSON)))
    with client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "capital of France?"}],
        response_format=Answer,
        stream_options={"include_usage": True},
    ) as stream:
        returned = stream.until_done()
        final = stream.get_final_completion()
        again = stream.get_final_completion()
    message = final.choices[0].message
    return (
        returned is stream,
        repr(message.parsed),
        message.content,
        final.usage.model_dump(),
        again == final,
        wire(server.requests[0]),
    )


@program
def sse_relay_of_event_json(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A proxy forwards each event as JSON to the browser, then the final completion."""
    server.reply(sse(text_chunks("Hi there", size=3)))
    lines = []
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    ) as stream:
        for event in stream:
            if event.type == "chunk":
                lines.append(f"data: {event.chunk.model_dump_json(exclude_none=True)}")
            elif event.type == "content.delta":
                lines.append(json.dumps({"type": event.type, "delta": event.delta}))
            elif event.type == "content.done":
                lines.append(json.dumps({"type": event.type, "content": event.content}))
        lines.append(f"data: {stream.get_final_completion().model_dump_json()}")
    return lines


def logprob(token: str, value: float) -> Any:
    return {"token": token, "logprob": value, "bytes": list(token.encode()), "top_logprobs": []}


@program
def logprobs_and_refusal_events(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chunks = [chat_chunk({"role": "assistant", "content": ""})]
    for token, value in (("Hel", -0.1), ("lo", -0.2)):
        chunk = chat_chunk({"content": token})
        chunk["choices"][0]["logprobs"] = {"content": [logprob(token, value)], "refusal": None}
        chunks.append(chunk)
    chunks.append(chat_chunk({}, finish_reason="stop"))
    refusal = [chat_chunk({"role": "assistant", "refusal": ""})]
    for piece in ("I can't", " help"):
        chunk = chat_chunk({"refusal": piece})
        chunk["choices"][0]["logprobs"] = {"content": None, "refusal": [logprob(piece, -0.5)]}
        refusal.append(chunk)
    refusal.append(chat_chunk({}, finish_reason="stop"))
    server.reply(sse(chunks), sse(refusal))
    log: list[Any] = []
    for response_format in (openai.NOT_GIVEN, Answer):
        with client.chat.completions.stream(
            model="gpt-4o",
            messages=[{"role": "user", "content": "x"}],
            logprobs=True,
            response_format=response_format,
        ) as stream:
            for event in stream:
                if event.type == "logprobs.content.delta":
                    log.append((event.type, [t.token for t in event.content]))
                elif event.type == "logprobs.content.done":
                    log.append((event.type, [t.logprob for t in event.content]))
                elif event.type == "logprobs.refusal.delta":
                    log.append((event.type, [t.token for t in event.refusal]))
                elif event.type == "logprobs.refusal.done":
                    log.append((event.type, len(event.refusal)))
                elif event.type == "refusal.delta":
                    log.append((event.type, event.delta, event.snapshot))
                elif event.type == "refusal.done":
                    log.append((event.type, event.refusal))
                elif event.type != "chunk":
                    log.append((event.type,))
            final = stream.get_final_completion()
        choice = final.choices[0]
        log.append(
            (
                choice.message.refusal,
                repr(choice.message.parsed),
                choice.logprobs.model_dump() if choice.logprobs else None,
            )
        )
    return log


@program
def stream_closed_half_way(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A UI's stop button: ``stream.close()`` on the first delta, then a new question."""
    server.reply(sse(text_chunks("A long answer " * 5)), sse(text_chunks("Short.")))
    seen = []
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "long"}]
    ) as stream:
        for event in stream:
            if event.type == "content.delta":
                seen.append(event.delta)
                stream.close()
                break
        snapshot = stream.current_completion_snapshot.choices[0].message.content
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "short"}]
    ) as stream:
        text = stream.get_final_completion().choices[0].message.content
    return seen, snapshot, text, len(server.requests)


@program
def parsed_messages_dumped_into_the_history(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Agent memory stores ``final.choices[0].message.model_dump(exclude_none=True)``; the parsed
    fields go along, and the next request carries them."""
    server.reply(
        sse(search_call_chunks()),
        sse(text_chunks(ANSWER_JSON, usage=False)),
        sse(text_chunks("done", usage=False)),
    )
    tools = [openai.pydantic_function_tool(Search)]
    history: list[Any] = [{"role": "user", "content": "capital of France?"}]
    with client.chat.completions.stream(model="gpt-4o", messages=history, tools=tools) as stream:
        first = stream.get_final_completion()
    call = first.choices[0].message.tool_calls[0]
    history.append(quietly(lambda: first.choices[0].message.model_dump(exclude_none=True)))
    history.append({"role": "tool", "tool_call_id": call.id, "content": "Paris is the capital"})
    with client.chat.completions.stream(
        model="gpt-4o", messages=history, tools=tools, response_format=Answer
    ) as stream:
        second = stream.get_final_completion()
    history.append(quietly(lambda: second.choices[0].message.to_dict()))
    with client.chat.completions.stream(model="gpt-4o", messages=history) as stream:
        stream.until_done()
    return [r.json()["messages"] for r in server.requests]


@program
def sse_to_json_bridge_transport(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An httpx transport in front of a server that only streams: it asks for ``stream: true``,
    decodes the body with ``openai._streaming.SSEDecoder``, merges each choice's deltas with
    ``openai.lib.streaming._deltas.accumulate_delta`` and hands the client one JSON completion."""
    sse_decoder = importlib.import_module(f"{openai.__name__}._streaming").SSEDecoder
    accumulate_delta = importlib.import_module(
        f"{openai.__name__}.lib.streaming._deltas"
    ).accumulate_delta

    class StreamingOnlyBridge(httpx.BaseTransport):
        def __init__(self) -> None:
            self.upstream = httpx.HTTPTransport()

        def close(self) -> None:
            self.upstream.close()

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            body = json.loads(request.content)
            body["stream"] = True
            content = json.dumps(body).encode()
            headers = {k: v for k, v in request.headers.items() if k != "content-length"}
            upstream = self.upstream.handle_request(
                httpx.Request(request.method, request.url, headers=headers, content=content)
            )
            raw = upstream.read()
            upstream.close()
            chunks = []
            for event in sse_decoder().iter_bytes(iter([raw[:40], raw[40:77], raw[77:]])):
                if event.data and event.data != "[DONE]":
                    chunks.append(event.json())
            messages: dict[int, dict[str, Any]] = {}
            finish: dict[int, Any] = {}
            for chunk in chunks:
                for choice in chunk["choices"]:
                    messages[choice["index"]] = accumulate_delta(
                        messages.get(choice["index"], {}), choice["delta"]
                    )
                    finish[choice["index"]] = choice.get("finish_reason") or finish.get(
                        choice["index"]
                    )
            completion = {
                **{k: chunks[0][k] for k in ("id", "created", "model")},
                "object": "chat.completion",
                "choices": [
                    {"index": i, "message": messages[i], "finish_reason": finish[i]}
                    for i in sorted(messages)
                ],
                "usage": chunks[-1].get("usage"),
            }
            return httpx.Response(200, json=completion)

    server.reply(sse(search_call_chunks()), sse(text_chunks("Plain answer.", size=4)))
    bridged = openai.OpenAI(
        api_key="sk-test",
        base_url=server.url + "/v1",
        max_retries=0,
        http_client=httpx.Client(transport=StreamingOnlyBridge()),
    )
    with bridged:
        first = bridged.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "search"}],
            tools=[openai.pydantic_function_tool(Search)],
        )
        second = bridged.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "plain"}]
        )
    return (
        [r.json()["stream"] for r in server.requests],
        first.choices[0].message.model_dump(exclude_none=True),
        first.choices[0].finish_reason,
        second.choices[0].message.content,
        second.usage.total_tokens,
    )


@program
def sse_decoder_over_a_recorded_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A replay tool reads a recorded stream with the SDK's decoder, line by line too."""
    streaming = importlib.import_module(f"{openai.__name__}._streaming")
    recorded = (
        b": keep-alive\n\n"
        b'event: delta\r\ndata: {"content": "Hel"}\r\nid: 1\r\n\r\n'
        b'data: {"content": "lo"}\n'
        b'data: {"more": true}\n\n'
        b"retry: 3000\n\n"
        b"data: [DONE]\n\n"
    )
    events = list(streaming.SSEDecoder().iter_bytes(iter([recorded[:25], recorded[25:]])))
    decoder = streaming.SSEDecoder()
    by_line = [decoder.decode(line) for line in recorded.decode().splitlines()]
    made = streaming.ServerSentEvent(event="delta", data='{"x": 1}', id="9")
    return (
        [(e.event, e.data, e.id, e.retry) for e in events],
        [repr(e) for e in events],
        [e.data for e in by_line if e is not None],
        (made.event, made.json(), made.id, made.retry, repr(made)),
    )


@async_program
async def async_manager_entered_by_hand(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(text_chunks(ANSWER_JSON)), sse(search_call_chunks()))
    manager = client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=Answer
    )
    stream = await manager.__aenter__()
    parsed = []
    try:
        async for event in stream:
            if event.type == "content.done":
                parsed.append(repr(event.parsed))
    finally:
        await manager.__aexit__(None, None, None)
    async with client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x"}],
        tools=[openai.pydantic_function_tool(Search)],
    ) as tool_stream:
        await tool_stream.until_done()
        final = await tool_stream.get_final_completion()
    return (
        parsed,
        repr(final.choices[0].message.tool_calls[0].function.parsed_arguments),
        type(manager).__name__,
    )


@async_program
async def async_stream_closed_on_a_condition(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(text_chunks("one two STOP three four", size=4)))
    seen = []
    async with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    ) as stream:
        async for event in stream:
            if event.type == "content.delta":
                seen.append(event.delta)
                if "STOP" in event.snapshot:
                    await stream.close()
                    break
    return seen


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
