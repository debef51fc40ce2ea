"""Files: multipart upload, list, retrieve, delete and content download."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from .._app import Route
from .._errors import ApiError, invalid_value, missing_parameter
from .._ids import new_id
from .._pagination import cursor_page, public
from .._wire import Request, Response, json_response
from ._common import deleted, fetch

if TYPE_CHECKING:
    from .._app import App

PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")


def upload_file(app: App, request: Request) -> Response:
    # Not under the app lock: the optional delay must overlap between concurrent uploads so
    # a client's concurrency cap shows up in ``stats.peak_concurrent_uploads``.
    app.stats.upload_started()
    try:
        if app.config.upload_delay:
            time.sleep(app.config.upload_delay)
        if not request.content_type.startswith("multipart/form-data"):
            raise ApiError(400, "File uploads must be sent as multipart/form-data.", param="file")
        upload = request.files.get("file")
        if upload is None:
            raise missing_parameter("file")
        purpose = request.form.get("purpose")
        if not purpose:
            raise missing_parameter("purpose")
        if purpose not in PURPOSES:
            raise invalid_value(
                "purpose",
                f"Invalid value for 'purpose': '{purpose}'. Supported values are: "
                + ", ".join(f"'{p}'" for p in PURPOSES)
                + ".",
            )
        created = int(app.now())
        file_object: dict[str, Any] = {
            "id": new_id("file"),
            "object": "file",
            "bytes": len(upload.data),
            "created_at": created,
            "filename": upload.filename,
            "purpose": purpose,
            "status": "processed",
        }
        # Optional fields are left out rather than null: the API's schema does not allow null here.
        seconds = request.form.get("expires_after[seconds]")
        if seconds and seconds.isdigit():
            file_object["expires_at"] = created + int(seconds)
        with app.lock:
            app.store.put_blob(f"file:{file_object['id']}", upload.data)
            app.store.put("file", file_object)
        return json_response(file_object)
    finally:
        app.stats.upload_finished()


def list_files(app: App, request: Request) -> Response:
    items = app.store.list("file")
    purpose = request.query.get("purpose")
    if purpose:
        items = [item for item in items if item.get("purpose") == purpose]
    return json_response(cursor_page(items, request.query, render=public, max_limit=10000))


def retrieve_file(app: App, request: Request) -> Response:
    return json_response(public(fetch(app, "file", request.path_params["file_id"], "file")))


def delete_file(app: App, request: Request) -> Response:
    file_id = request.path_params["file_id"]
    fetch(app, "file", file_id, "file")
    app.store.delete("file", file_id)
    app.store.delete_blob(f"file:{file_id}")
    return deleted(file_id, "file")


def file_content(app: App, request: Request) -> Response:
    file_id = request.path_params["file_id"]
    file_object = fetch(app, "file", file_id, "file")
    data = app.store.get_blob(f"file:{file_id}") or b""
    return Response(
        body=data,
        content_type="application/octet-stream",
        headers={"content-disposition": f'attachment; filename="{file_object["filename"]}"'},
    )


def file_text(app: App, file_id: str) -> str:
    return (app.store.get_blob(f"file:{file_id}") or b"").decode("utf-8", errors="replace")


ROUTES = [
    Route("POST", "/files", upload_file, locked=False),
    Route("GET", "/files", list_files),
    Route("GET", "/files/{file_id}", retrieve_file),
    Route("DELETE", "/files/{file_id}", delete_file),
    Route("GET", "/files/{file_id}/content", file_content),
]
