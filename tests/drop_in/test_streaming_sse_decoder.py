"""``typed_openai._streaming.SSEDecoder`` / ``ServerSentEvent`` against the official SDK's classes
of that private path (proxies decode chat streams with them): the same events for each body,
split into chunks anywhere, sync and async, and line by line through ``decode``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from typed_openai import _streaming

BODIES: list[list[bytes]] = [
    [b'data: {"a":1}\n\ndata: [DONE]\n\n'],
    [b"data: a\n", b"\ndata: b\r", b"\n\r\n"],
    [b"data: a\r\rdata: b\n\n"],
    [b"event: e\ndata: 1\ndata: 2\n\n: ping\n\n"],
    [b"retry: x\ndata: a\n\n", b"retry: 10\n\n", b"id: 1\n\n", b"event: only\n\n", b"data\n\n"],
    [b"data:\n\n", b"dataa: q\n\n", b"id: a\x00b\ndata: z\n\n"],
    [b"data: caf\xc3", b"\xa9\n\n"],
    [b"data:  two spaces\n\n", b"data:a:b\n\n"],
    [b"data: tail"],
    [b"data: tail\r"],
    [b"data: x\r", b"\r"],
    [b"data: x\n\r", b"\n"],
    [b""],
    [b"\n\n\n"],
    [b"retry: -5\ndata: q\n\n"],
    [b"id\ndata: q\n\n"],
    [b"event:\ndata: q\n\n"],
]


def events(decoded: Any) -> list[Any]:
    return [(e.event, e.data, e.id, e.retry, repr(e)) for e in decoded]


async def chunks_of(body: list[bytes]) -> AsyncIterator[bytes]:
    for chunk in body:
        yield chunk


@pytest.mark.parametrize("body", BODIES)
def test_iter_bytes_agrees_with_the_sdk(body: list[bytes]) -> None:
    from openai._streaming import SSEDecoder

    ours = events(_streaming.SSEDecoder().iter_bytes(iter(body)))
    assert ours == events(SSEDecoder().iter_bytes(iter(body)))


@pytest.mark.anyio
@pytest.mark.parametrize("body", BODIES)
async def test_aiter_bytes_agrees_with_the_sdk(body: list[bytes]) -> None:
    from openai._streaming import SSEDecoder

    ours = events([e async for e in _streaming.SSEDecoder().aiter_bytes(chunks_of(body))])
    theirs = events([e async for e in SSEDecoder().aiter_bytes(chunks_of(body))])
    assert ours == theirs


def test_decode_line_by_line_agrees_with_the_sdk() -> None:
    from openai._streaming import SSEDecoder

    lines = ["data: z", "", "event: q", "", "", "id: 7", "", "retry: 3", "data: w", "", ": c", ""]
    ours, theirs = _streaming.SSEDecoder(), SSEDecoder()
    assert events(filter(None, map(ours.decode, lines))) == events(
        filter(None, map(theirs.decode, lines))
    )


@pytest.mark.parametrize(
    "fields",
    [{}, {"data": None}, {"event": ""}, {"event": "e", "data": "1", "id": "2", "retry": 3}],
)
def test_server_sent_event_reads_as_the_sdks(fields: dict[str, Any]) -> None:
    from openai._streaming import ServerSentEvent

    ours, theirs = _streaming.ServerSentEvent(**fields), ServerSentEvent(**fields)
    assert events([ours]) == events([theirs])
    assert _streaming.ServerSentEvent(data='{"a": [1]}').json() == {"a": [1]}
