"""Embeddings, images, audio, moderations and the legacy completions endpoint."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import List

from openai import AsyncOpenAI, OpenAI
from openai.types import (
    CreateEmbeddingResponse,
    Embedding,
    ImagesResponse,
    ModerationCreateResponse,
)
from openai.types.audio import Transcription, TranscriptionVerbose

client = OpenAI()


def embed(texts: List[str]) -> List[List[float]]:
    response: CreateEmbeddingResponse = client.embeddings.create(
        model="text-embedding-3-small", input=texts, dimensions=256
    )
    first: Embedding = response.data[0]
    print(first.index, response.usage.total_tokens, response.model)
    return [item.embedding for item in response.data]


def image(prompt: str) -> bytes:
    result: ImagesResponse = client.images.generate(
        model="gpt-image-1", prompt=prompt, size="1024x1024", quality="high", n=1
    )
    data = result.data or []
    return base64.b64decode(data[0].b64_json or "")


def edit(path: Path) -> str | None:
    with path.open("rb") as handle:
        result = client.images.edit(
            model="dall-e-2", image=handle, prompt="add a hat", size="512x512"
        )
    if result.data:
        return result.data[0].url
    return None


def speech(text: str, out: Path) -> None:
    response = client.audio.speech.create(
        model="gpt-4o-mini-tts", voice="alloy", input=text, response_format="mp3"
    )
    response.write_to_file(out)
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="nova", input=text
    ) as streamed:
        streamed.stream_to_file(out)


def speech_bytes(text: str) -> bytes:
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="nova", input=text
    ) as streamed:
        audio: bytes = streamed.parse()
    return audio


def transcribe(path: Path) -> str:
    with path.open("rb") as audio:
        transcription: Transcription = client.audio.transcriptions.create(
            model="whisper-1", file=audio
        )
    verbose: TranscriptionVerbose = client.audio.transcriptions.create(
        model="whisper-1",
        file=path,
        response_format="verbose_json",
        timestamp_granularities=["word"],
    )
    for word in verbose.words or []:
        print(word.word, word.start)
    text: str = client.audio.transcriptions.create(
        model="whisper-1", file=path, response_format="text"
    )
    translation = client.audio.translations.create(model="whisper-1", file=path)
    return transcription.text + text + translation.text


def moderate(text: str) -> bool:
    result: ModerationCreateResponse = client.moderations.create(
        model="omni-moderation-latest", input=text
    )
    first = result.results[0]
    print(first.categories.harassment, first.category_scores.violence)
    return first.flagged


def complete(prompt: str) -> str:
    completion = client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=16
    )
    for chunk in client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt=prompt, stream=True
    ):
        print(chunk.choices[0].text)
    return completion.choices[0].text


async def aembed(aclient: AsyncOpenAI, text: str) -> List[float]:
    response = await aclient.embeddings.create(model="text-embedding-3-large", input=text)
    speech = await aclient.audio.speech.create(model="tts-1", voice="alloy", input=text)
    print(len(speech.content))
    return response.data[0].embedding
