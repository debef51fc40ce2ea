"""`responses.retrieve(id, stream=True)` and its beta twin replay the stored response's events, as
in the official SDK: the same code on both packages over the loopback server."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both

RESPONSE = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1,
    "status": "completed",
    "model": "gpt-x",
    "output": [],
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "tools": [],
}
EVENTS = [
    {"type": "response.created", "sequence_number": 0, "response": RESPONSE},
    {
        "type": "response.output_text.delta",
        "sequence_number": 1,
        "item_id": "msg_1",
        "output_index": 0,
        "content_index": 0,
        "delta": "hi",
        "logprobs": [],
    },
    {"type": "response.completed", "sequence_number": 2, "response": RESPONSE},
]


def _sse() -> Reply:
    return Reply.sse(
        [f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in EVENTS] + ["data: [DONE]\n\n"]
    )


def _resource(client: Any, beta: bool) -> Any:
    return client.beta.responses if beta else client.responses


@pytest.mark.parametrize("beta", [False, True], ids=["responses", "beta.responses"])
def test_retrieve_with_stream_true_yields_the_events(server: ScriptedServer, beta: bool) -> None:
    server.route("GET", "/responses/resp_1", _sse())

    def observe(sdk: ModuleType) -> tuple[list[tuple[str, str, int]], dict[str, str]]:
        with client_of(sdk, server.url) as client:
            stream = _resource(client, beta).retrieve("resp_1", stream=True)
            seen = [(type(e).__name__, e.type, e.sequence_number) for e in stream]
        return seen, server.requests[-1].query_dict

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert [t for _, t, _ in ours[0]] == [e["type"] for e in EVENTS]
    assert ours[1]["stream"] == "true"


@pytest.mark.anyio
@pytest.mark.parametrize("beta", [False, True], ids=["responses", "beta.responses"])
async def test_async_retrieve_with_stream_true_yields_the_events(
    server: ScriptedServer, beta: bool
) -> None:
    server.route("GET", "/responses/resp_1", _sse())

    async def observe(sdk: ModuleType) -> list[tuple[str, str]]:
        async with async_client_of(sdk, server.url) as client:
            stream = await _resource(client, beta).retrieve("resp_1", stream=True)
            return [(type(e).__name__, e.type) async for e in stream]

    ours, theirs = await arun_both(observe)
    assert ours == theirs and len(ours) == len(EVENTS)
