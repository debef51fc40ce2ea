"""Sweep 2B's deliberate differences from the official SDK, each pinned as a plain test of both
sides with its reason (the programs of the other test_real_world_2b_* files leave these out).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .test_real_world_apps import multipart_parts

VIDEO = {
    "id": "video_2",
    "object": "video",
    "model": "sora-2",
    "status": "queued",
    "progress": 0,
    "created_at": 1733000000,
    "prompt": "p",
    "seconds": "4",
    "size": "720x1280",
}

REFERENCE_CALLS = {
    "create input_reference file_id": lambda client: client.videos.create(
        prompt="A paper boat", input_reference={"file_id": "file-img"}
    ),
    "create input_reference image_url": lambda client: client.videos.create(
        prompt="A paper boat", input_reference={"image_url": "https://example.com/f.png"}
    ),
    "edit video id": lambda client: client.videos.edit(prompt="Snow", video={"id": "video_1"}),
    "extend video id": lambda client: client.videos.extend(
        prompt="More", seconds="4", video={"id": "video_1"}
    ),
}


@pytest.mark.parametrize("name", sorted(REFERENCE_CALLS))
def test_a_video_reference_object_is_sent(server: ScriptedServer, name: str) -> None:
    """The videos operations take an upload or a reference object (``{"id": ...}`` of an earlier
    video, ``{"file_id"|"image_url": ...}`` of an image), as their type hints say in both
    packages. The SDK's multipart encoder refuses the object before sending anything (a
    RuntimeError: it expects a file there); ours sends it as form fields beside the prompt
    (``video[id]``), which the operation's multipart body (spec) takes."""

    def attempt(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.default = Reply.json(VIDEO)
        with client_of(sdk, server.url + "/v1") as client:
            try:
                made = REFERENCE_CALLS[name](client)
            except Exception as error:
                return type(error).__name__, len(server.requests)
        (request,) = server.requests
        return made.id, [part for part in multipart_parts(request) if part[0] != "prompt"]

    ours, theirs = run_both(attempt)
    assert theirs == ("RuntimeError", 0)
    field, value = {
        "create input_reference file_id": ("input_reference[file_id]", b"file-img"),
        "create input_reference image_url": (
            "input_reference[image_url]",
            b"https://example.com/f.png",
        ),
        "edit video id": ("video[id]", b"video_1"),
        "extend video id": ("video[id]", b"video_1"),
    }[name]
    assert ours[0] == "video_2"
    assert (field, None, None, value) in ours[1]
