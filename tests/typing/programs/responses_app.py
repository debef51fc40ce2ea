"""The Responses API: input lists, tools as dicts, streaming events, parse, background jobs."""

from __future__ import annotations

from typing import List

from openai import AsyncOpenAI, OpenAI
from openai.types.responses import (
    FunctionToolParam,
    Response,
    ResponseFunctionToolCall,
    ResponseInputItemParam,
    ResponseInputParam,
    ResponseOutputMessage,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
    ToolParam,
)
from openai.types.responses.response_input_param import FunctionCallOutput
from openai.types.shared_params import Reasoning
from pydantic import BaseModel

client = OpenAI()

TOOLS: List[ToolParam] = [
    {
        "type": "function",
        "name": "lookup_order",
        "description": "Find an order",
        "parameters": {
            "type": "object",
            "properties": {"order_id": {"type": "string"}},
            "required": ["order_id"],
            "additionalProperties": False,
        },
        "strict": True,
    },
    {"type": "web_search_preview"},
    {"type": "file_search", "vector_store_ids": ["vs_1"]},
]

LOOKUP: FunctionToolParam = {
    "type": "function",
    "name": "lookup",
    "parameters": {"type": "object"},
    "strict": False,
}


class Order(BaseModel):
    order_id: str
    status: str


def first_turn(question: str) -> Response:
    items: ResponseInputParam = [
        {"role": "system", "content": "You are a support agent."},
        {"role": "user", "content": [{"type": "input_text", "text": question}]},
    ]
    return client.responses.create(
        model="gpt-4.1",
        input=items,
        tools=TOOLS,
        tool_choice="auto",
        reasoning=Reasoning(effort="low"),
        store=True,
        metadata={"session": "1"},
    )


def tool_loop(question: str) -> str:
    response = client.responses.create(model="gpt-4.1", input=question, tools=[LOOKUP])
    outputs: List[ResponseInputItemParam] = []
    for item in response.output:
        if isinstance(item, ResponseFunctionToolCall):
            result: FunctionCallOutput = {
                "type": "function_call_output",
                "call_id": item.call_id,
                "output": '{"status": "shipped"}',
            }
            outputs.append(result)
        elif item.type == "reasoning":
            print([part.text for part in item.summary])
        elif isinstance(item, ResponseOutputMessage):
            for part in item.content:
                if part.type == "output_text":
                    print(part.text, part.annotations)
    follow = client.responses.create(
        model="gpt-4.1", previous_response_id=response.id, input=outputs, tools=[LOOKUP]
    )
    return follow.output_text


def instructions_only() -> str:
    response = client.responses.create(
        model="gpt-4o-mini",
        instructions="Answer in French.",
        input="Hello",
        temperature=0.3,
        max_output_tokens=100,
        text={"format": {"type": "text"}},
    )
    if response.usage:
        print(response.usage.input_tokens, response.usage.output_tokens)
    print(response.status, response.error, response.incomplete_details)
    return response.output_text


def json_schema_text() -> str:
    response = client.responses.create(
        model="gpt-4o",
        input=[{"role": "user", "content": "Give me an order"}],
        text={
            "format": {
                "type": "json_schema",
                "name": "order",
                "schema": {"type": "object", "properties": {"id": {"type": "string"}}},
                "strict": True,
            }
        },
    )
    return response.output_text


def parse_order(text: str) -> Order | None:
    response = client.responses.parse(model="gpt-4o", input=text, text_format=Order)
    for item in response.output:
        if item.type == "message":
            for content in item.content:
                if content.type == "output_text" and content.parsed:
                    print(content.parsed.status)
    return response.output_parsed


def stream_text(question: str) -> str:
    parts: List[str] = []
    stream = client.responses.create(model="gpt-4o", input=question, stream=True)
    for event in stream:
        if event.type == "response.output_text.delta":
            parts.append(event.delta)
        elif event.type == "response.completed":
            print(event.response.id)
        elif event.type == "response.failed":
            print(event.response.error)
    return "".join(parts)


def stream_helper(question: str) -> Response:
    with client.responses.stream(model="gpt-4o", input=question) as stream:
        for event in stream:
            if isinstance(event, ResponseTextDeltaEvent):
                print(event.delta, end="")
        return stream.get_final_response()


def handle(event: ResponseStreamEvent) -> None:
    if event.type == "response.output_item.added":
        print(event.item.id)
    elif event.type == "response.function_call_arguments.delta":
        print(event.delta)


def background() -> Response:
    job = client.responses.create(model="o3", input="long task", background=True)
    while job.status in {"queued", "in_progress"}:
        job = client.responses.retrieve(job.id)
    client.responses.cancel(job.id)
    client.responses.delete(job.id)
    items = client.responses.input_items.list(job.id, limit=10, order="asc")
    for item in items:
        print(item.type)
    return job


async def aresponse(aclient: AsyncOpenAI) -> str:
    response = await aclient.responses.create(model="gpt-4o", input="hi")
    stream = await aclient.responses.create(model="gpt-4o", input="hi", stream=True)
    async for event in stream:
        handle(event)
    async with aclient.responses.stream(model="gpt-4o", input="hi") as s:
        async for event in s:
            handle(event)
        final = await s.get_final_response()
    return response.output_text + final.output_text
