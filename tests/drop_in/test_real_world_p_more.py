"""Real-world sweep P, more of the client: a key rotated by assigning ``client.api_key``, the
auth headers borrowed for a hand-made request, strict response validation, hung servers retried,
the webhook secret from the environment, errors pickled by a task queue, and async clients
refused or timed out per call — run unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import pickle
import time
from types import ModuleType
from typing import Any

import httpx

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY, run_both
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion
from .test_real_world_e_clients import environment
from .test_real_world_p_clients import MODEL, recorded_sleeps

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def echo_key(request: RecordedRequest) -> Reply:
    return Reply.json(dict(MODEL, owned_by=request.headers.get("authorization", "none")))


@program
def key_rotated_by_assignment(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A secrets manager rotates the key: the app assigns ``client.api_key`` in place; copies
    made before keep theirs."""
    server.default = Reply.dynamic(echo_key)
    c = openai.OpenAI(api_key="sk-old", base_url=server.url, max_retries=0)
    before = c.with_options(timeout=5)
    first = c.models.retrieve("m").owned_by
    c.api_key = "sk-new"
    second = c.models.retrieve("m").owned_by
    third = before.models.retrieve("m").owned_by
    after = c.copy().models.retrieve("m").owned_by
    c.close()
    return first, second, third, after, c.api_key, before.api_key


@program
def auth_headers_for_a_hand_made_request(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An endpoint the SDK lacks is called with httpx directly, borrowing the client's auth
    headers, base URL and organization."""
    server.default = Reply.json({"ok": True})
    c = openai.OpenAI(
        api_key="sk-borrowed", base_url=server.url + "/v1", organization="org-b", max_retries=0
    )
    headers = {**c.auth_headers, "OpenAI-Organization": c.organization}
    answer = httpx.get(f"{c.base_url}dashboard/usage", headers=headers).json()
    c.close()
    r = server.requests[0]
    return (
        c.auth_headers,
        answer,
        r.path,
        r.headers.get("authorization"),
        r.headers.get("openai-organization"),
    )


@program
def timeouts_are_retried(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A hung server: the call times out, is retried (with backoff asked of ``time.sleep``),
    and succeeds or fails as a whole."""
    server.reply(Reply.hang(), Reply.json(MODEL))
    c = openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=1, timeout=0.3)
    with recorded_sleeps() as sleeps:
        got = c.models.retrieve("gpt-4o").id
        server.reply(Reply.hang(), Reply.hang())
        try:
            c.models.retrieve("gpt-4o")
            failed: Any = None
        except openai.APITimeoutError as e:
            failed = type(e).__name__
    c.close()
    return got, failed, len(sleeps), len(server.requests)


def signed(secret: str, body: str, msg_id: str = "wh_1", at: int | None = None) -> dict[str, str]:
    """Standard Webhooks headers for ``body`` signed with ``secret`` (``whsec_`` + base64)."""
    stamp = str(at if at is not None else int(time.time()))
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{msg_id}.{stamp}.{body}".encode(), hashlib.sha256).digest()
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": stamp,
        "webhook-signature": "v1," + base64.b64encode(mac).decode(),
    }


@program
def webhook_secret_from_the_environment(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A webhook handler's client takes its secret from ``OPENAI_WEBHOOK_SECRET``; a request
    signed with another key is refused, a good one unwrapped; a client without a secret says so."""
    secret = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
    body = json.dumps(
        {
            "id": "evt_1",
            "object": "event",
            "created_at": 1,
            "type": "response.completed",
            "data": {"id": "resp_1"},
        }
    )
    with environment(OPENAI_WEBHOOK_SECRET=secret):
        handler = openai.OpenAI(api_key=API_KEY, base_url=server.url)
    event = handler.webhooks.unwrap(body, signed(secret, body))
    other = "whsec_" + base64.b64encode(b"another-key-another-key-another!").decode()
    outcomes: list[Any] = [(type(event).__name__, event.type, event.data.id)]
    try:
        handler.webhooks.unwrap(body, signed(other, body))
    except openai.InvalidWebhookSignatureError as e:
        outcomes.append((type(e).__name__, isinstance(e, ValueError)))
    plain = openai.OpenAI(api_key=API_KEY, base_url=server.url)
    try:
        plain.webhooks.unwrap(body, signed(secret, body))
    except Exception as e:
        outcomes.append((type(e).__name__, "webhook_secret" in str(e)))
    handler.close()
    plain.close()
    return handler.webhook_secret == secret, plain.webhook_secret, outcomes


@program
def errors_pickled_by_a_task_queue(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A worker's exception travels back pickled (Celery, multiprocessing): what survives."""
    server.reply(
        Reply.json(
            {"error": {"message": "slow", "type": "requests", "code": "rate_limit_exceeded"}},
            status=429,
            headers={"x-request-id": "req_p"},
        )
    )
    outcomes: list[Any] = []
    try:
        client.models.retrieve("gpt-4o")
    except openai.RateLimitError as e:
        for err in (e, openai.APIConnectionError(request=e.request)):
            try:
                back = pickle.loads(pickle.dumps(err))
                outcomes.append((type(back).__name__, str(back)))
            except Exception as exc:
                outcomes.append(("not picklable", type(err).__name__, type(exc).__name__))
    return outcomes


test_program_observes_the_same = observed_the_same(PROGRAMS)


def strict_response_validation(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``_strict_response_validation=True``: an answer missing required fields is an error
    instead of a half-built object; a valid one passes."""
    server.reply(Reply.json({"id": "gpt-4o", "object": "model"}), Reply.json(MODEL))
    c = openai.OpenAI(
        api_key=API_KEY, base_url=server.url, max_retries=0, _strict_response_validation=True
    )
    try:
        c.models.retrieve("gpt-4o")
        first: Any = "accepted"
    except openai.APIResponseValidationError as e:
        first = (type(e).__name__, e.status_code, isinstance(e, openai.APIError), e.body)
    second = c.models.retrieve("gpt-4o").id
    c.close()
    return first, second


def test_strict_response_validation(server: ScriptedServer) -> None:
    def one(sdk: ModuleType) -> Any:
        server.requests.clear()
        return strict_response_validation(sdk, None, server)

    ours, theirs = run_both(one)
    assert ours == theirs


@async_program
async def async_refused_and_per_call_timeout(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    outcomes: list[Any] = []
    refused = openai.AsyncOpenAI(api_key=API_KEY, base_url="http://127.0.0.1:9", max_retries=0)
    try:
        await refused.models.list()
    except openai.APIConnectionError as e:
        outcomes.append((type(e).__name__, str(e), type(e.__cause__).__name__))
    await refused.close()
    server.reply(Reply.hang())
    try:
        await client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}], timeout=0.3
        )
    except openai.APITimeoutError as e:
        outcomes.append((type(e).__name__, str(e), e.request.url.path))
    server.reply(Reply.json(chat_completion({"role": "assistant", "content": "fine"})))
    done = await client.with_options(timeout=5).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    outcomes.append(done.choices[0].message.content)
    return outcomes


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
