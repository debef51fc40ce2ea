"""Sweep X's deliberate differences from the official SDK, each pinned as a plain test of both
sides with its reason (the programs of the other test_real_world_x_* files leave these out).
"""

from __future__ import annotations

import tempfile
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .test_real_world_apps import multipart_parts, output_message, response_object

FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 7,
    "created_at": 1733000000,
    "filename": "upload",
    "purpose": "batch",
    "status": "processed",
}


def test_a_file_object_without_a_name_uploads_as_upload(server: ScriptedServer) -> None:
    """A file object whose ``name`` is None (a ``SpooledTemporaryFile``, what FastAPI's
    ``UploadFile.file`` is) goes up named ``upload`` here, as a nameless ``BytesIO`` does in both
    packages; the SDK's transport writes the literal text ``None`` as its filename, which the API
    then reads as a file without an extension."""

    def sent(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.json(FILE)
        with client_of(sdk, server.url + "/v1") as client, tempfile.SpooledTemporaryFile() as f:
            f.write(b"spooled")
            f.seek(0)
            client.files.create(file=f, purpose="batch")
        return multipart_parts(server.requests[0])

    ours, theirs = run_both(sent)
    assert ours == [
        ("file", "upload", "application/octet-stream", b"spooled"),
        ("purpose", None, None, b"batch"),
    ]
    assert theirs == [
        ("file", "None", "application/octet-stream", b"spooled"),
        ("purpose", None, None, b"batch"),
    ]


def test_parse_refuses_to_stream_before_sending(server: ScriptedServer) -> None:
    """``responses.parse(stream=True)``: a TypeError pointing at ``responses.stream()`` here,
    before any request; the SDK sends ``stream: true`` and then fails on the answer (an
    AttributeError reading the events as a response)."""

    def attempt(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.json(response_object([output_message("{}")]))
        with client_of(sdk, server.url + "/v1") as client:
            try:
                client.responses.parse(model="gpt-4.1", input="x", stream=True)
            except Exception as exc:
                return type(exc).__name__, len(server.requests)
        return None, len(server.requests)

    ours, theirs = run_both(attempt)
    assert ours == ("TypeError", 0)
    assert theirs == (None, 1)  # over JSON it parses; over the real API's events it fails


def test_a_zero_part_size_is_refused(server: ScriptedServer) -> None:
    """``uploads.upload_file_chunked(part_size=0)``: a ValueError here; the SDK reads zero bytes
    per part, so it creates and completes an Upload with no part and no content."""

    def attempt(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.json(
            {
                "id": "upload_1",
                "object": "upload",
                "bytes": 3,
                "created_at": 1,
                "expires_at": 2,
                "filename": "a.jsonl",
                "purpose": "batch",
                "status": "completed",
            }
        )
        with client_of(sdk, server.url + "/v1") as client:
            try:
                client.uploads.upload_file_chunked(
                    file=b"abc",
                    filename="a.jsonl",
                    bytes=3,
                    mime_type="text/jsonl",
                    purpose="batch",
                    part_size=0,
                )
            except ValueError as exc:
                return "ValueError", str(exc), [r.path for r in server.requests]
        return "done", None, [r.path for r in server.requests]

    ours, theirs = run_both(attempt)
    assert ours[0] == "ValueError" and "part_size" in ours[1] and ours[2] == []
    assert theirs == ("done", None, ["/v1/uploads", "/v1/uploads/upload_1/complete"])
