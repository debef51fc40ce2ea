"""A scriptable HTTP/1.1 server on 127.0.0.1 for tests: real sockets, no patched transports.

The server runs in background threads (one accept loop, one thread per connection), so the same
fixture serves sync and async tests. A test *scripts* what the server answers and then inspects
what it received::

    def test_create(server: ScriptedServer) -> None:
        server.reply(Reply.json({"id": "x"}, headers={"x-request-id": "req_1"}))
        client = make_client(base_url=server.url)
        ...
        request = server.requests[0]
        assert request.method == "POST" and request.path == "/things"
        assert request.json() == {"name": "a"}
        assert request.headers["content-type"] == "application/json"

Scripting
---------
- ``server.reply(r1, r2, ...)`` queues replies; each request takes the next one (FIFO).
- ``server.route("GET", "/models", r1, ...)`` queues replies for one method + path (checked
  before the global queue; the last reply of a route is reused once its queue is down to one).
- ``server.default = Reply...`` answers when nothing is queued (initially a 404 JSON error that
  says no reply was scripted, so a forgotten ``reply`` fails loudly instead of hanging).

Replies (``Reply`` class methods), all sent on a keep-alive connection unless they drop it:

- ``Reply.json(obj, status=200, headers=None)`` / ``Reply.raw(body, status, headers,
  content_type)`` / ``Reply.empty(status=204)``
- ``Reply.sse(chunks, delay=0.0, headers=None)``: a chunked ``text/event-stream`` response;
  each chunk (str or bytes, any split) is written and flushed separately, ``delay`` seconds apart
  (a per-chunk delay list works too). ``end=False`` holds the stream open after the last chunk
  until the server stops (for idle-timeout tests); ``drop=True`` closes the socket instead of
  sending the final zero-length chunk (a stream cut mid-way).
- ``Reply.drop()``: close the connection without sending a status line.
- ``Reply.drop_mid_body(body_prefix, declared_length)``: send headers promising
  ``declared_length`` bytes, send ``body_prefix``, close.
- ``Reply.short_body(body, declared_length)``: like ``drop_mid_body`` but keeps the socket open
  (a content-length larger than the body: the client waits until its read timeout).
- ``Reply.drip(body, interval)``: a valid body sent one byte per ``interval`` seconds.
- ``Reply.hang()``: read the request and never answer (until the server stops or the client
  disconnects).
- ``Reply.after(seconds, reply)``: wait, then send ``reply`` (slow server).
- ``Reply.dynamic(lambda request: Reply.json(...))``: build the reply from the request.

Inspection
----------
- ``server.requests``: ``RecordedRequest`` list (``method``, ``path``, ``query`` as a list of
  pairs, ``query_dict``, ``headers`` (lower-case names), ``body`` bytes, ``json()``,
  ``connection_id``, ``target`` the raw request target).
- ``server.wait_for_requests(n, timeout=5)``: block until ``n`` requests arrived.
- ``server.events``: ``("open", conn_id)`` / ``("close", conn_id)`` in order;
  ``server.opened`` / ``server.closed`` / ``server.open_connections`` counters.
- ``server.wait_for_closed(n, timeout=5)``: block until ``n`` connections were closed.

Async tests use the same fixture: the server lives in threads, so ``await client.x()`` just works;
to wait for a request sent by a concurrently running task, use
``await server.wait_for_requests_async(n)`` (it does not block the event loop)::

    @pytest.mark.anyio
    async def test_stream(server: ScriptedServer) -> None:
        server.reply(Reply.sse(['data: {"n": 1}\n\n', "data: [DONE]\n\n"], delay=0.01))
        async with AsyncClient(base_url=server.url) as client:
            items = [item async for item in await client.post("/s", ..., stream=True)]
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["RecordedRequest", "Reply", "ScriptedServer"]


@dataclass
class RecordedRequest:
    method: str
    target: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    connection_id: int
    received_at: float

    @property
    def query_dict(self) -> dict[str, str]:
        return dict(self.query)

    def json(self) -> Any:
        return json.loads(self.body)


Action = Callable[["_Conn"], bool]
"""A reply step: does I/O on the connection; returns False when the connection must end."""


@dataclass
class Reply:
    """One scripted answer: a list of steps run on the connection (see the module docstring)."""

    steps: list[Action] = field(default_factory=list[Action])
    description: str = "reply"

    # --- builders -------------------------------------------------------------------------------

    @classmethod
    def raw(
        cls,
        body: bytes | str = b"",
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str | None = "application/octet-stream",
    ) -> Reply:
        data = body.encode() if isinstance(body, str) else body
        all_headers = {"content-length": str(len(data))}
        if content_type is not None:
            all_headers["content-type"] = content_type
        all_headers.update({k.lower(): v for k, v in (headers or {}).items()})
        head = _head(status, all_headers)
        return cls([_send(head + data)], f"raw {status}")

    @classmethod
    def json(cls, obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
        return cls.raw(json.dumps(obj).encode(), status, headers, "application/json")

    @classmethod
    def empty(cls, status: int = 204, headers: dict[str, str] | None = None) -> Reply:
        return cls.raw(b"", status, headers, None)

    @classmethod
    def sse(
        cls,
        chunks: Iterable[bytes | str],
        delay: float | Sequence[float] = 0.0,
        headers: dict[str, str] | None = None,
        status: int = 200,
        end: bool = True,
        drop: bool = False,
    ) -> Reply:
        all_headers = {"content-type": "text/event-stream", "transfer-encoding": "chunked"}
        all_headers.update({k.lower(): v for k, v in (headers or {}).items()})
        steps: list[Action] = [_send(_head(status, all_headers))]
        for index, chunk in enumerate(chunks):
            wait = delay[index] if isinstance(delay, Sequence) else (delay if index else 0.0)
            if wait:
                steps.append(_sleep(wait))
            data = chunk.encode() if isinstance(chunk, str) else chunk
            if data:
                steps.append(_send(f"{len(data):x}\r\n".encode() + data + b"\r\n"))
        if drop:
            steps.append(_close)
        elif not end:
            steps.append(_hang)
        else:
            steps.append(_send(b"0\r\n\r\n"))
        return cls(steps, "sse")

    @classmethod
    def drop(cls) -> Reply:
        return cls([_close], "drop before status line")

    @classmethod
    def drop_mid_body(
        cls, body_prefix: bytes = b'{"partial": ', declared_length: int = 1000, status: int = 200
    ) -> Reply:
        head = _head(
            status, {"content-type": "application/json", "content-length": str(declared_length)}
        )
        return cls([_send(head + body_prefix), _close], "drop mid-body")

    @classmethod
    def short_body(
        cls, body: bytes = b"{}", declared_length: int = 1000, status: int = 200
    ) -> Reply:
        head = _head(
            status, {"content-type": "application/json", "content-length": str(declared_length)}
        )
        return cls([_send(head + body), _hang], "short body")

    @classmethod
    def drip(cls, body: bytes, interval: float, status: int = 200) -> Reply:
        """A complete, valid body sent one byte every ``interval`` seconds (a slow server)."""
        head = _head(status, {"content-type": "application/json", "content-length": str(len(body))})
        steps: list[Action] = [_send(head)]
        for index in range(len(body)):
            steps += [_sleep(interval), _send(body[index : index + 1])]
        return cls(steps, "drip")

    @classmethod
    def hang(cls) -> Reply:
        return cls([_hang], "hang")

    @classmethod
    def dynamic(cls, build: Callable[[RecordedRequest], Reply]) -> Reply:
        """Decide the reply from the request (echo it, count calls, fail every other one...)."""

        def step(conn: _Conn) -> bool:
            assert conn.request is not None
            return all(inner(conn) for inner in build(conn.request).steps)

        return cls([step], "dynamic")

    @classmethod
    def after(cls, seconds: float, reply: Reply) -> Reply:
        return cls([_sleep(seconds), *reply.steps], f"after {seconds}s: {reply.description}")


_REASONS = {
    200: "OK",
    201: "Created",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    408: "Request Timeout",
    409: "Conflict",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def _head(status: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _send(data: bytes) -> Action:
    def step(conn: _Conn) -> bool:
        conn.sock.sendall(data)
        return True

    return step


def _sleep(seconds: float) -> Action:
    def step(conn: _Conn) -> bool:
        return not conn.server.stopping.wait(seconds)

    return step


def _close(conn: _Conn) -> bool:
    return False


def _hang(conn: _Conn) -> bool:
    """Say nothing more until the server stops or the client goes away (then close our end)."""
    while not conn.server.stopping.is_set():
        readable, _, _ = select.select([conn.sock], [], [], 0.01)
        if readable:
            try:
                if not conn.sock.recv(65536, socket.MSG_PEEK):
                    return False
            except OSError:
                return False
            # The client sent more (a pipelined request): keep hanging, it will be discarded.
            conn.sock.recv(65536)
    return False


class _Conn:
    def __init__(self, server: ScriptedServer, sock: socket.socket, conn_id: int) -> None:
        self.server = server
        self.sock = sock
        self.id = conn_id
        self.buffer = b""
        self.request: RecordedRequest | None = None

    def _fill(self) -> bool:
        data = self.sock.recv(65536)
        if not data:
            return False
        self.buffer += data
        return True

    def read_request(self) -> RecordedRequest | None:
        while b"\r\n\r\n" not in self.buffer:
            if not self._fill():
                return None
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._read_chunked()
        else:
            length = int(headers.get("content-length", "0"))
            while len(self.buffer) < length:
                if not self._fill():
                    return None
            body, self.buffer = self.buffer[:length], self.buffer[length:]
        parts = urlsplit(target)
        return RecordedRequest(
            method=method,
            target=target,
            path=parts.path,
            query=parse_qsl(parts.query, keep_blank_values=True),
            headers=headers,
            body=body,
            connection_id=self.id,
            received_at=time.monotonic(),
        )

    def _read_chunked(self) -> bytes:
        body = b""
        while True:
            while b"\r\n" not in self.buffer:
                if not self._fill():
                    return body
            size_line, _, self.buffer = self.buffer.partition(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            while len(self.buffer) < size + 2:
                if not self._fill():
                    return body
            body += self.buffer[:size]
            self.buffer = self.buffer[size + 2 :]
            if size == 0:
                return body


class ScriptedServer:
    """See the module docstring. Use through the ``server`` fixture, or ``with ScriptedServer()``."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.events: list[tuple[str, int]] = []
        self.default: Reply = Reply.json(
            {"error": {"message": "no reply scripted for this request", "type": "test_server"}},
            status=404,
        )
        self.stopping = threading.Event()
        self._queue: deque[Reply] = deque()
        self._routes: dict[tuple[str, str], deque[Reply]] = {}
        self._lock = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.01)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._next_id = 0
        self._acceptor = threading.Thread(
            target=self._accept_loop, name="scripted-server", daemon=True
        )

    # --- scripting ------------------------------------------------------------------------------

    def reply(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def route(self, method: str, path: str, *replies: Reply) -> None:
        with self._lock:
            self._routes.setdefault((method.upper(), path), deque()).extend(replies)

    def _next_reply(self, request: RecordedRequest) -> Reply:
        with self._lock:
            routed = self._routes.get((request.method, request.path))
            if routed:
                return routed.popleft() if len(routed) > 1 else routed[0]
            if self._queue:
                return self._queue.popleft()
            return self.default

    # --- inspection -----------------------------------------------------------------------------

    @property
    def opened(self) -> int:
        with self._lock:
            return sum(1 for kind, _ in self.events if kind == "open")

    @property
    def closed(self) -> int:
        with self._lock:
            return sum(1 for kind, _ in self.events if kind == "close")

    @property
    def open_connections(self) -> int:
        return self.opened - self.closed

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> list[RecordedRequest]:
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.requests) >= count, timeout):
                raise TimeoutError(f"expected {count} requests, got {len(self.requests)}")
            return list(self.requests)

    async def wait_for_requests_async(
        self, count: int, timeout: float = 5.0
    ) -> list[RecordedRequest]:
        """``wait_for_requests`` for async tests: waits in a worker thread, not on the event loop."""
        import anyio.to_thread

        return await anyio.to_thread.run_sync(self.wait_for_requests, count, timeout)

    def wait_for_closed(self, count: int, timeout: float = 5.0) -> None:
        with self._lock:
            closed = lambda: sum(1 for kind, _ in self.events if kind == "close") >= count  # noqa: E731
            if not self._lock.wait_for(closed, timeout):
                raise TimeoutError(f"expected {count} closed connections, events: {self.events}")

    # --- lifecycle ------------------------------------------------------------------------------

    def start(self) -> ScriptedServer:
        self._acceptor.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._acceptor.join(timeout=5)
        self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in list(self._threads):
            thread.join(timeout=5)

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _accept_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            sock.settimeout(None)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._next_id += 1
                conn_id = self._next_id
                self._sockets.add(sock)
                self.events.append(("open", conn_id))
                self._lock.notify_all()
            thread = threading.Thread(
                target=self._serve,
                args=(sock, conn_id),
                name=f"scripted-conn-{conn_id}",
                daemon=True,
            )
            self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket, conn_id: int) -> None:
        conn = _Conn(self, sock, conn_id)
        try:
            while not self.stopping.is_set():
                request = conn.read_request()
                if request is None:
                    break
                with self._lock:
                    self.requests.append(request)
                    self._lock.notify_all()
                conn.request = request
                reply = self._next_reply(request)
                if not all(step(conn) for step in reply.steps):
                    break
                if request.headers.get("connection", "").lower() == "close":
                    break
        except OSError:
            pass
        finally:
            try:
                sock.close()
            finally:
                with self._lock:
                    self._sockets.discard(sock)
                    self.events.append(("close", conn_id))
                    self._lock.notify_all()
