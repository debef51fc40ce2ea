"""The official SDK (used only as an oracle) runs the seed document's flows against the server.

If the server's JSON or event shapes drift from the real API's, the official client's own parsing
and stream accumulation fail here.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Union

import anyio
import openai
import pytest
from pydantic import BaseModel
from typing_extensions import override

from typed_openai.testing import LocalOpenAIServer

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: list[Step]
    final_answer: str


class Table(str, Enum):
    orders = "orders"
    customers = "customers"


class Operator(str, Enum):
    eq = "="
    gt = ">"


class DynamicValue(BaseModel):
    column_name: str


class Condition(BaseModel):
    column: str
    operator: Operator
    value: Union[str, int, DynamicValue]


class Query(BaseModel):
    table_name: Table
    conditions: list[Condition]


@pytest.fixture(scope="module")
def sdk_server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.01, upload_delay=0.15) as server:
        yield server


@pytest.fixture
def client(sdk_server: LocalOpenAIServer) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(
        base_url=sdk_server.base_url, api_key=sdk_server.api_key, max_retries=0
    ) as sdk:
        yield sdk


def test_parse_with_pydantic_response_format(client: openai.OpenAI) -> None:
    completion = client.beta.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "solve 8x + 31 = 2"}],
        response_format=MathResponse,
    )
    parsed = completion.choices[0].message.parsed
    assert isinstance(parsed, MathResponse) and parsed.steps


def test_parse_with_strict_function_tool(client: openai.OpenAI) -> None:
    completion = client.beta.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "look up my orders by calling the query function"}],
        tools=[openai.pydantic_function_tool(Query)],
    )
    call = (completion.choices[0].message.tool_calls or [])[0]
    assert isinstance(call.function.parsed_arguments, Query)


def test_chat_stream_helper(sdk_server: LocalOpenAIServer) -> None:
    async def main() -> tuple[str, str | None]:
        async with openai.AsyncOpenAI(base_url=sdk_server.base_url, api_key="sk-x") as client:
            pieces: list[str] = []
            async with client.beta.chat.completions.stream(
                model="gpt-4o", messages=[{"role": "user", "content": "hello stream"}]
            ) as stream:
                async for event in stream:
                    if event.type == "content.delta":
                        pieces.append(event.delta)
                final = await stream.get_final_completion()
            return "".join(pieces), final.choices[0].message.content

    streamed, final = anyio.run(main)
    assert streamed == final and "hello stream" in streamed


def test_assistant_event_handler_sees_code_and_text(client: openai.OpenAI) -> None:
    seen: list[str] = []

    class Handler(openai.AssistantEventHandler):
        @override
        def on_text_delta(self, delta, snapshot) -> None:  # type: ignore[no-untyped-def]
            seen.append(f"text:{delta.value}")

        @override
        def on_tool_call_created(self, tool_call) -> None:  # type: ignore[no-untyped-def]
            seen.append(f"tool:{tool_call.type}")

        @override
        def on_tool_call_delta(self, delta, snapshot) -> None:  # type: ignore[no-untyped-def]
            if delta.type == "code_interpreter" and delta.code_interpreter:
                if delta.code_interpreter.input:
                    seen.append(f"code:{delta.code_interpreter.input}")
                for output in delta.code_interpreter.outputs or []:
                    if output.type == "logs":
                        seen.append(f"logs:{output.logs}")

    assistant = client.beta.assistants.create(model="gpt-4o", tools=[{"type": "code_interpreter"}])
    thread = client.beta.threads.create(
        messages=[{"role": "user", "content": "solve 3x + 11 = 14"}]
    )
    with client.beta.threads.runs.stream(
        thread_id=thread.id, assistant_id=assistant.id, event_handler=Handler()
    ) as stream:
        stream.until_done()
        final_run = stream.get_final_run()
    assert final_run.status == "completed"
    assert seen[0] == "tool:code_interpreter"
    assert any(item.startswith("code:") for item in seen)
    assert "logs:1.0\n" in seen
    assert any(item.startswith("text:") for item in seen)

    with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=assistant.id) as stream:
        text = "".join(stream.text_deltas)
    assert (
        text == client.beta.threads.messages.list(thread_id=thread.id).data[0].content[0].text.value
    )  # type: ignore[union-attr]


def test_polling_helpers(client: openai.OpenAI, sdk_server: LocalOpenAIServer) -> None:
    assistant = client.beta.assistants.create(
        model="gpt-4o", tools=[openai.pydantic_function_tool(Query)]
    )
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "find orders"}])
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
    assert run.status == "requires_action" and run.required_action is not None
    call = run.required_action.submit_tool_outputs.tool_calls[0]
    Query.model_validate_json(call.function.arguments)
    run = client.beta.threads.runs.submit_tool_outputs_and_poll(
        run_id=run.id,
        thread_id=thread.id,
        tool_outputs=[{"tool_call_id": call.id, "output": "3 orders"}],
    )
    assert run.status == "completed"

    store = client.vector_stores.create(name="docs")
    vs_file = client.vector_stores.files.upload_and_poll(
        vector_store_id=store.id, file=("a.txt", b"alpha beta")
    )
    assert vs_file.status == "completed"
    sdk_server.stats.reset()
    batch = client.vector_stores.file_batches.upload_and_poll(
        vector_store_id=store.id,
        files=[(f"{i}.txt", f"document {i}".encode()) for i in range(6)],
        max_concurrency=2,
    )
    assert batch.status == "completed" and batch.file_counts.completed == 6
    assert sdk_server.stats.peak_concurrent_uploads == 2
    assert client.vector_stores.retrieve(store.id).file_counts.total == 7
