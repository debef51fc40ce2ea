"""Real-world sweep Q, Chat Completions as apps and frameworks drive them: tool-call round trips
that append the returned message back (as the object, ``model_dump(exclude_none=True)``,
``to_dict()``, ``to_json()``), parallel calls answered out of order, every ``tool_choice`` form,
logprobs turned into confidences, ``n`` with ``stop``/``seed``, JSON mode, usage from the last
chunk, deltas of several tool calls accumulated by hand, ``finish_reason`` dispatch, spoken answers
fed back by id and stored completions managed end to end — programs written for the official SDK,
run unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import base64
import io
import json
import math
from contextlib import redirect_stdout
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, chat_chunk, chat_completion, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def tool_call(call_id: str, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": name, "arguments": json.dumps(arguments)},
    }


def calls_answer(*calls: dict[str, Any]) -> Reply:
    return Reply.json(
        chat_completion(
            {"role": "assistant", "content": None, "tool_calls": list(calls)}, "tool_calls"
        )
    )


def text_answer(text: str, **extra: Any) -> Reply:
    return Reply.json(chat_completion({"role": "assistant", "content": text}, **extra))


WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather of a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}
TIME_TOOL = {
    "type": "function",
    "function": {
        "name": "get_time",
        "parameters": {"type": "object", "properties": {"tz": {"type": "string"}}},
    },
}


def run_tool(name: str, arguments: str) -> str:
    args = json.loads(arguments)
    if name == "get_weather":
        return json.dumps({"city": args["city"], "temp_c": 21})
    return json.dumps({"tz": args.get("tz"), "time": "12:00"})


# --- tool-call round trips ---------------------------------------------------------------------


@program
def assistant_message_appended_as_the_object(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The cookbook loop: ``messages.append(response_message)`` with the pydantic object itself."""
    server.reply(
        calls_answer(
            tool_call("call_a", "get_weather", {"city": "Paris"}),
            tool_call("call_b", "get_time", {"tz": "CET"}),
        ),
        text_answer("It is 21C and noon in Paris."),
    )
    messages: list[Any] = [{"role": "user", "content": "Weather and time in Paris?"}]
    while True:
        completion = client.chat.completions.create(
            model="gpt-4o", messages=messages, tools=[WEATHER_TOOL, TIME_TOOL]
        )
        message = completion.choices[0].message
        messages.append(message)
        if not message.tool_calls:
            break
        for call in message.tool_calls:
            messages.append(
                {
                    "role": "tool",
                    "tool_call_id": call.id,
                    "content": run_tool(call.function.name, call.function.arguments),
                }
            )
    return wires(server), message.content, len(messages)


@program
def assistant_message_appended_as_dumps(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Frameworks keep history as plain dicts: every way of dumping the message, sent back."""
    dumpers = [
        lambda m: m.model_dump(exclude_none=True),
        lambda m: m.model_dump(exclude_unset=True),
        lambda m: m.model_dump(),
        lambda m: m.to_dict(),
        lambda m: m.to_dict(exclude_unset=False),
        lambda m: json.loads(m.to_json()),
        lambda m: json.loads(m.model_dump_json(exclude_none=True)),
        lambda m: m.dict(exclude_none=True),
    ]
    dumps = []
    for dump in dumpers:
        server.reply(
            calls_answer(tool_call("call_1", "get_weather", {"city": "Rome"})), text_answer("ok")
        )
        messages: list[Any] = [{"role": "user", "content": "Rome?"}]
        first = client.chat.completions.create(
            model="gpt-4o", messages=messages, tools=[WEATHER_TOOL]
        )
        dumped = dump(first.choices[0].message)
        dumps.append(dumped)
        messages.append(dumped)
        messages.append({"role": "tool", "tool_call_id": "call_1", "content": "sunny"})
        client.chat.completions.create(model="gpt-4o", messages=messages, tools=[WEATHER_TOOL])
    return dumps, [r.json()["messages"][1] for r in server.requests[1::2]]


@program
def parallel_calls_answered_out_of_order(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Three parallel calls, answered in reverse order; the tool messages carry a content list."""
    server.reply(
        calls_answer(
            *[tool_call(f"call_{n}", "get_weather", {"city": c}) for n, c in enumerate("ABC")]
        ),
        text_answer("done"),
    )
    messages: list[Any] = [{"role": "user", "content": "Weather in A, B and C"}]
    first = client.chat.completions.create(
        model="gpt-4o", messages=messages, tools=[WEATHER_TOOL], parallel_tool_calls=True
    )
    message = first.choices[0].message
    messages.append(
        {
            "role": "assistant",
            "content": message.content,
            "tool_calls": [call.model_dump() for call in message.tool_calls],
        }
    )
    for call in reversed(message.tool_calls):
        args = json.loads(call.function.arguments)
        messages.append(
            {
                "role": "tool",
                "tool_call_id": call.id,
                "content": [{"type": "text", "text": f"{args['city']}: sunny"}],
            }
        )
    client.chat.completions.create(model="gpt-4o", messages=messages, tools=[WEATHER_TOOL])
    return (
        wires(server)[-1],
        [(c.id, c.type, c.function.name) for c in message.tool_calls],
        first.choices[0].finish_reason,
        repr(message.tool_calls[0]),
    )


@program
def every_tool_choice_form(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    choices: list[Any] = [
        "none",
        "auto",
        "required",
        {"type": "function", "function": {"name": "get_weather"}},
        {
            "type": "allowed_tools",
            "allowed_tools": {
                "mode": "required",
                "tools": [{"type": "function", "function": {"name": "get_time"}}],
            },
        },
        {"type": "custom", "custom": {"name": "shell"}},
        openai.NOT_GIVEN,
        openai.omit,
    ]
    answers = []
    for choice in choices:
        server.reply(calls_answer(tool_call("call_1", "get_weather", {"city": "Oslo"})))
        completion = client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "?"}],
            tools=[
                WEATHER_TOOL,
                TIME_TOOL,
                {"type": "custom", "custom": {"name": "shell", "description": "runs a command"}},
            ],
            tool_choice=choice,
        )
        answers.append(completion.choices[0].message.tool_calls[0].function.name)
    return [r.json().get("tool_choice", "<absent>") for r in server.requests], answers


@program
def custom_tool_call_answered(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A custom (free-form) tool call in the answer: its input read and sent back."""
    server.reply(
        calls_answer(
            {"id": "call_c", "type": "custom", "custom": {"name": "shell", "input": "ls"}}
        ),
        text_answer("listed"),
    )
    tools = [{"type": "custom", "custom": {"name": "shell", "format": {"type": "text"}}}]
    messages: list[Any] = [{"role": "user", "content": "list files"}]
    first = client.chat.completions.create(model="gpt-5", messages=messages, tools=tools)
    call = first.choices[0].message.tool_calls[0]
    messages.append(first.choices[0].message.model_dump(exclude_none=True))
    messages.append({"role": "tool", "tool_call_id": call.id, "content": "a.txt\nb.txt"})
    client.chat.completions.create(model="gpt-5", messages=messages, tools=tools)
    return (
        type(call).__name__,
        call.type,
        call.custom.name,
        call.custom.input,
        getattr(call, "function", "<none>"),
        wires(server)[-1][-1]["messages"][1],
    )


# --- reading answers ------------------------------------------------------------------------------


def logprob_token(token: str, logprob: float, *alternatives: tuple[str, float]) -> Any:
    return {
        "token": token,
        "logprob": logprob,
        "bytes": list(token.encode()),
        "top_logprobs": [
            {"token": t, "logprob": lp, "bytes": list(t.encode())} for t, lp in alternatives
        ],
    }


@program
def classifier_confidence_from_logprobs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A classifier reads the first token's top alternatives and turns them into probabilities."""
    body = chat_completion({"role": "assistant", "content": "positive"})
    body["choices"][0]["logprobs"] = {
        "content": [
            logprob_token(
                "positive", -0.05, ("positive", -0.05), ("negative", -3.2), ("neutral", -4.0)
            )
        ],
        "refusal": None,
    }
    server.reply(Reply.json(body))
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Sentiment of: I love it"}],
        logprobs=True,
        top_logprobs=3,
        max_tokens=1,
        temperature=0,
    )
    first = completion.choices[0].logprobs.content[0]
    probabilities = {t.token: round(math.exp(t.logprob), 4) for t in first.top_logprobs}
    as_text = bytes(first.bytes).decode("utf-8")
    return (
        wires(server),
        probabilities,
        as_text,
        completion.choices[0].logprobs.refusal,
        type(first).__name__,
        type(first.top_logprobs[0]).__name__,
        completion.choices[0].logprobs.model_dump(),
    )


@program
def perplexity_of_each_choice(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = chat_completion({"role": "assistant", "content": "Hi there"})
    choices = []
    for index, (text, lps) in enumerate([("Hi there", [-0.1, -0.2]), ("Hello", [-0.9])]):
        choices.append(
            {
                "index": index,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "logprobs": {
                    "content": [logprob_token(f"t{n}", lp) for n, lp in enumerate(lps)],
                    "refusal": None,
                },
                "finish_reason": "stop",
            }
        )
    body["choices"] = choices
    server.reply(Reply.json(body))
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "greet"}],
        n=2,
        logprobs=True,
        seed=42,
        stop=["\n", "END"],
        temperature=1.2,
    )
    ranked = sorted(
        completion.choices,
        key=lambda c: math.exp(
            -sum(t.logprob for t in c.logprobs.content) / len(c.logprobs.content)
        ),
    )
    return (
        wires(server),
        [(c.index, c.message.content) for c in ranked],
        completion.system_fingerprint,
        [c.logprobs.content[0].top_logprobs for c in completion.choices],
    )


@program
def json_mode_answer_loaded(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        text_answer('{"name": "Ada", "languages": ["en", "fr"]}'),
        text_answer('{"name": "Ada", "langu', finish_reason="length"),
    )
    log = []
    for _ in range(2):
        completion = client.chat.completions.create(
            model="gpt-4o",
            response_format={"type": "json_object"},
            messages=[
                {"role": "system", "content": "Reply in JSON."},
                {"role": "user", "content": "Who wrote the first program?"},
            ],
            max_completion_tokens=20,
        )
        choice = completion.choices[0]
        if choice.finish_reason == "length":
            log.append(("truncated", choice.message.content))
            continue
        log.append(("ok", json.loads(choice.message.content)))
    return wires(server), log


@program
def finish_reason_dispatch(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An app's dispatch on ``finish_reason``, including ones it did not plan for."""
    server.reply(
        text_answer("done"),
        text_answer("cut", finish_reason="length"),
        text_answer("", finish_reason="content_filter"),
        calls_answer(tool_call("c", "get_weather", {"city": "X"})),
        Reply.json(
            chat_completion(
                {
                    "role": "assistant",
                    "content": None,
                    "function_call": {"name": "f", "arguments": "{}"},
                },
                "function_call",
            )
        ),
        text_answer("?", finish_reason="something_new"),
    )
    seen = []
    for _ in range(6):
        try:
            completion = client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "go"}]
            )
        except Exception as error:
            seen.append(("raised", type(error).__name__))
            continue
        choice = completion.choices[0]
        match choice.finish_reason:
            case "stop":
                seen.append(("answer", choice.message.content))
            case "length":
                seen.append(("truncated", choice.message.content))
            case "content_filter":
                seen.append(("filtered", choice.message.content))
            case "tool_calls":
                seen.append(("tools", [c.function.name for c in choice.message.tool_calls]))
            case "function_call":
                seen.append(("function", choice.message.function_call.name))
            case other:
                seen.append(("unknown", other))
    return seen


@program
def spoken_answer_fed_back_by_id(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Audio out: the WAV saved, and the next turn refers to the earlier audio by its id."""
    wav = b"RIFF" + bytes(36) + b"data"
    server.reply(
        Reply.json(
            chat_completion(
                {
                    "role": "assistant",
                    "content": None,
                    "audio": {
                        "id": "audio_abc",
                        "data": base64.b64encode(wav).decode(),
                        "expires_at": 1733003600,
                        "transcript": "Sure, here is a joke.",
                    },
                }
            )
        ),
        text_answer("And another."),
    )
    messages: list[Any] = [{"role": "user", "content": "Tell me a joke"}]
    completion = client.chat.completions.create(
        model="gpt-4o-audio-preview",
        modalities=["text", "audio"],
        audio={"voice": "alloy", "format": "wav"},
        messages=messages,
    )
    audio = completion.choices[0].message.audio
    saved = io.BytesIO(base64.b64decode(audio.data))
    messages.append({"role": "assistant", "audio": {"id": audio.id}})
    messages.append({"role": "user", "content": "Another"})
    client.chat.completions.create(
        model="gpt-4o-audio-preview",
        modalities=["text"],
        messages=messages,
    )
    return (
        wires(server),
        saved.getvalue() == wav,
        audio.transcript,
        audio.expires_at,
        completion.choices[0].message.model_dump(exclude_none=True)["audio"]["id"],
        type(audio).__name__,
    )


@program
def store_and_metadata_on_create(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(text_answer("stored", metadata={"app": "faq"}))
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "developer", "content": "Be brief"}, {"role": "user", "content": "Hi"}],
        store=True,
        metadata={"app": "faq", "user_tier": "pro"},
        service_tier="auto",
        reasoning_effort="low",
        verbosity="low",
        prompt_cache_key="faq-v1",
        safety_identifier="user-123",
    )
    return wires(server), getattr(completion, "metadata", "<none>"), completion.service_tier


@program
def answers_mocked_with_construct(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An app's unit tests mock the answer with ``construct()`` / ``model_construct()`` and only
    the fields they care about; the code under test reads the others (None, not an error)."""
    chat = openai.types.chat
    mocked = [
        chat.ChatCompletion.construct(
            choices=[
                chat.chat_completion.Choice.construct(
                    message=chat.ChatCompletionMessage.construct(content="mocked")
                )
            ]
        ),
        chat.ChatCompletion.model_construct(
            id="chatcmpl-mock", choices=[{"message": {"content": "from dicts"}, "index": 0}]
        ),
        chat.ChatCompletion.model_construct(
            choices=[
                chat.chat_completion.Choice.model_construct(
                    message=chat.ChatCompletionMessage.model_construct(
                        role="assistant",
                        tool_calls=[
                            chat.ChatCompletionMessageToolCall.model_construct(
                                id="c1", type="function", function={"name": "f", "arguments": "{}"}
                            )
                        ],
                    ),
                    finish_reason="tool_calls",
                )
            ]
        ),
    ]

    def handle(completion: Any) -> Any:  # the app's code under test
        choice = completion.choices[0]
        if choice.finish_reason == "length":
            return "truncated"
        calls = choice.message.tool_calls or []
        return (
            choice.message.content,
            choice.message.role,
            choice.finish_reason,
            choice.index,
            completion.model,
            completion.usage,
            [(c.id, c.type, c.function.name) for c in calls],
        )

    return [
        (handle(c), repr(c), c.model_dump(), c.to_dict(), c.model_fields_set, hasattr(c, "created"))
        for c in mocked
    ]


@program
def answers_rebuilt_with_the_sdks_construct_type(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A replay tool rebuilds recorded answers with ``openai._models.construct_type`` (and its
    unchecked twin), validates others with ``validate_type``, and sniffs half-built usage."""
    import importlib

    import pydantic

    models = importlib.import_module(f"{openai.__name__}._models")
    chat = openai.types.chat
    recorded = chat_completion(
        {"role": "assistant", "content": None, "tool_calls": [tool_call("c", "get_time", {})]},
        "tool_calls",
    )
    completion = models.construct_type(value=recorded, type_=chat.ChatCompletion)
    chunks = [
        models.construct_type_unchecked(value=chunk, type_=chat.ChatCompletionChunk)
        for chunk in (chat_chunk({"role": "assistant", "content": "a"}), chat_chunk({"x": 1}))
    ]
    usage = models.construct_type(value={}, type_=openai.types.CompletionUsage)
    validated = models.validate_type(type_=chat.ChatCompletion, value=recorded)
    try:
        models.validate_type(type_=openai.types.CompletionUsage, value={"prompt_tokens": "x"})
        refused = None
    except pydantic.ValidationError as error:
        refused = error.error_count()
    call = completion.choices[0].message.tool_calls[0]
    return (
        type(completion).__name__,
        type(call).__name__,
        call.function.name,
        [c.choices[0].delta.content for c in chunks],
        [c.choices[0].delta.model_extra for c in chunks],
        hasattr(usage, "prompt_tokens"),
        usage.prompt_tokens,
        validated == completion,
        refused,
        models.validate_type(type_=list[int], value=["1", 2]),
    )


# --- streaming -----------------------------------------------------------------------------------


def parallel_call_chunks() -> Reply:
    """Two tool calls streamed interleaved by index, then a usage-only last chunk."""
    deltas = [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "index": 0,
                    "id": "call_0",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": ""},
                }
            ],
        },
        {"tool_calls": [{"index": 0, "function": {"arguments": '{"ci'}}]},
        {
            "tool_calls": [
                {
                    "index": 1,
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "get_time", "arguments": ""},
                }
            ]
        },
        {"tool_calls": [{"index": 1, "function": {"arguments": '{"tz": "UTC"}'}}]},
        {"tool_calls": [{"index": 0, "function": {"arguments": 'ty": "Lima"}'}}]},
    ]
    chunks = [chat_chunk(d) for d in deltas]
    chunks.append(chat_chunk({}, finish_reason="tool_calls"))
    usage = {
        **USAGE,
        "prompt_tokens_details": {"cached_tokens": 4, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 3, "audio_tokens": 0},
    }
    chunks.append({**chat_chunk({}), "choices": [], "usage": usage})
    return sse(chunks)


@program
def parallel_tool_call_deltas_by_hand(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(parallel_call_chunks())
    stream = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "weather in Lima and the time"}],
        tools=[WEATHER_TOOL, TIME_TOOL],
        stream=True,
        stream_options={"include_usage": True},
    )
    final_tool_calls: dict[int, Any] = {}
    finish = None
    usage: Any = None
    for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage
        if not chunk.choices:
            continue
        choice = chunk.choices[0]
        finish = choice.finish_reason or finish
        for tool_call_delta in choice.delta.tool_calls or []:
            index = tool_call_delta.index
            if index not in final_tool_calls:
                final_tool_calls[index] = tool_call_delta
            else:
                final_tool_calls[index].function.arguments += tool_call_delta.function.arguments
    return (
        wires(server),
        {
            i: (c.id, c.function.name, json.loads(c.function.arguments))
            for i, c in final_tool_calls.items()
        },
        finish,
        usage.completion_tokens_details.reasoning_tokens,
        usage.prompt_tokens_details.cached_tokens,
        repr(usage),
    )


@program
def streamed_deltas_merged_into_a_message(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Agent frameworks merge each delta's dump into one dict, then send it back as history."""
    server.reply(parallel_call_chunks(), text_answer("ok"))
    messages: list[Any] = [{"role": "user", "content": "weather and time"}]
    merged: dict[str, Any] = {"role": "assistant", "content": "", "tool_calls": []}
    for chunk in client.chat.completions.create(
        model="gpt-4o", messages=messages, tools=[WEATHER_TOOL, TIME_TOOL], stream=True
    ):
        for choice in chunk.choices:
            delta = choice.delta.model_dump(exclude_unset=True)
            merged["content"] += delta.get("content") or ""
            for piece in delta.get("tool_calls", []):
                while len(merged["tool_calls"]) <= piece["index"]:
                    merged["tool_calls"].append(
                        {"id": "", "type": "function", "function": {"name": "", "arguments": ""}}
                    )
                target = merged["tool_calls"][piece["index"]]
                target["id"] += piece.get("id") or ""
                function = piece.get("function") or {}
                target["function"]["name"] += function.get("name") or ""
                target["function"]["arguments"] += function.get("arguments") or ""
    merged["content"] = merged["content"] or None
    messages.append(merged)
    for call in merged["tool_calls"]:
        messages.append(
            {
                "role": "tool",
                "tool_call_id": call["id"],
                "content": run_tool(call["function"]["name"], call["function"]["arguments"]),
            }
        )
    client.chat.completions.create(model="gpt-4o", messages=messages)
    return wires(server)


@program
def stream_usage_from_the_last_chunk_only(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Token accounting: every chunk's ``usage`` is None but the last, which has no choices."""
    chunks = [chat_chunk({"role": "assistant", "content": ""})]
    chunks += [chat_chunk({"content": w}) for w in ("Bonjour", " !")]
    chunks.append(chat_chunk({}, finish_reason="stop"))
    chunks.append({**chat_chunk({}), "choices": [], "usage": USAGE})
    server.reply(sse([{**c, "usage": None} if c.get("choices") else c for c in chunks]))
    out = io.StringIO()
    usages = []
    with redirect_stdout(out):
        stream = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Say hi in French"}],
            stream=True,
            stream_options={"include_usage": True, "include_obfuscation": False},
        )
        text = []
        chunk: Any = None
        for chunk in stream:
            usages.append(chunk.usage)
            if chunk.choices and chunk.choices[0].delta.content:
                text.append(chunk.choices[0].delta.content)
        last = chunk
        print(f"cost: {last.usage.prompt_tokens * 0.15 + last.usage.completion_tokens * 0.6}")
    return wires(server), "".join(text), [u is None for u in usages], out.getvalue(), last.to_dict()


@program
def stream_n_choices_by_index(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chunks = []
    for word in ("a", "b"):
        for index in (0, 1):
            chunk = chat_chunk({"content": f"{word}{index}"})
            chunk["choices"][0]["index"] = index
            chunks.append(chunk)
    for index in (0, 1):
        done = chat_chunk({}, finish_reason="stop" if index == 0 else "length")
        done["choices"][0]["index"] = index
        chunks.append(done)
    server.reply(sse(chunks))
    texts: dict[int, str] = {}
    finishes: dict[int, Any] = {}
    for chunk in client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], n=2, stream=True, seed=7
    ):
        for choice in chunk.choices:
            texts[choice.index] = texts.get(choice.index, "") + (choice.delta.content or "")
            if choice.finish_reason:
                finishes[choice.index] = choice.finish_reason
    return wires(server), texts, finishes


# --- stored completions ---------------------------------------------------------------------------


def stored(completion_id: str, **extra: Any) -> Any:
    return {
        **chat_completion({"role": "assistant", "content": f"answer {completion_id}"}),
        "id": completion_id,
        "metadata": {"app": "faq"},
        "request_id": "req_1",
        "tool_choice": None,
        "seed": 1,
        "top_p": 1.0,
        "temperature": 1.0,
        "presence_penalty": 0.0,
        "frequency_penalty": 0.0,
        "input_user": None,
        "tools": None,
        "response_format": None,
        **extra,
    }


def stored_message(message_id: str, content: str) -> Any:
    return {
        "id": message_id,
        "role": "user",
        "content": content,
        "name": None,
        "content_parts": None,
    }


@program
def stored_completions_reviewed_and_cleaned(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An eval dashboard: list by metadata, read each one's messages, tag it, delete old ones."""
    pages = {
        None: ([stored("chatcmpl-1"), stored("chatcmpl-2")], True),
        "chatcmpl-2": ([stored("chatcmpl-3")], False),
    }

    def page_after(request: Any) -> Reply:
        data, more = pages[request.query_dict.get("after")]
        return Reply.json(
            {
                "object": "list",
                "data": data,
                "first_id": data[0]["id"],
                "last_id": data[-1]["id"],
                "has_more": more,
            }
        )

    server.route("GET", "/v1/chat/completions", Reply.dynamic(page_after))
    for n in (1, 2, 3):
        server.route(
            "GET",
            f"/v1/chat/completions/chatcmpl-{n}/messages",
            Reply.json(
                {
                    "object": "list",
                    "data": [stored_message(f"chatcmpl-{n}-0", f"question {n}")],
                    "first_id": f"chatcmpl-{n}-0",
                    "last_id": f"chatcmpl-{n}-0",
                    "has_more": False,
                }
            ),
        )
        server.route(
            "POST",
            f"/v1/chat/completions/chatcmpl-{n}",
            Reply.json(stored(f"chatcmpl-{n}", metadata={"app": "faq", "reviewed": "yes"})),
        )
        server.route(
            "DELETE",
            f"/v1/chat/completions/chatcmpl-{n}",
            Reply.json(
                {"object": "chat.completion.deleted", "id": f"chatcmpl-{n}", "deleted": True}
            ),
        )
    server.route("GET", "/v1/chat/completions/chatcmpl-2", Reply.json(stored("chatcmpl-2")))
    report = []
    for completion in client.chat.completions.list(
        metadata={"app": "faq"}, model="gpt-4o", order="asc", limit=2
    ):
        questions = [
            m.content
            for m in client.chat.completions.messages.list(completion.id, order="asc", limit=10)
        ]
        updated = client.chat.completions.update(
            completion.id, metadata={**completion.metadata, "reviewed": "yes"}
        )
        report.append((completion.id, questions, updated.metadata))
        if completion.id != "chatcmpl-2":
            deleted = client.chat.completions.delete(completion.id)
            report.append((deleted.id, deleted.deleted, deleted.object, type(deleted).__name__))
    kept = client.chat.completions.retrieve("chatcmpl-2")
    return wires(server), report, kept.choices[0].message.content, type(kept).__name__


@program
def stored_messages_with_content_parts(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [
                    {
                        "id": "m0",
                        "role": "user",
                        "content": "Describe this",
                        "name": "alice",
                        "content_parts": [
                            {"type": "text", "text": "Describe this"},
                            {
                                "type": "image_url",
                                "image_url": {"url": "https://x/y.png", "detail": "low"},
                            },
                        ],
                    },
                    {
                        "id": "m1",
                        "role": "assistant",
                        "content": "A cat",
                        "refusal": None,
                        "tool_calls": None,
                        "audio": None,
                        "annotations": [],
                    },
                ],
                "first_id": "m0",
                "last_id": "m1",
                "has_more": False,
            }
        )
    )
    page = client.chat.completions.messages.list("chatcmpl-9")
    rows = []
    for message in page:
        parts = [
            (type(p).__name__, p.type) for p in (getattr(message, "content_parts", None) or [])
        ]
        rows.append((type(message).__name__, message.id, message.role, message.content, parts))
    return wires(server), rows, page.has_more, page.to_dict()


# --- async ---------------------------------------------------------------------------------------


@async_program
async def async_tool_loop_with_dumped_history(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        calls_answer(tool_call("call_x", "get_time", {"tz": "UTC"})),
        text_answer("noon"),
    )
    messages: list[Any] = [{"role": "user", "content": "time?"}]
    for _ in range(3):
        completion = await client.chat.completions.create(
            model="gpt-4o", messages=messages, tools=[TIME_TOOL], tool_choice="auto"
        )
        message = completion.choices[0].message
        messages.append(message.to_dict())
        if completion.choices[0].finish_reason != "tool_calls":
            break
        for call in message.tool_calls:
            messages.append(
                {
                    "role": "tool",
                    "tool_call_id": call.id,
                    "content": run_tool(call.function.name, call.function.arguments),
                }
            )
    return wires(server), messages


@async_program
async def async_stream_usage_and_deltas(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(parallel_call_chunks())
    stream = await client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x"}],
        tools=[WEATHER_TOOL, TIME_TOOL],
        stream=True,
        stream_options={"include_usage": True},
    )
    arguments: dict[int, str] = {}
    usage: Any = None
    async for chunk in stream:
        usage = chunk.usage or usage
        for choice in chunk.choices:
            for delta in choice.delta.tool_calls or []:
                arguments[delta.index] = arguments.get(delta.index, "") + (
                    delta.function.arguments or ""
                )
    return arguments, usage.model_dump(exclude_none=True)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
