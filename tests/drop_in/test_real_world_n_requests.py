"""Real-world sweep N, what Responses code sends when it is not written by the book: settings
copied from an earlier response's objects, ``None`` for every optional setting, generators and
tuples where lists are expected, ``extra_body`` / ``extra_query`` / ``extra_headers``, model
objects inside hand-written dicts — and events re-serialised to a browser as server-sent events
(``model_dump_json`` / ``to_json`` of raw and helper events). Programs written for the official
SDK, run unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import json
import warnings
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


TOOLS = [
    {
        "type": "function",
        "name": "search_docs",
        "description": "Search the docs",
        "parameters": {
            "type": "object",
            "properties": {"query": {"type": "string"}},
            "required": ["query"],
            "additionalProperties": False,
        },
        "strict": True,
    },
    {"type": "web_search", "search_context_size": "low"},
]


@program
def settings_copied_from_the_last_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A retry helper re-sends a response's own settings objects: tools, tool_choice, reasoning,
    text, truncation — model objects, not dicts."""
    first_answer = response_object(
        [output_message("first")],
        tools=TOOLS,
        tool_choice={"type": "function", "name": "search_docs"},
        reasoning={"effort": "medium", "summary": "auto"},
        # (a json_schema format copied back differs: test_real_world_n_known.py)
        text={"format": {"type": "json_object"}, "verbosity": "low"},
        instructions="Be terse.",
        metadata={"run": "1"},
    )
    server.reply(Reply.json(first_answer), answer(output_message("again"), id="resp_2"))
    first = client.responses.create(model="gpt-5", input="q", tools=TOOLS)
    client.responses.create(
        model=first.model,
        input="q again",
        instructions=first.instructions,
        tools=first.tools,
        tool_choice=first.tool_choice,
        reasoning=first.reasoning,
        text=first.text,
        truncation=first.truncation,
        metadata=first.metadata,
        parallel_tool_calls=first.parallel_tool_calls,
        temperature=first.temperature,
        top_p=first.top_p,
    )
    return server.requests[-1].json()


@program
def none_for_every_optional_setting(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A wrapper passing its own defaults through: ``None`` where nothing was chosen."""
    server.reply(answer(output_message("ok")), answer(output_message("ok")))
    settings: dict[str, Any] = {
        "instructions": None,
        "previous_response_id": None,
        "reasoning": None,
        "max_output_tokens": None,
        "metadata": None,
        "store": None,
        "temperature": None,
        "top_p": None,
        "include": None,
        "conversation": None,
        "parallel_tool_calls": None,
        "service_tier": None,
        "truncation": None,
        "prompt": None,
        "background": None,
        "max_tool_calls": None,
        "top_logprobs": None,
        "prompt_cache_key": None,
        "safety_identifier": None,
    }
    client.responses.create(model="gpt-5", input="hi", **settings)
    client.responses.create(model="gpt-5", input="hi", stream=False, background=False, store=False)
    return [r.json() for r in server.requests]


@program
def iterables_where_lists_go(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(output_message("ok")),
        Reply.json({"id": "conv_1", "object": "conversation", "created_at": 1, "metadata": {}}),
    )
    # (tuples, not generators: the SDK's request body cannot hold a generator, ours takes one)
    history = tuple(
        {"role": role, "content": text}
        for role, text in (("user", "a"), ("assistant", "b"), ("user", "c"))
    )
    client.responses.create(
        model="gpt-5",
        input=history,
        tools=tuple(TOOLS),
        include=("file_search_call.results", "reasoning.encrypted_content"),
    )
    client.conversations.create(items=({"role": "user", "content": "x"},))
    return [r.json() for r in server.requests]


@program
def extra_body_query_and_headers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Options the SDK has no argument for yet, sent the documented way."""
    server.reply(answer(output_message("ok")), answer(output_message("ok")))
    client.responses.create(
        model="gpt-5",
        input="hi",
        extra_body={"reasoning": {"effort": "low"}, "new_flag": True},
        extra_query={"beta": "true"},
        extra_headers={"OpenAI-Beta": "responses=v2", "X-Trace": "t1"},
        timeout=20,
    )
    client.with_options(timeout=5, max_retries=1).responses.retrieve(
        "resp_abc", extra_query={"include[]": "message.output_text.logprobs"}
    )
    return wires(server)


@program
def model_objects_inside_dicts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """History kept as dicts whose content holds the SDK's model objects (a message's parts
    copied from an output message into a hand-built assistant turn)."""
    message = output_message("The answer is 4.")
    server.reply(answer(message), answer(output_message("ok"), id="resp_2"))
    first = client.responses.create(model="gpt-5", input="2+2?")
    parts = first.output[0].content
    client.responses.create(
        model="gpt-5",
        input=[
            {"role": "user", "content": "2+2?"},
            {
                "type": "message",
                "role": "assistant",
                "content": parts,
                "id": first.output[0].id,
                "status": "completed",
            },
            {"role": "user", "content": "and 3+3?"},
        ],
    )
    return server.requests[-1].json()["input"]


@program
def events_forwarded_to_a_browser(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A backend relaying each event to its frontend as SSE: ``data: {event.model_dump_json()}``
    from a raw stream, ``event.to_json(indent=None)`` from the helper."""
    item = output_message("Forward me")
    call = function_call("search_docs", {"query": "sse"}, "call_s")
    server.reply(
        sse(response_events(response_object([item]), item)),
        sse(response_events(response_object([call]), call)),
    )
    relayed = []
    for event in client.responses.create(model="gpt-5", input="hi", stream=True):
        relayed.append(f"event: {event.type}\ndata: {event.model_dump_json()}\n\n")
    with client.responses.stream(model="gpt-5", input="hi", tools=TOOLS[:1]) as stream:
        for event in stream:
            relayed.append(json.dumps(event.to_dict()))  # (unset fields left out: comparable)
            relayed.append(f"data: {event.to_json(indent=None)}\n\n")
    return relayed


@program
def conversation_seeded_from_a_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Moving a stateless exchange into a conversation: the response's output items (model
    objects) become the conversation's items."""
    reasoning = {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "Think."}],
        "encrypted_content": "enc",
    }
    server.reply(
        answer(
            reasoning,
            function_call("search_docs", {"query": "x"}, "call_1"),
            output_message("Done"),
        ),
        Reply.json({"id": "conv_1", "object": "conversation", "created_at": 1, "metadata": {}}),
        Reply.json(
            {"object": "list", "data": [], "first_id": None, "last_id": None, "has_more": False}
        ),
    )
    response = client.responses.create(
        model="gpt-5", input="x", store=False, include=["reasoning.encrypted_content"]
    )
    conv = client.conversations.create(
        items=[{"role": "user", "content": "x"}, *response.output],
        metadata={"from": response.id},
    )
    added = client.conversations.items.create(
        conv.id,
        items=[{"type": "function_call_output", "call_id": "call_1", "output": "found"}],
    )
    return [r.json() for r in server.requests[1:]], added.data, added.first_id


@async_program
async def async_events_forwarded(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message("Forward me")
    server.reply(sse(response_events(response_object([item]), item)))
    out = []
    with warnings.catch_warnings():
        # the SDK's final ParsedResponse warns as it is dumped (its output union lacks the parsed
        # message class); ours does not — the dumps are the same
        warnings.simplefilter("ignore", UserWarning)
        async with client.responses.stream(model="gpt-5", input="hi") as stream:
            async for event in stream:
                out.append(event.model_dump_json(exclude_none=True))
                out.append(event.model_dump(mode="json"))
    return out


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
