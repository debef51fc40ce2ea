"""Real-world sweep 2A, observability and routing layers: hooks added to the client's own
httpx client after it was built (``client._client.event_hooks``), a rate-limit monitor reading
the raw answer's headers, gateways in front of the API (a base URL with a path and a query,
headers naming the provider), a factory choosing between ``OpenAI`` and ``AzureOpenAI`` and code
telling them apart — programs written for the official SDK, run unchanged against both packages
over the loopback server.
"""

from __future__ import annotations

import datetime
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

ASK = [{"role": "user", "content": "hi"}]
LIMITS = {
    "x-ratelimit-limit-requests": "500",
    "x-ratelimit-remaining-requests": "499",
    "x-ratelimit-reset-requests": "120ms",
    "x-ratelimit-limit-tokens": "30000",
    "x-ratelimit-remaining-tokens": "29980",
    "x-ratelimit-reset-tokens": "40ms",
    "openai-processing-ms": "321",
    "openai-version": "2020-10-01",
    "x-request-id": "req_limits",
}
ANSWER = Reply.json(chat_completion({"role": "assistant", "content": "fine"}), headers=LIMITS)


@program
def hooks_added_to_the_clients_own_http_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The StackOverflow answer for logging every request: append to the event hooks of the
    client's internal httpx client after building it; copies share that client."""
    logged: list[Any] = []
    hooks = client._client.event_hooks
    hooks["request"].append(lambda request: logged.append(("->", request.method, request.url.path)))
    hooks["response"].append(lambda response: logged.append(("<-", response.status_code)))
    server.default = ANSWER
    client.chat.completions.create(model="gpt-4o", messages=ASK)
    client.with_options(timeout=4).chat.completions.create(model="gpt-4o", messages=ASK)
    return logged, client.with_options(timeout=4)._client is client._client


@program
def rate_limit_monitor_reads_raw_headers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A monitor calling through ``with_raw_response`` to record the rate-limit headers, the
    processing time and the request id next to the parsed answer."""
    server.default = ANSWER
    raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=ASK)
    limits = {k: v for k, v in raw.headers.items() if k.startswith("x-ratelimit-")}
    completion = raw.parse()
    return (
        limits,
        int(raw.headers["openai-processing-ms"]),
        raw.headers.get("OpenAI-Version"),
        raw.request_id,
        completion._request_id,
        isinstance(raw.elapsed, datetime.timedelta),
        raw.status_code,
        raw.http_response.headers.get_list("x-request-id"),
        dict(raw.headers)["content-type"],
    )


@program
def gateways_in_front_of_the_api(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Portkey / Helicone / Cloudflare AI Gateway set-ups: a base URL with a path of its own (one
    with a default query), the provider named in default headers, one header dropped per call."""
    gateways = [
        (server.url + "/v1/acct/gw/openai", {"cf-aig-authorization": "Bearer gw"}),
        (server.url + "/proxy/v1/", {"Helicone-Auth": "Bearer h", "Helicone-Cache-Enabled": "1"}),
        (server.url + "/openai/v1", {"x-portkey-provider": "azure-openai"}),
    ]
    server.default = ANSWER
    seen = []
    for base_url, headers in gateways:
        server.requests.clear()
        with openai.OpenAI(
            api_key=API_KEY,
            base_url=base_url,
            default_headers=headers,
            default_query={"api-version": "preview"} if "/openai/" in base_url else None,
            max_retries=0,
        ) as gateway:
            gateway.chat.completions.create(model="gpt-4o", messages=ASK)
            gateway.models.with_raw_response.list(
                extra_headers={next(iter(headers)): openai.Omit()}
            )
            seen.append((str(gateway.base_url), [wire(r) for r in server.requests]))
    return seen


@program
def client_factory_for_openai_or_azure(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An app building either client from settings and telling them apart later
    (``isinstance``), the Azure one with a token provider it counts the calls of."""
    calls: list[int] = []

    def token() -> str:
        calls.append(1)
        return f"entra-{len(calls)}"

    def make(provider: str) -> Any:
        if provider == "azure":
            return openai.AzureOpenAI(
                azure_endpoint=server.url,
                api_version="2024-10-21",
                azure_ad_token_provider=token,
                azure_deployment="gpt4o-prod",
                max_retries=0,
            )
        return openai.OpenAI(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0)

    server.default = ANSWER
    seen = []
    for provider in ("openai", "azure"):
        server.requests.clear()
        made = make(provider)
        made.chat.completions.create(model="gpt-4o", messages=ASK)
        made.with_options(timeout=3).chat.completions.create(model="gpt-4o", messages=ASK)
        seen.append(
            (
                type(made).__name__,
                isinstance(made, openai.OpenAI),
                isinstance(made, openai.AzureOpenAI),
                issubclass(type(made), openai.OpenAI),
                str(made.base_url).replace(server.url, ""),
                [
                    (r.path, r.query, r.headers.get("authorization"), r.headers.get("api-key"))
                    for r in server.requests
                ],
            )
        )
        made.close()
    return seen, len(calls)


test_program_observes_the_same = observed_the_same(PROGRAMS)


@async_program
async def async_hooks_on_the_clients_own_http_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    logged: list[Any] = []

    async def on_response(response: Any) -> None:
        logged.append((response.status_code, response.headers.get("x-request-id")))

    client._client.event_hooks["response"].append(on_response)
    server.default = ANSWER
    await client.chat.completions.create(model="gpt-4o", messages=ASK)
    raw = await client.chat.completions.with_raw_response.create(model="gpt-4o", messages=ASK)
    return logged, raw.headers.get("x-ratelimit-remaining-tokens")


@async_program
async def async_azure_with_an_async_token_provider(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``AsyncAzureOpenAI`` with a coroutine token provider (azure-identity's aio
    ``get_bearer_token_provider``): awaited per request."""
    calls: list[int] = []

    async def token() -> str:
        calls.append(1)
        return f"aio-{len(calls)}"

    server.reply(
        ANSWER,
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [0.5]}],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        ),
    )
    async with openai.AsyncAzureOpenAI(
        azure_endpoint=server.url + "/",
        api_version="2024-10-21",
        azure_ad_token_provider=token,
        max_retries=0,
    ) as azure:
        await azure.chat.completions.create(model="dep-1", messages=ASK)
        await azure.embeddings.create(model="dep-emb", input="x", encoding_format="float")
    return [(r.path, r.query, r.headers.get("authorization")) for r in server.requests]


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
