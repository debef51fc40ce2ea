"""Real-world sweep N, streaming the tools of coding and research agents: shell commands and
their output, custom-tool input, MCP calls, code interpreter code and raw reasoning text streamed
as events, refusals streamed, queued background streams, error events — read from ``stream=True``
by ``event.type`` dispatch and through the ``responses.stream`` helper (its snapshots and final
response), sync and async — programs written for the official SDK, run unchanged against both
packages over the scripted loopback server.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from tests.support.server import ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import output_message, response_object, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def numbered(events: list[dict[str, Any]]) -> list[Any]:
    return [(e["type"], {**e, "sequence_number": n}) for n, e in enumerate(events)]


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


SHELL_CALL = {
    "id": "sh_1",
    "type": "shell_call",
    "call_id": "call_sh",
    "status": "completed",
    "action": {"commands": ["ls", "pwd"], "timeout_ms": None, "max_output_length": None},
}
CUSTOM_CALL = {
    "id": "ctc_1",
    "type": "custom_tool_call",
    "call_id": "call_c",
    "name": "run_sql",
    "input": "SELECT 1;",
}
MCP_CALL = {
    "id": "mcp_1",
    "type": "mcp_call",
    "server_label": "wiki",
    "name": "ask",
    "arguments": '{"q": "x"}',
    "output": "answer",
    "error": None,
    "status": "completed",
}
CODE_CALL = {
    "id": "ci_1",
    "type": "code_interpreter_call",
    "status": "completed",
    "code": "print(6*7)",
    "container_id": "cntr_1",
    "outputs": [{"type": "logs", "logs": "42\n"}],
}
REASONING = {
    "id": "rs_1",
    "type": "reasoning",
    "summary": [],
    "content": [{"type": "reasoning_text", "text": "Let me think."}],
}


def agent_events() -> list[Any]:
    items = [REASONING, SHELL_CALL, CUSTOM_CALL, MCP_CALL, CODE_CALL]
    final = response_object(items, model="gpt-5.1")
    start = {**final, "status": "queued", "output": [], "usage": None}
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": start},
        {"type": "response.queued", "response": start},
        {"type": "response.in_progress", "response": {**start, "status": "in_progress"}},
        # 0: raw reasoning text
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {**REASONING, "content": []},
        },
        {
            "type": "response.content_part.added",
            "item_id": "rs_1",
            "output_index": 0,
            "content_index": 0,
            "part": {"type": "reasoning_text", "text": ""},
        },
        {
            "type": "response.reasoning_text.delta",
            "item_id": "rs_1",
            "output_index": 0,
            "content_index": 0,
            "delta": "Let me ",
        },
        {
            "type": "response.reasoning_text.delta",
            "item_id": "rs_1",
            "output_index": 0,
            "content_index": 0,
            "delta": "think.",
        },
        {
            "type": "response.reasoning_text.done",
            "item_id": "rs_1",
            "output_index": 0,
            "content_index": 0,
            "text": "Let me think.",
        },
        {
            "type": "response.content_part.done",
            "item_id": "rs_1",
            "output_index": 0,
            "content_index": 0,
            "part": {"type": "reasoning_text", "text": "Let me think."},
        },
        {"type": "response.output_item.done", "output_index": 0, "item": REASONING},
        # 1: shell commands streamed
        {
            "type": "response.output_item.added",
            "output_index": 1,
            "item": {**SHELL_CALL, "status": "in_progress", "action": {"commands": []}},
        },
        {
            "type": "response.shell_call_command.added",
            "output_index": 1,
            "command_index": 0,
            "command": "",
        },
        {
            "type": "response.shell_call_command.delta",
            "output_index": 1,
            "command_index": 0,
            "delta": "ls",
        },
        {
            "type": "response.shell_call_command.done",
            "output_index": 1,
            "command_index": 0,
            "command": "ls",
        },
        {"type": "response.output_item.done", "output_index": 1, "item": SHELL_CALL},
        # 2: custom tool input
        {
            "type": "response.output_item.added",
            "output_index": 2,
            "item": {**CUSTOM_CALL, "input": ""},
        },
        {
            "type": "response.custom_tool_call_input.delta",
            "item_id": "ctc_1",
            "output_index": 2,
            "delta": "SELECT ",
        },
        {
            "type": "response.custom_tool_call_input.delta",
            "item_id": "ctc_1",
            "output_index": 2,
            "delta": "1;",
        },
        {
            "type": "response.custom_tool_call_input.done",
            "item_id": "ctc_1",
            "output_index": 2,
            "input": "SELECT 1;",
        },
        {"type": "response.output_item.done", "output_index": 2, "item": CUSTOM_CALL},
        # 3: MCP call
        {
            "type": "response.output_item.added",
            "output_index": 3,
            "item": {**MCP_CALL, "arguments": "", "output": None, "status": "in_progress"},
        },
        {"type": "response.mcp_call.in_progress", "item_id": "mcp_1", "output_index": 3},
        {
            "type": "response.mcp_call_arguments.delta",
            "item_id": "mcp_1",
            "output_index": 3,
            "delta": '{"q": "x"}',
        },
        {
            "type": "response.mcp_call_arguments.done",
            "item_id": "mcp_1",
            "output_index": 3,
            "arguments": '{"q": "x"}',
        },
        {"type": "response.mcp_call.completed", "item_id": "mcp_1", "output_index": 3},
        {"type": "response.output_item.done", "output_index": 3, "item": MCP_CALL},
        # 4: code interpreter
        {
            "type": "response.output_item.added",
            "output_index": 4,
            "item": {**CODE_CALL, "code": "", "outputs": None, "status": "in_progress"},
        },
        {
            "type": "response.code_interpreter_call.in_progress",
            "item_id": "ci_1",
            "output_index": 4,
        },
        {
            "type": "response.code_interpreter_call_code.delta",
            "item_id": "ci_1",
            "output_index": 4,
            "delta": "print(6*7)",
        },
        {
            "type": "response.code_interpreter_call_code.done",
            "item_id": "ci_1",
            "output_index": 4,
            "code": "print(6*7)",
        },
        {
            "type": "response.code_interpreter_call.interpreting",
            "item_id": "ci_1",
            "output_index": 4,
        },
        {
            "type": "response.code_interpreter_call.completed",
            "item_id": "ci_1",
            "output_index": 4,
        },
        {"type": "response.output_item.done", "output_index": 4, "item": CODE_CALL},
        {"type": "response.completed", "response": final},
    ]
    return numbered(events)


def observe(event: Any) -> Any:
    """What a coding agent's event loop reads from each event."""
    kind = event.type
    if kind in (
        "response.queued",
        "response.created",
        "response.in_progress",
        "response.completed",
    ):
        return (kind, event.response.status, len(event.response.output))
    if kind == "response.reasoning_text.delta":
        return ("think", event.delta, event.content_index)
    if kind.startswith("response.shell_call_command."):
        return (kind, event.command_index, getattr(event, "delta", None) or event.command)
    if kind == "response.custom_tool_call_input.delta":
        return ("sql", event.delta)
    if kind == "response.custom_tool_call_input.done":
        return ("sql done", event.input)
    if kind == "response.mcp_call_arguments.done":
        return ("mcp args", json.loads(event.arguments))
    if kind == "response.code_interpreter_call_code.delta":
        return ("code", event.delta)
    if kind == "response.output_item.added":
        return ("added", event.item.type, event.output_index)
    if kind == "response.output_item.done":
        return ("done", event.item.to_dict())
    if kind == "response.content_part.added":
        return ("part", event.part.type, event.part.to_dict())
    return (kind, type(event).__name__, event.to_dict())


@program
def coding_agent_raw_event_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(sse(agent_events()))
    stream = client.responses.create(
        model="gpt-5.1",
        input="Fix the bug",
        background=True,
        stream=True,
        tools=[
            {"type": "shell"},
            {"type": "custom", "name": "run_sql"},
            {"type": "mcp", "server_label": "wiki", "server_url": "https://w.test"},
            {"type": "code_interpreter", "container": {"type": "auto"}},
        ],
        reasoning={"effort": "high"},
    )
    seen = [observe(event) for event in stream]
    return wires(server), seen


@program
def coding_agent_stream_helper(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(sse(agent_events()))
    seen = []
    with client.responses.stream(
        model="gpt-5.1", input="Fix the bug", tools=[{"type": "shell"}]
    ) as stream:
        for event in stream:
            seen.append((type(event).__name__, observe(event)))
        final = stream.get_final_response()
    return (
        seen,
        [item.type for item in final.output],
        final.output[0].content[0].text,
        final.output[1].action.commands,
        final.output[2].input,
        final.output[4].outputs[0].logs,
        type(final).__name__,
    )


def refusal_events() -> list[Any]:
    message = {
        "id": "msg_r",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "refusal", "refusal": "I can't help with that."}],
    }
    final = response_object([message])
    start = {**final, "status": "in_progress", "output": [], "usage": None}
    return numbered(
        [
            {"type": "response.created", "response": start},
            {
                "type": "response.output_item.added",
                "output_index": 0,
                "item": {**message, "content": [], "status": "in_progress"},
            },
            {
                "type": "response.content_part.added",
                "item_id": "msg_r",
                "output_index": 0,
                "content_index": 0,
                "part": {"type": "refusal", "refusal": ""},
            },
            {
                "type": "response.refusal.delta",
                "item_id": "msg_r",
                "output_index": 0,
                "content_index": 0,
                "delta": "I can't ",
            },
            {
                "type": "response.refusal.delta",
                "item_id": "msg_r",
                "output_index": 0,
                "content_index": 0,
                "delta": "help with that.",
            },
            {
                "type": "response.refusal.done",
                "item_id": "msg_r",
                "output_index": 0,
                "content_index": 0,
                "refusal": "I can't help with that.",
            },
            {
                "type": "response.content_part.done",
                "item_id": "msg_r",
                "output_index": 0,
                "content_index": 0,
                "part": {"type": "refusal", "refusal": "I can't help with that."},
            },
            {"type": "response.output_item.done", "output_index": 0, "item": message},
            {"type": "response.completed", "response": final},
        ]
    )


class Plan(BaseModel):
    steps: list[str]


@program
def structured_stream_refused(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``responses.stream(text_format=...)`` when the model refuses: refusal deltas, no parse."""
    server.reply(sse(refusal_events()), sse(refusal_events()))
    seen = []
    with client.responses.stream(model="gpt-5", input="bad", text_format=Plan) as stream:
        for event in stream:
            if event.type == "response.refusal.delta":
                seen.append(("refusal", event.delta))
            elif event.type == "response.refusal.done":
                seen.append(("refused", event.refusal))
            else:
                seen.append(type(event).__name__)
        final = stream.get_final_response()
    raw = [
        (type(e).__name__, getattr(e, "delta", None))
        for e in client.responses.create(model="gpt-5", input="bad", stream=True)
    ]
    content = final.output[0].content[0]
    return (
        wires(server)[0][-1]["text"],
        seen,
        final.output_parsed,
        (content.type, content.refusal),
        repr(final.output_text),
        raw,
    )


@program
def error_event_mid_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The API's ``error`` event (no ``response.failed`` after it): how each loop sees it."""
    start = {**response_object([]), "status": "in_progress", "usage": None}
    events = numbered(
        [
            {"type": "response.created", "response": start},
            {
                "type": "error",
                "code": "rate_limit_exceeded",
                "message": "Slow down",
                "param": None,
            },
        ]
    )
    server.reply(sse(events), sse(events))
    outcomes = []
    try:
        for event in client.responses.create(model="gpt-5", input="x", stream=True):
            if event.type == "error":
                outcomes.append(("error event", event.code, event.message, event.param))
            else:
                outcomes.append(event.type)
    except openai.APIError as exc:
        outcomes.append(("raised", type(exc).__name__, exc.message))
    try:
        with client.responses.stream(model="gpt-5", input="x") as stream:
            for event in stream:
                outcomes.append((type(event).__name__, event.type))
            stream.get_final_response()
    except Exception as exc:
        outcomes.append(("raised", type(exc).__name__, str(exc)))
    return outcomes


# --- async ---------------------------------------------------------------------------------------


@async_program
async def async_coding_agent_stream_helper(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(agent_events()), sse(agent_events()))
    seen = []
    async with client.responses.stream(model="gpt-5.1", input="Fix it") as stream:
        async for event in stream:
            seen.append(observe(event))
        final = await stream.get_final_response()
    raw = await client.responses.create(model="gpt-5.1", input="Fix it", stream=True)
    async with raw:
        kinds = [event.type async for event in raw]
    return seen, [i.type for i in final.output], kinds, final.output[3].output


@async_program
async def async_structured_stream_text_deltas(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    text = json.dumps({"steps": ["plan", "build", "ship"]})
    message = output_message(text)
    final = response_object([message])
    start = {**final, "status": "in_progress", "output": [], "usage": None}
    pieces = [text[i : i + 7] for i in range(0, len(text), 7)]
    events = numbered(
        [
            {"type": "response.created", "response": start},
            {
                "type": "response.output_item.added",
                "output_index": 0,
                "item": {**message, "content": [], "status": "in_progress"},
            },
            {
                "type": "response.content_part.added",
                "item_id": "msg_1",
                "output_index": 0,
                "content_index": 0,
                "part": {"type": "output_text", "text": "", "annotations": [], "logprobs": []},
            },
            *[
                {
                    "type": "response.output_text.delta",
                    "item_id": "msg_1",
                    "output_index": 0,
                    "content_index": 0,
                    "delta": piece,
                    "logprobs": [],
                }
                for piece in pieces
            ],
            {
                "type": "response.output_text.done",
                "item_id": "msg_1",
                "output_index": 0,
                "content_index": 0,
                "text": text,
                "logprobs": [],
            },
            {
                "type": "response.content_part.done",
                "item_id": "msg_1",
                "output_index": 0,
                "content_index": 0,
                "part": message["content"][0],
            },
            {"type": "response.output_item.done", "output_index": 0, "item": message},
            {"type": "response.completed", "response": final},
        ]
    )
    server.reply(sse(events))
    snapshots = []
    async with client.responses.stream(
        model="gpt-5",
        input=[{"role": "user", "content": "plan it"}],
        text_format=Plan,
        instructions="JSON only",
    ) as stream:
        async for event in stream:
            if event.type == "response.output_text.delta":
                snapshots.append(event.snapshot)
            elif event.type == "response.output_text.done":
                snapshots.append(("parsed", repr(event.parsed)))
        final_response = await stream.get_final_response()
    parsed = final_response.output_parsed
    return (
        wires(server),
        snapshots,
        (type(parsed).__name__, parsed.steps),
        repr(final_response.output[0].content[0].parsed),
    )


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
