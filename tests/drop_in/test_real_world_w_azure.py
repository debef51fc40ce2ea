"""Real-world sweep W, Azure OpenAI as enterprise apps use it: ``AzureOpenAI(azure_endpoint=...,
api_version=..., azure_deployment=...)`` and the unbound client reaching chat, Responses,
embeddings, images, audio and models by the deployment paths, Entra ID tokens from
``azure_ad_token_provider`` (sync and async), the v1 API through ``OpenAI(base_url=
f"{endpoint}/openai/v1/")``, Azure's streams (a first chunk without choices, carrying
``prompt_filter_results``), and clients copied per tenant — programs written for the official
SDK, run unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion, output_message, response_object

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]
VERSION = "2024-10-21"
EMBEDDINGS = {
    "object": "list",
    "data": [{"object": "embedding", "index": 0, "embedding": [0.5, 0.25]}],
    "model": "text-embedding-3-large",
    "usage": {"prompt_tokens": 2, "total_tokens": 2},
}
IMAGES = {"created": 1, "data": [{"url": "https://img/1.png", "revised_prompt": "a cat"}]}


def route(request: RecordedRequest) -> Reply:
    """An answer of the right shape for whichever path was asked."""
    path = request.path
    if path.endswith("/embeddings"):
        return Reply.json(EMBEDDINGS)
    if path.endswith("/images/generations"):
        return Reply.json(IMAGES)
    if path.endswith("/audio/transcriptions"):
        return Reply.json({"text": "hello there"})
    if path.endswith("/audio/speech"):
        return Reply.raw(b"ID3-mp3", content_type="audio/mpeg")
    if path.endswith("/responses"):
        return Reply.json(response_object([output_message("from azure")]))
    if path.endswith("/models"):
        return Reply.json(
            {"object": "list", "data": [{"id": "gpt-4o", "object": "model", "created": 1}]}
        )
    return Reply.json(chat_completion({"role": "assistant", "content": "azure says hi"}))


def wires(server: ScriptedServer) -> list[Any]:
    return [
        (
            r.method,
            r.path,
            sorted(r.query_dict.items()),
            r.headers.get("api-key"),
            r.headers.get("authorization"),
        )
        for r in server.requests
    ]


def azure(openai: ModuleType, server: ScriptedServer, **kwargs: Any) -> Any:
    kwargs.setdefault("api_version", VERSION)
    kwargs.setdefault("max_retries", 0)
    if "azure_ad_token_provider" not in kwargs and "azure_ad_token" not in kwargs:
        kwargs.setdefault("api_key", "azure-key")
    return openai.AzureOpenAI(azure_endpoint=server.url, **kwargs)


@program
def unbound_client_by_model_name(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """One client; ``model=`` names the deployment of each call."""
    server.default = Reply.dynamic(route)
    c = azure(openai, server)
    seen = [
        c.chat.completions.create(model="gpt-4o-prod", messages=MESSAGES)
        .choices[0]
        .message.content,
        c.embeddings.create(model="embed-large", input="doc").data[0].embedding,
        c.images.generate(model="dalle3", prompt="a cat").data[0].revised_prompt,
        c.audio.transcriptions.create(model="whisper", file=("a.wav", b"RIFF")).text,
        c.audio.speech.create(model="tts", voice="alloy", input="hi").read(),
        c.responses.create(model="gpt-4o-prod", input="hi").output_text,
        [m.id for m in c.models.list()],
    ]
    c.close()
    return seen, wires(server)


@program
def deployment_bound_client(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``azure_deployment=`` fixes the deployment; the call's ``model`` is only sent in the body."""
    server.default = Reply.dynamic(route)
    c = azure(openai, server, azure_deployment="gpt-4o-prod")
    c.chat.completions.create(model="ignored", messages=MESSAGES)
    c.responses.create(model="gpt-4o", input="hi")
    c.embeddings.create(model="ignored", input=["a"])
    c.images.generate(model="dall-e-3", prompt="p", size="1024x1024")
    c.close()
    return wires(server), [json.loads(r.body).get("model") for r in server.requests]


@program
def entra_id_token_provider(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``get_bearer_token_provider(DefaultAzureCredential(), scope)`` as a plain function."""
    server.default = Reply.dynamic(route)
    asked: list[int] = []

    def token_provider() -> str:
        asked.append(1)
        return f"entra-{len(asked)}"

    c = azure(openai, server, azure_ad_token_provider=token_provider)
    c.chat.completions.create(model="d", messages=MESSAGES)
    c.embeddings.create(model="e", input="x")
    c.responses.create(model="d", input="x")
    c.close()
    return wires(server), len(asked)


@program
def azure_v1_api_through_openai(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The Azure v1 API: a plain ``OpenAI`` client on ``{endpoint}/openai/v1/`` with the key in
    ``api-key`` (or a token as the api key), no ``api-version``."""
    server.default = Reply.dynamic(route)
    keyed = openai.OpenAI(
        base_url=f"{server.url}/openai/v1/",
        api_key="unused",
        default_headers={"api-key": "azure-key"},
        max_retries=0,
    )
    keyed.responses.create(model="gpt-4.1", input="hi")
    keyed.chat.completions.create(model="gpt-4.1", messages=MESSAGES)
    token = openai.OpenAI(
        base_url=f"{server.url}/openai/v1/", api_key=lambda: "entra-token", max_retries=0
    )
    token.embeddings.create(model="text-embedding-3-large", input="x")
    keyed.close()
    token.close()
    return wires(server)


@program
def azure_stream_with_filter_chunk(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Azure's first chunk has no choices, only ``prompt_filter_results``; the usual loop guards
    ``if chunk.choices``."""
    first = {
        "id": "",
        "object": "",
        "created": 0,
        "model": "",
        "choices": [],
        "prompt_filter_results": [
            {"prompt_index": 0, "content_filter_results": {"hate": {"filtered": False}}}
        ],
    }
    chunks = [
        first,
        *(
            {
                "id": "chatcmpl-az",
                "object": "chat.completion.chunk",
                "created": 1,
                "model": "gpt-4o",
                "choices": [
                    {
                        "index": 0,
                        "delta": delta,
                        "finish_reason": finish,
                        "content_filter_results": {},
                    }
                ],
            }
            for delta, finish in (
                ({"role": "assistant", "content": ""}, None),
                ({"content": "Hi"}, None),
                ({"content": "!"}, None),
                ({}, "stop"),
            )
        ),
    ]
    server.reply(Reply.sse([f"data: {json.dumps(c)}\n\n" for c in chunks] + ["data: [DONE]\n\n"]))
    c = azure(openai, server)
    text = []
    filters = []
    for chunk in c.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True):
        if not chunk.choices:
            filters.append(chunk.model_extra)
            continue
        text.append(chunk.choices[0].delta.content or "")
        filters.append(chunk.choices[0].model_extra)
    c.close()
    return "".join(text), filters, wires(server)


@program
def tenant_clients_copied(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A SaaS backend keeps one base client and copies it per tenant (key, version, headers)."""
    server.default = Reply.dynamic(route)
    base = azure(openai, server, default_headers={"x-ms-useragent": "saas/1.0"})
    tenants = [
        base.with_options(api_key="tenant-a-key"),
        base.copy(default_headers={"x-tenant": "b"}),
        base.copy(api_version="2025-03-01-preview"),
        base.with_options(timeout=5.0, max_retries=0),
    ]
    for t in tenants:
        t.chat.completions.create(model="d", messages=MESSAGES)
    headers = [
        (r.headers.get("x-ms-useragent"), r.headers.get("x-tenant")) for r in server.requests
    ]
    described = [
        (type(t).__name__, t.api_key, str(t.base_url).replace(server.url, "<e>")) for t in tenants
    ]
    base.close()
    return wires(server), headers, described


@program
def azure_query_merging(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``api-version`` with ``default_query`` and a call's ``extra_query``."""
    server.default = Reply.dynamic(route)
    c = azure(openai, server, default_query={"trace": "1"})
    c.chat.completions.create(model="d", messages=MESSAGES, extra_query={"debug": "true"})
    c.embeddings.create(model="e", input="x", extra_query={"api-version": "2023-05-15"})
    c.close()
    return wires(server)


@program
def azure_raw_responses_headers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Reading Azure's rate-limit headers through ``with_raw_response``."""
    body = chat_completion({"role": "assistant", "content": "x"})
    server.reply(
        Reply.json(
            body,
            headers={
                "x-ratelimit-remaining-tokens": "9990",
                "x-ms-region": "Sweden Central",
                "apim-request-id": "apim-7",
                "x-request-id": "req-az",
            },
        )
    )
    c = azure(openai, server)
    raw = c.chat.completions.with_raw_response.create(model="d", messages=MESSAGES)
    completion = raw.parse()
    c.close()
    return (
        raw.headers.get("x-ms-region"),
        int(raw.headers["x-ratelimit-remaining-tokens"]),
        raw.request_id,
        completion._request_id,
        str(raw.http_request.url).replace(server.url, "<e>"),
        completion.choices[0].message.content,
    )


@async_program
async def async_entra_provider_and_deployment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(route)
    asked: list[int] = []

    async def token_provider() -> str:
        asked.append(1)
        return "async-entra"

    c = openai.AsyncAzureOpenAI(
        azure_endpoint=server.url,
        api_version=VERSION,
        azure_deployment="gpt-4o-prod",
        azure_ad_token_provider=token_provider,
        max_retries=0,
    )
    chat = await c.chat.completions.create(model="x", messages=MESSAGES)
    response = await c.responses.create(model="x", input="y")
    emb = await c.embeddings.create(model="x", input="y")
    await c.close()
    return (
        chat.choices[0].message.content,
        response.output_text,
        emb.data[0].embedding,
        len(asked),
        wires(server),
    )


@async_program
async def async_sync_token_provider(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An async client given a plain (sync) token function, as many apps do."""
    server.default = Reply.dynamic(route)
    c = openai.AsyncAzureOpenAI(
        azure_endpoint=server.url,
        api_version=VERSION,
        azure_ad_token_provider=lambda: "sync-token",
        max_retries=0,
    )
    images = await c.images.generate(model="dalle", prompt="p")
    await c.close()
    return images.data[0].url, wires(server)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
