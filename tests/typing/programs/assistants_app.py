"""Assistants and threads (deprecated in the SDK, still used): runs with polling, the event
handler, messages pages."""

from __future__ import annotations

from typing import List

from openai import AssistantEventHandler, OpenAI
from openai.types.beta import Assistant, AssistantToolParam, Thread
from openai.types.beta.threads import Message, Run, Text, TextDelta, run_submit_tool_outputs_params
from openai.types.beta.threads.runs import RunStep, ToolCall, ToolCallDelta
from typing_extensions import override

client = OpenAI()

TOOLS: List[AssistantToolParam] = [{"type": "code_interpreter"}, {"type": "file_search"}]


class Printer(AssistantEventHandler):
    @override
    def on_text_created(self, text: Text) -> None:
        print("assistant >", end="", flush=True)

    @override
    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        print(delta.value, end="", flush=True)

    @override
    def on_tool_call_created(self, tool_call: ToolCall) -> None:
        print(tool_call.type)

    @override
    def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None:
        if delta.type == "code_interpreter" and delta.code_interpreter:
            print(delta.code_interpreter.input)

    @override
    def on_run_step_done(self, run_step: RunStep) -> None:
        print(run_step.status)


def setup() -> tuple[Assistant, Thread]:
    assistant = client.beta.assistants.create(
        name="Math Tutor", instructions="Solve it.", tools=TOOLS, model="gpt-4o", temperature=0.1
    )
    thread = client.beta.threads.create(
        messages=[{"role": "user", "content": "Solve 3x + 11 = 14"}]
    )
    return assistant, thread


def poll(assistant: Assistant, thread: Thread) -> List[str]:
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content="And 2x = 4?")
    run: Run = client.beta.threads.runs.create_and_poll(
        thread_id=thread.id,
        assistant_id=assistant.id,
        instructions="Be brief.",
        poll_interval_ms=500,
    )
    if run.status == "requires_action" and run.required_action:
        outputs: List[run_submit_tool_outputs_params.ToolOutput] = [
            {"tool_call_id": call.id, "output": "42"}
            for call in run.required_action.submit_tool_outputs.tool_calls
        ]
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=thread.id, run_id=run.id, tool_outputs=outputs
        )
    texts: List[str] = []
    if run.status == "completed":
        messages = client.beta.threads.messages.list(thread_id=thread.id, order="asc")
        for message in messages:
            for block in message.content:
                if block.type == "text":
                    texts.append(block.text.value)
    return texts


def stream(assistant: Assistant, thread: Thread) -> None:
    with client.beta.threads.runs.stream(
        thread_id=thread.id, assistant_id=assistant.id, event_handler=Printer()
    ) as stream:
        stream.until_done()
    with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=assistant.id) as events:
        for event in events:
            if event.event == "thread.message.delta":
                print(event.data.delta.content)
        final: List[Message] = events.get_final_messages()
        print(len(final))


def cleanup(assistant: Assistant, thread: Thread) -> None:
    client.beta.threads.delete(thread.id)
    deleted = client.beta.assistants.delete(assistant.id)
    print(deleted.deleted)
