"""What ``to_dict()`` / ``to_json()`` / ``model_fields_set`` show of a chat stream's completions —
the final one (``get_final_completion()``) and every chunk event's snapshot — run against both
packages over the scripted loopback server, sync and async.

The keys listed are those the SDK's accumulator sets: a message rebuilt from a second delta on
lists every field, null or not; ``usage`` and ``system_fingerprint`` once a second chunk came;
a choice's ``logprobs`` / ``finish_reason`` only once sent. Code that logs or stores the dump of a
streamed completion sees the same document with either package.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pydantic
import pytest

from tests.support.server import ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both
from .test_real_world_apps import chat_chunk, sse, tool_call_chunks


class Weather(pydantic.BaseModel):
    city: str


def _bare(delta: dict[str, Any], finish_reason: str | None = None, **extra: Any) -> Any:
    """A chunk as some compatible servers send it: no ``logprobs``, ``finish_reason`` only at
    the end, no ``system_fingerprint``."""
    choice: dict[str, Any] = {"index": 0, "delta": delta}
    if finish_reason:
        choice["finish_reason"] = finish_reason
    return {
        "id": "chatcmpl-b",
        "object": "chat.completion.chunk",
        "created": 1733000000,
        "model": "gpt-4o",
        "choices": [choice],
        **extra,
    }


def _two_choices(first: dict[str, Any], second: dict[str, Any], second_finish: str) -> Any:
    chunk = chat_chunk({})
    chunk["choices"] = [
        {"index": 0, "delta": first, "logprobs": None, "finish_reason": None},
        {"index": 1, "delta": second, "logprobs": None, "finish_reason": second_finish},
    ]
    return chunk


USAGE = {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}

# name: (chunks, what the request passes: "tools", "model" (a class response_format) or "schema")
STREAMS: dict[str, tuple[list[Any], str | None]] = {
    "text": (
        [
            chat_chunk({"role": "assistant", "content": ""}),
            chat_chunk({"content": "Hi"}),
            chat_chunk({}, "stop"),
        ],
        None,
    ),
    "one_chunk": ([chat_chunk({"role": "assistant", "content": "Hi"}, "stop")], None),
    "usage_chunk_last": (
        [
            chat_chunk({"role": "assistant", "content": "Hi"}),
            chat_chunk({}, "stop"),
            {**chat_chunk({}), "choices": [], "usage": USAGE},
        ],
        None,
    ),
    "compatible_server": (
        [
            _bare({"role": "assistant", "content": "H"}),
            _bare({"content": "i", "reasoning_content": "thought"}),
            _bare({}, "stop", usage=USAGE),
        ],
        None,
    ),
    "second_choice_late": (
        [
            chat_chunk({"role": "assistant", "content": "A"}),
            _two_choices({"content": "b"}, {"role": "assistant", "content": "C"}, "stop"),
            chat_chunk({}, "stop"),
        ],
        None,
    ),
    "audio": (
        [
            chat_chunk({"role": "assistant", "audio": {"id": "audio_1", "transcript": "he"}}),
            chat_chunk({"audio": {"transcript": "llo", "data": "AAAA"}}),
            chat_chunk({"audio": {"expires_at": 1733000600}}, "stop"),
        ],
        None,
    ),
    "tool_calls": (tool_call_chunks(json.dumps({"city": "Lima"})), "tools"),
    "parse": (
        [
            chat_chunk({"role": "assistant", "content": ""}),
            chat_chunk({"content": '{"city": '}),
            chat_chunk({"content": '"Lima"}'}),
            chat_chunk({}, "stop"),
        ],
        "model",
    ),
    "parse_json_schema_dict": (
        [
            chat_chunk({"role": "assistant", "content": ""}),
            chat_chunk({"content": '{"city": "Lima"}'}),
            chat_chunk({}, "stop"),
        ],
        "schema",
    ),
    "refusal_with_a_model": (
        [
            chat_chunk({"role": "assistant", "refusal": ""}),
            chat_chunk({"refusal": "I can't."}),
            chat_chunk({}, "stop"),
        ],
        "model",
    ),
}


def _options(sdk: ModuleType, passes: str | None) -> dict[str, Any]:
    if passes == "tools":
        return {"tools": [sdk.pydantic_function_tool(Weather, name="GetWeather")]}
    if passes == "model":
        return {"response_format": Weather}
    if passes == "schema":
        schema = {"name": "weather", "schema": Weather.model_json_schema()}
        return {"response_format": {"type": "json_schema", "json_schema": schema}}
    return {}


def _fields_set(value: object, path: str = "") -> dict[str, list[str]]:
    """The declared fields in ``model_fields_set`` of every model in ``value``, by where it sits
    (whether an unknown key counts as set, e.g. a snapshot tool call's ``index``, shows in no
    dump)."""
    found: dict[str, list[str]] = {}
    if isinstance(value, pydantic.BaseModel):
        found[path] = sorted(value.model_fields_set & type(value).model_fields.keys())
        for name in value.model_fields_set:
            found.update(_fields_set(getattr(value, name), f"{path}.{name}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.update(_fields_set(item, f"{path}[{index}]"))
    return found


def _dumps(completion: Any) -> Any:
    # what a program logs or stores; the fields set of every level, where a difference shows
    return completion.to_dict(), completion.to_json(), _fields_set(completion), repr(completion)


# The SDK's final parsed completion (a `ParsedChatCompletion[~ResponseFormatT]`) warns when dumped
# that its `parsed` holds a model; ours dumps it silently. The dumps themselves are compared.
SDK_DUMP_WARNS = pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")

ASKED = {"model": "gpt-4o", "messages": [{"role": "user", "content": "Weather in Lima?"}]}


@SDK_DUMP_WARNS
@pytest.mark.parametrize("name", sorted(STREAMS))
def test_stream_dumps_alike(server: ScriptedServer, name: str) -> None:
    chunks, passes = STREAMS[name]

    def observe(sdk: ModuleType) -> Any:
        server.reply(sse(chunks))
        with (
            client_of(sdk, server.url + "/v1") as client,
            client.chat.completions.stream(**ASKED, **_options(sdk, passes)) as stream,
        ):
            # each snapshot dumped when its event comes, as a program printing them would
            snapshots = [_dumps(event.snapshot) for event in stream if event.type == "chunk"]
            return snapshots, _dumps(stream.get_final_completion())

    ours, theirs = run_both(observe)
    assert ours == theirs
    final_message = ours[1][0]["choices"][0]["message"]
    if len(chunks) > 1:  # the case this test is about: keys beyond those the deltas carried
        assert {"annotations", "audio", "function_call", "refusal"} <= final_message.keys()


@SDK_DUMP_WARNS
@pytest.mark.anyio
@pytest.mark.parametrize("name", ["parse", "text", "tool_calls"])
async def test_async_stream_dumps_alike(server: ScriptedServer, name: str) -> None:
    chunks, passes = STREAMS[name]

    async def observe(sdk: ModuleType) -> Any:
        server.reply(sse(chunks))
        async with (
            async_client_of(sdk, server.url + "/v1") as client,
            client.chat.completions.stream(**ASKED, **_options(sdk, passes)) as stream,
        ):
            snapshots = [_dumps(event.snapshot) async for event in stream if event.type == "chunk"]
            return snapshots, _dumps(await stream.get_final_completion())

    ours, theirs = await arun_both(observe)
    assert ours == theirs
    assert {"annotations", "audio", "function_call", "refusal"} <= ours[1][0]["choices"][0][
        "message"
    ].keys()
