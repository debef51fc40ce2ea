"""Speech and images with real media: a WAV (or raw PCM) voice stand-in and PNG pictures;
transcripts in the format asked for.

The bodies are small but genuine files, so a demo can save and open them: speech is a soft tone
whose length follows the input text; an image is a gradient whose colours follow the prompt.
Other audio formats get deterministic bytes under their proper MIME type (encoding MP3 or Opus
is out of scope for a test server); event-stream variants come from the spec's schemas.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import struct
import wave
import zlib
from typing import TYPE_CHECKING, Any

from .._app import Route
from .._errors import ApiError, invalid_value
from .._wire import Request, Response, json_response, require
from ._generic import answer_as_declared, binary_payload

if TYPE_CHECKING:
    from .._app import App, Reply

SAMPLE_RATE = 24_000
AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/opus",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}
IMAGE_SIZES = {"256x256", "512x512", "1024x1024", "1024x1536", "1536x1024", "1792x1024"}
IMAGE_SIDE = 64  # every picture is this small; the requested size is echoed, not rendered


def create_speech(app: App, request: Request) -> Reply:
    body = request.json()
    text = require(body, "input", str)
    require(body, "model", str)
    require(body, "voice")
    if body.get("stream_format") == "sse":
        return answer_as_declared(app, request, "POST", "/audio/speech")
    fmt = body.get("response_format") or "mp3"
    if fmt not in AUDIO_TYPES:
        raise invalid_value("response_format", f"Unsupported audio format '{fmt}'.")
    if len(text) > 4096:
        raise invalid_value("input", "'input' holds at most 4096 characters.")
    speed = body.get("speed", 1.0)
    if isinstance(speed, bool) or not isinstance(speed, (int, float)) or not 0.25 <= speed <= 4:
        raise invalid_value("speed", "'speed' must be a number from 0.25 to 4.0.")
    samples = _tone(text, seconds=min(10.0, 0.3 + 0.06 * len(text)) / speed)
    if fmt == "pcm":
        data = samples
    elif fmt == "wav":
        data = _wav(samples)
    else:
        data = binary_payload(f"speech|{fmt}|{text}", size=1024)
    return Response(body=data, content_type=AUDIO_TYPES[fmt])


def transcribe(app: App, request: Request) -> Reply:
    return _transcript(app, request, "/audio/transcriptions")


def translate(app: App, request: Request) -> Reply:
    return _transcript(app, request, "/audio/translations")


_SUBTITLE_FORMATS = {"text", "srt", "vtt"}


def _transcript(app: App, request: Request, path: str) -> Reply:
    """The answer in the shape ``response_format`` names, as the API sends it: plain text for
    text and subtitles (``text/plain``), one JSON shape per ``*json`` format; a stream from the
    spec's events."""
    upload = request.files.get("file")
    if upload is None:
        raise ApiError(400, "Missing required parameter: 'file'.", param="file")
    form = request.form
    if _streams(form.get("stream")):
        return answer_as_declared(app, request, "POST", path)
    fmt = form.get("response_format") or "json"
    text = f"A transcript of {upload.filename}."
    duration = round(0.5 + len(upload.data) / 16_000, 2)
    if fmt in _SUBTITLE_FORMATS:
        return Response(body=_subtitles(fmt, text, duration).encode(), content_type="text/plain")
    usage = {"type": "duration", "seconds": math.ceil(duration)}
    if fmt == "json":
        return json_response({"text": text, "usage": usage})
    segment = {"id": 0, "start": 0.0, "end": duration, "text": text}
    if fmt == "verbose_json":
        segment |= {
            "seek": 0,
            "tokens": [1, 2, 3],
            "temperature": 0.0,
            "avg_logprob": -0.1,
            "compression_ratio": 1.0,
            "no_speech_prob": 0.01,
        }
        answer = {"language": "english", "duration": duration, "text": text, "segments": [segment]}
        return json_response(answer if path.endswith("translations") else answer | {"usage": usage})
    if fmt == "diarized_json" and not path.endswith("translations"):
        segment |= {"type": "transcript.text.segment", "id": "seg_0", "speaker": "A"}
        return json_response(
            {"task": "transcribe", "duration": duration, "text": text, "segments": [segment]}
        )
    raise invalid_value("response_format", f"Unsupported response format '{fmt}'.")


def _subtitles(fmt: str, text: str, duration: float) -> str:
    if fmt == "text":
        return text + "\n"
    millis = int(duration * 1000)
    end = f"00:00:{millis // 1000:02d}{',' if fmt == 'srt' else '.'}{millis % 1000:03d}"
    start = "00:00:00,000" if fmt == "srt" else "00:00:00.000"
    cue = f"{start} --> {end}\n{text}\n"
    return f"1\n{cue}" if fmt == "srt" else f"WEBVTT\n\n{cue}"


def _tone(text: str, *, seconds: float) -> bytes:
    """16-bit mono samples of a soft tone whose pitch follows the text."""
    pitch = 180 + int(hashlib.sha256(text.encode()).hexdigest()[:2], 16)
    count = int(SAMPLE_RATE * seconds)
    frames = (
        int(6000 * math.sin(2 * math.pi * pitch * i / SAMPLE_RATE) * min(1.0, i / 800))
        for i in range(count)
    )
    return struct.pack(f"<{count}h", *frames)


def _wav(samples: bytes) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(SAMPLE_RATE)
        writer.writeframes(samples)
    return out.getvalue()


def create_image(app: App, request: Request) -> Reply:
    body = request.json()
    prompt = require(body, "prompt", str)
    if _streams(body.get("stream")):
        return answer_as_declared(app, request, "POST", "/images/generations")
    return json_response(_images(app, body, prompt))


def edit_image(app: App, request: Request) -> Reply:
    form = request.form
    if not any(name in request.files for name in ("image", "image[]")):
        raise ApiError(400, "Missing required parameter: 'image'.", param="image")
    prompt = form.get("prompt")
    if not prompt:
        raise ApiError(400, "Missing required parameter: 'prompt'.", param="prompt")
    if _streams(form.get("stream")):
        return answer_as_declared(app, request, "POST", "/images/edits")
    return json_response(_images(app, form, prompt))


def image_variation(app: App, request: Request) -> Reply:
    image = request.files.get("image")
    if image is None:
        raise ApiError(400, "Missing required parameter: 'image'.", param="image")
    return json_response(_images(app, request.form, image.filename))


def _streams(value: Any) -> bool:
    return value is True or value in ("true", "True")


def _images(app: App, fields: Any, prompt: str) -> dict[str, Any]:
    raw_count = fields.get("n") or 1
    try:
        count = int(raw_count)
    except (TypeError, ValueError):
        raise invalid_value("n", "'n' must be an integer from 1 to 10.") from None
    if not 1 <= count <= 10:
        raise invalid_value("n", "'n' must be an integer from 1 to 10.")
    size = fields.get("size") or "1024x1024"
    if size != "auto" and size not in IMAGE_SIZES:
        raise invalid_value("size", f"Unsupported image size '{size}'.")
    pictures = [
        {"b64_json": base64.b64encode(_png(f"{prompt}|{index}")).decode()} for index in range(count)
    ]
    return {
        "created": int(app.now()),
        "data": pictures,
        "output_format": "png",
        "usage": {
            "input_tokens": max(1, len(prompt.split())),
            "input_tokens_details": {"image_tokens": 0, "text_tokens": max(1, len(prompt.split()))},
            "output_tokens": 272 * count,
            "total_tokens": max(1, len(prompt.split())) + 272 * count,
        },
    }


def _png(seed: str) -> bytes:
    """A small RGB gradient PNG whose colours come from ``seed``."""
    digest = hashlib.sha256(seed.encode()).digest()
    start, end = digest[:3], digest[3:6]
    rows = bytearray()
    for y in range(IMAGE_SIDE):
        rows.append(0)  # filter: none
        for x in range(IMAGE_SIDE):
            t = (x + y) / (2 * (IMAGE_SIDE - 1))
            rows += bytes(int(a + (b - a) * t) for a, b in zip(start, end, strict=True))
    header = struct.pack(">IIBBBBB", IMAGE_SIDE, IMAGE_SIDE, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows)))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


ROUTES = [
    Route("POST", "/audio/speech", create_speech),
    Route("POST", "/audio/transcriptions", transcribe),
    Route("POST", "/audio/translations", translate),
    Route("POST", "/images/generations", create_image),
    Route("POST", "/images/edits", edit_image),
    Route("POST", "/images/variations", image_variation),
]
