"""Real-world sweep N, the Responses API's WebSocket mode as agent loops use it: a tool-calling
loop kept on one connection (each turn ``response.create`` with ``previous_response_id`` and the
function outputs), handlers registered with ``on`` / ``once`` on the manager and the connection
and run by ``dispatch_events``, raw frames read with ``recv_bytes`` / ``parse_event``, the
``error`` event — sync and async, programs written for the official SDK run unchanged against
both packages over the loopback websocket server (tests/support/websocket_server.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.drop_in.test_realtime_connect import async_both, both
from tests.support.websocket_server import WebSocketServer, running_server

from .conftest import API_KEY
from .test_real_world_apps import function_call, output_message, response_events, response_object


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


TOOLS = [
    {
        "type": "function",
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
        "strict": False,
    }
]


def each(server: WebSocketServer, program: Any) -> list[Any]:
    """``program(sdk)``'s result with each package, and the frames the server received."""
    import typed_openai

    from .conftest import official

    observed = []
    for sdk in (typed_openai, official()):
        result = program(sdk)
        server.wait_finished(1)
        observed.append((result, list(server.frames), [h.path for h in server.handshakes]))
        server.reset()
    return observed


def turn(frame: dict[str, Any]) -> list[dict[str, Any]]:
    """The server's side of the loop: a function call first, then the answer."""
    if frame.get("previous_response_id") is None:
        item = function_call("get_weather", {"city": "Oslo"}, "call_w")
        response = response_object([item], id="resp_1")
    else:
        item = output_message("It is 3C in Oslo.")
        response = response_object(
            [item], id="resp_2", previous_response_id=frame["previous_response_id"]
        )
    return [event for _, event in response_events(response, item)]


def run_turn(connection: Any, seen: list[Any]) -> Any:
    for event in connection:
        if event.type == "response.output_text.delta":
            seen.append(("delta", event.delta))
        elif event.type == "response.function_call_arguments.done":
            seen.append(("arguments", event.arguments))
        elif event.type == "response.completed":
            return event.response
        else:
            seen.append(type(event).__name__)
    return None


def test_tool_loop_on_one_connection(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", turn)

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        seen: list[Any] = []
        with client.responses.connect() as connection:
            connection.response.create(
                model="gpt-5", input="Weather in Oslo?", tools=TOOLS, store=False
            )
            response = run_turn(connection, seen)
            while True:
                calls = [item for item in response.output if item.type == "function_call"]
                if not calls:
                    break
                outputs = [
                    {
                        "type": "function_call_output",
                        "call_id": call.call_id,
                        "output": json.dumps({"temp_c": 3, **json.loads(call.arguments)}),
                    }
                    for call in calls
                ]
                connection.response.create(
                    model="gpt-5",
                    previous_response_id=response.id,
                    input=outputs,
                    tools=TOOLS,
                    store=False,
                )
                response = run_turn(connection, seen)
            seen.append(("final", response.id, response.output_text, type(response).__name__))
        return seen

    ours, theirs = each(ws_server, program)
    assert ours == theirs
    assert [frame["type"] for frame in ours[1]] == ["response.create"] * 2
    assert ours[1][1]["previous_response_id"] == "resp_1"
    assert ours[0][-1] == ("final", "resp_2", "It is 3C in Oslo.", "Response")


def test_handlers_run_by_dispatch_events(ws_server: WebSocketServer) -> None:
    """Handlers registered on the manager before connecting and on the connection, a ``once``
    handler, one removed with ``off``; the server ends the connection after the answer."""

    def answer(frame: dict[str, Any]) -> list[dict[str, Any]]:
        item = output_message("Hello there")
        return [event for _, event in response_events(response_object([item]), item)]

    ws_server.on("response.create", answer, close=1000)

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        log: list[Any] = []
        manager = client.responses.connect()

        @manager.on("response.created")
        def created(event: Any) -> None:
            log.append(("created", event.response.status))

        def noisy(event: Any) -> None:
            log.append(("noisy", event.type))

        with manager as connection:
            connection.on("response.output_text.delta", lambda e: log.append(("delta", e.delta)))
            connection.once("response.output_text.delta", lambda e: log.append("first delta"))
            connection.on("response.in_progress", noisy)
            connection.off("response.in_progress", noisy)

            @connection.on("response.completed")
            def completed(event: Any) -> None:
                log.append(("completed", event.response.output_text))

            connection.response.create(model="gpt-5", input="Say hello")
            connection.dispatch_events()
        return log

    ours, theirs = each(ws_server, program)
    assert ours == theirs
    assert ours[0][0] == ("created", "in_progress"), ours[0]
    assert ("completed", "Hello there") in ours[0]
    assert ours[0].count("first delta") == 1
    assert not [entry for entry in ours[0] if entry[0] == "noisy"]


def test_raw_frames_and_error_event(ws_server: WebSocketServer) -> None:
    error = {
        "type": "error",
        "code": "previous_response_not_found",
        "message": "Previous response with id 'resp_x' not found.",
        "param": "previous_response_id",
        "sequence_number": 0,
    }
    ws_server.on("response.create", [error], close=1000)

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.responses.connect() as connection:
            connection.send(
                {"type": "response.create", "model": "gpt-5", "previous_response_id": "resp_x"}
            )
            raw = connection.recv_bytes()
            event = connection.parse_event(raw)
            return [event]

    ours, theirs = both(ws_server, program)
    assert ours == theirs
    assert ours["events"][0][0] == "error"


def test_async_tool_loop(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", turn)

    async def program(sdk: ModuleType) -> list[Any]:
        client = sdk.AsyncOpenAI(api_key=API_KEY, base_url=ws_server.url)
        events: list[Any] = []
        async with client.responses.connect() as connection:
            await connection.response.create(model="gpt-5", input="Weather?", tools=TOOLS)
            async for event in connection:
                events.append(event)
                if event.type == "response.completed":
                    break
            call = events[-1].response.output[0]
            await connection.response.create(
                model="gpt-5",
                previous_response_id=events[-1].response.id,
                input=[{"type": "function_call_output", "call_id": call.call_id, "output": "3C"}],
            )
            while True:
                event = await connection.recv()
                events.append(event)
                if event.type == "response.completed":
                    break
        return events

    ours, theirs = async_both(ws_server, program)
    assert ours == theirs
    assert ours["events"][-1][1]["response"]["id"] == "resp_2"
