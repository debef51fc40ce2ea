"""Turn a `ChatCompletion` into a `ParsedChatCompletion`: pure functions, no I/O.

`parse()` (sync and async) and the chat streaming helpers share these. The parsed objects are
built with `model_construct` from the already validated response, so nothing is validated twice
and values the client kept leniently (an enum value it does not know yet) survive unchanged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

import pydantic

from typed_openai._core import NOT_GIVEN, NotGiven, left_out

from .._pydantic import validate_json_as
from ._errors import ContentFilterFinishReasonError, LengthFinishReasonError
from ._response_format import (
    ResponseFormatInput,
    ResponseFormatT,
    response_format_model,
    type_to_response_format_param,
)
from ._tool_arguments import find_input_tool, validate_input_tools
from ._tool_arguments import parse_function_tool_arguments as _arguments_of
from ._types import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
    ParsedFunction,
    ParsedFunctionToolCall,
)

if TYPE_CHECKING:
    from typed_openai.types.chat import ChatCompletion, ChatCompletionMessage

__all__ = [
    "ResponseFormatT",
    "get_input_tool_by_name",
    "has_parseable_input",
    "has_rich_response_format",
    "is_parseable_tool",
    "materialize_input_tools",
    "maybe_parse_content",
    "parse_chat_completion",
    "parse_content",
    "parse_function_tool_arguments",
    "raise_for_finish_reason",
    "type_to_response_format_param",
    "validate_input_tools",
]

# the official SDK's logger name for these warnings: code configuring `openai` configures ours
_log = logging.getLogger("openai.lib.parsing")

_ContentT = TypeVar("_ContentT")
_BuiltT = TypeVar("_BuiltT", bound=pydantic.BaseModel)


def raise_for_finish_reason(finish_reason: object, completion: ChatCompletion) -> None:
    """Raise when a choice's content is unusable: cut at the token limit, or filtered."""
    if finish_reason == "length":
        raise LengthFinishReasonError(completion=completion)
    if finish_reason == "content_filter":
        raise ContentFilterFinishReasonError(completion=completion)


def parse_content(
    model: type[_ContentT] | None, *, content: str | None, refusal: str | None
) -> _ContentT | None:
    """The message content validated into `model` (a ``BaseModel`` or another class).

    None when there is no model, when the model refused (the text is in ``refusal``) or when the
    message has no content (it called tools instead). Content that is not valid JSON or does not
    match the model raises pydantic's `ValidationError`, which names the model.
    """
    if model is None or refusal or content is None:
        return None
    return validate_json_as(model, content)


@overload
def parse_chat_completion(
    *,
    response_format: type[ResponseFormatT],
    input_tools: Sequence[Mapping[str, Any]] | NotGiven,
    chat_completion: ChatCompletion,
) -> ParsedChatCompletion[ResponseFormatT]: ...


@overload
def parse_chat_completion(
    *,
    response_format: Mapping[str, Any] | NotGiven,
    input_tools: Sequence[Mapping[str, Any]] | NotGiven,
    chat_completion: ChatCompletion,
) -> ParsedChatCompletion[None]: ...


def parse_chat_completion(
    *,
    response_format: type[ResponseFormatT] | Mapping[str, Any] | NotGiven,
    input_tools: Sequence[Mapping[str, Any]] | NotGiven,
    chat_completion: ChatCompletion,
) -> ParsedChatCompletion[ResponseFormatT] | ParsedChatCompletion[None]:
    """`chat_completion` with ``message.parsed`` and ``tool_calls[].function.parsed_arguments``.

    Raises `LengthFinishReasonError` / `ContentFilterFinishReasonError` if any choice finished
    that way, before parsing anything.
    """
    for choice in chat_completion.choices:
        raise_for_finish_reason(choice.finish_reason, chat_completion)
    model = response_format_model(cast(ResponseFormatInput, response_format))
    tools: Sequence[Mapping[str, Any]] = [] if left_out(input_tools) else input_tools
    choices = [
        _rebuild(
            _parametrized(ParsedChoice),
            choice,
            message=_parse_message(choice.message, model, tools),
        )
        for choice in chat_completion.choices
    ]
    completion = _rebuild(_parametrized(ParsedChatCompletion), chat_completion, choices=choices)
    return cast("ParsedChatCompletion[ResponseFormatT]", completion)


def _parametrized(generic: type[_BuiltT]) -> type[_BuiltT]:
    # Parametrized by the type variable itself, whatever the response_format, as the official
    # SDK builds them: `type(completion).__name__` is 'ParsedChatCompletion[~ResponseFormatT]'
    # there, and code and logs compare it. The variable is unbound, so `parsed` takes any value.
    cls: type[_BuiltT] = cast(Any, generic)[ResponseFormatT]
    if not cls.__pydantic_complete__:
        # The models build lazily, and `model_construct` does not trigger the build; without
        # it, serializing the result (`to_dict()`, `model_dump()`) fails.
        cls.model_rebuild()
    return cls


def _parse_message(
    message: ChatCompletionMessage,
    model: type[Any] | None,
    tools: Sequence[Mapping[str, Any]],
) -> pydantic.BaseModel:
    parsed_calls = (_parse_tool_call(call, tools) for call in message.tool_calls or ())
    calls = [call for call in parsed_calls if call is not None]
    # `tool_calls` is always set, None when no call is left (as the official SDK's parse()):
    # `to_dict()` and `model_dump(exclude_unset=True)` of a parsed message list it.
    changes: dict[str, Any] = {
        "parsed": parse_content(model, content=message.content, refusal=message.refusal),
        "tool_calls": calls or None,
    }
    return _rebuild(_parametrized(ParsedChatCompletionMessage), message, **changes)


def _parse_tool_call(tool_call: object, tools: Sequence[Mapping[str, Any]]) -> Any:
    """A function call with its ``parsed_arguments``; a custom tool's call is dropped (parse()
    cannot call it), a call of a kind this client does not know is kept as it came."""
    kind = getattr(tool_call, "type", None)
    function = getattr(tool_call, "function", None)
    if kind == "custom":
        _log.warning("ignoring a custom tool call, which parse() cannot call: %r", tool_call)
        return None
    if kind != "function" or not isinstance(function, pydantic.BaseModel):
        return tool_call
    name = cast(str, getattr(function, "name", ""))
    arguments = cast(str, getattr(function, "arguments", ""))
    parsed_function = _rebuild(
        ParsedFunction,
        function,
        parsed_arguments=_arguments_of(tools, name=name, arguments=arguments),
    )
    return _rebuild(
        ParsedFunctionToolCall, cast(pydantic.BaseModel, tool_call), function=parsed_function
    )


def _rebuild(cls: type[_BuiltT], source: pydantic.BaseModel, **changes: Any) -> _BuiltT:
    """An instance of `cls` (a subclass of `source`'s class) with `source`'s values and `changes`.

    `model_construct` skips validation: `source` was validated when the response was read.
    Which fields were set is kept, so `to_dict()` (unset fields left out) still round-trips.
    """
    values = dict(source)  # declared fields and extra (unknown) fields alike
    values.update(changes)
    return cls.model_construct(_fields_set=source.model_fields_set | set(changes), **values)


# --- the official SDK's helper names ---------------------------------------------------------------
# Code written for the official SDK imports these from its private `openai.lib._parsing` (a Batch
# API job builds its request lines with `type_to_response_format_param(Model)` and parses the
# output lines with `maybe_parse_content`), so they answer here under the same names and call
# forms, on top of the functions above.


def has_rich_response_format(response_format: ResponseFormatInput) -> bool:
    """True when `response_format` is a class the content gets parsed into (not a dict)."""
    return response_format_model(response_format) is not None


def has_parseable_input(
    *,
    response_format: ResponseFormatInput,
    input_tools: Iterable[Mapping[str, Any]] | NotGiven = NOT_GIVEN,
) -> bool:
    """True when a completion answering these arguments has something to parse: a class as
    `response_format`, or a strict function tool whose call arguments get parsed."""
    if has_rich_response_format(response_format):
        return True
    tools: Iterable[Mapping[str, Any]] = () if left_out(input_tools) else input_tools
    return any(tool.get("type") == "function" and _strict(tool.get("function")) for tool in tools)


def is_parseable_tool(tool: Mapping[str, Any]) -> bool:
    """Whether calls of `tool` get their arguments parsed: a function tool made from a model by
    `pydantic_function_tool` (however its dict was copied or edited since), or one sent strict.
    Also the official SDK's name for this check, which wrappers import."""
    if tool.get("type") != "function":
        return False
    from .._tools import function_tool_model

    return function_tool_model(tool) is not None or _strict(tool.get("function"))


def _strict(function: object) -> bool:
    return (
        isinstance(function, Mapping) and cast("Mapping[str, Any]", function).get("strict") is True
    )


def maybe_parse_content(
    *, response_format: ResponseFormatInput, message: ChatCompletionMessage
) -> Any:
    """`message`'s content validated into `response_format` when that is a class; None for a
    dict format, a refusal or a message without content."""
    return parse_content(
        response_format_model(response_format), content=message.content, refusal=message.refusal
    )


def get_input_tool_by_name(
    *, input_tools: Sequence[Mapping[str, Any]], name: str
) -> Mapping[str, Any] | None:
    """The function tool called `name` among `input_tools`."""
    return find_input_tool(input_tools, name)


def materialize_input_tools(
    tools: Iterable[Mapping[str, Any]] | NotGiven,
) -> list[Mapping[str, Any]] | NotGiven:
    """The tools as a list (a one-shot iterator is read once), unchecked."""
    return NOT_GIVEN if left_out(tools) else list(tools)


def parse_function_tool_arguments(
    *, input_tools: Sequence[Mapping[str, Any]], function: Any
) -> object | None:
    """The parsed arguments of a tool call's `function` (see `_tool_arguments`)."""
    return _arguments_of(input_tools, name=function.name, arguments=function.arguments)
