"""Vector stores, their files and file batches; files are "processed" over time, then searchable."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .._app import Route
from .._errors import ApiError, invalid_type, invalid_value, missing_parameter
from .._ids import new_id
from .._pagination import cursor_page, public
from .._wire import Request, Response, json_response, optional, require
from ._common import deleted, fetch, metadata_of
from ._files import file_text

if TYPE_CHECKING:
    from .._app import App

JsonObject = dict[str, Any]
_DEFAULT_CHUNKING = {
    "type": "static",
    "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
}
_FILE_STATES = ("in_progress", "completed", "failed", "cancelled")


def _files_kind(vector_store_id: str) -> str:
    # A file can sit in several vector stores under the same id, so each store gets its own kind.
    return f"vector_store.file:{vector_store_id}"


def _hint(app: App, status: str) -> dict[str, str] | None:
    return {"openai-poll-after-ms": app.poll_after_ms()} if status == "in_progress" else None


# -- processing over time -----------------------------------------------------------------------


def _advance_file(app: App, vs_file: JsonObject) -> JsonObject:
    if (
        vs_file["status"] == "in_progress"
        and app.now() - vs_file["_since"] >= app.config.step_seconds
    ):
        data = app.store.get_blob(f"file:{vs_file['id']}")
        if data is None:
            vs_file["status"] = "failed"
            vs_file["last_error"] = {"code": "server_error", "message": "The file was deleted."}
        elif not data.strip():
            vs_file["status"] = "failed"
            vs_file["last_error"] = {"code": "invalid_file", "message": "The file is empty."}
        else:
            vs_file["status"] = "completed"
            vs_file["usage_bytes"] = len(data)
        app.store.put(_files_kind(vs_file["vector_store_id"]), vs_file)
    return vs_file


def _store_files(app: App, vector_store_id: str) -> list[JsonObject]:
    return [_advance_file(app, f) for f in app.store.list(_files_kind(vector_store_id))]


def _counts(files: list[JsonObject]) -> JsonObject:
    counts = {state: 0 for state in _FILE_STATES}
    for vs_file in files:
        counts[vs_file["status"]] += 1
    return {**counts, "total": len(files)}


def _refresh_store(app: App, store: JsonObject) -> JsonObject:
    files = _store_files(app, store["id"])
    store["file_counts"] = _counts(files)
    store["usage_bytes"] = sum(f["usage_bytes"] for f in files)
    expired = store.get("expires_at") is not None and app.now() >= store["expires_at"]
    store["status"] = (
        "expired"
        if expired
        else "in_progress"
        if store["file_counts"]["in_progress"]
        else "completed"
    )
    return store


def _refresh_batch(app: App, batch: JsonObject) -> JsonObject:
    files = [
        f for f in _store_files(app, batch["vector_store_id"]) if f.get("_batch_id") == batch["id"]
    ]
    batch["file_counts"] = _counts(files)
    if batch["status"] == "in_progress" and not batch["file_counts"]["in_progress"]:
        batch["status"] = "completed"
    app.store.put("vector_store.file_batch", batch)
    return batch


# -- vector stores ------------------------------------------------------------------------------


def _expiry(body: JsonObject, now: float) -> tuple[JsonObject | None, int | None]:
    policy = optional(body, "expires_after", dict, None)
    if policy is None:
        return None, None
    days = policy.get("days")
    if (
        policy.get("anchor") != "last_active_at"
        or not isinstance(days, int)
        or not 1 <= days <= 365
    ):
        raise invalid_value(
            "expires_after",
            "Invalid 'expires_after': anchor must be 'last_active_at' and days 1-365.",
        )
    return policy, int(now) + days * 86400


def create_vector_store(app: App, request: Request) -> Response:
    body = request.json()
    now = app.now()
    policy, expires_at = _expiry(body, now)
    store = {
        "id": new_id("vs"),
        "object": "vector_store",
        "created_at": int(now),
        "name": optional(body, "name", str, ""),
        "usage_bytes": 0,
        "file_counts": _counts([]),
        "status": "completed",
        "expires_at": expires_at,
        "last_active_at": int(now),
        "metadata": metadata_of(body),
    }
    if policy is not None:
        store["expires_after"] = policy
    if body.get("description") is not None:
        store["description"] = optional(body, "description", str, None)
    file_ids = optional(body, "file_ids", list, [])
    for file_id in file_ids:
        if not isinstance(file_id, str):
            raise invalid_type("file_ids", "an array of strings")
        fetch(app, "file", file_id, "file")
    app.store.put("vector_store", store)
    for file_id in file_ids:
        _attach_file(app, store["id"], file_id, {}, body.get("chunking_strategy"))
    _refresh_store(app, store)
    app.store.put("vector_store", store)
    return json_response(public(store), headers=_hint(app, store["status"]))


def _vector_store(app: App, request: Request) -> JsonObject:
    store = fetch(app, "vector_store", request.path_params["vector_store_id"], "vector store")
    return _refresh_store(app, store)


def list_vector_stores(app: App, request: Request) -> Response:
    stores = [_refresh_store(app, s) for s in app.store.list("vector_store")]
    return json_response(cursor_page(stores, request.query, render=public))


def retrieve_vector_store(app: App, request: Request) -> Response:
    store = _vector_store(app, request)
    return json_response(public(store), headers=_hint(app, store["status"]))


def modify_vector_store(app: App, request: Request) -> Response:
    store = _vector_store(app, request)
    body = request.json()
    if "name" in body:
        store["name"] = optional(body, "name", str, "")
    if "metadata" in body:
        store["metadata"] = metadata_of(body)
    if "expires_after" in body:
        policy, store["expires_at"] = _expiry(body, app.now())
        if policy is None:
            store.pop("expires_after", None)
        else:
            store["expires_after"] = policy
    app.store.put("vector_store", store)
    return json_response(public(store))


def delete_vector_store(app: App, request: Request) -> Response:
    store = _vector_store(app, request)
    for vs_file in app.store.list(_files_kind(store["id"])):
        app.store.delete(_files_kind(store["id"]), vs_file["id"])
    app.store.delete("vector_store", store["id"])
    return deleted(store["id"], "vector_store.deleted")


def _chunks(text: str, size: int = 60) -> list[str]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    chunks: list[str] = []
    for paragraph in paragraphs:
        words = paragraph.split()
        chunks += [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
    return chunks


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def search_results(app: App, store_ids: list[str], query: str) -> list[JsonObject]:
    """Chunks of processed files in the given stores, scored by the share of query words they hold."""
    wanted = _words(query)
    results: list[JsonObject] = []
    for store_id in store_ids:
        if not wanted or app.store.get("vector_store", store_id) is None:
            continue
        for vs_file in _store_files(app, store_id):
            if vs_file["status"] != "completed":
                continue
            file_object = app.store.get("file", vs_file["id"])
            for chunk in _chunks(file_text(app, vs_file["id"])):
                score = len(wanted & _words(chunk)) / len(wanted)
                if score > 0:
                    results.append(
                        {
                            "file_id": vs_file["id"],
                            "filename": file_object["filename"] if file_object else "",
                            "score": round(score, 4),
                            "attributes": vs_file.get("attributes") or {},
                            "content": [{"type": "text", "text": chunk}],
                        }
                    )
    results.sort(key=lambda r: -r["score"])
    return results


def search_vector_store(app: App, request: Request) -> Response:
    store = _vector_store(app, request)
    body = request.json()
    query = require(body, "query", (str, list))
    queries = [query] if isinstance(query, str) else [str(q) for q in query]
    limit = optional(body, "max_num_results", int, 10)
    if not 1 <= limit <= 50:
        raise invalid_value(
            "max_num_results", "Invalid 'max_num_results': must be between 1 and 50."
        )
    results = search_results(app, [store["id"]], " ".join(queries))
    store["last_active_at"] = int(app.now())
    app.store.put("vector_store", store)
    return json_response(
        {
            "object": "vector_store.search_results.page",
            "search_query": queries,
            "data": results[:limit],
            "has_more": False,
            "next_page": None,
        }
    )


# -- vector store files -------------------------------------------------------------------------


def _attach_file(
    app: App,
    vector_store_id: str,
    file_id: str,
    attributes: Any,
    chunking: Any,
    batch_id: str | None = None,
) -> JsonObject:
    vs_file = {
        "id": file_id,
        "object": "vector_store.file",
        "usage_bytes": 0,
        "created_at": int(app.now()),
        "vector_store_id": vector_store_id,
        "status": "in_progress",
        "last_error": None,
        "chunking_strategy": chunking
        if isinstance(chunking, dict) and chunking.get("type") == "static"
        else _DEFAULT_CHUNKING,
        "attributes": attributes if isinstance(attributes, dict) else {},
        "_since": app.now(),
        "_batch_id": batch_id,
    }
    app.store.put(_files_kind(vector_store_id), vs_file)
    return vs_file


def create_vector_store_file(app: App, request: Request) -> Response:
    store = _vector_store(app, request)
    body = request.json()
    file_id = require(body, "file_id", str)
    fetch(app, "file", file_id, "file")
    vs_file = _attach_file(
        app, store["id"], file_id, body.get("attributes"), body.get("chunking_strategy")
    )
    return json_response(public(vs_file), headers=_hint(app, vs_file["status"]))


def _status_filter(request: Request) -> str | None:
    wanted = request.query.get("filter")
    if wanted and wanted not in _FILE_STATES:
        raise invalid_value(
            "filter", f"Invalid 'filter': expected one of {', '.join(_FILE_STATES)}."
        )
    return wanted or None


def list_vector_store_files(app: App, request: Request) -> Response:
    store = _vector_store(app, request)
    files = _store_files(app, store["id"])
    wanted = _status_filter(request)
    if wanted:
        files = [f for f in files if f["status"] == wanted]
    return json_response(cursor_page(files, request.query, render=public))


def _vector_store_file(app: App, request: Request) -> JsonObject:
    store = _vector_store(app, request)
    file_id = request.path_params["file_id"]
    vs_file = app.store.get(_files_kind(store["id"]), file_id)
    if vs_file is None:
        raise ApiError(404, f"No file found with id '{file_id}' in vector store '{store['id']}'.")
    return _advance_file(app, vs_file)


def retrieve_vector_store_file(app: App, request: Request) -> Response:
    vs_file = _vector_store_file(app, request)
    return json_response(public(vs_file), headers=_hint(app, vs_file["status"]))


def update_vector_store_file(app: App, request: Request) -> Response:
    vs_file = _vector_store_file(app, request)
    body = request.json()
    attributes = body.get("attributes")
    if "attributes" not in body:
        raise missing_parameter("attributes")
    if attributes is not None and not isinstance(attributes, dict):
        raise invalid_type("attributes", "an object")
    vs_file["attributes"] = attributes or {}
    app.store.put(_files_kind(vs_file["vector_store_id"]), vs_file)
    return json_response(public(vs_file))


def delete_vector_store_file(app: App, request: Request) -> Response:
    vs_file = _vector_store_file(app, request)
    app.store.delete(_files_kind(vs_file["vector_store_id"]), vs_file["id"])
    return deleted(vs_file["id"], "vector_store.file.deleted")


def vector_store_file_content(app: App, request: Request) -> Response:
    vs_file = _vector_store_file(app, request)
    text = file_text(app, vs_file["id"])
    return json_response(
        {
            "object": "vector_store.file_content.page",
            "data": [{"type": "text", "text": chunk} for chunk in _chunks(text)],
            "has_more": False,
            "next_page": None,
        }
    )


# -- file batches -------------------------------------------------------------------------------


def create_file_batch(app: App, request: Request) -> Response:
    store = _vector_store(app, request)
    body = request.json()
    entries: list[tuple[str, Any, Any]] = []
    if body.get("file_ids") is not None:
        if body.get("files") is not None:
            raise ApiError(400, "Provide either 'file_ids' or 'files', not both.", param="files")
        file_ids = require(body, "file_ids", list)
        entries = [(fid, body.get("attributes"), body.get("chunking_strategy")) for fid in file_ids]
    elif body.get("files") is not None:
        for index, item in enumerate(require(body, "files", list)):
            if not isinstance(item, dict) or not isinstance(item.get("file_id"), str):
                raise missing_parameter(f"files[{index}].file_id")
            entries.append((item["file_id"], item.get("attributes"), item.get("chunking_strategy")))
    else:
        raise missing_parameter("file_ids")
    if not entries:
        raise ApiError(
            400, "Invalid 'file_ids': empty array.", param="file_ids", code="empty_array"
        )
    for file_id, _, _ in entries:
        if not isinstance(file_id, str):
            raise invalid_type("file_ids", "an array of strings")
        fetch(app, "file", file_id, "file")
    now = app.now()
    batch = {
        "id": new_id("vsfb"),
        "object": "vector_store.files_batch",
        "created_at": int(now),
        "vector_store_id": store["id"],
        "status": "in_progress",
        "file_counts": _counts([]),
    }
    for file_id, attributes, chunking in entries:
        _attach_file(app, store["id"], file_id, attributes, chunking, batch_id=batch["id"])
    app.store.put("vector_store.file_batch", batch, parent=store["id"])
    _refresh_batch(app, batch)
    return json_response(public(batch), headers=_hint(app, batch["status"]))


def _file_batch(app: App, request: Request) -> JsonObject:
    store = _vector_store(app, request)
    batch = fetch(
        app, "vector_store.file_batch", request.path_params["batch_id"], "vector store file batch"
    )
    if batch["vector_store_id"] != store["id"]:
        raise ApiError(404, f"No vector store file batch found with id '{batch['id']}'.")
    return _refresh_batch(app, batch)


def retrieve_file_batch(app: App, request: Request) -> Response:
    batch = _file_batch(app, request)
    return json_response(public(batch), headers=_hint(app, batch["status"]))


def cancel_file_batch(app: App, request: Request) -> Response:
    batch = _file_batch(app, request)
    if batch["status"] != "in_progress":
        raise ApiError(400, f"Cannot cancel a batch with status '{batch['status']}'.")
    kind = _files_kind(batch["vector_store_id"])
    for vs_file in app.store.list(kind):
        if vs_file.get("_batch_id") == batch["id"] and vs_file["status"] == "in_progress":
            vs_file["status"] = "cancelled"
            app.store.put(kind, vs_file)
    # Files still waiting are dropped at once, so the batch is settled by the time we answer.
    batch["status"] = "cancelled"
    return json_response(public(_refresh_batch(app, batch)))


def list_file_batch_files(app: App, request: Request) -> Response:
    batch = _file_batch(app, request)
    files = [
        f for f in _store_files(app, batch["vector_store_id"]) if f.get("_batch_id") == batch["id"]
    ]
    wanted = _status_filter(request)
    if wanted:
        files = [f for f in files if f["status"] == wanted]
    return json_response(cursor_page(files, request.query, render=public))


ROUTES = [
    Route("POST", "/vector_stores", create_vector_store),
    Route("GET", "/vector_stores", list_vector_stores),
    Route("GET", "/vector_stores/{vector_store_id}", retrieve_vector_store),
    Route("POST", "/vector_stores/{vector_store_id}", modify_vector_store),
    Route("DELETE", "/vector_stores/{vector_store_id}", delete_vector_store),
    Route("POST", "/vector_stores/{vector_store_id}/search", search_vector_store),
    Route("POST", "/vector_stores/{vector_store_id}/files", create_vector_store_file),
    Route("GET", "/vector_stores/{vector_store_id}/files", list_vector_store_files),
    Route("GET", "/vector_stores/{vector_store_id}/files/{file_id}", retrieve_vector_store_file),
    Route("POST", "/vector_stores/{vector_store_id}/files/{file_id}", update_vector_store_file),
    Route("DELETE", "/vector_stores/{vector_store_id}/files/{file_id}", delete_vector_store_file),
    Route(
        "GET", "/vector_stores/{vector_store_id}/files/{file_id}/content", vector_store_file_content
    ),
    Route("POST", "/vector_stores/{vector_store_id}/file_batches", create_file_batch),
    Route("GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}", retrieve_file_batch),
    Route(
        "POST", "/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel", cancel_file_batch
    ),
    Route(
        "GET",
        "/vector_stores/{vector_store_id}/file_batches/{batch_id}/files",
        list_file_batch_files,
    ),
]
