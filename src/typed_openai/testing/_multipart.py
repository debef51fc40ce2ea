"""A small ``multipart/form-data`` parser (the stdlib's ``cgi`` is gone from newer Pythons)."""

from __future__ import annotations

from ._errors import ApiError
from ._wire import UploadedFile


def boundary_of(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "boundary":
            return value.strip().strip('"')
    return None


def parse_multipart(
    body: bytes, content_type: str
) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Form fields and uploaded files of a multipart body."""
    boundary = boundary_of(content_type)
    if not boundary:
        raise ApiError(400, "The multipart body has no boundary.")
    delimiter = b"--" + boundary.encode("latin-1")
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    for raw in body.split(delimiter)[1:]:
        if raw.startswith(b"--"):
            break  # closing delimiter
        part = raw[2:] if raw.startswith(b"\r\n") else raw
        head, separator, data = part.partition(b"\r\n\r\n")
        if not separator:
            raise ApiError(400, "A multipart section has no header terminator.")
        if data.endswith(b"\r\n"):
            data = data[:-2]
        headers = _part_headers(head)
        name, filename = _disposition(headers.get("content-disposition", ""))
        if name is None:
            continue
        if filename is not None:
            content_type_of_part = headers.get("content-type", "application/octet-stream")
            files[name] = UploadedFile(
                filename=filename, content_type=content_type_of_part, data=data
            )
        else:
            fields[name] = data.decode("utf-8", errors="replace")
    return fields, files


def _part_headers(head: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in head.decode("utf-8", errors="replace").split("\r\n"):
        key, colon, value = line.partition(":")
        if colon:
            headers[key.strip().lower()] = value.strip()
    return headers


def _disposition(value: str) -> tuple[str | None, str | None]:
    name: str | None = None
    filename: str | None = None
    for item in value.split(";")[1:]:
        key, _, raw = item.strip().partition("=")
        unquoted = raw.strip()
        if len(unquoted) >= 2 and unquoted[0] == unquoted[-1] == '"':
            unquoted = unquoted[1:-1].replace('\\"', '"')
        if key.lower() == "name":
            name = unquoted
        elif key.lower() == "filename":
            filename = unquoted
    return name, filename
