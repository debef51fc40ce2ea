"""Real-world sweep N, conversation state and response lifecycles: the Conversations API end to end
(create, retrieve, update, items create/list/retrieve/delete with ``include``, items of every kind
read back), compaction of a long history, token counting before a call, stateless
``store=False`` turns carrying encrypted reasoning, background jobs polled and cancelled, and raw /
streamed-response access to the same calls — programs written for the official SDK, run unchanged
against both packages over the scripted loopback server.
"""

from __future__ import annotations

import json
import warnings
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import observed_the_same, registry
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


def conversation(conv_id: str = "conv_1", metadata: Any = None) -> dict[str, Any]:
    return {
        "id": conv_id,
        "object": "conversation",
        "created_at": 1741900000,
        "metadata": metadata if metadata is not None else {},
    }


def item_list(*items: dict[str, Any], has_more: bool = False) -> Reply:
    return Reply.json(
        {
            "object": "list",
            "data": list(items),
            "first_id": items[0]["id"] if items else None,
            "last_id": items[-1]["id"] if items else None,
            "has_more": has_more,
        }
    )


def user_message(item_id: str, text: str) -> dict[str, Any]:
    return {
        "type": "message",
        "id": item_id,
        "status": "completed",
        "role": "user",
        "content": [{"type": "input_text", "text": text}],
    }


# --- conversations ---------------------------------------------------------------------------------


@program
def conversation_lifecycle(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The Conversations API cookbook, every call once, printing what comes back."""
    server.reply(
        Reply.json(conversation(metadata={"topic": "demo"})),
        Reply.json(conversation(metadata={"topic": "demo"})),
        Reply.json(conversation(metadata={"topic": "project-x"})),
        item_list(user_message("msg_a", "Hello!"), user_message("msg_b", "How are you?")),
        Reply.json(user_message("msg_a", "Hello!")),
        Reply.json(conversation(metadata={"topic": "project-x"})),
        Reply.json({"id": "conv_1", "object": "conversation.deleted", "deleted": True}),
    )
    conv = client.conversations.create(
        metadata={"topic": "demo"},
        items=[{"type": "message", "role": "user", "content": "Hello!"}],
    )
    print(conv)
    got = client.conversations.retrieve(conv.id)
    updated = client.conversations.update(conv.id, metadata={"topic": "project-x"})
    added = client.conversations.items.create(
        conv.id,
        items=[
            {
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": "Hello!"}],
            },
            {
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": "How are you?"}],
            },
        ],
        include=["message.input_image.image_url"],
    )
    one = client.conversations.items.retrieve("msg_a", conversation_id=conv.id)
    after_delete = client.conversations.items.delete("msg_a", conversation_id=conv.id)
    gone = client.conversations.delete(conv.id)
    return (
        wires(server),
        str(conv),
        (got.id, got.created_at, got.metadata, got.object),
        updated.metadata["topic"],
        (str(added), added.first_id, added.last_id, added.has_more, len(added.data)),
        [item.content[0].text for item in added.data],
        (str(one), one.role, one.status, type(one).__name__),
        (type(after_delete).__name__, after_delete.to_dict()),
        (str(gone), gone.deleted),
    )


def mixed_items() -> list[dict[str, Any]]:
    reasoning = {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "Hmm."}],
    }
    return [
        user_message("msg_1", "weather and a picture?"),
        reasoning,
        function_call("get_weather", {"city": "Oslo"}, "call_w"),
        {
            "id": "fco_1",
            "type": "function_call_output",
            "call_id": "call_w",
            "output": '{"temp": 3}',
            "status": "completed",
        },
        {"id": "ig_1", "type": "image_generation_call", "status": "completed", "result": "aGk="},
        {
            "id": "ws_1",
            "type": "web_search_call",
            "status": "completed",
            "action": {"type": "open_page", "url": "https://yr.no"},
        },
        {
            "id": "mcpl_1",
            "type": "mcp_list_tools",
            "server_label": "wiki",
            "tools": [{"name": "ask", "input_schema": {}}],
        },
        {"id": "cmp_1", "type": "compaction", "encrypted_content": "gAAA"},
        {
            "type": "message",
            "id": "msg_2",
            "status": "completed",
            "role": "assistant",
            "content": [
                {"type": "output_text", "text": "3 degrees.", "annotations": [], "logprobs": []},
                {"type": "refusal", "refusal": "No picture."},
            ],
        },
    ]


@program
def conversation_items_of_every_kind(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A transcript exporter walking a conversation's items, branching on ``item.type``."""
    items = mixed_items()
    server.reply(item_list(*items[:5], has_more=True), item_list(*items[5:]))
    lines = []
    for item in client.conversations.items.list(
        "conv_1", limit=5, order="asc", include=["reasoning.encrypted_content"]
    ):
        if item.type == "message":
            for part in item.content:
                lines.append(
                    (
                        item.role,
                        part.type,
                        getattr(part, "text", None) or getattr(part, "refusal", None),
                    )
                )
        elif item.type == "function_call":
            lines.append(("call", item.name, json.loads(item.arguments)))
        elif item.type == "function_call_output":
            lines.append(("result", item.call_id, item.output))
        elif item.type == "reasoning":
            lines.append(("thought", [s.text for s in item.summary]))
        elif item.type == "web_search_call":
            lines.append(("web", item.action.type, item.action.url))
        elif item.type == "mcp_list_tools":
            lines.append(("mcp", [t.name for t in item.tools]))
        else:
            lines.append((item.type, item.id))
        lines.append(type(item).__name__)
    # (query order not compared: the SDK sends its parameters alphabetically, ours in the API
    # document's order; both are the same query)
    return [(r.path, sorted(r.query)) for r in server.requests], lines


@program
def conversation_items_isinstance(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    from importlib import import_module

    conversations = import_module(openai.__name__ + ".types.conversations")
    responses = import_module(openai.__name__ + ".types.responses")
    server.reply(item_list(*mixed_items()))
    page = client.conversations.items.list("conv_1")
    checks = []
    for item in page.data:
        checks.append(
            (
                item.id,
                isinstance(item, conversations.Message),
                isinstance(item, responses.ResponseReasoningItem),
                isinstance(item, responses.ResponseFunctionToolCallItem),
                isinstance(item, responses.ResponseFunctionToolCallOutputItem),
                isinstance(item, responses.ResponseCompactionItem),
            )
        )
        if isinstance(item, conversations.Message):
            checks.append(
                [
                    (
                        type(part).__name__,
                        isinstance(part, conversations.InputTextContent),
                        isinstance(part, conversations.OutputTextContent),
                        isinstance(part, conversations.RefusalContent),
                    )
                    for part in item.content
                ]
            )
    return checks, type(page).__name__.split("[")[0], page.has_more


# --- compaction and counting -----------------------------------------------------------------------


@program
def compact_a_long_history(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Shrink a long stateless history: count its tokens, compact it if too long, go on with the
    compacted output as the new input."""
    compaction = {"id": "cmp_1", "type": "compaction", "encrypted_content": "gAAAA-long"}
    server.reply(
        Reply.json({"object": "response.input_tokens", "input_tokens": 180000}),
        Reply.json(
            {
                "id": "resp_cmp",
                "object": "response.compaction",
                "created_at": 1741900000,
                "output": [user_message("msg_9", "last question"), compaction],
                "usage": {
                    "input_tokens": 180000,
                    "input_tokens_details": {"cached_tokens": 0},
                    "output_tokens": 900,
                    "output_tokens_details": {"reasoning_tokens": 0},
                    "total_tokens": 180900,
                },
            }
        ),
        answer(output_message("Continuing.")),
    )
    history: list[Any] = [
        {"role": "user", "content": f"message {n}"}
        if n % 2 == 0
        else {"role": "assistant", "content": f"answer {n}"}
        for n in range(6)
    ]
    count = client.responses.input_tokens.count(
        model="gpt-5.1",
        input=history,
        instructions="Be brief.",
        tools=[{"type": "web_search"}],
        reasoning={"effort": "low"},
        text={"format": {"type": "text"}},
        truncation="auto",
    )
    compacted = None
    if count.input_tokens > 100_000:
        compacted = client.responses.compact(
            model="gpt-5.1", input=history, instructions="Be brief."
        )
        history = [*compacted.output]
    history.append({"role": "user", "content": "go on"})
    with warnings.catch_warnings():
        # the SDK's model of a compacted user message is an output message, which warns as it
        # is sent back (test_compacted_output_classes below)
        warnings.simplefilter("ignore", UserWarning)
        final = client.responses.create(
            model="gpt-5.1",
            input=history,
            context_management=[{"type": "compaction", "compact_threshold": 100000}],
        )
    return (
        wires(server),
        (count.input_tokens, count.object, str(count)),
        (compacted.id, compacted.object, [i.type for i in compacted.output]),
        compacted.usage.total_tokens,
        final.output_text,
    )


@program
def count_tokens_in_many_shapes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        *[Reply.json({"object": "response.input_tokens", "input_tokens": n}) for n in (5, 7, 9, 11)]
    )
    counts = [
        client.responses.input_tokens.count(model="gpt-5", input="Hello"),
        client.responses.input_tokens.count(
            model="gpt-5",
            conversation="conv_1",
            input=[
                {
                    "type": "message",
                    "role": "user",
                    "content": [
                        {"type": "input_text", "text": "look"},
                        {"type": "input_file", "file_id": "file-1"},
                    ],
                }
            ],
        ),
        client.responses.input_tokens.count(
            previous_response_id="resp_abc",
            input=[{"type": "function_call_output", "call_id": "c", "output": "x"}],
            tool_choice="auto",
            parallel_tool_calls=False,
        ),
        client.responses.input_tokens.count(
            model="gpt-5",
            input="json please",
            text={
                "format": {
                    "type": "json_schema",
                    "name": "x",
                    "schema": {"type": "object"},
                    "strict": True,
                }
            },
        ),
    ]
    return wires(server), [(c.input_tokens, c.to_dict()) for c in counts]


# --- stateless turns -------------------------------------------------------------------------------


@program
def zero_data_retention_turns(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """ZDR: store=False, encrypted reasoning carried across turns as plain dicts the app keeps."""
    reasoning = {
        "id": "rs_z",
        "type": "reasoning",
        "summary": [],
        "encrypted_content": "gAAAAB-secret",
        "status": None,
    }
    server.reply(
        answer(reasoning, function_call("lookup", {"q": "x"}, "call_z"), store=False),
        answer(output_message("Found it."), id="resp_2", store=False),
    )
    context: list[Any] = [{"role": "user", "content": "find x"}]
    first = client.responses.create(
        model="o4-mini",
        input=context,
        store=False,
        include=["reasoning.encrypted_content"],
        tools=[{"type": "function", "name": "lookup", "parameters": {"type": "object"}}],
    )
    for item in first.output:
        context.append(item.model_dump(exclude_unset=True))
        if item.type == "function_call":
            context.append(
                {"type": "function_call_output", "call_id": item.call_id, "output": "x=1"}
            )
    second = client.responses.create(
        model="o4-mini",
        input=context,
        store=False,
        include=["reasoning.encrypted_content"],
        tools=[{"type": "function", "name": "lookup", "parameters": {"type": "object"}}],
    )
    return wires(server), first.output[0].encrypted_content, second.output_text, first.store


# --- background jobs -------------------------------------------------------------------------------


@program
def background_poll_with_timeout_then_cancel(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        answer(status="queued", background=True),
        answer(status="queued", background=True),
        answer(status="in_progress", background=True),
        answer(status="in_progress", background=True),
        answer(status="cancelled", background=True),
        Reply.json(
            {
                "error": {
                    "message": "Cannot cancel a completed response.",
                    "type": "invalid_request_error",
                    "param": None,
                    "code": None,
                }
            },
            status=400,
        ),
    )
    job = client.responses.create(
        model="o3-deep-research",
        input="Research the economic impact of semaglutide.",
        background=True,
        tools=[
            {"type": "web_search_preview"},
            {"type": "code_interpreter", "container": {"type": "auto"}},
        ],
    )
    statuses = [job.status]
    polls = 0
    while job.status in {"queued", "in_progress"} and polls < 3:
        polls += 1
        job = client.responses.retrieve(job.id)
        statuses.append(job.status)
    if job.status in {"queued", "in_progress"}:
        job = client.responses.cancel(job.id)
        statuses.append(job.status)
    try:
        client.responses.cancel(job.id)
        again = None
    except openai.BadRequestError as exc:
        again = (exc.status_code, exc.message, exc.type, str(exc))
    return wires(server), statuses, again


# --- raw and streamed responses ------------------------------------------------------------------


@program
def raw_responses_for_headers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Reading rate-limit headers and the request id next to the parsed objects."""
    headers = {
        "x-request-id": "req_123",
        "x-ratelimit-remaining-tokens": "9000",
        "openai-processing-ms": "42",
    }
    server.reply(
        Reply.json(response_object([output_message("raw")]), headers=headers),
        Reply.json(conversation(), headers=headers),
        Reply.json({"object": "response.input_tokens", "input_tokens": 3}, headers=headers),
        item_list(user_message("msg_1", "q"), has_more=False),
    )
    raw = client.responses.with_raw_response.create(model="gpt-5", input="hi")
    response = raw.parse()
    conv_raw = client.conversations.with_raw_response.create()
    count_raw = client.responses.input_tokens.with_raw_response.count(model="gpt-5", input="x")
    page_raw = client.conversations.items.with_raw_response.list("conv_1")
    page = page_raw.parse()
    return (
        (raw.headers["x-ratelimit-remaining-tokens"], raw.status_code, raw.request_id),
        (response.output_text, response._request_id),
        (conv_raw.parse().id, conv_raw.parse()._request_id, conv_raw.http_request.method),
        (count_raw.parse().input_tokens, count_raw.headers.get("openai-processing-ms")),
        ([i.id for i in page.data], type(page).__name__.split("[")[0]),
        [str(r.url).split("/v1")[1] for r in (raw.http_request, conv_raw.http_request)],
    )


@program
def streaming_response_of_a_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``with_streaming_response`` around ``stream=True``: headers first, then the events."""
    item = output_message("Streamed words")
    server.reply(sse(response_events(response_object([item]), item)))
    with client.responses.with_streaming_response.create(
        model="gpt-5", input="hi", stream=True
    ) as raw:
        status = raw.status_code
        content_type = raw.headers["content-type"]
        stream = raw.parse()
        deltas = [e.delta for e in stream if e.type == "response.output_text.delta"]
    return status, content_type, deltas, type(stream).__name__


@program
def stream_helper_with_tools_and_instructions(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``responses.stream`` consumed by ``until_done`` then read, and its live response object."""
    item = function_call("get_time", {"tz": "UTC"}, "call_t")
    server.reply(sse(response_events(response_object([item]), item)))
    with client.responses.stream(
        model="gpt-5",
        instructions="Use tools.",
        input=[{"role": "user", "content": "time?"}],
        tools=[
            {
                "type": "function",
                "name": "get_time",
                "parameters": {"type": "object"},
                "strict": False,
            }
        ],
        tool_choice={"type": "function", "name": "get_time"},
        parallel_tool_calls=False,
    ) as stream:
        stream.until_done()
        final = stream.get_final_response()
    call = final.output[0]
    return (
        wires(server),
        (call.name, call.arguments, call.call_id, call.parsed_arguments),
        type(final).__name__,
        final.output_text,
    )


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
