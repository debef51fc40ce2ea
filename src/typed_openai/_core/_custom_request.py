"""The types of the custom request methods (``client.get/post/put/patch/delete``).

A call returns what ``cast_to`` names (``client.get(path, cast_to=httpx.Response)`` is an
``httpx.Response``), or with ``stream=True`` the ``stream_cls`` given (``Stream[Chunk]``), as the
official SDK types them (``stream=True`` without a ``stream_cls``: a ``Stream`` of the raw JSON
items); a ``cast_to`` that is no class (a union, a string) leaves the result ``Any``. The five
methods of an engine share one signature, so it is written once here, as a protocol, and each
method is declared to be one (``@sync_custom_request``): the methods stay plain functions at run
time, their bodies checked as written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, cast, overload

from typing_extensions import TypedDict, Unpack

from ._types import Headers, Query, RequestFiles, RequestOptions, RequestOptionsDict, Security

if TYPE_CHECKING:
    from ._streaming import AsyncStream, Stream

__all__ = [
    "AsyncCustomRequest",
    "CustomRequestArguments",
    "SyncCustomRequest",
    "async_custom_request",
    "sync_custom_request",
]

_R = TypeVar("_R")
_StreamT = TypeVar("_StreamT", bound="Stream[Any]")
_AsyncStreamT = TypeVar("_AsyncStreamT", bound="AsyncStream[Any]")


class CustomRequestArguments(TypedDict, total=False):
    """The arguments of a custom request besides ``path``, ``cast_to`` and the stream ones."""

    body: object | None
    content: object | None
    files: RequestFiles | None
    options: RequestOptions | RequestOptionsDict | None
    query: Query | None
    headers: Headers | None
    event_envelope: bool
    security: Security | None


class SyncCustomRequest(Protocol):
    """``client.get(path, cast_to=..., ...)`` and its siblings on a blocking client."""

    @overload
    def __call__(
        self,
        path: str,
        *,
        cast_to: type[_R],
        stream: Literal[False] = ...,
        stream_cls: None = ...,
        **arguments: Unpack[CustomRequestArguments],
    ) -> _R: ...
    @overload
    def __call__(
        self,
        path: str,
        *,
        cast_to: object,
        stream: Literal[True],
        stream_cls: type[_StreamT],
        **arguments: Unpack[CustomRequestArguments],
    ) -> _StreamT: ...
    @overload
    def __call__(
        self,
        path: str,
        *,
        cast_to: object,
        stream: Literal[True],
        stream_cls: None = ...,
        **arguments: Unpack[CustomRequestArguments],
    ) -> Stream[Any]: ...
    @overload
    def __call__(
        self,
        path: str,
        *,
        cast_to: type[_R],
        stream: bool,
        stream_cls: type[_StreamT] | None = ...,
        **arguments: Unpack[CustomRequestArguments],
    ) -> _R | _StreamT: ...
    @overload
    def __call__(
        self,
        path: str,
        *,
        cast_to: object,
        stream: bool = ...,
        stream_cls: object = ...,
        **arguments: Unpack[CustomRequestArguments],
    ) -> Any: ...


class AsyncCustomRequest(Protocol):
    """``await client.get(path, cast_to=..., ...)`` and its siblings on an async client."""

    @overload
    async def __call__(
        self,
        path: str,
        *,
        cast_to: type[_R],
        stream: Literal[False] = ...,
        stream_cls: None = ...,
        **arguments: Unpack[CustomRequestArguments],
    ) -> _R: ...
    @overload
    async def __call__(
        self,
        path: str,
        *,
        cast_to: object,
        stream: Literal[True],
        stream_cls: type[_AsyncStreamT],
        **arguments: Unpack[CustomRequestArguments],
    ) -> _AsyncStreamT: ...
    @overload
    async def __call__(
        self,
        path: str,
        *,
        cast_to: object,
        stream: Literal[True],
        stream_cls: None = ...,
        **arguments: Unpack[CustomRequestArguments],
    ) -> AsyncStream[Any]: ...
    @overload
    async def __call__(
        self,
        path: str,
        *,
        cast_to: type[_R],
        stream: bool,
        stream_cls: type[_AsyncStreamT] | None = ...,
        **arguments: Unpack[CustomRequestArguments],
    ) -> _R | _AsyncStreamT: ...
    @overload
    async def __call__(
        self,
        path: str,
        *,
        cast_to: object,
        stream: bool = ...,
        stream_cls: object = ...,
        **arguments: Unpack[CustomRequestArguments],
    ) -> Any: ...


def sync_custom_request(method: Callable[..., Any]) -> SyncCustomRequest:
    """Declares a blocking client's method to be a custom request (unchanged at run time)."""
    return cast(SyncCustomRequest, method)


def async_custom_request(method: Callable[..., Any]) -> AsyncCustomRequest:
    """Declares an async client's method to be a custom request (unchanged at run time)."""
    return cast(AsyncCustomRequest, method)
