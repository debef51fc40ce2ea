"""What an answer's ``model_fields_set`` (``__fields_set__``) holds when the API sent keys the client
does not know (fields newer than both SDKs): the official SDK builds answers with ``construct()``,
whose fields set holds declared fields only; under a union (``Optional[...]`` too) it validates,
and there the unknown keys count as set. Code listing the fields set to see what the API sent, or
copying the set fields over, sees the same names with either package — at every depth, for plain
calls, raw responses, streamed chunks, list pages and async calls (`_core/_as_constructed`).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both
from .test_real_world_apps import chat_chunk, chat_completion, response_object, sse

NEW: dict[str, Any] = {"shipped_later": True}  # a key neither SDK declares

COMPLETION = chat_completion(
    {
        "role": "assistant",
        "content": None,
        **NEW,
        "tool_calls": [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "f", "arguments": "{}", **NEW},
                **NEW,
            }
        ],
        "annotations": [
            {
                "type": "url_citation",
                "url_citation": {
                    "url": "https://example.com",
                    "title": "t",
                    "start_index": 0,
                    "end_index": 1,
                    **NEW,
                },
                **NEW,
            }
        ],
    },
    finish_reason="tool_calls",
    **NEW,
)
COMPLETION["choices"][0].update(NEW)
COMPLETION["usage"].update(NEW)
COMPLETION["usage"]["prompt_tokens_details"].update(NEW)


def fields_sets(value: Any, path: str = "") -> dict[str, list[str]]:
    """``{path: sorted(model_fields_set)}`` of every model in ``value``, through lists."""
    found: dict[str, list[str]] = {}
    if isinstance(value, list):
        for index, item in enumerate(value):
            found.update(fields_sets(item, f"{path}[{index}]"))
    elif hasattr(value, "model_fields_set"):
        found[path or "."] = sorted(value.model_fields_set)
        assert sorted(value.__fields_set__) == found[path or "."]
        for name in type(value).model_fields:
            found.update(fields_sets(getattr(value, name), f"{path}.{name}"))
    return found


def test_a_completion_counts_unknown_keys_only_where_the_sdk_validates(
    server: ScriptedServer,
) -> None:
    def run(openai: ModuleType) -> Any:
        server.default = Reply.json(COMPLETION)
        with client_of(openai, server.url) as client:
            completion = client.chat.completions.create(model="gpt-4o", messages=[])
            raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=[])
        return fields_sets(completion), fields_sets(raw.parse()), completion.to_dict()

    ours, theirs = run_both(run)
    sets = theirs[0]
    assert "shipped_later" not in sets["."]  # built with construct(): declared fields only
    assert "shipped_later" not in sets[".choices[0]"]
    assert "shipped_later" not in sets[".choices[0].message"]
    assert "shipped_later" in sets[".usage"]  # Optional: validated, unknown keys count
    assert "shipped_later" in sets[".usage.prompt_tokens_details"]
    assert "shipped_later" in sets[".choices[0].message.tool_calls[0]"]
    assert "shipped_later" in sets[".choices[0].message.annotations[0].url_citation"]
    assert theirs[0] == theirs[1]
    assert ours == theirs
    assert ours[2]["shipped_later"] is True  # still kept, dumped (exclude_unset) and readable


@pytest.mark.anyio
async def test_async_completion(server: ScriptedServer) -> None:
    async def run(openai: ModuleType) -> Any:
        server.default = Reply.json(COMPLETION)
        async with async_client_of(openai, server.url) as client:
            completion = await client.chat.completions.create(model="gpt-4o", messages=[])
        return fields_sets(completion)

    ours, theirs = await arun_both(run)
    assert "shipped_later" not in theirs["."]
    assert ours == theirs


def test_streamed_chunks(server: ScriptedServer) -> None:
    def run(openai: ModuleType) -> Any:
        chunks = [
            chat_chunk({"role": "assistant", "content": "", **NEW}, **NEW),
            chat_chunk({"content": "hi"}),
            chat_chunk({}, finish_reason="stop"),
        ]
        chunks[0]["choices"][0].update(NEW)
        server.reply(sse(chunks))
        with client_of(openai, server.url) as client:
            stream = client.chat.completions.create(model="gpt-4o", messages=[], stream=True)
            return [fields_sets(chunk) for chunk in stream]

    ours, theirs = run_both(run)
    assert "shipped_later" not in theirs[0]["."]
    assert "shipped_later" not in theirs[0][".choices[0].delta"]
    assert ours == theirs


def test_list_page_items(server: ScriptedServer) -> None:
    def run(openai: ModuleType) -> Any:
        item = {
            "id": "file-1",
            "object": "file",
            "bytes": 1,
            "created_at": 1733000000,
            "filename": "a.jsonl",
            "purpose": "batch",
            "status": "processed",
            **NEW,
        }
        server.default = Reply.json({"object": "list", "data": [item], "has_more": False, **NEW})
        with client_of(openai, server.url) as client:
            return [fields_sets(file) for file in client.files.list()]

    ours, theirs = run_both(run)
    assert "shipped_later" not in theirs[0]["."]
    assert ours == theirs


def test_response_output_items_under_a_union(server: ScriptedServer) -> None:
    def run(openai: ModuleType) -> Any:
        message = {
            "type": "message",
            "id": "msg_1",
            "status": "completed",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "hi", "annotations": [], **NEW}],
            **NEW,
        }
        server.default = Reply.json(response_object([message], **NEW))
        with client_of(openai, server.url) as client:
            return fields_sets(client.responses.create(model="gpt-4.1", input="hi"))

    ours, theirs = run_both(run)
    assert "shipped_later" not in theirs["."]
    assert "shipped_later" in theirs[".output[0]"]  # a union member: validated
    assert ours == theirs
