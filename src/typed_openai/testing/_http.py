"""The socket layer: HTTP/1.1 with keep-alive on a loopback ``ThreadingHTTPServer``.

Responses are written with one ``sendall`` (headers and body together) so keep-alive clients do
not hit the Nagle/delayed-ACK stall; event streams use chunked transfer encoding so the connection
can be reused after ``[DONE]``.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from ._app import App
from ._ids import new_request_id
from ._wire import Request, Response, StreamResponse

_API_PREFIX = "/v1"
# Azure OpenAI serves the same operations under /openai, and the deployment-scoped ones (chat,
# embeddings, audio, images...) under /openai/deployments/{deployment}
_AZURE_PREFIX = "/openai"
_AZURE_DEPLOYMENTS = "/openai/deployments/"
_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Payload Too Large",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class LoopbackHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # Benchmarks open many connections at once; the default backlog of 5 would refuse some.
    request_queue_size = 256

    def __init__(self, port: int, app: App) -> None:
        self.app = app
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up on a keep-alive connection is normal, not worth a traceback.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)

    def drop_connections(self) -> None:
        """Wake idle keep-alive handler threads so they exit (used when stopping)."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


def _api_path(path: str) -> tuple[str, bool, str | None]:
    """The operation's path without its prefix (``/v1``, Azure's ``/openai`` or
    ``/openai/deployments/{name}``), whether it came the Azure way, and the deployment named."""
    if path.startswith(_API_PREFIX + "/") or path == _API_PREFIX:
        return path[len(_API_PREFIX) :] or "/", False, None
    if path.startswith(_AZURE_DEPLOYMENTS):
        deployment, _, rest = path[len(_AZURE_DEPLOYMENTS) :].partition("/")
        if deployment and rest:
            return "/" + rest, True, unquote(deployment)
    if path.startswith(_AZURE_PREFIX + "/"):
        return path[len(_AZURE_PREFIX) :], True, None
    return path, False, None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 300  # idle keep-alive connections are dropped after this long

    @property
    def _app(self) -> App:
        server = self.server
        assert isinstance(server, LoopbackHTTPServer)
        return server.app

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet by default; the request log is the client's business

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        started = time.perf_counter()
        body = self._read_body()
        request_id = new_request_id()
        url = urlsplit(self.path)
        path, azure, deployment = _api_path(url.path)
        request = Request(
            method=self.command,
            path=path.rstrip("/") or "/",
            query=dict(parse_qsl(url.query, keep_blank_values=True)),
            headers={key.lower(): value for key, value in self.headers.items()},
            body=body,
            content_type=self.headers.get("content-type", ""),
            azure=azure,
            deployment=deployment,
        )
        reply = self._app.handle(request)
        elapsed_ms = str(int((time.perf_counter() - started) * 1000))
        common = {"x-request-id": request_id, "openai-processing-ms": elapsed_ms}
        if self._app.config.log_requests:
            # Method, path and outcome only: headers (and so API keys) are never logged.
            kind = "stream" if isinstance(reply, StreamResponse) else f"{len(reply.body)} bytes"
            print(
                f"{self.command} {url.path} -> {reply.status} ({kind}, {elapsed_ms} ms) {request_id}",
                file=sys.stderr,
                flush=True,
            )
        if isinstance(reply, StreamResponse):
            self._send_stream(reply, common)
        else:
            self._send(reply, common)

    def _read_body(self) -> bytes:
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            pieces: list[bytes] = []
            while True:
                size_line = self.rfile.readline()
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(pieces)
                pieces.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    def _head(self, status: int, headers: dict[str, str]) -> bytes:
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
        lines += [f"{key}: {value}" for key, value in headers.items()]
        if self.close_connection:
            lines.append("connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _send(self, reply: Response, common: dict[str, str]) -> None:
        headers = {
            "content-type": reply.content_type,
            "content-length": str(len(reply.body)),
            **common,
            **reply.headers,
        }
        payload = self._head(reply.status, headers)
        if self.command != "HEAD":
            payload += reply.body
        self.wfile.write(payload)

    def _send_stream(self, reply: StreamResponse, common: dict[str, str]) -> None:
        headers = {
            "content-type": "text/event-stream; charset=utf-8",
            "cache-control": "no-cache",
            "transfer-encoding": "chunked",
            **common,
            **reply.headers,
        }
        delay = self._app.config.stream_delay
        head = self._head(reply.status, headers)
        frames = (b"%x\r\n%s\r\n" % (len(event), event) for event in reply.events)
        try:
            if not delay and not reply.incremental:
                # Still one HTTP chunk per event, but sent with one syscall: nobody is watching
                # the pauses, and benchmarks should measure the client, not our writes.
                self.wfile.write(head + b"".join(frames) + b"0\r\n\r\n")
                return
            self.wfile.write(head)
            for index, frame in enumerate(frames):
                if index:
                    time.sleep(delay)
                self.wfile.write(frame)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
