"""``client.vector_stores.files`` with ``poll``, ``create_and_poll``, ``upload`` and
``upload_and_poll``.

``create_and_poll`` takes the arguments of ``create`` plus ``poll_interval_ms``, with one
difference kept for compatibility with the official SDK: ``file_id`` is the positional argument
and ``vector_store_id`` keyword-only (``tests/lib/polling`` checks both signatures).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typed_openai._core import NOT_GIVEN
from typed_openai._generated.resources.files import AsyncFiles as _AsyncUploads
from typed_openai._generated.resources.files import Files as _Uploads
from typed_openai._generated.resources.vector_stores.files import (
    AsyncFiles as _GeneratedAsyncFiles,
)
from typed_openai._generated.resources.vector_stores.files import Files as _GeneratedFiles
from typed_openai.lib.polling import (
    async_poll_until,
    check_max_wait_seconds,
    poll_request_headers,
    poll_until,
    vector_store_file_is_done,
)

if TYPE_CHECKING:
    from typed_openai._core import Body, FileTypes, Headers, NotGiven, Query, Timeout
    from typed_openai._generated.types.file_chunking_strategy_param import (
        FileChunkingStrategyParam,
    )
    from typed_openai._generated.types.vector_store_file_attributes import (
        VectorStoreFileAttributes,
    )
    from typed_openai._generated.types.vector_stores.vector_store_file import (
        VectorStoreFile,
    )

__all__ = ["AsyncFiles", "Files"]


class Files(_GeneratedFiles):
    def poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        max_wait_seconds: float | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Fetch the file until it is processed (completed, failed or cancelled) and return it.

        ``max_wait_seconds`` (finite, >= 0) bounds the polling: ``TimeoutError`` once it is up,
        without a request at all for 0. The processing on the server goes on regardless.
        """
        headers = poll_request_headers(extra_headers, poll_interval_ms)
        return poll_until(
            lambda: self.with_raw_response.retrieve(
                file_id,
                vector_store_id=vector_store_id,
                extra_headers=headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
            ),
            vector_store_file_is_done,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
            max_wait_seconds=max_wait_seconds,
        )

    def create_and_poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        chunking_strategy: FileChunkingStrategyParam | NotGiven = NOT_GIVEN,
        attributes: VectorStoreFileAttributes | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        max_wait_seconds: float | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Attach a file to a vector store, then poll it until it is processed
        (``max_wait_seconds`` bounds the polling, see ``poll``)."""
        check_max_wait_seconds(max_wait_seconds)
        created = self.create(
            vector_store_id,
            file_id=file_id,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return self.poll(
            created.id,
            vector_store_id=vector_store_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
            max_wait_seconds=max_wait_seconds,
        )

    def upload(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        chunking_strategy: FileChunkingStrategyParam | NotGiven = NOT_GIVEN,
        attributes: VectorStoreFileAttributes | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Upload a file (``purpose="assistants"``) and attach it, without waiting."""
        uploaded = _Uploads(self._client).create(file=file, purpose="assistants")
        return self.create(
            vector_store_id,
            file_id=uploaded.id,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
        )

    def upload_and_poll(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        attributes: VectorStoreFileAttributes | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        max_wait_seconds: float | NotGiven = NOT_GIVEN,
        chunking_strategy: FileChunkingStrategyParam | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Upload a file, attach it, and poll it until it is processed
        (``max_wait_seconds`` bounds the polling, see ``poll``)."""
        check_max_wait_seconds(max_wait_seconds)
        uploaded = _Uploads(self._client).create(file=file, purpose="assistants")
        return self.create_and_poll(
            uploaded.id,
            vector_store_id=vector_store_id,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            poll_interval_ms=poll_interval_ms,
            max_wait_seconds=max_wait_seconds,
        )


class AsyncFiles(_GeneratedAsyncFiles):
    async def poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        max_wait_seconds: float | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Fetch the file until it is processed (completed, failed or cancelled) and return it.

        ``max_wait_seconds`` (finite, >= 0) bounds the polling: ``TimeoutError`` once it is up,
        without a request at all for 0. The processing on the server goes on regardless.
        """
        headers = poll_request_headers(extra_headers, poll_interval_ms)
        return await async_poll_until(
            lambda: self.with_raw_response.retrieve(
                file_id,
                vector_store_id=vector_store_id,
                extra_headers=headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
            ),
            vector_store_file_is_done,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
            max_wait_seconds=max_wait_seconds,
        )

    async def create_and_poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        chunking_strategy: FileChunkingStrategyParam | NotGiven = NOT_GIVEN,
        attributes: VectorStoreFileAttributes | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        max_wait_seconds: float | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Attach a file to a vector store, then poll it until it is processed
        (``max_wait_seconds`` bounds the polling, see ``poll``)."""
        check_max_wait_seconds(max_wait_seconds)
        created = await self.create(
            vector_store_id,
            file_id=file_id,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return await self.poll(
            created.id,
            vector_store_id=vector_store_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
            max_wait_seconds=max_wait_seconds,
        )

    async def upload(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        chunking_strategy: FileChunkingStrategyParam | NotGiven = NOT_GIVEN,
        attributes: VectorStoreFileAttributes | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Upload a file (``purpose="assistants"``) and attach it, without waiting."""
        uploaded = await _AsyncUploads(self._client).create(file=file, purpose="assistants")
        return await self.create(
            vector_store_id,
            file_id=uploaded.id,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
        )

    async def upload_and_poll(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        attributes: VectorStoreFileAttributes | NotGiven = NOT_GIVEN,
        poll_interval_ms: int | NotGiven = NOT_GIVEN,
        max_wait_seconds: float | NotGiven = NOT_GIVEN,
        chunking_strategy: FileChunkingStrategyParam | NotGiven = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Upload a file, attach it, and poll it until it is processed
        (``max_wait_seconds`` bounds the polling, see ``poll``)."""
        check_max_wait_seconds(max_wait_seconds)
        uploaded = await _AsyncUploads(self._client).create(file=file, purpose="assistants")
        return await self.create_and_poll(
            uploaded.id,
            vector_store_id=vector_store_id,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            poll_interval_ms=poll_interval_ms,
            max_wait_seconds=max_wait_seconds,
        )
