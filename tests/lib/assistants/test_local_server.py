"""The README's Assistants streaming examples, end to end against the local OpenAI-compatible server.

The server (``typed_openai.testing``) answers deterministically, so the same example run with the
official SDK (the oracle) must print the same thing and see the same hooks.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import openai
import pytest

from tests.lib.assistants import streams as S
from tests.lib.assistants.typing.seed_handler import EventHandler
from tests.support.deprecations import calls_deprecated_operations
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib.streaming.assistants import AssistantEventHandler
from typed_openai.testing import LocalOpenAIServer

pytestmark = calls_deprecated_operations

WEATHER = {
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


@pytest.fixture(scope="module")
def local() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.0) as server:
        yield server


def clients(local: LocalOpenAIServer) -> list[Any]:
    return [
        OpenAI(base_url=local.base_url, api_key=local.api_key),
        openai.OpenAI(base_url=local.base_url, api_key=local.api_key),
    ]


def _setup(client: Any, prompt: str, tools: list[dict[str, Any]]) -> tuple[str, str]:
    assistant = client.beta.assistants.create(model="gpt-4o", instructions="Tutor.", tools=tools)
    thread = client.beta.threads.create(messages=[{"role": "user", "content": prompt}])
    return thread.id, assistant.id


def _sdk_twin(handler_class: type) -> type:
    """The same handler class body on the official SDK's base."""
    hooks = {k: v for k, v in vars(handler_class).items() if k.startswith("on_")}
    return type(handler_class.__name__, (openai.AssistantEventHandler,), hooks)


def test_seed_event_handler_example(
    local: LocalOpenAIServer, capsys: pytest.CaptureFixture[str]
) -> None:
    printed: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the SDK deprecates Assistants
        for client, handler_class in zip(
            clients(local), [EventHandler, _sdk_twin(EventHandler)], strict=True
        ):
            thread_id, assistant_id = _setup(
                client, "Solve 3x + 11 = 14", [{"type": "code_interpreter"}]
            )
            with client.beta.threads.runs.stream(
                thread_id=thread_id, assistant_id=assistant_id, event_handler=handler_class()
            ) as stream:
                stream.until_done()
            client.close()
            printed.append(capsys.readouterr().out)
    ours, theirs = printed
    assert ours == theirs
    assert "assistant > code_interpreter" in ours
    assert "output >" in ours and "\n1.0\n" in ours
    assert "x = 1" in ours


def test_seed_iteration_examples(local: LocalOpenAIServer) -> None:
    seen: list[tuple[list[str], list[str]]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for client in clients(local):
            thread_id, assistant_id = _setup(client, "Say hello", [])
            texts: list[str] = []
            with client.beta.threads.runs.stream(
                thread_id=thread_id, assistant_id=assistant_id
            ) as stream:
                for event in stream:
                    if event.event == "thread.message.delta" and event.data.delta.content:
                        texts.append(event.data.delta.content[0].text.value)
            thread_id, assistant_id = _setup(client, "Say hello", [])
            with client.beta.threads.runs.stream(
                thread_id=thread_id, assistant_id=assistant_id
            ) as stream:
                deltas = list(stream.text_deltas)
            client.close()
            seen.append((texts, deltas))
    assert seen[0] == seen[1]
    assert "".join(seen[0][0]).endswith(".") and len(seen[0][1]) > 5


def _names_and_texts(calls: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Hook calls without the server-made ids (they differ between the two runs)."""
    kept: list[tuple[Any, ...]] = []
    for call in calls:
        if call[0] in ("on_text_created", "on_text_delta", "on_text_done", "on_event"):
            kept.append(call)
        else:
            kept.append((call[0],))
    return kept


def test_function_call_then_tool_outputs(local: LocalOpenAIServer) -> None:
    seen: list[Any] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for client, base in zip(
            clients(local), [AssistantEventHandler, openai.AssistantEventHandler], strict=True
        ):
            thread_id, assistant_id = _setup(
                client, "Weather in Paris? Use get_weather.", [WEATHER]
            )
            first = S.recording_class(base)()
            with client.beta.threads.runs.stream(
                thread_id=thread_id, assistant_id=assistant_id, event_handler=first
            ) as stream:
                run = stream.get_final_run()
            assert run.status == "requires_action"
            calls = run.required_action.submit_tool_outputs.tool_calls
            second = S.recording_class(base)()
            with client.beta.threads.runs.submit_tool_outputs_stream(
                thread_id=thread_id,
                run_id=run.id,
                tool_outputs=[{"tool_call_id": c.id, "output": "sunny"} for c in calls],
                event_handler=second,
            ) as stream:
                final = stream.get_final_run()
            assert final.status == "completed"
            client.close()
            seen.append((_names_and_texts(first.calls), _names_and_texts(second.calls)))
    assert seen[0] == seen[1]
    first_hooks = [c[0] for c in seen[0][0] if c[0] != "on_event"]
    assert first_hooks[:2] == ["on_run_step_created", "on_tool_call_created"]
    assert first_hooks[-2:] == ["on_tool_call_done", "on_end"]


@pytest.mark.anyio
async def test_create_and_run_stream_async(local: LocalOpenAIServer) -> None:
    async with AsyncOpenAI(base_url=local.base_url, api_key=local.api_key) as client:
        assistant = await client.beta.assistants.create(model="gpt-4o", instructions="Tutor.")
        async with client.beta.threads.create_and_run_stream(
            assistant_id=assistant.id,
            thread={"messages": [{"role": "user", "content": "Say hello"}]},
        ) as stream:
            texts = [text async for text in stream.text_deltas]
            messages = await stream.get_final_messages()
            run = await stream.get_final_run()
    assert run.status == "completed"
    (message,) = messages
    assert message.content[0].text.value == "".join(texts)  # type: ignore[union-attr]
