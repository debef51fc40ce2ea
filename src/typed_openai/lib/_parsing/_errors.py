"""Errors raised when a completion cannot be parsed because of how it finished."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typed_openai._core import OpenAIError

if TYPE_CHECKING:
    from typed_openai.types.chat import ChatCompletion
    from typed_openai.types.completion_usage import CompletionUsage

__all__ = ["ContentFilterFinishReasonError", "LengthFinishReasonError"]


class LengthFinishReasonError(OpenAIError):
    """The model hit the token limit (``finish_reason == "length"``): the content is cut off.

    ``completion`` is the response as received (when streaming, it may lack ``usage``).
    """

    completion: ChatCompletion

    def __init__(self, *, completion: ChatCompletion) -> None:
        message = (
            "The completion stopped at the token limit (finish_reason 'length'), so its content "
            "is incomplete and cannot be parsed"
        )
        if completion.usage is not None:
            message += f"; usage: {completion.usage}"
        super().__init__(message)
        self.completion = completion

    @property
    def usage(self) -> CompletionUsage | None:
        return self.completion.usage


class ContentFilterFinishReasonError(OpenAIError):
    """The content filter stopped the completion (``finish_reason == "content_filter"``)."""

    completion: ChatCompletion | None

    def __init__(self, *, completion: ChatCompletion | None = None) -> None:
        super().__init__(
            "The completion was stopped by the content filter (finish_reason 'content_filter'), "
            "so its content cannot be parsed"
        )
        self.completion = completion
