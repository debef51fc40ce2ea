"""Real-world sweep N, the Responses API's tools as agent code drives them: a computer-use loop
answering safety checks with screenshots, the shell and apply_patch tools of coding agents, the
local shell of codex-mini, remote MCP servers (listed tools, calls, approvals), every form of
``tool_choice`` and reusable prompt templates — programs written for the official SDK, run
unchanged against both packages over the scripted loopback server. Each returns what its author
observes and what was sent.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import observed_the_same, registry
from .test_real_world_apps import output_message, response_object

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(*output: dict[str, Any], **extra: Any) -> Reply:
    return Reply.json(response_object(list(output), **extra))


def bodies(server: ScriptedServer) -> list[Any]:
    return [r.json() if r.body else None for r in server.requests]


SCREENSHOT = "data:image/png;base64,iVBORw0KGgo="


# --- computer use ----------------------------------------------------------------------------------


def computer_call(n: int, action: dict[str, Any], checks: list[Any] | None = None) -> Any:
    return {
        "id": f"cu_{n}",
        "type": "computer_call",
        "call_id": f"call_cu{n}",
        "status": "completed",
        "action": action,
        "pending_safety_checks": checks or [],
    }


@program
def computer_use_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The docs' CUA loop: run the action the model asks for, send back a screenshot, acknowledge
    any pending safety check, until the model answers in text."""
    reasoning = {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "Open the search box."}],
    }
    check = {"id": "cu_sc_1", "code": "malicious_instructions", "message": "Looks odd."}
    server.reply(
        answer(reasoning, computer_call(1, {"type": "click", "button": "left", "x": 156, "y": 50})),
        answer(
            computer_call(2, {"type": "type", "text": "bing.com"}, [check]),
            id="resp_2",
        ),
        answer(computer_call(3, {"type": "keypress", "keys": ["CTRL", "L"]}), id="resp_3"),
        answer(
            computer_call(
                4,
                {
                    "type": "drag",
                    "path": [{"x": 1, "y": 2}, {"x": 30, "y": 40}],
                },
            ),
            id="resp_4",
        ),
        answer(
            computer_call(5, {"type": "scroll", "x": 0, "y": 0, "scroll_x": 0, "scroll_y": 300}),
            id="resp_5",
        ),
        answer(output_message("The page is open."), id="resp_6"),
    )
    tools = [
        {
            "type": "computer_use_preview",
            "display_width": 1024,
            "display_height": 768,
            "environment": "browser",
        }
    ]
    response = client.responses.create(
        model="computer-use-preview",
        tools=tools,
        input=[{"role": "user", "content": "Open bing.com"}],
        reasoning={"summary": "concise"},
        truncation="auto",
    )
    performed = []
    while True:
        calls = [item for item in response.output if item.type == "computer_call"]
        if not calls:
            break
        call = calls[0]
        action = call.action
        match action.type:
            case "click":
                performed.append(("click", action.button, action.x, action.y))
            case "type":
                performed.append(("type", action.text))
            case "keypress":
                performed.append(("keypress", "+".join(action.keys)))
            case "drag":
                performed.append(("drag", [(p.x, p.y) for p in action.path]))
            case "scroll":
                performed.append(("scroll", action.scroll_x, action.scroll_y))
        performed.append(action.model_dump())
        response = client.responses.create(
            model="computer-use-preview",
            previous_response_id=response.id,
            tools=tools,
            input=[
                {
                    "call_id": call.call_id,
                    "type": "computer_call_output",
                    "acknowledged_safety_checks": [
                        {"id": c.id, "code": c.code, "message": c.message}
                        for c in call.pending_safety_checks
                    ],
                    "output": {"type": "computer_screenshot", "image_url": SCREENSHOT},
                }
            ],
            truncation="auto",
        )
    return bodies(server), performed, response.output_text


@program
def computer_tool_batched_actions(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The GA ``computer`` tool answers with a batch of ``actions`` per call."""
    call = {
        "id": "cu_1",
        "type": "computer_call",
        "call_id": "call_1",
        "status": "completed",
        "pending_safety_checks": [],
        "actions": [
            {"type": "move", "x": 10, "y": 20},
            {"type": "double_click", "x": 10, "y": 20},
            {"type": "wait"},
            {"type": "screenshot"},
        ],
    }
    server.reply(answer(call), answer(output_message("done"), id="resp_2"))
    response = client.responses.create(
        model="gpt-5.4", tools=[{"type": "computer"}], input="Double click the icon"
    )
    item = response.output[0]
    steps = [(a.type, getattr(a, "x", None), getattr(a, "y", None)) for a in item.actions]
    client.responses.create(
        model="gpt-5.4",
        tools=[{"type": "computer"}],
        previous_response_id=response.id,
        input=[
            {
                "type": "computer_call_output",
                "call_id": item.call_id,
                "output": {"type": "computer_screenshot", "file_id": "file-shot"},
            }
        ],
    )
    return bodies(server), steps, item.action, [a.model_dump() for a in item.actions]


# --- coding agents: shell and apply_patch --------------------------------------------------------


@program
def shell_tool_agent(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    shell_call = {
        "id": "sh_1",
        "type": "shell_call",
        "call_id": "call_sh",
        "status": "completed",
        "action": {
            "commands": ["ls -la", "cat README.md"],
            "timeout_ms": 5000,
            "max_output_length": 4096,
        },
    }
    server.reply(answer(shell_call), answer(output_message("Two files."), id="resp_2"))
    response = client.responses.create(
        model="gpt-5.1",
        instructions="You are a coding agent.",
        tools=[{"type": "shell"}],
        input="What is in this repo?",
    )
    outputs = []
    for item in response.output:
        if item.type == "shell_call":
            results = []
            for command in item.action.commands:
                results.append(
                    {
                        "stdout": f"ran {command}\n",
                        "stderr": "",
                        "outcome": {"type": "exit", "exit_code": 0},
                    }
                )
            outputs.append(
                {
                    "type": "shell_call_output",
                    "call_id": item.call_id,
                    "max_output_length": item.action.max_output_length,
                    "output": results,
                }
            )
    final = client.responses.create(
        model="gpt-5.1",
        tools=[{"type": "shell"}],
        previous_response_id=response.id,
        input=outputs,
    )
    call = response.output[0]
    return (
        bodies(server),
        (call.action.commands, call.action.timeout_ms, call.status),
        final.output_text,
        call.model_dump(exclude_none=True),
    )


@program
def apply_patch_agent(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    patches = [
        {
            "id": "apc_1",
            "type": "apply_patch_call",
            "call_id": "call_p1",
            "status": "completed",
            "operation": {
                "type": "update_file",
                "path": "src/app.py",
                "diff": "@@\n-print('hi')\n+print('hello')\n",
            },
        },
        {
            "id": "apc_2",
            "type": "apply_patch_call",
            "call_id": "call_p2",
            "status": "completed",
            "operation": {"type": "create_file", "path": "NOTES.md", "diff": "+# Notes\n"},
        },
        {
            "id": "apc_3",
            "type": "apply_patch_call",
            "call_id": "call_p3",
            "status": "completed",
            "operation": {"type": "delete_file", "path": "old.txt"},
        },
    ]
    server.reply(answer(*patches), answer(output_message("Patched."), id="resp_2"))
    response = client.responses.create(
        model="gpt-5.1",
        tools=[{"type": "apply_patch"}],
        tool_choice={"type": "apply_patch"},
        input=[{"role": "user", "content": "Say hello instead of hi."}],
    )
    results = []
    applied = []
    for item in response.output:
        if item.type != "apply_patch_call":
            continue
        op = item.operation
        applied.append((op.type, op.path, getattr(op, "diff", None)))
        results.append(
            {
                "type": "apply_patch_call_output",
                "call_id": item.call_id,
                "status": "failed" if op.type == "delete_file" else "completed",
                "output": f"{op.type} {op.path}",
            }
        )
    final = client.responses.create(
        model="gpt-5.1",
        tools=[{"type": "apply_patch"}],
        previous_response_id=response.id,
        input=results,
    )
    return bodies(server), applied, final.output_text


@program
def local_shell_codex(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    call = {
        "id": "lsh_1",
        "type": "local_shell_call",
        "call_id": "call_l",
        "status": "completed",
        "action": {
            "type": "exec",
            "command": ["bash", "-lc", "pytest -q"],
            "env": {"CI": "1"},
            "timeout_ms": 60000,
            "working_directory": "/repo",
            "user": None,
        },
    }
    server.reply(answer(call), answer(output_message("Tests pass."), id="resp_2"))
    response = client.responses.create(
        model="codex-mini-latest",
        tools=[{"type": "local_shell"}],
        input="Run the tests",
    )
    item = response.output[0]
    action = item.action
    seen = (action.type, action.command, action.env, action.working_directory, action.user)
    final = client.responses.create(
        model="codex-mini-latest",
        tools=[{"type": "local_shell"}],
        previous_response_id=response.id,
        input=[{"type": "local_shell_call_output", "id": item.call_id, "output": "3 passed"}],
    )
    return bodies(server), seen, final.output_text, item.to_dict()


# --- remote MCP ------------------------------------------------------------------------------------


MCP_LIST = {
    "id": "mcpl_1",
    "type": "mcp_list_tools",
    "server_label": "deepwiki",
    "tools": [
        {
            "name": "ask_question",
            "description": "Ask about a repo",
            "input_schema": {"type": "object", "properties": {"q": {"type": "string"}}},
            "annotations": {"read_only": True},
        },
        {"name": "read_wiki", "input_schema": {"type": "object"}},
    ],
    "error": None,
}

MCP_CALL = {
    "id": "mcp_1",
    "type": "mcp_call",
    "server_label": "deepwiki",
    "name": "ask_question",
    "arguments": '{"q": "What transport does the spec use?"}',
    "output": "Streamable HTTP",
    "error": None,
    "status": "completed",
}


@program
def mcp_server_listed_called_and_approved(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    approval = {
        "id": "mcpr_1",
        "type": "mcp_approval_request",
        "server_label": "stripe",
        "name": "create_payment_link",
        "arguments": '{"amount": 20}',
    }
    failed = {**MCP_CALL, "id": "mcp_2", "output": None, "error": "timeout", "status": "failed"}
    server.reply(
        answer(MCP_LIST, MCP_CALL, failed, approval),
        answer(output_message("Link: https://pay.test/x"), id="resp_2"),
    )
    tools = [
        {
            "type": "mcp",
            "server_label": "deepwiki",
            "server_url": "https://mcp.deepwiki.com/mcp",
            "allowed_tools": ["ask_question", "read_wiki"],
            "require_approval": "never",
        },
        {
            "type": "mcp",
            "server_label": "stripe",
            "server_url": "https://mcp.stripe.com",
            "headers": {"Authorization": "Bearer sk-test"},
            "require_approval": {"never": {"tool_names": ["search"]}},
            "server_description": "Payments",
        },
        {
            "type": "mcp",
            "server_label": "gmail",
            "connector_id": "connector_gmail",
            "authorization": "oauth-token",
            "allowed_tools": {"read_only": True},
        },
    ]
    response = client.responses.create(model="gpt-5", tools=tools, input="Pay 20 and explain MCP")
    seen = []
    approvals = []
    for item in response.output:
        if item.type == "mcp_list_tools":
            seen.append((item.server_label, [(t.name, t.description) for t in item.tools]))
            seen.append(item.tools[0].input_schema)
            seen.append(item.tools[0].annotations)
        elif item.type == "mcp_call":
            seen.append((item.name, json.loads(item.arguments), item.output, item.error))
            seen.append(item.status)
        elif item.type == "mcp_approval_request":
            approvals.append(
                {
                    "type": "mcp_approval_response",
                    "approval_request_id": item.id,
                    "approve": item.name.startswith("create"),
                    "reason": "ok",
                }
            )
    final = client.responses.create(
        model="gpt-5", tools=tools, previous_response_id=response.id, input=approvals
    )
    return bodies(server), seen, final.output_text, [t.type for t in response.output]


# --- tool_choice -----------------------------------------------------------------------------------


CHOICES: list[Any] = [
    "none",
    "required",
    {"type": "function", "name": "get_weather"},
    {
        "type": "allowed_tools",
        "mode": "auto",
        "tools": [{"type": "function", "name": "get_weather"}],
    },
    {"type": "mcp", "server_label": "deepwiki", "name": "ask_question"},
    {"type": "custom", "name": "grammar_tool"},
    {"type": "web_search_preview"},
    {"type": "image_generation"},
    {"type": "code_interpreter"},
    {"type": "shell"},
]


@program
def tool_choice_forms_echoed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Each form of tool_choice, as sent and as the response echoes it back."""
    server.reply(*[answer(output_message("ok"), tool_choice=choice) for choice in CHOICES])
    tools = [
        {
            "type": "function",
            "name": "get_weather",
            "description": "Weather in a city",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
                "additionalProperties": False,
            },
            "strict": True,
        },
        {
            "type": "custom",
            "name": "grammar_tool",
            "format": {
                "type": "grammar",
                "syntax": "lark",
                "definition": 'start: "yes" | "no"',
            },
        },
    ]
    echoed = []
    for choice in CHOICES:
        response = client.responses.create(
            model="gpt-5", input="hello", tools=tools, tool_choice=choice
        )
        back = response.tool_choice
        echoed.append(back if isinstance(back, str) else (back.type, back.model_dump()))
    return bodies(server), echoed


@program
def tools_echoed_back_on_the_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Reading ``response.tools`` back: each tool as its class, dumped."""
    tools = [
        {
            "type": "function",
            "name": "f",
            "parameters": {"type": "object"},
            "strict": True,
            "description": None,
        },
        {"type": "file_search", "vector_store_ids": ["vs_1"], "max_num_results": 2},
        {"type": "web_search", "search_context_size": "high"},
        {"type": "image_generation", "size": "1024x1536", "output_format": "webp"},
        {"type": "code_interpreter", "container": "cntr_42"},
        {
            "type": "mcp",
            "server_label": "x",
            "server_url": "https://mcp.test",
            "require_approval": "always",
        },
        {"type": "local_shell"},
        {"type": "shell"},
        {"type": "apply_patch"},
        {"type": "custom", "name": "c", "format": {"type": "text"}},
        {
            "type": "computer_use_preview",
            "display_width": 800,
            "display_height": 600,
            "environment": "linux",
        },
    ]
    server.reply(answer(output_message("ok"), tools=tools))
    response = client.responses.create(model="gpt-5", input="x", tools=tools)
    return (
        bodies(server),
        [(t.type, t.model_dump(exclude_none=True)) for t in response.tools],
        response.to_dict()["tools"],
    )


# --- prompt templates ------------------------------------------------------------------------------


@program
def reusable_prompt_with_variables(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    prompt = {
        "id": "pmpt_abc123",
        "version": "2",
        "variables": {
            "customer_name": "Jane Doe",
            "product": "40oz juice box",
            "policy": {"type": "input_file", "file_id": "file-policy"},
            "photo": {"type": "input_image", "image_url": SCREENSHOT, "detail": "low"},
        },
    }
    server.reply(
        answer(
            output_message("Hi Jane"),
            prompt=prompt,
            instructions=[
                {
                    "type": "message",
                    "role": "developer",
                    "content": [{"type": "input_text", "text": "Be kind to {{customer_name}}."}],
                }
            ],
        )
    )
    response = client.responses.create(model="gpt-5", prompt=prompt, input="Where is my order?")
    back = response.prompt
    variables = {k: v if isinstance(v, str) else v.model_dump() for k, v in back.variables.items()}
    return (
        bodies(server),
        (back.id, back.version, variables),
        [(m.role, m.content[0].text) for m in response.instructions],
        response.output_text,
    )


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
