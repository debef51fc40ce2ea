"""A local OpenAI-compatible server for demos and tests (standard library only).

In a test::

    from typed_openai import OpenAI
    from typed_openai.testing import LocalOpenAIServer

    with LocalOpenAIServer() as server:
        client = OpenAI(base_url=server.base_url, api_key=server.api_key)
        client.chat.completions.create(model="gpt-4o", messages=[...])

or with the fixtures of ``typed_openai.testing.pytest_plugin`` (add it to ``pytest_plugins`` in
your root ``conftest.py``): ``local_openai_server``, ``fresh_openai_server``, ``local_openai_env``.

From a shell: ``python -m typed_openai.testing.server --port 0`` prints its base URL; ``--db PATH``
keeps objects in SQLite across restarts; ``--demo-fixtures`` adds the ``assistant_id`` /
``thread_id`` objects README snippets use.

What tests can control:

- ``step_seconds``: how long runs and vector-store files stay in each intermediate state; the
  ``openai-poll-after-ms`` header tells polling clients the same. ``server.advance_clock(s)``
  moves the server's time forward instead of sleeping.
- ``server.inject_fault(429, count=2, retry_after=0.1, path="/chat/completions")``: API-shaped
  errors (or, with ``status=None`` and ``delay``, slow answers) for retry and timeout tests.
- ``server.script_chat_reply(refusal="...")`` (or ``content=``, ``finish_reason="content_filter"``):
  the next chat completions answer exactly so, streamed or not.
- ``upload_delay`` and ``server.stats.peak_concurrent_uploads``: check upload concurrency caps.
- ``stream_delay``: pause between SSE events.

Replies are deterministic: the same request gives the same content, structured outputs satisfy
their JSON schema, and tool calls carry arguments that satisfy the tool's parameters.

Every operation of the API is answered. Chat, files, models, embeddings, assistants, threads,
runs and vector stores have real behaviour (objects are stored, states advance); every other
operation gets a body built from its declared response schema (an event stream when the request
asks to stream, bytes for binary downloads), valid for the spec but not remembered between calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import ServerConfig, Stats
    from ._schema_instance import instance_for
    from .server import LocalOpenAIServer

__all__ = ["LocalOpenAIServer", "ServerConfig", "Stats", "instance_for"]


def __getattr__(name: str) -> Any:
    # Imported lazily so `python -m typed_openai.testing.server` does not import the module twice.
    if name == "LocalOpenAIServer":
        from .server import LocalOpenAIServer

        return LocalOpenAIServer
    if name in ("ServerConfig", "Stats"):
        from . import _app

        return getattr(_app, name)
    if name == "instance_for":
        from ._schema_instance import instance_for

        return instance_for
    raise AttributeError(name)
