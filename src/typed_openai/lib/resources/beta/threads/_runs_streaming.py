"""``runs.stream`` and ``runs.submit_tool_outputs_stream``: a run's events through an event handler.

Each helper returns a manager; entering it sends the request with ``stream: true`` (through the
generated method, so the body and headers are exactly ``create``'s) and yields the handler.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Union

from typed_openai._core import NOT_GIVEN
from typed_openai._generated.resources.beta.threads.runs import AsyncRuns as _GeneratedAsyncRuns
from typed_openai._generated.resources.beta.threads.runs import Runs as _GeneratedRuns

if TYPE_CHECKING:
    from typing_extensions import Literal

    from typed_openai._core import Body, Headers, NotGiven, Query, Timeout
    from typed_openai.lib.streaming.assistants import (
        AssistantEventHandlerT,
        AssistantStreamManager,
        AsyncAssistantEventHandlerT,
        AsyncAssistantStreamManager,
    )
    from typed_openai.types.assistant_supported_models import AssistantSupportedModels
    from typed_openai.types.beta.assistant_response_format_option_param import (
        AssistantResponseFormatOptionParam,
    )
    from typed_openai.types.beta.assistant_tool_choice_option_param import (
        AssistantToolChoiceOptionParam,
    )
    from typed_openai.types.beta.assistant_tool_param import AssistantToolParam
    from typed_openai.types.beta.threads.message_create_params import MessageCreateParams
    from typed_openai.types.beta.threads.run_create_params import TruncationStrategy
    from typed_openai.types.beta.threads.run_submit_tool_outputs_params import (
        ToolOutput,
    )
    from typed_openai.types.parallel_tool_calls import ParallelToolCalls
    from typed_openai.types.shared.metadata import Metadata
    from typed_openai.types.shared.reasoning_effort import ReasoningEffort

    _Include = Iterable[Literal["step_details.tool_calls[*].file_search.results[*].content"]]
    _Tools = Iterable[AssistantToolParam]

__all__ = ["AsyncRunsStreaming", "RunsStreaming"]


class RunsStreaming(_GeneratedRuns):
    def stream(
        self,
        *,
        thread_id: str,
        assistant_id: str,
        event_handler: AssistantEventHandlerT | None = None,
        include: _Include | NotGiven = NOT_GIVEN,
        model: Union[str, AssistantSupportedModels] | NotGiven | None = NOT_GIVEN,
        reasoning_effort: ReasoningEffort | NotGiven = NOT_GIVEN,
        instructions: str | NotGiven | None = NOT_GIVEN,
        additional_instructions: str | NotGiven | None = NOT_GIVEN,
        additional_messages: Iterable[MessageCreateParams] | NotGiven | None = NOT_GIVEN,
        tools: _Tools | NotGiven | None = NOT_GIVEN,
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
        """Start a run and stream its events through ``event_handler`` (a fresh
        ``AssistantEventHandler`` when none is given); takes every argument of ``create``."""
        # every argument but the helper's own goes to `create` as given
        arguments = {
            k: v for k, v in locals().items() if k not in ("self", "thread_id", "event_handler")
        }
        from typed_openai.lib.streaming.assistants import AssistantStreamManager, handler_or_default

        return AssistantStreamManager(
            lambda: self.create(thread_id, stream=True, **arguments),
            event_handler=handler_or_default(event_handler),
        )

    def submit_tool_outputs_stream(
        self,
        *,
        tool_outputs: Iterable[ToolOutput],
        run_id: str,
        thread_id: str,
        event_handler: AssistantEventHandlerT | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AssistantStreamManager[AssistantEventHandlerT]:
        """Send tool outputs to a run waiting for them and stream the run's further events."""
        from typed_openai.lib.streaming.assistants import AssistantStreamManager, handler_or_default

        return AssistantStreamManager(
            lambda: self.submit_tool_outputs(
                thread_id=thread_id,
                run_id=run_id,
                tool_outputs=tool_outputs,
                stream=True,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
            ),
            event_handler=handler_or_default(event_handler),
        )


class AsyncRunsStreaming(_GeneratedAsyncRuns):
    def stream(
        self,
        *,
        thread_id: str,
        assistant_id: str,
        event_handler: AsyncAssistantEventHandlerT | None = None,
        include: _Include | NotGiven = NOT_GIVEN,
        model: Union[str, AssistantSupportedModels] | NotGiven | None = NOT_GIVEN,
        reasoning_effort: ReasoningEffort | NotGiven = NOT_GIVEN,
        instructions: str | NotGiven | None = NOT_GIVEN,
        additional_instructions: str | NotGiven | None = NOT_GIVEN,
        additional_messages: Iterable[MessageCreateParams] | NotGiven | None = NOT_GIVEN,
        tools: _Tools | NotGiven | None = NOT_GIVEN,
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
        """Start a run and stream its events through ``event_handler`` (a fresh
        ``AsyncAssistantEventHandler`` when none is given); takes every argument of ``create``."""
        # every argument but the helper's own goes to `create` as given
        arguments = {
            k: v for k, v in locals().items() if k not in ("self", "thread_id", "event_handler")
        }
        from typed_openai.lib.streaming.assistants import (
            AsyncAssistantStreamManager,
            async_handler_or_default,
        )

        return AsyncAssistantStreamManager(
            lambda: self.create(thread_id, stream=True, **arguments),
            event_handler=async_handler_or_default(event_handler),
        )

    def submit_tool_outputs_stream(
        self,
        *,
        tool_outputs: Iterable[ToolOutput],
        run_id: str,
        thread_id: str,
        event_handler: AsyncAssistantEventHandlerT | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]:
        """Send tool outputs to a run waiting for them and stream the run's further events."""
        from typed_openai.lib.streaming.assistants import (
            AsyncAssistantStreamManager,
            async_handler_or_default,
        )

        return AsyncAssistantStreamManager(
            lambda: self.submit_tool_outputs(
                thread_id=thread_id,
                run_id=run_id,
                tool_outputs=tool_outputs,
                stream=True,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
            ),
            event_handler=async_handler_or_default(event_handler),
        )
