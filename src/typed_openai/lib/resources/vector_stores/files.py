"""Bodies of the ``vector_stores.files`` helpers. ``max_wait_seconds`` (finite, >= 0) bounds the
polling: ``TimeoutError`` once it is up (no request at all for 0), checked before any request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.polling import check_max_wait_seconds, poll_helpers, vector_store_file_is_done
from typed_openai.lib.resources._seams import uploads_of

if TYPE_CHECKING:
    from typed_openai._core import FileTypes
    from typed_openai._generated.resources.vector_stores.files import AsyncFiles, Files
    from typed_openai.types.vector_stores.vector_store_file import VectorStoreFile

__all__ = ["create_and_poll", "poll", "upload", "upload_and_poll"]

_Files = Union["Files", "AsyncFiles"]


# the attached file is polled by the `file_id` given (the vector store file's id is the file's)
poll, create_and_poll = poll_helpers(
    "file_id", vector_store_file_is_done, parent="vector_store_id", given_id="file_id"
)


@sync_or_async
def upload(files: _Files, *, file: FileTypes, **arguments: Any) -> Steps[VectorStoreFile]:
    uploaded = yield uploads_of(files).create(file=file, purpose="assistants")
    return (yield files.create(file_id=uploaded.id, **arguments))


@sync_or_async
def upload_and_poll(files: _Files, *, file: FileTypes, **arguments: Any) -> Steps[VectorStoreFile]:
    check_max_wait_seconds(arguments["max_wait_seconds"])  # before the upload
    uploaded = yield uploads_of(files).create(file=file, purpose="assistants")
    # a helper called inside another is one step of it (an awaitable on an async resource)
    return (yield create_and_poll(files, file_id=uploaded.id, **arguments))
