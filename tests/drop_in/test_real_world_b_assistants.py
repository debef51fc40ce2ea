"""Real-world sweep B: the Assistants API (assistants, threads, messages, runs: create_and_poll,
submit_tool_outputs_and_poll, streams with an event handler subclass, run steps) as users of the
official SDK write it — its README and the Assistants quickstart — run against both packages; see
real_world_b.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .real_world_b import Programs, Reply, ScriptedServer, poll_header

programs = Programs()


def assistant(**extra: Any) -> Any:
    return {
        "id": "asst_abc",
        "object": "assistant",
        "created_at": 1733000000,
        "name": "Math Tutor",
        "description": None,
        "model": "gpt-4o",
        "instructions": "You are a personal math tutor.",
        "tools": [{"type": "code_interpreter"}],
        "tool_resources": {"code_interpreter": {"file_ids": []}},
        "metadata": {},
        "top_p": 1.0,
        "temperature": 1.0,
        "response_format": "auto",
        **extra,
    }


def thread(**extra: Any) -> Any:
    return {
        "id": "thread_abc",
        "object": "thread",
        "created_at": 1733000000,
        "metadata": {},
        "tool_resources": {},
        **extra,
    }


def message(
    role: str, text: str, message_id: str = "msg_1", annotations: Any = (), **extra: Any
) -> Any:
    return {
        "id": message_id,
        "object": "thread.message",
        "created_at": 1733000000,
        "assistant_id": "asst_abc" if role == "assistant" else None,
        "thread_id": "thread_abc",
        "run_id": "run_abc" if role == "assistant" else None,
        "role": role,
        "content": [{"type": "text", "text": {"value": text, "annotations": list(annotations)}}],
        "attachments": [],
        "metadata": {},
        "status": "completed",
        "incomplete_details": None,
        "completed_at": 1733000001,
        "incomplete_at": None,
        **extra,
    }


def run(status: str, **extra: Any) -> Any:
    return {
        "id": "run_abc",
        "object": "thread.run",
        "created_at": 1733000000,
        "assistant_id": "asst_abc",
        "thread_id": "thread_abc",
        "status": status,
        "started_at": 1733000001,
        "expires_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": 1733000002 if status == "completed" else None,
        "last_error": None,
        "model": "gpt-4o",
        "instructions": "Please address the user as Jane Doe.",
        "tools": [{"type": "code_interpreter"}],
        "metadata": {},
        "incomplete_details": None,
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}
        if status == "completed"
        else None,
        "temperature": 1.0,
        "top_p": 1.0,
        "max_prompt_tokens": None,
        "max_completion_tokens": None,
        "truncation_strategy": {"type": "auto", "last_messages": None},
        "response_format": "auto",
        "tool_choice": "auto",
        "parallel_tool_calls": True,
        "required_action": None,
        **extra,
    }


def listing(*items: Any, has_more: bool = False) -> Any:
    return {
        "object": "list",
        "data": list(items),
        "first_id": items[0]["id"] if items else None,
        "last_id": items[-1]["id"] if items else None,
        "has_more": has_more,
    }


def events(*pairs: tuple[str, Any]) -> Reply:
    chunks = [f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in pairs]
    return Reply.sse([*chunks, "event: done\ndata: [DONE]\n\n"])


WEATHER_CALLS = [
    {
        "id": "call_temp",
        "type": "function",
        "function": {"name": "get_current_temperature", "arguments": '{"location": "SF"}'},
    },
    {
        "id": "call_rain",
        "type": "function",
        "function": {"name": "get_rain_probability", "arguments": '{"location": "SF"}'},
    },
]
REQUIRES_ACTION = run(
    "requires_action",
    required_action={
        "type": "submit_tool_outputs",
        "submit_tool_outputs": {"tool_calls": WEATHER_CALLS},
    },
)


@programs
def quickstart_create_and_poll(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(assistant()),
        Reply.json(thread()),
        Reply.json(message("user", "I need to solve the equation `3x + 11 = 14`.")),
        Reply.json(run("queued"), headers=poll_header()),
        Reply.json(run("in_progress"), headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
        Reply.json(
            listing(
                message("assistant", "Sure, Jane Doe: x = 1.", "msg_2"),
                message("user", "I need to solve the equation `3x + 11 = 14`."),
            )
        ),
    )
    tutor = client.beta.assistants.create(
        name="Math Tutor",
        instructions="You are a personal math tutor. Write and run code to answer math questions.",
        tools=[{"type": "code_interpreter"}],
        model="gpt-4o",
    )
    conversation = client.beta.threads.create()
    client.beta.threads.messages.create(
        thread_id=conversation.id,
        role="user",
        content="I need to solve the equation `3x + 11 = 14`. Can you help me?",
    )
    result = client.beta.threads.runs.create_and_poll(
        thread_id=conversation.id,
        assistant_id=tutor.id,
        instructions="Please address the user as Jane Doe. The user has a premium account.",
    )
    transcript = []
    if result.status == "completed":
        messages = client.beta.threads.messages.list(thread_id=conversation.id)
        for item in messages:
            transcript.append((item.role, item.content[0].text.value))
    return result.status, result.usage.total_tokens, transcript


@programs
def function_calling_submit_and_poll(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(run("queued"), headers=poll_header()),
        Reply.json(REQUIRES_ACTION, headers=poll_header()),
        Reply.json(run("queued"), headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
        Reply.json(listing(message("assistant", "57F and 6% rain.", "msg_3"))),
    )
    result = client.beta.threads.runs.create_and_poll(
        thread_id="thread_abc", assistant_id="asst_abc", poll_interval_ms=1
    )
    tool_outputs = []
    for tool in result.required_action.submit_tool_outputs.tool_calls:
        if tool.function.name == "get_current_temperature":
            tool_outputs.append({"tool_call_id": tool.id, "output": "57"})
        elif tool.function.name == "get_rain_probability":
            tool_outputs.append({"tool_call_id": tool.id, "output": "0.06"})
    if tool_outputs:
        result = client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=result.thread_id, run_id=result.id, tool_outputs=tool_outputs
        )
    answer = client.beta.threads.messages.list(thread_id="thread_abc", order="desc", limit=1)
    return result.status, answer.data[0].content[0].text.value


def code_interpreter_stream() -> Reply:
    step = {
        "id": "step_1",
        "object": "thread.run.step",
        "created_at": 1733000000,
        "run_id": "run_abc",
        "assistant_id": "asst_abc",
        "thread_id": "thread_abc",
        "type": "tool_calls",
        "status": "in_progress",
        "cancelled_at": None,
        "completed_at": None,
        "expired_at": None,
        "failed_at": None,
        "last_error": None,
        "step_details": {"type": "tool_calls", "tool_calls": []},
        "usage": None,
    }

    def step_delta(tool_call: Any) -> Any:
        return {
            "id": "step_1",
            "object": "thread.run.step.delta",
            "delta": {"step_details": {"type": "tool_calls", "tool_calls": [tool_call]}},
        }

    empty = {**message("assistant", "", "msg_9"), "status": "in_progress", "content": []}

    def text_delta(piece: str) -> Any:
        return {
            "id": "msg_9",
            "object": "thread.message.delta",
            "delta": {
                "content": [{"index": 0, "type": "text", "text": {"value": piece}}],
            },
        }

    return events(
        ("thread.run.created", run("queued")),
        ("thread.run.queued", run("queued")),
        ("thread.run.in_progress", run("in_progress")),
        ("thread.run.step.created", step),
        ("thread.run.step.in_progress", step),
        (
            "thread.run.step.delta",
            step_delta(
                {
                    "index": 0,
                    "id": "call_ci",
                    "type": "code_interpreter",
                    "code_interpreter": {"input": "", "outputs": []},
                }
            ),
        ),
        (
            "thread.run.step.delta",
            step_delta(
                {"index": 0, "type": "code_interpreter", "code_interpreter": {"input": "3 + 4"}}
            ),
        ),
        (
            "thread.run.step.delta",
            step_delta(
                {
                    "index": 0,
                    "type": "code_interpreter",
                    "code_interpreter": {"outputs": [{"index": 0, "type": "logs", "logs": "7"}]},
                }
            ),
        ),
        (
            "thread.run.step.completed",
            {
                **step,
                "status": "completed",
                "step_details": {
                    "type": "tool_calls",
                    "tool_calls": [
                        {
                            "id": "call_ci",
                            "type": "code_interpreter",
                            "code_interpreter": {
                                "input": "3 + 4",
                                "outputs": [{"type": "logs", "logs": "7"}],
                            },
                        }
                    ],
                },
            },
        ),
        ("thread.message.created", empty),
        ("thread.message.in_progress", empty),
        ("thread.message.delta", text_delta("The answer")),
        ("thread.message.delta", text_delta(" is 7.")),
        ("thread.message.completed", message("assistant", "The answer is 7.", "msg_9")),
        ("thread.run.completed", run("completed")),
    )


@programs
def readme_event_handler(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    from typing_extensions import override

    printed: list[Any] = []

    class EventHandler(openai.AssistantEventHandler):
        @override
        def on_text_created(self, text: Any) -> None:
            printed.append("\nassistant > ")

        @override
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            printed.append(delta.value)

        def on_tool_call_created(self, tool_call: Any) -> None:
            printed.append(f"\nassistant > {tool_call.type}\n")

        def on_tool_call_delta(self, delta: Any, snapshot: Any) -> None:
            if delta.type == "code_interpreter":
                if delta.code_interpreter.input:
                    printed.append(delta.code_interpreter.input)
                if delta.code_interpreter.outputs:
                    printed.append("\n\noutput >")
                    for output in delta.code_interpreter.outputs:
                        if output.type == "logs":
                            printed.append(f"\n{output.logs}")

    server.reply(code_interpreter_stream())
    with client.beta.threads.runs.stream(
        thread_id="thread_abc",
        assistant_id="asst_abc",
        instructions="Please address the user as Jane Doe. The user has a premium account.",
        event_handler=EventHandler(),
    ) as stream:
        stream.until_done()
    return printed


@programs
def stream_events_and_final_objects(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(code_interpreter_stream())
    seen = []
    with client.beta.threads.runs.stream(thread_id="thread_abc", assistant_id="asst_abc") as stream:
        for event in stream:
            if event.event == "thread.message.delta":
                seen.append(event.data.delta.content[0].text.value)
            elif event.event == "thread.run.step.completed":
                seen.append(event.data.step_details.tool_calls[0].code_interpreter.outputs[0].logs)
            elif event.event in ("thread.run.created", "thread.run.completed"):
                seen.append((event.event, event.data.status, type(event).__name__))
        final_run = stream.get_final_run()
        final_messages = stream.get_final_messages()
        steps = stream.get_final_run_steps()
    return (
        seen,
        final_run.status,
        [m.content[0].text.value for m in final_messages],
        [s.step_details.tool_calls[0].code_interpreter.input for s in steps],
        stream.current_run.id,
    )


@programs
def stream_text_deltas_with_handler_hooks(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    log: list[Any] = []

    class Recorder(openai.AssistantEventHandler):
        def on_run_step_created(self, run_step: Any) -> None:
            log.append(("step", run_step.type))

        def on_tool_call_done(self, tool_call: Any) -> None:
            log.append(("tool done", tool_call.code_interpreter.input))

        def on_message_done(self, message: Any) -> None:
            log.append(("message", message.content[0].text.value))

        def on_text_done(self, text: Any) -> None:
            log.append(("text", text.value))

        def on_end(self) -> None:
            log.append(("end", self.current_run.status))

    server.reply(code_interpreter_stream())
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Recorder()
    ) as stream:
        deltas = list(stream.text_deltas)
    return deltas, log


@programs
def create_thread_and_run_poll(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(run("queued"), headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
        Reply.json(
            listing(
                {
                    "id": "step_1",
                    "object": "thread.run.step",
                    "created_at": 1733000000,
                    "run_id": "run_abc",
                    "assistant_id": "asst_abc",
                    "thread_id": "thread_abc",
                    "type": "message_creation",
                    "status": "completed",
                    "cancelled_at": None,
                    "completed_at": 1733000002,
                    "expired_at": None,
                    "failed_at": None,
                    "last_error": None,
                    "step_details": {
                        "type": "message_creation",
                        "message_creation": {"message_id": "msg_5"},
                    },
                    "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
                }
            )
        ),
    )
    finished = client.beta.threads.create_and_run_poll(
        assistant_id="asst_abc",
        thread={
            "messages": [{"role": "user", "content": "Explain deep learning to a 5 year old."}]
        },
        poll_interval_ms=1,
    )
    steps = client.beta.threads.runs.steps.list(thread_id=finished.thread_id, run_id=finished.id)
    return (
        finished.status,
        [(s.type, s.step_details.message_creation.message_id, s.usage.total_tokens) for s in steps],
    )


@programs
def manage_assistants_and_threads(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(listing(assistant(), assistant(id="asst_2", name="Writer"), has_more=False)),
        Reply.json(assistant(tools=[{"type": "file_search"}], name="Math Tutor v2")),
        Reply.json({"id": "asst_2", "object": "assistant.deleted", "deleted": True}),
        Reply.json(thread(metadata={"user": "u1"})),
        Reply.json(thread(metadata={"user": "u1", "modified": "true"})),
        Reply.json({"id": "thread_abc", "object": "thread.deleted", "deleted": True}),
        Reply.json(run("cancelling")),
    )
    names = [a.name for a in client.beta.assistants.list(order="desc", limit=20)]
    updated = client.beta.assistants.update(
        "asst_abc",
        name="Math Tutor v2",
        tools=[{"type": "file_search"}],
        tool_resources={"file_search": {"vector_store_ids": ["vs_abc"]}},
    )
    gone = client.beta.assistants.delete("asst_2")
    created = client.beta.threads.create(
        messages=[{"role": "user", "content": "hi"}], metadata={"user": "u1"}
    )
    modified = client.beta.threads.update(created.id, metadata={"user": "u1", "modified": "true"})
    deleted = client.beta.threads.delete(created.id)
    cancelling = client.beta.threads.runs.cancel(run_id="run_abc", thread_id="thread_abc")
    return (
        names,
        [t.type for t in updated.tools],
        gone.deleted,
        modified.metadata,
        deleted.deleted,
        cancelling.status,
    )


@programs
def message_annotations_and_files(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    text = "The refund window is 30 days【4:0†faq.md】."
    citation = {
        "type": "file_citation",
        "text": "【4:0†faq.md】",
        "start_index": 31,
        "end_index": 43,
        "file_citation": {"file_id": "file-faq"},
    }
    image_message = {
        **message("assistant", "", "msg_img"),
        "content": [
            {"type": "image_file", "image_file": {"file_id": "file-plot", "detail": "auto"}},
            {"type": "text", "text": {"value": "Here is the plot.", "annotations": []}},
        ],
    }
    server.reply(
        Reply.json(listing(message("assistant", text, "msg_c", [citation]), image_message)),
        Reply.json(
            {
                "id": "file-faq",
                "object": "file",
                "bytes": 1,
                "created_at": 1,
                "filename": "faq.md",
                "purpose": "assistants",
                "status": "processed",
            }
        ),
        Reply.raw(b"\x89PNG", content_type="image/png"),
    )
    messages = client.beta.threads.messages.list(thread_id="thread_abc", run_id="run_abc")
    message_content = messages.data[0].content[0].text
    citations = []
    for index, annotation in enumerate(message_content.annotations):
        message_content.value = message_content.value.replace(annotation.text, f"[{index}]")
        if file_citation := getattr(annotation, "file_citation", None):
            cited_file = client.files.retrieve(file_citation.file_id)
            citations.append(f"[{index}] {cited_file.filename}")
    plot = None
    for block in messages.data[1].content:
        if block.type == "image_file":
            plot = client.files.content(block.image_file.file_id).read()
    return message_content.value, citations, plot


@programs
async def async_event_handler_and_poll(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    deltas: list[str] = []

    class Handler(openai.AsyncAssistantEventHandler):
        async def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            deltas.append(delta.value)

        async def on_tool_call_created(self, tool_call: Any) -> None:
            deltas.append(tool_call.type)

    server.reply(
        code_interpreter_stream(),
        Reply.json(run("queued"), headers=poll_header()),
        Reply.json(REQUIRES_ACTION, headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
        Reply.json(run("completed"), headers=poll_header()),
    )
    async with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Handler()
    ) as stream:
        await stream.until_done()
    polled = await client.beta.threads.runs.create_and_poll(
        thread_id="thread_abc", assistant_id="asst_abc"
    )
    calls = polled.required_action.submit_tool_outputs.tool_calls
    done = await client.beta.threads.runs.submit_tool_outputs_and_poll(
        run_id=polled.id,
        thread_id="thread_abc",
        tool_outputs=[{"tool_call_id": c.id, "output": "x"} for c in calls],
    )
    return deltas, [c.function.name for c in calls], done.status


@programs
def poll_a_run_and_read_its_failure(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    failed = run(
        "failed",
        failed_at=1733000005,
        last_error={"code": "rate_limit_exceeded", "message": "You exceeded your quota."},
        incomplete_details=None,
    )
    server.reply(
        Reply.json(run("in_progress"), headers=poll_header()),
        Reply.json(failed, headers=poll_header()),
        Reply.json(run("expired"), headers=poll_header()),
    )
    result = client.beta.threads.runs.poll(run_id="run_abc", thread_id="thread_abc")
    report = None
    if result.status == "failed":
        report = f"{result.last_error.code}: {result.last_error.message}"
    expired = client.beta.threads.runs.poll("run_abc", "thread_abc", poll_interval_ms=1)
    return result.status, report, result.failed_at, expired.status


@programs
def create_and_run_stream_with_handler(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    seen: list[Any] = []

    class Printer(openai.AssistantEventHandler):
        def on_message_created(self, message: Any) -> None:
            seen.append(("created", message.id, message.status))

        def on_message_delta(self, delta: Any, snapshot: Any) -> None:
            seen.append(("delta", delta.content[0].text.value, snapshot.content[0].text.value))

        def on_run_step_done(self, run_step: Any) -> None:
            seen.append(("step done", run_step.status, run_step.type))

    server.reply(code_interpreter_stream())
    with client.beta.threads.create_and_run_stream(
        assistant_id="asst_abc",
        thread={"messages": [{"role": "user", "content": "What is 3 + 4?"}]},
        event_handler=Printer(),
    ) as stream:
        stream.until_done()
    return seen, stream.current_message_snapshot.content[0].text.value


@programs
def update_and_delete_messages_and_steps(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    step = {
        "id": "step_9",
        "object": "thread.run.step",
        "created_at": 1733000000,
        "run_id": "run_abc",
        "assistant_id": "asst_abc",
        "thread_id": "thread_abc",
        "type": "tool_calls",
        "status": "completed",
        "cancelled_at": None,
        "completed_at": 1733000002,
        "expired_at": None,
        "failed_at": None,
        "last_error": None,
        "step_details": {
            "type": "tool_calls",
            "tool_calls": [
                {
                    "id": "call_fs",
                    "type": "file_search",
                    "file_search": {
                        "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.0},
                        "results": [
                            {
                                "file_id": "file-faq",
                                "file_name": "faq.md",
                                "score": 0.9,
                                "content": [{"type": "text", "text": "30 days"}],
                            }
                        ],
                    },
                }
            ],
        },
        "usage": None,
    }
    server.reply(
        Reply.json(message("user", "hello", "msg_u", metadata={"edited": "yes"})),
        Reply.json({"id": "msg_u", "object": "thread.message.deleted", "deleted": True}),
        Reply.json(step),
        Reply.json(message("user", "x", "msg_r")),
    )
    updated = client.beta.threads.messages.update(
        message_id="msg_u", thread_id="thread_abc", metadata={"edited": "yes"}
    )
    deleted = client.beta.threads.messages.delete(message_id="msg_u", thread_id="thread_abc")
    detail = client.beta.threads.runs.steps.retrieve(
        step_id="step_9",
        thread_id="thread_abc",
        run_id="run_abc",
        include=["step_details.tool_calls[*].file_search.results[*].content"],
    )
    search = detail.step_details.tool_calls[0].file_search
    fetched = client.beta.threads.messages.retrieve(message_id="msg_r", thread_id="thread_abc")
    return (
        updated.metadata,
        deleted.deleted,
        [(r.file_name, r.score, r.content[0].text) for r in search.results],
        search.ranking_options.ranker,
        fetched.content[0].text.value,
    )


@programs
def deprecated_create_and_stream(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # code from before `runs.stream`: the deprecated `create_and_stream`, a handler and final run
    deltas: list[str] = []

    class Handler(openai.AssistantEventHandler):
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            deltas.append(delta.value)

    server.reply(code_interpreter_stream())
    with client.beta.threads.runs.create_and_stream(
        thread_id="thread_abc",
        assistant_id="asst_abc",
        instructions="be brief",
        event_handler=Handler(),
    ) as stream:
        final = stream.get_final_run()
    return deltas, final.status, final.usage.prompt_tokens


@programs
def client_level_raw_and_streaming_accessors(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(assistant(), headers={"x-request-id": "req_a"}),
        Reply.json(listing(message("assistant", "hi")), headers={"x-request-id": "req_m"}),
        Reply.json(thread(), headers={"x-request-id": "req_t"}),
    )
    raw = client.with_raw_response.beta.assistants.retrieve("asst_abc")
    tutor = raw.parse()
    with client.with_streaming_response.beta.threads.messages.list("thread_abc") as response:
        listed = response.parse()
        request_id = response.request_id if hasattr(response, "request_id") else None
    created = client.beta.threads.with_raw_response.create()
    return (
        tutor.name,
        raw.request_id if hasattr(raw, "request_id") else None,
        [m.id for m in listed],
        request_id,
        created.parse().id,
        created.parse()._request_id,
    )


@programs
async def async_stream_iteration_and_text_deltas(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(code_interpreter_stream(), code_interpreter_stream())
    kinds = []
    async with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc"
    ) as stream:
        async for event in stream:
            kinds.append(event.event)
        final = await stream.get_final_messages()
    async with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc"
    ) as stream:
        text = [piece async for piece in stream.text_deltas]
    return kinds, [m.content[0].text.value for m in final], text


@pytest.mark.parametrize("name", sorted(programs.sync))
def test_program(name: str, tmp_path: Path) -> None:
    ours, theirs = programs.run(name, tmp_path)
    assert ours[1] == theirs[1]  # the requests sent
    assert ours[0] == theirs[0]  # what the program observed


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(programs.asynchronous))
async def test_async_program(name: str, tmp_path: Path) -> None:
    ours, theirs = await programs.arun(name, tmp_path)
    assert ours[1] == theirs[1]
    assert ours[0] == theirs[0]
