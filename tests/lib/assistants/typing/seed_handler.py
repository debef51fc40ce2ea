# pyright: strict
"""The README's event handler and iteration examples, checked by pyright in strict mode.

Imports follow the seed, with ``typed_openai`` for ``openai``; the handler comes from
``typed_openai.lib.streaming`` (``typed_openai`` re-exports it once the root package
lists it).
"""

from __future__ import annotations

from typing_extensions import assert_type, override

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib.streaming import (
    AssistantEventHandler,
    AsyncAssistantEventHandler,
)
from typed_openai.types.beta.assistant_stream_event import AssistantStreamEvent
from typed_openai.types.beta.threads import Message, Run, Text, TextDelta
from typed_openai.types.beta.threads.runs import RunStep, ToolCall, ToolCallDelta


class EventHandler(AssistantEventHandler):
    @override
    def on_text_created(self, text: Text) -> None:
        print("\nassistant > ", end="", flush=True)

    @override
    def on_text_delta(self, delta: TextDelta, snapshot: Text):
        print(delta.value, end="", flush=True)

    @override
    def on_tool_call_created(self, tool_call: ToolCall):
        print(f"\nassistant > {tool_call.type}\n", flush=True)

    @override
    def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall):
        if delta.type == "code_interpreter" and delta.code_interpreter:
            if delta.code_interpreter.input:
                print(delta.code_interpreter.input, end="", flush=True)
            if delta.code_interpreter.outputs:
                print("\n\noutput >", flush=True)
                for output in delta.code_interpreter.outputs:
                    if output.type == "logs":
                        print(f"\n{output.logs}", flush=True)


class AsyncEventHandler(AsyncAssistantEventHandler):
    @override
    async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        print(delta.value, snapshot.value)

    @override
    async def on_exception(self, exception: Exception) -> None:
        print(repr(exception))


def handler_example(client: OpenAI) -> None:
    with client.beta.threads.runs.stream(
        thread_id="thread_id",
        assistant_id="assistant_id",
        event_handler=EventHandler(),
    ) as stream:
        assert_type(stream, EventHandler)
        stream.until_done()


def iteration_examples(client: OpenAI) -> None:
    with client.beta.threads.runs.stream(thread_id="t", assistant_id="a") as stream:
        assert_type(stream, AssistantEventHandler)
        for event in stream:
            assert_type(event, AssistantStreamEvent)
            if event.event == "thread.message.delta" and event.data.delta.content:
                print(event.data.delta.content[0])

    with client.beta.threads.runs.stream(thread_id="t", assistant_id="a") as stream:
        for text in stream.text_deltas:
            assert_type(text, str)


def helpers(client: OpenAI) -> None:
    with client.beta.threads.create_and_run_stream(assistant_id="a") as stream:
        assert_type(stream.current_event, AssistantStreamEvent | None)
        assert_type(stream.current_run, Run | None)
        assert_type(stream.current_message_snapshot, Message | None)
        assert_type(stream.current_run_step_snapshot, RunStep | None)
        assert_type(stream.get_final_run(), Run)
        assert_type(stream.get_final_run_steps(), list[RunStep])
        assert_type(stream.get_final_messages(), list[Message])
    with client.beta.threads.runs.submit_tool_outputs_stream(
        thread_id="t",
        run_id="r",
        tool_outputs=[{"tool_call_id": "call_1", "output": "42"}],
        event_handler=EventHandler(),
    ) as stream:
        assert_type(stream, EventHandler)


async def async_examples(client: AsyncOpenAI) -> None:
    async with client.beta.threads.runs.stream(
        thread_id="t", assistant_id="a", event_handler=AsyncEventHandler()
    ) as stream:
        assert_type(stream, AsyncEventHandler)
        await stream.until_done()
    async with client.beta.threads.create_and_run_stream(assistant_id="a") as stream:
        assert_type(stream, AsyncAssistantEventHandler)
        async for text in stream.text_deltas:
            assert_type(text, str)
        assert_type(await stream.get_final_run(), Run)
