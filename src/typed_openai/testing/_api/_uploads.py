"""Uploads: a large file sent in parts, then assembled into a File.

``POST /uploads`` announces the file (name, purpose, size, MIME type); each
``POST /uploads/{id}/parts`` adds a multipart ``data`` part; ``complete`` joins the parts in the
order given, checks the size (and the MD5 when one is sent), and stores the result as a File the
``/files`` endpoints serve; ``cancel`` abandons a pending upload.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from .._app import Route
from .._errors import ApiError, invalid_type, invalid_value, missing_parameter
from .._ids import new_id
from .._pagination import public
from .._wire import Request, Response, json_response, require
from ._common import fetch

if TYPE_CHECKING:
    from .._app import App

UPLOAD_PURPOSES = ("assistants", "batch", "fine-tune", "vision")
MAX_UPLOAD_BYTES = 8 * 1024**3
MAX_PART_BYTES = 64 * 1024**2
EXPIRES_AFTER_SECONDS = 3600


def create_upload(app: App, request: Request) -> Response:
    body = request.json()
    filename = require(body, "filename", str)
    mime_type = require(body, "mime_type", str)
    purpose = require(body, "purpose", str)
    size = require(body, "bytes", int)
    if purpose not in UPLOAD_PURPOSES:
        raise invalid_value(
            "purpose",
            f"Invalid value for 'purpose': '{purpose}'. Supported values are: "
            + ", ".join(f"'{p}'" for p in UPLOAD_PURPOSES)
            + ".",
        )
    if isinstance(size, bool) or not 0 <= size <= MAX_UPLOAD_BYTES:
        raise invalid_value("bytes", f"'bytes' must be between 0 and {MAX_UPLOAD_BYTES}.")
    created = int(app.now())
    upload: dict[str, Any] = {
        "id": new_id("upload"),
        "object": "upload",
        "bytes": size,
        "created_at": created,
        "expires_at": created + EXPIRES_AFTER_SECONDS,
        "filename": filename,
        "purpose": purpose,
        "status": "pending",
        "_mime_type": mime_type,
        "_parts": [],
    }
    app.store.put("upload", upload)
    return json_response(public(upload))


def add_part(app: App, request: Request) -> Response:
    upload = _pending(app, request.path_params["upload_id"])
    part = request.files.get("data")
    if part is None:
        if "data" not in request.form:
            raise missing_parameter("data")
        data = request.form["data"].encode()
    else:
        data = part.data
    if len(data) > MAX_PART_BYTES:
        raise invalid_value("data", f"A part holds at most {MAX_PART_BYTES} bytes.")
    part_object = {
        "id": new_id("part"),
        "object": "upload.part",
        "created_at": int(app.now()),
        "upload_id": upload["id"],
    }
    app.store.put_blob(f"upload_part:{part_object['id']}", data)
    upload["_parts"].append(part_object["id"])
    app.store.put("upload", upload)
    return json_response(part_object)


def complete_upload(app: App, request: Request) -> Response:
    upload = _pending(app, request.path_params["upload_id"])
    body = request.json()
    part_ids = require(body, "part_ids", list)
    if not all(isinstance(part_id, str) for part_id in part_ids):
        raise invalid_type("part_ids", "an array of strings")
    unknown = [part_id for part_id in part_ids if part_id not in upload["_parts"]]
    if unknown:
        raise invalid_value("part_ids", f"Part '{unknown[0]}' does not belong to this upload.")
    data = b"".join(app.store.get_blob(f"upload_part:{part_id}") or b"" for part_id in part_ids)
    if len(data) != upload["bytes"]:
        raise invalid_value(
            "part_ids",
            f"The parts hold {len(data)} bytes, but the upload was created for "
            f"{upload['bytes']} bytes.",
        )
    md5 = body.get("md5")
    if md5 is not None and md5 != hashlib.md5(data, usedforsecurity=False).hexdigest():
        raise invalid_value("md5", "The MD5 checksum does not match the uploaded parts.")
    file_object = {
        "id": new_id("file"),
        "object": "file",
        "bytes": len(data),
        "created_at": int(app.now()),
        "filename": upload["filename"],
        "purpose": upload["purpose"],
        "status": "processed",
    }
    app.store.put_blob(f"file:{file_object['id']}", data)
    app.store.put("file", file_object)
    for part_id in upload["_parts"]:
        app.store.delete_blob(f"upload_part:{part_id}")
    upload.update(status="completed", file=file_object, _parts=[])
    app.store.put("upload", upload)
    return json_response(public(upload))


def cancel_upload(app: App, request: Request) -> Response:
    upload = _pending(app, request.path_params["upload_id"])
    for part_id in upload["_parts"]:
        app.store.delete_blob(f"upload_part:{part_id}")
    upload.update(status="cancelled", _parts=[])
    app.store.put("upload", upload)
    return json_response(public(upload))


def _pending(app: App, upload_id: str) -> dict[str, Any]:
    upload = fetch(app, "upload", upload_id, "upload")
    if upload["status"] != "pending":
        raise ApiError(
            400,
            f"The upload '{upload_id}' is {upload['status']}; only a pending upload takes "
            "parts, completes or cancels.",
            param="upload_id",
        )
    if app.now() >= upload["expires_at"]:
        upload["status"] = "expired"
        app.store.put("upload", upload)
        raise ApiError(400, f"The upload '{upload_id}' has expired.", param="upload_id")
    return upload


ROUTES = [
    Route("POST", "/uploads", create_upload),
    Route("POST", "/uploads/{upload_id}/parts", add_part),
    Route("POST", "/uploads/{upload_id}/complete", complete_upload),
    Route("POST", "/uploads/{upload_id}/cancel", cancel_upload),
]
