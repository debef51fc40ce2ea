"""A scriptable websocket server on 127.0.0.1 for the Realtime connection's tests.

It runs the ``websockets`` package's threaded server, so one fixture serves sync and async
clients. A test scripts what the server sends back for each client event ``type`` and reads what
it received::

    server.on("response.create", [{"type": "response.output_text.delta", ...}], close=1000)
    with client.realtime.connect(model="m") as connection:
        ...
    assert server.frames == [{"type": "response.create"}]
    assert server.handshakes[0].path == "/v1/realtime?model=m"

``replies`` may also be a function of the frame received that returns the replies (a server
answering a follow-up differently, e.g. by its ``previous_response_id``). ``close=`` closes the
connection after those replies with that code (1000 a normal close; an
error code such as 1011 makes the client's iteration raise; 1012, a restart, makes a client
given ``on_reconnecting`` reconnect; ``ABNORMAL``, 1006, drops the TCP connection with no close
frame). ``refuse(n)`` answers the next ``n`` handshakes with HTTP
503 (a failed reconnection attempt); ``refused`` counts them. ``server.url`` is the client's
``base_url`` (``http://127.0.0.1:<port>/v1``). Read what was received after
``wait_finished(n)`` for the ``n`` connections made (the client may be done before the server has read its last frames).
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from websockets.http11 import Request, Response
from websockets.sync.server import ServerConnection, serve

ABNORMAL = 1006  # not a code sent: the connection is dropped without a close frame


@dataclass
class Handshake:
    path: str  # with the query
    headers: dict[str, str]  # lower-case names


Replies = list[dict[str, Any]] | Callable[[dict[str, Any]], list[dict[str, Any]]]


@dataclass
class _Script:
    replies: Replies
    close: int | None


@dataclass
class WebSocketServer:
    handshakes: list[Handshake] = field(default_factory=list)
    frames: list[Any] = field(default_factory=list)  # decoded JSON (raw text when not JSON)
    scripts: dict[str, _Script] = field(default_factory=dict)
    port: int = 0
    finished: int = 0  # connections whose handler is done (everything received is recorded)
    refused: int = 0  # handshakes answered with 503
    _to_refuse: int = 0
    _changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def on(self, event_type: str, replies: Replies, *, close: int | None = None) -> None:
        self.scripts[event_type] = _Script(replies, close)

    def refuse(self, handshakes: int) -> None:
        """Answer the next ``handshakes`` opening handshakes with HTTP 503."""
        with self._changed:
            self._to_refuse = handshakes

    def reset(self) -> None:
        """Forget what was received (the scripts stay): for running a second client, once the
        first one's connections are finished."""
        self.handshakes.clear()
        self.frames.clear()
        self.finished = 0
        self.refused = 0
        self._to_refuse = 0

    def screen(self, connection: ServerConnection, request: Request) -> Response | None:
        """websockets' ``process_request``: a 503 for a handshake to refuse, else None (go on).

        An accepted handshake is recorded here, before its answer is sent: the handler runs on
        the connection's own thread after the answer, so a client quick to close and reconnect
        could have its next handshake recorded first."""
        with self._changed:
            if self._to_refuse <= 0:
                headers = {name.lower(): value for name, value in request.headers.raw_items()}
                self.handshakes.append(Handshake(request.path, headers))
                return None
            self._to_refuse -= 1
            self.refused += 1
        return connection.respond(503, "refused by the test\n")

    def wait_finished(self, connections: int, timeout: float = 10.0) -> None:
        """Wait until ``connections`` connections are closed and their frames recorded: the
        client may be done before the server's handler has read the last frames."""
        with self._changed:
            done = self._changed.wait_for(lambda: self.finished >= connections, timeout)
        assert done, f"{connections - self.finished} websocket connection(s) still open"

    def handle(self, connection: ServerConnection) -> None:
        try:
            self._serve(connection)
        finally:
            with self._changed:
                self.finished += 1
                self._changed.notify_all()

    def _serve(self, connection: ServerConnection) -> None:
        for message in connection:
            try:
                frame = json.loads(message)
            except ValueError:
                frame = message
            self.frames.append(frame)
            script = self.scripts.get(str(frame.get("type"))) if isinstance(frame, dict) else None
            if script is None:
                continue
            replies = script.replies(frame) if callable(script.replies) else script.replies
            for reply in replies:
                connection.send(json.dumps(reply))
            if script.close == ABNORMAL:
                # a lost connection: the TCP connection ends with no close frame
                connection.socket.shutdown(socket.SHUT_RDWR)
                return
            if script.close is not None:
                connection.close(code=script.close, reason="scripted")
                return


@contextmanager
def running_server() -> Iterator[WebSocketServer]:
    """A started server (a test module's fixture yields from it), stopped on leaving."""
    state = WebSocketServer()
    with serve(state.handle, "127.0.0.1", 0, process_request=state.screen) as server:
        state.port = server.socket.getsockname()[1]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield state
        finally:
            server.shutdown()
            thread.join(5)
