"""Common shapes of chat and Responses code written for the official SDK: a message list built
turn by turn (`list[ChatCompletionMessageParam]`, each kind of message typed on its own), tool
definitions kept as `ChatCompletionToolParam` dicts, the `stream=` overloads (sync and async, chat,
Responses and legacy completions), Responses input lists of `ResponseInputItemParam` and
`responses.parse(...).output_parsed`, with ``reveal_type`` where its author's editor shows a type."""

from __future__ import annotations

import json
from typing import Literal

from openai import AsyncOpenAI, OpenAI
from openai.types.chat import (
    ChatCompletionAssistantMessageParam,
    ChatCompletionChunk,
    ChatCompletionMessageParam,
    ChatCompletionMessageToolCallParam,
    ChatCompletionSystemMessageParam,
    ChatCompletionToolChoiceOptionParam,
    ChatCompletionToolMessageParam,
    ChatCompletionToolParam,
    ChatCompletionUserMessageParam,
)
from openai.types.responses import (
    EasyInputMessageParam,
    FunctionToolParam,
    ResponseInputImageParam,
    ResponseInputItemParam,
    ResponseInputParam,
    ResponseInputTextParam,
)
from openai.types.responses.response_input_item_param import FunctionCallOutput
from openai.types.shared_params import FunctionDefinition
from pydantic import BaseModel
from typing_extensions import reveal_type

client = OpenAI()

weather_function: FunctionDefinition = {
    "name": "get_weather",
    "description": "The weather in a city",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
    "strict": True,
}
weather_tool: ChatCompletionToolParam = {"type": "function", "function": weather_function}
tools: list[ChatCompletionToolParam] = [weather_tool]
tools.append(
    {
        "type": "function",
        "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}},
    }
)
tool_choice: ChatCompletionToolChoiceOptionParam = "auto"


def conversation(question: str) -> str:
    system: ChatCompletionSystemMessageParam = {"role": "system", "content": "Be brief."}
    messages: list[ChatCompletionMessageParam] = [system]
    user: ChatCompletionUserMessageParam = {"role": "user", "content": question}
    messages.append(user)
    messages.append(
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "and this picture?"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAA"}},
            ],
        }
    )
    reveal_type(messages[-1])
    reveal_type(weather_tool["function"])
    reveal_type(weather_tool["function"]["name"])
    reveal_type(weather_function.get("parameters"))
    reveal_type(tools)
    for _ in range(3):
        completion = client.chat.completions.create(
            model="gpt-4o", messages=messages, tools=tools, tool_choice=tool_choice
        )
        message = completion.choices[0].message
        if not message.tool_calls:
            messages.append({"role": "assistant", "content": message.content})
            return message.content or ""
        calls: list[ChatCompletionMessageToolCallParam] = []
        results: list[ChatCompletionToolMessageParam] = []
        for call in message.tool_calls:
            if call.type != "function":
                continue
            reveal_type(call.function)
            calls.append(
                {
                    "id": call.id,
                    "type": "function",
                    "function": {"name": call.function.name, "arguments": call.function.arguments},
                }
            )
            city = json.loads(call.function.arguments).get("city", "")
            results.append({"role": "tool", "tool_call_id": call.id, "content": f"sunny in {city}"})
        assistant: ChatCompletionAssistantMessageParam = {
            "role": "assistant",
            "content": message.content,
            "tool_calls": calls,
        }
        reveal_type(assistant.get("tool_calls"))
        messages.append(assistant)
        messages.extend(results)
        reveal_type(results[0]["content"])
    return ""


def stream_overloads(messages: list[ChatCompletionMessageParam]) -> None:
    reveal_type(client.chat.completions.create(model="gpt-4o", messages=messages, stream=False))
    streamed = client.chat.completions.create(
        model="gpt-4o", messages=messages, stream=True, stream_options={"include_usage": True}
    )
    reveal_type(streamed)
    chunks: list[ChatCompletionChunk] = []
    with streamed as stream:
        reveal_type(stream)
        for chunk in stream:
            chunks.append(chunk)
            if chunk.choices and chunk.choices[0].delta.tool_calls:
                reveal_type(chunk.choices[0].delta.tool_calls[0].function)
    reveal_type(streamed.response)
    flag: Literal[True] = True
    reveal_type(client.chat.completions.create(model="gpt-4o", messages=messages, stream=flag))
    reveal_type(client.responses.create(model="gpt-4.1", input="hi", stream=True))
    reveal_type(client.responses.create(model="gpt-4.1", input="hi", stream=False))
    reveal_type(client.completions.create(model="gpt-3.5-turbo-instruct", prompt="x", stream=False))
    for event in client.responses.create(model="gpt-4.1", input="hi", stream=True):
        reveal_type(event.sequence_number)
        if event.type == "response.output_item.done":
            reveal_type(event.item)


async def async_stream_overloads(aclient: AsyncOpenAI) -> str:
    messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": "hi"}]
    stream = await aclient.chat.completions.create(model="gpt-4o", messages=messages, stream=True)
    reveal_type(stream)
    text = ""
    async for chunk in stream:
        reveal_type(chunk.choices[0].delta.content)
        text += chunk.choices[0].delta.content or ""
    await stream.close()
    events = await aclient.responses.create(model="gpt-4.1", input="hi", stream=True)
    reveal_type(events)
    async with events:
        async for event in events:
            if event.type == "response.output_text.delta":
                reveal_type(event.delta)
    legacy = await aclient.completions.create(
        model="gpt-3.5-turbo-instruct", prompt="x", stream=True
    )
    reveal_type(legacy)
    async for piece in legacy:
        reveal_type(piece.choices[0].text)
    reveal_type(await aclient.responses.create(model="gpt-4.1", input="hi"))
    return text


class Verdict(BaseModel):
    label: str
    confidence: float


def responses_inputs(image_url: str) -> Verdict | None:
    text_part: ResponseInputTextParam = {"type": "input_text", "text": "What is this?"}
    image_part: ResponseInputImageParam = {
        "type": "input_image",
        "image_url": image_url,
        "detail": "auto",
    }
    first: EasyInputMessageParam = {"role": "user", "content": [text_part, image_part]}
    inputs: ResponseInputParam = [first]
    item: ResponseInputItemParam = {"role": "developer", "content": "Answer in JSON."}
    inputs.append(item)
    reveal_type(inputs[0])
    reveal_type(first["content"])
    function: FunctionToolParam = {
        "type": "function",
        "name": "lookup",
        "parameters": {"type": "object", "properties": {}},
        "strict": False,
    }
    response = client.responses.create(model="gpt-4.1", input=inputs, tools=[function])
    for output in response.output:
        if output.type == "function_call":
            result: FunctionCallOutput = {
                "type": "function_call_output",
                "call_id": output.call_id,
                "output": json.dumps({"ok": True}),
            }
            inputs.append(result)
            reveal_type(result["output"])
    parsed = client.responses.parse(model="gpt-4.1", input=inputs, text_format=Verdict)
    reveal_type(parsed)
    reveal_type(parsed.output_parsed)
    reveal_type(parsed.output_text)
    if parsed.output_parsed is not None:
        reveal_type(parsed.output_parsed.confidence)
    reveal_type(client.responses.parse(model="gpt-4.1", input="x").output_parsed)
    return parsed.output_parsed
