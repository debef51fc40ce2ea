"""Client construction, options, raw and streaming responses, request ids, custom requests, the
module client, Azure."""

from __future__ import annotations

import os
from typing import Any, Dict

import httpx
import openai
from openai import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AsyncAzureOpenAI,
    AsyncOpenAI,
    AzureOpenAI,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
    OpenAI,
)
from openai.types.chat import ChatCompletion


def make_client() -> OpenAI:
    return OpenAI(
        api_key=os.environ.get("OPENAI_API_KEY"),
        organization="org-123",
        project="proj-123",
        base_url="https://api.openai.com/v1",
        timeout=20.0,
        max_retries=DEFAULT_MAX_RETRIES,
        default_headers={"X-App": "demo"},
        default_query={"tenant": "t1"},
        http_client=DefaultHttpxClient(
            proxy="http://localhost:8080", transport=httpx.HTTPTransport(local_address="0.0.0.0")
        ),
    )


def make_async() -> AsyncOpenAI:
    return AsyncOpenAI(
        http_client=DefaultAsyncHttpxClient(timeout=DEFAULT_TIMEOUT),
        timeout=httpx.Timeout(60.0, read=5.0, write=10.0, connect=2.0),
    )


def azure() -> AzureOpenAI:
    return AzureOpenAI(
        api_version="2024-10-21",
        azure_endpoint="https://example.openai.azure.com",
        api_key="key",
        azure_deployment="gpt-4o",
    )


def azure_token(provider: Any) -> AsyncAzureOpenAI:
    return AsyncAzureOpenAI(
        api_version="2024-10-21", azure_endpoint="https://x", azure_ad_token_provider=provider
    )


def raw(client: OpenAI) -> ChatCompletion:
    response = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Say this is a test"}]
    )
    print(
        response.headers.get("x-ratelimit-remaining-tokens"),
        response.status_code,
        response.http_request.url,
    )
    print(response.request_id, response.elapsed, response.retries_taken)
    completion = response.parse()
    print(completion._request_id)
    return completion


def parse_raw(response: openai.APIResponse[ChatCompletion]) -> ChatCompletion:
    print(response.http_version, response.elapsed.total_seconds(), response.retries_taken)
    return response.parse()


async def aparse_raw(response: openai.AsyncAPIResponse[ChatCompletion]) -> ChatCompletion:
    return await response.parse()


def streamed(client: OpenAI) -> None:
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    ) as response:
        print(response.headers.get("X-My-Header"))
        for line in response.iter_lines():
            print(line)
    with client.files.with_streaming_response.content("file-1") as response:
        for chunk in response.iter_bytes(1024):
            print(len(chunk))


async def araw(client: AsyncOpenAI) -> ChatCompletion:
    response = await client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    completion = response.parse()
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    ) as streaming:
        parsed = await streaming.parse()
        print(parsed.id)
    return completion


def custom(client: OpenAI) -> Dict[str, Any]:
    response = client.post(
        "/greet", cast_to=httpx.Response, body={"name": "x"}, options={"headers": {"X-A": "1"}}
    )
    print(response.json())
    data: Dict[str, Any] = client.get(
        "/things", cast_to=Dict[str, Any], options={"params": {"limit": 2}}
    )
    return data


def module_client() -> str | None:
    openai.api_key = "sk-x"
    openai.organization = "org"
    openai.base_url = "https://example.com/v1/"
    openai.max_retries = 5
    openai.timeout = 30.0
    openai.default_headers = {"x": "y"}
    completion = openai.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    models = openai.models.list()
    print([m.id for m in models])
    return completion.choices[0].message.content


def errors(client: OpenAI) -> None:
    try:
        client.models.retrieve("nope")
    except openai.NotFoundError as err:
        status: int = err.status_code
        body: object = err.body
        response: httpx.Response = err.response
        print(status, body, response, err.request_id, err.code)
    except openai.APIStatusError as err:
        print(err.message)
    except openai.APIError as err:
        print(err.message, err.request, err.body)


def with_client_context() -> None:
    with OpenAI() as client:
        client.models.list()
    client = OpenAI().with_options(max_retries=5, timeout=None)
    client.close()
    print(client.is_closed())
