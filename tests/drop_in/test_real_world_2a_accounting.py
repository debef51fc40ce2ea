"""Real-world sweep 2A, the bookkeeping layers built on the SDK: token and cost accounting over
streams (``stream_options={"include_usage": True}``, the Responses ``response.completed`` event,
the chat stream helper's final completion), a cache keyed by a hash of the request and storing
answers as JSON or pickles, read back with ``model_validate_json`` / ``model_validate`` — programs
written for the official SDK, run unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    chat_chunk,
    chat_completion,
    output_message,
    response_events,
    response_object,
    sse,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

ASK = [{"role": "user", "content": "hi"}]
PRICES = {"gpt-4o": (2.5, 10.0), "gpt-4o-2024-08-06": (2.5, 10.0), "gpt-4.1-2025-04-14": (2.0, 8.0)}


def usage_chunk(prompt: int, completion: int, cached: int | None = None) -> Any:
    usage: dict[str, Any] = {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }
    if cached is not None:
        usage["prompt_tokens_details"] = {"cached_tokens": cached, "audio_tokens": 0}
        usage["completion_tokens_details"] = {"reasoning_tokens": 3, "audio_tokens": 0}
    return chat_chunk({}, None, usage=usage) | {"choices": []}


def usage_stream(cached: int | None = 4) -> Reply:
    return sse(
        [
            chat_chunk({"role": "assistant", "content": "Hel"}, usage=None),
            chat_chunk({"content": "lo"}, usage=None),
            chat_chunk({}, "stop", usage=None),
            usage_chunk(11, 2, cached),
        ]
    )


class Ledger:
    """A cost tracker: tokens and dollars per model, from any usage object."""

    def __init__(self) -> None:
        self.rows: list[Any] = []

    def add(self, model: str, usage: Any) -> None:
        prompt = getattr(usage, "prompt_tokens", None) or getattr(usage, "input_tokens", 0)
        completion = getattr(usage, "completion_tokens", None) or getattr(usage, "output_tokens", 0)
        details = getattr(usage, "prompt_tokens_details", None) or getattr(
            usage, "input_tokens_details", None
        )
        cached = getattr(details, "cached_tokens", None) or 0
        price_in, price_out = PRICES.get(model, (0.0, 0.0))
        cost = round(((prompt - cached) * price_in + completion * price_out) / 1e6, 9)
        self.rows.append((model, prompt, completion, cached, cost, type(usage).__name__))


@program
def chat_stream_usage_chunk_counted(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The usage rides on a last chunk with no choices: a wrapper yields the text, skips the
    empty chunk safely and books the usage (with cached and reasoning tokens) once."""
    ledger = Ledger()
    server.reply(usage_stream(), usage_stream(None))
    texts = []
    for _ in range(2):
        stream = client.chat.completions.create(
            model="gpt-4o", messages=ASK, stream=True, stream_options={"include_usage": True}
        )
        text = []
        for chunk in stream:
            if chunk.usage is not None:
                ledger.add(chunk.model, chunk.usage)
                details = chunk.usage.completion_tokens_details
                text.append(("usage", None if details is None else details.reasoning_tokens))
            if chunk.choices and chunk.choices[0].delta.content:
                text.append(chunk.choices[0].delta.content)
        texts.append(text)
    return ledger.rows, texts, [r.json()["stream_options"] for r in server.requests]


@program
def stream_helper_final_usage(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``chat.completions.stream(...)`` with usage asked: the final completion carries it, and the
    ``chunk`` events show the usage chunk too."""
    ledger = Ledger()
    server.reply(usage_stream())
    kinds = []
    with client.chat.completions.stream(
        model="gpt-4o", messages=ASK, stream_options={"include_usage": True}
    ) as stream:
        for event in stream:
            if event.type == "chunk":
                kinds.append((event.type, event.chunk.usage is not None, len(event.chunk.choices)))
            else:
                kinds.append(event.type)
        final = stream.get_final_completion()
    ledger.add(final.model, final.usage)
    return ledger.rows, kinds, final.choices[0].message.content, final.usage.model_dump()


@program
def responses_usage_from_the_completed_event(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A Responses stream: usage is read from ``response.completed`` (the only event holding it),
    the output text gathered from the deltas."""
    ledger = Ledger()
    response = response_object([output_message("Hello")])
    server.reply(sse(response_events(response, output_message("Hello"))))
    deltas = []
    for event in client.responses.create(model="gpt-4.1", input="hi", stream=True):
        if event.type == "response.output_text.delta":
            deltas.append(event.delta)
        elif event.type == "response.completed":
            ledger.add(event.response.model, event.response.usage)
    return ledger.rows, deltas


@program
def usage_summed_across_calls(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A budget guard summing ``CompletionUsage`` objects it builds itself and ones it got back,
    and refusing once a limit is reached."""
    total = openai.types.CompletionUsage(prompt_tokens=0, completion_tokens=0, total_tokens=0)
    server.default = Reply.json(chat_completion({"role": "assistant", "content": "ok"}))
    refused = None
    for call in range(5):
        if total.total_tokens >= 50:
            refused = call
            break
        usage = client.chat.completions.create(model="gpt-4o", messages=ASK).usage
        total = openai.types.CompletionUsage(
            prompt_tokens=total.prompt_tokens + usage.prompt_tokens,
            completion_tokens=total.completion_tokens + usage.completion_tokens,
            total_tokens=total.total_tokens + usage.total_tokens,
        )
    return total.model_dump(), total.model_dump(exclude_unset=True), refused


def cache_key(kwargs: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(kwargs, sort_keys=True, default=str).encode()).hexdigest()


@program
def json_cache_of_completions(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A response cache: the key hashes the request, the value is ``model_dump_json()``; a hit
    comes back through ``ChatCompletion.model_validate_json`` and must equal a fresh answer."""
    from_types = openai.types.chat.ChatCompletion
    cache: dict[str, str] = {}

    def cached_create(**kwargs: Any) -> tuple[bool, Any]:
        key = cache_key(kwargs)
        if key in cache:
            return True, from_types.model_validate_json(cache[key])
        completion = client.chat.completions.create(**kwargs)
        cache[key] = completion.model_dump_json(exclude_unset=True)
        return False, completion

    server.default = Reply.json(
        chat_completion({"role": "assistant", "content": "cached?"}, logprobs=None)
    )
    first_hit, first = cached_create(model="gpt-4o", messages=ASK, temperature=0)
    second_hit, second = cached_create(model="gpt-4o", messages=ASK, temperature=0)
    third_hit, _ = cached_create(model="gpt-4o", messages=ASK, temperature=1)
    return (
        (first_hit, second_hit, third_hit),
        second == first,
        second.model_dump() == first.model_dump(),
        second.choices[0].message.content,
        sorted(second.model_fields_set),
        len(server.requests),
        next(iter(cache.values())) == first.model_dump_json(exclude_unset=True),
    )


@program
def cache_of_stream_chunks(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A replay cache for streams: each chunk is stored as ``model_dump(mode="json")`` and
    replayed through ``ChatCompletionChunk.model_validate``; the replay reads like the stream."""
    chunk_type = openai.types.chat.ChatCompletionChunk
    server.reply(usage_stream())
    stored = [
        chunk.model_dump(mode="json")
        for chunk in client.chat.completions.create(
            model="gpt-4o", messages=ASK, stream=True, stream_options={"include_usage": True}
        )
    ]
    replay = [chunk_type.model_validate(data) for data in stored]
    return (
        [c.choices[0].delta.content if c.choices else None for c in replay],
        [c.usage.total_tokens if c.usage else None for c in replay],
        [data.get("usage") for data in stored],
        json.dumps(stored[0], sort_keys=True),
    )


@program
def pickled_answers_in_a_disk_cache(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """diskcache / joblib memoisation pickle what the call returned: a chat completion, a
    Responses response, an embeddings answer; the copies compare equal and keep their helpers."""
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": "p"})),
        Reply.json(response_object([output_message("q")])),
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [0.5, -0.25]}],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        ),
    )
    answers = [
        client.chat.completions.create(model="gpt-4o", messages=ASK),
        client.responses.create(model="gpt-4.1", input="hi"),
        client.embeddings.create(
            model="text-embedding-3-small", input="x", encoding_format="float"
        ),
    ]
    copies = [pickle.loads(pickle.dumps(answer)) for answer in answers]
    return (
        [type(c).__name__ for c in copies],
        [c == a for c, a in zip(copies, answers, strict=True)],
        copies[1].output_text,
        copies[2].data[0].embedding,
        copies[0]._request_id,
    )


@program
def request_hash_over_typed_messages(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A cache key over a history holding the SDK's own message object (``default=`` dumps it):
    the key depends only on what the model would be sent, so apps hash ``model_dump`` of it."""
    server.default = Reply.json(chat_completion({"role": "assistant", "content": "again"}))
    message = client.chat.completions.create(model="gpt-4o", messages=ASK).choices[0].message
    history = [*ASK, message.model_dump(exclude_none=True), {"role": "user", "content": "more"}]
    key = cache_key({"model": "gpt-4o", "messages": history})
    client.chat.completions.create(model="gpt-4o", messages=history)
    return key, server.requests[-1].json()["messages"], message.model_dump(exclude_none=True)


test_program_observes_the_same = observed_the_same(PROGRAMS)


@async_program
async def async_stream_accounting(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    ledger = Ledger()
    server.reply(usage_stream())
    stream = await client.chat.completions.create(
        model="gpt-4o", messages=ASK, stream=True, stream_options={"include_usage": True}
    )
    text = ""
    async for chunk in stream:
        if chunk.usage:
            ledger.add(chunk.model, chunk.usage)
        for choice in chunk.choices:
            text += choice.delta.content or ""
    return ledger.rows, text


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
