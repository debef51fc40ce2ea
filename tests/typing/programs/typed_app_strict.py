# pyright: strict
"""Application code checked in strict mode: typed wrappers a codebase keeps around the client."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import openai
from openai import AsyncOpenAI, AsyncStream, NotGiven, Omit, OpenAI, Stream, not_given, omit
from openai.pagination import SyncCursorPage
from openai.types import FileObject, ResponseFormatJSONSchema
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionMessageParam,
    ChatCompletionToolParam,
    ParsedChatCompletion,
    completion_create_params,
)
from openai.types.responses import Response, ResponseInputParam
from pydantic import BaseModel

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Turn:
    role: Role
    text: str


def to_params(turns: Sequence[Turn]) -> list[ChatCompletionMessageParam]:
    params: list[ChatCompletionMessageParam] = []
    for turn in turns:
        if turn.role == "system":
            params.append({"role": "system", "content": turn.text})
        elif turn.role == "user":
            params.append({"role": "user", "content": turn.text})
        else:
            params.append({"role": "assistant", "content": turn.text})
    return params


def tool(name: str, description: str, properties: dict[str, object]) -> ChatCompletionToolParam:
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": description,
            "parameters": {"type": "object", "properties": properties},
        },
    }


SCHEMA_FORMAT: completion_create_params.ResponseFormat = {
    "type": "json_schema",
    "json_schema": {"name": "reply", "schema": {"type": "object"}, "strict": True},
}

SCHEMA: ResponseFormatJSONSchema = ResponseFormatJSONSchema.model_validate(
    {"type": "json_schema", "json_schema": {"name": "reply"}}
)


class Reply(BaseModel):
    text: str
    confidence: float


class ChatService:
    def __init__(self, client: OpenAI, model: str = "gpt-4o") -> None:
        self._client = client
        self._model = model

    def complete(
        self,
        turns: Sequence[Turn],
        tools: Iterable[ChatCompletionToolParam] | Omit = omit,
        timeout: float | NotGiven = not_given,
    ) -> ChatCompletion:
        return self._client.chat.completions.create(
            model=self._model, messages=to_params(turns), tools=tools, timeout=timeout
        )

    def stream(self, turns: Sequence[Turn]) -> Stream[ChatCompletionChunk]:
        return self._client.chat.completions.create(
            model=self._model, messages=to_params(turns), stream=True
        )

    def text(self, turns: Sequence[Turn]) -> str:
        chunks: list[str] = []
        for chunk in self.stream(turns):
            for choice in chunk.choices:
                if choice.delta.content:
                    chunks.append(choice.delta.content)
        return "".join(chunks)

    def structured(self, turns: Sequence[Turn]) -> ParsedChatCompletion[Reply]:
        return self._client.chat.completions.parse(
            model=self._model, messages=to_params(turns), response_format=Reply
        )

    def json(self, turns: Sequence[Turn]) -> str | None:
        completion = self._client.chat.completions.create(
            model=self._model, messages=to_params(turns), response_format=SCHEMA_FORMAT
        )
        return completion.choices[0].message.content

    def respond(self, items: ResponseInputParam) -> Response:
        return self._client.responses.create(model=self._model, input=items)

    def files(self) -> list[FileObject]:
        page: SyncCursorPage[FileObject] = self._client.files.list()
        return [file for file in page]

    def safe(self, turns: Sequence[Turn]) -> str:
        try:
            completion = self.complete(turns)
        except openai.RateLimitError as err:
            return f"rate limited: {err.status_code}"
        except openai.APIStatusError as err:
            return f"failed: {err.status_code} {err.message}"
        except openai.APIConnectionError:
            return "offline"
        return completion.choices[0].message.content or ""


class AsyncChatService:
    def __init__(self, client: AsyncOpenAI) -> None:
        self._client = client

    async def stream(self, prompt: str) -> AsyncStream[ChatCompletionChunk]:
        return await self._client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": prompt}], stream=True
        )

    async def text(self, prompt: str) -> str:
        out: list[str] = []
        async for chunk in await self.stream(prompt):
            if chunk.choices and chunk.choices[0].delta.content:
                out.append(chunk.choices[0].delta.content)
        return "".join(out)

    async def reply(self, prompt: str) -> Reply | None:
        completion = await self._client.chat.completions.parse(
            model="gpt-4o", messages=[{"role": "user", "content": prompt}], response_format=Reply
        )
        return completion.choices[0].message.parsed

    async def respond(self, prompt: str) -> str:
        response = await self._client.responses.create(model="gpt-4o", input=prompt)
        return response.output_text


def build(api_key: str | None = None) -> ChatService:
    return ChatService(OpenAI(api_key=api_key).with_options(timeout=30.0, max_retries=3))
