"""Merging deltas into the snapshot, without I/O: the rules for every kind of field.

`ChatCompletionStreamState` is fed chunks directly here; the HTTP tests cover the same state
behind `.stream()`.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.lib.chat._support import GetWeatherArgs, choice, chunk
from typed_openai.lib._tools import pydantic_function_tool
from typed_openai.lib.streaming.chat import ChatCompletionStreamState
from typed_openai.lib.streaming.chat._accumulate import merge_value
from typed_openai.types.chat.chat_completion_chunk import ChatCompletionChunk


def feed(state: ChatCompletionStreamState[Any], *raw: dict[str, Any]) -> list[Any]:
    events: list[Any] = []
    for item in raw:
        events.extend(state.handle_chunk(ChatCompletionChunk.model_validate(item)))
    return events


def test_merge_rules() -> None:
    assert merge_value("ab", "cd") == "abcd"
    assert merge_value("ab", None) == "ab"  # a null never erases
    assert merge_value(None, {"a": 1}) == {"a": 1}
    assert merge_value({"a": "x", "n": 1}, {"a": "y", "n": 2}) == {"a": "xy", "n": 2}
    assert merge_value([1, 2], [3]) == [1, 2, 3]
    assert merge_value(
        [{"index": 0, "text": "a"}], [{"index": 1, "text": "b"}, {"index": 0, "text": "c"}]
    ) == [{"index": 0, "text": "ac"}, {"index": 1, "text": "b"}]
    # several fragments of one entry in the first list are merged, not listed twice
    assert merge_value(None, [{"index": 0, "t": "a"}, {"index": 0, "t": "b"}]) == [
        {"index": 0, "t": "ab"}
    ]
    assert merge_value({"type": "a"}, {"type": "b"}) == {"type": "b"}  # discriminators replace


def test_tool_call_fields() -> None:
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    fragment = {"index": 0, "id": "call_1", "type": "function", "function": {"name": "get_"}}
    feed(
        state,
        chunk(choice(role="assistant", tool_calls=[fragment])),
        chunk(
            choice(
                tool_calls=[
                    {"index": 0, "id": "call_1", "function": {"name": "weather", "arguments": "{"}},
                    {"index": 0, "function": {"arguments": "}"}},
                ]
            )
        ),
        chunk(choice(finish_reason="tool_calls")),
    )
    [call] = state.current_completion_snapshot.choices[0].message.tool_calls or []
    assert call.id == "call_1"  # repeated, not doubled
    assert call.function.name == "get_weather"  # names arriving in pieces are joined
    assert call.function.arguments == "{}"
    assert call.function.parsed_arguments is None  # the tool was not given as strict


def test_completion_level_fields() -> None:
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    feed(
        state,
        chunk(choice(role="assistant", content="a"), obfuscation="xyz", region="eu"),
        chunk(choice(content="b"), system_fingerprint="fp_2", obfuscation="q"),
        chunk(
            usage={"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
            system_fingerprint=None,  # a null does not erase the value before it
        ),
    )
    snapshot = state.current_completion_snapshot
    assert snapshot.object == "chat.completion"
    assert snapshot.system_fingerprint == "fp_2"
    assert snapshot.usage is not None and snapshot.usage.total_tokens == 3
    dumped = snapshot.to_dict()
    assert "obfuscation" not in dumped  # per-chunk padding does not belong to the completion
    assert dumped["region"] == "eu"  # an unknown field is kept
    assert snapshot.choices[0].message.content == "ab"


def test_snapshot_is_reused_until_the_next_chunk() -> None:
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    feed(state, chunk(choice(role="assistant", content="a")))
    first = state.current_completion_snapshot
    assert state.current_completion_snapshot is first
    feed(state, chunk(choice(content="b")))
    assert state.current_completion_snapshot is not first
    assert first.choices[0].message.content == "a"  # an earlier snapshot stays as it was


ARGUMENTS = '{"city": "Zürich", "country": "CH", "units": "c"}'
CONTENT = "Checking the weather for you."


@settings(max_examples=60, deadline=None)
@given(
    content_cuts=st.lists(st.integers(1, len(CONTENT) - 1), max_size=8),
    argument_cuts=st.lists(st.integers(1, len(ARGUMENTS) - 1), max_size=12),
)
def test_how_text_is_split_does_not_change_the_result(
    content_cuts: list[int], argument_cuts: list[int]
) -> None:
    def pieces(text: str, cuts: list[int]) -> list[str]:
        points = [0, *sorted(set(cuts)), len(text)]
        return [text[a:b] for a, b in itertools.pairwise(points)]

    raw = [chunk(choice(role="assistant", content=""))]
    raw += [chunk(choice(content=piece)) for piece in pieces(CONTENT, content_cuts)]
    start = {"index": 0, "id": "call_9", "type": "function"}
    raw.append(
        chunk(
            choice(tool_calls=[{**start, "function": {"name": "GetWeatherArgs", "arguments": ""}}])
        )
    )
    raw += [
        chunk(choice(tool_calls=[{"index": 0, "function": {"arguments": piece}}]))
        for piece in pieces(ARGUMENTS, argument_cuts)
    ]
    raw.append(chunk(choice(finish_reason="tool_calls")))
    state = ChatCompletionStreamState(input_tools=[pydantic_function_tool(GetWeatherArgs)])
    events = feed(state, *raw)
    done = [e for e in events if e.type.endswith(".done")]
    assert [e.type for e in done] == ["content.done", "tool_calls.function.arguments.done"]
    assert done[0].content == CONTENT
    assert done[1].parsed_arguments == GetWeatherArgs(city="Zürich", country="CH")
    deltas = [e for e in events if e.type == "tool_calls.function.arguments.delta"]
    assert deltas[-1].arguments == ARGUMENTS
    for event in deltas:  # each partial parse is a consistent prefix of the final arguments
        assert isinstance(event.parsed_arguments, (dict, type(None)))
        for key, value in (event.parsed_arguments or {}).items():
            assert key in {"city", "country", "units"}
            assert value == {"city": "Zürich", "country": "CH", "units": "c"}[key]
    final = state.get_final_completion()
    message = final.choices[0].message
    assert message.content == CONTENT
    assert (message.tool_calls or [])[0].function.parsed_arguments == done[1].parsed_arguments


def test_added_fields_merge_without_touching_the_chunks() -> None:
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    first = chunk(choice(role="assistant", content="", meta={"tags": ["a"], "note": "x"}))
    events = feed(
        state,
        first,
        chunk(choice(content="b", meta={"tags": ["b"], "note": "y"})),
    )
    message = state.current_completion_snapshot.choices[0].message
    assert message.model_extra == {"meta": {"tags": ["a", "b"], "note": "xy"}}
    # the first chunk, as the chunk event shows it, is as it arrived
    first_chunk = events[0].chunk
    assert first_chunk.choices[0].delta.model_extra == {"meta": {"tags": ["a"], "note": "x"}}


def test_streamed_text_in_an_added_field_is_appended_not_rejoined() -> None:
    # Some compatible servers stream `reasoning_content` in thousands of pieces; joining the
    # string per chunk would be O(n^2). The accumulator keeps the pieces (white-box check).
    from typed_openai.lib.streaming.chat._accumulate import FieldAccumulator
    from typed_openai.lib.streaming.chat._text import TextBuffer

    fields = FieldAccumulator()
    pieces = [f"thought {i}. " for i in range(2_000)]
    for piece in pieces:
        fields.merge({"reasoning_content": piece, "type": "x"})
    assert isinstance(fields._values["reasoning_content"], TextBuffer)
    assert fields.build() == {"reasoning_content": "".join(pieces), "type": "x"}

    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    feed(state, chunk(choice(role="assistant", content="")))
    feed(state, *(chunk(choice(reasoning_content=piece)) for piece in pieces[:50]))
    feed(state, chunk(choice(content="done", finish_reason="stop")))
    message = state.get_final_completion().choices[0].message
    assert message.model_extra == {"reasoning_content": "".join(pieces[:50])}


def test_partial_parse_stops_once_the_model_refuses() -> None:
    state = ChatCompletionStreamState(response_format=GetWeatherArgs)
    events = feed(
        state,
        chunk(choice(role="assistant", content="", refusal="")),  # an empty refusal is none
        chunk(choice(content='{"city": "Bern", ')),
        chunk(choice(refusal="I can't")),
        chunk(choice(content='"country": "CH"}')),
    )
    parsed = [e.parsed for e in events if e.type == "content.delta"]
    assert parsed == [None, {"city": "Bern"}, None]
    assert state.current_completion_snapshot.choices[0].message.parsed is None
