"""Bodies of ``responses.parse()`` and ``responses.stream()`` (signatures: spec/config.yml).

The generator writes both methods with every argument of ``create()`` except ``stream``, plus
``text_format`` (and, for ``stream()``, ``response_id`` / ``starting_after``), and passes them
here by keyword. These functions add what the helpers change about the call — ``text.format``
from the model, tools in the Responses shape, how the result is parsed, resuming a stored
response — and forward everything else to ``create()`` unchanged. Bad arguments raise before any
request, as the official SDK's do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from typed_openai._core import NOT_GIVEN, NotGiven, RequestOptions, with_post_parse
from typed_openai._core._urls import path_template

if TYPE_CHECKING:
    from typed_openai._generated.resources.responses import AsyncResponses, Responses
    from typed_openai.types.responses.response import Response

    from .._parsing._responses_types import ParsedResponse
    from ..streaming.responses._manager import AsyncResponseStreamManager, ResponseStreamManager
    from ..streaming.responses._state import ResponseStreamState

__all__ = ["async_parse", "async_stream", "parse", "stream"]

_STREAM_EVENT = "typed_openai.types.responses.response_stream_event:ResponseStreamEvent"
_OPTION_NAMES = ("extra_headers", "extra_query", "extra_body", "timeout")
# The order the official SDK names conflicting arguments in (the rest follow as given).
_NAMED_FIRST = {"input": 0, "model": 1}


class _Request:
    """What ``parse()`` / ``stream()`` send instead of the caller's ``text`` and ``tools``."""

    def __init__(self, text_format: Any, tools: Any, arguments: dict[str, Any]) -> None:
        from .._parsing._responses import make_tools, text_with_format

        self.text_format = text_format
        self.arguments = dict(arguments)
        text = text_with_format(self.arguments.pop("text", NOT_GIVEN), text_format)
        if not isinstance(text, NotGiven):
            self.arguments["text"] = text
        self.tools: Any = make_tools(tools)
        if not isinstance(self.tools, NotGiven):
            self.arguments["tools"] = self.tools

    def parse(self, response: Response) -> ParsedResponse[Any]:
        from .._parsing._responses import parse_response

        return parse_response(
            text_format=self.text_format, input_tools=self.tools, response=response
        )

    def state(self, *, resumed: bool = False) -> ResponseStreamState[Any]:
        from ..streaming.responses._state import ResponseStreamState

        return ResponseStreamState(
            input_tools=self.tools, text_format=self.text_format, resumed=resumed
        )


def parse(
    responses: Responses, *, text_format: Any = NOT_GIVEN, tools: Any = NOT_GIVEN, **arguments: Any
) -> Any:
    request = _Request(text_format, tools, arguments)
    # Under `with_raw_response` the result is a raw response: it parses on `.parse()`.
    response: Any = cast(Any, responses).create(**request.arguments)
    return with_post_parse(response, request.parse)


async def async_parse(
    responses: AsyncResponses,
    *,
    text_format: Any = NOT_GIVEN,
    tools: Any = NOT_GIVEN,
    **arguments: Any,
) -> Any:
    request = _Request(text_format, tools, arguments)
    response: Any = await cast(Any, responses).create(**request.arguments)
    return with_post_parse(response, request.parse)


def _resuming(response_id: object, starting_after: object, arguments: Mapping[str, Any]) -> bool:
    """Whether this `stream()` call resumes a stored response (True) or creates one (False);
    the official SDK's checks, with its messages."""
    given = sorted(
        (
            name
            for name, value in arguments.items()
            if name not in _OPTION_NAMES and not isinstance(value, NotGiven)
        ),
        key=lambda name: _NAMED_FIRST.get(name, len(_NAMED_FIRST)),
    )
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


def _event_stream_call(response_id: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """``GET /responses/{id}?stream=true``: the whole event stream, replayed from its start.

    Not ``starting_after=N``, although the server could then skip the events up to N: the
    snapshots this helper hands out (``snapshot`` on delta events, the accumulated response) are
    built from every event, the skipped ones included, as the official SDK's are. The stream
    accumulates the replayed events and yields those after N (`ResponseStream`). Raw events
    without snapshots: ``retrieve(id, stream=True, starting_after=N)`` asks the server to skip.
    """
    return {
        "query": {"stream": True},
        "options": RequestOptions(**options),
        "cast_to": object,
        "stream": True,
        "stream_cls": _STREAM_EVENT,
    } | {"path": path_template("/responses/{response_id}", response_id=response_id)}


def stream(
    responses: Responses,
    *,
    text_format: Any = NOT_GIVEN,
    tools: Any = NOT_GIVEN,
    response_id: Any = NOT_GIVEN,
    starting_after: Any = NOT_GIVEN,
    **arguments: Any,
) -> ResponseStreamManager[Any]:
    from ..streaming.responses._manager import ResponseStreamManager

    options = {name: arguments.pop(name) for name in _OPTION_NAMES if name in arguments}
    if _resuming(response_id, starting_after, arguments):
        request = _Request(text_format, tools, {})
        call = _event_stream_call(cast(str, response_id), options)
        after = None if isinstance(starting_after, NotGiven) else cast(int, starting_after)

        def resume() -> Any:
            path = call.pop("path")
            return responses._get(path, **call)  # pyright: ignore[reportPrivateUsage]

        return ResponseStreamManager(
            resume, state=request.state(resumed=after is not None), starting_after=after
        )
    request = _Request(text_format, tools, arguments)
    return ResponseStreamManager(
        lambda: responses.create(**request.arguments, **options, stream=True),
        state=request.state(),
    )


def async_stream(
    responses: AsyncResponses,
    *,
    text_format: Any = NOT_GIVEN,
    tools: Any = NOT_GIVEN,
    response_id: Any = NOT_GIVEN,
    starting_after: Any = NOT_GIVEN,
    **arguments: Any,
) -> AsyncResponseStreamManager[Any]:
    from ..streaming.responses._manager import AsyncResponseStreamManager

    options = {name: arguments.pop(name) for name in _OPTION_NAMES if name in arguments}
    if _resuming(response_id, starting_after, arguments):
        request = _Request(text_format, tools, {})
        call = _event_stream_call(cast(str, response_id), options)
        after = None if isinstance(starting_after, NotGiven) else cast(int, starting_after)

        async def resume() -> Any:
            path = call.pop("path")
            return await responses._get(path, **call)  # pyright: ignore[reportPrivateUsage]

        return AsyncResponseStreamManager(
            resume, state=request.state(resumed=after is not None), starting_after=after
        )
    request = _Request(text_format, tools, arguments)

    async def api_request() -> Any:
        return await responses.create(**request.arguments, **options, stream=True)

    return AsyncResponseStreamManager(api_request, state=request.state())
