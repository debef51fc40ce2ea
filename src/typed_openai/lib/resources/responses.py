"""`responses` with the helpers ``parse()`` and ``stream()``, and ``retrieve()`` that resumes.

`spec/config.yml` makes the client tree instantiate these subclasses of the generated resource.
``parse()`` / ``stream()`` take every argument of `create()` (forwarded unchanged) plus
``text_format`` (a pydantic model: sent as a strict JSON schema in ``text.format``, the output
text comes back parsed) and ``tools`` (tools made by `pydantic_function_tool` are converted to
the Responses shape and their calls come back with ``parsed_arguments``). The work that is not
I/O lives in `lib/_parsing/_responses.py` and `lib/streaming/responses`, shared by sync and async.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from typed_openai._core import (
    NOT_GIVEN,
    NotGiven,
    RequestOptions,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
    with_post_parse,
)
from typed_openai._core._urls import path_template
from typed_openai._generated.resources.responses import (
    AsyncResponses as _GeneratedAsyncResponses,
)
from typed_openai._generated.resources.responses import (
    AsyncResponsesWithRawResponse as _GeneratedAsyncResponsesWithRawResponse,
)
from typed_openai._generated.resources.responses import (
    AsyncResponsesWithStreamingResponse as _GeneratedAsyncResponsesWithStreamingResponse,
)
from typed_openai._generated.resources.responses import Responses as _GeneratedResponses
from typed_openai._generated.resources.responses import (
    ResponsesWithRawResponse as _GeneratedResponsesWithRawResponse,
)
from typed_openai._generated.resources.responses import (
    ResponsesWithStreamingResponse as _GeneratedResponsesWithStreamingResponse,
)

if TYPE_CHECKING:
    from typed_openai.types.responses.response import Response

    from .._parsing._responses import TextFormatT
    from .._parsing._responses_types import ParsedResponse
    from ..streaming.responses._manager import (
        AsyncResponseStreamManager,
        ResponseStreamManager,
    )

__all__ = [
    "AsyncResponses",
    "AsyncResponsesWithRawResponse",
    "AsyncResponsesWithStreamingResponse",
    "Responses",
    "ResponsesWithRawResponse",
    "ResponsesWithStreamingResponse",
]


def _prepare(
    text_format: object, tools: object, arguments: Mapping[str, Any]
) -> tuple[dict[str, Any], Any]:
    """The arguments for `create()` (``text.format`` filled in, tools converted) and the tools
    as sent. Bad arguments raise here, before any request."""
    from .._parsing._responses import make_tools, text_with_format

    sent = dict(arguments)
    text = text_with_format(sent.pop("text", NOT_GIVEN), text_format)
    if not isinstance(text, NotGiven):
        sent["text"] = text
    input_tools = make_tools(cast(Any, tools))
    if not isinstance(input_tools, NotGiven):
        sent["tools"] = input_tools
    return sent, input_tools


def _check_stream_arguments(
    response_id: object, starting_after: object, arguments: Mapping[str, Any]
) -> bool:
    """Whether this `stream()` call resumes a response (True) or creates one (False)."""
    given = sorted(name for name, value in arguments.items() if not isinstance(value, NotGiven))
    resuming = not isinstance(response_id, NotGiven) or not isinstance(starting_after, NotGiven)
    if resuming and given:
        raise ValueError(
            "Cannot provide both response_id/starting_after can't be provided together with "
            + ", ".join(given)
        )
    if resuming:
        if isinstance(response_id, NotGiven):
            raise ValueError("id must be provided when streaming an existing response")
        return True
    if isinstance(arguments.get("input", NOT_GIVEN), NotGiven):
        raise ValueError("input must be provided when creating a new response")
    if isinstance(arguments.get("model", NOT_GIVEN), NotGiven):
        raise ValueError("model must be provided when creating a new response")
    return False


_STREAM_EVENT = "typed_openai.types.responses.response_stream_event:ResponseStreamEvent"
_OPTION_NAMES = ("extra_headers", "extra_query", "extra_body", "timeout")


def _stream_query(include: object, starting_after: object, include_obfuscation: object) -> Any:
    return {
        "stream": True,
        "include": include,
        "starting_after": starting_after,
        "include_obfuscation": include_obfuscation,
    }


def _skip_seen(stream: Any, starting_after: object) -> Any:
    """`stream` without the events numbered up to `starting_after`: the server was asked to
    leave them out, and one that replays them anyway must not show them twice."""
    if isinstance(starting_after, NotGiven) or not isinstance(starting_after, int):
        return stream
    inner = stream._iterator  # the typed items, before anyone iterates

    def after(items: Any) -> Any:
        for item in items:
            if getattr(item, "sequence_number", starting_after + 1) > starting_after:
                yield item

    stream._iterator = after(inner)
    return stream


async def _askip_seen(items: Any, starting_after: int) -> Any:
    async for item in items:
        if getattr(item, "sequence_number", starting_after + 1) > starting_after:
            yield item


def _split_options(arguments: dict[str, Any]) -> dict[str, Any]:
    return {key: arguments.pop(key) for key in _OPTION_NAMES if key in arguments}


class Responses(_GeneratedResponses):
    @cached_property
    def with_raw_response(self) -> ResponsesWithRawResponse:
        return ResponsesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ResponsesWithStreamingResponse:
        return ResponsesWithStreamingResponse(self)

    def _event_stream(
        self,
        response_id: str,
        *,
        include: object = NOT_GIVEN,
        starting_after: object = NOT_GIVEN,
        include_obfuscation: object = NOT_GIVEN,
        **options: Any,
    ) -> Any:
        """The raw event stream of a stored response (``GET /responses/{id}?stream=true``)."""
        return self._get(
            path_template("/responses/{response_id}", response_id=response_id),
            query=_stream_query(include, starting_after, include_obfuscation),
            options=RequestOptions(**options),
            cast_to=object,
            stream=True,
            stream_cls=_STREAM_EVENT,
        )

    def retrieve(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        response_id: str,
        *,
        include: Any = NOT_GIVEN,
        stream: bool | NotGiven = NOT_GIVEN,
        starting_after: int | NotGiven = NOT_GIVEN,
        include_obfuscation: bool | NotGiven = NOT_GIVEN,
        **options: Any,
    ) -> Any:
        """Retrieve a response; with ``stream=True``, its events as a stream (after
        ``starting_after`` when given: the server is asked to skip the earlier ones, and any it
        sends anyway are dropped)."""
        if stream is not True:
            return super().retrieve(
                response_id,
                include=include,
                stream=stream,
                starting_after=starting_after,
                include_obfuscation=include_obfuscation,
                **options,
            )
        raw = self._event_stream(
            response_id,
            include=include,
            starting_after=starting_after,
            include_obfuscation=include_obfuscation,
            **options,
        )
        return _skip_seen(raw, starting_after)

    def parse(
        self,
        *,
        text_format: type[TextFormatT] | NotGiven = NOT_GIVEN,
        tools: Any = NOT_GIVEN,
        **create_arguments: Any,
    ) -> ParsedResponse[TextFormatT]:
        """Create a response and parse it (never streams).

        `text_format` (a pydantic model) is sent as a strict JSON schema; each ``output_text``
        comes back validated in ``parsed`` and the first one in ``output_parsed``. Function calls
        to tools made by `pydantic_function_tool` (or other strict tools) carry
        ``parsed_arguments``; calls to non-strict tools have None there. Every other argument
        is passed to `create()` unchanged.
        """
        from .._parsing._responses import parse_response

        arguments, input_tools = _prepare(text_format, tools, create_arguments)
        arguments.pop("stream", None)
        response = self.create(**arguments)

        def parse(response: Response) -> ParsedResponse[TextFormatT]:
            parsed = parse_response(
                text_format=text_format, input_tools=input_tools, response=response
            )
            return cast("ParsedResponse[TextFormatT]", parsed)

        return with_post_parse(response, parse)

    def stream(
        self,
        *,
        response_id: str | NotGiven = NOT_GIVEN,
        starting_after: int | NotGiven = NOT_GIVEN,
        text_format: type[TextFormatT] | NotGiven = NOT_GIVEN,
        tools: Any = NOT_GIVEN,
        **create_arguments: Any,
    ) -> ResponseStreamManager[TextFormatT]:
        """Stream a response as typed events: use it as ``with ... as stream``.

        With ``input`` and ``model`` (and any argument of `create()`) it creates a response;
        with ``response_id`` (and optionally ``starting_after``) it resumes a stored one,
        asking the server for the events after ``starting_after`` only (any the server sends
        anyway are dropped). The request is sent when the block is entered and the response
        closed when it exits. The stream yields the API's events (text and function-call
        argument deltas with a ``snapshot``, ``response.output_text.done`` with ``parsed``),
        and ``get_final_response()`` returns the response parsed as `parse()` would.
        """
        from ..streaming.responses._manager import ResponseStreamManager
        from ..streaming.responses._state import ResponseStreamState

        options = _split_options(create_arguments)
        if _check_stream_arguments(response_id, starting_after, create_arguments):
            include = create_arguments.pop("include", NOT_GIVEN)

            def resume() -> Any:
                return self._event_stream(
                    cast(str, response_id),
                    include=include,
                    starting_after=starting_after,
                    **options,
                )

            after = None if isinstance(starting_after, NotGiven) else starting_after
            state: ResponseStreamState[TextFormatT] = ResponseStreamState(
                input_tools=tools, text_format=text_format, resumed=after is not None
            )
            return ResponseStreamManager(resume, state=state, starting_after=after)
        arguments, input_tools = _prepare(text_format, tools, create_arguments)

        def api_request() -> Any:
            return self.create(**arguments, **options, stream=True)

        state = ResponseStreamState(input_tools=input_tools, text_format=text_format)
        return ResponseStreamManager(api_request, state=state)


class AsyncResponses(_GeneratedAsyncResponses):
    @cached_property
    def with_raw_response(self) -> AsyncResponsesWithRawResponse:
        return AsyncResponsesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncResponsesWithStreamingResponse:
        return AsyncResponsesWithStreamingResponse(self)

    async def _event_stream(
        self,
        response_id: str,
        *,
        include: object = NOT_GIVEN,
        starting_after: object = NOT_GIVEN,
        include_obfuscation: object = NOT_GIVEN,
        **options: Any,
    ) -> Any:
        """The raw event stream of a stored response (``GET /responses/{id}?stream=true``)."""
        return await self._get(
            path_template("/responses/{response_id}", response_id=response_id),
            query=_stream_query(include, starting_after, include_obfuscation),
            options=RequestOptions(**options),
            cast_to=object,
            stream=True,
            stream_cls=_STREAM_EVENT,
        )

    async def retrieve(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        response_id: str,
        *,
        include: Any = NOT_GIVEN,
        stream: bool | NotGiven = NOT_GIVEN,
        starting_after: int | NotGiven = NOT_GIVEN,
        include_obfuscation: bool | NotGiven = NOT_GIVEN,
        **options: Any,
    ) -> Any:
        """The async twin of `Responses.retrieve`."""
        if stream is not True:
            return await super().retrieve(
                response_id,
                include=include,
                stream=stream,
                starting_after=starting_after,
                include_obfuscation=include_obfuscation,
                **options,
            )
        raw = await self._event_stream(
            response_id,
            include=include,
            starting_after=starting_after,
            include_obfuscation=include_obfuscation,
            **options,
        )
        if isinstance(starting_after, int):
            raw._iterator = _askip_seen(raw._iterator, starting_after)
        return raw

    async def parse(
        self,
        *,
        text_format: type[TextFormatT] | NotGiven = NOT_GIVEN,
        tools: Any = NOT_GIVEN,
        **create_arguments: Any,
    ) -> ParsedResponse[TextFormatT]:
        """The async twin of `Responses.parse`."""
        from .._parsing._responses import parse_response

        arguments, input_tools = _prepare(text_format, tools, create_arguments)
        arguments.pop("stream", None)
        response = await self.create(**arguments)

        def parse(response: Response) -> ParsedResponse[TextFormatT]:
            parsed = parse_response(
                text_format=text_format, input_tools=input_tools, response=response
            )
            return cast("ParsedResponse[TextFormatT]", parsed)

        return with_post_parse(response, parse)

    def stream(
        self,
        *,
        response_id: str | NotGiven = NOT_GIVEN,
        starting_after: int | NotGiven = NOT_GIVEN,
        text_format: type[TextFormatT] | NotGiven = NOT_GIVEN,
        tools: Any = NOT_GIVEN,
        **create_arguments: Any,
    ) -> AsyncResponseStreamManager[TextFormatT]:
        """The async twin of `Responses.stream`: use it as ``async with ... as stream``."""
        from ..streaming.responses._manager import AsyncResponseStreamManager
        from ..streaming.responses._state import ResponseStreamState

        options = _split_options(create_arguments)
        if _check_stream_arguments(response_id, starting_after, create_arguments):
            include = create_arguments.pop("include", NOT_GIVEN)

            async def resume() -> Any:
                return await self._event_stream(
                    cast(str, response_id),
                    include=include,
                    starting_after=starting_after,
                    **options,
                )

            after = None if isinstance(starting_after, NotGiven) else starting_after
            state: ResponseStreamState[TextFormatT] = ResponseStreamState(
                input_tools=tools, text_format=text_format, resumed=after is not None
            )
            return AsyncResponseStreamManager(resume, state=state, starting_after=after)
        arguments, input_tools = _prepare(text_format, tools, create_arguments)

        async def api_request() -> Any:
            return await self.create(**arguments, **options, stream=True)

        state = ResponseStreamState(input_tools=input_tools, text_format=text_format)
        return AsyncResponseStreamManager(api_request, state=state)


class ResponsesWithRawResponse(_GeneratedResponsesWithRawResponse):
    def __init__(self, responses: Responses) -> None:
        super().__init__(responses)
        self.parse = to_raw_response_wrapper(responses.parse)


class ResponsesWithStreamingResponse(_GeneratedResponsesWithStreamingResponse):
    def __init__(self, responses: Responses) -> None:
        super().__init__(responses)
        self.parse = to_streamed_response_wrapper(responses.parse)


class AsyncResponsesWithRawResponse(_GeneratedAsyncResponsesWithRawResponse):
    def __init__(self, responses: AsyncResponses) -> None:
        super().__init__(responses)
        self.parse = async_to_raw_response_wrapper(responses.parse)


class AsyncResponsesWithStreamingResponse(_GeneratedAsyncResponsesWithStreamingResponse):
    def __init__(self, responses: AsyncResponses) -> None:
        super().__init__(responses)
        self.parse = async_to_streamed_response_wrapper(responses.parse)
