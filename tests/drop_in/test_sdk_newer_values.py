"""Enum values of the official SDK (openai 3.57.0) newer than the upstream API document, which
spec/openapi.yml lists in `x-sdk-newer-values` beside the enum holding them.

A value the SDK's Literal has and ours lacks is one a client with `_strict_response_validation=True`
rejects in an answer (APIResponseValidationError where the SDK returns the object) and one a type
checker flags in a call written for the SDK. `tools.sdk_literals` finds them all; the answers and
calls below carry some through both packages over the loopback server, validated strictly.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, get_args, get_origin

from typing_extensions import Literal

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


# Open enums (model names, voices: `Literal[...] | str`) left short on purpose, each with its reason.
# A place where the SDK reuses a shared alias and the document has a list of that endpoint's own:
# the assistants and runs `model` (the SDK's ChatModel, the document's AssistantSupportedModels),
# translations (the SDK's AudioModel, the document's whisper-1 only), image variations (the SDK's
# ImageModel, the document's dall-e-2 only), image edits (ImageModel's dall-e-3, which the document's
# edit list lacks). And the speech voice: the document's is the shared VoiceIdsOrCustomVoice, chat
# audio's voice too, where the SDK lacks fable, nova and onyx.
_CHAT_NOT_ASSISTANTS = {
    "chatgpt-4o-latest",
    "codex-mini-latest",
    "gpt-3.5-turbo-0301",
    "gpt-4o-audio-preview",
    "gpt-4o-audio-preview-2024-10-01",
    "gpt-4o-audio-preview-2024-12-17",
    "gpt-4o-audio-preview-2025-06-03",
    "gpt-4o-mini-audio-preview",
    "gpt-4o-mini-audio-preview-2024-12-17",
    "gpt-4o-mini-search-preview",
    "gpt-4o-mini-search-preview-2025-03-11",
    "gpt-4o-search-preview",
    "gpt-4o-search-preview-2025-03-11",
    "gpt-5-chat-latest",
    "gpt-5.1",
    "gpt-5.1-2025-11-13",
    "gpt-5.1-chat-latest",
    "gpt-5.1-codex",
    "gpt-5.1-mini",
    "gpt-5.2",
    "gpt-5.2-2025-12-11",
    "gpt-5.2-chat-latest",
    "gpt-5.2-pro",
    "gpt-5.2-pro-2025-12-11",
    "gpt-5.3-chat-latest",
    "gpt-5.4",
    "gpt-5.4-mini",
    "gpt-5.4-mini-2026-03-17",
    "gpt-5.4-nano",
    "gpt-5.4-nano-2026-03-17",
    "gpt-5.5",
    "gpt-5.5-2026-04-23",
    "gpt-5.6-luna",
    "gpt-5.6-sol",
    "gpt-5.6-terra",
    "gpt-6-astra",
    "gpt-6-luna",
    "gpt-6-sol",
    "gpt-6.1-sol",
    "gpt-6.1-terra",
    "gpt-6.2-astra",
    "gpt-6.2-sol",
    "gpt-audio-mini",
    "gpt-audio-mini-2025-12-15",
    "o1-mini",
    "o1-mini-2024-09-12",
    "o1-preview",
    "o1-preview-2024-09-12",
    "o3",
    "o3-2025-04-16",
    "o4-mini",
    "o4-mini-2025-04-16",
}
_IMAGE_NOT_VARIATIONS = {
    "chatgpt-image-latest",
    "dall-e-3",
    "gpt-image-1",
    "gpt-image-1-mini",
    "gpt-image-1.5",
    "gpt-image-2",
    "gpt-image-2-2026-04-21",
    "gpt-image-2.5-flare",
    "gpt-image-2.5-flare-2026-09-08",
    "gpt-image-2.5-sunburst",
    "gpt-image-2.5-sunburst-2026-09-08",
    "gpt-image-2.6-flare",
    "gpt-image-2.6-sunburst",
}
_T = "openai.types."
OPEN_LEFT_OUT = {
    _T + "beta.assistant_create_params.AssistantCreateParams.model": _CHAT_NOT_ASSISTANTS,
    **{
        f"{_T}beta.threads.run_create_params.RunCreateParams{kind}.model": _CHAT_NOT_ASSISTANTS
        for kind in ("Base", "NonStreaming", "Streaming")
    },
    # the thread-and-run list of the document lacks o1, o3-mini too (the run's has them)
    **{
        f"{_T}beta.thread_create_and_run_params.ThreadCreateAndRunParams{kind}.model": (
            _CHAT_NOT_ASSISTANTS | {"o1", "o1-2024-12-17", "o3-mini", "o3-mini-2025-01-31"}
        )
        for kind in ("Base", "NonStreaming", "Streaming")
    },
    _T + "audio.translation_create_params.TranslationCreateParams.model": {
        "gpt-4o-mini-transcribe",
        "gpt-4o-mini-transcribe-2025-12-15",
        "gpt-4o-transcribe",
        "gpt-4o-transcribe-diarize",
        "gpt-transcribe",
    },
    _T + "image_create_variation_params.ImageCreateVariationParams.model": _IMAGE_NOT_VARIATIONS,
    **{
        f"{_T}image_edit_params.ImageEditParams{kind}.model": {"dall-e-3"}
        for kind in ("Base", "NonStreaming", "Streaming")
    },
    _T + "audio.speech_create_params.SpeechCreateParams.voice": {"fable", "nova", "onyx"},
    _T + "audio.speech_create_params.Voice": {"fable", "nova", "onyx"},
}


def test_no_model_name_of_the_sdk_is_missing_here() -> None:
    """Every Literal value of the SDK's open enums (the model-name aliases ChatModel,
    ResponsesModel, AllModels, ImageModel, ... and the fields typed with them): the newer model
    names are in the `x-sdk-newer-values` of spec/openapi.yml."""
    found, compared = missing_values(open_enums=True)
    assert compared > 200  # open-enum fields and aliases (247 in 3.57.0)
    assert found == OPEN_LEFT_OUT, "\n".join(f"{k}: {sorted(v)}" for k, v in sorted(found.items()))


def test_the_model_name_aliases_list_the_sdks_names_in_its_order() -> None:
    import openai.types
    import openai.types.shared

    import typed_openai.types
    import typed_openai.types.shared

    def names(alias: Any) -> list[str]:
        """The Literal values in order, through unions (the SDK's ChatModel is a bare Literal)."""
        if get_origin(alias) is Literal:
            return list(get_args(alias))
        return [name for member in get_args(alias) for name in names(member)]

    for alias in ("ChatModel", "AudioModel", "EmbeddingModel"):
        theirs = names(getattr(openai.types, alias))
        assert names(getattr(typed_openai.types, alias)) == theirs, alias
    assert {"gpt-6-astra", "gpt-audio-mini"} <= set(theirs := names(openai.types.ChatModel))
    ours = names(typed_openai.types.shared.ResponsesModel)
    assert ours == names(openai.types.shared.ResponsesModel)
    assert ours[-1] == "gpt-6.2-astra-law"
    # ImageModel: the document's order for the names it has, the newer ones beside their kin
    assert set(names(typed_openai.types.ImageModel)) == set(names(openai.types.ImageModel))
    assert "gpt-image-2.6-flare" in names(typed_openai.types.ImageModel)


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
