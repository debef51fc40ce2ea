"""`ChatCompletionStreamState`: chunks in, typed events out, no I/O.

The sync and async streams are thin loops around one of these, and users who stream with
``create(stream=True)`` themselves can feed it chunks directly::

    state = ChatCompletionStreamState(response_format=MyModel)
    for chunk in client.chat.completions.create(..., stream=True):
        for event in state.handle_chunk(chunk):
            ...
    completion = state.get_final_completion()

Events come per chunk in this order: ``chunk``; then for each choice in the chunk its
``content.delta``, ``refusal.delta``, ``tool_calls.function.arguments.delta`` (one per tool-call
fragment), ``logprobs.content.delta``, ``logprobs.refusal.delta``, and the ``*.done`` events that
became due. A choice's content, refusal and logprobs are done when it finishes or when a tool call
starts; a tool call is done when the next one starts or the choice finishes. Each ``done`` event
is emitted once. This is the order the official SDK emits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, cast

from typed_openai._core import NOT_GIVEN, NotGiven, OpenAIError, left_out

from ..._parsing._completions import is_parseable_tool, parse_chat_completion, parse_content
from ..._parsing._errors import ContentFilterFinishReasonError, LengthFinishReasonError
from ..._parsing._response_format import ResponseFormatInput, ResponseFormatT, response_format_model
from ..._parsing._tool_arguments import find_input_tool, parse_function_tool_arguments
from . import _events as stream_events  # pyright: ignore[reportPrivateUsage]  (a sibling)
from ._accumulate import ChoiceAccumulator, CompletionAccumulator
from ._types import ParsedChatCompletionSnapshot

if TYPE_CHECKING:
    from typed_openai.types.chat.chat_completion_chunk import ChatCompletionChunk

    from ..._parsing._types import ParsedChatCompletion

__all__ = ["ChatCompletionStreamState"]


class _ChoiceProgress:
    """Which ``done`` events of one choice were emitted, and which tool call is streaming."""

    __slots__ = (
        "content_done",
        "current_tool_call",
        "done_tool_calls",
        "logprobs_content_done",
        "logprobs_refusal_done",
        "refusal_done",
    )

    def __init__(self) -> None:
        self.content_done = False
        self.refusal_done = False
        self.logprobs_content_done = False
        self.logprobs_refusal_done = False
        self.current_tool_call: int | None = None
        self.done_tool_calls: set[int] = set()


class ChatCompletionStreamState(Generic[ResponseFormatT]):
    """Accumulates `ChatCompletionChunk`s into a completion and says what each one changed.

    `input_tools` and `response_format` are what the request was made with: a pydantic model
    as ``response_format`` makes the content parsed (partially while it streams, validated when
    done); strict function tools make their call arguments parsed likewise.
    """

    def __init__(
        self,
        *,
        input_tools: Iterable[Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        response_format: type[ResponseFormatT] | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> None:
        self._input_tools: list[Mapping[str, Any]] = (
            [] if left_out(input_tools) else list(input_tools)
        )
        self._response_format = response_format
        self._model = response_format_model(cast(ResponseFormatInput, response_format))
        # Finish-reason errors apply only when something was to be parsed, as in parse().
        self._parseable = self._model is not None or any(
            is_parseable_tool(tool) for tool in self._input_tools
        )
        self._strict_names: dict[str, bool] = {}
        self._completion: CompletionAccumulator | None = None
        self._choices: dict[int, ChoiceAccumulator] = {}
        self._progress: dict[int, _ChoiceProgress] = {}
        self._snapshot: ParsedChatCompletionSnapshot | None = None
        # The official SDK starts partial parsing (content, strict tool arguments) with the
        # second chunk of the stream: the first one's events, and the snapshot made of it alone,
        # carry None. Consumers that render `parsed` as it grows see the same sequence here.
        self._parse_partial = False

    # --- reading ------------------------------------------------------------------------------

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletionSnapshot:
        """The completion accumulated so far.

        Built when asked for and reused until the next chunk arrives; after that a new object
        is built, and one obtained earlier keeps the values it had (read it again for the
        latest). Building costs O(accumulated size), which is why it is not done per chunk.
        """
        if self._snapshot is None:
            self._snapshot = self._build_snapshot(
                parse_content=self._model is not None and self._parse_partial
            )
        return self._snapshot

    def _build_snapshot(self, *, parse_content: bool) -> ParsedChatCompletionSnapshot:
        if self._completion is None:
            raise OpenAIError("no chunk has been received yet, so there is no snapshot")
        choices = [
            self._choices[index].build(
                parse_content=parse_content,
                parse_arguments=self._is_strict if self._parse_partial else _never,
            )
            for index in sorted(self._choices)
        ]
        return self._completion.build(choices)

    def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        """The accumulated completion, parsed as ``parse()`` would (call it once the stream ended).

        Raises `LengthFinishReasonError` / `ContentFilterFinishReasonError` if a choice finished
        that way, and pydantic's `ValidationError` if the content does not match the model.
        """
        completion = parse_chat_completion(
            response_format=cast(ResponseFormatInput, self._response_format),
            input_tools=self._input_tools,
            chat_completion=self.current_completion_snapshot,
        )
        return cast("ParsedChatCompletion[ResponseFormatT]", completion)

    # --- feeding ------------------------------------------------------------------------------

    def handle_chunk(
        self, chunk: ChatCompletionChunk
    ) -> list[stream_events.ChatCompletionStreamEvent[ResponseFormatT]]:
        """Merge `chunk` into the snapshot; return the events it causes, in order."""
        self._snapshot = None
        if self._completion is None:
            self._completion = CompletionAccumulator(chunk)
        else:
            self._completion.merge(chunk)
            self._parse_partial = True
        for choice in chunk.choices:
            if choice.index not in self._choices:
                self._choices[choice.index] = ChoiceAccumulator(choice.index)
                self._progress[choice.index] = _ChoiceProgress()
            self._choices[choice.index].merge(choice)
            if choice.finish_reason is not None and self._parseable:
                self._raise_for_finish_reason(choice.finish_reason)

        events: list[stream_events.ChatCompletionStreamEvent[ResponseFormatT]] = [
            stream_events.ChunkEvent.build(chunk, lambda: self.current_completion_snapshot)
        ]
        for choice in chunk.choices:
            self._choice_events(choice, events)
        return events

    def _raise_for_finish_reason(self, finish_reason: str) -> None:
        if finish_reason not in ("length", "content_filter"):
            return
        # The completion the error carries has no parsed content (`parsed` None, as the official
        # SDK's): the text was cut short or filtered, and a partial parse of it is no instance
        # of the model. Tool calls keep their arguments' parses.
        completion = self._build_snapshot(parse_content=False)
        if finish_reason == "length":
            raise LengthFinishReasonError(completion=completion)
        raise ContentFilterFinishReasonError(completion=completion)

    def _choice_events(
        self, choice: Any, events: list[stream_events.ChatCompletionStreamEvent[ResponseFormatT]]
    ) -> None:
        accumulated = self._choices[choice.index]
        delta = choice.delta
        if delta.content is not None and accumulated.content is not None:
            # As in the snapshot: no partial parse once the model is refusing.
            parse = self._parse_partial and self._model is not None and not accumulated.refusal
            events.append(
                stream_events.ContentDeltaEvent.build(
                    delta.content, accumulated.content, parse=parse
                )
            )
        if delta.refusal is not None and accumulated.refusal is not None:
            events.append(stream_events.RefusalDeltaEvent.build(delta.refusal, accumulated.refusal))
        for call_delta in delta.tool_calls or ():
            call = accumulated.tool_calls[call_delta.index]
            function = call_delta.function
            events.append(
                stream_events.FunctionToolCallArgumentsDeltaEvent.build(
                    name=call.name,
                    index=call.index,
                    arguments_delta=(function.arguments if function is not None else None) or "",
                    arguments=call.arguments,
                    parse=self._parse_partial and self._is_strict(call.name),
                )
            )
        logprobs = choice.logprobs
        if logprobs is not None:
            if logprobs.content and accumulated.logprobs_content:
                events.append(
                    stream_events.LogprobsContentDeltaEvent.build(
                        logprobs.content, accumulated.logprobs_content
                    )
                )
            if logprobs.refusal and accumulated.logprobs_refusal:
                events.append(
                    stream_events.LogprobsRefusalDeltaEvent.build(
                        logprobs.refusal, accumulated.logprobs_refusal
                    )
                )
        self._done_events(accumulated, delta.tool_calls or (), events)

    def _done_events(
        self,
        accumulated: ChoiceAccumulator,
        call_deltas: Iterable[Any],
        events: list[stream_events.ChatCompletionStreamEvent[ResponseFormatT]],
    ) -> None:
        progress = self._progress[accumulated.index]
        if accumulated.finish_reason is not None:
            self._message_done_events(accumulated, progress, events)
            if progress.current_tool_call is not None:
                self._tool_call_done_event(
                    accumulated, progress, progress.current_tool_call, events
                )
        for call_delta in call_deltas:
            if progress.current_tool_call != call_delta.index:
                # A new tool call starts: the text before it, and the previous call, are complete.
                self._message_done_events(accumulated, progress, events)
                if progress.current_tool_call is not None:
                    self._tool_call_done_event(
                        accumulated, progress, progress.current_tool_call, events
                    )
            progress.current_tool_call = call_delta.index

    def _message_done_events(
        self,
        accumulated: ChoiceAccumulator,
        progress: _ChoiceProgress,
        events: list[stream_events.ChatCompletionStreamEvent[ResponseFormatT]],
    ) -> None:
        if (
            accumulated.content is not None
            and len(accumulated.content)
            and not progress.content_done
        ):
            progress.content_done = True
            content = accumulated.content.text()
            refusal = None if accumulated.refusal is None else accumulated.refusal.text()
            parsed = parse_content(self._model, content=content, refusal=refusal)
            accumulated.content_done(parsed)
            events.append(
                cast(
                    "stream_events.ContentDoneEvent[ResponseFormatT]",
                    stream_events.ContentDoneEvent.model_construct(
                        type="content.done", content=content, parsed=parsed
                    ),
                )
            )
        if accumulated.refusal is not None and not progress.refusal_done:
            progress.refusal_done = True
            events.append(
                stream_events.RefusalDoneEvent.model_construct(
                    type="refusal.done", refusal=accumulated.refusal.text()
                )
            )
        if accumulated.logprobs_content is not None and not progress.logprobs_content_done:
            progress.logprobs_content_done = True
            events.append(
                stream_events.LogprobsContentDoneEvent.model_construct(
                    type="logprobs.content.done", content=list(accumulated.logprobs_content)
                )
            )
        if accumulated.logprobs_refusal is not None and not progress.logprobs_refusal_done:
            progress.logprobs_refusal_done = True
            events.append(
                stream_events.LogprobsRefusalDoneEvent.model_construct(
                    type="logprobs.refusal.done", refusal=list(accumulated.logprobs_refusal)
                )
            )

    def _tool_call_done_event(
        self,
        accumulated: ChoiceAccumulator,
        progress: _ChoiceProgress,
        index: int,
        events: list[stream_events.ChatCompletionStreamEvent[ResponseFormatT]],
    ) -> None:
        if index in progress.done_tool_calls:
            return
        progress.done_tool_calls.add(index)
        call = accumulated.tool_calls[index]
        arguments = call.arguments.text()
        call.final = parse_function_tool_arguments(
            self._input_tools, name=call.name, arguments=arguments
        )
        events.append(
            stream_events.FunctionToolCallArgumentsDoneEvent.model_construct(
                type="tool_calls.function.arguments.done",
                name=call.name,
                index=index,
                arguments=arguments,
                parsed_arguments=call.final,
            )
        )

    def _is_strict(self, name: str) -> bool:
        """Whether calls to tool `name` get their arguments parsed (it was sent as strict)."""
        strict = self._strict_names.get(name)
        if strict is None:
            tool = find_input_tool(self._input_tools, name)
            strict = tool is not None and is_parseable_tool(tool)
            self._strict_names[name] = strict
        return strict


def _never(name: str) -> bool:
    return False
