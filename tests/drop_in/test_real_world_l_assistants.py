"""Real-world sweep L, Assistants streaming and polling as 1.x scripts print them: a handler
subclass overriding every hook and printing the objects it is handed (``print(message)`` in
``on_message_done``, the run in ``on_end``) on a code-interpreter run and on two function calls
streamed in parallel, a required action answered by ``submit_tool_outputs_stream`` inside the
handler with the outer stream's ``get_final_run()`` read afterwards, ``text_deltas`` of a stream
with no handler, every streamed event printed, runs that end failed / incomplete / expired /
cancelled, the stream manager used without its ``with`` block, a run driven by hand with
``runs.poll`` (``poll_interval_ms``) through ``requires_action`` and
``submit_tool_outputs_and_poll``, and the async forms (every hook of an
``AsyncAssistantEventHandler``, a raw ``runs.create(stream=True)``) — run against both packages
over the scripted loopback server; what the program printed, returned and sent is compared.
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
from .test_real_world_apps import answer_events, requires_action_events, run_object, sse, wire
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


# --- parallel tool calls, runs that end badly, a stream used without its block -------------------


def tool_calls_step(status: str = "in_progress") -> Any:
    return {
        "id": "step_1",
        "object": "thread.run.step",
        "created_at": 1,
        "run_id": "run_1",
        "assistant_id": "asst_1",
        "thread_id": "thread_1",
        "type": "tool_calls",
        "status": status,
        "step_details": {"type": "tool_calls", "tool_calls": []},
    }


def calls_delta(call: Any) -> Any:
    return {
        "id": "step_1",
        "object": "thread.run.step.delta",
        "delta": {"step_details": {"type": "tool_calls", "tool_calls": [call]}},
    }


def parallel_calls_events() -> list[Any]:
    """Two function calls in one step, each call's arguments streamed in pieces."""
    calls = [
        {
            "id": "call_a",
            "type": "function",
            "function": {"name": "weather", "arguments": '{"city": "Paris"}'},
        },
        {
            "id": "call_b",
            "type": "function",
            "function": {"name": "time", "arguments": '{"tz": "CET"}'},
        },
    ]
    action = {"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": calls}}

    def opening(index: int) -> Any:
        call = calls[index]
        function = {"name": call["function"]["name"], "arguments": "", "output": None}
        return calls_delta(
            {"index": index, "id": call["id"], "type": "function", "function": function}
        )

    def piece(index: int, text: str) -> Any:
        return calls_delta({"index": index, "type": "function", "function": {"arguments": text}})

    return [
        ("thread.run.created", run_object("queued")),
        ("thread.run.step.created", tool_calls_step()),
        ("thread.run.step.delta", opening(0)),
        ("thread.run.step.delta", piece(0, '{"city": ')),
        ("thread.run.step.delta", piece(0, '"Paris"}')),
        ("thread.run.step.delta", opening(1)),
        ("thread.run.step.delta", piece(1, '{"tz": "CET"}')),
        ("thread.run.requires_action", run_object("requires_action", required_action=action)),
    ]


@program
def parallel_function_calls_streamed_by_index(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(parallel_calls_events()))

    def go() -> Any:
        handler = every_hook_handler(openai)()
        with client.beta.threads.runs.stream(
            thread_id="thread_1", assistant_id="asst_1", event_handler=handler
        ) as stream:
            stream.until_done()
        print("snapshot:", stream.current_run_step_snapshot)
        print("steps:", stream.get_final_run_steps())
        print("deltas:", list(stream.text_deltas))
        calls = stream.current_run.required_action.submit_tool_outputs.tool_calls
        return [(c.id, json.loads(c.function.arguments)) for c in calls]

    result, printed = printing(go)
    return wires(server), result, printed


@program
def runs_that_end_without_an_answer(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A failed run read through ``get_final_run()``, then runs that end incomplete, expired or
    cancelled iterated event by event with a handler attached."""
    failed = run_object("failed", last_error={"code": "server_error", "message": "boom"})
    server.reply(
        sse(
            [
                ("thread.run.created", run_object("queued")),
                ("thread.run.in_progress", run_object("in_progress")),
                ("thread.run.failed", failed),
            ]
        )
    )
    ends = {
        "incomplete": {"incomplete_details": {"reason": "max_prompt_tokens"}},
        "expired": {},
        "cancelled": {},
    }
    for status, extra in ends.items():
        events = [
            ("thread.run.created", run_object("queued")),
            (f"thread.run.{status}", run_object(status, **extra)),
        ]
        server.reply(sse(events))

    def go() -> Any:
        with client.beta.threads.runs.stream(
            thread_id="thread_1",
            assistant_id="asst_1",
            event_handler=every_hook_handler(openai)(),
        ) as stream:
            stream.until_done()
        final = stream.get_final_run()
        print("error:", final.last_error)
        print("messages:", raised(stream.get_final_messages))
        print("steps:", raised(stream.get_final_run_steps))
        for status in ends:
            with client.beta.threads.runs.stream(
                thread_id="thread_1",
                assistant_id="asst_1",
                event_handler=every_hook_handler(openai)(),
            ) as stream:
                for event in stream:
                    print(type(event).__name__, event.event, status)
            print(repr(stream.get_final_run().incomplete_details))
        return final.status

    result, printed = printing(go)
    return wires(server), result, printed


@program
def stream_manager_used_without_its_with_block(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The mistake the Assistants docs' readers make first: ``stream = runs.stream(...)`` then
    ``stream.until_done()`` — fails alike; the same manager then entered properly."""
    server.reply(sse(answer_events()))
    manager = client.beta.threads.runs.stream(thread_id="thread_1", assistant_id="asst_1")
    no_until_done = raised(lambda: manager.until_done())
    not_iterable = raised(lambda: list(manager))
    with manager as stream:
        names = [event.event for event in stream]
    handler_class = raised(
        lambda: client.beta.threads.runs.stream(
            thread_id="thread_1", assistant_id="asst_1", event_handler=openai.AssistantEventHandler
        ).__enter__()
    )
    return wires(server), no_until_done, not_iterable, type(manager).__name__, names, handler_class


@async_program
async def async_every_hook_then_raw_events(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An ``AsyncAssistantEventHandler`` overriding every hook (each logging its arguments), the
    stream iterated with a handler attached, ``text_deltas`` of a tool-output stream with none,
    and a raw ``runs.create(stream=True)`` printed event by event."""
    log: list[Any] = []

    class Logging(openai.AsyncAssistantEventHandler):
        pass

    def shown(value: Any) -> Any:
        if type(value).__name__ == "Text":
            return value.value
        if type(value).__name__ == "Message":
            return value.id, value.status, [c.text.value for c in value.content]
        return repr(value)

    def logger(name: str) -> Any:
        async def hook(self: Any, *args: Any) -> None:
            # the text snapshots' annotations differ on purpose: test_real_world_l_known
            log.append((name, [shown(a) for a in args]))

        return hook

    for name in (
        "on_run_step_created",
        "on_run_step_delta",
        "on_run_step_done",
        "on_tool_call_created",
        "on_tool_call_delta",
        "on_tool_call_done",
        "on_message_created",
        "on_message_delta",
        "on_message_done",
        "on_text_created",
        "on_text_delta",
        "on_text_done",
        "on_image_file_done",
        "on_end",
        "on_timeout",
        "on_event",
        "on_exception",
    ):
        setattr(Logging, name, logger(name))

    server.reply(code_interpreter_stream(), sse(requires_action_events()))
    async with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Logging()
    ) as stream:
        await stream.until_done()
    steps = repr(await stream.get_final_run_steps())
    async with client.beta.threads.runs.stream(
        thread_id="thread_1", assistant_id="asst_1", event_handler=Logging()
    ) as stream:
        async for event in stream:
            log.append(("iterated", event.event))
    server.reply(sse(answer_events()))
    async with client.beta.threads.runs.submit_tool_outputs_stream(
        thread_id="thread_1",
        run_id="run_1",
        tool_outputs=[{"tool_call_id": "call_t", "output": "1"}],
    ) as stream:
        texts = [text async for text in stream.text_deltas]
        final_text = (await stream.get_final_messages())[0].content[0].text.value
    server.reply(sse(answer_events()))
    events = await client.beta.threads.runs.create(
        thread_id="thread_1", assistant_id="asst_1", stream=True
    )
    printed = [repr(event) async for event in events]
    return wires(server), log, steps, texts, final_text, printed


# --- a stream that stalls or is cut: what the handler raises and hands its hooks ----------------


def stalled_then(events: list[Any], *, drop: bool = False) -> Reply:
    """``events`` as the API streams them, with a second's pause after the second one (longer
    than the client's read timeout) or, ``drop``, the connection closed after the second one."""
    chunks = [f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events]
    if drop:
        return Reply.sse(chunks[:2], drop=True)
    return Reply.sse(chunks, delay=[0, 0, 1.0] + [0] * (len(chunks) - 3))


def failure_logging_handler(openai: ModuleType, log: list[Any]) -> Any:
    class Handler(openai.AssistantEventHandler):
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            log.append(delta.value)

        def on_timeout(self) -> None:
            log.append("timeout")

        def on_exception(self, exception: Exception) -> None:
            log.append(("exception", type(exception).__name__))

        def on_end(self) -> None:
            log.append("end")

    return Handler


def failure(error: BaseException, openai: ModuleType) -> Any:
    """What a script's ``except`` clauses can tell about ``error``."""
    return (
        type(error).__name__,
        isinstance(error, openai.APIError),
        [cls.__name__ for cls in type(error).__mro__][1:4],
    )


@program
def stream_stalled_or_cut_while_the_handler_reads(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A run streamed to a chat UI over a flaky network: the handler's hooks see a read timeout
    (``on_timeout`` then ``on_exception``) or a dropped connection, and the script's ``except``
    gets the transport's own exception (``ReadTimeout``, ``RemoteProtocolError``: no
    ``openai.APIError``), as 1.x handlers raised it. An API call made from a hook that fails stays
    an ``APIConnectionError``."""
    log: list[Any] = []
    handler = failure_logging_handler(openai, log)
    seen = []
    quick = client.with_options(timeout=0.3)
    for drop in (False, True):
        server.reply(stalled_then(answer_events(), drop=drop))
        try:
            with quick.beta.threads.runs.stream(
                thread_id="thread_1", assistant_id="asst_1", event_handler=handler()
            ) as stream:
                stream.until_done()
        except Exception as error:  # what the program's author would catch and log
            seen.append(failure(error, openai))

    class LooksUpFiles(handler):
        def on_message_created(self, message: Any) -> None:
            client.files.retrieve("file-1")

    server.reply(sse(answer_events()), Reply.drop())
    try:
        with client.beta.threads.runs.stream(
            thread_id="thread_1", assistant_id="asst_1", event_handler=LooksUpFiles()
        ) as stream:
            stream.until_done()
    except Exception as error:  # what the program's author would catch and log
        seen.append(failure(error, openai))
    return log, seen


@async_program
async def async_stream_stalled_or_cut_while_the_handler_reads(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    log: list[Any] = []

    class Handler(openai.AsyncAssistantEventHandler):
        async def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            log.append(delta.value)

        async def on_timeout(self) -> None:
            log.append("timeout")

        async def on_exception(self, exception: Exception) -> None:
            log.append(("exception", type(exception).__name__))

    seen = []
    quick = client.with_options(timeout=0.3)
    for drop in (False, True):
        server.reply(stalled_then(answer_events(), drop=drop))
        try:
            async with quick.beta.threads.runs.stream(
                thread_id="thread_1", assistant_id="asst_1", event_handler=Handler()
            ) as stream:
                await stream.until_done()
        except Exception as error:  # what the program's author would catch and log
            seen.append(failure(error, openai))
    return log, seen


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
