"""A keep-alive HTTP/1.1 server on 127.0.0.1 that fails a seeded share of requests, for load tests.

Unlike ``tests/support/server.py`` it records no requests (only counters), so a long run does not
grow the process's memory, and it decides each request's fate from a hash of
``(seed, call id, attempt number)``, so the fate of every call is known in advance whatever
order the concurrent requests arrive in (``fate(call, attempt)``):

- ``ok``: 200 with a JSON body naming the call (``chatcmpl-<call>`` / the model id in the path),
  or for a request with ``"stream":true`` an event stream whose deltas spell the call id;
- ``500`` / ``502`` / ``503``: a JSON error (503 with ``retry-after-ms: 20``);
- ``reset``: the request is read, then the connection is reset (TCP RST, no status line).

The call id comes from the ``x-soak-call`` request header; the attempt number from the client's
retry-count header. ``GET /__stats`` answers the counters (not counted itself; each call comes on
a connection of its own).

Load tests run it in a child process (``python -m tests.reliability.faulty_server --seed ...``,
which prints its URL and serves until its stdin closes; ``SpawnedServer``): in the test's
own process its threads would compete with the client for the GIL, and its sockets and memory
would blur the client's figures.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import socket
import struct
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any, Final

FAULT_STATUSES: Final = (500, 502, 503)
REASONS: Final = {200: "OK", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Unavailable"}


class FaultyServer:
    def __init__(
        self,
        *,
        seed: int,
        error_rate: float,
        reset_rate: float,
        retry_count_header: str,
        listen: bool = True,
    ) -> None:
        self.seed = seed
        self.error_rate = error_rate
        self.reset_rate = reset_rate
        self._retry_header = retry_count_header.lower().encode()
        self.counts: Counter[str] = Counter()
        self.opened = 0
        self.closed = 0
        self.stats_calls = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        if not listen:  # only the fate oracle is wanted
            return
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=512)
        self._listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)

    # --- the fate of each attempt -------------------------------------------------------------

    def _unit(self, call: str, attempt: int, salt: str) -> float:
        digest = hashlib.blake2b(f"{self.seed}:{call}:{attempt}:{salt}".encode(), digest_size=8)
        return int.from_bytes(digest.digest(), "big") / 2**64

    def fate(self, call: str, attempt: int) -> str:
        draw = self._unit(call, attempt, "fate")
        if draw < self.reset_rate:
            return "reset"
        if draw < self.reset_rate + self.error_rate:
            pick = int(self._unit(call, attempt, "status") * len(FAULT_STATUSES))
            return str(FAULT_STATUSES[pick])
        return "ok"

    # --- lifecycle ----------------------------------------------------------------------------

    @property
    def open_connections(self) -> int:
        with self._lock:
            return self.opened - self.closed

    def __enter__(self) -> FaultyServer:
        self._acceptor.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        self._acceptor.join(timeout=5)
        self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self.opened += 1
                self._sockets.add(sock)
                self._threads = [t for t in self._threads if t.is_alive()]
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            self._threads.append(thread)
            thread.start()

    # --- one connection -----------------------------------------------------------------------

    def _serve(self, sock: socket.socket) -> None:
        buffer = b""
        try:
            while not self._stopping.is_set():
                while b"\r\n\r\n" not in buffer:
                    data = sock.recv(65536)
                    if not data:
                        return
                    buffer += data
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                lines = head.split(b"\r\n")
                target = lines[0].split(b" ")[1].decode()
                headers = {}
                for line in lines[1:]:
                    name, _, value = line.partition(b":")
                    headers[name.strip().lower()] = value.strip()
                length = int(headers.get(b"content-length", b"0"))
                while len(buffer) < length:
                    data = sock.recv(65536)
                    if not data:
                        return
                    buffer += data
                body, buffer = buffer[:length], buffer[length:]
                if target == "/__stats":
                    with self._lock:
                        # Neither counts include the connections that asked for the figures.
                        self.stats_calls += 1
                        opened = self.opened - self.stats_calls
                        open_now = self.opened - self.closed - 1
                        stats = json.dumps(
                            {**self.counts, "opened": opened, "open": open_now}
                        ).encode()
                    sock.sendall(
                        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                        + f"content-length: {len(stats)}\r\n\r\n".encode()
                        + stats
                    )
                    continue
                call = headers.get(b"x-soak-call", b"?").decode()
                attempt = int(headers.get(self._retry_header, b"0"))
                fate = self.fate(call, attempt)
                with self._lock:
                    self.counts["requests"] += 1
                    self.counts[fate] += 1
                if fate == "reset":
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                streamed = b'"stream":true' in body
                sock.sendall(self._answer(fate, call, target, streamed))
        except OSError:
            pass
        finally:
            sock.close()
            with self._lock:
                self.closed += 1
                self._sockets.discard(sock)

    def _answer(self, fate: str, call: str, target: str, streamed: bool) -> bytes:
        extra = ""
        if fate == "ok" and streamed:
            return _event_stream(call)
        if fate == "ok":
            status = 200
            if "/models/" in target:
                body: object = {"id": target.rsplit("/", 1)[1], "object": "model", "created": 1}
            else:
                body = {
                    "id": f"chatcmpl-{call}",
                    "object": "chat.completion",
                    "created": 1,
                    "model": "m",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": call, "refusal": None},
                            "finish_reason": "stop",
                            "logprobs": None,
                        }
                    ],
                }
        else:
            status = int(fate)
            body = {"error": {"message": f"injected {status}", "type": "server_error"}}
            if status == 503:
                extra = "retry-after-ms: 20\r\n"
        data = json.dumps(body).encode()
        head = (
            f"HTTP/1.1 {status} {REASONS[status]}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(data)}\r\n{extra}\r\n"
        )
        return head.encode() + data


def _event_stream(call: str) -> bytes:
    """The call id as two content deltas, then ``[DONE]``."""
    events = []
    for part in (call[:1], call[1:]):
        chunk = {
            "id": f"chatcmpl-{call}",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "m",
            "choices": [{"index": 0, "delta": {"content": part}, "finish_reason": None}],
        }
        events.append(f"data: {json.dumps(chunk)}\n\n")
    data = ("".join(events) + "data: [DONE]\n\n").encode()
    head = (
        f"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: {len(data)}\r\n\r\n"
    )
    return head.encode() + data


class SpawnedServer:
    """A ``FaultyServer`` in a child process; ``fate`` is computed locally with the same seed."""

    def __init__(self, **settings: Any) -> None:
        self.settings = settings
        self.oracle = FaultyServer(**settings, listen=False)
        self._process: subprocess.Popen[str] | None = None
        self.url = ""

    def fate(self, call: str, attempt: int) -> str:
        return self.oracle.fate(call, attempt)

    def stats(self) -> dict[str, int]:
        import httpx

        with httpx.Client(trust_env=False, timeout=10) as http:
            return http.get(self.url + "/__stats").json()

    def __enter__(self) -> SpawnedServer:
        root = Path(__file__).resolve().parents[2]
        args = [f"--{name.replace('_', '-')}={value}" for name, value in self.settings.items()]
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.faulty_server", *args],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        self.url = self._process.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            self.__exit__()
            raise RuntimeError(f"the faulty server did not start: {self.url!r}")
        return self

    def __exit__(self, *exc_info: object) -> None:
        process = self._process
        if process is None:
            return
        assert process.stdin is not None and process.stdout is not None
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
        self._process = None


def _main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--error-rate", type=float, required=True)
    parser.add_argument("--reset-rate", type=float, required=True)
    parser.add_argument("--retry-count-header", required=True)
    options = parser.parse_args()
    with FaultyServer(
        seed=options.seed,
        error_rate=options.error_rate,
        reset_rate=options.reset_rate,
        retry_count_header=options.retry_count_header,
    ) as server:
        print(server.url, flush=True)
        sys.stdin.read()  # serve until the parent closes our stdin (or goes away)


if __name__ == "__main__":
    _main()
