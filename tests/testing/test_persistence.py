"""With a SQLite file, objects (and file contents) survive a server restart."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from typed_openai.testing import LocalOpenAIServer

from .conftest import HEADERS


def test_objects_survive_restart(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    with (
        LocalOpenAIServer(db_path=db, step_seconds=0.0) as server,
        httpx.Client(base_url=server.base_url, headers=HEADERS) as api,
    ):
        assistant = api.post("/assistants", json={"model": "gpt-4o", "name": "Keeper"}).json()
        thread = api.post(
            "/threads", json={"messages": [{"role": "user", "content": "remember me"}]}
        ).json()
        run_events = api.post(
            f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"], "stream": True}
        ).text
        uploaded = api.post(
            "/files",
            files={"file": ("keep.txt", b"persistent bytes")},
            data={"purpose": "assistants"},
        ).json()
        store = api.post(
            "/vector_stores", json={"name": "kept", "file_ids": [uploaded["id"]]}
        ).json()
        stored_chat = api.post(
            "/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": "keep"}], "store": True},
        ).json()
        before = {
            "assistant": api.get(f"/assistants/{assistant['id']}").json(),
            "messages": api.get(f"/threads/{thread['id']}/messages").json(),
            "runs": api.get(f"/threads/{thread['id']}/runs").json(),
            "file": api.get(f"/files/{uploaded['id']}").json(),
        }
    assert "thread.run.completed" in run_events
    assert db.exists()

    with (
        LocalOpenAIServer(db_path=db, step_seconds=0.0) as server,
        httpx.Client(base_url=server.base_url, headers=HEADERS) as api,
    ):
        assert api.get(f"/assistants/{assistant['id']}").json() == before["assistant"]
        assert api.get(f"/threads/{thread['id']}/messages").json() == before["messages"]
        assert api.get(f"/threads/{thread['id']}/runs").json() == before["runs"]
        assert api.get(f"/files/{uploaded['id']}").json() == before["file"]
        assert api.get(f"/files/{uploaded['id']}/content").content == b"persistent bytes"
        kept = api.get(f"/vector_stores/{store['id']}").json()
        assert kept["file_counts"]["completed"] == 1
        assert api.get(f"/chat/completions/{stored_chat['id']}").json()["id"] == stored_chat["id"]
        # New objects keep sorting after the old ones.
        newer = api.post("/assistants", json={"model": "gpt-4o"}).json()
        listed = api.get("/assistants", params={"order": "asc"}).json()
        assert [a["id"] for a in listed["data"]] == [assistant["id"], newer["id"]]


def test_in_progress_state_continues_after_restart(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    with (
        LocalOpenAIServer(db_path=db, step_seconds=30) as server,
        httpx.Client(base_url=server.base_url, headers=HEADERS) as api,
    ):
        assistant = api.post("/assistants", json={"model": "m"}).json()
        run = api.post(
            "/threads/runs",
            json={
                "assistant_id": assistant["id"],
                "thread": {"messages": [{"role": "user", "content": "x"}]},
            },
        ).json()
        assert run["status"] == "queued"
    with (
        LocalOpenAIServer(db_path=db, step_seconds=30) as server,
        httpx.Client(base_url=server.base_url, headers=HEADERS) as api,
    ):
        path = f"/threads/{run['thread_id']}/runs/{run['id']}"
        assert api.get(path).json()["status"] == "queued"
        server.advance_clock(60)
        assert api.get(path).json()["status"] == "completed"


def test_private_bookkeeping_never_leaks(tmp_path: Path) -> None:
    with (
        LocalOpenAIServer(db_path=tmp_path / "s.db") as server,
        httpx.Client(base_url=server.base_url, headers=HEADERS) as api,
    ):
        assistant = api.post("/assistants", json={"model": "m"}).json()
        thread = api.post("/threads", json={"messages": [{"role": "user", "content": "x"}]}).json()
        text = api.post(
            f"/threads/{thread['id']}/runs", json={"assistant_id": assistant["id"], "stream": True}
        ).text
        listed = api.get(f"/threads/{thread['id']}/runs").text
    for payload in (text, listed):
        assert '"_since"' not in payload and '"_tool_outputs"' not in payload
    assert all(not key.startswith("_") for key in json.loads(listed)["data"][0])
