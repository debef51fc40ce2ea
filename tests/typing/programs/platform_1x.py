"""Platform code as 1.x tutorials type it: the module client (Azure too), AzureOpenAI bound to a
deployment, file uploads in every shape, vector-store batches, embeddings decoded from base64,
moderations, images, speech, fine-tuning, batches and the admin API."""

from __future__ import annotations

import array
import base64
import io
import os
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import openai
from openai import AsyncAzureOpenAI, AzureOpenAI, OpenAI
from openai.types import (
    Batch,
    CreateEmbeddingResponse,
    FileObject,
    ImagesResponse,
    Moderation,
    ModerationCreateResponse,
    VectorStore,
)
from openai.types.audio import Transcription
from openai.types.fine_tuning import FineTuningJob
from openai.types.moderation import Categories, CategoryScores
from openai.types.vector_stores import VectorStoreFile, VectorStoreFileBatch

openai.api_key = os.environ.get("OPENAI_API_KEY")
openai.organization = os.getenv("OPENAI_ORG")
openai.base_url = "https://api.openai.com/v1/"
openai.max_retries = 3
openai.timeout = 30.0
openai.default_headers = {"X-App": "tutorial"}


def module_calls() -> str:
    completion = openai.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Hello"}]
    )
    models = [m.id for m in openai.models.list()]
    vectors = openai.embeddings.create(model="text-embedding-3-small", input="hi")
    print(models, vectors.data[0].embedding[:3])
    return completion.choices[0].message.content or ""


def module_azure() -> None:
    openai.api_type = "azure"
    openai.azure_endpoint = "https://example.openai.azure.com"
    openai.api_version = "2024-02-01"
    openai.azure_ad_token = None
    openai.azure_ad_token_provider = None
    openai.chat.completions.create(model="gpt-35", messages=[{"role": "user", "content": "x"}])


def token_provider() -> str:
    return "entra-token"


def azure_clients() -> Tuple[AzureOpenAI, AsyncAzureOpenAI]:
    provider: Callable[[], str] = token_provider
    deployment = AzureOpenAI(
        api_key=os.getenv("AZURE_OPENAI_API_KEY"),
        api_version="2024-02-01",
        azure_endpoint=os.environ.get("AZURE_OPENAI_ENDPOINT", "https://x.openai.azure.com"),
        azure_deployment="gpt-35-turbo",
    )
    entra = AsyncAzureOpenAI(
        azure_ad_token_provider=provider,
        api_version="2024-02-01",
        azure_endpoint="https://x.openai.azure.com",
    )
    reply = deployment.chat.completions.create(
        model="gpt-35-turbo", messages=[{"role": "user", "content": "x"}]
    )
    print(reply.choices[0].message.content)
    return deployment, entra


client = OpenAI()


def uploads(folder: Path) -> List[FileObject]:
    made: List[FileObject] = []
    made.append(client.files.create(file=folder / "train.jsonl", purpose="fine-tune"))
    made.append(client.files.create(file=open(folder / "a.pdf", "rb"), purpose="assistants"))  # noqa: SIM115
    made.append(client.files.create(file=b'{"a": 1}\n', purpose="batch"))
    made.append(client.files.create(file=("data.jsonl", b"{}\n"), purpose="batch"))
    made.append(
        client.files.create(
            file=("data.jsonl", io.BytesIO(b"{}"), "application/jsonl"), purpose="batch"
        )
    )
    buffer = io.BytesIO(b"RIFF")
    buffer.name = "audio.wav"
    text: Transcription = client.audio.transcriptions.create(model="whisper-1", file=buffer)
    print(text.text)
    content = client.files.content(made[0].id)
    print(content.text, content.read(), content.json())
    content.write_to_file(folder / "copy.jsonl")
    listed = client.files.list(purpose="assistants")
    for file in listed:
        print(file.filename, file.bytes, file.status)
    print(client.files.delete(made[0].id).deleted)
    return made


def large_upload(path: Path) -> str:
    upload = client.uploads.upload_file_chunked(
        file=path, mime_type="application/jsonl", purpose="batch"
    )
    return upload.status


def vector_store(folder: Path) -> VectorStoreFileBatch:
    store: VectorStore = client.vector_stores.create(
        name="Financial Statements", expires_after={"anchor": "last_active_at", "days": 7}
    )
    streams = [open(path, "rb") for path in sorted(folder.glob("*.pdf"))]  # noqa: SIM115
    batch = client.vector_stores.file_batches.upload_and_poll(
        vector_store_id=store.id, files=streams, max_concurrency=3
    )
    print(batch.status, batch.file_counts.completed)
    one: VectorStoreFile = client.vector_stores.files.upload_and_poll(
        vector_store_id=store.id, file=folder / "extra.pdf"
    )
    print(one.last_error)
    client.beta.assistants.update(
        assistant_id="asst_1",
        tool_resources={"file_search": {"vector_store_ids": [store.id]}},
    )
    return batch


def embeddings_base64(texts: List[str]) -> List[List[float]]:
    response: CreateEmbeddingResponse = client.embeddings.create(
        model="text-embedding-3-small", input=texts, encoding_format="base64"
    )
    vectors: List[List[float]] = []
    for item in response.data:
        raw = item.embedding
        if isinstance(raw, str):
            vectors.append(array.array("f", base64.b64decode(raw)).tolist())
        else:
            vectors.append(raw)
    return vectors


def moderate(text: str) -> Dict[str, float]:
    response: ModerationCreateResponse = client.moderations.create(
        model="omni-moderation-latest", input=text
    )
    result: Moderation = response.results[0]
    categories: Categories = result.categories
    scores: CategoryScores = result.category_scores
    print(result.flagged, categories.self_harm, categories.hate_threatening)
    return {"violence": scores.violence, "sexual": scores.sexual}


def pictures(prompt: str, folder: Path) -> str | None:
    result: ImagesResponse = client.images.generate(
        model="dall-e-3", prompt=prompt, size="1024x1024", response_format="b64_json", n=1
    )
    if result.data and result.data[0].b64_json:
        (folder / "image.png").write_bytes(base64.b64decode(result.data[0].b64_json))
        return result.data[0].revised_prompt
    return None


def speak(text: str, folder: Path) -> None:
    speech_file_path = folder / "speech.mp3"
    response = client.audio.speech.create(model="tts-1", voice="alloy", input=text)
    response.stream_to_file(speech_file_path)
    print(len(response.content))
    for chunk in response.iter_bytes(chunk_size=1024):
        print(len(chunk))
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input=text, response_format="opus"
    ) as streamed:
        streamed.stream_to_file(folder / "speech.opus")


def training(file_id: str) -> FineTuningJob:
    job = client.fine_tuning.jobs.create(
        training_file=file_id,
        model="gpt-4o-mini-2024-07-18",
        hyperparameters={"n_epochs": 2},
        suffix="tutorial",
    )
    for event in client.fine_tuning.jobs.list_events(fine_tuning_job_id=job.id, limit=10):
        print(event.message)
    for checkpoint in client.fine_tuning.jobs.checkpoints.list(job.id):
        print(checkpoint.fine_tuned_model_checkpoint)
    return client.fine_tuning.jobs.retrieve(job.id)


def batch(file_id: str) -> Batch:
    created = client.batches.create(
        input_file_id=file_id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"description": "nightly eval job"},
    )
    if created.request_counts:
        print(created.request_counts.completed)
    return client.batches.cancel(created.id)


def admin() -> None:
    keyed = OpenAI(admin_api_key=os.environ.get("OPENAI_ADMIN_KEY"))
    for user in keyed.admin.organization.users.list(limit=10):
        print(user.email, user.role)
    project = keyed.admin.organization.projects.create(name="Tutorial")
    for key in keyed.admin.organization.projects.api_keys.list(project_id=project.id):
        print(key.redacted_value)
    for log in keyed.admin.organization.audit_logs.list(event_types=["project.created"]):
        print(log.type)
