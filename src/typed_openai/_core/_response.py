"""Raw access to responses: ``.with_raw_response`` and ``.with_streaming_response``.

The generated ``...WithRawResponse`` classes wrap each resource method with
``to_raw_response_wrapper`` (sync) / ``async_to_raw_response_wrapper``; the call then returns a
``RawAPIResponse`` (headers, status, ``.parse()`` for the usual result) instead of the parsed
result. Its body is read before the call returns, so it is synchronous for the async client too:
``raw = await client.x.with_raw_response.create(...)`` then ``raw.parse()``, as in the official
SDK. ``to_streamed_response_wrapper`` returns a context manager over an ``APIResponse``
(``AsyncAPIResponse``, whose readers and ``parse()`` are coroutines) whose body is not read up
front (``iter_bytes`` / ``iter_lines``), and is closed on exit.

How the wrapper reaches the engine without touching the method's arguments: it sets a context
variable around the call; the engine reads it (and clears it for nested calls). Context variables
follow the current thread / task, so concurrent calls cannot see each other's mode.

Under ``with_streaming_response`` the body is read after the call returned, outside the engine's
error translation; every read here goes through ``_read`` / ``_chunks`` (async: ``_aread`` /
``_achunks``), built on ``_body_reads`` like ``BinaryResponseContent``'s readers, so a connection
lost or a read timing out mid-body raises ``APIConnectionError`` / ``APITimeoutError`` like any
other call, not an httpx exception.

A helper built on a generated method (which turns the method's result into a richer one) keeps
that step under raw access with ``with_post_parse``: for a plain call it applies the step at once;
for a raw response it attaches the step, and the response's ``parse()`` applies it after its own.
"""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextvars import ContextVar
from typing import Any, Generic, Literal, TypeVar, cast, overload

import httpx
from typing_extensions import ParamSpec

from ._binary import BinaryResponseContent, asave_body, save_body
from ._body_reads import aread_body, read_body, translated_achunks, translated_chunks
from ._parsing import (
    ParseSpec,
    parse_response,
    split_stream_cls,
    tag_request_id,
    validates_strictly,
)

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "AsyncResponseContextManager",
    "AsyncStreamedBinaryAPIResponse",
    "LegacyAPIResponse",
    "RawAPIResponse",
    "ResponseContextManager",
    "StreamedBinaryAPIResponse",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "raw_response_class",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
    "with_post_parse",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_X = TypeVar("_X")
_T = TypeVar("_T")
# what a context manager of a streamed response hands out: it only hands it out, so a manager of
# a download's StreamedBinaryAPIResponse is a manager of an APIResponse[bytes] too
_R_co = TypeVar("_R_co", covariant=True)

ResponseMode = Literal["raw", "streamed"]
response_mode: ContextVar[ResponseMode | None] = ContextVar(
    "typed_client_response_mode", default=None
)


class _BaseAPIResponse:
    http_response: httpx.Response
    retries_taken: int
    _client: object  # the client that made the call, handed on to streams

    def __init__(
        self, *, raw: httpx.Response, spec: ParseSpec, retries_taken: int, request_id_header: str
    ) -> None:
        self.http_response = raw
        self.retries_taken = retries_taken
        self._spec = spec
        self._request_id_header = request_id_header
        self._parsed: dict[Any, Any] = {}
        self._post_parse: Callable[[Any], Any] | None = None

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_response.request.method

    @property
    def http_request(self) -> httpx.Request:
        return self.http_response.request

    @property
    def is_closed(self) -> bool:
        return self.http_response.is_closed

    @property
    def request_id(self) -> str | None:
        return self.http_response.headers.get(self._request_id_header)

    @property
    def http_version(self) -> str:
        return self.http_response.http_version

    @property
    def elapsed(self) -> datetime.timedelta:
        """How long the call took (for a streamed response: once its body is read or closed)."""
        return self.http_response.elapsed

    # What ``parse()`` of a binary download gives: the unread content (raw responses, whose
    # body is already read anyway, as the plain call returns it) or, under
    # ``with_streaming_response``, the body read as ``bytes`` (the official SDK's choice: the
    # response itself streams it, with ``iter_bytes()`` / ``stream_to_file()``).
    _binary_as_bytes = False

    def _needs_body(self, to: Any) -> bool:
        """Whether ``parse(to=to)`` reads the body (a stream or a binary download does not)."""
        if self._spec.stream and to is None:
            return False
        key = to if to is not None else self._spec.cast_to
        if key is BinaryResponseContent:
            return to is None and self._binary_as_bytes
        return key not in self._parsed

    def _result(self, to: Any) -> Any:
        """What ``parse(to=to)`` returns, once the body is read when ``_needs_body(to)``."""
        if self._spec.stream and to is None:
            return self._finish(self._new_stream())
        key = to if to is not None else self._spec.cast_to
        if key is BinaryResponseContent and to is None and self._binary_as_bytes:
            result: Any = self.http_response.content
        elif key is BinaryResponseContent:
            result = BinaryResponseContent(self.http_response)  # unread: the caller streams it
        else:
            if key not in self._parsed:
                strict = validates_strictly(self._client)
                self._parsed[key] = tag_request_id(
                    parse_response(self.http_response, key, strict), self.request_id
                )
            result = self._parsed[key]
        return self._finish(result) if to is None else result

    def _new_stream(self) -> Any:
        from ._streaming import AsyncStream, Stream

        default_cls = AsyncStream if self._spec.asynchronous else Stream
        stream_cls, item = split_stream_cls(self._spec.stream_cls, default_cls)
        return stream_cls(
            cast_to=item,
            response=self.http_response,
            client=self._client,
            event_envelope=self._spec.event_envelope,
        )

    def _attach_post_parse(self, step: Callable[[Any], Any]) -> None:
        previous = self._post_parse
        if previous is None:
            self._post_parse = step
        else:  # a helper built on another helper: both steps, inner first
            self._post_parse = lambda parsed: step(previous(parsed))

    def _finish(self, result: Any) -> Any:
        """``result`` (what the plain method would return) after the attached post-parse step."""
        if self._post_parse is None:
            return result
        if _POST_PARSED not in self._parsed:
            self._parsed[_POST_PARSED] = tag_request_id(self._post_parse(result), self.request_id)
        return self._parsed[_POST_PARSED]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.method} {self.url}>"


# The cache key of the post-parsed result (never a type, so no `parse(to=...)` can collide with it).
_POST_PARSED = object()


class APIResponse(_BaseAPIResponse, Generic[_R]):
    """A raw response with the usual result one ``parse()`` away."""

    _binary_as_bytes = True

    def __init__(
        self,
        *,
        raw: httpx.Response,
        spec: ParseSpec,
        client: object,
        retries_taken: int = 0,
        request_id_header: str = "x-request-id",
    ) -> None:
        super().__init__(
            raw=raw, spec=spec, retries_taken=retries_taken, request_id_header=request_id_header
        )
        self._client = client

    @overload
    def parse(self) -> _R: ...
    @overload
    def parse(self, *, to: type[_X]) -> _X: ...
    def parse(self, *, to: Any = None) -> Any:
        """The result the plain method would have returned (or the body as ``to``)."""
        if self._needs_body(to):
            self._read()
        return self._result(to)

    def read(self) -> bytes:
        return self._read()

    def text(self) -> str:
        self._read()
        return self.http_response.text

    def json(self) -> object:
        self._read()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self._chunks(self.http_response.iter_bytes(chunk_size))

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self._chunks(self.http_response.iter_text(chunk_size))

    def iter_lines(self) -> Iterator[str]:
        return self._chunks(self.http_response.iter_lines())

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the whole body to ``file`` (a binary download saved without holding it all)."""
        save_body(self.http_response, file)

    def stream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        """Write the body to ``file`` as it arrives, ``chunk_size`` bytes at a time (e.g. inside
        ``with_streaming_response.create(...)`` of a download or speech)."""
        save_body(self.http_response, file, chunk_size)

    def _read(self) -> bytes:
        return read_body(self.http_response)

    def _chunks(self, chunks: Iterator[_T]) -> Iterator[_T]:
        return translated_chunks(self.http_response, chunks)

    def close(self) -> None:
        self.http_response.close()


class AsyncAPIResponse(_BaseAPIResponse, Generic[_R]):
    """The async twin of ``APIResponse``: ``await response.parse()``."""

    _binary_as_bytes = True

    def __init__(
        self,
        *,
        raw: httpx.Response,
        spec: ParseSpec,
        client: object,
        retries_taken: int = 0,
        request_id_header: str = "x-request-id",
    ) -> None:
        super().__init__(
            raw=raw, spec=spec, retries_taken=retries_taken, request_id_header=request_id_header
        )
        self._client = client

    @overload
    async def parse(self) -> _R: ...
    @overload
    async def parse(self, *, to: type[_X]) -> _X: ...
    async def parse(self, *, to: Any = None) -> Any:
        if self._needs_body(to):
            await self._aread()
        return self._result(to)

    async def read(self) -> bytes:
        return await self._aread()

    async def text(self) -> str:
        await self._aread()
        return self.http_response.text

    async def json(self) -> object:
        await self._aread()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return self._achunks(self.http_response.aiter_bytes(chunk_size))

    def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return self._achunks(self.http_response.aiter_text(chunk_size))

    def iter_lines(self) -> AsyncIterator[str]:
        return self._achunks(self.http_response.aiter_lines())

    async def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the whole body to ``file`` (a binary download saved without holding it all)."""
        await asave_body(self.http_response, file)

    async def stream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        """Write the body to ``file`` as it arrives, ``chunk_size`` bytes at a time."""
        await asave_body(self.http_response, file, chunk_size)

    async def _aread(self) -> bytes:
        return await aread_body(self.http_response)

    def _achunks(self, chunks: AsyncIterator[_T]) -> AsyncIterator[_T]:
        return translated_achunks(self.http_response, chunks)

    async def close(self) -> None:
        await self.http_response.aclose()


class StreamedBinaryAPIResponse(APIResponse[bytes]):
    """A download (speech, a file's content) under ``with_streaming_response``: an
    ``APIResponse`` whose ``parse()`` is the body as ``bytes``; the class has its own name, as
    the official SDK's has (what ``type(response).__name__``, logs and annotations show)."""


class AsyncStreamedBinaryAPIResponse(AsyncAPIResponse[bytes]):
    """The async twin of ``StreamedBinaryAPIResponse``."""


def raw_response_class(
    mode: ResponseMode, cast_to: object, *, asynchronous: bool
) -> Callable[..., _BaseAPIResponse]:
    """The class of what a call returns under ``with_raw_response`` (``mode == "raw"``) or
    ``with_streaming_response``; ``cast_to`` is the plain call's result type."""
    if mode == "raw":
        return RawAPIResponse
    binary = isinstance(cast_to, type) and issubclass(cast_to, BinaryResponseContent)
    if asynchronous:
        return AsyncStreamedBinaryAPIResponse if binary else AsyncAPIResponse
    return StreamedBinaryAPIResponse if binary else APIResponse


class LegacyAPIResponse(_BaseAPIResponse, Generic[_R]):
    """What ``with_raw_response`` returns (sync and async clients alike): the HTTP details of a
    finished call, with the usual result one ``parse()`` away. Named as the official SDK names
    the class of a raw response; ``RawAPIResponse`` is the same class.

    The body was read before the call returned, so nothing here waits: ``parse()`` is a plain
    method for the async client too, and ``content`` / ``text`` are properties, as on the
    official SDK's raw responses. (A streaming call's body is the stream: ``parse()`` returns
    the ``Stream`` / ``AsyncStream`` over it, unread.)
    """

    def __init__(
        self,
        *,
        raw: httpx.Response,
        spec: ParseSpec,
        client: object,
        retries_taken: int = 0,
        request_id_header: str = "x-request-id",
    ) -> None:
        super().__init__(
            raw=raw, spec=spec, retries_taken=retries_taken, request_id_header=request_id_header
        )
        self._client = client

    @overload
    def parse(self) -> _R: ...
    @overload
    def parse(self, *, to: type[_X]) -> _X: ...
    def parse(self, *, to: Any = None) -> Any:
        """The result the plain method would have returned (or the body as ``to``)."""
        if self._needs_body(to) and isinstance(self.http_response.stream, httpx.SyncByteStream):
            read_body(self.http_response)  # a sync streaming call parsed as something else
        return self._result(to)

    @property
    def content(self) -> bytes:
        """The body (an async streaming call's body must be iterated, not read here)."""
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def read(self) -> bytes:
        return self.http_response.content

    def json(self) -> object:
        return self.http_response.json()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the body to ``file`` (replaced only once fully written)."""
        save_body(self.http_response, file)

    def close(self) -> None:
        """Release the connection (already done unless this is a sync streaming call's response)."""
        if not self.http_response.is_closed:
            self.http_response.close()


RawAPIResponse = LegacyAPIResponse


class ResponseContextManager(Generic[_R_co]):
    """Sends the request on ``__enter__``; closes the response on ``__exit__``."""

    def __init__(self, send: Callable[[], _R_co]) -> None:
        self._send = send
        self._response: _R_co | None = None

    def __enter__(self) -> _R_co:
        self._response = self._send()
        return self._response

    def __exit__(self, *exc_info: object) -> None:
        if self._response is not None:
            cast("APIResponse[Any]", self._response).close()


class AsyncResponseContextManager(Generic[_R_co]):
    """Sends the request on ``__aenter__``; closes the response on ``__aexit__``."""

    def __init__(self, send: Callable[[], Awaitable[_R_co]]) -> None:
        self._send = send
        self._response: _R_co | None = None

    async def __aenter__(self) -> _R_co:
        self._response = await self._send()
        return self._response

    async def __aexit__(self, *exc_info: object) -> None:
        if self._response is not None:
            await cast("AsyncAPIResponse[Any]", self._response).close()


def to_raw_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, RawAPIResponse[_R]]:
    """``func`` returning a ``RawAPIResponse`` (body read) instead of its parsed result."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> RawAPIResponse[_R]:
        token = response_mode.set("raw")
        try:
            return cast("RawAPIResponse[_R]", func(*args, **kwargs))
        finally:
            response_mode.reset(token)

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, Awaitable[RawAPIResponse[_R]]]:
    """Async twin of ``to_raw_response_wrapper`` (the response's ``parse()`` is not awaited)."""

    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> RawAPIResponse[_R]:
        token = response_mode.set("raw")
        try:
            return cast("RawAPIResponse[_R]", await func(*args, **kwargs))
        finally:
            response_mode.reset(token)

    return wrapped


@overload
def to_streamed_response_wrapper(
    func: Callable[_P, BinaryResponseContent],
) -> Callable[_P, ResponseContextManager[StreamedBinaryAPIResponse]]: ...
@overload
def to_streamed_response_wrapper(
    func: Callable[_P, _R],
) -> Callable[_P, ResponseContextManager[APIResponse[_R]]]: ...
def to_streamed_response_wrapper(
    func: Callable[_P, Any],
) -> Callable[_P, ResponseContextManager[APIResponse[Any]]]:
    """``func`` returning a context manager over an unread ``APIResponse`` (a download's is a
    ``StreamedBinaryAPIResponse``, whose ``parse()`` reads it as ``bytes``; see
    ``raw_response_class``)."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> ResponseContextManager[APIResponse[Any]]:
        def send() -> APIResponse[Any]:
            token = response_mode.set("streamed")
            try:
                return cast("APIResponse[Any]", func(*args, **kwargs))
            finally:
                response_mode.reset(token)

        return ResponseContextManager(send)

    return wrapped


@overload
def async_to_streamed_response_wrapper(
    func: Callable[_P, Awaitable[BinaryResponseContent]],
) -> Callable[_P, AsyncResponseContextManager[AsyncStreamedBinaryAPIResponse]]: ...
@overload
def async_to_streamed_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, AsyncResponseContextManager[AsyncAPIResponse[_R]]]: ...
def async_to_streamed_response_wrapper(
    func: Callable[_P, Awaitable[Any]],
) -> Callable[_P, AsyncResponseContextManager[AsyncAPIResponse[Any]]]:
    """Async twin of ``to_streamed_response_wrapper`` (``async with``)."""

    @functools.wraps(func)
    def wrapped(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> AsyncResponseContextManager[AsyncAPIResponse[Any]]:
        async def send() -> AsyncAPIResponse[Any]:
            token = response_mode.set("streamed")
            try:
                return cast("AsyncAPIResponse[Any]", await func(*args, **kwargs))
            finally:
                response_mode.reset(token)

        return AsyncResponseContextManager(send)

    return wrapped


def with_post_parse(result: _R, post_parse: Callable[[_R], _X]) -> _X:
    """``post_parse(result)``, or, when ``result`` is a raw response (the call runs under
    ``with_raw_response`` / ``with_streaming_response``), that response with ``post_parse``
    attached: its ``parse()`` then returns ``post_parse`` of the usual result (computed once).

    The caller returns what this returns, so its own raw-access wrapper hands the response on.
    """
    if not isinstance(result, _BaseAPIResponse):
        return tag_request_id(post_parse(result), getattr(result, "_request_id", None))
    result._attach_post_parse(post_parse)  # pyright: ignore[reportPrivateUsage]
    return cast("_X", result)
