"""Videos: a render that moves through its states over time, for polling clients.

A video is created ``queued``; each ``step_seconds`` it moves on, to ``in_progress`` (half done)
and then to ``completed``, or to ``failed`` (``moderation_blocked``) when the moderation words
flag its prompt. As with runs, time only moves when someone looks, and a video still rendering
is answered with the ``openai-poll-after-ms`` hint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._app import Route
from .._errors import invalid_value
from .._ids import new_id
from .._pagination import cursor_page, public
from .._wire import Request, Response, json_response, require
from ._common import deleted, fetch
from ._moderations import is_flagged

if TYPE_CHECKING:
    from .._app import App

JsonObject = dict[str, Any]
_SIZES = ("720x1280", "1280x720", "1024x1792", "1792x1024")
_SECONDS = ("4", "8", "12")
_RENDERING = ("queued", "in_progress")


def _advance(app: App, video: JsonObject) -> JsonObject:
    """Move ``video`` through the states whose time has come, and store it."""
    while video["status"] in _RENDERING and app.now() - video["_since"] >= app.config.step_seconds:
        video["_since"] += app.config.step_seconds
        if video["status"] == "queued":
            video["status"], video["progress"] = "in_progress", 50
        elif is_flagged(video["prompt"]):
            video["status"] = "failed"
            # param and type as the newer SDK reads them (x-sdk-newer in spec/openapi.yml)
            video["error"] = {
                "code": "moderation_blocked",
                "message": "The prompt was blocked.",
                "param": "prompt",
                "type": "invalid_request_error",
            }
        else:
            video["status"], video["progress"] = "completed", 100
            video["completed_at"] = int(app.now())
            video["expires_at"] = video["completed_at"] + 24 * 3600
    app.store.put("video", video)
    return video


def _render(app: App, video: JsonObject) -> Response:
    rendering = video["status"] in _RENDERING
    headers = {"openai-poll-after-ms": app.poll_after_ms()} if rendering else None
    return json_response(public(video), headers=headers)


def create_video(app: App, request: Request) -> Response:
    # multipart (the SDKs send it so, a reference image or not) or JSON
    fields: dict[str, Any] = request.form if request.form else request.json()
    prompt = require(fields, "prompt", str)
    if not prompt:
        raise invalid_value("prompt", "'prompt' must not be empty.")
    size, seconds = fields.get("size") or _SIZES[0], fields.get("seconds") or _SECONDS[0]
    if size not in _SIZES:
        raise invalid_value("size", f"Invalid 'size': expected one of {', '.join(_SIZES)}.")
    if seconds not in _SECONDS:
        raise invalid_value("seconds", f"Invalid 'seconds': expected one of {', '.join(_SECONDS)}.")
    video = {
        "id": new_id("video"),
        "object": "video",
        "model": fields.get("model") or "sora-2",
        "status": "queued",
        "progress": 0,
        "created_at": int(app.now()),
        "completed_at": None,
        "expires_at": None,
        "prompt": prompt,
        "size": size,
        "seconds": seconds,
        "remixed_from_video_id": None,
        "error": None,
        "_since": app.now(),
    }
    app.store.put("video", video)
    return _render(app, video)


def retrieve_video(app: App, request: Request) -> Response:
    video = fetch(app, "video", request.path_params["video_id"], "video")
    return _render(app, _advance(app, video))


def list_videos(app: App, request: Request) -> Response:
    videos = [_advance(app, video) for video in app.store.list("video")]
    return json_response(cursor_page(videos, request.query, render=public))


def delete_video(app: App, request: Request) -> Response:
    video_id = request.path_params["video_id"]
    fetch(app, "video", video_id, "video")
    app.store.delete("video", video_id)
    return deleted(video_id, "video.deleted")


ROUTES = [
    Route("POST", "/videos", create_video),
    Route("GET", "/videos", list_videos),
    Route("GET", "/videos/{video_id}", retrieve_video),
    Route("DELETE", "/videos/{video_id}", delete_video),
]
