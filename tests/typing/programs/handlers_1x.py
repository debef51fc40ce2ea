"""Assistants streaming as 1.x tutorials type it: a handler overriding every hook with the SDK's
annotations (checked by @override and pyright's override rules), the cookbook's requires_action
dispatcher, typed event narrowing, the stream's context properties and final helpers."""

from __future__ import annotations

import json
from typing import List

from openai import AssistantEventHandler, AsyncAssistantEventHandler, AsyncOpenAI, OpenAI
from openai.lib.streaming import AssistantStreamManager
from openai.types.beta import AssistantStreamEvent
from openai.types.beta.assistant_stream_event import ThreadMessageDelta, ThreadRunRequiresAction
from openai.types.beta.threads import (
    ImageFile,
    Message,
    MessageDelta,
    Run,
    Text,
    TextDelta,
    TextDeltaBlock,
)
from openai.types.beta.threads.run_submit_tool_outputs_params import ToolOutput
from openai.types.beta.threads.runs import (
    CodeInterpreterToolCallDelta,
    FunctionToolCallDelta,
    RunStep,
    RunStepDelta,
    ToolCall,
    ToolCallDelta,
    ToolCallDeltaObject,
)
from typing_extensions import override

client = OpenAI()


class EveryHook(AssistantEventHandler):
    @override
    def on_event(self, event: AssistantStreamEvent) -> None:
        if event.event == "thread.run.requires_action":
            required = event.data.required_action
            if required is not None:
                print(len(required.submit_tool_outputs.tool_calls))

    @override
    def on_run_step_created(self, run_step: RunStep) -> None:
        print(run_step.type)

    @override
    def on_run_step_delta(self, delta: RunStepDelta, snapshot: RunStep) -> None:
        details = delta.step_details
        if isinstance(details, ToolCallDeltaObject) and details.tool_calls:
            for call in details.tool_calls:
                if isinstance(call, CodeInterpreterToolCallDelta) and call.code_interpreter:
                    print(call.code_interpreter.input)
                elif isinstance(call, FunctionToolCallDelta) and call.function:
                    print(call.function.arguments)

    @override
    def on_run_step_done(self, run_step: RunStep) -> None:
        print(run_step.usage.total_tokens if run_step.usage else 0)

    @override
    def on_message_created(self, message: Message) -> None:
        print(message.id)

    @override
    def on_message_delta(self, delta: MessageDelta, snapshot: Message) -> None:
        for block in delta.content or []:
            if isinstance(block, TextDeltaBlock) and block.text:
                print(block.text.value)

    @override
    def on_message_done(self, message: Message) -> None:
        for content in message.content:
            if content.type == "text":
                print(content.text.value, [a.type for a in content.text.annotations])

    @override
    def on_text_created(self, text: Text) -> None:
        print(text.value)

    @override
    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        print(delta.value, snapshot.value)

    @override
    def on_text_done(self, text: Text) -> None:
        print(text.annotations)

    @override
    def on_image_file_done(self, image_file: ImageFile) -> None:
        print(image_file.file_id)

    @override
    def on_tool_call_created(self, tool_call: ToolCall) -> None:
        print(tool_call.id, tool_call.type)

    @override
    def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None:
        if delta.type == "code_interpreter" and delta.code_interpreter:
            for output in delta.code_interpreter.outputs or []:
                if output.type == "logs":
                    print(output.logs)

    @override
    def on_tool_call_done(self, tool_call: ToolCall) -> None:
        if tool_call.type == "function":
            print(tool_call.function.name, tool_call.function.output)

    @override
    def on_exception(self, exception: Exception) -> None:
        print(repr(exception))

    @override
    def on_timeout(self) -> None:
        print("timed out")

    @override
    def on_end(self) -> None:
        run: Run | None = self.current_run
        event: AssistantStreamEvent | None = self.current_event
        message: Message | None = self.current_message_snapshot
        step: RunStep | None = self.current_run_step_snapshot
        print(run, event, message, step)


class Dispatcher(AssistantEventHandler):
    @override
    def on_event(self, event: AssistantStreamEvent) -> None:
        if isinstance(event, ThreadRunRequiresAction):
            self.handle_requires_action(event.data)

    def handle_requires_action(self, data: Run) -> None:
        outputs: List[ToolOutput] = []
        if data.required_action is None:
            return
        for tool in data.required_action.submit_tool_outputs.tool_calls:
            arguments = json.loads(tool.function.arguments)
            outputs.append({"tool_call_id": tool.id, "output": str(arguments)})
        run = self.current_run
        assert run is not None
        with client.beta.threads.runs.submit_tool_outputs_stream(
            thread_id=run.thread_id,
            run_id=run.id,
            tool_outputs=outputs,
            event_handler=Dispatcher(),
        ) as stream:
            for text in stream.text_deltas:
                print(text, end="", flush=True)


def stream_with_handlers(thread_id: str, assistant_id: str) -> Run:
    manager: AssistantStreamManager[EveryHook] = client.beta.threads.runs.stream(
        thread_id=thread_id,
        assistant_id=assistant_id,
        instructions="Please address the user as Jane Doe.",
        event_handler=EveryHook(),
    )
    with manager as stream:
        stream.until_done()
    with client.beta.threads.runs.stream(
        thread_id=thread_id, assistant_id=assistant_id, event_handler=Dispatcher()
    ) as dispatching:
        dispatching.until_done()
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as plain:
        for event in plain:
            if isinstance(event, ThreadMessageDelta) and event.data.delta.content:
                print(event.data.delta.content[0])
        steps: List[RunStep] = plain.get_final_run_steps()
        messages: List[Message] = plain.get_final_messages()
        print(len(steps), len(messages))
        return plain.get_final_run()


def create_thread_and_stream(assistant_id: str) -> None:
    with client.beta.threads.create_and_run_stream(
        assistant_id=assistant_id,
        thread={"messages": [{"role": "user", "content": "Hello"}]},
        event_handler=EveryHook(),
    ) as stream:
        stream.until_done()


def poll_everything(thread_id: str, assistant_id: str) -> str:
    run = client.beta.threads.runs.create_and_poll(
        thread_id=thread_id,
        assistant_id=assistant_id,
        additional_messages=[{"role": "user", "content": "What's 2 + 2?"}],
        truncation_strategy={"type": "last_messages", "last_messages": 5},
        tool_choice={"type": "function", "function": {"name": "add"}},
        poll_interval_ms=500,
    )
    if run.status == "requires_action" and run.required_action:
        outputs: List[ToolOutput] = [
            {"tool_call_id": call.id, "output": "4"}
            for call in run.required_action.submit_tool_outputs.tool_calls
        ]
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=thread_id, run_id=run.id, tool_outputs=outputs
        )
    run = client.beta.threads.runs.poll(run.id, thread_id=thread_id)
    done = client.beta.threads.create_and_run_poll(
        assistant_id=assistant_id, thread={"messages": [{"role": "user", "content": "hi"}]}
    )
    return run.status + done.status


class AsyncPrinter(AsyncAssistantEventHandler):
    @override
    async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        print(delta.value, end="")

    @override
    async def on_event(self, event: AssistantStreamEvent) -> None:
        print(event.event)

    @override
    async def on_exception(self, exception: Exception) -> None:
        print(exception)


async def async_stream(thread_id: str, assistant_id: str) -> Run | None:
    async_client = AsyncOpenAI()
    async with async_client.beta.threads.runs.stream(
        thread_id=thread_id, assistant_id=assistant_id, event_handler=AsyncPrinter()
    ) as stream:
        await stream.until_done()
        async for text in stream.text_deltas:
            print(text)
        final: Run = await stream.get_final_run()
        print(final.usage)
    return stream.current_run
