"""Real-world sweep S, agents on the Responses API: function-calling loops chained by
``previous_response_id`` or by feeding the output items back as input, tools declared through the
SDK's own ``TypedDict``s and pydantic models, ``responses.parse`` with a pydantic ``text_format``,
hosted-tool configurations and their output items (MCP approvals, image generation, code
interpreter, computer use, custom tools), reasoning items carried between turns — programs written
for the official SDK, run unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import base64
import enum
import json
from types import ModuleType
from typing import Any, Literal

from pydantic import BaseModel, Field

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    function_call,
    output_message,
    response_object,
    wire,
    without_defaults,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(*output: dict[str, Any], **extra: Any) -> Reply:
    return Reply.json(response_object(list(output), **extra))


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


WEATHER_TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
    "strict": True,
}


def get_weather(city: str) -> str:
    return json.dumps({"city": city, "temperature_c": 21})


# --- agent loops ---------------------------------------------------------------------------------


@program
def agent_loop_chained_by_previous_response_id(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The loop most agent tutorials show: call, run the tools asked for, send their outputs
    with ``previous_response_id`` until the model answers in text."""
    server.reply(
        answer(
            function_call("get_weather", {"city": "Paris"}, "call_1"),
            function_call("get_weather", {"city": "Oslo"}, "call_2"),
            id="resp_1",
        ),
        answer(output_message("Paris is 21C, Oslo too."), id="resp_2"),
    )
    available = {"get_weather": get_weather}
    response = client.responses.create(
        model="gpt-4.1", input="Weather in Paris and Oslo?", tools=[WEATHER_TOOL]
    )
    turns = 0
    while True:
        turns += 1
        calls = [item for item in response.output if item.type == "function_call"]
        if not calls:
            break
        outputs = []
        for call in calls:
            result = available[call.name](**json.loads(call.arguments))
            outputs.append(
                {"type": "function_call_output", "call_id": call.call_id, "output": result}
            )
        response = client.responses.create(
            model="gpt-4.1",
            previous_response_id=response.id,
            input=outputs,
            tools=[WEATHER_TOOL],
        )
    return turns, response.output_text, response.id, wires(server)


@program
def agent_loop_feeding_output_items_back(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Stateless (``store=False``) agents keep the history themselves: ``input += response.output``
    (model objects) followed by the tool outputs."""
    reasoning = {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "Need the weather."}],
        "encrypted_content": "gAAAA-opaque",
    }
    server.reply(
        answer(reasoning, function_call("get_weather", {"city": "Rome"}, "call_r")),
        answer(output_message("Rome: 21C.")),
    )
    history: list[Any] = [{"role": "user", "content": "Weather in Rome?"}]
    response = client.responses.create(
        model="o4-mini",
        input=history,
        tools=[WEATHER_TOOL],
        store=False,
        include=["reasoning.encrypted_content"],
        reasoning={"effort": "low", "summary": "auto"},
    )
    history += response.output
    for item in response.output:
        if item.type == "function_call":
            history.append(
                {
                    "type": "function_call_output",
                    "call_id": item.call_id,
                    "output": get_weather(**json.loads(item.arguments)),
                }
            )
    final = client.responses.create(
        model="o4-mini",
        input=history,
        tools=[WEATHER_TOOL],
        store=False,
        include=["reasoning.encrypted_content"],
    )
    return final.output_text, [type(item).__name__ for item in history], wires(server)


@program
def history_built_from_model_dumps(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Histories saved to a database as ``model_dump()``s and replayed as input dicts."""
    server.reply(
        answer(function_call("get_weather", {"city": "Lima"}, "call_l")),
        answer(output_message("Lima: 21C.")),
    )
    first = client.responses.create(model="gpt-4.1", input="Lima?", tools=[WEATHER_TOOL])
    saved = json.dumps([item.model_dump(exclude_none=True) for item in first.output])
    history = [{"role": "user", "content": "Lima?"}, *json.loads(saved)]
    history.append({"type": "function_call_output", "call_id": "call_l", "output": "21C"})
    second = client.responses.create(model="gpt-4.1", input=history, tools=[WEATHER_TOOL])
    return saved, second.output_text, wires(server)[1]


@program
def tools_declared_with_sdk_typeddicts(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Typed code builds its tools and input from the SDK's ``TypedDict``s."""
    types = __import__(openai.__name__ + ".types.responses", fromlist=["x"])
    tool: Any = types.FunctionToolParam(
        type="function",
        name="lookup_order",
        parameters={"type": "object", "properties": {"order_id": {"type": "string"}}},
        strict=False,
        description="Find an order.",
    )
    message: Any = types.EasyInputMessageParam(role="user", content="Where is order 42?")
    developer: Any = types.EasyInputMessageParam(
        role="developer", content="Be brief.", type="message"
    )
    items: Any = [developer, message]
    choice: Any = types.ToolChoiceFunctionParam(type="function", name="lookup_order")
    server.reply(answer(function_call("lookup_order", {"order_id": "42"}, "call_o")))
    response = client.responses.create(
        model="gpt-4.1", input=items, tools=[tool], tool_choice=choice, parallel_tool_calls=False
    )
    call = response.output[0]
    return (
        isinstance(call, types.ResponseFunctionToolCall),
        isinstance(response, types.Response),
        call.model_dump(),
        wires(server),
    )


class Unit(str, enum.Enum):
    celsius = "celsius"
    fahrenheit = "fahrenheit"


class GetForecast(BaseModel):
    """Forecast for the next days."""

    city: str = Field(description="City name")
    days: int
    unit: Unit


class CancelOrder(BaseModel):
    order_id: str
    reason: str | None


@program
def pydantic_tools_converted_for_responses(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``pydantic_function_tool`` gives the chat shape; apps flatten it into a Responses tool."""
    chat_tool = openai.pydantic_function_tool(GetForecast)
    named = openai.pydantic_function_tool(CancelOrder, name="cancel", description="Cancel it.")
    tools = [{"type": "function", **tool["function"]} for tool in (chat_tool, named)]
    server.reply(
        answer(function_call("GetForecast", {"city": "Rome", "days": 3, "unit": "celsius"}, "c1"))
    )
    response = client.responses.create(model="gpt-4.1", input="Forecast Rome", tools=tools)
    call = response.output[0]
    parsed = GetForecast.model_validate_json(call.arguments)
    return chat_tool, named, tools, repr(parsed), wires(server)


@program
def parse_with_pydantic_tools_gives_parsed_arguments(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``responses.parse`` takes chat-shaped pydantic tools and parses the calls' arguments."""
    server.reply(
        answer(
            function_call("GetForecast", {"city": "Rome", "days": 2, "unit": "celsius"}, "c1"),
            function_call("cancel", {"order_id": "o-9", "reason": None}, "c2"),
        )
    )
    response = client.responses.parse(
        model="gpt-4.1",
        input="Forecast Rome, cancel o-9",
        tools=[
            openai.pydantic_function_tool(GetForecast),
            openai.pydantic_function_tool(CancelOrder, name="cancel"),
        ],
    )
    calls = [
        (type(item).__name__, item.name, repr(item.parsed_arguments)) for item in response.output
    ]
    return calls, type(response).__name__, response.output_parsed, wires(server)


class Step(BaseModel):
    explanation: str
    output: str


class MathReasoning(BaseModel):
    steps: list[Step]
    final_answer: str


class Person(BaseModel):
    name: str
    age: int | None = None
    role: Literal["engineer", "manager"]
    tags: list[str] = []


class Team(BaseModel):
    members: list[Person]
    lead: Person


@program
def parse_with_text_format(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The structured-outputs guide: ``text_format=MathReasoning``, read ``output_parsed``."""
    body = {"steps": [{"explanation": "8x = -30", "output": "x = -3.75"}], "final_answer": "-3.75"}
    server.reply(answer(output_message(json.dumps(body))))
    response = client.responses.parse(
        model="gpt-4o-2024-08-06",
        input=[
            {"role": "system", "content": "You are a helpful math tutor."},
            {"role": "user", "content": "solve 8x + 7 = -23"},
        ],
        text_format=MathReasoning,
    )
    parsed = response.output_parsed
    content = response.output[0].content[0]
    return (
        repr(parsed),
        type(parsed).__name__,
        type(content).__name__,
        repr(content.parsed) == repr(parsed),
        response.output_text,
        wires(server),
    )


@program
def parse_nested_defaults_and_dump(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    team = {
        "members": [{"name": "Ann", "age": None, "role": "engineer", "tags": ["py"]}],
        "lead": {"name": "Bo", "age": 40, "role": "manager", "tags": []},
    }
    server.reply(answer(output_message(json.dumps(team))))
    response = client.responses.parse(
        model="gpt-4.1",
        input="Describe the team",
        text_format=Team,
        instructions="Extract the team.",
        temperature=0,
    )
    dumped = response.model_dump(exclude={"created_at"})
    text = response.output[0].content[0]
    return (
        response.output_parsed.lead.name,
        dumped["output"][0]["content"][0]["parsed"],
        text.model_dump(),
        json.loads(response.model_dump_json())["output"][0]["content"][0]["parsed"],
        without_defaults(wire(server.requests[0])[-1]["text"]),
    )


@program
def parse_refusal_leaves_output_parsed_none(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    refusal = {
        "id": "msg_r",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "refusal", "refusal": "I can't help with that."}],
    }
    server.reply(answer(refusal))
    response = client.responses.parse(model="gpt-4.1", input="x", text_format=Team)
    part = response.output[0].content[0]
    return response.output_parsed, part.type, part.refusal, response.output_text, str(part)


@program
def to_strict_json_schema_of_app_models(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Frameworks build their ``text.format`` themselves with the SDK's private helper."""
    pydantic_lib = __import__(openai.__name__ + ".lib._pydantic", fromlist=["x"])
    schemas = [
        pydantic_lib.to_strict_json_schema(model) for model in (MathReasoning, Team, GetForecast)
    ]
    server.reply(answer(output_message('{"steps": [], "final_answer": "1"}')))
    client.responses.create(
        model="gpt-4.1",
        input="1?",
        text={
            "format": {
                "type": "json_schema",
                "name": "math_reasoning",
                "schema": schemas[0],
                "strict": True,
            }
        },
    )
    return without_defaults(schemas), without_defaults(wires(server))


# --- hosted tools --------------------------------------------------------------------------------


@program
def hosted_tool_configurations(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """One request that turns on every hosted tool, as a research assistant might."""
    server.reply(answer(output_message("Done.")))
    tools = [
        {
            "type": "web_search",
            "user_location": {"type": "approximate", "country": "GB", "city": "London"},
            "search_context_size": "high",
            "filters": {"allowed_domains": ["bbc.co.uk"]},
        },
        {"type": "web_search_preview"},
        {
            "type": "file_search",
            "vector_store_ids": ["vs_1"],
            "max_num_results": 5,
            "ranking_options": {"ranker": "auto", "score_threshold": 0.3},
            "filters": {
                "type": "and",
                "filters": [
                    {"type": "eq", "key": "year", "value": 2025},
                    {"type": "in", "key": "topic", "value": ["ai", "ml"]},
                ],
            },
        },
        {"type": "code_interpreter", "container": {"type": "auto", "file_ids": ["file-1"]}},
        {"type": "code_interpreter", "container": "cntr_1"},
        {
            "type": "mcp",
            "server_label": "deepwiki",
            "server_url": "https://mcp.deepwiki.com/mcp",
            "require_approval": {"never": {"tool_names": ["ask_question"]}},
            "allowed_tools": ["ask_question", "read_wiki_structure"],
            "headers": {"Authorization": "Bearer token"},
        },
        {
            "type": "mcp",
            "server_label": "stripe",
            "connector_id": "connector_gmail",
            "require_approval": "always",
        },
        {
            "type": "image_generation",
            "quality": "low",
            "size": "1024x1024",
            "partial_images": 2,
            "output_format": "png",
        },
        {"type": "local_shell"},
    ]
    client.responses.create(
        model="gpt-4.1",
        input="Research and draw",
        tools=tools,
        tool_choice="required",
        max_tool_calls=5,
        include=[
            "file_search_call.results",
            "web_search_call.action.sources",
            "code_interpreter_call.outputs",
            "message.output_text.logprobs",
        ],
        top_logprobs=2,
    )
    return wires(server)


@program
def mcp_approval_round_trip(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    listing = {
        "id": "mcpl_1",
        "type": "mcp_list_tools",
        "server_label": "deepwiki",
        "tools": [
            {
                "name": "ask_question",
                "input_schema": {"type": "object", "properties": {"q": {"type": "string"}}},
                "description": "Ask the wiki.",
                "annotations": {"read_only": True},
            }
        ],
        "error": None,
    }
    approval = {
        "id": "mcpr_1",
        "type": "mcp_approval_request",
        "name": "ask_question",
        "arguments": '{"q": "What is MCP?"}',
        "server_label": "deepwiki",
    }
    call = {
        "id": "mcp_1",
        "type": "mcp_call",
        "name": "ask_question",
        "arguments": '{"q": "What is MCP?"}',
        "server_label": "deepwiki",
        "output": "A protocol.",
        "error": None,
        "approval_request_id": "mcpr_1",
        "status": "completed",
    }
    server.reply(
        answer(listing, approval, id="resp_a"), answer(call, output_message("A protocol."))
    )
    tool = {"type": "mcp", "server_label": "deepwiki", "server_url": "https://mcp.deepwiki.com/mcp"}
    first = client.responses.create(model="gpt-4.1", input="What is MCP?", tools=[tool])
    approvals = [
        {"type": "mcp_approval_response", "approval_request_id": item.id, "approve": True}
        for item in first.output
        if item.type == "mcp_approval_request"
    ]
    second = client.responses.create(
        model="gpt-4.1", previous_response_id=first.id, input=approvals, tools=[tool]
    )
    return (
        [str(item) for item in first.output],
        first.output[0].tools[0].input_schema,
        second.output[0].output,
        second.output_text,
        wires(server),
    )


@program
def image_generation_result_saved(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    png = base64.b64encode(b"\x89PNG fake image").decode()
    image_call = {
        "id": "ig_1",
        "type": "image_generation_call",
        "status": "completed",
        "result": png,
        "revised_prompt": "A cat in a hat",
        "size": "1024x1024",
        "quality": "low",
        "output_format": "png",
        "background": "opaque",
    }
    server.reply(answer(image_call))
    response = client.responses.create(
        model="gpt-4.1", input="Draw a cat", tools=[{"type": "image_generation"}]
    )
    images = [
        base64.b64decode(output.result)
        for output in response.output
        if output.type == "image_generation_call"
    ]
    # the call's revised_prompt / size / quality / ... are SDK fields newer than the API document
    # (tests/sdk_parity_allowed.txt; teammate "newer" adds them): the fields both have
    call = response.output[0]
    return images, call.model_dump(include={"id", "status", "result", "type"}), response.output_text


@program
def code_interpreter_outputs_read(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = {
        "id": "ci_1",
        "type": "code_interpreter_call",
        "status": "completed",
        "code": "print(2**10)",
        "container_id": "cntr_1",
        "outputs": [
            {"type": "logs", "logs": "1024\n"},
            {"type": "image", "url": "https://files.test/plot.png"},
        ],
    }
    message = output_message("2**10 = 1024")
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
    server.reply(answer(item, message))
    response = client.responses.create(
        model="gpt-4.1",
        input="2**10?",
        tools=[{"type": "code_interpreter", "container": {"type": "auto"}}],
        include=["code_interpreter_call.outputs"],
    )
    call = response.output[0]
    logs = [o.logs for o in call.outputs if o.type == "logs"]
    urls = [o.url for o in call.outputs if o.type == "image"]
    citations = [
        (a.type, a.file_id, a.filename)
        for item in response.output
        if item.type == "message"
        for part in item.content
        for a in part.annotations
    ]
    return logs, urls, citations, call.code, str(call.outputs[0])


@program
def computer_use_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    computer_call = {
        "id": "cu_1",
        "type": "computer_call",
        "call_id": "call_cu",
        "action": {"type": "click", "button": "left", "x": 100, "y": 200},
        "pending_safety_checks": [
            {"id": "sc_1", "code": "malicious_instructions", "message": "Check this."}
        ],
        "status": "completed",
    }
    typing = {
        "id": "cu_2",
        "type": "computer_call",
        "call_id": "call_cu2",
        "action": {"type": "keypress", "keys": ["CTRL", "A"]},
        "pending_safety_checks": [],
        "status": "completed",
    }
    server.reply(
        answer(computer_call, id="resp_c1"),
        answer(typing, id="resp_c2"),
        answer(output_message("Done.")),
    )
    tool = {
        "type": "computer_use_preview",
        "display_width": 1024,
        "display_height": 768,
        "environment": "browser",
    }
    response = client.responses.create(
        model="computer-use-preview", input="Open the page", tools=[tool], truncation="auto"
    )
    actions = []
    while True:
        calls = [item for item in response.output if item.type == "computer_call"]
        if not calls:
            break
        call = calls[0]
        actions.append((call.action.type, call.action.model_dump()))
        response = client.responses.create(
            model="computer-use-preview",
            previous_response_id=response.id,
            tools=[tool],
            truncation="auto",
            input=[
                {
                    "type": "computer_call_output",
                    "call_id": call.call_id,
                    "acknowledged_safety_checks": [
                        check.model_dump() for check in call.pending_safety_checks
                    ],
                    "output": {
                        "type": "computer_screenshot",
                        "image_url": "data:image/png;base64,AAAA",
                    },
                }
            ],
        )
    return actions, response.output_text, wires(server)


@program
def custom_tool_with_grammar(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    custom_call = {
        "id": "ctc_1",
        "type": "custom_tool_call",
        "call_id": "call_sql",
        "name": "run_sql",
        "input": "SELECT 1",
    }
    server.reply(answer(custom_call, id="resp_s"), answer(output_message("One row.")))
    tools = [
        {
            "type": "custom",
            "name": "run_sql",
            "description": "Run a read-only query.",
            "format": {
                "type": "grammar",
                "syntax": "lark",
                "definition": 'start: "SELECT " NUMBER\n%import common.NUMBER',
            },
        },
        {"type": "custom", "name": "free_text", "format": {"type": "text"}},
    ]
    first = client.responses.create(model="gpt-5", input="count", tools=tools)
    call = first.output[0]
    second = client.responses.create(
        model="gpt-5",
        previous_response_id=first.id,
        input=[{"type": "custom_tool_call_output", "call_id": call.call_id, "output": "1"}],
        tools=tools,
    )
    return type(call).__name__, call.input, second.output_text, wires(server)


@program
def reasoning_summaries_and_usage(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    reasoning = {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [
            {"type": "summary_text", "text": "**Plan** first."},
            {"type": "summary_text", "text": "Then answer."},
        ],
    }
    usage = {
        "input_tokens": 50,
        "input_tokens_details": {"cached_tokens": 10},
        "output_tokens": 300,
        "output_tokens_details": {"reasoning_tokens": 256},
        "total_tokens": 350,
    }
    server.reply(
        answer(
            reasoning,
            output_message("42"),
            usage=usage,
            reasoning={"effort": "high", "summary": "detailed"},
        )
    )
    response = client.responses.create(
        model="o3",
        input="Meaning of life?",
        reasoning={"effort": "high", "summary": "detailed"},
        max_output_tokens=2000,
    )
    summaries = [
        part.text for item in response.output if item.type == "reasoning" for part in item.summary
    ]
    return (
        summaries,
        response.usage.output_tokens_details.reasoning_tokens,
        response.usage.input_tokens_details.cached_tokens,
        response.reasoning.model_dump(),
        response.output_text,
        str(response.usage),
    )


@program
def request_options_a_production_app_sets(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(answer(output_message("ok")), answer(output_message("ok")))
    client.responses.create(
        model="gpt-5",
        input=[{"role": "user", "content": [{"type": "input_text", "text": "hi"}]}],
        instructions="Be terse.",
        prompt={"id": "pmpt_1", "version": "2", "variables": {"name": "Ann"}},
        text={"verbosity": "low", "format": {"type": "text"}},
        service_tier="flex",
        safety_identifier="user-hash",
        prompt_cache_key="tenant-1",
        metadata={"session": "s1"},
        max_output_tokens=100,
        store=True,
        user="u1",
        tool_choice={
            "type": "allowed_tools",
            "mode": "auto",
            "tools": [{"type": "function", "name": "get_weather"}],
        },
        tools=[WEATHER_TOOL],
        extra_headers={"X-Trace": "t1"},
        extra_query={"debug": "1"},
        extra_body={"experimental": True},
        timeout=30,
    )
    client.with_options(timeout=5).responses.create(
        model="gpt-4.1",
        input="hi",
        text={"format": {"type": "json_object"}},
        temperature=None,
        top_p=openai.NOT_GIVEN,
        truncation="auto",
    )
    return wires(server)


# --- async --------------------------------------------------------------------------------------


@async_program
async def async_agent_loop_with_parse(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        answer(
            function_call("GetForecast", {"city": "Oslo", "days": 1, "unit": "celsius"}, "c1"),
            id="resp_1",
        ),
        answer(output_message(json.dumps({"steps": [], "final_answer": "cold"})), id="resp_2"),
    )
    first = await client.responses.parse(
        model="gpt-4.1",
        input="Forecast Oslo",
        tools=[openai.pydantic_function_tool(GetForecast)],
    )
    call = first.output[0]
    second = await client.responses.parse(
        model="gpt-4.1",
        previous_response_id=first.id,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": "cold"}],
        text_format=MathReasoning,
    )
    return repr(call.parsed_arguments), repr(second.output_parsed), wires(server)


@async_program
async def async_hosted_tools_and_items(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    search = {
        "id": "ws_1",
        "type": "web_search_call",
        "status": "completed",
        "action": {"type": "search", "query": "news"},
    }
    server.reply(answer(search, output_message("News.")))
    response = await client.responses.create(
        model="gpt-4.1", input="news", tools=[{"type": "web_search"}]
    )
    return [item.to_dict() for item in response.output], response.output_text


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
