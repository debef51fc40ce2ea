"""Real-world sweep U, media and evals: variations and edits of pictures given as ``(name,
bytes, type)`` tuples, paths and named buffers, transcripts asked for with keywords and both
timestamp granularities, translations as verbose JSON, async speech streamed to a file, and an
eval created, run over inline JSONL and its failed output items paged — run against both
packages over the loopback server (see real_world_d).
"""

from __future__ import annotations

import base64
import io
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(32))
MP3 = b"ID3\x04" + bytes(range(200))


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-u-media-"))


def images(*data: dict[str, Any]) -> dict[str, Any]:
    return {"created": 1700000000, "data": list(data)}


@program
def variations_and_edits_from_every_file_form(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = folder()
    (out / "cat.png").write_bytes(PNG)
    named = io.BytesIO(PNG)
    named.name = "named.png"
    server.reply(
        Reply.json(images({"b64_json": base64.b64encode(PNG).decode()})),
        Reply.json(images({"url": "https://img.test/v.png"}, {"url": "https://img.test/w.png"})),
        Reply.json(images({"b64_json": base64.b64encode(PNG).decode()})),
        Reply.json(images({"url": "https://img.test/e.png"})),
    )
    tuple_variation = client.images.create_variation(
        image=("cat.png", PNG, "image/png"), response_format="b64_json", size="256x256"
    )
    path_variation = client.images.create_variation(image=out / "cat.png", n=2, model="dall-e-2")
    buffered_edit = client.images.edit(
        image=[named, ("b.png", PNG)], prompt="merge them", model="gpt-image-1", background="opaque"
    )
    bytes_edit = client.images.edit(image=PNG, prompt="brighter", output_compression=80)
    return (
        base64.b64decode(tuple_variation.data[0].b64_json) == PNG,
        [d.url for d in path_variation.data],
        buffered_edit.data[0].url,
        bytes_edit.data[0].url,
    )


VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 2.5,
    "text": "Hello Acme.",
    "words": [
        {"word": "Hello", "start": 0.0, "end": 0.5},
        {"word": "Acme", "start": 0.6, "end": 1.0},
    ],
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 1.0,
            "text": "Hello Acme.",
            "tokens": [50364, 2425],
            "temperature": 0.0,
            "avg_logprob": -0.2,
            "compression_ratio": 0.8,
            "no_speech_prob": 0.01,
        }
    ],
    "usage": {"type": "duration", "seconds": 3},
}


@program
def transcripts_with_keywords_and_timestamps(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = folder()
    (out / "call.mp3").write_bytes(MP3)
    server.reply(
        Reply.json(VERBOSE),
        Reply.json({**VERBOSE, "task": "translate", "words": None}),
        Reply.json({"text": "Hello Acme."}),
    )
    with open(out / "call.mp3", "rb") as audio:
        transcript = client.audio.transcriptions.create(
            model="whisper-1",
            file=audio,
            response_format="verbose_json",
            timestamp_granularities=["word", "segment"],
            language="en",
            prompt="Acme, Inc.",
            temperature=0,
        )
    translation = client.audio.translations.create(
        model="whisper-1", file=("call.mp3", MP3), response_format="verbose_json"
    )
    keyworded = client.audio.transcriptions.create(
        model="gpt-4o-transcribe", file=out / "call.mp3", extra_body={"keywords": ["Acme"]}
    )
    return (
        type(transcript).__name__,
        [(w.word, w.start) for w in transcript.words],
        transcript.segments[0].avg_logprob,
        transcript.duration,
        transcript.usage.seconds,
        type(translation).__name__,
        translation.segments[0].text,
        getattr(translation, "words", "absent"),
        keyworded.text,
        type(keyworded).__name__,
    )


@program
def eval_created_run_and_failures_paged(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    config = {
        "type": "custom",
        "schema": {"type": "object", "properties": {"item": {"type": "object"}}},
    }
    criterion = {
        "type": "string_check",
        "name": "exact",
        "id": "exact-1",
        "input": "{{sample.output_text}}",
        "reference": "{{item.expected}}",
        "operation": "eq",
    }
    run = {
        "id": "evalrun_1",
        "object": "eval.run",
        "created_at": 1,
        "eval_id": "eval_1",
        "model": "gpt-4o-mini",
        "name": "nightly",
        "status": "completed",
        "report_url": "https://platform.openai.com/evals/eval_1",
        "error": None,
        "metadata": {},
        "data_source": {
            "type": "jsonl",
            "source": {
                "type": "file_content",
                "content": [{"item": {"q": "2+2", "expected": "4"}}],
            },
        },
        "result_counts": {"total": 2, "passed": 1, "failed": 1, "errored": 0},
        "per_model_usage": [],
        "per_testing_criteria_results": [{"testing_criteria": "exact-1", "passed": 1, "failed": 1}],
    }
    item = {
        "id": "outputitem_1",
        "object": "eval.run.output_item",
        "created_at": 1,
        "datasource_item": {"q": "2+3", "expected": "5"},
        "datasource_item_id": 1,
        "eval_id": "eval_1",
        "run_id": "evalrun_1",
        "status": "fail",
        "results": [{"name": "exact-1", "passed": False, "score": 0.0, "sample": None}],
        "sample": {
            "input": [{"role": "user", "content": "2+3"}],
            "output": [{"role": "assistant", "content": "6"}],
            "finish_reason": "stop",
            "model": "gpt-4o-mini",
            "usage": {
                "total_tokens": 5,
                "completion_tokens": 1,
                "prompt_tokens": 4,
                "cached_tokens": 0,
            },
            "error": None,
            "temperature": 1.0,
            "max_completion_tokens": 16,
            "top_p": 1.0,
            "seed": 42,
        },
    }
    server.reply(
        Reply.json(
            {
                "id": "eval_1",
                "object": "eval",
                "created_at": 1,
                "name": "math",
                "metadata": {"team": "ml"},
                "data_source_config": {**config, "type": "custom"},
                "testing_criteria": [criterion],
            }
        ),
        Reply.json(run),
        Reply.json(run),
        Reply.json(
            {
                "object": "list",
                "data": [item],
                "first_id": "outputitem_1",
                "last_id": "outputitem_1",
                "has_more": False,
            }
        ),
    )
    created = client.evals.create(
        name="math",
        metadata={"team": "ml"},
        data_source_config={
            "type": "custom",
            "item_schema": config["schema"],
            "include_sample_schema": True,
        },
        testing_criteria=[{k: v for k, v in criterion.items() if k != "id"}],
    )
    started = client.evals.runs.create(
        created.id,
        name="nightly",
        data_source={
            "type": "jsonl",
            "source": {
                "type": "file_content",
                "content": [{"item": {"q": "2+2", "expected": "4"}}],
            },
        },
    )
    finished = client.evals.runs.retrieve(started.id, eval_id=created.id)
    failures = [
        (
            o.datasource_item["q"],
            o.sample.output[0].content,
            o.results[0]["passed"] if isinstance(o.results[0], dict) else o.results[0].passed,
        )
        for o in client.evals.runs.output_items.list(finished.id, eval_id=created.id, status="fail")
    ]
    return (
        type(created.testing_criteria[0]).__name__,
        created.data_source_config.type,
        finished.result_counts.failed,
        finished.per_testing_criteria_results[0].testing_criteria,
        type(finished.data_source).__name__,
        failures,
        [(r.method, r.path, r.query) for r in server.requests],
    )


@async_program
async def async_speech_streamed_to_file(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out = folder()
    server.default = Reply.raw(MP3, content_type="audio/mpeg")
    async with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="ash", input="Hi.", stream_format="audio"
    ) as response:
        await response.stream_to_file(out / "hi.mp3")
    chunks = []
    async with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="Hi."
    ) as response:
        async for chunk in response.iter_bytes(64):
            chunks.append(len(chunk))
    whole = await client.audio.speech.create(model="tts-1", voice="echo", input="Hi.")
    return (
        (out / "hi.mp3").read_bytes() == MP3,
        chunks,
        whole.content == MP3,
        whole.response.status_code,
    )


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
