"""Real-world sweep B: differences from the official SDK the sweep found open, fixed since, each a
program run against both packages: a JSON body for `containers.files.create(file_id=...)` (the
document lists JSON before the upload's multipart), `parse()` of a streamed download reading it as
bytes, and an object of an unknown union kind built as the union's first model would hold it."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .real_world_b import Programs, Reply, ScriptedServer
from .test_real_world_b_platform import SECRET, signed

programs = Programs()


@programs
def container_file_from_an_existing_file_id(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.default = Reply.json(
        {
            "id": "cfile_1",
            "object": "container.file",
            "created_at": 1,
            "bytes": 5,
            "container_id": "cntr_abc",
            "path": "/mnt/data/a.csv",
            "source": "user",
        }
    )
    return client.containers.files.create("cntr_abc", file_id="file-abc").path


@programs
def streamed_download_parsed_whole(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.default = Reply.raw(b"ID3 audio", content_type="audio/mpeg")
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="hi"
    ) as response:
        data = response.parse()
    return data


@programs
def webhook_of_a_kind_newer_than_the_sdk(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    body = json.dumps(
        {
            "id": "evt_1",
            "object": "event",
            "type": "video.completed",
            "created_at": 1,
            "data": {"id": "video_1"},
        }
    )
    event = client.webhooks.unwrap(body, signed(body), secret=SECRET)
    return event.type, event.data.id


@pytest.mark.parametrize("name", sorted(programs.sync))
def test_fixed_difference(name: str, tmp_path: Path) -> None:
    ours, theirs = programs.run(name, tmp_path)
    assert ours[1] == theirs[1]  # the requests sent
    assert ours[0] == theirs[0]  # what the program observed
