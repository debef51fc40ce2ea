"""Sweep T, types of thin wrappers production code puts around the client: calls made with
``**kwargs`` from a settings dict (``dict[str, Any]``), ``stream`` passed as a literal or a
``bool``, a pass-through ``create`` for each stream-overloaded method (chat, Responses, legacy
completions, images, transcriptions), and a stream consumed through ``with`` — with
``reveal_type`` where its author's editor shows a type."""

from __future__ import annotations

from typing import Any, Literal

from openai import AsyncOpenAI, OpenAI
from typing_extensions import reveal_type

client = OpenAI()
settings: dict[str, Any] = {"model": "gpt-4o", "temperature": 0.1}
messages: list[Any] = [{"role": "user", "content": "hi"}]

reveal_type(client.chat.completions.create(messages=messages, **settings))
reveal_type(client.chat.completions.create(messages=messages, stream=False, **settings))
reveal_type(client.chat.completions.create(messages=messages, stream=True, **settings))
reveal_type(client.responses.create(input="hi", **settings))
reveal_type(client.responses.create(input="hi", stream=True, **settings))
reveal_type(client.completions.create(prompt="hi", **settings))
reveal_type(client.images.generate(prompt="a cat", **settings))
reveal_type(client.images.generate(prompt="a cat", stream=True, model="gpt-image-1"))
reveal_type(client.audio.transcriptions.create(file=b"RIFF", model="whisper-1"))
reveal_type(
    client.audio.transcriptions.create(file=b"RIFF", model="whisper-1", response_format="text")
)
reveal_type(
    client.audio.transcriptions.create(
        file=b"RIFF", model="whisper-1", response_format="verbose_json"
    )
)
reveal_type(
    client.audio.transcriptions.create(file=b"RIFF", model="gpt-4o-transcribe", stream=True)
)


def ask(streaming: bool, **options: Any) -> None:
    result = client.chat.completions.create(
        model="gpt-4o", messages=messages, stream=streaming, **options
    )
    reveal_type(result)


def ask_literal(mode: Literal[True]) -> None:
    with client.chat.completions.create(model="gpt-4o", messages=messages, stream=mode) as stream:
        reveal_type(stream)
        for chunk in stream:
            reveal_type(chunk.choices)


async def ask_async(options: dict[str, Any]) -> None:
    aclient = AsyncOpenAI()
    reveal_type(await aclient.chat.completions.create(messages=messages, **options))
    stream = await aclient.responses.create(input="hi", model="gpt-4o", stream=True)
    async with stream:
        async for event in stream:
            reveal_type(event.sequence_number)
