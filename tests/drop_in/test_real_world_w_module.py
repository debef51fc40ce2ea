"""Real-world sweep W, the module-level client as scripts and notebooks use it:
``openai.api_key = ...; openai.chat.completions.create(...)``, ``openai.base_url`` /
``openai.default_headers`` / ``openai.max_retries`` / ``openai.timeout`` set at the top of a
script (and changed halfway), the settings read back, configuration only from
``OPENAI_API_KEY`` / ``OPENAI_BASE_URL`` / ``OPENAI_ORG_ID`` / ``OPENAI_PROJECT_ID``, an Azure
module client from ``api_type`` and the ``AZURE_OPENAI_*`` variables, streams, pages, raw
responses and errors through the module — programs written for the official SDK, run unchanged
against both packages over the scripted loopback server, each with the packages' module settings
as a fresh interpreter has them (restored after).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import time
from types import ModuleType
from typing import Any

import httpx2

from tests.support.module_clients import module_settings_as_found
from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import run_both
from .programs import Program, observed_the_same, registry
from .test_real_world_apps import chat_completion
from .test_real_world_c_pages import cursor_pages, file_object
from .test_real_world_e_clients import environment

PROGRAMS, _, register, _ = registry()

MESSAGES = [{"role": "user", "content": "Say hi"}]
EMBEDDING = {
    "object": "list",
    "data": [{"object": "embedding", "index": 0, "embedding": [0.5]}],
    "model": "e",
    "usage": {"prompt_tokens": 1, "total_tokens": 1},
}
HEADERS = ("authorization", "openai-organization", "openai-project", "x-app")


def program(code: Program) -> Program:
    """A program run with the module settings of a fresh interpreter (see
    `module_settings_as_found`)."""

    @functools.wraps(code)
    def fresh(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
        with module_settings_as_found():
            return code(openai, client, server)

    return register(fresh)


def echo(request: RecordedRequest) -> Reply:
    """A chat completion whose text says where the request went and with which credentials."""
    text = json.dumps(
        {
            "path": request.path,
            "query": request.query_dict,
            **{name: request.headers.get(name) for name in HEADERS},
        }
    )
    return Reply.json(chat_completion({"role": "assistant", "content": text}))


def said(completion: Any) -> Any:
    return json.loads(completion.choices[0].message.content)


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:
        # the SDK's ambiguity error is private (`_AmbiguousModuleClientUsageError`), ours not
        return ("raised", type(error).__name__.lstrip("_"), isinstance(error, TypeError))


@program
def readme_module_client(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The 0.x-to-1.x migration snippet: settings on the module, then calls on it."""
    server.default = Reply.dynamic(echo)
    openai.api_key = "sk-module"
    openai.base_url = server.url + "/v1/"
    openai.max_retries = 0
    completion = openai.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    return said(completion), completion.choices[0].finish_reason, openai.api_key


@program
def settings_changed_halfway(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A notebook changes key, headers, organization and timeout between cells."""
    server.default = Reply.dynamic(echo)
    openai.api_key = "sk-cell-1"
    openai.base_url = server.url + "/v1/"
    openai.max_retries = 0
    openai.default_headers = {"X-App": "notebook"}
    first = said(openai.chat.completions.create(model="m", messages=MESSAGES))
    openai.api_key = "sk-cell-2"
    openai.organization = "org-cell"
    openai.project = "proj_cell"
    openai.timeout = 12.0
    second = said(openai.chat.completions.create(model="m", messages=MESSAGES))
    openai.default_headers = {}
    openai.organization = None
    third = said(openai.chat.completions.create(model="m", messages=MESSAGES))
    return first, second, third


@program
def configured_only_by_the_environment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A container sets the variables; the script never touches the module settings, then
    prints them for its start-up log."""
    server.default = Reply.dynamic(echo)
    with environment(
        OPENAI_API_KEY="sk-from-env",
        OPENAI_BASE_URL=server.url + "/v1",
        OPENAI_ORG_ID="org-env",
        OPENAI_PROJECT_ID="proj_env",
    ):
        openai.max_retries = 0
        first = said(openai.chat.completions.create(model="m", messages=MESSAGES))
        settings = (openai.api_key, openai.organization, openai.project, openai.base_url)
    return first, settings, openai.api_type


@program
def environment_changed_after_first_use(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A test suite swaps OPENAI_API_KEY between tests without resetting the module client."""
    server.default = Reply.dynamic(echo)
    openai.base_url = server.url + "/v1/"
    openai.max_retries = 0
    seen = []
    with environment(OPENAI_API_KEY="sk-first-env"):
        seen.append(said(openai.chat.completions.create(model="m", messages=MESSAGES)))
    with environment(OPENAI_API_KEY="sk-second-env"):
        seen.append(said(openai.chat.completions.create(model="m", messages=MESSAGES)))
    seen.append(openai.api_key)
    return seen


@program
def module_key_does_not_configure_a_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A common mistake: ``openai.api_key`` set, then ``OpenAI()`` built — which reads only its
    arguments and the environment."""
    openai.api_key = "sk-module-only"
    made = outcome(lambda: openai.OpenAI(base_url=server.url + "/v1"))
    with environment(OPENAI_API_KEY="sk-env-too"):
        built = openai.OpenAI(base_url=server.url + "/v1")
        key = built.api_key
        built.close()
    return made, key


@program
def no_key_anywhere(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """What the module client does when neither the module nor the environment has a key."""
    server.default = Reply.dynamic(echo)
    openai.base_url = server.url + "/v1/"
    openai.max_retries = 0
    result = outcome(lambda: said(openai.chat.completions.create(model="m", messages=MESSAGES)))
    return result, len(server.requests), openai.api_key


@program
def module_streams_pages_and_raw(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chunk = {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "hey"}, "finish_reason": None}],
    }
    openai.api_key = "sk-mod"
    openai.base_url = server.url + "/v1/"
    openai.max_retries = 0
    server.reply(Reply.sse([f"data: {json.dumps(chunk)}\n\n", "data: [DONE]\n\n"]))
    text = [
        c.choices[0].delta.content
        for c in openai.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    ]
    server.default = cursor_pages([file_object(n) for n in range(1, 4)])
    ids = [f.id for f in openai.files.list(limit=2)]
    server.default = Reply.dynamic(echo)
    raw = openai.chat.completions.with_raw_response.create(model="m", messages=MESSAGES)
    return (
        text,
        ids,
        raw.status_code,
        said(raw.parse())["path"],
        [(r.path, sorted(r.query)) for r in server.requests],
    )


@program
def module_retries_and_errors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``openai.max_retries = 1``: one 500 retried, then a 401 reported."""
    openai.api_key = "sk-mod"
    openai.base_url = server.url + "/v1/"
    openai.max_retries = 1
    error = {"error": {"message": "bad", "type": "server_error", "code": None}}
    server.reply(
        Reply.json(error, 500, headers={"retry-after-ms": "1"}),
        Reply.dynamic(echo),
        Reply.json({"error": {"message": "no", "type": "invalid_request_error"}}, 401),
    )
    first = said(openai.chat.completions.create(model="m", messages=MESSAGES))
    try:
        openai.chat.completions.create(model="m", messages=MESSAGES)
        second: Any = None
    except openai.AuthenticationError as e:
        second = (type(e).__name__, e.status_code, e.type)
    return first["path"], second, len(server.requests)


@program
def module_http_client_with_hooks(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A proxy-aware ``httpx2.Client`` with an event hook set as ``openai.http_client``."""
    server.default = Reply.dynamic(echo)
    hooked: list[str] = []
    http = httpx2.Client(event_hooks={"request": [lambda r: hooked.append(r.url.path)]})
    openai.http_client = http
    openai.api_key = "sk-mod"
    openai.base_url = server.url + "/v1/"
    openai.max_retries = 0
    openai.default_query = {"tenant": "t1"}
    first = said(openai.chat.completions.create(model="m", messages=MESSAGES))
    raw = openai.embeddings.with_raw_response.create(model="e", input="x")
    http.close()
    return first, hooked, raw.http_request.url.params.get("tenant"), openai.http_client is http


@program
def module_azure_from_settings(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The 1.x Azure migration snippet: ``api_type`` and friends on the module."""
    server.default = Reply.dynamic(echo)
    openai.api_type = "azure"
    openai.azure_endpoint = server.url
    openai.api_version = "2024-10-21"
    openai.api_key = "azure-key"
    openai.max_retries = 0
    completions = openai.chat.completions
    first = said(completions.create(model="gpt-4o-deploy", messages=MESSAGES))
    openai.api_key = "azure-key-rotated"
    said(completions.create(model="gpt-4o-deploy", messages=MESSAGES))
    return first, [r.headers.get("api-key") for r in server.requests], openai.api_type


@program
def module_azure_from_the_environment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An App Service sets ``AZURE_OPENAI_*``; the module client turns Azure by itself."""
    server.default = Reply.dynamic(echo)
    with environment(
        AZURE_OPENAI_API_KEY="env-azure",
        AZURE_OPENAI_ENDPOINT=server.url,
        OPENAI_API_VERSION="2025-01-01-preview",
    ):
        openai.max_retries = 0
        first = said(openai.chat.completions.create(model="dep", messages=MESSAGES))
        settings = (openai.api_type, openai.api_version, openai.azure_endpoint == server.url)
    return first, [r.headers.get("api-key") for r in server.requests], settings


@program
def module_azure_with_an_entra_token(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A notebook on the Azure module client with a token provider, adding a header later; and
    what ``openai.api_key`` shows meanwhile."""
    server.default = Reply.dynamic(echo)
    openai.api_type = "azure"
    openai.azure_endpoint = server.url
    openai.api_version = "2024-10-21"
    openai.azure_ad_token_provider = lambda: "entra-token"
    openai.max_retries = 0
    first = said(openai.chat.completions.create(model="dep", messages=MESSAGES))
    shown = openai.api_key
    openai.default_headers = {"X-App": "notebook"}
    second = said(openai.chat.completions.create(model="dep", messages=MESSAGES))
    return first, shown, second


@program
def suite_fixture_resets_the_module_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An app's pytest fixture points the module client at a fake server per test, calling the
    SDK's ``openai._reset_client()`` in between (the client is otherwise kept)."""
    server.default = Reply.dynamic(echo)
    seen = []
    for test_key in ("sk-test-1", "sk-test-2"):
        openai._reset_client()
        openai.api_key = test_key
        openai.base_url = server.url + f"/{test_key}/"
        openai.max_retries = 0
        seen.append(said(openai.chat.completions.create(model="m", messages=MESSAGES)))
        seen.append(type(openai._load_client()).__mro__[1].__name__)
    openai._reset_client()
    return seen


@program
def resources_taken_before_the_settings(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A helper module keeps ``openai.chat.completions`` and ``openai.files`` from import time;
    ``main()`` then sets the key, URL and headers (and changes them later): calls, pages and
    streams through the kept resources use the settings of their time."""
    completions = openai.chat.completions
    files = openai.files
    create = openai.embeddings.create
    server.default = Reply.dynamic(echo)
    openai.api_key = "sk-main"
    openai.base_url = server.url + "/v1/"
    openai.max_retries = 0
    first = said(completions.create(model="m", messages=MESSAGES))
    openai.default_headers = {"X-App": "late"}
    openai.organization = "org-late"
    second = said(completions.with_raw_response.create(model="m", messages=MESSAGES).parse())
    server.default = Reply.json(EMBEDDING)
    vector = create(model="e", input="x").data[0].embedding
    server.default = cursor_pages([file_object(n) for n in range(1, 4)])
    openai.api_key = "sk-rotated"
    ids = [f.id for f in files.list(limit=2)]
    return first, second, vector, ids, [r.headers.get("authorization") for r in server.requests]


@program
def ambiguous_credentials(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Both ``OPENAI_API_KEY`` and ``AZURE_OPENAI_API_KEY`` set: the module refuses to guess."""
    with environment(OPENAI_API_KEY="sk-x", AZURE_OPENAI_API_KEY="az-x"):
        result = outcome(lambda: openai.models.list())
        openai.api_type = "openai"
        openai.base_url = server.url + "/v1/"
        openai.max_retries = 0
        server.reply(Reply.json({"object": "list", "data": []}))
        after = outcome(lambda: list(openai.models.list()))
    return result, after, [r.headers.get("authorization") for r in server.requests]


@program
def headers_added_after_the_first_call(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A notebook adds a header and a query parameter in place once the first cell has run, and
    prints what the module holds."""
    server.default = Reply.dynamic(echo)
    with environment(OPENAI_API_KEY="sk-env", OPENAI_WEBHOOK_SECRET="whsec_x"):
        openai.base_url = server.url + "/v1/"
        openai.max_retries = 0
        first = said(openai.chat.completions.create(model="m", messages=MESSAGES))
        held = (openai.default_headers, openai.default_query, openai.webhook_secret)
        openai.default_headers["X-App"] = "cell-2"
        openai.default_query["trace"] = "on"
        second = said(openai.chat.completions.create(model="m", messages=MESSAGES))
    return first, held, second


def signed(body: str, secret: str, msg_id: str = "wh_1") -> dict[str, str]:
    timestamp = str(int(time.time()))
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{msg_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }


@program
def webhook_receiver_with_only_a_secret(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A webhook endpoint that never calls the API: only ``openai.webhook_secret`` is set."""
    secret = "whsec_" + base64.b64encode(b"k" * 32).decode()
    openai.webhook_secret = secret
    body = json.dumps(
        {
            "id": "evt_1",
            "type": "response.completed",
            "created_at": 1,
            "object": "event",
            "data": {"id": "resp_1"},
        }
    )
    event = openai.webhooks.unwrap(body, signed(body, secret))
    tampered = outcome(lambda: openai.webhooks.verify_signature(body + " ", signed(body, secret)))
    after = (openai.api_key, openai.webhook_secret == secret, len(server.requests))
    server.default = Reply.dynamic(echo)
    openai.base_url = server.url + "/v1/"
    openai.max_retries = 0
    call = outcome(lambda: openai.models.retrieve("gpt-4o"))
    with_header = said(
        openai.chat.completions.create(
            model="m", messages=MESSAGES, extra_headers={"Authorization": "Bearer gateway"}
        )
    )
    return type(event).__name__, event.data.id, tampered, after, call, with_header


test_program_observes_the_same = observed_the_same(PROGRAMS, with_client=False)


def test_module_base_url_without_its_trailing_slash(server: ScriptedServer) -> None:
    """Deliberate difference: ``openai.base_url = ".../v1"`` (no trailing slash). The official
    SDK's module client joins each path straight onto it (``/v1chat/completions``, a path no
    server has), unlike its own ``OpenAI(base_url=".../v1")``, which adds the slash; typed_openai's
    module client is that client, so its calls go to ``/v1/chat/completions``."""

    def sent_to(openai: ModuleType) -> Any:
        with module_settings_as_found():
            server.requests.clear()
            server.default = Reply.dynamic(echo)
            openai.api_key = "sk-module"
            openai.base_url = server.url + "/v1"
            openai.max_retries = 0
            return said(openai.chat.completions.create(model="m", messages=MESSAGES))["path"]

    ours, theirs = run_both(sent_to)
    assert (ours, theirs) == ("/v1/chat/completions", "/v1chat/completions")
