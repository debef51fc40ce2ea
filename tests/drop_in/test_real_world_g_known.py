"""Real-world sweep G, the differences still open: each a program run against both packages and
marked as a strict xfail saying what is open and whose it is (it fails the day the difference is
gone: then move it, as a plain test, to the sweep G file it belongs to).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import run

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


@program
def transcription_from_a_server_answering_nothing(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A self-hosted, OpenAI-compatible transcription server answering 200 with no body and no
    content type (seen with proxies in front of local whisper servers)."""
    server.default = Reply.empty(200)
    try:
        result = client.audio.transcriptions.create(model="whisper-1", file=("a.wav", b"RIFF"))
    except Exception as error:
        return "raised", type(error).__name__
    return "returned", repr(result)


OPEN = {
    "transcription_from_a_server_answering_nothing": (
        "_core/_parsing (fid-runtime): a 200 with an empty body and no content-type where a "
        "model is due: the SDK returns the body's text ('') as the result (it returns the text "
        "of any answer that is not JSON), typed_openai raises APIResponseValidationError (it "
        "reads a missing content-type as JSON). Ours is arguably the better error; keep or follow "
        "the SDK is the owner's call"
    ),
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=OPEN[name]))
        for name in sorted(PROGRAMS)
    ],
)
def test_open_difference(name: str) -> None:
    ours, theirs = run(PROGRAMS[name])
    assert ours[1] == theirs[1]  # the requests sent
    assert ours[0] == theirs[0]  # what the program observed
