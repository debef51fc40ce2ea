"""`ResponseStream` / `AsyncResponseStream`: iterate typed events over a streamed response.

Both are thin loops: `_core`'s `SSEDecoder` turns bytes into events, `_Payloads` (shared, no
I/O) turns each into its decoded JSON or the runtime's error, and `ResponseStreamState` turns
that into typed events. Reading the bytes here, rather than through the generated
``Stream[ResponseStreamEvent]``, skips validating each event against the whole event union and
keeps ``error`` events as events, as the official SDK does (they describe a failed response and
are followed by ``response.failed``). A dropped connection raises `APIConnectionError` (a read
timeout `APITimeoutError`); an error object in place of an event raises `APIError`. The response
is closed when the stream ends, raises, or is closed, and when the ``with`` block exits.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, cast

import httpx
import jiter
from typing_extensions import Self

from typed_openai._core import APIError, APIResponseValidationError
from typed_openai._core._errors import translate_transport_error
from typed_openai._core._sse import SSEDecoder

from ._events import ResponseStreamEvent, TextFormatT
from ._state import ResponseStreamState

if TYPE_CHECKING:
    from ..._parsing._responses_types import ParsedResponse

__all__ = ["AsyncResponseStream", "ResponseStream"]

_DONE = "[DONE]"
from_json = jiter.from_json


class _Payloads:
    """SSE event -> decoded JSON payload, or the error it stands for (no I/O)."""

    __slots__ = ("_response",)

    def __init__(self, response: httpx.Response) -> None:
        self._response = response

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

    def undecodable(self, text: str) -> APIResponseValidationError:
        return APIResponseValidationError(
            self._response,
            text,
            message=f"Could not decode a stream event's data as JSON: {text[:200]!r}",
        )

    def checked(self, data: object) -> dict[str, Any]:
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


def _wanted(event: Any, starting_after: int | None) -> bool:
    if starting_after is None:
        return True
    number = getattr(event, "sequence_number", None)
    return not isinstance(number, int) or number > starting_after


class ResponseStream(Generic[TextFormatT]):
    """The events of a streamed response (iterate once), and the response they build.

    `starting_after`: events numbered up to it are accumulated but not yielded (a resumed stream,
    replayed from its start so that snapshots hold everything).
    """

    def __init__(
        self,
        *,
        response: httpx.Response,
        state: ResponseStreamState[TextFormatT],
        starting_after: int | None = None,
    ) -> None:
        self.response = response
        self._state = state
        self._starting_after = starting_after
        self._payloads = _Payloads(response)
        self._iterator = self._events()

    @property
    def current_snapshot(self) -> ParsedResponse[object]:
        """The response accumulated from the events received so far."""
        return self._state.current_snapshot

    def __iter__(self) -> Iterator[ResponseStreamEvent[TextFormatT]]:
        return self._iterator

    def __next__(self) -> ResponseStreamEvent[TextFormatT]:
        return next(self._iterator)

    def _events(self) -> Generator[ResponseStreamEvent[TextFormatT], None, None]:
        # One loop from bytes to events (no generator per layer: this runs once per event).
        response, payloads = self.response, self._payloads
        handle, starting_after = self._state.handle_data, self._starting_after
        decoder = SSEDecoder()
        try:
            if payloads.is_json_reply():
                raise payloads.json_reply_error(response.read())
            chunks = response.iter_bytes()
            while True:
                try:
                    chunk = next(chunks, None)
                except httpx.RequestError as exc:
                    raise translate_transport_error(exc, response.request) from exc
                sses = decoder.feed(chunk) if chunk is not None else decoder.flush()
                for sse in sses:
                    text = sse.data
                    if text[:6] == _DONE:
                        return
                    try:
                        data: Any = from_json(text.encode())
                    except ValueError:
                        raise payloads.undecodable(text) from None
                    if type(data) is not dict or "error" in data:
                        data = payloads.checked(cast(object, data))
                    for event in handle(cast(dict[str, Any], data)):
                        if starting_after is None or _wanted(event, starting_after):
                            yield event
                if chunk is None:
                    return
        finally:
            response.close()

    def until_done(self) -> Self:
        """Consume the rest of the stream."""
        for _event in self._iterator:
            pass
        return self

    def get_final_response(self) -> ParsedResponse[TextFormatT]:
        """Consume the rest of the stream; the response of ``response.completed``, parsed."""
        self.until_done()
        response = self._state.completed_response
        if response is None:
            raise RuntimeError("Didn't receive a `response.completed` event.")
        return response

    def close(self) -> None:
        """Stop reading and release the connection (done automatically at the end)."""
        self._iterator.close()
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncResponseStream(Generic[TextFormatT]):
    """The async twin of `ResponseStream`: ``async for event in stream``."""

    def __init__(
        self,
        *,
        response: httpx.Response,
        state: ResponseStreamState[TextFormatT],
        starting_after: int | None = None,
    ) -> None:
        self.response = response
        self._state = state
        self._starting_after = starting_after
        self._payloads = _Payloads(response)
        self._iterator = self._events()

    @property
    def current_snapshot(self) -> ParsedResponse[object]:
        """The response accumulated from the events received so far."""
        return self._state.current_snapshot

    def __aiter__(self) -> AsyncIterator[ResponseStreamEvent[TextFormatT]]:
        return self._iterator

    async def __anext__(self) -> ResponseStreamEvent[TextFormatT]:
        return await self._iterator.__anext__()

    async def _events(self) -> AsyncGenerator[ResponseStreamEvent[TextFormatT], None]:
        response, payloads = self.response, self._payloads
        handle, starting_after = self._state.handle_data, self._starting_after
        decoder = SSEDecoder()
        try:
            if payloads.is_json_reply():
                raise payloads.json_reply_error(await response.aread())
            chunks = response.aiter_bytes()
            while True:
                try:
                    chunk = await anext(chunks, None)
                except httpx.RequestError as exc:
                    raise translate_transport_error(exc, response.request) from exc
                sses = decoder.feed(chunk) if chunk is not None else decoder.flush()
                for sse in sses:
                    text = sse.data
                    if text[:6] == _DONE:
                        return
                    try:
                        data: Any = from_json(text.encode())
                    except ValueError:
                        raise payloads.undecodable(text) from None
                    if type(data) is not dict or "error" in data:
                        data = payloads.checked(cast(object, data))
                    for event in handle(cast(dict[str, Any], data)):
                        if starting_after is None or _wanted(event, starting_after):
                            yield event
                if chunk is None:
                    return
        finally:
            await response.aclose()

    async def until_done(self) -> Self:
        """Consume the rest of the stream."""
        async for _event in self._iterator:
            pass
        return self

    async def get_final_response(self) -> ParsedResponse[TextFormatT]:
        """Consume the rest of the stream; the response of ``response.completed``, parsed."""
        await self.until_done()
        response = self._state.completed_response
        if response is None:
            raise RuntimeError("Didn't receive a `response.completed` event.")
        return response

    async def close(self) -> None:
        """Stop reading and release the connection (done automatically at the end)."""
        await self._iterator.aclose()
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
