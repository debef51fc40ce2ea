"""``threads.create_and_run_stream``: create a thread, run it, and stream the run's events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from typed_openai._core import NOT_GIVEN
from typed_openai._generated.resources.beta.threads import AsyncThreads as _GeneratedAsyncThreads
from typed_openai._generated.resources.beta.threads import Threads as _GeneratedThreads

if TYPE_CHECKING:
    from typed_openai._core import Body, Headers, NotGiven, Query, Timeout
    from typed_openai.lib.streaming.assistants import (
        AssistantEventHandlerT,
        AssistantStreamManager,
        AsyncAssistantEventHandlerT,
        AsyncAssistantStreamManager,
    )
    from typed_openai.types.beta.assistant_response_format_option_param import (
        AssistantResponseFormatOptionParam,
    )
    from typed_openai.types.beta.assistant_tool_choice_option_param import (
        AssistantToolChoiceOptionParam,
    )
    from typed_openai.types.beta.assistant_tool_param import AssistantToolParam
    from typed_openai.types.beta.thread_create_and_run_params import (
        ToolResources,
    )
    from typed_openai.types.beta.thread_create_params import ThreadCreateParams
    from typed_openai.types.beta.threads.run_create_params import TruncationStrategy
    from typed_openai.types.parallel_tool_calls import ParallelToolCalls
    from typed_openai.types.shared.metadata import Metadata

    _Tools = Iterable[AssistantToolParam]

__all__ = ["AsyncThreadsStreaming", "ThreadsStreaming"]


class ThreadsStreaming(_GeneratedThreads):
    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        event_handler: AssistantEventHandlerT | None = None,
        thread: ThreadCreateParams | NotGiven = NOT_GIVEN,
        model: str | NotGiven | None = NOT_GIVEN,
        instructions: str | NotGiven | None = NOT_GIVEN,
        tools: _Tools | NotGiven | None = NOT_GIVEN,
        tool_resources: ToolResources | NotGiven | None = NOT_GIVEN,
        metadata: Metadata | NotGiven = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        max_prompt_tokens: int | NotGiven | None = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        truncation_strategy: TruncationStrategy | NotGiven | None = NOT_GIVEN,
        tool_choice: AssistantToolChoiceOptionParam | NotGiven | None = NOT_GIVEN,
        parallel_tool_calls: ParallelToolCalls | NotGiven = NOT_GIVEN,
        response_format: AssistantResponseFormatOptionParam | NotGiven | None = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AssistantStreamManager[AssistantEventHandlerT]:
        """Create a thread, start a run on it and stream the run's events through
        ``event_handler``; takes every argument of ``create_and_run``."""
        # every argument but the helper's own goes to `create_and_run` as given
        arguments = {k: v for k, v in locals().items() if k not in ("self", "event_handler")}
        from typed_openai.lib.streaming.assistants import AssistantStreamManager, handler_or_default

        return AssistantStreamManager(
            lambda: self.create_and_run(stream=True, **arguments),
            event_handler=handler_or_default(event_handler),
        )


class AsyncThreadsStreaming(_GeneratedAsyncThreads):
    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        event_handler: AsyncAssistantEventHandlerT | None = None,
        thread: ThreadCreateParams | NotGiven = NOT_GIVEN,
        model: str | NotGiven | None = NOT_GIVEN,
        instructions: str | NotGiven | None = NOT_GIVEN,
        tools: _Tools | NotGiven | None = NOT_GIVEN,
        tool_resources: ToolResources | NotGiven | None = NOT_GIVEN,
        metadata: Metadata | NotGiven = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        max_prompt_tokens: int | NotGiven | None = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        truncation_strategy: TruncationStrategy | NotGiven | None = NOT_GIVEN,
        tool_choice: AssistantToolChoiceOptionParam | NotGiven | None = NOT_GIVEN,
        parallel_tool_calls: ParallelToolCalls | NotGiven = NOT_GIVEN,
        response_format: AssistantResponseFormatOptionParam | NotGiven | None = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]:
        """Create a thread, start a run on it and stream the run's events through
        ``event_handler``; takes every argument of ``create_and_run``."""
        # every argument but the helper's own goes to `create_and_run` as given
        arguments = {k: v for k, v in locals().items() if k not in ("self", "event_handler")}
        from typed_openai.lib.streaming.assistants import (
            AsyncAssistantStreamManager,
            async_handler_or_default,
        )

        return AsyncAssistantStreamManager(
            lambda: self.create_and_run(stream=True, **arguments),
            event_handler=async_handler_or_default(event_handler),
        )
