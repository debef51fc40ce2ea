"""Sweep W, request parameters typed as tool-calling loops type them: a chat history
``list[ChatCompletionMessageParam]`` grown with assistant tool calls and tool results, tools built
from a registry of JSON schemas, ``tool_choice`` and ``response_format`` kept in variables, and a
Responses loop whose ``Iterable[ResponseInputItemParam]`` history takes the model's output items
and ``function_call_output`` items — with ``reveal_type`` where its author's editor shows a type."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from openai import OpenAI
from openai.types.chat import (
    ChatCompletionAssistantMessageParam,
    ChatCompletionMessageParam,
    ChatCompletionMessageToolCall,
    ChatCompletionNamedToolChoiceParam,
    ChatCompletionToolChoiceOptionParam,
    ChatCompletionToolMessageParam,
    ChatCompletionToolParam,
    ChatCompletionUserMessageParam,
)
from openai.types.chat.completion_create_params import ResponseFormat
from openai.types.responses import (
    FunctionToolParam,
    ResponseFunctionToolCall,
    ResponseInputItemParam,
    ResponseInputParam,
    ToolParam,
)
from openai.types.responses.response_input_param import FunctionCallOutput
from openai.types.shared_params import FunctionDefinition
from typing_extensions import reveal_type

client = OpenAI()

REGISTRY: dict[str, tuple[dict[str, Any], Callable[..., Any]]] = {
    "get_weather": (
        {"type": "object", "properties": {"city": {"type": "string"}}},
        lambda city: 21,
    ),
}


def chat_tools() -> list[ChatCompletionToolParam]:
    tools: list[ChatCompletionToolParam] = []
    for name, (schema, _) in REGISTRY.items():
        function: FunctionDefinition = {"name": name, "parameters": schema, "strict": False}
        tools.append({"type": "function", "function": function})
    return tools


def run_chat(question: str) -> str | None:
    user: ChatCompletionUserMessageParam = {"role": "user", "content": question}
    messages: list[ChatCompletionMessageParam] = [user]
    choice: ChatCompletionToolChoiceOptionParam = "auto"
    forced: ChatCompletionNamedToolChoiceParam = {
        "type": "function",
        "function": {"name": "get_weather"},
    }
    fmt: ResponseFormat = {"type": "json_object"}
    while True:
        completion = client.chat.completions.create(
            model="gpt-4o", messages=messages, tools=chat_tools(), tool_choice=choice
        )
        message = completion.choices[0].message
        if not message.tool_calls:
            return message.content
        assistant: ChatCompletionAssistantMessageParam = {
            "role": "assistant",
            "content": message.content,
            "tool_calls": [
                {
                    "id": call.id,
                    "type": "function",
                    "function": {"name": call.function.name, "arguments": call.function.arguments},
                }
                for call in message.tool_calls
                if isinstance(call, ChatCompletionMessageToolCall)
            ],
        }
        messages.append(assistant)
        for call in message.tool_calls:
            reveal_type(call)
            if not isinstance(call, ChatCompletionMessageToolCall):
                continue
            _, fn = REGISTRY[call.function.name]
            result: ChatCompletionToolMessageParam = {
                "role": "tool",
                "tool_call_id": call.id,
                "content": json.dumps(fn(**json.loads(call.function.arguments))),
            }
            messages.append(result)
        choice = forced if len(messages) > 10 else "auto"
        client.chat.completions.create(model="gpt-4o", messages=messages, response_format=fmt)


def responses_tools() -> list[ToolParam]:
    tools: list[ToolParam] = []
    for name, (schema, _) in REGISTRY.items():
        tool: FunctionToolParam = {
            "type": "function",
            "name": name,
            "parameters": schema,
            "strict": True,
        }
        tools.append(tool)
    tools.append({"type": "web_search"})
    return tools


def outputs(call: ResponseFunctionToolCall) -> FunctionCallOutput:
    _, fn = REGISTRY[call.name]
    return {
        "type": "function_call_output",
        "call_id": call.call_id,
        "output": json.dumps(fn(**json.loads(call.arguments))),
    }


def run_responses(question: str) -> str:
    history: list[ResponseInputItemParam] = [{"role": "user", "content": question}]
    response = client.responses.create(model="gpt-4.1", input=history, tools=responses_tools())
    reveal_type(response.output)
    for item in response.output:
        if item.type == "function_call":
            reveal_type(item)
            history.append(outputs(item))
    follow_up: ResponseInputParam = history
    again = client.responses.create(
        model="gpt-4.1", input=follow_up, previous_response_id=response.id
    )
    return again.output_text


def as_input(turns: Iterable[tuple[str, str]]) -> Iterable[ResponseInputItemParam]:
    for role, text in turns:
        if role == "developer":
            yield {"role": "developer", "content": text, "type": "message"}
        else:
            yield {"role": "user", "content": [{"type": "input_text", "text": text}]}


reveal_type(client.responses.create(model="gpt-4.1", input=list(as_input([("user", "hi")]))))
