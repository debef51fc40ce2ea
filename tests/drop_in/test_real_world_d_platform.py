"""Real-world sweep D, platform code in the 1.x style: the module client configured for Azure,
`AzureOpenAI` bound to a deployment or routing by model (and the Responses / Assistants paths
beside it), uploads in the shapes tutorials pass, `client.beta.vector_stores` helpers, embeddings
decoded by hand, moderation categories as dicts, image edits, speech written to files, and admin
calls — each run against both packages (see real_world_d).
"""

from __future__ import annotations

import array
import base64
import io
import tempfile
import typing
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.server import Reply, ScriptedServer

from .conftest import official
from .programs import registry
from .real_world_b import poll_header
from .real_world_d import async_observed_the_same, beta_vector_stores, observed_the_same, warned
from .test_real_world_apps import chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

API_VERSION = "2024-02-01"
FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 3,
    "created_at": 1733000000,
    "filename": "x",
    "purpose": "assistants",
    "status": "processed",
}


def answer(text: str) -> Reply:
    return Reply.json(chat_completion({"role": "assistant", "content": text}))


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="sweep-d-"))


# --- the module client ------------------------------------------------------------------------

MODULE_SETTINGS = (
    "api_key",
    "base_url",
    "organization",
    "project",
    "max_retries",
    "timeout",
    "default_headers",
    "default_query",
    "api_type",
    "api_version",
    "azure_endpoint",
    "azure_ad_token",
    "azure_ad_token_provider",
)


def _forget_module_client(module: ModuleType) -> None:
    if module is typed_openai:
        from typed_openai import _module_client

        _module_client.close_client()
    else:
        module._reset_client()


@pytest.fixture(autouse=True)
def _module_settings() -> Iterator[None]:
    modules = [typed_openai, official()]
    saved = [{name: getattr(module, name) for name in MODULE_SETTINGS} for module in modules]
    yield
    for module, values in zip(modules, saved, strict=True):
        for name, value in values.items():
            setattr(module, name, value)
        _forget_module_client(module)


@program
def module_client_for_azure(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The 1.x migration guide's module-level Azure setup."""
    _forget_module_client(openai)
    openai.api_type = "azure"
    openai.api_key = "azure-key"
    openai.azure_endpoint = server.url
    openai.api_version = API_VERSION
    openai.max_retries = 0
    server.reply(
        answer("from azure"),
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": "AACAPg=="}],
                "model": "ada",
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        ),
        Reply.json({"object": "list", "data": [FILE], "has_more": False}),
    )
    reply = openai.chat.completions.create(
        model="gpt-35-turbo", messages=[{"role": "user", "content": "hi"}]
    )
    vectors = openai.embeddings.create(model="text-embedding-ada-002", input="x")
    files = [f.id for f in openai.files.list()]
    return reply.choices[0].message.content, vectors.data[0].embedding, files, openai.api_type


@program
def module_client_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    _forget_module_client(openai)
    openai.api_key = "sk-module"
    openai.base_url = server.url + "/v1/"
    openai.organization = "org-1"
    openai.project = "proj-1"
    openai.default_headers = {"X-App": "tutorial"}
    openai.default_query = {"tenant": "t1"}
    openai.max_retries = 1
    openai.timeout = 5.0
    server.reply(Reply.json({"error": {"message": "busy"}}, status=503), answer("second try"))
    reply = openai.beta.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    server.reply(Reply.json({"id": "asst_1", "object": "assistant.deleted", "deleted": True}))
    deleted = openai.beta.assistants.delete("asst_1")
    return reply.choices[0].message.content, deleted.deleted, len(server.requests)


# --- Azure ------------------------------------------------------------------------------------


@program
def azure_routing_by_model(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """No `azure_deployment`: the model names the deployment of the calls that have one."""
    azure = openai.AzureOpenAI(
        api_key="azure-key", api_version=API_VERSION, azure_endpoint=server.url, max_retries=0
    )
    server.reply(
        answer("chat"),
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [0.5]}],
                "model": "ada",
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        ),
        Reply.json({"created": 1, "data": [{"b64_json": base64.b64encode(b"png").decode()}]}),
        Reply.json({"text": "heard"}),
        Reply.json(
            {
                "id": "asst_1",
                "object": "assistant",
                "created_at": 1,
                "model": "gpt-4o",
                "tools": [],
                "metadata": {},
                "name": None,
                "description": None,
                "instructions": None,
            }
        ),
        Reply.json({"object": "list", "data": [], "has_more": False}),
        Reply.json(
            {
                "id": "cmpl",
                "object": "text_completion",
                "created": 1,
                "model": "instruct",
                "choices": [{"index": 0, "text": "ok", "finish_reason": "stop", "logprobs": None}],
            }
        ),
    )
    chat = azure.chat.completions.create(
        model="my-gpt4o", messages=[{"role": "user", "content": "hi"}]
    )
    vectors = azure.embeddings.create(model="my-ada", input=["a"], encoding_format="float")
    image = azure.images.generate(model="my-dalle", prompt="cat", response_format="b64_json")
    heard = azure.audio.transcriptions.create(model="my-whisper", file=("a.wav", b"RIFF"))
    helper = azure.beta.assistants.create(model="my-gpt4o")
    stores = beta_vector_stores(openai, azure).list()
    legacy = azure.completions.create(model="my-instruct", prompt="say ok")
    azure.close()
    return (
        chat.choices[0].message.content,
        vectors.data[0].embedding,
        base64.b64decode(image.data[0].b64_json),
        heard.text,
        helper.id,
        stores.data,
        legacy.choices[0].text,
    )


@program
def azure_deployment_client_and_other_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A client bound to a deployment, used for calls that have no deployment too."""
    azure = openai.AzureOpenAI(
        api_key="azure-key",
        api_version=API_VERSION,
        azure_endpoint=server.url + "/",
        azure_deployment="gpt-4o-prod",
        max_retries=0,
    )
    server.reply(
        answer("bound"),
        Reply.json({"object": "list", "data": [FILE], "has_more": False}),
        Reply.json(
            {
                "id": "batch_1",
                "object": "batch",
                "endpoint": "/chat/completions",
                "input_file_id": "file-1",
                "completion_window": "24h",
                "status": "validating",
                "created_at": 1,
            }
        ),
    )
    chat = azure.chat.completions.create(
        model="ignored-here", messages=[{"role": "user", "content": "hi"}]
    )
    files = [f.id for f in azure.files.list()]
    batch = azure.batches.create(
        input_file_id="file-1", endpoint="/chat/completions", completion_window="24h"
    )
    azure.close()
    return chat.choices[0].message.content, files, batch.status


@program
def azure_from_environment_and_static_token(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    mp = pytest.MonkeyPatch()
    try:
        mp.setenv("AZURE_OPENAI_API_KEY", "env-azure-key")
        mp.setenv("AZURE_OPENAI_ENDPOINT", server.url)
        mp.setenv("OPENAI_API_VERSION", "2024-06-01")
        from_env = openai.AzureOpenAI(max_retries=0)
        token = openai.AzureOpenAI(
            azure_ad_token="static-token",
            api_version=API_VERSION,
            azure_endpoint=server.url,
            max_retries=0,
        )
        server.reply(answer("env"), answer("token"))
        first = from_env.chat.completions.create(
            model="dep", messages=[{"role": "user", "content": "hi"}]
        )
        second = token.chat.completions.create(
            model="dep", messages=[{"role": "user", "content": "hi"}]
        )
        copied = token.with_options(timeout=3.0)
        server.reply(answer("copied"))
        third = copied.chat.completions.create(
            model="dep2", messages=[{"role": "user", "content": "x"}]
        )
        for each in (from_env, token):
            each.close()
        return [r.choices[0].message.content for r in (first, second, third)]
    finally:
        mp.undo()


@program
def azure_misconfigured(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    outcomes = []
    for kwargs in (
        {"api_key": "k", "azure_endpoint": server.url},  # no api_version
        {"api_key": "k", "api_version": API_VERSION},  # no endpoint
        {"api_version": API_VERSION, "azure_endpoint": server.url},  # no credential
        {
            "api_key": "k",
            "api_version": API_VERSION,
            "azure_endpoint": server.url,
            "base_url": server.url,
        },
    ):
        try:
            openai.AzureOpenAI(**kwargs).close()
            outcomes.append("built")
        except Exception as error:
            outcomes.append((type(error).__name__, isinstance(error, openai.OpenAIError)))
    return outcomes


# --- uploads ----------------------------------------------------------------------------------


@program
def uploads_in_tutorial_shapes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    here = folder()
    (here / "train.jsonl").write_text('{"messages": []}\n')
    (here / "notes.md").write_text("# notes\n")
    server.default = Reply.json(FILE)
    client.files.create(file=here / "train.jsonl", purpose="fine-tune")
    with open(here / "notes.md", "rb") as handle:
        client.files.create(file=handle, purpose="assistants")
    client.files.create(file=b"raw bytes", purpose="batch")
    client.files.create(file=("data.jsonl", b"{}\n"), purpose="batch")
    client.files.create(file=("data.jsonl", b"{}\n", "application/jsonl"), purpose="batch")
    with open(here / "notes.md", "rb") as handle:
        client.files.create(file=("notes.md", handle), purpose="assistants")
    buffer = io.BytesIO(b"in memory")
    buffer.name = "memory.txt"
    client.files.create(file=buffer, purpose="user_data")
    client.files.create(file=io.BytesIO(b"nameless"), purpose="user_data")
    return len(server.requests)


@program
def transcription_of_an_in_memory_recording(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.raw(b"hello there\n", content_type="text/plain"),
        Reply.json(
            {
                "text": "hello",
                "language": "english",
                "duration": 1.5,
                "words": [{"word": "hello", "start": 0.0, "end": 0.5}],
                "segments": [],
            }
        ),
        Reply.raw(b"1\n00:00:00,000 --> 00:00:01,000\nhello\n", content_type="text/plain"),
    )
    recording = io.BytesIO(b"RIFF....WAVEfmt ")
    recording.name = "recording.wav"
    text = client.audio.transcriptions.create(
        model="whisper-1", file=recording, response_format="text", language="en"
    )
    recording.seek(0)
    verbose = client.audio.transcriptions.create(
        model="whisper-1",
        file=recording,
        response_format="verbose_json",
        timestamp_granularities=["word"],
    )
    subtitles = client.audio.translations.create(
        model="whisper-1", file=("clip.mp3", b"ID3"), response_format="srt"
    )
    return (
        text,
        type(text).__name__,
        verbose.text,
        [(w.word, w.end) for w in verbose.words],
        subtitles,
    )


@program
def deprecated_file_helpers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.raw(b'{"a": 1}\n', content_type="application/octet-stream"),
        Reply.json({**FILE, "status": "uploaded"}, headers=poll_header()),
        Reply.json({**FILE, "status": "processed"}, headers=poll_header()),
    )
    content, content_warnings = warned(lambda: client.files.retrieve_content("file-1"))
    ready, wait_warnings = warned(
        lambda: client.files.wait_for_processing("file-1", poll_interval=0.001)
    )
    return content, content_warnings, ready.status, wait_warnings


@program
def upload_parts_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    upload = {
        "id": "upload_1",
        "object": "upload",
        "bytes": 6,
        "created_at": 1,
        "expires_at": 2,
        "filename": "big.jsonl",
        "purpose": "batch",
        "status": "pending",
    }
    part = {"id": "part_1", "object": "upload.part", "created_at": 1, "upload_id": "upload_1"}
    server.reply(
        Reply.json(upload),
        Reply.json(part),
        Reply.json({**part, "id": "part_2"}),
        Reply.json({**upload, "status": "completed", "file": {**FILE, "purpose": "batch"}}),
    )
    created = client.uploads.create(
        bytes=6, filename="big.jsonl", mime_type="application/jsonl", purpose="batch"
    )
    ids = []
    for chunk in (b"{}\n", io.BytesIO(b"{}\n")):
        ids.append(client.uploads.parts.create(upload_id=created.id, data=chunk).id)
    done = client.uploads.complete(upload_id=created.id, part_ids=ids, md5="abc")
    return done.status, done.file.id, ids


# --- vector stores under client.beta ------------------------------------------------------------


def store(**extra: Any) -> Any:
    return {
        "id": "vs_1",
        "object": "vector_store",
        "created_at": 1,
        "name": "Financial Statements",
        "usage_bytes": 0,
        "file_counts": {"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 0, "total": 0},
        "status": "completed",
        "last_active_at": 1,
        "metadata": {},
        **extra,
    }


def store_file(file_id: str, status: str = "completed") -> Any:
    return {
        "id": file_id,
        "object": "vector_store.file",
        "usage_bytes": 3,
        "created_at": 1,
        "vector_store_id": "vs_1",
        "status": status,
        "last_error": None,
        "chunking_strategy": {
            "type": "static",
            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
        },
    }


def file_batch(status: str, completed: int = 0) -> Any:
    return {
        "id": "vsfb_1",
        "object": "vector_store.file_batch",
        "created_at": 1,
        "vector_store_id": "vs_1",
        "status": status,
        "file_counts": {
            "in_progress": 2 - completed,
            "completed": completed,
            "failed": 0,
            "cancelled": 0,
            "total": 2,
        },
    }


@program
def beta_vector_store_quickstart(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The 1.x file-search quickstart: a store, a batch upload and poll, then the assistant."""
    here = folder()
    for name in ("edgar-goog.pdf", "edgar-brka.pdf"):
        (here / name).write_bytes(b"%PDF " + name.encode())
    stores = beta_vector_stores(openai, client)
    server.route("POST", "/v1/files", Reply.json({**FILE, "id": "file-up"}))
    server.reply(
        Reply.json(store()),
        Reply.json(file_batch("in_progress"), headers=poll_header()),
        Reply.json(file_batch("in_progress", 1), headers=poll_header()),
        Reply.json(file_batch("completed", 2), headers=poll_header()),
        Reply.json(
            {
                "id": "asst_1",
                "object": "assistant",
                "created_at": 1,
                "model": "gpt-4o",
                "tools": [{"type": "file_search"}],
                "metadata": {},
                "name": "Analyst",
                "description": None,
                "instructions": None,
                "tool_resources": {"file_search": {"vector_store_ids": ["vs_1"]}},
            }
        ),
    )
    vector_store = stores.create(name="Financial Statements")
    file_paths = sorted(here.glob("*.pdf"))
    file_streams = [open(path, "rb") for path in file_paths]  # noqa: SIM115 (closed below)
    file_batch_result = stores.file_batches.upload_and_poll(
        vector_store_id=vector_store.id, files=file_streams, poll_interval_ms=1
    )
    for stream in file_streams:
        stream.close()
    assistant = client.beta.assistants.update(
        assistant_id="asst_1",
        tool_resources={"file_search": {"vector_store_ids": [vector_store.id]}},
    )
    return (
        file_batch_result.status,
        file_batch_result.file_counts.model_dump(),
        assistant.tool_resources.file_search.vector_store_ids,
    )


@program
def beta_vector_store_files(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    here = folder()
    (here / "faq.md").write_text("# faq\n")
    stores = beta_vector_stores(openai, client)
    server.reply(
        Reply.json({**FILE, "id": "file-faq"}),
        Reply.json(store_file("file-faq", "in_progress"), headers=poll_header()),
        Reply.json(store_file("file-faq"), headers=poll_header()),
        Reply.json(store_file("file-2", "in_progress"), headers=poll_header()),
        Reply.json(store_file("file-2"), headers=poll_header()),
        Reply.json(
            {
                "object": "list",
                "data": [store_file("file-faq"), store_file("file-2")],
                "first_id": "file-faq",
                "last_id": "file-2",
                "has_more": False,
            }
        ),
        Reply.json({"id": "file-2", "object": "vector_store.file.deleted", "deleted": True}),
        Reply.json(store(expires_after={"anchor": "last_active_at", "days": 7}, name="kb")),
        Reply.json({"id": "vs_1", "object": "vector_store.deleted", "deleted": True}),
    )
    uploaded = stores.files.upload_and_poll(
        vector_store_id="vs_1", file=here / "faq.md", poll_interval_ms=1
    )
    attached = stores.files.create_and_poll(
        file_id="file-2",
        vector_store_id="vs_1",
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
        },
        poll_interval_ms=1,
    )
    listed = [f.id for f in stores.files.list(vector_store_id="vs_1", filter="completed")]
    removed = stores.files.delete(file_id="file-2", vector_store_id="vs_1")
    updated = stores.update(
        vector_store_id="vs_1", name="kb", expires_after={"anchor": "last_active_at", "days": 7}
    )
    gone = stores.delete("vs_1")
    return (
        uploaded.status,
        attached.chunking_strategy.static.max_chunk_size_tokens,
        listed,
        removed.deleted,
        updated.expires_after.days,
        gone.deleted,
    )


# --- embeddings, moderations, images, speech ---------------------------------------------------------


@program
def embeddings_decoded_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    floats = array.array("f", [0.25, -1.5, 3.0])
    encoded = base64.b64encode(floats.tobytes()).decode()
    server.default = Reply.json(
        {
            "object": "list",
            "data": [{"object": "embedding", "index": 0, "embedding": encoded}],
            "model": "text-embedding-3-small",
            "usage": {"prompt_tokens": 2, "total_tokens": 2},
        }
    )
    response = client.embeddings.create(
        model="text-embedding-3-small", input=[[1, 2, 3]], encoding_format="base64"
    )
    raw = response.data[0].embedding
    decoded = array.array("f", base64.b64decode(raw)).tolist()
    default = client.embeddings.create(model="text-embedding-3-small", input="x", dimensions=3)
    return raw, decoded, default.data[0].embedding, response.to_dict()["data"][0]["embedding"]


@program
def embeddings_answer_without_data(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A proxy or a filtered answer with no embedding: decoding it is an error, asking for
    floats is not."""
    empty = {
        "object": "list",
        "data": [],
        "model": "m",
        "usage": {"prompt_tokens": 0, "total_tokens": 0},
    }
    server.default = Reply.json(empty)
    outcomes = []
    for call in (
        lambda: client.embeddings.create(model="m", input="x"),
        lambda: client.embeddings.with_raw_response.create(model="m", input="x").parse(),
        lambda: client.embeddings.create(model="m", input="x", encoding_format="float"),
    ):
        try:
            outcomes.append(call().data)
        except ValueError as error:
            outcomes.append(type(error).__name__)
    return outcomes


@program
def image_edits_and_variations(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    here = folder()
    (here / "lamp.png").write_bytes(b"\x89PNGlamp")
    (here / "mask.png").write_bytes(b"\x89PNGmask")
    (here / "shelf.png").write_bytes(b"\x89PNGshelf")
    png = base64.b64encode(b"edited").decode()
    server.default = Reply.json(
        {
            "created": 1,
            "data": [{"b64_json": png}],
            "usage": {
                "input_tokens": 1,
                "output_tokens": 1,
                "total_tokens": 2,
                "input_tokens_details": {"image_tokens": 1, "text_tokens": 0},
            },
        }
    )
    with open(here / "lamp.png", "rb") as image, open(here / "mask.png", "rb") as mask:
        edited = client.images.edit(
            model="dall-e-2",
            image=image,
            mask=mask,
            prompt="a sunlit lounge",
            n=1,
            size="1024x1024",
        )
    with open(here / "lamp.png", "rb") as lamp, open(here / "shelf.png", "rb") as shelf:
        several = client.images.edit(
            model="gpt-image-1", image=[lamp, shelf], prompt="a gift basket"
        )
    variation = client.images.create_variation(
        image=here / "lamp.png", n=2, size="256x256", response_format="b64_json"
    )
    return [base64.b64decode(r.data[0].b64_json) for r in (edited, several, variation)]


@program
def speech_written_to_files(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    here = folder()
    server.default = Reply.raw(b"ID3" + b"\x00" * 64, content_type="audio/mpeg")
    response = client.audio.speech.create(
        model="tts-1", voice="alloy", input="Today is a wonderful day to build something!"
    )
    _, stream_warnings = warned(lambda: response.stream_to_file(here / "speech.mp3"))
    response.write_to_file(here / "written.mp3")
    pieces = list(response.iter_bytes(chunk_size=16))
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="nova", input="hi", response_format="opus", speed=1.25
    ) as streamed:
        streamed.stream_to_file(here / "streamed.opus")
        headers = streamed.headers.get("content-type")
    return (
        stream_warnings,
        (here / "speech.mp3").read_bytes(),
        (here / "written.mp3").read_bytes() == response.content,
        [len(p) for p in pieces],
        (here / "streamed.opus").read_bytes()[:3],
        headers,
    )


# --- admin --------------------------------------------------------------------------------------


@program
def admin_users_projects_and_keys(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    admin = openai.OpenAI(admin_api_key="sk-admin-1", base_url=server.url + "/v1", max_retries=0)
    user = {
        "object": "organization.user",
        "id": "user_1",
        "name": "Ada",
        "email": "ada@example.com",
        "role": "owner",
        "added_at": 1,
    }
    project = {
        "object": "organization.project",
        "id": "proj_1",
        "name": "Tutorial",
        "created_at": 1,
        "archived_at": None,
        "status": "active",
    }
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [user],
                "first_id": "user_1",
                "last_id": "user_1",
                "has_more": False,
            }
        ),
        Reply.json(project),
        Reply.json(
            {
                "object": "invite",
                "id": "invite_1",
                "email": "bob@example.com",
                "role": "reader",
                "status": "pending",
                "invited_at": 1,
                "expires_at": 2,
                "accepted_at": None,
            }
        ),
        Reply.json(
            {"object": "list", "data": [], "first_id": None, "last_id": None, "has_more": False}
        ),
    )
    emails = [u.email for u in admin.admin.organization.users.list(limit=10)]
    created = admin.admin.organization.projects.create(name="Tutorial")
    invite = admin.admin.organization.invites.create(email="bob@example.com", role="reader")
    keys = admin.admin.organization.projects.api_keys.list(project_id=created.id, limit=5)
    admin.close()
    return emails, created.status, invite.status, keys.data, keys.has_more


@async_program
async def async_speech_and_vector_store(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    here = folder()
    server.reply(
        Reply.raw(b"ID3 async audio", content_type="audio/mpeg"),
        Reply.raw(b"ID3 async stream", content_type="audio/mpeg"),
        Reply.json({**FILE, "id": "file-a"}),
        Reply.json(store_file("file-a", "in_progress"), headers=poll_header()),
        Reply.json(store_file("file-a"), headers=poll_header()),
    )
    response = await client.audio.speech.create(model="tts-1", voice="alloy", input="hi")
    _, stream_warnings = warned(lambda: None)
    await response.astream_to_file(here / "async.mp3")
    async with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="hi"
    ) as streamed:
        await streamed.stream_to_file(here / "streamed.mp3")
    (here / "doc.txt").write_text("doc")
    attached = await beta_vector_stores(openai, client).files.upload_and_poll(
        vector_store_id="vs_1", file=here / "doc.txt", poll_interval_ms=1
    )
    return (
        (here / "async.mp3").read_bytes(),
        (here / "streamed.mp3").read_bytes(),
        attached.status,
        stream_warnings,
    )


@program
def usage_reports_print_their_own_class(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An admin script logging each usage report it fetches (`print(report)` shows the class: one
    per endpoint, as in the SDK, though the document answers each with one schema)."""
    admin = openai.OpenAI(admin_api_key="sk-admin", base_url=server.url + "/v1", max_retries=0)
    server.default = Reply.json(
        {"object": "page", "data": [], "has_more": False, "next_page": None}
    )
    usage = admin.admin.organization.usage
    reports = [
        usage.completions(start_time=1730419200),
        usage.embeddings(start_time=1730419200),
        usage.costs(start_time=1730419200),
    ]
    admin.close()
    return [(type(r).__name__, repr(r).split("(")[0]) for r in reports]


test_program = observed_the_same(PROGRAMS)
test_async_program = async_observed_the_same(ASYNC_PROGRAMS)


def test_1x_vector_store_type_paths() -> None:
    """Code written for 1.x annotates `client.beta.vector_stores` results with the types it then
    kept under `types.beta` (the official SDK has since moved them, typed_openai keeps both): each
    old path is the class the current one is, so annotations and isinstance checks hold."""
    from typed_openai.types import (
        FileChunkingStrategyParam,
        StaticFileChunkingStrategyObject,
        VectorStore,
        VectorStoreDeleted,
        vector_store,
        vector_stores,
    )
    from typed_openai.types.beta import FileChunkingStrategyParam as OldChunking
    from typed_openai.types.beta import StaticFileChunkingStrategyObject as OldStatic
    from typed_openai.types.beta import VectorStore as OldStore
    from typed_openai.types.beta import VectorStoreDeleted as OldDeleted
    from typed_openai.types.beta.vector_store import ExpiresAfter, FileCounts
    from typed_openai.types.beta.vector_stores import (
        VectorStoreFile,
        VectorStoreFileBatch,
        VectorStoreFileDeleted,
    )
    from typed_openai.types.beta.vector_stores.vector_store_file import LastError

    assert (OldStore, OldDeleted, OldChunking, OldStatic) == (
        VectorStore,
        VectorStoreDeleted,
        FileChunkingStrategyParam,
        StaticFileChunkingStrategyObject,
    )
    assert (ExpiresAfter, FileCounts) == (vector_store.ExpiresAfter, vector_store.FileCounts)
    assert (VectorStoreFile, VectorStoreFileBatch, VectorStoreFileDeleted, LastError) == (
        vector_stores.VectorStoreFile,
        vector_stores.VectorStoreFileBatch,
        vector_stores.VectorStoreFileDeleted,
        vector_stores.vector_store_file.LastError,
    )
    with ScriptedServer() as server:
        server.reply(Reply.json(store()), Reply.json(store_file("file-1")))
        with typed_openai.OpenAI(api_key="sk-1", base_url=server.url, max_retries=0) as client:
            created = client.beta.vector_stores.create(name="kb")
            attached = client.beta.vector_stores.files.create(vector_store_id="vs_1", file_id="f")
    assert isinstance(created, OldStore) and isinstance(attached, VectorStoreFile)
    assert isinstance(created.file_counts, FileCounts)


def test_1x_vector_store_params_paths() -> None:
    """1.x code builds its `client.beta.vector_stores` arguments with the params TypedDicts it
    then kept under `types.beta` (`VectorStoreCreateParams`, the files' `FileCreateParams`...):
    each old path is the current TypedDict, and a call spread from one sends its keys."""
    from typed_openai.types import (
        StaticFileChunkingStrategyParam,
        VectorStoreCreateParams,
        VectorStoreListParams,
        VectorStoreUpdateParams,
        vector_store_create_params,
        vector_stores,
    )
    from typed_openai.types.beta import StaticFileChunkingStrategyParam as OldStatic
    from typed_openai.types.beta import VectorStoreCreateParams as OldCreate
    from typed_openai.types.beta import VectorStoreListParams as OldList
    from typed_openai.types.beta import VectorStoreUpdateParams as OldUpdate
    from typed_openai.types.beta.vector_store_create_params import ExpiresAfter
    from typed_openai.types.beta.vector_stores import (
        FileBatchCreateParams,
        FileBatchListFilesParams,
        FileCreateParams,
        FileListParams,
    )
    from typed_openai.types.beta.vector_stores.file_create_params import (
        FileCreateParams as FromModule,
    )

    assert (OldCreate, OldUpdate, OldList, OldStatic, ExpiresAfter) == (
        VectorStoreCreateParams,
        VectorStoreUpdateParams,
        VectorStoreListParams,
        StaticFileChunkingStrategyParam,
        vector_store_create_params.ExpiresAfter,
    )
    assert (FileCreateParams, FileListParams, FileBatchCreateParams, FileBatchListFilesParams) == (
        vector_stores.FileCreateParams,
        vector_stores.FileListParams,
        vector_stores.FileBatchCreateParams,
        vector_stores.FileBatchListFilesParams,
    )
    assert FromModule is FileCreateParams
    params: OldCreate = {"name": "kb", "expires_after": {"anchor": "last_active_at", "days": 2}}
    with ScriptedServer() as server:
        server.reply(Reply.json(store()))
        with typed_openai.OpenAI(api_key="sk-1", base_url=server.url, max_retries=0) as client:
            client.beta.vector_stores.create(**params)
        [request] = server.requests
    assert request.json() == params


def test_all_models_in_types_itself() -> None:
    """`from openai.types import AllModels` (the model ids the Responses API takes)."""
    from openai.types import AllModels as SdkAllModels

    from typed_openai.types import AllModels
    from typed_openai.types.shared import AllModels as Shared

    assert AllModels is Shared
    ids = {v for arm in typing.get_args(AllModels) for v in typing.get_args(arm)}
    sdk_ids = {v for arm in typing.get_args(SdkAllModels) for v in typing.get_args(arm)}
    assert typing.get_args(AllModels)[0] is str and {"gpt-4o", "o3-pro"} <= ids & sdk_ids


def test_type_modules_outside_the_parity_scope() -> None:
    """`types.chat_model` is imported by no resource module, so the parity test never compares it;
    code of both lines imports `ChatModel` from it."""
    from openai.types.chat_model import ChatModel as SdkChatModel

    from typed_openai.types import ChatModel
    from typed_openai.types.chat_model import ChatModel as FromModule

    assert FromModule is ChatModel
    assert SdkChatModel is official().types.ChatModel
