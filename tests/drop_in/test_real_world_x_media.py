"""Real-world sweep X, embeddings, images, audio, moderations and models as apps read them:
vectors decoded from base64 (asked for or not, and a server that answers floats anyway), token
inputs and batched texts, cosine similarity over the result; images generated and edited from
several files with their usage and settings read back; speech streamed to a file in chunks;
transcripts in every ``response_format`` and their usage kinds; subtitles from translations;
moderation categories read by attribute and by their API names; the model catalogue filtered
and a fine-tuned model deleted — programs written for the official SDK, run unchanged against
both packages over the scripted loopback server.
"""

from __future__ import annotations

import base64
import io
import json
import math
import struct
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))
MP3 = b"ID3\x03" + bytes(range(256)) * 4


def wires(server: ScriptedServer) -> list[Any]:
    """The requests sent; a download's Accept left out (a known difference:
    test_real_world_f_known.py)."""
    seen = []
    for request in server.requests:
        method, path, query, headers, content_type, body = wire(request)
        if path.endswith(("/content", "/speech")):
            headers = {k: v for k, v in headers.items() if k != "accept"}
        seen.append((method, path, query, headers, content_type, body))
    return seen


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__, str(error)[:120])


# --- embeddings -----------------------------------------------------------------------------------


VECTORS = [[0.1, -0.25, 0.5, 1e-7], [0.3, 0.3, -0.75, 2.5], [1.0, 0.0, 0.0, 0.0]]


def packed(vector: list[float]) -> str:
    return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()


def embeddings_answer(request: RecordedRequest) -> Reply:
    """As the API answers: base64 when asked, floats otherwise; one vector per input."""
    body = request.json()
    inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
    if inputs and isinstance(inputs[0], int):
        inputs = [inputs]
    as_base64 = body.get("encoding_format") == "base64"
    return Reply.json(
        {
            "object": "list",
            "data": [
                {
                    "object": "embedding",
                    "index": n,
                    "embedding": packed(VECTORS[n % 3]) if as_base64 else VECTORS[n % 3],
                }
                for n in range(len(inputs))
            ],
            "model": body["model"],
            "usage": {"prompt_tokens": 3 * len(inputs), "total_tokens": 3 * len(inputs)},
        }
    )


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


@program
def semantic_search_over_decoded_vectors(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(embeddings_answer)
    docs = ["otters hold hands", "rivers run to the sea", "the stock market fell"]
    doc_vectors = [
        d.embedding
        for d in client.embeddings.create(model="text-embedding-3-small", input=docs).data
    ]
    query = client.embeddings.create(model="text-embedding-3-small", input="sea otters")
    q = query.data[0].embedding
    ranked = sorted(range(len(docs)), key=lambda i: -cosine(q, doc_vectors[i]))
    return (
        wires(server),
        doc_vectors,
        [docs[i] for i in ranked],
        (query.usage.prompt_tokens, query.model, query.object),
        type(q).__name__,
        type(q[0]).__name__,
    )


@program
def embeddings_in_each_format(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.dynamic(embeddings_answer)
    as_float = client.embeddings.create(
        model="text-embedding-3-large", input=["a", "b"], encoding_format="float", dimensions=4
    )
    as_base64 = client.embeddings.create(
        model="text-embedding-3-large", input=[[1, 2, 3], [4, 5]], encoding_format="base64"
    )
    tokens = client.embeddings.create(model="text-embedding-ada-002", input=[101, 102, 103])
    raw = as_base64.data[0].embedding
    decoded = list(struct.unpack(f"<{len(base64.b64decode(raw)) // 4}f", base64.b64decode(raw)))
    return (
        wires(server),
        [d.embedding for d in as_float.data],
        (type(raw).__name__, decoded),
        tokens.data[0].embedding,
        as_base64.data[1].embedding,
    )


@program
def server_answers_floats_when_base64_was_asked(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A local OpenAI-compatible server (vLLM, Ollama) that ignores encoding_format."""
    server.default = Reply.json(
        {
            "object": "list",
            "data": [{"object": "embedding", "index": 0, "embedding": VECTORS[1]}],
            "model": "nomic-embed-text",
            "usage": {"prompt_tokens": 2, "total_tokens": 2},
        }
    )
    plain = client.embeddings.create(model="nomic-embed-text", input="x")
    asked = client.embeddings.create(model="nomic-embed-text", input="x", encoding_format="base64")
    return plain.data[0].embedding, asked.data[0].embedding, wires(server)


@program
def empty_embeddings_answer(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(
        {
            "object": "list",
            "data": [],
            "model": "m",
            "usage": {"prompt_tokens": 0, "total_tokens": 0},
        }
    )
    default = outcome(lambda: client.embeddings.create(model="m", input=[]).data)
    explicit = outcome(
        lambda: client.embeddings.create(model="m", input=[], encoding_format="float").data
    )
    return default[:2], explicit


# --- images ---------------------------------------------------------------------------------------


def image_answer(*data: dict[str, Any], **extra: Any) -> Any:
    return {"created": 1733000000, "data": list(data), **extra}


GPT_IMAGE_USAGE = {
    "input_tokens": 50,
    "output_tokens": 4160,
    "total_tokens": 4210,
    "input_tokens_details": {"image_tokens": 40, "text_tokens": 10},
}


@program
def product_shots_generated_and_saved(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    b64 = base64.b64encode(PNG).decode()
    server.reply(
        Reply.json(
            image_answer(
                {"b64_json": b64, "revised_prompt": None},
                {"b64_json": b64},
                background="transparent",
                output_format="webp",
                quality="high",
                size="1024x1536",
                usage=GPT_IMAGE_USAGE,
            )
        )
    )
    result = client.images.generate(
        model="gpt-image-1",
        prompt="a ceramic mug on a white table",
        n=2,
        size="1024x1536",
        quality="high",
        background="transparent",
        output_format="webp",
        output_compression=90,
        moderation="low",
    )
    saved = []
    with tempfile.TemporaryDirectory() as folder:
        for n, image in enumerate(result.data):
            path = Path(folder) / f"mug_{n}.{result.output_format}"
            path.write_bytes(base64.b64decode(image.b64_json))
            saved.append((path.name, path.stat().st_size))
    usage = result.usage
    return (
        wires(server),
        saved,
        (result.background, result.quality, result.size, result.output_format),
        (usage.total_tokens, usage.input_tokens_details.image_tokens),
        [d.revised_prompt for d in result.data],
        [d.url for d in result.data],
    )


@program
def dall_e_urls_and_revised_prompts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            image_answer(
                {"url": "https://img.test/1.png", "revised_prompt": "A watercolor fox, detailed"}
            )
        )
    )
    result = client.images.generate(
        model="dall-e-3",
        prompt="a fox",
        size="1792x1024",
        quality="hd",
        style="vivid",
        response_format="url",
        user="user-1",
    )
    image = result.data[0]
    return (
        wires(server),
        (image.url, image.revised_prompt, image.b64_json),
        (result.usage, result.background, result.created),
        result.to_dict(),
        result.model_dump(exclude_unset=True),
    )


@program
def edit_with_several_images_and_a_mask(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            image_answer({"b64_json": base64.b64encode(PNG).decode()}, usage=GPT_IMAGE_USAGE)
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        room = Path(folder) / "room.png"
        room.write_bytes(PNG)
        sofa = io.BytesIO(PNG)
        sofa.name = "sofa.png"
        with open(room, "rb") as room_file:
            result = client.images.edit(
                model="gpt-image-1",
                image=[room_file, sofa, ("lamp.png", PNG, "image/png")],
                mask=("mask.png", PNG, "image/png"),
                prompt="put the sofa and the lamp in the room",
                input_fidelity="high",
                size="1536x1024",
                quality="medium",
                n=1,
            )
    return (
        wires(server),
        base64.b64decode(result.data[0].b64_json) == PNG,
        result.usage.output_tokens,
    )


@program
def edit_streamed_with_partial_images(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    b64 = base64.b64encode(PNG).decode()
    common = {
        "created_at": 1733000000,
        "size": "1024x1024",
        "quality": "low",
        "background": "opaque",
        "output_format": "png",
    }
    server.reply(
        sse(
            [
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
                {
                    "type": "image_edit.completed",
                    "b64_json": b64,
                    "usage": GPT_IMAGE_USAGE,
                    **common,
                },
            ]
        )
    )
    seen = []
    stream = client.images.edit(
        model="gpt-image-1",
        image=("in.png", PNG),
        prompt="make it night",
        stream=True,
        partial_images=2,
    )
    with stream:
        for event in stream:
            seen.append(
                (
                    type(event).__name__,
                    event.type,
                    getattr(event, "partial_image_index", None),
                    len(base64.b64decode(event.b64_json)),
                )
            )
    return wires(server), seen


# --- audio ---------------------------------------------------------------------------------------


@program
def speech_streamed_to_a_file_in_chunks(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.raw(MP3, content_type="audio/mpeg"), Reply.raw(MP3, content_type="audio/mpeg")
    )
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "speech.mp3"
        chunks = 0
        with client.audio.speech.with_streaming_response.create(
            model="gpt-4o-mini-tts",
            voice="coral",
            input="Today is a wonderful day to build something people love!",
            instructions="Speak in a cheerful and positive tone.",
            response_format="mp3",
            speed=1.1,
        ) as response:
            with open(target, "wb") as out:
                for chunk in response.iter_bytes(chunk_size=256):
                    out.write(chunk)
                    chunks += 1
            status = (response.status_code, response.headers["content-type"])
        written = target.read_bytes() == MP3
        second = Path(folder) / "second.mp3"
        with client.audio.speech.with_streaming_response.create(
            model="tts-1", voice="alloy", input="again"
        ) as response:
            response.stream_to_file(second)
        again = second.read_bytes() == MP3
    return wires(server), chunks, status, written, again


TRANSCRIPT = {
    "text": "Hello there. General Kenobi.",
    "usage": {
        "type": "tokens",
        "input_tokens": 14,
        "input_token_details": {"text_tokens": 0, "audio_tokens": 14},
        "output_tokens": 8,
        "total_tokens": 22,
    },
    "logprobs": [{"token": "Hello", "logprob": -0.01, "bytes": [72, 101, 108, 108, 111]}],
}

VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 3.2,
    "text": "Hello there. General Kenobi.",
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 1.4,
            "text": " Hello there.",
            "tokens": [50364, 2425, 456, 13],
            "temperature": 0.0,
            "avg_logprob": -0.21,
            "compression_ratio": 0.8,
            "no_speech_prob": 0.01,
        }
    ],
    "words": [
        {"word": "Hello", "start": 0.0, "end": 0.4},
        {"word": "there", "start": 0.5, "end": 0.9},
    ],
    "usage": {"type": "duration", "seconds": 4},
}

SRT = "1\n00:00:00,000 --> 00:00:01,400\nHello there.\n\n"
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.400\nHello there.\n\n"


@program
def transcripts_in_every_format(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(TRANSCRIPT),
        Reply.json(VERBOSE),
        Reply.raw("Hello there. General Kenobi.\n", content_type="text/plain; charset=utf-8"),
        Reply.raw(SRT, content_type="text/plain; charset=utf-8"),
        Reply.raw(VTT, content_type="text/plain; charset=utf-8"),
    )
    audio = ("clip.mp3", MP3, "audio/mpeg")
    as_json = client.audio.transcriptions.create(
        model="gpt-4o-transcribe", file=audio, include=["logprobs"], response_format="json"
    )
    verbose = client.audio.transcriptions.create(
        model="whisper-1",
        file=audio,
        response_format="verbose_json",
        timestamp_granularities=["word", "segment"],
        language="en",
        temperature=0,
    )
    text = client.audio.transcriptions.create(model="whisper-1", file=audio, response_format="text")
    srt = client.audio.transcriptions.create(model="whisper-1", file=audio, response_format="srt")
    vtt = client.audio.transcriptions.create(model="whisper-1", file=audio, response_format="vtt")
    return (
        wires(server),
        (
            as_json.text,
            as_json.usage.type,
            as_json.usage.total_tokens,
            type(as_json.usage).__name__,
        ),
        [(lp.token, lp.logprob, lp.bytes) for lp in as_json.logprobs],
        (verbose.language, verbose.duration, verbose.usage.seconds, type(verbose.usage).__name__),
        [(s.id, s.text, s.tokens) for s in verbose.segments],
        [(w.word, w.start) for w in verbose.words],
        (type(text).__name__, text),
        (type(srt).__name__, srt),
        vtt,
        type(verbose).__name__,
    )


@program
def transcript_streamed_as_events(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        sse(
            [
                {
                    "type": "transcript.text.delta",
                    "delta": "Hello",
                    "logprobs": [{"token": "Hello", "logprob": -0.1, "bytes": [72]}],
                },
                {"type": "transcript.text.delta", "delta": " there."},
                {
                    "type": "transcript.text.done",
                    "text": "Hello there.",
                    "usage": TRANSCRIPT["usage"],
                },
            ]
        )
    )
    stream = client.audio.transcriptions.create(
        model="gpt-4o-mini-transcribe",
        file=("clip.wav", b"RIFF0000WAVE", "audio/wav"),
        stream=True,
        chunking_strategy="auto",
        include=["logprobs"],
    )
    seen = []
    text = ""
    for event in stream:
        seen.append((type(event).__name__, event.type))
        if event.type == "transcript.text.delta":
            text += event.delta
        elif event.type == "transcript.text.done":
            seen.append((event.text, event.usage.total_tokens))
    return wires(server), seen, text


@program
def transcript_with_server_vad_chunking(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json({"text": "ok"}))
    result = client.audio.transcriptions.create(
        model="gpt-4o-transcribe",
        file=("meeting.m4a", b"ftypM4A", "audio/mp4"),
        chunking_strategy={
            "type": "server_vad",
            "prefix_padding_ms": 300,
            "silence_duration_ms": 500,
            "threshold": 0.4,
        },
        prompt="Acme, Kubernetes",
    )
    return wires(server), result.text, result.usage, result.logprobs


@program
def subtitles_from_translations(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.raw(SRT, content_type="text/plain; charset=utf-8"),
        Reply.json({"text": "Hello there."}),
        Reply.json(
            {
                "task": "translate",
                "language": "english",
                "duration": 3.2,
                "text": "Hello there.",
                "segments": VERBOSE["segments"],
            }
        ),
    )
    with tempfile.TemporaryDirectory() as folder:
        clip = Path(folder) / "bonjour.mp3"
        clip.write_bytes(MP3)
        srt = client.audio.translations.create(model="whisper-1", file=clip, response_format="srt")
        Path(folder, "bonjour.srt").write_text(srt)
        plain = client.audio.translations.create(model="whisper-1", file=clip)
        with clip.open("rb") as handle:
            verbose = client.audio.translations.create(
                model="whisper-1", file=handle, response_format="verbose_json", prompt="greeting"
            )
    return (
        wires(server),
        srt,
        (plain.text, type(plain).__name__),
        (verbose.duration, verbose.segments[0].text, type(verbose).__name__),
    )


# --- moderations ----------------------------------------------------------------------------------


CATEGORIES = [
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/intent",
    "self-harm/instructions",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
]


def moderation_result(flagged: set[str]) -> Any:
    return {
        "flagged": bool(flagged),
        "categories": {c: c in flagged for c in CATEGORIES},
        "category_scores": {c: (0.9 if c in flagged else 0.001) for c in CATEGORIES},
        "category_applied_input_types": {
            c: (["text", "image"] if c in ("violence", "sexual") else ["text"]) for c in CATEGORIES
        },
    }


@program
def moderation_gate_by_category(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "id": "modr-1",
                "model": "omni-moderation-latest",
                "results": [
                    moderation_result({"violence", "harassment/threatening"}),
                    moderation_result(set()),
                ],
            }
        )
    )
    result = client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "I will hurt you"},
            {"type": "image_url", "image_url": {"url": "https://img.test/x.png"}},
        ],
    )
    first = result.results[0]
    flagged_names = [
        name for name, hit in first.categories.model_dump(by_alias=True).items() if hit
    ]
    flagged_attrs = [name for name, hit in first.categories if hit]
    scores = first.category_scores
    return (
        wires(server),
        first.flagged,
        sorted(flagged_names),
        sorted(flagged_attrs),
        (first.categories.harassment_threatening, first.categories.self_harm_intent),
        (scores.violence, scores.violence_graphic, scores.illicit_violent),
        first.category_applied_input_types.violence,
        sorted(first.categories.model_dump().keys())[:4],
        json.loads(first.categories.model_dump_json()).get("self-harm", "by name"),
        first.categories.to_dict()["harassment/threatening"],
        [r.flagged for r in result.results],
    )


@program
def legacy_moderation_answer_without_new_categories(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """text-moderation-007 answers lack illicit and the applied input types."""
    old = [c for c in CATEGORIES if not c.startswith("illicit")]
    server.reply(
        Reply.json(
            {
                "id": "modr-2",
                "model": "text-moderation-007",
                "results": [
                    {
                        "flagged": False,
                        "categories": {c: False for c in old},
                        "category_scores": {c: 0.0001 for c in old},
                    }
                ],
            }
        )
    )
    result = client.moderations.create(input="hello")
    first = result.results[0]
    return (
        wires(server),
        first.flagged,
        outcome(lambda: first.categories.illicit),
        outcome(lambda: first.category_applied_input_types),
        first.categories.hate,
    )


# --- models ---------------------------------------------------------------------------------------


@program
def model_catalogue_filtered(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    models = [
        {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"},
        {
            "id": "text-embedding-3-small",
            "object": "model",
            "created": 1705948997,
            "owned_by": "system",
        },
        {
            "id": "ft:gpt-4o-mini-2024-07-18:acme:support:9abc",
            "object": "model",
            "created": 1733000000,
            "owned_by": "acme-org",
        },
    ]
    server.route("GET", "/v1/models", Reply.json({"object": "list", "data": models}))
    server.route(
        "GET",
        "/v1/models/ft:gpt-4o-mini-2024-07-18:acme:support:9abc",
        Reply.json(models[2]),
    )
    server.route(
        "DELETE",
        "/v1/models/ft:gpt-4o-mini-2024-07-18:acme:support:9abc",
        Reply.json(
            {
                "id": "ft:gpt-4o-mini-2024-07-18:acme:support:9abc",
                "object": "model",
                "deleted": True,
            }
        ),
    )
    page = client.models.list()
    chat_models = sorted(m.id for m in page if m.id.startswith(("gpt", "ft:")))
    mine = [m for m in page.data if m.owned_by != "system"]
    got = client.models.retrieve(mine[0].id)
    gone = client.models.delete(got.id)
    return (
        [(r.method, r.target) for r in server.requests],
        chat_models,
        (got.id, got.created, got.owned_by),
        (gone.id, gone.deleted, type(gone).__name__),
        (page.has_next_page(), page.next_page_info(), page.object),
    )


# --- async -----------------------------------------------------------------------------------------


@async_program
async def async_embeddings_and_transcript(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/embeddings", Reply.dynamic(embeddings_answer))
    server.route(
        "POST", "/v1/audio/transcriptions", Reply.raw(SRT, content_type="text/plain; charset=utf-8")
    )
    vectors = await client.embeddings.create(model="text-embedding-3-small", input=["a", "b", "c"])
    srt = await client.audio.transcriptions.create(
        model="whisper-1", file=("a.mp3", MP3), response_format="srt"
    )
    return [d.embedding for d in vectors.data], srt


@async_program
async def async_speech_iterated(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.raw(MP3, content_type="audio/mpeg"))
    total = 0
    async with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="nova", input="hi", response_format="opus"
    ) as response:
        async for chunk in response.iter_bytes(100):
            total += len(chunk)
    return total, wires(server)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
