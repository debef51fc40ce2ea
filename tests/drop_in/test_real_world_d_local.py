"""Real-world sweep D, the 1.x client pointed at OpenAI-compatible servers (the "use the OpenAI SDK
with Ollama / vLLM / LM Studio / Groq" posts): answers that lack fields, carry extra ones
(`reasoning_content`, `x_groq`, `stop_reason`), empty tool-call lists, floats where the API sends
integers, embeddings as plain floats, and their error shapes — each run against both packages (see
real_world_d).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import sse

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def ollama_answer(message: dict[str, Any], finish_reason: Any = "stop", **extra: Any) -> Any:
    return {
        "id": "chatcmpl-614",
        "object": "chat.completion",
        "created": 1733000000,
        "model": "llama3.2",
        "system_fingerprint": "fp_ollama",
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 26, "completion_tokens": 9, "total_tokens": 35},
        **extra,
    }


def vllm_answer(message: dict[str, Any]) -> Any:
    return {
        "id": "chatcmpl-9f1",
        "object": "chat.completion",
        "created": 1733000000,
        "model": "Qwen/Qwen2.5-7B-Instruct",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "tool_calls": [],
                    "reasoning_content": None,
                    **message,
                },
                "logprobs": None,
                "finish_reason": "stop",
                "stop_reason": None,
            }
        ],
        "usage": {
            "prompt_tokens": 20,
            "total_tokens": 30,
            "completion_tokens": 10,
            "prompt_tokens_details": None,
        },
        "prompt_logprobs": None,
        "kv_transfer_params": None,
    }


@program
def ollama_chat_and_history(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(ollama_answer({"role": "assistant", "content": "Hello! How can I help?"})),
        Reply.json(ollama_answer({"role": "assistant", "content": "Paris."})),
    )
    messages: list[Any] = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "Hi"},
    ]
    first = client.chat.completions.create(model="llama3.2", messages=messages)
    messages.append(first.choices[0].message)
    messages.append({"role": "user", "content": "Capital of France?"})
    second = client.chat.completions.create(model="llama3.2", messages=messages, temperature=0.2)
    return (
        first.choices[0].message.content,
        second.choices[0].message.content,
        first.choices[0].logprobs,
        first.service_tier,
        second.usage.total_tokens,
        first.choices[0].message.model_dump(exclude_none=True),
        server.requests[1].json()["messages"][2],
    )


@program
def vllm_extra_fields_and_reasoning(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    answer = vllm_answer({"content": "42", "reasoning_content": "Let me think... 6 * 7."})
    server.reply(Reply.json(answer))
    completion = client.chat.completions.create(
        model="Qwen/Qwen2.5-7B-Instruct",
        messages=[{"role": "user", "content": "6 * 7?"}],
        extra_body={"top_k": 20, "chat_template_kwargs": {"enable_thinking": True}},
    )
    message = completion.choices[0].message
    return (
        message.content,
        message.tool_calls,
        getattr(message, "reasoning_content", None),
        message.model_extra,
        completion.choices[0].model_extra,
        completion.model_extra,
        completion.usage.prompt_tokens_details,
        completion.to_dict()["choices"][0]["stop_reason"],
        json.loads(completion.model_dump_json())["prompt_logprobs"],
    )


@program
def odd_values_from_compatible_servers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    odd = {
        "id": "cmpl-1",
        "object": "chat.completion",
        "created": 1733000000.75,
        "model": "local-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "done"},
                "finish_reason": "eos",
            },
            {"index": 1, "message": {"role": "assistant", "content": None}, "finish_reason": None},
        ],
        "usage": {
            "prompt_tokens": 5,
            "completion_tokens": 1,
            "total_tokens": 6,
            "queue_time": 0.01,
        },
        "x_groq": {"id": "req_01"},
        "stats": {},
    }
    lean = {"choices": [{"message": {"content": "bare"}}]}
    server.reply(Reply.json(odd), Reply.json(lean))
    first = client.chat.completions.create(
        model="local-model", messages=[{"role": "user", "content": "x"}]
    )
    second = client.chat.completions.create(
        model="bare", messages=[{"role": "user", "content": "x"}]
    )
    return (
        first.created,
        [c.finish_reason for c in first.choices],
        first.x_groq,
        first.usage.model_extra,
        first.to_dict()["created"],
        second.choices[0].message.content,
        second.id,
        second.choices[0].index,
        second.usage,
        second.to_dict(),
    )


@program
def ollama_tool_calls(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    call = {
        "id": "call_ab12",
        "index": 0,
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city":"Toronto"}'},
    }
    server.reply(
        Reply.json(
            ollama_answer({"role": "assistant", "content": "", "tool_calls": [call]}, "tool_calls")
        )
    )
    completion = client.chat.completions.create(
        model="llama3.1",
        messages=[{"role": "user", "content": "Weather and time in Toronto?"}],
        tools=[
            {
                "type": "function",
                "function": {
                    "name": "get_weather",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
                },
            }
        ],
    )
    calls = completion.choices[0].message.tool_calls
    return (
        [(type(c).__name__, c.id, c.function.name, c.function.arguments) for c in calls],
        [getattr(c, "type", None) for c in calls],
        completion.choices[0].message.model_dump()["tool_calls"],
    )


@program
def local_stream_without_usage_and_roles(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    def chunk(delta: dict[str, Any], finish_reason: Any = None) -> Any:
        return {
            "id": "chatcmpl-s",
            "object": "chat.completion.chunk",
            "created": 1733000000,
            "model": "llama3.2",
            "system_fingerprint": "fp_ollama",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
        }

    server.reply(
        sse(
            [
                chunk({"role": "assistant", "content": "Once"}),
                chunk({"content": " upon"}),
                chunk({"content": " a time"}),
                chunk({"role": "assistant", "content": ""}, "stop"),
            ]
        ),
        sse([chunk({"content": "Hi"}), chunk({}, "stop")]),
    )
    pieces = []
    for part in client.chat.completions.create(
        model="llama3.2", messages=[{"role": "user", "content": "story"}], stream=True
    ):
        pieces.append(
            (part.choices[0].delta.content or "", part.choices[0].finish_reason, part.usage)
        )
    with client.beta.chat.completions.stream(
        model="llama3.2", messages=[{"role": "user", "content": "hi"}]
    ) as stream:
        kinds = [event.type for event in stream]
    final = stream.get_final_completion()
    return pieces, kinds, final.choices[0].message.content, final.usage


class Person(BaseModel):
    name: str
    age: int


@program
def local_structured_output(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            ollama_answer(
                {"role": "assistant", "content": '\n{\n  "name": "Ada",\n  "age": 36\n}\n'}
            )
        ),
        Reply.json(ollama_answer({"role": "assistant", "content": '{"name": "Ada"}'})),
    )
    parsed = client.beta.chat.completions.parse(
        model="llama3.1",
        messages=[{"role": "user", "content": "Ada Lovelace was 36."}],
        response_format=Person,
    )
    outcome: Any
    try:
        client.beta.chat.completions.parse(
            model="llama3.1", messages=[{"role": "user", "content": "x"}], response_format=Person
        )
        outcome = "parsed"
    except Exception as error:
        outcome = (type(error).__name__, isinstance(error, ValueError))
    return parsed.choices[0].message.parsed.model_dump(), outcome


@program
def ollama_embeddings_as_floats(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(
        {
            "object": "list",
            "data": [{"object": "embedding", "embedding": [0.1, -0.2, 0.3], "index": 0}],
            "model": "nomic-embed-text",
            "usage": {"prompt_tokens": 4, "total_tokens": 4},
        }
    )
    default = client.embeddings.create(model="nomic-embed-text", input="hello")
    floats = client.embeddings.create(
        model="nomic-embed-text", input=["hello"], encoding_format="float"
    )
    return default.data[0].embedding, floats.data[0].embedding, default.usage.total_tokens


@program
def compatible_servers_error_shapes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "object": "error",
                "message": "model 'x' not found",
                "type": "NotFoundError",
                "param": None,
                "code": 404,
            },
            status=404,
        ),
        Reply.json({"error": 'model "llama9" not found, try pulling it first'}, status=404),
        Reply.json({"detail": "Not Found"}, status=404),
        Reply.raw(b"Internal Server Error", status=500, content_type="text/plain"),
    )
    seen = []
    for model in ("x", "llama9", "y", "z"):
        try:
            client.chat.completions.create(model=model, messages=[{"role": "user", "content": "x"}])
        except openai.APIStatusError as error:
            seen.append(
                (
                    type(error).__name__,
                    error.status_code,
                    error.body,
                    error.code,
                    error.type,
                    error.param,
                    error.message,
                )
            )
    return seen


@program
def tool_call_without_a_type(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Some OpenAI-compatible servers (older Ollama and llama.cpp builds) leave out a tool call's
    `type` and send its arguments as an object: the call is built as the first kind of tool call."""
    untyped = {"id": "call_cd34", "function": {"name": "get_time", "arguments": {"tz": "EST"}}}
    message = {"role": "assistant", "content": "", "tool_calls": [untyped]}
    server.reply(Reply.json(ollama_answer(message, "tool_calls")))
    completion = client.chat.completions.create(
        model="llama3.1", messages=[{"role": "user", "content": "Time in Toronto?"}]
    )
    call = completion.choices[0].message.tool_calls[0]
    return type(call).__name__, call.id, call.function.name, call.function.arguments


@async_program
async def async_local_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chunk = {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "ok"}, "finish_reason": "stop"}],
    }
    server.reply(sse([chunk]))
    stream = await client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "x"}], stream=True
    )
    texts = [part.choices[0].delta.content async for part in stream]
    return texts


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)
