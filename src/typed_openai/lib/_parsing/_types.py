"""`ParsedChatCompletion[T]` and friends: the generated chat models plus the parsed values.

Each class extends its generated counterpart, so a parsed completion is still a `ChatCompletion`
(``isinstance`` and every field work as before) and only narrows ``choices`` / ``message`` /
``tool_calls`` to the parsed variants. ``T`` is the pydantic model given as ``response_format``.
"""

from __future__ import annotations

from typing import Generic, List

from typing_extensions import TypeVar

from typed_openai.types.chat.chat_completion import ChatCompletion, Choice
from typed_openai.types.chat.chat_completion_message import ChatCompletionMessage
from typed_openai.types.chat.chat_completion_message_function_tool_call import (
    ChatCompletionMessageFunctionToolCall,
    Function,
)

__all__ = [
    "ContentType",
    "ParsedChatCompletion",
    "ParsedChatCompletionMessage",
    "ParsedChoice",
    "ParsedFunction",
    "ParsedFunctionToolCall",
]

# The generated models build lazily (`defer_build`). A subclass of a model whose fields are not
# resolved yet would re-resolve the inherited annotations in *this* module's namespace and fail,
# so the parents are completed first.
for _parent in (
    Function,
    ChatCompletionMessageFunctionToolCall,
    ChatCompletionMessage,
    Choice,
    ChatCompletion,
):
    _parent.model_rebuild()

# The default keeps `ParsedChatCompletion` (unparametrized) usable as a type: `parsed` is None.
ContentType = TypeVar("ContentType", default=None)

# The narrowed field types below are subtypes of the generated ones; pydantic is fine with that,
# type checkers flag the mutable-field override, which is deliberate here.


class ParsedFunction(Function):
    parsed_arguments: object | None = None
    """The arguments as an instance of the tool's model (a `pydantic_function_tool`), or the
    decoded JSON for another strict tool."""


class ParsedFunctionToolCall(ChatCompletionMessageFunctionToolCall):
    function: ParsedFunction  # pyright: ignore[reportIncompatibleVariableOverride]


class ParsedChatCompletionMessage(ChatCompletionMessage, Generic[ContentType]):
    parsed: ContentType | None = None
    """The content validated into the `response_format` model; None if the model refused."""

    tool_calls: List[ParsedFunctionToolCall] | None = None  # pyright: ignore[reportIncompatibleVariableOverride]


class ParsedChoice(Choice, Generic[ContentType]):
    message: ParsedChatCompletionMessage[ContentType]  # pyright: ignore[reportIncompatibleVariableOverride]


class ParsedChatCompletion(ChatCompletion, Generic[ContentType]):
    choices: List[ParsedChoice[ContentType]]  # pyright: ignore[reportIncompatibleVariableOverride]
