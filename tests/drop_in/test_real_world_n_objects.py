"""Real-world sweep N, what Responses code does with the objects it gets back: dispatching output
items and stream events with ``isinstance`` against ``openai.types.responses`` classes, building
fixtures and caches with ``model_validate`` / ``model_validate_json`` / ``construct`` /
``model_copy``, dumping with every option of ``to_dict`` / ``to_json`` / ``model_dump``, reading
failed and incomplete responses and usage details, typed ``*Param`` dicts — programs written for
the official SDK, run unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import copy
import json
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import observed_the_same, registry
from .test_real_world_apps import function_call, output_message, response_object, sse

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(*output: dict[str, Any], **extra: Any) -> Reply:
    return Reply.json(response_object(list(output), **extra))


def bodies(server: ScriptedServer) -> list[Any]:
    return [r.json() if r.body else None for r in server.requests]


REASONING = {
    "id": "rs_1",
    "type": "reasoning",
    "summary": [{"type": "summary_text", "text": "Plan."}],
    "encrypted_content": None,
}
WEB_SEARCH = {
    "id": "ws_1",
    "type": "web_search_call",
    "status": "completed",
    "action": {"type": "search", "query": "weather"},
}
FILE_SEARCH = {
    "id": "fs_1",
    "type": "file_search_call",
    "status": "completed",
    "queries": ["q"],
    "results": None,
}
IMAGE_CALL = {
    "id": "ig_1",
    "type": "image_generation_call",
    "status": "completed",
    "result": "aGk=",
}
CODE_CALL = {
    "id": "ci_1",
    "type": "code_interpreter_call",
    "status": "completed",
    "code": "1+1",
    "container_id": "cntr_1",
    "outputs": [{"type": "logs", "logs": "2"}],
}
MCP_CALL = {
    "id": "mcp_1",
    "type": "mcp_call",
    "server_label": "s",
    "name": "n",
    "arguments": "{}",
    "output": "x",
}
CUSTOM_CALL = {
    "id": "ctc_1",
    "type": "custom_tool_call",
    "call_id": "call_c",
    "name": "sql",
    "input": "SELECT 1",
}
REFUSAL = {
    "id": "msg_r",
    "type": "message",
    "status": "completed",
    "role": "assistant",
    "content": [{"type": "refusal", "refusal": "I can't help with that."}],
}


@program
def isinstance_dispatch_over_output_items(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An agent framework's item converter: ``isinstance`` against the SDK's public classes."""
    from importlib import import_module

    types = import_module(openai.__name__ + ".types.responses")
    output_item = import_module(openai.__name__ + ".types.responses.response_output_item")
    server.reply(
        answer(
            REASONING,
            WEB_SEARCH,
            FILE_SEARCH,
            IMAGE_CALL,
            CODE_CALL,
            MCP_CALL,
            CUSTOM_CALL,
            function_call("f", {"a": 1}, "call_f"),
            REFUSAL,
            output_message("Final."),
        )
    )
    response = client.responses.create(model="gpt-5", input="do everything")
    classes = [
        ("reasoning", types.ResponseReasoningItem),
        ("web", types.ResponseFunctionWebSearch),
        ("file", types.ResponseFileSearchToolCall),
        ("image", output_item.ImageGenerationCall),
        ("code", types.ResponseCodeInterpreterToolCall),
        ("mcp", output_item.McpCall),
        ("custom", types.ResponseCustomToolCall),
        ("function", types.ResponseFunctionToolCall),
        ("message", types.ResponseOutputMessage),
    ]
    seen = []
    for item in response.output:
        kind = next((name for name, cls in classes if isinstance(item, cls)), "unknown")
        if kind == "message":
            for part in item.content:
                if isinstance(part, types.ResponseOutputRefusal):
                    seen.append(("refusal", part.refusal))
                elif isinstance(part, types.ResponseOutputText):
                    seen.append(("text", part.text))
        else:
            seen.append((kind, type(item).__name__, isinstance(item, openai.BaseModel)))
    return seen, response.output_text, isinstance(response, types.Response)


def event_stream() -> list[Any]:
    final = response_object([output_message("Hi there"), function_call("f", {}, "call_1")])
    start = {**final, "status": "in_progress", "output": [], "usage": None}
    events = [
        {"type": "response.created", "response": start},
        {"type": "response.in_progress", "response": start},
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {**output_message(""), "content": [], "status": "in_progress"},
        },
        {
            "type": "response.content_part.added",
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "part": {"type": "output_text", "text": "", "annotations": []},
        },
        {
            "type": "response.output_text.delta",
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "delta": "Hi ",
            "logprobs": [],
        },
        {
            "type": "response.output_text.delta",
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "delta": "there",
            "logprobs": [],
        },
        {
            "type": "response.output_text.done",
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "text": "Hi there",
            "logprobs": [],
        },
        {
            "type": "response.content_part.done",
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "part": {"type": "output_text", "text": "Hi there", "annotations": []},
        },
        {
            "type": "response.output_item.done",
            "output_index": 0,
            "item": output_message("Hi there"),
        },
        {
            "type": "response.output_item.added",
            "output_index": 1,
            "item": {**function_call("f", {}, "call_1"), "arguments": "", "status": "in_progress"},
        },
        {
            "type": "response.function_call_arguments.delta",
            "item_id": "fc_call_1",
            "output_index": 1,
            "delta": "{}",
        },
        {
            "type": "response.function_call_arguments.done",
            "item_id": "fc_call_1",
            "output_index": 1,
            "arguments": "{}",
            "name": "f",
        },
        {
            "type": "response.output_item.done",
            "output_index": 1,
            "item": function_call("f", {}, "call_1"),
        },
        {"type": "response.completed", "response": final},
    ]
    return [(e["type"], {**e, "sequence_number": n}) for n, e in enumerate(events)]


@program
def isinstance_dispatch_over_stream_events(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    from importlib import import_module

    types = import_module(openai.__name__ + ".types.responses")
    server.reply(sse(event_stream()))
    stream = client.responses.create(model="gpt-5", input="hi", stream=True)
    text = []
    log = []
    final = None
    for event in stream:
        if isinstance(event, types.ResponseTextDeltaEvent):
            text.append(event.delta)
        elif isinstance(event, types.ResponseOutputItemAddedEvent):
            log.append(
                (
                    "added",
                    event.item.type,
                    isinstance(event.item, types.ResponseOutputItem.__args__[0])
                    if hasattr(types.ResponseOutputItem, "__args__")
                    else None,
                )
            )
        elif isinstance(event, types.ResponseOutputItemDoneEvent):
            log.append(("done", event.item.type, event.output_index))
        elif isinstance(event, types.ResponseFunctionCallArgumentsDoneEvent):
            log.append(("args", event.name, event.arguments))
        elif isinstance(event, types.ResponseCompletedEvent):
            final = event.response
        elif isinstance(event, (types.ResponseCreatedEvent, types.ResponseInProgressEvent)):
            log.append((event.type, event.response.status))
        else:
            log.append(type(event).__name__)
    return "".join(text), log, final.output_text, isinstance(final, types.Response)


@program
def cached_responses_rebuilt(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A caching layer: store ``to_json()``, rebuild with ``model_validate_json`` / ``model_validate``
    / ``construct``, tweak with ``model_copy``, deep-copy for tests."""
    from importlib import import_module

    types = import_module(openai.__name__ + ".types.responses")
    usage = {
        "input_tokens": 30,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": 10,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 40,
    }
    server.reply(
        answer(REASONING, output_message("cached answer"), metadata={"k": "v"}, usage=usage)
    )
    response = client.responses.create(model="gpt-5", input="cache me")
    stored = response.to_json()
    again = types.Response.model_validate_json(stored)
    from_dict = types.Response.model_validate(json.loads(stored))
    built = types.Response.construct(**json.loads(stored))
    updated = response.model_copy(update={"status": "failed"})
    deep = copy.deepcopy(response)
    return (
        again.output_text,
        from_dict.output_text,
        built.output_text,
        type(built.output[1]).__name__,
        updated.status,
        response.status,
        deep == response,
        again == response,
        again.model_dump() == response.model_dump(),
        type(again.output[0]).__name__,
        again.usage.total_tokens,
    )


@program
def dumps_with_every_option(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Logging and persisting results: to_dict/to_json/model_dump/model_dump_json options."""
    message = output_message("Hello")
    message["content"][0]["annotations"] = [
        {
            "type": "url_citation",
            "start_index": 0,
            "end_index": 5,
            "url": "https://a.test",
            "title": "A",
        }
    ]
    server.reply(answer(REASONING, message, function_call("f", {"x": 1}, "call_x")))
    response = client.responses.create(model="gpt-5", input="hi")
    item = response.output[2]
    part = response.output[1].content[0]
    return (
        item.to_dict(),
        part.to_dict(exclude_unset=False),
        item.to_dict(exclude_unset=False),  # (`async`, newer than the API document: x-sdk-newer)
        item.to_dict(exclude_none=True),
        item.to_dict(mode="python"),
        item.to_json(indent=None),
        item.to_json(indent=4),
        response.output[1].model_dump(exclude={"id"}),
        item.model_dump(include={"name", "arguments"}),
        item.model_dump_json(exclude_none=True),
        part.to_dict(),
        part.model_dump(mode="json", exclude_unset=True),
        response.usage.to_dict(),
        response.output[0].to_dict(),
        json.loads(response.to_json())["output"],
        response.model_dump(exclude_none=True)["output"],
    )


@program
def failed_and_incomplete_responses(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(
            status="failed",
            error={"code": "server_error", "message": "The model had an error."},
            usage=None,
        ),
        answer(
            {**output_message("Truncated ans"), "status": "incomplete"},
            status="incomplete",
            incomplete_details={"reason": "max_output_tokens"},
        ),
        answer(status="incomplete", incomplete_details={"reason": "content_filter"}),
    )
    seen = []
    for n in range(3):
        response = client.responses.create(model="gpt-5", input="go", max_output_tokens=16)
        if response.status == "failed":
            error = response.error
            # (not printed: the SDK's ResponseError has fields newer than the API document)
            seen.append(("failed", error.code, error.message, error.model_dump(exclude_none=True)))
        elif response.status == "incomplete":
            seen.append(
                (
                    "incomplete",
                    response.incomplete_details.reason,
                    response.output_text,
                    repr(response.output_text),
                    repr(response.incomplete_details),
                )
            )
        seen.append((response.usage is None, n))
    return seen


@program
def usage_details_and_metadata(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(
            output_message("ok"),
            usage={
                "input_tokens": 2000,
                "input_tokens_details": {"cached_tokens": 1536},
                "output_tokens": 300,
                "output_tokens_details": {"reasoning_tokens": 256},
                "total_tokens": 2300,
            },
            metadata={"user_id": "u1", "session": "s9"},
            prompt_cache_key="user-u1",
            safety_identifier="hash-u1",
            service_tier="priority",
            max_output_tokens=4096,
            max_tool_calls=3,
            top_logprobs=0,
            reasoning={"effort": "low", "summary": "auto"},
            conversation={"id": "conv_1"},
        )
    )
    response = client.responses.create(
        model="gpt-5",
        input="hi",
        metadata={"user_id": "u1", "session": "s9"},
        prompt_cache_key="user-u1",
        prompt_cache_retention="24h",
        safety_identifier="hash-u1",
        service_tier="priority",
        max_output_tokens=4096,
        max_tool_calls=3,
        reasoning={"effort": "low", "summary": "auto"},
        conversation="conv_1",
        user="legacy-user",
    )
    usage = response.usage
    cost = usage.input_tokens_details.cached_tokens * 0.1 + usage.output_tokens * 1.0
    return (
        bodies(server),
        (usage.input_tokens, usage.output_tokens, usage.total_tokens),
        usage.input_tokens_details.cached_tokens,
        usage.output_tokens_details.reasoning_tokens,
        cost,
        response.metadata,
        (response.prompt_cache_key, response.safety_identifier, response.service_tier),
        (response.max_output_tokens, response.max_tool_calls, response.top_logprobs),
        (response.reasoning.effort, response.reasoning.summary, repr(response.reasoning)),
        repr(response.conversation),
        (response.created_at, type(response.created_at).__name__),
        (response.temperature, response.top_p, response.parallel_tool_calls),
        str(usage.output_tokens_details),
        str(usage.input_tokens_details),  # (cache_write_tokens_details: x-sdk-newer)
    )


@program
def typed_param_dicts_as_input(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Code that builds its input with the SDK's TypedDicts (plain dicts at run time)."""
    from importlib import import_module

    types = import_module(openai.__name__ + ".types.responses")
    server.reply(answer(output_message("typed")))
    text = types.ResponseInputTextParam(type="input_text", text="Describe")
    image = types.ResponseInputImageParam(
        type="input_image", image_url="https://x.test/a.png", detail="auto"
    )
    message = types.EasyInputMessageParam(role="user", content=[text, image])
    ref = {"type": "item_reference", "id": "msg_old"}
    output = types.ResponseFunctionToolCallParam(
        type="function_call", call_id="call_1", name="f", arguments="{}"
    )
    result: Any = {"type": "function_call_output", "call_id": "call_1", "output": "42"}
    items: types.ResponseInputParam = [message, ref, output, result]
    tool = types.FunctionToolParam(
        type="function", name="f", parameters={"type": "object"}, strict=False
    )
    text_config: types.ResponseTextConfigParam = {
        "format": {"type": "json_object"},
        "verbosity": "high",
    }
    response = client.responses.create(model="gpt-5", input=items, tools=[tool], text=text_config)
    return bodies(server), response.output_text, type(text).__name__, dict(message)


@program
def output_text_over_many_parts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``output_text`` joins every output_text part of every message, skips refusals."""
    two_parts = output_message("First. ")
    two_parts["content"].append(
        {"type": "output_text", "text": "Second.", "annotations": [], "logprobs": []}
    )
    two_parts["content"].append({"type": "refusal", "refusal": "no"})
    server.reply(
        answer(two_parts, REASONING, output_message(" Third.", "msg_2")),
        answer(REASONING),
        answer(REFUSAL),
    )
    seen = []
    for _ in range(3):
        response = client.responses.create(model="gpt-5", input="x")
        seen.append(repr(response.output_text))
        seen.append(
            [
                getattr(p, "type", None)
                for i in response.output
                if i.type == "message"
                for p in i.content
            ]
        )
    return seen


@program
def stream_events_built_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A unit test of an agent's event handler: events built from the SDK's classes with the
    fields the SDK's models have (the arguments-done event carries no ``name`` there)."""
    from importlib import import_module

    types = import_module(openai.__name__ + ".types.responses")
    item = types.ResponseFunctionToolCall(
        type="function_call", call_id="call_1", name="lookup", arguments="", id="fc_1"
    )
    events = [
        types.ResponseOutputItemAddedEvent(
            type="response.output_item.added", item=item, output_index=0, sequence_number=1
        ),
        types.ResponseFunctionCallArgumentsDeltaEvent(
            type="response.function_call_arguments.delta",
            item_id="fc_1",
            output_index=0,
            delta='{"q": ',
            sequence_number=2,
        ),
        types.ResponseFunctionCallArgumentsDoneEvent(
            type="response.function_call_arguments.done",
            item_id="fc_1",
            output_index=0,
            arguments='{"q": 1}',
            sequence_number=3,
        ),
    ]
    calls: dict[str, Any] = {}
    for event in events:
        if event.type == "response.output_item.added":
            calls[event.item.id] = {"name": event.item.name, "arguments": ""}
        elif event.type == "response.function_call_arguments.delta":
            calls[event.item_id]["arguments"] += event.delta
        elif event.type == "response.function_call_arguments.done":
            calls[event.item_id]["arguments"] = event.arguments
    # (the done event's repr is not compared: the API document gives it a ``name`` the SDK's model
    # lacks, so it shows ``name=None`` here when built without one)
    return (
        calls,
        [e.to_dict() for e in events],
        repr(events[1]),
        events[2].model_dump(exclude_none=True),
    )


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
