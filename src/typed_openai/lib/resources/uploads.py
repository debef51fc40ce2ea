"""Body of ``client.uploads.upload_file_chunked``.

The file goes up as an Upload: ``uploads.create`` announces its name, size, MIME type and
purpose; the content follows in parts of ``part_size`` bytes (64 MiB unless told), one
``uploads.parts.create`` each, in order; ``uploads.complete`` joins them (checking ``md5`` when
given) and returns the completed Upload, whose ``file`` is the new File.

``file`` is a path (``os.PathLike`` or ``str``; name and size are read from it unless given)
or the content as ``bytes`` (then ``filename`` and ``bytes`` are required). A file on disk is
read one part at a time, so memory stays at one part however large the file is.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from typed_openai.lib._steps import Steps, sync_or_async

if TYPE_CHECKING:
    from typed_openai._generated.resources.uploads import AsyncUploads, Uploads
    from typed_openai.types.upload import Upload

__all__ = ["DEFAULT_PART_SIZE", "upload_file_chunked"]

DEFAULT_PART_SIZE = 64 * 1024 * 1024


class _Source:
    """What to upload: its name, its size, and a way to read it part by part."""

    def __init__(
        self, file: os.PathLike[str] | str | bytes, filename: str | None, size: int | None
    ) -> None:
        given = cast(object, file)  # checked at run time too: callers without a type checker
        if isinstance(given, (bytes, bytearray)):
            if filename is None:
                raise TypeError("upload_file_chunked: `filename` is required when file is bytes")
            if size is None:
                raise TypeError("upload_file_chunked: `bytes` is required when file is bytes")
            content = bytes(given)
            self.open: Callable[[], IO[bytes]] = lambda: io.BytesIO(content)
            self.filename, self.size = filename, size
        elif isinstance(given, (str, os.PathLike)):
            path = Path(file)  # pyright: ignore[reportArgumentType]  # narrowed just above
            self.open = lambda: path.open("rb")
            self.filename = filename if filename is not None else path.name
            self.size = size if size is not None else path.stat().st_size
        else:
            raise TypeError(
                "upload_file_chunked: `file` must be a path (os.PathLike or str) or bytes, "
                f"not {type(given).__name__}"
            )

    def parts(self, part_size: int) -> Iterator[bytes]:
        with self.open() as stream:
            while chunk := stream.read(part_size):
                yield chunk


def _part_size(part_size: int | None) -> int:
    size = DEFAULT_PART_SIZE if part_size is None else part_size
    if isinstance(size, bool) or size < 1:  # an int by its signature; bool is one too
        raise ValueError(f"upload_file_chunked: part_size must be a positive int, got {size!r}")
    return size


@sync_or_async
def upload_file_chunked(
    uploads: Uploads | AsyncUploads,
    *,
    file: os.PathLike[str] | str | bytes,
    filename: str | None,
    bytes: int | None,
    part_size: int | None,
    md5: Any,
    **create: Any,  # mime_type, purpose
) -> Steps[Upload]:
    size = _part_size(part_size)
    source = _Source(file, filename, bytes)
    upload: Upload = yield uploads.create(bytes=source.size, filename=source.filename, **create)
    part_ids: list[str] = []
    for chunk in source.parts(size):  # one part at a time, in order: memory holds one part
        part = yield uploads.parts.create(upload.id, data=chunk)
        part_ids.append(part.id)
    return (yield uploads.complete(upload.id, part_ids=part_ids, md5=md5))
