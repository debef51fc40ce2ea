"""Sweep W, types as users of the official SDK see them in their editors: the module-level client
(``openai.api_key = ...; openai.chat.completions.create(...)``), Azure clients and their token
providers, message / tool / Responses input lists typed with the ``*Param`` TypedDicts, models
(de)serialised (``model_dump``, ``to_dict``, ``model_validate``, ``construct``, ``pickle``,
``copy.deepcopy``) and pages walked sync and async — with ``reveal_type`` where its author's
editor shows a type."""

from __future__ import annotations

import copy
import json
import os
import pickle
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, Optional

import httpx
import openai
from openai import AsyncAzureOpenAI, AsyncOpenAI, AzureOpenAI, OpenAI
from openai.pagination import AsyncCursorPage, SyncCursorPage, SyncPage
from openai.types import Batch, CompletionUsage, CreateEmbeddingResponse, FileObject, Model
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionMessage,
    ChatCompletionMessageParam,
    ChatCompletionToolParam,
)
from openai.types.responses import Response, ResponseInputItemParam, ResponseInputParam
from typing_extensions import reveal_type

# --- the module-level client ---------------------------------------------------------------------

openai.api_key = os.environ.get("MY_KEY", "sk-...")
openai.base_url = "http://localhost:8000/v1/"
openai.default_headers = {"X-App": "script"}
openai.max_retries = 5
openai.timeout = 20.0
openai.organization = None
openai.timeout = httpx.Timeout(30.0, connect=2.0)
openai.http_client = httpx.Client(timeout=10)
openai.default_query = {"tenant": "t1"}
openai.api_type = "azure"
openai.api_version = "2024-10-21"
openai.azure_endpoint = "https://example.openai.azure.com"
openai.azure_ad_token_provider = lambda: "token"
reveal_type(openai.api_type)
reveal_type(openai.azure_ad_token_provider)
reveal_type(openai.default_headers)
reveal_type(openai.base_url)
reveal_type(openai.api_key)
reveal_type(openai.max_retries)

module_completion = openai.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
)
reveal_type(module_completion)
reveal_type(module_completion.choices[0].message.content)
module_files = openai.files.list()
reveal_type(module_files)
for module_file in module_files:
    reveal_type(module_file)
module_models = openai.models.list()
reveal_type(module_models)
module_embedding = openai.embeddings.create(model="text-embedding-3-small", input="x")
reveal_type(module_embedding.data[0].embedding)

# --- Azure ---------------------------------------------------------------------------------------


def entra_token() -> str:
    return "token"


azure = AzureOpenAI(
    azure_endpoint="https://example.openai.azure.com",
    api_version="2024-10-21",
    azure_deployment="gpt-4o-prod",
    azure_ad_token_provider=entra_token,
)
reveal_type(azure)
reveal_type(azure.chat.completions.create(model="ignored", messages=[]))
reveal_type(azure.responses.create(model="gpt-4o", input="x"))
reveal_type(azure.images.generate(model="dall-e-3", prompt="p"))
azure_keyed: OpenAI = AzureOpenAI(api_key="k", api_version="2024-10-21", azure_endpoint="https://e")
reveal_type(azure_keyed.with_options(timeout=5))


async def async_entra_token() -> str:
    return "token"


async_azure = AsyncAzureOpenAI(
    azure_endpoint="https://example.openai.azure.com",
    api_version="2024-10-21",
    azure_ad_token_provider=async_entra_token,
)
reveal_type(async_azure)

# --- request lists typed with the SDK's TypedDicts -----------------------------------------------

client = OpenAI()
messages: list[ChatCompletionMessageParam] = [
    {"role": "system", "content": "You are terse."},
    {"role": "user", "content": [{"type": "text", "text": "hi"}]},
]
tools: list[ChatCompletionToolParam] = [
    {
        "type": "function",
        "function": {
            "name": "lookup",
            "description": "Find a record",
            "parameters": {"type": "object", "properties": {"id": {"type": "string"}}},
            "strict": True,
        },
    }
]
completion = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
reveal_type(completion.choices[0].message.tool_calls)
reply = completion.choices[0].message
messages.append({"role": "assistant", "content": reply.content})


def history(turns: Iterable[tuple[str, str]]) -> Iterable[ResponseInputItemParam]:
    for role, text in turns:
        if role == "user":
            yield {"role": "user", "content": text}
        else:
            yield {"role": "assistant", "content": text}


items: ResponseInputParam = list(history([("user", "hi"), ("assistant", "hello")]))
response = client.responses.create(model="gpt-4.1", input=items)
reveal_type(response)
reveal_type(response.output_text)
reveal_type(response.usage)

# --- models (de)serialised -----------------------------------------------------------------------

dumped = completion.model_dump()
reveal_type(dumped)
reveal_type(completion.model_dump_json(indent=2))
reveal_type(completion.to_dict())
reveal_type(completion.to_json())
restored = ChatCompletion.model_validate(json.loads(completion.model_dump_json()))
reveal_type(restored)
reveal_type(ChatCompletion.model_validate_json("{}"))
built = ChatCompletion.construct(id="x", choices=[], created=0, model="m", object="chat.completion")
reveal_type(built)
constructed = ChatCompletionMessage.model_construct(role="assistant", content="x")
reveal_type(constructed)
reveal_type(pickle.loads(pickle.dumps(completion)))
reveal_type(copy.deepcopy(completion))
reveal_type(completion.model_copy(update={"model": "x"}))
usage: Optional[CompletionUsage] = completion.usage  # noqa: UP045 (as apps on 3.9 wrote it)
if usage is not None:
    for name, value in usage:
        reveal_type(name)
        reveal_type(value)
    reveal_type(usage.completion_tokens_details)
reveal_type(dict(completion))
reveal_type(completion.model_fields_set)


def cache_usage(responses: Iterable[Response]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for r in responses:
        if r.usage:
            totals["input"] = totals.get("input", 0) + r.usage.input_tokens
            totals["output"] = totals.get("output", 0) + r.usage.output_tokens
    return totals


def chunks_text(chunks: Iterator[ChatCompletionChunk]) -> str:
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def embeddings_matrix(result: CreateEmbeddingResponse) -> list[list[float]]:
    return [d.embedding for d in result.data]


# --- pages ---------------------------------------------------------------------------------------

files_page = client.files.list(limit=10, after="file-1")
reveal_type(files_page)
reveal_type(files_page.data)
reveal_type(files_page.has_next_page())
reveal_type(files_page.get_next_page())
reveal_type(files_page.next_page_info())
for page in files_page.iter_pages():
    reveal_type(page)
every_file: list[FileObject] = list(client.files.list())
batches: SyncCursorPage[Batch] = client.batches.list(limit=100)
reveal_type(batches.data[-1].id)
models_page: SyncPage[Model] = client.models.list()
reveal_type(models_page.data)

async_client = AsyncOpenAI()


async def all_batches() -> list[Batch]:
    found = [b async for b in async_client.batches.list(limit=20)]
    first: AsyncCursorPage[Batch] = await async_client.batches.list()
    reveal_type(first)
    if first.has_next_page():
        reveal_type(await first.get_next_page())
    return found


async def stream_files() -> AsyncIterator[FileObject]:
    paginator = async_client.files.list(purpose="batch")
    reveal_type(paginator)
    async for f in paginator:
        yield f


def sum_usage(completions: list[ChatCompletion]) -> int:
    return sum(c.usage.total_tokens for c in completions if c.usage is not None)


def as_rows(page: SyncCursorPage[FileObject]) -> list[dict[str, Any]]:
    return [f.model_dump(include={"id", "bytes"}) for f in page]
