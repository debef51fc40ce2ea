"""Helpers shared by the endpoint modules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._errors import ApiError, invalid_type, not_found
from .._pagination import public
from .._wire import Response, json_response

if TYPE_CHECKING:
    from .._app import App

JsonObject = dict[str, Any]


def fetch(app: App, kind: str, object_id: str, label: str) -> JsonObject:
    """The stored object, or the API's 404 naming ``label`` ("assistant", "thread" …)."""
    obj = app.store.get(kind, object_id)
    if obj is None:
        raise not_found(label, object_id)
    return obj


def metadata_of(body: JsonObject, default: JsonObject | None = None) -> JsonObject:
    """Validated ``metadata``: at most 16 string pairs, keys <= 64 and values <= 512 characters."""
    value = body.get("metadata")
    if value is None:
        return {} if default is None else default
    if not isinstance(value, dict):
        raise invalid_type("metadata", "an object")
    if len(value) > 16:
        raise ApiError(400, "Invalid 'metadata': too many properties (max 16).", param="metadata")
    for key, item in value.items():
        if not isinstance(item, str):
            raise invalid_type(f"metadata.{key}", "a string")
        if len(key) > 64 or len(item) > 512:
            raise ApiError(400, "Invalid 'metadata': key or value too long.", param="metadata")
    return dict(value)


def render(obj: JsonObject, *, poll_hint: str | None = None) -> Response:
    headers = {"openai-poll-after-ms": poll_hint} if poll_hint else None
    return json_response(public(obj), headers=headers)


def deleted(object_id: str, object_name: str) -> Response:
    return json_response({"id": object_id, "object": object_name, "deleted": True})
