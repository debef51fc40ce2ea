"""Real-world sweep A, chat completions: short programs written the way users of the official SDK
write them (its README, cookbook and Q&A answers: chatbots, JSON mode, tool loops, streaming to a
UI, structured outputs, stored completions), each using one feature, run unchanged against both
packages over the scripted loopback server. A program returns what its author observes and what
was sent, so a difference in either direction shows.
"""

from __future__ import annotations

import json
import warnings
from enum import Enum
from types import ModuleType
from typing import Any, Literal

from pydantic import BaseModel, Field

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, chat_chunk, chat_completion, sent, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(text: str | None, **message: Any) -> Reply:
    return Reply.json(chat_completion({"role": "assistant", "content": text, **message}))


def tool_call(call_id: str, name: str, arguments: Any) -> dict[str, Any]:
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": name, "arguments": json.dumps(arguments)},
    }


def text_chunks(*pieces: str, finish: str = "stop") -> Reply:
    first, *rest = pieces
    return sse(
        [
            chat_chunk({"role": "assistant", "content": first}),
            *[chat_chunk({"content": piece}) for piece in rest],
            chat_chunk({}, finish_reason=finish),
        ]
    )


# --- chatbots --------------------------------------------------------------------------------------


@program
def chatbot_keeps_history(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer("Hello! How can I help?"), answer("Paris."), answer("About 2.1 million."))
    messages: list[dict[str, Any]] = [{"role": "system", "content": "You are terse."}]
    transcript = []
    for line in ["hi", "capital of France?", "population?"]:
        messages.append({"role": "user", "content": line})
        completion = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
        reply = completion.choices[0].message
        messages.append({"role": reply.role, "content": reply.content})
        transcript.append((reply.role, reply.content, completion.usage.total_tokens))
    return sent(server, 3), transcript


@program
def print_and_dump_a_completion(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer("hi"))
    completion = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    return (
        str(completion.choices[0].message),
        repr(completion.usage),
        completion.model_dump_json(indent=2),
        completion.to_json(indent=None),
        completion.to_json(),
        completion.to_dict(exclude_unset=False, exclude_none=True),
        completion.to_dict(mode="python", use_api_names=False),
        completion.model_dump(exclude_none=True),
        completion.model_dump(include={"id", "model"}),
        completion.choices[0].model_dump(exclude={"logprobs"}),
        json.loads(completion.json())["id"],
        completion.dict()["object"],
    )


@program
def json_mode_answer(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer('{"sentiment": "positive", "score": 0.93}'))
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        response_format={"type": "json_object"},
        messages=[
            {"role": "system", "content": "Reply in JSON."},
            {"role": "user", "content": "I love it"},
        ],
        temperature=0,
        max_tokens=50,
        seed=7,
        user="user-1",
    )
    data = json.loads(completion.choices[0].message.content)
    return sent(server), data, completion.system_fingerprint, completion.choices[0].finish_reason


@program
def several_choices_and_stop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = chat_completion({"role": "assistant", "content": "a"})
    second = {**body["choices"][0], "index": 1, "finish_reason": "length"}
    second["message"] = {**second["message"], "content": "b"}
    body["choices"].append(second)
    server.reply(Reply.json(body))
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "name a letter"}],
        n=2,
        stop=["\n"],
        presence_penalty=0.5,
        frequency_penalty=0.1,
        logit_bias={"50256": -100},
    )
    return (
        sent(server),
        [(c.index, c.message.content, c.finish_reason) for c in completion.choices],
    )


@program
def vision_message_parts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer("a cat"))
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is in this image?"},
                    {
                        "type": "image_url",
                        "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "low"},
                    },
                ],
            }
        ],
        max_completion_tokens=300,
    )
    return sent(server), completion.choices[0].message.content


@program
def typed_message_params(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chat = openai.types.chat
    server.reply(answer("ok"))
    system: Any = chat.ChatCompletionSystemMessageParam(role="system", content="be brief")
    user: Any = chat.ChatCompletionUserMessageParam(role="user", content="hi", name="ann")
    tool: Any = chat.ChatCompletionToolParam(
        type="function",
        function={"name": "noop", "description": "does nothing", "parameters": {"type": "object"}},
    )
    client.chat.completions.create(
        model="gpt-4o", messages=[system, user], tools=[tool], tool_choice="none"
    )
    return sent(server), system, user, tool


# --- tool calls --------------------------------------------------------------------------------------


def get_weather(city: str, unit: str = "c") -> str:
    return json.dumps({"city": city, "temperature": 21 if unit == "c" else 70, "unit": unit})


WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather in a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"type": "string", "enum": ["c", "f"]},
            },
            "required": ["city"],
        },
    },
}


@program
def parallel_tool_calls_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    calls = [
        tool_call("call_a", "get_weather", {"city": "Paris"}),
        tool_call("call_b", "get_weather", {"city": "Boston", "unit": "f"}),
    ]
    server.reply(
        Reply.json(
            chat_completion(
                {"role": "assistant", "content": None, "tool_calls": calls},
                finish_reason="tool_calls",
            )
        ),
        answer("Paris 21C, Boston 70F."),
    )
    messages: list[Any] = [{"role": "user", "content": "Weather in Paris and Boston?"}]
    functions = {"get_weather": get_weather}
    while True:
        completion = client.chat.completions.create(
            model="gpt-4o", messages=messages, tools=[WEATHER_TOOL], tool_choice="auto"
        )
        message = completion.choices[0].message
        if not message.tool_calls:
            break
        messages.append(message)
        for call in message.tool_calls:
            result = functions[call.function.name](**json.loads(call.function.arguments))
            messages.append({"role": "tool", "tool_call_id": call.id, "content": result})
    return sent(server, 2), message.content, len(messages)


@program
def forced_tool_choice(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            chat_completion(
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [tool_call("call_1", "get_weather", {"city": "Rome"})],
                }
            )
        )
    )
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Rome?"}],
        tools=[WEATHER_TOOL],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
        parallel_tool_calls=False,
    )
    call = completion.choices[0].message.tool_calls[0]
    chat = openai.types.chat
    return (
        sent(server),
        type(call).__name__,
        isinstance(call, chat.ChatCompletionMessageToolCall),
        isinstance(call, chat.ChatCompletionMessageFunctionToolCall),
        call.function.model_dump(),
        call.to_dict(),
    )


@program
def legacy_function_call(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The pre-tools ``functions=`` / ``function_call`` style old code still uses."""
    server.reply(
        Reply.json(
            chat_completion(
                {
                    "role": "assistant",
                    "content": None,
                    "function_call": {"name": "get_weather", "arguments": '{"city": "Oslo"}'},
                },
                finish_reason="function_call",
            )
        )
    )
    completion = client.chat.completions.create(
        model="gpt-3.5-turbo",
        messages=[{"role": "user", "content": "Oslo?"}],
        functions=[WEATHER_TOOL["function"]],
        function_call="auto",
    )
    message = completion.choices[0].message
    return (
        sent(server),
        message.function_call.name,
        json.loads(message.function_call.arguments),
        completion.choices[0].finish_reason,
        message.tool_calls,
    )


# --- structured outputs --------------------------------------------------------------------------------


class Step(BaseModel):
    explanation: str
    output: str


class MathReasoning(BaseModel):
    steps: list[Step]
    final_answer: str


MATH = {
    "steps": [{"explanation": "subtract 7", "output": "8x = -30"}],
    "final_answer": "x = -3.75",
}


@program
def cookbook_math_tutor(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer(json.dumps(MATH)))
    completion = client.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[
            {"role": "system", "content": "You are a helpful math tutor."},
            {"role": "user", "content": "solve 8x + 7 = -23"},
        ],
        response_format=MathReasoning,
    )
    message = completion.choices[0].message
    with warnings.catch_warnings():
        # the official SDK's parsed completion is not parametrised by the model: dumping it
        # warns that `parsed` was expected to be None (typed_openai's does not warn)
        warnings.filterwarnings("ignore", "Pydantic serializer warnings", UserWarning)
        dumped = completion.model_dump()["choices"][0]["message"]["parsed"]
        dumped_json = json.loads(completion.model_dump_json())["choices"][0]["message"]["parsed"]
    if message.parsed:
        result = (message.parsed.steps[0].output, message.parsed.final_answer)
    else:
        result = ("refused", message.refusal)
    return (
        sent(server),
        result,
        type(completion).__name__.split("[")[0],
        type(message).__name__.split("[")[0],
        message.parsed == MathReasoning.model_validate(MATH),
        dumped,
        dumped_json,
    )


@program
def beta_path_parse_and_refusal(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """1.x code reaches parse through ``client.beta.chat.completions``."""
    server.reply(answer(None, refusal="I can't help with that."), answer(json.dumps(MATH)))
    refused = client.beta.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=MathReasoning
    )
    parsed = client.beta.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=MathReasoning
    )
    return (
        sent(server, 2),
        refused.choices[0].message.refusal,
        refused.choices[0].message.parsed,
        parsed.choices[0].message.parsed.final_answer,
    )


class Sentiment(str, Enum):
    positive = "positive"
    negative = "negative"


class Review(BaseModel):
    sentiment: Sentiment
    confidence: float = Field(ge=0, le=1, description="how sure")
    keywords: list[str]
    language: str | None
    kind: Literal["product", "service"]


@program
def structured_output_errors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = chat_completion(
        {"role": "assistant", "content": '{"sentiment": "posi'}, finish_reason="length"
    )
    server.reply(
        Reply.json(body),
        Reply.json(
            {**body, "choices": [{**body["choices"][0], "finish_reason": "content_filter"}]}
        ),
        answer('{"sentiment": "meh"}'),
    )
    seen = []
    for _ in range(3):
        try:
            client.chat.completions.parse(
                model="gpt-4o",
                messages=[{"role": "user", "content": "review: great"}],
                response_format=Review,
                max_tokens=5,
            )
        except openai.LengthFinishReasonError as e:
            seen.append(("length", type(e).__mro__[1].__name__, e.completion.usage.total_tokens))
        except openai.ContentFilterFinishReasonError as e:
            seen.append(("filter", "content filter" in str(e)))
        except Exception as e:  # pydantic's ValidationError
            seen.append(("invalid", type(e).__name__, isinstance(e, openai.OpenAIError)))
    return without_schema_defaults(sent(server, 3)), seen


def without_schema_defaults(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_schema_defaults(v) for k, v in value.items() if k != "default"}
    if isinstance(value, list):
        return [without_schema_defaults(v) for v in value]
    return value


@program
def json_schema_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer('{"sentiment": "negative"}'))
    schema = Review.model_json_schema()
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "bad"}],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "review", "schema": schema, "strict": False},
        },
    )
    return sent(server), json.loads(completion.choices[0].message.content)


class Query(BaseModel):
    table: Literal["orders", "customers"]
    limit: int


@program
def parse_with_function_tools(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            chat_completion(
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [tool_call("c1", "Query", {"table": "orders", "limit": 3})],
                },
                finish_reason="tool_calls",
            )
        )
    )
    completion = client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "3 orders"}],
        tools=[openai.pydantic_function_tool(Query, description="run a query")],
    )
    call = completion.choices[0].message.tool_calls[0]
    return (
        sent(server),
        call.function.parsed_arguments,
        type(call).__name__,
        call.model_dump(),
        completion.choices[0].message.to_dict(),
    )


# --- streaming to a UI ------------------------------------------------------------------------------


@program
def stream_tokens_to_console(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(text_chunks("Hel", "lo", " world"))
    printed = []
    stream = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "say hello"}],
        stream=True,
    )
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content is not None:
            printed.append(chunk.choices[0].delta.content)
        printed.append(chunk.choices[0].finish_reason)
    return sent(server), printed, type(stream).__name__


@program
def stream_closed_early(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(text_chunks("one ", "two ", "three"), answer("next"))
    with client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "count"}], stream=True
    ) as stream:
        first = next(iter(stream))
    closed = stream.response.is_closed
    after = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "again"}]
    )
    return first.choices[0].delta.content, closed, after.choices[0].message.content


@program
def stream_helper_content_events(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(text_chunks("The ", "answer ", "is 4."))
    seen = []
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "2+2"}]
    ) as stream:
        for event in stream:
            if event.type == "content.delta":
                seen.append((event.delta, event.snapshot))
            elif event.type == "content.done":
                seen.append(("done", event.content, event.parsed))
            elif event.type == "chunk":
                seen.append(("chunk", event.chunk.id, event.snapshot.choices[0].message.content))
        snapshot = stream.current_completion_snapshot
    final = stream.get_final_completion()
    return (
        seen,
        snapshot.choices[0].message.content,
        final.choices[0].message.content,
        final.choices[0].message.parsed,
        type(final).__name__.split("[")[0],
    )


@program
def stream_helper_structured(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    text = json.dumps(MATH)
    server.reply(text_chunks(text[:10], text[10:30], text[30:]))
    partials = []
    with client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "solve"}],
        response_format=MathReasoning,
    ) as stream:
        for event in stream:
            if event.type == "content.delta":
                partials.append(event.parsed)
            elif event.type == "content.done":
                partials.append(("done", type(event.parsed).__name__))
        final = stream.get_final_completion()
    return without_schema_defaults(sent(server)), partials, final.choices[0].message.parsed


@program
def stream_usage_and_until_done(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chunks = [
        chat_chunk({"role": "assistant", "content": "ok"}),
        chat_chunk({}, finish_reason="stop"),
        {**chat_chunk({}), "choices": [], "usage": USAGE},
    ]
    server.reply(sse(chunks), sse(chunks))
    stream = client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x"}],
        stream_options={"include_usage": True},
    )
    with stream as s:
        s.until_done()
        usage = s.get_final_completion().usage.model_dump()
    usages = [
        chunk.usage and chunk.usage.to_dict()
        for chunk in client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "x"}],
            stream=True,
            stream_options={"include_usage": True},
        )
    ]
    return sent(server, 2), usage, usages


@program
def error_event_mid_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        sse([chat_chunk({"role": "assistant", "content": "a"}), {"error": {"message": "overload"}}])
    )
    got = []
    try:
        for chunk in client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
        ):
            got.append(chunk.choices[0].delta.content)
    except openai.APIError as e:
        got.append((type(e).__name__, e.message, e.body, getattr(e, "status_code", None)))
    return got


# --- stored completions ----------------------------------------------------------------------------


def stored(n: int) -> dict[str, Any]:
    body = chat_completion({"role": "assistant", "content": f"a{n}"})
    return {**body, "id": f"chatcmpl-{n}", "metadata": {"team": "x"}}


@program
def stored_completions_pages(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def page(ids: list[int], more: bool) -> Reply:
        data = [stored(n) for n in ids]
        return Reply.json(
            {
                "object": "list",
                "data": data,
                "first_id": data[0]["id"],
                "last_id": data[-1]["id"],
                "has_more": more,
            }
        )

    server.reply(page([1, 2], True), page([3], False), page([1, 2], True), page([3], False))
    first = client.chat.completions.list(model="gpt-4o", metadata={"team": "x"}, limit=2)
    seen = [
        [c.id for c in first.data],
        first.has_next_page(),
        first.next_page_info().params,
        first.to_dict()["has_more"],
    ]
    second = first.get_next_page()
    last = second.next_page_info()
    seen += [[c.id for c in second.data], second.has_next_page(), last and last.params]
    everything = [c.choices[0].message.content for c in client.chat.completions.list(limit=2)]
    return seen, everything, [wire(r)[1:3] for r in server.requests[-4:]]


@program
def stored_completion_crud(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    message = {"id": "chatcmpl-1-0", "role": "user", "content": "hi", "name": None}
    server.reply(
        Reply.json(stored(1)),
        Reply.json({**stored(1), "metadata": {"team": "y"}}),
        Reply.json(
            {
                "object": "list",
                "data": [message],
                "first_id": "chatcmpl-1-0",
                "last_id": "chatcmpl-1-0",
                "has_more": False,
            }
        ),
        Reply.json({"object": "chat.completion.deleted", "id": "chatcmpl-1", "deleted": True}),
    )
    got = client.chat.completions.retrieve("chatcmpl-1")
    updated = client.chat.completions.update("chatcmpl-1", metadata={"team": "y"})
    messages = client.chat.completions.messages.list("chatcmpl-1", limit=10, order="asc")
    deleted = client.chat.completions.delete("chatcmpl-1")
    return (
        [wire(r) for r in server.requests[-4:]],
        got.metadata,
        updated.metadata,
        [(m.id, m.content, type(m).__name__) for m in messages],
        (deleted.deleted, deleted.object, type(deleted).__name__),
    )


# --- async -------------------------------------------------------------------------------------------


@async_program
async def async_semaphore_gather(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import asyncio

    server.default = Reply.dynamic(
        lambda request: answer(request.json()["messages"][-1]["content"].upper())
    )
    limit = asyncio.Semaphore(2)

    async def ask(question: str) -> str:
        async with limit:
            completion = await client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
            )
            return completion.choices[0].message.content

    answers = await asyncio.gather(*(ask(q) for q in ["a", "b", "c", "d", "e"]))
    return answers


@async_program
async def async_stream_to_ui(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(text_chunks("str", "eam", "ed"), text_chunks("he", "lper"))
    stream = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    pieces = [chunk.choices[0].delta.content async for chunk in stream if chunk.choices]
    deltas = []
    async with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    ) as helper:
        async for event in helper:
            if event.type == "content.delta":
                deltas.append(event.delta)
    final = await helper.get_final_completion()
    return pieces, deltas, final.choices[0].message.content, type(stream).__name__


@async_program
async def async_parse_and_errors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        answer(json.dumps(MATH)),
        Reply.json(
            {"error": {"message": "bad key", "type": "invalid_request_error", "code": "x"}},
            status=401,
        ),
    )
    parsed = await client.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=MathReasoning
    )
    error: Any = None
    try:
        await client.chat.completions.create(model="gpt-4o", messages=[])
    except openai.AuthenticationError as e:
        error = (e.status_code, e.code, e.message, type(e).__bases__[0].__name__)
    return parsed.choices[0].message.parsed.final_answer, error


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
