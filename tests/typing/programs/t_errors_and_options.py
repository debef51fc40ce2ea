"""Sweep T, types of the code production apps wrap around the client: error handlers reading each
attribute of the SDK's exceptions, retry helpers generic over the call they retry, settings passed
through as ``omit`` defaults (``NOT_GIVEN`` for the timeout), timeouts as numbers or ``httpx.Timeout``, raw and
streamed responses read for their headers and timing, a message history kept as
``ChatCompletionMessageParam`` TypedDicts and handed on as an ``Iterable``, the ``stream=True``
overload and a ``stream: bool`` flag, uploads of every file shape, and Azure clients with token
providers — with ``reveal_type`` where its author's editor shows a type."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import httpx
import openai
from openai import (
    NOT_GIVEN,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncAzureOpenAI,
    AsyncOpenAI,
    AzureOpenAI,
    BadRequestError,
    DefaultHttpxClient,
    NotGiven,
    Omit,
    OpenAI,
    RateLimitError,
    Stream,
    omit,
)
from openai.types import FileObject
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionMessageParam,
    ChatCompletionUserMessageParam,
)
from typing_extensions import reveal_type

T = TypeVar("T")

client = OpenAI(max_retries=0, timeout=httpx.Timeout(30.0, connect=5.0))


# --- errors ----------------------------------------------------------------------------------------


def report(error: openai.APIError) -> dict[str, object]:
    reveal_type(error.message)
    reveal_type(error.body)
    reveal_type(error.code)
    reveal_type(error.param)
    reveal_type(error.type)
    reveal_type(error.request)
    details: dict[str, object] = {"message": error.message, "code": error.code}
    if isinstance(error, APIStatusError):
        reveal_type(error.status_code)
        reveal_type(error.request_id)
        reveal_type(error.response)
        reveal_type(error.response.headers)
        details["status"] = error.status_code
        details["retry_after"] = error.response.headers.get("retry-after")
    return details


def complete_or_explain(messages: list[ChatCompletionMessageParam]) -> str:
    try:
        completion = client.chat.completions.create(model="gpt-4o", messages=messages)
    except RateLimitError as e:
        reveal_type(e)
        return f"slow down ({e.response.headers.get('retry-after-ms')})"
    except BadRequestError as e:
        return f"bad request: {e.param} {e.code}"
    except APITimeoutError as e:
        return f"timed out: {e.request.url}"
    except APIConnectionError as e:
        reveal_type(e.__cause__)
        return "no connection"
    except APIStatusError as e:
        return f"status {e.status_code}: {e.body!r}"
    return completion.choices[0].message.content or ""


# --- a retry helper ------------------------------------------------------------------------------


def with_backoff(call: Callable[[], T], attempts: int = 5) -> T:
    for attempt in range(attempts):
        try:
            return call()
        except (RateLimitError, openai.InternalServerError) as e:
            wait = e.response.headers.get("retry-after")
            time.sleep(float(wait) if wait else 2.0**attempt)
    return call()


answer = with_backoff(
    lambda: client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
)
reveal_type(answer)


# --- optional settings -------------------------------------------------------------------------------


def ask(
    question: str,
    *,
    temperature: float | Omit = omit,
    max_tokens: int | Omit | None = omit,
    user: str | Omit = omit,
    timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
) -> ChatCompletion:
    return client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": question}],
        temperature=temperature,
        max_tokens=max_tokens,
        user=user,
        timeout=timeout,
        extra_headers={"X-Trace": "t", "X-Drop": Omit()},
        extra_query={"debug": "1"},
        extra_body={"top_k": 5},
    )


ask("hi", temperature=0.2, timeout=httpx.Timeout(10.0))
ask("hi", timeout=None)
patient = client.with_options(timeout=120.0, max_retries=5)
reveal_type(patient)
reveal_type(patient.timeout)
reveal_type(patient.max_retries)
quick = client.copy(timeout=httpx.Timeout(5.0))


# --- raw and streamed responses ---------------------------------------------------------------------


raw = client.chat.completions.with_raw_response.create(
    model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
)
reveal_type(raw)
reveal_type(raw.headers)
reveal_type(raw.http_request)
reveal_type(raw.status_code)
reveal_type(raw.elapsed)
reveal_type(raw.retries_taken)
reveal_type(raw.parse())
remaining = raw.headers.get("x-ratelimit-remaining-tokens")

with client.chat.completions.with_streaming_response.create(
    model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
) as response:
    reveal_type(response)
    for line in response.iter_lines():
        reveal_type(line)
    reveal_type(response.parse())

with client.files.with_streaming_response.content("file-abc") as download:
    download.stream_to_file(Path("out.jsonl"))
content = client.files.content("file-abc")
content.write_to_file("out.jsonl")
reveal_type(content.read())


# --- message history and the stream overloads ------------------------------------------------------


history: list[ChatCompletionMessageParam] = [{"role": "system", "content": "Be brief."}]


def turns(questions: Iterable[str]) -> Iterator[ChatCompletionUserMessageParam]:
    for question in questions:
        yield {"role": "user", "content": question}


def chat(messages: Iterable[ChatCompletionMessageParam]) -> str:
    stream = client.chat.completions.create(model="gpt-4o", messages=messages, stream=True)
    reveal_type(stream)
    pieces: list[str] = []
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            pieces.append(chunk.choices[0].delta.content)
    return "".join(pieces)


chat([*history, *turns(["a", "b"])])


def maybe_streamed(streaming: bool) -> ChatCompletion | Stream[ChatCompletionChunk]:
    result = client.chat.completions.create(model="gpt-4o", messages=history, stream=streaming)
    reveal_type(result)
    return result


# --- uploads ---------------------------------------------------------------------------------------


uploads: list[FileObject] = [
    client.files.create(file=Path("train.jsonl"), purpose="fine-tune"),
    client.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune"),
    client.files.create(file=("train.jsonl", b"{}\n", "application/jsonl"), purpose="batch"),
    client.files.create(file=io.BytesIO(b"{}\n"), purpose="batch"),
]
with open("train.jsonl", "rb") as handle:
    uploads.append(client.files.create(file=handle, purpose="assistants"))
reveal_type(uploads[0].status)


# --- custom clients and Azure ----------------------------------------------------------------------


proxied = OpenAI(
    http_client=DefaultHttpxClient(proxy="http://proxy.local:8080", timeout=20.0),
    base_url="https://gateway.local/v1",
)


def token() -> str:
    return "entra-token"


async def async_token() -> str:
    return "entra-token"


azure = AzureOpenAI(
    api_version="2024-10-21",
    azure_endpoint="https://example.openai.azure.com",
    azure_deployment="gpt-4o",
    azure_ad_token_provider=token,
)
reveal_type(azure.chat.completions.create(model="gpt-4o", messages=history))
async_azure = AsyncAzureOpenAI(
    api_version="2024-10-21",
    azure_endpoint="https://example.openai.azure.com",
    azure_ad_token_provider=async_token,
)


async def async_chat() -> None:
    async_client = AsyncOpenAI(timeout=httpx.Timeout(60.0, read=5.0))
    stream = await async_client.chat.completions.create(
        model="gpt-4o", messages=history, stream=True
    )
    reveal_type(stream)
    async for chunk in stream:
        reveal_type(chunk)
    raw_async = await async_azure.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=history
    )
    reveal_type(raw_async)
    reveal_type(raw_async.parse())
