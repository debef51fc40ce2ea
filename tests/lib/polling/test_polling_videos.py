"""`videos.poll` / `videos.create_and_poll`, sync and async, against the local server
(`typed_openai.testing`), whose videos render over time (queued, in progress, then completed, or
failed for a prompt the moderation words flag) and answer with the ``openai-poll-after-ms`` hint.

The resource's ``_sleep`` seam moves the server's clock instead of waiting, so each poll sees the
next state whatever the machine's speed; the official SDK, run on the same server, is the oracle.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from tests.support.deprecations import VIDEOS_MESSAGE, calls_deprecated_operations
from tests.support.yaml_files import load_yaml_file
from tests.testing.schema_check import violations_in
from typed_openai import AsyncOpenAI, BadRequestError, NotFoundError, OpenAI
from typed_openai.testing import LocalOpenAIServer

pytestmark = calls_deprecated_operations

STEP = 60.0  # seconds the server takes per state; far longer than a test, so only the seam moves it
FLAGGED = "a knight will stab the dragon"  # the moderation words flag it: the render fails


@pytest.fixture
def local() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=STEP) as server:
        yield server


class _Wire:
    """Each request's method, path and poll headers, recorded by an httpx hook."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, str | None, str | None]] = []

    def __call__(self, request: httpx.Request) -> None:
        headers = request.headers
        self.requests.append(
            (
                request.method,
                request.url.path,
                headers.get("x-stainless-poll-helper"),
                headers.get("x-stainless-custom-poll-interval"),
            )
        )

    async def record(self, request: httpx.Request) -> None:
        self(request)


class _Clock:
    """A ``_sleep`` that records the delay asked for and moves the server on by one state."""

    def __init__(self, local: LocalOpenAIServer) -> None:
        self.local, self.delays = local, list[float]()

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        assert len(self.delays) < 10, "still polling a video that should be done"
        self.local.advance_clock(STEP)

    async def wait(self, seconds: float) -> None:
        self(seconds)


def _client(local: LocalOpenAIServer, wire: _Wire) -> OpenAI:
    http = httpx.Client(event_hooks={"request": [wire]})
    return OpenAI(base_url=local.base_url, api_key=local.api_key, http_client=http)


def test_create_and_poll_returns_the_rendered_video(local: LocalOpenAIServer) -> None:
    wire, clock = _Wire(), _Clock(local)
    with _client(local, wire) as client:
        videos = client.videos
        videos._sleep = clock

        video = videos.create_and_poll(prompt="a cat on a skateboard", seconds="8")

    assert (video.status, video.progress, video.seconds) == ("completed", 100, "8")
    assert video.completed_at is not None and video.error is None
    # created (no poll headers), then polled queued -> in_progress -> completed
    assert wire.requests == [
        ("POST", "/v1/videos", None, None),
        *[("GET", f"/v1/videos/{video.id}", "true", None)] * 3,
    ]
    # the server's hint (openai-poll-after-ms) sets the wait
    assert clock.delays == [STEP, STEP]


def test_poll_returns_a_failed_render_as_is(local: LocalOpenAIServer) -> None:
    wire, clock = _Wire(), _Clock(local)
    with _client(local, wire) as client:
        started = client.videos.create(prompt=FLAGGED)
        videos = client.videos
        videos._sleep = clock

        video = videos.poll(started.id, poll_interval_ms=250)

    assert video.status == "failed"
    assert video.error is not None and video.error.code == "moderation_blocked"
    assert (video.error.param, video.error.type) == ("prompt", "invalid_request_error")
    # the caller's interval wins over the server's hint, and is sent along
    assert wire.requests[1:] == [("GET", f"/v1/videos/{video.id}", "true", "250")] * 3
    assert clock.delays == [0.25, 0.25]


def test_poll_of_an_unknown_video_raises_not_found(local: LocalOpenAIServer) -> None:
    client = OpenAI(base_url=local.base_url, api_key=local.api_key, max_retries=0)
    with client, pytest.raises(NotFoundError):
        client.videos.poll("video_missing")


@pytest.mark.anyio
async def test_async_twins_send_the_same_requests(local: LocalOpenAIServer) -> None:
    wire, clock = _Wire(), _Clock(local)
    http = httpx.AsyncClient(event_hooks={"request": [wire.record]})
    async with AsyncOpenAI(
        base_url=local.base_url, api_key=local.api_key, http_client=http
    ) as client:
        videos = client.videos
        videos._sleep = clock.wait

        done = await videos.create_and_poll(prompt="waves at dusk", poll_interval_ms=5)
        failed = await videos.poll((await videos.create(prompt=FLAGGED)).id)

    assert done.status == "completed"
    assert failed.status == "failed"
    assert failed.error is not None and failed.error.param == "prompt"
    assert wire.requests[:4] == [
        ("POST", "/v1/videos", None, None),
        *[("GET", f"/v1/videos/{done.id}", "true", "5")] * 3,
    ]
    assert clock.delays == [0.005, 0.005, STEP, STEP]


def test_the_helpers_warn_as_the_operations_they_call(local: LocalOpenAIServer) -> None:
    with OpenAI(base_url=local.base_url, api_key=local.api_key, max_retries=0) as client:
        notice = f"^{re.escape(VIDEOS_MESSAGE)}$"
        with pytest.warns(DeprecationWarning, match=notice), pytest.raises(NotFoundError):
            client.videos.poll("video_missing")
        with pytest.warns(DeprecationWarning, match=notice), pytest.raises(BadRequestError):
            client.videos.create_and_poll(prompt="")


def test_same_result_as_the_official_sdk(local: LocalOpenAIServer) -> None:
    ours, theirs = _Clock(local), _Clock(local)
    with OpenAI(base_url=local.base_url, api_key=local.api_key) as client:
        client.videos._sleep = ours
        video = client.videos.create_and_poll(prompt="rain on a window", size="1280x720")
    official = openai.OpenAI(base_url=local.base_url, api_key=local.api_key)
    official.videos._sleep = theirs  # type: ignore[method-assign]
    with warnings.catch_warnings():  # the SDK's own deprecation message
        warnings.simplefilter("ignore", DeprecationWarning)
        expected = official.videos.create_and_poll(prompt="rain on a window", size="1280x720")
    official.close()

    keep = {"status", "progress", "size", "seconds", "model", "prompt", "error"}
    assert video.model_dump(include=keep) == expected.model_dump(include=keep)
    assert ours.delays == theirs.delays == [STEP, STEP]


SPEC: dict[str, Any] = load_yaml_file(Path(__file__).resolve().parents[3] / "spec" / "openapi.yml")


def _schema(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def test_the_servers_videos_match_the_spec(local: LocalOpenAIServer) -> None:
    # each state the helpers see, the list and the deletion, against the spec's schemas
    with httpx.Client(
        base_url=local.base_url, headers={"Authorization": f"Bearer {local.api_key}"}
    ) as http:
        created = http.post("/videos", files={"prompt": (None, FLAGGED)}).json()
        seen = [created]
        for _ in range(2):
            local.advance_clock(STEP)
            seen.append(http.get(f"/videos/{created['id']}").json())
        listed = http.get("/videos").json()
        gone = http.delete(f"/videos/{created['id']}").json()

    assert [video["status"] for video in seen] == ["queued", "in_progress", "failed"]
    for video in seen:
        assert violations_in(video, _schema("VideoResource"), SPEC) == []
    assert violations_in(listed, _schema("VideoListResource"), SPEC) == []
    assert violations_in(gone, _schema("DeletedVideoResource"), SPEC) == []
