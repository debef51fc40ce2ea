"""Sweep J: a support bot's chat code as written for the official SDK (message dict literals,
tools, the tool-call loop, streaming, the stream helper, stored completions, the module client),
with ``reveal_type`` where its author's editor shows a type: each must be the SDK's."""

from __future__ import annotations

import json
from typing import List

import openai
from openai import OpenAI
from openai.types.chat import ChatCompletionMessageParam, ChatCompletionToolParam
from typing_extensions import reveal_type

client = OpenAI()

tools: List[ChatCompletionToolParam] = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        },
    }
]
messages: List[ChatCompletionMessageParam] = [
    {"role": "system", "content": "You are helpful."},
    {"role": "user", "content": "Weather in Paris?"},
]


def answer() -> str:
    completion = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
    reveal_type(completion)
    reveal_type(completion.id)
    reveal_type(completion.created)
    reveal_type(completion.object)
    reveal_type(completion.service_tier)
    reveal_type(completion.system_fingerprint)
    reveal_type(completion.usage)
    reveal_type(completion.choices)
    reveal_type(completion._request_id)
    choice = completion.choices[0]
    reveal_type(choice.index)
    reveal_type(choice.finish_reason)
    reveal_type(choice.logprobs)
    message = choice.message
    reveal_type(message)
    reveal_type(message.content)
    reveal_type(message.role)
    reveal_type(message.refusal)
    reveal_type(message.tool_calls)
    reveal_type(message.audio)
    reveal_type(message.annotations)
    reveal_type(message.function_call)
    reveal_type(message.model_dump())
    reveal_type(message.to_dict())
    reveal_type(message.to_json())
    usage = completion.usage
    if usage is not None:
        reveal_type(usage.prompt_tokens)
        reveal_type(usage.completion_tokens_details)
        if usage.prompt_tokens_details is not None:
            reveal_type(usage.prompt_tokens_details.cached_tokens)
    for call in message.tool_calls or []:
        reveal_type(call.type)
        if call.type == "function":
            reveal_type(call)
            reveal_type(call.function.arguments)
            arguments = json.loads(call.function.arguments)
            messages.append(
                {"role": "tool", "tool_call_id": call.id, "content": json.dumps(arguments)}
            )
        else:
            reveal_type(call)
            reveal_type(call.custom.input)
    messages.append({"role": "assistant", "content": message.content})
    return message.content or ""


def stream_answer() -> str:
    parts: List[str] = []
    stream = client.chat.completions.create(model="gpt-4o", messages=messages, stream=True)
    reveal_type(stream)
    for chunk in stream:
        reveal_type(chunk)
        reveal_type(chunk.usage)
        reveal_type(chunk.object)
        if not chunk.choices:
            continue
        delta = chunk.choices[0].delta
        reveal_type(delta)
        reveal_type(delta.content)
        reveal_type(delta.role)
        reveal_type(delta.refusal)
        reveal_type(chunk.choices[0].finish_reason)
        for tool_call in delta.tool_calls or []:
            reveal_type(tool_call.index)
            reveal_type(tool_call.id)
            if tool_call.function is not None:
                reveal_type(tool_call.function.arguments)
                reveal_type(tool_call.function.name)
        parts.append(delta.content or "")
    return "".join(parts)


def maybe_streamed(stream: bool) -> None:
    reveal_type(client.chat.completions.create(model="gpt-4o", messages=messages, stream=stream))


def stream_helper() -> str:
    with client.chat.completions.stream(model="gpt-4o", messages=messages) as stream:
        reveal_type(stream)
        for event in stream:
            if event.type == "content.delta":
                reveal_type(event.delta)
                reveal_type(event.snapshot)
            elif event.type == "tool_calls.function.arguments.delta":
                reveal_type(event.name)
                reveal_type(event.arguments_delta)
            elif event.type == "chunk":
                reveal_type(event.chunk)
                reveal_type(event.snapshot)
        final = stream.get_final_completion()
        reveal_type(final)
        reveal_type(final.choices[0].message.parsed)
        reveal_type(stream.current_completion_snapshot)
    return final.choices[0].message.content or ""


def legacy_and_stored() -> None:
    legacy = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Say hi")
    reveal_type(legacy)
    reveal_type(legacy.choices[0].text)
    reveal_type(legacy.choices[0].finish_reason)
    reveal_type(legacy.choices[0].logprobs)
    reveal_type(client.completions.create(model="gpt-3.5-turbo-instruct", prompt="x", stream=True))
    reveal_type(client.chat.completions.retrieve("chatcmpl-1"))
    reveal_type(client.chat.completions.list(limit=10))
    reveal_type(client.chat.completions.messages.list("chatcmpl-1"))
    deleted = client.chat.completions.delete("chatcmpl-1")
    reveal_type(deleted.deleted)


def module_client() -> None:
    openai.api_key = "sk-test"
    reveal_type(openai.chat.completions.create(model="gpt-4o", messages=messages))
    reveal_type(openai.files.list())
    # every top-level resource both packages ship (the SDK's live, safety, decisions: not here)
    reveal_type(openai.admin)
    reveal_type(openai.audio)
    reveal_type(openai.batches)
    reveal_type(openai.beta)
    reveal_type(openai.chat)
    reveal_type(openai.completions)
    reveal_type(openai.containers)
    reveal_type(openai.content_provenance_checks)
    reveal_type(openai.conversations)
    reveal_type(openai.embeddings)
    reveal_type(openai.evals)
    reveal_type(openai.files)
    reveal_type(openai.fine_tuning)
    reveal_type(openai.images)
    reveal_type(openai.models)
    reveal_type(openai.moderations)
    reveal_type(openai.realtime)
    reveal_type(openai.responses)
    reveal_type(openai.skills)
    reveal_type(openai.uploads)
    reveal_type(openai.vector_stores)
    reveal_type(openai.videos)
    reveal_type(openai.webhooks)
