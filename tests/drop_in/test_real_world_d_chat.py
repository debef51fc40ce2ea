"""Real-world sweep D, structured outputs as 1.x code writes them: `client.beta.chat.completions.parse`
and `.stream` with pydantic models of the shapes blog posts use (recursive trees, dates, dicts,
constrained fields, unions, models reused under several fields), `openai.pydantic_function_tool`,
the partial parses a stream yields, refusals and finish-reason errors, and the stream state
helper — each run against both packages over the scripted loopback server (see real_world_d).
"""

from __future__ import annotations

import datetime
import json
from enum import Enum
from types import ModuleType
from typing import Any, Dict, List, Literal, Union

from pydantic import BaseModel, Field
from typing_extensions import Annotated

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import USAGE, chat_chunk, chat_completion, sse, without_defaults

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(content: Any, **extra: Any) -> Reply:
    text = content if isinstance(content, str) else json.dumps(content)
    return Reply.json(chat_completion({"role": "assistant", "content": text}, **extra))


def content_chunks(text: str, size: int = 9) -> list[Any]:
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    return [
        chat_chunk({"role": "assistant", "content": "", "refusal": None}),
        *[chat_chunk({"content": piece}) for piece in pieces],
        chat_chunk({}, finish_reason="stop"),
        {**chat_chunk({}), "choices": [], "usage": USAGE},
    ]


def request_schema(server: ScriptedServer) -> Any:
    body = server.requests[-1].json()
    return without_defaults(body.get("response_format")), body.get("tools")


# --- models of the kind tutorials write ----------------------------------------------------------


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: List[Step]
    final_answer: str


class TreeNode(BaseModel):
    """A node of an outline."""

    title: str
    children: List[TreeNode]


class Sentiment(str, Enum):
    positive = "positive"
    negative = "negative"
    neutral = "neutral"


class Person(BaseModel):
    name: str = Field(description="Full name as written")
    age: int | None = Field(None, description="Age in years, if stated")


class Meeting(BaseModel):
    title: str
    day: datetime.date
    starts_at: datetime.datetime
    organiser: Person = Field(description="Who sent the invite")
    attendees: List[Person]
    sentiment: Sentiment
    tags: List[str]
    priority: Annotated[int, Field(ge=1, le=5)]
    kind: Literal["online", "onsite"]
    location: Union[str, None]


class Amount(BaseModel):
    value: float
    currency: Literal["EUR", "USD"]


class Invoice(BaseModel):
    subtotal: Amount
    tax: Amount
    total: Amount
    lines: List[str]


MEETING = {
    "title": "Q3 review",
    "day": "2024-09-02",
    "starts_at": "2024-09-02T10:00:00Z",
    "organiser": {"name": "Ada Lovelace", "age": 36},
    "attendees": [{"name": "Alan Turing", "age": None}],
    "sentiment": "positive",
    "tags": ["research"],
    "priority": 2,
    "kind": "online",
    "location": None,
}


@program
def seed_math_tutor(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(
            {
                "steps": [
                    {"explanation": "Subtract 31 from both sides.", "output": "8x = -29"},
                    {"explanation": "Divide by 8.", "output": "x = -29/8"},
                ],
                "final_answer": "x = -29/8",
            },
            id="chatcmpl-math",
        )
    )
    completion = client.beta.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[
            {"role": "system", "content": "You are a helpful math tutor."},
            {"role": "user", "content": "solve 8x + 31 = 2"},
        ],
        response_format=MathResponse,
    )
    message = completion.choices[0].message
    printed = []
    if message.parsed:
        printed.append([step.output for step in message.parsed.steps])
        printed.append(("answer: ", message.parsed.final_answer))
    else:
        printed.append(message.refusal)
    return (
        printed,
        isinstance(completion, openai.types.chat.ParsedChatCompletion),
        isinstance(completion, openai.types.chat.ChatCompletion),
        type(message.parsed).__name__,
        completion.model_dump()["choices"][0]["message"]["parsed"],
        json.loads(completion.model_dump_json())["choices"][0]["message"]["parsed"]["final_answer"],
        completion.usage.total_tokens,
        request_schema(server),
    )


@program
def recursive_outline(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    tree = {
        "title": "Guide",
        "children": [
            {"title": "Install", "children": []},
            {"title": "Use", "children": [{"title": "Parse", "children": []}]},
        ],
    }
    server.reply(answer(tree))
    completion = client.beta.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "Outline the guide"}],
        response_format=TreeNode,
    )
    root = completion.choices[0].message.parsed

    def walk(node: Any, depth: int = 0) -> list[str]:
        return [f"{'  ' * depth}{node.title}"] + [
            line for child in node.children for line in walk(child, depth + 1)
        ]

    return walk(root), type(root.children[1].children[0]).__name__, request_schema(server)


@program
def meeting_extraction(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer(MEETING))
    completion = client.beta.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[
            {"role": "system", "content": "Extract the meeting."},
            {"role": "user", "content": "Ada invites Alan to the Q3 review on Sep 2 at 10."},
        ],
        response_format=Meeting,
        temperature=0,
    )
    meeting = completion.choices[0].message.parsed
    return (
        meeting.day.isoformat(),
        meeting.starts_at.isoformat(),
        meeting.organiser.age,
        meeting.sentiment is Sentiment.positive,
        meeting.tags,
        meeting.model_dump(mode="json"),
        request_schema(server),
    )


@program
def invoice_with_one_model_under_three_fields(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    amount = {"value": 10.0, "currency": "EUR"}
    server.reply(answer({"subtotal": amount, "tax": amount, "total": amount, "lines": ["a"]}))
    completion = client.beta.chat.completions.parse(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Read this invoice"}],
        response_format=Invoice,
    )
    invoice = completion.choices[0].message.parsed
    return invoice.total.value, invoice.tax.currency, request_schema(server)


class GetWeather(BaseModel):
    """Get the current weather for a city."""

    city: str = Field(description="City name, e.g. Paris")
    unit: Literal["celsius", "fahrenheit"]


class LookupOrder(BaseModel):
    order_id: str
    include_items: bool


def tool_call(call_id: str, name: str, arguments: Any) -> Any:
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": name, "arguments": json.dumps(arguments)},
    }


@program
def pydantic_tools_named_and_described(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    calls = [
        tool_call("call_1", "get_weather", {"city": "Paris", "unit": "celsius"}),
        tool_call("call_2", "LookupOrder", {"order_id": "A1", "include_items": True}),
        tool_call("call_3", "raw_tool", {"q": "x"}),
    ]
    server.reply(
        Reply.json(
            chat_completion(
                {"role": "assistant", "content": None, "tool_calls": calls},
                finish_reason="tool_calls",
            )
        )
    )
    tools = [
        openai.pydantic_function_tool(GetWeather, name="get_weather"),
        openai.pydantic_function_tool(LookupOrder, description="Find an order by id."),
        {
            "type": "function",
            "function": {
                "name": "raw_tool",
                "parameters": {
                    "type": "object",
                    "properties": {"q": {"type": "string"}},
                    "required": ["q"],
                    "additionalProperties": False,
                },
                "strict": True,
            },
        },
    ]
    completion = client.beta.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "Weather in Paris, and order A1?"}],
        tools=tools,
        tool_choice="auto",
        parallel_tool_calls=True,
    )
    parsed = [
        (
            call.id,
            call.function.name,
            type(call.function.parsed_arguments).__name__,
            call.function.parsed_arguments
            if isinstance(call.function.parsed_arguments, dict)
            else call.function.parsed_arguments.model_dump(),
            type(call).__name__,
        )
        for call in completion.choices[0].message.tool_calls
    ]
    history = [
        {"role": "user", "content": "Weather in Paris, and order A1?"},
        completion.choices[0].message,
        *[
            {"role": "tool", "tool_call_id": call.id, "content": "done"}
            for call in completion.choices[0].message.tool_calls
        ],
    ]
    server.reply(answer("All done."))
    follow_up = client.beta.chat.completions.parse(
        model="gpt-4o-2024-08-06", messages=history, tools=tools
    )
    return (
        parsed,
        follow_up.choices[0].message.content,
        follow_up.choices[0].message.parsed,
        without_defaults(server.requests[0].json()["tools"]),
        without_defaults(server.requests[1].json()["messages"]),
    )


@program
def non_strict_tool_is_refused(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    loose = {
        "type": "function",
        "function": {"name": "search", "parameters": {"type": "object", "properties": {}}},
    }
    server.default = answer("x")
    try:
        client.beta.chat.completions.parse(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}], tools=[loose]
        )
    except Exception as error:  # what a user catching broadly sees
        return type(error).__name__, "strict" in str(error), len(server.requests)
    return "no error", len(server.requests)


@program
def refusal_and_finish_reasons(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    refused = chat_completion(
        {"role": "assistant", "content": None, "refusal": "I can't help with that."}
    )
    cut = chat_completion({"role": "assistant", "content": '{"steps": [{"expl'}, "length")
    filtered = chat_completion({"role": "assistant", "content": ""}, "content_filter")
    server.reply(Reply.json(refused), Reply.json(cut), Reply.json(filtered))
    outcomes = []
    for _ in range(3):
        try:
            completion = client.beta.chat.completions.parse(
                model="gpt-4o-2024-08-06",
                messages=[{"role": "user", "content": "x"}],
                response_format=MathResponse,
                max_tokens=5,
            )
        except openai.LengthFinishReasonError as error:
            outcomes.append(
                (
                    "length",
                    error.completion.choices[0].finish_reason,
                    error.completion.usage.completion_tokens,
                    isinstance(error, openai.OpenAIError),
                )
            )
        except openai.ContentFilterFinishReasonError as error:
            outcomes.append(("filtered", isinstance(error, openai.OpenAIError)))
        else:
            message = completion.choices[0].message
            outcomes.append(("refusal", message.refusal, message.parsed))
    return outcomes


@program
def stream_partial_parses(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    text = json.dumps(
        {"steps": [{"explanation": "Divide by 2", "output": "x = 3"}], "final_answer": "3"}
    )
    server.reply(sse(content_chunks(text, size=7)))
    seen = []
    with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "2x = 6"}],
        response_format=MathResponse,
        stream_options={"include_usage": True},
    ) as stream:
        for event in stream:
            if event.type == "content.delta":
                seen.append(("delta", event.delta, event.parsed))
            elif event.type == "content.done":
                seen.append(("done", event.content, event.parsed.final_answer))
            elif event.type == "chunk":
                seen.append(
                    ("chunk", len(event.chunk.choices), event.snapshot.choices[0].message.content)
                )
            else:
                seen.append((event.type,))
    final = stream.get_final_completion()
    return (
        seen,
        final.choices[0].message.parsed.steps[0].output,
        final.usage.total_tokens,
        request_schema(server),
        server.requests[-1].json().get("stream"),
    )


def tool_stream_chunks() -> list[Any]:
    arguments = json.dumps({"city": "Paris", "unit": "celsius"})
    head = {
        "index": 0,
        "id": "call_w",
        "type": "function",
        "function": {"name": "get_weather", "arguments": ""},
    }
    second = {
        "index": 1,
        "id": "call_o",
        "type": "function",
        "function": {"name": "LookupOrder", "arguments": ""},
    }
    order = json.dumps({"order_id": "A1", "include_items": False})
    return [
        chat_chunk({"role": "assistant", "content": None, "tool_calls": [head]}),
        *[
            chat_chunk(
                {"tool_calls": [{"index": 0, "function": {"arguments": arguments[i : i + 6]}}]}
            )
            for i in range(0, len(arguments), 6)
        ],
        chat_chunk({"tool_calls": [second]}),
        *[
            chat_chunk({"tool_calls": [{"index": 1, "function": {"arguments": order[i : i + 8]}}]})
            for i in range(0, len(order), 8)
        ],
        chat_chunk({}, finish_reason="tool_calls"),
    ]


@program
def stream_tool_calls_with_pydantic_tools(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(tool_stream_chunks()))
    seen = []
    with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "weather and order"}],
        tools=[
            openai.pydantic_function_tool(GetWeather, name="get_weather"),
            openai.pydantic_function_tool(LookupOrder),
        ],
    ) as stream:
        for event in stream:
            if event.type == "tool_calls.function.arguments.delta":
                seen.append(
                    (event.index, event.name, event.arguments_delta, event.parsed_arguments)
                )
            elif event.type == "tool_calls.function.arguments.done":
                seen.append(
                    (
                        "done",
                        event.index,
                        event.name,
                        event.arguments,
                        type(event.parsed_arguments).__name__,
                        event.parsed_arguments.model_dump(),
                    )
                )
    final = stream.get_final_completion()
    calls = final.choices[0].message.tool_calls
    return (
        seen,
        [(c.id, c.function.name, c.function.parsed_arguments.model_dump()) for c in calls],
        final.choices[0].finish_reason,
    )


@program
def stream_refusal_and_logprobs(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def logprob(token: str) -> Any:
        return {"token": token, "logprob": -0.1, "bytes": list(token.encode()), "top_logprobs": []}

    chunks = [
        chat_chunk({"role": "assistant", "content": None, "refusal": ""}),
        {
            **chat_chunk({"refusal": "I can't"}),
            "choices": [
                {
                    "index": 0,
                    "delta": {"refusal": "I can't"},
                    "logprobs": {"content": None, "refusal": [logprob("I"), logprob(" can't")]},
                    "finish_reason": None,
                }
            ],
        },
        {
            **chat_chunk({}),
            "choices": [
                {
                    "index": 0,
                    "delta": {"refusal": " help."},
                    "logprobs": {"content": None, "refusal": [logprob(" help.")]},
                    "finish_reason": None,
                }
            ],
        },
        chat_chunk({}, finish_reason="stop"),
    ]
    server.reply(sse(chunks))
    seen = []
    with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "x"}],
        response_format=MathResponse,
        logprobs=True,
    ) as stream:
        for event in stream:
            if event.type == "refusal.delta":
                seen.append(("refusal.delta", event.delta, event.snapshot))
            elif event.type == "refusal.done":
                seen.append(("refusal.done", event.refusal))
            elif event.type == "logprobs.refusal.delta":
                seen.append(("lp.delta", [t.token for t in event.refusal], len(event.snapshot)))
            elif event.type == "logprobs.refusal.done":
                seen.append(("lp.done", [t.token for t in event.refusal]))
            elif event.type != "chunk":
                seen.append((event.type,))
    final = stream.get_final_completion()
    message = final.choices[0].message
    return (
        seen,
        message.refusal,
        message.parsed,
        [t.token for t in final.choices[0].logprobs.refusal],
    )


@program
def stream_state_for_create_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The cookbook's way to keep `create(stream=True)` and still get a parsed completion."""
    state_module = __import__(f"{openai.__name__}.lib.streaming.chat", fromlist=["x"])
    text = json.dumps({"steps": [], "final_answer": "42"})
    server.reply(sse(content_chunks(text, size=5)))
    state = state_module.ChatCompletionStreamState(
        input_tools=openai.NOT_GIVEN, response_format=MathResponse
    )
    kinds = []
    for chunk in client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "answer"}],
        stream=True,
        stream_options={"include_usage": True},
    ):
        for event in state.handle_chunk(chunk):
            kinds.append(event.type)
    final = state.get_final_completion()
    return (
        kinds,
        final.choices[0].message.parsed.final_answer,
        final.usage.total_tokens,
        type(state.current_completion_snapshot).__name__,
    )


@program
def parse_then_continue_the_conversation(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The parsed message goes back into `messages` as it is (a model with a `parsed` field)."""
    server.reply(
        answer({"steps": [], "final_answer": "1"}), answer({"steps": [], "final_answer": "2"})
    )
    messages: list[Any] = [{"role": "user", "content": "x + 1 = 2"}]
    first = client.beta.chat.completions.parse(
        model="gpt-4o", messages=messages, response_format=MathResponse
    )
    messages.append(first.choices[0].message)
    messages.append({"role": "user", "content": "and x + 1 = 3?"})
    second = client.beta.chat.completions.parse(
        model="gpt-4o", messages=messages, response_format=MathResponse
    )
    return second.choices[0].message.parsed.final_answer, server.requests[1].json()["messages"]


@async_program
async def async_seed_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    text = json.dumps({"steps": [{"explanation": "e", "output": "o"}], "final_answer": "done"})
    server.reply(sse(content_chunks(text)), sse(content_chunks("plain text answer")))
    printed = []
    async with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "x"}],
        response_format=MathResponse,
    ) as stream:
        async for event in stream:
            if event.type == "content.delta":
                printed.append(event.content if hasattr(event, "content") else event.delta)
        completion = await stream.get_final_completion()
    async with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06", messages=[{"role": "user", "content": "x"}]
    ) as stream:
        await stream.until_done()
    plain = await stream.get_final_completion()
    return (
        printed,
        completion.choices[0].message.parsed.final_answer,
        plain.choices[0].message.content,
        plain.choices[0].message.parsed,
    )


@async_program
async def async_parse_with_tools(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    calls = [tool_call("call_1", "get_weather", {"city": "Oslo", "unit": "celsius"})]
    server.reply(
        Reply.json(
            chat_completion(
                {"role": "assistant", "content": None, "tool_calls": calls},
                finish_reason="tool_calls",
            ),
            headers={"x-request-id": "req_parse"},
        )
    )
    completion = await client.beta.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "Weather in Oslo?"}],
        tools=[openai.pydantic_function_tool(GetWeather, name="get_weather")],
    )
    call = completion.choices[0].message.tool_calls[0]
    return call.function.parsed_arguments.city, completion._request_id


class SearchArguments(BaseModel):
    """Search the catalogue."""

    query: str
    filters: Dict[str, str]


class Record(BaseModel):
    title: str
    fields: Dict[str, Any]


@program
def models_with_free_form_mappings(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A tool and a response format with `Dict[...]` fields, as 1.x code defines them at import
    time: built and sent as the official SDK sends them (the server here answers whatever the
    schema says)."""
    tool = openai.pydantic_function_tool(SearchArguments)
    arguments = '{"query": "lamp", "filters": {"colour": "red"}}'
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": "SearchArguments", "arguments": arguments},
    }
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": None, "tool_calls": [call]})),
        Reply.json(
            chat_completion({"role": "assistant", "content": '{"title": "t", "fields": {"a": 1}}'})
        ),
    )
    searched = client.beta.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "red lamps"}], tools=[tool]
    )
    record = client.beta.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=Record
    )
    return (
        tool["function"]["name"],
        searched.choices[0].message.tool_calls[0].function.parsed_arguments.filters,
        record.choices[0].message.parsed.fields,
    )


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)
