"""Real-world sweep L, Assistants streaming and polling as 1.x scripts print them: a handler
subclass overriding every hook and printing the objects it is handed (``print(message)`` in
``on_message_done``, the run in ``on_end``), a required action answered by
``submit_tool_outputs_stream`` inside the handler with the outer stream's ``get_final_run()``
read afterwards, ``text_deltas`` of a stream with no handler, every streamed event printed, a run
driven by hand with ``runs.poll`` (``poll_interval_ms``) through ``requires_action`` and
``submit_tool_outputs_and_poll``, and the same in async code — run against both packages over the
scripted loopback server; what the program printed, returned and sent is compared.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .real_world_b import poll_header
from .test_real_world_apps import answer_events, requires_action_events, sse, wire
from .test_real_world_b_assistants import REQUIRES_ACTION, code_interpreter_stream, listing, run

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def printing(code: Any) -> tuple[Any, list[str]]:
    """``(code(), the lines it printed)``."""
    out = io.StringIO()
    with redirect_stdout(out):
        result = code()
    return result, out.getvalue().splitlines()


def raised(code: Any) -> Any:
    """``code()``, or the class of the exception it raised (the texts of the helpers' own errors
    are each package's words: RuntimeError('No messages found') in the SDK)."""
    try:
        return code()
    except Exception as error:  # what the program's author would catch and log
        return type(error).__name__


def every_hook_handler(openai: ModuleType) -> Any:
    """A handler overriding every hook, printing what each is handed as a script's author
    debugging a run does."""

    class Verbose(openai.AssistantEventHandler):
        def on_run_step_created(self, run_step: Any) -> None:
            print("step created:", run_step)

        def on_run_step_delta(self, delta: Any, snapshot: Any) -> None:
            print("step delta:", delta)
            print("step snapshot:", snapshot)

        def on_run_step_done(self, run_step: Any) -> None:
            print("step done:", run_step.status, run_step.step_details)

        def on_tool_call_created(self, tool_call: Any) -> None:
            print("tool created:", tool_call)

        def on_tool_call_delta(self, delta: Any, snapshot: Any) -> None:
            print("tool delta:", delta)
            print("tool snapshot:", snapshot)

        def on_tool_call_done(self, tool_call: Any) -> None:
            print("tool done:", tool_call)

        def on_message_created(self, message: Any) -> None:
            print("message created:", message)

        def on_message_delta(self, delta: Any, snapshot: Any) -> None:
            print("message delta:", delta)

        def on_message_done(self, message: Any) -> None:
            print("message done:", message)

        def on_text_created(self, text: Any) -> None:
            print("text created:", repr(text.value))  # its annotations: test_real_world_l_known

        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            print("text delta:", delta, "|", snapshot.value)

        def on_text_done(self, text: Any) -> None:
            print("text done:", text)

        def on_end(self) -> None:
            print("end:", self.current_run)

        def on_timeout(self) -> None:
            print("timeout")

    return Verbose


@program
def every_hook_printed_on_a_code_interpreter_run(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(code_interpreter_stream())
    handler = every_hook_handler(openai)()

    def go() -> Any:
        with client.beta.threads.runs.stream(
            thread_id="thread_abc", assistant_id="asst_abc", event_handler=handler
        ) as stream:
            stream.until_done()
        return (
            stream.get_final_run().status,
            [m.id for m in stream.get_final_messages()],
            [s.id for s in stream.get_final_run_steps()],
        )

    result, printed = printing(go)
    return wires(server), result, printed


@program
def tool_outputs_streamed_from_inside_the_handler(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The function-calling handler of the Assistants guide: on ``requires_action`` it submits
    the outputs with ``submit_tool_outputs_stream`` and prints the text deltas of the nested
    stream; the author then asks the outer stream for its final run and messages."""

    class EventHandler(openai.AssistantEventHandler):
        def on_event(self, event: Any) -> None:
            if event.event == "thread.run.requires_action":
                self.handle_requires_action(event.data, event.data.id)

        def handle_requires_action(self, data: Any, run_id: str) -> None:
            outputs = []
            for tool in data.required_action.submit_tool_outputs.tool_calls:
                args = json.loads(tool.function.arguments)
                outputs.append({"tool_call_id": tool.id, "output": f"22 in {args['city']}"})
            with client.beta.threads.runs.submit_tool_outputs_stream(
                thread_id=self.current_run.thread_id,
                run_id=self.current_run.id,
                tool_outputs=outputs,
                event_handler=EventHandler(),
            ) as stream:
                for text in stream.text_deltas:
                    print(text, end="", flush=True)
                print()
                print("inner final:", stream.get_final_run().status)
                print("inner messages:", stream.get_final_messages())

    server.reply(sse(requires_action_events()), sse(answer_events()))

    def go() -> Any:
        with client.beta.threads.runs.stream(
            thread_id="thread_1", assistant_id="asst_1", event_handler=EventHandler()
        ) as stream:
            stream.until_done()
        final = stream.get_final_run()
        print("outer final:", final.status, final.required_action)
        return final.status, raised(stream.get_final_messages), stream.get_final_run_steps()

    result, printed = printing(go)
    return wires(server), repr(result), printed


@program
def text_deltas_without_a_handler(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(sse(answer_events()))
    pieces = []
    with client.beta.threads.runs.stream(
        thread_id="thread_1",
        assistant_id="asst_1",
        additional_messages=[{"role": "user", "content": "What is the weather?"}],
        max_completion_tokens=200,
        truncation_strategy={"type": "last_messages", "last_messages": 4},
    ) as stream:
        for text in stream.text_deltas:
            pieces.append(text)
        final = stream.get_final_run()
        messages = stream.get_final_messages()
    return wires(server), pieces, final.status, str(messages[0].content[0].text)


@program
def every_event_printed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(sse(requires_action_events()))

    def go() -> Any:
        names = []
        with client.beta.threads.runs.stream(thread_id="thread_1", assistant_id="asst_1") as stream:
            for event in stream:
                print(event)
                names.append(type(event).__name__)
        return names, stream.current_run.required_action.type

    result, printed = printing(go)
    return result, printed


@program
def hooks_of_the_default_handler_reused_after_the_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The stream's context read after the ``with`` block, and ``until_done`` called again."""
    server.reply(code_interpreter_stream())
    with client.beta.threads.runs.stream(thread_id="thread_abc", assistant_id="asst_abc") as stream:
        first = stream.until_done()
    again = stream.until_done()
    return (
        repr(first) == repr(stream),
        again is stream or again is None,
        repr(stream.current_event),
        repr(stream.current_run_step_snapshot),
        repr(stream.current_message_snapshot),
    )


@program
def run_polled_by_hand_through_requires_action(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A loop of the pre-helper era rewritten with ``runs.poll``: create, poll until it needs
    tools, answer with ``submit_tool_outputs_and_poll``, then read the transcript."""
    server.reply(
        Reply.json(run("queued")),
        Reply.json(run("in_progress")),
        Reply.json(REQUIRES_ACTION),
        Reply.json(run("queued")),
        Reply.json(run("in_progress"), headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
        Reply.json(listing()),
    )
    created = client.beta.threads.runs.create(thread_id="thread_abc", assistant_id="asst_abc")
    polled = client.beta.threads.runs.poll(created.id, thread_id="thread_abc", poll_interval_ms=1)
    printed = [repr(polled.required_action)]
    outputs = [
        {"tool_call_id": call.id, "output": "57"}
        for call in polled.required_action.submit_tool_outputs.tool_calls
    ]
    done = client.beta.threads.runs.submit_tool_outputs_and_poll(
        tool_outputs=outputs, run_id=polled.id, thread_id="thread_abc", poll_interval_ms=1
    )
    later = client.beta.threads.messages.list(thread_id="thread_abc")
    return wires(server), polled.status, printed, done.status, repr(done.usage), later.data


@program
def polling_stops_at_every_terminal_status(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    statuses = ["cancelled", "failed", "expired", "incomplete", "cancelling"]
    extra = {
        "failed": {"last_error": {"code": "rate_limit_exceeded", "message": "Slow down"}},
        "incomplete": {"incomplete_details": {"reason": "max_completion_tokens"}},
    }
    seen = []
    for status in statuses:
        server.reply(Reply.json(run(status, **extra.get(status, {})), headers=poll_header()))
        if status == "cancelling":
            server.reply(Reply.json(run("cancelled"), headers=poll_header()))
        polled = client.beta.threads.runs.poll(
            "run_abc", thread_id="thread_abc", poll_interval_ms=1
        )
        seen.append(
            (status, polled.status, repr(polled.last_error), repr(polled.incomplete_details))
        )
    return wires(server), seen


@async_program
async def async_handler_with_text_deltas_and_final_run(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    printed: list[str] = []

    class Handler(openai.AsyncAssistantEventHandler):
        async def on_message_done(self, message: Any) -> None:
            printed.append(repr(message))

        async def on_end(self) -> None:
            printed.append(f"end {self.current_run.status}")

        async def on_event(self, event: Any) -> None:
            if event.event == "thread.run.requires_action":
                calls = event.data.required_action.submit_tool_outputs.tool_calls
                async with client.beta.threads.runs.submit_tool_outputs_stream(
                    thread_id="thread_1",
                    run_id=event.data.id,
                    tool_outputs=[{"tool_call_id": c.id, "output": "22"} for c in calls],
                    event_handler=Handler(),
                ) as inner:
                    async for text in inner.text_deltas:
                        printed.append(text)
                    printed.append(repr((await inner.get_final_run()).status))

    server.reply(sse(requires_action_events()), sse(answer_events()))
    async with client.beta.threads.runs.stream(
        thread_id="thread_1", assistant_id="asst_1", event_handler=Handler()
    ) as stream:
        await stream.until_done()
    final = await stream.get_final_run()
    try:
        messages = await stream.get_final_messages()
    except RuntimeError as error:
        messages = type(error).__name__
    return wires(server), printed, final.status, messages


@async_program
async def async_runs_poll_and_submit(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(run("queued"), headers=poll_header()),
        Reply.json(REQUIRES_ACTION, headers=poll_header()),
        Reply.json(run("queued"), headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
    )
    polled = await client.beta.threads.runs.create_and_poll(
        thread_id="thread_abc",
        assistant_id="asst_abc",
        poll_interval_ms=1,
        additional_instructions="Be brief.",
        include=["step_details.tool_calls[*].file_search.results[*].content"],
    )
    calls = polled.required_action.submit_tool_outputs.tool_calls
    done = await client.beta.threads.runs.submit_tool_outputs_and_poll(
        thread_id="thread_abc",
        run_id=polled.id,
        tool_outputs=[{"tool_call_id": c.id, "output": "x"} for c in calls],
        poll_interval_ms=1,
    )
    return wires(server), polled.status, [c.function.name for c in calls], done.status


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
