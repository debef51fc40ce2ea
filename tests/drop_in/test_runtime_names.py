"""Point 4 of issue 15 (the runtime part): the official package's top-level names for clients,
HTTP clients, constants, sentinels, responses and errors exist here too and behave alike.

Compared by introspection with the installed official SDK. (The module-by-module surface parity
test covers every other name.)
"""

from __future__ import annotations

import inspect
from typing import Any, get_type_hints

import httpx
import pytest

import typed_openai

from .conftest import official

CLASSES = [
    "OpenAI",
    "AsyncOpenAI",
    "Client",
    "AsyncClient",
    "Stream",
    "AsyncStream",
    "APIResponse",
    "AsyncAPIResponse",
    "BaseModel",
    "NotGiven",
    "Omit",
    "NoneType",
    "Timeout",
    "Transport",
    "DefaultHttpxClient",
    "DefaultAsyncHttpxClient",
    "DefaultAioHttpClient",
    "HttpxBinaryResponseContent",
    "RequestOptions",
    "AzureOpenAI",
    "AsyncAzureOpenAI",
    "ReconnectingEvent",
    "ReconnectingOverrides",
]
ERRORS = [
    "OpenAIError",
    "APIError",
    "APIStatusError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "LengthFinishReasonError",
    "ContentFilterFinishReasonError",
    "InvalidWebhookSignatureError",
    "OAuthError",
    "WebSocketConnectionClosedError",
    "WebSocketQueueFullError",
]
VALUES = [
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_CONNECTION_LIMITS",
    "NOT_GIVEN",
    "not_given",
    "omit",
    "ProxiesTypes",
    "file_from_path",
]
# Official top-level names this client does not have, each for a reason.
NOT_HERE = {
    "BedrockOpenAI": "provider plug-ins are not supported",
    "AsyncBedrockOpenAI": "provider plug-ins are not supported",
}


def test_the_official_runtime_names_are_all_here() -> None:
    theirs = official()
    for name in [*CLASSES, *ERRORS, *VALUES]:
        assert hasattr(theirs, name), f"the oracle lost {name}: update this list"
        assert name in typed_openai.__all__ or name in ("APIResponse", "AsyncAPIResponse"), name
        assert getattr(typed_openai, name) is not None, name
    for name in NOT_HERE:
        assert hasattr(theirs, name) and not hasattr(typed_openai, name), name


def test_kinds_agree() -> None:
    theirs = official()
    for name in [*CLASSES, *ERRORS, *VALUES]:
        ours_value, their_value = getattr(typed_openai, name), getattr(theirs, name)
        assert inspect.isclass(ours_value) == inspect.isclass(their_value), name
        assert callable(ours_value) == callable(their_value), name


@pytest.mark.parametrize("name", ERRORS)
def test_error_hierarchy_agrees(name: str) -> None:
    theirs = official()
    ours_cls, their_cls = getattr(typed_openai, name), getattr(theirs, name)
    for other in ERRORS:
        assert issubclass(ours_cls, getattr(typed_openai, other)) == issubclass(
            their_cls, getattr(theirs, other)
        ), (name, other)
    assert issubclass(ours_cls, ValueError) == issubclass(their_cls, ValueError)


def test_constants_agree() -> None:
    theirs = official()
    assert typed_openai.DEFAULT_MAX_RETRIES == theirs.DEFAULT_MAX_RETRIES
    assert typed_openai.DEFAULT_TIMEOUT.as_dict() == theirs.DEFAULT_TIMEOUT.as_dict()
    ours_limits, their_limits = (
        typed_openai.DEFAULT_CONNECTION_LIMITS,
        theirs.DEFAULT_CONNECTION_LIMITS,
    )
    assert (
        ours_limits.max_connections,
        ours_limits.max_keepalive_connections,
        ours_limits.keepalive_expiry,
    ) == (
        their_limits.max_connections,
        their_limits.max_keepalive_connections,
        their_limits.keepalive_expiry,
    )


def test_sentinels_and_aliases() -> None:
    assert typed_openai.Timeout is httpx.Timeout
    assert typed_openai.Timeout(60, connect=5).connect == 5
    assert typed_openai.Transport is httpx.BaseTransport
    assert typed_openai.NoneType is type(None)
    assert typed_openai.Client is typed_openai.OpenAI
    assert typed_openai.AsyncClient is typed_openai.AsyncOpenAI
    assert isinstance(typed_openai.omit, typed_openai.Omit)
    assert isinstance(typed_openai.not_given, typed_openai.NotGiven) and not typed_openai.not_given
    from typed_openai._core import BinaryResponseContent

    assert typed_openai.HttpxBinaryResponseContent is BinaryResponseContent


def test_request_options_keys_are_the_official_ones_we_honour() -> None:
    ours = set(get_type_hints(typed_openai.RequestOptions))
    theirs = set(official().RequestOptions.__annotations__)
    # the official SDK's internal switches (auth schemes, its SSE event modes) are not options here
    assert theirs - ours == {"security", "synthesize_event_and_data", "stream_mode"}
    assert ours <= theirs


@pytest.mark.parametrize(
    ("name", "base"),
    [("DefaultHttpxClient", httpx.Client), ("DefaultAsyncHttpxClient", httpx.AsyncClient)],
)
def test_default_http_clients_carry_the_sdk_defaults(name: str, base: type[Any]) -> None:
    cls = getattr(typed_openai, name)
    client = cls()
    assert isinstance(client, base)
    assert client.timeout == typed_openai.DEFAULT_TIMEOUT
    assert client.follow_redirects is True
    custom = cls(timeout=3.0, follow_redirects=False)
    assert custom.timeout == httpx.Timeout(3.0) and custom.follow_redirects is False
    # the official ones keep the same defaults (timeouts compared as values)
    theirs = getattr(official(), name)()
    assert theirs.timeout.as_dict() == client.timeout.as_dict()
    assert theirs.follow_redirects is True


@pytest.mark.anyio
async def test_default_http_clients_are_accepted_as_http_client() -> None:
    with typed_openai.OpenAI(api_key="k", http_client=typed_openai.DefaultHttpxClient()) as client:
        assert isinstance(client._http, httpx.Client)  # pyright: ignore[reportPrivateUsage]
    async with typed_openai.AsyncOpenAI(
        api_key="k", http_client=typed_openai.DefaultAsyncHttpxClient()
    ) as async_client:
        assert isinstance(async_client._http, httpx.AsyncClient)  # pyright: ignore[reportPrivateUsage]
    with pytest.raises(TypeError, match=r"http_client must be an instance of httpx\.Client"):
        typed_openai.OpenAI(api_key="k", http_client=typed_openai.DefaultAioHttpClient())


@pytest.mark.parametrize(
    ("name", "base"),
    [("DefaultHttpx2Client", httpx.Client), ("DefaultAsyncHttpx2Client", httpx.AsyncClient)],
)
def test_the_httpx2_named_helpers_give_httpx_clients_with_the_sdk_defaults(
    name: str, base: type[Any]
) -> None:
    # the official SDK's helpers build httpx2 clients; this client is built on httpx
    assert callable(getattr(official(), name))
    client = getattr(typed_openai, name)(timeout=7.0)
    assert isinstance(client, base)
    assert client.timeout == httpx.Timeout(7.0) and client.follow_redirects is True
    assert name in typed_openai.__all__
