"""Wire-shaped API objects and helpers shared by the polling tests."""

from __future__ import annotations

from typing import Any

from tests.support.server import Reply

JsonObject = dict[str, Any]


def run_object(
    status: str, *, run_id: str = "run_1", thread_id: str = "thread_1", **extra: Any
) -> JsonObject:
    run: JsonObject = {
        "id": run_id,
        "object": "thread.run",
        "created_at": 1700000000,
        "thread_id": thread_id,
        "assistant_id": "asst_1",
        "status": status,
        "required_action": None,
        "last_error": None,
        "expires_at": None,
        "started_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": None,
        "incomplete_details": None,
        "model": "gpt-4o",
        "instructions": "",
        "tools": [],
        "metadata": {},
        "usage": None,
        "max_prompt_tokens": None,
        "max_completion_tokens": None,
        "truncation_strategy": None,
        "tool_choice": None,
        "parallel_tool_calls": True,
        "response_format": None,
    }
    run.update(extra)
    return run


def vector_store_file_object(
    status: str, *, file_id: str = "file_1", vector_store_id: str = "vs_1", **extra: Any
) -> JsonObject:
    vs_file: JsonObject = {
        "id": file_id,
        "object": "vector_store.file",
        "usage_bytes": 0,
        "created_at": 1700000000,
        "vector_store_id": vector_store_id,
        "status": status,
        "last_error": None,
    }
    vs_file.update(extra)
    return vs_file


def batch_object(
    status: str, *, in_progress: int, completed: int = 0, failed: int = 0, batch_id: str = "vsfb_1"
) -> JsonObject:
    return {
        "id": batch_id,
        "object": "vector_store.files_batch",
        "created_at": 1700000000,
        "vector_store_id": "vs_1",
        "status": status,
        "file_counts": {
            "in_progress": in_progress,
            "completed": completed,
            "failed": failed,
            "cancelled": 0,
            "total": in_progress + completed + failed,
        },
    }


def file_object(file_id: str, filename: str = "a.txt") -> JsonObject:
    return {
        "id": file_id,
        "object": "file",
        "bytes": 5,
        "created_at": 1700000000,
        "filename": filename,
        "purpose": "assistants",
        "status": "processed",
    }


def json_replies(*objects: JsonObject, headers: dict[str, str] | None = None) -> list[Reply]:
    return [Reply.json(obj, headers=headers) for obj in objects]


class SleepRecorder:
    """Replaces ``resource._sleep``: records each requested delay and returns at once."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


class AsyncSleepRecorder:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
