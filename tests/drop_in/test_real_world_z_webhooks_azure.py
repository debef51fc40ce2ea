"""Real-world sweep Z, webhook receivers and Azure clients in the shapes the other sweeps did not
try: a receiver during a secret rotation (two signatures in one header, the new secret passed per
call), header objects of several frameworks and casings, every way a delivery is refused told
apart by exception class, an event newer than the handler; Azure clients whose token provider
misbehaves, per-call header and query overrides of the credentials and ``api-version``, copies and
``with_options`` of a deployment client, and the non-chat endpoints (audio, image edits, client
secrets, batches) of a key and a deployment client — programs written for the official SDK, run
unchanged against both packages over the loopback server. Error messages are the packages' own
prose; what is compared is what a program branches on (class, ``isinstance``, attributes).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from types import ModuleType
from typing import Any

import httpx2

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

OLD_KEY = b"the-old-signing-key"
NEW_KEY = b"the-new-signing-key"


def whsec(key: bytes) -> str:
    return "whsec_" + base64.b64encode(key).decode()


def signature(key: bytes, body: str, at: int, webhook_id: str = "wh_1") -> str:
    signed = f"{webhook_id}.{at}.{body}".encode()
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def delivery(body: str, *keys: bytes, at: int | None = None) -> dict[str, str]:
    """The headers of a delivery signed with each of ``keys`` (space-separated, as during a
    secret rotation)."""
    at = int(time.time()) if at is None else at
    return {
        "webhook-id": "wh_1",
        "webhook-timestamp": str(at),
        "webhook-signature": " ".join(signature(key, body, at) for key in keys),
    }


def event_body(kind: str, data: dict[str, Any], **extra: Any) -> str:
    return json.dumps(
        {"id": "evt_1", "object": "event", "created_at": 1733000000, "type": kind, "data": data}
        | extra
    )


def kind_of(code: Any) -> Any:
    """What a receiver branches on: the result, or the class of what was raised and whether an
    ``except ValueError`` (the frameworks' 400 handler) catches it."""
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__, isinstance(error, ValueError))


# --- webhooks ---------------------------------------------------------------------------------------


@program
def receiver_during_a_secret_rotation(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The dashboard rotates the secret: deliveries carry a signature per key for a while; the
    app's client still has the old secret, a second handler passes the new one per call."""
    body = event_body("response.completed", {"id": "resp_1"})
    both = delivery(body, NEW_KEY, OLD_KEY)
    new_only = delivery(body, NEW_KEY)
    old_client = openai.OpenAI(api_key="sk-test", webhook_secret=whsec(OLD_KEY))
    return [
        kind_of(lambda: old_client.webhooks.unwrap(body, both).data.id),
        kind_of(lambda: old_client.webhooks.unwrap(body, new_only)),
        kind_of(lambda: old_client.webhooks.unwrap(body, new_only, secret=whsec(NEW_KEY)).type),
        kind_of(lambda: old_client.webhooks.verify_signature(body, both, secret=whsec(NEW_KEY))),
        # a key pasted without its prefix is taken as the raw secret, and does not match
        kind_of(
            lambda: old_client.webhooks.verify_signature(
                body, new_only, secret=base64.b64encode(NEW_KEY).decode()
            )
        ),
        kind_of(
            lambda: old_client.webhooks.verify_signature(
                body,
                {
                    **new_only,
                    "webhook-signature": "v1,bm90LWl0 "
                    + signature(NEW_KEY, body, int(new_only["webhook-timestamp"])),
                },
                secret=whsec(NEW_KEY),
            )
        ),
    ]


@program
def header_objects_of_every_framework(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Headers as Flask/Django/FastAPI hand them over (a dict, capitalised names, an httpx2 or
    starlette-like case-insensitive mapping) and the body as ``bytes`` or ``str``; a list of
    pairs is not a mapping and fails on ``.get``."""
    hooks = openai.OpenAI(api_key="sk-test", webhook_secret=whsec(NEW_KEY)).webhooks
    body = event_body("batch.completed", {"id": "batch_9"})
    headers = delivery(body, NEW_KEY)
    capitalised = {name.title(): value for name, value in headers.items()}
    shouting = {name.upper(): value for name, value in headers.items()}
    return [
        kind_of(lambda: hooks.unwrap(body, headers).data.id),
        kind_of(lambda: hooks.unwrap(body.encode(), headers).data.id),
        kind_of(lambda: hooks.unwrap(body, capitalised).type),
        kind_of(lambda: hooks.unwrap(body, shouting).type),
        kind_of(lambda: hooks.unwrap(body, httpx2.Headers(headers)).type),
        kind_of(lambda: hooks.unwrap(body.encode(), httpx2.Headers(capitalised)).type),
        kind_of(lambda: hooks.verify_signature(body.encode("utf-8"), httpx2.Headers(shouting))),
        kind_of(lambda: hooks.unwrap(body, list(headers.items()))),
    ]


@program
def refusals_told_apart_by_class(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A receiver answering 400 for a forged or stale delivery and 500 for its own
    misconfiguration: which class each failure raises, and which an ``except ValueError``
    catches."""
    key = whsec(NEW_KEY)
    hooks = openai.OpenAI(api_key="sk-test", webhook_secret=key).webhooks
    body = event_body("fine_tuning.job.succeeded", {"id": "ftjob_1"})
    now = int(time.time())
    good = delivery(body, NEW_KEY)
    cases = {
        "good": (body, good),
        "stale": (body, delivery(body, NEW_KEY, at=now - 3600)),
        "early": (body, delivery(body, NEW_KEY, at=now + 3600)),
        "forged": (body.replace("ftjob_1", "ftjob_2"), good),
        "no id": (body, {k: v for k, v in good.items() if k != "webhook-id"}),
        "no timestamp": (body, {k: v for k, v in good.items() if k != "webhook-timestamp"}),
        "no signature": (body, {k: v for k, v in good.items() if k != "webhook-signature"}),
        "odd timestamp": (body, {**good, "webhook-timestamp": "yesterday"}),
        "other version": (
            body,
            {**good, "webhook-signature": good["webhook-signature"].replace("v1,", "v2,")},
        ),
        "bare signature": (body, {**good, "webhook-signature": good["webhook-signature"][3:]}),
        "empty signature": (body, {**good, "webhook-signature": ""}),
    }
    seen = {
        name: kind_of(lambda b=b, h=h: hooks.verify_signature(b, h))
        for name, (b, h) in cases.items()
    }
    seen["not json"] = kind_of(lambda: hooks.unwrap("not json", delivery("not json", NEW_KEY)))
    seen["no secret"] = kind_of(
        lambda: openai.OpenAI(api_key="sk-test").webhooks.unwrap(body, good)
    )
    seen["stale but tolerated"] = kind_of(
        lambda: hooks.verify_signature(body, delivery(body, NEW_KEY, at=now - 3600), tolerance=7200)
    )
    seen["errors"] = (
        issubclass(openai.InvalidWebhookSignatureError, openai.OpenAIError),
        issubclass(openai.InvalidWebhookSignatureError, ValueError),
    )
    return seen


@program
def events_dispatched_with_unknown_and_extra_fields(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A dispatcher keyed on ``event.type``: an event with fields newer than the handler keeps
    them; the typed ``data`` of the kinds it knows."""
    hooks = openai.OpenAI(api_key="sk-test", webhook_secret=whsec(NEW_KEY)).webhooks
    seen = []
    for kind, data in (
        ("batch.completed", {"id": "batch_1"}),
        ("eval.run.failed", {"id": "evalrun_1"}),
        (
            "realtime.call.incoming",
            {"call_id": "rtc_1", "sip_headers": [{"name": "From", "value": "x"}]},
        ),
        ("response.incomplete", {"id": "resp_2"}),
    ):
        body = event_body(kind, data, rollout="beta")
        event = hooks.unwrap(body, delivery(body, NEW_KEY))
        seen.append(
            (
                type(event).__name__,
                event.type,
                event.data.to_dict(),
                event.to_dict(),
                event.model_extra,
                event.created_at,
            )
        )
    return seen


@async_program
async def async_receiver_verifies_then_fetches(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An async app: the webhook methods stay synchronous on the async client; the handler
    fetches the finished response afterwards."""
    from .test_real_world_apps import output_message, response_object

    server.reply(Reply.json(response_object([output_message("done")], id="resp_7")))
    hooks = openai.AsyncOpenAI(api_key="sk-test", webhook_secret=whsec(NEW_KEY)).webhooks
    body = event_body("response.completed", {"id": "resp_7"})
    event = hooks.unwrap(body, httpx2.Headers(delivery(body, NEW_KEY)))
    verified = hooks.verify_signature(body, delivery(body, NEW_KEY))
    response = await client.responses.retrieve(event.data.id)
    return (
        type(event).__name__,
        verified,
        asyncio.iscoroutine(verified),
        response.output_text,
        server.requests[0].path,
    )


# --- Azure ------------------------------------------------------------------------------------------


def echo(request: RecordedRequest) -> Reply:
    """A chat completion whose text says where the request went and with which credentials."""
    said = [
        request.path,
        request.query_dict,
        request.headers.get("authorization"),
        request.headers.get("api-key"),
    ]
    return Reply.json(chat_completion({"role": "assistant", "content": json.dumps(said)}))


def ask(client: Any, model: str = "gpt-4o", **options: Any) -> Any:
    completion = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": "hi"}], **options
    )
    return json.loads(completion.choices[0].message.content)


def landed(server: ScriptedServer, call: Any) -> Any:
    """Where a call the echo server may not answer with the right shape went."""
    try:
        call()
    except Exception as error:
        failure: Any = type(error).__name__
    else:
        failure = None
    request = server.requests[-1]
    return request.method, request.path, request.query_dict, failure


@program
def token_providers_that_misbehave(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An Entra ID provider returning nothing, an empty token, a non-string, or raising: what
    the call raises, and that no request goes out."""
    server.default = Reply.dynamic(echo)

    def failing() -> str:
        raise RuntimeError("DefaultAzureCredential failed to retrieve a token")

    seen = []
    for provider in (lambda: None, lambda: "", lambda: 12345, failing):
        with openai.AzureOpenAI(
            azure_endpoint=server.url,
            api_version="2024-10-21",
            azure_ad_token_provider=provider,
            max_retries=0,
        ) as azure:
            seen.append((kind_of(lambda azure=azure: ask(azure)), len(server.requests)))
    return seen


@program
def credentials_and_version_overridden_per_call(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A gateway in front of Azure wants another token or key on some calls, a preview feature
    another ``api-version``; copies and ``with_options`` of a deployment client."""
    server.default = Reply.dynamic(echo)
    with_token = openai.AzureOpenAI(
        azure_endpoint=server.url,
        api_version="2024-10-21",
        azure_ad_token="static-token",
        max_retries=0,
    )
    with_key = openai.AzureOpenAI(
        azure_endpoint=server.url + "/",
        api_version="2024-10-21",
        api_key="azure-key",
        max_retries=0,
    )
    deployment = openai.AzureOpenAI(
        azure_endpoint=server.url,
        api_version="2024-10-21",
        api_key="azure-key",
        azure_deployment="chat-prod",
        max_retries=0,
    )
    seen = [
        ask(with_token),
        ask(with_token, extra_headers={"Authorization": "Bearer gateway-token"}),
        ask(with_token, extra_headers={"api-key": "gateway-key"}),
        ask(with_token, extra_query={"api-version": "2025-04-01-preview"}),
        ask(with_token.with_options(max_retries=1, timeout=20)),
        ask(with_key.with_options(api_key="second-key")),
        ask(with_key.copy(api_key="third-key")),
        with_key.copy(api_key="third-key").api_key,
        type(with_key.with_options(timeout=5)).__name__,
        str(with_key.base_url),
        ask(deployment),
        ask(deployment, model="gpt-4o-mini"),
        ask(deployment.with_options(max_retries=2)),
        str(deployment.base_url),
    ]
    for each in (with_token, with_key, deployment):
        each.close()
    return seen


@program
def endpoints_beyond_chat(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Transcriptions, speech, image edits, realtime client secrets and batches from a key
    client and a deployment client: which go under ``/deployments/<model>``."""
    server.default = Reply.dynamic(echo)
    keyed = openai.AzureOpenAI(
        azure_endpoint=server.url, api_version="2025-04-01-preview", api_key="k", max_retries=0
    )
    bound = openai.AzureOpenAI(
        azure_endpoint=server.url,
        api_version="2025-04-01-preview",
        api_key="k",
        azure_deployment="whisper-prod",
        max_retries=0,
    )
    seen = []
    for azure in (keyed, bound):
        seen += [
            landed(
                server,
                lambda azure=azure: azure.audio.transcriptions.create(
                    model="whisper-1", file=("a.wav", b"RIFF0000", "audio/wav")
                ),
            ),
            landed(
                server,
                lambda azure=azure: azure.audio.translations.create(
                    model="whisper-1", file=("a.wav", b"RIFF0000")
                ),
            ),
            landed(
                server,
                lambda azure=azure: azure.audio.speech.create(
                    model="tts-1", voice="alloy", input="hi"
                ),
            ),
            landed(
                server,
                lambda azure=azure: azure.images.edit(
                    model="gpt-image-1", image=("a.png", b"\x89PNG"), prompt="add a hat"
                ),
            ),
            landed(
                server,
                lambda azure=azure: azure.realtime.client_secrets.create(
                    session={"type": "realtime", "model": "gpt-realtime"}
                ),
            ),
            landed(
                server,
                lambda azure=azure: azure.batches.create(
                    input_file_id="file-1",
                    endpoint="/v1/chat/completions",
                    completion_window="24h",
                ),
            ),
            landed(server, lambda azure=azure: azure.embeddings.create(model="emb", input="x")),
        ]
        azure.close()
    return seen


@async_program
async def async_provider_called_for_each_request(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An async provider is awaited before each request (a sync one is called); a 401 from an
    expired token is an AuthenticationError with the body; a provider returning None fails the
    call."""
    server.default = Reply.dynamic(echo)
    calls: list[int] = []

    async def provider() -> str:
        calls.append(1)
        return f"token-{len(calls)}"

    messages = [{"role": "user", "content": "hi"}]
    seen: list[Any] = []
    azure = openai.AsyncAzureOpenAI(
        azure_endpoint=server.url,
        api_version="2024-10-21",
        azure_ad_token_provider=provider,
        max_retries=0,
    )
    for _ in range(2):
        completion = await azure.chat.completions.create(model="gpt-4o", messages=messages)
        seen.append(json.loads(completion.choices[0].message.content))
    syncing = openai.AsyncAzureOpenAI(
        azure_endpoint=server.url,
        api_version="2024-10-21",
        azure_ad_token_provider=lambda: "sync-token",
        max_retries=0,
    )
    completion = await syncing.chat.completions.create(model="gpt-4o", messages=messages)
    seen.append(json.loads(completion.choices[0].message.content))
    empty = openai.AsyncAzureOpenAI(
        azure_endpoint=server.url,
        api_version="2024-10-21",
        azure_ad_token_provider=lambda: None,
        max_retries=0,
    )
    try:
        await empty.chat.completions.create(model="gpt-4o", messages=messages)
    except Exception as error:
        seen.append((type(error).__name__, isinstance(error, ValueError)))
    server.reply(Reply.json({"error": {"message": "token expired", "code": "401"}}, 401))
    try:
        await azure.chat.completions.create(model="gpt-4o", messages=messages)
    except openai.AuthenticationError as error:
        seen.append((error.status_code, error.code, error.message, error.body, len(calls)))
    for each in (azure, syncing, empty):
        await each.close()
    return seen


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
