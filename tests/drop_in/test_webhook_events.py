"""`client.webhooks.unwrap()` gives every webhook event the official SDK types as the same class.

For every member of the SDK's `UnwrapWebhookEvent` union a payload with the member's required
fields (its own `type`) is signed and unwrapped by both clients: ours must return the class of the
same name, from `typed_openai.types.webhooks`, holding the same data. An event ours does not type
(it falls back to a plain model) is listed in tests/sdk_parity_allowed.txt as
`webhook openai.types.webhooks.<Name>` with its reason; a new one fails, as does a stale entry.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import typing
from typing import Any

import openai
import pydantic
import pytest
from openai.types.webhooks import UnwrapWebhookEvent as SdkEvent

import typed_openai
from tests.test_sdk_parity import ALLOWED_FILE, allowed

KEY = b"fid-surface webhook key"
SECRET = "whsec_" + base64.b64encode(KEY).decode()


def _sign(body: str) -> dict[str, str]:
    stamp = str(int(time.time()))
    mac = hmac.new(KEY, f"msg_1.{stamp}.{body}".encode(), hashlib.sha256).digest()
    return {
        "webhook-id": "msg_1",
        "webhook-timestamp": stamp,
        "webhook-signature": "v1," + base64.b64encode(mac).decode(),
    }


def _value(annotation: Any) -> Any:
    """A value of a required field: the first Literal member, a model's required fields."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _value(args[0])
    if origin is typing.Literal:
        return args[0]
    if origin is typing.Union:
        return _value(next(a for a in args if a is not type(None)))
    if origin in (list, typing.List):
        return [_value(args[0])] if args else []
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return {
            info.alias or name: _value(info.annotation)
            for name, info in annotation.model_fields.items()
            if info.is_required()
        }
    return {str: "x_1", int: 1, float: 1.0, bool: True}.get(annotation, "x_1")


def _members() -> list[type[pydantic.BaseModel]]:
    return list(typing.get_args(typing.get_args(SdkEvent)[0]))


def _payload(cls: type[pydantic.BaseModel]) -> str:
    body = _value(cls)
    cls.model_validate(body)  # a payload the SDK itself accepts
    return json.dumps(body)


def _unwrapped_alike() -> tuple[dict[str, str], int]:
    """`webhook <SDK class>` -> what ours returned, for every event ours does not type alike."""
    ours = typed_openai.OpenAI(api_key="k", webhook_secret=SECRET, base_url="http://x/v1")
    theirs = openai.OpenAI(api_key="k", webhook_secret=SECRET, base_url="http://x/v1")
    differ: dict[str, str] = {}
    alike = 0
    for cls in _members():
        body = _payload(cls)
        event, oracle = (
            ours.webhooks.unwrap(body, _sign(body)),
            theirs.webhooks.unwrap(body, _sign(body)),
        )
        assert type(oracle) is cls
        key = f"webhook {cls.__module__.rpartition('.')[0]}.{cls.__name__}"
        if (
            type(event).__name__ == cls.__name__
            and type(event).__module__.startswith("typed_openai.types.webhooks.")
            and event.model_dump(exclude_none=True) == oracle.model_dump(exclude_none=True)
        ):
            alike += 1
        else:
            differ[key] = f"{type(event).__module__}.{type(event).__name__}"
    return differ, alike


def test_every_sdk_webhook_event_unwraps_to_its_class_or_is_listed() -> None:
    differ, alike = _unwrapped_alike()
    listed = {k: why for k, why in allowed().items() if k.startswith("webhook ")}
    print(f"webhook events: {alike} unwrapped to the SDK's class, {len(differ)} listed")
    assert alike >= 16  # the upstream document's 16 webhook payloads
    unlisted = sorted(set(differ) - set(listed))
    assert not unlisted, f"not in {ALLOWED_FILE.name}: " + "\n".join(
        f"{k} (ours: {differ[k]})" for k in unlisted
    )
    stale = sorted(set(listed) - set(differ))
    assert not stale, f"unwraps alike now, remove from {ALLOWED_FILE.name}: {stale}"


@pytest.mark.parametrize("cls", _members(), ids=lambda c: c.__name__)
def test_the_sdk_accepts_the_payload_built_for_it(cls: type[pydantic.BaseModel]) -> None:
    event = cls.model_validate_json(_payload(cls))
    assert event.type == typing.get_args(cls.model_fields["type"].annotation)[0]  # type: ignore[attr-defined]
