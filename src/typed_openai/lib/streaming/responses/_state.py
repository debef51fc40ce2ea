"""`ResponseStreamState`: Responses stream events in, typed (and enriched) events out, no I/O.

The sync and async streams are thin loops around one of these, and code that streams with
``responses.create(stream=True)`` itself can feed it the events directly::

    state = ResponseStreamState(text_format=MyModel)
    for event in client.responses.create(..., stream=True):
        for enriched in state.handle_event(event):
            ...

What it keeps: the response from ``response.created`` (status and other fields updated by the
later lifecycle events), and each output item as it grows: text and refusal parts of messages,
function-call arguments, reasoning summaries. Text lives in `TextBuffer`s, so an event costs
O(its size); building a snapshot costs O(accumulated size) and happens only when asked for.

What it emits, per event, as the official SDK does: the event itself, except that
``response.output_text.delta`` / ``response.function_call_arguments.delta`` gain ``snapshot``,
``response.output_text.done`` gains ``parsed``, ``response.completed`` carries a
`ParsedResponse`, an ``output_item.added`` without an item is dropped, and lifecycle events
without ``output`` get the output received so far. Those four rebuilt events hold their declared
fields only: keys the API adds to them (``obfuscation`` on the deltas) are left out, where every
other event keeps them as extra fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, cast

from typed_openai._core import NOT_GIVEN, NotGiven, OpenAIError, left_out
from typed_openai._core._models import parse_value

from ..._parsing._responses import make_tools, parse_response, parse_text
from ..chat._text import TextBuffer
from ._construct import construct, event_classes
from ._events import (
    ResponseCompletedEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
    TextFormatT,
    _Prefix,  # pyright: ignore[reportPrivateUsage]
)

if TYPE_CHECKING:
    import pydantic

    from ..._parsing._responses_types import ParsedResponse

__all__ = ["ResponseStreamState"]

JsonObject = dict[str, Any]

_LIFECYCLE = frozenset(
    {
        "response.created",
        "response.queued",
        "response.in_progress",
        "response.completed",
        "response.failed",
        "response.incomplete",
    }
)
# Lifecycle events whose missing ``output`` is filled from what was received (others get []).
_REPORTS_OUTPUT = frozenset({"response.failed", "response.incomplete"})


class _Part:
    """One content part of a message (or one summary part of a reasoning item)."""

    __slots__ = ("data", "text", "text_key")

    def __init__(self, data: JsonObject) -> None:
        self.data = data
        self.text_key = "refusal" if data.get("type") == "refusal" else "text"
        self.text = TextBuffer(str(data.get(self.text_key) or ""))

    def build(self) -> JsonObject:
        return {**self.data, self.text_key: self.text.text()}


class _Item:
    """One output item as far as it has arrived; `final` once ``output_item.done`` came."""

    __slots__ = ("arguments", "data", "final", "parts", "summary")

    def __init__(self, data: JsonObject) -> None:
        self.data = data
        self.final: JsonObject | None = None
        self.parts: dict[int, _Part] = {
            index: _Part(part) for index, part in enumerate(data.get("content") or [])
        }
        self.summary: dict[int, _Part] = {
            index: _Part(part) for index, part in enumerate(data.get("summary") or [])
        }
        self.arguments = TextBuffer(str(data.get("arguments") or ""))

    @property
    def kind(self) -> object:
        return self.data.get("type")

    def part(self, index: int) -> _Part:
        part = self.parts.get(index)
        if part is None:
            raise RuntimeError(
                f"Received a text event for content index {index} of output item "
                f"{self.data.get('id')!r} before its content part was added"
            )
        return part

    def summary_part(self, index: int) -> _Part:
        part = self.summary.get(index)
        if part is None:
            part = self.summary[index] = _Part({"type": "summary_text", "text": ""})
        return part

    def build(self) -> JsonObject:
        if self.final is not None:
            return self.final
        item = dict(self.data)
        if self.parts:
            item["content"] = [self.parts[index].build() for index in sorted(self.parts)]
        if self.summary:
            item["summary"] = [self.summary[index].build() for index in sorted(self.summary)]
        if self.kind == "function_call":
            item["arguments"] = self.arguments.text()
        return item


class ResponseStreamState(Generic[TextFormatT]):
    """Accumulates a Responses stream and says what each event means.

    `text_format` and `input_tools` are what the request was made with: a pydantic model as
    ``text_format`` makes ``output_text`` parsed when done (and in the final response); function
    tools made by `pydantic_function_tool` (or other strict ones) make call arguments parsed.
    """

    def __init__(
        self,
        *,
        input_tools: Iterable[Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        text_format: type[TextFormatT] | NotGiven = NOT_GIVEN,
    ) -> None:
        tools = make_tools(input_tools)
        self._input_tools: list[Mapping[str, Any]] = [] if left_out(tools) else tools
        self._text_format = text_format
        self._response: JsonObject | None = None
        self._items: dict[int, _Item] = {}
        self._completed_response: ParsedResponse[TextFormatT] | None = None
        self._snapshot: ParsedResponse[object] | None = None
        self._classes = _event_classes()

    # --- reading ------------------------------------------------------------------------------

    @property
    def completed_response(self) -> ParsedResponse[TextFormatT] | None:
        """The parsed response of the ``response.completed`` event, once it has arrived."""
        return self._completed_response

    @property
    def current_snapshot(self) -> ParsedResponse[object]:
        """The response accumulated so far (output items as far as they have arrived).

        Built when asked for and reused until the next event; costs O(accumulated size).
        """
        if self._snapshot is None:
            if self._response is None:
                raise OpenAIError(
                    "no response event has been received yet, so there is no snapshot"
                )
            from typed_openai.types.responses.response import Response

            data = {
                **self._response,
                "output": [self._items[index].build() for index in sorted(self._items)],
            }
            response = cast("Response", parse_value(Response, data))
            self._snapshot = parse_response(
                text_format=NOT_GIVEN, input_tools=self._input_tools, response=response
            )
        return self._snapshot

    # --- feeding ------------------------------------------------------------------------------

    def handle_event(self, event: Any) -> list[ResponseStreamEvent[TextFormatT]]:
        """Take one event (a generated event model, or its JSON as a dict); return the events to
        hand to the user for it."""
        if isinstance(event, dict):
            return self.handle_data(cast(JsonObject, event))
        data = cast("pydantic.BaseModel", event).model_dump(
            mode="json", by_alias=True, exclude_unset=True
        )
        return self.handle_data(data)

    def accumulate_event(self, event: Any) -> ParsedResponse[object]:
        """Take one event (as `handle_event` does) and return the response accumulated so far
        (`current_snapshot`) rather than the events for it: for a loop of one's own over
        ``responses.create(stream=True)`` that only wants the growing response.

        The official SDK's name for its state's accumulating step. Its ``handle_event`` goes
        through that step, ours does not: an override of this method sees only direct calls. The
        snapshot also shows what ``output_item.done`` and the lifecycle events brought (final
        item status, the response's status and usage), which the official one leaves out."""
        self.handle_event(event)
        return self.current_snapshot

    def handle_data(self, data: JsonObject) -> list[ResponseStreamEvent[TextFormatT]]:
        """Take one event's decoded JSON payload (what the stream drivers feed)."""
        kind = data.get("type")
        self._snapshot = None
        handler = _HANDLERS.get(kind)  # type: ignore[arg-type]
        if handler is not None and self._response is not None:
            return handler(self, data)  # the common case: content of a started response
        if self._response is None and kind != "response.created":
            raise RuntimeError(f"Expected to have received `response.created` before `{kind}`")
        if kind in _LIFECYCLE:
            return [self._lifecycle(cast(str, kind), data)]
        if handler is None:
            return [self._raw(data)]
        return handler(self, data)

    # --- per event type -----------------------------------------------------------------------

    def _raw(self, data: JsonObject) -> Any:
        cls = self._classes.get(cast(str, data.get("type")))
        if cls is None:
            from typed_openai.types.responses.response_stream_event import (
                ResponseStreamEvent as RawResponseStreamEvent,
            )

            return parse_value(RawResponseStreamEvent, data)
        return construct(cls, data)

    def _item(self, data: JsonObject) -> _Item:
        index = cast(int, data.get("output_index"))
        item = self._items.get(index)
        if item is None:
            raise RuntimeError(
                f"Received a content event for output index {index} before receiving its "
                "output item"
            )
        return item

    def _lifecycle(self, kind: str, data: JsonObject) -> Any:
        response = cast("JsonObject | None", data.get("response"))
        if isinstance(response, dict):
            if self._response is None:
                self._response = {key: value for key, value in response.items() if key != "output"}
            else:
                self._response.update(
                    (key, value) for key, value in response.items() if key != "output"
                )
        if kind == "response.completed":
            return self._completed(data)
        if isinstance(response, dict) and response.get("output") is None:
            output = (
                [self._items[index].build() for index in sorted(self._items)]
                if kind in _REPORTS_OUTPUT
                else []
            )
            data = {**data, "response": {**response, "output": output}}
        return self._raw(data)

    def _completed(self, data: JsonObject) -> Any:
        from typed_openai.types.responses.response import Response

        response = cast(JsonObject, data["response"])
        if response.get("output") is None:
            # Rebuild it from the finished items (deltas can leave out final fields).
            done = [item.final for _, item in sorted(self._items.items()) if item.final]
            response = {**response, "output": done}
        parsed = parse_response(
            text_format=self._text_format,
            input_tools=self._input_tools,
            response=cast("Response", parse_value(Response, response)),
        )
        self._completed_response = cast("ParsedResponse[TextFormatT]", parsed)
        cls = _built(ResponseCompletedEvent)
        return cls.model_construct(
            _fields_set={"type", "sequence_number", "response"},
            type="response.completed",
            sequence_number=data.get("sequence_number"),
            response=parsed,
        )

    def _item_added(self, data: JsonObject) -> list[Any]:
        item = data.get("item")
        if item is None:
            return []  # some providers announce an index without an item; nothing to show
        index = cast(int, data.get("output_index"))
        if index in self._items:
            raise RuntimeError(f"Duplicate response output index {index}.")
        self._items[index] = _Item(dict(cast(JsonObject, item)))
        return [self._raw(data)]

    def _item_done(self, data: JsonObject) -> list[Any]:
        index = cast(int, data.get("output_index"))
        item = self._items.get(index)
        final = cast(JsonObject, data.get("item") or {})
        if item is None:
            item = self._items[index] = _Item(dict(final))
        item.final = final
        return [self._raw(data)]

    def _part_added(self, data: JsonObject) -> list[Any]:
        item = self._item(data)
        if item.kind == "message":
            item.parts[cast(int, data.get("content_index"))] = _Part(
                dict(cast(JsonObject, data.get("part") or {}))
            )
        return [self._raw(data)]

    def _text_delta(self, data: JsonObject) -> list[Any]:
        # The hot path (one call per streamed piece of text): no more than needed here.
        item = self._items.get(data.get("output_index"))  # type: ignore[arg-type]
        if item is None:
            item = self._item(data)
        part = item.parts.get(data.get("content_index"))  # type: ignore[arg-type]
        if part is None:
            part = item.part(data.get("content_index"))  # type: ignore[arg-type]
        text = part.text
        length = text.append(data.get("delta") or "")
        snapshot = {"_snapshot": _Prefix(text, length)}
        return [construct(ResponseTextDeltaEvent, data, snapshot, known_only=True)]

    def _text_done(self, data: JsonObject) -> list[Any]:
        item = self._item(data)
        phase = cast("str | None", item.data.get("phase"))
        parsed = parse_text(cast(str, data.get("text")), self._text_format, phase=phase)
        cls = _built(ResponseTextDoneEvent)
        return [construct(cls, {**data, "parsed": parsed}, known_only=True)]

    def _refusal_delta(self, data: JsonObject) -> list[Any]:
        item = self._item(data)
        part = item.part(cast(int, data.get("content_index")))
        part.text.append(cast(str, data.get("delta") or ""))
        return [self._raw(data)]

    def _arguments_delta(self, data: JsonObject) -> list[Any]:
        item = self._item(data)
        length = item.arguments.append(cast(str, data.get("delta") or ""))
        snapshot = _Prefix(item.arguments, length)
        return [
            construct(
                ResponseFunctionCallArgumentsDeltaEvent,
                data,
                {"_snapshot": snapshot},
                known_only=True,
            )
        ]

    def _summary_part_added(self, data: JsonObject) -> list[Any]:
        item = self._item(data)
        item.summary[cast(int, data.get("summary_index"))] = _Part(
            dict(cast(JsonObject, data.get("part") or {"type": "summary_text", "text": ""}))
        )
        return [self._raw(data)]

    def _summary_delta(self, data: JsonObject) -> list[Any]:
        item = self._item(data)
        item.summary_part(cast(int, data.get("summary_index"))).text.append(
            cast(str, data.get("delta") or "")
        )
        return [self._raw(data)]


_Handler = Callable[[ResponseStreamState[Any], JsonObject], "list[Any]"]

_HANDLERS: dict[str, _Handler] = {
    "response.output_item.added": ResponseStreamState._item_added,  # pyright: ignore[reportPrivateUsage]
    "response.output_item.done": ResponseStreamState._item_done,  # pyright: ignore[reportPrivateUsage]
    "response.content_part.added": ResponseStreamState._part_added,  # pyright: ignore[reportPrivateUsage]
    "response.output_text.delta": ResponseStreamState._text_delta,  # pyright: ignore[reportPrivateUsage]
    "response.output_text.done": ResponseStreamState._text_done,  # pyright: ignore[reportPrivateUsage]
    "response.refusal.delta": ResponseStreamState._refusal_delta,  # pyright: ignore[reportPrivateUsage]
    "response.function_call_arguments.delta": ResponseStreamState._arguments_delta,  # pyright: ignore[reportPrivateUsage]
    "response.reasoning_summary_part.added": ResponseStreamState._summary_part_added,  # pyright: ignore[reportPrivateUsage]
    "response.reasoning_summary_text.delta": ResponseStreamState._summary_delta,  # pyright: ignore[reportPrivateUsage]
}


def _event_classes() -> dict[str, type[pydantic.BaseModel]]:
    from typed_openai.types.responses.response_stream_event import (
        ResponseStreamEvent as RawResponseStreamEvent,
    )

    return event_classes(RawResponseStreamEvent)


def _built(generic: Any) -> Any:
    # The generic event class itself, whatever the text_format, as the official SDK builds them
    # (`type(event).__name__` is 'ResponseTextDoneEvent' there).
    if not generic.__pydantic_complete__:
        generic.model_rebuild()
    return generic
