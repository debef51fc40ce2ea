"""Polling helpers of the Assistants runs: ``poll``, ``create_and_poll``,
``submit_tool_outputs_and_poll`` and ``threads.create_and_run_poll``.

These classes only add methods (no ``__init__``), so the final ``Runs`` / ``Threads`` can combine
them with the streaming helpers by multiple inheritance. Each ``X_and_poll`` takes the arguments of
``X`` (minus ``stream``) plus ``poll_interval_ms``; ``tests/lib/polling`` keeps the signatures equal.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Iterable, Union

from typing_extensions import Literal

from typed_openai._core import NOT_GIVEN
from typed_openai._generated.resources.beta.threads import AsyncThreads, Threads
from typed_openai._generated.resources.beta.threads.runs import AsyncRuns, Runs
from typed_openai.lib.polling import (
    async_poll_until,
    poll_request_headers,
    poll_until,
    run_is_done,
)

if TYPE_CHECKING:
    from typed_openai._core import Body, Headers, NotGiven, Query, Timeout
    from typed_openai._generated.types.assistant_supported_models import (
        AssistantSupportedModels,
    )
    from typed_openai._generated.types.beta.assistant_response_format_option_param import (
        AssistantResponseFormatOptionParam,
    )
    from typed_openai._generated.types.beta.assistant_tool_choice_option_param import (
        AssistantToolChoiceOptionParam,
    )
    from typed_openai._generated.types.beta.assistant_tool_param import AssistantToolParam
    from typed_openai._generated.types.beta.thread_create_and_run_params import (
        ToolResources,
    )
    from typed_openai._generated.types.beta.thread_create_params import (
        ThreadCreateParams,
    )
    from typed_openai._generated.types.beta.threads.message_create_params import (
        MessageCreateParams,
    )
    from typed_openai._generated.types.beta.threads.run import Run
    from typed_openai._generated.types.beta.threads.run_create_params import (
        TruncationStrategy,
    )
    from typed_openai._generated.types.beta.threads.run_submit_tool_outputs_params import (
        ToolOutput,
    )
    from typed_openai._generated.types.parallel_tool_calls import ParallelToolCalls
    from typed_openai._generated.types.shared.metadata import Metadata
    from typed_openai._generated.types.shared.reasoning_effort import ReasoningEffort

__all__ = ["AsyncRunsPolling", "AsyncThreadsPolling", "RunsPolling", "ThreadsPolling"]


def _poll_run(
    runs: Runs,
    run_id: str,
    thread_id: str,
    *,
    extra_headers: Headers | None,
    extra_query: Query | None,
    extra_body: Body | None,
    timeout: Timeout | NotGiven,
    poll_interval_ms: int | NotGiven,
    sleep: Callable[[float], None],
) -> Run:
    headers = poll_request_headers(extra_headers, poll_interval_ms)
    return poll_until(
        lambda: runs.with_raw_response.retrieve(
            run_id,
            thread_id=thread_id,
            extra_headers=headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        ),
        run_is_done,
        poll_interval_ms=poll_interval_ms,
        sleep=sleep,
    )


async def _async_poll_run(
    runs: AsyncRuns,
    run_id: str,
    thread_id: str,
    *,
    extra_headers: Headers | None,
    extra_query: Query | None,
    extra_body: Body | None,
    timeout: Timeout | NotGiven,
    poll_interval_ms: int | NotGiven,
    sleep: Callable[[float], Awaitable[None]],
) -> Run:
    headers = poll_request_headers(extra_headers, poll_interval_ms)
    return await async_poll_until(
        lambda: runs.with_raw_response.retrieve(
            run_id,
            thread_id=thread_id,
            extra_headers=headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        ),
        run_is_done,
        poll_interval_ms=poll_interval_ms,
        sleep=sleep,
    )


class RunsPolling(Runs):
    def poll(
        self,
        run_id: str,
        thread_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
    ) -> Run:
        """Fetch the run until it is terminal (including ``requires_action``) and return it."""
        return _poll_run(
            self,
            run_id,
            thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )

    def create_and_poll(
        self,
        thread_id: str,
        *,
        assistant_id: str,
        include: Iterable[Literal["step_details.tool_calls[*].file_search.results[*].content"]]
        | NotGiven = NOT_GIVEN,
        model: Union[str, AssistantSupportedModels] | NotGiven | None = NOT_GIVEN,
        reasoning_effort: ReasoningEffort | NotGiven = NOT_GIVEN,
        instructions: str | NotGiven | None = NOT_GIVEN,
        additional_instructions: str | NotGiven | None = NOT_GIVEN,
        additional_messages: Iterable[MessageCreateParams] | NotGiven | None = NOT_GIVEN,
        tools: Iterable[AssistantToolParam] | NotGiven | None = NOT_GIVEN,
        metadata: Metadata | NotGiven = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        max_prompt_tokens: int | NotGiven | None = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        truncation_strategy: TruncationStrategy | NotGiven | None = NOT_GIVEN,
        tool_choice: AssistantToolChoiceOptionParam | NotGiven | None = NOT_GIVEN,
        parallel_tool_calls: ParallelToolCalls | NotGiven = NOT_GIVEN,
        response_format: AssistantResponseFormatOptionParam | NotGiven | None = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Run:
        """Start a run, then poll it until it is terminal."""
        run = self.create(
            thread_id,
            assistant_id=assistant_id,
            include=include,
            model=model,
            reasoning_effort=reasoning_effort,
            instructions=instructions,
            additional_instructions=additional_instructions,
            additional_messages=additional_messages,
            tools=tools,
            metadata=metadata,
            temperature=temperature,
            top_p=top_p,
            max_prompt_tokens=max_prompt_tokens,
            max_completion_tokens=max_completion_tokens,
            truncation_strategy=truncation_strategy,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return self.poll(
            run.id,
            thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    def submit_tool_outputs_and_poll(
        self,
        run_id: str,
        *,
        thread_id: str,
        tool_outputs: Iterable[ToolOutput],
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Run:
        """Submit tool outputs, then poll the run until it is terminal again."""
        run = self.submit_tool_outputs(
            run_id,
            thread_id=thread_id,
            tool_outputs=tool_outputs,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return self.poll(
            run.id,
            thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )


class AsyncRunsPolling(AsyncRuns):
    async def poll(
        self,
        run_id: str,
        thread_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
    ) -> Run:
        """Fetch the run until it is terminal (including ``requires_action``) and return it."""
        return await _async_poll_run(
            self,
            run_id,
            thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )

    async def create_and_poll(
        self,
        thread_id: str,
        *,
        assistant_id: str,
        include: Iterable[Literal["step_details.tool_calls[*].file_search.results[*].content"]]
        | NotGiven = NOT_GIVEN,
        model: Union[str, AssistantSupportedModels] | NotGiven | None = NOT_GIVEN,
        reasoning_effort: ReasoningEffort | NotGiven = NOT_GIVEN,
        instructions: str | NotGiven | None = NOT_GIVEN,
        additional_instructions: str | NotGiven | None = NOT_GIVEN,
        additional_messages: Iterable[MessageCreateParams] | NotGiven | None = NOT_GIVEN,
        tools: Iterable[AssistantToolParam] | NotGiven | None = NOT_GIVEN,
        metadata: Metadata | NotGiven = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        max_prompt_tokens: int | NotGiven | None = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        truncation_strategy: TruncationStrategy | NotGiven | None = NOT_GIVEN,
        tool_choice: AssistantToolChoiceOptionParam | NotGiven | None = NOT_GIVEN,
        parallel_tool_calls: ParallelToolCalls | NotGiven = NOT_GIVEN,
        response_format: AssistantResponseFormatOptionParam | NotGiven | None = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Run:
        """Start a run, then poll it until it is terminal."""
        run = await self.create(
            thread_id,
            assistant_id=assistant_id,
            include=include,
            model=model,
            reasoning_effort=reasoning_effort,
            instructions=instructions,
            additional_instructions=additional_instructions,
            additional_messages=additional_messages,
            tools=tools,
            metadata=metadata,
            temperature=temperature,
            top_p=top_p,
            max_prompt_tokens=max_prompt_tokens,
            max_completion_tokens=max_completion_tokens,
            truncation_strategy=truncation_strategy,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return await self.poll(
            run.id,
            thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    async def submit_tool_outputs_and_poll(
        self,
        run_id: str,
        *,
        thread_id: str,
        tool_outputs: Iterable[ToolOutput],
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Run:
        """Submit tool outputs, then poll the run until it is terminal again."""
        run = await self.submit_tool_outputs(
            run_id,
            thread_id=thread_id,
            tool_outputs=tool_outputs,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return await self.poll(
            run.id,
            thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )


class ThreadsPolling(Threads):
    def create_and_run_poll(
        self,
        *,
        assistant_id: str,
        thread: ThreadCreateParams | NotGiven = NOT_GIVEN,
        model: Union[
            str,
            Literal[
                "gpt-5",
                "gpt-5-mini",
                "gpt-5-nano",
                "gpt-5-2025-08-07",
                "gpt-5-mini-2025-08-07",
                "gpt-5-nano-2025-08-07",
                "gpt-4.1",
                "gpt-4.1-mini",
                "gpt-4.1-nano",
                "gpt-4.1-2025-04-14",
                "gpt-4.1-mini-2025-04-14",
                "gpt-4.1-nano-2025-04-14",
                "gpt-4o",
                "gpt-4o-2024-11-20",
                "gpt-4o-2024-08-06",
                "gpt-4o-2024-05-13",
                "gpt-4o-mini",
                "gpt-4o-mini-2024-07-18",
                "gpt-4.5-preview",
                "gpt-4.5-preview-2025-02-27",
                "gpt-4-turbo",
                "gpt-4-turbo-2024-04-09",
                "gpt-4-0125-preview",
                "gpt-4-turbo-preview",
                "gpt-4-1106-preview",
                "gpt-4-vision-preview",
                "gpt-4",
                "gpt-4-0314",
                "gpt-4-0613",
                "gpt-4-32k",
                "gpt-4-32k-0314",
                "gpt-4-32k-0613",
                "gpt-3.5-turbo",
                "gpt-3.5-turbo-16k",
                "gpt-3.5-turbo-0613",
                "gpt-3.5-turbo-1106",
                "gpt-3.5-turbo-0125",
                "gpt-3.5-turbo-16k-0613",
            ],
        ]
        | NotGiven
        | None = NOT_GIVEN,
        instructions: str | NotGiven | None = NOT_GIVEN,
        tools: Iterable[AssistantToolParam] | NotGiven | None = NOT_GIVEN,
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
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Run:
        """Create a thread and start a run on it, then poll the run until it is terminal."""
        run = self.create_and_run(
            assistant_id=assistant_id,
            thread=thread,
            model=model,
            instructions=instructions,
            tools=tools,
            tool_resources=tool_resources,
            metadata=metadata,
            temperature=temperature,
            top_p=top_p,
            max_prompt_tokens=max_prompt_tokens,
            max_completion_tokens=max_completion_tokens,
            truncation_strategy=truncation_strategy,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        # `self.runs` may be the generated class (no `poll`), so poll through the shared loop,
        # waiting through this resource's own `_sleep` seam.
        return _poll_run(
            self.runs,
            run.id,
            run.thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )


class AsyncThreadsPolling(AsyncThreads):
    async def create_and_run_poll(
        self,
        *,
        assistant_id: str,
        thread: ThreadCreateParams | NotGiven = NOT_GIVEN,
        model: Union[
            str,
            Literal[
                "gpt-5",
                "gpt-5-mini",
                "gpt-5-nano",
                "gpt-5-2025-08-07",
                "gpt-5-mini-2025-08-07",
                "gpt-5-nano-2025-08-07",
                "gpt-4.1",
                "gpt-4.1-mini",
                "gpt-4.1-nano",
                "gpt-4.1-2025-04-14",
                "gpt-4.1-mini-2025-04-14",
                "gpt-4.1-nano-2025-04-14",
                "gpt-4o",
                "gpt-4o-2024-11-20",
                "gpt-4o-2024-08-06",
                "gpt-4o-2024-05-13",
                "gpt-4o-mini",
                "gpt-4o-mini-2024-07-18",
                "gpt-4.5-preview",
                "gpt-4.5-preview-2025-02-27",
                "gpt-4-turbo",
                "gpt-4-turbo-2024-04-09",
                "gpt-4-0125-preview",
                "gpt-4-turbo-preview",
                "gpt-4-1106-preview",
                "gpt-4-vision-preview",
                "gpt-4",
                "gpt-4-0314",
                "gpt-4-0613",
                "gpt-4-32k",
                "gpt-4-32k-0314",
                "gpt-4-32k-0613",
                "gpt-3.5-turbo",
                "gpt-3.5-turbo-16k",
                "gpt-3.5-turbo-0613",
                "gpt-3.5-turbo-1106",
                "gpt-3.5-turbo-0125",
                "gpt-3.5-turbo-16k-0613",
            ],
        ]
        | NotGiven
        | None = NOT_GIVEN,
        instructions: str | NotGiven | None = NOT_GIVEN,
        tools: Iterable[AssistantToolParam] | NotGiven | None = NOT_GIVEN,
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
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Run:
        """Create a thread and start a run on it, then poll the run until it is terminal."""
        run = await self.create_and_run(
            assistant_id=assistant_id,
            thread=thread,
            model=model,
            instructions=instructions,
            tools=tools,
            tool_resources=tool_resources,
            metadata=metadata,
            temperature=temperature,
            top_p=top_p,
            max_prompt_tokens=max_prompt_tokens,
            max_completion_tokens=max_completion_tokens,
            truncation_strategy=truncation_strategy,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        # `self.runs` may be the generated class (no `poll`), so poll through the shared loop,
        # waiting through this resource's own `_sleep` seam.
        return await _async_poll_run(
            self.runs,
            run.id,
            run.thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )
