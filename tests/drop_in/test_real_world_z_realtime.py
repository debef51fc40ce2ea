"""Real-world sweep Z, Realtime sessions driving every client event the connection offers: a
voice app's session configured, items created (after a given item, a function call's output),
deleted, retrieved and truncated where the user interrupted, audio appended, committed and
cleared, the output audio buffer cleared, responses created with options and cancelled by id and
without, and events sent as plain dicts — each with the GA and the beta interface, sync and
async; plus what the opening handshake carries from the client's settings (organization,
project, default headers and query, per-connection extras) — run unchanged against both packages
over the loopback websocket server. Compared: what the program observed, the handshake, every
frame the server received.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.websocket_server import WebSocketServer, running_server

from .conftest import official
from .test_real_world_c_realtime import run_twice

PCM = base64.b64encode(b"\x00\x01" * 480).decode()
ERROR_AT_THE_END = [
    {
        "type": "error",
        "event_id": "ev_err",
        "error": {
            "type": "invalid_request_error",
            "code": "unknown_event",
            "message": "The server does not know 'custom.thing'.",
            "param": None,
            "event_id": "custom_1",
        },
    }
]


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        server.on("app.done", ERROR_AT_THE_END, close=1000)
        yield server


def realtime_of(
    openai: ModuleType, server: WebSocketServer, beta: bool, asynchronous: bool = False
) -> Any:
    kind = openai.AsyncOpenAI if asynchronous else openai.OpenAI
    client = kind(
        api_key="sk-test",
        base_url=server.url,
        websocket_base_url=f"ws://127.0.0.1:{server.port}/v1",  # the beta interface is wss:// otherwise
        max_retries=0,
    )
    return client.beta.realtime if beta else client.realtime


def session_settings(beta: bool) -> dict[str, Any]:
    if beta:
        return {
            "modalities": ["text", "audio"],
            "voice": "alloy",
            "turn_detection": None,
            "input_audio_transcription": {"model": "whisper-1"},
            "tools": [
                {
                    "type": "function",
                    "name": "end_call",
                    "description": "Hang up",
                    "parameters": {"type": "object", "properties": {}},
                }
            ],
            "temperature": 0.8,
            "max_response_output_tokens": "inf",
        }
    return {
        "type": "realtime",
        "output_modalities": ["audio"],
        "audio": {"input": {"turn_detection": None}, "output": {"voice": "marin"}},
        "tool_choice": "none",
    }


def every_client_event(connection: Any, beta: bool) -> None:
    """A push-to-talk voice app's whole vocabulary, in the order such an app sends it."""
    connection.session.update(session=session_settings(beta), event_id="cfg_1")
    connection.conversation.item.create(
        item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": "hi"}]},
        previous_item_id="root",
    )
    connection.conversation.item.create(
        item={
            "type": "function_call_output",
            "call_id": "call_1",
            "output": json.dumps({"ok": True}),
        }
    )
    connection.conversation.item.retrieve(item_id="item_2")
    connection.conversation.item.truncate(item_id="item_3", content_index=0, audio_end_ms=1500)
    connection.conversation.item.delete(item_id="item_1")
    connection.input_audio_buffer.append(audio=PCM)
    connection.input_audio_buffer.commit()
    connection.input_audio_buffer.clear(event_id="clear_1")
    connection.output_audio_buffer.clear()
    if beta:
        connection.transcription_session.update(session={"input_audio_format": "pcm16"})
        connection.response.create(response={"modalities": ["text"], "instructions": "Be short."})
    else:
        connection.response.create(
            response={
                "instructions": "Be short.",
                "conversation": "none",
                "metadata": {"topic": "x"},
            }
        )
    connection.response.create()
    connection.response.cancel(response_id="resp_9")
    connection.response.cancel()
    connection.send({"type": "response.create", "response": {"tool_choice": "required"}})
    connection.send({"type": "custom.thing", "event_id": "custom_1", "payload": [1, 2]})
    connection.send({"type": "app.done"})


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_every_client_event_sent(ws_server: WebSocketServer, beta: bool) -> None:
    def program(openai: ModuleType) -> Any:
        with realtime_of(openai, ws_server, beta).connect(model="gpt-realtime") as connection:
            every_client_event(connection, beta)
            return [(event.type, event.to_dict()) for event in connection]

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    frames = ours[3]
    assert len(frames) == (18 if beta else 17)
    assert frames[-1] == {"type": "app.done"}


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_every_client_event_sent_async(ws_server: WebSocketServer, beta: bool) -> None:
    async def session(openai: ModuleType) -> Any:
        realtime = realtime_of(openai, ws_server, beta, asynchronous=True)
        async with realtime.connect(model="gpt-realtime") as connection:
            await connection.session.update(session=session_settings(beta), event_id="cfg_1")
            await connection.conversation.item.truncate(
                item_id="item_3", content_index=0, audio_end_ms=1500
            )
            await connection.input_audio_buffer.append(audio=PCM)
            await connection.input_audio_buffer.commit()
            await connection.output_audio_buffer.clear()
            await connection.response.cancel(response_id="resp_9")
            await connection.send({"type": "app.done"})
            return [(event.type, event.to_dict()) async for event in connection]

    ours, theirs = run_twice(ws_server, lambda openai: asyncio.run(session(openai)))
    assert ours == theirs
    assert [frame["type"] for frame in ours[3]][:2] == [
        "session.update",
        "conversation.item.truncate",
    ]


def test_handshake_carries_the_client_settings(ws_server: WebSocketServer) -> None:
    """Organization, project, default headers and query, the per-connection ``extra_query`` and
    ``extra_headers``, a ``call_id`` instead of a model, a base URL with a trailing slash: the
    request line and headers of the opening handshake (less the SDK's ``X-Stainless-*``
    telemetry and User-Agent, deliberately not sent)."""
    ws_server.on("app.bye", [], close=1000)

    def handshakes(openai: ModuleType) -> Any:
        seen = []
        configured = openai.OpenAI(
            api_key="sk-test",
            base_url=ws_server.url,
            organization="org-1",
            project="proj_1",
            default_headers={"X-App": "voice-kiosk"},
            default_query={"region": "eu"},
        )
        plain = openai.OpenAI(api_key="sk-test", base_url=ws_server.url + "/")
        for connect in (
            lambda: configured.realtime.connect(
                model="gpt-realtime", extra_query={"trace": "1"}, extra_headers={"X-Trace": "abc"}
            ),
            lambda: plain.realtime.connect(call_id="rtc_123"),
            lambda: plain.realtime.connect(model="gpt-realtime-mini"),
        ):
            with connect() as connection:
                connection.send({"type": "app.bye"})
                received = [event.type for event in connection]
            ws_server.wait_finished(1)
            (handshake,) = ws_server.handshakes
            headers = {
                name: value
                for name, value in handshake.headers.items()
                if not name.startswith("x-stainless")
                and name not in ("user-agent", "sec-websocket-key", "host")
            }
            seen.append((handshake.path, headers, received, list(ws_server.frames)))
            ws_server.reset()
        configured.close()
        plain.close()
        return seen

    ours, theirs = handshakes(typed_openai), handshakes(official())
    assert ours == theirs
    assert ours[0][0] == "/v1/realtime?region=eu&model=gpt-realtime&trace=1"
