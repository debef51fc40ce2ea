"""The harness of the real-world sweep B programs (tests/drop_in/test_real_world_b_*.py).

A program is written as a user of the official SDK writes it; it gets the package (``openai``),
a client of it, a fresh scripted loopback server (tests/support/server.py) for its replies, and a
folder of its own. Each program runs once with each package; the runner compares what the program
returns *and* the wire of every request it sent (method, path, query, headers other than each
package's identity, body — multipart bodies part by part), so a difference either way shows.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both
from .test_real_world_apps import multipart_parts, wire

Program = Callable[[ModuleType, Any, ScriptedServer, Path], Any]

__all__ = ["Program", "Programs", "Reply", "ScriptedServer", "multipart_parts", "poll_header"]

POLL_FAST = {"openai-poll-after-ms": "1"}
"""Sent with objects a helper polls, so the polling loops of both packages wait 1 ms."""


def wire_of(request: Any) -> Any:
    """``wire(request)``, less two differences no program can observe: the ``Accept`` of a
    download (a path ending in ``/content``) — the official SDK asks for ``application/binary``,
    typed_openai for the media types the spec declares (``application/octet-stream``,
    ``video/mp4, image/webp``), servers answer both alike — and the order of uploaded files' ids."""
    method, path, query, headers, content_type, body = wire(request)
    if path.endswith("/content"):
        headers = {k: v for k, v in headers.items() if k != "accept"}
    if path.endswith("/file_batches") and isinstance(body, dict) and "file_ids" in body:
        # `file_batches.upload_and_poll`: the official SDK lists the ids of the files it uploaded
        # in the order their uploads ended (any order), typed_openai in the order given
        body = {**body, "file_ids": sorted(body["file_ids"])}
    return method, path, query, headers, content_type, body


def wires(requests: list[Any]) -> list[Any]:
    """The wire of each request; a run of uploads (multipart requests to one method and path)
    sorted, as helpers that upload several files at once (``file_batches.upload_and_poll``) send
    them in any order."""
    result: list[Any] = []
    run_start = 0
    for request in map(wire_of, requests):
        if not (result and request[4] == "multipart/form-data" and result[-1][:2] == request[:2]):
            run_start = len(result)
        result.append(request)
        if request[4] == "multipart/form-data":
            result[run_start:] = sorted(result[run_start:], key=repr)
    return result


def poll_header() -> dict[str, str]:
    return dict(POLL_FAST)


class Programs:
    """A file's programs, by name; ``@programs`` registers one, sync or async alike."""

    def __init__(self) -> None:
        self.sync: dict[str, Program] = {}
        self.asynchronous: dict[str, Program] = {}

    def __call__(self, code: Program) -> Program:
        table = self.asynchronous if inspect.iscoroutinefunction(code) else self.sync
        table[code.__name__] = code
        return code

    def run(self, name: str, tmp_path: Path) -> tuple[Any, Any]:
        """``(ours, theirs)``: each ``(what the program returned, the wire of its requests)``."""

        def one(sdk: ModuleType) -> Any:
            folder = tmp_path / sdk.__name__
            folder.mkdir()
            with ScriptedServer() as server, client_of(sdk, server.url + "/v1") as client:
                result = self.sync[name](sdk, client, server, folder)
                return result, wires(server.requests)

        return run_both(one)

    async def arun(self, name: str, tmp_path: Path) -> tuple[Any, Any]:
        async def one(sdk: ModuleType) -> Any:
            folder = tmp_path / sdk.__name__
            folder.mkdir()
            with ScriptedServer() as server:
                async with async_client_of(sdk, server.url + "/v1") as client:
                    result = await self.asynchronous[name](sdk, client, server, folder)
                return result, wires(server.requests)

        return await arun_both(one)
