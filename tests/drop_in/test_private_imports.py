"""Imports of the official SDK's private modules that code of the 1.x era writes (found in
public code: `from openai._types import NOT_GIVEN, NotGiven`, `from openai._streaming import
Stream`, `from openai._base_client import AsyncHttpxClientWrapper`...): each runs against both
packages, and ours hands out the very objects of our public names, not copies."""

from __future__ import annotations

import importlib

import pytest

import typed_openai

IMPORTS: dict[str, list[str]] = {
    "_types": [
        "NOT_GIVEN",
        "NotGiven",
        "Omit",
        "omit",
        "not_given",
        "FileTypes",
        "Body",
        "Headers",
        "Query",
        "NoneType",
        "Timeout",
        "Transport",
        "ProxiesTypes",
        "RequestFiles",
        "RequestOptions",
    ],
    "_streaming": ["Stream", "AsyncStream"],
    "_models": ["BaseModel", "construct_type", "construct_type_unchecked", "validate_type"],
    "_exceptions": [
        "OpenAIError",
        "APIError",
        "APIStatusError",
        "APIConnectionError",
        "APITimeoutError",
        "APIResponseValidationError",
        "AuthenticationError",
        "BadRequestError",
        "ConflictError",
        "InternalServerError",
        "NotFoundError",
        "PermissionDeniedError",
        "RateLimitError",
        "UnprocessableEntityError",
        "LengthFinishReasonError",
        "ContentFilterFinishReasonError",
        "InvalidWebhookSignatureError",
        "WebSocketQueueFullError",
    ],
    "_base_client": [
        "DEFAULT_MAX_RETRIES",
        "DEFAULT_TIMEOUT",
        "DEFAULT_CONNECTION_LIMITS",
        "AsyncHttpxClientWrapper",
        "SyncHttpxClientWrapper",
        "BaseClient",
        "SyncAPIClient",
        "AsyncAPIClient",
    ],
    "_constants": ["DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "DEFAULT_CONNECTION_LIMITS"],
    "_response": [
        "APIResponse",
        "AsyncAPIResponse",
        "StreamedBinaryAPIResponse",
        "AsyncStreamedBinaryAPIResponse",
        "StreamAlreadyConsumed",
    ],
    "_legacy_response": ["HttpxBinaryResponseContent", "LegacyAPIResponse"],
}

# the SDK's names for the httpx clients with the client's defaults
PUBLIC_TWIN = {
    "AsyncHttpxClientWrapper": "DefaultAsyncHttpxClient",
    "SyncHttpxClientWrapper": "DefaultHttpxClient",
}


@pytest.mark.parametrize("module", sorted(IMPORTS))
def test_private_module_imports_run_against_both_packages(module: str) -> None:
    names = IMPORTS[module]
    for package in ("openai", "typed_openai"):
        statement = f"from {package}.{module} import {', '.join(names)}"
        exec(statement, {})  # raises ImportError on a missing name
    ours = importlib.import_module(f"typed_openai.{module}")
    for name in names:
        public = PUBLIC_TWIN.get(name, name)
        if hasattr(typed_openai, public):
            assert getattr(ours, name) is getattr(typed_openai, public), name


def test_default_constants_agree_with_the_sdk() -> None:
    import openai._constants

    from typed_openai import _constants

    assert _constants.DEFAULT_MAX_RETRIES == openai._constants.DEFAULT_MAX_RETRIES
    assert repr(_constants.DEFAULT_TIMEOUT) == repr(openai._constants.DEFAULT_TIMEOUT)


def test_class_names_users_see_are_the_sdks() -> None:
    from typed_openai._core import BinaryResponseContent, RawAPIResponse

    assert typed_openai.HttpxBinaryResponseContent.__name__ == "HttpxBinaryResponseContent"
    assert BinaryResponseContent is typed_openai.HttpxBinaryResponseContent
    assert RawAPIResponse.__name__ == "LegacyAPIResponse"


# the official SDK's private streaming modules that code imports from (accumulators fed by hand,
# wrappers typing their managers), and the public module of ours holding the same objects
STREAMING_IMPORTS: dict[str, tuple[str, list[str]]] = {
    "lib.streaming.chat._completions": (
        "lib.streaming.chat",
        [
            "ChatCompletionStreamState",
            "ChatCompletionStreamManager",
            "AsyncChatCompletionStreamManager",
            "ChatCompletionStream",
            "AsyncChatCompletionStream",
        ],
    ),
    "lib.streaming.responses._responses": (
        "lib.streaming.responses",
        [
            "ResponseStreamState",
            "ResponseStreamManager",
            "AsyncResponseStreamManager",
            "ResponseStream",
            "AsyncResponseStream",
        ],
    ),
    "lib.streaming._assistants": (
        "lib.streaming",
        [
            "AssistantEventHandler",
            "AsyncAssistantEventHandler",
            "AssistantStreamManager",
            "AsyncAssistantStreamManager",
            "AssistantEventHandlerT",
            "AsyncAssistantEventHandlerT",
        ],
    ),
}


@pytest.mark.parametrize("module", sorted(STREAMING_IMPORTS))
def test_private_streaming_modules_hold_the_public_classes(module: str) -> None:
    public_module, names = STREAMING_IMPORTS[module]
    for package in ("openai", "typed_openai"):
        exec(f"from {package}.{module} import {', '.join(names)}", {})
    ours = importlib.import_module(f"typed_openai.{module}")
    public = importlib.import_module(f"typed_openai.{public_module}")
    for name in names:
        assert getattr(ours, name) is getattr(public, name), name


def test_assistants_module_shares_the_chat_delta_accumulator() -> None:
    from typed_openai.lib.streaming import _assistants, _deltas

    assert _assistants.accumulate_delta is _deltas.accumulate_delta
