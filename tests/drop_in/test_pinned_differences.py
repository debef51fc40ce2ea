"""Differences from the official SDK that are kept on purpose, or still open, each checked against
the SDK itself so that the pin notices when either side changes.

- ``parse(text_format=...)`` / ``parse(response_format=...)`` with a standard-library dataclass
  or ``TypedDict``: the SDK takes a pydantic model and classes carrying a pydantic config (a
  pydantic dataclass, a ``TypedDict`` under ``with_config``) and raises ``TypeError`` for
  anything else; ours also takes those plain classes (a superset, tested in tests/lib/parsing:
  pydantic builds the same strict schema for them, and no code written for the SDK passes one,
  since there it fails). Everything else the SDK refuses is a ``TypeError`` here too.
- The ``snapshot`` of ``responses.stream()``'s delta events is a field in the SDK and a computed
  field here: it reads, dumps, prints and iterates the same, but is absent from
  ``type(event).model_fields`` and ``vars(event)``. Computed when read, a stream of n deltas costs
  O(n); a field would copy the growing text into every event, O(n^2) (the ``responses stream``
  bench row's growth target).
- Open: the page class of ``responses.input_items.list`` is named after its item union, and the
  SDK's union has a member ours lacks yet (``ResponseConfigurationUpdateItem``, newer than the
  API document). Its discriminator marker shows as the SDK's (``PropertyInfo``): ours is a
  ``UnionTag``, pydantic cannot discriminate a tag two members share (``"message"``).
"""

from __future__ import annotations

import dataclasses
import json
from types import ModuleType
from typing import Any

import pytest
from typing_extensions import TypedDict

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both


@dataclasses.dataclass
class Plain:
    name: str


class Loose(TypedDict):
    name: str


ANSWER = '{"name": "a"}'
RESPONSE = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1,
    "model": "m",
    "status": "completed",
    "output": [
        {
            "type": "message",
            "id": "msg_1",
            "role": "assistant",
            "status": "completed",
            "content": [{"type": "output_text", "text": ANSWER, "annotations": []}],
        }
    ],
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "tools": [],
}
COMPLETION = {
    "id": "c",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [
        {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": ANSWER}}
    ],
}


def test_a_plain_dataclass_or_typeddict_is_parsed_here_and_refused_by_the_sdk(
    server: ScriptedServer,
) -> None:
    server.route("POST", "/responses", Reply.json(RESPONSE))
    server.route("POST", "/chat/completions", Reply.json(COMPLETION))

    def observe(sdk: ModuleType) -> Any:
        seen: list[str] = []
        with client_of(sdk, server.url) as client:
            for given in (Plain, Loose, int, list[int]):
                try:
                    parsed = client.responses.parse(model="m", input="x", text_format=given)
                    seen.append(repr(parsed.output_parsed))
                except TypeError:
                    seen.append("TypeError")
                try:
                    completion = client.chat.completions.parse(
                        model="m", messages=[], response_format=given
                    )
                    seen.append(repr(completion.choices[0].message.parsed))
                except TypeError:
                    seen.append("TypeError")
        return seen

    ours, theirs = run_both(observe)
    assert theirs == ["TypeError"] * 8
    assert ours == ["Plain(name='a')"] * 2 + ["{'name': 'a'}"] * 2 + ["TypeError"] * 4


def delta_events(sdk: ModuleType, server: ScriptedServer) -> list[Any]:
    response = {**RESPONSE, "status": "in_progress", "output": []}
    item = {"type": "message", "id": "msg_1", "role": "assistant", "status": "in_progress"}
    part = {"type": "output_text", "text": "", "annotations": []}

    def event(kind: str, **fields: Any) -> str:
        return (
            f"event: {kind}\ndata: {json.dumps({'type': kind, 'sequence_number': 0, **fields})}\n\n"
        )

    at = {"item_id": "msg_1", "output_index": 0, "content_index": 0}
    server.reply(
        Reply.sse(
            [
                event("response.created", response=response),
                event("response.output_item.added", output_index=0, item={**item, "content": []}),
                event("response.content_part.added", part=part, **at),
                event("response.output_text.delta", delta="Hel", logprobs=[], **at),
                event("response.output_text.delta", delta="lo", logprobs=[], **at),
                event("response.completed", response=RESPONSE),
            ]
        )
    )
    with client_of(sdk, server.url) as client, client.responses.stream(model="m", input="x") as s:
        return [e for e in s if e.type == "response.output_text.delta"]


def test_the_delta_snapshot_reads_as_the_sdks_but_is_no_declared_field(
    server: ScriptedServer,
) -> None:
    def observe(sdk: ModuleType) -> Any:
        events = delta_events(sdk, server)
        last = events[-1]
        return {
            "read": [e.snapshot for e in events],
            "dumps": (last.model_dump(), last.to_dict(), json.loads(last.to_json())),
            "repr": repr(last),
            "dict": dict(last),
            "declared": ("snapshot" in type(last).model_fields, "snapshot" in vars(last)),
        }

    ours, theirs = run_both(observe)
    assert ours["read"] == theirs["read"] == ["Hel", "Hello"]
    for seen in ("dumps", "repr", "dict"):
        assert ours[seen] == theirs[seen], seen
    assert theirs["declared"] == (True, True)
    assert ours["declared"] == (False, False)  # the deliberate difference


@pytest.mark.xfail(
    strict=True,
    reason="open: the SDK's page SyncCursorPage[Annotated[Union[...], PropertyInfo]] lists "
    "ResponseConfigurationUpdateItem among the items, a member newer than the API document that "
    "ours lacks (the rest of the name, the marker included, is the same)",
)
def test_the_input_items_page_class_is_named_as_the_sdks(server: ScriptedServer) -> None:
    server.default = Reply.json({"object": "list", "data": [], "has_more": False})

    def observe(sdk: ModuleType) -> Any:
        with client_of(sdk, server.url) as client:
            return type(client.responses.input_items.list("resp_1")).__name__

    ours, theirs = run_both(observe)
    assert ours == theirs
