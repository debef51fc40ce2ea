"""Bodies of ``videos.poll`` and ``videos.create_and_poll``: a video is polled until it is
rendered, ``completed`` or ``failed``, and returned either way."""

from __future__ import annotations

from typed_openai.lib.polling import poll_helpers, video_is_done

__all__ = ["create_and_poll", "poll"]

poll, create_and_poll = poll_helpers("video_id", video_is_done)
