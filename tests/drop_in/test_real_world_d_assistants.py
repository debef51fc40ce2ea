"""Real-world sweep D, Assistants streaming at its edges as 1.x code meets them: handlers that
override `on_event` and read the stream's context (`current_event`, `current_run_step_snapshot`,
`current_message_snapshot`), that raise (`on_exception`), that are reused; function-call and
file-search step deltas, image files and citations in message deltas, an `error` event and event
names newer than the SDK; polling helpers with their options — each run against both packages
(see real_world_d).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_b_assistants import (
    REQUIRES_ACTION,
    code_interpreter_stream,
    events,
    listing,
    message,
    poll_header,
)
from .test_real_world_b_assistants import run as run_object

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def step(step_type: str = "tool_calls", **extra: Any) -> Any:
    details = (
        {"type": "tool_calls", "tool_calls": []}
        if step_type == "tool_calls"
        else {"type": "message_creation", "message_creation": {"message_id": "msg_9"}}
    )
    return {
        "id": "step_1",
        "object": "thread.run.step",
        "created_at": 1733000000,
        "run_id": "run_abc",
        "assistant_id": "asst_abc",
        "thread_id": "thread_abc",
        "type": step_type,
        "status": "in_progress",
        "cancelled_at": None,
        "completed_at": None,
        "expired_at": None,
        "failed_at": None,
        "last_error": None,
        "step_details": details,
        "usage": None,
        **extra,
    }


def step_delta(*tool_calls: Any) -> Any:
    return {
        "id": "step_1",
        "object": "thread.run.step.delta",
        "delta": {"step_details": {"type": "tool_calls", "tool_calls": list(tool_calls)}},
    }


def message_delta(*content: Any) -> Any:
    return {"id": "msg_9", "object": "thread.message.delta", "delta": {"content": list(content)}}


EMPTY_MESSAGE = {**message("assistant", "", "msg_9"), "status": "in_progress", "content": []}


def function_call_stream() -> Reply:
    """A run that asks for two function calls, their arguments streamed in pieces."""
    calls = [
        {"id": "call_a", "name": "get_weather", "arguments": '{"city": "Paris"}'},
        {"id": "call_b", "name": "get_time", "arguments": '{"tz": "CET"}'},
    ]
    deltas = []
    for index, call in enumerate(calls):
        deltas.append(
            step_delta(
                {
                    "index": index,
                    "id": call["id"],
                    "type": "function",
                    "function": {"name": call["name"], "arguments": "", "output": None},
                }
            )
        )
        for piece in (call["arguments"][:6], call["arguments"][6:]):
            deltas.append(
                step_delta({"index": index, "type": "function", "function": {"arguments": piece}})
            )
    action = {
        "type": "submit_tool_outputs",
        "submit_tool_outputs": {
            "tool_calls": [
                {
                    "id": c["id"],
                    "type": "function",
                    "function": {"name": c["name"], "arguments": c["arguments"]},
                }
                for c in calls
            ]
        },
    }
    return events(
        ("thread.run.created", run_object("queued")),
        ("thread.run.in_progress", run_object("in_progress")),
        ("thread.run.step.created", step()),
        *[("thread.run.step.delta", d) for d in deltas],
        ("thread.run.requires_action", run_object("requires_action", required_action=action)),
    )


def answer_stream(text: str = "Sunny, 14:00.") -> Reply:
    return events(
        ("thread.run.queued", run_object("queued")),
        ("thread.run.in_progress", run_object("in_progress")),
        ("thread.run.step.created", step("message_creation")),
        ("thread.message.created", EMPTY_MESSAGE),
        (
            "thread.message.delta",
            message_delta({"index": 0, "type": "text", "text": {"value": text}}),
        ),
        ("thread.message.completed", message("assistant", text, "msg_9")),
        ("thread.run.step.completed", {**step("message_creation"), "status": "completed"}),
        ("thread.run.completed", run_object("completed")),
    )


@program
def cookbook_on_event_dispatcher(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The cookbook's handler: `on_event` dispatches on `event.event`, answers the tool calls of
    `requires_action` with a nested `submit_tool_outputs_stream` and a fresh handler."""
    log: list[Any] = []

    class EventHandler(openai.AssistantEventHandler):
        def on_event(self, event: Any) -> None:
            log.append(event.event)
            if event.event == "thread.run.requires_action":
                run_id = event.data.id
                self.handle_requires_action(event.data, run_id)

        def handle_requires_action(self, data: Any, run_id: str) -> None:
            tool_outputs = []
            for tool in data.required_action.submit_tool_outputs.tool_calls:
                if tool.function.name == "get_weather":
                    tool_outputs.append({"tool_call_id": tool.id, "output": "Sunny"})
                elif tool.function.name == "get_time":
                    tool_outputs.append({"tool_call_id": tool.id, "output": "14:00"})
            self.submit_tool_outputs(tool_outputs, run_id)

        def submit_tool_outputs(self, tool_outputs: Any, run_id: str) -> None:
            with client.beta.threads.runs.submit_tool_outputs_stream(
                thread_id=self.current_run.thread_id,
                run_id=self.current_run.id,
                tool_outputs=tool_outputs,
                event_handler=EventHandler(),
            ) as stream:
                for text in stream.text_deltas:
                    log.append(("text", text))

        def on_tool_call_delta(self, delta: Any, snapshot: Any) -> None:
            log.append((delta.index, delta.function.arguments, snapshot.function.arguments))

        def on_tool_call_done(self, tool_call: Any) -> None:
            log.append(("done", tool_call.id, tool_call.function.arguments))

    server.reply(function_call_stream(), answer_stream())
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=EventHandler()
    ) as stream:
        stream.until_done()
    return log, stream.current_run.status


@program
def context_properties_inside_handlers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    log: list[Any] = []

    class Watcher(openai.AssistantEventHandler):
        def on_run_step_created(self, run_step: Any) -> None:
            log.append(("step", self.current_event.event, self.current_run_step_snapshot.id))

        def on_tool_call_created(self, tool_call: Any) -> None:
            log.append(("tool", self.current_event.event, tool_call.code_interpreter.input))

        def on_text_created(self, text: Any) -> None:
            snapshot = self.current_message_snapshot
            log.append(("text", snapshot.id, snapshot.status, text.value))

        def on_message_done(self, message: Any) -> None:
            log.append(("message", self.current_event.data.status, self.current_run.status))

        def on_end(self) -> None:
            log.append(("end", self.current_event, self.current_run.status))

    server.reply(code_interpreter_stream())
    handler = Watcher()
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=handler
    ) as stream:
        stream.until_done()
    return log, stream is handler, type(stream).__name__


@program
def handler_that_raises(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    log: list[Any] = []

    class Broken(openai.AssistantEventHandler):
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            raise ValueError(f"cannot render {delta.value!r}")

        def on_exception(self, exception: Exception) -> None:
            log.append(("on_exception", type(exception).__name__, str(exception)))

        def on_end(self) -> None:
            log.append("end")

    server.reply(code_interpreter_stream())
    try:
        with client.beta.threads.runs.stream(
            thread_id="thread_abc", assistant_id="asst_abc", event_handler=Broken()
        ) as stream:
            stream.until_done()
    except ValueError as error:
        log.append(("raised", str(error)))
    return log


@program
def one_handler_for_two_streams(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    class Handler(openai.AssistantEventHandler):
        pass

    handler = Handler()
    server.reply(code_interpreter_stream(), code_interpreter_stream())
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=handler
    ) as stream:
        stream.until_done()
    try:
        with client.beta.threads.runs.stream(
            thread_id="thread_abc", assistant_id="asst_abc", event_handler=handler
        ) as stream:
            stream.until_done()
    except Exception as error:
        return type(error).__name__, len(server.requests)
    return "reused", len(server.requests)


@program
def error_event_in_a_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        events(
            ("thread.run.created", run_object("queued")),
            ("error", {"error": {"message": "Something broke", "type": "server_error"}}),
        )
    )
    seen = []
    try:
        with client.beta.threads.runs.stream(
            thread_id="thread_abc", assistant_id="asst_abc"
        ) as stream:
            for event in stream:
                seen.append(event.event)
    except openai.APIError as error:
        seen.append((type(error).__name__, error.message, error.body))
    return seen


@program
def events_newer_than_the_sdk(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        events(
            ("thread.run.created", run_object("queued")),
            ("thread.run.step.something_new", {"id": "step_1", "object": "thread.run.step"}),
            ("thread.run.completed", run_object("completed")),
        )
    )
    seen = []
    with client.beta.threads.runs.stream(thread_id="thread_abc", assistant_id="asst_abc") as stream:
        for event in stream:
            seen.append(event.event)
        final = stream.get_final_run()
    return seen, final.status


@program
def images_and_citations_in_message_deltas(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    log: list[Any] = []

    class Handler(openai.AssistantEventHandler):
        def on_image_file_done(self, image_file: Any) -> None:
            log.append(("image", image_file.file_id))

        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            log.append(
                (
                    "text",
                    delta.value,
                    [a.type for a in delta.annotations or []],
                    snapshot.value,
                    len(snapshot.annotations or []),
                )
            )

        def on_message_done(self, message: Any) -> None:
            log.append(("done", [c.type for c in message.content]))

    citation = {
        "index": 0,
        "type": "file_citation",
        "text": "【4:0†faq.md】",
        "start_index": 11,
        "end_index": 23,
        "file_citation": {"file_id": "file-faq"},
    }
    done = {
        **message("assistant", "", "msg_9"),
        "content": [
            {"type": "image_file", "image_file": {"file_id": "file-plot", "detail": "auto"}},
            {
                "type": "text",
                "text": {
                    "value": "See 30 days【4:0†faq.md】",
                    "annotations": [{k: v for k, v in citation.items() if k != "index"}],
                },
            },
        ],
    }
    server.reply(
        events(
            ("thread.run.created", run_object("queued")),
            ("thread.message.created", EMPTY_MESSAGE),
            (
                "thread.message.delta",
                message_delta(
                    {"index": 0, "type": "image_file", "image_file": {"file_id": "file-plot"}}
                ),
            ),
            (
                "thread.message.delta",
                message_delta({"index": 1, "type": "text", "text": {"value": "See 30 days"}}),
            ),
            (
                "thread.message.delta",
                message_delta(
                    {
                        "index": 1,
                        "type": "text",
                        "text": {"value": "【4:0†faq.md】", "annotations": [citation]},
                    }
                ),
            ),
            ("thread.message.completed", done),
            ("thread.run.completed", run_object("completed")),
        )
    )
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Handler()
    ) as stream:
        stream.until_done()
    snapshot = stream.current_message_snapshot
    return log, snapshot.content[1].text.annotations[0].file_citation.file_id


@program
def file_search_step_deltas(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    log: list[Any] = []

    class Handler(openai.AssistantEventHandler):
        def on_tool_call_created(self, tool_call: Any) -> None:
            log.append(("created", tool_call.type, tool_call.id))

        def on_tool_call_done(self, tool_call: Any) -> None:
            log.append(("done", tool_call.type, tool_call.file_search.model_dump()))

        def on_run_step_done(self, run_step: Any) -> None:
            log.append(("step", run_step.status, run_step.usage.total_tokens))

    completed = {
        **step(),
        "status": "completed",
        "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6},
        "step_details": {
            "type": "tool_calls",
            "tool_calls": [{"id": "call_fs", "type": "file_search", "file_search": {}}],
        },
    }
    server.reply(
        events(
            ("thread.run.created", run_object("queued")),
            ("thread.run.step.created", step()),
            (
                "thread.run.step.delta",
                step_delta({"index": 0, "id": "call_fs", "type": "file_search", "file_search": {}}),
            ),
            ("thread.run.step.completed", completed),
            ("thread.run.completed", run_object("completed")),
        )
    )
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Handler()
    ) as stream:
        stream.until_done()
    return log, [s.id for s in stream.get_final_run_steps()]


@program
def polling_helpers_with_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """`create_and_poll` with the run options 1.x tutorials pass, then the tool loop."""
    server.reply(
        Reply.json(run_object("queued"), headers=poll_header()),
        Reply.json(REQUIRES_ACTION, headers=poll_header()),
        Reply.json(run_object("in_progress"), headers=poll_header()),
        Reply.json(run_object("completed"), headers=poll_header()),
        Reply.json(listing(message("assistant", "Done.", "msg_x"))),
    )
    result = client.beta.threads.runs.create_and_poll(
        thread_id="thread_abc",
        assistant_id="asst_abc",
        model="gpt-4o-mini",
        additional_messages=[{"role": "user", "content": "What's the weather in SF?"}],
        tool_choice={"type": "function", "function": {"name": "get_current_temperature"}},
        response_format={"type": "json_object"},
        truncation_strategy={"type": "last_messages", "last_messages": 5},
        max_prompt_tokens=500,
        metadata={"session": "s1"},
        poll_interval_ms=1,
        timeout=20,
    )
    outputs = [
        {"tool_call_id": call.id, "output": json.dumps({"value": 57})}
        for call in result.required_action.submit_tool_outputs.tool_calls
    ]
    finished = client.beta.threads.runs.submit_tool_outputs_and_poll(
        tool_outputs=outputs, run_id=result.id, thread_id=result.thread_id, poll_interval_ms=1
    )
    messages = client.beta.threads.messages.list(thread_id=finished.thread_id, run_id=finished.id)
    return result.status, finished.status, [m.content[0].text.value for m in messages.data]


@async_program
async def async_on_event_dispatcher(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    log: list[Any] = []

    class EventHandler(openai.AsyncAssistantEventHandler):
        async def on_event(self, event: Any) -> None:
            log.append(event.event)
            if event.event == "thread.run.requires_action":
                outputs = [
                    {"tool_call_id": tool.id, "output": "ok"}
                    for tool in event.data.required_action.submit_tool_outputs.tool_calls
                ]
                async with client.beta.threads.runs.submit_tool_outputs_stream(
                    thread_id=self.current_run.thread_id,
                    run_id=self.current_run.id,
                    tool_outputs=outputs,
                    event_handler=EventHandler(),
                ) as stream:
                    async for text in stream.text_deltas:
                        log.append(("text", text))

        async def on_tool_call_done(self, tool_call: Any) -> None:
            log.append(("done", tool_call.function.name, tool_call.function.arguments))

    server.reply(function_call_stream(), answer_stream())
    async with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=EventHandler()
    ) as stream:
        await stream.until_done()
    return log, stream.current_run.status


@async_program
async def async_handler_that_raises(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    log: list[Any] = []

    class Broken(openai.AsyncAssistantEventHandler):
        async def on_tool_call_created(self, tool_call: Any) -> None:
            raise RuntimeError("tool UI failed")

        async def on_exception(self, exception: Exception) -> None:
            log.append(("on_exception", type(exception).__name__))

    server.reply(code_interpreter_stream())
    try:
        async with client.beta.threads.runs.stream(
            thread_id="thread_abc", assistant_id="asst_abc", event_handler=Broken()
        ) as stream:
            await stream.until_done()
    except RuntimeError as error:
        log.append(("raised", str(error)))
    return log


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)
