"""``client.beta.threads.runs``: the generated resource plus the streaming helpers."""

from __future__ import annotations

from ._polling import AsyncRunsPolling, RunsPolling
from ._runs_streaming import AsyncRunsStreaming, RunsStreaming

__all__ = ["AsyncRuns", "Runs"]


class Runs(RunsPolling, RunsStreaming):
    """Runs of a thread, with the polling (``*_and_poll``, ``poll``) and streaming helpers."""


class AsyncRuns(AsyncRunsPolling, AsyncRunsStreaming):
    """Runs of a thread, with the polling (``*_and_poll``, ``poll``) and streaming helpers."""
