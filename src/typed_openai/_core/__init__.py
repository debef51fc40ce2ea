"""Spec-agnostic runtime of a generated API client (copied verbatim into every generated client).

Nothing here names an endpoint, model, header or environment variable of any particular API: the
generated layer passes those in (``ClientConfig``). Only relative imports are used inside this
package, so it works under any parent package name.

Importing this package loads httpx but not pydantic's model machinery (``pydantic.main`` costs
~40 ms): ``BaseModel``, streams, pages and the SSE decoder load on first use of their names, so a
client can be built before any model module is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._binary import BinaryResponseContent, HttpxBinaryResponseContent
from ._client import AsyncAPIClient, BaseClient, SyncAPIClient
from ._config import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AuthScheme,
    ClientConfig,
    ClientOption,
    NamedBaseURLs,
)
from ._deprecation import deprecated
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    InvalidWebhookSignatureError,
    NotFoundError,
    OAuthError,
    OpenAIError,
    PermissionDeniedError,
    RateLimitError,
    StreamAlreadyConsumed,
    UnprocessableEntityError,
    WebSocketConnectionClosedError,
    WebSocketQueueFullError,
)
from ._files import file_from_path, form_part
from ._http_clients import DefaultAioHttpClient, DefaultAsyncHttpxClient, DefaultHttpxClient
from ._json_schema import as_plain_union
from ._resource import AsyncAPIResource, SyncAPIResource
from ._response import (
    APIResponse,
    AsyncAPIResponse,
    AsyncResponseContextManager,
    AsyncStreamedBinaryAPIResponse,
    LegacyAPIResponse,
    RawAPIResponse,
    ResponseContextManager,
    StreamedBinaryAPIResponse,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
    with_post_parse,
)
from ._types import (
    NOT_GIVEN,
    AsyncHttpx2ClientProtocol,
    AsyncTransport,
    Body,
    FileContent,
    FileTypes,
    Headers,
    Httpx2ClientProtocol,
    NoneType,
    NotGiven,
    Omit,
    ProxiesTypes,
    Query,
    RequestFiles,
    RequestOptions,
    RequestOptionsDict,
    Timeout,
    Transport,
    left_out,
    result_type_by,
)
from ._union_tag import UnionTag
from ._urls import delimited, path_template

if TYPE_CHECKING:
    from ._models import BaseModel
    from ._pagination import (
        AsyncConversationCursorPage,
        AsyncCursorPage,
        AsyncNextCursorPage,
        AsyncPage,
        AsyncPaginator,
        AsyncTokenPage,
        BasePage,
        SyncConversationCursorPage,
        SyncCursorPage,
        SyncNextCursorPage,
        SyncPage,
        SyncTokenPage,
    )
    from ._sse import ServerSentEvent, SSEDecoder
    from ._streaming import AsyncStream, Stream

BinaryAPIResponse = BinaryResponseContent

_LAZY = {
    "BaseModel": "._models",
    "AsyncConversationCursorPage": "._pagination",
    "AsyncCursorPage": "._pagination",
    "AsyncNextCursorPage": "._pagination",
    "AsyncPage": "._pagination",
    "AsyncPaginator": "._pagination",
    "AsyncTokenPage": "._pagination",
    "BasePage": "._pagination",
    "SyncConversationCursorPage": "._pagination",
    "SyncCursorPage": "._pagination",
    "SyncNextCursorPage": "._pagination",
    "SyncPage": "._pagination",
    "SyncTokenPage": "._pagination",
    "ServerSentEvent": "._sse",
    "SSEDecoder": "._sse",
    "AsyncStream": "._streaming",
    "Stream": "._streaming",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAPIClient",
    "AsyncAPIResource",
    "AsyncAPIResponse",
    "AsyncConversationCursorPage",
    "AsyncCursorPage",
    "AsyncHttpx2ClientProtocol",
    "AsyncNextCursorPage",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncResponseContextManager",
    "AsyncStream",
    "AsyncStreamedBinaryAPIResponse",
    "AsyncTokenPage",
    "AsyncTransport",
    "AuthScheme",
    "AuthenticationError",
    "BadRequestError",
    "BaseClient",
    "BaseModel",
    "BasePage",
    "BinaryAPIResponse",
    "BinaryResponseContent",
    "Body",
    "ClientConfig",
    "ClientOption",
    "ConflictError",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "FileContent",
    "FileTypes",
    "Headers",
    "Httpx2ClientProtocol",
    "HttpxBinaryResponseContent",
    "InternalServerError",
    "InvalidWebhookSignatureError",
    "LegacyAPIResponse",
    "NamedBaseURLs",
    "NoneType",
    "NotFoundError",
    "NotGiven",
    "OAuthError",
    "Omit",
    "OpenAIError",
    "PermissionDeniedError",
    "ProxiesTypes",
    "Query",
    "RateLimitError",
    "RawAPIResponse",
    "RequestFiles",
    "RequestOptions",
    "RequestOptionsDict",
    "ResponseContextManager",
    "SSEDecoder",
    "ServerSentEvent",
    "Stream",
    "StreamAlreadyConsumed",
    "StreamedBinaryAPIResponse",
    "SyncAPIClient",
    "SyncAPIResource",
    "SyncConversationCursorPage",
    "SyncCursorPage",
    "SyncNextCursorPage",
    "SyncPage",
    "SyncTokenPage",
    "Timeout",
    "Transport",
    "UnionTag",
    "UnprocessableEntityError",
    "WebSocketConnectionClosedError",
    "WebSocketQueueFullError",
    "as_plain_union",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "delimited",
    "deprecated",
    "file_from_path",
    "form_part",
    "left_out",
    "path_template",
    "result_type_by",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
    "with_post_parse",
]
