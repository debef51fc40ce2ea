"""Typed iteration over a streamed (Server-Sent Events) response.

``Stream[T]`` / ``AsyncStream[T]`` feed the response bytes through the sans-IO ``SSEDecoder`` and
turn each event into a ``T``:

- ``event_envelope=False``: the JSON of each ``data:`` payload is the item;
- ``event_envelope=True``: the item is ``{"event": <event name>, "data": <json>}`` (the style
  where the event name, not the payload, says what arrived).

A 2xx reply with a JSON body instead of an event stream raises too (``APIError`` when it holds an
``error`` object, else ``APIResponseValidationError``), instead of yielding nothing.

Both stop at ``data: [DONE]`` (reading the rest of the body, normally empty, so the connection can
be reused). As in the official SDK, a payload whose top level holds a non-empty ``"error"`` raises
``APIError``, whatever the event's name, except in an envelope named ``thread.*`` (there the payload
is the thread object the name says); an ``event: error`` whose payload is itself the event or the
error object (the Responses API's ``error`` event, the Assistants ``ErrorEvent``) is an item. A
payload that is not JSON raises ``APIResponseValidationError``; a connection cut or an idle gap
longer than the read timeout raises ``APIConnectionError`` / ``APITimeoutError``. The response is
closed when the stream is exhausted, when it raises, on ``close()``, and on leaving ``with`` /
``async with``.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator, Mapping
from typing import Any, Generic, NoReturn, TypeVar, cast

import httpx
from typing_extensions import Self

from ._as_constructed import as_constructed
from ._errors import (
    APIError,
    APIResponseValidationError,
    json_decode_error,
    translate_transport_error,
)
from ._models import parse_value
from ._parsing import validates_strictly
from ._sse import ServerSentEvent, SSEDecoder
from ._timeouts import bound_body_time

__all__ = ["AsyncStream", "Stream"]

_T = TypeVar("_T")

_DONE = "[DONE]"


class _StreamItems:
    """The shared, I/O-free half: SSE event -> item (or stop, or error)."""

    __slots__ = ("_cast_to", "_direct", "_envelope", "_response", "_strict")

    def __init__(
        self, cast_to: Any, response: httpx.Response, envelope: bool, strict: bool = False
    ) -> None:
        self._cast_to = cast_to
        self._envelope = envelope
        self._response = response
        # each item validated, an error where it does not fit (the client's
        # `_strict_response_validation`, see `_validation`), instead of built leniently
        self._strict = strict
        # A plain model item can be validated straight from the JSON text, in one pass (when
        # lenient: a strict item is validated as decoded data, as the official SDK does).
        validate = getattr(cast_to, "model_validate_json", None)
        self._direct: Callable[[str], Any] | None = None if envelope or strict else validate

    def is_json_reply(self) -> bool:
        """The server answered a streaming call with plain JSON (typically an error object)."""
        return self._response.headers.get("content-type", "").startswith("application/json")

    def bound_json_reply(self) -> None:
        """A JSON reply is an ordinary body: read it under its request's total time limit, as
        non-streaming bodies are, so that a server dripping it cannot hold the stream."""
        phases: object = self._response.request.extensions.get("timeout")
        if isinstance(phases, dict):
            bound_body_time(self._response, httpx.Timeout(None, **cast("dict[str, Any]", phases)))

    def raise_json_reply(self, body: bytes) -> NoReturn:
        import jiter

        try:
            data: object = jiter.from_json(body)
        except ValueError:
            data = body.decode(errors="replace")
        error = _field(data, "error")
        if isinstance(error, Mapping):
            message = _field(cast(object, error), "message")
            raise APIError(
                message
                if isinstance(message, str) and message
                else "An error occurred during streaming",
                self._response.request,
                body=cast(object, error),
            )
        raise APIResponseValidationError(
            self._response,
            data,
            message="Expected an event stream but the server answered with JSON",
        )

    def item(self, sse: ServerSentEvent) -> Any:
        import jiter

        if self._direct is not None and '"error"' not in sse.data:
            try:
                direct = self._direct(sse.data)
            except ValueError:
                pass  # not valid for the model (or not JSON): the checks below decide
            else:
                as_constructed(self._cast_to, direct)
                return direct
        try:
            data: Any = jiter.from_json(sse.data.encode())
        except ValueError:
            what = f"a stream event's data {sse.data[:200]!r}"
            raise json_decode_error(
                self._response, sse.data, what=what
            ) or APIResponseValidationError(
                self._response,
                sse.data,
                message=f"Could not decode a stream event's data as JSON: {sse.data[:200]!r}",
            ) from None
        error = _field(data, "error")
        if error and not (self._envelope and (sse.event or "").startswith("thread.")):
            message = _field(error, "message")
            raise APIError(
                message
                if isinstance(message, str) and message
                else "An error occurred during streaming",
                self._response.request,
                body=error,
            )
        item: object = {"data": data, "event": sse.event} if self._envelope else data
        if self._cast_to is object or self._cast_to is None:
            return item
        if self._strict:
            from ._validation import validate_value

            return None if item is None else validate_value(self._cast_to, item, self._response)
        return parse_value(self._cast_to, item)


def _drain(events: Iterator[ServerSentEvent]) -> None:
    """Read what follows ``[DONE]`` (normally just the end of the body) so the connection goes
    back to the pool instead of being closed: a new TLS connection per stream costs far more.
    A failure there is ignored: every item has been delivered."""
    try:
        for _ in events:
            pass
    except APIError:
        pass


async def _adrain(events: AsyncIterator[ServerSentEvent]) -> None:
    try:
        async for _ in events:
            pass
    except APIError:
        pass


def _field(data: object, key: str) -> object:
    return cast("Mapping[str, object]", data).get(key) if isinstance(data, Mapping) else None


class Stream(Generic[_T]):
    """Items of a streamed response, in order; iterate once."""

    response: httpx.Response

    def __init__(
        self,
        *,
        cast_to: Any,
        response: httpx.Response,
        client: object = None,
        event_envelope: bool = False,
    ) -> None:
        self.response = response
        self._client = client
        self._items = _StreamItems(cast_to, response, event_envelope, validates_strictly(client))
        self._closed = False
        self._iterator = self.__stream__()

    def __next__(self) -> _T:
        return self._iterator.__next__()

    def __iter__(self) -> Iterator[_T]:
        return self._iterator

    def _events(self) -> Generator[ServerSentEvent, None, None]:
        if self._closed:
            return  # closed before anything was read
        decoder = SSEDecoder()
        try:
            if self._items.is_json_reply():
                self._items.bound_json_reply()
                self._items.raise_json_reply(self.response.read())
            for chunk in self.response.iter_bytes():
                yield from decoder.feed(chunk)
        except (httpx.RequestError, httpx.StreamError) as exc:
            if self._closed:
                return  # closed by the caller: what had arrived is all there is (see `close`)
            if not isinstance(exc, httpx.RequestError):
                raise
            raise translate_transport_error(exc, self.response.request) from exc
        yield from decoder.flush()

    def __stream__(self) -> Generator[_T, None, None]:
        events, items = self._events(), self._items
        try:
            for sse in events:
                if sse.data.startswith(_DONE):
                    _drain(events)
                    break
                yield items.item(sse)
        finally:
            events.close()
            self.response.close()

    def close(self) -> None:
        """Stop reading and release the connection.

        Iterated again afterwards, the stream still yields the events already received (as the
        official SDK's does), then ends; where the SDK would go on reading the closed connection
        and raise (``APIConnectionError``, or httpx's ``StreamClosed`` if iteration had not
        begun), this one just ends, whatever had arrived by then."""
        self._closed = True
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncStream(Generic[_T]):
    """Items of a streamed response, in order; ``async for`` once."""

    response: httpx.Response

    def __init__(
        self,
        *,
        cast_to: Any,
        response: httpx.Response,
        client: object = None,
        event_envelope: bool = False,
    ) -> None:
        self.response = response
        self._client = client
        self._items = _StreamItems(cast_to, response, event_envelope, validates_strictly(client))
        self._closed = False
        self._iterator = self.__stream__()

    async def __anext__(self) -> _T:
        return await self._iterator.__anext__()

    def __aiter__(self) -> AsyncIterator[_T]:
        return self._iterator

    async def _events(self) -> AsyncGenerator[ServerSentEvent, None]:
        if self._closed:
            return  # closed before anything was read
        decoder = SSEDecoder()
        try:
            if self._items.is_json_reply():
                self._items.bound_json_reply()
                self._items.raise_json_reply(await self.response.aread())
            async for chunk in self.response.aiter_bytes():
                for event in decoder.feed(chunk):
                    yield event
        except (httpx.RequestError, httpx.StreamError) as exc:
            if self._closed:
                return  # closed by the caller: what had arrived is all there is (see `close`)
            if not isinstance(exc, httpx.RequestError):
                raise
            raise translate_transport_error(exc, self.response.request) from exc
        for event in decoder.flush():
            yield event

    async def __stream__(self) -> AsyncGenerator[_T, None]:
        events, items = self._events(), self._items
        try:
            async for sse in events:
                if sse.data.startswith(_DONE):
                    await _adrain(events)
                    break
                yield items.item(sse)
        finally:
            await events.aclose()
            await self.response.aclose()

    async def close(self) -> None:
        """Stop reading and release the connection (afterwards as ``Stream.close``)."""
        self._closed = True
        await self.response.aclose()

    async def aclose(self) -> None:
        """``close()`` under the name ``contextlib.aclosing`` and async-generator habits call."""
        await self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
