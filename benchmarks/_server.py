"""The benchmark's loopback HTTP/1.1 server: canned bytes, keep-alive, its own process.

Every contender talks to the same server with the same payloads. It runs in a separate process
so it never competes with the client under test for the GIL (on a 2-core machine the client gets
one core and the server the other), and it does no per-request work beyond finding the end of the
request and writing pre-built response bytes, so it is not the bottleneck.

Protocol (all on 127.0.0.1):

- ``POST /_bench/register/<name>`` with header ``x-bench-content-type`` and the response body as
  request body: from then on any request whose path starts with ``/<name>/`` is answered with
  that body (status 200, ``content-length`` framing, keep-alive).
- Anything else is a 404.

Run ``python -m benchmarks._server``; it prints the port on its first stdout line.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
from dataclasses import dataclass, field

import httpx

_REGISTER_PREFIX = b"/_bench/register/"
_NOT_FOUND = (
    b"HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\ncontent-length: 9\r\n\r\nnot found"
)
_REGISTERED = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"


def _response_bytes(content_type: bytes, body: bytes) -> bytes:
    head = (
        b"HTTP/1.1 200 OK\r\ncontent-type: "
        + content_type
        + b"\r\ncontent-length: "
        + str(len(body)).encode()
        + b"\r\nx-request-id: req_bench\r\n\r\n"
    )
    return head + body


@dataclass
class _Routes:
    by_name: dict[bytes, bytes] = field(default_factory=dict)

    def answer(self, target: bytes, headers: dict[bytes, bytes], body: bytes) -> bytes:
        if target.startswith(_REGISTER_PREFIX):
            name = target[len(_REGISTER_PREFIX) :]
            content_type = headers.get(b"x-bench-content-type", b"application/json")
            self.by_name[name] = _response_bytes(content_type, body)
            return _REGISTERED
        name = target[1:].split(b"/", 1)[0]
        return self.by_name.get(name, _NOT_FOUND)


class _Connection(asyncio.Protocol):
    def __init__(self, routes: _Routes) -> None:
        self._routes = routes
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while self._answer_one():
            pass

    def _answer_one(self) -> bool:
        """Answer the first complete request in the buffer; False when more bytes are needed."""
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            return False
        lines = bytes(self._buffer[:end]).split(b"\r\n")
        headers: dict[bytes, bytes] = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get(b"content-length", b"0"))
        if len(self._buffer) < end + 4 + length:
            return False
        body = bytes(self._buffer[end + 4 : end + 4 + length])
        del self._buffer[: end + 4 + length]
        parts = lines[0].split(b" ")
        target = parts[1] if len(parts) > 1 else b"/"
        assert self._transport is not None
        self._transport.write(self._routes.answer(target, headers, body))
        return True


async def _serve() -> None:
    routes = _Routes()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Connection(routes), "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    async with server:
        await server.serve_forever()


class BenchServer:
    """Handle on the server process: start it, register payloads, stop it."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks._server"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        self.port = int(self._process.stdout.readline())
        self.url = f"http://127.0.0.1:{self.port}"
        self._control = httpx.Client(base_url=self.url, timeout=60)

    def register(self, name: str, body: bytes, content_type: str = "application/json") -> str:
        """Serve ``body`` under ``/<name>/``; return that base URL."""
        response = self._control.post(
            f"/_bench/register/{name}", content=body, headers={"x-bench-content-type": content_type}
        )
        response.raise_for_status()
        return f"{self.url}/{name}"

    def close(self) -> None:
        self._control.close()
        self._process.terminate()
        self._process.wait(timeout=10)
        if self._process.stdout is not None:
            self._process.stdout.close()

    def __enter__(self) -> BenchServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve())
