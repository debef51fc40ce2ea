"""Scripted chat replies: refusals, content filtering and exact content, streamed or not."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from pydantic import BaseModel

from tests.support.yaml_files import load_yaml_file
from typed_openai.testing import LocalOpenAIServer

from .conftest import HEADERS
from .schema_check import violations_in

SPEC = load_yaml_file(Path(__file__).resolve().parents[2] / "spec" / "openapi.yml")
BODY = {"model": "gpt-4o", "messages": [{"role": "user", "content": "tell me a secret"}]}


@pytest.fixture
def server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer() as running:
        yield running


@pytest.fixture
def client(server: LocalOpenAIServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, headers=HEADERS) as api:
        yield api


def _conforms(value: Any, schema_name: str) -> None:
    assert violations_in(value, {"$ref": f"#/components/schemas/{schema_name}"}, SPEC) == []


def _chunks(response: httpx.Response) -> list[dict[str, Any]]:
    return [
        json.loads(block[6:])
        for block in response.text.split("\n\n")
        if block.startswith("data: {")
    ]


def test_refusal(server: LocalOpenAIServer, client: httpx.Client) -> None:
    server.script_chat_reply(refusal="I can't help with that.")
    completion = client.post("/chat/completions", json=BODY).json()
    _conforms(completion, "CreateChatCompletionResponse")
    choice = completion["choices"][0]
    assert choice["message"]["content"] is None
    assert choice["message"]["refusal"] == "I can't help with that."
    assert choice["finish_reason"] == "stop"
    # Only the next request was scripted.
    assert (
        client.post("/chat/completions", json=BODY).json()["choices"][0]["message"]["refusal"]
        is None
    )


def test_streamed_refusal(server: LocalOpenAIServer, client: httpx.Client) -> None:
    server.script_chat_reply(refusal="I'm sorry, I can't do that.")
    chunks = _chunks(client.post("/chat/completions", json={**BODY, "stream": True}))
    for chunk in chunks:
        _conforms(chunk, "CreateChatCompletionStreamResponse")
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": None, "refusal": ""}
    pieces = [c["choices"][0]["delta"].get("refusal") for c in chunks[1:-1]]
    assert "".join(p for p in pieces if p) == "I'm sorry, I can't do that."
    assert len(pieces) > 3
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_content_filter_and_exact_content(server: LocalOpenAIServer, client: httpx.Client) -> None:
    server.script_chat_reply(finish_reason="content_filter")
    filtered = client.post("/chat/completions", json={**BODY, "n": 2}).json()
    assert [c["finish_reason"] for c in filtered["choices"]] == ["content_filter"] * 2
    server.script_chat_reply(content="exactly these words", count=2)
    for _ in range(2):
        exact = client.post("/chat/completions", json=BODY).json()["choices"][0]
        assert (
            exact["message"]["content"] == "exactly these words"
            and exact["finish_reason"] == "stop"
        )
    server.script_chat_reply(content="one two three four five")
    cut = client.post("/chat/completions", json={**BODY, "max_completion_tokens": 2}).json()[
        "choices"
    ][0]
    assert cut["message"]["content"] == "one two" and cut["finish_reason"] == "length"


def test_scripted_content_replaces_tool_calls(
    server: LocalOpenAIServer, client: httpx.Client
) -> None:
    tool = {
        "type": "function",
        "function": {"name": "f", "parameters": {"type": "object", "properties": {}}},
    }
    server.script_chat_reply(content="no tools today")
    choice = client.post(
        "/chat/completions", json={**BODY, "tools": [tool], "tool_choice": "required"}
    ).json()["choices"][0]
    assert (
        choice["message"]["content"] == "no tools today" and "tool_calls" not in choice["message"]
    )


def test_script_over_http(server: LocalOpenAIServer, client: httpx.Client) -> None:
    assert (
        client.post("/_local/chat/script", json={"refusal": "nope", "count": 2}).status_code == 200
    )
    assert (
        client.post("/chat/completions", json=BODY).json()["choices"][0]["message"]["refusal"]
        == "nope"
    )
    assert client.delete("/_local/chat/script").status_code == 200
    assert (
        client.post("/chat/completions", json=BODY).json()["choices"][0]["message"]["refusal"]
        is None
    )
    both = client.post("/_local/chat/script", json={"refusal": "a", "content": "b"})
    assert (
        both.status_code == 400 and "either content or a refusal" in both.json()["error"]["message"]
    )
    assert client.post("/_local/chat/script", json={"finish_reason": "tired"}).status_code == 400
    assert client.post("/_local/chat/script", json={"content": 3}).status_code == 400
    with pytest.raises(ValueError):
        server.script_chat_reply(content="x", count=0)


class Answer(BaseModel):
    text: str


def test_official_client_sees_refusal_and_content_filter(server: LocalOpenAIServer) -> None:
    with openai.OpenAI(base_url=server.base_url, api_key="sk-x", max_retries=0) as sdk:
        server.script_chat_reply(refusal="Not allowed.")
        refused = sdk.beta.chat.completions.parse(
            model="gpt-4o", messages=BODY["messages"], response_format=Answer
        )
        assert refused.choices[0].message.refusal == "Not allowed."
        assert refused.choices[0].message.parsed is None
        server.script_chat_reply(finish_reason="content_filter")
        with pytest.raises(openai.ContentFilterFinishReasonError):
            sdk.beta.chat.completions.parse(
                model="gpt-4o", messages=BODY["messages"], response_format=Answer
            )
