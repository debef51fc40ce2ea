"""Real-world sweep V, Assistants and threads as apps write them: a handler that records every
hook (message and step snapshots, ``current_*`` properties, the event that called it), the
run's tool calls answered by ``submit_tool_outputs_stream`` from inside the handler with a second
handler, a Streamlit-style generator over ``text_deltas``, runs created and polled with the
options tutorials pass, messages paged by hand (``has_next_page`` / ``get_next_page`` /
``iter_pages``) and by ``run_id``, a file-search assistant fed by a vector store whose files go up
through ``file_batches.upload_and_poll``, citations replaced by footnotes, run steps read with
their file-search results, and the async handler — programs written for the official SDK, run
unchanged against both packages, each on a fresh scripted loopback server (real_world_d's runner:
some programs route their replies by path).
"""

from __future__ import annotations

import json
import tempfile
from contextlib import ExitStack
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import multipart_parts, wire
from .test_real_world_b_assistants import (
    REQUIRES_ACTION,
    assistant,
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


def wires(server: ScriptedServer) -> list[Any]:
    """The wire of each request; a batch's ``file_ids`` sorted (the official SDK lists the files
    it uploaded in the order their uploads ended, typed_openai in the order given)."""
    seen = []
    for request in map(wire, server.requests):
        body = request[5]
        if isinstance(body, dict) and "file_ids" in body:
            request = (*request[:5], {**body, "file_ids": sorted(body["file_ids"])})
        seen.append(request)
    return seen


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-v-"))


def dumped(value: Any) -> Any:
    return value.to_dict() if value is not None else None


CITATION = {
    "type": "file_citation",
    "text": "【4:0†manual.pdf】",
    "start_index": 16,
    "end_index": 32,
    "file_citation": {"file_id": "file-manual"},
}


def cited_answer_stream() -> Reply:
    """A run whose message streams in pieces, one carrying a file citation."""
    text = "Reset it by ho. 【4:0†manual.pdf】"
    done = message("assistant", text, "msg_9", annotations=[CITATION])
    return events(
        ("thread.run.created", run_object("queued")),
        ("thread.run.in_progress", run_object("in_progress")),
        ("thread.run.step.created", step("message_creation")),
        ("thread.message.created", EMPTY_MESSAGE),
        ("thread.message.in_progress", EMPTY_MESSAGE),
        (
            "thread.message.delta",
            message_delta(
                {"index": 0, "type": "text", "text": {"value": "Reset it", "annotations": []}}
            ),
        ),
        (
            "thread.message.delta",
            message_delta({"index": 0, "type": "text", "text": {"value": " by ho. "}}),
        ),
        (
            "thread.message.delta",
            message_delta(
                {
                    "index": 0,
                    "type": "text",
                    "text": {
                        "value": "【4:0†manual.pdf】",
                        "annotations": [{"index": 0, **CITATION}],
                    },
                }
            ),
        ),
        ("thread.message.completed", done),
        ("thread.run.step.completed", {**step("message_creation"), "status": "completed"}),
        ("thread.run.completed", run_object("completed")),
    )


@program
def handler_recording_every_hook(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    log: list[Any] = []

    class Recorder(openai.AssistantEventHandler):
        def on_event(self, event: Any) -> None:
            log.append(("event", event.event, type(event).__name__))

        def on_run_step_created(self, run_step: Any) -> None:
            log.append(("step created", run_step.type, run_step.status))

        def on_run_step_done(self, run_step: Any) -> None:
            log.append(("step done", run_step.status, self.current_run_step_snapshot.id))

        def on_message_created(self, message: Any) -> None:
            log.append(("message created", message.id, message.status, len(message.content)))

        def on_message_delta(self, delta: Any, snapshot: Any) -> None:
            log.append(
                (
                    "message delta",
                    [c.text.value for c in delta.content],
                    [c.text.value for c in snapshot.content],
                    [len(c.text.annotations) for c in snapshot.content],
                )
            )

        def on_message_done(self, message: Any) -> None:
            log.append(("message done", message.status, dumped(message.content[0])))

        def on_text_created(self, text: Any) -> None:
            log.append(("text created", dumped(text)))

        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            log.append(("text delta", dumped(delta), dumped(snapshot)))

        def on_text_done(self, text: Any) -> None:
            log.append(("text done", dumped(text), self.current_event.event))

        def on_end(self) -> None:
            log.append(("end", self.current_run.status, self.current_message_snapshot.id))

    server.reply(cited_answer_stream())
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Recorder()
    ) as stream:
        stream.until_done()
    return log, [m.id for m in stream.get_final_messages()], wires(server)


@program
def citations_replaced_by_footnotes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The file-search quickstart: replace each citation with [n] and list the cited files."""
    server.reply(
        Reply.json(run_object("queued"), headers=poll_header()),
        Reply.json(run_object("completed"), headers=poll_header()),
        Reply.json(
            listing(
                message("assistant", "Reset it by ho. 【4:0†manual.pdf】", annotations=[CITATION])
            )
        ),
        Reply.json(
            {
                "id": "file-manual",
                "object": "file",
                "bytes": 10,
                "created_at": 1,
                "filename": "manual.pdf",
                "purpose": "assistants",
                "status": "processed",
            }
        ),
    )
    run = client.beta.threads.runs.create_and_poll(thread_id="thread_abc", assistant_id="asst_abc")
    messages = list(client.beta.threads.messages.list(thread_id="thread_abc", run_id=run.id))
    message_content = messages[0].content[0].text
    annotations = message_content.annotations
    citations = []
    for index, annotation in enumerate(annotations):
        message_content.value = message_content.value.replace(annotation.text, f"[{index}]")
        if file_citation := getattr(annotation, "file_citation", None):
            cited_file = client.files.retrieve(file_citation.file_id)
            citations.append(f"[{index}] {cited_file.filename}")
    return message_content.value, citations, messages[0].to_dict(), wires(server)


@program
def tool_outputs_streamed_from_the_handler(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The function-calling docs' handler: ``on_event`` catches requires_action and submits the
    outputs with ``submit_tool_outputs_stream``, printing the answer with a second handler."""
    out: list[str] = []

    class EventHandler(openai.AssistantEventHandler):
        def on_event(self, event: Any) -> None:
            if event.event == "thread.run.requires_action":
                run_id = event.data.id
                self.handle_requires_action(event.data, run_id)

        def handle_requires_action(self, data: Any, run_id: str) -> None:
            tool_outputs = []
            for tool in data.required_action.submit_tool_outputs.tool_calls:
                if tool.function.name == "get_weather":
                    tool_outputs.append({"tool_call_id": tool.id, "output": "57"})
                elif tool.function.name == "get_time":
                    tool_outputs.append({"tool_call_id": tool.id, "output": "14:00"})
            self.submit_tool_outputs(tool_outputs, run_id)

        def submit_tool_outputs(self, tool_outputs: Any, run_id: str) -> None:
            with client.beta.threads.runs.submit_tool_outputs_stream(
                thread_id=self.current_run.thread_id,
                run_id=self.current_run.id,
                tool_outputs=tool_outputs,
                event_handler=Printer(),
            ) as stream:
                for text in stream.text_deltas:
                    out.append(text)
                out.append(f"[{stream.get_final_run().status}]")

    class Printer(openai.AssistantEventHandler):
        def on_text_created(self, text: Any) -> None:
            out.append("assistant > ")

    server.reply(function_call_stream(), answer_stream())
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=EventHandler()
    ) as stream:
        stream.until_done()
    return out, stream.current_run.status, wires(server)


@program
def streamlit_style_text_generator(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.json(message("user", "How do I reset it?")), cited_answer_stream())

    def answer(question: str) -> Any:
        client.beta.threads.messages.create(thread_id="thread_abc", role="user", content=question)
        with client.beta.threads.runs.stream(
            thread_id="thread_abc", assistant_id="asst_abc"
        ) as stream:
            yield from stream.text_deltas

    pieces = list(answer("How do I reset it?"))
    return pieces, wires(server)


@program
def raw_event_loop_without_a_handler(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Iterating the stream itself: ``isinstance`` checks against the SDK's event classes."""
    from importlib import import_module

    stream_events = import_module(f"{openai.__name__}.types.beta.assistant_stream_event")
    server.reply(cited_answer_stream())
    seen = []
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", tool_choice="auto", temperature=0.2
    ) as stream:
        for event in stream:
            if isinstance(event, stream_events.ThreadMessageDelta):
                seen.append(("delta", event.data.delta.content[0].text.value))
            elif isinstance(event, stream_events.ThreadRunCompleted):
                seen.append(("completed", event.data.status))
            elif isinstance(event, stream_events.ThreadMessageCompleted):
                seen.append(("message", event.data.content[0].text.annotations[0].type))
            else:
                seen.append(event.event)
    return seen, wires(server)


@program
def create_and_poll_with_tutorial_options(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(run_object("queued"), headers=poll_header()),
        Reply.json(run_object("in_progress"), headers=poll_header()),
        Reply.json(REQUIRES_ACTION, headers=poll_header()),
        Reply.json(run_object("in_progress"), headers=poll_header()),
        Reply.json(run_object("completed"), headers=poll_header()),
    )
    run = client.beta.threads.runs.create_and_poll(
        thread_id="thread_abc",
        assistant_id="asst_abc",
        additional_instructions="Answer in French.",
        additional_messages=[{"role": "user", "content": "Et demain ?"}],
        tool_choice={"type": "function", "function": {"name": "get_current_temperature"}},
        response_format={"type": "json_object"},
        truncation_strategy={"type": "last_messages", "last_messages": 10},
        max_prompt_tokens=2000,
        max_completion_tokens=500,
        parallel_tool_calls=False,
        metadata={"user": "u1"},
        poll_interval_ms=5,
    )
    states = [run.status]
    while run.status == "requires_action":
        outputs = [
            {"tool_call_id": call.id, "output": json.dumps({"ok": call.function.name})}
            for call in run.required_action.submit_tool_outputs.tool_calls
        ]
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            run_id=run.id, thread_id=run.thread_id, tool_outputs=outputs, poll_interval_ms=5
        )
        states.append(run.status)
    return states, run.usage.model_dump(), run.truncation_strategy.type, wires(server)


@program
def messages_paged_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    first = [message("user" if n % 2 else "assistant", f"m{n}", f"msg_{n}") for n in range(1, 3)]
    second = [message("assistant", f"m{n}", f"msg_{n}") for n in range(3, 5)]
    third = [message("user", "m5", "msg_5")]
    server.reply(
        Reply.json(listing(*first, has_more=True)),
        Reply.json(listing(*second, has_more=True)),
        Reply.json(listing(*third)),
        Reply.json(listing(*first, has_more=True)),
        Reply.json(listing(*second, has_more=True)),
        Reply.json(listing(*third)),
    )
    page = client.beta.threads.messages.list(thread_id="thread_abc", limit=2, order="asc")
    pages = [[m.id for m in page.data]]
    while page.has_next_page():
        page = page.get_next_page()
        pages.append([m.id for m in page.data])
    again = client.beta.threads.messages.list(thread_id="thread_abc", limit=2, order="asc")
    by_iter_pages = [(p.first_id, p.last_id, p.has_more) for p in again.iter_pages()]
    return pages, by_iter_pages, page.to_dict()["object"], wires(server)


@program
def file_search_assistant_end_to_end(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The file-search quickstart: an assistant, a store filled by ``upload_and_poll``, the
    assistant updated to use it, a thread with an attachment, a run polled, the answer."""
    where = folder()
    paths = []
    for name, text in (("edgar.txt", "Edgar earnings"), ("goog.txt", "Alphabet earnings")):
        path = where / name
        path.write_text(text)
        paths.append(path)
    (where / "extra.txt").write_text("extra")
    file_search = {"type": "file_search", "file_search": {"max_num_results": 5}}
    server.route("POST", "/v1/assistants", Reply.json(assistant(tools=[file_search])))
    server.route("POST", "/v1/vector_stores", Reply.json(store("completed", name="Financials")))
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/file_batches",
        Reply.json(file_batch("in_progress", in_progress=2, total=2)),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/file_batches/vsfb_1",
        Reply.json(
            file_batch("in_progress", in_progress=1, completed=1, total=2), headers=poll_header()
        ),
        Reply.json(file_batch("completed", completed=2, total=2), headers=poll_header()),
    )
    server.route(
        "POST",
        "/v1/assistants/asst_abc",
        Reply.json(
            assistant(
                tools=[file_search],
                tool_resources={"file_search": {"vector_store_ids": ["vs_abc"]}},
            )
        ),
    )
    server.route("POST", "/v1/threads", Reply.json(thread()))
    server.route(
        "POST",
        "/v1/threads/thread_abc/runs",
        Reply.json(run_object("queued"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/threads/thread_abc/runs/run_abc",
        Reply.json(run_object("completed"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/threads/thread_abc/messages",
        Reply.json(listing(message("assistant", "Revenue grew.", "msg_a"))),
    )
    helper = client.beta.assistants.create(
        name="Financial Analyst Assistant",
        instructions="You are an expert financial analyst.",
        model="gpt-4o",
        tools=[{"type": "file_search"}],
    )
    vector_store = client.vector_stores.create(name="Financial Statements")
    with ExitStack() as stack:
        file_streams = [stack.enter_context(open(path, "rb")) for path in paths]
        file_batch_result = client.vector_stores.file_batches.upload_and_poll(
            vector_store_id=vector_store.id, files=file_streams, poll_interval_ms=1
        )
    updated = client.beta.assistants.update(
        assistant_id=helper.id,
        tool_resources={"file_search": {"vector_store_ids": [vector_store.id]}},
    )
    with open(where / "extra.txt", "rb") as handle:
        message_file = client.files.create(file=handle, purpose="assistants")
    conversation = client.beta.threads.create(
        messages=[
            {
                "role": "user",
                "content": "How many shares of AAPL were outstanding?",
                "attachments": [{"file_id": message_file.id, "tools": [{"type": "file_search"}]}],
            }
        ]
    )
    run = client.beta.threads.runs.create_and_poll(
        thread_id=conversation.id, assistant_id=updated.id
    )
    answer = list(client.beta.threads.messages.list(thread_id=conversation.id, run_id=run.id))
    return (
        file_batch_result.status,
        file_batch_result.file_counts.to_dict(),
        updated.tool_resources.file_search.vector_store_ids,
        [t.type for t in helper.tools],
        helper.tools[0].file_search.max_num_results,
        answer[0].content[0].text.value,
        [r[:2] for r in wires(server)],
        [r[5] for r in wires(server) if r[4] == "application/json"],
    )


@program
def run_steps_with_file_search_results(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    results = [
        {
            "file_id": "file-manual",
            "file_name": "manual.pdf",
            "score": 0.87,
            "content": [{"type": "text", "text": "Hold the button for 5 seconds."}],
        }
    ]
    done = {
        **step(),
        "status": "completed",
        "step_details": {
            "type": "tool_calls",
            "tool_calls": [
                {
                    "id": "call_fs",
                    "type": "file_search",
                    "file_search": {
                        "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.5},
                        "results": results,
                    },
                }
            ],
        },
    }
    server.reply(Reply.json(listing(done, step("message_creation"))), Reply.json(done))
    include = ["step_details.tool_calls[*].file_search.results[*].content"]
    steps = client.beta.threads.runs.steps.list(
        thread_id="thread_abc", run_id="run_abc", include=include, order="asc"
    )
    found = []
    for run_step in steps:
        if run_step.step_details.type == "tool_calls":
            for tool_call in run_step.step_details.tool_calls:
                if tool_call.type == "file_search":
                    for result in tool_call.file_search.results:
                        found.append((result.file_name, result.score, result.content[0].text))
        else:
            found.append(("message", run_step.step_details.message_creation.message_id))
    one = client.beta.threads.runs.steps.retrieve(
        step_id="step_1", thread_id="thread_abc", run_id="run_abc", include=include
    )
    return (
        found,
        one.step_details.tool_calls[0].file_search.ranking_options.to_dict(),
        wires(server),
    )


@program
def thread_created_and_run_streamed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(cited_answer_stream())
    log: list[Any] = []

    class Handler(openai.AssistantEventHandler):
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            log.append(delta.value)

        def on_message_done(self, message: Any) -> None:
            log.append([a.file_citation.file_id for a in message.content[0].text.annotations])

    with client.beta.threads.create_and_run_stream(
        assistant_id="asst_abc",
        thread={"messages": [{"role": "user", "content": "How do I reset it?"}]},
        tool_resources={"file_search": {"vector_store_ids": ["vs_abc"]}},
        event_handler=Handler(),
    ) as stream:
        stream.until_done()
    return log, stream.get_final_run().id, wires(server)


@program
def run_cancelled_while_polling(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(run_object("in_progress"), headers=poll_header()),
        Reply.json(run_object("cancelling")),
        Reply.json(run_object("cancelled", cancelled_at=1733000003), headers=poll_header()),
        Reply.json(listing(run_object("cancelled"), run_object("completed"))),
    )
    run = client.beta.threads.runs.retrieve(run_id="run_abc", thread_id="thread_abc")
    if run.status in ("queued", "in_progress"):
        run = client.beta.threads.runs.cancel(run_id=run.id, thread_id=run.thread_id)
    final = client.beta.threads.runs.poll(run.id, thread_id=run.thread_id, poll_interval_ms=1)
    statuses = [r.status for r in client.beta.threads.runs.list(thread_id="thread_abc", limit=5)]
    return final.status, final.cancelled_at, statuses, wires(server)


@program
def helpers_answered_by_canned_fixtures(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A test suite's fake server answers every call with one canned object, whose ids are not
    the ones the code asked for: the polls go to the ids the code passed (the thread, the vector
    store, the attached file), as the official SDK's do."""
    # a fixture trimmed to what the test needs: the started run carries no thread_id
    started = {k: v for k, v in run_object("queued").items() if k != "thread_id"}
    server.reply(
        Reply.json(thread(id="thread_new")),
        Reply.json(started, headers=poll_header()),
        Reply.json(run_object("completed"), headers=poll_header()),
        *[Reply.json(run_object(s), headers=poll_header()) for s in ("queued", "completed")],
        Reply.json(store_file("file-1", "in_progress")),
        Reply.json(store_file("file-1", "completed"), headers=poll_header()),
        Reply.json(file_batch("in_progress", in_progress=1, total=1)),
        Reply.json(file_batch("completed", completed=1, total=1), headers=poll_header()),
    )
    conversation = client.beta.threads.create()
    run = client.beta.threads.runs.create_and_poll(
        thread_id=conversation.id, assistant_id="asst_abc"
    )
    after_tools = client.beta.threads.runs.submit_tool_outputs_and_poll(
        thread_id=conversation.id, run_id="run_new", tool_outputs=[]
    )
    attached = client.vector_stores.files.create_and_poll(
        file_id="file-new", vector_store_id="vs_new"
    )
    batch = client.vector_stores.file_batches.create_and_poll("vs_new", file_ids=["file-new"])
    return (
        run.status,
        after_tools.status,
        attached.status,
        batch.status,
        [(r.method, r.path) for r in server.requests],
    )


@program
def helpers_given_request_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A gateway app tags each call with a header and a query parameter: the official SDK's run
    helpers send them with every poll too, its vector store helpers with the create only."""
    tags: dict[str, Any] = {
        "extra_headers": {"X-Team": "search"},
        "extra_query": {"trace": "t1"},
        "timeout": 20,
    }
    server.reply(
        *[Reply.json(run_object(s), headers=poll_header()) for s in ("queued", "completed")],
        *[Reply.json(run_object(s), headers=poll_header()) for s in ("queued", "completed")],
        Reply.json(store_file("file-1", "in_progress")),
        Reply.json(store_file("file-1", "completed"), headers=poll_header()),
        Reply.json(file_batch("in_progress", in_progress=1, total=1)),
        Reply.json(file_batch("completed", completed=1, total=1), headers=poll_header()),
    )
    client.beta.threads.runs.create_and_poll(
        thread_id="thread_abc", assistant_id="asst_abc", **tags
    )
    client.beta.threads.create_and_run_poll(assistant_id="asst_abc", **tags)
    client.vector_stores.files.create_and_poll(file_id="file-1", vector_store_id="vs_abc", **tags)
    client.vector_stores.file_batches.create_and_poll(
        vector_store_id="vs_abc", file_ids=["file-1"], **tags
    )
    return wires(server)


# --- vector stores --------------------------------------------------------------------------------


def search_page(*hits: tuple[str, float, str], has_more: bool = False) -> dict[str, Any]:
    return {
        "object": "vector_store.search_results.page",
        "search_query": ["refund policy"],
        "data": [
            {
                "file_id": file_id,
                "filename": f"{file_id}.md",
                "score": score,
                "attributes": {"region": "eu", "year": 2024, "public": True},
                "content": [{"type": "text", "text": text}],
            }
            for file_id, score, text in hits
        ],
        "has_more": has_more,
        "next_page": "page_2" if has_more else None,
    }


@program
def search_with_filters_and_ranking(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(search_page(("file-a", 0.91, "Refunds within 30 days."), ("file-b", 0.4, "x")))
    )
    results = client.vector_stores.search(
        vector_store_id="vs_abc",
        query="refund policy",
        max_num_results=5,
        rewrite_query=True,
        filters={
            "type": "and",
            "filters": [
                {"type": "eq", "key": "region", "value": "eu"},
                {"type": "gte", "key": "year", "value": 2023},
            ],
        },
        ranking_options={"ranker": "auto", "score_threshold": 0.3},
    )
    formatted = []
    for result in results:
        text = "\n".join(c.text for c in result.content if c.type == "text")
        formatted.append(
            f"<result file_id='{result.file_id}' file_name='{result.filename}'>{text}</result>"
        )
    return (
        formatted,
        [r.attributes for r in results.data],
        type(results).__name__,
        results.has_more,
        results.search_query if hasattr(results, "search_query") else None,
        wires(server),
    )


@program
def store_files_listed_filtered_and_removed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            listing(
                store_file(
                    "file-1", "failed", last_error={"code": "invalid_file", "message": "bad"}
                ),
                store_file("file-2", "failed", last_error={"code": "server_error", "message": "x"}),
            )
        ),
        Reply.json({"id": "file-1", "object": "vector_store.file.deleted", "deleted": True}),
        Reply.json({"id": "file-2", "object": "vector_store.file.deleted", "deleted": True}),
        Reply.json(
            store(
                file_counts={
                    "in_progress": 0,
                    "completed": 3,
                    "failed": 0,
                    "cancelled": 0,
                    "total": 3,
                }
            )
        ),
    )
    removed = []
    for vs_file in client.vector_stores.files.list(vector_store_id="vs_abc", filter="failed"):
        print_line = f"{vs_file.id}: {vs_file.last_error.code} {vs_file.last_error.message}"
        deleted = client.vector_stores.files.delete(file_id=vs_file.id, vector_store_id="vs_abc")
        removed.append((print_line, deleted.deleted, type(deleted).__name__))
    refreshed = client.vector_stores.retrieve("vs_abc")
    return removed, refreshed.file_counts.completed, refreshed.status, wires(server)


@program
def batch_from_paths_and_existing_ids(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    (where / "a.md").write_text("alpha")
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/file_batches",
        Reply.json(file_batch("completed", completed=3, total=3)),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/file_batches/vsfb_1",
        Reply.json(file_batch("completed", completed=3, total=3), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/file_batches/vsfb_1/files",
        Reply.json(listing(store_file("file-a", "completed"), store_file("file-old", "completed"))),
    )
    batch = client.vector_stores.file_batches.upload_and_poll(
        "vs_abc",
        files=[where / "a.md", ("b.txt", b"bravo")],
        file_ids=["file-old"],
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 400, "chunk_overlap_tokens": 100},
        },
    )
    listed = client.vector_stores.file_batches.list_files(
        batch_id=batch.id, vector_store_id="vs_abc", filter="completed"
    )
    uploads = [multipart_parts(r) for r in server.requests if r.path == "/v1/files"]
    return (
        batch.file_counts.total,
        [f.id for f in listed],
        sorted(map(repr, uploads)),
        [r for r in wires(server) if r[1] != "/v1/files"],
    )


@program
def store_created_with_files_and_expiry(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            store(
                "in_progress",
                expires_after={"anchor": "last_active_at", "days": 7},
                expires_at=1733604800,
                metadata={"team": "support"},
            )
        ),
        Reply.json(store("completed", expires_after={"anchor": "last_active_at", "days": 7})),
        Reply.json(store("completed", name="Renamed")),
        Reply.json({"id": "vs_abc", "object": "vector_store.deleted", "deleted": True}),
    )
    created = client.vector_stores.create(
        name="Support FAQ",
        file_ids=["file-1", "file-2"],
        expires_after={"anchor": "last_active_at", "days": 7},
        chunking_strategy={"type": "auto"},
        metadata={"team": "support"},
    )
    while created.status == "in_progress":
        created = client.vector_stores.retrieve(created.id)
    renamed = client.vector_stores.update(
        vector_store_id=created.id, name="Renamed", expires_after=None
    )
    deleted = client.vector_stores.delete(created.id)
    return (
        created.expires_after.to_dict(),
        renamed.name,
        deleted.deleted,
        repr(created.file_counts),
        wires(server),
    )


# --- async ----------------------------------------------------------------------------------------


@async_program
async def async_handler_with_coroutine_hooks(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    log: list[Any] = []

    class Handler(openai.AsyncAssistantEventHandler):
        async def on_text_created(self, text: Any) -> None:
            log.append("assistant > ")

        async def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            log.append(delta.value)

        async def on_message_done(self, message: Any) -> None:
            log.append(("done", message.content[0].text.annotations[0].text))

        async def on_end(self) -> None:
            log.append(("end", self.current_run.status))

    server.reply(cited_answer_stream())
    async with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Handler()
    ) as stream:
        await stream.until_done()
    final = await stream.get_final_messages()
    return log, [m.id for m in final], wires(server)


@async_program
async def async_messages_iterated_across_pages(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(listing(message("user", "a", "msg_1"), has_more=True)),
        Reply.json(listing(message("assistant", "b", "msg_2"))),
        Reply.json(thread(metadata={"topic": "x"})),
        Reply.json({"id": "thread_abc", "object": "thread.deleted", "deleted": True}),
    )
    texts = [
        (m.role, m.content[0].text.value)
        async for m in client.beta.threads.messages.list("thread_abc", limit=1)
    ]
    updated = await client.beta.threads.update("thread_abc", metadata={"topic": "x"})
    deleted = await client.beta.threads.delete("thread_abc")
    return texts, updated.metadata, deleted.deleted, wires(server)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
