"""The sans-IO SSE decoder: WHATWG rules, and any split of the bytes gives the same events."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from typed_openai._core import ServerSentEvent, SSEDecoder


def decode(*chunks: bytes) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events += decoder.feed(chunk)
    return events + decoder.flush()


def test_basic_event_and_defaults() -> None:
    assert decode(b"data: hello\n\n") == [ServerSentEvent(data="hello")]


def test_line_endings_lf_crlf_cr_are_equivalent() -> None:
    expected = [ServerSentEvent(data="a", event="e"), ServerSentEvent(data="b")]
    assert decode(b"event: e\ndata: a\n\ndata: b\n\n") == expected
    assert decode(b"event: e\r\ndata: a\r\n\r\ndata: b\r\n\r\n") == expected
    assert decode(b"event: e\rdata: a\r\rdata: b\r\r") == expected


def test_multi_line_data_is_joined_with_lf() -> None:
    assert decode(b"data: one\ndata:two\ndata\n\n") == [ServerSentEvent(data="one\ntwo\n")]


def test_comments_and_unknown_fields_are_ignored() -> None:
    assert decode(b": keep-alive\nfoo: bar\ndata: x\n\n:ping\n\n") == [ServerSentEvent(data="x")]


def test_only_one_leading_space_is_stripped() -> None:
    assert decode(b"data:  two spaces\n\n") == [ServerSentEvent(data=" two spaces")]


def test_id_persists_and_nul_id_is_ignored() -> None:
    events = decode(b"id: 1\ndata: a\n\ndata: b\n\nid: x\x00y\ndata: c\n\nid\ndata: d\n\n")
    assert [e.id for e in events] == ["1", "1", "1", ""]


def test_retry_only_when_digits() -> None:
    events = decode(b"retry: 1500\ndata: a\n\nretry: soon\ndata: b\n\n")
    assert [e.retry for e in events] == [1500, 1500]


def test_event_without_data_is_not_dispatched_and_type_resets() -> None:
    assert decode(b"event: lonely\n\ndata: x\n\n") == [ServerSentEvent(data="x")]


def test_final_event_without_blank_line_is_dispatched_on_flush() -> None:
    assert decode(b"data: first\n\ndata: last") == [
        ServerSentEvent(data="first"),
        ServerSentEvent(data="last"),
    ]
    assert decode(b"event: e\ndata: last\n") == [ServerSentEvent(data="last", event="e")]


def test_leading_bom_is_dropped() -> None:
    assert decode(b"\xef\xbb\xbfdata: x\n\n") == [ServerSentEvent(data="x")]


def test_crlf_split_across_chunks_is_one_line_end() -> None:
    assert decode(b"data: a\r", b"\n\r", b"\ndata: b\r\n\r\n") == [
        ServerSentEvent(data="a"),
        ServerSentEvent(data="b"),
    ]


def test_utf8_sequence_split_across_chunks() -> None:
    raw = "data: héllo ✓ 🎉\n\n".encode()
    for cut in range(1, len(raw)):
        assert decode(raw[:cut], raw[cut:]) == [ServerSentEvent(data="héllo ✓ 🎉")], cut


def test_feed_returns_events_as_soon_as_complete() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n") == []
    assert decoder.feed(b"\n") == [ServerSentEvent(data="a")]
    assert decoder.feed(b"") == []
    assert decoder.last_event_id is None


def test_long_line_in_many_chunks_is_linear() -> None:
    import time

    decoder = SSEDecoder()
    start = time.perf_counter()
    for _ in range(20_000):
        decoder.feed(b"x" * 50)
    assert decoder.feed(b"\n\n") == []  # "xxxx" is an unknown field, so nothing dispatched
    assert time.perf_counter() - start < 2.0


STREAM_TEXT = st.lists(
    st.one_of(
        st.builds(
            lambda v: f"data: {v}",
            st.text(
                alphabet=st.characters(
                    blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"
                ),
                max_size=12,
            ),
        ),
        st.sampled_from(["event: delta", "id: 7", "retry: 10", ": comment", "", "data", "weird"]),
    ),
    max_size=20,
)


@settings(max_examples=200, deadline=None)
@given(
    lines=STREAM_TEXT,
    line_end=st.sampled_from(["\n", "\r\n", "\r"]),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=12),
)
def test_any_split_of_the_bytes_gives_the_same_events(
    lines: list[str], line_end: str, cuts: list[int]
) -> None:
    raw = (line_end.join(lines) + line_end).encode()
    whole = decode(raw)
    points = sorted({c % (len(raw) + 1) for c in cuts})
    pieces = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=False)]
    assert decode(*pieces) == whole
    assert decode(*[raw[i : i + 1] for i in range(len(raw))]) == whole
