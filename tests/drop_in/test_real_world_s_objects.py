"""Real-world sweep S, Responses objects in applications: the SDK's response and event types built
by hand (as adapters from other APIs do), ``TypeAdapter``s over its unions, histories typed with
its ``*Param`` ``TypedDict``s, conversations and their items, background jobs polled and
cancelled, input items paged, webhooks unwrapped, deletes and token counts, raw responses —
programs written for the official SDK, run unchanged against both packages over the scripted
loopback server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib
import json
import time
from types import ModuleType
from typing import Any

import pydantic

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import function_call, output_message, response_object, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(*output: dict[str, Any], **extra: Any) -> Reply:
    return Reply.json(response_object(list(output), **extra))


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def module(openai: ModuleType, name: str) -> Any:
    return importlib.import_module(f"{openai.__name__}.{name}")


# --- types built by hand -------------------------------------------------------------------------


@program
def chat_adapter_builds_response_events(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An agents framework turns a chat stream into Responses events, building each by hand."""
    t = module(openai, "types.responses")
    usage_mod = module(openai, "types.responses.response_usage")
    response = t.Response(
        id="__fake_id__",
        created_at=time.time(),
        model="gpt-4o",
        object="response",
        output=[],
        tool_choice="auto",
        top_p=None,
        temperature=None,
        tools=[],
        parallel_tool_calls=False,
        reasoning=None,
    )
    message = t.ResponseOutputMessage(
        id="__fake_id__", content=[], role="assistant", type="message", status="in_progress"
    )
    text = t.ResponseOutputText(text="", type="output_text", annotations=[], logprobs=[])
    events = [
        t.ResponseCreatedEvent(response=response, type="response.created", sequence_number=0),
        t.ResponseOutputItemAddedEvent(
            item=message, output_index=0, type="response.output_item.added", sequence_number=1
        ),
        t.ResponseContentPartAddedEvent(
            content_index=0,
            item_id="__fake_id__",
            output_index=0,
            part=text,
            type="response.content_part.added",
            sequence_number=2,
        ),
        t.ResponseTextDeltaEvent(
            content_index=0,
            delta="Hi",
            item_id="__fake_id__",
            output_index=0,
            type="response.output_text.delta",
            logprobs=[],
            sequence_number=3,
        ),
    ]
    text.text += "Hi"
    message.content.append(text)
    message.status = "completed"
    call = t.ResponseFunctionToolCall(
        id="__fake_id__",
        arguments='{"a": 1}',
        name="f",
        type="function_call",
        call_id="call_1",
    )
    usage = t.ResponseUsage(
        input_tokens=3,
        output_tokens=2,
        total_tokens=5,
        input_tokens_details=usage_mod.InputTokensDetails(cached_tokens=0, cache_write_tokens=0),
        output_tokens_details=usage_mod.OutputTokensDetails(reasoning_tokens=0),
    )
    final = response.model_copy(update={"output": [message, call], "usage": usage})
    events.append(
        t.ResponseCompletedEvent(response=final, type="response.completed", sequence_number=4)
    )
    return (
        [event.model_dump(exclude={"response": {"created_at"}}) for event in events],
        final.output_text,
        type(final.created_at).__name__,
        final.model_dump(exclude_unset=True, exclude={"created_at"}),
        str(call),
    )


@program
def output_items_validated_with_type_adapters(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A trace store reads items and events back through ``TypeAdapter``s of the SDK's unions."""
    t = module(openai, "types.responses")
    items = [
        output_message("Stored."),
        function_call("f", {"x": 1}, "call_1"),
        {"id": "rs_1", "type": "reasoning", "summary": []},
    ]
    adapter = pydantic.TypeAdapter(t.ResponseOutputItem)
    parsed = [adapter.validate_python(item) for item in items]
    events = pydantic.TypeAdapter(t.ResponseStreamEvent)
    event = events.validate_json(
        json.dumps(
            {
                "type": "response.output_text.delta",
                "item_id": "msg_1",
                "output_index": 0,
                "content_index": 0,
                "delta": "x",
                "logprobs": [],
                "sequence_number": 5,
            }
        )
    )
    inputs = pydantic.TypeAdapter(t.ResponseInputItemParam)
    param = inputs.validate_python({"type": "function_call_output", "call_id": "c", "output": "1"})
    return (
        [type(item).__name__ for item in parsed],
        [adapter.dump_python(item) for item in parsed],
        type(event).__name__,
        event.delta,
        param,
    )


@program
def typed_history_with_param_typeddicts(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    t = module(openai, "types.responses")
    input_param = module(openai, "types.responses.response_input_param")
    item_param = module(openai, "types.responses.response_input_item_param")
    history: Any = [
        input_param.Message(
            role="system", content=[t.ResponseInputTextParam(type="input_text", text="sys")]
        ),
        t.EasyInputMessageParam(role="user", content="hi"),
        t.ResponseOutputMessageParam(
            id="msg_1",
            type="message",
            role="assistant",
            status="completed",
            content=[{"type": "output_text", "text": "hello", "annotations": []}],
        ),
        t.ResponseFunctionToolCallParam(
            type="function_call", call_id="call_1", name="f", arguments="{}"
        ),
        item_param.FunctionCallOutput(type="function_call_output", call_id="call_1", output="ok"),
        input_param.ItemReference(type="item_reference", id="msg_0"),
        t.ResponseReasoningItemParam(
            id="rs_1", type="reasoning", summary=[{"type": "summary_text", "text": "s"}]
        ),
    ]
    server.reply(answer(output_message("ok")))
    response = client.responses.create(model="gpt-4.1", input=history)
    return response.output_text, wires(server)


@program
def tool_params_and_include_literals(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Config code checks its values against the SDK's literal types."""
    import typing

    t = module(openai, "types.responses")
    tool_param = module(openai, "types.responses.tool_param")
    shared = module(openai, "types.shared_params")
    tools: Any = [
        t.WebSearchToolParam(type="web_search"),
        t.FileSearchToolParam(type="file_search", vector_store_ids=["vs_1"]),
        tool_param.Mcp(type="mcp", server_label="x", server_url="https://m.test"),
        tool_param.CodeInterpreter(type="code_interpreter", container={"type": "auto"}),
        tool_param.ImageGeneration(type="image_generation"),
    ]
    reasoning: Any = shared.Reasoning(effort="minimal", summary="concise")
    includable = sorted(typing.get_args(t.ResponseIncludable))
    server.reply(answer(output_message("ok")))
    client.responses.create(
        model="gpt-5",
        input="x",
        tools=tools,
        reasoning=reasoning,
        include=["web_search_call.action.sources", "reasoning.encrypted_content"],
    )
    return includable, wires(server)


@program
def response_saved_as_json_and_loaded(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    t = module(openai, "types.responses")
    usage = {
        "input_tokens": 5,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": 2,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 7,
    }
    server.reply(answer(output_message("Cached."), function_call("f", {}, "call_1"), usage=usage))
    response = client.responses.create(model="gpt-4.1", input="x")
    saved = response.to_json()
    loaded = t.Response.model_validate_json(saved)
    constructed = t.Response.construct(**json.loads(saved))
    return (
        saved,
        response.to_dict(mode="python") == loaded.to_dict(mode="python"),
        loaded.output_text,
        constructed.output_text,
        type(constructed.output[0]).__name__,
        response.to_json(indent=None, exclude_unset=False)[:80],
        sorted(response.to_dict(exclude_none=True)),
    )


# --- conversations -------------------------------------------------------------------------------

CONVERSATION = {
    "id": "conv_1",
    "object": "conversation",
    "created_at": 1733000000,
    "metadata": {"topic": "demo"},
}

USER_ITEM = {
    "id": "msg_u",
    "type": "message",
    "role": "user",
    "status": "completed",
    "content": [{"type": "input_text", "text": "Hello!"}],
}


def item_list(data: list[Any], has_more: bool = False) -> Reply:
    return Reply.json(
        {
            "object": "list",
            "data": data,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None,
            "has_more": has_more,
        }
    )


@program
def conversation_lifecycle(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    assistant_item = output_message("Hi!", "msg_a")
    server.reply(
        Reply.json(CONVERSATION),
        answer(assistant_item, conversation={"id": "conv_1"}),
        item_list([USER_ITEM, assistant_item], has_more=True),
        item_list([USER_ITEM]),
        Reply.json(USER_ITEM),
        item_list([USER_ITEM]),
        Reply.json({**CONVERSATION, "metadata": {"topic": "renamed"}}),
        Reply.json(CONVERSATION),
        Reply.json({"id": "conv_1", "object": "conversation.deleted", "deleted": True}),
    )
    conversation = client.conversations.create(
        metadata={"topic": "demo"},
        items=[{"type": "message", "role": "user", "content": "Hello!"}],
    )
    response = client.responses.create(
        model="gpt-4.1", input=[{"role": "user", "content": "Hello!"}], conversation=conversation.id
    )
    page = client.conversations.items.list(conversation.id, limit=2, order="asc")
    first = [(item.type, item.id) for item in page.data]
    more = page.has_next_page()
    following = page.get_next_page()
    item = client.conversations.items.retrieve("msg_u", conversation_id=conversation.id)
    added = client.conversations.items.create(
        conversation.id,
        items=[
            {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "more"}]}
        ],
        include=["message.input_image.image_url"],
    )
    updated = client.conversations.update(conversation.id, metadata={"topic": "renamed"})
    after_delete = client.conversations.items.delete("msg_u", conversation_id=conversation.id)
    deleted = client.conversations.delete(conversation.id)
    return (
        str(conversation),
        response.conversation.id if response.conversation else None,
        first,
        more,
        [i.id for i in following.data],
        type(item).__name__,
        item.content[0].text,
        [type(i).__name__ for i in added.data],
        updated.metadata,
        type(after_delete).__name__,
        (deleted.id, deleted.deleted, type(deleted).__name__),
        wires(server),
    )


@program
def conversation_items_auto_paged(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    items = [{**USER_ITEM, "id": f"msg_{n}"} for n in range(5)]
    server.reply(item_list(items[:2], True), item_list(items[2:4], True), item_list(items[4:]))
    seen = [item.id for item in client.conversations.items.list("conv_1", limit=2)]
    return seen, wires(server)


# --- background ---------------------------------------------------------------------------------


@program
def background_job_polled_until_done(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    queued = response_object([], status="queued", background=True, usage=None)
    running = {**queued, "status": "in_progress"}
    done = response_object([output_message("Report ready.")], background=True)
    server.reply(Reply.json(queued), Reply.json(running), Reply.json(done))
    response = client.responses.create(
        model="o3-deep-research",
        input="Write a report",
        background=True,
        tools=[{"type": "web_search_preview"}],
    )
    statuses = [response.status]
    while response.status in {"queued", "in_progress"}:
        response = client.responses.retrieve(response.id)
        statuses.append(response.status)
    return statuses, response.output_text, wires(server)


@program
def background_job_cancelled_and_deleted(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    queued = response_object([], status="queued", background=True, usage=None)
    server.reply(
        Reply.json(queued),
        Reply.json({**queued, "status": "cancelled"}),
        Reply.json({"id": "resp_abc", "object": "response", "deleted": True}),
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
    job = client.responses.create(model="o3", input="x", background=True)
    cancelled = client.responses.cancel(job.id)
    deleted = client.responses.delete(job.id)
    try:
        client.responses.retrieve(job.id, include=["message.output_text.logprobs"])
        missing = None
    except openai.NotFoundError as exc:
        missing = (exc.status_code, exc.message, exc.body)
    return cancelled.status, deleted, missing, wires(server)


# --- input items --------------------------------------------------------------------------------


@program
def input_items_of_a_response(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    items = [
        USER_ITEM,
        {**function_call("f", {}, "call_1")},
        {
            "id": "fco_1",
            "type": "function_call_output",
            "call_id": "call_1",
            "output": "ok",
            "status": "completed",
        },
    ]
    server.reply(item_list(items[:2], True), item_list(items[2:]))
    page = client.responses.input_items.list(
        "resp_abc", limit=2, order="asc", include=["message.input_image.image_url"]
    )
    everything = []
    for item in page.iter_pages():
        everything.extend((i.type, type(i).__name__) for i in item.data)
    return (
        page.first_id,
        page.last_id,
        page.has_more,
        everything,
        [wire(r) for r in server.requests],
    )


# --- webhooks -----------------------------------------------------------------------------------

SECRET_BYTES = b"s-sweep-webhook-secret-32-bytes!"
SECRET = "whsec_" + base64.b64encode(SECRET_BYTES).decode()


def signed(body: str, msg_id: str = "wh_s") -> dict[str, str]:
    stamp = str(int(time.time()))
    mac = hmac.new(SECRET_BYTES, f"{msg_id}.{stamp}.{body}".encode(), hashlib.sha256)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": stamp,
        "webhook-signature": "v1," + base64.b64encode(mac.digest()).decode(),
        "content-type": "application/json",
    }


def event_body(kind: str) -> str:
    return json.dumps(
        {
            "id": "evt_1",
            "object": "event",
            "type": kind,
            "created_at": 1733000000,
            "data": {"id": "resp_abc"},
        }
    )


@program
def webhook_handler_fetches_the_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    webhooks = module(openai, "types.webhooks")
    server.reply(answer(output_message("Finished in the background.")))
    receiver = openai.OpenAI(
        api_key="sk-x", base_url=client.base_url, webhook_secret=SECRET, max_retries=0
    )
    handled = []
    for kind in (
        "response.completed",
        "response.failed",
        "response.cancelled",
        "response.incomplete",
    ):
        body = event_body(kind)
        event = receiver.webhooks.unwrap(body, signed(body))
        handled.append(
            (
                event.type,
                type(event).__name__,
                isinstance(event, webhooks.ResponseCompletedWebhookEvent),
            )
        )
        if event.type == "response.completed":
            response = client.responses.retrieve(event.data.id)
            handled.append(response.output_text)
    body = event_body("response.completed")
    try:
        receiver.webhooks.unwrap(body, {**signed(body), "webhook-id": "tampered"})
    except openai.InvalidWebhookSignatureError as exc:
        handled.append(type(exc).__name__)  # (the messages are each package's own words)
    receiver.close()
    return handled


# --- tokens, raw --------------------------------------------------------------------------------


@program
def input_tokens_counted_before_sending(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json({"object": "response.input_tokens", "input_tokens": 123}))
    count = client.responses.input_tokens.count(
        model="gpt-4.1",
        input=[{"role": "user", "content": "How long is this?"}],
        tools=[{"type": "function", "name": "f", "parameters": {}, "strict": False}],
        instructions="Count.",
    )
    return count.input_tokens, count.model_dump(), wires(server)


@program
def raw_response_of_create_and_parse(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            response_object([output_message("Raw.")]),
            headers={"x-request-id": "req_1", "openai-processing-ms": "12"},
        ),
        Reply.json(
            response_object([output_message('{"a": 1}')]), headers={"x-request-id": "req_2"}
        ),
    )
    raw = client.responses.with_raw_response.create(model="gpt-4.1", input="x")
    response = raw.parse()
    raw_parsed = client.responses.with_raw_response.parse(
        model="gpt-4.1", input="x", text={"format": {"type": "json_object"}}
    )
    parsed = raw_parsed.parse()
    return (
        raw.headers.get("x-request-id"),
        raw.headers.get("openai-processing-ms"),
        raw.status_code,
        response._request_id,
        response.output_text,
        type(parsed).__name__,
        parsed.output_parsed,
        raw_parsed.http_response.json()["id"],
    )


@async_program
async def async_background_and_conversation(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    queued = response_object([], status="queued", background=True, usage=None)
    server.reply(
        Reply.json(CONVERSATION),
        Reply.json(queued),
        answer(output_message("Async done."), background=True),
        item_list([USER_ITEM]),
    )
    conversation = await client.conversations.create()
    job = await client.responses.create(
        model="o3", input="x", background=True, conversation={"id": conversation.id}
    )
    while job.status in ("queued", "in_progress"):
        job = await client.responses.retrieve(job.id)
    items = [item.id async for item in client.conversations.items.list(conversation.id)]
    return job.output_text, items, wires(server)


@async_program
async def async_raw_and_streaming_wrappers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(answer(output_message("A.")), answer(output_message("B.")))
    raw = await client.responses.with_raw_response.retrieve("resp_abc")
    first = raw.parse()
    async with client.responses.with_streaming_response.retrieve("resp_abc") as streamed:
        body = await streamed.json()
        second = await streamed.parse()
    return first.output_text, body["output"][0]["content"][0]["text"], second.output_text


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
