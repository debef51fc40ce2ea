"""``client.vector_stores.file_batches`` with ``poll``, ``create_and_poll`` and
``upload_and_poll`` (many files uploaded concurrently, then attached as one batch)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING

from typed_openai._core import NOT_GIVEN
from typed_openai._generated.resources.files import AsyncFiles as _AsyncUploads
from typed_openai._generated.resources.files import Files as _Uploads
from typed_openai._generated.resources.vector_stores.file_batches import (
    AsyncFileBatches as _GeneratedAsyncFileBatches,
)
from typed_openai._generated.resources.vector_stores.file_batches import (
    FileBatches as _GeneratedFileBatches,
)
from typed_openai.lib.polling import (
    async_poll_until,
    batch_is_done,
    poll_request_headers,
    poll_until,
)

if TYPE_CHECKING:
    from typed_openai._core import (
        AsyncAPIClient,
        Body,
        FileTypes,
        Headers,
        NotGiven,
        Query,
        SyncAPIClient,
        Timeout,
    )
    from typed_openai._generated.types.file_chunking_strategy_param import (
        FileChunkingStrategyParam,
    )
    from typed_openai._generated.types.vector_store_file_attributes import (
        VectorStoreFileAttributes,
    )
    from typed_openai._generated.types.vector_stores.file_create_params import (
        FileCreateParams,
    )
    from typed_openai._generated.types.vector_stores.vector_store_file_batch import (
        VectorStoreFileBatch,
    )

__all__ = ["AsyncFileBatches", "FileBatches"]


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


class FileBatches(_GeneratedFileBatches):
    def poll(
        self,
        batch_id: str,
        *,
        vector_store_id: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFileBatch:
        """Fetch the batch until none of its files is in progress and return it."""
        headers = poll_request_headers(extra_headers, poll_interval_ms)
        return poll_until(
            lambda: self.with_raw_response.retrieve(
                batch_id,
                vector_store_id=vector_store_id,
                extra_headers=headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
            ),
            batch_is_done,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )

    def create_and_poll(
        self,
        vector_store_id: str,
        *,
        file_ids: Iterable[str] | NotGiven = NOT_GIVEN,
        files: Iterable[FileCreateParams] | NotGiven = NOT_GIVEN,
        chunking_strategy: FileChunkingStrategyParam | NotGiven = NOT_GIVEN,
        attributes: VectorStoreFileAttributes | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFileBatch:
        """Create a file batch, then poll it until none of its files is in progress."""
        batch = self.create(
            vector_store_id,
            file_ids=file_ids,
            files=files,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return self.poll(
            batch.id,
            vector_store_id=vector_store_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    def upload_and_poll(
        self,
        vector_store_id: str,
        *,
        files: Iterable[FileTypes],
        max_concurrency: int = 5,
        file_ids: Sequence[str] = (),
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        chunking_strategy: FileChunkingStrategyParam | NotGiven = NOT_GIVEN,
        attributes: VectorStoreFileAttributes | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFileBatch:
        """Upload ``files`` concurrently (threads, at most ``max_concurrency`` at once), then
        create one batch with ``file_ids`` and the uploaded ids, and poll it.

        If an upload fails its error is raised and no batch is created.
        """
        _check_concurrency(max_concurrency)
        uploaded_ids = upload_files(self._client, list(files), max_concurrency)
        return self.create_and_poll(
            vector_store_id,
            file_ids=[*file_ids, *uploaded_ids],
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            poll_interval_ms=poll_interval_ms,
        )


class AsyncFileBatches(_GeneratedAsyncFileBatches):
    async def poll(
        self,
        batch_id: str,
        *,
        vector_store_id: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFileBatch:
        """Fetch the batch until none of its files is in progress and return it."""
        headers = poll_request_headers(extra_headers, poll_interval_ms)
        return await async_poll_until(
            lambda: self.with_raw_response.retrieve(
                batch_id,
                vector_store_id=vector_store_id,
                extra_headers=headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
            ),
            batch_is_done,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )

    async def create_and_poll(
        self,
        vector_store_id: str,
        *,
        file_ids: Iterable[str] | NotGiven = NOT_GIVEN,
        files: Iterable[FileCreateParams] | NotGiven = NOT_GIVEN,
        chunking_strategy: FileChunkingStrategyParam | NotGiven = NOT_GIVEN,
        attributes: VectorStoreFileAttributes | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFileBatch:
        """Create a file batch, then poll it until none of its files is in progress."""
        batch = await self.create(
            vector_store_id,
            file_ids=file_ids,
            files=files,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return await self.poll(
            batch.id,
            vector_store_id=vector_store_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    async def upload_and_poll(
        self,
        vector_store_id: str,
        *,
        files: Iterable[FileTypes],
        max_concurrency: int = 5,
        file_ids: Sequence[str] = (),
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        chunking_strategy: FileChunkingStrategyParam | NotGiven = NOT_GIVEN,
        attributes: VectorStoreFileAttributes | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFileBatch:
        """Upload ``files`` concurrently (tasks, at most ``max_concurrency`` at once), then
        create one batch with ``file_ids`` and the uploaded ids, and poll it.

        If an upload fails its error is raised, the other uploads are cancelled and no batch is
        created.
        """
        _check_concurrency(max_concurrency)
        uploaded_ids = await async_upload_files(self._client, list(files), max_concurrency)
        return await self.create_and_poll(
            vector_store_id,
            file_ids=[*file_ids, *uploaded_ids],
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            poll_interval_ms=poll_interval_ms,
        )
