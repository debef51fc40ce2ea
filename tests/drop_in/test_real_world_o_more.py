"""Real-world sweep O, the platform endpoints in the shapes scripts reach them beyond the happy
path: raw and streamed responses of list, text and binary calls (headers, ``parse()``, pages from
a raw answer), each endpoint's errors as applications catch them (a content-policy refusal, a
missing file's download, a plain-text 500, a rate-limited batch, a corrupt recording, a 422 of
another shape, an HTML 502), answers reused as the next call's arguments (an eval cloned from
its criteria, a job restarted from its method, a store file's chunking and a store's expiry
copied), the answers of OpenAI-compatible servers (an old moderation model, vLLM's and Ollama's
extra or missing fields, Groq's extras), the module-level client receiving a webhook, and the
async streams of image edits and transcripts — run against both packages over the loopback
server (see real_world_d).
"""

from __future__ import annotations

import base64
import copy
import json
import pickle
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.server import Reply, ScriptedServer

from .conftest import fresh_module_client, official
from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_o_media import NEW_KEY, SENT_AT, clock_at, delivery
from .test_real_world_o_storage import store, store_file
from .test_real_world_o_tuning import eval_body, job

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def file_object(number: int) -> Any:
    return {
        "id": f"file-{number}",
        "object": "file",
        "bytes": 10 * number,
        "created_at": 1733000000 + number,
        "filename": f"part-{number}.jsonl",
        "purpose": "batch",
        "status": "processed",
    }


def listing(*numbers: int, has_more: bool) -> Any:
    return {
        "object": "list",
        "data": [file_object(n) for n in numbers],
        "first_id": f"file-{numbers[0]}",
        "last_id": f"file-{numbers[-1]}",
        "has_more": has_more,
    }


# --- raw and streamed responses --------------------------------------------------------------


@program
def raw_list_then_pages_from_it(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route(
        "GET",
        "/v1/files",
        Reply.json(listing(1, has_more=True), headers={"x-request-id": "req_1"}),
        Reply.json(listing(2, has_more=False), headers={"x-request-id": "req_2"}),
    )
    raw = client.files.with_raw_response.list(purpose="batch", limit=1)
    page = raw.parse()
    every = [f.id for f in page]  # the parsed page still fetches what follows
    seen = (
        raw.status_code,
        raw.http_request.url.path,
        raw.method,
        raw.http_version,
        raw.retries_taken,
        type(raw.elapsed).__name__,
        raw.headers["x-request-id"],
        page._request_id,
        json.loads(raw.text)["last_id"],
    )
    with client.files.with_streaming_response.list(limit=1) as response:
        streamed = response.parse()
        first = (streamed.data[0].id, streamed.has_next_page(), streamed.last_id)
    return every, seen, first, type(page).__name__


@program
def raw_text_and_binary_answers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route(
        "POST", "/v1/audio/transcriptions", Reply.raw("hello there\n", content_type="text/plain")
    )
    server.route(
        "GET", "/v1/files/file-1/content", Reply.raw(b"DATA", headers={"x-request-id": "req_b"})
    )
    server.route("GET", "/v1/containers/cntr_1/files/cf_1/content", Reply.raw(b"CSV"))
    server.route("GET", "/v1/videos/video_1/content", Reply.raw(b"SPRITES"))
    raw = client.audio.transcriptions.with_raw_response.create(
        model="whisper-1", file=("a.mp3", b"ID3"), response_format="text"
    )
    text = raw.parse()
    with client.audio.transcriptions.with_streaming_response.create(
        model="whisper-1", file=("a.mp3", b"ID3"), response_format="srt"
    ) as response:
        subtitles = response.parse()
    download = client.files.with_raw_response.content("file-1")
    blob = download.parse()
    container = client.containers.files.content.with_raw_response.retrieve(
        "cf_1", container_id="cntr_1"
    )
    sprites = client.videos.with_raw_response.download_content("video_1", variant="spritesheet")
    return (
        text,
        type(text).__name__,
        raw.text,
        subtitles,
        type(blob).__name__,
        blob.content,
        download.headers["x-request-id"],
        container.parse().read(),
        sprites.parse().content,
    )


# --- errors --------------------------------------------------------------------------------------


def caught(error: Any) -> Any:
    return (
        type(error).__name__,
        error.status_code,
        error.code,
        error.type,
        error.param,
        error.body,
        str(error),
        error.message,
        error.request_id,
    )


@program
def each_endpoints_errors_as_apps_catch_them(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    seen: list[Any] = []
    refusal = {
        "code": "content_policy_violation",
        "message": "Your request was rejected as a result of our safety system.",
        "param": None,
        "type": "invalid_request_error",
    }
    server.route(
        "POST",
        "/v1/images/generations",
        Reply.json({"error": refusal}, 400, headers={"x-request-id": "req_e"}),
    )
    try:
        client.images.generate(prompt="something disallowed")
    except openai.BadRequestError as error:
        seen.append(caught(error))
        seen.append(error.code == "content_policy_violation")
    missing = {
        "message": "No such File object: file-x",
        "type": "invalid_request_error",
        "param": "id",
        "code": None,
    }
    server.route("GET", "/v1/files/file-x/content", Reply.json({"error": missing}, 404))
    for download in (
        lambda: client.files.content("file-x"),
        lambda: client.files.with_streaming_response.content("file-x").__enter__(),
    ):
        try:
            download()
        except openai.NotFoundError as error:
            seen.append(caught(error))
    server.route(
        "POST", "/v1/audio/speech", Reply.raw(b"upstream exploded", 500, content_type="text/plain")
    )
    try:
        client.audio.speech.create(model="tts-1", voice="alloy", input="x")
    except openai.InternalServerError as error:
        seen.append(caught(error))
    limited = {
        "message": "Enqueued token limit reached",
        "type": "tokens",
        "param": None,
        "code": "rate_limit_exceeded",
    }
    server.route(
        "POST", "/v1/batches", Reply.json({"error": limited}, 429, headers={"retry-after": "1"})
    )
    try:
        client.batches.create(
            input_file_id="file-1", endpoint="/v1/chat/completions", completion_window="24h"
        )
    except openai.RateLimitError as error:
        seen.append((*caught(error), error.response.headers.get("retry-after")))
    corrupt = {
        "message": "Audio file might be corrupted or unsupported",
        "type": "invalid_request_error",
        "param": "file",
        "code": "invalid_value",
    }
    server.route("POST", "/v1/audio/transcriptions", Reply.json({"error": corrupt}, 400))
    try:
        client.audio.transcriptions.create(model="whisper-1", file=("a.mp3", b"x"))
    except openai.BadRequestError as error:
        seen.append(caught(error))
    server.route(
        "POST", "/v1/vector_stores/vs/search", Reply.json({"detail": "query too long"}, 422)
    )
    try:
        client.vector_stores.search("vs", query="q" * 10)
    except openai.UnprocessableEntityError as error:
        seen.append(caught(error))
    server.route(
        "GET",
        "/v1/models/gpt-x",
        Reply.raw(b"<html>Bad gateway</html>", 502, content_type="text/html"),
    )
    try:
        client.models.retrieve("gpt-x")
    except openai.APIStatusError as error:
        seen.append(caught(error))
    return seen


# --- answers reused as arguments ------------------------------------------------------------------


@program
def eval_cloned_from_its_criteria(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(eval_body())
    original = client.evals.retrieve("eval_1")
    copy = client.evals.create(
        name=original.name + " (copy)",
        data_source_config={"type": "custom", "item_schema": original.data_source_config.schema_},
        testing_criteria=original.testing_criteria,
        metadata=original.metadata,
    )
    return copy.id, [c.name for c in copy.testing_criteria]


@program
def job_restarted_from_its_method(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(job("failed"))
    failed = client.fine_tuning.jobs.retrieve("ftjob-rl")
    again = client.fine_tuning.jobs.create(
        model=failed.model,
        training_file=failed.training_file,
        validation_file=failed.validation_file,
        method=failed.method,
        seed=failed.seed,
        metadata=failed.metadata,
    )
    return again.status, again.method.type


@program
def store_settings_copied(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route("GET", "/v1/vector_stores/vs_docs", Reply.json(store()))
    server.route("POST", "/v1/vector_stores", Reply.json(store(id="vs_copy")))
    server.route("GET", "/v1/vector_stores/vs_docs/files/file-1", Reply.json(store_file("file-1")))
    server.route("POST", "/v1/vector_stores/vs_copy/files", Reply.json(store_file("file-1")))
    source = client.vector_stores.retrieve("vs_docs")
    target = client.vector_stores.create(
        name=f"{source.name} (copy)", expires_after=source.expires_after, metadata=source.metadata
    )
    settings = client.vector_stores.files.retrieve("file-1", vector_store_id=source.id)
    copied = client.vector_stores.files.create(
        target.id,
        file_id=settings.id,
        chunking_strategy=settings.chunking_strategy,
        attributes=settings.attributes,
    )
    return target.id, copied.chunking_strategy.type


# --- answers kept between runs ---------------------------------------------------------------------


@program
def answers_cached_and_loaded_back(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An embeddings cache pickled to disk (joblib/diskcache style), a batch's state saved as JSON
    and loaded back with the SDK's types, a copy made with `model_copy`."""
    server.route(
        "POST",
        "/v1/embeddings",
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [0.5, 0.25]}],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 2, "total_tokens": 2},
            },
            headers={"x-request-id": "req_cache"},
        ),
    )
    server.route("GET", "/v1/files/file-3", Reply.json(file_object(3)))
    answer = client.embeddings.create(
        input="hello", model="text-embedding-3-small", encoding_format="float"
    )
    cached = pickle.loads(pickle.dumps(answer))
    cloned = copy.deepcopy(answer)
    saved = client.files.retrieve("file-3").model_dump_json()
    loaded = openai.types.FileObject.model_validate_json(saved)
    state = {
        "id": "batch_1",
        "object": "batch",
        "endpoint": "/v1/embeddings",
        "input_file_id": "f",
        "completion_window": "24h",
        "status": "in_progress",
        "created_at": 1,
    }
    batch = openai.types.Batch.model_validate(state)
    built = openai.types.Batch(**state)
    renamed = answer.model_copy(update={"model": "other"})
    return (
        repr(cached),
        cached.data[0].embedding,
        getattr(cached, "_request_id", "missing"),
        repr(cloned),
        repr(loaded),
        loaded.model_fields_set == set(json.loads(saved)),
        repr(batch),
        batch.model_dump(exclude_unset=True),
        repr(built),
        renamed.model,
        answer.model,
    )


# --- OpenAI-compatible servers -------------------------------------------------------------------


def shown(answer: Any) -> Any:
    return repr(answer), answer.model_dump(), answer.to_json()


@program
def answers_of_compatible_servers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Code pointed at vLLM, Ollama or Groq by `base_url`: their answers carry fields the API
    lacks and lack some it has."""
    server.route(
        "POST",
        "/v1/moderations",
        Reply.json(
            {
                "id": "modr-1",
                "model": "text-moderation-007",
                "results": [
                    {
                        "flagged": False,
                        "categories": {"hate": False, "self-harm": False, "violence": False},
                        "category_scores": {"hate": 0.1, "self-harm": 0.0},
                    }
                ],
            }
        ),
    )
    server.route(
        "GET",
        "/v1/models",
        Reply.json(
            {
                "object": "list",
                "data": [
                    {
                        "id": "meta-llama/Llama-3-8B",
                        "object": "model",
                        "created": 1733000000,
                        "owned_by": "vllm",
                        "root": "meta-llama/Llama-3-8B",
                        "parent": None,
                        "max_model_len": 8192,
                        "permission": [{"id": "modelperm-1", "allow_sampling": True}],
                    },
                    {"id": "llama3:latest", "object": "model"},
                ],
            }
        ),
    )
    server.route(
        "POST",
        "/v1/embeddings",
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2]}],
                "model": "nomic-embed-text",
            }
        ),
    )
    server.route(
        "POST",
        "/v1/audio/transcriptions",
        Reply.json({"text": "hi", "x_groq": {"id": "req_g"}, "language": "en", "duration": 1.0}),
    )
    moderation = client.moderations.create(input="hello", model="text-moderation-007")
    result = moderation.results[0]
    models = client.models.list()
    vllm, ollama = models.data
    embedding = client.embeddings.create(input="hello", model="nomic-embed-text")
    transcript = client.audio.transcriptions.create(
        file=("a.mp3", b"ID3"), model="whisper-large-v3"
    )
    return (
        shown(moderation),
        result.categories.self_harm,
        getattr(result.categories, "illicit", "missing"),
        getattr(result, "category_applied_input_types", "missing"),
        shown(vllm),
        vllm.max_model_len,
        vllm.permission[0],
        shown(ollama),
        getattr(ollama, "created", "missing"),
        shown(embedding),
        getattr(embedding, "usage", "missing"),
        shown(transcript),
        transcript.x_groq,
        transcript.language,
    )


# --- the module-level client -----------------------------------------------------------------------

MODULE_SETTINGS = ("api_key", "base_url", "webhook_secret")


@pytest.fixture(autouse=True)
def _module_settings() -> Iterator[None]:
    modules = [typed_openai, official()]
    saved = [{name: getattr(module, name) for name in MODULE_SETTINGS} for module in modules]
    yield
    for module, values in zip(modules, saved, strict=True):
        for name, value in values.items():
            setattr(module, name, value)
        fresh_module_client(module)


@program
def module_client_receives_a_webhook(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A script that configures the package itself, no client object: the secret set as a
    module attribute, the webhook unwrapped and the batch it names fetched."""
    fresh_module_client(openai)
    openai.api_key = "sk-module"
    openai.base_url = server.url + "/v1/"
    openai.webhook_secret = "whsec_" + base64.b64encode(NEW_KEY).decode()
    body, headers = delivery("batch.completed", {"id": "batch_1"}, NEW_KEY)
    server.route(
        "GET",
        "/v1/batches/batch_1",
        Reply.json(
            {
                "id": "batch_1",
                "object": "batch",
                "endpoint": "/v1/embeddings",
                "input_file_id": "file-in",
                "completion_window": "24h",
                "status": "completed",
                "created_at": SENT_AT,
                "output_file_id": "file-out",
            }
        ),
    )
    with clock_at(SENT_AT + 1):
        event = openai.webhooks.unwrap(body, headers)
    finished = openai.batches.retrieve(event.data.id)
    return type(event).__name__, event.data.id, finished.output_file_id


# --- async streams ---------------------------------------------------------------------------------


def sse(*events: Any) -> Reply:
    return Reply.sse([f"data: {json.dumps(e)}\n\n" for e in events])


@async_program
async def async_edit_stream_and_transcript_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    b64 = base64.b64encode(b"png").decode()
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
                "type": "image_edit.completed",
                "b64_json": b64,
                **common,
                "usage": {
                    "input_tokens": 1,
                    "output_tokens": 1,
                    "total_tokens": 2,
                    "input_tokens_details": {"image_tokens": 0, "text_tokens": 1},
                },
            },
        ),
    )
    server.route(
        "POST",
        "/v1/audio/transcriptions",
        sse(
            {
                "type": "transcript.text.delta",
                "delta": "Hel",
                "logprobs": [{"token": "Hel", "logprob": -0.1, "bytes": [72]}],
            },
            {"type": "transcript.text.delta", "delta": "lo"},
            {
                "type": "transcript.text.done",
                "text": "Hello",
                "usage": {"type": "duration", "seconds": 2},
            },
        ),
    )
    stream = await client.images.edit(
        model="gpt-image-1", image=("a.png", b"png"), prompt="x", stream=True, partial_images=1
    )
    events = []
    async with stream:
        async for event in stream:
            events.append((event.type, type(event).__name__, sorted(event.to_dict())))
    transcript = await client.audio.transcriptions.create(
        model="gpt-4o-mini-transcribe", file=("a.wav", b"RIFF"), stream=True, include=["logprobs"]
    )
    parts = []
    async for event in transcript:
        if event.type == "transcript.text.delta":
            parts.append((event.delta, event.logprobs[0].logprob if event.logprobs else None))
        else:
            done = (event.text, repr(event.usage), type(event).__name__)
    return events, type(stream).__name__, parts, done


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)


def test_numbers_sent_as_strings_are_coerced_here_kept_by_the_sdk(server: ScriptedServer) -> None:
    """Deliberate: an answer whose numbers and booleans come as JSON strings (a proxy or
    compatible server that stringifies them) is validated here into the declared types (`"3"` ->
    3, `"true"` -> True, `"0.5"` -> 0.5), so `usage.prompt_tokens + 1` works; the SDK's
    `construct()` keeps what was sent (strings). Well-formed answers are the same in both."""
    server.route(
        "POST",
        "/v1/embeddings",
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": "0", "embedding": ["0.5", 1]}],
                "model": "m",
                "usage": {"prompt_tokens": "3", "total_tokens": 3},
            }
        ),
    )
    server.route(
        "DELETE",
        "/v1/files/file-1",
        Reply.json({"id": "file-1", "object": "file", "deleted": "true"}),
    )

    def read(sdk: ModuleType) -> Any:
        with sdk.OpenAI(api_key="sk-x", base_url=server.url + "/v1", max_retries=0) as client:
            answer = client.embeddings.create(input="x", model="m", encoding_format="float")
            deleted = client.files.delete("file-1")
        return (
            answer.data[0].index,
            answer.data[0].embedding,
            answer.usage.prompt_tokens,
            deleted.deleted,
        )

    assert read(typed_openai) == (0, [0.5, 1.0], 3, True)
    assert read(official()) == ("0", ["0.5", 1.0], "3", "true")
