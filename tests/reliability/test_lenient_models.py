"""Responses that do not match the models (a field missing, an enum value the client does not know,
a field of the wrong type, deep inside nested models) still parse, through the public client, in
a fresh interpreter state where the nested models have never been built on their own."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai._core import BaseModel
from typed_openai._core._models import _resolved_fields  # pyright: ignore[reportPrivateUsage]

from .conftest import SECRET

CHUNK_MISSING_FINISH_REASON = {
    "id": "c1",
    "object": "chat.completion.chunk",
    "created": 1,
    "model": "m",
    "choices": [{"index": 0, "delta": {"content": "hi", "role": "a-new-role"}}],
}
COMPLETION_WITH_SURPRISES = {
    "id": "c2",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "brand_new_field": {"x": 1},
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "ok", "annotations": [{"type": "new"}]},
            "finish_reason": "a_reason_added_later",
            "logprobs": None,
        }
    ],
}


def _sse(*payloads: object) -> Reply:
    return Reply.sse([f"data: {json.dumps(p)}\n\n" for p in payloads] + ["data: [DONE]\n\n"])


def test_stream_chunk_missing_a_required_nested_field(server: ScriptedServer) -> None:
    server.reply(_sse(CHUNK_MISSING_FINISH_REASON))
    with OpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        stream = client.chat.completions.create(model="m", messages=[], stream=True)
        (chunk,) = list(stream)
    choice = chunk.choices[0]
    assert choice.delta.content == "hi"
    assert choice.delta.role == "a-new-role"  # unknown enum value kept as given
    assert choice.finish_reason is None


@pytest.mark.anyio
async def test_async_stream_chunk_missing_a_required_nested_field(server: ScriptedServer) -> None:
    server.reply(_sse(CHUNK_MISSING_FINISH_REASON))
    async with AsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        stream = await client.chat.completions.create(model="m", messages=[], stream=True)
        chunks = [chunk async for chunk in stream]
    assert chunks[0].choices[0].delta.content == "hi"


def test_completion_with_unknown_enum_values_and_fields(server: ScriptedServer) -> None:
    server.reply(Reply.json(COMPLETION_WITH_SURPRISES))
    with OpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        completion = client.chat.completions.create(model="m", messages=[])
    assert completion.choices[0].finish_reason == "a_reason_added_later"
    assert completion.choices[0].message.content == "ok"
    assert completion.model_extra == {"brand_new_field": {"x": 1}}


def test_fresh_process_parses_a_nested_partial_model() -> None:
    """No earlier test may have built the nested models: run the lenient path in a new process."""
    code = textwrap.dedent(
        f"""
        import json
        from typed_openai._core._models import parse_json
        from typed_openai.types.chat import ChatCompletionChunk, ChatCompletion
        chunk = parse_json(ChatCompletionChunk, {json.dumps(json.dumps(CHUNK_MISSING_FINISH_REASON))})
        assert chunk.choices[0].delta.content == "hi", chunk
        completion = parse_json(ChatCompletion, {json.dumps(json.dumps(COMPLETION_WITH_SURPRISES))})
        assert completion.choices[0].message.content == "ok", completion
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"


class _Dangling(BaseModel):
    """A model whose field names a type that does not exist: it can never be built."""

    id: str
    other: NoSuchType  # type: ignore[name-defined]  # noqa: F821


def test_a_model_that_cannot_be_built_is_rebuilt_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lenient path completes nested models on demand, but does not retry the (costly)
    rebuild for every response when a model can never be completed."""
    attempts: list[type] = []
    original = _Dangling.model_rebuild.__func__  # type: ignore[attr-defined]

    def counting_rebuild(cls: type[BaseModel], **kwargs: Any) -> Any:
        attempts.append(cls)
        return original(cls, **kwargs)

    monkeypatch.setattr(_Dangling, "model_rebuild", classmethod(counting_rebuild))
    for _ in range(5):
        assert set(_resolved_fields(_Dangling)) == {"id", "other"}
    assert attempts == [_Dangling]
    assert not _Dangling.__pydantic_complete__
