"""The local server's ``/responses``: shapes checked by the official SDK (an oracle only), and the
server's own rules (strict schemas, background progress, resumable streams) checked over HTTP."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pytest
from pydantic import BaseModel

from tests.testing.schema_check import violations
from typed_openai.testing import LocalOpenAIServer

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

MODEL = "gpt-4o"


class Weather(BaseModel):
    city: str
    temperature_c: float


SCREEN = {"type": "computer_screenshot", "image_url": "data:image/png;base64,AAAA"}


@pytest.fixture(scope="module")
def server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.05) as running:
        yield running


@pytest.fixture
def sdk(server: LocalOpenAIServer) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=server.base_url, api_key=server.api_key, max_retries=0) as client:
        yield client


@pytest.fixture
def api(server: LocalOpenAIServer) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {server.api_key}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=10) as client:
        yield client


def _sse(text: str) -> list[dict[str, Any]]:
    """The ``data:`` payloads of an event stream, checking each ``event:`` names its type."""
    events: list[dict[str, Any]] = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        payload = json.loads(lines["data"])
        assert lines["event"] == payload["type"]
        events.append(payload)
    return events


def test_create_answers_about_the_prompt(sdk: openai.OpenAI) -> None:
    response = sdk.responses.create(model=MODEL, input="Say hello to the moon")
    assert response.status == "completed"
    assert "Say hello to the moon" in response.output_text
    assert response.usage is not None and response.usage.output_tokens > 0
    assert [item.type for item in response.output] == ["message"]


def test_structured_output_satisfies_the_schema(sdk: openai.OpenAI) -> None:
    parsed = sdk.responses.parse(model=MODEL, input="weather in Oslo", text_format=Weather)
    assert isinstance(parsed.output_parsed, Weather)


def test_structured_output_for_a_hand_written_schema(api: httpx.Client) -> None:
    schema = {
        "type": "object",
        "properties": {
            "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
            "count": {"type": "integer", "minimum": 3, "maximum": 5},
        },
        "required": ["tags", "count"],
        "additionalProperties": False,
    }
    fmt = {"type": "json_schema", "name": "Tags", "schema": schema, "strict": True}
    body = api.post(
        "/responses", json={"model": MODEL, "input": "tags", "text": {"format": fmt}}
    ).json()
    text = body["output"][0]["content"][0]["text"]
    assert violations(json.loads(text), schema) == []
    assert body["text"]["format"] == fmt


def test_a_strict_schema_that_is_not_closed_is_refused(api: httpx.Client) -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}
    fmt = {"type": "json_schema", "name": "Open", "schema": schema, "strict": True}
    reply = api.post("/responses", json={"model": MODEL, "input": "x", "text": {"format": fmt}})
    assert reply.status_code == 400
    assert reply.json()["error"]["param"] == "text.format.schema"
    assert "additionalProperties" in reply.json()["error"]["message"]


def test_function_calls_for_mentioned_tools_in_parallel(sdk: openai.OpenAI) -> None:
    tools: Any = [
        openai.pydantic_function_tool(Weather, name="get_weather"),
        openai.pydantic_function_tool(Weather, name="get_forecast"),
    ]
    parsed = sdk.responses.parse(
        model=MODEL, input="call get_weather and get_forecast for Rome", tools=tools
    )
    calls = [item for item in parsed.output if item.type == "function_call"]
    assert [call.name for call in calls] == ["get_weather", "get_forecast"]
    assert all(isinstance(call.parsed_arguments, Weather) for call in calls)
    assert len({call.call_id for call in calls}) == 2


def test_tool_choice_none_and_parallel_off(api: httpx.Client) -> None:
    tool = {
        "type": "function",
        "name": "lookup",
        "parameters": {"type": "object", "properties": {}},
        "strict": False,
    }
    other = {**tool, "name": "search"}
    base = {"model": MODEL, "input": "lookup and search please", "tools": [tool, other]}
    none = api.post("/responses", json={**base, "tool_choice": "none"}).json()
    assert [item["type"] for item in none["output"]] == ["message"]
    single = api.post("/responses", json={**base, "parallel_tool_calls": False}).json()
    assert [item["name"] for item in single["output"]] == ["lookup"]
    forced = api.post(
        "/responses",
        json={**base, "input": "hi", "tool_choice": {"type": "function", "name": "search"}},
    ).json()
    assert [item["name"] for item in forced["output"]] == ["search"]


def test_a_function_call_output_gets_a_text_answer(sdk: openai.OpenAI) -> None:
    response = sdk.responses.create(
        model=MODEL,
        input=[
            {"role": "user", "content": "what is the weather?"},
            {"type": "function_call_output", "call_id": "call_1", "output": "sunny, 21C"},
        ],
    )
    assert response.output_text == "Based on the tool result: sunny, 21C"


def test_max_output_tokens_makes_it_incomplete(sdk: openai.OpenAI) -> None:
    response = sdk.responses.create(
        model=MODEL, input="a long question " * 20, max_output_tokens=16
    )
    assert response.status == "incomplete"
    assert response.incomplete_details is not None
    assert response.incomplete_details.reason == "max_output_tokens"
    assert len(response.output_text) > 0


def test_a_scripted_refusal(server: LocalOpenAIServer, sdk: openai.OpenAI) -> None:
    server.script_chat_reply(refusal="I can't help with that.")
    response = sdk.responses.create(model=MODEL, input="something bad")
    content = response.output[0].content[0]  # type: ignore[union-attr]
    assert content.type == "refusal" and content.refusal == "I can't help with that."


def test_stream_is_the_full_numbered_sequence(sdk: openai.OpenAI) -> None:
    with sdk.responses.stream(
        model=MODEL, input="hello", text_format=Weather, reasoning={"summary": "auto"}
    ) as stream:
        events = list(stream)
        final = stream.get_final_response()
    assert [event.sequence_number for event in events] == list(range(len(events)))
    kinds = [event.type for event in events]
    assert kinds[:3] == ["response.created", "response.in_progress", "response.output_item.added"]
    assert "response.reasoning_summary_text.delta" in kinds
    assert kinds[-1] == "response.completed"
    assert isinstance(final.output_parsed, Weather)
    text_done = [event for event in events if event.type == "response.output_text.done"]
    assert text_done and text_done[0].parsed == final.output_parsed  # type: ignore[union-attr]


def test_stream_of_refusal_and_function_call_events(
    server: LocalOpenAIServer, api: httpx.Client
) -> None:
    server.script_chat_reply(refusal="No.")
    body = api.post("/responses", json={"model": MODEL, "input": "x", "stream": True}).text
    kinds = [event["type"] for event in _sse(body)]
    assert "response.refusal.delta" in kinds and "response.refusal.done" in kinds
    tool = {"type": "function", "name": "ping", "parameters": {"type": "object"}}
    body = api.post(
        "/responses", json={"model": MODEL, "input": "ping", "tools": [tool], "stream": True}
    ).text
    events = _sse(body)
    done = [e for e in events if e["type"] == "response.function_call_arguments.done"]
    deltas = [e["delta"] for e in events if e["type"] == "response.function_call_arguments.delta"]
    assert len(done) == 1 and "".join(deltas) == done[0]["arguments"]


def test_retrieve_delete_and_not_found(sdk: openai.OpenAI) -> None:
    created = sdk.responses.create(model=MODEL, input="keep me")
    assert sdk.responses.retrieve(created.id).output_text == created.output_text
    sdk.responses.delete(created.id)
    with pytest.raises(openai.NotFoundError):
        sdk.responses.retrieve(created.id)
    with pytest.raises(openai.NotFoundError):
        sdk.responses.delete(created.id)


def test_unstored_responses_cannot_be_retrieved(sdk: openai.OpenAI) -> None:
    created = sdk.responses.create(model=MODEL, input="forget me", store=False)
    with pytest.raises(openai.NotFoundError):
        sdk.responses.retrieve(created.id)


def test_input_items_are_listed_newest_first_and_paginate(sdk: openai.OpenAI) -> None:
    created = sdk.responses.create(
        model=MODEL,
        input=[{"role": "user", "content": f"message {n}"} for n in range(5)],
    )
    items = list(sdk.responses.input_items.list(created.id, limit=2))
    texts = [item.content[0].text for item in items]  # type: ignore[union-attr]
    assert texts == [f"message {n}" for n in reversed(range(5))]
    ascending = sdk.responses.input_items.list(created.id, order="asc", limit=10)
    assert [item.id for item in ascending.data] == [item.id for item in reversed(items)]


def test_background_response_progresses_and_completes(
    server: LocalOpenAIServer, sdk: openai.OpenAI
) -> None:
    created = sdk.responses.create(model=MODEL, input="tell me a story", background=True)
    assert created.status == "queued" and created.background is True
    server.advance_clock(60)
    done = sdk.responses.retrieve(created.id)
    assert done.status == "completed"
    assert "tell me a story" in done.output_text


def test_resumed_stream_starts_after_the_given_event(api: httpx.Client) -> None:
    created = api.post(
        "/responses", json={"model": MODEL, "input": "resume me", "background": True}
    ).json()
    full = _sse(api.get(f"/responses/{created['id']}", params={"stream": "true"}).text)
    resumed = _sse(
        api.get(
            f"/responses/{created['id']}", params={"stream": "true", "starting_after": "7"}
        ).text
    )
    assert resumed[0]["sequence_number"] == 8
    assert resumed == full[8:]
    assert full[0]["response"]["status"] == "queued"
    assert [event["type"] for event in full[:3]] == [
        "response.created",
        "response.queued",
        "response.in_progress",
    ]


def test_background_stream_follows_events_as_they_are_released(api: httpx.Client) -> None:
    created = api.post(
        "/responses", json={"model": MODEL, "input": "slowly please", "background": True}
    ).json()
    arrivals: list[float] = []
    with api.stream("GET", f"/responses/{created['id']}", params={"stream": "true"}) as reply:
        for line in reply.iter_lines():
            if line.startswith("data: "):
                arrivals.append(time.monotonic())
    # Released step_seconds / 5 = 10 ms apart: the stream is not one burst at the end.
    assert len(arrivals) > 20
    assert arrivals[-1] - arrivals[0] > 0.1


def test_cancel_background_only_and_freezes_it(api: httpx.Client) -> None:
    plain = api.post("/responses", json={"model": MODEL, "input": "x"}).json()
    refused = api.post(f"/responses/{plain['id']}/cancel")
    assert refused.status_code == 400
    created = api.post(
        "/responses", json={"model": MODEL, "input": "a long story " * 10, "background": True}
    ).json()
    cancelled = api.post(f"/responses/{created['id']}/cancel").json()
    assert cancelled["status"] == "cancelled"
    again = api.post(f"/responses/{created['id']}/cancel").json()
    assert again["status"] == "cancelled"
    replay = _sse(api.get(f"/responses/{created['id']}", params={"stream": "true"}).text)
    assert replay[-1]["type"] != "response.completed"


def test_bad_requests_name_the_parameter(api: httpx.Client) -> None:
    missing = api.post("/responses", json={"input": "x"})
    assert missing.status_code == 400 and missing.json()["error"]["param"] == "model"
    previous = api.post(
        "/responses", json={"model": MODEL, "input": "x", "previous_response_id": "resp_nope"}
    )
    assert previous.status_code == 400
    assert previous.json()["error"]["param"] == "previous_response_id"
    bad_after = api.get("/responses/resp_x", params={"stream": "true", "starting_after": "x"})
    assert bad_after.status_code == 404  # unknown id first


def test_computer_tool_plans_one_call_per_step_then_answers(sdk: openai.OpenAI) -> None:
    prompt = "click the field and type a word; scroll down"
    tools: Any = [{"type": "computer"}]
    first = sdk.responses.create(model=MODEL, input=prompt, tools=tools)
    (call,) = first.output
    assert call.type == "computer_call" and call.status == "completed"
    assert [action.type for action in call.actions or []] == ["click", "type"]
    assert call.action is None and not call.pending_safety_checks
    history: Any = [
        {"role": "user", "content": prompt},
        call.to_dict(),
        {"type": "computer_call_output", "call_id": call.call_id, "output": SCREEN},
    ]
    second = sdk.responses.create(model=MODEL, input=history, tools=tools)
    (scroll,) = second.output
    assert scroll.type == "computer_call" and scroll.call_id != call.call_id
    assert [action.type for action in scroll.actions or []] == ["scroll"]
    history += [
        scroll.to_dict(),
        {"type": "computer_call_output", "call_id": scroll.call_id, "output": SCREEN},
    ]
    final = sdk.responses.create(model=MODEL, input=history, tools=tools)
    assert [item.type for item in final.output] == ["message"]
    assert prompt in final.output_text


def test_preview_computer_tool_uses_one_action_and_safety_checks(sdk: openai.OpenAI) -> None:
    tools: Any = [
        {
            "type": "computer_use_preview",
            "display_width": 1024,
            "display_height": 768,
            "environment": "browser",
        }
    ]
    response = sdk.responses.create(
        model=MODEL, input="open the sensitive page with a click", tools=tools
    )
    (call,) = response.output
    assert call.type == "computer_call" and call.actions is None
    assert call.action is not None and call.action.type == "click"
    assert [check.code for check in call.pending_safety_checks or []] == ["sensitive_domain"]


def test_computer_call_streams_as_added_and_done(api: httpx.Client) -> None:
    body = {"model": MODEL, "input": "wait", "tools": [{"type": "computer"}], "stream": True}
    events = _sse(api.post("/responses", json=body).text)
    kinds = [event["type"] for event in events]
    assert kinds[2:4] == ["response.output_item.added", "response.output_item.done"]
    assert events[2]["item"]["status"] == "in_progress"
    assert events[3]["item"]["actions"] == [{"type": "wait"}]
