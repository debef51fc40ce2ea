"""typed_openai: a typed client for the OpenAI API, drop-in compatible with the `openai` SDK.

Names load on first use (module `__getattr__`), so `import typed_openai` costs almost nothing;
the client, its resources and models are imported when touched.
"""

from __future__ import annotations

import os as _os
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import httpx
    from httpx import Timeout as Timeout

    from . import types as types
    from ._client import AsyncOpenAI as AsyncClient
    from ._client import AsyncOpenAI as AsyncOpenAI
    from ._client import OpenAI as Client
    from ._client import OpenAI as OpenAI
    from ._core import DEFAULT_LIMITS as DEFAULT_CONNECTION_LIMITS
    from ._core import DEFAULT_MAX_RETRIES as DEFAULT_MAX_RETRIES
    from ._core import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
    from ._core import NOT_GIVEN as NOT_GIVEN
    from ._core import APIConnectionError as APIConnectionError
    from ._core import APIError as APIError
    from ._core import APIResponse as APIResponse
    from ._core import APIResponseValidationError as APIResponseValidationError
    from ._core import APIStatusError as APIStatusError
    from ._core import APITimeoutError as APITimeoutError
    from ._core import AsyncAPIResponse as AsyncAPIResponse
    from ._core import AsyncStream as AsyncStream
    from ._core import AuthenticationError as AuthenticationError
    from ._core import BadRequestError as BadRequestError
    from ._core import BaseModel as BaseModel
    from ._core import ConflictError as ConflictError
    from ._core import DefaultAioHttpClient as DefaultAioHttpClient
    from ._core import DefaultAsyncHttpxClient as DefaultAsyncHttpx2Client
    from ._core import DefaultAsyncHttpxClient as DefaultAsyncHttpxClient
    from ._core import DefaultHttpxClient as DefaultHttpx2Client
    from ._core import DefaultHttpxClient as DefaultHttpxClient
    from ._core import HttpxBinaryResponseContent as HttpxBinaryResponseContent
    from ._core import InternalServerError as InternalServerError
    from ._core import InvalidWebhookSignatureError as InvalidWebhookSignatureError
    from ._core import NoneType as NoneType
    from ._core import NotFoundError as NotFoundError
    from ._core import NotGiven as NotGiven
    from ._core import OAuthError as OAuthError
    from ._core import Omit as Omit
    from ._core import OpenAIError as OpenAIError
    from ._core import PermissionDeniedError as PermissionDeniedError
    from ._core import ProxiesTypes as ProxiesTypes
    from ._core import RateLimitError as RateLimitError
    from ._core import RequestOptionsDict as RequestOptions
    from ._core import Stream as Stream
    from ._core import Transport as Transport
    from ._core import UnprocessableEntityError as UnprocessableEntityError
    from ._core import WebSocketConnectionClosedError as WebSocketConnectionClosedError
    from ._core import WebSocketQueueFullError as WebSocketQueueFullError
    from ._core import file_from_path as file_from_path
    from ._core._types import not_given as not_given
    from ._generated._client import DataResidency as DataResidency
    from ._version import __title__ as __title__
    from ._version import __version__ as __version__
    from .lib._parsing._errors import (
        ContentFilterFinishReasonError as ContentFilterFinishReasonError,
    )
    from .lib._parsing._errors import LengthFinishReasonError as LengthFinishReasonError
    from .lib._realtime._reconnect import ReconnectingEvent as ReconnectingEvent
    from .lib._realtime._reconnect import ReconnectingOverrides as ReconnectingOverrides
    from .lib._tools import pydantic_function_tool as pydantic_function_tool
    from .lib._tools import (
        pydantic_responses_function_tool as pydantic_responses_function_tool,
    )
    from .lib.azure import AsyncAzureOpenAI as AsyncAzureOpenAI
    from .lib.azure import AzureOpenAI as AzureOpenAI
    from .lib.computer import AsyncComputerDriver as AsyncComputerDriver
    from .lib.computer import AsyncComputerToolset as AsyncComputerToolset
    from .lib.computer import ComputerDriver as ComputerDriver
    from .lib.computer import ComputerToolset as ComputerToolset
    from .lib.streaming.assistants import AssistantEventHandler as AssistantEventHandler
    from .lib.streaming.assistants import (
        AsyncAssistantEventHandler as AsyncAssistantEventHandler,
    )
    from .version import VERSION as VERSION

    omit: Omit

# --- the module-level client (see _module_client): `typed_openai.api_key = "..."`, then
# `typed_openai.chat.completions.create(...)`; `timeout` and `max_retries` read as the client's
# defaults until assigned
api_key: str | None = None
admin_api_key: str | None = None
organization: str | None = None
project: str | None = None
webhook_secret: str | None = None
base_url: str | httpx.URL | None = None
default_headers: Mapping[str, str] | None = None
default_query: Mapping[str, object] | None = None
http_client: httpx.Client | None = None
# Azure OpenAI (typed_openai.lib.azure): `api_type = "azure"` (or, left None, Azure settings or
# credentials found on first use with no OpenAI key in the environment) makes the module client an
# AzureOpenAI; unset ones come from the environment as for AzureOpenAI()
api_type: Literal["openai", "azure"] | None = _os.environ.get("OPENAI_API_TYPE")  # type: ignore[assignment]
api_version: str | None = None
azure_endpoint: str | None = None
azure_ad_token: str | None = None
azure_ad_token_provider: Callable[[], str] | None = None

if _os.environ.get("OPENAI_LOG"):
    # As the official SDK, OPENAI_LOG applies when the package is imported: an application's
    # `logging.basicConfig(...)` after its imports then finds the root logger configured, as it
    # would with the official package (the clients apply the variable too, once per process).
    # "openai._base_client" is the client's `log_name` (spec/config.yml).
    def _setup_logging() -> None:
        import logging

        from ._core._logging import setup_logging_from_env

        setup_logging_from_env("OPENAI_LOG", logging.getLogger("openai._base_client"))

    _setup_logging()
    del _setup_logging

if TYPE_CHECKING:
    # what may be assigned, as the official SDK types them (`typed_openai.timeout = 30.0`, or
    # None for no timeout)
    timeout: float | Timeout | None
    max_retries: int

    # The top-level resources of the module client, typed as a client's (at run time `__getattr__`
    # hands out `_module_client` proxies): `typed_openai.chat.completions.create(...)` is typed as
    # `OpenAI().chat.completions.create(...)`, as with the official SDK (tests/typing j_chat_types).
    def _default_client() -> OpenAI: ...

    admin = _default_client().admin
    audio = _default_client().audio
    batches = _default_client().batches
    beta = _default_client().beta
    chat = _default_client().chat
    completions = _default_client().completions
    containers = _default_client().containers
    content_provenance_checks = _default_client().content_provenance_checks
    conversations = _default_client().conversations
    embeddings = _default_client().embeddings
    evals = _default_client().evals
    files = _default_client().files
    fine_tuning = _default_client().fine_tuning
    images = _default_client().images
    models = _default_client().models
    moderations = _default_client().moderations
    realtime = _default_client().realtime
    responses = _default_client().responses
    skills = _default_client().skills
    uploads = _default_client().uploads
    vector_stores = _default_client().vector_stores
    videos = _default_client().videos
    webhooks = _default_client().webhooks

# public modules reachable as attributes without importing them first, as in the official SDK
_SUBMODULES = frozenset({"types", "pagination", "version", "lib", "resources"})

_FROM_CLIENT = frozenset({"OpenAI", "AsyncOpenAI"})
_FROM_CORE = frozenset(
    {
        "DEFAULT_MAX_RETRIES",
        "DEFAULT_TIMEOUT",
        "DefaultAioHttpClient",
        "DefaultAsyncHttpxClient",
        "DefaultHttpxClient",
        "InvalidWebhookSignatureError",
        "NoneType",
        "OAuthError",
        "ProxiesTypes",
        "Transport",
        "WebSocketConnectionClosedError",
        "WebSocketQueueFullError",
        "NOT_GIVEN",
        "APIConnectionError",
        "APIError",
        "APIResponse",
        "APIResponseValidationError",
        "APIStatusError",
        "APITimeoutError",
        "AsyncAPIResponse",
        "AsyncStream",
        "AuthenticationError",
        "BadRequestError",
        "BaseModel",
        "ConflictError",
        "InternalServerError",
        "NotFoundError",
        "NotGiven",
        "Omit",
        "OpenAIError",
        "PermissionDeniedError",
        "RateLimitError",
        "Stream",
        "UnprocessableEntityError",
        "file_from_path",
    }
)

# the official SDK's names for things that are called otherwise here: public name -> (module
# relative to this package, attribute)
_RENAMED = {
    "Client": ("._client", "OpenAI"),
    "AsyncClient": ("._client", "AsyncOpenAI"),
    "DEFAULT_CONNECTION_LIMITS": ("._core", "DEFAULT_LIMITS"),
    "HttpxBinaryResponseContent": ("._core", "HttpxBinaryResponseContent"),
    "RequestOptions": ("._core", "RequestOptionsDict"),
    "not_given": ("._core._types", "not_given"),
    # the names `data_residency=` accepts (a Literal generated with the client)
    "DataResidency": ("._generated._client", "DataResidency"),
    # The official SDK moved to the httpx2 fork and named its helpers after it; this client is
    # built on httpx, so they give the httpx clients with the same defaults.
    "DefaultHttpx2Client": ("._core", "DefaultHttpxClient"),
    "DefaultAsyncHttpx2Client": ("._core", "DefaultAsyncHttpxClient"),
    # the module client's error for OpenAI and Azure settings at once, under the name code
    # written for the official SDK catches it by
    "_AmbiguousModuleClientUsageError": ("._module_client", "AmbiguousModuleClientUsageError"),
    # the official SDK's private hooks on its module client that test suites call between tests
    # (`openai._reset_client()` drops the client so that the next call builds one from the
    # settings) and code that wants the client itself (`openai._load_client()`)
    "_reset_client": ("._module_client", "forget_client"),
    "_load_client": ("._module_client", "load_client"),
}

# hand-written helpers (lib/): public name -> module that defines it
_FROM_LIB = {
    "pydantic_function_tool": "lib._tools",
    "pydantic_responses_function_tool": "lib._tools",
    "LengthFinishReasonError": "lib._parsing._errors",
    "ContentFilterFinishReasonError": "lib._parsing._errors",
    "AssistantEventHandler": "lib.streaming.assistants",
    "AsyncAssistantEventHandler": "lib.streaming.assistants",
    "AzureOpenAI": "lib.azure",
    "AsyncAzureOpenAI": "lib.azure",
    "ComputerToolset": "lib.computer",
    "AsyncComputerToolset": "lib.computer",
    "ComputerDriver": "lib.computer",
    "AsyncComputerDriver": "lib.computer",
    "ReconnectingEvent": "lib._realtime._reconnect",
    "ReconnectingOverrides": "lib._realtime._reconnect",
}

# The 0.x module API's resource names (`openai.ChatCompletion`): placeholders that raise
# `APIRemovedInV1` when called (lib/_old_api.py), as the official 1.x SDK keeps them.
_REMOVED_IN_V1 = frozenset(
    [
        "Audio",
        "ChatCompletion",
        "Completion",
        "Customer",
        "Deployment",
        "Edit",
        "Embedding",
        "Engine",
        "ErrorObject",
        "File",
        "FineTune",
        "FineTuningJob",
        "Image",
        "Model",
        "Moderation",
    ]
)

# a literal list, so type checkers know the exported names (test: every name resolves)
__all__ = [  # noqa: RUF022 (plain sorted order, as tests/test_public_surface.py checks)
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AssistantEventHandler",
    "AsyncAPIResponse",
    "AsyncAssistantEventHandler",
    "AsyncAzureOpenAI",
    "AsyncClient",
    "AsyncComputerDriver",
    "AsyncComputerToolset",
    "AsyncOpenAI",
    "AsyncStream",
    "AuthenticationError",
    "AzureOpenAI",
    "BadRequestError",
    "BaseModel",
    "Client",
    "ComputerDriver",
    "ComputerToolset",
    "ConflictError",
    "ContentFilterFinishReasonError",
    "DEFAULT_CONNECTION_LIMITS",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "DataResidency",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpx2Client",
    "DefaultAsyncHttpxClient",
    "DefaultHttpx2Client",
    "DefaultHttpxClient",
    "HttpxBinaryResponseContent",
    "InternalServerError",
    "InvalidWebhookSignatureError",
    "LengthFinishReasonError",
    "NOT_GIVEN",
    "NoneType",
    "NotFoundError",
    "NotGiven",
    "OAuthError",
    "Omit",
    "OpenAI",
    "OpenAIError",
    "PermissionDeniedError",
    "ProxiesTypes",
    "RateLimitError",
    "ReconnectingEvent",
    "ReconnectingOverrides",
    "RequestOptions",
    "Stream",
    "Timeout",
    "Transport",
    "UnprocessableEntityError",
    "WebSocketConnectionClosedError",
    "WebSocketQueueFullError",
    "file_from_path",
    "not_given",
    "omit",
    "pydantic_function_tool",
    "pydantic_responses_function_tool",
    "types",
]


def __getattr__(name: str) -> Any:
    if name in ("__version__", "__title__", "VERSION"):  # loaded on first use, like the rest
        from . import _version

        value = getattr(_version, "__title__" if name == "__title__" else "__version__")
        globals()[name] = value
        return value
    if name == "Timeout":  # the httpx class, as in the official SDK (`Timeout(60, connect=5)`)
        import httpx

        globals()[name] = httpx.Timeout
        return httpx.Timeout
    if name == "omit":
        from ._core import Omit

        globals()[name] = value = Omit()
        return value
    if name in _RENAMED:
        import importlib

        module, attribute = _RENAMED[name]
        value = getattr(importlib.import_module(module, __name__), attribute)
        globals()[name] = value
        return value
    if name in _REMOVED_IN_V1:
        from .lib._old_api import placeholder

        globals()[name] = value = placeholder(name)
        return value
    if name in _FROM_CLIENT:
        from . import _client as source
    elif name in _FROM_CORE:
        from . import _core as source
    elif name in _FROM_LIB:
        import importlib

        source = importlib.import_module(f"{__name__}.{_FROM_LIB[name]}")
    elif name in _SUBMODULES:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    else:
        # a module-client setting's default, or a top-level resource (`typed_openai.chat`)
        from ._module_client import module_attribute

        return module_attribute(name)
    value = getattr(source, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _REMOVED_IN_V1)
