"""Enum values of the official SDK (openai 3.57.0) newer than the upstream API document, which
spec/openapi.yml lists in `x-sdk-newer-values` beside the enum holding them.

A value the SDK's Literal has and ours lacks is one a client with `_strict_response_validation=True`
rejects in an answer (APIResponseValidationError where the SDK returns the object) and one a type
checker flags in a call written for the SDK. `tools.sdk_literals` finds them all; the answers and
calls below carry some through both packages over the loopback server, validated strictly.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer
from tools.sdk_literals import missing_values

from .conftest import API_KEY, run_both
from .test_real_world_apps import output_message, response_object

# Values left out on purpose (class -> field -> values), each with its reason:
# the beta realtime item's `item_reference` type: the SDK's ConversationItem (which lacks it) and
# ConversationItemWithReference (which has it) are one schema here, the document's
# RealtimeConversationItemWithReference; with the value it no longer has ConversationItem's shape
# and `beta.realtime.conversation_item.ConversationItem` (tools/sdk_names) would be lost with it.
LEFT_OUT = {
    f"openai.types.beta.realtime.{module}.{name}.type": {"item_reference"}
    for module, name in [
        ("conversation_item_with_reference", "ConversationItemWithReference"),
        ("conversation_item_with_reference_param", "ConversationItemWithReferenceParam"),
    ]
}


def test_no_literal_value_of_the_sdk_is_missing_here() -> None:
    """Every Literal value of a field (or params key) the SDK's class and ours both have."""
    found, compared = missing_values()
    assert compared > 3000  # fields whose annotation here has Literal values (3246 in 3.57.0)
    assert found == LEFT_OUT, "\n".join(f"{k}: {sorted(v)}" for k, v in sorted(found.items()))


def _strict(sdk: ModuleType, server: ScriptedServer, **kwargs: Any) -> Any:
    return sdk.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        max_retries=0,
        _strict_response_validation=True,
        **kwargs,
    )


def _reply_and_call(sdk: ModuleType, server: ScriptedServer, body: Any, call: Any) -> Any:
    """The call's result read back, or the validation error's class name."""
    server.requests.clear()
    server.reply(Reply.json(body))
    with _strict(sdk, server, admin_api_key="sk-admin-drop-in") as client:
        try:
            result = call(client)
        except sdk.APIResponseValidationError as e:
            return type(e).__name__
    request = server.requests[0]
    return result.model_dump(
        mode="json", exclude_unset=True
    ), request.json() if request.body else None


WEB_SEARCH = {
    "id": "ws_1",
    "type": "web_search_call",
    "status": "incomplete",
    "action": {"type": "search", "query": "q"},
}
COMPUTER_OUTPUT = {
    "id": "cuo_1",
    "type": "computer_call_output",
    "call_id": "c1",
    "status": "in_progress",
    "output": {"type": "computer_screenshot", "image_url": "data:image/png;base64,AA=="},
}
IMAGE_TOOL = {"type": "image_generation", "output_format": "svg", "quality": "max"}


def _valid_response(output: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A response both packages' strict validation takes (the SDK requires the usage's
    cache_write_tokens, a field newer than the document)."""
    answer = response_object(output, **extra)
    answer["usage"]["input_tokens_details"] = {"cached_tokens": 0, "cache_write_tokens": 0}
    return answer


def _newer_response() -> dict[str, Any]:
    return _valid_response(
        [output_message("Hi"), WEB_SEARCH],
        status="incomplete",
        incomplete_details={"reason": "steered"},
        prompt_cache_options={"mode": "explicit", "ttl": "12h"},
        tools=[IMAGE_TOOL],
    )


def test_a_response_with_newer_values_passes_strict_validation_as_with_the_sdk(
    server: ScriptedServer,
) -> None:
    def observed(sdk: ModuleType) -> Any:
        return _reply_and_call(
            sdk,
            server,
            _newer_response(),
            lambda client: client.responses.create(
                model="gpt-5",
                input="hi",
                prompt_cache_options={"mode": "explicit", "ttl": "12h"},
                tools=[IMAGE_TOOL],
            ),
        )

    ours, theirs = run_both(observed)
    dumped, sent = ours
    assert dumped["incomplete_details"] == {"reason": "steered"}
    assert dumped["prompt_cache_options"]["ttl"] == "12h"
    assert dumped["output"][1]["status"] == "incomplete"
    assert sent["tools"] == [IMAGE_TOOL]
    assert ours == theirs


def test_newer_error_code_and_item_status_pass_strict_validation_as_with_the_sdk(
    server: ScriptedServer,
) -> None:
    error = {"code": "misalignment_policy_violation", "message": "stopped"}
    body = _valid_response([COMPUTER_OUTPUT], status="failed", error=error)

    def observed(sdk: ModuleType) -> Any:
        return _reply_and_call(
            sdk, server, body, lambda client: client.responses.retrieve("resp_abc")
        )

    ours, theirs = run_both(observed)
    assert ours[0]["error"]["code"] == "misalignment_policy_violation"
    assert ours[0]["output"][0]["status"] == "in_progress"
    assert ours == theirs


def test_svg_images_at_max_quality_go_out_and_read_back_as_with_the_sdk(
    server: ScriptedServer,
) -> None:
    answer = {
        "created": 1,
        "data": [{"b64_json": "PHN2Zy8+"}],
        "output_format": "svg",
        "quality": "xhigh",
    }

    def observed(sdk: ModuleType) -> Any:
        return _reply_and_call(
            sdk,
            server,
            answer,
            lambda client: client.images.generate(
                model="gpt-image-1", prompt="a fox", output_format="svg", quality="max"
            ),
        )

    ours, theirs = run_both(observed)
    assert ours[0]["output_format"] == "svg" and ours[0]["quality"] == "xhigh"
    assert ours[1]["output_format"] == "svg" and ours[1]["quality"] == "max"
    assert ours == theirs


def test_admin_answers_with_newer_values_pass_strict_validation_as_with_the_sdk(
    server: ScriptedServer,
) -> None:
    project = {
        "id": "proj_1",
        "object": "organization.project",
        "name": "Tokyo",
        "created_at": 1,
        "status": "active",
        "residency": "JP_STORAGE_PROCESSING",
    }

    def observed(sdk: ModuleType) -> Any:
        return _reply_and_call(
            sdk,
            server,
            project,
            lambda client: client.admin.organization.projects.create(
                name="Tokyo", residency="JP_STORAGE_PROCESSING"
            ),
        )

    ours, theirs = run_both(observed)
    assert ours[0]["residency"] == ours[1]["residency"] == "JP_STORAGE_PROCESSING"
    assert ours == theirs
