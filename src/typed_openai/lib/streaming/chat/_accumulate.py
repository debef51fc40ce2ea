"""Merging chunk deltas into per-choice accumulators, and building snapshots from them.

Text fields (content, refusal, tool-call arguments) go into `TextBuffer`s and logprobs into lists
that only grow, so merging a chunk costs O(size of the chunk). Building a snapshot (a
`ParsedChatCompletion`) costs O(accumulated size) and happens only when someone asks for one.

Merge rules, for the fields the API defines and for fields it may add later alike: text is
appended, objects are merged key by key, lists of objects carrying an ``index`` are merged entry
by entry, other lists are extended, anything else is replaced; a null never erases a value.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast, get_args

import pydantic

from ..._parsing._types import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
    ParsedFunction,
    ParsedFunctionToolCall,
)
from ._partial import parse_partial_json
from ._text import TextBuffer
from ._types import (
    ParsedChatCompletionMessageSnapshot,
    ParsedChatCompletionSnapshot,
    ParsedChoiceSnapshot,
)

if TYPE_CHECKING:
    from typed_openai.types.chat.chat_completion_chunk import (
        ChatCompletionChunk,
        ChoiceDeltaToolCall,
    )
    from typed_openai.types.chat.chat_completion_token_logprob import ChatCompletionTokenLogprob

__all__ = ["ChoiceAccumulator", "CompletionAccumulator", "ToolCallAccumulator", "merge_value"]

PENDING: Any = object()
"""The final parsed value of content / arguments is not known yet (None is a valid value)."""

# Chunk fields that do not carry over to the completion: `object` differs, `choices` are
# accumulated, `obfuscation` is random padding that only makes sense per chunk.
_CHUNK_ONLY_FIELDS = frozenset({"choices", "object", "obfuscation"})
_UPDATED_FIELDS = ("usage", "system_fingerprint", "moderation", "service_tier")
# Delta fields that are objects streamed in pieces (text joined, other values replaced), and
# the message's field of the same name the pieces build: the spoken answer (its id, base64 data
# and transcript), the deprecated function call.
_PIECEWISE_OBJECTS = ("audio", "function_call")
# Keys that identify an entry (``index``) or its variant (``type``): replaced, never joined.
_REPLACED_KEYS = frozenset({"index", "type"})


def merge_value(old: object, new: object) -> object:
    """`new` merged into `old` by the rules in the module docstring."""
    if new is None:
        return old
    if old is None:
        return _first_value(new)
    if isinstance(old, str) and isinstance(new, str):
        return old + new
    if isinstance(old, dict) and isinstance(new, Mapping):
        merged = cast("dict[str, object]", old)
        for key, value in cast("Mapping[str, object]", new).items():
            merged[key] = value if key in _REPLACED_KEYS else merge_value(merged.get(key), value)
        return merged
    if isinstance(old, list) and isinstance(new, list):
        entries = cast("list[object]", old)
        additions = cast("list[object]", new)
        if not _is_indexed(additions):
            entries.extend(additions)
            return entries
        for entry in additions:
            position = _position_of(entries, cast("dict[str, object]", entry)["index"])
            if position is None:
                entries.append(dict(cast("dict[str, object]", entry)))
            else:
                entries[position] = merge_value(entries[position], entry)
        return entries
    return new


def _is_indexed(entries: list[object]) -> bool:
    return bool(entries) and all(isinstance(entry, dict) and "index" in entry for entry in entries)


def _first_value(value: object) -> object:
    # A first indexed list may hold several fragments of one entry; merge them like later ones.
    if not isinstance(value, list):
        return value
    entries = cast("list[object]", value)
    return merge_value([], entries) if _is_indexed(entries) else entries


def _position_of(entries: list[object], index: object) -> int | None:
    for position, entry in enumerate(entries):
        if isinstance(entry, dict) and cast("dict[str, object]", entry).get("index") == index:
            return position
    return None


class FieldAccumulator:
    """Fields merged by the module's rules (those the API may add, the deprecated
    ``function_call``). Text values live in `TextBuffer`s, so a field streamed in many pieces
    (``reasoning_content`` from some compatible servers) costs O(piece) per chunk, not O(text).
    """

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def merge(self, fields: Mapping[str, object] | None) -> None:
        for key, value in (fields or {}).items():
            current = self._values.get(key)
            if isinstance(value, str) and key not in _REPLACED_KEYS:
                if isinstance(current, TextBuffer):
                    current.append(value)
                    continue
                if current is None:
                    self._values[key] = TextBuffer(value)
                    continue
            # Copied: merging mutates containers in place, and these belong to a chunk.
            copied = _copy_container(value)
            if key in _REPLACED_KEYS:
                self._values[key] = copied if copied is not None else current
            else:
                self._values[key] = merge_value(current, copied)

    def build(self) -> dict[str, Any]:
        """The values now; later merges do not change what this returns (copies, not views)."""
        return {
            key: value.text() if isinstance(value, TextBuffer) else copy.deepcopy(value)
            for key, value in self._values.items()
        }


def _copy_container(value: object) -> object:
    return copy.deepcopy(cast(object, value)) if isinstance(value, (dict, list)) else value


class ToolCallAccumulator:
    """One tool call of one choice, as far as it has arrived."""

    __slots__ = (
        "arguments",
        "extra",
        "final",
        "function_extra",
        "id",
        "index",
        "name",
        "seen_at",
        "type",
    )

    def __init__(self, index: int, seen_at: int) -> None:
        self.index = index
        self.seen_at = seen_at  # the choice's delta (count) that brought this call first
        self.id: str | None = None
        self.type: str | None = None
        self.name = ""
        self.arguments = TextBuffer()
        self.extra = FieldAccumulator()
        self.function_extra = FieldAccumulator()
        self.final: object = PENDING  # parsed arguments, once the call is complete

    def merge(self, delta: ChoiceDeltaToolCall) -> None:
        if delta.id:
            self.id = delta.id
        if delta.type is not None:
            self.type = delta.type
        function = delta.function
        if function is not None:
            if function.name:
                self.name += function.name
            if function.arguments:
                self.arguments.append(function.arguments)
            self.function_extra.merge(function.model_extra)
        self.extra.merge(delta.model_extra)

    def build(self, parse_partial: bool, deltas: int) -> ParsedFunctionToolCall:
        """The call after the choice's ``deltas``-th delta. Its ``parsed_arguments`` is listed by
        `to_dict()` as in the SDK's snapshot: once a later delta came (the SDK carries it over
        then, null or not), or when it got a value by this delta."""
        arguments = self.arguments.text()
        if self.final is not PENDING:
            parsed: object = self.final
        else:
            parsed = parse_partial_json(arguments) if parse_partial else None
        function_extra = self.function_extra.build()
        function_fields = {"name", "arguments", *function_extra}
        if deltas > self.seen_at or self.final is not PENDING or (parse_partial and arguments):
            function_fields.add("parsed_arguments")
        function = ParsedFunction.model_construct(
            function_fields,
            name=self.name,
            arguments=arguments,
            parsed_arguments=parsed,
            **function_extra,
        )
        return ParsedFunctionToolCall.model_construct(
            id=self.id,
            type=self.type or "function",
            function=function,
            index=self.index,
            **self.extra.build(),
        )


class ChoiceAccumulator:
    """One choice (``n`` > 1 gives several), as far as it has arrived."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.finish_reason: str | None = None
        self.role: str | None = None
        self.content: TextBuffer | None = None
        self.refusal: TextBuffer | None = None
        self.tool_calls: dict[int, ToolCallAccumulator] = {}
        # the message's objects streamed in pieces: the spoken answer, the deprecated call
        self.objects: dict[str, FieldAccumulator] = {}
        self.objects_seen_at: dict[str, int] = {}  # the delta (count) that brought each first
        self.deltas = 0  # how many deltas this choice has had
        self.first_message_fields: frozenset[str] = frozenset()  # keys the first delta set
        self.choice_fields: set[str] = {"message"}  # choice keys `to_dict()` lists
        self.message_extra = FieldAccumulator()
        self.choice_extra = FieldAccumulator()
        self.logprobs_seen = False
        self.logprobs_content: list[ChatCompletionTokenLogprob] | None = None
        self.logprobs_refusal: list[ChatCompletionTokenLogprob] | None = None
        self.parsed: object = PENDING  # the validated content, once the content is complete
        self.parsed_at = 0  # the delta (count) at which `parsed` was set

    def merge(self, choice: Any) -> None:
        """Merge one chunk's choice (a ``chat_completion_chunk`` choice model).

        Typed `Any` (here and for its logprobs) because the generated name of the chunk's
        choice class is not settled yet (spec/config.yml asks for ``Choice``); its fields are.
        """
        delta = choice.delta
        self.deltas += 1
        if self.deltas == 1:
            self.first_message_fields = frozenset(delta.model_fields_set)
            self.choice_fields.update(choice.model_fields_set - {"delta"})
            # A choice's own fields the API does not define (Azure's `content_filter_results`)
            # are those of its first chunk, as in the official SDK's snapshot; the message's
            # are merged from every delta.
            self.choice_extra.merge(choice.model_extra)
        if delta.role is not None:
            self.role = delta.role
        if delta.content is not None:
            if self.content is None:
                self.content = TextBuffer(delta.content)
            else:
                self.content.append(delta.content)
        if delta.refusal is not None:
            if self.refusal is None:
                self.refusal = TextBuffer(delta.refusal)
            else:
                self.refusal.append(delta.refusal)
        for call in delta.tool_calls or ():
            if call.index not in self.tool_calls:
                self.tool_calls[call.index] = ToolCallAccumulator(call.index, self.deltas)
            self.tool_calls[call.index].merge(call)
        for name in _PIECEWISE_OBJECTS:
            piece = getattr(delta, name)
            if piece is not None:
                if name not in self.objects:
                    self.objects[name] = FieldAccumulator()
                    self.objects_seen_at[name] = self.deltas
                self.objects[name].merge(piece.model_dump(exclude_unset=True))
        self.message_extra.merge(delta.model_extra)
        if choice.finish_reason is not None:
            self.finish_reason = choice.finish_reason
            self.choice_fields.add("finish_reason")
        if choice.logprobs is not None:
            self._merge_logprobs(choice.logprobs)
            self.choice_fields.add("logprobs")

    def content_done(self, parsed: object) -> None:
        """The content is complete: `parsed` is its validated value from now on."""
        self.parsed = parsed
        self.parsed_at = self.deltas

    def _merge_logprobs(self, logprobs: Any) -> None:
        content: list[ChatCompletionTokenLogprob] | None = logprobs.content
        refusal: list[ChatCompletionTokenLogprob] | None = logprobs.refusal
        if not self.logprobs_seen:
            self.logprobs_seen = True
            self.logprobs_content = None if content is None else list(content)
            self.logprobs_refusal = None if refusal is None else list(refusal)
            return
        if content:
            if self.logprobs_content is None:
                self.logprobs_content = []
            self.logprobs_content.extend(content)
        if refusal:
            if self.logprobs_refusal is None:
                self.logprobs_refusal = []
            self.logprobs_refusal.extend(refusal)

    def build(
        self, *, parse_content: bool, parse_arguments: Callable[[str], bool]
    ) -> ParsedChoiceSnapshot:
        classes = _snapshot_classes()
        logprobs = None
        if self.logprobs_seen:
            logprobs = _field_model(classes.choice, "logprobs").model_construct(
                content=None if self.logprobs_content is None else list(self.logprobs_content),
                refusal=None if self.logprobs_refusal is None else list(self.logprobs_refusal),
            )
        choice_extra = self.choice_extra.build()
        return classes.choice.model_construct(
            _fields_set=self.choice_fields | choice_extra.keys(),
            index=self.index,
            finish_reason=self.finish_reason,
            message=self._build_message(parse_content, parse_arguments),
            logprobs=logprobs,
            **choice_extra,
        )

    def _build_message(
        self, parse_content: bool, parse_arguments: Callable[[str], bool]
    ) -> ParsedChatCompletionMessageSnapshot:
        classes = _snapshot_classes()
        content = None if self.content is None else self.content.text()
        refusal = None if self.refusal is None else self.refusal.text()
        if self.parsed is not PENDING:
            parsed: object = self.parsed
        elif parse_content and content and not refusal:
            parsed = parse_partial_json(content)
        else:
            parsed = None
        values: dict[str, Any] = {
            "role": self.role or "assistant",
            "content": content,
            "refusal": refusal,
            "parsed": parsed,
            **self.message_extra.build(),
        }
        if self.tool_calls:
            values["tool_calls"] = [
                self.tool_calls[index].build(
                    parse_arguments(self.tool_calls[index].name), self.deltas
                )
                for index in sorted(self.tool_calls)
            ]
        for name, pieces in self.objects.items():
            # carried over from an earlier delta, the SDK's object lists all its fields
            whole = self.deltas > self.objects_seen_at[name]
            values[name] = _partial(_field_model(classes.message, name), pieces.build(), whole)
        return classes.message.model_construct(
            _fields_set=self._message_fields_set(content, refusal, parse_content), **values
        )

    def _message_fields_set(
        self, content: str | None, refusal: str | None, parse_content: bool
    ) -> set[str]:
        """The message keys `to_dict()` lists, as the SDK's snapshot has them: those of the first
        delta; from the second on every declared field, null or not (the SDK rebuilds the message
        from a full dump of the previous one per delta). ``parsed`` only while it has a value of
        this delta: a partial parse (a class response_format, some non-blank content, no refusal)
        or the validated content, completed by this delta. A final completion adds it anyway."""
        if self.deltas > 1:
            fields = set(_snapshot_classes().message.model_fields) - {"parsed"}
        else:
            fields = set(self.first_message_fields)
        partial = parse_content and bool(content and content.lstrip()) and not refusal
        if partial or (self.parsed is not PENDING and self.parsed_at == self.deltas):
            fields.add("parsed")
        return fields


class CompletionAccumulator:
    """The completion-level fields: those of the first chunk, updated by later ones."""

    def __init__(self, first: ChatCompletionChunk) -> None:
        self.values: dict[str, Any] = {
            key: value for key, value in first if key not in _CHUNK_ONLY_FIELDS
        }
        self.values.update(
            {k: v for k, v in (first.model_extra or {}).items() if k not in _CHUNK_ONLY_FIELDS}
        )
        # `system_fingerprint` always listed by `to_dict()` (null if not sent), as the SDK's
        self.fields_set = (first.model_fields_set - _CHUNK_ONLY_FIELDS) | {"system_fingerprint"}

    def merge(self, chunk: ChatCompletionChunk) -> None:
        # The SDK assigns the usage and fingerprint of every later chunk (so `to_dict()` lists
        # them, null or not); a null here does not erase a value an earlier chunk sent.
        self.fields_set = self.fields_set | {"usage", "system_fingerprint"}
        for key in _UPDATED_FIELDS:
            value = getattr(chunk, key, None)
            if value is not None:
                self.values[key] = value
                self.fields_set = self.fields_set | {key}

    def build(self, choices: list[ParsedChoiceSnapshot]) -> ParsedChatCompletionSnapshot:
        return _snapshot_classes().completion.model_construct(
            _fields_set=self.fields_set | {"object", "choices"},
            **self.values,
            object="chat.completion",
            choices=choices,
        )


class _SnapshotClasses:
    def __init__(self) -> None:
        self.completion: type[ParsedChatCompletionSnapshot] = ParsedChatCompletion[object]
        self.choice: type[ParsedChoiceSnapshot] = ParsedChoice[object]
        self.message: type[ParsedChatCompletionMessageSnapshot] = ParsedChatCompletionMessage[
            object
        ]
        for cls in (ParsedFunction, ParsedFunctionToolCall, self.message, self.choice):
            # Built lazily (`defer_build`), and `model_construct` does not build them; without
            # it, serializing a snapshot fails.
            cls.model_rebuild()
        self.completion.model_rebuild()


@functools.cache
def _snapshot_classes() -> _SnapshotClasses:
    return _SnapshotClasses()


def _partial(
    cls: type[pydantic.BaseModel], values: dict[str, Any], whole: bool
) -> pydantic.BaseModel:
    """``cls`` built from the pieces so far: a field no piece has carried yet is None (shown
    so by `repr`, as the SDK's snapshot does), counted as set only when ``whole``."""
    everything = {**dict.fromkeys(cls.model_fields), **values}
    return cls.model_construct(set(everything if whole else values), **everything)


@functools.cache
def _field_model(owner: type[pydantic.BaseModel], field: str) -> type[pydantic.BaseModel]:
    """The model class of ``owner.field`` (an ``Optional[Model]``), whatever the generator named it."""
    annotation = owner.model_fields[field].annotation
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, pydantic.BaseModel):
            return candidate
    raise TypeError(f"{owner.__name__}.{field} is not a model field")
