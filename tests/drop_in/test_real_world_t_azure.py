"""Real-world sweep T, Azure and configuration from the environment: an app configured only by
``AZURE_OPENAI_*`` / ``OPENAI_API_VERSION`` variables, a client bound to one deployment reaching
resources that have no deployment in their path, token providers that fail or rotate, the
construction errors an app's start-up check reports, the 1.x module-level Azure settings, and an
OpenAI client configured by ``OPENAI_BASE_URL`` / ``OPENAI_ORG_ID`` / ``OPENAI_PROJECT_ID`` — run
unchanged against both packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import chat_completion
from .test_real_world_e_clients import environment

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]
EMBEDDING = {
    "object": "list",
    "data": [{"object": "embedding", "index": 0, "embedding": [0.25, 0.5]}],
    "model": "emb",
    "usage": {"prompt_tokens": 1, "total_tokens": 1},
}
FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 3,
    "created_at": 1,
    "filename": "a.jsonl",
    "purpose": "batch",
    "status": "processed",
}


def answer(request: RecordedRequest) -> Reply:
    """Whatever the path asks for, and who asked: the credential headers in the text."""
    if request.path.endswith("/embeddings"):
        return Reply.json(EMBEDDING)
    if "/files" in request.path:
        return Reply.json(FILE if request.method == "POST" else {"object": "list", "data": [FILE]})
    text = json.dumps(
        {
            "path": request.path,
            "query": sorted(request.query),
            "api-key": request.headers.get("api-key"),
            "authorization": request.headers.get("authorization"),
        }
    )
    return Reply.json(chat_completion({"role": "assistant", "content": text}))


def said(completion: Any) -> Any:
    return json.loads(completion.choices[0].message.content)


def outcome(code: Any) -> Any:
    """What happened; of an error its class (the wording of messages is each package's own)."""
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__, isinstance(error, ValueError))


# --- Azure from the environment ---------------------------------------------------------------------


@program
def azure_configured_by_environment_variables(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(answer)
    seen = []
    with environment(
        AZURE_OPENAI_API_KEY="env-azure-key",
        AZURE_OPENAI_ENDPOINT=server.url,
        OPENAI_API_VERSION="2024-10-21",
    ):
        azure = openai.AzureOpenAI(max_retries=0)
        seen.append(said(azure.chat.completions.create(model="gpt-4o-prod", messages=MESSAGES)))
        seen.append((azure.api_key, str(azure.base_url).replace(server.url, "<endpoint>")))
        azure.close()
    with environment(
        AZURE_OPENAI_AD_TOKEN="env-entra-token",
        AZURE_OPENAI_ENDPOINT=server.url + "/",
        OPENAI_API_VERSION="2025-01-01-preview",
    ):
        azure = openai.AzureOpenAI(max_retries=0)
        seen.append(said(azure.chat.completions.create(model="gpt-4o-prod", messages=MESSAGES)))
        azure.close()
    return seen


@program
def azure_start_up_checks(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """What the start-up check of an app reports for each misconfiguration."""
    attempts = [
        dict(api_key="k", azure_endpoint=server.url),
        dict(api_key="k", api_version="2024-10-21"),
        dict(api_version="2024-10-21", azure_endpoint=server.url),
        dict(api_key="k", api_version="v", azure_endpoint=server.url, base_url=server.url),
        dict(
            api_key="k",
            azure_ad_token="t",
            api_version="v",
            azure_endpoint=server.url,
        ),
    ]
    seen = []
    for kwargs in attempts:
        made = outcome(lambda kwargs=kwargs: openai.AzureOpenAI(**kwargs))
        seen.append(made[:2] if made[0] == "ok" else made)
        if made[0] == "ok":
            made[1].close()
    return seen


@program
def deployment_bound_client_across_resources(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A client made for one deployment reaches files and batches too: where each request goes."""
    server.default = Reply.dynamic(answer)
    azure = openai.AzureOpenAI(
        api_key="k",
        api_version="2024-10-21",
        azure_endpoint=server.url,
        azure_deployment="gpt-4o-prod",
        max_retries=0,
    )
    azure.chat.completions.create(model="ignored", messages=MESSAGES)
    azure.embeddings.create(model="ignored", input="x")
    azure.files.create(file=("a.jsonl", b"{}\n"), purpose="batch")
    azure.files.list()
    unbound = openai.AzureOpenAI(
        api_key="k", api_version="2024-10-21", azure_endpoint=server.url, max_retries=0
    )
    unbound.embeddings.create(model="emb-deploy", input=["a", "b"])
    unbound.files.list(purpose="batch")
    unbound.chat.completions.create(model="chat-deploy", messages=MESSAGES)
    azure.close()
    unbound.close()
    return [(r.method, r.path, sorted(r.query)) for r in server.requests]


@program
def token_provider_rotates_and_fails(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(answer)
    tokens = iter(["tok-1", "tok-2", "tok-3"])
    seen: list[Any] = []

    def rotating() -> str:
        return next(tokens)

    azure = openai.AzureOpenAI(
        azure_ad_token_provider=rotating,
        api_version="2024-10-21",
        azure_endpoint=server.url,
        max_retries=0,
    )
    for _ in range(3):
        seen.append(said(azure.chat.completions.create(model="d", messages=MESSAGES)))
    seen.append(outcome(lambda: azure.chat.completions.create(model="d", messages=MESSAGES)))

    def broken() -> Any:
        return None

    bad = openai.AzureOpenAI(
        azure_ad_token_provider=broken,
        api_version="2024-10-21",
        azure_endpoint=server.url,
        max_retries=0,
    )
    seen.append(outcome(lambda: bad.chat.completions.create(model="d", messages=MESSAGES)))
    azure.close()
    bad.close()
    return seen, len(server.requests)


@program
def azure_copies_and_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.dynamic(answer)
    azure = openai.AzureOpenAI(
        api_key="key-1",
        api_version="2024-10-21",
        azure_endpoint=server.url,
        max_retries=0,
        default_headers={"x-ms-client-request-id": "abc"},
    )
    seen = [
        said(
            azure.with_options(api_key="key-2").chat.completions.create(
                model="d", messages=MESSAGES
            )
        ),
        said(
            azure.copy(azure_ad_token="tok").chat.completions.create(model="d", messages=MESSAGES)
        ),
        said(
            azure.chat.completions.create(
                model="d", messages=MESSAGES, extra_query={"api-version": "2099-01-01"}
            )
        ),
        said(
            azure.chat.completions.create(
                model="d", messages=MESSAGES, extra_headers={"api-key": "per-call"}
            )
        ),
        type(azure).__name__,
        isinstance(azure, openai.OpenAI),
        server.requests[0].headers.get("x-ms-client-request-id"),
    ]
    azure.close()
    return seen


@program
def azure_errors_read_by_the_app(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Azure's content filter and deployment errors, as the app reads them."""
    server.reply(
        Reply.json(
            {
                "error": {
                    "message": "The response was filtered due to the prompt triggering Azure "
                    "OpenAI's content management policy.",
                    "type": None,
                    "param": "prompt",
                    "code": "content_filter",
                    "status": 400,
                    "innererror": {
                        "code": "ResponsibleAIPolicyViolation",
                        "content_filter_result": {"hate": {"filtered": True, "severity": "high"}},
                    },
                }
            },
            status=400,
            headers={"apim-request-id": "apim-1", "x-ms-region": "East US"},
        ),
        Reply.json(
            {
                "error": {
                    "code": "DeploymentNotFound",
                    "message": "The API deployment for this resource does not exist.",
                }
            },
            status=404,
        ),
        Reply.json(
            {"statusCode": 401, "message": "Access denied due to invalid subscription key."},
            status=401,
        ),
    )
    azure = openai.AzureOpenAI(
        api_key="k", api_version="2024-10-21", azure_endpoint=server.url, max_retries=0
    )
    seen = []
    for _ in range(3):
        try:
            azure.chat.completions.create(model="d", messages=MESSAGES)
        except openai.APIStatusError as e:
            inner = e.body.get("innererror") if isinstance(e.body, dict) else None
            seen.append(
                (
                    type(e).__name__,
                    e.code,
                    e.param,
                    e.type,
                    e.message,
                    inner,
                    e.response.headers.get("apim-request-id"),
                    e.request_id,
                )
            )
    azure.close()
    return seen


# --- OpenAI from the environment --------------------------------------------------------------------


@program
def openai_configured_by_environment_variables(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(answer)
    with environment(
        OPENAI_API_KEY="sk-env",
        OPENAI_BASE_URL=server.url + "/v1",
        OPENAI_ORG_ID="org-env",
        OPENAI_PROJECT_ID="proj_env",
    ):
        c = openai.OpenAI(max_retries=0)
        said(c.chat.completions.create(model="m", messages=MESSAGES))
        explicit = openai.OpenAI(max_retries=0, organization="org-arg", project=None)
        said(explicit.chat.completions.create(model="m", messages=MESSAGES))
        described = (
            c.api_key,
            str(c.base_url).replace(server.url, "<url>"),
            c.organization,
            c.project,
            explicit.organization,
            explicit.project,
        )
        c.close()
        explicit.close()
    return described, [
        {k: v for k, v in r.headers.items() if k.startswith("openai-") or k == "authorization"}
        for r in server.requests
    ]


@async_program
async def async_azure_from_the_environment_and_token(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(answer)
    asked: list[int] = []

    async def provider() -> str:
        asked.append(1)
        return f"async-tok-{len(asked)}"

    with environment(AZURE_OPENAI_ENDPOINT=server.url, OPENAI_API_VERSION="2024-10-21"):
        azure = openai.AsyncAzureOpenAI(
            azure_ad_token_provider=provider, azure_deployment="dep", max_retries=0
        )
        first = await azure.chat.completions.create(model="x", messages=MESSAGES)
        second = await azure.embeddings.create(model="x", input="y")
        await azure.close()
    return said(first), second.data[0].embedding, len(asked) >= 2


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
