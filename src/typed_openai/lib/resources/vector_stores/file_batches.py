"""Bodies of the ``vector_stores.file_batches`` helpers (signatures: spec/config.yml): ``poll``,
``create_and_poll`` and ``upload_and_poll`` (many files uploaded concurrently, then attached as
one batch)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING, Any

from typed_openai._generated.resources.files import AsyncFiles as _AsyncUploads
from typed_openai._generated.resources.files import Files as _Uploads
from typed_openai.lib.polling import (
    async_poll_until,
    batch_is_done,
    poll_until,
    polling_options,
    request_options,
)
from typed_openai.lib.resources._seams import async_sleep_of, client_of, sleep_of

if TYPE_CHECKING:
    from typed_openai._core import AsyncAPIClient, FileTypes, SyncAPIClient
    from typed_openai._generated.resources.vector_stores.file_batches import (
        AsyncFileBatches,
        FileBatches,
    )
    from typed_openai._generated.types.vector_stores.vector_store_file_batch import (
        VectorStoreFileBatch,
    )

__all__ = [
    "async_create_and_poll",
    "async_poll",
    "async_upload_and_poll",
    "async_upload_files",
    "create_and_poll",
    "poll",
    "upload_and_poll",
    "upload_files",
]


def _check_concurrency(max_concurrency: int) -> None:
    if max_concurrency < 1:
        raise ValueError(f"max_concurrency must be at least 1, got {max_concurrency}")


def upload_files(
    client: SyncAPIClient, files: Sequence[FileTypes], max_concurrency: int
) -> list[str]:
    """Upload ``files`` with at most ``max_concurrency`` requests in flight; their ids in order.

    The first failure is raised once the uploads already running have ended; the ones not
    started yet are dropped. Those threads are always joined, so no request outlives the call.
    """
    if not files:
        return []
    uploads = _Uploads(client)
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


async def async_upload_files(
    client: AsyncAPIClient, files: Sequence[FileTypes], max_concurrency: int
) -> list[str]:
    """Async twin of ``upload_files``: one task per file, at most ``max_concurrency`` running.

    The first failure cancels the other uploads and is raised as itself (not in a group).
    """
    import anyio

    uploads = _AsyncUploads(client)
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


def _fetch(retrieve: Callable[..., Any], batch_id: str, interval: Any, options: Any) -> Any:
    """One poll request: ``retrieve`` the batch, its headers marking the request as a poll."""
    vector_store_id, fetch_options = (
        options.pop("vector_store_id"),
        polling_options(options, interval),
    )
    return lambda: retrieve(batch_id, vector_store_id=vector_store_id, **fetch_options)


def poll(
    batches: FileBatches, *, batch_id: str, poll_interval_ms: Any, **options: Any
) -> VectorStoreFileBatch:
    fetch = _fetch(batches.with_raw_response.retrieve, batch_id, poll_interval_ms, options)
    return poll_until(
        fetch, batch_is_done, poll_interval_ms=poll_interval_ms, sleep=sleep_of(batches)
    )


async def async_poll(
    batches: AsyncFileBatches, *, batch_id: str, poll_interval_ms: Any, **options: Any
) -> VectorStoreFileBatch:
    fetch = _fetch(batches.with_raw_response.retrieve, batch_id, poll_interval_ms, options)
    sleep = async_sleep_of(batches)
    return await async_poll_until(
        fetch, batch_is_done, poll_interval_ms=poll_interval_ms, sleep=sleep
    )


def _poll_arguments(batch: VectorStoreFileBatch, arguments: dict[str, Any]) -> dict[str, Any]:
    """What `poll` takes after `create`: the new batch, the store, the interval and options."""
    interval = arguments["poll_interval_ms"]
    store = arguments["vector_store_id"]
    return {
        "batch_id": batch.id,
        "vector_store_id": store,
        "poll_interval_ms": interval,
        **request_options(arguments),
    }


def create_and_poll(batches: FileBatches, **arguments: Any) -> VectorStoreFileBatch:
    create_arguments = {k: v for k, v in arguments.items() if k != "poll_interval_ms"}
    return poll(batches, **_poll_arguments(batches.create(**create_arguments), arguments))


async def async_create_and_poll(
    batches: AsyncFileBatches, **arguments: Any
) -> VectorStoreFileBatch:
    create_arguments = {k: v for k, v in arguments.items() if k != "poll_interval_ms"}
    batch = await batches.create(**create_arguments)
    return await async_poll(batches, **_poll_arguments(batch, arguments))


def upload_and_poll(
    batches: FileBatches,
    *,
    files: Iterable[FileTypes],
    max_concurrency: int,
    file_ids: Sequence[str],
    **arguments: Any,
) -> VectorStoreFileBatch:
    """Uploads with threads; if one fails its error is raised and no batch is created."""
    _check_concurrency(max_concurrency)
    uploaded_ids = upload_files(client_of(batches), list(files), max_concurrency)
    return create_and_poll(batches, file_ids=[*file_ids, *uploaded_ids], **arguments)


async def async_upload_and_poll(
    batches: AsyncFileBatches,
    *,
    files: Iterable[FileTypes],
    max_concurrency: int,
    file_ids: Sequence[str],
    **arguments: Any,
) -> VectorStoreFileBatch:
    """Uploads as tasks; if one fails its error is raised, the others are cancelled and no
    batch is created."""
    _check_concurrency(max_concurrency)
    uploaded_ids = await async_upload_files(client_of(batches), list(files), max_concurrency)
    return await async_create_and_poll(batches, file_ids=[*file_ids, *uploaded_ids], **arguments)
