"""Bodies of the ``client.files`` helpers the official SDK still offers (signatures: spec/config.yml,
``files``): ``retrieve_content``, the content as text (deprecated in favour of ``content``), and
``wait_for_processing``, which retrieves a file until the API is done processing it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from typed_openai._core import RequestOptions, path_template
from typed_openai.lib.resources._seams import async_sleep_of, client_of, sleep_of

if TYPE_CHECKING:
    from typed_openai._generated.resources.files import AsyncFiles, Files
    from typed_openai._generated.types.file_object import FileObject

__all__ = [
    "async_retrieve_content",
    "async_wait_for_processing",
    "retrieve_content",
    "wait_for_processing",
]

# a file's status once the API is done with it (`uploaded` is the only other value)
_PROCESSED = frozenset({"processed", "error", "deleted"})


def _content_path(file_id: str) -> str:
    if not file_id:
        raise ValueError(f"Expected a non-empty value for `file_id` but received {file_id!r}")
    return path_template("/files/{file_id}/content", file_id=file_id)


def retrieve_content(files: Files, *, file_id: str, **options: Any) -> str:
    return client_of(files).get(
        _content_path(file_id), options=RequestOptions(**options), cast_to=str
    )


async def async_retrieve_content(files: AsyncFiles, *, file_id: str, **options: Any) -> str:
    return await client_of(files).get(
        _content_path(file_id), options=RequestOptions(**options), cast_to=str
    )


def _gave_up(file_id: str, max_wait_seconds: float) -> RuntimeError:
    return RuntimeError(
        f"Giving up on waiting for file {file_id} to finish processing after "
        f"{max_wait_seconds} seconds."
    )


def wait_for_processing(
    files: Files, *, id: str, poll_interval: float, max_wait_seconds: float
) -> FileObject:
    started = time.monotonic()
    file = files.retrieve(id)
    while file.status not in _PROCESSED:
        sleep_of(files)(poll_interval)
        file = files.retrieve(id)
        if time.monotonic() - started > max_wait_seconds:
            raise _gave_up(id, max_wait_seconds)
    return file


async def async_wait_for_processing(
    files: AsyncFiles, *, id: str, poll_interval: float, max_wait_seconds: float
) -> FileObject:
    started = time.monotonic()
    file = await files.retrieve(id)
    while file.status not in _PROCESSED:
        await async_sleep_of(files)(poll_interval)
        file = await files.retrieve(id)
        if time.monotonic() - started > max_wait_seconds:
            raise _gave_up(id, max_wait_seconds)
    return file
