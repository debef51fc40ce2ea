"""Retries: the pure decision/delay functions, and the retry loops against the loopback server."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Iterator

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import (
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
    RequestOptions,
)
from typed_openai._core._retries import retry_delay, server_retry_hint, should_retry_status

from .conftest import AsyncExampleClient, ExampleClient

# --- pure decision ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, False),
        (401, False),
        (404, False),
        (408, True),
        (409, True),
        (422, False),
        (429, True),
        (500, True),
        (502, True),
        (503, True),
        (599, True),
    ],
)
def test_should_retry_status(status: int, expected: bool) -> None:
    assert should_retry_status(status, {}) is expected


def test_should_retry_header_overrides_status() -> None:
    assert should_retry_status(400, {"x-should-retry": "true"}) is True
    assert should_retry_status(500, {"x-should-retry": "false"}) is False
    assert should_retry_status(500, {"x-should-retry": "maybe"}) is True


# --- pure delay -----------------------------------------------------------------------------------


def test_backoff_doubles_and_is_capped_without_jitter() -> None:
    delays = [retry_delay(n, None, initial=0.5, maximum=8.0, jitter=lambda: 0.0) for n in range(7)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


def test_jitter_removes_at_most_a_quarter() -> None:
    assert retry_delay(0, None, initial=1.0, jitter=lambda: 1.0) == 0.75
    assert retry_delay(0, None, initial=1.0, jitter=lambda: 0.5) == 0.875


def test_retry_after_ms_wins_over_retry_after() -> None:
    headers = {"retry-after-ms": "250", "retry-after": "10"}
    assert retry_delay(0, headers) == 0.25


def test_retry_after_seconds_and_http_date() -> None:
    assert retry_delay(3, {"retry-after": "2"}) == 2.0
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 5, usegmt=True)
    assert server_retry_hint({"retry-after": date}, now=lambda: now) == pytest.approx(5.0)
    assert retry_delay(0, {"retry-after": date}, now=lambda: now) == pytest.approx(5.0)


@pytest.mark.parametrize("value", ["0", "-1", "121", "3600", "soon", "", "inf", "nan", "1e999"])
def test_unreasonable_or_invalid_hints_fall_back_to_backoff(value: str) -> None:
    assert retry_delay(0, {"retry-after": value}, initial=0.5, jitter=lambda: 0.0) == 0.5


def test_hints_up_to_two_minutes_are_waited_for() -> None:
    assert retry_delay(0, {"retry-after": "61"}) == 61.0
    assert retry_delay(0, {"retry-after": "120"}) == 120.0
    assert retry_delay(0, {"retry-after-ms": "90000"}) == 90.0


@pytest.mark.parametrize(
    "headers",
    [
        {"retry-after": "121"},
        {"retry-after-ms": "600000"},
        {"retry-after": "1e999"},  # too large for a float: beyond the limit, not "no hint"
        {"retry-after": "300", "x-should-retry": "true"},  # the limit wins over the override
    ],
)
def test_a_wait_longer_than_two_minutes_is_not_retried(headers: dict[str, str]) -> None:
    assert should_retry_status(429, headers) is False


def test_an_infinite_or_unparsable_hint_keeps_the_status_rule() -> None:
    assert should_retry_status(429, {"retry-after": "inf"}) is True
    assert should_retry_status(503, {"retry-after": "Someday, 99 Foo 99999 99:99:99 GMT"}) is True
    assert should_retry_status(429, {"retry-after-ms": "x", "retry-after": "1"}) is True


def test_no_headers_no_hint() -> None:
    assert server_retry_hint(None) is None
    assert server_retry_hint({}) is None
    assert server_retry_hint({"retry-after-ms": "x"}) is None


# --- loops against the server ---------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 409, 429, 500, 503])
def test_retryable_status_is_retried_then_succeeds(
    client: ExampleClient, server: ScriptedServer, status: int
) -> None:
    server.reply(
        Reply.json({"error": {"message": "busy"}}, status=status), Reply.json({"ok": True})
    )
    assert client.post("/x", cast_to=object, body={}) == {"ok": True}
    assert len(server.requests) == 2


def test_non_retryable_status_is_not_retried(client: ExampleClient, server: ScriptedServer) -> None:
    from typed_openai._core import BadRequestError

    server.reply(Reply.json({"error": {"message": "bad"}}, status=400))
    with pytest.raises(BadRequestError):
        client.post("/x", cast_to=object, body={})
    assert len(server.requests) == 1


def test_gives_up_after_max_retries(client: ExampleClient, server: ScriptedServer) -> None:
    server.default = Reply.json({"error": {"message": "down"}}, status=500)
    with pytest.raises(InternalServerError):
        client.get("/x", cast_to=object)
    assert len(server.requests) == 3  # 1 + max_retries (2)


def test_max_retries_per_client_and_per_call(server: ScriptedServer) -> None:
    server.default = Reply.json({}, status=429)
    with ExampleClient(api_key="k", base_url=server.url, max_retries=4) as client:
        with pytest.raises(RateLimitError):
            client.get("/x", cast_to=object)
        assert len(server.requests) == 5
        with pytest.raises(RateLimitError):
            client.get("/x", cast_to=object, options=RequestOptions(max_retries=1))
        assert len(server.requests) == 7
        with pytest.raises(RateLimitError):
            client.with_options(max_retries=0).get("/x", cast_to=object)
        assert len(server.requests) == 8


def test_should_retry_header_is_honoured(client: ExampleClient, server: ScriptedServer) -> None:
    from typed_openai._core import BadRequestError

    server.reply(
        Reply.json({}, status=400, headers={"x-should-retry": "true"}),
        Reply.json({"ok": 1}),
    )
    assert client.get("/x", cast_to=object) == {"ok": 1}
    server.reply(Reply.json({}, status=503, headers={"x-should-retry": "false"}))
    with pytest.raises(InternalServerError):
        client.get("/x", cast_to=object)
    assert len(server.requests) == 3
    assert BadRequestError


def test_retry_count_header_and_same_idempotency_key(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({}, status=500), Reply.json({}, status=500), Reply.json({"id": 1}))
    client.post("/x", cast_to=object, body={"a": 1})
    counts = [r.headers["x-retry-count"] for r in server.requests]
    keys = {r.headers["idempotency-key"] for r in server.requests}
    assert counts == ["0", "1", "2"]
    assert len(keys) == 1 and next(iter(keys)).startswith("retry-")
    assert [r.body for r in server.requests] == [b'{"a":1}'] * 3


def test_each_call_gets_its_own_idempotency_key_and_gets_none(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({}), Reply.json({}), Reply.json({}))
    client.post("/x", cast_to=object, body={})
    client.post("/x", cast_to=object, body={}, options=RequestOptions(idempotency_key="mine"))
    client.get("/x", cast_to=object)
    first, second, get = server.requests
    assert first.headers["idempotency-key"] != second.headers["idempotency-key"] == "mine"
    assert "idempotency-key" not in get.headers


def test_retry_after_ms_is_waited_for(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.json({}, status=429, headers={"retry-after-ms": "150"}), Reply.json({}))
    start = time.monotonic()
    client.get("/x", cast_to=object)
    assert time.monotonic() - start >= 0.15
    first, second = server.requests
    assert second.received_at - first.received_at >= 0.15


def test_backoff_delay_is_tiny_when_configured(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.json({}, status=500), Reply.json({}))
    start = time.monotonic()
    client.get("/x", cast_to=object)
    assert time.monotonic() - start < 0.5


@pytest.mark.parametrize("failure", [Reply.drop, Reply.drop_mid_body])
def test_connection_failures_are_retried(
    client: ExampleClient, server: ScriptedServer, failure: type[Reply]
) -> None:
    server.reply(failure(), Reply.json({"ok": True}))  # pyright: ignore[reportCallIssue]
    assert client.get("/x", cast_to=object) == {"ok": True}
    assert len(server.requests) == 2


def test_connection_failure_after_retries_raises_connection_error(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.default = Reply.drop()
    with pytest.raises(APIConnectionError) as info:
        client.get("/x", cast_to=object)
    assert not isinstance(info.value, APITimeoutError)
    assert len(server.requests) == 3


def test_timeouts_are_retried(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.hang(), Reply.json({"ok": True}))
    assert client.get("/x", cast_to=object, options=RequestOptions(timeout=0.1)) == {"ok": True}
    server.default = Reply.hang()
    with pytest.raises(APITimeoutError):
        client.get("/x", cast_to=object, options=RequestOptions(timeout=0.05, max_retries=1))
    assert len(server.requests) == 4


def test_connect_refused_is_a_connection_error() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound but not listening: connections are refused
        with (
            ExampleClient(
                api_key="k", base_url=f"http://127.0.0.1:{port}", max_retries=1
            ) as client,
            pytest.raises(APIConnectionError),
        ):
            client.get("/x", cast_to=object)


# --- async twins ----------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_retries_status_and_keeps_idempotency_key(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        Reply.json({}, status=429, headers={"retry-after-ms": "50"}),
        Reply.json({}, status=502),
        Reply.json({"ok": 1}),
    )
    assert await async_client.post("/x", cast_to=object, body={}) == {"ok": 1}
    assert [r.headers["x-retry-count"] for r in server.requests] == ["0", "1", "2"]
    assert len({r.headers["idempotency-key"] for r in server.requests}) == 1
    assert server.requests[1].received_at - server.requests[0].received_at >= 0.05


@pytest.mark.anyio
async def test_async_gives_up_and_retries_connection_errors(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.drop(), Reply.json({"ok": 2}))
    assert await async_client.get("/x", cast_to=object) == {"ok": 2}
    server.default = Reply.json({}, status=500)
    with pytest.raises(InternalServerError):
        await async_client.get("/x", cast_to=object, options=RequestOptions(max_retries=1))
    assert len(server.requests) == 4


@pytest.mark.anyio
async def test_async_timeout_error(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.default = Reply.hang()
    with pytest.raises(APITimeoutError):
        await async_client.get(
            "/x", cast_to=object, options=RequestOptions(timeout=0.05, max_retries=0)
        )


def test_retries_resend_the_same_file_and_generator_bodies(
    client: ExampleClient, server: ScriptedServer
) -> None:
    import io
    import os

    server.reply(
        Reply.json({}, status=500), Reply.json({}), Reply.json({}, status=500), Reply.json({})
    )
    client.post(
        "/files", cast_to=object, files={"file": ("a.txt", io.BytesIO(b"file body"), "text/plain")}
    )
    first, second = server.requests
    assert b"file body" in first.body and b"file body" in second.body  # rewound for the retry

    read_end, write_end = os.pipe()
    os.write(write_end, b"piped body")
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        server.reply(Reply.json({}, status=500), Reply.json({}))
        client.post("/files", cast_to=object, files={"file": ("p.txt", pipe, "text/plain")})
    assert all(
        b"piped body" in r.body for r in server.requests[-2:]
    )  # a pipe cannot rewind: read once

    def chunks() -> Iterator[bytes]:
        yield b"part one, "
        yield b"part two"

    client.post(
        "/raw", cast_to=object, body=chunks(), headers={"Content-Type": "application/octet-stream"}
    )
    assert [r.body for r in server.requests[-2:]] == [b"part one, part two"] * 2
