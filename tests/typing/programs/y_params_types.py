"""Sweep Y, request parameters as typed wrappers take them: functions whose ``**kwargs`` are
``Unpack[...CreateParams...]`` passed straight on to the client, request dicts kept as the SDK's
Params TypedDicts and splatted, model names as the SDK's Literal aliases (``ChatModel``,
``EmbeddingModel``, ``ImageModel``), content parts of every kind, tools and tool choices of the
Responses API, and answers annotated with the response types — with ``reveal_type`` where its
author's editor shows a type."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from openai import AsyncOpenAI, OpenAI
from openai.types import (
    ChatModel,
    CreateEmbeddingResponse,
    EmbeddingCreateParams,
    EmbeddingModel,
    ImageModel,
    ImagesResponse,
    ReasoningEffort,
)
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionContentPartParam,
    ChatCompletionMessageParam,
    ChatCompletionStreamOptionsParam,
    ChatCompletionToolParam,
    completion_create_params,
)
from openai.types.chat.completion_create_params import (
    CompletionCreateParamsNonStreaming,
    CompletionCreateParamsStreaming,
)
from openai.types.image_generate_params import ImageGenerateParamsNonStreaming
from openai.types.responses import (
    FileSearchToolParam,
    FunctionToolParam,
    Response,
    ResponseInputParam,
    ResponseTextConfigParam,
    ToolParam,
    WebSearchToolParam,
)
from openai.types.responses.response_create_params import ResponseCreateParamsNonStreaming
from openai.types.shared_params import Reasoning, ResponseFormatJSONSchema
from typing_extensions import Unpack, reveal_type

client = OpenAI()
aclient = AsyncOpenAI()

DEFAULT_MODEL: ChatModel = "gpt-4o-mini"
EMBEDDER: EmbeddingModel = "text-embedding-3-large"


def complete(**params: Unpack[CompletionCreateParamsNonStreaming]) -> ChatCompletion:
    """A logging wrapper that passes every argument on unchanged."""
    reveal_type(params["messages"])
    return client.chat.completions.create(**params)


async def acomplete(**params: Unpack[CompletionCreateParamsNonStreaming]) -> ChatCompletion:
    return await aclient.chat.completions.create(**params)


def respond(**params: Unpack[ResponseCreateParamsNonStreaming]) -> Response:
    return client.responses.create(**params)


def embed(**params: Unpack[EmbeddingCreateParams]) -> CreateEmbeddingResponse:
    return client.embeddings.create(**params)


def draw(**params: Unpack[ImageGenerateParamsNonStreaming]) -> ImagesResponse:
    return client.images.generate(**params)


def vision_message(question: str, image_url: str) -> ChatCompletionMessageParam:
    parts: list[ChatCompletionContentPartParam] = [
        {"type": "text", "text": question},
        {"type": "image_url", "image_url": {"url": image_url, "detail": "low"}},
        {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}},
        {"type": "file", "file": {"file_id": "file-1"}},
    ]
    return {"role": "user", "content": parts}


def schema_format() -> ResponseFormatJSONSchema:
    return {
        "type": "json_schema",
        "json_schema": {
            "name": "answer",
            "strict": True,
            "schema": {"type": "object", "properties": {"a": {"type": "string"}}},
        },
    }


def chat_examples(models: Sequence[ChatModel]) -> list[str | None]:
    tool: ChatCompletionToolParam = {
        "type": "function",
        "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}},
    }
    options: ChatCompletionStreamOptionsParam = {"include_usage": True}
    streaming: CompletionCreateParamsStreaming = {
        "model": models[0],
        "messages": [vision_message("what is this?", "https://example.com/a.png")],
        "stream": True,
        "stream_options": options,
    }
    stream = client.chat.completions.create(**streaming)
    reveal_type(stream)
    answers: list[str | None] = []
    for model in models:
        answer = complete(
            model=model,
            messages=[vision_message("describe", "data:image/png;base64,iVBOR")],
            tools=[tool],
            tool_choice={"type": "function", "function": {"name": "lookup"}},
            response_format=schema_format(),
            reasoning_effort="low",
            max_completion_tokens=200,
            metadata={"app": "y"},
            seed=7,
        )
        answers.append(answer.choices[0].message.content)
    fmt: completion_create_params.ResponseFormat = {"type": "json_object"}
    complete(
        model="o3-mini", messages=[{"role": "developer", "content": "json"}], response_format=fmt
    )
    return answers


def responses_examples(effort: ReasoningEffort) -> str:
    tools: list[ToolParam] = []
    function: FunctionToolParam = {
        "type": "function",
        "name": "lookup",
        "parameters": {"type": "object", "properties": {}},
        "strict": True,
    }
    search: FileSearchToolParam = {"type": "file_search", "vector_store_ids": ["vs_1"]}
    web: WebSearchToolParam = {"type": "web_search"}
    tools.extend([function, search, web])
    history: ResponseInputParam = [
        {"role": "user", "content": [{"type": "input_text", "text": "hi"}]},
        {"type": "function_call_output", "call_id": "call_1", "output": "42"},
    ]
    text: ResponseTextConfigParam = {"format": {"type": "text"}, "verbosity": "low"}
    reasoning: Reasoning = {"effort": effort, "summary": "auto"}
    response = respond(
        model="gpt-4.1",
        input=history,
        tools=tools,
        tool_choice="required",
        text=text,
        reasoning=reasoning,
        include=["file_search_call.results"],
        truncation="auto",
    )
    reveal_type(response.output_text)
    return response.output_text


def embedding_examples(texts: Iterable[str]) -> list[list[float]]:
    answer = embed(model=EMBEDDER, input=list(texts), dimensions=256, encoding_format="float")
    reveal_type(answer.data[0].embedding)
    tokens = embed(model="text-embedding-3-small", input=[[1, 2, 3], [4, 5]])
    return [d.embedding for d in answer.data + tokens.data]


def image_examples(model: ImageModel, quality: Literal["low", "high"]) -> str | None:
    images = draw(prompt="a cat", model=model, size="1024x1024", quality=quality, n=1)
    reveal_type(images.data)
    return images.data[0].b64_json if images.data else None
