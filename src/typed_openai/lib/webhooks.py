"""Checking the webhooks the API sends: the Standard Webhooks signature scheme.

The API signs each delivery with three headers: ``webhook-id`` (the message id),
``webhook-timestamp`` (Unix seconds) and ``webhook-signature`` (space-separated ``v1,<base64>``
entries, several while a secret is being rotated). A signature is the base64 HMAC-SHA256, keyed
with the endpoint's secret, of ``"{id}.{timestamp}.{body}"``. Secrets are shown to users as
``whsec_`` followed by the base64 of the key; a secret without that prefix is used as is.

A delivery is accepted when one ``v1`` entry matches (compared in constant time) and the
timestamp is within ``tolerance`` seconds of now either way, which bounds replays. The signed text
holds the ``webhook-timestamp`` header exactly as sent, so a header the sender did not sign that
way (``" 1700000000"``, ``"+1700000000"``) does not verify even though it reads as a number.

Where the scheme leaves a choice, the official SDK's (the oracle) is made: an empty secret is a
secret (its signatures never match); the base64 after ``whsec_`` is read leniently (characters
outside the alphabet skipped), but wrong padding is a ``ValueError``; a payload given as bytes must
be UTF-8 (a JSON body is); of two spellings of one header name, the first one given counts.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Union, cast

import httpx

from typed_openai._core import InvalidWebhookSignatureError

__all__ = [
    "DEFAULT_TOLERANCE_SECONDS",
    "SECRET_ENV",
    "HeadersLike",
    "InvalidWebhookSignatureError",
    "require_secret",
    "verify_signature",
]

DEFAULT_TOLERANCE_SECONDS = 300
SECRET_ENV = "OPENAI_WEBHOOK_SECRET"
_SECRET_PREFIX = "whsec_"
_SIGNATURE_VERSION = "v1"

HeadersLike = Union[Mapping[str, str], httpx.Headers]


def require_secret(secret: str | None, client_secret: str | None) -> str:
    """The secret to check with: the argument, else the client's (``webhook_secret`` or env)."""
    chosen = secret if secret is not None else client_secret
    if chosen is None:
        raise ValueError(
            "No webhook secret: pass secret=..., create the client with webhook_secret=..., "
            f"or set the {SECRET_ENV} environment variable."
        )
    return chosen


def verify_signature(
    payload: str | bytes,
    headers: HeadersLike,
    *,
    secret: str,
    tolerance: float = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> None:
    """Return if ``payload`` carries a valid, fresh signature; raise otherwise.

    A missing header is a ``ValueError`` naming it; a bad signature or timestamp an
    ``InvalidWebhookSignatureError`` (itself a ``ValueError``). Messages never include the secret.
    """
    found = _lookup(headers)
    message_id = _header(found, "webhook-id")
    stamp = _header(found, "webhook-timestamp")
    signatures = _header(found, "webhook-signature")
    try:
        sent_at = int(stamp)
    except ValueError:
        raise InvalidWebhookSignatureError(
            "The webhook-timestamp header is not a whole number of Unix seconds."
        ) from None
    # whole seconds, as the timestamp is: a delivery exactly `tolerance` seconds old (or new)
    # passes however far into the current second the check runs, as with the official SDK
    current = math.floor(time.time() if now is None else now)
    if current - sent_at > tolerance:
        raise InvalidWebhookSignatureError(
            f"The webhook timestamp is too old: more than {tolerance:g} seconds ago."
        )
    if sent_at - current > tolerance:
        raise InvalidWebhookSignatureError(
            f"The webhook timestamp is too new: more than {tolerance:g} seconds ahead."
        )
    body = payload.encode("utf-8") if isinstance(payload, str) else _utf8(payload)
    signed = f"{message_id}.{stamp}.".encode() + body
    digest = hmac.new(_key_of(secret), signed, hashlib.sha256).digest()
    expected = base64.b64encode(digest).decode("ascii")
    if not any(hmac.compare_digest(sent, expected) for sent in _v1_signatures(signatures)):
        raise InvalidWebhookSignatureError(
            "The webhook signature does not match the payload for this secret."
        )


def _lookup(headers: HeadersLike) -> Callable[[str], str | None]:
    """A case-insensitive lookup of a (lower-case) name in ``headers``: a mapping (a dict,
    ``httpx.Headers``, a framework's headers) or, as the official SDK also takes, any object with
    ``get`` only (tried with the name as given, in title case and in upper case)."""
    items = getattr(headers, "items", None)
    if callable(items):
        found: dict[str, str] = {}
        for name, value in cast("Iterable[tuple[str, str]]", items()):
            found.setdefault(name.lower(), value)
        return found.get
    getter = cast("Callable[[str], str | None]", cast("Any", headers).get)

    def get(name: str) -> str | None:
        for spelling in (name, name.title(), name.upper()):
            value = getter(spelling)
            if value:
                return value
        return None

    return get


def _utf8(payload: bytes) -> bytes:
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(
            "The webhook payload is not UTF-8 text: pass the request body exactly as received."
        ) from None
    return payload


def _header(lookup: Callable[[str], str | None], name: str) -> str:
    value = lookup(name)
    if value is None:
        raise ValueError(f"The {name} header is missing: this is not a signed webhook delivery.")
    return value


def _key_of(secret: str) -> bytes:
    if not secret.startswith(_SECRET_PREFIX):
        return secret.encode("utf-8")
    try:
        return base64.b64decode(secret[len(_SECRET_PREFIX) :])
    except binascii.Error:
        raise ValueError(
            f"The webhook secret is not valid base64 after its {_SECRET_PREFIX!r} prefix."
        ) from None


def _v1_signatures(header: str) -> list[str]:
    """The signatures of the header's ``v1`` entries (a bare entry counts as one)."""
    out: list[str] = []
    for entry in header.split():
        version, comma, value = entry.partition(",")
        if not comma:
            out.append(entry)
        elif version == _SIGNATURE_VERSION:
            out.append(value)
    return out
