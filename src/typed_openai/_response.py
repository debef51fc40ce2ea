"""The official SDK's private modules of raw responses, as code imports them
(``from openai._response import APIResponse``): our own public classes."""

from __future__ import annotations

from ._core import (
    APIResponse,
    AsyncAPIResponse,
    AsyncStreamedBinaryAPIResponse,
    StreamAlreadyConsumed,
    StreamedBinaryAPIResponse,
)

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "AsyncStreamedBinaryAPIResponse",
    "StreamAlreadyConsumed",
    "StreamedBinaryAPIResponse",
]
