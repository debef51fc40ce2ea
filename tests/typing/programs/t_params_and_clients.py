"""Sweep T, types of request arguments kept as data and of clients built by factories: a request
held as a ``CompletionCreateParams*`` TypedDict and unpacked into ``create(**params)``, message
lists extended with the assistant's reply (``model_dump`` / the ``*Param`` shapes), an embeddings
helper taking ``Iterable[str]``, a factory returning ``OpenAI | AzureOpenAI`` by configuration,
``with_options`` / ``copy`` chains, an async retry wrapper generic over the awaited call, and the
error classes kept in a tuple for ``except`` — with ``reveal_type`` where its author's editor
shows a type."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import httpx
import openai
from openai import AsyncOpenAI, AzureOpenAI, OpenAI
from openai.types import CreateEmbeddingResponse, Embedding
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionAssistantMessageParam,
    ChatCompletionMessage,
    ChatCompletionMessageParam,
    ChatCompletionToolMessageParam,
    completion_create_params,
)
from openai.types.chat.completion_create_params import (
    CompletionCreateParamsNonStreaming,
    CompletionCreateParamsStreaming,
)
from typing_extensions import reveal_type

T = TypeVar("T")

RETRYABLE: tuple[type[openai.APIError], ...] = (
    openai.RateLimitError,
    openai.APITimeoutError,
    openai.APIConnectionError,
    openai.InternalServerError,
)


def make_client(settings: Mapping[str, str]) -> OpenAI:
    if settings.get("provider") == "azure":
        return AzureOpenAI(
            api_key=settings["key"],
            api_version=settings.get("api_version", "2024-10-21"),
            azure_endpoint=settings["endpoint"],
            timeout=httpx.Timeout(30.0),
            max_retries=3,
        )
    return OpenAI(
        api_key=settings.get("key") or os.environ.get("OPENAI_API_KEY"),
        base_url=settings.get("base_url"),
        organization=settings.get("org"),
        default_headers={"X-App": "report"},
        default_query={"tenant": "t1"},
    )


client = make_client({"provider": "openai"})
reveal_type(client)
cheap = client.with_options(max_retries=0).copy(default_headers={"X-Tier": "cheap"})
reveal_type(cheap)
reveal_type(cheap.base_url)
reveal_type(cheap.api_key)
reveal_type(cheap.organization)


# --- requests kept as data -------------------------------------------------------------------------


request: CompletionCreateParamsNonStreaming = {
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "hi"}],
    "temperature": 0.2,
    "response_format": {"type": "json_object"},
}
completion = client.chat.completions.create(**request)
reveal_type(completion)

streaming: CompletionCreateParamsStreaming = {
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "hi"}],
    "stream": True,
    "stream_options": {"include_usage": True},
}
for chunk in client.chat.completions.create(**streaming):
    reveal_type(chunk.usage)

base: completion_create_params.CompletionCreateParamsBase = {
    "model": "gpt-4o",
    "messages": [],
}
reveal_type(base["messages"])


# --- message lists extended with replies -------------------------------------------------------------


def continue_with(messages: list[ChatCompletionMessageParam], reply: ChatCompletionMessage) -> None:
    assistant: ChatCompletionAssistantMessageParam = {
        "role": "assistant",
        "content": reply.content,
    }
    if reply.tool_calls:
        assistant["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.function.name, "arguments": call.function.arguments},
            }
            for call in reply.tool_calls
            if call.type == "function"
        ]
    messages.append(assistant)
    for call in reply.tool_calls or []:
        result: ChatCompletionToolMessageParam = {
            "role": "tool",
            "tool_call_id": call.id,
            "content": "42",
        }
        messages.append(result)
    dumped = reply.model_dump(exclude_none=True)
    reveal_type(dumped)


history: list[ChatCompletionMessageParam] = []
continue_with(history, completion.choices[0].message)


# --- embeddings over any iterable --------------------------------------------------------------------


def embed(texts: Iterable[str], model: str = "text-embedding-3-small") -> list[list[float]]:
    response = client.embeddings.create(model=model, input=list(texts), dimensions=256)
    reveal_type(response)
    items: list[Embedding] = sorted(response.data, key=lambda e: e.index)
    return [item.embedding for item in items]


vectors = embed(line for line in ["a", "b"])


def embed_all(batches: Sequence[Sequence[str]]) -> list[CreateEmbeddingResponse]:
    return [client.embeddings.create(model="m", input=list(batch)) for batch in batches]


# --- an async retry wrapper -------------------------------------------------------------------------


async def retried(call: Callable[[], Awaitable[T]], attempts: int = 3) -> T:
    for attempt in range(attempts - 1):
        try:
            return await call()
        except RETRYABLE as e:
            reveal_type(e)
            await asyncio.sleep(2**attempt)
    return await call()


async def main() -> None:
    async with AsyncOpenAI(max_retries=0) as aclient:
        answer = await retried(
            lambda: aclient.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
            )
        )
        reveal_type(answer)
        listed = await retried(lambda: aclient.models.list())
        reveal_type(listed)
        results = await asyncio.gather(
            *(aclient.embeddings.create(model="m", input=t) for t in ("a", "b"))
        )
        reveal_type(results)


def as_dict(value: ChatCompletion) -> dict[str, Any]:
    return value.to_dict()
