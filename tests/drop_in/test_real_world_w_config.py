"""Real-world sweep W, clients configured by the environment of a deployment: gateway headers in
``OPENAI_CUSTOM_HEADERS`` (``Name: value`` lines) under the headers the code passes, read by
``OpenAI()``, ``AsyncOpenAI()``, ``AzureOpenAI()``, their copies and the module-level client —
programs written for the official SDK, run unchanged against both packages over the scripted
loopback server.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from tests.support.module_clients import module_settings_as_found
from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion
from .test_real_world_e_clients import environment

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]
GATEWAY = "X-Gateway-Route: team-a\nX-Cost-Center:  1234 \nnot a header\nAuthorization: Bearer gw"


def echo(request: RecordedRequest) -> Reply:
    """A completion whose text lists the headers a gateway reads."""
    seen = {
        name: value
        for name, value in request.headers.items()
        if name in ("authorization", "api-key", "x-gateway-route", "x-cost-center", "x-team")
    }
    return Reply.json(chat_completion({"role": "assistant", "content": json.dumps(seen)}))


def said(completion: Any) -> Any:
    return json.loads(completion.choices[0].message.content)


def shown(client: Any) -> dict[str, Any]:
    """The client's ``default_headers`` a gateway set-up check prints (identity headers aside)."""
    return {
        k: v
        for k, v in client.default_headers.items()
        if k.lower() in ("authorization", "x-gateway-route", "x-cost-center", "x-team")
    }


@program
def gateway_headers_from_the_environment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A platform team injects the gateway's headers; the app passes its own team header and,
    in one client, its own Authorization."""
    server.default = Reply.dynamic(echo)
    with environment(OPENAI_CUSTOM_HEADERS=GATEWAY):
        plain = openai.OpenAI(api_key="sk-app", base_url=server.url + "/v1", max_retries=0)
        own = openai.OpenAI(
            api_key="sk-app",
            base_url=server.url + "/v1",
            max_retries=0,
            default_headers={"x-cost-center": "999", "Authorization": "Bearer mine"},
        )
        seen = [
            said(plain.chat.completions.create(model="m", messages=MESSAGES)),
            said(own.chat.completions.create(model="m", messages=MESSAGES)),
            said(
                plain.chat.completions.create(
                    model="m", messages=MESSAGES, extra_headers={"X-Gateway-Route": "team-b"}
                )
            ),
            shown(plain),
            shown(own),
        ]
        plain.close()
        own.close()
    return seen


@program
def copies_and_azure_clients_keep_them(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(echo)
    with environment(OPENAI_CUSTOM_HEADERS="X-Gateway-Route: team-a"):
        base = openai.OpenAI(api_key="sk-app", base_url=server.url + "/v1", max_retries=0)
        azure = openai.AzureOpenAI(
            api_key="az", azure_endpoint=server.url, api_version="2024-10-21", max_retries=0
        )
    # built before the variable went away: copies keep what their client had
    copies = [
        base.with_options(timeout=3),
        base.copy(default_headers={"x-team": "t"}),
        base.copy(set_default_headers={"x-team": "only"}),
        azure.with_options(api_key="az-2"),
    ]
    seen = [said(c.chat.completions.create(model="m", messages=MESSAGES)) for c in copies]
    seen.append(said(azure.chat.completions.create(model="m", messages=MESSAGES)))
    base.close()
    azure.close()
    return seen


@program
def module_client_behind_a_gateway(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A script on the module client: the gateway's Authorization is all it sends."""
    server.default = Reply.dynamic(echo)
    with module_settings_as_found(), environment(OPENAI_CUSTOM_HEADERS=GATEWAY):
        openai.base_url = server.url + "/v1/"
        openai.max_retries = 0
        first = said(openai.chat.completions.create(model="m", messages=MESSAGES))
        held = dict(openai.default_headers)
        openai.api_key = "sk-late"
        second = said(openai.chat.completions.create(model="m", messages=MESSAGES))
    return first, held, second


@async_program
async def async_client_from_the_environment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(echo)
    with environment(OPENAI_CUSTOM_HEADERS=GATEWAY, OPENAI_API_KEY="sk-env"):
        c = openai.AsyncOpenAI(base_url=server.url + "/v1", max_retries=0)
    completion = await c.chat.completions.create(model="m", messages=MESSAGES)
    await c.close()
    return said(completion), shown(c)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
