"""Bodies of ``responses.parse()`` and ``responses.stream()``: what they change about
``create()`` is ``text.format`` (from ``text_format``), tools in the Responses shape, how the
result is parsed, and resuming a stored response; bad arguments raise as the official SDK's do."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, Union, cast

from typed_openai._core import NOT_GIVEN, NotGiven, left_out, with_post_parse
from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.resources._seams import is_async

if TYPE_CHECKING:
    from typed_openai._generated.resources.responses import AsyncResponses, Responses
    from typed_openai.types.responses.response import Response

    from .._parsing._responses_types import ParsedResponse
    from ..streaming.responses._state import ResponseStreamState

__all__ = ["parse", "stream"]

_Responses = Union["Responses", "AsyncResponses"]

_OPTION_NAMES = ("extra_headers", "extra_query", "extra_body", "timeout")
# The order the official SDK names conflicting arguments in: these first, these last, the others
# by name between them.
_NAMED_FIRST = ("access_programs", "input", "model")
_NAMED_LAST = ("background", "background_options")


def _naming_order(name: str) -> tuple[int, int, str]:
    if name in _NAMED_FIRST:
        return (0, _NAMED_FIRST.index(name), name)
    if name in _NAMED_LAST:
        return (2, _NAMED_LAST.index(name), name)
    return (1, 0, name)


class _Request:
    """What ``parse()`` / ``stream()`` send instead of the caller's ``text`` and ``tools``."""

    def __init__(self, text_format: Any, tools: Any, arguments: dict[str, Any]) -> None:
        from .._parsing._responses import make_tools, text_with_format

        self.text_format = text_format
        # What output text is validated into: `text_format`, unless `parse()`'s `parse_as` says.
        self.parse_format: Any = text_format
        self.arguments = dict(arguments)
        text = text_with_format(self.arguments.pop("text", NOT_GIVEN), text_format)
        if not left_out(text):
            self.arguments["text"] = text
        self.tools: Any = make_tools(tools)
        if not left_out(self.tools):
            self.arguments["tools"] = self.tools

    def parse(self, response: Response) -> ParsedResponse[Any]:
        from .._parsing._responses import parse_response

        return parse_response(
            text_format=self.parse_format, input_tools=self.tools, response=response
        )

    def state(self) -> ResponseStreamState[Any]:
        from ..streaming.responses._state import ResponseStreamState

        return ResponseStreamState(input_tools=self.tools, text_format=self.text_format)


def _parse_request(
    text_format: Any, tools: Any, parse_as: Any, verbosity: Any, arguments: dict[str, Any]
) -> _Request:
    """The request of a ``parse()`` call: `_Request` plus the arguments only ``parse()`` takes."""
    from .._parsing._responses import format_to_parse

    stream = arguments.get("stream")
    if not left_out(stream) and stream:
        raise TypeError("responses.parse() does not stream; use responses.stream() for events")
    if not left_out(verbosity):
        # A body field of its own, as the official SDK's parse() sends it (`text.verbosity` is
        # the other way to say it); `extra_body` still has the last word.
        arguments["extra_body"] = {"verbosity": verbosity, **(arguments.get("extra_body") or {})}
    request = _Request(text_format, tools, arguments)
    body_input = cast(Mapping[str, Any], arguments.get("extra_body") or {}).get(
        "input", arguments.get("input")
    )
    request.parse_format = format_to_parse(
        body_input, request.arguments.get("text", NOT_GIVEN), text_format, parse_as
    )
    return request


@sync_or_async
def parse(
    responses: _Responses,
    *,
    text_format: Any,
    tools: Any,
    parse_as: Any,
    verbosity: Any,
    **arguments: Any,
) -> Steps[Any]:
    request = _parse_request(text_format, tools, parse_as, verbosity, arguments)
    response = yield cast(Any, responses).create(**request.arguments)
    # Under `with_raw_response` the result is a raw response: it parses on `.parse()`.
    return with_post_parse(response, request.parse)


def _resuming(
    response_id: object,
    starting_after: object,
    arguments: Mapping[str, Any],
    asynchronous: bool = False,
) -> bool:
    """Whether this `stream()` call resumes a stored response (True) or creates one (False);
    the official SDK's checks, with its messages (``arguments`` without the request options;
    its async twin names the missing id ``response_id``)."""
    given = sorted(
        (name for name, value in arguments.items() if not left_out(value)), key=_naming_order
    )
    if (not left_out(response_id) or not left_out(starting_after)) and given:
        raise ValueError(
            "Cannot provide both response_id/starting_after can't be provided together with "
            + ", ".join(given)
        )
    if not given:
        # No argument of a new response (text_format and tools alone are not one): a resume,
        # which needs the response's id, even when starting_after is not given either.
        if left_out(response_id):
            missing = "response_id" if asynchronous else "id"
            raise ValueError(f"{missing} must be provided when streaming an existing response")
        return True
    if isinstance(arguments.get("input", NOT_GIVEN), NotGiven):
        raise ValueError("input must be provided when creating a new response")
    if isinstance(arguments.get("model", NOT_GIVEN), NotGiven):
        raise ValueError("model must be provided when creating a new response")
    return False


def stream(
    responses: _Responses,
    *,
    text_format: Any,
    tools: Any,
    response_id: Any,
    starting_after: Any,
    **arguments: Any,
) -> Any:
    """A `ResponseStreamManager` (its async twin for async ``responses``); the request is made
    when the manager's block is entered."""
    from ..streaming.responses._manager import AsyncResponseStreamManager, ResponseStreamManager

    asynchronous = is_async(responses)
    manager: Any = AsyncResponseStreamManager if asynchronous else ResponseStreamManager
    options = {name: arguments.pop(name) for name in _OPTION_NAMES if name in arguments}
    if not _resuming(response_id, starting_after, arguments, asynchronous):
        request = _Request(text_format, tools, arguments)
        create = partial(responses.create, **request.arguments, **options, stream=True)
        return manager(create, new_state=request.state)
    after = None if left_out(starting_after) else cast(int, starting_after)
    # As the official SDK: `GET /responses/{id}?stream=true` replays the stored stream from its
    # first event (the server is not asked to skip any); the events up to `starting_after`
    # build the state (whole snapshots) and are not yielded (`ResponseStream`).
    resume = partial(responses.retrieve, cast(str, response_id), stream=True, **options)
    new_state = _Request(text_format, tools, {}).state
    return manager(resume, new_state=new_state, starting_after=after)
