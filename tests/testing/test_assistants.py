"""Assistants, threads, messages and runs: CRUD, the run state machine, and the event stream."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from typed_openai.testing import LocalOpenAIServer

from .conftest import HEADERS
from .schema_check import violations

STEP = 60.0  # seconds per state; the tests move the server clock instead of sleeping
LOOKUP = {
    "type": "function",
    "function": {
        "name": "lookup_order",
        "parameters": {
            "type": "object",
            "properties": {
                "order_id": {"type": "integer", "minimum": 1},
                "verbose": {"type": "boolean"},
            },
            "required": ["order_id", "verbose"],
            "additionalProperties": False,
        },
    },
}


@pytest.fixture
def slow_server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=STEP) as server:
        yield server


@pytest.fixture
def slow_api(slow_server: LocalOpenAIServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=slow_server.base_url, headers=HEADERS) as client:
        yield client


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    return response.json()


def _assistant(api: httpx.Client, **body: Any) -> dict[str, Any]:
    return _ok(api.post("/assistants", json={"model": "gpt-4o", **body}))


def _thread(
    api: httpx.Client, text: str = "How many words are in this question?"
) -> dict[str, Any]:
    return _ok(api.post("/threads", json={"messages": [{"role": "user", "content": text}]}))


def _events(response: httpx.Response) -> list[tuple[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    events = []
    for block in response.text.split("\n\n"):
        if not block.strip():
            continue
        event_line, data_line = block.split("\n")
        assert event_line.startswith("event: ") and data_line.startswith("data: ")
        name, data = event_line[7:], data_line[6:]
        events.append((name, data if name == "done" else json.loads(data)))
    return events


def _collapsed(events: list[tuple[str, Any]]) -> list[str]:
    """Event names with runs of the same delta event folded into one."""
    return [name for name, _ in itertools.groupby(name for name, _ in events)]


# -- CRUD -----------------------------------------------------------------------------------


def test_assistant_crud(api: httpx.Client) -> None:
    created = _assistant(
        api,
        name="Tutor",
        instructions="Be brief",
        tools=[{"type": "code_interpreter"}],
        metadata={"k": "v"},
    )
    assert created["object"] == "assistant" and created["id"].startswith("asst_")
    assert created["tools"] == [{"type": "code_interpreter"}]
    assert _ok(api.get(f"/assistants/{created['id']}")) == created
    modified = _ok(api.post(f"/assistants/{created['id']}", json={"name": "Renamed"}))
    assert modified["name"] == "Renamed" and modified["instructions"] == "Be brief"
    assert _ok(api.delete(f"/assistants/{created['id']}")) == {
        "id": created["id"],
        "object": "assistant.deleted",
        "deleted": True,
    }
    assert api.get(f"/assistants/{created['id']}").status_code == 404


def test_assistant_validation(api: httpx.Client) -> None:
    missing = api.post("/assistants", json={"name": "no model"})
    assert missing.status_code == 400 and missing.json()["error"]["param"] == "model"
    bad_tool = api.post("/assistants", json={"model": "m", "tools": [{"type": "browser"}]})
    assert bad_tool.status_code == 400 and bad_tool.json()["error"]["param"] == "tools[0].type"
    bad_meta = api.post("/assistants", json={"model": "m", "metadata": {"k": 1}})
    assert bad_meta.status_code == 400


def test_thread_and_messages(api: httpx.Client) -> None:
    thread = _thread(api, "first")
    assert thread["object"] == "thread" and thread["id"].startswith("thread_")
    second = _ok(
        api.post(
            f"/threads/{thread['id']}/messages",
            json={"role": "user", "content": [{"type": "text", "text": "second"}]},
        )
    )
    assert second["content"] == [{"type": "text", "text": {"value": "second", "annotations": []}}]
    assert second["status"] == "completed" and second["thread_id"] == thread["id"]
    listed = _ok(api.get(f"/threads/{thread['id']}/messages", params={"order": "asc"}))
    assert [m["content"][0]["text"]["value"] for m in listed["data"]] == ["first", "second"]
    assert _ok(
        api.post(f"/threads/{thread['id']}/messages/{second['id']}", json={"metadata": {"a": "b"}})
    )["metadata"] == {"a": "b"}
    assert (
        _ok(api.delete(f"/threads/{thread['id']}/messages/{second['id']}"))["object"]
        == "thread.message.deleted"
    )
    missing_role = api.post(f"/threads/{thread['id']}/messages", json={"content": "x"})
    assert missing_role.status_code == 400 and missing_role.json()["error"]["param"] == "role"
    assert _ok(api.delete(f"/threads/{thread['id']}"))["object"] == "thread.deleted"
    assert api.get(f"/threads/{thread['id']}/messages").status_code == 404


# -- runs over time -----------------------------------------------------------------------


def test_run_moves_queued_in_progress_completed(
    slow_server: LocalOpenAIServer, slow_api: httpx.Client
) -> None:
    assistant = _assistant(slow_api, instructions="Answer briefly")
    thread = _thread(slow_api, "What is the capital of France?")
    created = slow_api.post(f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]})
    run = _ok(created)
    assert run["status"] == "queued" and run["object"] == "thread.run"
    assert run["instructions"] == "Answer briefly" and run["model"] == "gpt-4o"
    assert created.headers["openai-poll-after-ms"] == str(int(STEP * 1000))
    path = f"/threads/{thread['id']}/runs/{run['id']}"
    assert _ok(slow_api.get(path))["status"] == "queued"
    slow_server.advance_clock(STEP)
    in_progress = slow_api.get(path)
    assert _ok(in_progress)["status"] == "in_progress"
    assert in_progress.json()["started_at"] is not None
    assert "openai-poll-after-ms" in in_progress.headers
    slow_server.advance_clock(STEP)
    done = slow_api.get(path)
    finished = _ok(done)
    assert finished["status"] == "completed" and finished["completed_at"] is not None
    assert "openai-poll-after-ms" not in done.headers
    assert (
        finished["usage"]["total_tokens"]
        == finished["usage"]["prompt_tokens"] + finished["usage"]["completion_tokens"]
    )
    messages = _ok(slow_api.get(f"/threads/{thread['id']}/messages"))["data"]
    reply = messages[0]
    assert (
        reply["role"] == "assistant"
        and reply["run_id"] == run["id"]
        and reply["assistant_id"] == assistant["id"]
    )
    assert "capital of France" in reply["content"][0]["text"]["value"]
    steps = _ok(slow_api.get(f"{path}/steps"))["data"]
    assert [s["type"] for s in steps] == ["message_creation"]
    assert steps[0]["step_details"]["message_creation"]["message_id"] == reply["id"]
    assert _ok(slow_api.get(f"{path}/steps/{steps[0]['id']}"))["status"] == "completed"


def test_run_with_function_tool_requires_action_then_resumes(
    slow_server: LocalOpenAIServer, slow_api: httpx.Client
) -> None:
    assistant = _assistant(slow_api, tools=[LOOKUP])
    thread = _thread(slow_api, "Where is my order?")
    run = _ok(
        slow_api.post(f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]})
    )
    path = f"/threads/{thread['id']}/runs/{run['id']}"
    early = slow_api.post(f"{path}/submit_tool_outputs", json={"tool_outputs": []})
    assert early.status_code == 400
    slow_server.advance_clock(2 * STEP)
    waiting = _ok(slow_api.get(path))
    assert waiting["status"] == "requires_action"
    (call,) = waiting["required_action"]["submit_tool_outputs"]["tool_calls"]
    assert waiting["required_action"]["type"] == "submit_tool_outputs"
    assert call["function"]["name"] == "lookup_order"
    assert (
        violations(json.loads(call["function"]["arguments"]), LOOKUP["function"]["parameters"])
        == []
    )
    wrong = slow_api.post(
        f"{path}/submit_tool_outputs",
        json={"tool_outputs": [{"tool_call_id": "call_other", "output": "x"}]},
    )
    assert wrong.status_code == 400
    missing = slow_api.post(f"{path}/submit_tool_outputs", json={})
    assert missing.status_code == 400 and missing.json()["error"]["param"] == "tool_outputs"
    resumed = _ok(
        slow_api.post(
            f"{path}/submit_tool_outputs",
            json={"tool_outputs": [{"tool_call_id": call["id"], "output": "shipped"}]},
        )
    )
    assert resumed["status"] == "queued" and resumed["required_action"] is None
    slow_server.advance_clock(2 * STEP)
    assert _ok(slow_api.get(path))["status"] == "completed"
    reply = _ok(slow_api.get(f"/threads/{thread['id']}/messages"))["data"][0]
    assert "shipped" in reply["content"][0]["text"]["value"]
    steps = _ok(slow_api.get(f"{path}/steps", params={"order": "asc"}))["data"]
    assert [s["type"] for s in steps] == ["tool_calls", "message_creation"]
    assert steps[0]["step_details"]["tool_calls"][0]["function"]["output"] == "shipped"


def test_unanswered_requires_action_expires(
    slow_server: LocalOpenAIServer, slow_api: httpx.Client
) -> None:
    assistant = _assistant(slow_api, tools=[LOOKUP])
    thread = _thread(slow_api)
    run = _ok(
        slow_api.post(f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]})
    )
    path = f"/threads/{thread['id']}/runs/{run['id']}"
    slow_server.advance_clock(2 * STEP)
    assert _ok(slow_api.get(path))["status"] == "requires_action"
    slow_server.advance_clock(run["expires_at"] - run["created_at"])
    expired = _ok(slow_api.get(path))
    assert expired["status"] == "expired" and expired["required_action"] is None
    (step,) = _ok(slow_api.get(f"{path}/steps"))["data"]
    assert step["status"] == "expired" and step["expired_at"] == run["expires_at"]
    late = slow_api.post(f"{path}/submit_tool_outputs", json={"tool_outputs": []})
    assert late.status_code == 400
    # The thread is free again.
    assert (
        slow_api.post(
            f"/threads/{thread['id']}/messages", json={"role": "user", "content": "x"}
        ).status_code
        == 200
    )


def test_cancel_run(slow_server: LocalOpenAIServer, slow_api: httpx.Client) -> None:
    assistant = _assistant(slow_api)
    thread = _thread(slow_api)
    run = _ok(
        slow_api.post(f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]})
    )
    path = f"/threads/{thread['id']}/runs/{run['id']}"
    assert _ok(slow_api.post(f"{path}/cancel"))["status"] == "cancelling"
    slow_server.advance_clock(STEP)
    cancelled = _ok(slow_api.get(path))
    assert cancelled["status"] == "cancelled" and cancelled["cancelled_at"] is not None
    again = slow_api.post(f"{path}/cancel")
    assert again.status_code == 400


def test_one_active_run_per_thread(slow_server: LocalOpenAIServer, slow_api: httpx.Client) -> None:
    assistant = _assistant(slow_api)
    thread = _thread(slow_api)
    _ok(slow_api.post(f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]}))
    busy = slow_api.post(f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]})
    assert busy.status_code == 400 and "active run" in busy.json()["error"]["message"]
    assert (
        slow_api.post(
            f"/threads/{thread['id']}/messages", json={"role": "user", "content": "x"}
        ).status_code
        == 400
    )
    slow_server.advance_clock(2 * STEP)
    assert (
        slow_api.post(
            f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]}
        ).status_code
        == 200
    )


def test_run_settings_come_from_the_request_or_the_assistant(api: httpx.Client) -> None:
    assistant = _assistant(api, temperature=0.7, instructions="Be kind")
    thread = _thread(api)
    body = {
        "assistant_id": assistant["id"],
        "temperature": 0,
        "additional_instructions": "Be brief",
    }
    run = _ok(api.post(f"/threads/{thread['id']}/runs", json=body))
    assert run["temperature"] == 0 and run["top_p"] == 1.0
    assert run["instructions"] == "Be kind\nBe brief"
    api.post(f"/threads/{thread['id']}/runs/{run['id']}/cancel")
    other = _thread(api)
    inherited = _ok(
        api.post(
            f"/threads/{other['id']}/runs",
            json={"assistant_id": assistant["id"], "model": "gpt-4o-mini"},
        )
    )
    assert inherited["temperature"] == 0.7 and inherited["model"] == "gpt-4o-mini"


def test_run_errors(api: httpx.Client) -> None:
    thread = _thread(api)
    missing = api.post(f"/threads/{thread['id']}/runs", json={})
    assert missing.status_code == 400 and missing.json()["error"]["param"] == "assistant_id"
    unknown = api.post(f"/threads/{thread['id']}/runs", json={"assistant_id": "asst_nope"})
    assert unknown.status_code == 404
    assert (
        api.post("/threads/thread_nope/runs", json={"assistant_id": "asst_nope"}).status_code == 404
    )


def test_tiny_max_completion_tokens_makes_run_incomplete(api: httpx.Client) -> None:
    assistant = _assistant(api)
    thread = _thread(api)
    events = _events(
        api.post(
            f"/threads/{thread['id']}/runs",
            json={"assistant_id": assistant["id"], "stream": True, "max_completion_tokens": 2},
        )
    )
    names = _collapsed(events)
    assert names[-3:] == ["thread.run.step.completed", "thread.run.incomplete", "done"]
    run = events[-2][1]
    assert run["status"] == "incomplete" and run["incomplete_details"] == {
        "reason": "max_completion_tokens"
    }


# -- streaming ------------------------------------------------------------------------------


def test_streamed_run_event_sequence(api: httpx.Client) -> None:
    assistant = _assistant(api)
    thread = _thread(api, "Tell me a fact")
    events = _events(
        api.post(
            f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"], "stream": True}
        )
    )
    assert _collapsed(events) == [
        "thread.run.created",
        "thread.run.queued",
        "thread.run.in_progress",
        "thread.run.step.created",
        "thread.run.step.in_progress",
        "thread.message.created",
        "thread.message.in_progress",
        "thread.message.delta",
        "thread.message.completed",
        "thread.run.step.completed",
        "thread.run.completed",
        "done",
    ]
    assert events[-1] == ("done", "[DONE]")
    statuses = [
        data["status"]
        for name, data in events
        if name.startswith("thread.run.") and "step" not in name
    ]
    assert statuses == ["queued", "queued", "in_progress", "completed"]
    deltas = [data for name, data in events if name == "thread.message.delta"]
    assert len(deltas) > 5 and all(d["object"] == "thread.message.delta" for d in deltas)
    text = "".join(d["delta"]["content"][0]["text"]["value"] for d in deltas)
    completed_message = next(data for name, data in events if name == "thread.message.completed")
    assert completed_message["content"][0]["text"]["value"] == text
    run_id = events[0][1]["id"]
    assert _ok(api.get(f"/threads/{thread['id']}/runs/{run_id}"))["status"] == "completed"


def test_streamed_create_and_run_starts_with_thread_created(api: httpx.Client) -> None:
    assistant = _assistant(api)
    body = {
        "assistant_id": assistant["id"],
        "stream": True,
        "thread": {"messages": [{"role": "user", "content": "hi"}]},
    }
    events = _events(api.post("/threads/runs", json=body))
    assert [name for name, _ in events[:3]] == [
        "thread.created",
        "thread.run.created",
        "thread.run.queued",
    ]
    thread = events[0][1]
    assert thread["object"] == "thread" and events[1][1]["thread_id"] == thread["id"]
    assert events[-2][0] == "thread.run.completed"


def test_create_and_run_without_stream_polls_to_completion(
    api: httpx.Client, local_server: LocalOpenAIServer
) -> None:
    assistant = _assistant(api)
    run = _ok(
        api.post(
            "/threads/runs",
            json={
                "assistant_id": assistant["id"],
                "thread": {"messages": [{"role": "user", "content": "hi"}]},
            },
        )
    )
    assert run["status"] == "queued"
    local_server.advance_clock(1)
    assert _ok(api.get(f"/threads/{run['thread_id']}/runs/{run['id']}"))["status"] == "completed"


def test_streamed_code_interpreter_step(api: httpx.Client) -> None:
    assistant = _assistant(api, tools=[{"type": "code_interpreter"}])
    thread = _thread(api, "count these five words please")
    events = _events(
        api.post(
            f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"], "stream": True}
        )
    )
    names = _collapsed(events)
    assert names[3:7] == [
        "thread.run.step.created",
        "thread.run.step.in_progress",
        "thread.run.step.delta",
        "thread.run.step.completed",
    ]
    deltas = [
        data["delta"]["step_details"] for name, data in events if name == "thread.run.step.delta"
    ]
    assert all(d["type"] == "tool_calls" for d in deltas)
    first = deltas[0]["tool_calls"][0]
    assert (
        first["type"] == "code_interpreter"
        and first["id"].startswith("call_")
        and first["index"] == 0
    )
    code = "".join(d["tool_calls"][0]["code_interpreter"].get("input", "") for d in deltas)
    outputs = [o for d in deltas for o in d["tool_calls"][0]["code_interpreter"].get("outputs", [])]
    assert outputs == [{"index": 0, "type": "logs", "logs": "5\n"}]
    step = next(data for name, data in events if name == "thread.run.step.completed")
    assert step["step_details"]["tool_calls"][0]["code_interpreter"] == {
        "input": code,
        "outputs": [{"type": "logs", "logs": "5\n"}],
    }
    assert (
        "5 words"
        in next(data for name, data in events if name == "thread.message.completed")["content"][0][
            "text"
        ]["value"]
    )


def test_streamed_function_call_and_submit_tool_outputs_stream(api: httpx.Client) -> None:
    assistant = _assistant(api, tools=[LOOKUP])
    thread = _thread(api, "check order status")
    events = _events(
        api.post(
            f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"], "stream": True}
        )
    )
    assert _collapsed(events)[-5:] == [
        "thread.run.step.created",
        "thread.run.step.in_progress",
        "thread.run.step.delta",
        "thread.run.requires_action",
        "done",
    ]
    run = events[-2][1]
    (call,) = run["required_action"]["submit_tool_outputs"]["tool_calls"]
    pieces = [
        data["delta"]["step_details"]["tool_calls"][0]["function"]["arguments"]
        for name, data in events
        if name == "thread.run.step.delta"
    ]
    assert "".join(pieces) == call["function"]["arguments"]
    resumed = _events(
        api.post(
            f"/threads/{thread['id']}/runs/{run['id']}/submit_tool_outputs",
            json={
                "stream": True,
                "tool_outputs": [{"tool_call_id": call["id"], "output": "delivered"}],
            },
        )
    )
    names = _collapsed(resumed)
    assert names[:3] == ["thread.run.step.completed", "thread.run.queued", "thread.run.in_progress"]
    assert names[-2:] == ["thread.run.completed", "done"]
    assert (
        "delivered"
        in next(d for n, d in resumed if n == "thread.message.completed")["content"][0]["text"][
            "value"
        ]
    )


def test_runs_and_steps_list(api: httpx.Client) -> None:
    assistant = _assistant(api)
    thread = _thread(api)
    for _ in range(3):
        _events(
            api.post(
                f"/threads/{thread['id']}/runs",
                json={"assistant_id": assistant["id"], "stream": True},
            )
        )
    runs = _ok(api.get(f"/threads/{thread['id']}/runs", params={"limit": 2}))
    assert len(runs["data"]) == 2 and runs["has_more"] is True
    rest = _ok(
        api.get(f"/threads/{thread['id']}/runs", params={"limit": 2, "after": runs["last_id"]})
    )
    assert len(rest["data"]) == 1 and rest["has_more"] is False
    mine = _ok(
        api.get(f"/threads/{thread['id']}/messages", params={"run_id": runs["data"][0]["id"]})
    )["data"]
    assert len(mine) == 1 and mine[0]["role"] == "assistant"


def test_file_search_step_quotes_the_best_chunk(
    api: httpx.Client, local_server: LocalOpenAIServer
) -> None:
    upload = api.post(
        "/files",
        files={
            "file": ("handbook.txt", b"Holidays: staff get 25 days of leave.\n\nParking is free.")
        },
        data={"purpose": "assistants"},
    ).json()
    store = _ok(api.post("/vector_stores", json={"file_ids": [upload["id"]]}))
    local_server.advance_clock(1)  # the file is processed
    assistant = _assistant(api, tools=[{"type": "file_search"}])
    thread = _ok(
        api.post(
            "/threads",
            json={
                "messages": [{"role": "user", "content": "How many days of leave do staff get?"}],
                "tool_resources": {"file_search": {"vector_store_ids": [store["id"]]}},
            },
        )
    )
    events = _events(
        api.post(
            f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"], "stream": True}
        )
    )
    delta = next(d for n, d in events if n == "thread.run.step.delta")
    assert delta["delta"]["step_details"]["tool_calls"][0]["type"] == "file_search"
    step = next(d for n, d in events if n == "thread.run.step.completed")
    results = step["step_details"]["tool_calls"][0]["file_search"]["results"]
    assert results[0]["file_name"] == "handbook.txt" and 0 < results[0]["score"] <= 1
    reply = next(d for n, d in events if n == "thread.message.completed")["content"][0]["text"][
        "value"
    ]
    assert 'From handbook.txt: "Holidays: staff get 25 days of leave."' in reply
    # Without stores to search the step still happens and says so.
    bare = _thread(api, "anything")
    events = _events(
        api.post(
            f"/threads/{bare['id']}/runs", json={"assistant_id": assistant["id"], "stream": True}
        )
    )
    reply = next(d for n, d in events if n == "thread.message.completed")["content"][0]["text"][
        "value"
    ]
    assert "found nothing" in reply
