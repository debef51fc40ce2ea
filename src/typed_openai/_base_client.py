"""The official SDK's private module of the client machinery, as code of the 1.x era imports it
(``from openai._base_client import DEFAULT_MAX_RETRIES``): our own public names. The SDK's
``SyncHttpxClientWrapper`` / ``AsyncHttpxClientWrapper`` (httpx clients with the client's
defaults, passed as ``http_client=``) are our ``DefaultHttpxClient`` / ``DefaultAsyncHttpxClient``."""

from __future__ import annotations

from ._core import DEFAULT_LIMITS as DEFAULT_CONNECTION_LIMITS
from ._core import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AsyncAPIClient,
    BaseClient,
    DefaultAioHttpClient,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
    SyncAPIClient,
)
from ._core import DefaultAsyncHttpxClient as AsyncHttpxClientWrapper
from ._core import DefaultHttpxClient as SyncHttpxClientWrapper

__all__ = [
    "DEFAULT_CONNECTION_LIMITS",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "AsyncHttpxClientWrapper",
    "BaseClient",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "SyncAPIClient",
    "SyncHttpxClientWrapper",
]
