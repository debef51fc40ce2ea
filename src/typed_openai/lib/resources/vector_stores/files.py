"""Bodies of the ``vector_stores.files`` helpers (signatures: spec/config.yml): ``poll``,
``create_and_poll``, ``upload`` and ``upload_and_poll``.

``max_wait_seconds`` (finite, >= 0) bounds the polling: ``TimeoutError`` once it is up, without a
request at all for 0; it is checked before anything is sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typed_openai._generated.resources.files import AsyncFiles as _AsyncUploads
from typed_openai._generated.resources.files import Files as _Uploads
from typed_openai.lib.polling import (
    async_poll_until,
    check_max_wait_seconds,
    poll_until,
    polling_options,
    request_options,
    vector_store_file_is_done,
)
from typed_openai.lib.resources._seams import async_sleep_of, client_of, sleep_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from typed_openai._core import FileTypes
    from typed_openai._generated.resources.vector_stores.files import AsyncFiles, Files
    from typed_openai._generated.types.vector_stores.vector_store_file import VectorStoreFile

__all__ = [
    "async_create_and_poll",
    "async_poll",
    "async_upload",
    "async_upload_and_poll",
    "create_and_poll",
    "poll",
    "upload",
    "upload_and_poll",
]


class _Poll:
    """How to poll one file: the request (marked as a poll) and when to stop."""

    def __init__(self, retrieve: Callable[..., Any], file_id: str, arguments: Any) -> None:
        interval, max_wait = arguments.pop("poll_interval_ms"), arguments.pop("max_wait_seconds")
        options = polling_options(request_options(arguments), interval)
        vector_store_id = arguments["vector_store_id"]
        self.fetch = lambda: retrieve(file_id, vector_store_id=vector_store_id, **options)
        self.settings: dict[str, Any] = {"poll_interval_ms": interval, "max_wait_seconds": max_wait}


def poll(files: Files, *, file_id: str, **arguments: Any) -> VectorStoreFile:
    how = _Poll(files.with_raw_response.retrieve, file_id, arguments)
    return poll_until(how.fetch, vector_store_file_is_done, sleep=sleep_of(files), **how.settings)


async def async_poll(files: AsyncFiles, *, file_id: str, **arguments: Any) -> VectorStoreFile:
    how, sleep = _Poll(files.with_raw_response.retrieve, file_id, arguments), async_sleep_of(files)
    return await async_poll_until(how.fetch, vector_store_file_is_done, sleep=sleep, **how.settings)


def _create_arguments(arguments: dict[str, Any]) -> dict[str, Any]:
    check_max_wait_seconds(arguments["max_wait_seconds"])  # before the file is attached
    return {k: v for k, v in arguments.items() if k not in ("poll_interval_ms", "max_wait_seconds")}


def create_and_poll(files: Files, **arguments: Any) -> VectorStoreFile:
    created = files.create(**_create_arguments(arguments))
    return poll(files, **{**arguments, "file_id": created.id})


async def async_create_and_poll(files: AsyncFiles, **arguments: Any) -> VectorStoreFile:
    created = await files.create(**_create_arguments(arguments))
    return await async_poll(files, **{**arguments, "file_id": created.id})


def upload(files: Files, *, file: FileTypes, **arguments: Any) -> VectorStoreFile:
    uploaded = _Uploads(client_of(files)).create(file=file, purpose="assistants")
    return files.create(file_id=uploaded.id, **arguments)


async def async_upload(files: AsyncFiles, *, file: FileTypes, **arguments: Any) -> VectorStoreFile:
    uploads = _AsyncUploads(client_of(files))
    uploaded = await uploads.create(file=file, purpose="assistants")
    return await files.create(file_id=uploaded.id, **arguments)


def upload_and_poll(files: Files, *, file: FileTypes, **arguments: Any) -> VectorStoreFile:
    check_max_wait_seconds(arguments["max_wait_seconds"])  # before the upload
    uploaded = _Uploads(client_of(files)).create(file=file, purpose="assistants")
    return create_and_poll(files, file_id=uploaded.id, **arguments)


async def async_upload_and_poll(
    files: AsyncFiles, *, file: FileTypes, **arguments: Any
) -> VectorStoreFile:
    check_max_wait_seconds(arguments["max_wait_seconds"])
    uploaded = await _AsyncUploads(client_of(files)).create(file=file, purpose="assistants")
    return await async_create_and_poll(files, file_id=uploaded.id, **arguments)
