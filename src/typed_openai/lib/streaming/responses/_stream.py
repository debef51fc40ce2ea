"""`ResponseStream` / `AsyncResponseStream`: iterate typed events over a streamed response.

Both are thin loops over `_EventReader` (no I/O): `_core`'s `SSEDecoder` turns the bytes into
SSE events, each is decoded into its JSON payload (or the runtime's error), and
`ResponseStreamState` turns that into typed events. Reading the bytes here, rather than through
the generated ``Stream[ResponseStreamEvent]``, skips validating each event against the whole
event union and keeps ``error`` events as events, as the official SDK does (they describe a failed
response and are followed by ``response.failed``). A dropped connection raises
`APIConnectionError` (a read timeout `APITimeoutError`); an error object in place of an event
raises `APIError`. The response is closed when the stream ends, raises, or is closed, and when the
``with`` block exits.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, cast

import httpx
import jiter

from typed_openai._core import APIError, APIResponseValidationError
from typed_openai._core._errors import json_decode_error, translate_transport_error
from typed_openai._core._sse import SSEDecoder

from .._base import AsyncEventStream, EventStream
from ._events import ResponseStreamEvent, TextFormatT
from ._state import ResponseStreamState

if TYPE_CHECKING:
    from ..._parsing._responses_types import ParsedResponse

__all__ = ["AsyncResponseStream", "ResponseStream"]

_DONE = "[DONE]"
from_json = jiter.from_json


class _EventReader(Generic[TextFormatT]):
    """Bytes in, the events to yield out (no I/O): SSE decoding, JSON, errors, the stream state,
    and the resume point (events numbered up to `starting_after` are accumulated, not yielded).
    """

    __slots__ = ("_decoder", "_response", "_starting_after", "_state", "_validate", "done")

    def __init__(
        self,
        response: httpx.Response,
        state: ResponseStreamState[TextFormatT],
        starting_after: int | None,
        strict: bool = False,
    ) -> None:
        self._response = response
        self._state = state
        self._starting_after = starting_after
        self._decoder = SSEDecoder()
        self.done = False  # `[DONE]` or the end of the body was reached
        # a strict client's (`_strict_response_validation`): each event validated against the
        # event union first, an error where it does not fit, as its other streams' events
        self._validate = _event_validator(response) if strict else None

    def feed(self, chunk: bytes | None) -> Iterator[ResponseStreamEvent[TextFormatT]]:
        """The events completed by `chunk` (None: the body ended), one by one: those before an
        event that raises are handed out first."""
        handle, starting_after = self._state.handle_data, self._starting_after
        validate = self._validate
        if chunk is None:
            self.done = True
        for sse in self._decoder.feed(chunk) if chunk is not None else self._decoder.flush():
            text = sse.data
            if text[:6] == _DONE:
                self.done = True
                break
            try:
                data: Any = from_json(text.encode())
            except ValueError:
                raise self._undecodable(text) from None
            if type(data) is not dict or "error" in data:
                data = self._checked(cast(object, data))
            if validate is not None:
                validate(cast(object, data))
            for event in handle(cast(dict[str, Any], data)):
                if starting_after is None or _wanted(event, starting_after):
                    yield event

    def is_json_reply(self) -> bool:
        return self._response.headers.get("content-type", "").startswith("application/json")

    def json_reply_error(self, body: bytes) -> Exception:
        try:
            data: object = jiter.from_json(body)
        except ValueError:
            data = body.decode(errors="replace")
        error: object = cast(dict[str, Any], data).get("error") if isinstance(data, dict) else None
        if isinstance(error, Mapping):
            return self._api_error(cast(Mapping[str, Any], error))
        return APIResponseValidationError(
            self._response,
            cast(Any, data),
            message="Expected an event stream but the server answered with JSON",
        )

    def _undecodable(self, text: str) -> APIResponseValidationError:
        what = f"a stream event's data {text[:200]!r}"
        return json_decode_error(self._response, text, what=what) or APIResponseValidationError(
            self._response,
            text,
            message=f"Could not decode a stream event's data as JSON: {text[:200]!r}",
        )

    def _checked(self, data: object) -> dict[str, Any]:
        """A payload that is not a plain event: an error object raises, a non-object too."""
        if type(data) is not dict:
            raise APIResponseValidationError(
                self._response, data, message="A stream event's data is not a JSON object"
            )
        payload = cast(dict[str, Any], data)
        error: object = payload.get("error")
        if error:  # as the official SDK: a non-empty "error" of any kind is a failure
            raise self._api_error(error)
        return payload

    def _api_error(self, error: object) -> APIError:
        message = (
            cast(Mapping[str, Any], error).get("message") if isinstance(error, Mapping) else None
        )
        return APIError(
            message
            if isinstance(message, str) and message
            else "An error occurred during streaming",
            self._response.request,
            body=dict(cast(Mapping[str, Any], error)) if isinstance(error, Mapping) else error,
        )


def _event_validator(response: httpx.Response) -> Callable[[object], object]:
    from typed_openai._core._validation import validate_value
    from typed_openai.types.responses.response_stream_event import (
        ResponseStreamEvent as RawResponseStreamEvent,
    )

    return lambda data: validate_value(RawResponseStreamEvent, data, response)


def _wanted(event: Any, starting_after: int | None) -> bool:
    if starting_after is None:
        return True
    number = getattr(event, "sequence_number", None)
    return not isinstance(number, int) or number > starting_after


class _StreamView(Generic[TextFormatT]):
    """What both streams show besides their events: the HTTP response and the snapshot."""

    def __init__(
        self,
        *,
        response: httpx.Response,
        state: ResponseStreamState[TextFormatT],
        starting_after: int | None = None,
        strict: bool = False,
    ) -> None:
        self.response = response
        self._state = state
        self._reader = _EventReader(response, state, starting_after, strict)
        self._iterator = self._events()

    def _events(self) -> Any:  # the sync or async loop over `_reader`
        raise NotImplementedError

    @property
    def current_snapshot(self) -> ParsedResponse[object]:
        """The response accumulated from the events received so far."""
        return self._state.current_snapshot

    def _final_response(self) -> ParsedResponse[TextFormatT]:
        response = self._state.completed_response
        if response is None:
            raise RuntimeError("Didn't receive a `response.completed` event.")
        return response


class ResponseStream(_StreamView[TextFormatT], EventStream["ResponseStreamEvent[TextFormatT]"]):
    """The events of a streamed response (iterate once), and the response they build.

    `starting_after`: events numbered up to it are accumulated but not yielded (a resumed stream
    whose server replays them although it was asked to skip them).
    """

    def _events(self) -> Generator[ResponseStreamEvent[TextFormatT], None, None]:
        response, reader = self.response, self._reader
        try:
            if reader.is_json_reply():
                raise reader.json_reply_error(response.read())
            chunks = response.iter_bytes()
            while not reader.done:
                try:
                    chunk = next(chunks, None)
                except (httpx.RequestError, httpx.StreamError) as exc:
                    if self._closed:
                        return  # closed by the caller: what had arrived is all there is
                    if not isinstance(exc, httpx.RequestError):
                        raise
                    raise translate_transport_error(exc, response.request) from exc
                yield from reader.feed(chunk)
        finally:
            response.close()

    def _release(self) -> None:
        self.response.close()

    def get_final_response(self) -> ParsedResponse[TextFormatT]:
        """Consume the rest of the stream; the response of ``response.completed``, parsed."""
        self.until_done()
        return self._final_response()


class AsyncResponseStream(
    _StreamView[TextFormatT], AsyncEventStream["ResponseStreamEvent[TextFormatT]"]
):
    """The async twin of `ResponseStream`: ``async for event in stream``."""

    async def _events(self) -> AsyncGenerator[ResponseStreamEvent[TextFormatT], None]:
        response, reader = self.response, self._reader
        try:
            if reader.is_json_reply():
                raise reader.json_reply_error(await response.aread())
            chunks = response.aiter_bytes()
            while not reader.done:
                try:
                    chunk = await anext(chunks, None)
                except (httpx.RequestError, httpx.StreamError) as exc:
                    if self._closed:
                        return  # closed by the caller: what had arrived is all there is
                    if not isinstance(exc, httpx.RequestError):
                        raise
                    raise translate_transport_error(exc, response.request) from exc
                for event in reader.feed(chunk):
                    yield event
        finally:
            await response.aclose()

    async def _release(self) -> None:
        await self.response.aclose()

    async def get_final_response(self) -> ParsedResponse[TextFormatT]:
        """Consume the rest of the stream; the response of ``response.completed``, parsed."""
        await self.until_done()
        return self._final_response()
