"""Second names the official SDK keeps for chat types it renamed, so code that imports them runs.

`spec/config.yml` (`public_extras`) re-exports them from `typed_openai.types.chat`; they are plain
aliases of the generated types, never types of their own.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypeAlias

from typed_openai.types.chat.chat_completion_function_tool_param import (
    ChatCompletionFunctionToolParam,
)
from typed_openai.types.chat.chat_completion_message_function_tool_call import (
    ChatCompletionMessageFunctionToolCall,
)
from typed_openai.types.chat.chat_completion_message_function_tool_call_param import (
    ChatCompletionMessageFunctionToolCallParam,
)
from typed_openai.types.chat.chat_completion_message_param import ChatCompletionMessageParam
from typed_openai.types.shared.reasoning_effort import ReasoningEffort

__all__ = [
    "ChatCompletionMessageToolCall",
    "ChatCompletionMessageToolCallParam",
    "ChatCompletionReasoningEffort",
    "ChatCompletionRole",
    "ChatCompletionToolParam",
    "CreateChatCompletionRequestMessageParam",
]

ChatCompletionToolParam: TypeAlias = ChatCompletionFunctionToolParam
ChatCompletionMessageToolCall: TypeAlias = ChatCompletionMessageFunctionToolCall
ChatCompletionMessageToolCallParam: TypeAlias = ChatCompletionMessageFunctionToolCallParam
CreateChatCompletionRequestMessageParam: TypeAlias = ChatCompletionMessageParam
ChatCompletionReasoningEffort: TypeAlias = ReasoningEffort
# the roles a chat message may carry (values from the API reference)
ChatCompletionRole: TypeAlias = Literal[
    "developer", "system", "user", "assistant", "tool", "function"
]
