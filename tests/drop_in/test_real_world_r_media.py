"""Real-world sweep R, images and audio as tutorials write them: pictures asked for as base64 and
decoded to files, an edit of several product photos at once with a mask, speech written with the
old ``stream_to_file`` and streamed with ``with_streaming_response`` and ``iter_bytes``,
transcripts in every ``response_format`` (a ``str`` for text / srt / vtt, a model for the JSON
forms) with word and segment timestamps, a translation as text, and the async forms gathered
under ``async with AsyncOpenAI()`` — run against both packages over the loopback server (see
real_world_d).
"""

from __future__ import annotations

import asyncio
import base64
import tempfile
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same as gathered_observed_the_same
from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_b_media import VERBOSE, images_answer

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()
_, GATHERED, _, gathered_program = registry()

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(48))
MP3 = b"ID3\x04" + bytes(range(256)) * 4
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(40)
SRT = "1\n00:00:00,000 --> 00:00:01,000\nHello there.\n\n"
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello there.\n\n"


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-r-media-"))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@program
def base64_images_decoded_and_saved(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    out = folder()
    server.reply(
        Reply.json(
            images_answer(
                {"b64_json": b64(PNG), "revised_prompt": "A red fox in snow, watercolor"},
                {"b64_json": b64(PNG[::-1]), "revised_prompt": None},
            )
        ),
        Reply.json(
            images_answer(
                {"b64_json": b64(PNG)},
                background="transparent",
                output_format="png",
                quality="high",
                size="1024x1024",
                usage={
                    "input_tokens": 50,
                    "output_tokens": 4160,
                    "total_tokens": 4210,
                    "input_tokens_details": {"image_tokens": 0, "text_tokens": 50},
                },
            )
        ),
    )
    response = client.images.generate(
        model="dall-e-2",
        prompt="A red fox in snow",
        n=2,
        size="512x512",
        response_format="b64_json",
    )
    saved = []
    for index, image in enumerate(response.data):
        path = out / f"fox_{index}.png"
        path.write_bytes(base64.b64decode(image.b64_json))
        saved.append((path.name, path.stat().st_size, image.url, image.revised_prompt))
    logo = client.images.generate(
        model="gpt-image-1",
        prompt="A flat logo",
        background="transparent",
        quality="high",
        output_format="png",
        moderation="low",
    )
    image_bytes = base64.b64decode(logo.data[0].b64_json)
    return (
        saved,
        response.created,
        image_bytes == PNG,
        logo.usage.total_tokens,
        logo.usage.input_tokens_details.text_tokens,
        logo.background,
        logo.output_format,
        [r.json() for r in server.requests],
    )


@program
def product_photos_edited_together_with_a_mask(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = folder()
    paths = []
    for name in ("bath-bomb.png", "soap.png", "lotion.png"):
        paths.append(out / name)
        paths[-1].write_bytes(PNG)
    (out / "mask.png").write_bytes(PNG[:20])
    server.reply(
        Reply.json(images_answer({"b64_json": b64(PNG)}, usage=None)),
        Reply.json(images_answer({"url": "https://img.test/1.png"})),
    )
    handles = [open(p, "rb") for p in paths]  # noqa: SIM115 - as the guide writes it
    try:
        gift = client.images.edit(
            model="gpt-image-1",
            image=handles,
            prompt="A gift basket with these items",
            input_fidelity="high",
            size="1536x1024",
            quality="medium",
        )
    finally:
        for handle in handles:
            handle.close()
    with open(out / "soap.png", "rb") as image, open(out / "mask.png", "rb") as mask:
        masked = client.images.edit(
            image=image,
            mask=mask,
            prompt="Add a ribbon",
            n=1,
            size="256x256",
            response_format="url",
            user="user-1",
        )
    (out / "basket.png").write_bytes(base64.b64decode(gift.data[0].b64_json))
    return gift.usage, masked.data[0].url, (out / "basket.png").read_bytes() == PNG


@program
def speech_written_then_streamed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The text-to-speech guide across its versions: ``stream_to_file`` on the plain answer
    (the SDK warns it does not stream), then ``with_streaming_response`` with ``stream_to_file``
    and with ``iter_bytes`` to a player."""
    out = folder()
    server.default = Reply.raw(MP3, content_type="audio/mpeg")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.audio.speech.create(
            model="tts-1", voice="alloy", input="Today is a wonderful day."
        )
        response.stream_to_file(out / "speech.mp3")
    warned = sorted({w.category.__name__ for w in caught})
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts",
        voice="coral",
        input="Today is a wonderful day.",
        instructions="Speak in a cheerful and positive tone.",
        response_format="wav",
        speed=1.25,
    ) as streamed:
        streamed.stream_to_file(out / "speech.wav")
    played = []
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="nova", input="Chunks.", response_format="pcm"
    ) as streamed:
        content_type = streamed.headers.get("content-type")
        for chunk in streamed.iter_bytes(chunk_size=1024):
            played.append(len(chunk))
    return (
        (out / "speech.mp3").read_bytes() == MP3,
        (out / "speech.wav").read_bytes() == MP3,
        played,
        content_type,
        warned,
        type(response).__name__,
        [r.json() for r in server.requests],
    )


@program
def transcript_in_every_response_format(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = folder()
    audio = out / "meeting.mp3"
    audio.write_bytes(MP3)
    server.reply(
        Reply.raw(b"Hello there.\n", content_type="text/plain; charset=utf-8"),
        Reply.raw(SRT.encode(), content_type="text/plain; charset=utf-8"),
        Reply.raw(VTT.encode(), content_type="text/vtt; charset=utf-8"),
        Reply.json(VERBOSE),
        Reply.json({"text": "Hello there.", "usage": {"type": "duration", "seconds": 3}}),
    )
    seen = []
    for response_format in ("text", "srt", "vtt"):
        with audio.open("rb") as handle:
            result = client.audio.transcriptions.create(
                model="whisper-1", file=handle, response_format=response_format, language="en"
            )
        (out / f"meeting.{response_format}").write_text(result)
        seen.append((response_format, type(result).__name__, result))
    with audio.open("rb") as handle:
        verbose = client.audio.transcriptions.create(
            model="whisper-1",
            file=handle,
            response_format="verbose_json",
            timestamp_granularities=["word", "segment"],
        )
    plain = client.audio.transcriptions.create(model="gpt-4o-transcribe", file=audio)
    return (
        seen,
        type(verbose).__name__,
        verbose.language,
        verbose.duration,
        [(w.word, w.start, w.end) for w in verbose.words],
        [(s.id, s.start, s.end, s.text.strip()) for s in verbose.segments],
        verbose.usage.seconds if verbose.usage else None,
        type(plain).__name__,
        plain.text,
        plain.usage.type,
    )


@program
def translation_as_text_and_as_json(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    out = folder()
    (out / "german.m4a").write_bytes(MP3)
    server.reply(
        Reply.raw(b"Good morning.", content_type="text/plain"),
        Reply.json({"text": "Good morning."}),
        Reply.json({**VERBOSE, "task": "translate", "words": None}),
    )
    text = client.audio.translations.create(
        model="whisper-1", file=out / "german.m4a", response_format="text", prompt="Greeting."
    )
    as_json = client.audio.translations.create(
        model="whisper-1", file=("german.m4a", (out / "german.m4a").read_bytes())
    )
    with open(out / "german.m4a", "rb") as handle:
        verbose = client.audio.translations.create(
            model="whisper-1", file=handle, response_format="verbose_json", temperature=0.0
        )
    return (
        (type(text).__name__, text),
        (type(as_json).__name__, as_json.text, as_json.to_dict()),
        (type(verbose).__name__, verbose.text, verbose.segments[0].avg_logprob),
    )


@program
def transcript_of_an_in_memory_wav(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A recording held in memory (a voice app's buffer) sent as a tuple with its type, and the
    raw response read for its headers and text."""
    server.reply(
        Reply.raw(b"Hi.", content_type="text/plain", headers={"x-request-id": "req_t"}),
        Reply.json(
            {"text": "Hi.", "logprobs": [{"token": "Hi", "logprob": -0.01, "bytes": [72, 105]}]}
        ),
    )
    raw = client.audio.transcriptions.with_raw_response.create(
        model="whisper-1", file=("clip.wav", WAV, "audio/wav"), response_format="text"
    )
    parsed = raw.parse()
    with_logprobs = client.audio.transcriptions.create(
        model="gpt-4o-mini-transcribe",
        file=("clip.wav", WAV),
        include=["logprobs"],
        response_format="json",
        chunking_strategy="auto",
    )
    return (
        raw.headers["x-request-id"],
        raw.text,
        type(parsed).__name__,
        parsed,
        [(p.token, p.logprob, p.bytes) for p in with_logprobs.logprobs],
    )


@async_program
async def async_speech_streamed_and_transcribed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = folder()
    server.reply(
        Reply.raw(MP3, content_type="audio/mpeg"),
        Reply.raw(MP3, content_type="audio/mpeg"),
        Reply.json(VERBOSE),
        Reply.raw(b"Hello there.\n", content_type="text/plain"),
    )
    async with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="Hello"
    ) as response:
        sizes = [len(chunk) async for chunk in response.iter_bytes(512)]
    answer = await client.audio.speech.create(model="tts-1", voice="echo", input="Hi")
    answer.write_to_file(out / "hi.mp3")
    verbose = await client.audio.transcriptions.create(
        model="whisper-1",
        file=out / "hi.mp3",
        response_format="verbose_json",
        timestamp_granularities=["word"],
    )
    text = await client.audio.transcriptions.create(
        model="whisper-1", file=(out / "hi.mp3").read_bytes(), response_format="text"
    )
    return sizes, (out / "hi.mp3").read_bytes() == MP3, verbose.words[0].word, text


@gathered_program
async def async_with_client_media_gathered(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A content pipeline: an image, a voice-over and a transcript asked for at once."""

    def answer(request: Any) -> Reply:
        if request.path.endswith("/images/generations"):
            return Reply.json(images_answer({"b64_json": b64(PNG)}))
        if request.path.endswith("/audio/speech"):
            return Reply.raw(MP3, content_type="audio/mpeg")
        return Reply.raw(b"caption", content_type="text/plain")

    server.default = Reply.dynamic(answer)
    async with openai.AsyncOpenAI(
        api_key=API_KEY, base_url=server.url + "/v1", max_retries=0
    ) as own:
        image, speech, caption = await asyncio.gather(
            own.images.generate(model="gpt-image-1", prompt="cover", n=1),
            own.audio.speech.create(model="tts-1", voice="alloy", input="intro"),
            own.audio.transcriptions.create(
                model="whisper-1", file=("intro.mp3", MP3), response_format="text"
            ),
        )
    return (
        base64.b64decode(image.data[0].b64_json) == PNG,
        speech.content == MP3,
        caption,
        sorted(r.path for r in server.requests),
    )


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
test_gathered_program_observes_the_same = gathered_observed_the_same(GATHERED)
