"""Models built by hand, as unit tests and fakes written for the official SDK build them (a
canned ChatCompletion, a streamed chunk, a Responses answer, an embedding, a file), validated
from dicts and copied, with ``reveal_type`` where its author's editor shows a type: the
constructors take the same keywords with the same types in both packages."""

from __future__ import annotations

from typing import Any

from openai.types import CompletionUsage, CreateEmbeddingResponse, Embedding, FileObject
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionMessage,
    ChatCompletionMessageFunctionToolCall,
    ChatCompletionMessageToolCallUnion,
)
from openai.types.chat.chat_completion import Choice
from openai.types.chat.chat_completion_chunk import Choice as ChunkChoice
from openai.types.chat.chat_completion_chunk import ChoiceDelta
from openai.types.chat.chat_completion_message_function_tool_call import Function
from openai.types.responses import (
    Response,
    ResponseOutputMessage,
    ResponseOutputText,
    ResponseTextDeltaEvent,
    ResponseUsage,
)
from openai.types.responses.response_usage import InputTokensDetails, OutputTokensDetails
from typing_extensions import reveal_type


def fake_completion(text: str, calls: bool = False) -> ChatCompletion:
    tool_calls: list[ChatCompletionMessageToolCallUnion] = [
        ChatCompletionMessageFunctionToolCall(
            id="call_1",
            type="function",
            function=Function(name="lookup", arguments='{"q": "x"}'),
        )
    ]
    message = ChatCompletionMessage(
        role="assistant", content=text, tool_calls=tool_calls if calls else None
    )
    reveal_type(message.tool_calls)
    completion = ChatCompletion(
        id="chatcmpl-1",
        object="chat.completion",
        created=1700000000,
        model="gpt-4o",
        choices=[Choice(index=0, finish_reason="stop", message=message, logprobs=None)],
        usage=CompletionUsage(prompt_tokens=1, completion_tokens=2, total_tokens=3),
    )
    reveal_type(completion.choices[0].finish_reason)
    reveal_type(completion.model_copy(update={"model": "gpt-4o-mini"}))
    reveal_type(ChatCompletion.model_validate(completion.model_dump()))
    reveal_type(ChatCompletion.model_validate_json(completion.model_dump_json()))
    reveal_type(ChatCompletion.construct(id="x"))
    reveal_type(ChatCompletion.model_construct(id="x"))
    return completion


def fake_chunks(parts: list[str]) -> list[ChatCompletionChunk]:
    chunks = [
        ChatCompletionChunk(
            id="chatcmpl-1",
            object="chat.completion.chunk",
            created=1,
            model="gpt-4o",
            choices=[ChunkChoice(index=0, delta=ChoiceDelta(content=part), finish_reason=None)],
        )
        for part in parts
    ]
    reveal_type(chunks[0].choices[0].delta)
    return chunks


def fake_response(text: str) -> Response:
    response = Response(
        id="resp_1",
        object="response",
        created_at=1.0,
        model="gpt-4.1",
        status="completed",
        output=[
            ResponseOutputMessage(
                id="msg_1",
                type="message",
                role="assistant",
                status="completed",
                content=[ResponseOutputText(type="output_text", text=text, annotations=[])],
            )
        ],
        parallel_tool_calls=True,
        tool_choice="auto",
        tools=[],
        usage=ResponseUsage(
            input_tokens=1,
            output_tokens=1,
            total_tokens=2,
            input_tokens_details=InputTokensDetails(cached_tokens=0, cache_write_tokens=0),
            output_tokens_details=OutputTokensDetails(reasoning_tokens=0),
        ),
    )
    reveal_type(response.output[0])
    reveal_type(response.output_text)
    event = ResponseTextDeltaEvent(
        type="response.output_text.delta",
        delta=text,
        item_id="msg_1",
        output_index=0,
        content_index=0,
        sequence_number=1,
        logprobs=[],
    )
    reveal_type(event.logprobs)
    return response


def fake_platform(raw: dict[str, Any]) -> FileObject:
    embedding = CreateEmbeddingResponse(
        object="list",
        data=[Embedding(object="embedding", index=0, embedding=[0.1, 0.2])],
        model="text-embedding-3-small",
        usage={"prompt_tokens": 1, "total_tokens": 1},  # type: ignore[arg-type]
    )
    reveal_type(embedding.usage)
    file = FileObject(
        id="file-1",
        object="file",
        bytes=3,
        created_at=1,
        filename="a.jsonl",
        purpose="batch",
        status="processed",
    )
    reveal_type(file.purpose)
    reveal_type(FileObject.model_validate(raw))
    reveal_type(file.to_dict(mode="json"))
    reveal_type(file.to_json(indent=None))
    return file
