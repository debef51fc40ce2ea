"""Sweep J: an agent loop on the Responses API as written for the official SDK (an input list
grown turn by turn, function tools, output items narrowed by type, streaming events, parse with a
text_format, the stream helper), with ``reveal_type`` where its author's editor shows a type."""

from __future__ import annotations

from typing import List

from openai import AsyncOpenAI, OpenAI
from openai.types.responses import ResponseInputParam, ToolParam
from pydantic import BaseModel
from typing_extensions import reveal_type

client = OpenAI()


class Ticket(BaseModel):
    title: str
    priority: int


tools: List[ToolParam] = [
    {"type": "function", "name": "lookup", "parameters": {"type": "object"}, "strict": True},
]


def agent_turns(question: str) -> str:
    items: ResponseInputParam = [{"role": "user", "content": question}]
    response = client.responses.create(model="gpt-4.1", input=items, tools=tools)
    reveal_type(response)
    reveal_type(response.output_text)
    reveal_type(response.status)
    reveal_type(response.usage)
    reveal_type(response.error)
    reveal_type(response.incomplete_details)
    reveal_type(response.previous_response_id)
    reveal_type(response.reasoning)
    reveal_type(response.created_at)
    reveal_type(response.metadata)
    reveal_type(response.temperature)
    reveal_type(response.parallel_tool_calls)
    if response.usage is not None:
        reveal_type(response.usage.input_tokens)
        reveal_type(response.usage.output_tokens_details.reasoning_tokens)
        reveal_type(response.usage.input_tokens_details.cached_tokens)
    for item in response.output:
        if item.type == "message":
            reveal_type(item)
            reveal_type(item.role)
            reveal_type(item.status)
            for part in item.content:
                if part.type == "output_text":
                    reveal_type(part.text)
                else:
                    reveal_type(part.refusal)
        elif item.type == "function_call":
            reveal_type(item)
            reveal_type(item.arguments)
            reveal_type(item.call_id)
            reveal_type(item.id)
            reveal_type(item.status)
            items.append(
                {
                    "type": "function_call_output",
                    "call_id": item.call_id,
                    "output": "{}",
                }
            )
        elif item.type == "reasoning":
            reveal_type(item.encrypted_content)
        elif item.type == "image_generation_call":
            reveal_type(item.result)
    items.extend([{"role": "user", "content": "thanks"}])
    follow_up = client.responses.create(
        model="gpt-4.1", input=items, previous_response_id=response.id
    )
    return follow_up.output_text


def stream_events() -> str:
    text = ""
    stream = client.responses.create(model="gpt-4.1", input="hi", stream=True)
    for event in stream:
        if event.type == "response.output_text.delta":
            reveal_type(event)
            reveal_type(event.delta)
            reveal_type(event.sequence_number)
            text += event.delta
        elif event.type == "response.completed":
            reveal_type(event.response)
        elif event.type == "response.function_call_arguments.done":
            reveal_type(event.arguments)
        elif event.type == "error":
            reveal_type(event.message)
            reveal_type(event.code)
        elif event.type == "response.reasoning_summary_text.delta":
            reveal_type(event.delta)
    return text


def parsed_ticket() -> Ticket | None:
    parsed = client.responses.parse(model="gpt-4.1", input="x", text_format=Ticket)
    reveal_type(parsed)
    reveal_type(parsed.output_parsed)
    for out in parsed.output:
        if out.type == "message":
            for content in out.content:
                if content.type == "output_text":
                    reveal_type(content.parsed)
    return parsed.output_parsed


def stream_helper() -> Ticket | None:
    with client.responses.stream(model="gpt-4.1", input="x", text_format=Ticket) as stream:
        reveal_type(stream)
        for event in stream:
            if event.type == "response.output_text.delta":
                reveal_type(event.snapshot)
                reveal_type(event.delta)
            elif event.type == "response.output_text.done":
                reveal_type(event.parsed)
            elif event.type == "response.function_call_arguments.delta":
                reveal_type(event.snapshot)
            elif event.type == "response.completed":
                reveal_type(event.response.output_parsed)
            elif event.type == "response.web_search_call.completed":
                reveal_type(event)  # one the helper leaves as the API's
        final = stream.get_final_response()
        reveal_type(final)
        reveal_type(final.output_parsed)
    with client.responses.stream(model="gpt-4.1", input="x") as plain:
        reveal_type(plain)
        reveal_type(plain.get_final_response())
    return final.output_parsed


def housekeeping() -> None:
    reveal_type(client.responses.retrieve("resp_1"))
    reveal_type(client.responses.delete("resp_1"))
    reveal_type(client.responses.cancel("resp_1"))
    reveal_type(client.responses.input_tokens.count(model="gpt-4.1", input="x"))
    reveal_type(client.conversations.create())
    reveal_type(client.conversations.delete("conv_1"))


async def async_agent(aclient: AsyncOpenAI) -> str:
    response = await aclient.responses.create(model="gpt-4.1", input="x")
    reveal_type(response)
    parsed = await aclient.responses.parse(model="gpt-4.1", input="x", text_format=Ticket)
    reveal_type(parsed.output_parsed)
    async with aclient.responses.stream(model="gpt-4.1", input="x") as stream:
        reveal_type(stream)
        async for event in stream:
            if event.type == "response.output_text.delta":
                reveal_type(event.delta)
    return response.output_text
