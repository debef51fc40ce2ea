"""`types.webhooks` has the official SDK's webhook-endpoint objects, holding what the SDK's hold.

The upstream document has no webhook-endpoint API, so spec/openapi.yml describes these objects
itself (its header lists them as a deliberate difference); no method of ours returns them, but
code written for the SDK imports them, builds them from stored answers and reads their items. The
same code runs against both packages.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import pytest

PACKAGES = ["typed_openai", "openai"]

ENDPOINT = {
    "id": "we_1",
    "object": "webhook_endpoint",
    "name": "orders",
    "url": "https://example.test/hook",
    "event_types": ["response.completed", "batch.failed"],
    "created_at": 1700000000,
    "signing_secret_hint": "whsec_ab...",
}


def _webhooks(package: str, module: str = "") -> ModuleType:
    return importlib.import_module(f"{package}.types.webhooks{module}")


def _read(package: str) -> dict[str, Any]:
    types = _webhooks(package)
    page = _webhooks(package, ".webhook_endpoint_list").WebhookEndpointList.model_validate(
        {
            "object": "list",
            "data": [ENDPOINT],
            "first_id": "we_1",
            "last_id": "we_1",
            "has_more": False,
        }
    )
    kinds = _webhooks(package, ".webhook_event_type_list").WebhookEventTypeList.model_validate(
        {"object": "list", "data": ["batch.completed", "response.failed"]}
    )
    made = types.WebhookEndpointWithSecret.model_validate({**ENDPOINT, "signing_secret": "whsec_x"})
    deleted = types.DeletedWebhookEndpoint.model_validate(
        {"id": "we_1", "object": "webhook_endpoint.deleted", "deleted": True}
    )
    tested = types.WebhookEndpointTestResult.model_validate(
        {
            "object": "webhook_endpoint.test",
            "webhook_endpoint_id": "we_1",
            "event_type": "batch.completed",
            "status_code": 200,
            "success": True,
        }
    )
    endpoint = page.data[0]
    return {
        "item is a WebhookEndpoint": isinstance(endpoint, types.WebhookEndpoint),
        "endpoint": endpoint.to_dict(),
        "repr": repr(endpoint).split("(", 1)[1],
        "updated_at": endpoint.updated_at,
        "page": (page.first_id, page.has_more, list(type(page).model_fields)),
        "event types": kinds.data,
        "secret": (made.signing_secret, made.name, list(type(made).model_fields)),
        "deleted": deleted.to_dict(),
        "tested": tested.to_json(indent=None),
    }


def test_webhook_endpoint_objects_read_the_same_with_both_packages() -> None:
    ours, theirs = (_read(package) for package in PACKAGES)
    assert ours["item is a WebhookEndpoint"] is True
    assert ours["event types"] == ["batch.completed", "response.failed"]  # names, not models
    assert ours == theirs


@pytest.mark.parametrize("package", PACKAGES)
def test_a_page_without_cursors_still_builds(package: str) -> None:
    """The SDK's list leaves first_id / last_id optional (nullable)."""
    page_class = _webhooks(package, ".webhook_endpoint_list").WebhookEndpointList
    page = page_class.model_validate({"object": "list", "data": [], "has_more": False})
    assert (page.first_id, page.last_id, page.data) == (None, None, [])
