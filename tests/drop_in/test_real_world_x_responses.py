"""Real-world sweep X, the Responses API on the paths earlier sweeps walked least: parallel
function calls answered in one turn with the output items fed back as they came, strict tools
whose arguments ``parse`` validates, ``text_format`` with a list-rooted model, the event loop of a
stream that calls two tools, ``stream.until_done()`` / ``get_final_response()`` after a partial
read, background jobs polled to the end, ``input_items`` in both orders, conversation items
added and removed, ``compact`` and ``input_tokens.count``, pickled and copied responses, the types
apps import from ``openai.types.responses`` — programs written for the official SDK, run unchanged
against both packages over the scripted loopback server.
"""

from __future__ import annotations

import copy
import importlib
import json
import pickle
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
    sse,
    wire,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(*output: dict[str, Any], **extra: Any) -> Reply:
    return Reply.json(response_object(list(output), **extra))


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__, str(error)[:80])


def types_module(openai: ModuleType, name: str) -> ModuleType:
    return importlib.import_module(f"{openai.__name__}.types.{name}")


TOOLS = [
    {
        "type": "function",
        "name": "get_weather",
        "description": "Current weather in a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
            "additionalProperties": False,
        },
        "strict": True,
    },
    {
        "type": "function",
        "name": "get_time",
        "parameters": {
            "type": "object",
            "properties": {"tz": {"type": "string"}},
            "required": ["tz"],
            "additionalProperties": False,
        },
        "strict": True,
    },
]


def weather(city: str) -> str:
    return json.dumps({"city": city, "temp_c": 21})


def clock(tz: str) -> str:
    return f"12:00 {tz}"


# --- function calling ------------------------------------------------------------------------------


@program
def parallel_calls_answered_in_one_turn(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The docs' loop: run every function call of the output, append the items and the outputs
    to the input list, call again until the model answers in text."""
    server.reply(
        answer(
            {
                "id": "rs_1",
                "type": "reasoning",
                "summary": [],
                "encrypted_content": "enc",
            },
            function_call("get_weather", {"city": "Paris"}, "call_1"),
            function_call("get_time", {"tz": "CET"}, "call_2"),
        ),
        answer(output_message("21C and noon in Paris."), id="resp_2"),
    )
    registry_ = {"get_weather": weather, "get_time": clock}
    history: list[Any] = [{"role": "user", "content": "Weather and time in Paris?"}]
    turns = 0
    while True:
        turns += 1
        response = client.responses.create(
            model="o4-mini",
            input=history,
            tools=TOOLS,
            include=["reasoning.encrypted_content"],
            store=False,
        )
        history += response.output
        calls = [item for item in response.output if item.type == "function_call"]
        if not calls:
            break
        for call in calls:
            result = registry_[call.name](**json.loads(call.arguments))
            history.append(
                {"type": "function_call_output", "call_id": call.call_id, "output": result}
            )
    return wires(server), turns, response.output_text, len(history)


@program
def strict_tools_parsed_arguments(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(
            function_call("get_weather", {"city": "Oslo"}, "call_1"),
            function_call("unknown_tool", {"x": 1}, "call_2"),
        )
    )
    response = client.responses.parse(model="gpt-4.1", input="Oslo?", tools=TOOLS)
    seen = []
    for item in response.output:
        seen.append(
            (
                type(item).__name__,
                item.name,
                item.parsed_arguments,
                item.model_dump(),
            )
        )
    return wires(server), seen, response.output_parsed


class Step(BaseModel):
    explanation: str
    output: str


class MathReasoning(BaseModel):
    steps: list[Step]
    final_answer: str


@program
def text_format_parsed_and_dumped(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    parsed = {
        "steps": [{"explanation": "subtract 7", "output": "8x = -30"}],
        "final_answer": "x = -3.75",
    }
    server.reply(answer(output_message(json.dumps(parsed))))
    response = client.responses.parse(
        model="gpt-4o-2024-08-06",
        input=[
            {"role": "system", "content": "Guide the user through the solution step by step."},
            {"role": "user", "content": "how can I solve 8x + 7 = -23"},
        ],
        text_format=MathReasoning,
    )
    math = response.output_parsed
    content = response.output[0].content[0]
    return (
        wires(server),
        type(math).__name__,
        math.final_answer,
        [s.output for s in math.steps],
        type(content).__name__,
        content.parsed == math,
        json.loads(response.model_dump_json())["output"][0]["content"][0].get("parsed"),
        response.to_dict()["output"][0]["content"][0].get("parsed"),
    )


@program
def parse_refusal_leaves_nothing_parsed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        answer(
            {
                "id": "msg_r",
                "type": "message",
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "refusal", "refusal": "I can't help with that."}],
            }
        )
    )
    response = client.responses.parse(model="gpt-4.1", input="bad", text_format=MathReasoning)
    part = response.output[0].content[0]
    return (
        response.output_parsed,
        response.output_text,
        part.type,
        part.refusal,
        type(part).__name__,
    )


# --- streams ----------------------------------------------------------------------------------------


def two_call_events() -> list[Any]:
    first = function_call("get_weather", {"city": "Rome"}, "call_a")
    second = function_call("get_time", {"tz": "CET"}, "call_b")
    final = response_object([first, second])
    events = response_events(final, first)
    # put the second call's events after the first's, before response.completed
    body = [e for e in events if e[0] not in ("response.completed",)]
    n = len(body)
    body += [
        (
            "response.output_item.added",
            {
                "type": "response.output_item.added",
                "sequence_number": n,
                "output_index": 1,
                "item": {**second, "arguments": "", "status": "in_progress"},
            },
        ),
        (
            "response.function_call_arguments.delta",
            {
                "type": "response.function_call_arguments.delta",
                "sequence_number": n + 1,
                "item_id": second["id"],
                "output_index": 1,
                "delta": second["arguments"],
            },
        ),
        (
            "response.function_call_arguments.done",
            {
                "type": "response.function_call_arguments.done",
                "sequence_number": n + 2,
                "item_id": second["id"],
                "output_index": 1,
                "name": second["name"],
                "arguments": second["arguments"],
            },
        ),
        (
            "response.output_item.done",
            {
                "type": "response.output_item.done",
                "sequence_number": n + 3,
                "output_index": 1,
                "item": second,
            },
        ),
        (
            "response.completed",
            {"type": "response.completed", "sequence_number": n + 4, "response": final},
        ),
    ]
    return body


@program
def stream_helper_with_two_tool_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(two_call_events()))
    arguments: dict[str, str] = {}
    seen = []
    with client.responses.stream(model="gpt-4.1", input="Rome?", tools=TOOLS) as stream:
        for event in stream:
            if event.type == "response.function_call_arguments.delta":
                arguments[event.item_id] = arguments.get(event.item_id, "") + event.delta
                seen.append((event.type, event.output_index, event.snapshot))
            elif event.type == "response.function_call_arguments.done":
                seen.append((event.type, event.name, event.arguments))
            elif event.type == "response.output_item.done":
                seen.append((event.type, event.item.type, event.item.call_id))
            else:
                seen.append(event.type)
        final = stream.get_final_response()
    return (
        wires(server),
        seen,
        arguments,
        [(o.name, o.parsed_arguments) for o in final.output],
        type(final).__name__,
    )


@program
def stream_partly_read_then_finished(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    item = output_message("A long and winding answer")
    server.reply(sse(response_events(response_object([item]), item)))
    stream = client.responses.stream(model="gpt-4.1", input="tell me")
    with stream as events:
        first = next(iter(events))
        events.until_done()
        final = events.get_final_response()
        again = events.get_final_response()
    return first.type, final.output_text, final is again, final.usage.total_tokens


@program
def raw_stream_deltas_into_a_list(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message("Streaming text arrives")
    server.reply(sse(response_events(response_object([item]), item)))
    pieces = []
    final = None
    stream = client.responses.create(
        model="gpt-4.1",
        input="go",
        stream=True,
        stream_options={"include_obfuscation": False},
    )
    for event in stream:
        if event.type == "response.output_text.delta":
            pieces.append(event.delta)
        elif event.type == "response.completed":
            final = event.response
    stream.close()
    return (
        wires(server),
        pieces,
        final.output_text if final else None,
        final.status if final else None,
        [type(o).__name__ for o in final.output] if final else None,
    )


@program
def stream_error_event_raises(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        sse(
            [
                {
                    "type": "response.created",
                    "sequence_number": 0,
                    "response": response_object([], status="in_progress", usage=None),
                },
                {
                    "type": "error",
                    "sequence_number": 1,
                    "code": "server_error",
                    "message": "The server had an error",
                    "param": None,
                },
            ]
        )
    )
    seen = []
    try:
        for event in client.responses.create(model="gpt-4.1", input="x", stream=True):
            seen.append(event.type)
            if event.type == "error":
                seen.append((event.code, event.message, event.param))
        error = None
    except Exception as exc:
        error = (type(exc).__name__, str(exc))
    return seen, error


@program
def failed_response_in_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    failed = response_object(
        [],
        status="failed",
        error={"code": "rate_limit_exceeded", "message": "Slow down"},
        usage=None,
    )
    server.reply(
        sse(
            [
                {"type": "response.created", "sequence_number": 0, "response": failed},
                {"type": "response.failed", "sequence_number": 1, "response": failed},
            ]
        )
    )
    with client.responses.stream(model="gpt-4.1", input="x") as stream:
        types = [event.type for event in stream]
        final = outcome(lambda: stream.get_final_response().status)
    return types, final


# --- background ---------------------------------------------------------------------------------


@program
def background_polled_until_done(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The docs' poll loop: ``while resp.status in {"queued", "in_progress"}``."""
    server.reply(
        answer(status="queued", background=True, usage=None),
        answer(status="queued", background=True, usage=None),
        answer(status="in_progress", background=True, usage=None),
        answer(output_message("Report ready."), background=True),
    )
    resp = client.responses.create(
        model="o3", input="Write a very long novel about otters in space.", background=True
    )
    statuses = [resp.status]
    while resp.status in {"queued", "in_progress"}:
        resp = client.responses.retrieve(resp.id)
        statuses.append(resp.status)
    return wires(server), statuses, resp.output_text, resp.background


@program
def cancel_twice_and_retrieve_include(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        answer(status="cancelled", background=True, usage=None),
        answer(status="cancelled", background=True, usage=None),
        answer(output_message("x"), background=True),
    )
    first = client.responses.cancel("resp_abc")
    second = client.responses.cancel("resp_abc", timeout=5)
    got = client.responses.retrieve(
        "resp_abc",
        include=["message.output_text.logprobs", "reasoning.encrypted_content"],
        include_obfuscation=False,
    )
    return wires(server), first.status, second.status, got.output_text, first.usage


# --- input items, conversations, compaction, token counts -------------------------------------------


ITEMS = [
    {
        "id": "msg_1",
        "type": "message",
        "status": "completed",
        "role": "user",
        "content": [{"type": "input_text", "text": "hello"}],
    },
    {
        "id": "fc_1",
        "type": "function_call",
        "status": "completed",
        "name": "get_weather",
        "call_id": "call_1",
        "arguments": '{"city":"Rome"}',
    },
    {
        "id": "fco_1",
        "type": "function_call_output",
        "status": "completed",
        "call_id": "call_1",
        "output": '{"temp":21}',
    },
    {
        "id": "msg_2",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "output_text", "text": "21C", "annotations": []}],
    },
]


def items_list(items: list[dict[str, Any]], has_more: bool = False) -> Reply:
    return Reply.json(
        {
            "object": "list",
            "data": items,
            "first_id": items[0]["id"] if items else None,
            "last_id": items[-1]["id"] if items else None,
            "has_more": has_more,
        }
    )


@program
def input_items_rebuilt_into_a_transcript(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(items_list(ITEMS), items_list(list(reversed(ITEMS))), items_list([]))
    lines = []
    for item in client.responses.input_items.list("resp_abc", order="asc"):
        if item.type == "message":
            lines.append(f"{item.role}: " + " ".join(getattr(c, "text", "") for c in item.content))
        elif item.type == "function_call":
            lines.append(f"call {item.name}({item.arguments})")
        elif item.type == "function_call_output":
            lines.append(f"-> {item.output}")
    newest = client.responses.input_items.list("resp_abc", order="desc", limit=1)
    empty = client.responses.input_items.list("resp_empty")
    return (
        wires(server),
        lines,
        [i.id for i in newest.data],
        (empty.data, empty.has_more, empty.first_id, list(empty), empty.has_next_page()),
        [type(i).__name__ for i in newest.data],
    )


@program
def minimal_input_items_by_kind(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A test double's input items carrying only the fields a script reads: each is still the
    class its ``type`` names (the SDK builds them by tag), so ``isinstance`` dispatch works."""
    responses = types_module(openai, "responses")
    server.reply(
        items_list(
            [
                {"id": "fc_1", "type": "function_call", "call_id": "c1", "name": "f"},
                {
                    "id": "ct_1",
                    "type": "custom_tool_call",
                    "call_id": "c2",
                    "name": "g",
                    "input": "x",
                },
                {"id": "cto_1", "type": "custom_tool_call_output", "call_id": "c2", "output": "y"},
                {"id": "ws_1", "type": "web_search_call"},
            ]
        )
    )
    seen = []
    for item in client.responses.input_items.list("resp_abc"):
        seen.append(
            (
                type(item).__name__,
                item.type,
                isinstance(item, responses.ResponseFunctionToolCallItem),
                isinstance(item, responses.ResponseInputMessageItem),
            )
        )
    return seen


@program
def conversation_items_added_and_removed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    conversation = {
        "id": "conv_9",
        "object": "conversation",
        "created_at": 1733000000,
        "metadata": {},
    }
    server.reply(
        Reply.json(conversation),
        items_list(ITEMS[:1] + ITEMS[3:]),
        Reply.json(ITEMS[3]),
        Reply.json(conversation),
        Reply.json({**conversation, "metadata": {"title": "Weather"}}),
    )
    conv = client.conversations.create()
    added = client.conversations.items.create(
        conv.id,
        items=[
            {"type": "message", "role": "user", "content": "hello"},
            {"role": "assistant", "content": [{"type": "output_text", "text": "21C"}]},
        ],
        include=["message.output_text.logprobs"],
    )
    item = client.conversations.items.retrieve("msg_2", conversation_id=conv.id)
    after_delete = client.conversations.items.delete("msg_2", conversation_id=conv.id)
    renamed = client.conversations.update(conv.id, metadata={"title": "Weather"})
    return (
        wires(server),
        (type(added).__name__, [i.id for i in added.data], added.first_id, added.has_more),
        (item.type, item.role, item.content[0].text, type(item).__name__),
        (type(after_delete).__name__, after_delete.id),
        renamed.metadata,
        conv.metadata,
    )


@program
def compacted_history_fed_back(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    compacted = {
        "id": "cmp_1",
        "object": "response.compaction",
        "created_at": 1733000000,
        "output": [
            ITEMS[0],
            {"id": "cmp_item_1", "type": "compaction", "encrypted_content": "gAAAA..."},
        ],
        "usage": {
            "input_tokens": 100,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 20,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 120,
        },
    }
    server.reply(Reply.json(compacted), answer(output_message("continuing")))
    result = client.responses.compact(
        model="gpt-5.1",
        input=[{"role": "user", "content": "a very long chat"}],
        instructions="keep it short",
    )
    # kept by id: the compacted user messages are typed differently (test_real_world_n_known.py)
    kept = [{"type": "item_reference", "id": item.id} for item in result.output]
    follow = client.responses.create(
        model="gpt-5.1", input=[*kept, {"role": "user", "content": "next?"}]
    )
    return (
        wires(server),
        type(result).__name__,
        [o.type for o in result.output],
        result.usage.total_tokens,
        follow.output_text,
    )


@program
def input_tokens_counted_before_sending(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json({"object": "response.input_tokens", "input_tokens": 1234}),
        Reply.json({"object": "response.input_tokens", "input_tokens": 7}),
    )
    big = client.responses.input_tokens.count(
        model="gpt-5",
        input=[{"role": "user", "content": "x" * 50}],
        tools=TOOLS,
        instructions="be brief",
        reasoning={"effort": "low"},
        text={"format": {"type": "text"}},
    )
    small = client.responses.input_tokens.count(input="hi", previous_response_id="resp_abc")
    return (
        wires(server),
        (big.input_tokens, big.object, type(big).__name__),
        small.input_tokens,
        small.to_dict(),
    )


# --- objects apps keep ----------------------------------------------------------------------------


@program
def responses_pickled_copied_and_compared(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A cache that pickles responses (joblib, diskcache), and deep copies before mutation."""
    server.reply(
        answer(output_message("cached"), function_call("get_time", {"tz": "UTC"}, "c1")),
        answer(output_message("cached"), function_call("get_time", {"tz": "UTC"}, "c1")),
    )
    response = client.responses.create(model="gpt-4.1", input="x")
    twin = client.responses.create(model="gpt-4.1", input="x")
    restored = pickle.loads(pickle.dumps(response))
    deep = copy.deepcopy(response)
    deep.output[0].content[0].text = "edited"
    shallow = copy.copy(response)
    return (
        restored == response,
        twin == response,
        restored.output_text,
        response.output_text,
        deep.output_text,
        shallow.output is response.output,
        type(restored).__name__,
        response.model_copy(update={"status": "failed"}).status,
    )


@program
def parsed_response_pickled(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer(output_message(json.dumps({"steps": [], "final_answer": "4"}))))
    response = client.responses.parse(model="gpt-4.1", input="2+2", text_format=MathReasoning)
    restored = outcome(lambda: pickle.loads(pickle.dumps(response)).output_parsed)
    return restored, copy.deepcopy(response).output_parsed


class Verdict(BaseModel):
    label: Literal["spam", "ham"]
    confidence: float


@program
def typed_params_from_types_module(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Apps that type their inputs with the SDK's TypedDicts (constructed as dicts)."""
    responses = types_module(openai, "responses")
    shared = types_module(openai, "shared_params")
    server.reply(answer(output_message(json.dumps({"label": "ham", "confidence": 0.9}))))
    message = responses.EasyInputMessageParam(role="user", content="is this spam?")
    tool = responses.FunctionToolParam(
        type="function", name="flag", parameters={"type": "object"}, strict=False
    )
    reasoning = shared.Reasoning(effort="minimal")
    items: list[Any] = [message]
    response = client.responses.parse(
        model="gpt-5-nano",
        input=items,
        tools=[tool],
        reasoning=reasoning,
        text_format=Verdict,
    )
    names = [
        n
        for n in (
            "ResponseInputParam",
            "ResponseInputItemParam",
            "ResponseFunctionToolCall",
            "ResponseOutputMessage",
            "ResponseOutputText",
            "ResponseStreamEvent",
            "ResponseTextDeltaEvent",
            "ResponseCompletedEvent",
            "ParsedResponse",
            "ResponseUsage",
            "ToolParam",
            "ResponseItem",
            "ResponseInputText",
            "ResponseCompactionItem",
            "InputTokenCountResponse",
            "CompactedResponse",
        )
        if hasattr(responses, n)
    ]
    return wires(server), response.output_parsed, names


@program
def match_statement_over_output_types(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    responses = types_module(openai, "responses")
    server.reply(
        answer(
            output_message("hi"),
            function_call("get_time", {"tz": "UTC"}, "c1"),
            {
                "id": "rs_1",
                "type": "reasoning",
                "summary": [{"type": "summary_text", "text": "thinking"}],
            },
        )
    )
    response = client.responses.create(model="o3", input="x")
    seen = []
    for item in response.output:
        match item:
            case responses.ResponseOutputMessage(content=[responses.ResponseOutputText(text=t)]):
                seen.append(("text", t))
            case responses.ResponseFunctionToolCall(name=name, arguments=args):
                seen.append(("call", name, args))
            case responses.ResponseReasoningItem(summary=summary):
                seen.append(("reasoning", [s.text for s in summary]))
            case _:
                seen.append(("other", item.type))
    return seen


# --- async --------------------------------------------------------------------------------------------


@async_program
async def async_tool_loop_with_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    call = function_call("get_weather", {"city": "Lima"}, "call_l")
    reply = output_message("18C in Lima")
    server.reply(
        sse(response_events(response_object([call]), call)),
        sse(response_events(response_object([reply], id="resp_2"), reply)),
    )
    history: list[Any] = [{"role": "user", "content": "Lima?"}]
    texts = []
    final = None
    for _ in range(3):
        async with client.responses.stream(model="gpt-4.1", input=history, tools=TOOLS) as stream:
            async for event in stream:
                if event.type == "response.output_text.delta":
                    texts.append(event.delta)
            final = await stream.get_final_response()
        calls = [o for o in final.output if o.type == "function_call"]
        if not calls:
            break
        for c in calls:
            history.append(c)
            history.append(
                {
                    "type": "function_call_output",
                    "call_id": c.call_id,
                    "output": weather(**c.parsed_arguments),
                }
            )
    return wires(server), texts, final.output_text if final else None


@async_program
async def async_background_poll_and_cancel(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        answer(status="queued", background=True, usage=None),
        answer(status="in_progress", background=True, usage=None),
        answer(status="cancelled", background=True, usage=None),
    )
    resp = await client.responses.create(model="o3", input="x", background=True)
    resp = await client.responses.retrieve(resp.id)
    if resp.status == "in_progress":
        resp = await client.responses.cancel(resp.id)
    return wires(server), resp.status, resp.output_text


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
