"""Real-world sweep E, async clients other than the default: ``DefaultAioHttpClient`` meeting a
stalled server and a retried 503 (a refused or dropped connection: test_runtime_fidelity.py), ``AsyncAzureOpenAI`` built from the
environment (deployments, a sync token provider called per request, ``with_options``) and the
Azure v1 endpoint reached with a plain ``AsyncOpenAI``, and ``async for`` over an unpaged list —
run unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, registry
from .test_real_world_apps import chat_completion, output_message, response_object, wire
from .test_real_world_e_async import echo_chat

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Variables set for one program (the test's fixture clears the OPENAI_* ones around it)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@async_program
async def aiohttp_timeout_then_retried_503(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    overloaded = Reply.json(
        {"error": {"message": "busy", "type": "server_error", "code": None}},
        status=503,
        headers={"retry-after-ms": "10"},
    )
    server.reply(Reply.after(2.0, Reply.dynamic(echo_chat)), overloaded, Reply.dynamic(echo_chat))
    outcomes: list[Any] = []
    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        http_client=openai.DefaultAioHttpClient(),
        max_retries=0,
        timeout=0.4,
    ) as aio:
        try:
            await aio.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "slow"}]
            )
            outcomes.append("finished")
        except openai.APIError as exc:
            outcomes.append((type(exc).__name__, isinstance(exc, openai.APIConnectionError)))
        retried = await aio.with_options(max_retries=1, timeout=5).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "retried"}]
        )
        outcomes.append(retried.choices[0].message.content)
    return outcomes, [r.path for r in server.requests]


@async_program
async def azure_client_from_the_environment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(echo_chat)
    issued: list[str] = []

    def token_provider() -> str:  # azure.identity's get_bearer_token_provider is sync
        issued.append(f"tok-{len(issued) + 1}")
        return issued[-1]

    with environment(AZURE_OPENAI_ENDPOINT=server.url, OPENAI_API_VERSION="2025-01-01-preview"):
        azure = openai.AsyncAzureOpenAI(
            azure_ad_token_provider=token_provider, azure_deployment="chat-prod", max_retries=0
        )
    async with azure:
        first = await azure.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "one"}]
        )
        second = await azure.with_options(timeout=9).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "two"}]
        )
    answers = first.choices[0].message.content, second.choices[0].message.content
    return answers, issued, [wire(r)[:4] for r in server.requests]


@async_program
async def azure_v1_endpoint_with_async_openai(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json(response_object([output_message("from azure v1")])))
    async with openai.AsyncOpenAI(
        api_key="azure-key", base_url=server.url + "/openai/v1/", max_retries=0
    ) as azure:
        response = await azure.responses.create(model="gpt-4.1-deployment", input="hello")
    return response.output_text, [wire(r) for r in server.requests]


@async_program
async def async_for_over_an_unpaged_list(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    models = [
        {"id": name, "object": "model", "created": 1700000000, "owned_by": "openai"}
        for name in ("gpt-4o", "gpt-4o-mini", "o3")
    ]
    server.default = Reply.json({"object": "list", "data": models})
    names = [m.id async for m in client.models.list()]
    page = await client.models.list()
    return (
        names,
        page.has_next_page(),
        [m.owned_by for m in page.data],
        [(r.path, sorted(r.query)) for r in server.requests],
    )


@async_program
async def chat_create_with_extra_options(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.json(chat_completion({"role": "assistant", "content": "ok"}))
    done = await client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "hi"}],
        extra_headers={"X-Trace": "t-1"},
        extra_query={"debug": "1"},
        extra_body={"metadata": {"run": "7"}},
        timeout=12.5,
    )
    return done.choices[0].message.content, [wire(r) for r in server.requests]


@async_program
async def async_azure_paths_across_resources(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Which calls go to /openai/deployments/{model}/... and which to /openai/...: each call
    answered with an empty list (the calls whose answer that is not fail the same way)."""
    server.default = Reply.json({"object": "list", "data": [], "has_more": False})
    outcomes: list[Any] = []
    async with openai.AsyncAzureOpenAI(
        azure_endpoint=server.url + "/",
        api_key="azure-key",
        api_version="2024-10-21",
        max_retries=0,
    ) as azure:
        calls = [
            lambda: azure.files.list(),
            lambda: azure.models.list(),
            lambda: azure.batches.list(),
            lambda: azure.images.generate(model="dall-e-3", prompt="a cat"),
            lambda: azure.audio.transcriptions.create(
                model="whisper", file=("a.wav", b"RIFF", "audio/wav")
            ),
            lambda: azure.embeddings.create(model="embedder", input="x"),
            lambda: azure.completions.create(model="instruct", prompt="x"),
            lambda: azure.responses.create(model="gpt-4.1", input="x"),
            lambda: azure.vector_stores.list(),
        ]
        for call in calls:
            try:
                await call()
                outcomes.append("ok")
            except Exception as exc:
                outcomes.append(type(exc).__name__)
        outcomes.append(str(azure.with_options(timeout=3).base_url) == str(azure.base_url))
    sent = [(r.method, r.path, sorted(r.query), r.headers.get("api-key")) for r in server.requests]
    return outcomes, sent


# --- runners ---------------------------------------------------------------------------------------


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
