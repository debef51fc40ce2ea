# The seed's AssistantEventHandler example; only the imports differ. The ids "thread_id" and
# "assistant_id" exist on the local demo server (`--demo-fixtures`).
from typing_extensions import override

import typed_openai as openai
from typed_openai import AssistantEventHandler, OpenAI
from typed_openai.types.beta.threads import Text, TextDelta
from typed_openai.types.beta.threads.runs import ToolCall, ToolCallDelta

client = openai.OpenAI()


# First, we create a EventHandler class to define
# how we want to handle the events in the response stream.
class EventHandler(AssistantEventHandler):
    @override
    def on_text_created(self, text: Text) -> None:
        print(f"\nassistant > ", end="", flush=True)

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
                print(f"\n\noutput >", flush=True)
                for output in delta.code_interpreter.outputs:
                    if output.type == "logs":
                        print(f"\n{output.logs}", flush=True)


# Then, we use the `stream` SDK helper
# with the `EventHandler` class to create the Run
# and stream the response.
with client.beta.threads.runs.stream(
    thread_id="thread_id",
    assistant_id="assistant_id",
    event_handler=EventHandler(),
) as stream:
    stream.until_done()
print()
assert OpenAI is not None
