"""A chat assistant: message history as dict literals, tools, streaming, options, errors."""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List

import httpx
import openai
from openai import (
    NOT_GIVEN,
    APIConnectionError,
    APIStatusError,
    AsyncOpenAI,
    AsyncStream,
    NotGiven,
    Omit,
    OpenAI,
    RateLimitError,
    Stream,
    omit,
)
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionAssistantMessageParam,
    ChatCompletionChunk,
    ChatCompletionMessage,
    ChatCompletionMessageParam,
    ChatCompletionMessageToolCall,
    ChatCompletionSystemMessageParam,
    ChatCompletionToolChoiceOptionParam,
    ChatCompletionToolMessageParam,
    ChatCompletionToolParam,
    ChatCompletionUserMessageParam,
)
from openai.types.chat.chat_completion import Choice
from openai.types.completion_usage import CompletionUsage
from openai.types.shared_params import FunctionDefinition

client = OpenAI(api_key="sk-test", timeout=httpx.Timeout(30.0, connect=5.0), max_retries=2)


def timeout_or_default(seconds: float | None) -> float | NotGiven:
    return NOT_GIVEN if seconds is None else seconds


WEATHER_TOOL: ChatCompletionToolParam = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
            "additionalProperties": False,
        },
        "strict": True,
    },
}

SEARCH_FUNCTION: FunctionDefinition = {"name": "search", "parameters": {"type": "object"}}
TOOLS: List[ChatCompletionToolParam] = [
    WEATHER_TOOL,
    {"type": "function", "function": SEARCH_FUNCTION},
]


def system(text: str) -> ChatCompletionSystemMessageParam:
    return {"role": "system", "content": text}


def user(text: str) -> ChatCompletionUserMessageParam:
    return {"role": "user", "content": text}


def history(question: str, image_url: str | None = None) -> List[ChatCompletionMessageParam]:
    messages: List[ChatCompletionMessageParam] = [system("You are terse."), user(question)]
    if image_url:
        messages.append(
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is in this image?"},
                    {"type": "image_url", "image_url": {"url": image_url, "detail": "low"}},
                ],
            }
        )
    return messages


def run_tool(call: ChatCompletionMessageToolCall) -> str:
    args: Dict[str, Any] = json.loads(call.function.arguments)
    return json.dumps({"city": args.get("city"), "temp_c": 21})


def answer(
    question: str,
    *,
    temperature: float | Omit = omit,
    tool_choice: ChatCompletionToolChoiceOptionParam = "auto",
) -> str:
    messages = history(question)
    completion: ChatCompletion = client.chat.completions.create(
        model="gpt-4o",
        messages=messages,
        tools=TOOLS,
        tool_choice=tool_choice,
        temperature=temperature,
        user="user-1",
        metadata={"app": "bot"},
    )
    choice: Choice = completion.choices[0]
    message: ChatCompletionMessage = choice.message
    if message.tool_calls:
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
                if call.type == "function"
            ],
        }
        messages.append(assistant)
        for call in message.tool_calls:
            if call.type != "function":
                continue
            result: ChatCompletionToolMessageParam = {
                "role": "tool",
                "tool_call_id": call.id,
                "content": run_tool(call),
            }
            messages.append(result)
        completion = client.chat.completions.create(model="gpt-4o", messages=messages)
        message = completion.choices[0].message
    messages.append(message.model_dump(exclude_none=True))  # type: ignore[arg-type]
    usage: CompletionUsage | None = completion.usage
    if usage is not None:
        print(usage.prompt_tokens, usage.completion_tokens, usage.total_tokens)
    return message.content or ""


def answer_as_dict(messages: Iterable[ChatCompletionMessageParam]) -> Dict[str, Any]:
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=messages,
        response_format={"type": "json_object"},
        seed=7,
        max_completion_tokens=200,
        stop=["\n\n"],
        logit_bias={"50256": -100},
        n=1,
    )
    answer: Dict[str, Any] = json.loads(completion.choices[0].message.content or "{}")
    return answer


def structured(messages: List[ChatCompletionMessageParam]) -> str | None:
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=messages,
        response_format={
            "type": "json_schema",
            "json_schema": {
                "name": "answer",
                "strict": True,
                "schema": {
                    "type": "object",
                    "properties": {"value": {"type": "string"}},
                    "required": ["value"],
                    "additionalProperties": False,
                },
            },
        },
    )
    return completion.choices[0].message.content


def stream_answer(question: str) -> str:
    parts: List[str] = []
    stream: Stream[ChatCompletionChunk] = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": question}],
        stream=True,
        stream_options={"include_usage": True},
    )
    with stream:
        for chunk in stream:
            if chunk.usage:
                print(chunk.usage.total_tokens)
            for choice in chunk.choices:
                delta = choice.delta
                if delta.content:
                    parts.append(delta.content)
                for tool_call in delta.tool_calls or []:
                    if tool_call.function and tool_call.function.arguments:
                        parts.append(tool_call.function.arguments)
    stream.close()
    return "".join(parts)


async def astream_answer(aclient: AsyncOpenAI, question: str) -> str:
    parts: List[str] = []
    stream: AsyncStream[ChatCompletionChunk] = await aclient.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": question}],
        stream=True,
    )
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content is not None:
            parts.append(chunk.choices[0].delta.content)
    await stream.close()
    return "".join(parts)


async def agather(aclient: AsyncOpenAI) -> ChatCompletion:
    async with aclient:
        return await aclient.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "developer", "content": "hi"}],
            timeout=timeout_or_default(5.0),
        )


def with_options_calls() -> None:
    fast = client.with_options(timeout=5.0, max_retries=0)
    fast.chat.completions.create(model="gpt-4o", messages=[user("ping")])
    client.with_options(default_headers={"X-Team": "a"}).models.list()
    copied = client.copy(organization="org-1", project="proj-1")
    print(copied.organization, copied.project, copied.base_url, copied.api_key, copied.max_retries)
    client.chat.completions.create(
        model="gpt-4o",
        messages=[user("x")],
        extra_headers={"X-Trace": "1"},
        extra_query={"debug": "1"},
        extra_body={"custom": True},
        timeout=httpx.Timeout(10.0),
    )


def guarded(question: str) -> str:
    try:
        return answer(question)
    except RateLimitError as err:
        print(err.status_code, err.response.headers.get("retry-after"), err.body, err.request_id)
        raise
    except openai.BadRequestError as err:
        print(err.code, err.param, err.type, err.message)
        return ""
    except APIStatusError as err:
        print(err.status_code, err.response.text)
        raise
    except openai.APITimeoutError:
        return "timeout"
    except APIConnectionError as err:
        print(err.request.url, err.__cause__)
        raise
    except openai.OpenAIError as err:
        print(err)
        raise
