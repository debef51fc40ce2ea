"""Model helpers and the params TypedDicts apps build by hand: content parts, tool calls, input
items; to_dict/to_json/model_dump, construct/model_validate, pages' fields, client-level raw
responses."""

from __future__ import annotations

import json
from typing import Any, Dict, List

from openai import AsyncOpenAI, OpenAI
from openai.types import ChatModel, Metadata, ResponsesModel
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionContentPartImageParam,
    ChatCompletionContentPartParam,
    ChatCompletionContentPartTextParam,
    ChatCompletionMessage,
    ChatCompletionMessageToolCallParam,
    ChatCompletionNamedToolChoiceParam,
    ChatCompletionReasoningEffort,
    ChatCompletionStreamOptionsParam,
)
from openai.types.chat.completion_create_params import CompletionCreateParamsNonStreaming
from openai.types.responses import (
    EasyInputMessageParam,
    ResponseInputFileParam,
    ResponseInputImageParam,
    ResponseInputParam,
    ResponseInputTextParam,
    ResponseTextConfigParam,
)
from openai.types.shared_params import ResponseFormatJSONSchema

client = OpenAI()

MODEL: ChatModel = "gpt-4o-mini"
RESPONSES_MODEL: ResponsesModel = "o3"
EFFORT: ChatCompletionReasoningEffort = "low"
META: Metadata = {"team": "search"}
STREAM_OPTIONS: ChatCompletionStreamOptionsParam = {"include_usage": True}
CHOICE: ChatCompletionNamedToolChoiceParam = {"type": "function", "function": {"name": "lookup"}}


def parts(caption: str, url: str) -> List[ChatCompletionContentPartParam]:
    text: ChatCompletionContentPartTextParam = {"type": "text", "text": caption}
    image: ChatCompletionContentPartImageParam = {
        "type": "image_url",
        "image_url": {"url": url, "detail": "high"},
    }
    return [text, image]


def tool_call(
    call_id: str, name: str, arguments: Dict[str, Any]
) -> ChatCompletionMessageToolCallParam:
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": name, "arguments": json.dumps(arguments)},
    }


def request(question: str) -> CompletionCreateParamsNonStreaming:
    return {
        "model": MODEL,
        "messages": [
            {"role": "user", "content": parts(question, "https://example.com/a.png")},
            {"role": "assistant", "tool_calls": [tool_call("call_1", "lookup", {"q": question})]},
            {"role": "tool", "tool_call_id": "call_1", "content": "found"},
        ],
        "reasoning_effort": EFFORT,
        "metadata": META,
    }


def send(question: str) -> ChatCompletion:
    return client.chat.completions.create(**request(question))


def input_items(question: str, file_id: str) -> ResponseInputParam:
    text: ResponseInputTextParam = {"type": "input_text", "text": question}
    image: ResponseInputImageParam = {
        "type": "input_image",
        "image_url": "https://x/y.png",
        "detail": "auto",
    }
    document: ResponseInputFileParam = {"type": "input_file", "file_id": file_id}
    message: EasyInputMessageParam = {"role": "user", "content": [text, image, document]}
    return [message]


def respond(question: str) -> str:
    text: ResponseTextConfigParam = {"format": {"type": "json_object"}, "verbosity": "low"}
    response = client.responses.create(
        model=RESPONSES_MODEL,
        input=input_items(question, "file-1"),
        text=text,
        reasoning={"effort": "high"},
    )
    return response.output_text


def helpers(completion: ChatCompletion) -> Dict[str, object]:
    data: Dict[str, object] = completion.to_dict()
    text: str = completion.to_json(indent=2)
    dumped = completion.model_dump(mode="json", exclude_unset=True)
    again = ChatCompletion.model_validate(dumped)
    built = ChatCompletion.construct(**dumped)
    copy = completion.model_copy(update={"id": "other"})
    print(text, again.id, built.id, copy.id, completion.model_dump_json(indent=2))
    message = ChatCompletionMessage(role="assistant", content="hi")
    print(message.to_dict(mode="json", exclude_none=True), completion.model_fields_set)
    return data


def schema_format() -> ResponseFormatJSONSchema:
    return {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}}


def stored() -> None:
    page = client.chat.completions.list(limit=20, metadata={"team": "search"}, order="desc")
    print(page.has_more, [c.id for c in page.data])
    for completion in page:
        messages = client.chat.completions.messages.list(completion.id)
        for message in messages:
            print(message.content)
        client.chat.completions.update(completion.id, metadata={"reviewed": "yes"})
        client.chat.completions.delete(completion.id)


def client_level_raw() -> None:
    raw = client.with_raw_response.models.list()
    print(raw.headers, raw.parse().data)
    retrieved = client.models.with_raw_response.retrieve("gpt-4o")
    print(retrieved.parse().owned_by)


async def async_helpers(aclient: AsyncOpenAI) -> None:
    raw = await aclient.chat.completions.with_raw_response.create(
        model=MODEL,
        messages=[{"role": "user", "content": "x"}],
        stream_options=STREAM_OPTIONS,
        stream=True,
    )
    stream = raw.parse()
    async for chunk in stream:
        print(chunk.to_json())
    page = await aclient.models.list()
    print(page.data[0].created)
