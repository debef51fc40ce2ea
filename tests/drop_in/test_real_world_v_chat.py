"""Real-world sweep V, Chat Completions as application code writes it: an agent loop that keeps
calling tools until the model answers (messages appended as dumps of the returned objects),
parallel calls run in a thread pool, a CLI that prints ``stream=True`` deltas and rebuilds the
message by hand, ``stream_options`` usage, ``logprobs`` read as probabilities, ``n>1`` ranked,
``response_format`` as a ``json_schema`` dict and as ``json_object``, ``parse`` on both paths
(``client.beta.chat.completions.parse`` and ``client.chat.completions.parse``) with pydantic
models, tools and refusals, the ``stream()`` helper's events printed by type, and stored
completions listed, updated and deleted — programs written for the official SDK, run unchanged
against both packages over the scripted loopback server; compared: what each printed and
returned, and the requests sent.
"""

from __future__ import annotations

import io
import json
import math
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stdout
from enum import Enum
from types import ModuleType
from typing import Any, Literal, cast

from pydantic import BaseModel, Field

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, chat_chunk, chat_completion, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def printed(code: Any) -> tuple[Any, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        result = code()
    return result, out.getvalue()


def call(call_id: str, name: str, arguments: Any) -> dict[str, Any]:
    text = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": text}}


def answer(content: Any = None, *calls: dict[str, Any], **extra: Any) -> Reply:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if calls:
        message["tool_calls"] = list(calls)
    return Reply.json(chat_completion(message, "tool_calls" if calls else "stop", **extra))


TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_current_weather",
            "description": "Get the current weather in a given location",
            "parameters": {
                "type": "object",
                "properties": {
                    "location": {"type": "string"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                },
                "required": ["location"],
            },
        },
    },
    {
        "type": "function",
        "function": {
            "name": "get_stock_price",
            "parameters": {
                "type": "object",
                "properties": {"ticker": {"type": "string"}},
                "required": ["ticker"],
                "additionalProperties": False,
            },
            "strict": True,
        },
    },
]


def get_current_weather(location: str, unit: str = "celsius") -> str:
    return json.dumps({"location": location, "temperature": "22", "unit": unit})


def get_stock_price(ticker: str) -> str:
    return json.dumps({"ticker": ticker, "price": 101.5})


AVAILABLE = {"get_current_weather": get_current_weather, "get_stock_price": get_stock_price}


# --- tools ---------------------------------------------------------------------------------------


@program
def agent_loop_until_no_tool_calls(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The cookbook's loop: call, run every requested tool, append, call again until the
    model stops asking (the assistant message appended as ``model_dump(exclude_unset=True)``)."""
    server.reply(
        answer(None, call("call_a", "get_current_weather", {"location": "Boston"})),
        answer(None, call("call_b", "get_stock_price", {"ticker": "AAPL"})),
        answer("Boston is 22C and AAPL trades at 101.5."),
    )
    messages: list[Any] = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "Weather in Boston, and the AAPL price?"},
    ]

    def loop() -> Any:
        turns = 0
        while True:
            turns += 1
            response = client.chat.completions.create(
                model="gpt-4o",
                messages=messages,
                tools=TOOLS,
                tool_choice="auto",
                max_completion_tokens=300,
            )
            message = response.choices[0].message
            messages.append(message.model_dump(exclude_unset=True))
            if not message.tool_calls:
                print(message.content)
                return turns, response.choices[0].finish_reason
            for tool_call in message.tool_calls:
                function = AVAILABLE[tool_call.function.name]
                result = function(**json.loads(tool_call.function.arguments))
                print(f"-> {tool_call.function.name}: {result}")
                messages.append({"role": "tool", "tool_call_id": tool_call.id, "content": result})

    result, out = printed(loop)
    return result, out, messages[2:], wires(server)


@program
def parallel_tool_calls_in_a_thread_pool(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        answer(
            None,
            call("call_1", "get_current_weather", {"location": "Paris", "unit": "celsius"}),
            call("call_2", "get_current_weather", {"location": "Tokyo"}),
            call("call_3", "get_stock_price", {"ticker": "MSFT"}),
        ),
        answer("Done."),
    )
    messages: list[Any] = [{"role": "user", "content": "Paris, Tokyo weather and MSFT"}]
    first = client.chat.completions.create(
        model="gpt-4o-mini", messages=messages, tools=TOOLS, parallel_tool_calls=True
    )
    calls = first.choices[0].message.tool_calls
    messages.append(first.choices[0].message)

    def run(tool_call: Any) -> dict[str, Any]:
        arguments = json.loads(tool_call.function.arguments)
        return {
            "role": "tool",
            "tool_call_id": tool_call.id,
            "content": AVAILABLE[tool_call.function.name](**arguments),
        }

    with ThreadPoolExecutor(max_workers=3) as pool:
        messages.extend(pool.map(run, calls))
    second = client.chat.completions.create(model="gpt-4o-mini", messages=messages, tools=TOOLS)
    return (
        [(c.id, c.type, c.function.name) for c in calls],
        [type(c).__name__ for c in calls],
        repr(calls[0]),
        second.choices[0].message.content,
        wires(server),
    )


@program
def forced_tool_choice_and_bad_arguments(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Models sometimes send invalid JSON arguments: the app catches the error and reports it
    back as the tool's output."""
    server.reply(
        answer(None, call("call_x", "get_stock_price", '{"ticker": "NVDA"')),
        answer("Sorry."),
    )
    messages: list[Any] = [{"role": "user", "content": "NVDA?"}]
    response = client.chat.completions.create(
        model="gpt-4o",
        messages=messages,
        tools=TOOLS,
        tool_choice={"type": "function", "function": {"name": "get_stock_price"}},
    )
    message = response.choices[0].message
    messages.append(message.to_dict())
    errors = []
    for tool_call in message.tool_calls:
        try:
            json.loads(tool_call.function.arguments)
        except json.JSONDecodeError as error:
            errors.append(str(error))
            messages.append(
                {"role": "tool", "tool_call_id": tool_call.id, "content": f"error: {error}"}
            )
    client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS)
    return errors, message.to_dict(), message.to_json(indent=None), wires(server)


class GetWeather(BaseModel):
    """Weather of a city."""

    city: str
    units: Literal["c", "f"]


class Lookup(BaseModel):
    query: str
    limit: int


@program
def pydantic_function_tools_parsed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(
            None,
            call("call_w", "GetWeather", {"city": "Oslo", "units": "f"}),
            call("call_l", "search_docs", {"query": "sdk", "limit": 3}),
        )
    )
    tools = [
        openai.pydantic_function_tool(GetWeather),
        openai.pydantic_function_tool(Lookup, name="search_docs", description="Search the docs"),
    ]
    completion = client.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "Oslo weather; search sdk"}],
        tools=tools,
    )
    calls = completion.choices[0].message.tool_calls
    return (
        tools,
        [repr(c.function.parsed_arguments) for c in calls],
        [type(c).__name__ for c in calls],
        type(completion).__name__,
        type(completion.choices[0].message).__name__,
        completion.choices[0].message.parsed,
        wires(server),
    )


# --- streaming by hand ---------------------------------------------------------------------------


def text_chunks(*pieces: str, usage: bool = False, **extra: Any) -> list[Any]:
    chunks = [chat_chunk({"role": "assistant", "content": "", "refusal": None}, **extra)]
    chunks += [chat_chunk({"content": p}, **extra) for p in pieces]
    chunks.append(chat_chunk({}, finish_reason="stop", **extra))
    if usage:
        chunks.append({**chat_chunk({}, **extra), "choices": [], "usage": USAGE})
    return chunks


@program
def cli_printing_deltas_with_flush(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(sse(text_chunks("Once", " upon", " a", " time.", usage=True)))

    def chat() -> Any:
        stream = client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "Tell me a story"}],
            stream=True,
            stream_options={"include_usage": True},
            temperature=0.7,
        )
        collected = []
        for chunk in stream:
            if len(chunk.choices) > 0:
                delta = chunk.choices[0].delta
                if delta.content is not None:
                    print(delta.content, end="", flush=True)
                    collected.append(delta.content)
            elif chunk.usage:
                print(f"\n[{chunk.usage.prompt_tokens}+{chunk.usage.completion_tokens} tokens]")
        return "".join(collected), stream.response.status_code, type(stream).__name__

    return printed(chat), wires(server)


@program
def hand_rebuilt_message_with_tool_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Rebuild the message from chunks with ``defaultdict`` and resend it."""
    from collections import defaultdict

    head = {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "index": 0,
                "id": "call_s1",
                "type": "function",
                "function": {"name": "get_current_weather", "arguments": ""},
            },
        ],
    }
    second = {
        "tool_calls": [
            {
                "index": 1,
                "id": "call_s2",
                "type": "function",
                "function": {"name": "get_stock_price", "arguments": '{"ticker":"IBM"}'},
            }
        ]
    }
    chunks = [
        chat_chunk(head),
        chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"location"'}}]}),
        chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": ': "Rome"}'}}]}),
        chat_chunk(second),
        chat_chunk({}, finish_reason="tool_calls"),
    ]
    server.reply(sse(chunks), sse(text_chunks("Rome: 22C, IBM: 101.5")))
    messages: list[Any] = [{"role": "user", "content": "Rome weather and IBM"}]
    calls: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"id": None, "type": "function", "function": {"name": "", "arguments": ""}}
    )
    finish = None
    for chunk in client.chat.completions.create(
        model="gpt-4o", messages=messages, tools=TOOLS, stream=True
    ):
        choice = chunk.choices[0]
        finish = choice.finish_reason or finish
        for delta in choice.delta.tool_calls or []:
            entry = calls[delta.index]
            if delta.id:
                entry["id"] = delta.id
            if delta.function and delta.function.name:
                entry["function"]["name"] += delta.function.name
            if delta.function and delta.function.arguments:
                entry["function"]["arguments"] += delta.function.arguments
    messages.append({"role": "assistant", "tool_calls": list(calls.values())})
    for entry in calls.values():
        arguments = json.loads(entry["function"]["arguments"])
        messages.append(
            {
                "role": "tool",
                "tool_call_id": entry["id"],
                "content": AVAILABLE[entry["function"]["name"]](**arguments),
            }
        )
    text = ""
    for chunk in client.chat.completions.create(model="gpt-4o", messages=messages, stream=True):
        if chunk.choices and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
    return finish, dict(calls), text, wires(server)


def logprob(token: str, value: float, *top: tuple[str, float]) -> dict[str, Any]:
    return {
        "token": token,
        "logprob": value,
        "bytes": list(token.encode()),
        "top_logprobs": [
            {"token": t, "logprob": v, "bytes": list(t.encode())}
            for t, v in (top or [(token, value)])
        ],
    }


@program
def streamed_logprobs_to_probabilities(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    chunks = []
    for token, value in (("Yes", -0.01), (".", -0.2)):
        chunk = chat_chunk({"content": token})
        chunk["choices"][0]["logprobs"] = {
            "content": [logprob(token, value, (token, value), ("No", -4.6))],
            "refusal": None,
        }
        chunks.append(chunk)
    chunks.append(chat_chunk({}, finish_reason="stop"))
    server.reply(sse(chunks))
    rows = []
    for chunk in client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Is the sky blue? Yes or No."}],
        logprobs=True,
        top_logprobs=2,
        stream=True,
    ):
        choice = chunk.choices[0]
        if choice.logprobs and choice.logprobs.content:
            for item in choice.logprobs.content:
                alternatives = {
                    t.token: round(math.exp(t.logprob) * 100, 2) for t in item.top_logprobs
                }
                rows.append(
                    (item.token, round(math.exp(item.logprob), 4), alternatives, item.bytes)
                )
    return rows, wires(server)


@program
def n_candidates_ranked_by_logprob(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = chat_completion({"role": "assistant", "content": "A"})
    base = body["choices"][0]
    body["choices"] = [
        {
            **base,
            "index": i,
            "message": {**base["message"], "content": text},
            "logprobs": {"content": [logprob(text, value)], "refusal": None},
        }
        for i, (text, value) in enumerate((("Paris", -0.1), ("Lyon", -2.3), ("Nice", -1.2)))
    ]
    server.reply(Reply.json(body))
    response = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Name a French city"}],
        n=3,
        logprobs=True,
        temperature=1.2,
        seed=42,
        max_completion_tokens=5,
    )
    ranked = sorted(
        response.choices,
        key=lambda c: sum(t.logprob for t in c.logprobs.content),
        reverse=True,
    )
    return (
        [(c.index, c.message.content) for c in ranked],
        len(response.choices),
        response.choices[1].logprobs.model_dump(),
        wires(server),
    )


# --- response_format -------------------------------------------------------------------------------


@program
def json_schema_dict_then_json_loads(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "ingredients": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["name", "ingredients"],
        "additionalProperties": False,
    }
    server.reply(answer(json.dumps({"name": "Pancakes", "ingredients": ["flour", "milk"]})))
    response = client.chat.completions.create(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "A recipe"}],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "recipe", "schema": schema, "strict": True},
        },
    )
    recipe = json.loads(response.choices[0].message.content)
    return recipe, response.choices[0].message.model_dump(), wires(server)


@program
def json_schema_dict_through_parse(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``parse`` given a plain dict response_format: nothing to parse into, ``parsed`` stays None."""
    server.reply(answer('{"ok": true}'))
    completion = client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "ok?"}],
        response_format={"type": "json_object"},
    )
    message = completion.choices[0].message
    return message.parsed, message.content, type(message).__name__, wires(server)


class Step(BaseModel):
    explanation: str
    output: str


class MathReasoning(BaseModel):
    steps: list[Step]
    final_answer: str


class Category(str, Enum):
    bug = "bug"
    feature = "feature"


class Ticket(BaseModel):
    title: str
    category: Category
    priority: int = Field(description="1 (high) to 3 (low)")
    tags: list[str]
    assignee: str | None


@program
def beta_parse_math_reasoning(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    content = {
        "steps": [
            {"explanation": "Subtract 7", "output": "8x = -30"},
            {"explanation": "Divide by 8", "output": "x = -3.75"},
        ],
        "final_answer": "x = -3.75",
    }
    server.reply(answer(json.dumps(content)))

    def solve() -> Any:
        completion = client.beta.chat.completions.parse(
            model="gpt-4o-2024-08-06",
            messages=[
                {"role": "system", "content": "You are a helpful math tutor."},
                {"role": "user", "content": "solve 8x + 7 = -23"},
            ],
            response_format=MathReasoning,
        )
        math_reasoning = completion.choices[0].message
        if math_reasoning.refusal:
            print(math_reasoning.refusal)
        else:
            for step in math_reasoning.parsed.steps:
                print(step.explanation, "=>", step.output)
            print(math_reasoning.parsed.final_answer)
        return (
            type(math_reasoning.parsed).__name__,
            math_reasoning.parsed == MathReasoning(**content),
            completion.choices[0].message.parsed.model_dump(),
        )

    return printed(solve), wires(server)


@program
def parse_enum_optional_and_refusal(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    ticket = {
        "title": "Crash on save",
        "category": "bug",
        "priority": 1,
        "tags": ["editor"],
        "assignee": None,
    }
    refusal_body = chat_completion(
        {"role": "assistant", "content": None, "refusal": "I can't help with that."}
    )
    server.reply(answer(json.dumps(ticket)), Reply.json(refusal_body))
    results = []
    for text in ("The editor crashes on save!!", "something bad"):
        completion = client.chat.completions.parse(
            model="gpt-4o",
            messages=[{"role": "user", "content": text}],
            response_format=Ticket,
            store=True,
            metadata={"source": "triage"},
        )
        message = completion.choices[0].message
        if message.parsed:
            results.append(
                (
                    message.parsed.category,
                    message.parsed.category is Category.bug,
                    message.parsed.assignee,
                    message.parsed.model_dump(mode="json"),
                )
            )
        elif message.refusal:
            results.append(("refused", message.refusal, message.parsed))
    return results, wires(server)


@program
def parse_hits_the_length_limit(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    truncated = chat_completion({"role": "assistant", "content": '{"steps": ['}, "length")
    filtered = chat_completion({"role": "assistant", "content": None}, "content_filter")
    server.reply(Reply.json(truncated), Reply.json(filtered))
    caught = []
    for _ in range(2):
        try:
            client.chat.completions.parse(
                model="gpt-4o",
                messages=[{"role": "user", "content": "long"}],
                response_format=MathReasoning,
                max_completion_tokens=5,
            )
        except openai.LengthFinishReasonError as error:
            # (the messages are each package's own words)
            caught.append(("length", error.completion.usage.completion_tokens))
        except openai.ContentFilterFinishReasonError as error:
            caught.append(("filter", type(error).__name__, isinstance(error, openai.OpenAIError)))
    return caught, wires(server)


# --- the stream() helper ---------------------------------------------------------------------------


def observed_event(event: Any) -> Any:
    """An event's type, class name and fields (``parsed`` by its repr: the official SDK warns
    when it dumps a parsed value, its field being declared by a type variable)."""
    names = ("delta", "content", "refusal", "parsed", "name", "index", "arguments")
    if event.type == "content.delta":
        names = ("delta", "parsed")  # (typed_openai's `content` there is an alias of `delta`)
    fields: dict[str, Any] = {}
    for name in names:
        if not hasattr(event, name):
            continue
        value: Any = getattr(event, name)
        if name == "parsed":
            value = repr(value)
        elif isinstance(value, list):  # the logprobs of a logprobs event
            value = [item.to_dict() for item in cast("list[Any]", value)]
        fields[name] = value
    return event.type, type(event).__name__, fields


@program
def stream_helper_events_by_type(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    content = json.dumps({"city": "Oslo", "units": "c"})
    pieces = [content[:9], content[9:20], content[20:]]
    server.reply(sse(text_chunks(*pieces, usage=True)))
    events = []

    def run() -> Any:
        with client.beta.chat.completions.stream(
            model="gpt-4o-2024-08-06",
            messages=[{"role": "user", "content": "Oslo"}],
            response_format=GetWeather,
            stream_options={"include_usage": True},
        ) as stream:
            for event in stream:
                events.append(observed_event(event))
                if event.type == "content.delta":
                    print(event.delta, end="")
                    if event.parsed is not None:
                        print(" parsed:", event.parsed)
                elif event.type == "content.done":
                    print("\ndone:", repr(event.parsed))
                elif event.type == "chunk":
                    events.append(("snapshot", event.snapshot.choices[0].message.content))
        final = stream.get_final_completion()
        return (
            repr(final.choices[0].message.parsed),
            final.usage.total_tokens,
            type(final).__name__,
            final.choices[0].finish_reason,
        )

    result, out = printed(run)
    return result, out, events, wires(server)


@program
def stream_helper_tool_arguments_and_logprobs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    head = {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "index": 0,
                "id": "call_h",
                "type": "function",
                "function": {"name": "GetWeather", "arguments": ""},
            }
        ],
    }
    chunks = [chat_chunk(head)]
    for piece in ('{"city": ', '"Lima", "units"', ': "f"}'):
        chunks.append(chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}))
    chunks.append(chat_chunk({}, finish_reason="tool_calls"))
    text = chat_chunk({"content": "Hi"})
    text["choices"][0]["logprobs"] = {"content": [logprob("Hi", -0.5)], "refusal": None}
    server.reply(
        sse(chunks), sse([chat_chunk({"role": "assistant", "content": ""}), text, chunks[-1]])
    )
    events = []
    with client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Lima"}],
        tools=[openai.pydantic_function_tool(GetWeather)],
    ) as stream:
        for event in stream:
            if event.type == "tool_calls.function.arguments.delta":
                events.append(
                    (event.name, event.index, event.arguments_delta, event.parsed_arguments)
                )
            elif event.type == "tool_calls.function.arguments.done":
                events.append((event.name, event.arguments, repr(event.parsed_arguments)))
        final = stream.get_final_completion()
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], logprobs=True
    ) as stream:
        for event in stream:
            if event.type.startswith("logprobs."):
                events.append(observed_event(event))
        second = stream.get_final_completion()
    return (
        events,
        repr(final.choices[0].message.tool_calls[0].function.parsed_arguments),
        final.choices[0].message.tool_calls[0].model_dump(),
        second.choices[0].logprobs.model_dump(),
        wires(server),
    )


@program
def stream_helper_events_relayed_as_json(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A web backend forwards the helper's events to the browser as server-sent events, each the
    event's ``to_dict()`` (the browser dispatches on its ``type``); chunks and snapshots are left
    out, as they are large."""
    head = {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "index": 0,
                "id": "call_r",
                "type": "function",
                "function": {"name": "GetWeather", "arguments": ""},
            }
        ],
    }
    arguments = chat_chunk(
        {"tool_calls": [{"index": 0, "function": {"arguments": '{"city": "Oslo", "units": "c"}'}}]}
    )
    text = chat_chunk({"content": "Sunny"})
    text["choices"][0]["logprobs"] = {"content": [logprob("Sunny", -0.3)], "refusal": None}
    server.reply(
        sse([chat_chunk(head), arguments, chat_chunk({}, finish_reason="tool_calls")]),
        sse(
            [
                chat_chunk({"role": "assistant", "content": ""}),
                text,
                chat_chunk({"refusal": "No."}),
                chat_chunk({}, finish_reason="stop"),
            ]
        ),
    )
    relayed = []

    def relay(stream: Any) -> None:
        for event in stream:
            if event.type == "chunk":
                continue
            body = {k: v for k, v in event.to_dict().items() if k not in ("snapshot", "parsed")}
            relayed.append(f"event: {body.get('type')}\ndata: {json.dumps(body, sort_keys=True)}")

    with client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Oslo?"}],
        tools=[openai.pydantic_function_tool(GetWeather)],
    ) as stream:
        relay(stream)
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "sky?"}], logprobs=True
    ) as stream:
        relay(stream)
    return relayed, wires(server)


AZURE_FILTERS = {
    "hate": {"filtered": False, "severity": "safe"},
    "violence": {"filtered": False, "severity": "low"},
}


def azure_chunks() -> list[Any]:
    """An Azure OpenAI stream: a first chunk with the prompt's filter results and no choices,
    then each choice chunk with its own ``content_filter_results`` (empty on the first)."""

    def filtered(chunk: Any, results: Any) -> Any:
        chunk["choices"][0]["content_filter_results"] = results
        return chunk

    return [
        {
            "id": "",
            "object": "",
            "created": 0,
            "model": "",
            "choices": [],
            "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": AZURE_FILTERS}],
        },
        filtered(chat_chunk({"role": "assistant", "content": ""}), {}),
        filtered(chat_chunk({"content": "Calm"}), AZURE_FILTERS),
        filtered(chat_chunk({"content": " seas."}), AZURE_FILTERS),
        filtered(chat_chunk({}, finish_reason="stop"), {}),
    ]


@program
def azure_stream_helper_with_content_filters(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An Azure app streams through the helper and logs the final completion as JSON."""
    server.reply(sse(azure_chunks()))
    azure = openai.AzureOpenAI(
        api_key="azure-key",
        azure_endpoint=server.url,
        api_version="2024-10-21",
        max_retries=0,
    )
    with azure.chat.completions.stream(
        model="gpt-4o-deployment", messages=[{"role": "user", "content": "A haiku"}]
    ) as stream:
        pieces = [event.delta for event in stream if event.type == "content.delta"]
    final = stream.get_final_completion()
    azure.close()
    return (
        pieces,
        json.loads(final.to_json()),
        final.model_dump(exclude_unset=True),
        wires(server),
    )


@program
def stream_helper_refusal_and_text_deltas(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    chunks = [
        chat_chunk({"role": "assistant", "content": None, "refusal": ""}),
        chat_chunk({"refusal": "I'm sorry, "}),
        chat_chunk({"refusal": "I can't."}),
        chat_chunk({}, finish_reason="stop"),
    ]
    server.reply(sse(chunks))
    seen = []
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "bad"}], response_format=Ticket
    ) as stream:
        for event in stream:
            if event.type in ("refusal.delta", "refusal.done", "content.done"):
                seen.append(observed_event(event))
        snapshot = stream.current_completion_snapshot
    final = stream.get_final_completion()
    return (
        seen,
        snapshot.choices[0].message.refusal,
        final.choices[0].message.refusal,
        final.choices[0].message.parsed,
        wires(server),
    )


@program
def stream_helper_text_deltas_until_done(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Two choices streamed through the helper; only ``get_final_completion`` read."""
    chunks = []
    for word in ("red", "blue"):
        for index in (0, 1):
            chunk = chat_chunk({"content": f"{word}{index} "})
            chunk["choices"][0]["index"] = index
            chunks.append(chunk)
    for index in (0, 1):
        done = chat_chunk({}, finish_reason="stop")
        done["choices"][0]["index"] = index
        chunks.append(done)
    server.reply(sse(chunks))
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "colors"}], n=2
    ) as stream:
        stream.until_done()
    final = stream.get_final_completion()
    return (
        [(c.index, c.message.content, c.finish_reason) for c in final.choices],
        final.model_dump(exclude={"choices"}),
        wires(server),
    )


# --- stored completions ---------------------------------------------------------------------------


def stored(completion_id: str, content: str) -> dict[str, Any]:
    return {
        **chat_completion({"role": "assistant", "content": content}),
        "id": completion_id,
        "metadata": {"project": "faq"},
    }


@program
def stored_completions_cleanup_script(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Store with metadata, then page through the stored ones, tag, read messages, delete."""
    server.reply(
        Reply.json(stored("chatcmpl-1", "Hi")),
        Reply.json(
            {
                "object": "list",
                "data": [stored("chatcmpl-1", "Hi"), stored("chatcmpl-2", "Yo")],
                "first_id": "chatcmpl-1",
                "last_id": "chatcmpl-2",
                "has_more": True,
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [stored("chatcmpl-3", "Hey")],
                "first_id": "chatcmpl-3",
                "last_id": "chatcmpl-3",
                "has_more": False,
            }
        ),
        *[
            Reply.json({**stored(f"chatcmpl-{n}", "x"), "metadata": {"reviewed": "yes"}})
            for n in (1, 2, 3)
        ],
        Reply.json(
            {
                "object": "list",
                "data": [
                    {
                        "id": "chatcmpl-1-0",
                        "role": "user",
                        "content": "Hello",
                        "name": None,
                        "content_parts": None,
                    }
                ],
                "first_id": "chatcmpl-1-0",
                "last_id": "chatcmpl-1-0",
                "has_more": False,
            }
        ),
        Reply.json(stored("chatcmpl-1", "Hi")),
        Reply.json({"id": "chatcmpl-1", "object": "chat.completion.deleted", "deleted": True}),
    )
    client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Hello"}],
        store=True,
        metadata={"project": "faq"},
    )
    ids = []
    for completion in client.chat.completions.list(
        metadata={"project": "faq"}, limit=2, order="asc"
    ):
        ids.append(completion.id)
    updated = [
        client.chat.completions.update(completion_id, metadata={"reviewed": "yes"}).metadata
        for completion_id in ids
    ]
    messages = client.chat.completions.messages.list("chatcmpl-1", order="asc")
    retrieved = client.chat.completions.retrieve("chatcmpl-1")
    deleted = client.chat.completions.delete(completion_id="chatcmpl-1")
    return (
        ids,
        updated,
        [(m.id, m.role, m.content) for m in messages],
        type(messages.data[0]).__name__,
        retrieved.choices[0].message.content,
        (deleted.deleted, deleted.object, type(deleted).__name__),
        wires(server),
    )


@program
def stored_completions_first_page_only(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [stored("chatcmpl-9", "Hi")],
                "first_id": "chatcmpl-9",
                "last_id": "chatcmpl-9",
                "has_more": True,
            }
        )
    )
    page = client.chat.completions.list(model="gpt-4o-mini", limit=1)
    return (
        [c.id for c in page.data],
        page.has_more,
        page.has_next_page(),
        page.next_page_info().params if page.next_page_info() else None,
        page.last_id,
        type(page).__name__,
        wires(server),
    )


# --- async ----------------------------------------------------------------------------------------


@async_program
async def async_stream_helper_with_parsed_content(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    content = json.dumps({"city": "Kyiv", "units": "c"})
    server.reply(sse(text_chunks(content[:12], content[12:])))
    deltas = []
    async with client.beta.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "Kyiv"}], response_format=GetWeather
    ) as stream:
        async for event in stream:
            if event.type == "content.delta":
                deltas.append((event.delta, repr(event.parsed)))
    final = await stream.get_final_completion()
    return deltas, repr(final.choices[0].message.parsed), wires(server)


@async_program
async def async_tool_loop_with_gather(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    import asyncio

    server.reply(
        answer(
            None,
            call("call_1", "get_current_weather", {"location": "Rome"}),
            call("call_2", "get_current_weather", {"location": "Milan"}),
        ),
        answer("Both sunny."),
    )
    messages: list[Any] = [{"role": "user", "content": "Rome and Milan"}]
    first = await client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS)
    message = first.choices[0].message
    messages.append(message.model_dump(exclude_none=True))

    async def run(tool_call: Any) -> dict[str, Any]:
        await asyncio.sleep(0)
        return {
            "role": "tool",
            "tool_call_id": tool_call.id,
            "content": get_current_weather(**json.loads(tool_call.function.arguments)),
        }

    messages.extend(await asyncio.gather(*(run(c) for c in message.tool_calls)))
    second = await client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS)
    return second.choices[0].message.content, messages[1], wires(server)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
