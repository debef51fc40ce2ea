"""Names for the completion accumulated while a stream is still running."""

from __future__ import annotations

from typing_extensions import TypeAlias

from ..._parsing._types import ParsedChatCompletion, ParsedChatCompletionMessage, ParsedChoice

__all__ = [
    "ParsedChatCompletionMessageSnapshot",
    "ParsedChatCompletionSnapshot",
    "ParsedChoiceSnapshot",
]

ParsedChatCompletionSnapshot: TypeAlias = ParsedChatCompletion[object]
"""The completion so far. ``message.parsed`` is the partially parsed JSON content until the
content is complete, then the ``response_format`` model instance."""

ParsedChatCompletionMessageSnapshot: TypeAlias = ParsedChatCompletionMessage[object]

ParsedChoiceSnapshot: TypeAlias = ParsedChoice[object]
