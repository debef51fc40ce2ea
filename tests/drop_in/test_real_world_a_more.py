"""Real-world sweep A, more programs: history kept as dumped dicts, custom tools and forced tool
use, odd statuses, Responses options (prompts, conversations, compaction), cancelled streams
and timeouts in async code — written for the official SDK and run unchanged against both
packages over the scripted loopback server (each returns what its author observes and what was
sent).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    chat_chunk,
    chat_completion,
    output_message,
    response_object,
    sent,
    sse,
    wire,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(text: str | None, finish_reason: str = "stop", **message: Any) -> Reply:
    body = chat_completion({"role": "assistant", "content": text, **message}, finish_reason)
    return Reply.json(body)


CALL = {
    "id": "call_1",
    "type": "function",
    "function": {"name": "lookup", "arguments": '{"sku": "A-1"}'},
}


@program
def history_as_dumped_dicts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Apps that store the history as JSON append the assistant message dumped to a dict."""
    server.reply(answer(None, "tool_calls", tool_calls=[CALL]), answer("In stock."), answer("ok"))
    tools = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}]
    messages: list[Any] = [{"role": "user", "content": "Is A-1 in stock?"}]
    first = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
    message = first.choices[0].message
    messages.append(message.model_dump(exclude_none=True))
    for call in message.tool_calls:
        messages.append({"role": "tool", "tool_call_id": call.id, "content": "yes"})
    second = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
    messages.append(second.choices[0].message.to_dict())
    client.chat.completions.create(model="gpt-4o", messages=messages)
    return sent(server, 3), json.dumps(messages)


@program
def tool_call_params_built_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer(None, "tool_calls", tool_calls=[CALL]), answer("done"))
    messages: list[Any] = [{"role": "user", "content": "A-1?"}]
    tools = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}]
    reply = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
    calls = reply.choices[0].message.tool_calls
    messages.append(
        {
            "role": "assistant",
            "content": reply.choices[0].message.content,
            "tool_calls": [
                {
                    "id": tc.id,
                    "type": tc.type,
                    "function": {"name": tc.function.name, "arguments": tc.function.arguments},
                }
                for tc in calls
            ],
        }
    )
    messages += [
        {"role": "tool", "tool_call_id": tc.id, "content": json.dumps({"stock": 3})} for tc in calls
    ]
    final = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
    return sent(server, 2), final.choices[0].message.content


@program
def custom_tools_in_chat(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    custom_call = {"id": "call_c", "type": "custom", "custom": {"name": "sql", "input": "SELECT 1"}}
    server.reply(answer(None, "tool_calls", tool_calls=[custom_call, CALL]))
    completion = client.chat.completions.create(
        model="gpt-5",
        messages=[{"role": "user", "content": "x"}],
        tools=[
            {"type": "custom", "custom": {"name": "sql", "description": "Run SQL"}},
            {"type": "function", "function": {"name": "lookup", "parameters": {}}},
        ],
        tool_choice="required",
    )
    handled = []
    for call in completion.choices[0].message.tool_calls:
        if call.type == "custom":
            handled.append(("custom", call.custom.name, call.custom.input, type(call).__name__))
        elif call.type == "function":
            handled.append(("function", call.function.name, type(call).__name__))
    return sent(server), handled


@program
def statuses_without_a_class(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json({"error": {"message": "teapot", "type": "x"}}, status=418),
        Reply.json(
            {
                "error": {
                    "message": "This model's maximum context length is 8192 tokens.",
                    "type": "invalid_request_error",
                    "param": "messages",
                    "code": "context_length_exceeded",
                }
            },
            status=400,
        ),
        Reply.json({"error": {"message": "bad gateway", "type": "server_error"}}, status=502),
    )
    seen = []
    for _ in range(3):
        try:
            client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "x"}]
            )
        except openai.BadRequestError as e:
            if e.code == "context_length_exceeded":
                seen.append(("too long", e.param, e.body["message"], e.response.status_code))
        except openai.InternalServerError as e:
            seen.append(("server", e.status_code, type(e).__name__, e.response.text))
        except openai.APIStatusError as e:
            seen.append(("other", e.status_code, type(e).__name__, e.message))
    return seen


@program
def responses_prompt_and_conversation(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            response_object(
                [output_message("templated")],
                prompt={"id": "pmpt_1", "version": "2", "variables": {"city": "Paris"}},
                conversation={"id": "conv_1"},
            )
        ),
        Reply.json(response_object([output_message("next")])),
    )
    first = client.responses.create(
        prompt={"id": "pmpt_1", "version": "2", "variables": {"city": "Paris"}},
        conversation="conv_1",
        input="go",
    )
    second = client.responses.create(
        model="gpt-4.1",
        conversation={"id": "conv_1"},
        input=[{"role": "user", "content": [{"type": "input_text", "text": "and?"}]}],
        stream_options=None,
        context_management=[{"type": "compaction", "compact_threshold": 1000}],
    )
    return (
        sent(server, 2),
        first.prompt.variables,
        first.conversation.id,
        second.output_text,
    )


@program
def responses_compact_and_count(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "id": "resp_c",
                "object": "response.compaction",
                "created_at": 1733000000,
                "output": [
                    {"id": "cmp_1", "type": "compaction", "encrypted_content": "gAAA"},
                ],
                "usage": {
                    "input_tokens": 10,
                    "input_tokens_details": {"cached_tokens": 0},
                    "output_tokens": 2,
                    "output_tokens_details": {"reasoning_tokens": 0},
                    "total_tokens": 12,
                },
            }
        ),
        Reply.json({"object": "response.input_tokens", "input_tokens": 42}),
    )
    compacted = client.responses.compact(model="gpt-5", previous_response_id="resp_1")
    counted = client.responses.input_tokens.count(
        model="gpt-5", input=[{"role": "user", "content": "hi"}], tools=[], instructions="x"
    )
    return (
        [wire(r) for r in server.requests[-2:]],
        [item.type for item in compacted.output],
        compacted.usage.total_tokens,
        counted.input_tokens,
        counted.object,
    )


@program
def stream_abandoned_then_reused(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chunks = [chat_chunk({"role": "assistant", "content": str(n)}) for n in range(5)]
    server.reply(sse(chunks), sse(chunks), answer("after"))
    got = []
    stream = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    for chunk in stream:
        got.append(chunk.choices[0].delta.content)
        if len(got) == 2:
            stream.close()
            break
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    ) as helper:
        for event in helper:
            if event.type == "content.delta":
                got.append(event.snapshot)
                break
    after = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "y"}]
    )
    return got, after.choices[0].message.content, stream.response.is_closed


@program
def models_catalogue(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    model = {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"}
    server.reply(
        Reply.json(model),
        Reply.json({"id": "ft:gpt-4o:org", "object": "model", "deleted": True}),
    )
    retrieved = client.models.retrieve("gpt-4o")
    deleted = client.models.delete("ft:gpt-4o:org")
    return (
        [wire(r) for r in server.requests[-2:]],
        (retrieved.id, retrieved.created, retrieved.owned_by, str(retrieved)),
        (deleted.id, deleted.deleted, deleted.object, str(deleted)),
    )


# --- async -----------------------------------------------------------------------------------------


@async_program
async def async_wait_for_and_cancel(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import asyncio

    server.reply(answer("warm"), Reply.after(2.0, answer("late")), answer("on time"))
    # a first call (each package imports its HTTP stack on first use, which may take longer
    # than the timeout below on a busy machine)
    await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    try:
        await asyncio.wait_for(
            client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "slow"}]
            ),
            timeout=0.2,
        )
        first = "finished"
    except asyncio.TimeoutError:
        first = "timed out"
    second = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "fast"}]
    )
    return first, second.choices[0].message.content


@async_program
async def async_history_and_tools(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer(None, "tool_calls", tool_calls=[CALL]), answer("async done"))
    tools = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}]
    messages: list[Any] = [{"role": "user", "content": "A-1?"}]
    first = await client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
    messages.append(first.choices[0].message)
    messages.append({"role": "tool", "tool_call_id": "call_1", "content": "3"})
    second = await client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
    return sent(server, 2), second.choices[0].message.content


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
