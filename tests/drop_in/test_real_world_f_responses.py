"""Real-world sweep F, the Responses API as applications use it: multimodal inputs built from
local bytes, hosted-tool results read item by item, conversations, paging input items, background
jobs resumed and cancelled, raw event loops over every kind of event, the ``responses.stream``
helper's snapshots — programs written for the official SDK, run unchanged against both packages
over the scripted loopback server (each returns what its author observes and what was sent).
"""

from __future__ import annotations

import base64
import json
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    function_call,
    output_message,
    response_events,
    response_object,
    sse,
    wire,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(*output: dict[str, Any], **extra: Any) -> Reply:
    return Reply.json(response_object(list(output), **extra))


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def printed(value: Any) -> str:
    """What ``print(value)`` shows."""
    return str(value)


# --- multimodal input ------------------------------------------------------------------------------


@program
def image_and_pdf_from_local_bytes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The cookbook's "analyse a local image and a PDF": base64 data URLs built by hand."""
    server.reply(answer(output_message("A chart and an invoice.")))
    png = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()
    pdf = base64.b64encode(b"%PDF-1.4 fake").decode()
    response = client.responses.create(
        model="gpt-4.1",
        input=[
            {"role": "developer", "content": "Answer in one sentence."},
            {
                "role": "user",
                "content": [
                    {"type": "input_text", "text": "What are these?"},
                    {"type": "input_image", "image_url": f"data:image/png;base64,{png}"},
                    {"type": "input_image", "file_id": "file-img", "detail": "high"},
                    {
                        "type": "input_file",
                        "filename": "invoice.pdf",
                        "file_data": f"data:application/pdf;base64,{pdf}",
                    },
                    {"type": "input_file", "file_url": "https://x.test/report.pdf"},
                ],
            },
            {"role": "assistant", "content": "Earlier answer."},
            {"type": "message", "role": "user", "content": "And now?"},
        ],
    )
    return wires(server), response.output_text, printed(response.output[0].content[0])


@program
def function_output_with_image_content(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A tool that returns a screenshot: function_call_output whose output is a content list."""
    server.reply(
        answer(function_call("screenshot", {"url": "https://x.test"}, "call_s")),
        answer(output_message("The page shows a login form."), previous_response_id="resp_abc"),
    )
    tools = [
        {
            "type": "function",
            "name": "screenshot",
            "parameters": {"type": "object", "properties": {"url": {"type": "string"}}},
            "strict": False,
        }
    ]
    first = client.responses.create(model="gpt-4.1", input="What is on x.test?", tools=tools)
    call = next(item for item in first.output if item.type == "function_call")
    second = client.responses.create(
        model="gpt-4.1",
        previous_response_id=first.id,
        tools=tools,
        input=[
            {
                "type": "function_call_output",
                "call_id": call.call_id,
                "output": [
                    {"type": "input_text", "text": "screenshot attached"},
                    {"type": "input_image", "image_url": "data:image/png;base64,AAAA"},
                ],
            }
        ],
    )
    return wires(server), json.loads(call.arguments), second.output_text


# --- hosted tools --------------------------------------------------------------------------------


WEB_SEARCH_CALL = {
    "id": "ws_1",
    "type": "web_search_call",
    "status": "completed",
    "action": {
        "type": "search",
        "query": "positive news today",
        "sources": [{"type": "url", "url": "https://news.test/a"}],
    },
}

FILE_SEARCH_CALL = {
    "id": "fs_1",
    "type": "file_search_call",
    "status": "completed",
    "queries": ["deep research"],
    "results": [
        {
            "file_id": "file-1",
            "filename": "paper.pdf",
            "score": 0.91,
            "text": "Deep research is ...",
            "attributes": {"year": 2025, "topic": "ai", "draft": False},
        }
    ],
}


def cited_message(text: str) -> dict[str, Any]:
    message = output_message(text, "msg_c")
    message["content"][0]["annotations"] = [
        {
            "type": "url_citation",
            "start_index": 0,
            "end_index": 4,
            "url": "https://news.test/a",
            "title": "Good news",
        },
        {"type": "file_citation", "index": 5, "file_id": "file-1", "filename": "paper.pdf"},
    ]
    return message


@program
def hosted_search_results_item_by_item(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(answer(WEB_SEARCH_CALL, FILE_SEARCH_CALL, cited_message("News: all good.")))
    response = client.responses.create(
        model="gpt-4.1",
        input="What is good news today, and what does my paper say?",
        tools=[
            {
                "type": "web_search",
                "search_context_size": "low",
                "user_location": {"type": "approximate", "country": "GB", "city": "London"},
                "filters": {"allowed_domains": ["news.test"]},
            },
            {
                "type": "file_search",
                "vector_store_ids": ["vs_1"],
                "max_num_results": 3,
                "filters": {"type": "eq", "key": "topic", "value": "ai"},
                "ranking_options": {"ranker": "auto", "score_threshold": 0.5},
            },
        ],
        include=["file_search_call.results", "web_search_call.action.sources"],
        tool_choice="auto",
    )
    seen = []
    for item in response.output:
        if item.type == "web_search_call":
            seen.append((item.type, item.action.type, item.action.query, item.status))
            seen.append([source.url for source in item.action.sources])
        elif item.type == "file_search_call":
            for result in item.results:
                seen.append((result.filename, result.score, result.attributes))
        elif item.type == "message":
            for part in item.content:
                for note in part.annotations:
                    # (class names differ: test_real_world_f_known.py)
                    seen.append((note.type, note.model_dump()))
    return wires(server), seen, response.output_text, [type(i).__name__ for i in response.output]


# --- conversations ---------------------------------------------------------------------------------


def conversation(conv_id: str = "conv_1", **extra: Any) -> dict[str, Any]:
    return {
        "id": conv_id,
        "object": "conversation",
        "created_at": 1733000000,
        "metadata": {"topic": "demo"},
        **extra,
    }


def conversation_item(n: int) -> dict[str, Any]:
    return {
        "id": f"msg_{n}",
        "type": "message",
        "status": "completed",
        "role": "user" if n % 2 else "assistant",
        "content": [
            {"type": "input_text", "text": f"turn {n}"}
            if n % 2
            else {"type": "output_text", "text": f"turn {n}", "annotations": []}
        ],
    }


@program
def conversation_state_across_turns(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(conversation()),
        answer(output_message("Hello Ada"), conversation={"id": "conv_1"}),
        answer(output_message("You are Ada"), id="resp_2", conversation={"id": "conv_1"}),
        Reply.json(
            {
                "object": "list",
                "data": [conversation_item(n) for n in (1, 2, 3)],
                "first_id": "msg_1",
                "last_id": "msg_3",
                "has_more": False,
            }
        ),
        Reply.json({"id": "conv_1", "object": "conversation.deleted", "deleted": True}),
    )
    conv = client.conversations.create(
        metadata={"topic": "demo"},
        items=[{"type": "message", "role": "user", "content": "My name is Ada"}],
    )
    first = client.responses.create(model="gpt-4.1", conversation=conv.id, input="Hi!")
    second = client.responses.create(
        model="gpt-4.1", conversation={"id": conv.id}, input="What is my name?"
    )
    items = client.conversations.items.list(conv.id, limit=10, order="asc")
    texts = [(item.role, item.content[0].type, item.content[0].text) for item in items]
    deleted = client.conversations.delete(conv.id)
    return (
        wires(server),
        (conv.id, conv.metadata, printed(conv)),
        (first.output_text, first.conversation.id, second.output_text),
        texts,
        (deleted.id, deleted.deleted, deleted.object, type(deleted).__name__),
    )


# --- paging input items ---------------------------------------------------------------------------


def input_items_page(ids: list[int], has_more: bool) -> Reply:
    return Reply.json(
        {
            "object": "list",
            "data": [
                {
                    "id": f"msg_{n}",
                    "type": "message",
                    "status": "completed",
                    "role": "user",
                    "content": [{"type": "input_text", "text": f"q{n}"}],
                }
                for n in ids
            ],
            "first_id": f"msg_{ids[0]}",
            "last_id": f"msg_{ids[-1]}",
            "has_more": has_more,
        }
    )


@program
def input_items_walked_page_by_page(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        input_items_page([1, 2], True),
        input_items_page([3, 4], True),
        input_items_page([5], False),
        input_items_page([1, 2], True),
        input_items_page([3, 4], True),
        input_items_page([5], False),
    )
    page = client.responses.input_items.list("resp_abc", limit=2, order="asc")
    walked = []
    while True:
        walked.append(([item.id for item in page.data], page.has_more, page.last_id))
        if not page.has_next_page():
            break
        info = page.next_page_info()
        walked.append(dict(info.params) if info else None)
        page = page.get_next_page()
    everything = [
        item.content[0].text
        for item in client.responses.input_items.list(
            "resp_abc", limit=2, include=["message.input_image.image_url"]
        )
    ]
    queries = [(r.path, r.query_dict) for r in server.requests]
    return walked, everything, queries


# --- background jobs -------------------------------------------------------------------------------


@program
def background_stream_dropped_then_resumed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The docs' recipe: start a background stream, lose it, resume from the last sequence
    number with retrieve(stream=True, starting_after=...)."""
    item = output_message("Long report text")
    events = response_events(response_object([item], background=True), item)
    server.reply(sse(events[:4]), sse(events[4:]))
    stream = client.responses.create(
        model="o3", input="Write a long report", background=True, stream=True
    )
    cursor = None
    response_id = None
    for event in stream:
        if event.type == "response.created":
            response_id = event.response.id
        cursor = event.sequence_number
    resumed = client.responses.retrieve(response_id, stream=True, starting_after=cursor)
    text = "".join(e.delta for e in resumed if e.type == "response.output_text.delta")
    return wires(server), cursor, text


@program
def background_cancelled_and_deleted(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        answer(status="queued", background=True),
        answer(status="cancelled", background=True),
        Reply.empty(200),
        Reply.json(
            {
                "error": {
                    "message": "Response with id 'resp_abc' not found.",
                    "type": "invalid_request_error",
                    "param": None,
                    "code": None,
                }
            },
            status=404,
        ),
    )
    job = client.responses.create(model="o3", input="slow task", background=True)
    cancelled = client.responses.cancel(job.id)
    deleted = client.responses.delete(job.id)
    try:
        client.responses.retrieve(job.id)
        missing = None
    except openai.NotFoundError as exc:
        missing = (exc.status_code, exc.message, exc.code, exc.param, exc.type)
    return wires(server), job.status, cancelled.status, deleted, missing


# --- raw event loops -------------------------------------------------------------------------------


def seq(events: list[dict[str, Any]]) -> list[Any]:
    return [(e["type"], {**e, "sequence_number": n}) for n, e in enumerate(events)]


REASONING_ITEM = {
    "id": "rs_1",
    "type": "reasoning",
    "summary": [{"type": "summary_text", "text": "Thinking hard."}],
}


def hosted_tool_events() -> list[Any]:
    final = response_object([REASONING_ITEM, WEB_SEARCH_CALL, cited_message("News: ok.")])
    start = {**final, "status": "in_progress", "output": [], "usage": None}
    part = {"type": "summary_text", "text": ""}
    return seq(
        [
            {"type": "response.created", "response": start},
            {
                "type": "response.output_item.added",
                "output_index": 0,
                "item": {**REASONING_ITEM, "summary": []},
            },
            {
                "type": "response.reasoning_summary_part.added",
                "item_id": "rs_1",
                "output_index": 0,
                "summary_index": 0,
                "part": part,
            },
            {
                "type": "response.reasoning_summary_text.delta",
                "item_id": "rs_1",
                "output_index": 0,
                "summary_index": 0,
                "delta": "Thinking hard.",
            },
            {
                "type": "response.reasoning_summary_text.done",
                "item_id": "rs_1",
                "output_index": 0,
                "summary_index": 0,
                "text": "Thinking hard.",
            },
            {
                "type": "response.reasoning_summary_part.done",
                "item_id": "rs_1",
                "output_index": 0,
                "summary_index": 0,
                "part": {**part, "text": "Thinking hard."},
            },
            {"type": "response.output_item.done", "output_index": 0, "item": REASONING_ITEM},
            {
                "type": "response.output_item.added",
                "output_index": 1,
                "item": {"id": "ws_1", "type": "web_search_call", "status": "in_progress"},
            },
            {"type": "response.web_search_call.in_progress", "item_id": "ws_1", "output_index": 1},
            {"type": "response.web_search_call.searching", "item_id": "ws_1", "output_index": 1},
            {"type": "response.web_search_call.completed", "item_id": "ws_1", "output_index": 1},
            {"type": "response.output_item.done", "output_index": 1, "item": WEB_SEARCH_CALL},
            {
                "type": "response.output_item.added",
                "output_index": 2,
                "item": {**cited_message(""), "content": [], "status": "in_progress"},
            },
            {
                "type": "response.content_part.added",
                "item_id": "msg_c",
                "output_index": 2,
                "content_index": 0,
                "part": {"type": "output_text", "text": "", "annotations": []},
            },
            {
                "type": "response.output_text.annotation.added",
                "item_id": "msg_c",
                "output_index": 2,
                "content_index": 0,
                "annotation_index": 0,
                "annotation": {
                    "type": "url_citation",
                    "start_index": 0,
                    "end_index": 4,
                    "url": "https://news.test/a",
                    "title": "Good news",
                },
            },
            {
                "type": "response.output_text.delta",
                "item_id": "msg_c",
                "output_index": 2,
                "content_index": 0,
                "delta": "News: ok.",
                "logprobs": [],
            },
            {"type": "response.brand_new_event", "item_id": "msg_c", "payload": {"x": 1}},
            {"type": "response.completed", "response": final},
        ]
    )


@program
def raw_event_loop_over_hosted_tools(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(hosted_tool_events()))
    stream = client.responses.create(
        model="o4-mini",
        input="Good news?",
        tools=[{"type": "web_search"}],
        reasoning={"effort": "low", "summary": "auto"},
        stream=True,
    )
    log = []
    for event in stream:
        if event.type == "response.reasoning_summary_text.delta":
            log.append(("thinking", event.delta, event.summary_index))
        elif event.type.startswith("response.web_search_call."):
            log.append((event.type.rsplit(".", 1)[-1], event.item_id))
        elif event.type == "response.output_text.annotation.added":
            log.append(("cite", event.annotation_index, event.annotation.model_dump()))
        elif event.type == "response.output_text.delta":
            log.append(("text", event.delta))
        elif event.type == "response.completed":
            log.append(("done", event.response.output_text, len(event.response.output)))
        else:
            # (an event newer than both packages: its class differs, each its own fallback)
            log.append((event.type, event.to_dict()))
    return wires(server), log


@program
def stream_helper_with_hosted_tools(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(sse(hosted_tool_events()))
    log = []
    with client.responses.stream(
        model="o4-mini", input="Good news?", tools=[{"type": "web_search"}]
    ) as stream:
        for event in stream:
            if event.type == "response.output_text.delta":
                log.append(("text", event.delta, event.snapshot))
            elif event.type.startswith("response.brand_new"):  # newer than both: own fallbacks
                log.append((event.type, event.payload))
            else:
                log.append((type(event).__name__, event.type))
        final = stream.get_final_response()
    return (
        wires(server),
        log,
        final.output_text,
        [type(item).__name__ for item in final.output],
        final.output[0].summary[0].text,
        final.output_parsed if hasattr(final, "output_parsed") else "no output_parsed",
    )


@program
def incomplete_response_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """max_output_tokens hit: the stream ends with response.incomplete, not completed."""
    item = output_message("Trunc")
    item["status"] = "incomplete"
    final = response_object(
        [item], status="incomplete", incomplete_details={"reason": "max_output_tokens"}
    )
    events = response_events(final, item)
    events[-1] = ("response.incomplete", {**events[-1][1], "type": "response.incomplete"})
    server.reply(sse(events), sse(events))
    stream = client.responses.create(
        model="gpt-4.1", input="Write an essay", max_output_tokens=16, stream=True
    )
    last = None
    for event in stream:
        last = event
    with client.responses.stream(
        model="gpt-4.1", input="Write an essay", max_output_tokens=16
    ) as helper:
        try:
            finished = helper.get_final_response()
            outcome: Any = (finished.status, finished.incomplete_details.reason)
        except Exception as exc:
            outcome = (type(exc).__name__, str(exc))
    return (
        type(last).__name__,
        last.type,
        last.response.status,
        last.response.incomplete_details.reason,
        last.response.output_text,
        outcome,
    )


@program
def event_classes_and_reprs(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A debugging session: print every event of a raw stream and of the helper."""
    events = [e for e in hosted_tool_events() if not e[0].startswith("response.brand_new")]
    server.reply(sse(events), sse(events))
    raw = [
        (type(e).__name__, repr(e))
        for e in client.responses.create(model="o4-mini", input="x", stream=True)
    ]
    with client.responses.stream(model="o4-mini", input="x") as stream:
        helper = [(type(e).__name__, repr(e)) for e in stream]
    # Not compared: the reprs showing the annotation's or the reasoning summary's class name
    # (test_real_world_f_known.py).
    return [
        r if not any(word in r[1] for word in ("citation", "Summary")) else r[0]
        for r in raw + helper
    ]


# --- model objects fed back as input ---------------------------------------------------------------


@program
def parsed_items_fed_back_as_input(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Stateless agent on responses.parse: every output item (parsed function calls, reasoning
    with encrypted content, a cited message) goes back into ``input`` as the object it is."""
    from pydantic import BaseModel

    class GetStock(BaseModel):
        ticker: str

    reasoning = {
        "id": "rs_9",
        "type": "reasoning",
        "summary": [],
        "encrypted_content": "gAAAA-opaque",
    }
    message = cited_message("AAPL is up.")
    message["content"][0]["logprobs"] = []
    streamed_call = function_call("GetStock", {"ticker": "MSFT"}, "call_u")
    server.reply(
        answer(reasoning, function_call("GetStock", {"ticker": "AAPL"}, "call_t")),
        answer(message, id="resp_2"),
        sse(response_events(response_object([streamed_call], id="resp_3"), streamed_call)),
        answer(output_message("Bye"), id="resp_4"),
    )
    tools = [openai.pydantic_function_tool(GetStock)]
    history: list[Any] = [{"role": "user", "content": "How is AAPL?"}]
    first = client.responses.parse(
        model="o4-mini",
        input=history,
        tools=tools,
        store=False,
        include=["reasoning.encrypted_content"],
    )
    history += first.output
    call = first.output[1]
    history.append(
        {"type": "function_call_output", "call_id": call.call_id, "output": '{"change": 1.2}'}
    )
    second = client.responses.parse(model="o4-mini", input=history, tools=tools, store=False)
    history += second.output
    history.append({"role": "user", "content": "and MSFT?"})
    with client.responses.stream(model="o4-mini", input=history, tools=tools) as stream:
        history += stream.get_final_response().output
    history.append({"type": "function_call_output", "call_id": "call_u", "output": "{}"})
    client.responses.create(model="o4-mini", input=history, store=False)
    return (
        [r.json()["input"] for r in server.requests],
        repr(call.parsed_arguments),
        [type(item).__name__.split("[")[0] for item in history if not isinstance(item, dict)],
    )


@program
def output_items_dumped_into_input(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The other common way: ``item.model_dump()`` (or ``to_dict()``) of each output item."""
    server.reply(
        answer(
            {**REASONING_ITEM, "status": None},
            function_call("lookup", {"q": "x"}, "call_d"),
            output_message("partial"),
        ),
        answer(output_message("done"), id="resp_2"),
    )
    first = client.responses.create(model="o4-mini", input="go")
    items: list[Any] = [{"role": "user", "content": "go"}]
    for item in first.output:
        items.append(
            item.model_dump(exclude_none=True) if item.type == "reasoning" else item.to_dict()
        )
    items.append({"type": "function_call_output", "call_id": "call_d", "output": "ok"})
    client.responses.create(model="o4-mini", input=items)
    return server.requests[-1].json()["input"]


# --- image generation and code interpreter --------------------------------------------------------


PIXEL = base64.b64encode(b"\x89PNG\r\n\x1a\npixel").decode()


@program
def image_generation_saved_to_disk(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The docs' image generation tool: decode the call's base64 result, and the partial images
    streamed before it."""
    image_call = {
        "id": "ig_1",
        "type": "image_generation_call",
        "status": "completed",
        "result": PIXEL,
        "revised_prompt": "a gray tabby cat hugging an otter",
        "background": "opaque",
        "output_format": "png",
        "quality": "high",
        "size": "1024x1024",
    }
    final = response_object([image_call])
    start = {**final, "status": "in_progress", "output": [], "usage": None}
    events = seq(
        [
            {"type": "response.created", "response": start},
            {
                "type": "response.output_item.added",
                "output_index": 0,
                "item": {"id": "ig_1", "type": "image_generation_call", "status": "in_progress"},
            },
            {
                "type": "response.image_generation_call.in_progress",
                "item_id": "ig_1",
                "output_index": 0,
            },
            {
                "type": "response.image_generation_call.generating",
                "item_id": "ig_1",
                "output_index": 0,
            },
            {
                "type": "response.image_generation_call.partial_image",
                "item_id": "ig_1",
                "output_index": 0,
                "partial_image_index": 0,
                "partial_image_b64": PIXEL,
            },
            {
                "type": "response.image_generation_call.completed",
                "item_id": "ig_1",
                "output_index": 0,
            },
            {"type": "response.output_item.done", "output_index": 0, "item": image_call},
            {"type": "response.completed", "response": final},
        ]
    )
    server.reply(Reply.json(final), sse(events))
    tools = [{"type": "image_generation", "quality": "high", "partial_images": 1}]
    response = client.responses.create(model="gpt-5", input="Draw a cat", tools=tools)
    images = [
        base64.b64decode(output.result)
        for output in response.output
        if output.type == "image_generation_call"
    ]
    partials = []
    stream = client.responses.create(model="gpt-5", input="Draw a cat", tools=tools, stream=True)
    for event in stream:
        if event.type == "response.image_generation_call.partial_image":
            partials.append((event.partial_image_index, base64.b64decode(event.partial_image_b64)))
        else:
            partials.append(type(event).__name__)
    call = response.output[0]
    return wires(server), images, partials, (call.revised_prompt, call.size, call.status)


@program
def code_interpreter_outputs_and_files(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    interpreter_call = {
        "id": "ci_1",
        "type": "code_interpreter_call",
        "status": "completed",
        "code": "print(2 ** 10)",
        "container_id": "cntr_1",
        "outputs": [
            {"type": "logs", "logs": "1024\n"},
            {"type": "image", "url": "https://x.test/p.png"},
        ],
    }
    message = output_message("2**10 is 1024; see plot.png")
    message["content"][0]["annotations"] = [
        {
            "type": "container_file_citation",
            "container_id": "cntr_1",
            "file_id": "cfile_1",
            "filename": "plot.png",
            "start_index": 0,
            "end_index": 5,
        }
    ]
    server.reply(answer(interpreter_call, message), Reply.raw(b"PNGDATA", content_type="image/png"))
    response = client.responses.create(
        model="gpt-4.1",
        tools=[{"type": "code_interpreter", "container": {"type": "auto", "memory_limit": "4g"}}],
        instructions="Use python.",
        input="What is 2**10? Plot it.",
    )
    found = []
    for item in response.output:
        if item.type == "code_interpreter_call":
            found.append((item.code, [(o.type, o.model_dump()) for o in item.outputs]))
        elif item.type == "message":
            for note in item.content[0].annotations:
                if note.type == "container_file_citation":
                    content = client.containers.files.content.retrieve(
                        note.file_id, container_id=note.container_id
                    )
                    found.append((note.filename, content.read()))
    # (the download's Accept header differs: test_real_world_f_known.py)
    return wires(server)[:1], found


# --- async -----------------------------------------------------------------------------------------


@async_program
async def async_background_resume_with_stream_helper(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    item = output_message("Finished the essay")
    events = response_events(response_object([item], background=True), item)
    server.reply(Reply.json(response_object([], status="in_progress", background=True)))
    server.reply(sse(events[3:]))
    job = await client.responses.create(model="o3", input="essay", background=True)
    texts = []
    try:
        async with client.responses.stream(response_id=job.id, starting_after=2) as stream:
            async for event in stream:
                if event.type == "response.output_text.delta":
                    texts.append((event.delta, event.snapshot))
            final = await stream.get_final_response()
        outcome: Any = (final.output_text, final.status)
    except RuntimeError as exc:  # both helpers need the response.created a resumed stream lacks
        outcome = str(exc)
    return wires(server), texts, outcome


@async_program
async def async_conversation_items_paged(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    page_one = {
        "object": "list",
        "data": [conversation_item(n) for n in (1, 2)],
        "first_id": "msg_1",
        "last_id": "msg_2",
        "has_more": True,
    }
    page_two = {**page_one, "data": [conversation_item(3)], "has_more": False}
    server.reply(Reply.json(page_one), Reply.json(page_two))
    texts = []
    async for item in client.conversations.items.list("conv_1", limit=2):
        texts.append((item.id, item.content[0].text))
    return [(r.path, r.query_dict) for r in server.requests], texts


@async_program
async def async_agent_with_parse_and_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An async FastAPI-style handler: parse with a pydantic tool, run it, stream the answer,
    then clean up the stored responses."""
    from pydantic import BaseModel

    class GetOrder(BaseModel):
        order_id: str

    class Answer(BaseModel):
        status: str
        eta_days: int

    item = output_message(json.dumps({"status": "shipped", "eta_days": 2}))
    server.reply(
        answer(function_call("GetOrder", {"order_id": "A7"}, "call_o")),
        sse(response_events(response_object([item], id="resp_2"), item)),
        Reply.json(response_object([item], id="resp_2")),
        Reply.empty(200),
        Reply.empty(200),
    )
    tools = [openai.pydantic_function_tool(GetOrder)]
    first = await client.responses.parse(
        model="gpt-4.1", input="Where is A7?", tools=tools, text_format=Answer
    )
    call = first.output[0]
    deltas = []
    async with client.responses.stream(
        model="gpt-4.1",
        previous_response_id=first.id,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": "shipped"}],
        tools=tools,
        text_format=Answer,
    ) as stream:
        async for event in stream:
            if event.type == "response.output_text.delta":
                deltas.append(event.delta)
        final = await stream.get_final_response()
    again = await client.responses.retrieve(final.id)
    results = [await client.responses.delete(r) for r in (first.id, final.id)]
    return (
        wires(server),
        repr(call.parsed_arguments),
        first.output_parsed,
        deltas,
        repr(final.output_parsed),
        again.output_text,
        results,
    )


@async_program
async def async_raw_stream_context_and_retrieve(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    item = output_message("streamed words")
    events = response_events(response_object([item], background=True), item)
    server.reply(sse(events), sse(events), answer(status="cancelled", background=True))
    kinds = []
    stream = await client.responses.create(
        model="gpt-4.1", input="hi", stream=True, background=True
    )
    async with stream:
        async for event in stream:
            kinds.append(event.sequence_number)
            if event.type == "response.output_text.delta":
                break
    replay = await client.responses.retrieve("resp_abc", stream=True, starting_after=3)
    text = [e.delta async for e in replay if e.type == "response.output_text.delta"]
    cancelled = await client.responses.cancel("resp_abc")
    return wires(server), kinds, text, cancelled.status


@async_program
async def async_input_items_paged(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        input_items_page([1, 2], True),
        input_items_page([3], False),
        input_items_page([1, 2], True),
        input_items_page([3], False),
    )
    walked = [
        item.id
        async for item in client.responses.input_items.list("resp_abc", limit=2, order="desc")
    ]
    page = await client.responses.input_items.list("resp_abc", limit=2)
    following = await page.get_next_page()
    return (
        walked,
        [item.id for item in page.data],
        [item.id for item in following.data],
        following.has_next_page(),
        [r.target for r in server.requests],
    )


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
