"""Real-world sweep R, Assistants v2 end to end as tutorials and small apps write it: a weather
bot whose handler answers tool calls inside the stream and reads the nested stream's final run,
messages listed oldest first for one run across pages, citations swapped for footnotes and the
files a code-interpreter answer points at downloaded, the run's steps read with their file-search
results, a Flask-style generator of text deltas, runs listed and cancelled, vector stores fed by
``file_batches.upload_and_poll`` and ``files.create_and_poll`` on the path the user's SDK had, and
the async forms (``async with AsyncOpenAI()``, runs polled side by side with ``asyncio.gather``)
— run against both packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import asyncio
import io
import json
import tempfile
from contextlib import redirect_stdout
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same as gathered_observed_the_same
from .programs import registry
from .real_world_d import async_observed_the_same, beta_vector_stores, observed_the_same
from .test_real_world_b_assistants import (
    REQUIRES_ACTION,
    assistant,
    code_interpreter_stream,
    events,
    listing,
    message,
    poll_header,
    thread,
)
from .test_real_world_b_assistants import run as run_object
from .test_real_world_b_stores import file_batch, store, store_file, uploaded
from .test_real_world_d_assistants import (
    EMPTY_MESSAGE,
    answer_stream,
    function_call_stream,
    message_delta,
    step,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()
# programs whose concurrent requests reach the server in any order: they return their requests
# sorted, and only what they return is compared
_, GATHERED, _, gathered_program = registry()


def printing(code: Any) -> tuple[Any, list[str]]:
    out = io.StringIO()
    with redirect_stdout(out):
        result = code()
    return result, out.getvalue().splitlines()


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-r-"))


def file_object(file_id: str, filename: str, purpose: str = "assistants") -> Any:
    return {
        "id": file_id,
        "object": "file",
        "bytes": 120,
        "created_at": 1733000000,
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
    }


def completed_step_with_search() -> Any:
    return step(
        status="completed",
        step_details={
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
                                "score": 0.91,
                                "content": [{"type": "text", "text": "Refunds: 30 days."}],
                            }
                        ],
                    },
                }
            ],
        },
        usage={"prompt_tokens": 50, "completion_tokens": 10, "total_tokens": 60},
    )


@program
def weather_bot_answers_tools_inside_the_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The function-calling tutorial: the tools declared on the assistant as dicts, the handler
    overriding ``on_tool_call_created``/``on_tool_call_delta``/``on_run_step_done``/``on_end`` and
    answering in ``on_event``; the nested stream's ``get_final_run`` and ``get_final_messages``."""
    tools = [
        {
            "type": "function",
            "function": {
                "name": name,
                "description": f"Get the {name}",
                "parameters": {
                    "type": "object",
                    "properties": {"city": {"type": "string"}},
                    "required": ["city"],
                },
            },
        }
        for name in ("get_weather", "get_time")
    ]
    server.reply(
        Reply.json(assistant(tools=tools, name="Weather Bot")),
        Reply.json(thread()),
        Reply.json(message("user", "Weather in Paris?")),
        function_call_stream(),
        answer_stream(),
    )
    finals: list[Any] = []

    class WeatherHandler(openai.AssistantEventHandler):
        def on_tool_call_created(self, tool_call: Any) -> None:
            print(f"\nassistant > {tool_call.type} {tool_call.function.name}")

        def on_tool_call_delta(self, delta: Any, snapshot: Any) -> None:
            if delta.type == "function" and delta.function.arguments:
                print(delta.function.arguments, end="", flush=True)

        def on_run_step_done(self, run_step: Any) -> None:
            print("\nstep done:", run_step.id, run_step.type, run_step.status)

        def on_event(self, event: Any) -> None:
            if event.event == "thread.run.requires_action":
                outputs = []
                for call in event.data.required_action.submit_tool_outputs.tool_calls:
                    args = json.loads(call.function.arguments)
                    outputs.append(
                        {"tool_call_id": call.id, "output": f"{call.function.name}:{args}"}
                    )
                with client.beta.threads.runs.submit_tool_outputs_stream(
                    thread_id=self.current_run.thread_id,
                    run_id=self.current_run.id,
                    tool_outputs=outputs,
                    event_handler=WeatherHandler(),
                ) as inner:
                    inner.until_done()
                    finals.append(inner.get_final_run().status)
                    finals.append([m.content[0].text.value for m in inner.get_final_messages()])

        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            print(delta.value, end="", flush=True)

        def on_end(self) -> None:
            print("\nend:", self.current_run.status if self.current_run else None)

    def go() -> Any:
        bot = client.beta.assistants.create(
            name="Weather Bot", instructions="Use the tools.", model="gpt-4o", tools=tools
        )
        conversation = client.beta.threads.create()
        client.beta.threads.messages.create(
            thread_id=conversation.id, role="user", content="Weather in Paris?"
        )
        with client.beta.threads.runs.stream(
            thread_id=conversation.id, assistant_id=bot.id, event_handler=WeatherHandler()
        ) as stream:
            stream.until_done()
        return [t.function.name for t in bot.tools], stream.get_final_run().status

    result, printed = printing(go)
    return result, finals, printed


@program
def messages_of_one_run_oldest_first(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``messages.list(order="asc", run_id=...)`` iterated over two pages, the transcript printed
    role by role as the quickstart does."""
    first = listing(
        message("user", "Hi", "msg_1"), message("assistant", "Hello!", "msg_2"), has_more=True
    )
    second = listing(message("assistant", "How can I help?", "msg_3"))
    server.reply(Reply.json(run_object("completed")), Reply.json(first), Reply.json(second))
    done = client.beta.threads.runs.retrieve(run_id="run_abc", thread_id="thread_abc")
    transcript = []
    for msg in client.beta.threads.messages.list(
        thread_id="thread_abc", order="asc", run_id=done.id, limit=2
    ):
        for block in msg.content:
            if block.type == "text":
                transcript.append(f"{msg.role}: {block.text.value}")
    return transcript, done.usage.total_tokens, [sorted(r.query) for r in server.requests]


@program
def footnoted_answer_and_generated_files(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A file-search answer's citations become footnotes; a code-interpreter answer's
    ``file_path`` annotation and its ``image_file`` block are downloaded next to the script."""
    cited = "Refunds take 30 days【4:0†faq.md】 and exchanges 14【4:1†faq.md】."
    annotations = [
        {
            "type": "file_citation",
            "text": "【4:0†faq.md】",
            "start_index": 22,
            "end_index": 34,
            "file_citation": {"file_id": "file-faq"},
        },
        {
            "type": "file_citation",
            "text": "【4:1†faq.md】",
            "start_index": 51,
            "end_index": 63,
            "file_citation": {"file_id": "file-faq"},
        },
    ]
    generated = {
        **message("assistant", "", "msg_csv"),
        "content": [
            {"type": "image_file", "image_file": {"file_id": "file-chart"}},
            {
                "type": "text",
                "text": {
                    "value": "Download [the data](sandbox:/mnt/data/out.csv).",
                    "annotations": [
                        {
                            "type": "file_path",
                            "text": "sandbox:/mnt/data/out.csv",
                            "start_index": 19,
                            "end_index": 44,
                            "file_path": {"file_id": "file-csv"},
                        }
                    ],
                },
            },
        ],
    }
    server.reply(
        Reply.json(listing(message("assistant", cited, "msg_c", annotations), generated)),
        Reply.json(file_object("file-faq", "faq.md")),
        Reply.json(file_object("file-faq", "faq.md")),
        Reply.raw(b"\x89PNG chart", content_type="image/png"),
        Reply.raw(b"a,b\n1,2\n", content_type="text/csv"),
    )
    out = folder()
    answer, files_made = client.beta.threads.messages.list(thread_id="thread_abc").data
    text = answer.content[0].text
    footnotes = []
    for index, annotation in enumerate(text.annotations):
        text.value = text.value.replace(annotation.text, f" [{index + 1}]")
        if annotation.type == "file_citation":
            cited_file = client.files.retrieve(annotation.file_citation.file_id)
            footnotes.append(f"[{index + 1}] {cited_file.filename}")
    saved = []
    for block in files_made.content:
        if block.type == "image_file":
            client.files.content(block.image_file.file_id).write_to_file(out / "chart.png")
            saved.append((out / "chart.png").read_bytes())
        elif block.type == "text":
            for annotation in block.text.annotations:
                if annotation.type == "file_path":
                    data = client.files.content(annotation.file_path.file_id)
                    name = annotation.text.rsplit("/", 1)[-1]
                    (out / name).write_bytes(data.content)
                    saved.append((name, data.text))
    return text.value, footnotes, saved, answer.model_dump()["content"][0]["text"]["value"]


@program
def run_steps_with_file_search_results(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    include = ["step_details.tool_calls[*].file_search.results[*].content"]
    server.reply(
        Reply.json(run_object("queued"), headers=poll_header()),
        Reply.json(run_object("completed"), headers=poll_header()),
        Reply.json(listing(completed_step_with_search())),
        Reply.json(completed_step_with_search()),
    )
    done = client.beta.threads.runs.create_and_poll(
        thread_id="thread_abc",
        assistant_id="asst_abc",
        additional_instructions="Cite the FAQ.",
        additional_messages=[
            {
                "role": "user",
                "content": "Refund policy?",
                "attachments": [{"file_id": "file-faq", "tools": [{"type": "file_search"}]}],
            }
        ],
        tool_choice={"type": "file_search"},
        include=include,
        poll_interval_ms=5,
    )
    found = []
    for run_step in client.beta.threads.runs.steps.list(
        run_id=done.id, thread_id="thread_abc", include=include, order="asc"
    ):
        if run_step.step_details.type == "tool_calls":
            for call in run_step.step_details.tool_calls:
                if call.type == "file_search":
                    for result in call.file_search.results:
                        found.append(
                            (result.file_name, result.score, result.content[0].text, call.id)
                        )
    one = client.beta.threads.runs.steps.retrieve(
        step_id="step_1", run_id=done.id, thread_id="thread_abc", include=include
    )
    return (
        done.status,
        found,
        one.usage.total_tokens,
        type(one.step_details).__name__,
        type(one.step_details.tool_calls[0]).__name__,
        one.step_details.tool_calls[0].file_search.ranking_options.ranker,
        [(r.path, sorted(r.query)) for r in server.requests],
    )


@program
def flask_view_streams_text_deltas(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A web view's generator yields each text delta as the run streams; the app logs the final
    run's usage after the response."""
    server.reply(answer_stream("Bonjour, comment puis-je aider ?"))

    def generate() -> Any:
        with client.beta.threads.runs.stream(
            thread_id="thread_abc",
            assistant_id="asst_abc",
            instructions="Answer in French.",
            temperature=0.2,
            model="gpt-4o-mini",
        ) as stream:
            yield from stream.text_deltas
            yield f"\n[{stream.get_final_run().status}]"
            yield f"[{len(stream.get_final_messages())}]"

    body = "".join(generate())
    return body, server.requests[0].json()


@program
def handler_counts_snapshots_per_hook(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A handler overriding the snapshot-carrying hooks, recording what each is handed as JSON."""
    seen: list[Any] = []

    class Recorder(openai.AssistantEventHandler):
        def on_text_created(self, text: Any) -> None:
            seen.append(("text_created", text.value))

        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            seen.append(("text_delta", delta.to_json(indent=None), snapshot.value))

        def on_text_done(self, text: Any) -> None:
            seen.append(("text_done", text.model_dump(exclude_none=True)))

        def on_tool_call_delta(self, delta: Any, snapshot: Any) -> None:
            seen.append(
                (
                    "tool_delta",
                    delta.model_dump(exclude_unset=True),
                    snapshot.code_interpreter.input,
                    [o.model_dump() for o in snapshot.code_interpreter.outputs or []],
                )
            )

        def on_tool_call_done(self, tool_call: Any) -> None:
            seen.append(("tool_done", tool_call.model_dump_json()))

        def on_message_done(self, message: Any) -> None:
            seen.append(("message_done", message.status, message.content[0].text.value))

        def on_run_step_done(self, run_step: Any) -> None:
            seen.append(("step_done", run_step.step_details.type, run_step.status))

    server.reply(code_interpreter_stream())
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Recorder()
    ) as stream:
        stream.until_done()
    steps = stream.get_final_run_steps()
    return seen, [s.step_details.tool_calls[0].code_interpreter.outputs[0].logs for s in steps]


@program
def runs_listed_then_the_stuck_one_cancelled(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            listing(run_object("in_progress"), {**run_object("completed"), "id": "run_old"})
        ),
        Reply.json(run_object("cancelling")),
        Reply.json(run_object("cancelling"), headers=poll_header()),
        Reply.json(run_object("cancelled", cancelled_at=1733000009), headers=poll_header()),
    )
    runs = client.beta.threads.runs.list(thread_id="thread_abc", limit=20, order="desc")
    stuck = [r for r in runs.data if r.status in ("queued", "in_progress")]
    cancelled = client.beta.threads.runs.cancel(run_id=stuck[0].id, thread_id="thread_abc")
    final = client.beta.threads.runs.poll(cancelled.id, thread_id="thread_abc", poll_interval_ms=1)
    return (
        [r.id for r in runs],
        runs.has_more,
        runs.first_id,
        cancelled.status,
        final.status,
        final.cancelled_at,
        [(r.method, r.path) for r in server.requests],
    )


@program
def tool_dispatch_table_with_create_and_poll(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The polling tutorial: a dict of Python functions looked up by the called name, the outputs
    submitted with ``submit_tool_outputs_and_poll``, the reply read with ``messages.list``."""

    def get_current_temperature(location: str) -> str:
        return f"57F in {location}"

    def get_rain_probability(location: str) -> str:
        return "6%"

    available = {
        "get_current_temperature": get_current_temperature,
        "get_rain_probability": get_rain_probability,
    }
    server.reply(
        Reply.json(run_object("queued"), headers=poll_header()),
        Reply.json(REQUIRES_ACTION, headers=poll_header()),
        Reply.json(run_object("queued"), headers=poll_header()),
        Reply.json(run_object("completed"), headers=poll_header()),
        Reply.json(listing(message("assistant", "57F and a 6% chance of rain.", "msg_w"))),
    )
    current = client.beta.threads.runs.create_and_poll(
        thread_id="thread_abc", assistant_id="asst_abc", parallel_tool_calls=True
    )
    tool_outputs = []
    if current.status == "requires_action":
        for tool in current.required_action.submit_tool_outputs.tool_calls:
            function = available[tool.function.name]
            tool_outputs.append(
                {"tool_call_id": tool.id, "output": function(**json.loads(tool.function.arguments))}
            )
    if tool_outputs:
        current = client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id="thread_abc", run_id=current.id, tool_outputs=tool_outputs
        )
    reply = ""
    if current.status == "completed":
        messages = client.beta.threads.messages.list(thread_id="thread_abc", run_id=current.id)
        reply = messages.data[0].content[0].text.value
    return current.status, reply, [r.json() if r.body else None for r in server.requests]


@program
def thread_seeded_with_files_and_streamed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``threads.create_and_run_stream`` with a thread carrying attachments and its own vector
    store, the event names printed by an ``on_event`` override."""
    server.reply(code_interpreter_stream())
    names = []

    class Names(openai.AssistantEventHandler):
        def on_event(self, event: Any) -> None:
            names.append(event.event)

    with client.beta.threads.create_and_run_stream(
        assistant_id="asst_abc",
        thread={
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "Plot this."},
                        {"type": "image_url", "image_url": {"url": "https://x.test/a.png"}},
                    ],
                    "attachments": [
                        {"file_id": "file-data", "tools": [{"type": "code_interpreter"}]}
                    ],
                }
            ],
            "tool_resources": {"file_search": {"vector_store_ids": ["vs_1"]}},
            "metadata": {"user": "u1"},
        },
        tools=[{"type": "code_interpreter"}, {"type": "file_search"}],
        event_handler=Names(),
    ) as stream:
        stream.until_done()
    return names, server.requests[0].path, server.requests[0].json()


@program
def message_kept_from_on_message_created_read_at_the_end(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The message handed to ``on_message_created`` kept by the handler and read as it streams
    and once the stream is over (it has what streamed since); final messages and steps read
    inside the block."""
    parts: list[Any] = []
    held: list[Any] = []

    class Deltas(openai.AssistantEventHandler):
        def on_message_created(self, message: Any) -> None:
            held.append(message)  # read again once the stream is over
            parts.append(("created", message.id, message.role, len(message.content)))

        def on_message_delta(self, delta: Any, snapshot: Any) -> None:
            parts.append(
                (
                    "delta",
                    delta.content[0].index,
                    delta.content[0].type,
                    snapshot.content[0].text.value,
                )
            )

        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            # the kept message, read while it streams
            kept = held[0].content
            parts.append(("kept", [b.text.value if b.type == "text" else b.type for b in kept]))

    server.reply(
        events(
            ("thread.run.created", run_object("queued")),
            ("thread.message.created", EMPTY_MESSAGE),
            *[
                ("thread.message.delta", message_delta(block))
                for block in (
                    {"index": 0, "type": "text", "text": {"value": "Two"}},
                    {"index": 0, "type": "text", "text": {"value": " parts."}},
                    {"index": 1, "type": "image_file", "image_file": {"file_id": "file-p"}},
                    {"index": 2, "type": "text", "text": {"value": "Caption."}},
                )
            ],
            ("thread.run.completed", run_object("completed")),
        )
    )
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Deltas()
    ) as stream:
        stream.until_done()
        messages = stream.get_final_messages()
    return (
        parts,
        [m.content[0].text.value for m in messages],
        stream.current_message_snapshot.id,
        [block.type for block in held[0].content],
        [block.text.value for block in held[0].content if block.type == "text"],
    )


@program
def vector_store_fed_then_attached_to_the_assistant(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The file-search quickstart on the SDK's current path: a store made, a batch of local files
    uploaded and polled, the store attached to the assistant."""
    out = folder()
    paths = []
    for name in ("a.md", "b.md"):
        paths.append(out / name)
        paths[-1].write_text(f"# {name}\n")
    server.route("POST", "/v1/vector_stores", Reply.json(store(status="completed", name="Docs")))
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/file_batches",
        Reply.json(file_batch("in_progress", in_progress=2, total=2), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/file_batches/vsfb_1",
        Reply.json(file_batch("completed", completed=2, total=2), headers=poll_header()),
    )
    server.route(
        "POST",
        "/v1/assistants/asst_abc",
        Reply.json(
            assistant(
                tools=[{"type": "file_search"}],
                tool_resources={"file_search": {"vector_store_ids": ["vs_abc"]}},
            )
        ),
    )
    vector_store = client.vector_stores.create(name="Docs")
    file_streams = [open(p, "rb") for p in paths]  # noqa: SIM115 - the guide's own shape
    try:
        batch = client.vector_stores.file_batches.upload_and_poll(
            vector_store_id=vector_store.id, files=file_streams
        )
    finally:
        for handle in file_streams:
            handle.close()
    updated = client.beta.assistants.update(
        assistant_id="asst_abc",
        tool_resources={"file_search": {"vector_store_ids": [vector_store.id]}},
    )
    return (
        batch.status,
        batch.file_counts.completed,
        batch.file_counts.model_dump(),
        updated.tool_resources.file_search.vector_store_ids,
        [(r.method, r.path) for r in server.requests if r.path != "/v1/files"],
    )


@program
def beta_vector_store_files_created_and_polled(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """1.x code on ``client.beta.vector_stores``: an uploaded file attached and polled, another
    uploaded and polled from a ``Path``, the store's files listed with a status filter."""
    out = folder()
    notes = out / "notes.txt"
    notes.write_text("remember the milk\n")
    stores = beta_vector_stores(openai, client)
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/files",
        Reply.json(store_file("file-1", "in_progress"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/files/file-1",
        Reply.json(store_file("file-1", "completed"), headers=poll_header()),
    )
    server.route("POST", "/v1/files", Reply.json(file_object("file-1", "notes.txt")))
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/files",
        Reply.json(listing(store_file("file-1", "completed"))),
    )
    attached = stores.files.create_and_poll(file_id="file-1", vector_store_id="vs_abc")
    uploaded_one = stores.files.upload_and_poll(vector_store_id="vs_abc", file=notes)
    listed = stores.files.list(vector_store_id="vs_abc", filter="completed")
    return (
        attached.status,
        uploaded_one.id,
        uploaded_one.status,
        [f.id for f in listed],
        [(r.method, r.path, sorted(r.query)) for r in server.requests],
    )


@program
def message_with_image_blocks_and_metadata_updates(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A vision message made of text, an uploaded image file and an image URL; its metadata
    updated later; the thread deleted at the end of the session."""
    blocks = [
        {"type": "text", "text": {"value": "What is in these?", "annotations": []}},
        {"type": "image_file", "image_file": {"file_id": "file-img", "detail": "high"}},
        {"type": "image_url", "image_url": {"url": "https://x.test/cat.png", "detail": "low"}},
    ]
    made = {**message("user", "", "msg_v"), "content": blocks}
    server.reply(
        Reply.json(made),
        Reply.json({**made, "metadata": {"reviewed": "yes"}}),
        Reply.json({"id": "thread_abc", "object": "thread.deleted", "deleted": True}),
    )
    created = client.beta.threads.messages.create(
        thread_id="thread_abc",
        role="user",
        content=[
            {"type": "text", "text": "What is in these?"},
            {"type": "image_file", "image_file": {"file_id": "file-img", "detail": "high"}},
            {"type": "image_url", "image_url": {"url": "https://x.test/cat.png", "detail": "low"}},
        ],
    )
    updated = client.beta.threads.messages.update(
        message_id=created.id, thread_id="thread_abc", metadata={"reviewed": "yes"}
    )
    deleted = client.beta.threads.delete("thread_abc")
    return (
        [type(b).__name__ for b in created.content],
        [b.type for b in created.content],
        created.content[1].image_file.detail,
        created.content[2].image_url.url,
        updated.metadata,
        deleted.deleted,
        type(deleted).__name__,
        [r.json() if r.body else None for r in server.requests],
    )


@gathered_program
async def async_with_client_runs_polled_side_by_side(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``async with AsyncOpenAI() as client`` in a script that asks two threads at once with
    ``asyncio.gather`` and ``create_and_poll``."""

    def answered(request: Any) -> Reply:
        thread_id = request.path.split("/")[3]
        return Reply.json(run_object("completed", thread_id=thread_id), headers=poll_header())

    def listed(request: Any) -> Reply:
        thread_id = request.path.split("/")[3]
        return Reply.json(
            listing(message("assistant", f"answer for {thread_id}", "msg_" + thread_id))
        )

    server.default = Reply.dynamic(
        lambda request: listed(request) if request.path.endswith("/messages") else answered(request)
    )

    async def ask(ask_client: Any, thread_id: str) -> Any:
        done = await ask_client.beta.threads.runs.create_and_poll(
            thread_id=thread_id, assistant_id="asst_abc"
        )
        page = await ask_client.beta.threads.messages.list(thread_id=thread_id, run_id=done.id)
        return done.thread_id, page.data[0].content[0].text.value

    async with openai.AsyncOpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", max_retries=0
    ) as own:
        answers = await asyncio.gather(ask(own, "thread_a"), ask(own, "thread_b"))
    sent = sorted(
        (
            r.method,
            r.path,
            sorted(r.query),
            json.dumps(r.json() if r.body else None, sort_keys=True),
        )
        for r in server.requests
    )
    return answers, own.is_closed(), sent


@async_program
async def async_handler_submits_inside_and_reads_deltas(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    log: list[Any] = []

    class Handler(openai.AsyncAssistantEventHandler):
        async def on_tool_call_created(self, tool_call: Any) -> None:
            log.append(("tool", tool_call.function.name))

        async def on_event(self, event: Any) -> None:
            if event.event == "thread.run.requires_action":
                calls = event.data.required_action.submit_tool_outputs.tool_calls
                async with client.beta.threads.runs.submit_tool_outputs_stream(
                    thread_id=self.current_run.thread_id,
                    run_id=self.current_run.id,
                    tool_outputs=[{"tool_call_id": c.id, "output": "ok"} for c in calls],
                    event_handler=Handler(),
                ) as inner:
                    async for text in inner.text_deltas:
                        log.append(("text", text))
                    log.append(("inner", (await inner.get_final_run()).status))

        async def on_end(self) -> None:
            log.append(("end", self.current_run.status))

    server.reply(function_call_stream(), answer_stream())
    async with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Handler()
    ) as stream:
        await stream.until_done()
    final = await stream.get_final_run()
    return log, final.status, final.required_action.submit_tool_outputs.tool_calls[0].id


@async_program
async def async_message_deltas_with_streamed_citation(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A streamed file-search answer whose citation arrives in a delta; the app iterates the
    events itself and keeps the annotations it sees."""
    citation = {
        "index": 0,
        "type": "file_citation",
        "text": "【4:0†faq.md】",
        "start_index": 8,
        "end_index": 20,
        "file_citation": {"file_id": "file-faq", "quote": "30 days"},
    }
    server.reply(
        events(
            ("thread.run.created", run_object("queued")),
            ("thread.message.created", EMPTY_MESSAGE),
            (
                "thread.message.delta",
                message_delta({"index": 0, "type": "text", "text": {"value": "30 days."}}),
            ),
            (
                "thread.message.delta",
                message_delta(
                    {
                        "index": 0,
                        "type": "text",
                        "text": {"value": "【4:0†faq.md】", "annotations": [citation]},
                    }
                ),
            ),
            ("thread.run.completed", run_object("completed")),
        )
    )
    kept = []
    async with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc"
    ) as stream:
        async for event in stream:
            if event.event == "thread.message.delta":
                for block in event.data.delta.content or []:
                    if block.type == "text" and block.text.annotations:
                        for note in block.text.annotations:
                            kept.append(
                                (type(note).__name__, note.file_citation.file_id, note.text)
                            )
        snapshot = stream.current_message_snapshot
    return kept, snapshot.content[0].text.value, len(snapshot.content[0].text.annotations)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
test_gathered_program_observes_the_same = gathered_observed_the_same(GATHERED)
