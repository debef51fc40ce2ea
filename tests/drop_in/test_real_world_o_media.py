"""Real-world sweep O, media and the small endpoints as users of the official SDK write them: a
webhook view that routes each event to the next call (a finished response fetched, an incoming
SIP call accepted, a batch's output read) and survives a rotated secret, images asked for as
base64 in several formats and saved, the rate-limit headers of a raw image call, an edit with
a mask and a list of images, a streamed edit, transcripts and translations in text, srt, vtt
and verbose JSON, speech read through a raw response, embeddings compared by cosine
similarity, moderation results read through ``vars()``, ``dict()`` and ``to_dict()``, and the
models catalogue sorted and pruned — run against both packages over the loopback server (see
real_world_d).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import io
import json
import math
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.server import Reply, ScriptedServer

from .conftest import official
from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(32))
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(range(16))
MP3 = b"ID3\x03" + bytes(range(200))


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-o-"))


def outcome(code: Any) -> Any:
    """What the code returned, or the class of what it raised (the text of the package's own
    errors is its own wording: test_webhook_error_texts_are_each_packages_own)."""
    try:
        return ("ok", code())
    except Exception as error:  # what a script's author logs
        return ("raised", type(error).__name__)


def sse(*events: Any) -> Reply:
    return Reply.sse([f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events])


# --- webhooks ------------------------------------------------------------------------------------

OLD_KEY = b"old-secret-old-secret-old-secret"
NEW_KEY = b"new-secret-new-secret-new-secret"
SENT_AT = 1733000000


@contextlib.contextmanager
def clock_at(moment: float) -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setattr(time, "time", lambda: moment)
    try:
        yield
    finally:
        patch.undo()


def signature(key: bytes, body: str, msg_id: str, at: int) -> str:
    mac = hmac.new(key, f"{msg_id}.{at}.{body}".encode(), hashlib.sha256)
    return "v1," + base64.b64encode(mac.digest()).decode()


def delivery(kind: str, data: Any, *keys: bytes, msg_id: str = "msg_1") -> tuple[str, Any]:
    body = json.dumps(
        {"id": f"evt_{kind}", "object": "event", "type": kind, "created_at": SENT_AT, "data": data}
    )
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(SENT_AT),
        "webhook-signature": " ".join(signature(key, body, msg_id, SENT_AT) for key in keys),
    }
    return body, headers


@program
def webhook_view_routing_events_to_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The docs' receiver: one view, a `match` on the event type, a follow-up call for each."""
    secret = "whsec_" + base64.b64encode(NEW_KEY).decode()
    receiver = openai.OpenAI(
        api_key="sk-x", base_url=server.url + "/v1", webhook_secret=secret, max_retries=0
    )
    server.route(
        "GET",
        "/v1/responses/resp_1",
        Reply.json(
            {
                "id": "resp_1",
                "object": "response",
                "created_at": SENT_AT,
                "status": "completed",
                "model": "gpt-4o",
                "output": [
                    {
                        "type": "message",
                        "id": "msg_a",
                        "status": "completed",
                        "role": "assistant",
                        "content": [{"type": "output_text", "text": "Done.", "annotations": []}],
                    }
                ],
                "parallel_tool_calls": True,
                "tool_choice": "auto",
                "tools": [],
            }
        ),
    )
    server.route("POST", "/v1/realtime/calls/rtc_1/accept", Reply.empty(200))
    server.route("POST", "/v1/realtime/calls/rtc_2/reject", Reply.empty(200))
    deliveries = [
        delivery("response.completed", {"id": "resp_1"}, NEW_KEY),
        delivery(
            "realtime.call.incoming",
            {
                "call_id": "rtc_1",
                "sip_headers": [{"name": "From", "value": "sip:+15551234@example.com"}],
            },
            OLD_KEY,
            NEW_KEY,
            msg_id="msg_2",
        ),
        delivery(
            "realtime.call.incoming",
            {"call_id": "rtc_2", "sip_headers": [{"name": "From", "value": "sip:anon@x"}]},
            NEW_KEY,
            msg_id="msg_3",
        ),
        delivery("fine_tuning.job.succeeded", {"id": "ftjob-1"}, NEW_KEY, msg_id="msg_4"),
        delivery("batch.completed", {"id": "batch_1"}, OLD_KEY, msg_id="msg_5"),
    ]
    log = []
    with clock_at(SENT_AT + 30):
        for body, headers in deliveries:
            try:
                event = receiver.webhooks.unwrap(body, headers)
            except openai.InvalidWebhookSignatureError as error:
                log.append(("rejected", type(error).__name__, isinstance(error, ValueError)))
                continue
            match event.type:
                case "response.completed":
                    answer = receiver.responses.retrieve(event.data.id)
                    log.append((event.type, answer.output_text))
                case "realtime.call.incoming":
                    caller = event.data.sip_headers[0].value
                    if caller.startswith("sip:+1"):
                        receiver.realtime.calls.accept(
                            event.data.call_id,
                            type="realtime",
                            model="gpt-realtime",
                            instructions="You are a receptionist.",
                        )
                        log.append(("accepted", event.data.call_id, type(event.data).__name__))
                    else:
                        receiver.realtime.calls.reject(event.data.call_id, status_code=486)
                        log.append(("rejected call", event.data.call_id))
                case _:
                    log.append((event.type, type(event).__name__, event.data.model_dump()))
    receiver.close()
    return log


@program
def webhook_signature_checked_before_parsing(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """`verify_signature` first (bytes body, explicit secret, a tolerance), then `json.loads`."""
    raw_secret = NEW_KEY.decode()  # a secret without the `whsec_` prefix: its text is the key
    body, headers = delivery("eval.run.succeeded", {"id": "evalrun_1"}, NEW_KEY)
    checks = []
    for now, tolerance in ((SENT_AT + 10, 300), (SENT_AT + 400, 300), (SENT_AT + 400, 600)):
        with clock_at(now):
            checks.append(
                outcome(
                    lambda tolerance=tolerance: client.webhooks.verify_signature(
                        body.encode(), headers, secret=raw_secret, tolerance=tolerance
                    )
                )
            )
    with clock_at(SENT_AT):
        missing = outcome(lambda: client.webhooks.unwrap(body, {}, secret=raw_secret))
        unsigned = outcome(lambda: client.webhooks.unwrap(body, headers))
        tampered = outcome(
            lambda: client.webhooks.unwrap(
                body.replace("evalrun_1", "evalrun_2"), headers, secret=raw_secret
            )
        )
    payload = json.loads(body)
    return checks, missing, unsigned, tampered, payload["data"]["id"]


# --- images ---------------------------------------------------------------------------------------


def images(*blobs: bytes, **extra: Any) -> Any:
    body = {
        "created": 1733000000,
        "data": [{"b64_json": base64.b64encode(blob).decode()} for blob in blobs],
    }
    body.update(extra)
    return body


USAGE = {
    "input_tokens": 50,
    "output_tokens": 4160,
    "total_tokens": 4210,
    "input_tokens_details": {"text_tokens": 50, "image_tokens": 0},
}


@program
def product_shots_saved_as_webp(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    server.route(
        "POST",
        "/v1/images/generations",
        Reply.json(
            images(
                WEBP,
                WEBP[::-1],
                background="transparent",
                output_format="webp",
                quality="high",
                size="1024x1536",
                usage=USAGE,
            ),
            headers={
                "x-ratelimit-remaining-requests": "49",
                "openai-processing-ms": "12000",
                "x-request-id": "req_img",
            },
        ),
    )
    raw = client.images.with_raw_response.generate(
        model="gpt-image-1",
        prompt="A teapot on a white background",
        n=2,
        size="1024x1536",
        quality="high",
        background="transparent",
        output_format="webp",
        output_compression=80,
        moderation="low",
    )
    result = raw.parse()
    saved = []
    for index, image in enumerate(result.data):
        target = where / f"teapot_{index}.{result.output_format}"
        target.write_bytes(base64.b64decode(image.b64_json))
        saved.append((target.name, target.stat().st_size))
    return (
        raw.headers["x-ratelimit-remaining-requests"],
        int(raw.headers.get("openai-processing-ms", 0)) / 1000,
        raw.status_code,
        raw.request_id if hasattr(raw, "request_id") else None,
        result._request_id,
        saved,
        result.usage.total_tokens,
        result.usage.input_tokens_details.text_tokens,
        result.model_dump(include={"created", "background", "output_format", "quality", "size"}),
        [image.revised_prompt for image in result.data],
    )


@program
def dall_e_3_then_a_masked_edit(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    (where / "room.png").write_bytes(PNG)
    (where / "mask.png").write_bytes(PNG[::-1])
    server.route(
        "POST",
        "/v1/images/generations",
        Reply.json(
            {
                "created": 1733000000,
                "data": [
                    {
                        "url": "https://example.com/img.png",
                        "revised_prompt": "A cozy living room, watercolor.",
                    }
                ],
            }
        ),
    )
    server.route("POST", "/v1/images/edits", Reply.json(images(PNG, size="1024x1024")))
    first = client.images.generate(
        model="dall-e-3", prompt="a cozy room", size="1792x1024", quality="hd", style="natural"
    )
    with open(where / "room.png", "rb") as room, open(where / "mask.png", "rb") as mask:
        edited = client.images.edit(
            model="gpt-image-1",
            image=[room, ("sofa.png", PNG, "image/png")],
            mask=mask,
            prompt="Add the sofa under the window",
            input_fidelity="high",
            size="1024x1024",
            quality="medium",
        )
    (where / "edited.png").write_bytes(base64.b64decode(edited.data[0].b64_json))
    return (
        first.data[0].url,
        first.data[0].revised_prompt,
        first.data[0].b64_json,
        str(first.data[0]),
        (where / "edited.png").read_bytes() == PNG,
        edited.size,
        edited.usage,
    )


@program
def streamed_edit_partial_frames(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    b64 = base64.b64encode(PNG).decode()
    common = {
        "created_at": 1,
        "size": "1024x1024",
        "quality": "low",
        "background": "opaque",
        "output_format": "png",
    }
    server.route(
        "POST",
        "/v1/images/edits",
        sse(
            {
                "type": "image_edit.partial_image",
                "b64_json": b64,
                "partial_image_index": 0,
                **common,
            },
            {
                "type": "image_edit.partial_image",
                "b64_json": b64,
                "partial_image_index": 1,
                **common,
            },
            {"type": "image_edit.completed", "b64_json": b64, **common, "usage": USAGE},
        ),
    )
    stream = client.images.edit(
        model="gpt-image-1",
        image=("photo.png", PNG),
        prompt="make it snow",
        stream=True,
        partial_images=2,
    )
    frames = []
    with stream:
        for event in stream:
            if event.type == "image_edit.partial_image":
                path = where / f"frame_{event.partial_image_index}.png"
                path.write_bytes(base64.b64decode(event.b64_json))
                frames.append(path.name)
            else:
                frames.append((event.type, event.usage.output_tokens, type(event).__name__))
    return frames, isinstance(stream, openai.Stream), type(stream).__name__


# --- audio --------------------------------------------------------------------------------------


@program
def subtitles_in_every_format(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    (where / "talk.m4a").write_bytes(MP3)
    srt = "1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n"
    vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello there.\n\n"
    server.route(
        "POST",
        "/v1/audio/transcriptions",
        Reply.raw(srt, content_type="text/plain; charset=utf-8"),
        Reply.raw(vtt, content_type="text/vtt"),
        Reply.json(
            {
                "task": "transcribe",
                "language": "english",
                "duration": 1.5,
                "text": "Hello there.",
                "segments": [
                    {
                        "id": 0,
                        "seek": 0,
                        "start": 0.0,
                        "end": 1.5,
                        "text": " Hello there.",
                        "tokens": [50364, 2425],
                        "temperature": 0.0,
                        "avg_logprob": -0.2,
                        "compression_ratio": 0.8,
                        "no_speech_prob": 0.01,
                    }
                ],
                "usage": {"type": "duration", "seconds": 2},
            }
        ),
    )
    server.route(
        "POST",
        "/v1/audio/translations",
        Reply.raw(srt, content_type="text/plain"),
        Reply.json({"language": "french", "duration": 1.5, "text": "Hello there.", "segments": []}),
    )
    with open(where / "talk.m4a", "rb") as f:
        as_srt = client.audio.transcriptions.create(
            model="whisper-1", file=f, response_format="srt"
        )
    (where / "talk.srt").write_text(as_srt)
    as_vtt = client.audio.transcriptions.create(
        model="whisper-1", file=where / "talk.m4a", response_format="vtt", language="en"
    )
    verbose = client.audio.transcriptions.create(
        model="whisper-1",
        file=where / "talk.m4a",
        response_format="verbose_json",
        timestamp_granularities=["segment"],
    )
    lines = [f"[{s.start:6.2f} -> {s.end:6.2f}] {s.text.strip()}" for s in verbose.segments]
    translated_srt = client.audio.translations.create(
        model="whisper-1", file=where / "talk.m4a", response_format="srt"
    )
    translated = client.audio.translations.create(
        model="whisper-1", file=where / "talk.m4a", response_format="verbose_json", prompt="Bonjour"
    )
    return (
        as_srt,
        type(as_srt).__name__,
        as_vtt.splitlines()[0],
        lines,
        verbose.words,
        repr(verbose.usage),
        type(verbose).__name__,
        translated_srt == srt,
        type(translated).__name__,
        translated.language,
        translated.segments,
    )


@program
def speech_through_a_raw_response(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    where = folder()
    server.route(
        "POST",
        "/v1/audio/speech",
        Reply.raw(MP3, content_type="audio/mpeg", headers={"x-request-id": "req_tts"}),
    )
    raw = client.audio.speech.with_raw_response.create(
        model="gpt-4o-mini-tts",
        voice="nova",
        input="Your order has shipped.",
        response_format="mp3",
        speed=1.25,
        instructions="Calm and warm.",
    )
    audio = raw.parse()
    audio.write_to_file(where / "shipped.mp3")
    return (
        raw.headers["content-type"],
        raw.http_response.status_code,
        type(audio).__name__,
        (where / "shipped.mp3").read_bytes() == MP3,
        audio.response.headers["x-request-id"],
        raw.http_request.method,
        str(raw.http_request.url).endswith("/audio/speech"),
        len(b"".join(audio.iter_bytes(64))),
    )


@program
def voice_over_with_streaming_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    server.route("POST", "/v1/audio/speech", Reply.raw(MP3, content_type="audio/wav"))
    script = ["Welcome.", "Chapter one."]
    sizes = []
    for index, line in enumerate(script):
        target = where / f"line_{index:02d}.wav"
        with client.audio.speech.with_streaming_response.create(
            model="tts-1-hd", voice="onyx", input=line, response_format="wav"
        ) as response:
            response.stream_to_file(target)
            sizes.append((target.name, target.stat().st_size, response.headers["content-type"]))
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="fable", input="Bytes please."
    ) as response:
        buffer = io.BytesIO()
        for chunk in response.iter_bytes(chunk_size=64):
            buffer.write(chunk)
    return sizes, buffer.getvalue() == MP3


# --- embeddings, moderations, models ------------------------------------------------------------


def embedding_list(*vectors: list[float]) -> Any:
    return {
        "object": "list",
        "data": [
            {"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)
        ],
        "model": "text-embedding-3-large",
        "usage": {"prompt_tokens": 9, "total_tokens": 9},
    }


@program
def semantic_search_by_cosine(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route(
        "POST",
        "/v1/embeddings",
        Reply.json(embedding_list([1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.6, 0.8, 0.0])),
        Reply.json(embedding_list([0.8, 0.6, 0.0])),
    )
    docs = ["apples", "bicycles", "apple pie"]
    corpus = client.embeddings.create(
        model="text-embedding-3-large", input=docs, encoding_format="float", dimensions=3
    )
    query = (
        client.embeddings.create(
            model="text-embedding-3-large", input="fruit", encoding_format="float", dimensions=3
        )
        .data[0]
        .embedding
    )

    def cosine(a: list[float], b: list[float]) -> float:
        return sum(x * y for x, y in zip(a, b, strict=True)) / (math.hypot(*a) * math.hypot(*b))

    ranked = sorted(
        ((cosine(query, item.embedding), docs[item.index]) for item in corpus.data), reverse=True
    )
    return (
        [(round(score, 3), doc) for score, doc in ranked],
        corpus.usage.model_dump(),
        type(corpus.data[0].embedding).__name__,
        len(corpus.data),
        corpus.model,
    )


MODERATION = {
    "id": "modr-1",
    "model": "omni-moderation-latest",
    "results": [
        {
            "flagged": True,
            "categories": {
                "harassment": False,
                "harassment/threatening": False,
                "hate": False,
                "hate/threatening": False,
                "illicit": False,
                "illicit/violent": False,
                "self-harm": True,
                "self-harm/intent": True,
                "self-harm/instructions": False,
                "sexual": False,
                "sexual/minors": False,
                "violence": False,
                "violence/graphic": False,
            },
            "category_scores": {
                "harassment": 0.01,
                "harassment/threatening": 0.0,
                "hate": 0.0,
                "hate/threatening": 0.0,
                "illicit": 0.0,
                "illicit/violent": 0.0,
                "self-harm": 0.91,
                "self-harm/intent": 0.85,
                "self-harm/instructions": 0.02,
                "sexual": 0.0,
                "sexual/minors": 0.0,
                "violence": 0.1,
                "violence/graphic": 0.0,
            },
            "category_applied_input_types": {
                "harassment": ["text"],
                "harassment/threatening": ["text"],
                "hate": ["text"],
                "hate/threatening": ["text"],
                "illicit": ["text"],
                "illicit/violent": ["text"],
                "self-harm": ["text", "image"],
                "self-harm/intent": ["text", "image"],
                "self-harm/instructions": ["text", "image"],
                "sexual": ["text", "image"],
                "sexual/minors": ["text"],
                "violence": ["text", "image"],
                "violence/graphic": ["text", "image"],
            },
        }
    ],
}


@program
def moderation_report_every_way(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route("POST", "/v1/moderations", Reply.json(MODERATION))
    checked = client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "I want to hurt myself"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
        ],
    )
    result = checked.results[0]
    flagged_by_vars = sorted(name for name, value in vars(result.categories).items() if value)
    flagged_by_iter = sorted(name for name, value in result.categories if value)
    worst = max(result.category_scores.model_dump(by_alias=True).items(), key=lambda kv: kv[1])
    return (
        flagged_by_vars,
        flagged_by_iter,
        worst,
        sorted(dict(result.category_scores))[:4],
        result.categories.to_dict()["self-harm/intent"],
        sorted(result.categories.model_dump())[:3],
        result.category_applied_input_types.self_harm_intent,
        [type(t).__name__ for t in result.category_applied_input_types.violence],
        result.model_dump_json(by_alias=True)
        == json.dumps(MODERATION["results"][0], separators=(",", ":")),
        json.loads(checked.to_json())["results"][0]["categories"]["self-harm"],
    )


def model(model_id: str, created: int, owner: str) -> Any:
    return {"id": model_id, "object": "model", "created": created, "owned_by": owner}


@program
def models_sorted_and_fine_tunes_pruned(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "GET",
        "/v1/models",
        Reply.json(
            {
                "object": "list",
                "data": [
                    model("gpt-4o", 1715367049, "system"),
                    model("ft:gpt-4o-mini-2024-07-18:acme::A1b2C3", 1733000000, "acme"),
                    model("ft:gpt-4o-mini-2024-07-18:acme:old:Z9", 1700000000, "acme"),
                    model("tts-1", 1681940951, "openai-internal"),
                ],
            }
        ),
    )
    server.default = Reply.dynamic(
        lambda request: Reply.json(
            {"id": request.path.rsplit("/", 1)[-1], "object": "model", "deleted": True}
        )
    )
    catalogue = client.models.list()
    newest_first = [m.id for m in sorted(catalogue, key=lambda m: m.created, reverse=True)]
    fine_tunes = [m for m in catalogue.data if m.id.startswith("ft:")]
    old = [m for m in fine_tunes if m.created < 1710000000]
    deleted = [client.models.delete(m.id) for m in old]
    return (
        newest_first,
        {m.owned_by for m in catalogue},
        catalogue.object,
        [(d.id, d.deleted, type(d).__name__) for d in deleted],
        [r.target for r in server.requests],
        repr(catalogue.data[0]),
        catalogue.to_dict()["data"][0],
    )


# --- async --------------------------------------------------------------------------------------


@async_program
async def async_images_and_speech_files(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    where = folder()
    server.route("POST", "/v1/images/generations", Reply.json(images(PNG, PNG)))
    server.route("POST", "/v1/images/variations", Reply.json(images(PNG)))
    server.route("POST", "/v1/audio/speech", Reply.raw(MP3, content_type="audio/mpeg"))
    generated = await client.images.generate(
        model="dall-e-2", prompt="a fox", n=2, size="256x256", response_format="b64_json"
    )
    for i, image in enumerate(generated.data):
        (where / f"fox_{i}.png").write_bytes(base64.b64decode(image.b64_json))
    varied = await client.images.create_variation(
        image=where / "fox_0.png", n=1, size="256x256", response_format="b64_json"
    )
    async with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="A fox."
    ) as response:
        await response.stream_to_file(where / "fox.mp3")
    speech = await client.audio.speech.create(model="tts-1", voice="alloy", input="Again.")
    return (
        sorted(p.name for p in where.iterdir()),
        len(varied.data),
        (where / "fox.mp3").read_bytes() == MP3,
        type(speech).__name__,
        (await speech.aread()) == MP3,
    )


@async_program
async def async_moderate_then_transcribe(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/moderations", Reply.json(MODERATION))
    server.route(
        "POST",
        "/v1/audio/transcriptions",
        Reply.raw("plain words\n", content_type="text/plain"),
        Reply.json(
            {
                "text": "plain words",
                "language": "english",
                "duration": 0.9,
                "words": [
                    {"word": "plain", "start": 0.0, "end": 0.4},
                    {"word": "words", "start": 0.5, "end": 0.9},
                ],
            }
        ),
    )
    checked = await client.moderations.create(input=["first text", "second text"])
    text = await client.audio.transcriptions.create(
        model="whisper-1", file=("memo.mp3", MP3, "audio/mpeg"), response_format="text"
    )
    timed = await client.audio.transcriptions.create(
        model="whisper-1",
        file=("memo.mp3", io.BytesIO(MP3)),
        response_format="verbose_json",
        timestamp_granularities=["word"],
    )
    return (
        checked.results[0].flagged,
        text,
        [(w.word, w.end - w.start) for w in timed.words],
        timed.segments,
        timed.model_dump(exclude_none=True),
    )


def test_webhook_error_texts_are_each_packages_own() -> None:
    """Deliberate: a rejected delivery raises the same class in both packages (tested by the
    programs above), but the text is each package's own wording (the guide: no prose copied), so
    code that logs ``str(error)`` logs other words. Here: both texts name what failed."""
    body, headers = delivery("batch.completed", {"id": "batch_1"}, NEW_KEY)
    secret = base64.b64encode(NEW_KEY).decode()
    cases = {
        "signature": (body.replace("batch_1", "batch_2"), SENT_AT),
        "timestamp": (body, SENT_AT + 3600),
    }
    for word, (payload, now) in cases.items():
        texts = []
        for sdk in (typed_openai, official()):
            with (
                sdk.OpenAI(api_key="sk-x") as receiver,
                clock_at(now),
                pytest.raises(sdk.InvalidWebhookSignatureError) as caught,
            ):
                receiver.webhooks.verify_signature(payload, headers, secret=secret)
            texts.append(str(caught.value))
        assert all(word in text.lower() for text in texts), texts
        assert texts[0] != texts[1]


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)
