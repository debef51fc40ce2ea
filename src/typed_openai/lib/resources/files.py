"""Bodies of the older ``client.files`` helpers the official SDK still offers:
``retrieve_content`` (the content as text) and ``wait_for_processing``."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from typed_openai._core import RequestOptions, path_template
from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.resources._seams import client_of, sleep_of

if TYPE_CHECKING:
    from typed_openai._generated.resources.files import AsyncFiles, Files
    from typed_openai.types.file_object import FileObject

__all__ = ["retrieve_content", "wait_for_processing"]

# a file's status once the API is done with it (`uploaded` is the only other value)
_PROCESSED = frozenset({"processed", "error", "deleted"})


@sync_or_async
def retrieve_content(files: Files | AsyncFiles, *, file_id: str, **options: Any) -> Steps[str]:
    # (an empty `file_id` is a ValueError naming it, as in the generated methods)
    path = path_template("/files/{file_id}/content", file_id=file_id)
    return (yield client_of(files).get(path, options=RequestOptions(**options), cast_to=str))


@sync_or_async
def wait_for_processing(
    files: Files | AsyncFiles, *, id: str, poll_interval: float, max_wait_seconds: float
) -> Steps[FileObject]:
    started = time.monotonic()
    file: FileObject = yield files.retrieve(id)
    while file.status not in _PROCESSED:
        yield sleep_of(files)(poll_interval)
        file = yield files.retrieve(id)
        if time.monotonic() - started > max_wait_seconds:
            raise RuntimeError(
                f"Giving up on waiting for file {id} to finish processing after "
                f"{max_wait_seconds} seconds."
            )
    return file
