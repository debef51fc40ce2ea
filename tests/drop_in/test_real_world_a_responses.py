"""Real-world sweep A, the Responses API: agents looping over function calls, structured outputs,
streaming to a UI, reasoning, built-in tools, background jobs, input items — short programs
written for the official SDK, run unchanged against both packages over the scripted loopback
server (each returns what its author observes and what was sent).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any, Literal

from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    function_call,
    output_message,
    response_events,
    response_object,
    sent,
    sse,
    wire,
    without_defaults,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(*output: dict[str, Any], **extra: Any) -> Reply:
    return Reply.json(response_object(list(output), **extra))


def streamed(item: dict[str, Any], **extra: Any) -> Reply:
    return sse(response_events(response_object([item], **extra), item))


# --- agents --------------------------------------------------------------------------------------


TOOLS = [
    {
        "type": "function",
        "name": "search_docs",
        "description": "Search the knowledge base",
        "parameters": {
            "type": "object",
            "properties": {"query": {"type": "string"}},
            "required": ["query"],
            "additionalProperties": False,
        },
        "strict": True,
    },
    {
        "type": "function",
        "name": "open_ticket",
        "parameters": {
            "type": "object",
            "properties": {"title": {"type": "string"}},
            "required": ["title"],
        },
    },
]


def run_tool(name: str, arguments: str) -> str:
    args = json.loads(arguments)
    if name == "search_docs":
        return json.dumps({"hits": [f"doc about {args['query']}"]})
    return json.dumps({"ticket": 17, "title": args["title"]})


@program
def agent_loop_until_answer(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(function_call("search_docs", {"query": "refunds"}, "call_1")),
        answer(function_call("open_ticket", {"title": "refund"}, "call_2"), id="resp_2"),
        answer(output_message("Ticket 17 opened."), id="resp_3"),
    )
    response = client.responses.create(
        model="gpt-4.1",
        instructions="You are a support agent.",
        input=[{"role": "user", "content": "I want a refund"}],
        tools=TOOLS,
    )
    steps = 0
    while True:
        calls = [item for item in response.output if item.type == "function_call"]
        if not calls:
            break
        steps += 1
        response = client.responses.create(
            model="gpt-4.1",
            previous_response_id=response.id,
            input=[
                {
                    "type": "function_call_output",
                    "call_id": call.call_id,
                    "output": run_tool(call.name, call.arguments),
                }
                for call in calls
            ],
            tools=TOOLS,
        )
    return sent(server, 3), steps, response.output_text, response.id


@program
def print_and_dump_a_response(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer(output_message("Hi there")))
    response = client.responses.create(model="gpt-4.1", input="hi")
    item = response.output[0]
    return (
        str(item),
        repr(item.content[0]),
        item.model_dump_json(indent=2),
        response.usage.model_dump_json(indent=2),  # (cache_write_tokens_details: x-sdk-newer)
        response.usage.output_tokens_details.to_json(),
        response.to_json(),
        json.loads(response.model_dump_json())["output"][0]["content"][0]["text"],
        response.model_dump(exclude_none=True, exclude_unset=True),
        list(response.to_dict(mode="json")),
    )


@program
def instructions_and_typed_input(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer(output_message("A cat on a mat.")))
    response = client.responses.create(
        model="gpt-4.1-mini",
        instructions="Describe images briefly.",
        input=[
            {
                "role": "user",
                "content": [
                    {"type": "input_text", "text": "what is this?"},
                    {
                        "type": "input_image",
                        "image_url": "https://x.test/cat.png",
                        "detail": "auto",
                    },
                    {"type": "input_file", "file_id": "file-123"},
                ],
            }
        ],
        max_output_tokens=200,
        temperature=0.2,
        top_p=0.9,
        metadata={"session": "s1"},
        user="u-9",
        truncation="auto",
    )
    message = response.output[0]
    return (
        sent(server),
        response.output_text,
        message.role,
        message.content[0].type,
        message.content[0].text,
        response.status,
        response.error,
    )


# --- structured outputs --------------------------------------------------------------------------


class Event(BaseModel):
    name: str
    date: str
    participants: list[str]


class Research(BaseModel):
    title: str
    findings: list[str]
    confidence: Literal["low", "medium", "high"]


EVENT = {"name": "Science fair", "date": "Friday", "participants": ["Alice", "Bob"]}


@program
def parse_calendar_event(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer(output_message(json.dumps(EVENT))))
    response = client.responses.parse(
        model="gpt-4o-2024-08-06",
        input=[
            {"role": "system", "content": "Extract the event information."},
            {"role": "user", "content": "Alice and Bob are going to a science fair on Friday."},
        ],
        text_format=Event,
    )
    event = response.output_parsed
    return (
        without_defaults(sent(server)),
        event,
        event.participants,
        type(response).__name__.split("[")[0],
        response.output[0].content[0].parsed,
        response.output_text,
    )


@program
def parse_refusal_and_json_schema(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    refusal = {
        "id": "msg_r",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "refusal", "refusal": "I can't."}],
    }
    server.reply(answer(refusal), answer(output_message(json.dumps(EVENT))))
    refused = client.responses.parse(model="gpt-4.1", input="x", text_format=Event)
    by_hand = client.responses.create(
        model="gpt-4.1",
        input="x",
        text={
            "format": {
                "type": "json_schema",
                "name": "event",
                "schema": Event.model_json_schema(),
                "strict": False,
            }
        },
    )
    return (
        without_defaults(sent(server, 2)),
        refused.output_parsed,
        refused.output[0].content[0].type,
        refused.output[0].content[0].refusal,
        json.loads(by_hand.output_text),
    )


@program
def stream_structured_output(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    text = json.dumps({"title": "T", "findings": ["a", "b"], "confidence": "high"})
    server.reply(streamed(output_message(text)))
    deltas = []
    with client.responses.stream(model="gpt-4.1", input="research", text_format=Research) as stream:
        for event in stream:
            if event.type == "response.output_text.delta":
                deltas.append(event.delta)
            elif event.type == "response.output_text.done":
                deltas.append(("done", type(event.parsed).__name__ if event.parsed else None))
        final = stream.get_final_response()
    return without_defaults(sent(server)), deltas, final.output_parsed


@program
def parse_function_tool_strict(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    class GetStock(BaseModel):
        symbol: str
        exchange: Literal["NYSE", "NASDAQ"]

    server.reply(answer(function_call("GetStock", {"symbol": "AAPL", "exchange": "NASDAQ"}, "c")))
    response = client.responses.parse(
        model="gpt-4.1", input="AAPL price?", tools=[openai.pydantic_function_tool(GetStock)]
    )
    call = response.output[0]
    return (
        without_defaults(sent(server)),
        call.parsed_arguments.model_dump(),
        call.name,
        type(call).__name__.split("[")[0],
        response.output_parsed,
    )


# --- streaming to a UI -----------------------------------------------------------------------------


@program
def stream_true_event_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(streamed(output_message("Hello there")))
    ui = []
    stream = client.responses.create(model="gpt-4.1", input="greet", stream=True)
    for event in stream:
        if event.type == "response.created":
            ui.append(("created", event.response.status))
        elif event.type == "response.output_text.delta":
            ui.append(event.delta)
        elif event.type == "response.completed":
            ui.append(("usage", event.response.usage.total_tokens, event.sequence_number))
    return sent(server), ui


@program
def print_streamed_events(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Logging every event as it comes (``print(event)``), raw and through the helper."""
    item = output_message("Hi")
    server.reply(streamed(item), streamed(item))
    # (not the events carrying a whole `Response`: the official SDK is newer there)
    raw = [
        str(event)
        for event in client.responses.create(model="m", input="x", stream=True)
        if "output_text" in event.type or "content_part" in event.type
    ]
    with client.responses.stream(model="m", input="x") as stream:
        helper = [str(event) for event in stream if "output_text" in event.type]
    return raw, helper


@program
def stream_helper_text_and_events(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = function_call("search_docs", {"query": "vpn"}, "call_v")
    server.reply(streamed(output_message("Streaming helper")), streamed(item))
    with client.responses.stream(model="gpt-4.1", input="x") as stream:
        kinds = [type(event).__name__ for event in stream]
        snapshot = stream.get_final_response()
    with client.responses.stream(model="gpt-4.1", input="x", tools=TOOLS) as stream:
        args = [
            (event.delta, event.item_id)
            for event in stream
            if event.type == "response.function_call_arguments.delta"
        ]
        call = stream.get_final_response().output[0]
    return (
        kinds,
        snapshot.output_text,
        args,
        (call.name, call.arguments, call.call_id, call.parsed_arguments),
    )


@program
def stream_failed_and_error_events(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    failed = response_object(
        [],
        status="failed",
        error={"code": "server_error", "message": "The model crashed."},
        usage=None,
    )
    server.reply(
        sse(
            [
                (
                    "response.created",
                    {
                        "type": "response.created",
                        "sequence_number": 0,
                        "response": {**failed, "status": "in_progress", "error": None},
                    },
                ),
                (
                    "response.failed",
                    {"type": "response.failed", "sequence_number": 1, "response": failed},
                ),
            ]
        ),
        sse(
            [
                (
                    "error",
                    {
                        "type": "error",
                        "sequence_number": 0,
                        "code": "rate_limit_exceeded",
                        "message": "Slow down",
                        "param": None,
                    },
                ),
            ]
        ),
    )
    seen = []
    for event in client.responses.create(model="gpt-4.1", input="x", stream=True):
        if event.type == "response.failed":
            seen.append(
                (event.response.status, event.response.error.code, event.response.error.message)
            )
    try:
        for event in client.responses.create(model="gpt-4.1", input="x", stream=True):
            seen.append((event.type, getattr(event, "code", None), getattr(event, "message", None)))
    except openai.APIError as e:
        seen.append(("raised", type(e).__name__, e.message))
    return seen


# --- reasoning, tools, options ---------------------------------------------------------------------


@program
def reasoning_summary_and_effort(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    reasoning = {
        "id": "rs_9",
        "type": "reasoning",
        "summary": [
            {"type": "summary_text", "text": "**Plan**"},
            {"type": "summary_text", "text": "Count."},
        ],
    }
    server.reply(
        answer(reasoning, output_message("42"), reasoning={"effort": "high", "summary": "detailed"})
    )
    response = client.responses.create(
        model="o4-mini",
        input="answer?",
        reasoning={"effort": "high", "summary": "detailed"},
        max_output_tokens=2000,
    )
    first = response.output[0]
    return (
        sent(server),
        [part.text for part in first.summary],
        first.encrypted_content,
        first.content,
        response.reasoning.effort,
        response.output_text,
        type(first).__name__,
    )


@program
def hosted_tools_and_choices(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    file_search = {
        "id": "fs_1",
        "type": "file_search_call",
        "status": "completed",
        "queries": ["warranty"],
        "results": [
            {
                "file_id": "file-1",
                "filename": "w.pdf",
                "score": 0.9,
                "text": "2 years",
                "attributes": {"lang": "en"},
            },
        ],
    }
    server.reply(answer(file_search, output_message("Two years.")))
    response = client.responses.create(
        model="gpt-4.1",
        input="warranty length?",
        tools=[
            {"type": "file_search", "vector_store_ids": ["vs_1"], "max_num_results": 3},
            {"type": "web_search_preview", "search_context_size": "low"},
            {"type": "code_interpreter", "container": {"type": "auto"}},
        ],
        tool_choice={"type": "file_search"},
        include=["file_search_call.results"],
        max_tool_calls=2,
        parallel_tool_calls=False,
    )
    call = response.output[0]
    return (
        sent(server),
        call.type,
        call.queries,
        [(r.filename, r.score, r.attributes) for r in call.results],
        response.output_text,
    )


@program
def custom_and_mcp_tools(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    custom = {
        "id": "ctc_1",
        "type": "custom_tool_call",
        "call_id": "call_c",
        "name": "run_sql",
        "input": "SELECT 1",
    }
    approval = {
        "id": "mcpr_1",
        "type": "mcp_approval_request",
        "arguments": "{}",
        "name": "list_repos",
        "server_label": "gh",
    }
    server.reply(answer(custom, approval), answer(output_message("done")))
    response = client.responses.create(
        model="gpt-5",
        input="x",
        tools=[
            {"type": "custom", "name": "run_sql", "description": "Run SQL"},
            {
                "type": "mcp",
                "server_label": "gh",
                "server_url": "https://mcp.example/sse",
                "require_approval": "always",
            },
        ],
    )
    follow = client.responses.create(
        model="gpt-5",
        previous_response_id=response.id,
        input=[
            {"type": "custom_tool_call_output", "call_id": "call_c", "output": "1"},
            {"type": "mcp_approval_response", "approval_request_id": "mcpr_1", "approve": True},
        ],
    )
    return (
        sent(server, 2),
        [(item.type, type(item).__name__) for item in response.output],
        response.output[0].input,
        response.output[1].server_label,
        follow.output_text,
    )


@program
def logprobs_and_text_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    message = output_message("Yes")
    message["content"][0]["logprobs"] = [
        {"token": "Yes", "logprob": -0.01, "bytes": [89, 101, 115], "top_logprobs": []}
    ]
    server.reply(answer(message, text={"format": {"type": "text"}, "verbosity": "low"}))
    response = client.responses.create(
        model="gpt-4.1",
        input="yes or no?",
        include=["message.output_text.logprobs"],
        top_logprobs=2,
        text={"verbosity": "low"},
        service_tier="flex",
        prompt_cache_key="k1",
        safety_identifier="sid",
    )
    part = response.output[0].content[0]
    return (
        sent(server),
        [(lp.token, lp.logprob, lp.bytes) for lp in part.logprobs],
        str(part.logprobs[0]),
        response.text.verbosity,
    )


# --- stored responses ------------------------------------------------------------------------------


def input_item(n: int) -> dict[str, Any]:
    return {
        "id": f"msg_{n}",
        "type": "message",
        "role": "user",
        "status": "completed",
        "content": [{"type": "input_text", "text": f"q{n}"}],
    }


@program
def input_items_pages(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def page(ids: list[int], more: bool) -> Reply:
        return Reply.json(
            {
                "object": "list",
                "data": [input_item(n) for n in ids],
                "first_id": f"msg_{ids[0]}",
                "last_id": f"msg_{ids[-1]}",
                "has_more": more,
            }
        )

    server.reply(page([1, 2], True), page([3], False), page([1, 2], True), page([3], False))
    first = client.responses.input_items.list("resp_1", limit=2, order="asc")
    info = first.next_page_info()
    texts = [item.content[0].text for item in first]  # auto-pages from here
    pages = [
        [item.id for item in page.data]
        for page in client.responses.input_items.list("resp_1", limit=2).iter_pages()
    ]
    return (
        [wire(r)[1:3] for r in server.requests[-4:]],
        first.has_next_page(),
        info.params,
        texts,
        pages,
        type(first.data[0]).__name__,
    )


@program
def retrieve_delete_and_count(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(output_message("stored")),
        Reply.json({"id": "resp_abc", "object": "response", "deleted": True}),
        Reply.json({"object": "response.input_tokens", "input_tokens": 11}),
        Reply.json(
            {
                "error": {
                    "message": "No response found",
                    "type": "invalid_request_error",
                    "param": None,
                    "code": None,
                }
            },
            status=404,
        ),
    )
    got = client.responses.retrieve("resp_abc")
    deleted = client.responses.delete("resp_abc")
    counted = client.responses.input_tokens.count(model="gpt-4.1", input="count me")
    try:
        client.responses.retrieve("resp_abc")
        missing = None
    except openai.NotFoundError as e:
        missing = (e.status_code, e.message, e.body)
    return (
        [wire(r) for r in server.requests[-4:]],
        got.output_text,
        deleted,
        counted.input_tokens,
        missing,
    )


# --- async -----------------------------------------------------------------------------------------


@async_program
async def async_stream_helper(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(streamed(output_message("async text")), streamed(output_message("raw")))
    async with client.responses.stream(model="gpt-4.1", input="x") as stream:
        deltas = [e.delta async for e in stream if e.type == "response.output_text.delta"]
        final = await stream.get_final_response()
    raw = await client.responses.create(model="gpt-4.1", input="x", stream=True)
    kinds = [event.type async for event in raw]
    return deltas, final.output_text, kinds


@async_program
async def async_agents_in_parallel(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import asyncio

    def reply(request: Any) -> Reply:
        body = request.json()
        if isinstance(body["input"], str):
            return answer(function_call("search_docs", {"query": body["input"]}, "c"))
        return answer(output_message("found " + body["input"][0]["output"]))

    server.default = Reply.dynamic(reply)
    gate = asyncio.Semaphore(2)

    async def agent(question: str) -> str:
        async with gate:
            first = await client.responses.create(model="gpt-4.1", input=question, tools=TOOLS)
            call = first.output[0]
            second = await client.responses.create(
                model="gpt-4.1",
                input=[
                    {
                        "type": "function_call_output",
                        "call_id": call.call_id,
                        "output": json.loads(call.arguments)["query"],
                    }
                ],
                tools=TOOLS,
            )
            return second.output_text

    return await asyncio.gather(*(agent(q) for q in ["vpn", "mail", "wifi"]))


@async_program
async def async_parse_and_pages(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(output_message(json.dumps(EVENT))),
        Reply.json(
            {
                "object": "list",
                "data": [input_item(1)],
                "first_id": "msg_1",
                "last_id": "msg_1",
                "has_more": True,
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [input_item(2)],
                "first_id": "msg_2",
                "last_id": "msg_2",
                "has_more": False,
            }
        ),
    )
    parsed = await client.responses.parse(model="gpt-4.1", input="x", text_format=Event)
    ids = [item.id async for item in client.responses.input_items.list("resp_1")]
    return parsed.output_parsed, ids, [r.query for r in server.requests[-2:]]


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
