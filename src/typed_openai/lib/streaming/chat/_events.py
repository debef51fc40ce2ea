"""The events of a chat completion stream, told apart by their ``type``.

Every event is a pydantic model. The values that would cost O(accumulated size) to build for
every chunk (the text so far, the JSON parsed so far, the logprobs so far, the completion
snapshot) are computed fields: they are built when read, from the buffers the stream state keeps,
as they were when the event was emitted. A consumer that only looks at ``delta`` pays nothing for
them, so a stream of n chunks costs O(n); reading them works as if they had been stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Generic, List, TypeVar, Union, cast

from pydantic import PrivateAttr, SerializerFunctionWrapHandler, computed_field, model_serializer
from typing_extensions import Literal, Self, TypeAlias

from typed_openai._core import BaseModel
from typed_openai.types.chat.chat_completion_chunk import ChatCompletionChunk
from typed_openai.types.chat.chat_completion_token_logprob import ChatCompletionTokenLogprob

from ..._parsing._response_format import ResponseFormatT
from ._partial import parse_partial_json
from ._text import TextBuffer
from ._types import ParsedChatCompletionSnapshot

_NOT_PARSED = object()  # `parsed` / `parsed_arguments` not computed yet (None is a valid result)

_EventT = TypeVar("_EventT", bound=BaseModel)


def _construct(cls: type[_EventT], fields: dict[str, Any], private: dict[str, Any]) -> _EventT:
    """An event with exactly these field and private values, skipping validation.

    What ``model_construct`` does, minus its per-call default resolution, which costs several
    times more than the rest of handling a chunk; a stream makes one or two events per chunk.
    ``fields`` must name every field (``type`` included, so ``to_dict()`` shows it).
    """
    event = cls.__new__(cls)
    object.__setattr__(event, "__dict__", fields)
    object.__setattr__(event, "__pydantic_fields_set__", set(fields))
    object.__setattr__(event, "__pydantic_extra__", {})
    object.__setattr__(event, "__pydantic_private__", private)
    return event


def _in_order(values: dict[Any, Any], order: tuple[str, ...]) -> dict[Any, Any]:
    """`values` with the keys in `order` first, in that order, then any others as they were."""
    ordered = {key: values[key] for key in order if key in values}
    ordered.update((key, value) for key, value in values.items() if key not in ordered)
    return ordered


class _PartialJSON:
    """The partial parse of a buffer prefix, computed once on first read."""

    __slots__ = ("_buffer", "_length", "_value")

    def __init__(self, buffer: TextBuffer, length: int) -> None:
        self._buffer = buffer
        self._length = length
        self._value: object = _NOT_PARSED

    def value(self) -> object | None:
        if self._value is _NOT_PARSED:
            self._value = parse_partial_json(self._buffer.prefix(self._length))
        return self._value


_PropertyT = TypeVar("_PropertyT")


def _shown(read: _PropertyT) -> _PropertyT:
    """``read`` (a property of `_TextDelta`) as a computed field of an event, in its repr too:
    pydantic leaves a property with a private name out of the repr unless told."""
    return computed_field(repr=True)(read)


class _TextDelta(BaseModel):
    """A delta event of a text the stream accumulates in a `TextBuffer` (a choice's content or
    refusal, a tool call's arguments). The text so far, and its partial JSON parse where the
    stream parses one, are read from the buffer as it was at this event, when asked for; each
    event publishes them under its own (the official SDK's) names, with `_shown`."""

    _buffer: TextBuffer = PrivateAttr()
    _length: int = PrivateAttr()
    _partial: _PartialJSON | None = PrivateAttr(default=None)

    @property
    def _text(self) -> str:
        """The text accumulated up to and including this chunk."""
        return self._buffer.prefix(self._length)

    @property
    def _json(self) -> object | None:
        """The text so far, partially parsed as JSON, when the stream parses it (content with a
        ``response_format`` model, arguments of a strict tool); None otherwise."""
        return None if self._partial is None else self._partial.value()

    @classmethod
    def _of(cls, fields: dict[str, Any], buffer: TextBuffer, *, parse: bool) -> Self:
        length = len(buffer)
        partial = _PartialJSON(buffer, length) if parse else None
        private = {"_buffer": buffer, "_length": length, "_partial": partial}
        return _construct(cls, fields, private)


class ChunkEvent(BaseModel):
    """Emitted for every chunk received, before the events derived from it."""

    type: Literal["chunk"] = "chunk"

    chunk: ChatCompletionChunk
    """The chunk as the API sent it."""

    _snapshot_of: Callable[[], ParsedChatCompletionSnapshot] = PrivateAttr()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def snapshot(self) -> ParsedChatCompletionSnapshot:
        """The completion accumulated so far (the same object the stream state returns)."""
        return self._snapshot_of()

    @classmethod
    def build(
        cls, chunk: ChatCompletionChunk, snapshot_of: Callable[[], ParsedChatCompletionSnapshot]
    ) -> Self:
        return _construct(cls, {"type": "chunk", "chunk": chunk}, {"_snapshot_of": snapshot_of})


class ContentDeltaEvent(_TextDelta):
    """Emitted for every chunk that adds to a choice's content."""

    type: Literal["content.delta"] = "content.delta"

    delta: str
    """The content this chunk added."""

    snapshot = _shown(_TextDelta._text)
    parsed = _shown(_TextDelta._json)

    @property
    def content(self) -> str:
        """The same as ``delta``: the seed documentation's streaming example prints
        ``event.content`` for each ``content.delta`` event (the official SDK has no such
        attribute and fails there). Not serialized: the event's data stays as documented."""
        return self.delta

    @classmethod
    def build(cls, delta: str, content: TextBuffer, *, parse: bool) -> Self:
        return cls._of({"type": "content.delta", "delta": delta}, content, parse=parse)


class ContentDoneEvent(BaseModel, Generic[ResponseFormatT]):
    """Emitted once per choice when its content is complete."""

    type: Literal["content.done"] = "content.done"

    content: str
    """The whole content."""

    parsed: ResponseFormatT | None = None
    """The content validated into the ``response_format`` model (None without one)."""


class RefusalDeltaEvent(_TextDelta):
    """Emitted for every chunk that adds to a choice's refusal."""

    type: Literal["refusal.delta"] = "refusal.delta"

    delta: str
    """The refusal text this chunk added."""

    snapshot = _shown(_TextDelta._text)

    @classmethod
    def build(cls, delta: str, refusal: TextBuffer) -> Self:
        return cls._of({"type": "refusal.delta", "delta": delta}, refusal, parse=False)


class RefusalDoneEvent(BaseModel):
    """Emitted once per choice when its refusal is complete."""

    type: Literal["refusal.done"] = "refusal.done"

    refusal: str


class FunctionToolCallArgumentsDeltaEvent(_TextDelta):
    """Emitted for every chunk that adds to the arguments of a function tool call."""

    type: Literal["tool_calls.function.arguments.delta"] = "tool_calls.function.arguments.delta"

    name: str
    """The function called."""

    index: int
    """The index of the tool call in the message."""

    arguments_delta: str
    """The JSON text this chunk added."""

    arguments = _shown(_TextDelta._text)
    parsed_arguments = _shown(_TextDelta._json)

    # Printed and dumped in the official SDK's order, the delta last (pydantic would put the
    # two computed fields after every declared one): a logged event reads the same with either.
    _ORDER: ClassVar[tuple[str, ...]] = (
        "type",
        "name",
        "index",
        "arguments",
        "parsed_arguments",
        "arguments_delta",
    )

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        return iter(_in_order(dict(super().__repr_args__()), self._ORDER).items())

    @model_serializer(mode="wrap")
    def _dump_in_order(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            return _in_order(cast("dict[Any, Any]", data), self._ORDER)
        return data

    @classmethod
    def build(
        cls, *, name: str, index: int, arguments_delta: str, arguments: TextBuffer, parse: bool
    ) -> Self:
        fields = {
            "type": "tool_calls.function.arguments.delta",
            "name": name,
            "index": index,
            "arguments_delta": arguments_delta,
        }
        return cls._of(fields, arguments, parse=parse)


class FunctionToolCallArgumentsDoneEvent(BaseModel):
    """Emitted once per function tool call when its arguments are complete."""

    type: Literal["tool_calls.function.arguments.done"] = "tool_calls.function.arguments.done"

    name: str

    index: int

    arguments: str
    """The whole JSON text of the arguments."""

    parsed_arguments: object = None
    """An instance of the tool's model for a `pydantic_function_tool`, the decoded JSON for
    another strict tool, None otherwise."""


class _LogprobsDelta(BaseModel):
    """A logprobs delta event; its ``snapshot`` is built when read."""

    _accumulated: List[ChatCompletionTokenLogprob] = PrivateAttr()
    _length: int = PrivateAttr()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def snapshot(self) -> List[ChatCompletionTokenLogprob]:
        """The log probabilities accumulated up to and including this chunk."""
        return self._accumulated[: self._length]

    @classmethod
    def build(
        cls,
        logprobs: List[ChatCompletionTokenLogprob],
        accumulated: List[ChatCompletionTokenLogprob],
    ) -> Self:
        kind: str = cls.model_fields["type"].default
        field = kind.split(".")[1]  # "logprobs.content.delta" carries `content`
        private = {"_accumulated": accumulated, "_length": len(accumulated)}
        return _construct(cls, {"type": kind, field: logprobs}, private)


_KindT = TypeVar("_KindT", bound=str)


class _ContentLogprobs(BaseModel, Generic[_KindT]):
    """The fields of a content logprobs event; each event names its kind (``type``)."""

    type: _KindT

    content: List[ChatCompletionTokenLogprob]
    """The log probabilities of content tokens: those this chunk added (a delta event), or all
    of them (a done event)."""


class _RefusalLogprobs(BaseModel, Generic[_KindT]):
    """The fields of a refusal logprobs event; each event names its kind (``type``)."""

    type: _KindT

    refusal: List[ChatCompletionTokenLogprob]
    """The log probabilities of refusal tokens: those this chunk added (a delta event), or all
    of them (a done event)."""


class LogprobsContentDeltaEvent(
    _LogprobsDelta, _ContentLogprobs[Literal["logprobs.content.delta"]]
):
    """Emitted for every chunk that carries log probabilities of content tokens."""

    type: Literal["logprobs.content.delta"] = "logprobs.content.delta"


class LogprobsRefusalDeltaEvent(
    _LogprobsDelta, _RefusalLogprobs[Literal["logprobs.refusal.delta"]]
):
    """Emitted for every chunk that carries log probabilities of refusal tokens."""

    type: Literal["logprobs.refusal.delta"] = "logprobs.refusal.delta"


class LogprobsContentDoneEvent(_ContentLogprobs[Literal["logprobs.content.done"]]):
    """Emitted once per choice when the log probabilities of its content are complete."""

    type: Literal["logprobs.content.done"] = "logprobs.content.done"


class LogprobsRefusalDoneEvent(_RefusalLogprobs[Literal["logprobs.refusal.done"]]):
    """Emitted once per choice when the log probabilities of its refusal are complete."""

    type: Literal["logprobs.refusal.done"] = "logprobs.refusal.done"


ChatCompletionStreamEvent: TypeAlias = Union[
    ChunkEvent,
    ContentDeltaEvent,
    ContentDoneEvent[ResponseFormatT],
    RefusalDeltaEvent,
    RefusalDoneEvent,
    FunctionToolCallArgumentsDeltaEvent,
    FunctionToolCallArgumentsDoneEvent,
    LogprobsContentDeltaEvent,
    LogprobsContentDoneEvent,
    LogprobsRefusalDeltaEvent,
    LogprobsRefusalDoneEvent,
]
"""Any event of a `ChatCompletionStream`; ``event.type`` says which."""
