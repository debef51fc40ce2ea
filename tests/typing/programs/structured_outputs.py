"""Structured outputs: parse() with pydantic models, ParsedChatCompletion[T], function tools built
from models, the chat streaming helper, and refusals."""

from __future__ import annotations

from enum import Enum
from typing import List

import openai
from openai import AsyncOpenAI, LengthFinishReasonError, OpenAI
from openai.lib.streaming.chat import ChatCompletionStreamState
from openai.types.chat import (
    ChatCompletionMessageParam,
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
)
from pydantic import BaseModel, Field


class Priority(str, Enum):
    low = "low"
    high = "high"


class Step(BaseModel):
    explanation: str
    output: str


class MathReasoning(BaseModel):
    steps: List[Step]
    final_answer: str


class Ticket(BaseModel):
    title: str
    priority: Priority
    tags: List[str] = Field(default_factory=list)
    assignee: str | None = None


class GetWeather(BaseModel):
    """Look up the weather."""

    city: str
    unit: str | None = None


client = OpenAI()


def solve(question: str) -> MathReasoning | None:
    messages: List[ChatCompletionMessageParam] = [
        {"role": "system", "content": "You are a helpful math tutor."},
        {"role": "user", "content": question},
    ]
    completion: ParsedChatCompletion[MathReasoning] = client.chat.completions.parse(
        model="gpt-4o-2024-08-06", messages=messages, response_format=MathReasoning
    )
    choice: ParsedChoice[MathReasoning] = completion.choices[0]
    message: ParsedChatCompletionMessage[MathReasoning] = choice.message
    if message.refusal:
        print(message.refusal)
        return None
    parsed = message.parsed
    if parsed is not None:
        for step in parsed.steps:
            print(step.explanation, step.output)
    return parsed


def triage(text: str) -> Ticket:
    try:
        completion = client.beta.chat.completions.parse(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": text}],
            response_format=Ticket,
            max_completion_tokens=500,
        )
    except LengthFinishReasonError as err:
        print(err.completion.usage)
        raise
    except openai.ContentFilterFinishReasonError:
        raise
    ticket = completion.choices[0].message.parsed
    assert ticket is not None
    print(ticket.priority.value, ticket.tags, completion.usage)
    return ticket


def with_tools(question: str) -> None:
    completion = client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": question}],
        tools=[
            openai.pydantic_function_tool(GetWeather),
            openai.pydantic_function_tool(Step, name="step"),
        ],
    )
    for call in completion.choices[0].message.tool_calls or []:
        args = call.function.parsed_arguments
        if isinstance(args, GetWeather):
            print(args.city)
        print(call.function.name, call.function.arguments)


def stream_parse(question: str) -> MathReasoning | None:
    with client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": question}],
        response_format=MathReasoning,
    ) as stream:
        for event in stream:
            if event.type == "content.delta":
                print(event.delta, end="")
                if event.parsed is not None:
                    print(event.parsed)
            elif event.type == "content.done":
                print(event.content)
            elif event.type == "refusal.delta":
                print(event.delta)
            elif event.type == "chunk":
                print(event.chunk.id)
        final = stream.get_final_completion()
    return final.choices[0].message.parsed


def stream_text(question: str) -> str:
    with client.beta.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": question}]
    ) as stream:
        for text in stream:
            print(text.type)
        completion = stream.get_final_completion()
    return completion.choices[0].message.content or ""


async def astream_parse(aclient: AsyncOpenAI, question: str) -> Ticket | None:
    async with aclient.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": question}], response_format=Ticket
    ) as stream:
        async for event in stream:
            if event.type == "content.done" and event.parsed is not None:
                print(event.parsed.title)
        completion = await stream.get_final_completion()
    return completion.choices[0].message.parsed


async def aparse(aclient: AsyncOpenAI) -> ParsedChatCompletion[Ticket]:
    return await aclient.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], response_format=Ticket
    )


def accumulate(question: str) -> None:
    state = ChatCompletionStreamState()
    for chunk in client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": question}], stream=True
    ):
        state.handle_chunk(chunk)
    final = state.get_final_completion()
    print(final.choices[0].message.content)
