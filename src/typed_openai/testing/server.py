"""A local, OpenAI-compatible HTTP server for demos and tests (no network, no API key needed).

In a test::

    with LocalOpenAIServer() as server:
        client = OpenAI(base_url=server.base_url, api_key=server.api_key)

From a shell::

    python -m typed_openai.testing.server --port 0          # prints the URL it listens on
    python -m typed_openai.testing.server --db state.sqlite3 # keeps objects across restarts
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from ._app import App, ServerConfig, Stats
from ._faults import Fault
from ._fixtures import install_demo_fixtures
from ._http import LoopbackHTTPServer
from ._scripts import ScriptedReply
from ._store import MemoryStore, SqliteStore, Store

DEFAULT_TEST_KEY = "sk-local-test"


class LocalOpenAIServer:
    """Runs the server in a background thread of the current process.

    Binds 127.0.0.1 only. ``port=0`` picks a free port; read it back from ``port``/``base_url``.
    """

    def __init__(
        self,
        *,
        port: int = 0,
        db_path: str | Path | None = None,
        api_key: str | None = None,
        step_seconds: float = 0.05,
        stream_delay: float = 0.0,
        upload_delay: float = 0.0,
        demo_fixtures: bool = False,
        log_requests: bool = False,
    ) -> None:
        self._demo_fixtures = demo_fixtures
        self.config = ServerConfig(
            api_key=api_key,
            step_seconds=step_seconds,
            stream_delay=stream_delay,
            upload_delay=upload_delay,
            log_requests=log_requests,
        )
        self._requested_port = port
        self._db_path = db_path
        self._httpd: LoopbackHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._store: Store | None = None
        self._app: App | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> LocalOpenAIServer:
        if self._httpd is not None:
            return self
        self._store = SqliteStore(self._db_path) if self._db_path else MemoryStore()
        self._app = App(self.config, self._store)
        if self._demo_fixtures:
            install_demo_fixtures(self._app)
        self._httpd = LoopbackHTTPServer(self._requested_port, self._app)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="local-openai-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, thread, store = self._httpd, self._thread, self._store
        self._httpd = self._thread = None
        self._store = None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.drop_connections()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)
        if store is not None:
            store.close()

    def __enter__(self) -> LocalOpenAIServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what a test needs -------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """What to pass as the client's ``base_url`` (or ``OPENAI_BASE_URL``)."""
        return f"{self.url}/v1"

    @property
    def azure_endpoint(self) -> str:
        """What to pass as an Azure client's ``azure_endpoint``: the server also answers Azure
        OpenAI's paths (``/openai/...``, ``/openai/deployments/{name}/...``, with ``api-version``
        in the query and the key in an ``api-key`` header or as a bearer token)."""
        return self.url

    @property
    def api_key(self) -> str:
        """A key the server accepts (the configured one, or any non-empty key)."""
        return self.config.api_key or DEFAULT_TEST_KEY

    @property
    def stats(self) -> Stats:
        if self._app is None:
            raise RuntimeError("the server is not running")
        return self._app.stats

    def advance_clock(self, seconds: float) -> None:
        """Let ``seconds`` of server time pass at once (runs and file processing move on)."""
        if self._app is None:
            raise RuntimeError("the server is not running")
        self._app.advance_clock(seconds)

    def inject_fault(
        self,
        status: int | None = 500,
        *,
        count: int = 1,
        path: str | None = None,
        method: str | None = None,
        retry_after: float | None = None,
        delay: float = 0.0,
    ) -> None:
        """Answer the next ``count`` matching requests with ``status`` (or only delay them).

        ``path`` is a prefix of the API path without ``/v1`` (``"/chat/completions"``);
        ``retry_after`` adds ``retry-after``/``retry-after-ms`` headers.
        """
        if self._app is None:
            raise RuntimeError("the server is not running")
        self._app.faults.add(
            Fault(
                status=status,
                count=count,
                path=path,
                method=method,
                retry_after=retry_after,
                delay=delay,
            )
        )

    def script_chat_reply(
        self,
        *,
        content: str | None = None,
        refusal: str | None = None,
        finish_reason: str | None = None,
        count: int = 1,
    ) -> None:
        """Make the next ``count`` chat completions answer with this content or refusal.

        ``finish_reason="content_filter"`` (or ``"length"``) lets a test reach the branches a
        prompt cannot provoke. Streaming, ``n`` and usage work as for generated replies.
        """
        if self._app is None:
            raise RuntimeError("the server is not running")
        reply = ScriptedReply(content=content, refusal=refusal, finish_reason=finish_reason)
        self._app.reply_script.add(reply, count)

    def clear_chat_script(self) -> None:
        if self._app is not None:
            self._app.reply_script.clear()

    def clear_faults(self) -> None:
        if self._app is not None:
            self._app.faults.clear()

    def client_env(self) -> dict[str, str]:
        """Environment variables that point an SDK-style client at this server."""
        return {"OPENAI_BASE_URL": self.base_url, "OPENAI_API_KEY": self.api_key}

    def __repr__(self) -> str:
        state = f"listening on {self.base_url}" if self._httpd else "stopped"
        return f"<LocalOpenAIServer {state}>"


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m typed_openai.testing.server",
        description="Serve an OpenAI-compatible API on 127.0.0.1 for demos and tests.",
    )
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0: any free port)")
    parser.add_argument(
        "--db", metavar="PATH", help="SQLite file to keep objects in across restarts"
    )
    parser.add_argument("--api-key", help="accept only this key (default: any non-empty key)")
    parser.add_argument(
        "--step-seconds",
        type=float,
        default=0.1,
        help="time runs and file processing spend in each intermediate state (default 0.1)",
    )
    parser.add_argument("--stream-delay", type=float, default=0.0, help="pause between SSE events")
    parser.add_argument(
        "--upload-delay", type=float, default=0.0, help="time each file upload takes"
    )
    parser.add_argument("--log", action="store_true", help="print one line per request to stderr")
    parser.add_argument(
        "--demo-fixtures",
        action="store_true",
        help="start with an assistant 'assistant_id' and a thread 'thread_id' (for README snippets)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    server = LocalOpenAIServer(
        port=args.port,
        db_path=args.db,
        api_key=args.api_key,
        step_seconds=args.step_seconds,
        stream_delay=args.stream_delay,
        upload_delay=args.upload_delay,
        demo_fixtures=args.demo_fixtures,
        log_requests=args.log,
    ).start()
    stopped = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    # The first line of output is the base URL, so scripts can read it after `--port 0`.
    print(server.base_url, flush=True)
    try:
        while not stopped.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


def _run_from_command_line(argv: Any = None) -> None:
    sys.exit(main(argv))


if __name__ == "__main__":
    _run_from_command_line()
