"""The Realtime connection's reconnection, handler API and beta URL scheme: the same programs
run against both SDKs over the loopback websocket server (tests/support/websocket_server.py).

What is compared: every handshake (path with query, the headers both send), every frame the
server received, handshakes refused, and what the program saw (events, the `ReconnectingEvent`s
given to `on_reconnecting` but their random delay, which is checked against its bounds, the
exception that ended it and the messages it carried).
"""

from __future__ import annotations

import asyncio
import dataclasses
import socket
import threading
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.drop_in.conftest import API_KEY, official
from tests.support.websocket_server import ABNORMAL, WebSocketServer, running_server

COMPARED_HEADERS = ("authorization", "x-extra")


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


def delta(text: str, event_id: str) -> dict[str, Any]:
    return {
        "type": "response.output_text.delta",
        "event_id": event_id,
        "response_id": "resp_1",
        "item_id": "item_1",
        "output_index": 0,
        "content_index": 0,
        "delta": text,
    }


DONE = {
    "type": "response.done",
    "event_id": "ev_done",
    "response": {"id": "resp_1", "object": "realtime.response", "status": "completed"},
}
ERROR = {
    "type": "error",
    "event_id": "ev_err",
    "error": {"type": "server_error", "code": "busy", "message": "try later", "param": None},
}


def observed(server: WebSocketServer, seen: dict[str, Any]) -> dict[str, Any]:
    """One run: what the server saw and what the program saw."""
    server.wait_finished(len(server.handshakes))
    result = {
        "paths": [handshake.path for handshake in server.handshakes],
        "headers": [
            {k: v for k, v in handshake.headers.items() if k in COMPARED_HEADERS}
            for handshake in server.handshakes
        ],
        "frames": list(server.frames),
        "refused": server.refused,
        **seen,
    }
    server.reset()
    return result


def both(server: WebSocketServer, program: Callable[[ModuleType], dict[str, Any]]) -> Any:
    ours = observed(server, program(typed_openai))
    theirs = observed(server, program(official()))
    assert ours == theirs
    return ours


def async_both(server: WebSocketServer, program: Callable[[ModuleType], Any]) -> Any:
    return both(server, lambda sdk: asyncio.run(program(sdk)))


class Recorder:
    """An `on_reconnecting` callback recording what it is told, then running `then` (which may
    send, and whose result is returned as the overrides)."""

    def __init__(self, then: Callable[[Any], Any] = lambda event: None) -> None:
        self.events: list[Any] = []
        self.then = then

    def __call__(self, event: Any) -> Any:
        self.events.append(event)
        return self.then(event)

    def summary(self, initial_delay: float, max_delay: float) -> list[dict[str, Any]]:
        """The events without their delay, once each delay is checked against the backoff:
        `initial_delay` doubled per attempt, at most `max_delay`, times a factor in [0.75, 1]."""
        result = []
        for event in self.events:
            fields = dataclasses.asdict(event)
            backoff = min(initial_delay * 2 ** (event.attempt - 1), max_delay)
            assert 0.75 * backoff <= fields.pop("delay") <= backoff, event
            result.append(fields)
        return result


def ended(exc: BaseException) -> dict[str, Any]:
    """How a program ended, comparable across the SDKs."""
    code = getattr(getattr(exc, "rcvd", None), "code", None)
    return {
        "raised": type(exc).__name__,
        "code": code,
        "unsent": getattr(exc, "unsent_messages", None),
    }


def test_sync_reconnects_with_overrides_and_sends_what_was_queued(
    ws_server: WebSocketServer,
) -> None:
    ws_server.on("response.create", [delta("Hel", "ev_1")], close=1012)  # a service restart
    ws_server.on("input_audio_buffer.commit", [delta("lo", "ev_2"), DONE], close=1000)

    def program(sdk: ModuleType) -> dict[str, Any]:
        def then(event: Any) -> Any:
            connection.input_audio_buffer.commit()  # while reconnecting: queued, sent after
            return {"extra_query": {"resume": "1"}, "extra_headers": {"X-Extra": "again"}}

        recorder = Recorder(then)
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(
            model="gpt-realtime",
            extra_headers={"X-Extra": "first"},
            on_reconnecting=recorder,
            initial_delay=0.01,
        ) as connection:
            connection.response.create()
            events = [event.type for event in connection]
        return {"events": events, "reconnecting": recorder.summary(0.01, 8.0)}

    ours = both(ws_server, program)
    assert ours["paths"] == [
        "/v1/realtime?model=gpt-realtime",
        "/v1/realtime?model=gpt-realtime&resume=1",
    ]
    assert [h["x-extra"] for h in ours["headers"]] == ["first", "again"]
    assert ours["frames"] == [{"type": "response.create"}, {"type": "input_audio_buffer.commit"}]
    assert ours["events"] == [
        "response.output_text.delta",
        "response.output_text.delta",
        "response.done",
    ]
    assert ours["reconnecting"] == [
        {
            "attempt": 1,
            "max_attempts": 5,
            "close_code": 1012,
            "extra_query": {},
            "extra_headers": {"X-Extra": "first"},
        }
    ]


def test_async_reconnects_and_sends_what_other_tasks_sent_meanwhile(
    ws_server: WebSocketServer,
) -> None:
    ws_server.on("response.create", [delta("Hel", "ev_1")], close=1011)  # internal error
    ws_server.on("input_audio_buffer.commit", [DONE], close=1000)

    async def program(sdk: ModuleType) -> dict[str, Any]:
        pending: list[asyncio.Task[None]] = []

        def then(event: Any) -> None:
            # another task sends during the reconnection's wait: queued until it is done
            pending.append(asyncio.get_running_loop().create_task(send_later()))

        async def send_later() -> None:
            await connection.input_audio_buffer.commit()

        recorder = Recorder(then)
        client = sdk.AsyncOpenAI(api_key=API_KEY, base_url=ws_server.url)
        async with client.realtime.connect(
            model="m", on_reconnecting=recorder, initial_delay=0.05, max_retries=3
        ) as connection:
            await connection.response.create()
            events = [event.type async for event in connection]
        await asyncio.gather(*pending)
        return {"events": events, "reconnecting": recorder.summary(0.05, 8.0)}

    ours = async_both(ws_server, program)
    assert ours["paths"] == ["/v1/realtime?model=m"] * 2
    assert ours["frames"] == [{"type": "response.create"}, {"type": "input_audio_buffer.commit"}]
    assert ours["events"] == ["response.output_text.delta", "response.done"]
    assert [(e["attempt"], e["max_attempts"], e["close_code"]) for e in ours["reconnecting"]] == [
        (1, 3, 1011)
    ]


@pytest.mark.parametrize("code", [1008, 1003, 4000])  # policy violation, bad data, an app code
def test_an_unrecoverable_close_is_raised_without_reconnecting(
    ws_server: WebSocketServer, code: int
) -> None:
    ws_server.on("response.create", [], close=code)

    def program(sdk: ModuleType) -> dict[str, Any]:
        recorder = Recorder()
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(model="m", on_reconnecting=recorder) as connection:
            connection.response.create()
            try:
                list(connection)
            except Exception as exc:
                return {**ended(exc), "calls": len(recorder.events)}
        return {"raised": None}

    ours = both(ws_server, program)
    assert ours["raised"] == "ConnectionClosedError" and ours["code"] == code
    assert ours["calls"] == 0 and len(ours["paths"]) == 1


def test_no_callback_no_reconnecting(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", [], close=1012)

    def program(sdk: ModuleType) -> dict[str, Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(model="m", initial_delay=0.0) as connection:
            connection.response.create()
            try:
                list(connection)
            except Exception as exc:
                return ended(exc)
        return {"raised": None}

    ours = both(ws_server, program)
    assert ours["raised"] == "ConnectionClosedError" and ours["code"] == 1012
    assert len(ours["paths"]) == 1


def test_abort_stops_reconnecting(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", [], close=1013)  # try again later

    def program(sdk: ModuleType) -> dict[str, Any]:
        recorder = Recorder(lambda event: {"abort": True})
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(model="m", on_reconnecting=recorder) as connection:
            connection.response.create()
            try:
                list(connection)
            except Exception as exc:
                return {**ended(exc), "calls": len(recorder.events)}
        return {"raised": None}

    ours = both(ws_server, program)
    assert ours == {**ours, "raised": "ConnectionClosedError", "code": 1013, "calls": 1}
    assert len(ours["paths"]) == 1


def test_a_failing_callback_stops_reconnecting(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", [], close=1012)

    def program(sdk: ModuleType) -> dict[str, Any]:
        def then(event: Any) -> None:
            raise RuntimeError("no")

        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(model="m", on_reconnecting=Recorder(then)) as connection:
            connection.response.create()
            try:
                list(connection)
            except Exception as exc:
                return ended(exc)
        return {"raised": None}

    ours = both(ws_server, program)
    assert ours["raised"] == "ConnectionClosedError" and ours["code"] == 1012


def test_exhausted_retries_report_the_unsent_messages(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", [], close=1012)

    def program(sdk: ModuleType) -> dict[str, Any]:
        def then(event: Any) -> None:
            connection.send({"type": "input_audio_buffer.clear", "event_id": f"a{event.attempt}"})
            ws_server.refuse(1)  # this attempt's handshake fails (HTTP 503)

        recorder = Recorder(then)
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(
            model="m", on_reconnecting=recorder, max_retries=3, initial_delay=0.01, max_delay=0.02
        ) as connection:
            connection.response.create()
            try:
                list(connection)
            except Exception as exc:
                cause = exc.__cause__
                return {
                    **ended(exc),
                    "cause": type(cause).__name__,
                    "reconnecting": recorder.summary(0.01, 0.02),
                }
        return {"raised": None}

    ours = both(ws_server, program)
    assert ours["raised"] == "WebSocketConnectionClosedError"
    assert ours["cause"] == "ConnectionClosedError"
    assert ours["unsent"] == [
        '{"type": "input_audio_buffer.clear", "event_id": "a1"}',
        '{"type": "input_audio_buffer.clear", "event_id": "a2"}',
        '{"type": "input_audio_buffer.clear", "event_id": "a3"}',
    ]
    assert [e["attempt"] for e in ours["reconnecting"]] == [1, 2, 3]
    assert ours["refused"] == 3 and len(ours["paths"]) == 1


def test_an_event_refills_the_attempts_an_error_does_not(ws_server: WebSocketServer) -> None:
    # 1st connection: dropped. 2nd: only an error event, dropped. 3rd: an event, dropped.
    # 4th: the session ends normally. The attempts: 1, 2 (no progress), then 1 again.
    ws_server.on("response.create", [], close=1012)
    ws_server.on("input_audio_buffer.commit", [ERROR], close=1012)
    ws_server.on("input_audio_buffer.clear", [delta("a", "ev_1")], close=1012)
    ws_server.on("response.cancel", [DONE], close=1000)
    queued = [
        {"type": "input_audio_buffer.commit"},
        {"type": "input_audio_buffer.clear"},
        {"type": "response.cancel"},
    ]

    def program(sdk: ModuleType) -> dict[str, Any]:
        sends = iter(queued)
        recorder = Recorder(lambda event: connection.send(next(sends)))
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(
            model="m", on_reconnecting=recorder, initial_delay=0.01
        ) as connection:
            connection.response.create()
            events = [event.type for event in connection]
        return {"events": events, "reconnecting": recorder.summary(0.01, 8.0)}

    ours = both(ws_server, program)
    assert [e["attempt"] for e in ours["reconnecting"]] == [1, 2, 1]
    assert ours["events"] == ["error", "response.output_text.delta", "response.done"]
    assert ours["frames"] == [{"type": "response.create"}, *queued]


def test_manager_queues_sends_and_handlers_until_entered(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", [delta("Hel", "ev_1"), delta("lo", "ev_2"), DONE], close=1000)
    session = {"type": "realtime", "output_modalities": ["text"]}

    def program(sdk: ModuleType) -> dict[str, Any]:
        got: list[Any] = []

        def twice(event: Any) -> None:
            got.append(("twice", event.event_id))

        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        manager = client.realtime.connect(model="m")
        manager.send({"type": "session.update", "session": session})
        manager.on("response.output_text.delta", lambda event: got.append(("delta", event.delta)))
        chained = manager.on("response.output_text.delta", twice).on(
            "response.output_text.delta", twice
        )
        assert chained is manager
        manager.off("response.output_text.delta", twice)  # one of the two goes

        @manager.once("event")
        def first(event: Any) -> None:
            got.append(("first", event.type))

        with manager as connection:

            @connection.on("response.done")
            def done(event: Any) -> None:
                got.append(("done", event.response.status))

            assert done.__name__ == "done"  # the decorator gives the function back
            connection.response.create()
            connection.dispatch_events()
        return {"got": got}

    ours = both(ws_server, program)
    assert ours["frames"] == [
        {"type": "session.update", "session": session},
        {"type": "response.create"},
    ]
    assert ours["got"] == [
        ("delta", "Hel"),
        ("twice", "ev_1"),
        ("first", "response.output_text.delta"),
        ("delta", "lo"),
        ("twice", "ev_2"),
        ("done", "completed"),
    ]


def test_async_dispatch_awaits_handlers_and_raises_an_unhandled_error(
    ws_server: WebSocketServer,
) -> None:
    ws_server.on("response.create", [delta("Hi", "ev_1"), DONE], close=1000)
    ws_server.on("input_audio_buffer.commit", [ERROR], close=1000)

    async def program(sdk: ModuleType) -> dict[str, Any]:
        got: list[Any] = []
        client = sdk.AsyncOpenAI(api_key=API_KEY, base_url=ws_server.url)
        async with client.realtime.connect(model="m") as connection:

            @connection.on("response.output_text.delta")
            async def on_delta(event: Any) -> None:
                await asyncio.sleep(0)
                got.append(("delta", event.delta))

            connection.on("event", lambda event: got.append(("every", event.type)))
            await connection.response.create()
            await connection.dispatch_events()
        # an error event that no handler takes ends dispatching with OpenAIError
        async with client.realtime.connect(model="m") as connection:
            await connection.input_audio_buffer.commit()
            try:
                await connection.dispatch_events()
            except sdk.OpenAIError as exc:
                got.append(("raised", type(exc).__name__))
        return {"got": got}

    ours = async_both(ws_server, program)
    assert ours["got"] == [
        ("delta", "Hi"),
        ("every", "response.output_text.delta"),
        ("every", "response.done"),
        ("raised", "OpenAIError"),
    ]


def test_a_handled_error_event_does_not_raise(ws_server: WebSocketServer) -> None:
    ws_server.on("input_audio_buffer.commit", [ERROR, DONE], close=1000)

    def program(sdk: ModuleType) -> dict[str, Any]:
        got: list[Any] = []
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(model="m") as connection:
            connection.once("error", lambda event: got.append(event.error.code))
            connection.input_audio_buffer.commit()
            connection.dispatch_events()
        return {"got": got}

    assert both(ws_server, program)["got"] == ["busy"]


def test_a_full_send_queue_refuses_the_message(ws_server: WebSocketServer) -> None:
    ws_server.on("session.update", [], close=1000)

    def program(sdk: ModuleType) -> dict[str, Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        manager = client.realtime.connect(model="m", max_queue_size=60)
        manager.send({"type": "session.update", "session": {"type": "realtime"}})  # 59 bytes
        refused = None
        try:
            manager.send({"type": "input_audio_buffer.clear"})
        except sdk.WebSocketQueueFullError as exc:
            refused = type(exc).__name__
        with manager as connection:
            list(connection)
        return {"refused_with": refused}

    ours = both(ws_server, program)
    assert ours["refused_with"] == "WebSocketQueueFullError"
    assert ours["frames"] == [{"type": "session.update", "session": {"type": "realtime"}}]


def first_bytes_of_a_connection(program: Callable[[str], None]) -> bytes:
    """The first bytes a client sends to a plain TCP listener on loopback (which then hangs up):
    b"GET " for a plain websocket handshake, 0x16 0x03 (a TLS record) for wss."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    received: list[bytes] = []

    def accept() -> None:
        connection, _ = listener.accept()
        with connection:
            received.append(connection.recv(5))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        program(f"http://127.0.0.1:{port}/v1")
    finally:
        thread.join(10)
        listener.close()
    return received[0]


def test_beta_base_url_is_always_tls() -> None:
    """The beta interface takes a base_url's host to wss:// even over http (as the SDK's does);
    the GA one keeps ws:// for http."""

    def beta(sdk: ModuleType) -> Callable[[str], None]:
        def program(base_url: str) -> None:
            client = sdk.OpenAI(api_key=API_KEY, base_url=base_url)
            with pytest.raises(Exception):  # noqa: B017 (the listener is no TLS server)
                client.beta.realtime.connect(model="m").enter()

        return program

    def ga(sdk: ModuleType) -> Callable[[str], None]:
        def program(base_url: str) -> None:
            client = sdk.OpenAI(api_key=API_KEY, base_url=base_url)
            with pytest.raises(Exception):  # noqa: B017 (the listener hangs up)
                client.realtime.connect(model="m").enter()

        return program

    for sdk in (typed_openai, official()):
        assert first_bytes_of_a_connection(beta(sdk))[:2] == b"\x16\x03", sdk.__name__
        assert first_bytes_of_a_connection(ga(sdk)) == b"GET /", sdk.__name__


def test_a_lost_connection_and_a_refused_handshake_are_retried(ws_server: WebSocketServer) -> None:
    # no close frame (1006), then the first handshake refused: attempt 2 reconnects
    ws_server.on("response.create", [delta("Hel", "ev_1")], close=ABNORMAL)
    ws_server.on("input_audio_buffer.commit", [DONE], close=1000)

    def program(sdk: ModuleType) -> dict[str, Any]:
        def then(event: Any) -> None:
            if event.attempt == 1:
                ws_server.refuse(1)
                connection.input_audio_buffer.commit()

        recorder = Recorder(then)
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(
            model="m", on_reconnecting=recorder, initial_delay=0.01
        ) as connection:
            connection.response.create()
            events = [event.type for event in connection]
        return {"events": events, "reconnecting": recorder.summary(0.01, 8.0)}

    ours = both(ws_server, program)
    assert [(e["attempt"], e["close_code"]) for e in ours["reconnecting"]] == [
        (1, 1006),
        (2, 1006),
    ]
    assert ours["refused"] == 1 and len(ours["paths"]) == 2
    assert ours["events"] == ["response.output_text.delta", "response.done"]


def test_max_retries_zero_never_reconnects(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", [], close=1012)

    def program(sdk: ModuleType) -> dict[str, Any]:
        recorder = Recorder()
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(
            model="m", on_reconnecting=recorder, max_retries=0
        ) as connection:
            connection.response.create()
            try:
                list(connection)
            except Exception as exc:
                return {**ended(exc), "calls": len(recorder.events)}
        return {"raised": None}

    ours = both(ws_server, program)
    assert ours == {**ours, "raised": "ConnectionClosedError", "code": 1012, "calls": 0}


def test_async_dispatch_goes_on_across_a_reconnection(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", [delta("Hel", "ev_1")], close=1001)  # going away
    ws_server.on("input_audio_buffer.commit", [delta("lo", "ev_2"), DONE], close=1000)

    async def program(sdk: ModuleType) -> dict[str, Any]:
        got: list[Any] = []
        pending: list[asyncio.Task[None]] = []

        def then(event: Any) -> Any:
            pending.append(asyncio.get_running_loop().create_task(commit()))
            return {"extra_query": {"session": "s1"}}

        async def commit() -> None:
            await connection.input_audio_buffer.commit()

        client = sdk.AsyncOpenAI(api_key=API_KEY, base_url=ws_server.url)
        manager = client.realtime.connect(model="m", on_reconnecting=Recorder(then))

        @manager.on("response.output_text.delta")
        async def on_delta(event: Any) -> None:
            got.append(event.delta)

        manager.once("response.done", lambda event: got.append(event.type))
        async with manager as connection:
            await connection.response.create()
            await connection.dispatch_events()
        await asyncio.gather(*pending)
        return {"got": got}

    ours = async_both(ws_server, program)
    assert ours["got"] == ["Hel", "lo", "response.done"]
    assert ours["paths"] == ["/v1/realtime?model=m", "/v1/realtime?model=m&session=s1"]


@pytest.mark.parametrize("interface", ["translations", "responses", "beta.responses"])
def test_the_other_websockets_reconnect_too(ws_server: WebSocketServer, interface: str) -> None:
    # the translation and Responses websockets take the same reconnection arguments
    if interface == "translations":
        opening: dict[str, Any] = {"type": "session.update", "session": {}}
        closing: dict[str, Any] = {"type": "session.close"}
        arguments: dict[str, Any] = {"model": "m"}
    else:
        opening = {"type": "response.create", "model": "m"}
        closing = {"type": "response.cancel", "response_id": "r"}
        arguments = {}
    ws_server.on(opening["type"], [], close=1012)
    ws_server.on(closing["type"], [], close=1000)

    def program(sdk: ModuleType) -> dict[str, Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        resource = {
            "translations": client.realtime.translations,
            "responses": client.responses,
            "beta.responses": client.beta.responses,
        }[interface]
        recorder = Recorder(lambda event: connection.send(closing))  # queued, sent after
        with resource.connect(
            on_reconnecting=recorder, initial_delay=0.01, **arguments
        ) as connection:
            connection.send(opening)
            events = [event.type for event in connection]
        return {"events": events, "reconnecting": recorder.summary(0.01, 8.0)}

    ours = both(ws_server, program)
    assert len(ours["paths"]) == 2
    assert [e["attempt"] for e in ours["reconnecting"]] == [1]
    assert ours["frames"] == [opening, closing]
