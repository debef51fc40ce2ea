"""Where the server keeps its objects: in memory, or in a SQLite file that survives restarts.

Objects are JSON-shaped dicts grouped by *kind* ("assistant", "thread.message", …) and optionally by a
*parent* id (the thread of a message, the vector store of a file). Listing returns objects in the
order they were first stored, which is what cursor pagination sorts on.

Callers mutate a dict they got from ``get`` and then ``put`` it back; the memory store hands out the
stored dict itself (no copy, so the hot path stays cheap), the SQLite store a fresh one.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any, Protocol

JsonObject = dict[str, Any]


class Store(Protocol):
    def put(self, kind: str, obj: JsonObject, parent: str | None = None) -> None: ...
    def get(self, kind: str, object_id: str) -> JsonObject | None: ...
    def delete(self, kind: str, object_id: str) -> bool: ...
    def list(self, kind: str, parent: str | None = None) -> list[JsonObject]: ...
    def put_blob(self, key: str, data: bytes) -> None: ...
    def get_blob(self, key: str) -> bytes | None: ...
    def delete_blob(self, key: str) -> None: ...
    def close(self) -> None: ...


class MemoryStore:
    def __init__(self) -> None:
        self._objects: dict[str, dict[str, JsonObject]] = {}
        self._parents: dict[str, dict[str, str | None]] = {}
        self._blobs: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def put(self, kind: str, obj: JsonObject, parent: str | None = None) -> None:
        with self._lock:
            objects = self._objects.setdefault(kind, {})
            parents = self._parents.setdefault(kind, {})
            object_id = obj["id"]
            objects[object_id] = obj
            if object_id not in parents or parent is not None:
                parents[object_id] = parent

    def get(self, kind: str, object_id: str) -> JsonObject | None:
        return self._objects.get(kind, {}).get(object_id)

    def delete(self, kind: str, object_id: str) -> bool:
        with self._lock:
            self._parents.get(kind, {}).pop(object_id, None)
            return self._objects.get(kind, {}).pop(object_id, None) is not None

    def list(self, kind: str, parent: str | None = None) -> list[JsonObject]:
        with self._lock:
            objects = self._objects.get(kind, {})
            if parent is None:
                return list(objects.values())
            parents = self._parents.get(kind, {})
            return [obj for oid, obj in objects.items() if parents.get(oid) == parent]

    def put_blob(self, key: str, data: bytes) -> None:
        self._blobs[key] = data

    def get_blob(self, key: str) -> bytes | None:
        return self._blobs.get(key)

    def delete_blob(self, key: str) -> None:
        self._blobs.pop(key, None)

    def close(self) -> None:
        pass


_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    parent TEXT,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS objects_by_parent ON objects (kind, parent, seq);
CREATE TABLE IF NOT EXISTS blobs (key TEXT PRIMARY KEY, data BLOB NOT NULL);
"""


class SqliteStore:
    def __init__(self, path: str | Path) -> None:
        # One connection shared by the server's threads, serialised by our own lock.
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        row = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM objects").fetchone()
        self._next_seq = int(row[0]) + 1

    def put(self, kind: str, obj: JsonObject, parent: str | None = None) -> None:
        data = json.dumps(obj, separators=(",", ":"))
        with self._lock:
            updated = self._db.execute(
                "UPDATE objects SET data = ?, parent = COALESCE(?, parent) WHERE kind = ? AND id = ?",
                (data, parent, kind, obj["id"]),
            ).rowcount
            if not updated:
                self._db.execute(
                    "INSERT INTO objects (kind, id, parent, seq, data) VALUES (?, ?, ?, ?, ?)",
                    (kind, obj["id"], parent, self._next_seq, data),
                )
                self._next_seq += 1

    def get(self, kind: str, object_id: str) -> JsonObject | None:
        with self._lock:
            row = self._db.execute(
                "SELECT data FROM objects WHERE kind = ? AND id = ?", (kind, object_id)
            ).fetchone()
        return None if row is None else json.loads(row[0])

    def delete(self, kind: str, object_id: str) -> bool:
        with self._lock:
            return bool(
                self._db.execute(
                    "DELETE FROM objects WHERE kind = ? AND id = ?", (kind, object_id)
                ).rowcount
            )

    def list(self, kind: str, parent: str | None = None) -> list[JsonObject]:
        with self._lock:
            if parent is None:
                rows = self._db.execute(
                    "SELECT data FROM objects WHERE kind = ? ORDER BY seq", (kind,)
                ).fetchall()
            else:
                rows = self._db.execute(
                    "SELECT data FROM objects WHERE kind = ? AND parent = ? ORDER BY seq",
                    (kind, parent),
                ).fetchall()
        return [json.loads(row[0]) for row in rows]

    def put_blob(self, key: str, data: bytes) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO blobs (key, data) VALUES (?, ?)", (key, data))

    def get_blob(self, key: str) -> bytes | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM blobs WHERE key = ?", (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def delete_blob(self, key: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM blobs WHERE key = ?", (key,))

    def close(self) -> None:
        with self._lock:
            self._db.close()
