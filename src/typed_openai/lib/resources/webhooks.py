"""Bodies of ``client.webhooks.unwrap`` / ``verify_signature``.

``unwrap`` verifies, then returns the event as the typed union of the spec's webhook payloads
(discriminated by ``type``). The secret comes from the ``secret`` argument, else the client's
``webhook_secret`` (constructor argument or ``OPENAI_WEBHOOK_SECRET``). The async client's
methods are plain functions too: they do no I/O.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from typed_openai._core._models import parse_value
from typed_openai.lib.webhooks import HeadersLike, require_secret
from typed_openai.lib.webhooks import verify_signature as _verify

if TYPE_CHECKING:
    from typed_openai._core import AsyncAPIResource, SyncAPIResource
    from typed_openai.types.webhooks import UnwrapWebhookEvent

__all__ = ["unwrap", "verify_signature"]


def unwrap(
    webhooks: SyncAPIResource | AsyncAPIResource, *, payload: str | bytes, **signed: Any
) -> UnwrapWebhookEvent:
    from typed_openai.types.webhooks import UnwrapWebhookEvent

    verify_signature(webhooks, payload=payload, tolerance=300, **signed)
    return parse_value(UnwrapWebhookEvent, json.loads(payload))


def verify_signature(
    webhooks: SyncAPIResource | AsyncAPIResource,
    *,
    payload: str | bytes,
    headers: HeadersLike,
    secret: str | None,
    tolerance: int,
) -> None:
    client_secret: str | None = getattr(webhooks._client, "webhook_secret", None)  # pyright: ignore[reportPrivateUsage]
    _verify(payload, headers, secret=require_secret(secret, client_secret), tolerance=tolerance)
