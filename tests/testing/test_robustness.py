"""Badly shaped requests get API-shaped 4xx answers, never a 500 (property-based)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typed_openai.testing._app import App, Route, Router, ServerConfig
from typed_openai.testing._store import MemoryStore
from typed_openai.testing._wire import Request

FIELDS = [
    "model", "messages", "tools", "tool_choice", "stream", "stream_options", "n",
    "response_format", "metadata", "max_tokens", "max_completion_tokens", "logprobs", "store",
    "parallel_tool_calls", "assistant_id", "thread", "instructions", "additional_messages",
    "additional_instructions", "tool_outputs", "file_ids", "files", "file_id", "query",
    "max_num_results", "input", "dimensions", "encoding_format", "role", "content", "attachments",
    "name", "expires_after", "attributes", "chunking_strategy", "tool_resources", "temperature",
]  # fmt: skip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 300) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from([*FIELDS, "type", "function", "role", "text"]), children, max_size=4),
    max_leaves=12,
)  # fmt: skip
bodies = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6)

# Plausible cores that random fields are mixed into, so requests get past the first check.
BASES: dict[str, dict[str, Any]] = {
    "/chat/completions": {"model": "m", "messages": [{"role": "user", "content": "hi"}]},
    "/embeddings": {"model": "m", "input": "x"},
    "/assistants": {"model": "m"},
    "/threads": {},
    "/threads/runs": {"assistant_id": "asst_fixed"},
    "/vector_stores": {},
    "/threads/thread_fixed/messages": {"role": "user", "content": "x"},
    "/threads/thread_fixed/runs": {"assistant_id": "asst_fixed"},
    "/vector_stores/vs_fixed/files": {"file_id": "file_fixed"},
    "/vector_stores/vs_fixed/file_batches": {"file_ids": ["file_fixed"]},
    "/vector_stores/vs_fixed/search": {"query": "x"},
    "/assistants/asst_fixed": {},
    "/threads/thread_fixed": {},
    "/vector_stores/vs_fixed": {},
    "/vector_stores/vs_fixed/files/file_fixed": {"attributes": {}},
}


def _request(app: App, method: str, path: str, body: dict[str, Any]) -> int:
    request = Request(
        method=method,
        path=path,
        query={},
        headers={"authorization": "Bearer k", "openai-beta": "assistants=v2"},
        body=json.dumps(body).encode(),
        content_type="application/json",
    )
    return app.handle(request).status


@pytest.fixture(scope="module")
def app() -> App:
    app = App(ServerConfig(step_seconds=0.0), MemoryStore())
    app.store.put(
        "assistant",
        {
            "id": "asst_fixed",
            "object": "assistant",
            "created_at": 0,
            "model": "m",
            "tools": [],
            "instructions": None,
        },
    )
    app.store.put(
        "thread",
        {
            "id": "thread_fixed",
            "object": "thread",
            "created_at": 0,
            "metadata": {},
            "tool_resources": {},
        },
    )
    app.store.put(
        "vector_store",
        {
            "id": "vs_fixed",
            "object": "vector_store",
            "created_at": 0,
            "name": "",
            "metadata": {},
            "last_active_at": 0,
            "expires_at": None,
            "usage_bytes": 0,
            "file_counts": {},
            "status": "completed",
        },
    )
    app.store.put(
        "file",
        {
            "id": "file_fixed",
            "object": "file",
            "bytes": 1,
            "created_at": 0,
            "filename": "f.txt",
            "purpose": "assistants",
            "status": "processed",
        },
    )
    app.store.put_blob("file:file_fixed", b"some text")
    app.store.put(
        "vector_store.file:vs_fixed",
        {
            "id": "file_fixed",
            "object": "vector_store.file",
            "usage_bytes": 9,
            "created_at": 0,
            "vector_store_id": "vs_fixed",
            "status": "completed",
            "last_error": None,
            "attributes": {},
        },
    )
    return app


@pytest.mark.parametrize("path", sorted(BASES))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extra=bodies, mixed_in=st.booleans())
def test_random_bodies_never_crash(
    app: App, path: str, extra: dict[str, Any], mixed_in: bool
) -> None:
    body = {**BASES[path], **extra} if mixed_in else extra
    status = _request(app, "POST", path, body)
    assert status in (200, 400, 404), (path, body, status)
    # A run left active by one example must not make the next one depend on it.
    for run in app.store.list("thread.run", parent="thread_fixed"):
        if run["status"] not in ("completed", "cancelled", "expired", "incomplete", "failed"):
            run["status"] = "cancelled"
            app.store.put("thread.run", run)


def test_unexpected_errors_become_api_shaped_500s(capsys: pytest.CaptureFixture[str]) -> None:
    def broken(app: App, request: Request) -> Any:
        raise RuntimeError("bug")

    app = App(ServerConfig(), MemoryStore())
    app.router = Router([Route("GET", "/boom", broken)])
    response = app.handle(
        Request(method="GET", path="/boom", query={}, headers={"authorization": "Bearer k"})
    )
    assert response.status == 500
    error = json.loads(response.body)["error"]  # type: ignore[union-attr]
    assert error["type"] == "server_error" and "bug" not in error["message"]
    assert "RuntimeError: bug" in capsys.readouterr().err
