"""Real-world sweep I, everyday chat completions code of the 1.x era: plain ``stream=True`` loops
(with the usage-only last chunk), ``with``-managed and closed streams, several choices, logprobs,
seeds, legacy ``functions=``, tool-call loops that accumulate streamed deltas by index, JSON mode,
stored completions, the legacy completions endpoint and the models list — programs written for the
official SDK, run unchanged against both packages over the scripted loopback server (each returns
what its author prints or reads and what was sent).
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, chat_chunk, chat_completion, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def text_chunks(*pieces: str, usage: bool = True) -> Reply:
    chunks = [chat_chunk({"role": "assistant", "content": ""})]
    chunks += [chat_chunk({"content": piece}) for piece in pieces]
    chunks.append(chat_chunk({}, finish_reason="stop"))
    if usage:
        chunks.append({**chat_chunk({}), "choices": [], "usage": USAGE})
    return sse(chunks)


# --- streaming ------------------------------------------------------------------------------------


@program
def print_as_it_streams(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The README loop, with usage requested: the last chunk has no choices."""
    server.reply(text_chunks("Hello", " there", "!"))
    out = io.StringIO()
    with redirect_stdout(out):
        stream = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Say hello"}],
            stream=True,
            stream_options={"include_usage": True},
        )
        usage = None
        for chunk in stream:
            if chunk.choices:
                print(chunk.choices[0].delta.content or "", end="", flush=True)
            else:
                usage = chunk.usage
                print()
                print(chunk)
        print(usage.prompt_tokens, usage.completion_tokens, usage.total_tokens)
    return wires(server), out.getvalue(), repr(usage), type(stream).__name__


@program
def stream_without_guarding_the_usage_chunk(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Code that forgot the usage chunk has no choices fails the same way in both."""
    server.reply(text_chunks("Hi"))
    stream = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "hi"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    text = ""
    try:
        for chunk in stream:
            text += chunk.choices[0].delta.content or ""
    except Exception as error:  # what the user sees
        return text, type(error).__name__, str(error)
    return text, None


@program
def stream_in_a_with_block_and_break(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(text_chunks("one", "two", "three"), text_chunks("again"))
    seen = []
    with client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "count"}], stream=True
    ) as stream:
        for chunk in stream:
            seen.append(chunk.choices[0].delta.content)
            if chunk.choices[0].delta.content == "two":
                break
    after = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "count"}], stream=True
    )
    first = next(iter(after))
    after.close()  # (iterating on after close differs: test_real_world_i_known.py)
    return seen, first.choices[0].delta.role, stream.response.status_code, server.requests[-1].path


@program
def stream_chunks_printed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """print(chunk) in the loop: each chunk's repr, down to its choice's and delta's fields (the
    delta's `audio`, the choice's `index` before `finish_reason`), in the SDK's order."""
    server.reply(text_chunks("Hi"))
    out = io.StringIO()
    with redirect_stdout(out):
        for chunk in client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
        ):
            print(chunk)
            print(chunk.model_dump_json())
    return out.getvalue().splitlines()


def audio_chunks() -> Reply:
    """Audio output streamed: the first piece carries the audio's id, the rest pieces of its
    transcript and its base64 data, one its expiry; a chunk carries only some of the fields."""
    deltas = [
        {"role": "assistant", "audio": {"id": "audio_1", "transcript": "Hel"}},
        {"audio": {"transcript": "lo"}},
        {"audio": {"data": "UklGRg=="}},
        {"audio": {"data": "AAAA", "expires_at": 1733003600}},
    ]
    chunks = [chat_chunk(delta) for delta in deltas]
    return sse([*chunks, chat_chunk({}, finish_reason="stop")])


@program
def audio_answer_streamed_and_joined(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Spoken answers streamed: the transcript and the audio joined from the deltas' pieces."""
    server.reply(audio_chunks())
    transcript, data, audio_id, expires_at, shown = "", "", None, None, []
    for chunk in client.chat.completions.create(
        model="gpt-4o-audio-preview",
        modalities=["text", "audio"],
        audio={"voice": "alloy", "format": "pcm16"},
        messages=[{"role": "user", "content": "Say hello"}],
        stream=True,
    ):
        delta = chunk.choices[0].delta
        shown.append((repr(delta), chunk.to_json(), type(delta.audio).__name__))
        if delta.audio is not None:
            audio_id = delta.audio.id or audio_id
            expires_at = delta.audio.expires_at or expires_at
            transcript += delta.audio.transcript or ""
            data += delta.audio.data or ""
    return wires(server), transcript, data, audio_id, expires_at, shown


@program
def audio_answer_through_the_stream_helper(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """`chat.completions.stream()` joins the audio pieces into the message's audio: each event
    printed (a chunk event shows the snapshot so far, the audio's fields not sent yet None) and
    the final message."""
    server.reply(audio_chunks())
    with client.chat.completions.stream(
        model="gpt-4o-audio-preview",
        modalities=["text", "audio"],
        audio={"voice": "alloy", "format": "pcm16"},
        messages=[{"role": "user", "content": "Say hello"}],
    ) as stream:
        events = [repr(event) for event in stream]
        message = stream.get_final_completion().choices[0].message
    assert message.audio is not None
    return events, repr(message), type(message.audio).__name__, message.audio.transcript


@program
def stream_chunks_printed_and_dumped(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(text_chunks("x"))
    stream = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    chunks = list(stream)
    return (
        [c.model_dump(exclude_none=True) for c in chunks],
        [c.to_dict() for c in chunks],
        json.loads(chunks[1].to_json()),
        [type(c.choices[0].delta).__name__ for c in chunks if c.choices],
    )


def two_choice_chunks() -> Reply:
    def chunk(index: int, delta: dict[str, Any], finish: str | None = None) -> Any:
        base = chat_chunk(delta, finish)
        base["choices"][0]["index"] = index
        return base

    return sse(
        [
            chunk(0, {"role": "assistant", "content": ""}),
            chunk(1, {"role": "assistant", "content": ""}),
            chunk(0, {"content": "Red"}),
            chunk(1, {"content": "Blue"}),
            chunk(1, {"content": " sky"}),
            chunk(0, {"content": " rose"}),
            chunk(0, {}, "stop"),
            chunk(1, {}, "length"),
        ]
    )


@program
def n_two_streamed_and_not(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    completion = chat_completion({"role": "assistant", "content": "Red rose"})
    completion["choices"].append(
        {
            "index": 1,
            "message": {"role": "assistant", "content": "Blue sky", "refusal": None},
            "logprobs": None,
            "finish_reason": "length",
        }
    )
    server.reply(Reply.json(completion), two_choice_chunks())
    plain = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "a colour"}], n=2, seed=42
    )
    answers = [(c.index, c.message.content, c.finish_reason) for c in plain.choices]
    texts: dict[int, str] = {}
    finishes = {}
    for chunk in client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "a colour"}],
        n=2,
        seed=42,
        stream=True,
    ):
        for choice in chunk.choices:
            texts[choice.index] = texts.get(choice.index, "") + (choice.delta.content or "")
            if choice.finish_reason:
                finishes[choice.index] = choice.finish_reason
    return wires(server), answers, texts, finishes, plain.system_fingerprint


@program
def logprobs_and_top_logprobs(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import math

    top = [{"token": "Yes", "logprob": -0.01, "bytes": [89, 101, 115]}]
    top.append({"token": "No", "logprob": -4.6, "bytes": None})
    completion = chat_completion({"role": "assistant", "content": "Yes"})
    completion["choices"][0]["logprobs"] = {
        "content": [
            {"token": "Yes", "logprob": -0.01, "bytes": [89, 101, 115], "top_logprobs": top}
        ],
        "refusal": None,
    }
    server.reply(Reply.json(completion))
    response = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Is the sky blue?"}],
        logprobs=True,
        top_logprobs=2,
        max_tokens=1,
        temperature=0,
        seed=7,
    )
    rows = []
    for token in response.choices[0].logprobs.content:
        for alt in token.top_logprobs:
            rows.append((alt.token, round(math.exp(alt.logprob) * 100, 2), alt.bytes))
    return wires(server), rows, str(response.choices[0].logprobs)


# --- functions and tools --------------------------------------------------------------------------


@program
def legacy_functions_and_function_call(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    call = {"name": "get_weather", "arguments": '{"city": "Rome"}'}
    server.reply(
        Reply.json(
            chat_completion(
                {"role": "assistant", "content": None, "function_call": call}, "function_call"
            )
        ),
        Reply.json(chat_completion({"role": "assistant", "content": "Sunny in Rome."})),
    )
    functions = [
        {
            "name": "get_weather",
            "description": "Weather in a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        }
    ]
    messages: list[Any] = [{"role": "user", "content": "Weather in Rome?"}]
    first = client.chat.completions.create(
        model="gpt-3.5-turbo", messages=messages, functions=functions, function_call="auto"
    )
    message = first.choices[0].message
    messages.append(message)  # the message object itself, as 1.x code does
    arguments = json.loads(message.function_call.arguments)
    messages.append({"role": "function", "name": "get_weather", "content": "sunny"})
    second = client.chat.completions.create(
        model="gpt-3.5-turbo",
        messages=messages,
        functions=functions,
        function_call={"name": "get_weather"},
    )
    return (
        wires(server),
        arguments,
        first.choices[0].finish_reason,
        repr(message),
        second.choices[0].message.content,
    )


def streamed_tool_calls() -> Reply:
    def calls(*items: Any) -> Any:
        return chat_chunk({"tool_calls": list(items)})

    return sse(
        [
            chat_chunk({"role": "assistant", "content": None}),
            calls(
                {
                    "index": 0,
                    "id": "call_a",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": ""},
                }
            ),
            calls({"index": 0, "function": {"arguments": '{"ci'}}),
            calls({"index": 0, "function": {"arguments": 'ty": "Paris"}'}}),
            calls(
                {
                    "index": 1,
                    "id": "call_b",
                    "type": "function",
                    "function": {"name": "get_time", "arguments": ""},
                }
            ),
            calls({"index": 1, "function": {"arguments": '{"tz": "CET"}'}}),
            chat_chunk({}, finish_reason="tool_calls"),
            {**chat_chunk({}), "choices": [], "usage": USAGE},
        ]
    )


TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        },
    },
    {
        "type": "function",
        "function": {
            "name": "get_time",
            "parameters": {"type": "object", "properties": {"tz": {"type": "string"}}},
        },
    },
]


@program
def tool_loop_accumulating_streamed_deltas(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(streamed_tool_calls(), text_chunks("Paris: sunny, 14:00."))
    messages: list[Any] = [{"role": "user", "content": "Weather and time in Paris?"}]
    results = {"get_weather": "sunny", "get_time": "14:00"}
    final = ""
    for _ in range(3):
        stream = client.chat.completions.create(
            model="gpt-4o",
            messages=messages,
            tools=TOOLS,
            tool_choice="auto",
            parallel_tool_calls=True,
            stream=True,
            stream_options={"include_usage": True},
        )
        tool_calls: dict[int, Any] = {}
        content = ""
        finish = None
        for chunk in stream:
            if not chunk.choices:
                continue
            delta = chunk.choices[0].delta
            content += delta.content or ""
            finish = chunk.choices[0].finish_reason or finish
            for tc in delta.tool_calls or []:
                if tc.index not in tool_calls:
                    tool_calls[tc.index] = tc
                else:
                    tool_calls[tc.index].function.arguments += tc.function.arguments
        if finish != "tool_calls":
            final = content
            break
        messages.append(
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "id": tc.id,
                        "type": "function",
                        "function": {"name": tc.function.name, "arguments": tc.function.arguments},
                    }
                    for tc in tool_calls.values()
                ],
            }
        )
        for tc in tool_calls.values():
            json.loads(tc.function.arguments)
            messages.append(
                {"role": "tool", "tool_call_id": tc.id, "content": results[tc.function.name]}
            )
    return wires(server), final, [repr(tc) for tc in tool_calls.values()]


@program
def tool_call_message_dumped_back(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``messages.append(choice.message.model_dump(exclude_none=True))`` then the tool answers."""
    calls = [
        {
            "id": "call_1",
            "type": "function",
            "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'},
        }
    ]
    server.reply(
        Reply.json(
            chat_completion(
                {"role": "assistant", "content": None, "tool_calls": calls}, "tool_calls"
            )
        ),
        Reply.json(chat_completion({"role": "assistant", "content": "Cold."})),
    )
    messages: list[Any] = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Oslo?"},
    ]
    first = client.chat.completions.create(
        model="gpt-4o",
        messages=messages,
        tools=TOOLS,
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
    )
    choice = first.choices[0]
    dumped = choice.message.model_dump(exclude_none=True)
    messages.append(dumped)
    for call in choice.message.tool_calls:
        messages.append({"role": "tool", "tool_call_id": call.id, "content": "-3C"})
    second = client.chat.completions.create(
        model="gpt-4o", messages=messages, tools=TOOLS, tool_choice="none"
    )
    return wires(server), dumped, choice.message.to_dict(), second.choices[0].message.content


# --- JSON mode, token limits, usage, stored completions ---------------------------------------------


@program
def json_mode_and_token_limits(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = chat_completion({"role": "assistant", "content": '{"colours": ["red", "green"]}'})
    body["usage"]["prompt_tokens_details"]["cached_tokens"] = 1024
    body["usage"]["completion_tokens_details"]["reasoning_tokens"] = 64
    server.reply(Reply.json(body), Reply.json(body))
    first = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": "Reply in JSON."},
            {"role": "user", "content": "two colours"},
        ],
        response_format={"type": "json_object"},
        max_tokens=100,
    )
    second = client.chat.completions.create(
        model="o3-mini",
        messages=[{"role": "user", "content": "two colours, JSON"}],
        response_format={"type": "json_object"},
        max_completion_tokens=500,
        reasoning_effort="low",
        user="user-1234",
        metadata={"app": "demo"},
    )
    data = json.loads(first.choices[0].message.content)
    usage = second.usage
    return (
        wires(server),
        data,
        usage.prompt_tokens_details.cached_tokens,
        usage.completion_tokens_details.reasoning_tokens,
        str(usage),
    )


def stored(completion_id: str, text: str) -> Any:
    return {**chat_completion({"role": "assistant", "content": text}), "id": completion_id}


@program
def stored_completions_listed_and_read(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    page = {
        "object": "list",
        "data": [stored("chatcmpl-1", "one"), stored("chatcmpl-2", "two")],
        "first_id": "chatcmpl-1",
        "last_id": "chatcmpl-2",
        "has_more": False,
    }
    messages = {
        "object": "list",
        "data": [{"id": "chatcmpl-1-0", "role": "user", "content": "say one"}],
        "first_id": "chatcmpl-1-0",
        "last_id": "chatcmpl-1-0",
        "has_more": False,
    }
    server.reply(
        Reply.json(stored("chatcmpl-1", "one")),
        Reply.json(page),
        Reply.json(stored("chatcmpl-1", "one")),
        Reply.json(messages),
        Reply.json({**stored("chatcmpl-1", "one"), "metadata": {"reviewed": "yes"}}),
        Reply.json({"id": "chatcmpl-1", "object": "chat.completion.deleted", "deleted": True}),
    )
    client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "say one"}],
        store=True,
        metadata={"topic": "numbers"},
    )
    listed = [
        (c.id, c.choices[0].message.content)
        for c in client.chat.completions.list(
            model="gpt-4o", metadata={"topic": "numbers"}, limit=10
        )
    ]
    one = client.chat.completions.retrieve("chatcmpl-1")
    said = [(m.id, m.role, m.content) for m in client.chat.completions.messages.list("chatcmpl-1")]
    updated = client.chat.completions.update("chatcmpl-1", metadata={"reviewed": "yes"})
    deleted = client.chat.completions.delete("chatcmpl-1")
    return (
        wires(server),
        listed,
        one.choices[0].message.content,
        said,
        updated.metadata,
        repr(deleted),
    )


# --- legacy completions and models --------------------------------------------------------------


def legacy_completion(text: str, **extra: Any) -> Any:
    return {
        "id": "cmpl-1",
        "object": "text_completion",
        "created": 1733000000,
        "model": "gpt-3.5-turbo-instruct",
        "choices": [{"text": text, "index": 0, "logprobs": None, "finish_reason": "stop"}],
        "usage": USAGE,
        **extra,
    }


@program
def legacy_completions_plain_and_streamed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    pieces = [
        {k: v for k, v in legacy_completion(p).items() if k != "usage"} for p in ("Once", " upon")
    ]
    server.reply(Reply.json(legacy_completion("\n\nThis is a test.")), sse(pieces))
    completion = client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt="Say this is a test",
        max_tokens=7,
        temperature=0,
        stop=["\n\n\n"],
        echo=False,
        logprobs=None,
    )
    text = ""
    for event in client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt=["Tell a story"], stream=True, max_tokens=5
    ):
        text += event.choices[0].text
    return (
        wires(server),
        completion.choices[0].text.strip(),
        str(completion),
        text,
        completion.usage.total_tokens,
    )


@program
def models_listed_and_retrieved(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    model = {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"}
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [model, {**model, "id": "ft:gpt-4o:acme::x", "owned_by": "acme"}],
            }
        ),
        Reply.json(model),
        Reply.json({"id": "ft:gpt-4o:acme::x", "object": "model", "deleted": True}),
    )
    models = client.models.list()
    names = sorted(m.id for m in models if m.id.startswith(("gpt", "ft:")))
    one = client.models.retrieve("gpt-4o")
    gone = client.models.delete("ft:gpt-4o:acme::x")
    return (
        wires(server),
        names,
        [m.owned_by for m in models.data],
        str(one),
        one.model_dump(),
        repr(gone),
        len(list(models)),
    )


# --- async ----------------------------------------------------------------------------------------


@async_program
async def async_stream_printed_then_closed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(text_chunks("A", "B"), text_chunks("C", "D"), streamed_tool_calls())
    text = ""
    stream = await client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    usage = None
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
        if chunk.usage:
            usage = chunk.usage.total_tokens
    second = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    async with second:
        async for chunk in second:
            first_piece = chunk.choices[0].delta.content
            break
    await second.close()
    calls: dict[int, list[str]] = {}
    async for chunk in await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], tools=TOOLS, stream=True
    ):
        for choice in chunk.choices:
            for tc in choice.delta.tool_calls or []:
                entry = calls.setdefault(tc.index, [tc.function.name or "", ""])
                entry[1] += tc.function.arguments or ""
    return wires(server), text, usage, first_piece, calls


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
