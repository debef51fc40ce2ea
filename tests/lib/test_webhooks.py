"""``client.webhooks``: Standard Webhooks signatures, checked against the official SDK as oracle.

Every delivery below is given to both clients' ``verify_signature``; they must agree on the
outcome (accepted, ``InvalidWebhookSignatureError``, or another ``ValueError``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import openai
import pytest

import typed_openai
from tests.support.yaml_files import load_yaml_file
from typed_openai.lib.webhooks import InvalidWebhookSignatureError, verify_signature

KEY = b"local-webhook-key-0123456789abcd"
SECRET = "whsec_" + base64.b64encode(KEY).decode()
BODY = json.dumps(
    {
        "id": "evt_1",
        "object": "event",
        "type": "batch.completed",
        "created_at": 1719168000,
        "data": {"id": "batch_1"},
    }
)


def sign(
    body: str | bytes, *, key: bytes = KEY, message_id: str = "msg_1", at: int | None = None
) -> dict[str, str]:
    stamp = int(time.time()) if at is None else at
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(key, f"{message_id}.{stamp}.".encode() + raw, hashlib.sha256).digest()
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(stamp),
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }


def _signature(headers: dict[str, str]) -> str:
    return headers["webhook-signature"].removeprefix("v1,")


def _without(name: str) -> dict[str, str]:
    return {k: v for k, v in sign(BODY).items() if k != name}


# (case, payload, headers, secret, tolerance): each built fresh so timestamps are current
CASES: dict[str, Callable[[], tuple[Any, Any, str, int]]] = {
    "valid": lambda: (BODY, sign(BODY), SECRET, 300),
    "valid bytes payload": lambda: (BODY.encode(), sign(BODY), SECRET, 300),
    "header names in capitals": lambda: (
        BODY,
        {k.upper(): v for k, v in sign(BODY).items()},
        SECRET,
        300,
    ),
    "httpx.Headers": lambda: (BODY, httpx.Headers(sign(BODY)), SECRET, 300),
    "one of several signatures": lambda: (
        BODY,
        {**sign(BODY), "webhook-signature": "v1,AAAA " + sign(BODY)["webhook-signature"]},
        SECRET,
        300,
    ),
    "bare signature": lambda: (
        BODY,
        {**sign(BODY), "webhook-signature": _signature(sign(BODY))},
        SECRET,
        300,
    ),
    "other version only": lambda: (
        BODY,
        {**sign(BODY), "webhook-signature": "v2," + _signature(sign(BODY))},
        SECRET,
        300,
    ),
    "wrong signature": lambda: (BODY, {**sign(BODY), "webhook-signature": "v1,AAAA"}, SECRET, 300),
    "tampered body": lambda: (BODY.replace("batch_1", "batch_2"), sign(BODY), SECRET, 300),
    "other message id": lambda: (BODY, {**sign(BODY), "webhook-id": "msg_2"}, SECRET, 300),
    "wrong key": lambda: (BODY, sign(BODY, key=b"other"), SECRET, 300),
    "too old": lambda: (BODY, sign(BODY, at=int(time.time()) - 400), SECRET, 300),
    "too new": lambda: (BODY, sign(BODY, at=int(time.time()) + 400), SECRET, 300),
    "old but tolerated": lambda: (BODY, sign(BODY, at=int(time.time()) - 400), SECRET, 1000),
    "timestamp not a number": lambda: (
        BODY,
        {**sign(BODY), "webhook-timestamp": "yesterday"},
        SECRET,
        300,
    ),
    "fractional timestamp": lambda: (
        BODY,
        {**sign(BODY), "webhook-timestamp": f"{int(time.time())}.5"},
        SECRET,
        300,
    ),
    "no webhook-id": lambda: (BODY, _without("webhook-id"), SECRET, 300),
    "no webhook-timestamp": lambda: (BODY, _without("webhook-timestamp"), SECRET, 300),
    "no webhook-signature": lambda: (BODY, _without("webhook-signature"), SECRET, 300),
    "secret without prefix is the key itself": lambda: (
        BODY,
        sign(BODY, key=b"plain-secret"),
        "plain-secret",
        300,
    ),
    "base64 secret without prefix": lambda: (
        BODY,
        sign(BODY),
        base64.b64encode(KEY).decode(),
        300,
    ),
    "prefix with bad base64": lambda: (BODY, sign(BODY), "whsec_!!!", 300),
    "prefix with wrong base64 padding": lambda: (BODY, sign(BODY), "whsec_AAA", 300),
    "prefix with extra base64 padding": lambda: (BODY, sign(BODY), SECRET + "==", 300),
    "empty secret": lambda: (BODY, sign(BODY), "", 300),
    "timestamp with spaces": lambda: (
        BODY,
        {**sign(BODY), "webhook-timestamp": f" {int(time.time())} "},
        SECRET,
        300,
    ),
    "timestamp with a plus sign": lambda: (
        BODY,
        {**sign(BODY), "webhook-timestamp": f"+{int(time.time())}"},
        SECRET,
        300,
    ),
    "timestamp signed as sent": lambda: (BODY, _signed_stamp(f"0{int(time.time())}"), SECRET, 300),
    "payload bytes not UTF-8": lambda: (b"\xff{}", sign(b"\xff{}"), SECRET, 300),
    "two spellings of one header": lambda: (
        BODY,
        {**sign(BODY), "WEBHOOK-ID": "msg_other"},
        SECRET,
        300,
    ),
}


def _signed_stamp(stamp: str) -> dict[str, str]:
    """Headers whose signature covers ``stamp`` as written (e.g. with a leading zero)."""
    digest = hmac.new(KEY, f"msg_1.{stamp}.{BODY}".encode(), hashlib.sha256).digest()
    return {
        "webhook-id": "msg_1",
        "webhook-timestamp": stamp,
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }


def _outcome(check: Callable[[], object], invalid: type[Exception]) -> str:
    try:
        check()
    except invalid:
        return "invalid signature"
    except ValueError:
        return "value error"
    return "accepted"


@pytest.mark.parametrize("case", sorted(CASES))
def test_verify_signature_agrees_with_the_official_sdk(case: str) -> None:
    payload, headers, secret, tolerance = CASES[case]()
    ours = typed_openai.OpenAI(api_key="k", base_url="http://127.0.0.1:9/v1")
    theirs = openai.OpenAI(api_key="k", base_url="http://127.0.0.1:9/v1")
    mine = _outcome(
        lambda: ours.webhooks.verify_signature(
            payload, headers, secret=secret, tolerance=tolerance
        ),
        typed_openai.InvalidWebhookSignatureError,
    )
    oracle = _outcome(
        lambda: theirs.webhooks.verify_signature(
            payload, headers, secret=secret, tolerance=tolerance
        ),
        openai.InvalidWebhookSignatureError,
    )
    assert mine == oracle


def test_the_error_is_a_value_error_and_never_shows_the_secret() -> None:
    with pytest.raises(InvalidWebhookSignatureError) as raised:
        verify_signature(BODY, {**sign(BODY), "webhook-signature": "v1,AAAA"}, secret=SECRET)
    assert isinstance(raised.value, ValueError)
    assert SECRET not in str(raised.value) and KEY.decode() not in str(raised.value)
    assert "signature does not match" in str(raised.value)


def test_stale_timestamps_say_which_way(monkeypatch: pytest.MonkeyPatch) -> None:
    now = 1_700_000_000
    with pytest.raises(InvalidWebhookSignatureError, match="too old"):
        verify_signature(BODY, sign(BODY, at=now - 301), secret=SECRET, now=now)
    with pytest.raises(InvalidWebhookSignatureError, match="too new"):
        verify_signature(BODY, sign(BODY, at=now + 301), secret=SECRET, now=now)
    verify_signature(BODY, sign(BODY, at=now - 300), secret=SECRET, now=now)  # at the edge


def test_a_missing_header_is_named() -> None:
    with pytest.raises(ValueError, match="webhook-timestamp"):
        verify_signature(BODY, _without("webhook-timestamp"), secret=SECRET)


def test_the_secret_comes_from_the_argument_the_client_or_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENAI_WEBHOOK_SECRET", raising=False)
    bare = typed_openai.OpenAI(api_key="k", base_url="http://127.0.0.1:9/v1")
    with pytest.raises(ValueError, match="OPENAI_WEBHOOK_SECRET") as raised:
        bare.webhooks.verify_signature(BODY, sign(BODY))
    assert not isinstance(raised.value, InvalidWebhookSignatureError)
    bare.webhooks.verify_signature(BODY, sign(BODY), secret=SECRET)

    configured = typed_openai.OpenAI(api_key="k", webhook_secret=SECRET, base_url="http://x/v1")
    assert configured.webhook_secret == SECRET
    configured.webhooks.verify_signature(BODY, sign(BODY))
    with pytest.raises(InvalidWebhookSignatureError):  # the argument wins over the client's
        configured.webhooks.verify_signature(BODY, sign(BODY), secret="whsec_" + "A" * 8)

    monkeypatch.setenv("OPENAI_WEBHOOK_SECRET", SECRET)
    from_env = typed_openai.AsyncOpenAI(api_key="k", base_url="http://127.0.0.1:9/v1")
    assert from_env.webhooks.verify_signature(BODY, sign(BODY)) is None  # plain, not a coroutine


def test_the_secret_is_not_in_the_clients_repr() -> None:
    client = typed_openai.OpenAI(api_key="k", webhook_secret=SECRET, base_url="http://x/v1")
    assert SECRET not in repr(client) and SECRET not in repr(client.webhooks)


def _event(event_type: str, data: dict[str, Any]) -> str:
    return json.dumps(
        {"id": "evt_9", "object": "event", "type": event_type, "created_at": 1, "data": data}
    )


@pytest.mark.parametrize(
    ("event_type", "data", "class_name"),
    [
        ("batch.completed", {"id": "batch_1"}, "BatchCompletedWebhookEvent"),
        ("response.failed", {"id": "resp_1"}, "ResponseFailedWebhookEvent"),
        ("fine_tuning.job.succeeded", {"id": "ftjob_1"}, "FineTuningJobSucceededWebhookEvent"),
        ("eval.run.canceled", {"id": "evalrun_1"}, "EvalRunCanceledWebhookEvent"),
    ],
)
def test_unwrap_returns_the_typed_event_like_the_official_sdk(
    event_type: str, data: dict[str, Any], class_name: str
) -> None:
    body = _event(event_type, data)
    ours = typed_openai.OpenAI(api_key="k", webhook_secret=SECRET, base_url="http://x/v1")
    theirs = openai.OpenAI(api_key="k", webhook_secret=SECRET, base_url="http://x/v1")
    event = ours.webhooks.unwrap(body, sign(body))
    oracle = theirs.webhooks.unwrap(body, sign(body))
    assert type(event).__name__ == type(oracle).__name__ == class_name
    assert type(event).__module__.startswith("typed_openai.")
    assert (event.type, event.data.id) == (event_type, data["id"])
    assert event.model_dump(exclude_none=True) == oracle.model_dump(exclude_none=True)


def test_unwrap_checks_before_parsing() -> None:
    body = _event("batch.completed", {"id": "batch_1"})
    client = typed_openai.AsyncOpenAI(api_key="k", webhook_secret=SECRET, base_url="http://x/v1")
    with pytest.raises(InvalidWebhookSignatureError):
        client.webhooks.unwrap(body.replace("batch_1", "batch_2"), sign(body))
    event = client.webhooks.unwrap(body.encode(), sign(body))  # plain call on the async client
    assert type(event).__name__ == "BatchCompletedWebhookEvent"


def test_the_event_union_is_the_specs_webhooks() -> None:
    """UnwrapWebhookEvent lists exactly the payload schemas of the spec's `webhooks`."""
    from pathlib import Path

    spec = load_yaml_file(Path(__file__).resolve().parents[2] / "spec" / "openapi.yml")
    payloads = {
        item["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        for item in spec["webhooks"].values()
    }
    members = {m["$ref"] for m in spec["components"]["schemas"]["UnwrapWebhookEvent"]["oneOf"]}
    assert members == payloads and len(members) == 16
