"""Bodies of ``videos.poll`` and ``videos.create_and_poll`` (signatures: spec/config.yml): a
video is polled until it is rendered, ``completed`` or ``failed``, and returned either way."""

# The video operations are deprecated in the spec, and so are these helpers: their calls of the
# generated methods are not a user's use of them.
# pyright: reportDeprecated=false

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

from typed_openai.lib._steps import Steps, sync_or_async
from typed_openai.lib.polling import poll_steps, start_then_poll, video_is_done

if TYPE_CHECKING:
    from typed_openai._generated.resources.videos import AsyncVideos, Videos
    from typed_openai._generated.types.video import Video

__all__ = ["create_and_poll", "poll"]

_Videos = Union["Videos", "AsyncVideos"]


@sync_or_async
def poll(videos: _Videos, *, video_id: str, **arguments: Any) -> Steps[Video]:
    return poll_steps(videos, video_id, video_is_done, **arguments)


@sync_or_async
def create_and_poll(videos: _Videos, **arguments: Any) -> Steps[Video]:
    return start_then_poll(videos.create, videos, video_is_done, arguments)
