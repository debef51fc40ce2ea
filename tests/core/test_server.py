"""The scriptable loopback server itself (other helpers' tests rely on this behaviour)."""

from __future__ import annotations

import socket

import anyio
import httpx
import pytest

from tests.support.server import Reply, ScriptedServer


def test_records_requests_and_replies_in_order(server: ScriptedServer) -> None:
    server.reply(Reply.json({"n": 1}), Reply.raw(b"two", status=201, headers={"X-A": "a"}))
    with httpx.Client(base_url=server.url) as http:
        first = http.post("/a?x=1&x=2", json={"k": "v"}, headers={"X-Test": "t"})
        second = http.get("/b")
    assert first.json() == {"n": 1}
    assert (second.status_code, second.content, second.headers["x-a"]) == (201, b"two", "a")
    request = server.requests[0]
    assert (request.method, request.path, request.query) == ("POST", "/a", [("x", "1"), ("x", "2")])
    assert request.headers["x-test"] == "t" and request.json() == {"k": "v"}
    assert server.opened == 1  # keep-alive


def test_routes_take_precedence_and_the_last_route_reply_repeats(server: ScriptedServer) -> None:
    server.route("GET", "/r", Reply.json(1), Reply.json(2))
    server.reply(Reply.json("queued"))
    with httpx.Client(base_url=server.url) as http:
        assert [http.get("/r").json() for _ in range(3)] == [1, 2, 2]
        assert http.get("/other").json() == "queued"
        assert http.get("/other").status_code == 404  # nothing scripted: a loud default


def test_drop_before_status_line_and_connection_events(server: ScriptedServer) -> None:
    server.reply(Reply.drop())
    with httpx.Client(base_url=server.url) as http, pytest.raises(httpx.RemoteProtocolError):
        http.get("/x")
    server.wait_for_closed(1)
    assert server.events == [("open", 1), ("close", 1)]


def test_chunked_request_bodies_are_read(server: ScriptedServer) -> None:
    server.reply(Reply.json({}))
    with httpx.Client(base_url=server.url) as http:
        http.post("/x", content=iter([b"ab", b"cd"]))
    assert server.requests[0].body == b"abcd"


def test_stop_ends_hung_connections_quickly() -> None:
    with ScriptedServer() as scripted:
        scripted.reply(Reply.hang())
        sock = socket.create_connection(("127.0.0.1", scripted.port))
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        scripted.wait_for_requests(1)
    assert sock.recv(10) == b""
    sock.close()


@pytest.mark.anyio
async def test_async_wait_for_requests(server: ScriptedServer) -> None:
    server.reply(Reply.after(0.05, Reply.json({})))
    requests = []
    async with httpx.AsyncClient(base_url=server.url) as http, anyio.create_task_group() as tg:
        tg.start_soon(http.get, "/late")
        requests = await server.wait_for_requests_async(1)
    assert requests[0].path == "/late"


def test_dynamic_replies_see_the_request(server: ScriptedServer) -> None:
    server.default = Reply.dynamic(
        lambda request: Reply.json({"echo": request.path, "n": len(server.requests)})
    )
    with httpx.Client(base_url=server.url) as http:
        assert http.get("/one").json() == {"echo": "/one", "n": 1}
        assert http.get("/two").json() == {"echo": "/two", "n": 2}
