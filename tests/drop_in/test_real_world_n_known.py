"""Sweep N's deliberate differences from the official SDK, each pinned as a plain test of both
sides with its reason (the programs of the other test_real_world_n_* files leave these out).
"""

from __future__ import annotations

import warnings
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .test_real_world_apps import function_call, output_message, response_object

JSON_SCHEMA_TEXT = {
    "format": {
        "type": "json_schema",
        "name": "answer",
        "schema": {"type": "object", "properties": {"a": {"type": "string"}}},
        "strict": True,
    },
    "verbosity": "low",
}


def test_json_schema_format_copied_back_from_a_response(server: ScriptedServer) -> None:
    """``text=response.text`` (the model object) re-sent: the SDK dumps its model by attribute
    name, so the format's ``schema`` goes out as ``schema_`` — a key the API does not know, and a
    json_schema format without the ``schema`` it requires. Ours sends the wire name, which is
    what the API takes (and what a dict copy of the same object holds)."""

    def sent(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(
            Reply.json(response_object([output_message("{}")], text=JSON_SCHEMA_TEXT)),
            Reply.json(response_object([output_message("{}")])),
        )
        with client_of(sdk, server.url + "/v1") as client:
            first = client.responses.create(model="gpt-5", input="q", text=JSON_SCHEMA_TEXT)
            client.responses.create(model="gpt-5", input="again", text=first.text)
        return server.requests[-1].json()["text"]["format"]

    ours, theirs = run_both(sent)
    schema = JSON_SCHEMA_TEXT["format"]["schema"]
    assert ours["schema"] == schema and "schema_" not in ours
    assert theirs["schema_"] == schema and "schema" not in theirs


COMPACTED = {
    "id": "resp_cmp",
    "object": "response.compaction",
    "created_at": 1741900000,
    "output": [
        {
            "type": "message",
            "id": "msg_9",
            "status": "completed",
            "role": "user",
            "content": [{"type": "input_text", "text": "last question"}],
        },
        {"id": "cmp_1", "type": "compaction", "encrypted_content": "gAAAA"},
    ],
    "usage": {
        "input_tokens": 10,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 2,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 12,
    },
}


def test_compacted_output_classes(server: ScriptedServer) -> None:
    """``responses.compact`` keeps the user's messages in its output. The API document types that
    output as conversation items, so a user message here is the conversations ``Message`` with
    ``input_text`` content; the SDK types it as response output items, so the same message is a
    ``ResponseOutputMessage`` holding ``input_text`` parts it has no class for, and pydantic warns
    as it is dumped (or sent back as input). What reads the items by ``type``/``role``/``text``
    sees the same on both sides."""

    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(COMPACTED))
        with client_of(sdk, server.url + "/v1") as client:
            compacted = client.responses.compact(model="gpt-5.1", input="long history")
        message = compacted.output[0]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            dumped = message.model_dump(exclude_none=True)
        read = (message.type, message.role, message.content[0].type, message.content[0].text)
        return type(message).__name__, type(message.content[0]).__name__, len(caught), read, dumped

    ours, theirs = run_both(observed)
    assert ours[3:] == theirs[3:]
    assert ours[:3] == ("Message", "ResponseInputText", 0)
    assert theirs[0] == "ResponseOutputMessage" and theirs[2] > 0


@pytest.mark.parametrize("resource", ["responses", "beta.responses"])
def test_print_of_a_whole_response(server: ScriptedServer, resource: str) -> None:
    """The tutorials' first line after a call, ``print(response)``, prints the same with either
    SDK — the fields of the SDK (openai 3.57.0) newer than the upstream API document included
    (Response's access_programs, image, input_transformations, prompt_cache_diagnostics and
    tool_usage, a function call's ``async``, the usage's cache_write_tokens_details: ``x-sdk-newer``
    in spec/openapi.yml), as ``=None`` when the answer lacks them; so does the dump. The beta
    Response's ``output_text`` is computed as Response's, not a field printed as
    ``output_text=None``."""

    def printed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(
            Reply.json(response_object([output_message("Hi"), function_call("f", {}, "c")]))
        )
        with client_of(sdk, server.url + "/v1") as client:
            api = client.beta.responses if resource.startswith("beta") else client.responses
            response = api.create(model="gpt-5", input="hi")
        return str(response), str(response.output[1]), response.model_dump(), response.tool_usage

    ours, theirs = run_both(printed)
    assert "access_programs=None" in theirs[0] and "async_=None" in theirs[1]
    assert ours == theirs


def test_a_tracer_serialises_a_page_as_a_model(server: ScriptedServer) -> None:
    """Tracing and logging wrappers serialise whatever a call returns when it is one of the
    SDK's models (``isinstance(result, openai.BaseModel)``), as for a conversation's items."""

    def traced(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(
            Reply.json(
                {
                    "object": "list",
                    "data": [output_message("Hi")],
                    "first_id": "msg_1",
                    "last_id": "msg_1",
                    "has_more": False,
                }
            )
        )
        with client_of(sdk, server.url + "/v1") as client:
            page = client.conversations.items.list("conv_1")
        if isinstance(page, sdk.BaseModel):
            return "model", page.model_dump(exclude_unset=True), sorted(page.model_fields_set)
        return "other", repr(page)

    ours, theirs = run_both(traced)
    assert ours == theirs
    assert ours[0] == "model" and ours[2] == ["data", "has_more", "last_id"]
