"""Real-world sweep I, everyday Assistants (beta) code: an assistant with tools and tool
resources, a thread started with messages and attachments, ``create_and_poll`` and
``create_and_run_poll``, the transcript read in ascending order, a streamed run with an
``AssistantEventHandler`` subclass that prints as it goes and submits tool outputs by
``submit_tool_outputs_stream`` — and the deprecation warnings each package emits on the way (the
same categories and texts). Programs written for the official SDK, run against both packages over
the scripted loopback server.
"""

from __future__ import annotations

import io
import json
import warnings
from contextlib import redirect_stdout
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .programs import async_observed_the_same, observed_the_same, registry
from .real_world_b import poll_header
from .test_real_world_apps import answer_events, requires_action_events, sse, wire
from .test_real_world_b_assistants import assistant, listing, message, run, thread

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def warned(caught: list[warnings.WarningMessage]) -> list[Any]:
    """The warnings a script's author sees under Python's default filters: those pointing at
    their own lines (category and line; the others point into each package's own code and are
    hidden; the texts are the same: test_assistant_create_warns_with_the_sdks_text...)."""
    return [(w.category.__name__, w.lineno) for w in caught if w.filename == __file__]


@program
def tutor_with_tools_files_and_transcript(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    tools_resources = {
        "code_interpreter": {"file_ids": ["file-data"]},
        "file_search": {"vector_store_ids": ["vs_docs"]},
    }
    server.reply(
        Reply.json(
            assistant(
                tools=[{"type": "code_interpreter"}, {"type": "file_search"}],
                tool_resources=tools_resources,
            )
        ),
        Reply.json(thread()),
        Reply.json(run("queued"), headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
        Reply.json(
            listing(
                message("user", "Summarise the report."),
                message("assistant", "The report says revenue grew.", "msg_2"),
            )
        ),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tutor = client.beta.assistants.create(
            name="Analyst",
            instructions="You analyse files.",
            model="gpt-4o",
            tools=[
                {"type": "code_interpreter"},
                {"type": "file_search", "file_search": {"max_num_results": 5}},
                {
                    "type": "function",
                    "function": {
                        "name": "lookup",
                        "description": "Look a term up",
                        "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
                    },
                },
            ],
            tool_resources=tools_resources,
            temperature=0.2,
            metadata={"team": "finance"},
        )
        conversation = client.beta.threads.create(
            messages=[
                {
                    "role": "user",
                    "content": "Summarise the report.",
                    "attachments": [
                        {"file_id": "file-report", "tools": [{"type": "file_search"}]},
                        {"file_id": "file-data", "tools": [{"type": "code_interpreter"}]},
                    ],
                }
            ]
        )
        result = client.beta.threads.runs.create_and_poll(
            thread_id=conversation.id, assistant_id=tutor.id, poll_interval_ms=1
        )
        transcript = []
        if result.status == "completed":
            for item in client.beta.threads.messages.list(thread_id=conversation.id, order="asc"):
                transcript.append(f"{item.role}: {item.content[0].text.value}")
    return (
        wires(server),
        warned(caught),
        tutor.tool_resources.file_search.vector_store_ids,
        result.status,
        transcript,
    )


@program
def create_thread_and_run_poll_then_read(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(run("queued"), headers=poll_header()),
        Reply.json(run("in_progress"), headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
        Reply.json(listing(message("assistant", "Hello!", "msg_9"))),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = client.beta.threads.create_and_run_poll(
            assistant_id="asst_abc",
            thread={"messages": [{"role": "user", "content": "Say hello"}]},
            poll_interval_ms=1,
        )
        latest = client.beta.threads.messages.list(thread_id=result.thread_id, limit=1)
    return (
        wires(server),
        warned(caught),
        result.status,
        result.usage.model_dump(),
        latest.data[0].content[0].text.value,
        latest.first_id,
    )


@program
def streamed_run_with_a_printing_handler(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The Assistants docs' handler: print text and tool calls as they arrive, answer the
    required action from ``on_event`` through ``submit_tool_outputs_stream``."""
    log: list[Any] = []

    class EventHandler(openai.AssistantEventHandler):
        def on_text_created(self, text: Any) -> None:
            print("\nassistant > ", end="", flush=True)

        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            print(delta.value, end="", flush=True)

        def on_tool_call_created(self, tool_call: Any) -> None:
            print(f"\nassistant > {tool_call.type}\n", flush=True)

        def on_tool_call_delta(self, delta: Any, snapshot: Any) -> None:
            if delta.type == "function":
                print(delta.function.arguments, end="", flush=True)

        def on_event(self, event: Any) -> None:
            log.append(event.event)
            if event.event == "thread.run.requires_action":
                run_id = event.data.id
                outputs = [
                    {"tool_call_id": call.id, "output": "22"}
                    for call in event.data.required_action.submit_tool_outputs.tool_calls
                ]
                with client.beta.threads.runs.submit_tool_outputs_stream(
                    thread_id=self.current_run.thread_id,
                    run_id=run_id,
                    tool_outputs=outputs,
                    event_handler=EventHandler(),
                ) as stream:
                    for text in stream.text_deltas:
                        print(text, end="", flush=True)
                    print()

    server.reply(sse(requires_action_events()), sse(answer_events()))
    out = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, redirect_stdout(out):
        warnings.simplefilter("always")
        with client.beta.threads.runs.stream(
            thread_id="thread_1",
            assistant_id="asst_1",
            instructions="Answer briefly.",
            event_handler=EventHandler(),
        ) as stream:
            stream.until_done()
    return wires(server), warned(caught), out.getvalue(), log, stream.current_run.status


@program
def stream_iterated_for_events(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """No handler subclass: iterate the stream and switch on ``event.event``."""
    server.reply(sse(answer_events()))
    seen = []
    with client.beta.threads.runs.stream(thread_id="thread_1", assistant_id="asst_1") as stream:
        for event in stream:
            if event.event == "thread.message.delta":
                seen.append(event.data.delta.content[0].text.value)
            else:
                seen.append((event.event, type(event).__name__, type(event.data).__name__))
        final = stream.get_final_messages()
    return seen, [m.content[0].text.value for m in final], stream.current_run.status


@async_program
async def async_handler_and_create_and_poll(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    seen: list[Any] = []

    class Handler(openai.AsyncAssistantEventHandler):
        async def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            seen.append(("text", delta.value, snapshot.value))

        async def on_tool_call_created(self, tool_call: Any) -> None:
            seen.append(("tool", tool_call.type, tool_call.id))

        async def on_event(self, event: Any) -> None:
            if event.event == "thread.run.requires_action":
                calls = event.data.required_action.submit_tool_outputs.tool_calls
                seen.append(("args", [json.loads(c.function.arguments) for c in calls]))
                async with client.beta.threads.runs.submit_tool_outputs_stream(
                    thread_id="thread_1",
                    run_id=event.data.id,
                    tool_outputs=[{"tool_call_id": c.id, "output": "22"} for c in calls],
                    event_handler=Handler(),
                ) as stream:
                    await stream.until_done()

    server.reply(
        sse(requires_action_events()),
        sse(answer_events()),
        Reply.json(run("queued"), headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with client.beta.threads.runs.stream(
            thread_id="thread_1", assistant_id="asst_1", event_handler=Handler()
        ) as stream:
            await stream.until_done()
        polled = await client.beta.threads.runs.create_and_poll(
            thread_id="thread_abc", assistant_id="asst_abc", poll_interval_ms=1
        )
    return wires(server), warned(caught), seen, polled.status


def test_assistant_create_warns_with_the_sdks_text_at_the_same_place(
    server: ScriptedServer,
) -> None:
    """`beta.assistants.create` warns as openai 3.57 does: 'deprecated' (its text for the five
    `beta.assistants` methods; threads and runs say 'The Assistants API is deprecated in favor of
    the Responses API'), at the caller's line: a warning filter keyed on the text
    (``-W "ignore:deprecated:DeprecationWarning"``, matched from the text's start) treats both
    alike."""

    def create(openai: ModuleType) -> Any:
        server.reply(Reply.json(assistant()))
        with (
            client_of(openai, server.url + "/v1") as client,
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always")
            client.beta.assistants.create(model="gpt-4o")
        mine = [w for w in caught if w.filename == __file__]
        return [(w.category, w.lineno) for w in mine], [str(w.message) for w in mine]

    (ours, our_texts), (theirs, their_texts) = run_both(create)
    assert ours == theirs and [c for c, _ in ours] == [DeprecationWarning]
    assert our_texts == their_texts == ["deprecated"]


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
