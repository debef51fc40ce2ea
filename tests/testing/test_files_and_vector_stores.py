"""Files (multipart), vector stores, their files and batches processed over time, and search."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from typed_openai.testing import LocalOpenAIServer

from .conftest import HEADERS

STEP = 60.0


@pytest.fixture
def slow_server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=STEP) as server:
        yield server


@pytest.fixture
def slow_api(slow_server: LocalOpenAIServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=slow_server.base_url, headers=HEADERS) as client:
        yield client


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    return response.json()


def _upload(
    api: httpx.Client, name: str, data: bytes, purpose: str = "assistants"
) -> dict[str, Any]:
    return _ok(
        api.post("/files", files={"file": (name, data, "text/plain")}, data={"purpose": purpose})
    )


def test_file_upload_retrieve_download_delete(api: httpx.Client) -> None:
    payload = b"line one\r\n--not-a-boundary\r\n\x00\xffbinary tail"
    uploaded = _upload(api, "notes.bin", payload)
    assert uploaded["object"] == "file" and uploaded["id"].startswith("file_")
    assert uploaded["bytes"] == len(payload) and uploaded["filename"] == "notes.bin"
    assert uploaded["purpose"] == "assistants" and uploaded["status"] == "processed"
    assert _ok(api.get(f"/files/{uploaded['id']}")) == uploaded
    content = api.get(f"/files/{uploaded['id']}/content")
    assert content.status_code == 200 and content.content == payload
    assert content.headers["content-type"] == "application/octet-stream"
    assert _ok(api.delete(f"/files/{uploaded['id']}")) == {
        "id": uploaded["id"],
        "object": "file",
        "deleted": True,
    }
    assert api.get(f"/files/{uploaded['id']}/content").status_code == 404


def test_file_upload_validation(api: httpx.Client) -> None:
    no_purpose = api.post("/files", files={"file": ("a.txt", b"x")})
    assert no_purpose.status_code == 400 and no_purpose.json()["error"]["param"] == "purpose"
    no_file = api.post("/files", files={"other": ("a.txt", b"x")}, data={"purpose": "assistants"})
    assert no_file.status_code == 400 and no_file.json()["error"]["param"] == "file"
    bad_purpose = api.post("/files", files={"file": ("a.txt", b"x")}, data={"purpose": "fun"})
    assert bad_purpose.status_code == 400 and bad_purpose.json()["error"]["param"] == "purpose"
    as_json = api.post("/files", json={"purpose": "assistants"})
    assert as_json.status_code == 400


def test_file_list_filters_by_purpose(api: httpx.Client) -> None:
    batch_file = _upload(api, "b.jsonl", b"{}", purpose="batch")
    listed = _ok(api.get("/files", params={"purpose": "batch", "limit": 10000}))
    assert batch_file["id"] in [f["id"] for f in listed["data"]]
    assert {f["purpose"] for f in listed["data"]} == {"batch"}


def test_vector_store_file_processing_over_time(
    slow_server: LocalOpenAIServer, slow_api: httpx.Client
) -> None:
    store = _ok(slow_api.post("/vector_stores", json={"name": "docs", "metadata": {"team": "x"}}))
    assert store["object"] == "vector_store" and store["status"] == "completed"
    assert store["file_counts"] == {
        "in_progress": 0,
        "completed": 0,
        "failed": 0,
        "cancelled": 0,
        "total": 0,
    }
    good = _upload(slow_api, "good.txt", b"The quick brown fox jumps over the lazy dog.")
    empty = _upload(slow_api, "empty.txt", b"")
    attached = slow_api.post(f"/vector_stores/{store['id']}/files", json={"file_id": good["id"]})
    vs_file = _ok(attached)
    assert vs_file["object"] == "vector_store.file" and vs_file["id"] == good["id"]
    assert vs_file["status"] == "in_progress" and attached.headers["openai-poll-after-ms"] == str(
        int(STEP * 1000)
    )
    _ok(slow_api.post(f"/vector_stores/{store['id']}/files", json={"file_id": empty["id"]}))
    busy = _ok(slow_api.get(f"/vector_stores/{store['id']}"))
    assert busy["status"] == "in_progress" and busy["file_counts"]["in_progress"] == 2
    slow_server.advance_clock(STEP)
    done = slow_api.get(f"/vector_stores/{store['id']}/files/{good['id']}")
    assert _ok(done)["status"] == "completed" and done.json()["usage_bytes"] == good["bytes"]
    assert "openai-poll-after-ms" not in done.headers
    failed = _ok(slow_api.get(f"/vector_stores/{store['id']}/files/{empty['id']}"))
    assert failed["status"] == "failed" and failed["last_error"]["code"] == "invalid_file"
    store_now = _ok(slow_api.get(f"/vector_stores/{store['id']}"))
    assert store_now["status"] == "completed"
    assert store_now["file_counts"] == {
        "in_progress": 0,
        "completed": 1,
        "failed": 1,
        "cancelled": 0,
        "total": 2,
    }
    only_failed = _ok(
        slow_api.get(f"/vector_stores/{store['id']}/files", params={"filter": "failed"})
    )["data"]
    assert [f["id"] for f in only_failed] == [empty["id"]]


def test_file_batch_over_time_and_batch_file_listing(
    slow_server: LocalOpenAIServer, slow_api: httpx.Client
) -> None:
    store = _ok(slow_api.post("/vector_stores", json={"name": "batch"}))
    ids = [_upload(slow_api, f"{i}.txt", f"document number {i}".encode())["id"] for i in range(4)]
    created = slow_api.post(f"/vector_stores/{store['id']}/file_batches", json={"file_ids": ids})
    batch = _ok(created)
    assert batch["object"] == "vector_store.files_batch" and batch["id"].startswith("vsfb_")
    assert batch["status"] == "in_progress" and batch["file_counts"]["in_progress"] == 4
    assert "openai-poll-after-ms" in created.headers
    path = f"/vector_stores/{store['id']}/file_batches/{batch['id']}"
    assert _ok(slow_api.get(path))["status"] == "in_progress"
    slow_server.advance_clock(STEP)
    finished = _ok(slow_api.get(path))
    assert finished["status"] == "completed" and finished["file_counts"]["completed"] == 4
    listed = _ok(slow_api.get(f"{path}/files", params={"order": "asc"}))["data"]
    assert [f["id"] for f in listed] == ids


def test_file_batch_with_per_file_attributes_and_cancel(slow_api: httpx.Client) -> None:
    store = _ok(slow_api.post("/vector_stores", json={}))
    ids = [_upload(slow_api, f"{i}.txt", b"text")["id"] for i in range(2)]
    files = [{"file_id": fid, "attributes": {"n": i}} for i, fid in enumerate(ids)]
    batch = _ok(slow_api.post(f"/vector_stores/{store['id']}/file_batches", json={"files": files}))
    attrs = _ok(slow_api.get(f"/vector_stores/{store['id']}/files/{ids[1]}"))["attributes"]
    assert attrs == {"n": 1}
    cancelled = _ok(
        slow_api.post(f"/vector_stores/{store['id']}/file_batches/{batch['id']}/cancel")
    )
    assert cancelled["status"] == "cancelled"
    assert cancelled["file_counts"]["cancelled"] == 2
    again = slow_api.post(f"/vector_stores/{store['id']}/file_batches/{batch['id']}/cancel")
    assert again.status_code == 400
    after = _ok(slow_api.get(f"/vector_stores/{store['id']}/file_batches/{batch['id']}"))
    assert after["status"] == "cancelled" and after["file_counts"]["cancelled"] == 2


def test_file_batch_validation(api: httpx.Client) -> None:
    store = _ok(api.post("/vector_stores", json={}))
    path = f"/vector_stores/{store['id']}/file_batches"
    assert api.post(path, json={}).json()["error"]["param"] == "file_ids"
    assert api.post(path, json={"file_ids": []}).status_code == 400
    unknown = api.post(path, json={"file_ids": ["file_nope"]})
    assert unknown.status_code == 404 and "file_nope" in unknown.json()["error"]["message"]


def test_search_ranks_by_overlap(api: httpx.Client, local_server: LocalOpenAIServer) -> None:
    cats = _upload(api, "cats.txt", b"Cats purr and sleep all day.\n\nCats chase mice.")
    dogs = _upload(api, "dogs.txt", b"Dogs bark at the mail carrier.")
    store = _ok(api.post("/vector_stores", json={"file_ids": [cats["id"], dogs["id"]]}))
    local_server.advance_clock(1)
    page = _ok(api.post(f"/vector_stores/{store['id']}/search", json={"query": "do cats bark"}))
    assert page["object"] == "vector_store.search_results.page" and page["search_query"] == [
        "do cats bark"
    ]
    assert {r["filename"] for r in page["data"]} == {"cats.txt", "dogs.txt"}
    assert [r["score"] for r in page["data"]] == sorted(
        (r["score"] for r in page["data"]), reverse=True
    )
    assert page["data"][0]["content"][0]["type"] == "text"
    one = _ok(
        api.post(
            f"/vector_stores/{store['id']}/search", json={"query": "cats", "max_num_results": 1}
        )
    )
    assert len(one["data"]) == 1 and one["data"][0]["file_id"] == cats["id"]
    missing = api.post(f"/vector_stores/{store['id']}/search", json={})
    assert missing.status_code == 400 and missing.json()["error"]["param"] == "query"
    content = _ok(api.get(f"/vector_stores/{store['id']}/files/{cats['id']}/content"))
    assert [c["text"] for c in content["data"]] == [
        "Cats purr and sleep all day.",
        "Cats chase mice.",
    ]


def test_vector_store_update_and_delete(api: httpx.Client) -> None:
    store = _ok(api.post("/vector_stores", json={"name": "old"}))
    renamed = _ok(
        api.post(
            f"/vector_stores/{store['id']}",
            json={"name": "new", "expires_after": {"anchor": "last_active_at", "days": 2}},
        )
    )
    assert (
        renamed["name"] == "new" and renamed["expires_at"] == renamed["last_active_at"] + 2 * 86400
    )
    file = _upload(api, "x.txt", b"hello")
    _ok(api.post(f"/vector_stores/{store['id']}/files", json={"file_id": file["id"]}))
    updated = _ok(
        api.post(
            f"/vector_stores/{store['id']}/files/{file['id']}", json={"attributes": {"k": "v"}}
        )
    )
    assert updated["attributes"] == {"k": "v"}
    assert (
        _ok(api.delete(f"/vector_stores/{store['id']}/files/{file['id']}"))["object"]
        == "vector_store.file.deleted"
    )
    assert api.get(f"/vector_stores/{store['id']}/files/{file['id']}").status_code == 404
    assert _ok(api.delete(f"/vector_stores/{store['id']}"))["object"] == "vector_store.deleted"
    assert api.get(f"/vector_stores/{store['id']}").status_code == 404


def test_peak_concurrent_uploads_is_tracked() -> None:
    headers = {"Authorization": "Bearer sk-x"}
    form = {"purpose": "assistants"}
    with (
        LocalOpenAIServer(upload_delay=0.3) as server,
        httpx.Client(
            base_url=server.base_url, headers=headers, limits=httpx.Limits(max_connections=3)
        ) as client,
    ):
        # The barrier lines the three workers up so their uploads overlap on the server.
        ready = threading.Barrier(3)

        def upload(index: int) -> int:
            if index < 3:
                ready.wait(timeout=5)
            files = {"file": (f"{index}.txt", b"x")}
            return client.post("/files", files=files, data=form).status_code

        with ThreadPoolExecutor(max_workers=3) as pool:
            assert list(pool.map(upload, range(6))) == [200] * 6
        assert server.stats.peak_concurrent_uploads == 3
        assert server.stats.current_uploads == 0
        server.stats.reset()
        assert server.stats.peak_concurrent_uploads == 0
        client.post("/files", files={"file": ("alone.txt", b"x")}, data=form)
        assert server.stats.peak_concurrent_uploads == 1


def test_models_and_embeddings(api: httpx.Client) -> None:
    models = _ok(api.get("/models"))
    assert (
        models["object"] == "list"
        and {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"}
        in models["data"]
    )
    assert _ok(api.get("/models/gpt-4o-mini"))["id"] == "gpt-4o-mini"
    unknown = api.get("/models/not-a-model")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "model_not_found"
    first = _ok(
        api.post("/embeddings", json={"model": "text-embedding-3-small", "input": ["a", "b"]})
    )
    again = _ok(
        api.post("/embeddings", json={"model": "text-embedding-3-small", "input": ["a", "b"]})
    )
    assert first["data"] == again["data"] and len(first["data"]) == 2
    vector = first["data"][0]["embedding"]
    assert len(vector) == 1536 and abs(sum(v * v for v in vector) - 1) < 1e-3
    assert first["data"][0]["embedding"] != first["data"][1]["embedding"]
    small = _ok(
        api.post(
            "/embeddings",
            json={"model": "m", "input": "a", "dimensions": 8, "encoding_format": "base64"},
        )
    )
    import base64
    import struct

    decoded = struct.unpack("<8f", base64.b64decode(small["data"][0]["embedding"]))
    assert len(decoded) == 8
    assert api.post("/embeddings", json={"model": "m"}).json()["error"]["param"] == "input"
