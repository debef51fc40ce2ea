"""Reconnection, the send queue and the handlers beyond what the drop-in programs compare with
the official SDK (tests/drop_in/test_realtime_reconnect.py): the backoff and attempt budget,
bad arguments, closing during a reconnection, the order of frames sent from other threads while
reconnecting, binary frames in the queue, the handler registry's rules."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosedError

import typed_openai
from tests.support.websocket_server import WebSocketServer, running_server
from typed_openai.lib._realtime._handlers import HandlerRegistry
from typed_openai.lib._realtime._reconnect import ReconnectPolicy, is_recoverable_close
from typed_openai.lib._realtime._send_queue import SendQueue


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


def policy(calls: list[Any], **settings: Any) -> ReconnectPolicy:
    def record(event: Any) -> None:
        calls.append(event)

    options: dict[str, Any] = {"max_retries": 5, "initial_delay": 0.5, "max_delay": 8.0}
    return ReconnectPolicy(record, extra_query={}, extra_headers={}, **(options | settings))


def test_backoff_doubles_to_the_cap_with_jitter_and_the_budget_ends() -> None:
    calls: list[Any] = []
    reconnect = policy(calls, max_retries=6, initial_delay=0.5, max_delay=4.0)
    delays = [reconnect.next_attempt(1006) for _ in range(7)]
    assert delays.pop() is None  # six attempts, then none
    for delay, ceiling in zip(delays, [0.5, 1.0, 2.0, 4.0, 4.0, 4.0], strict=True):
        assert delay is not None and 0.75 * ceiling <= delay <= ceiling
    assert [event.attempt for event in calls] == [1, 2, 3, 4, 5, 6]
    assert {event.max_attempts for event in calls} == {6}
    assert {event.close_code for event in calls} == {1006}


def test_only_an_event_other_than_error_refills_the_budget() -> None:
    reconnect = policy([], max_retries=2)
    reconnect.next_attempt(1012)
    reconnect.saw_progress(b'{"type": "error", "error": {}}')
    reconnect.saw_progress(b"not json")
    reconnect.saw_progress(b'["a list"]')
    assert reconnect.attempts_used == 1
    reconnect.saw_progress(b'{"type": "session.updated"}')
    assert reconnect.attempts_used == 0


def test_recoverable_close_codes() -> None:
    assert [c for c in range(1000, 1016) if is_recoverable_close(c)] == [
        1001,
        1005,
        1006,
        1011,
        1012,
        1013,
        1015,
    ]
    assert not is_recoverable_close(4000)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"max_retries": -1}, ValueError, "max_retries must not be negative"),
        ({"initial_delay": -0.5}, ValueError, "initial_delay must not be negative"),
        ({"max_queue_size": -1}, ValueError, "max_queue_size must not be negative"),
        ({"on_reconnecting": "yes"}, TypeError, "on_reconnecting must be a callable"),
    ],
)
def test_bad_arguments_are_named(arguments: dict[str, Any], error: type, message: str) -> None:
    client = typed_openai.OpenAI(api_key="k")
    with pytest.raises(error, match=message):
        client.realtime.connect(model="m", **arguments)


def test_a_handler_must_be_callable() -> None:
    manager = typed_openai.OpenAI(api_key="k").realtime.connect(model="m")
    with pytest.raises(TypeError, match=r"'response\.done' events must be callable"):
        manager.on("response.done", "print")  # pyright: ignore[reportArgumentType, reportCallIssue]


def test_registry_keeps_duplicates_removes_the_earliest_and_uses_up_once() -> None:
    registry = HandlerRegistry()
    calls: list[str] = []

    def a(event: object) -> None:
        calls.append("a")

    def b(event: object) -> None:
        calls.append("b")

    registry.add("x", a)
    registry.add("x", b, once=True)
    registry.add("x", a)
    assert registry.take("x") == [a, b, a]
    assert registry.take("x") == [a, a]  # b was once
    registry.remove("x", a)
    assert registry.take("x") == [a]
    registry.remove("x", b)  # not there: nothing
    other = HandlerRegistry()
    registry.move_to(other)
    assert registry.take("x") == [] and other.take("x") == [a]


def test_send_queue_counts_bytes_and_keeps_frame_kinds() -> None:
    queue = SendQueue(10)
    queue.put("é" * 4)  # 8 bytes of UTF-8
    with pytest.raises(typed_openai.WebSocketQueueFullError, match="3 bytes does not fit"):
        queue.put(b"abc")
    queue.put(b"ab")
    first = queue.take()
    queue.put_back(first)
    assert queue.drain() == ["éééé", b"ab"] and len(queue) == 0
    queue.put(b"0123456789")  # room again


def test_sync_close_stops_a_reconnection_waiting_to_retry(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", [], close=1012)
    client = typed_openai.OpenAI(api_key="k", base_url=ws_server.url)

    def close_soon(event: Any) -> None:
        threading.Timer(0.2, connection.close).start()

    with client.realtime.connect(
        model="m", on_reconnecting=close_soon, initial_delay=60.0
    ) as connection:
        connection.response.create()
        started = time.monotonic()
        with pytest.raises(ConnectionClosedError):
            list(connection)
        assert time.monotonic() - started < 10  # not the 45-60 s wait
    ws_server.wait_finished(1)
    assert len(ws_server.handshakes) == 1


def test_async_close_stops_a_reconnection_waiting_to_retry(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", [], close=1012)

    async def program() -> float:
        client = typed_openai.AsyncOpenAI(api_key="k", base_url=ws_server.url)
        tasks: list[asyncio.Task[None]] = []

        async def close_soon() -> None:
            await asyncio.sleep(0.2)
            await connection.close()

        def on_reconnecting(event: Any) -> None:
            tasks.append(asyncio.get_running_loop().create_task(close_soon()))

        async with client.realtime.connect(
            model="m", on_reconnecting=on_reconnecting, initial_delay=60.0
        ) as connection:
            await connection.response.create()
            started = time.monotonic()
            with pytest.raises(ConnectionClosedError):
                async for _ in connection:
                    pass
            await asyncio.gather(*tasks)
            return time.monotonic() - started

    assert asyncio.run(program()) < 10
    ws_server.wait_finished(1)
    assert len(ws_server.handshakes) == 1


def test_frames_sent_from_another_thread_across_a_reconnection_keep_their_order(
    ws_server: WebSocketServer,
) -> None:
    ws_server.on("response.create", [], close=1012)
    ws_server.on("response.cancel", [], close=1000)
    client = typed_openai.OpenAI(api_key="k", base_url=ws_server.url)
    audio = [{"type": "input_audio_buffer.append", "audio": str(n)} for n in range(60)]
    threads: list[threading.Thread] = []

    def sender() -> None:
        for frame in audio:  # spread over the reconnection's wait and after it
            connection.send(frame)
            time.sleep(0.002)
        connection.send({"type": "response.cancel"})

    def on_reconnecting(event: Any) -> None:
        threads.append(threading.Thread(target=sender))
        threads[-1].start()

    with client.realtime.connect(
        model="m", on_reconnecting=on_reconnecting, initial_delay=0.05
    ) as connection:
        connection.response.create()
        assert list(connection) == []
    threads[0].join(10)
    ws_server.wait_finished(2)
    assert ws_server.frames == [{"type": "response.create"}, *audio, {"type": "response.cancel"}]


def test_binary_frames_wait_in_the_queue_as_binary(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", [], close=1012)
    client = typed_openai.OpenAI(api_key="k", base_url=ws_server.url)

    def give_up_after_queueing(event: Any) -> Any:
        connection.send_raw(b"\xff\x00")
        connection.send_raw(b'{"type": "input_audio_buffer.clear"}')
        return {"abort": True}

    with client.realtime.connect(model="m", on_reconnecting=give_up_after_queueing) as connection:
        connection.response.create()
        with pytest.raises(typed_openai.WebSocketConnectionClosedError) as raised:
            list(connection)
    assert raised.value.unsent_frames == [b"\xff\x00", b'{"type": "input_audio_buffer.clear"}']
    assert raised.value.unsent_messages == ['{"type": "input_audio_buffer.clear"}']
    assert isinstance(raised.value.__cause__, ConnectionClosedError)
