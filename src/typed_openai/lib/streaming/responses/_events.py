"""The events ``responses.stream()`` yields: the API's events, four of them with more in them.

- `ResponseTextDeltaEvent` / `ResponseFunctionCallArgumentsDeltaEvent` add ``snapshot``: the
  text (arguments) accumulated up to and including this delta;
- `ResponseTextDoneEvent[T]` adds ``parsed``: the text validated into the ``text_format`` model;
- `ResponseCompletedEvent[T]` carries the response as a `ParsedResponse[T]`.

Every other event is the generated model of its type. ``snapshot`` is computed when read (from
the buffer the stream state keeps, as it was when the event was emitted), so a consumer that only
reads ``delta`` pays nothing for it and a stream of n deltas costs O(n), not O(n^2). It reads,
dumps, prints, compares, copies and iterates (``dict(event)``) as the official SDK's field does,
and an event built with ``snapshot="..."`` keeps it; being a computed field, it is not in
``model_fields`` or ``vars(event)`` (the one deliberate difference).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Generic, Union

from pydantic import PrivateAttr, computed_field
from typing_extensions import Self, TypeAlias, TypeVar

from typed_openai._core._models import BaseModel
from typed_openai.types.responses.response_completed_event import (
    ResponseCompletedEvent as RawResponseCompletedEvent,
)
from typed_openai.types.responses.response_function_call_arguments_delta_event import (
    ResponseFunctionCallArgumentsDeltaEvent as RawResponseFunctionCallArgumentsDeltaEvent,
)
from typed_openai.types.responses.response_stream_event import UnextendedResponseStreamEvent
from typed_openai.types.responses.response_text_delta_event import (
    ResponseTextDeltaEvent as RawResponseTextDeltaEvent,
)
from typed_openai.types.responses.response_text_done_event import (
    ResponseTextDoneEvent as RawResponseTextDoneEvent,
)

from ..._parsing._responses_types import ParsedResponse
from ..chat._text import TextBuffer

__all__ = [
    "ResponseCompletedEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseStreamEvent",
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
    "TextFormatT",
]

for _parent in (
    RawResponseTextDeltaEvent,
    RawResponseTextDoneEvent,
    RawResponseFunctionCallArgumentsDeltaEvent,
    RawResponseCompletedEvent,
):
    _parent.model_rebuild()

# Type checkers read an unparametrized class's `parsed` as None. At run time the variable has no
# default: parsed values are built into the unparametrized classes (the official SDK's class
# names), and a None default would make pydantic warn when it serializes a parsed model there.
if TYPE_CHECKING:
    TextFormatT = TypeVar("TextFormatT", default=None)
else:
    TextFormatT = TypeVar("TextFormatT")


class _Prefix:
    """A buffer read back at the length it had when the event was made."""

    __slots__ = ("buffer", "length")

    def __init__(self, buffer: TextBuffer, length: int) -> None:
        self.buffer = buffer
        self.length = length

    def text(self) -> str:
        return self.buffer.prefix(self.length)

    # Events compare their private state too: a streamed event equals one built by hand with the
    # same snapshot text (``str == _Prefix`` falls back to this, reflected).
    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Prefix):
            return self.text() == other.text()
        if isinstance(other, str):
            return self.text() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]


class _WithSnapshot(BaseModel):
    """``snapshot``: the text accumulated up to and including this delta, read when asked for.

    Events the stream builds hold a `_Prefix`; one built by hand or validated from a dump
    (``snapshot="..."``, as test fixtures and relays build them) holds the text it was given.
    Deriving from the package's model puts these methods before its ``model_construct`` in an
    event class's MRO."""

    _snapshot: Any = PrivateAttr(default=None)

    def model_post_init(self, context: Any, /) -> None:
        super().model_post_init(context)
        # `snapshot` is not a field, so a given value arrives as an extra: it is the snapshot.
        extra = self.__pydantic_extra__
        if extra and "snapshot" in extra:
            self._snapshot = extra.pop("snapshot")

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Self:
        snapshot = values.pop("snapshot", None)
        event = super().model_construct(_fields_set, **values)
        if snapshot is not None:
            event._snapshot = snapshot
        return event

    @computed_field  # type: ignore[prop-decorator]
    @property
    def snapshot(self) -> str:
        value = self._snapshot
        return value.text() if isinstance(value, _Prefix) else str(value or "")

    def __iter__(self) -> Iterator[tuple[str, Any]]:  # pyright: ignore[reportIncompatibleMethodOverride]
        # `dict(event)` lists `snapshot` last, where the SDK's field of that name comes
        yield from super().__iter__()
        yield "snapshot", self.snapshot


class ResponseTextDeltaEvent(RawResponseTextDeltaEvent, _WithSnapshot):
    """Text was added to an ``output_text`` part; ``snapshot`` is that part's text so far."""


class ResponseFunctionCallArgumentsDeltaEvent(
    RawResponseFunctionCallArgumentsDeltaEvent, _WithSnapshot
):
    """Arguments were added to a function call; ``snapshot`` is its arguments so far."""


class ResponseTextDoneEvent(RawResponseTextDoneEvent, Generic[TextFormatT]):
    """An ``output_text`` part is complete; ``parsed`` is it validated into ``text_format``."""

    parsed: TextFormatT | None = None


class ResponseCompletedEvent(RawResponseCompletedEvent, Generic[TextFormatT]):
    """The response completed; ``response`` is parsed as ``responses.parse()`` would."""

    if TYPE_CHECKING:
        response: ParsedResponse[TextFormatT]  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]
    else:
        # The class a parsed response is built as (unparametrized, as the SDK's): a field of
        # `ParsedResponse[~TextFormatT]` would serialize it as a plain `Response`, without `parsed`.
        response: ParsedResponse


# The API's event union (types.responses.ResponseStreamEvent) with its four plain classes replaced
# by the ones above, as the official SDK's: a union that also held the plain classes would leave
# `event.snapshot` an error after narrowing on `event.type`. The rest of the API's union is
# generated (config `aliases:`, `without` the four), so an event the spec adds reaches it.
ResponseStreamEvent: TypeAlias = Union[
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent[TextFormatT],
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseCompletedEvent[TextFormatT],
    UnextendedResponseStreamEvent,
]
"""What a Responses stream yields (the union of every event type, four of them extended)."""
