"""Real-world sweep R, Assistants apps at their edges: a handler with its own ``__init__`` (a
queue a web app drains) decorated with ``typing_extensions.override``, a raw ``runs.create(
stream=True)`` printed by event name, assistants listed and pruned, an assistant's JSON dumped
for a config file and read back, a handler reporting its tool calls' outputs at
``on_tool_call_done`` and the run's usage at ``on_end``, a run that fails mid-stream read through
``on_event``, and an async handler answering tools with ``submit_tool_outputs_stream`` under
``async with AsyncOpenAI()`` — run against both packages over the loopback server (see
real_world_d).
"""

# the handlers subclass `openai.AssistantEventHandler` of a module passed in (typed as Any), so
# pyright cannot see the hooks their `@override` names
# pyright: reportGeneralTypeIssues=false

from __future__ import annotations

import json
import queue
from types import ModuleType
from typing import Any

from typing_extensions import override

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_b_assistants import (
    assistant,
    code_interpreter_stream,
    events,
    listing,
    message,
)
from .test_real_world_b_assistants import run as run_object
from .test_real_world_d_assistants import answer_stream, function_call_stream, step

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


@program
def handler_feeding_a_queue_a_web_app_drains(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    class QueueHandler(openai.AssistantEventHandler):
        def __init__(self, sink: queue.Queue[Any]) -> None:
            super().__init__()
            self.sink = sink

        @override
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            self.sink.put(("delta", delta.value))

        @override
        def on_tool_call_created(self, tool_call: Any) -> None:
            self.sink.put(("tool", tool_call.type, tool_call.id))

        @override
        def on_tool_call_done(self, tool_call: Any) -> None:
            outputs = tool_call.code_interpreter.outputs
            self.sink.put(("tool_done", [o.logs for o in outputs if o.type == "logs"]))

        @override
        def on_end(self) -> None:
            self.sink.put(("end", self.current_run.usage.total_tokens))
            self.sink.put(None)

    server.reply(code_interpreter_stream())
    sink: queue.Queue[Any] = queue.Queue()
    with client.beta.threads.runs.stream(
        thread_id="thread_abc",
        assistant_id="asst_abc",
        event_handler=QueueHandler(sink),
    ) as stream:
        stream.until_done()
    drained = []
    while (item := sink.get_nowait()) is not None:
        drained.append(item)
    return drained


@program
def raw_run_stream_printed_by_event_name(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(code_interpreter_stream())
    printed = []
    stream = client.beta.threads.runs.create(
        thread_id="thread_abc", assistant_id="asst_abc", stream=True
    )
    for event in stream:
        if event.event == "thread.message.delta":
            for block in event.data.delta.content:
                if block.type == "text":
                    printed.append(block.text.value)
        elif event.event == "thread.run.step.delta":
            details = event.data.delta.step_details
            if details and details.type == "tool_calls":
                for call in details.tool_calls:
                    if call.type == "code_interpreter" and call.code_interpreter.input:
                        printed.append(f">>> {call.code_interpreter.input}")
        elif event.event == "thread.run.completed":
            printed.append(f"[done: {event.data.usage.completion_tokens} tokens]")
    return printed, type(stream).__name__, server.requests[0].json()


@program
def assistants_listed_and_pruned(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    mine = [
        assistant(id=f"asst_{n}", name=name, created_at=1733000000 + n)
        for n, name in enumerate(["Math Tutor", "tmp-test", "tmp-old"])
    ]
    server.route(
        "GET",
        "/v1/assistants",
        Reply.json(listing(*mine[:2], has_more=True)),
        Reply.json(listing(mine[2])),
    )
    for item in mine:
        server.route(
            "DELETE",
            f"/v1/assistants/{item['id']}",
            Reply.json({"id": item["id"], "object": "assistant.deleted", "deleted": True}),
        )
    removed = []
    for item in client.beta.assistants.list(order="desc", limit=2):
        if item.name and item.name.startswith("tmp-"):
            result = client.beta.assistants.delete(item.id)
            removed.append((result.id, result.deleted, result.object))
    return removed, [(r.method, r.path, sorted(r.query)) for r in server.requests]


@program
def assistant_saved_as_json_config_and_recreated(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    schema = {
        "name": "answer",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {"answer": {"type": "string"}},
            "required": ["answer"],
            "additionalProperties": False,
        },
    }
    made = assistant(
        response_format={"type": "json_schema", "json_schema": schema},
        tools=[{"type": "file_search", "file_search": {"max_num_results": 5}}],
        temperature=0.2,
        reasoning_effort=None,
    )
    server.reply(Reply.json(made), Reply.json(made))
    created = client.beta.assistants.create(
        model="gpt-4o",
        name="Math Tutor",
        response_format={"type": "json_schema", "json_schema": schema},
        tools=[{"type": "file_search", "file_search": {"max_num_results": 5}}],
        temperature=0.2,
    )
    config = json.loads(created.model_dump_json(exclude_unset=True))
    again = client.beta.assistants.create(
        model=config["model"],
        name=config["name"],
        instructions=config["instructions"],
        tools=config["tools"],
        response_format=config["response_format"],
        temperature=config["temperature"],
    )
    return (
        config,
        type(created.response_format).__name__,
        created.response_format.json_schema.name,
        type(created.tools[0]).__name__,
        created.tools[0].file_search.max_num_results,
        again.id,
        server.requests[1].json(),
    )


@program
def failed_run_seen_through_on_event(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    failure = run_object(
        "failed",
        failed_at=1733000005,
        last_error={"code": "rate_limit_exceeded", "message": "You exceeded your quota."},
    )
    server.reply(
        events(
            ("thread.run.created", run_object("queued")),
            ("thread.run.in_progress", run_object("in_progress")),
            ("thread.run.step.created", step("message_creation")),
            (
                "thread.run.step.failed",
                {
                    **step("message_creation"),
                    "status": "failed",
                    "last_error": {"code": "server_error", "message": "boom"},
                },
            ),
            ("thread.run.failed", failure),
        )
    )
    log: list[Any] = []

    class Watch(openai.AssistantEventHandler):
        def on_event(self, event: Any) -> None:
            if event.event == "thread.run.failed":
                error = event.data.last_error
                log.append(("failed", error.code, error.message))
            elif event.event == "thread.run.step.failed":
                log.append(("step failed", event.data.last_error.code))

        def on_run_step_done(self, run_step: Any) -> None:
            log.append(("step done", run_step.status))

        def on_end(self) -> None:
            log.append(("end", self.current_run.status))

    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Watch()
    ) as stream:
        stream.until_done()
    final = stream.get_final_run()
    return log, final.status, final.last_error.code, final.failed_at


@program
def tool_call_arguments_accumulated_from_snapshots(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A handler that keeps the snapshot of each function call as it streams and, at the end,
    parses every call's arguments from what it kept."""
    kept: dict[str, Any] = {}

    class Calls(openai.AssistantEventHandler):
        def on_tool_call_delta(self, delta: Any, snapshot: Any) -> None:
            kept[snapshot.id] = snapshot

        def on_tool_call_done(self, tool_call: Any) -> None:
            kept[tool_call.id] = tool_call

    server.reply(function_call_stream())
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Calls()
    ) as stream:
        stream.until_done()
    action = stream.current_run.required_action
    return (
        {
            name: (call.function.name, json.loads(call.function.arguments))
            for name, call in kept.items()
        },
        [c.id for c in action.submit_tool_outputs.tool_calls],
        [type(c).__name__ for c in kept.values()],
    )


@program
def quickstart_printed_as_a_transcript(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The quickstart's last step: every message of the thread printed oldest first, with the
    roles and the content value, and ``reversed(messages.data)`` as older tutorials did."""
    server.reply(
        Reply.json(
            listing(
                message("assistant", "x = 1", "msg_2"),
                message("user", "Solve 3x + 11 = 14", "msg_1"),
            )
        )
    )
    messages = client.beta.threads.messages.list(thread_id="thread_abc")
    lines = []
    for msg in reversed(messages.data):
        lines.append(f"{msg.role}: {msg.content[0].text.value}")
    return lines, messages.first_id, messages.last_id, messages.has_more, len(messages.data)


@async_program
async def async_with_client_handler_answers_tools(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    log: list[Any] = []

    class Handler(openai.AsyncAssistantEventHandler):
        def __init__(self, own: Any) -> None:
            super().__init__()
            self.own = own

        @override
        async def on_event(self, event: Any) -> None:
            if event.event == "thread.run.requires_action":
                outputs = [
                    {"tool_call_id": call.id, "output": json.dumps({"ok": True})}
                    for call in event.data.required_action.submit_tool_outputs.tool_calls
                ]
                async with self.own.beta.threads.runs.submit_tool_outputs_stream(
                    thread_id=event.data.thread_id,
                    run_id=event.data.id,
                    tool_outputs=outputs,
                    event_handler=Handler(self.own),
                ) as inner:
                    await inner.until_done()

        @override
        async def on_text_done(self, text: Any) -> None:
            log.append(("text", text.value))

        @override
        async def on_message_done(self, message: Any) -> None:
            log.append(("message", message.id, message.status))

    server.reply(function_call_stream(), answer_stream("Paris: sunny."))
    async with (
        openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0) as own,
        own.beta.threads.runs.stream(
            thread_id="thread_abc", assistant_id="asst_abc", event_handler=Handler(own)
        ) as stream,
    ):
        await stream.until_done()
    return log, own.is_closed(), server.requests[1].json()


@async_program
async def async_raw_run_stream_with_create_and_run(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(code_interpreter_stream())
    seen = []
    stream = await client.beta.threads.create_and_run(
        assistant_id="asst_abc",
        thread={"messages": [{"role": "user", "content": "3 + 4?"}]},
        stream=True,
    )
    async for event in stream:
        seen.append((event.event, type(event.data).__name__))
    return seen, server.requests[0].json()


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
