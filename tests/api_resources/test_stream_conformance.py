"""The `text/event-stream` variants, through the generated client, against the local server.

Prism answers a streaming request with plain JSON, so the four operations that stream
(`chat.completions.create`, `beta.threads.create_and_run`, `beta.threads.runs.create`,
`beta.threads.runs.submit_tool_outputs`) are called with `stream=True` against the project's
loopback server (`typed_openai.testing`), sync and async. That server may send fields the spec
does not declare, so only declared fields are type-checked here (Prism never sends extra ones). Every item must be the declared type:
`ChatCompletionChunk` for chat, and for the Assistants stream the `AssistantStreamEvent` variant
that the SSE `event:` name selects (per the spec's discriminator mapping).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from tests.api_resources._plan import config, spec
from tests.api_resources._types import assert_matches_type
from tests.api_resources.test_conformance import declared_type
from typed_openai.testing import LocalOpenAIServer

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}
MESSAGES = [{"role": "user", "content": "What is the weather in Paris?"}]


@cache
def event_classes() -> dict[str, Any]:
    """SSE event name -> the class the spec and config declare for it."""
    mapping = spec()["components"]["schemas"]["AssistantStreamEvent"]["discriminator"]["mapping"]
    return {event: declared_type(ref.rsplit("/", 1)[1]) for event, ref in mapping.items()}


def check_assistant_events(events: list[Any]) -> None:
    assert events, "the stream yielded nothing"
    classes = event_classes()
    for i, event in enumerate(events):
        expected = classes[event.event]
        assert type(event) is expected, (
            f"event {i} ({event.event}) parsed as {type(event).__name__}"
        )
        assert_matches_type(expected, event, f"events[{i}]", allow_extra_fields=True)


def check_chunks(chunks: list[Any]) -> None:
    assert chunks, "the stream yielded nothing"
    chunk_type = declared_type("CreateChatCompletionStreamResponse")
    for i, chunk in enumerate(chunks):
        assert_matches_type(chunk_type, chunk, f"chunks[{i}]", allow_extra_fields=True)


@pytest.fixture(scope="module")
def local_server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.01) as server:
        yield server


@pytest.fixture(scope="module")
def client(local_server: LocalOpenAIServer) -> Iterator[Any]:
    from typed_openai import OpenAI

    with OpenAI(
        api_key=local_server.api_key, base_url=local_server.base_url, max_retries=0
    ) as client:
        yield client


@pytest.fixture
async def async_client(local_server: LocalOpenAIServer) -> Any:
    from typed_openai import AsyncOpenAI

    async with AsyncOpenAI(
        api_key=local_server.api_key, base_url=local_server.base_url, max_retries=0
    ) as client:
        yield client


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_chat_completion_stream(client: Any) -> None:
    with client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True) as stream:
        check_chunks(list(stream))


def test_run_streams_until_tool_outputs_then_finishes(client: Any) -> None:
    assistant = client.beta.assistants.create(model="gpt-4o", tools=[WEATHER_TOOL])
    thread = client.beta.threads.create(messages=MESSAGES)

    events = list(
        client.beta.threads.runs.create(thread.id, assistant_id=assistant.id, stream=True)
    )
    check_assistant_events(events)
    run = events[-1].data
    assert run.status == "requires_action", [e.event for e in events]

    call_id = run.required_action.submit_tool_outputs.tool_calls[0].id
    more = list(
        client.beta.threads.runs.submit_tool_outputs(
            run.id,
            thread_id=thread.id,
            tool_outputs=[{"tool_call_id": call_id, "output": "sunny"}],
            stream=True,
        )
    )
    check_assistant_events(more)
    assert "thread.run.completed" in [e.event for e in more]


def test_create_and_run_stream(client: Any) -> None:
    assistant = client.beta.assistants.create(model="gpt-4o")
    events = list(
        client.beta.threads.create_and_run(
            assistant_id=assistant.id, thread={"messages": MESSAGES}, stream=True
        )
    )
    check_assistant_events(events)
    assert events[0].event == "thread.created"
    assert "thread.message.delta" in [e.event for e in events]


@pytest.mark.anyio
async def test_chat_completion_stream_async(async_client: Any) -> None:
    stream = await async_client.chat.completions.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    )
    check_chunks([chunk async for chunk in stream])


@pytest.mark.anyio
async def test_run_streams_until_tool_outputs_then_finishes_async(async_client: Any) -> None:
    assistant = await async_client.beta.assistants.create(model="gpt-4o", tools=[WEATHER_TOOL])
    thread = await async_client.beta.threads.create(messages=MESSAGES)

    stream = await async_client.beta.threads.runs.create(
        thread.id, assistant_id=assistant.id, stream=True
    )
    events = [event async for event in stream]
    check_assistant_events(events)
    run = events[-1].data
    assert run.status == "requires_action"

    call_id = run.required_action.submit_tool_outputs.tool_calls[0].id
    stream = await async_client.beta.threads.runs.submit_tool_outputs(
        run.id,
        thread_id=thread.id,
        tool_outputs=[{"tool_call_id": call_id, "output": "sunny"}],
        stream=True,
    )
    more = [event async for event in stream]
    check_assistant_events(more)
    assert "thread.run.completed" in [e.event for e in more]


@pytest.mark.anyio
async def test_create_and_run_stream_async(async_client: Any) -> None:
    assistant = await async_client.beta.assistants.create(model="gpt-4o")
    stream = await async_client.beta.threads.create_and_run(
        assistant_id=assistant.id, thread={"messages": MESSAGES}, stream=True
    )
    events = [event async for event in stream]
    check_assistant_events(events)
    assert events[0].event == "thread.created"


def test_every_streaming_operation_is_covered() -> None:
    from tests.api_resources._plan import calls

    streaming = {call.operation_id for call in calls() if call.streams}
    # placed by the whole-API layout; their stream checks here are still to be written (issue 17)
    not_covered_yet = {
        "createResponse",
        "beta_createResponse",
        "createImage",
        "createImageEdit",
        "createCompletion",
    }
    assert streaming - not_covered_yet == {
        "createChatCompletion",
        "createThreadAndRun",
        "createRun",
        "submitToolOuputsToRun",
    }
    assert "AssistantStreamEvent" in config()["types"]
