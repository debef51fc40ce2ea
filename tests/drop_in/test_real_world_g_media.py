"""Real-world sweep G, audio and images as users of the official SDK write them (its README, the
audio and image guides, blog posts): uploads in every shape a tutorial passes (`open(path, "rb")`,
`Path`, bytes, `(name, bytes, mime)` tuples, in-memory buffers), transcriptions as text, subtitles,
verbose JSON with timestamps and streamed events, speech saved or streamed chunk by chunk (sync
and async), a streamed body read twice, and image generations, edits and variations decoded from
base64 -- each run against both packages over the loopback server (see real_world_d), comparing
what the program observed and the requests sent, multipart bodies part by part.
"""

from __future__ import annotations

import base64
import io
import json
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MP3 = b"ID3\x04\x00" + bytes(range(256)) * 3
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(48))


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-g-"))


def sse(*events: Any) -> Reply:
    return Reply.sse([f"data: {json.dumps(event)}\n\n" for event in events])


def outcome(code: Any) -> Any:
    """What a caller sees of ``code()``: its result, or the exception's class and whether it is
    one of the package's own errors (what an ``except openai.OpenAIError`` catches)."""
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__, _own_error(error))


def _own_error(error: Exception) -> bool:
    package = type(error).__module__.split(".")[0]
    base = __import__(package).OpenAIError if package in ("openai", "typed_openai") else None
    return base is not None and isinstance(error, base)


async def aoutcome(code: Any) -> Any:
    try:
        return ("ok", await code())
    except Exception as error:
        return ("raised", type(error).__name__, _own_error(error))


# --- transcriptions and translations --------------------------------------------------------------


@program
def transcripts_printed_and_saved(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A notebook transcribing one recording in each format and printing what came back."""
    here = folder()
    (here / "interview.mp3").write_bytes(MP3)
    server.reply(
        Reply.json({"text": "Hi Zoë.", "usage": {"type": "duration", "seconds": 3}}),
        Reply.json(
            {
                "text": "Hi Zoë.",
                "language": "english",
                "duration": 1.25,
                "words": [{"word": "Hi", "start": 0.0, "end": 0.4}],
                "segments": [],
            }
        ),
        Reply.raw("Hi Zoë.\n", content_type="text/plain; charset=utf-8"),
        Reply.json({"text": "Hello."}),
    )
    plain = client.audio.transcriptions.create(model="whisper-1", file=here / "interview.mp3")
    verbose = client.audio.transcriptions.create(
        model="whisper-1",
        file=("interview.mp3", MP3, "audio/mpeg"),
        response_format="verbose_json",
        timestamp_granularities=["word", "segment"],
        temperature=0,
        prompt="Names: Zoë",
    )
    with open(here / "interview.mp3", "rb") as audio_file:
        text = client.audio.transcriptions.create(
            model="whisper-1", file=audio_file, response_format="text", temperature=0.2
        )
    english = client.audio.translations.create(
        model="whisper-1", file=io.BytesIO(MP3), response_format="json"
    )
    return (
        repr(plain),
        str(plain),
        plain.to_json(),
        plain.model_dump(),
        repr(verbose),
        verbose.model_dump(exclude_unset=True),
        text,
        repr(english),
        [type(result).__name__ for result in (plain, verbose, text, english)],
    )


@program
def transcription_options_in_the_form(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The newer models' options: logprobs, chunking (`"auto"` or a VAD object, sent as bracketed
    form fields), speakers named by reference clips for diarization."""
    server.default = Reply.json(
        {"text": "hi", "logprobs": [{"token": "hi", "logprob": -0.1, "bytes": [104, 105]}]}
    )
    with_logprobs = client.audio.transcriptions.create(
        model="gpt-4o-transcribe",
        file=("a.wav", b"RIFF"),
        include=["logprobs"],
        chunking_strategy="auto",
        response_format="json",
    )
    client.audio.transcriptions.create(
        model="gpt-4o-transcribe",
        file=("a.wav", b"RIFF"),
        chunking_strategy={
            "type": "server_vad",
            "prefix_padding_ms": 300,
            "silence_duration_ms": 500,
            "threshold": 0.5,
        },
    )
    diarized = client.audio.transcriptions.create(
        model="gpt-4o-transcribe-diarize",
        file=("a.wav", b"RIFF"),
        known_speaker_names=["agent", "customer"],
        known_speaker_references=["data:audio/wav;base64,AAA=", "data:audio/wav;base64,BBB="],
        response_format="diarized_json",
    )
    return repr(with_logprobs), with_logprobs.logprobs[0].bytes, type(diarized).__name__


@program
def upload_shapes_for_audio(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The file shapes tutorials pass, including a tuple without a filename (as httpx takes it:
    a part with no filename) and an in-memory buffer."""
    server.default = Reply.json({"text": "x"})
    recording = io.BytesIO(b"RIFF....WAVE")
    recording.name = "memo.wav"
    on_disk = folder() / "memo.wav"
    on_disk.write_bytes(b"RIFF-on-disk")
    shapes = [
        (None, on_disk),
        b"RIFF-bytes",
        ("clip.mp3", b"ID3"),
        ("clip.mp3", b"ID3", "audio/mpeg"),
        ("clip.mp3", b"ID3", "audio/mpeg", {"X-Part": "1"}),
        (None, b"RIFF-unnamed"),
        (None, b"RIFF-unnamed", "audio/wav"),
        recording,
    ]
    return [
        client.audio.transcriptions.create(model="whisper-1", file=shape).text for shape in shapes
    ]


@program
def file_arguments_a_tutorial_gets_wrong(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A path passed as a string, a number: an error before anything is sent."""
    server.default = Reply.json({"text": "x"})
    wrong: list[Any] = ["speech.mp3", 123, None]
    results = []
    for value in wrong:
        try:
            client.audio.transcriptions.create(model="whisper-1", file=value)
            results.append("sent")
        except (TypeError, RuntimeError):  # the SDK raises RuntimeError, typed_openai TypeError
            results.append("refused")
    return results, len(server.requests)


@program
def buffer_view_of_a_recording(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A `memoryview` of recorded audio: the official SDK refuses one (RuntimeError), typed_openai
    takes it as the bytes it views -- the upload the SDK sends for those bytes (it once took the
    view for a list of files and refused it, naming `int`)."""
    server.default = Reply.json({"text": "x"})
    recorded = bytearray(b"RIFF....WAVE")
    audio = memoryview(recorded) if openai.__name__ == "typed_openai" else bytes(recorded)
    return client.audio.transcriptions.create(model="whisper-1", file=audio).text


@program
def streamed_transcript_with_logprobs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = sse(
        {
            "type": "transcript.text.delta",
            "delta": "Hel",
            "logprobs": [{"token": "Hel", "logprob": -0.5, "bytes": [72]}],
        },
        {"type": "transcript.text.delta", "delta": "lo"},
        {
            "type": "transcript.text.done",
            "text": "Hello",
            "logprobs": [{"token": "Hello", "logprob": -0.5}],
            "usage": {"type": "tokens", "input_tokens": 4, "output_tokens": 2, "total_tokens": 6},
        },
    )
    shown = []
    with client.audio.transcriptions.create(
        model="gpt-4o-transcribe", file=("a.wav", b"RIFF"), stream=True, include=["logprobs"]
    ) as stream:
        for event in stream:
            if event.type == "transcript.text.delta":
                shown.append(repr(event))
            elif event.type == "transcript.text.done":
                shown.append((event.text, event.usage.total_tokens, event.logprobs[0].token))
    return shown, type(stream).__name__


# --- speech ---------------------------------------------------------------------------------------


@program
def speech_read_every_way(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    here = folder()
    server.default = Reply.raw(MP3, content_type="audio/mpeg", headers={"x-request-id": "req_1"})
    speech = client.audio.speech.create(model="tts-1", voice="alloy", input="hi")
    seen: list[Any] = [
        type(speech).__name__,
        speech.content == MP3,
        speech.read() == MP3,
        speech.encoding,
        b"".join(speech.iter_bytes(100)) == MP3,
        [len(chunk) for chunk in speech.iter_bytes(500)],
        speech.response.status_code,
        speech.response.headers["x-request-id"],
    ]
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="hi", response_format="opus"
    ) as response:
        seen.append(type(response).__name__)
        seen.append([len(chunk) for chunk in response.iter_bytes(chunk_size=300)])
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="coral", input="hi", instructions="Be cheerful."
    ) as response:
        response.stream_to_file(here / "speech.mp3", chunk_size=10)
        seen.append((response.status_code, response.http_request.url.path))
    seen.append(((here / "speech.mp3").read_bytes() == MP3, response.is_closed))
    raw = client.audio.speech.with_raw_response.create(model="tts-1", voice="alloy", input="hi")
    parsed = raw.parse()
    seen.append((type(raw).__name__, type(parsed).__name__, parsed.content == MP3, raw.content))
    return seen


@program
def streamed_speech_read_again(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A streamed body played chunk by chunk, then asked for whole: the package's own error."""
    server.default = Reply.raw(MP3, content_type="audio/mpeg")
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="hi"
    ) as response:
        played = b"".join(response.iter_bytes())
        again = outcome(response.read)
        text = outcome(response.text)
    return played == MP3, again, text


@program
def speech_saved_where_it_cannot_go(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A script saving speech under a folder it forgot to create, or onto a folder: the error
    names the path the script gave (what it logs, `error.filename`), in both packages."""
    here = folder()
    server.default = Reply.raw(MP3, content_type="audio/mpeg")
    missing = here / "not-created" / "speech.mp3"

    def failure(code: Any) -> Any:
        try:
            code()
            return "written"
        except OSError as error:
            return type(error).__name__, str(error), error.filename

    speech = client.audio.speech.create(model="tts-1", voice="alloy", input="hi")
    seen = [
        failure(lambda: speech.write_to_file(missing)),
        failure(lambda: speech.write_to_file(here)),
    ]
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="hi"
    ) as response:
        seen.append(failure(lambda: response.stream_to_file(str(missing))))
    seen.append(sorted(path.name for path in here.iterdir()))  # nothing left behind
    return [str(item).replace(str(here), "<folder>") for item in seen]


@async_program
async def async_speech_saved_and_streamed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    server.default = Reply.raw(MP3, content_type="audio/mpeg")
    seen: list[Any] = []
    async with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="coral", input="hi"
    ) as response:
        await response.stream_to_file(here / "a.mp3")
        seen.append(type(response).__name__)
    seen.append((here / "a.mp3").read_bytes() == MP3)
    async with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="hi"
    ) as response:
        seen.append([len(chunk) async for chunk in response.iter_bytes(100)])
        seen.append(await aoutcome(response.read))
    speech = await client.audio.speech.create(model="tts-1", voice="alloy", input="hi")
    seen.append((type(speech).__name__, speech.content == MP3))
    seen.append(len([chunk async for chunk in await speech.aiter_bytes(300)]))
    speech.write_to_file(here / "c.mp3")
    seen.append((here / "c.mp3").read_bytes() == MP3)
    raw = await client.audio.speech.with_raw_response.create(model="tts-1", voice="alloy", input="")
    seen.append((type(raw.parse()).__name__, raw.parse().content == MP3))
    return seen


@async_program
async def async_transcribe_every_shape(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    (here / "a.wav").write_bytes(b"RIFF1234")
    server.reply(
        Reply.json({"text": "one"}),
        Reply.raw("two", content_type="text/plain"),
        sse(
            {"type": "transcript.text.delta", "delta": "th"},
            {"type": "transcript.text.done", "text": "three"},
        ),
        Reply.json({"text": "four"}),
    )
    first = await client.audio.transcriptions.create(model="whisper-1", file=here / "a.wav")
    with open(here / "a.wav", "rb") as handle:
        second = await client.audio.transcriptions.create(
            model="whisper-1", file=handle, response_format="text"
        )
    stream = await client.audio.transcriptions.create(
        model="gpt-4o-transcribe", file=(here / "a.wav").read_bytes(), stream=True
    )
    events = [event.type async for event in stream]
    with open(here / "a.wav", "rb") as handle:
        fourth = await client.audio.translations.create(
            model="whisper-1", file=("a.wav", handle, "audio/wav")
        )
    return first.text, second, events, fourth.text, type(stream).__name__


# --- images ---------------------------------------------------------------------------------------


def images(*data: dict[str, Any], **extra: Any) -> Reply:
    return Reply.json({"created": 1733000000, "data": list(data), **extra})


@program
def gpt_image_generate_and_edit(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    here = folder()
    (here / "a.png").write_bytes(PNG)
    (here / "mask.png").write_bytes(PNG[:20])
    b64 = base64.b64encode(PNG).decode()
    server.default = images(
        {"b64_json": b64},
        {"url": "https://images.example/y.png", "revised_prompt": "p"},
        usage={
            "input_tokens": 1,
            "output_tokens": 2,
            "total_tokens": 3,
            "input_tokens_details": {"image_tokens": 1, "text_tokens": 0},
        },
    )
    generated = client.images.generate(
        prompt="a cat in a hat",
        model="gpt-image-1",
        n=2,
        size="auto",
        background="transparent",
        output_compression=50,
        output_format="webp",
        user="u-1",
    )
    with open(here / "a.png", "rb") as third, open(here / "mask.png", "rb") as mask:
        edited = client.images.edit(
            image=[here / "a.png", ("b.png", PNG, "image/png"), third],
            mask=mask,
            prompt="add a bow tie",
            model="gpt-image-1",
            background="auto",
            output_format="jpeg",
            output_compression=80,
            quality="medium",
        )
    classic = client.images.edit(
        image=("a.png", PNG), prompt="x", model="dall-e-2", response_format="b64_json", n=1
    )
    variation = client.images.create_variation(image=PNG, n=1, size="256x256")
    saved = here / "out.png"
    saved.write_bytes(base64.b64decode(generated.data[0].b64_json))
    return (
        generated.model_dump(exclude_none=True),
        generated.to_dict(mode="json")["usage"],
        saved.read_bytes() == PNG,
        repr(edited.data[0]),
        len(classic.data),
        repr(variation.usage),
    )


@program
def image_form_fields_as_sent(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Numbers, zeros, booleans and `None` in an image form: how each travels (or not)."""
    server.default = images()
    client.images.edit(
        image=("a.png", PNG), prompt="x", n=2, partial_images=0, stream=False, output_compression=0
    )
    client.images.create_variation(image=("a.png", PNG), n=3, response_format="url", size="256x256")
    client.images.generate(prompt="x", n=None, size=None, quality=None)
    return len(server.requests)


@async_program
async def async_edit_with_paths_and_files(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    (here / "a.png").write_bytes(PNG)
    server.default = images({"b64_json": "AAAA"})
    with open(here / "a.png", "rb") as handle:
        edited = await client.images.edit(image=[here / "a.png", handle], prompt="x")
    variation = await client.images.create_variation(image=here / "a.png")
    return edited.data[0].b64_json, variation.created


@program
def streamed_transcript_usage_printed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A live-captioning script printing the final event of a streamed transcription."""
    server.default = Reply.sse(
        [
            "data: "
            + json.dumps(
                {
                    "type": "transcript.text.done",
                    "text": "Hello",
                    "usage": {
                        "type": "tokens",
                        "input_tokens": 4,
                        "output_tokens": 2,
                        "total_tokens": 6,
                    },
                }
            )
            + "\n\n"
        ]
    )
    stream = client.audio.transcriptions.create(
        model="gpt-4o-transcribe", file=("a.wav", b"RIFF"), stream=True
    )
    return [(repr(event), type(event.usage).__name__) for event in stream]


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)
