"""Message and run-step snapshots built from their streamed deltas.

Each builder keeps the created object as sent and merges the deltas into a tree (see
``_accumulate``); models are built from the tree only when asked for, and cached until the next
delta, so a stream nobody inspects costs one dictionary merge per delta.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Union, cast

from pydantic import Field, TypeAdapter
from typing_extensions import Annotated

from typed_openai._core._models import parse_value
from typed_openai.types.beta.threads.message import Message
from typed_openai.types.beta.threads.message_content import MessageContent
from typed_openai.types.beta.threads.message_delta import MessageDelta
from typed_openai.types.beta.threads.runs.message_creation_step_details import (
    MessageCreationStepDetails,
)
from typed_openai.types.beta.threads.runs.run_step import RunStep
from typed_openai.types.beta.threads.runs.run_step_delta import RunStepDelta
from typed_openai.types.beta.threads.runs.tool_call import ToolCall
from typed_openai.types.beta.threads.runs.tool_calls_step_details import ToolCallsStepDetails

from ._accumulate import Tree, materialize, merge_entry, merge_into

__all__ = ["MessageBuilder", "RunStepBuilder", "field"]

_StepDetails = Annotated[
    Union[MessageCreationStepDetails, ToolCallsStepDetails], Field(discriminator="type")
]

# What a new content block or tool call holds before its first delta is merged in, so that its
# snapshot has every required field even when the deltas leave some out (an empty text has no
# annotations yet; a code call has no outputs yet).
_NEW_BLOCK: dict[str, Tree] = {
    "text": {"text": {"value": "", "annotations": []}},
    "refusal": {"refusal": ""},
}
_NEW_TOOL_CALL: dict[str, Tree] = {
    "code_interpreter": {"code_interpreter": {"input": "", "outputs": []}},
    "function": {"function": {"name": "", "arguments": "", "output": None}},
    "file_search": {"file_search": {}},
}

_adapters: dict[str, TypeAdapter[Any]] = {}


def _build(key: str, tp: Any, data: Any) -> Any:
    """Validate ``data`` as ``tp`` (falling back to the lenient build, like responses do)."""
    adapter = _adapters.get(key)
    if adapter is None:
        adapter = _adapters[key] = TypeAdapter(tp)
    try:
        return adapter.validate_python(data)
    except ValueError:
        return parse_value(tp, data)


def _dump(model: Any) -> Any:
    # a part this client does not know (a new content type, say) arrives as raw data
    if isinstance(model, Mapping):
        return dict(cast("Mapping[str, Any]", model))
    return model.model_dump(by_alias=True, exclude_unset=True, warnings=False)


def field(item: object, name: str) -> Any:
    """``item.name`` of a model, or ``item[name]`` of raw data the client could not type."""
    if isinstance(item, Mapping):
        return cast("Mapping[str, Any]", item).get(name)
    return getattr(item, name, None)


class MessageBuilder:
    """A message being streamed: the created message plus its content deltas."""

    __slots__ = ("_blocks", "_built", "_snapshot", "base")

    def __init__(self, message: Message) -> None:
        self.base = message
        self._blocks: list[Any] = [_dump(block) for block in message.content]
        self._built: dict[int, MessageContent] = {}
        self._snapshot: Message | None = None

    def apply(self, delta: MessageDelta) -> list[tuple[int, bool]]:
        """Merge one delta; for each content delta, (its block's position, whether it is new)."""
        # built models share the tree's strings: drop them first (those the created message
        # shows too: built again when next needed) so the text can grow in place
        self._built.clear()
        self._snapshot = None
        self.base.content.clear()
        touched: list[tuple[int, bool]] = []
        for content in delta.content or ():
            data = _dump(content)
            seed = _NEW_BLOCK.get(str(data.get("type")), {})
            touched.append(merge_entry(self._blocks, data, seed))
        return touched

    def block(self, position: int) -> MessageContent:
        built = self._built_at(position)
        self._show(position, built)
        return built

    def _built_at(self, position: int) -> MessageContent:
        built = self._built.get(position)
        if built is None:
            data = materialize(self._blocks[position])
            built = self._built[position] = _build("content", MessageContent, data)
        return built

    def _show(self, position: int, built: MessageContent) -> None:
        """Put a built block into the created message too: the message a handler was handed
        (``on_message_created``, ``on_event``) shows what has streamed since, as the SDK's does
        (handlers keep it and read it later). Blocks are built when a hook or snapshot needs
        them, and every one at the message's end; while the message streams, the created one
        shows the blocks up to the last one a hook was handed."""
        shown = self.base.content
        while len(shown) < position:
            shown.append(self._built_at(len(shown)))
        if position < len(shown):
            shown[position] = built
        else:
            shown.append(built)

    def snapshot(self) -> Message:
        if self._snapshot is None:
            content = [self.block(i) for i in range(len(self._blocks))]
            self._snapshot = self.base.model_copy(update={"content": content})
        return self._snapshot


class RunStepBuilder:
    """A run step being streamed: the created step plus its step-details deltas."""

    __slots__ = ("_built", "_details", "_snapshot", "base")

    def __init__(self, step: RunStep) -> None:
        self.base = step
        self._details: Tree = _dump(step.step_details)
        self._built: dict[int, ToolCall] = {}
        self._snapshot: RunStep | None = None

    def apply(self, delta: RunStepDelta) -> list[int]:
        """Merge one delta; the snapshot position of each tool call it carries, in order."""
        # built models share the tree's strings: drop them first so the text can grow in place
        self._built.clear()
        self._snapshot = None
        if delta.step_details is None:
            return []
        data: Tree = _dump(delta.step_details)
        calls: Any = data.pop("tool_calls", None)
        merge_into(self._details, data)
        if not isinstance(calls, list):
            return []
        entries: list[Any] = self._details.setdefault("tool_calls", [])
        positions: list[int] = []
        for call in calls:  # pyright: ignore[reportUnknownVariableType]
            seed = _NEW_TOOL_CALL.get(str(call.get("type")), {})  # pyright: ignore[reportUnknownMemberType, reportUnknownArgumentType]
            position, _ = merge_entry(entries, call, seed)  # pyright: ignore[reportUnknownArgumentType]
            positions.append(position)
        return positions

    def tool_call(self, position: int) -> ToolCall:
        built = self._built.get(position)
        if built is None:
            data = materialize(self._details["tool_calls"][position])
            built = self._built[position] = _build("tool_call", ToolCall, data)
        return built

    def snapshot(self) -> RunStep:
        if self._snapshot is None:
            details = _build("step_details", _StepDetails, materialize(self._details))
            self._snapshot = self.base.model_copy(update={"step_details": details})
        return self._snapshot
