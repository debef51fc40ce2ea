"""``client.beta.threads``: the generated resource plus the helpers that stream (and poll) runs."""

from __future__ import annotations

from ._polling import AsyncThreadsPolling, ThreadsPolling
from ._threads_streaming import AsyncThreadsStreaming, ThreadsStreaming

__all__ = ["AsyncThreads", "Threads"]


class Threads(ThreadsPolling, ThreadsStreaming):
    """Threads, with ``create_and_run_poll`` and ``create_and_run_stream``."""


class AsyncThreads(AsyncThreadsPolling, AsyncThreadsStreaming):
    """Threads, with ``create_and_run_poll`` and ``create_and_run_stream``."""
