"""Chat completions: replies, choices, length limits, tool calls and SSE streaming."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from .schema_check import violations

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"type": "string", "enum": ["c", "f"]},
            },
            "required": ["city", "unit"],
            "additionalProperties": False,
        },
        "strict": True,
    },
}
TIME_TOOL = {
    "type": "function",
    "function": {
        "name": "get_time",
        "parameters": {
            "type": "object",
            "properties": {"zone": {"type": "string", "format": "uuid"}},
            "required": ["zone"],
        },
    },
}


def _create(api: httpx.Client, **body: Any) -> dict[str, Any]:
    payload = {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello there"}], **body}
    response = api.post("/chat/completions", json=payload)
    assert response.status_code == 200, response.text
    return response.json()


def _sse_payloads(response: httpx.Response) -> list[Any]:
    assert response.headers["content-type"].startswith("text/event-stream")
    payloads = []
    for block in response.text.split("\n\n"):
        if not block.strip():
            continue
        assert block.startswith("data: "), block
        data = block[len("data: ") :]
        payloads.append(data if data == "[DONE]" else json.loads(data))
    return payloads


def test_completion_shape_and_determinism(api: httpx.Client) -> None:
    first = _create(api)
    second = _create(api)
    assert first["object"] == "chat.completion"
    assert first["id"].startswith("chatcmpl-")
    assert first["id"] != second["id"]
    message = first["choices"][0]["message"]
    assert message["role"] == "assistant"
    assert "Hello there" in message["content"]
    assert message["content"] == second["choices"][0]["message"]["content"]
    usage = first["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0


def test_n_choices(api: httpx.Client) -> None:
    choices = _create(api, n=3)["choices"]
    assert [c["index"] for c in choices] == [0, 1, 2]


def test_tiny_max_completion_tokens_finishes_with_length(api: httpx.Client) -> None:
    for field in ("max_completion_tokens", "max_tokens"):
        choice = _create(api, **{field: 2})["choices"][0]
        assert choice["finish_reason"] == "length"
        assert len(choice["message"]["content"]) < 20
    assert _create(api, max_completion_tokens=500)["choices"][0]["finish_reason"] == "stop"


def test_required_tool_choice_calls_a_tool_with_valid_arguments(api: httpx.Client) -> None:
    choice = _create(api, tools=[WEATHER_TOOL], tool_choice="required")["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    assert choice["message"]["content"] is None
    (call,) = choice["message"]["tool_calls"]
    assert call["id"].startswith("call_")
    assert call["type"] == "function"
    assert call["function"]["name"] == "get_weather"
    arguments = json.loads(call["function"]["arguments"])
    assert violations(arguments, WEATHER_TOOL["function"]["parameters"]) == []


def test_named_tool_choice_forces_that_function(api: httpx.Client) -> None:
    choice = _create(
        api,
        tools=[WEATHER_TOOL, TIME_TOOL],
        tool_choice={"type": "function", "function": {"name": "get_time"}},
    )["choices"][0]
    (call,) = choice["message"]["tool_calls"]
    assert call["function"]["name"] == "get_time"
    assert (
        violations(json.loads(call["function"]["arguments"]), TIME_TOOL["function"]["parameters"])
        == []
    )


def test_prompt_naming_tools_calls_them_in_parallel(api: httpx.Client) -> None:
    messages = [{"role": "user", "content": "Use get weather and get_time please"}]
    calls = _create(api, messages=messages, tools=[WEATHER_TOOL, TIME_TOOL])["choices"][0][
        "message"
    ]["tool_calls"]
    assert [c["function"]["name"] for c in calls] == ["get_weather", "get_time"]
    single = _create(
        api, messages=messages, tools=[WEATHER_TOOL, TIME_TOOL], parallel_tool_calls=False
    )
    assert len(single["choices"][0]["message"]["tool_calls"]) == 1


def test_auto_tool_choice_without_mention_answers_in_text(api: httpx.Client) -> None:
    choice = _create(api, tools=[WEATHER_TOOL])["choices"][0]
    assert choice["finish_reason"] == "stop"
    assert "tool_calls" not in choice["message"]
    none = _create(
        api,
        tools=[WEATHER_TOOL],
        tool_choice="none",
        messages=[{"role": "user", "content": "get_weather"}],
    )
    assert "tool_calls" not in none["choices"][0]["message"]


def test_tool_result_message_gets_a_text_answer(api: httpx.Client) -> None:
    first = _create(api, tools=[WEATHER_TOOL], tool_choice="required")
    call = first["choices"][0]["message"]["tool_calls"][0]
    messages = [
        {"role": "user", "content": "weather?"},
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": call["id"], "content": "21 degrees"},
    ]
    choice = _create(api, messages=messages, tools=[WEATHER_TOOL])["choices"][0]
    assert choice["finish_reason"] == "stop"
    assert "21 degrees" in choice["message"]["content"]


def test_strict_tool_schema_is_checked(api: httpx.Client) -> None:
    loose = {
        "type": "function",
        "function": {
            "name": "f",
            "parameters": {"type": "object", "properties": {"a": {"type": "string"}}},
            "strict": True,
        },
    }
    response = api.post(
        "/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}], "tools": [loose]},
    )
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "tools[0].function.parameters"


def test_stream_content_in_small_pieces_with_usage(api: httpx.Client) -> None:
    body = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "Tell me something"}],
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    payloads = _sse_payloads(api.post("/chat/completions", json=body))
    assert payloads[-1] == "[DONE]"
    chunks = payloads[:-1]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert len({c["id"] for c in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    pieces = [c["choices"][0]["delta"].get("content") for c in chunks if c["choices"]]
    text = "".join(p for p in pieces if p)
    assert len([p for p in pieces if p]) > 5
    plain = _create(api, messages=body["messages"])
    assert text == plain["choices"][0]["message"]["content"]
    finish = [c["choices"][0]["finish_reason"] for c in chunks if c["choices"]]
    assert finish[-1] == "stop" and set(finish[:-1]) == {None}
    assert chunks[-1]["choices"] == []
    assert chunks[-1]["usage"]["total_tokens"] == plain["usage"]["total_tokens"]
    assert all(c["usage"] is None for c in chunks[:-1])


def test_stream_without_include_usage_has_no_usage_chunk(api: httpx.Client) -> None:
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}], "stream": True}
    chunks = _sse_payloads(api.post("/chat/completions", json=body))[:-1]
    assert all(c["choices"] for c in chunks)
    assert all("usage" not in c for c in chunks)


def test_stream_splits_tool_call_arguments(api: httpx.Client) -> None:
    body = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "weather"}],
        "tools": [WEATHER_TOOL],
        "tool_choice": "required",
        "stream": True,
    }
    chunks = _sse_payloads(api.post("/chat/completions", json=body))[:-1]
    first = chunks[0]["choices"][0]["delta"]["tool_calls"][0]
    assert first["id"].startswith("call_") and first["function"] == {
        "name": "get_weather",
        "arguments": "",
    }
    pieces = [
        c["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"]
        for c in chunks[1:]
        if c["choices"][0]["delta"].get("tool_calls")
    ]
    assert len(pieces) > 3
    arguments = json.loads("".join(pieces))
    assert violations(arguments, WEATHER_TOOL["function"]["parameters"]) == []
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"


def test_stream_length_and_n(api: httpx.Client) -> None:
    body = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "hi"}],
        "stream": True,
        "n": 2,
        "max_completion_tokens": 3,
    }
    chunks = _sse_payloads(api.post("/chat/completions", json=body))[:-1]
    for index in (0, 1):
        mine = [c["choices"][0] for c in chunks if c["choices"][0]["index"] == index]
        assert mine[-1]["finish_reason"] == "length"
        assert len([m for m in mine if m["delta"].get("content")]) == 3


def test_logprobs(api: httpx.Client) -> None:
    choice = _create(api, logprobs=True)["choices"][0]
    tokens = choice["logprobs"]["content"]
    assert "".join(t["token"] for t in tokens) == choice["message"]["content"]
    assert all(t["logprob"] <= 0 and t["bytes"] == list(t["token"].encode()) for t in tokens)


def test_stored_completion_can_be_retrieved_listed_and_deleted(api: httpx.Client) -> None:
    created = _create(api, store=True, metadata={"topic": "demo"})
    fetched = api.get(f"/chat/completions/{created['id']}").json()
    assert fetched["choices"] == created["choices"]
    assert fetched["metadata"] == {"topic": "demo"}
    assert created["id"] in [
        c["id"] for c in api.get("/chat/completions", params={"limit": 100}).json()["data"]
    ]
    messages = api.get(f"/chat/completions/{created['id']}/messages").json()["data"]
    assert messages[0]["content"] == "Hello there"
    assert api.delete(f"/chat/completions/{created['id']}").json()["deleted"] is True
    assert api.get(f"/chat/completions/{created['id']}").status_code == 404
    not_stored = _create(api)
    assert api.get(f"/chat/completions/{not_stored['id']}").status_code == 404


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"messages": [{"role": "user", "content": "x"}]}, "model"),
        ({"model": "gpt-4o"}, "messages"),
        ({"model": "gpt-4o", "messages": [{"content": "x"}]}, "messages[0].role"),
        ({"model": "gpt-4o", "messages": "hi"}, "messages"),
        ({"model": "gpt-4o", "messages": []}, "messages"),
        ({"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}], "n": 0}, "n"),
        (
            {
                "model": "gpt-4o",
                "messages": [{"role": "user", "content": "x"}],
                "stream": True,
                "stream_options": "x",
            },
            "stream_options",
        ),
        (
            {
                "model": "gpt-4o",
                "messages": [{"role": "user", "content": "x"}],
                "tools": [{"type": "function", "function": {"name": "f"}}],
                "tool_choice": {"type": "function", "function": "f"},
            },
            "tool_choice",
        ),
    ],
)
def test_invalid_requests(api: httpx.Client, body: dict[str, Any], param: str) -> None:
    response = api.post("/chat/completions", json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["param"] == param
    assert error["type"] == "invalid_request_error"
    assert isinstance(error["message"], str) and error["message"]
