"""Streaming a structured output costs O(chunks), not O(chunks^2). Counted, not timed.

The official SDK re-parses the whole accumulated content on every chunk. Here the per-chunk
values that grow with the content (the text so far, its partial parse, the snapshot) are only
built when read: consuming a stream without reading them parses nothing until the content is
complete, and joins the text a fixed number of times. Reading ``parsed`` on one event parses
that one prefix, once.
"""

from __future__ import annotations

from typing import Any

import jiter
import pytest
from pydantic import BaseModel

from tests.lib.chat._support import choice, chunk
from typed_openai.lib.streaming.chat import ChatCompletionStreamState, ContentDeltaEvent
from typed_openai.lib.streaming.chat._text import TextBuffer
from typed_openai.types.chat.chat_completion_chunk import ChatCompletionChunk


class Step(BaseModel):
    n: int
    text: str


class Plan(BaseModel):
    steps: list[Step]


def _plan_chunks(n_chunks: int) -> tuple[str, list[ChatCompletionChunk]]:
    steps = [{"n": i, "text": f"step {i}"} for i in range(n_chunks // 6 + 1)]
    content = Plan.model_validate({"steps": steps}).model_dump_json()
    size = -(-len(content) // n_chunks)  # ceil: exactly n_chunks pieces or fewer
    pieces = [content[i : i + size] for i in range(0, len(content), size)]
    raw = [chunk(choice(role="assistant", content=""))]
    raw += [chunk(choice(content=piece)) for piece in pieces]
    raw.append(chunk(choice(finish_reason="stop")))
    return content, [ChatCompletionChunk.model_validate(item) for item in raw]


class _Counter:
    def __init__(self) -> None:
        self.parse_calls = 0
        self.parsed_bytes = 0
        self.joined_chars = 0


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> _Counter:
    counts = _Counter()
    real_from_json = jiter.from_json
    real_text = TextBuffer.text

    def counting_from_json(data: bytes, *args: Any, **kwargs: Any) -> Any:
        counts.parse_calls += 1
        counts.parsed_bytes += len(data)
        return real_from_json(data, *args, **kwargs)

    def counting_text(self: TextBuffer) -> str:
        text = real_text(self)
        counts.joined_chars += len(text)
        return text

    monkeypatch.setattr(jiter, "from_json", counting_from_json)
    monkeypatch.setattr(TextBuffer, "text", counting_text)
    return counts


def _consume(chunks: list[ChatCompletionChunk]) -> Any:
    state = ChatCompletionStreamState(response_format=Plan)
    for item in chunks:
        for event in state.handle_chunk(item):
            assert event.type  # what a consumer that only dispatches on the type does
    return state.get_final_completion()


@pytest.mark.parametrize("n_chunks", [2_000, 4_000])
def test_consuming_a_stream_parses_nothing_per_chunk(counter: _Counter, n_chunks: int) -> None:
    content, chunks = _plan_chunks(n_chunks)
    assert len(chunks) >= n_chunks // 2
    final = _consume(chunks)
    assert isinstance(final.choices[0].message.parsed, Plan)
    assert counter.parse_calls == 0  # no partial parsing unless someone reads `.parsed`
    # The text is joined once for content.done and once for the final snapshot.
    assert counter.joined_chars <= 2 * len(content)


def test_work_is_proportional_to_the_stream(counter: _Counter) -> None:
    joined: list[int] = []
    for n_chunks in (2_000, 4_000):
        counter.joined_chars = 0
        _consume(_plan_chunks(n_chunks)[1])
        joined.append(counter.joined_chars)
    assert joined[1] <= 2.2 * joined[0]


def test_reading_parsed_parses_that_prefix_once(counter: _Counter) -> None:
    content, chunks = _plan_chunks(300)
    state = ChatCompletionStreamState(response_format=Plan)
    deltas: list[ContentDeltaEvent] = []
    for item in chunks:
        deltas.extend(e for e in state.handle_chunk(item) if isinstance(e, ContentDeltaEvent))
    middle = deltas[len(deltas) // 2]
    first_read = middle.parsed
    assert middle.parsed is first_read  # cached
    assert counter.parse_calls == 1
    assert counter.parsed_bytes == len(middle.snapshot.encode())
    assert content.startswith(middle.snapshot)
    assert isinstance(first_read, dict) and "steps" in first_read


def test_lazily_read_values_are_those_of_their_chunk() -> None:
    # Read only after the whole stream: each event still reports its own point in the stream.
    content, chunks = _plan_chunks(200)
    state = ChatCompletionStreamState(response_format=Plan)
    deltas = [
        event
        for item in chunks
        for event in state.handle_chunk(item)
        if isinstance(event, ContentDeltaEvent)
    ]
    sofar = ""
    for event in deltas:
        sofar += event.delta
        assert event.snapshot == sofar
        expected = jiter.from_json(sofar.encode(), partial_mode=True) if sofar.strip() else None
        assert event.parsed == expected
    assert sofar == content
