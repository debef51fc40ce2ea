"""Real-world sweep B: audio (speech, transcriptions, translations) and images (generate, edit,
variations) as users of the official SDK write them, run against both packages; see real_world_b.
"""

from __future__ import annotations

import base64
import contextlib
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .real_world_b import Programs, Reply, ScriptedServer

programs = Programs()

MP3 = b"ID3\x04\x00" + bytes(range(256)) * 8
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))


def sse(*events: Any) -> Reply:
    return Reply.sse([f"data: {json.dumps(event)}\n\n" for event in events])


# --- speech ---------------------------------------------------------------------------------------


@programs
def speech_streamed_to_file(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # the README's text-to-speech example
    server.default = Reply.raw(MP3, content_type="audio/mpeg")
    speech_file_path = folder / "speech.mp3"
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts",
        voice="coral",
        input="Today is a wonderful day to build something people love!",
        instructions="Speak in a cheerful and positive tone.",
    ) as response:
        response.stream_to_file(speech_file_path)
    return speech_file_path.read_bytes() == MP3


@programs
def speech_old_style_write(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # older tutorials: the whole answer, then `stream_to_file` (deprecated) or `write_to_file`
    server.default = Reply.raw(MP3, content_type="audio/mpeg")
    response = client.audio.speech.create(model="tts-1", voice="alloy", input="Hello world!")
    response.stream_to_file(folder / "a.mp3")
    response.write_to_file(str(folder / "b.mp3"))
    hd = client.audio.speech.create(
        model="tts-1-hd", voice="shimmer", input="x", response_format="wav", speed=0.9
    )
    return (
        (folder / "a.mp3").read_bytes() == MP3,
        (folder / "b.mp3").read_bytes() == MP3,
        hd.content == MP3,
        hd.response.headers["content-type"],
        isinstance(response, openai.HttpxBinaryResponseContent),
    )


@programs
def speech_chunks_to_player(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # streaming to a player chunk by chunk (pcm), with a raw header look first
    server.default = Reply.raw(MP3, content_type="audio/pcm", headers={"x-request-id": "req_s"})
    played = bytearray()
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="echo", input="stream me", response_format="pcm"
    ) as response:
        request_id = response.headers.get("x-request-id")
        for chunk in response.iter_bytes(chunk_size=1024):
            played.extend(chunk)
    return request_id, bytes(played) == MP3, response.http_response.status_code


@programs
def speech_sse_stream_format(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    audio = base64.b64encode(b"\x01\x02").decode()
    server.default = sse(
        {"type": "speech.audio.delta", "audio": audio},
        {
            "type": "speech.audio.done",
            "usage": {"input_tokens": 3, "output_tokens": 5, "total_tokens": 8},
        },
    )
    deltas = []
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="alloy", input="hi", stream_format="sse"
    ) as response:
        for line in response.iter_lines():
            if line.startswith("data: "):
                deltas.append(json.loads(line[6:])["type"])
    return deltas


# --- transcriptions and translations --------------------------------------------------------------


VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 2.5,
    "text": "Hello there.",
    "words": [
        {"word": "Hello", "start": 0.0, "end": 0.5},
        {"word": "there", "start": 0.6, "end": 1.0},
    ],
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 1.0,
            "text": " Hello there.",
            "tokens": [50364, 2425],
            "temperature": 0.0,
            "avg_logprob": -0.2,
            "compression_ratio": 0.8,
            "no_speech_prob": 0.01,
        }
    ],
    "usage": {"type": "duration", "seconds": 3},
}


@programs
def transcribe_open_file(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    path = folder / "speech.mp3"
    path.write_bytes(MP3)
    server.reply(
        Reply.json({"text": "Hello there.", "usage": {"type": "duration", "seconds": 3}}),
        Reply.raw("Hello there.\n", content_type="text/plain"),
    )
    with open(path, "rb") as audio_file:
        transcription = client.audio.transcriptions.create(model="whisper-1", file=audio_file)
    with open(path, "rb") as audio_file:
        text = client.audio.transcriptions.create(
            model="gpt-4o-transcribe", file=audio_file, response_format="text"
        )
    return (
        transcription.text,
        type(transcription).__name__,
        transcription.usage.seconds if transcription.usage else None,
        text,
        type(text).__name__,
    )


@programs
def transcribe_verbose_segments(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.default = Reply.json(VERBOSE)
    transcript = client.audio.transcriptions.create(
        file=("meeting.m4a", MP3, "audio/m4a"),
        model="whisper-1",
        response_format="verbose_json",
        timestamp_granularities=["word", "segment"],
        language="en",
    )
    return (
        type(transcript).__name__,
        transcript.duration,
        [(w.word, w.start, w.end) for w in transcript.words],
        [(s.id, s.start, s.end, s.text.strip(), s.avg_logprob) for s in transcript.segments],
        transcript.to_dict()["segments"][0]["tokens"],
    )


@programs
def transcribe_subtitles(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    srt = "1\n00:00:00,000 --> 00:00:01,000\nHello there.\n\n"
    vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello there.\n"
    server.reply(
        Reply.raw(srt, content_type="application/x-subrip"),
        Reply.raw(vtt, content_type="text/vtt"),
    )
    subtitles = client.audio.transcriptions.create(
        model="whisper-1", file=("clip.wav", b"RIFF"), response_format="srt"
    )
    (folder / "clip.srt").write_text(subtitles)
    captions = client.audio.transcriptions.create(
        model="whisper-1", file=("clip.wav", b"RIFF"), response_format="vtt"
    )
    return subtitles, captions.splitlines()[0]


@programs
def transcribe_streamed_events(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.default = sse(
        {"type": "transcript.text.delta", "delta": "Hello", "logprobs": None},
        {"type": "transcript.text.delta", "delta": " there."},
        {
            "type": "transcript.text.done",
            "text": "Hello there.",
            "usage": {"type": "tokens", "input_tokens": 4, "output_tokens": 3, "total_tokens": 7},
        },
    )
    stream = client.audio.transcriptions.create(
        model="gpt-4o-mini-transcribe",
        file=("speech.mp3", MP3),
        response_format="text",
        stream=True,
    )
    seen = []
    for event in stream:
        if event.type == "transcript.text.delta":
            seen.append(("delta", event.delta))
        elif event.type == "transcript.text.done":
            seen.append(("done", event.text, event.usage.total_tokens))
    return seen


@programs
def translate_to_english(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    path = folder / "german.mp3"
    path.write_bytes(MP3)
    server.reply(
        Reply.json({"text": "Good morning."}),
        Reply.json(
            {
                "language": "english",
                "duration": 1.0,
                "text": "Good morning.",
                "segments": VERBOSE["segments"],
            }
        ),
        Reply.raw("Good morning.", content_type="text/plain"),
    )
    translation = client.audio.translations.create(model="whisper-1", file=path)
    with path.open("rb") as handle:
        verbose = client.audio.translations.create(
            model="whisper-1", file=handle, response_format="verbose_json"
        )
    text = client.audio.translations.create(
        model="whisper-1", file=("g.mp3", path.read_bytes()), response_format="text"
    )
    return (
        translation.text,
        type(translation).__name__,
        type(verbose).__name__,
        verbose.segments[0].text,
        text,
    )


# --- images ---------------------------------------------------------------------------------------


def images_answer(*items: dict[str, Any], **extra: Any) -> Any:
    return {"created": 1733000000, "data": list(items), **extra}


@programs
def generate_dalle3_url(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.default = Reply.json(
        images_answer(
            {"url": "https://images.example/1.png", "revised_prompt": "A white siamese cat"}
        )
    )
    response = client.images.generate(
        model="dall-e-3",
        prompt="a white siamese cat",
        size="1024x1024",
        quality="standard",
        n=1,
        style="vivid",
    )
    image_url = response.data[0].url
    return image_url, response.data[0].revised_prompt, response.data[0].b64_json, response.usage


@programs
def generate_and_save_b64(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.default = Reply.json(
        images_answer(
            {"b64_json": base64.b64encode(PNG).decode()},
            background="opaque",
            output_format="png",
            quality="low",
            size="1024x1536",
            usage={
                "input_tokens": 10,
                "output_tokens": 20,
                "total_tokens": 30,
                "input_tokens_details": {"image_tokens": 0, "text_tokens": 10},
            },
        )
    )
    result = client.images.generate(
        model="gpt-image-1",
        prompt="A children's book drawing of a veterinarian",
        size="1024x1536",
        quality="low",
        output_format="png",
        moderation="low",
    )
    image_bytes = base64.b64decode(result.data[0].b64_json)
    with open(folder / "otter.png", "wb") as f:
        f.write(image_bytes)
    return (
        (folder / "otter.png").read_bytes() == PNG,
        result.usage.total_tokens,
        result.usage.input_tokens_details.text_tokens,
        result.quality,
        result.size,
    )


@programs
def edit_with_several_images(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # the image-edit guide: several reference images opened from disk, a mask, b64 back
    names = ["body-lotion.png", "soap.png", "incense-kit.png"]
    for name in names:
        (folder / name).write_bytes(PNG + name.encode())
    (folder / "mask.png").write_bytes(PNG)
    server.default = Reply.json(images_answer({"b64_json": base64.b64encode(PNG).decode()}))
    with contextlib.ExitStack() as stack:
        result = client.images.edit(
            model="gpt-image-1",
            image=[stack.enter_context(open(folder / name, "rb")) for name in names],
            prompt="Generate a photorealistic image of a gift basket",
            input_fidelity="high",
        )
    with open(folder / "soap.png", "rb") as image, open(folder / "mask.png", "rb") as mask:
        masked = client.images.edit(
            model="dall-e-2", image=image, mask=mask, prompt="a pool", n=2, size="512x512"
        )
    return base64.b64decode(result.data[0].b64_json) == PNG, len(masked.data)


@programs
def image_variations(openai: ModuleType, client: Any, server: ScriptedServer, folder: Path) -> Any:
    (folder / "corgi.png").write_bytes(PNG)
    server.default = Reply.json(
        images_answer(
            {"url": "https://images.example/a.png"}, {"url": "https://images.example/b.png"}
        )
    )
    with open(folder / "corgi.png", "rb") as image:
        response = client.images.create_variation(image=image, n=2, size="1024x1024")
    from_path = client.images.create_variation(
        image=folder / "corgi.png", model="dall-e-2", response_format="url", user="u-1"
    )
    return [d.url for d in response.data], len(from_path.data)


@programs
def generate_streamed_partial_images(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    b64 = base64.b64encode(PNG).decode()
    server.default = sse(
        {
            "type": "image_generation.partial_image",
            "b64_json": b64,
            "partial_image_index": 0,
            "created_at": 1,
            "size": "1024x1024",
            "quality": "low",
            "background": "opaque",
            "output_format": "png",
        },
        {
            "type": "image_generation.completed",
            "b64_json": b64,
            "created_at": 2,
            "size": "1024x1024",
            "quality": "low",
            "background": "opaque",
            "output_format": "png",
            "usage": {
                "input_tokens": 1,
                "output_tokens": 2,
                "total_tokens": 3,
                "input_tokens_details": {"image_tokens": 0, "text_tokens": 1},
            },
        },
    )
    stream = client.images.generate(
        model="gpt-image-1", prompt="a river", stream=True, partial_images=1
    )
    seen = []
    for event in stream:
        if event.type == "image_generation.partial_image":
            (folder / f"partial_{event.partial_image_index}.png").write_bytes(
                base64.b64decode(event.b64_json)
            )
            seen.append(("partial", event.partial_image_index))
        elif event.type == "image_generation.completed":
            seen.append(("completed", event.usage.total_tokens, type(event).__name__))
    return seen, (folder / "partial_0.png").read_bytes() == PNG


@programs
async def async_speech_and_transcription(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.raw(MP3, content_type="audio/mpeg"),
        Reply.json(VERBOSE),
        Reply.json(images_answer({"b64_json": base64.b64encode(PNG).decode()})),
    )
    async with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="async hello"
    ) as response:
        await response.stream_to_file(folder / "async.mp3")
    transcript = await client.audio.transcriptions.create(
        model="whisper-1",
        file=folder / "async.mp3",
        response_format="verbose_json",
        timestamp_granularities=["segment"],
    )
    image = await client.images.generate(model="gpt-image-1", prompt="p")
    return (
        (folder / "async.mp3").read_bytes() == MP3,
        transcript.segments[0].no_speech_prob,
        base64.b64decode(image.data[0].b64_json) == PNG,
    )


@programs
def transcribe_diarized_with_known_speakers(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    def data_url(data: bytes) -> str:
        return "data:audio/wav;base64," + base64.b64encode(data).decode()

    server.default = Reply.json(
        {
            "task": "transcribe",
            "duration": 4.2,
            "text": "Hi Bob. Hi Alice.",
            "segments": [
                {
                    "type": "transcript.text.segment",
                    "id": "seg_0",
                    "start": 0.0,
                    "end": 1.5,
                    "text": "Hi Bob.",
                    "speaker": "agent",
                },
                {
                    "type": "transcript.text.segment",
                    "id": "seg_1",
                    "start": 1.6,
                    "end": 3.0,
                    "text": "Hi Alice.",
                    "speaker": "B",
                },
            ],
            "usage": {"type": "duration", "seconds": 5},
        }
    )
    with open(folder / "meeting.wav", "wb") as handle:
        handle.write(b"RIFF....WAVEfmt ")
    with open(folder / "meeting.wav", "rb") as audio_file:
        transcript = client.audio.transcriptions.create(
            file=audio_file,
            model="gpt-4o-transcribe-diarize",
            response_format="diarized_json",
            chunking_strategy="auto",
            extra_body={
                "known_speaker_names": ["agent"],
                "known_speaker_references": [data_url(b"RIFFagent")],
            },
        )
    vad = client.audio.transcriptions.create(
        file=("call.wav", b"RIFF"),
        model="gpt-4o-transcribe-diarize",
        response_format="diarized_json",
        chunking_strategy={"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300},
        known_speaker_names=["agent", "customer"],
        known_speaker_references=[data_url(b"a"), data_url(b"c")],
    )
    return (
        type(transcript).__name__,
        [(seg.speaker, seg.text, seg.start) for seg in transcript.segments],
        transcript.usage.seconds,
        len(vad.segments),
    )


@programs
def speech_raw_response(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.default = Reply.raw(
        MP3,
        content_type="audio/mpeg",
        headers={"x-request-id": "req_tts", "openai-processing-ms": "120"},
    )
    raw = client.audio.speech.with_raw_response.create(model="tts-1", voice="fable", input="raw")
    speech = raw.parse()
    speech.write_to_file(folder / "raw.mp3")
    return (
        raw.headers["openai-processing-ms"],
        raw.request_id if hasattr(raw, "request_id") else None,
        raw.status_code,
        raw.content == MP3,
        (folder / "raw.mp3").read_bytes() == MP3,
        isinstance(speech, openai.HttpxBinaryResponseContent),
    )


@programs
def edit_streamed_partial_images(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    b64 = base64.b64encode(PNG).decode()
    common = {
        "created_at": 1,
        "size": "1024x1024",
        "quality": "medium",
        "background": "auto",
        "output_format": "webp",
    }
    server.default = sse(
        {"type": "image_edit.partial_image", "b64_json": b64, "partial_image_index": 0, **common},
        {"type": "image_edit.partial_image", "b64_json": b64, "partial_image_index": 1, **common},
        {
            "type": "image_edit.completed",
            "b64_json": b64,
            **common,
            "usage": {
                "input_tokens": 5,
                "output_tokens": 6,
                "total_tokens": 11,
                "input_tokens_details": {"image_tokens": 4, "text_tokens": 1},
            },
        },
    )
    (folder / "room.png").write_bytes(PNG)
    seen = []
    with open(folder / "room.png", "rb") as image:
        stream = client.images.edit(
            model="gpt-image-1",
            image=image,
            prompt="add a plant",
            stream=True,
            partial_images=2,
            output_format="webp",
            output_compression=80,
        )
        with stream:
            for event in stream:
                seen.append((event.type, getattr(event, "partial_image_index", None)))
                if event.type == "image_edit.completed":
                    seen.append(event.usage.input_tokens_details.image_tokens)
    return seen


@programs
async def async_images_and_transcript_stream(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    (folder / "cat.png").write_bytes(PNG)
    server.reply(
        Reply.json(images_answer({"b64_json": base64.b64encode(PNG).decode()})),
        Reply.json(images_answer({"url": "https://images.example/v.png"})),
        sse(
            {"type": "transcript.text.delta", "delta": "Hi"},
            {"type": "transcript.text.done", "text": "Hi"},
        ),
        Reply.json({"text": "Bonjour"}),
    )
    with open(folder / "cat.png", "rb") as image:
        edited = await client.images.edit(image=image, prompt="make it blue", model="gpt-image-1")
    variation = await client.images.create_variation(image=folder / "cat.png", n=1)
    stream = await client.audio.transcriptions.create(
        model="gpt-4o-transcribe", file=("a.mp3", MP3), stream=True
    )
    events = [event.type async for event in stream]
    translated = await client.audio.translations.create(model="whisper-1", file=("fr.mp3", MP3))
    return (
        base64.b64decode(edited.data[0].b64_json) == PNG,
        variation.data[0].url,
        events,
        translated.text,
    )


@pytest.mark.parametrize("name", sorted(programs.sync))
def test_program(name: str, tmp_path: Path) -> None:
    ours, theirs = programs.run(name, tmp_path)
    assert ours[1] == theirs[1]  # the requests sent
    assert ours[0] == theirs[0]  # what the program observed


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(programs.asynchronous))
async def test_async_program(name: str, tmp_path: Path) -> None:
    ours, theirs = await programs.arun(name, tmp_path)
    assert ours[1] == theirs[1]
    assert ours[0] == theirs[0]
