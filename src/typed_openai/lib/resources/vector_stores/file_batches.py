"""Bodies of the ``vector_stores.file_batches`` helpers; ``upload_and_poll`` uploads many files
concurrently, then attaches them as one batch."""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING, Any, Union

from typed_openai._generated.resources.files import AsyncFiles as _AsyncUploads
from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.polling import batch_is_done, poll_helpers
from typed_openai.lib.resources._seams import uploads_of

if TYPE_CHECKING:
    from typed_openai._core import FileTypes
    from typed_openai._generated.resources.files import Files as _Uploads
    from typed_openai._generated.resources.vector_stores.file_batches import (
        AsyncFileBatches,
        FileBatches,
    )
    from typed_openai.types.vector_stores.vector_store_file_batch import (
        VectorStoreFileBatch,
    )

__all__ = ["create_and_poll", "poll", "upload_and_poll"]

_Batches = Union["FileBatches", "AsyncFileBatches"]


def _upload_files(
    uploads: _Uploads | _AsyncUploads, files: Sequence[FileTypes], max_concurrency: int
) -> list[str] | Awaitable[list[str]]:
    """Upload ``files`` with at most ``max_concurrency`` requests in flight; their ids in order
    (awaitable from an async ``uploads``)."""
    if isinstance(uploads, _AsyncUploads):
        return _upload_as_tasks(uploads, files, max_concurrency)
    return _upload_with_threads(uploads, files, max_concurrency)


def _upload_with_threads(
    uploads: _Uploads, files: Sequence[FileTypes], max_concurrency: int
) -> list[str]:
    """The first failure is raised once the uploads already running have ended; the ones not
    started yet are dropped. Those threads are always joined, so no request outlives the call.
    """
    if not files:
        return []
    pool = ThreadPoolExecutor(
        max_workers=min(max_concurrency, len(files)), thread_name_prefix="typed-openai-upload"
    )
    try:
        futures = [pool.submit(uploads.create, file=file, purpose="assistants") for file in files]
        for finished in as_completed(futures):
            finished.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [future.result().id for future in futures]


async def _upload_as_tasks(
    uploads: _AsyncUploads, files: Sequence[FileTypes], max_concurrency: int
) -> list[str]:
    """One task per file, at most ``max_concurrency`` running. The first failure cancels the
    other uploads and is raised as itself (not in a group)."""
    import anyio

    limiter = anyio.CapacityLimiter(max_concurrency)
    file_ids: list[str] = [""] * len(files)
    failures: list[Exception] = []

    async with anyio.create_task_group() as task_group:

        async def upload(index: int, file: FileTypes) -> None:
            async with limiter:
                try:
                    file_ids[index] = (await uploads.create(file=file, purpose="assistants")).id
                except Exception as exc:
                    failures.append(exc)
                    task_group.cancel_scope.cancel()

        for index, file in enumerate(files):
            task_group.start_soon(upload, index, file)

    if failures:
        raise failures[0]
    return file_ids


poll, create_and_poll = poll_helpers("batch_id", batch_is_done, parent="vector_store_id")


@sync_or_async
def upload_and_poll(
    batches: _Batches,
    *,
    files: Iterable[FileTypes],
    max_concurrency: int,
    file_ids: Sequence[str],
    **arguments: Any,
) -> Steps[VectorStoreFileBatch]:
    """If an upload fails its error is raised (the other uploads cancelled, async) and no batch
    is created."""
    if max_concurrency < 1:
        raise ValueError(f"max_concurrency must be at least 1, got {max_concurrency}")
    uploaded_ids = yield _upload_files(uploads_of(batches), list(files), max_concurrency)
    # a helper called inside another is one step of it (an awaitable on an async resource)
    return (yield create_and_poll(batches, file_ids=[*file_ids, *uploaded_ids], **arguments))
