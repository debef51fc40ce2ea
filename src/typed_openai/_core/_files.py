"""File inputs for multipart bodies.

A file input may be ``bytes``, a path (``os.PathLike``), a binary file object, or a tuple
``(filename, content[, content_type[, headers]])`` whose content is any of the former. Everything
becomes the tuple form httpx's multipart encoder takes. Paths are read eagerly (also by the async
client: a local read is short, and it keeps one code path); file objects are streamed by httpx
(which rewinds them for a retry), except ones that cannot seek, which are read up front.

Form fields of a multipart body (the generated method's non-file arguments plus ``extra_body``)
are flattened the way form encoders expect: nested objects as ``a[b]``, arrays as ``a[]``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any, cast

from ._transform import to_wire
from ._types import FileTypes, NotGiven, Omit, RequestFiles

__all__ = [
    "FormPart",
    "encode_multipart_fields",
    "file_from_path",
    "form_part",
    "to_form_fields",
    "to_httpx_files",
]

HttpxFile = (
    tuple[str | None, Any, str | None] | tuple[str | None, Any, str | None, Mapping[str, str]]
)


def file_from_path(path: str | os.PathLike[str]) -> tuple[str, bytes]:
    """Read ``path`` into an upload: ``(basename, content)``."""
    return (os.path.basename(path), Path(path).read_bytes())


def _content(content: object, key: str, in_tuple: bool = False) -> tuple[str | None, Any]:
    """(filename guessed from the content, content httpx can send) of the upload ``key``."""
    if in_tuple and isinstance(content, str):
        # `("notes.txt", text)`: text beside its filename is that file's content (UTF-8), as
        # httpx and the official SDK take it; a bare string stays an error (a path or content?)
        return None, content.encode()
    if isinstance(content, (bytes, bytearray, memoryview)):
        return None, bytes(cast("bytes", content))
    if isinstance(content, os.PathLike):
        path = Path(cast("os.PathLike[str]", content))
        return path.name, path.read_bytes()
    if hasattr(content, "read"):
        file_obj = cast("IO[bytes]", content)
        name = getattr(file_obj, "name", None)
        filename = os.path.basename(name) if isinstance(name, str) else None
        if not _seekable(file_obj):
            # httpx rewinds a file before each attempt; one that cannot rewind (a pipe, a socket)
            # would send an empty part on a retry, so its bytes are read once, up front.
            return filename, file_obj.read()
        return filename, file_obj
    hint = " (open a path, or pass a pathlib.Path)" if isinstance(content, str) else ""
    raise TypeError(
        f"Expected the file `{key}` as bytes, a path, a binary file object or a "
        f"(filename, content[, content_type]) tuple, got {type(content).__name__}{hint}"
    )


def _seekable(file_obj: IO[bytes]) -> bool:
    check = getattr(file_obj, "seekable", None)
    if check is None:
        return False
    try:
        return bool(check())
    except (OSError, ValueError):
        return False


def _one_file(value: FileTypes, key: str) -> HttpxFile:
    if isinstance(value, tuple):
        parts = cast("tuple[Any, ...]", value)
        _, content = _content(parts[1], key, in_tuple=True)
        # the tuple's filename as given: `(None, content)` is a part without one, as httpx and
        # the official SDK send it (not the content's own name, nor a made-up "upload")
        filename: str | None = parts[0]
        mime: str | None = parts[2] if len(parts) > 2 else None
        if len(parts) > 3:
            return (filename, content, mime, cast("Mapping[str, str]", parts[3]))
        return (filename, content, mime)
    guessed, content = _content(value, key)
    return (guessed or "upload", content, None)


def to_httpx_files(files: RequestFiles) -> list[tuple[str, HttpxFile]]:
    """``files`` as httpx multipart entries; a list value gives one entry per file, named
    ``key[]`` as array items of the form's other fields are (``images.edit(image=[a, b])`` sends
    two ``image[]`` parts, which the API reads as the list; repeated plain ``image`` parts it
    does not)."""
    entries: list[tuple[str, HttpxFile]] = []
    for key, value in files.items():
        if isinstance(value, (NotGiven, Omit)):
            continue
        if value is None:
            # not "no file": a file argument named and set to None is a mistake to report, not a
            # request to send without it (leave the argument out for that)
            raise TypeError(f"Expected a file for `{key}`, got None")
        if _is_several_files(value):
            for item in cast("Iterable[FileTypes]", value):
                entries.append((f"{key}[]", _one_file(item, key)))
        else:
            entries.append((key, _one_file(cast("FileTypes", value), key)))
    return entries


def _is_several_files(value: object) -> bool:
    # a tuple is one file ((name, content, ...)); bytes, paths and open files are one file's content
    if isinstance(value, list):
        return True
    if isinstance(
        value, (tuple, bytes, bytearray, memoryview, str, os.PathLike, Mapping)
    ) or hasattr(value, "read"):
        return False
    return isinstance(value, Iterable)


def to_form_fields(
    body: Mapping[str, object], array_suffix: str = "[]"
) -> dict[str, str | list[str]]:
    """Non-file fields of a form body (a repeated name maps to a list, as httpx expects).

    Array items repeat the name plus ``array_suffix``: ``a[]`` in multipart bodies (what the
    API of this package reads), plain ``a`` in url-encoded ones (OpenAPI's default ``form``/``explode``)."""
    pairs: list[tuple[str, str]] = []
    for key, value in body.items():
        _form_into(pairs, key, to_wire(value), array_suffix)
    fields: dict[str, str | list[str]] = {}
    for name, text in pairs:
        previous = fields.get(name)
        if previous is None:
            fields[name] = text
        elif isinstance(previous, list):
            previous.append(text)
        else:
            fields[name] = [previous, text]
    return fields


def encode_multipart_fields(fields: Mapping[str, str | list[str]]) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body of text fields only: (body, content type with boundary).

    httpx encodes multipart only when there is a file; an operation whose multipart body has
    none (e.g. a text field carrying SDP) must still go out as multipart."""
    boundary = os.urandom(16).hex()
    parts: list[bytes] = []
    for name, values in fields.items():
        for text in [values] if isinstance(values, str) else values:
            quoted = name.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{quoted}"\r\n\r\n'.encode()
                + text.encode()
                + b"\r\n"
            )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _form_into(
    fields: list[tuple[str, str]], key: str, value: object, array_suffix: str = "[]"
) -> None:
    if isinstance(value, (NotGiven, Omit)) or value is None:
        return
    if isinstance(value, Mapping):
        for sub_key, sub_value in cast("Mapping[str, object]", value).items():
            _form_into(fields, f"{key}[{sub_key}]", sub_value, array_suffix)
    elif isinstance(value, list):
        for item in cast("list[object]", value):
            _form_into(fields, f"{key}{array_suffix}", item, array_suffix)
    elif isinstance(value, bool):
        fields.append((key, "true" if value else "false"))
    else:
        fields.append((key, str(value)))


class FormPart:
    """A multipart field sent as one part of its own media type (OpenAPI's per-property
    ``encoding.contentType``): JSON-typed values are serialized as JSON (a session object as one
    ``application/json`` part, not bracketed fields), others sent as their text or bytes.

    ``alone``: the operation also takes this field by itself as its whole body, of the part's
    media type (``realtime.calls.create``: the form, or the bare ``application/sdp`` offer); a
    call that gives no other field sends it so (``whole_body``), as the official SDK does."""

    __slots__ = ("alone", "content_type", "value")

    def __init__(self, value: object, content_type: str, alone: bool = False) -> None:
        self.value = value
        self.content_type = content_type
        self.alone = alone

    def whole_body(self) -> bytes:
        """The value as the request's whole body (a text as UTF-8)."""
        value = to_wire(self.value)
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        return str(value).encode()

    def httpx_entry(self, dump_json: Callable[[object], bytes]) -> HttpxFile:
        """``(None, bytes, content type)``: a part without a filename, typed."""
        value = to_wire(self.value)
        if "json" in self.content_type:
            return (None, dump_json(value), self.content_type)
        if isinstance(value, (bytes, bytearray)):
            return (None, bytes(value), self.content_type)
        return (None, str(value).encode(), self.content_type)


def form_part(value: object, content_type: str, *, alone: bool = False) -> object:
    """``value`` marked to travel as its own ``content_type`` part (``NOT_GIVEN``, ``Omit`` and
    ``None`` pass through: the field is then not sent, or sent as the form's null); ``alone``: or
    as the whole body when nothing else is sent (see ``FormPart``)."""
    if value is None or isinstance(value, (NotGiven, Omit)):
        return value
    return FormPart(value, content_type, alone)
