"""The Realtime websocket connection, the same programs run against both SDKs.

A loopback websocket server (tests/support/websocket_server.py) records the handshake and every
frame the client sends, and answers scripted server events; each test runs one program written
for the official SDK with `openai` and with `typed_openai` and compares what the server saw and
what the program got: URL (path and query), the headers both send (auth, the beta interface's
`OpenAI-Beta`, the caller's), the frames, and the events (type, class's fields as set).
"""

from __future__ import annotations

import asyncio
import base64
import importlib
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.drop_in.conftest import API_KEY, official
from tests.support.websocket_server import WebSocketServer, running_server

# the headers both clients send from the same settings (each also sends its own User-Agent)
COMPARED_HEADERS = ("authorization", "api-key", "openai-beta", "x-custom", "x-extra")


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


def ga_answer() -> list[dict[str, Any]]:
    common = {"response_id": "resp_1", "item_id": "item_1", "output_index": 0, "content_index": 0}
    return [
        {"type": "response.output_text.delta", "event_id": "ev_1", "delta": "Hel", **common},
        {"type": "response.output_text.delta", "event_id": "ev_2", "delta": "lo", **common},
        {"type": "response.output_text.done", "event_id": "ev_3", "text": "Hello", **common},
        {
            "type": "response.done",
            "event_id": "ev_4",
            "response": {"id": "resp_1", "object": "realtime.response", "status": "completed"},
        },
    ]


def beta_answer() -> list[dict[str, Any]]:
    common = {"response_id": "resp_1", "item_id": "item_1", "output_index": 0, "content_index": 0}
    return [
        {"type": "response.text.delta", "event_id": "ev_1", "delta": "Hi", **common},
        {"type": "response.text.done", "event_id": "ev_2", "text": "Hi", **common},
        {
            "type": "response.done",
            "event_id": "ev_3",
            "response": {"id": "resp_1", "object": "realtime.response", "status": "completed"},
        },
    ]


def observed(server: WebSocketServer, events: list[Any]) -> dict[str, Any]:
    """What one run produced: the handshake, the frames sent and the events received."""
    server.wait_finished(1)
    (handshake,) = server.handshakes
    result = {
        "path": handshake.path,
        "headers": {k: v for k, v in handshake.headers.items() if k in COMPARED_HEADERS},
        "frames": list(server.frames),
        "events": [(event.type, event.to_dict()) for event in events],
    }
    server.reset()
    return result


def both(server: WebSocketServer, program: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    ours = observed(server, program(typed_openai))
    theirs = observed(server, program(official()))
    return ours, theirs


def async_both(server: WebSocketServer, program: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    ours = observed(server, asyncio.run(program(typed_openai)))
    theirs = observed(server, asyncio.run(program(official())))
    return ours, theirs


SESSION = {"type": "realtime", "output_modalities": ["text"]}
ITEM = {
    "type": "message",
    "role": "user",
    "content": [{"type": "input_text", "text": "Say hello!"}],
}
AUDIO = base64.b64encode(b"\x00\x01" * 8).decode()


def test_sync_session_with_event_methods_and_iteration(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", ga_answer(), close=1000)

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(
            api_key=API_KEY,
            base_url=ws_server.url,
            default_headers={"X-Custom": "a"},
            default_query={"tenant": "t1"},
        )
        with client.realtime.connect(
            model="gpt-realtime", extra_query={"trace": "1"}, extra_headers={"X-Extra": "b"}
        ) as connection:
            connection.session.update(session=SESSION)
            connection.conversation.item.create(item=ITEM, event_id="client_1")
            connection.input_audio_buffer.append(audio=AUDIO)
            connection.input_audio_buffer.commit()
            connection.response.create()
            return list(connection)  # ends when the server closes normally

    ours, theirs = both(ws_server, program)
    assert ours == theirs
    assert ours["path"] == "/v1/realtime?tenant=t1&model=gpt-realtime&trace=1"
    assert ours["headers"] == {
        "authorization": f"Bearer {API_KEY}",
        "x-custom": "a",
        "x-extra": "b",
    }
    assert ours["frames"] == [
        {"type": "session.update", "session": SESSION},
        {"type": "conversation.item.create", "item": ITEM, "event_id": "client_1"},
        {"type": "input_audio_buffer.append", "audio": AUDIO},
        {"type": "input_audio_buffer.commit"},
        {"type": "response.create"},
    ]
    assert [event_type for event_type, _ in ours["events"]] == [e["type"] for e in ga_answer()]
    assert ours["events"][0][1]["delta"] == "Hel"


def test_async_session_with_send_recv_and_iteration(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", ga_answer(), close=1000)

    async def program(sdk: ModuleType) -> list[Any]:
        client = sdk.AsyncOpenAI(api_key=API_KEY, base_url=ws_server.url)
        async with client.realtime.connect(model="gpt-realtime") as connection:
            await connection.session.update(session=SESSION)
            await connection.send({"type": "conversation.item.create", "item": ITEM})
            await connection.response.create(response={"output_modalities": ["text"]})
            events = [await connection.recv()]  # then the rest by iteration
            async for event in connection:
                events.append(event)
                if event.type == "response.done":
                    break
            return events

    ours, theirs = async_both(ws_server, program)
    assert ours == theirs
    assert ours["path"] == "/v1/realtime?model=gpt-realtime"
    assert ours["frames"][-1] == {
        "type": "response.create",
        "response": {"output_modalities": ["text"]},
    }
    assert [t for t, _ in ours["events"]] == [e["type"] for e in ga_answer()]


def test_beta_sync_and_async(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", beta_answer(), close=1000)
    # both beta interfaces turn any base_url into wss:// (test_beta_base_url_is_always_tls):
    # websocket_base_url, which both take as is, reaches the plain loopback server
    websocket_base_url = f"ws://127.0.0.1:{ws_server.port}/v1"

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(api_key=API_KEY, websocket_base_url=websocket_base_url)
        with client.beta.realtime.connect(model="gpt-4o-realtime-preview") as connection:
            connection.session.update(session={"modalities": ["text"]})
            connection.transcription_session.update(session={"input_audio_format": "pcm16"})
            connection.conversation.item.create(item=ITEM)
            connection.response.create()
            return list(connection)

    async def async_program(sdk: ModuleType) -> list[Any]:
        client = sdk.AsyncOpenAI(api_key=API_KEY, websocket_base_url=websocket_base_url)
        async with client.beta.realtime.connect(model="gpt-4o-realtime-preview") as connection:
            await connection.session.update(session={"modalities": ["text"]})
            await connection.response.create()
            return [event async for event in connection]

    ours, theirs = both(ws_server, program)
    assert ours == theirs
    assert ours["headers"]["openai-beta"] == "realtime=v1"
    assert ours["path"] == "/v1/realtime?model=gpt-4o-realtime-preview"
    assert [t for t, _ in ours["events"]] == [
        "response.text.delta",
        "response.text.done",
        "response.done",
    ]
    assert ours["events"][0][1]["delta"] == "Hi"

    ours, theirs = async_both(ws_server, async_program)
    assert ours == theirs
    assert ours["frames"] == [
        {"type": "session.update", "session": {"modalities": ["text"]}},
        {"type": "response.create"},
    ]


def test_websocket_base_url_call_id_and_removed_header(ws_server: WebSocketServer) -> None:
    ws_server.on("response.cancel", [], close=1000)

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(
            api_key=API_KEY,
            base_url="http://127.0.0.1:9/unused",  # websocket_base_url wins
            websocket_base_url=f"ws://127.0.0.1:{ws_server.port}/v2",
            default_headers={"X-Custom": "a"},
        )
        with client.realtime.connect(
            call_id="rtc_1", extra_headers={"X-Custom": sdk.omit}
        ) as connection:
            connection.response.cancel(response_id="resp_1")
            return list(connection)

    ours, theirs = both(ws_server, program)
    assert ours == theirs
    assert ours["path"] == "/v2/realtime?call_id=rtc_1"
    assert "x-custom" not in ours["headers"]


def test_raw_frames_parse_event_and_error_close(ws_server: WebSocketServer) -> None:
    from websockets.exceptions import ConnectionClosedError

    error = {
        "type": "error",
        "event_id": "ev_9",
        "error": {"type": "invalid_request_error", "code": "bad", "message": "no", "param": None},
    }
    ws_server.on("response.create", [error], close=1011)

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(model="m") as connection:
            connection.send_raw('{"type": "response.create"}')
            raw = connection.recv_bytes()
            assert isinstance(raw, bytes)
            event = connection.parse_event(raw)
            with pytest.raises(ConnectionClosedError):
                for _ in connection:  # a close with an error code is raised
                    pass
            return [event]

    ours, theirs = both(ws_server, program)
    assert ours == theirs
    assert ours["events"] == [("error", error)]


def test_close_with_code_ends_the_session(ws_server: WebSocketServer) -> None:
    async def program(sdk: ModuleType) -> list[Any]:
        from websockets.exceptions import ConnectionClosedOK

        client = sdk.AsyncOpenAI(api_key=API_KEY, base_url=ws_server.url)
        connection = await client.realtime.connect(model="m").enter()
        # the SDK's module of the resource has the class, for annotations
        module = importlib.import_module(f"{sdk.__name__}.resources.realtime.realtime")
        assert isinstance(connection, module.AsyncRealtimeConnection)
        await connection.input_audio_buffer.clear()
        await connection.close(code=1000, reason="done")
        with pytest.raises(ConnectionClosedOK):
            await connection.recv()
        return []

    ours, theirs = async_both(ws_server, program)
    assert ours == theirs
    assert ours["frames"] == [{"type": "input_audio_buffer.clear"}]


def test_azure_names_deployment_and_api_version(ws_server: WebSocketServer) -> None:
    ws_server.on("session.update", [], close=1000)

    def program(sdk: ModuleType, **credentials: Any) -> list[Any]:
        client = sdk.AzureOpenAI(
            api_version="2025-04-01-preview",
            azure_endpoint="https://example-resource.openai.azure.com",
            # both SDKs take the Azure websocket to TLS on the endpoint; the loopback server is plain
            websocket_base_url=f"ws://127.0.0.1:{ws_server.port}/openai",
            **credentials,
        )
        with client.realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(session=SESSION)
            return list(connection)

    ours, theirs = both(ws_server, lambda sdk: program(sdk, api_key="azure-key"))
    assert ours == theirs
    assert ours["path"] == (
        "/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-realtime"
    )
    assert ours["headers"] == {"api-key": "azure-key"}

    ours, theirs = both(
        ws_server, lambda sdk: program(sdk, azure_ad_token_provider=lambda: "entra-token")
    )
    assert ours == theirs
    assert ours["headers"] == {"authorization": "Bearer entra-token"}
