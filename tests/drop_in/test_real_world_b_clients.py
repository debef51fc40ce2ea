"""Real-world sweep B: Azure OpenAI (``AzureOpenAI`` with an api version, a deployment, an Entra
ID token provider) and the module-level client (``openai.api_key = ...`` then ``openai.files...``)
driving files, audio, images, batches and assistants, as users of the official SDK write them; run
against both packages, see real_world_b.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import typed_openai

from .conftest import official
from .real_world_b import Programs, Reply, ScriptedServer, poll_header

programs = Programs()

API_VERSION = "2024-10-21"
FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 3,
    "created_at": 1733000000,
    "filename": "batch.jsonl",
    "purpose": "batch",
    "status": "processed",
}
BATCH = {
    "id": "batch_1",
    "object": "batch",
    "endpoint": "/chat/completions",
    "input_file_id": "file-1",
    "completion_window": "24h",
    "status": "validating",
    "created_at": 1733000000,
    "request_counts": {"total": 0, "completed": 0, "failed": 0},
}


# --- Azure ----------------------------------------------------------------------------------------


@programs
def azure_key_files_and_batch(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # Azure's global batch quickstart: upload with an expiry, then a batch of chat requests
    azure = openai.AzureOpenAI(
        api_key="azure-key", api_version=API_VERSION, azure_endpoint=server.url, max_retries=0
    )
    (folder / "test.jsonl").write_text(
        json.dumps(
            {
                "custom_id": "task-0",
                "method": "POST",
                "url": "/chat/completions",
                "body": {"model": "gpt-4o-batch", "messages": [{"role": "user", "content": "hi"}]},
            }
        )
        + "\n"
    )
    server.reply(
        Reply.json(FILE),
        Reply.json(BATCH),
        Reply.json({**BATCH, "status": "completed", "output_file_id": "file-out"}),
        Reply.raw(b'{"custom_id": "task-0"}\n', content_type="application/octet-stream"),
    )
    with open(folder / "test.jsonl", "rb") as handle:
        uploaded = azure.files.create(
            file=handle,
            purpose="batch",
            extra_body={"expires_after": {"seconds": 1209600, "anchor": "created_at"}},
        )
    batch = azure.batches.create(
        input_file_id=uploaded.id, endpoint="/chat/completions", completion_window="24h"
    )
    batch = azure.batches.retrieve(batch.id)
    output = azure.files.content(batch.output_file_id)
    azure.close()
    return uploaded.id, batch.status, [json.loads(line) for line in output.text.splitlines()]


@programs
def azure_deployment_audio_and_images(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # a client bound to one deployment (`azure_deployment`), as Azure's whisper/dall-e samples do
    whisper = openai.AzureOpenAI(
        api_key="azure-key",
        api_version="2024-06-01",
        azure_endpoint=server.url + "/",
        azure_deployment="whisper",
        max_retries=0,
    )
    dalle = openai.AzureOpenAI(
        api_key="azure-key",
        api_version="2024-02-01",
        base_url=f"{server.url}/openai/deployments/dall-e-3",
        max_retries=0,
    )
    server.reply(
        Reply.json({"text": "hello from azure"}),
        Reply.json({"created": 1, "data": [{"url": "https://x/1.png", "revised_prompt": "cat"}]}),
        Reply.raw(b"ID3abc", content_type="audio/mpeg"),
    )
    text = whisper.audio.transcriptions.create(
        model="whisper", file=("speech.wav", b"RIFF....WAVE")
    ).text
    image = dalle.images.generate(model="dall-e-3", prompt="a cat", n=1)
    tts = openai.AzureOpenAI(
        api_key="azure-key",
        api_version=API_VERSION,
        azure_endpoint=server.url,
        azure_deployment="tts",
        max_retries=0,
    )
    with tts.audio.speech.with_streaming_response.create(
        model="tts", voice="alloy", input="hi"
    ) as response:
        response.stream_to_file(folder / "azure.mp3")
    for each in (whisper, dalle, tts):
        each.close()
    return text, image.data[0].revised_prompt, (folder / "azure.mp3").read_bytes()


@programs
def azure_entra_id_token_provider(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # `get_bearer_token_provider(DefaultAzureCredential(), scope)` returns a callable like this one
    calls = []

    def token_provider() -> str:
        calls.append(1)
        return f"entra-token-{len(calls)}"

    azure = openai.AzureOpenAI(
        azure_endpoint=server.url,
        azure_ad_token_provider=token_provider,
        api_version=API_VERSION,
        max_retries=0,
    )
    server.reply(
        Reply.json({"object": "list", "data": [FILE], "has_more": False}),
        Reply.json(
            {
                "id": "asst_1",
                "object": "assistant",
                "created_at": 1,
                "model": "gpt-4o",
                "name": "helper",
                "tools": [],
                "metadata": {},
                "description": None,
                "instructions": None,
            }
        ),
        Reply.json({"id": "modr-1", "model": "text-moderation", "results": []}),
    )
    names = [f.filename for f in azure.files.list()]
    helper = azure.beta.assistants.create(model="gpt-4o", name="helper")
    moderation = azure.moderations.create(input="ok")
    azure.close()
    return names, helper.name, moderation.results, len(calls) >= 3


@programs
async def async_azure_token_and_vector_store(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    async def token_provider() -> str:
        return "async-entra-token"

    azure = openai.AsyncAzureOpenAI(
        azure_endpoint=server.url,
        azure_ad_token_provider=token_provider,
        api_version=API_VERSION,
        max_retries=0,
    )
    store = {
        "id": "vs_1",
        "object": "vector_store",
        "created_at": 1,
        "name": "kb",
        "usage_bytes": 0,
        "file_counts": {"in_progress": 0, "completed": 1, "failed": 0, "cancelled": 0, "total": 1},
        "status": "completed",
        "last_active_at": 1,
        "metadata": {},
    }
    server.reply(
        Reply.json(store),
        Reply.json(
            {
                "id": "vsfb_1",
                "object": "vector_store.files_batch",
                "created_at": 1,
                "vector_store_id": "vs_1",
                "status": "completed",
                "file_counts": store["file_counts"],
            },
            headers=poll_header(),
        ),
        Reply.json(
            {
                "id": "vsfb_1",
                "object": "vector_store.files_batch",
                "created_at": 1,
                "vector_store_id": "vs_1",
                "status": "completed",
                "file_counts": store["file_counts"],
            },
            headers=poll_header(),
        ),
    )
    created = await azure.vector_stores.create(name="kb")
    batch = await azure.vector_stores.file_batches.create_and_poll(
        vector_store_id=created.id, file_ids=["file-1"]
    )
    await azure.close()
    return created.name, batch.status


# --- the module client ----------------------------------------------------------------------------

SETTINGS = ("api_key", "base_url", "organization", "project", "max_retries", "default_headers")


@pytest.fixture(autouse=True)
def _module_settings() -> Iterator[None]:
    """Each package's module settings as they were before the test, and a fresh module client."""
    modules = [typed_openai, official()]
    saved = [{name: getattr(module, name) for name in SETTINGS} for module in modules]
    yield
    for module, values in zip(modules, saved, strict=True):
        for name, value in values.items():
            setattr(module, name, value)
        _forget_module_client(module)


def _forget_module_client(module: ModuleType) -> None:
    if module is typed_openai:
        from typed_openai import _module_client

        _module_client.close_client()
    else:
        module._reset_client()


def _use_module_client(openai: ModuleType, server: ScriptedServer) -> None:
    _forget_module_client(openai)
    openai.api_key = "sk-module"
    openai.base_url = server.url + "/v1/"
    openai.max_retries = 0


@programs
def module_client_files_and_models(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    _use_module_client(openai, server)
    openai.organization = "org-module"
    (folder / "train.jsonl").write_text("{}\n")
    server.reply(
        Reply.json({**FILE, "purpose": "fine-tune"}),
        Reply.json(
            {
                "object": "list",
                "data": [{"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "system"}],
            }
        ),
        Reply.json(
            {
                "id": "ftjob-1",
                "object": "fine_tuning.job",
                "created_at": 1,
                "model": "gpt-4o-mini",
                "status": "queued",
                "training_file": "file-1",
                "hyperparameters": {"n_epochs": "auto"},
                "organization_id": "org-module",
                "result_files": [],
                "seed": 1,
            }
        ),
    )
    with open(folder / "train.jsonl", "rb") as handle:
        uploaded = openai.files.create(file=handle, purpose="fine-tune")
    models = [m.id for m in openai.models.list()]
    job = openai.fine_tuning.jobs.create(training_file=uploaded.id, model="gpt-4o-mini")
    return uploaded.purpose, models, job.status


@programs
def module_client_audio_images_moderations(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    _use_module_client(openai, server)
    openai.default_headers = {"X-Team": "media"}
    png = b"\x89PNG\r\n\x1a\n"
    server.reply(
        Reply.raw(b"ID3xyz", content_type="audio/mpeg"),
        Reply.json({"text": "hello"}),
        Reply.json({"created": 1, "data": [{"b64_json": base64.b64encode(png).decode()}]}),
        Reply.json(
            {
                "id": "modr-1",
                "model": "omni-moderation-latest",
                "results": [{"flagged": False, "categories": {}, "category_scores": {}}],
            }
        ),
    )
    openai.audio.speech.create(model="tts-1", voice="alloy", input="hi").write_to_file(
        folder / "module.mp3"
    )
    with open(folder / "module.mp3", "rb") as audio:
        text = openai.audio.transcriptions.create(model="whisper-1", file=audio).text
    image = openai.images.generate(model="gpt-image-1", prompt="a cat")
    flagged = openai.moderations.create(input="fine").results[0].flagged
    return (
        (folder / "module.mp3").read_bytes(),
        text,
        base64.b64decode(image.data[0].b64_json) == png,
        flagged,
    )


@programs
def module_client_assistants_and_raw(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    _use_module_client(openai, server)
    server.reply(
        Reply.json(
            {
                "id": "thread_1",
                "object": "thread",
                "created_at": 1,
                "metadata": {},
                "tool_resources": None,
            },
            headers={"x-request-id": "req_thread"},
        ),
        Reply.json(
            {
                "id": "batch_1",
                "object": "batch",
                "endpoint": "/v1/embeddings",
                "input_file_id": "file-1",
                "completion_window": "24h",
                "status": "in_progress",
                "created_at": 1,
            },
            headers={"x-request-id": "req_batch"},
        ),
    )
    conversation = openai.beta.threads.create()
    raw = openai.batches.with_raw_response.retrieve("batch_1")
    batch = raw.parse()
    return (
        conversation.id,
        conversation._request_id,
        raw.headers["x-request-id"],
        batch.status,
        batch._request_id,
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
