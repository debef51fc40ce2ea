"""Bodies of ``chat.completions.parse()`` and ``.stream()``: what they change about ``create()``
is the request format (a pydantic model's strict JSON schema), the tools, and how the result is
parsed."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Union

from typed_openai._core import NOT_GIVEN, left_out, with_post_parse
from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.resources._seams import is_async

if TYPE_CHECKING:
    from typed_openai._generated.resources.chat.completions import AsyncCompletions, Completions
    from typed_openai.types.chat.chat_completion import ChatCompletion

    from ..._parsing._types import ParsedChatCompletion
    from ...streaming.chat._state import ChatCompletionStreamState

__all__ = ["parse", "stream"]

_Completions = Union["Completions", "AsyncCompletions"]


class _Structured:
    """What ``parse()`` / ``stream()`` send instead of the caller's ``response_format`` and
    ``tools``, checked when the helper is called: bad values raise before any request."""

    def __init__(self, response_format: Any, tools: Any, *, strict_tools: bool) -> None:
        from ..._parsing._response_format import type_to_response_format_param
        from ..._parsing._tool_arguments import validate_input_tools

        self.response_format = response_format
        if strict_tools:  # parsed arguments need strict function tools
            self.tools: Any = validate_input_tools(tools)
        else:
            self.tools = NOT_GIVEN if left_out(tools) else list(tools)
        self.create_arguments: dict[str, Any] = {
            "response_format": type_to_response_format_param(response_format),
            "tools": self.tools,
        }

    def parse(self, completion: ChatCompletion) -> ParsedChatCompletion[Any]:
        from ..._parsing._completions import parse_chat_completion

        return parse_chat_completion(
            response_format=self.response_format,
            input_tools=self.tools,
            chat_completion=completion,
        )

    def stream_state(self) -> ChatCompletionStreamState[Any]:
        from ...streaming.chat._state import ChatCompletionStreamState

        return ChatCompletionStreamState(
            input_tools=self.tools, response_format=self.response_format
        )


@sync_or_async
def parse(
    completions: _Completions, *, response_format: Any, tools: Any, **arguments: Any
) -> Steps[ParsedChatCompletion[Any]]:
    structured = _Structured(response_format, tools, strict_tools=True)
    completion = yield completions.create(**arguments, **structured.create_arguments, stream=False)
    # Under `with_raw_response` the completion is a raw response: it parses on `.parse()`.
    return with_post_parse(completion, structured.parse)


def stream(completions: _Completions, *, response_format: Any, tools: Any, **arguments: Any) -> Any:
    """A `ChatCompletionStreamManager`, or its async twin for async ``completions``: the request
    is made when the manager's block is entered."""
    from ...streaming.chat._manager import (
        AsyncChatCompletionStreamManager,
        ChatCompletionStreamManager,
    )

    structured = _Structured(response_format, tools, strict_tools=False)
    arguments.update(structured.create_arguments, stream=True)
    manager: Any = ChatCompletionStreamManager
    if is_async(completions):
        manager = AsyncChatCompletionStreamManager
    return manager(partial(completions.create, **arguments), new_state=structured.stream_state)
