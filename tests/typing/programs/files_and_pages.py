"""Files, uploads, batches, vector stores and fine-tuning: pagination, file tuples, polling."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterator, List

from openai import AsyncOpenAI, NotFoundError, OpenAI
from openai.pagination import AsyncCursorPage, AsyncPage, SyncCursorPage, SyncPage
from openai.types import Batch, FileDeleted, FileObject, FilePurpose, Model
from openai.types.fine_tuning import FineTuningJob, FineTuningJobEvent
from openai.types.vector_store import VectorStore
from openai.types.vector_stores import VectorStoreFile, VectorStoreFileBatch

client = OpenAI()


def upload(path: Path, purpose: FilePurpose = "assistants") -> FileObject:
    with path.open("rb") as handle:
        return client.files.create(file=handle, purpose=purpose)


def upload_variants(data: bytes) -> List[FileObject]:
    return [
        client.files.create(file=("notes.jsonl", data), purpose="batch"),
        client.files.create(file=("notes.jsonl", data, "application/jsonl"), purpose="fine-tune"),
        client.files.create(file=io.BytesIO(data), purpose="user_data"),
        client.files.create(file=Path("train.jsonl"), purpose="fine-tune"),
    ]


def all_files() -> List[FileObject]:
    page: SyncCursorPage[FileObject] = client.files.list(purpose="assistants", limit=100)
    files = list(page.data)
    while page.has_next_page():
        page = page.get_next_page()
        files.extend(page.data)
    return files


def iterate_files() -> Iterator[FileObject]:
    for file in client.files.list(order="desc"):
        print(file.id, file.filename, file.bytes, file.created_at, file.status)
        yield file


def content(file_id: str) -> bytes:
    response = client.files.content(file_id)
    response.write_to_file("out.bin")
    print(response.text[:10], response.encoding)
    return response.read()


def remove(file_id: str) -> FileDeleted | None:
    try:
        deleted = client.files.delete(file_id)
    except NotFoundError:
        return None
    print(deleted.deleted)
    return deleted


def models() -> List[str]:
    page: SyncPage[Model] = client.models.list()
    return [model.id for model in page]


def batch(file_id: str) -> Batch:
    job = client.batches.create(
        input_file_id=file_id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"k": "v"},
    )
    job = client.batches.retrieve(job.id)
    if job.status == "completed" and job.output_file_id:
        print(client.files.content(job.output_file_id).text)
    if job.request_counts:
        print(job.request_counts.completed, job.request_counts.failed)
    for other in client.batches.list(limit=5):
        print(other.id)
    return client.batches.cancel(job.id)


def fine_tune(file_id: str) -> FineTuningJob:
    job = client.fine_tuning.jobs.create(
        model="gpt-4o-mini-2024-07-18",
        training_file=file_id,
        hyperparameters={"n_epochs": 3},
        suffix="demo",
    )
    events: SyncCursorPage[FineTuningJobEvent] = client.fine_tuning.jobs.list_events(
        fine_tuning_job_id=job.id, limit=10
    )
    for event in events:
        print(event.message, event.level)
    return client.fine_tuning.jobs.retrieve(job.id)


def vector_store(file_ids: List[str]) -> VectorStore:
    store = client.vector_stores.create(
        name="docs", file_ids=file_ids, expires_after={"anchor": "last_active_at", "days": 7}
    )
    file: VectorStoreFile = client.vector_stores.files.create_and_poll(
        vector_store_id=store.id, file_id=file_ids[0]
    )
    print(file.status, file.last_error)
    with open("a.txt", "rb") as handle:
        batch: VectorStoreFileBatch = client.vector_stores.file_batches.upload_and_poll(
            vector_store_id=store.id, files=[handle]
        )
    print(batch.file_counts.completed)
    results = client.vector_stores.search(
        vector_store_id=store.id, query="refund policy", max_num_results=3
    )
    for result in results:
        print(result.filename, result.score)
    return client.vector_stores.retrieve(store.id)


async def alist(aclient: AsyncOpenAI) -> List[str]:
    ids: List[str] = []
    page: AsyncCursorPage[FileObject] = await aclient.files.list()
    for file in page.data:
        ids.append(file.id)
    async for file in aclient.files.list():
        ids.append(file.id)
    models: AsyncPage[Model] = await aclient.models.list()
    async for model in models:
        ids.append(model.id)
    first = await aclient.files.list(limit=1)
    if first.has_next_page():
        nxt = await first.get_next_page()
        ids.extend(f.id for f in nxt.data)
    return ids
