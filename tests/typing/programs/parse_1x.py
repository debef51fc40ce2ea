"""The 1.x structured-output helpers under their beta paths, typed as blog posts type them: the
stream's event classes imported by name, the parsed tool call class, the stream manager, the
tool params `pydantic_function_tool` returns."""

from __future__ import annotations

from typing import List, Union

import openai
from openai import AsyncOpenAI, ContentFilterFinishReasonError, LengthFinishReasonError, OpenAI
from openai.lib.streaming.chat import (
    ChatCompletionStream,
    ChatCompletionStreamEvent,
    ChatCompletionStreamManager,
    ChunkEvent,
    ContentDeltaEvent,
    ContentDoneEvent,
    FunctionToolCallArgumentsDeltaEvent,
    FunctionToolCallArgumentsDoneEvent,
    LogprobsContentDeltaEvent,
    RefusalDeltaEvent,
    RefusalDoneEvent,
)
from openai.types.chat import (
    ChatCompletionMessageParam,
    ChatCompletionToolParam,
    ParsedChatCompletion,
    ParsedFunctionToolCall,
)
from pydantic import BaseModel

client = OpenAI()


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: List[Step]
    final_answer: str


class GetWeather(BaseModel):
    city: str


TOOLS: List[ChatCompletionToolParam] = [
    openai.pydantic_function_tool(GetWeather),
    openai.pydantic_function_tool(GetWeather, name="weather", description="Weather now."),
]
MESSAGES: List[ChatCompletionMessageParam] = [
    {"role": "system", "content": "You are a helpful math tutor."},
    {"role": "user", "content": "solve 8x + 31 = 2"},
]


def solve() -> MathResponse | None:
    try:
        completion: ParsedChatCompletion[MathResponse] = client.beta.chat.completions.parse(
            model="gpt-4o-2024-08-06", messages=MESSAGES, response_format=MathResponse
        )
    except LengthFinishReasonError as error:
        print(error.completion.usage)
        return None
    except ContentFilterFinishReasonError:
        return None
    message = completion.choices[0].message
    if message.refusal:
        print(message.refusal)
    return message.parsed


def tool_calls() -> List[GetWeather]:
    completion = client.beta.chat.completions.parse(
        model="gpt-4o-2024-08-06", messages=MESSAGES, tools=TOOLS
    )
    found: List[GetWeather] = []
    for call in completion.choices[0].message.tool_calls or []:
        parsed: ParsedFunctionToolCall = call
        arguments = parsed.function.parsed_arguments
        if isinstance(arguments, GetWeather):
            found.append(arguments)
    return found


def describe(event: ChatCompletionStreamEvent[MathResponse]) -> str:
    if isinstance(event, ContentDeltaEvent):
        return event.delta + event.snapshot
    if isinstance(event, ContentDoneEvent):
        return event.content
    if isinstance(event, RefusalDeltaEvent):
        return event.delta
    if isinstance(event, RefusalDoneEvent):
        return event.refusal
    if isinstance(event, FunctionToolCallArgumentsDeltaEvent):
        return f"{event.name}[{event.index}] {event.arguments_delta}"
    if isinstance(event, FunctionToolCallArgumentsDoneEvent):
        return event.arguments
    if isinstance(event, LogprobsContentDeltaEvent):
        return str(len(event.content))
    if isinstance(event, ChunkEvent):
        return event.chunk.id
    return event.type


def stream() -> Union[MathResponse, None]:
    manager: ChatCompletionStreamManager[MathResponse] = client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06", messages=MESSAGES, response_format=MathResponse
    )
    with manager as live:
        opened: ChatCompletionStream[MathResponse] = live
        for event in opened:
            print(describe(event))
            if event.type == "content.delta" and event.parsed is not None:
                print(event.parsed)
        final = opened.get_final_completion()
    return final.choices[0].message.parsed


async def astream(aclient: AsyncOpenAI) -> str:
    async with aclient.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06", messages=MESSAGES, tools=TOOLS
    ) as live:
        async for event in live:
            if event.type == "tool_calls.function.arguments.done":
                print(event.parsed_arguments)
        await live.until_done()
        completion = await live.get_final_completion()
    return completion.choices[0].message.content or ""
