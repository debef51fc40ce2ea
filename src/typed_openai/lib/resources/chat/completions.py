"""`chat.completions` with the structured-output helpers ``parse()`` and ``stream()``.

`spec/config.yml` makes the client tree instantiate these subclasses of the generated resource
(``client.chat.completions``, and ``client.beta.chat.completions``, the same object). Both
helpers take every argument of `create()` except ``stream``, with the same names, types and
defaults; ``response_format`` also accepts a pydantic model class. The argument lists are
emitted from the generated ``create()`` by ``tests/lib/chat/emit_helpers.py`` and checked by
``tests/lib/chat/test_signatures.py``. The work that is not I/O lives in `lib/_parsing` and
`lib/streaming/chat`, shared by the sync and async classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Dict, Iterable, Union, cast

from typing_extensions import Literal, TypeAlias

from typed_openai._core import (
    NOT_GIVEN,
    NotGiven,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
    with_post_parse,
)
from typed_openai._generated.resources.chat.completions import (
    AsyncCompletions as _GeneratedAsyncCompletions,
)
from typed_openai._generated.resources.chat.completions import (
    AsyncCompletionsWithRawResponse as _GeneratedAsyncCompletionsWithRawResponse,
)
from typed_openai._generated.resources.chat.completions import (
    AsyncCompletionsWithStreamingResponse as _GeneratedAsyncCompletionsWithStreamingResponse,
)
from typed_openai._generated.resources.chat.completions import (
    Completions as _GeneratedCompletions,
)
from typed_openai._generated.resources.chat.completions import (
    CompletionsWithRawResponse as _GeneratedCompletionsWithRawResponse,
)
from typed_openai._generated.resources.chat.completions import (
    CompletionsWithStreamingResponse as _GeneratedCompletionsWithStreamingResponse,
)

# The parsing and streaming helpers load generated models, so they are imported when a helper is
# first called: touching `client.chat.completions.create` stays as cheap as without this subclass.
if TYPE_CHECKING:
    from typed_openai._core import AsyncStream, Body, Headers, Query, Stream, Timeout
    from typed_openai.types.chat.chat_completion import ChatCompletion
    from typed_openai.types.chat.chat_completion_audio_param import ChatCompletionAudioParam
    from typed_openai.types.chat.chat_completion_chunk import ChatCompletionChunk
    from typed_openai.types.chat.chat_completion_function_call_option_param import (
        ChatCompletionFunctionCallOptionParam,
    )
    from typed_openai.types.chat.chat_completion_message_param import ChatCompletionMessageParam
    from typed_openai.types.chat.chat_completion_prediction_content_param import (
        ChatCompletionPredictionContentParam,
    )
    from typed_openai.types.chat.chat_completion_tool_choice_option_param import (
        ChatCompletionToolChoiceOptionParam,
    )
    from typed_openai.types.chat.chat_completion_tool_union_param import (
        ChatCompletionToolUnionParam,
    )
    from typed_openai.types.chat.completion_create_params import (
        Function,
        Moderation,
        PromptCacheOptions,
        WebSearchOptions,
    )
    from typed_openai.types.chat_completion_stream_options_param import (
        ChatCompletionStreamOptionsParam,
    )
    from typed_openai.types.parallel_tool_calls import ParallelToolCalls
    from typed_openai.types.response_modalities import ResponseModalities
    from typed_openai.types.service_tier import ServiceTier
    from typed_openai.types.shared.chat_model import ChatModel
    from typed_openai.types.shared.metadata import Metadata
    from typed_openai.types.shared.reasoning_effort import ReasoningEffort
    from typed_openai.types.shared_params.response_format_json_object import (
        ResponseFormatJSONObject,
    )
    from typed_openai.types.shared_params.response_format_json_schema import (
        ResponseFormatJSONSchema,
    )
    from typed_openai.types.shared_params.response_format_text import ResponseFormatText
    from typed_openai.types.stop_configuration import StopConfiguration
    from typed_openai.types.verbosity import Verbosity

    from ..._parsing._response_format import ResponseFormatInput, ResponseFormatT
    from ..._parsing._types import ParsedChatCompletion
    from ...streaming.chat._manager import (
        AsyncChatCompletionStreamManager,
        ChatCompletionStreamManager,
    )

__all__ = [
    "AsyncCompletions",
    "AsyncCompletionsWithRawResponse",
    "AsyncCompletionsWithStreamingResponse",
    "Completions",
    "CompletionsWithRawResponse",
    "CompletionsWithStreamingResponse",
]

ResponseFormatParam: TypeAlias = (
    "Union[ResponseFormatText, ResponseFormatJSONSchema, ResponseFormatJSONObject]"
)
"""What `create()` takes as ``response_format``; the helpers also take a model class."""

# The arguments `parse()` / `stream()` handle themselves; every other one goes to create() as is.
_HANDLED_HERE = frozenset({"self", "response_format", "tools"})


def _create_arguments(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The helper's own arguments (its ``locals()`` on entry) that `create()` takes unchanged.

    Forwarding by name, rather than restating ~40 ``name=name`` lines per method, keeps the
    forwarding complete by construction; the signature test keeps the names equal to create's.
    """
    return {name: value for name, value in arguments.items() if name not in _HANDLED_HERE}


def _request_format(response_format: object) -> Any:
    """The ``response_format`` request field (a model class becomes a strict JSON schema).

    Checked here, when the helper is called: a bad value raises before any request is sent.
    """
    from ..._parsing._response_format import type_to_response_format_param

    return type_to_response_format_param(cast("ResponseFormatInput", response_format))


class Completions(_GeneratedCompletions):
    @cached_property
    def with_raw_response(self) -> CompletionsWithRawResponse:
        return CompletionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> CompletionsWithStreamingResponse:
        return CompletionsWithStreamingResponse(self)

    def parse(
        self,
        *,
        messages: Iterable[ChatCompletionMessageParam],
        model: ChatModel,
        metadata: Metadata | NotGiven = NOT_GIVEN,
        top_logprobs: int | NotGiven | None = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        safety_identifier: str | NotGiven | None = NOT_GIVEN,
        prompt_cache_key: str | NotGiven | None = NOT_GIVEN,
        prompt_cache_retention: Literal["in_memory", "24h"] | NotGiven | None = NOT_GIVEN,
        prompt_cache_options: PromptCacheOptions | NotGiven = NOT_GIVEN,
        service_tier: ServiceTier | NotGiven = NOT_GIVEN,
        modalities: ResponseModalities | NotGiven = NOT_GIVEN,
        verbosity: Verbosity | NotGiven = NOT_GIVEN,
        reasoning_effort: ReasoningEffort | NotGiven = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        frequency_penalty: float | NotGiven | None = NOT_GIVEN,
        presence_penalty: float | NotGiven | None = NOT_GIVEN,
        web_search_options: WebSearchOptions | NotGiven = NOT_GIVEN,
        response_format: type[ResponseFormatT] | ResponseFormatParam | NotGiven = NOT_GIVEN,
        audio: ChatCompletionAudioParam | NotGiven | None = NOT_GIVEN,
        store: bool | NotGiven | None = NOT_GIVEN,
        moderation: Moderation | NotGiven | None = NOT_GIVEN,
        stop: StopConfiguration | NotGiven = NOT_GIVEN,
        logit_bias: Dict[str, int] | NotGiven | None = NOT_GIVEN,
        logprobs: bool | NotGiven | None = NOT_GIVEN,
        max_tokens: int | NotGiven | None = NOT_GIVEN,
        n: int | NotGiven | None = NOT_GIVEN,
        prediction: ChatCompletionPredictionContentParam | NotGiven | None = NOT_GIVEN,
        seed: int | NotGiven | None = NOT_GIVEN,
        stream_options: ChatCompletionStreamOptionsParam | NotGiven = NOT_GIVEN,
        tools: Iterable[ChatCompletionToolUnionParam] | NotGiven = NOT_GIVEN,
        tool_choice: ChatCompletionToolChoiceOptionParam | NotGiven = NOT_GIVEN,
        parallel_tool_calls: ParallelToolCalls | NotGiven = NOT_GIVEN,
        function_call: Union[Literal["none", "auto"], ChatCompletionFunctionCallOptionParam]
        | NotGiven = NOT_GIVEN,
        functions: Iterable[Function] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ParsedChatCompletion[ResponseFormatT]:
        """Create a chat completion and parse it (never streams).

        `response_format` may be a pydantic model: it is sent as a strict JSON schema and the
        content comes back validated in ``choices[i].message.parsed`` (None when the model
        refused; the text is then in ``message.refusal``). Only strict function tools may be
        given (`typed_openai.pydantic_function_tool` makes one); the arguments of their calls
        come back in ``tool_calls[j].function.parsed_arguments``. Raises
        `LengthFinishReasonError` / `ContentFilterFinishReasonError` when a choice finished
        for those reasons. Every other argument is passed to `create()` unchanged.
        """
        arguments = _create_arguments(locals())  # first: before any local name is bound
        from ..._parsing._completions import parse_chat_completion
        from ..._parsing._tool_arguments import validate_input_tools

        input_tools = validate_input_tools(tools)
        completion = self.create(
            **arguments,
            response_format=_request_format(response_format),
            tools=cast(Any, input_tools),
            stream=False,
        )

        def parse_completion(completion: ChatCompletion) -> ParsedChatCompletion[ResponseFormatT]:
            parsed = parse_chat_completion(
                response_format=response_format, input_tools=input_tools, chat_completion=completion
            )
            return cast("ParsedChatCompletion[ResponseFormatT]", parsed)

        # Under `with_raw_response` the completion is a raw response: it parses on `.parse()`.
        return with_post_parse(completion, parse_completion)

    def stream(
        self,
        *,
        messages: Iterable[ChatCompletionMessageParam],
        model: ChatModel,
        metadata: Metadata | NotGiven = NOT_GIVEN,
        top_logprobs: int | NotGiven | None = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        safety_identifier: str | NotGiven | None = NOT_GIVEN,
        prompt_cache_key: str | NotGiven | None = NOT_GIVEN,
        prompt_cache_retention: Literal["in_memory", "24h"] | NotGiven | None = NOT_GIVEN,
        prompt_cache_options: PromptCacheOptions | NotGiven = NOT_GIVEN,
        service_tier: ServiceTier | NotGiven = NOT_GIVEN,
        modalities: ResponseModalities | NotGiven = NOT_GIVEN,
        verbosity: Verbosity | NotGiven = NOT_GIVEN,
        reasoning_effort: ReasoningEffort | NotGiven = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        frequency_penalty: float | NotGiven | None = NOT_GIVEN,
        presence_penalty: float | NotGiven | None = NOT_GIVEN,
        web_search_options: WebSearchOptions | NotGiven = NOT_GIVEN,
        response_format: type[ResponseFormatT] | ResponseFormatParam | NotGiven = NOT_GIVEN,
        audio: ChatCompletionAudioParam | NotGiven | None = NOT_GIVEN,
        store: bool | NotGiven | None = NOT_GIVEN,
        moderation: Moderation | NotGiven | None = NOT_GIVEN,
        stop: StopConfiguration | NotGiven = NOT_GIVEN,
        logit_bias: Dict[str, int] | NotGiven | None = NOT_GIVEN,
        logprobs: bool | NotGiven | None = NOT_GIVEN,
        max_tokens: int | NotGiven | None = NOT_GIVEN,
        n: int | NotGiven | None = NOT_GIVEN,
        prediction: ChatCompletionPredictionContentParam | NotGiven | None = NOT_GIVEN,
        seed: int | NotGiven | None = NOT_GIVEN,
        stream_options: ChatCompletionStreamOptionsParam | NotGiven = NOT_GIVEN,
        tools: Iterable[ChatCompletionToolUnionParam] | NotGiven = NOT_GIVEN,
        tool_choice: ChatCompletionToolChoiceOptionParam | NotGiven = NOT_GIVEN,
        parallel_tool_calls: ParallelToolCalls | NotGiven = NOT_GIVEN,
        function_call: Union[Literal["none", "auto"], ChatCompletionFunctionCallOptionParam]
        | NotGiven = NOT_GIVEN,
        functions: Iterable[Function] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatCompletionStreamManager[ResponseFormatT]:
        """Stream a chat completion as typed events: use it as ``with ... as stream``.

        Takes the arguments of `parse()`. The request (``stream: true``) is sent when the block
        is entered and the response closed when it exits. The stream yields ``chunk``,
        ``content.delta`` / ``.done``, ``refusal.*``, ``tool_calls.function.arguments.*`` and
        ``logprobs.*`` events, accumulates the completion (``current_completion_snapshot``) and
        parses it at the end like `parse()` (``get_final_completion()``). Tools need not be
        strict here; strict ones get their arguments parsed.
        """
        arguments = _create_arguments(locals())  # first: before any local name is bound
        from ...streaming.chat._manager import ChatCompletionStreamManager
        from ...streaming.chat._state import ChatCompletionStreamState

        input_tools = NOT_GIVEN if isinstance(tools, NotGiven) else list(tools)
        response_format_param = _request_format(response_format)

        def api_request() -> Stream[ChatCompletionChunk]:
            return self.create(
                **arguments,
                response_format=response_format_param,
                tools=cast(Any, input_tools),
                stream=True,
            )

        state = ChatCompletionStreamState(input_tools=input_tools, response_format=response_format)
        return ChatCompletionStreamManager(api_request, state=state)


class AsyncCompletions(_GeneratedAsyncCompletions):
    @cached_property
    def with_raw_response(self) -> AsyncCompletionsWithRawResponse:
        return AsyncCompletionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncCompletionsWithStreamingResponse:
        return AsyncCompletionsWithStreamingResponse(self)

    async def parse(
        self,
        *,
        messages: Iterable[ChatCompletionMessageParam],
        model: ChatModel,
        metadata: Metadata | NotGiven = NOT_GIVEN,
        top_logprobs: int | NotGiven | None = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        safety_identifier: str | NotGiven | None = NOT_GIVEN,
        prompt_cache_key: str | NotGiven | None = NOT_GIVEN,
        prompt_cache_retention: Literal["in_memory", "24h"] | NotGiven | None = NOT_GIVEN,
        prompt_cache_options: PromptCacheOptions | NotGiven = NOT_GIVEN,
        service_tier: ServiceTier | NotGiven = NOT_GIVEN,
        modalities: ResponseModalities | NotGiven = NOT_GIVEN,
        verbosity: Verbosity | NotGiven = NOT_GIVEN,
        reasoning_effort: ReasoningEffort | NotGiven = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        frequency_penalty: float | NotGiven | None = NOT_GIVEN,
        presence_penalty: float | NotGiven | None = NOT_GIVEN,
        web_search_options: WebSearchOptions | NotGiven = NOT_GIVEN,
        response_format: type[ResponseFormatT] | ResponseFormatParam | NotGiven = NOT_GIVEN,
        audio: ChatCompletionAudioParam | NotGiven | None = NOT_GIVEN,
        store: bool | NotGiven | None = NOT_GIVEN,
        moderation: Moderation | NotGiven | None = NOT_GIVEN,
        stop: StopConfiguration | NotGiven = NOT_GIVEN,
        logit_bias: Dict[str, int] | NotGiven | None = NOT_GIVEN,
        logprobs: bool | NotGiven | None = NOT_GIVEN,
        max_tokens: int | NotGiven | None = NOT_GIVEN,
        n: int | NotGiven | None = NOT_GIVEN,
        prediction: ChatCompletionPredictionContentParam | NotGiven | None = NOT_GIVEN,
        seed: int | NotGiven | None = NOT_GIVEN,
        stream_options: ChatCompletionStreamOptionsParam | NotGiven = NOT_GIVEN,
        tools: Iterable[ChatCompletionToolUnionParam] | NotGiven = NOT_GIVEN,
        tool_choice: ChatCompletionToolChoiceOptionParam | NotGiven = NOT_GIVEN,
        parallel_tool_calls: ParallelToolCalls | NotGiven = NOT_GIVEN,
        function_call: Union[Literal["none", "auto"], ChatCompletionFunctionCallOptionParam]
        | NotGiven = NOT_GIVEN,
        functions: Iterable[Function] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ParsedChatCompletion[ResponseFormatT]:
        """Create a chat completion and parse it (never streams).

        `response_format` may be a pydantic model: it is sent as a strict JSON schema and the
        content comes back validated in ``choices[i].message.parsed`` (None when the model
        refused; the text is then in ``message.refusal``). Only strict function tools may be
        given (`typed_openai.pydantic_function_tool` makes one); the arguments of their calls
        come back in ``tool_calls[j].function.parsed_arguments``. Raises
        `LengthFinishReasonError` / `ContentFilterFinishReasonError` when a choice finished
        for those reasons. Every other argument is passed to `create()` unchanged.
        """
        arguments = _create_arguments(locals())  # first: before any local name is bound
        from ..._parsing._completions import parse_chat_completion
        from ..._parsing._tool_arguments import validate_input_tools

        input_tools = validate_input_tools(tools)
        completion = await self.create(
            **arguments,
            response_format=_request_format(response_format),
            tools=cast(Any, input_tools),
            stream=False,
        )

        def parse_completion(completion: ChatCompletion) -> ParsedChatCompletion[ResponseFormatT]:
            parsed = parse_chat_completion(
                response_format=response_format, input_tools=input_tools, chat_completion=completion
            )
            return cast("ParsedChatCompletion[ResponseFormatT]", parsed)

        # Under `with_raw_response` the completion is a raw response: it parses on `.parse()`.
        return with_post_parse(completion, parse_completion)

    def stream(
        self,
        *,
        messages: Iterable[ChatCompletionMessageParam],
        model: ChatModel,
        metadata: Metadata | NotGiven = NOT_GIVEN,
        top_logprobs: int | NotGiven | None = NOT_GIVEN,
        temperature: float | NotGiven | None = NOT_GIVEN,
        top_p: float | NotGiven | None = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        safety_identifier: str | NotGiven | None = NOT_GIVEN,
        prompt_cache_key: str | NotGiven | None = NOT_GIVEN,
        prompt_cache_retention: Literal["in_memory", "24h"] | NotGiven | None = NOT_GIVEN,
        prompt_cache_options: PromptCacheOptions | NotGiven = NOT_GIVEN,
        service_tier: ServiceTier | NotGiven = NOT_GIVEN,
        modalities: ResponseModalities | NotGiven = NOT_GIVEN,
        verbosity: Verbosity | NotGiven = NOT_GIVEN,
        reasoning_effort: ReasoningEffort | NotGiven = NOT_GIVEN,
        max_completion_tokens: int | NotGiven | None = NOT_GIVEN,
        frequency_penalty: float | NotGiven | None = NOT_GIVEN,
        presence_penalty: float | NotGiven | None = NOT_GIVEN,
        web_search_options: WebSearchOptions | NotGiven = NOT_GIVEN,
        response_format: type[ResponseFormatT] | ResponseFormatParam | NotGiven = NOT_GIVEN,
        audio: ChatCompletionAudioParam | NotGiven | None = NOT_GIVEN,
        store: bool | NotGiven | None = NOT_GIVEN,
        moderation: Moderation | NotGiven | None = NOT_GIVEN,
        stop: StopConfiguration | NotGiven = NOT_GIVEN,
        logit_bias: Dict[str, int] | NotGiven | None = NOT_GIVEN,
        logprobs: bool | NotGiven | None = NOT_GIVEN,
        max_tokens: int | NotGiven | None = NOT_GIVEN,
        n: int | NotGiven | None = NOT_GIVEN,
        prediction: ChatCompletionPredictionContentParam | NotGiven | None = NOT_GIVEN,
        seed: int | NotGiven | None = NOT_GIVEN,
        stream_options: ChatCompletionStreamOptionsParam | NotGiven = NOT_GIVEN,
        tools: Iterable[ChatCompletionToolUnionParam] | NotGiven = NOT_GIVEN,
        tool_choice: ChatCompletionToolChoiceOptionParam | NotGiven = NOT_GIVEN,
        parallel_tool_calls: ParallelToolCalls | NotGiven = NOT_GIVEN,
        function_call: Union[Literal["none", "auto"], ChatCompletionFunctionCallOptionParam]
        | NotGiven = NOT_GIVEN,
        functions: Iterable[Function] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncChatCompletionStreamManager[ResponseFormatT]:
        """Stream a chat completion as typed events: use it as ``async with ... as stream``.

        Takes the arguments of `parse()`. The request (``stream: true``) is sent when the block
        is entered and the response closed when it exits. The stream yields ``chunk``,
        ``content.delta`` / ``.done``, ``refusal.*``, ``tool_calls.function.arguments.*`` and
        ``logprobs.*`` events, accumulates the completion (``current_completion_snapshot``) and
        parses it at the end like `parse()` (``get_final_completion()``). Tools need not be
        strict here; strict ones get their arguments parsed.
        """
        arguments = _create_arguments(locals())  # first: before any local name is bound
        from ...streaming.chat._manager import AsyncChatCompletionStreamManager
        from ...streaming.chat._state import ChatCompletionStreamState

        input_tools = NOT_GIVEN if isinstance(tools, NotGiven) else list(tools)
        response_format_param = _request_format(response_format)

        async def api_request() -> AsyncStream[ChatCompletionChunk]:
            return await self.create(
                **arguments,
                response_format=response_format_param,
                tools=cast(Any, input_tools),
                stream=True,
            )

        state = ChatCompletionStreamState(input_tools=input_tools, response_format=response_format)
        return AsyncChatCompletionStreamManager(api_request, state=state)


# Raw access to `parse()` as well: its raw response's ``.parse()`` returns the parsed completion
# (the step `parse()` adds rides on the response, see `with_post_parse`). `stream()` has none, as
# it already hands out the response it reads.


class CompletionsWithRawResponse(_GeneratedCompletionsWithRawResponse):
    def __init__(self, completions: Completions) -> None:
        super().__init__(completions)
        self.parse = to_raw_response_wrapper(completions.parse)


class CompletionsWithStreamingResponse(_GeneratedCompletionsWithStreamingResponse):
    def __init__(self, completions: Completions) -> None:
        super().__init__(completions)
        self.parse = to_streamed_response_wrapper(completions.parse)


class AsyncCompletionsWithRawResponse(_GeneratedAsyncCompletionsWithRawResponse):
    def __init__(self, completions: AsyncCompletions) -> None:
        super().__init__(completions)
        self.parse = async_to_raw_response_wrapper(completions.parse)


class AsyncCompletionsWithStreamingResponse(_GeneratedAsyncCompletionsWithStreamingResponse):
    def __init__(self, completions: AsyncCompletions) -> None:
        super().__init__(completions)
        self.parse = async_to_streamed_response_wrapper(completions.parse)
