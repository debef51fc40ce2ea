"""Real-world sweep V, Realtime as voice and text apps write it: a GA session configured in full
(semantic VAD, transcription, noise reduction, a function tool) and read back from
``session.updated``, a ``recv()`` loop until ``response.done`` with the events logged as JSON,
raw frames read with ``recv_bytes()`` and parsed with ``parse_event``, a tool called by the
model answered from ``response.function_call_arguments.done``, an out-of-band response with its
metadata, audio appended and committed, the beta interface (``client.beta.realtime.connect``)
with its own spellings, and the async client — each run unchanged against both packages over
the loopback websocket server; compared: what the program observed, the handshake, the frames
the server received.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.support.websocket_server import WebSocketServer, running_server

from .conftest import API_KEY
from .test_real_world_c_realtime import IDS, RESPONSE_DONE, SESSION, client, run_twice


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


def beta_client(sdk: ModuleType, server: WebSocketServer, *, asynchronous: bool = False) -> Any:
    kind = sdk.AsyncOpenAI if asynchronous else sdk.OpenAI
    return kind(api_key=API_KEY, websocket_base_url=f"ws://127.0.0.1:{server.port}/v1")


FULL_SESSION = {
    **SESSION,
    "output_modalities": ["audio"],
    "instructions": "You are a friendly voice assistant.",
    "tools": [
        {
            "type": "function",
            "name": "get_weather",
            "description": "Weather of a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        }
    ],
    "audio": {
        "input": {
            "format": {"type": "audio/pcm", "rate": 24000},
            "transcription": {"model": "gpt-4o-mini-transcribe", "language": "en", "prompt": ""},
            "noise_reduction": {"type": "near_field"},
            "turn_detection": {
                "type": "semantic_vad",
                "eagerness": "high",
                "create_response": True,
                "interrupt_response": True,
            },
        },
        "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "cedar", "speed": 1.1},
    },
}


def test_full_session_configuration_read_back(ws_server: WebSocketServer) -> None:
    ws_server.on(
        "session.update",
        [{"type": "session.updated", "event_id": "ev_s", "session": FULL_SESSION}],
        close=1000,
    )

    def program(openai: ModuleType) -> Any:
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(
                session={
                    "type": "realtime",
                    "model": "gpt-realtime",
                    "output_modalities": ["audio"],
                    "instructions": "You are a friendly voice assistant.",
                    "audio": {
                        "input": {
                            "format": {"type": "audio/pcm", "rate": 24000},
                            "transcription": {"model": "gpt-4o-mini-transcribe", "language": "en"},
                            "noise_reduction": {"type": "near_field"},
                            "turn_detection": {"type": "semantic_vad", "eagerness": "high"},
                        },
                        "output": {"voice": "cedar", "speed": 1.1},
                    },
                    "tools": FULL_SESSION["tools"],
                    "tool_choice": "auto",
                }
            )
            for event in connection:
                session = event.session
                audio_in = session.audio.input
                return (
                    event.type,
                    type(session).__name__,
                    audio_in.turn_detection.type,
                    audio_in.turn_detection.eagerness,
                    audio_in.transcription.model,
                    audio_in.noise_reduction.type,
                    session.audio.output.voice,
                    session.audio.output.speed,
                    [(t.type, t.name) for t in session.tools],
                    session.max_output_tokens,
                    event.to_dict(),
                )
        return None

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][2:4] == ("semantic_vad", "high")


def text_turn(text: str, response_id: str = "resp_1") -> list[dict[str, Any]]:
    ids = {**IDS, "response_id": response_id}
    done = json.loads(json.dumps(RESPONSE_DONE))
    done["response"]["id"] = response_id
    done["response"]["output"][0]["content"][0]["text"] = text
    return [
        {
            "type": "response.created",
            "event_id": "ev_c",
            "response": {
                "id": response_id,
                "object": "realtime.response",
                "status": "in_progress",
                "output": [],
            },
        },
        {
            "type": "response.output_item.added",
            "event_id": "ev_a",
            "response_id": response_id,
            "output_index": 0,
            "item": {
                "id": "item_1",
                "object": "realtime.item",
                "type": "message",
                "status": "in_progress",
                "role": "assistant",
                "content": [],
            },
        },
        *[
            {"type": "response.output_text.delta", "event_id": f"ev_{n}", "delta": piece, **ids}
            for n, piece in enumerate(text.split(" "))
        ],
        {"type": "response.output_text.done", "event_id": "ev_t", "text": text, **ids},
        done,
    ]


def test_recv_loop_logging_events_as_json(ws_server: WebSocketServer) -> None:
    """A debugging app: ``recv()`` one event at a time until ``response.done``, each event
    logged with ``model_dump_json(exclude_none=True)`` and ``to_json()``."""
    ws_server.on("response.create", text_turn("Bonjour le monde"))

    def program(openai: ModuleType) -> Any:
        log = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.conversation.item.create(
                item={
                    "type": "message",
                    "role": "user",
                    "content": [{"type": "input_text", "text": "Say hello in French"}],
                }
            )
            connection.response.create(response={"output_modalities": ["text"]})
            while True:
                event = connection.recv()
                log.append(json.loads(event.model_dump_json(exclude_none=True)))
                log.append(json.loads(event.to_json()))
                if event.type == "response.done":
                    log.append(
                        (
                            event.response.status,
                            event.response.output[0].content[0].text,
                            event.response.usage.output_token_details.text_tokens,
                        )
                    )
                    break
        return log

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][-1] == ("completed", "Bonjour le monde", 10)


def test_raw_frames_parsed_by_hand(ws_server: WebSocketServer) -> None:
    """``recv_bytes()`` for the raw JSON, ``parse_event`` for the model; unknown keys kept."""
    ws_server.on(
        "response.create",
        [
            {"type": "response.output_text.delta", "event_id": "ev_1", "delta": "Hi", **IDS},
            {
                "type": "rate_limits.updated",
                "event_id": "ev_r",
                "rate_limits": [
                    {"name": "requests", "limit": 100, "remaining": 99, "reset_seconds": 0.5},
                    {"name": "tokens", "limit": 1000, "remaining": 990, "reset_seconds": 1.25},
                ],
            },
        ],
        close=1000,
    )

    def program(openai: ModuleType) -> Any:
        out = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.send({"type": "response.create", "event_id": "evt_mine"})
            for _ in range(2):
                raw = connection.recv_bytes()
                event = connection.parse_event(raw)
                out.append((type(raw).__name__, json.loads(raw)["type"], type(event).__name__))
                if event.type == "rate_limits.updated":
                    out.append([(r.name, r.remaining, r.reset_seconds) for r in event.rate_limits])
                else:
                    out.append((event.delta, event.item_id, event.content_index))
        return out

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[3] == [{"type": "response.create", "event_id": "evt_mine"}]


CALL_ITEM = {
    "id": "item_fc",
    "object": "realtime.item",
    "type": "function_call",
    "status": "completed",
    "name": "get_weather",
    "call_id": "call_rt",
    "arguments": '{"city": "Oslo"}',
}


def call_turn() -> list[dict[str, Any]]:
    done = json.loads(json.dumps(RESPONSE_DONE))
    done["response"]["output"] = [CALL_ITEM]
    where = {"response_id": "resp_1", "item_id": "item_fc", "output_index": 0}
    return [
        {
            "type": "response.function_call_arguments.delta",
            "event_id": "ev_1",
            "call_id": "call_rt",
            "delta": '{"city": ',
            **where,
        },
        {
            "type": "response.function_call_arguments.delta",
            "event_id": "ev_2",
            "call_id": "call_rt",
            "delta": '"Oslo"}',
            **where,
        },
        {
            "type": "response.function_call_arguments.done",
            "event_id": "ev_3",
            "call_id": "call_rt",
            "name": "get_weather",
            "arguments": '{"city": "Oslo"}',
            **where,
        },
        done,
    ]


def test_tool_answered_from_arguments_done(ws_server: WebSocketServer) -> None:
    def answer(frame: dict[str, Any]) -> list[dict[str, Any]]:
        asked = [f.get("type") for f in ws_server.frames if isinstance(f, dict)]
        first = asked.count("response.create") == 1
        return call_turn() if first else text_turn("It is 3C in Oslo.", "resp_2")

    ws_server.on("response.create", answer)

    def program(openai: ModuleType) -> Any:
        out = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(
                session={"type": "realtime", "tools": FULL_SESSION["tools"], "tool_choice": "auto"}
            )
            connection.response.create()
            arguments = ""
            for event in connection:
                if event.type == "response.function_call_arguments.delta":
                    arguments += event.delta
                elif event.type == "response.function_call_arguments.done":
                    out.append((event.name, event.call_id, json.loads(event.arguments), arguments))
                    connection.conversation.item.create(
                        item={
                            "type": "function_call_output",
                            "call_id": event.call_id,
                            "output": json.dumps({"temperature_c": 3}),
                        }
                    )
                elif event.type == "response.done":
                    item = event.response.output[0]
                    out.append((item.type, type(item).__name__))
                    if item.type == "function_call":
                        connection.response.create()
                    else:
                        out.append(item.content[0].text)
                        break
        return out

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][-1] == "It is 3C in Oslo."


def test_out_of_band_response_with_metadata(ws_server: WebSocketServer) -> None:
    """A classifier run beside the conversation: ``conversation: "none"``, its own input and
    metadata, told apart in ``response.done`` by ``metadata``."""

    def answer(frame: dict[str, Any]) -> list[dict[str, Any]]:
        done = json.loads(json.dumps(RESPONSE_DONE))
        done["response"]["metadata"] = frame["response"]["metadata"]
        done["response"]["conversation_id"] = None
        done["response"]["output"][0]["content"][0]["text"] = "positive"
        return [done]

    ws_server.on("response.create", answer, close=1000)

    def program(openai: ModuleType) -> Any:
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.response.create(
                response={
                    "conversation": "none",
                    "metadata": {"topic": "sentiment"},
                    "output_modalities": ["text"],
                    "instructions": "Classify the sentiment.",
                    "input": [
                        {
                            "type": "message",
                            "role": "user",
                            "content": [{"type": "input_text", "text": "I love it"}],
                        }
                    ],
                }
            )
            for event in connection:
                if event.type == "response.done" and event.response.metadata:
                    return (
                        event.response.metadata,
                        event.response.conversation_id,
                        event.response.output[0].content[0].text,
                    )
        return None

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0] == ({"topic": "sentiment"}, None, "positive")


def test_audio_appended_committed_and_transcribed(ws_server: WebSocketServer) -> None:
    chunks = [bytes([n]) * 480 for n in range(3)]
    ws_server.on(
        "input_audio_buffer.commit",
        [
            {
                "type": "input_audio_buffer.committed",
                "event_id": "ev_c",
                "previous_item_id": None,
                "item_id": "item_u",
            },
            {
                "type": "conversation.item.input_audio_transcription.delta",
                "event_id": "ev_d",
                "item_id": "item_u",
                "content_index": 0,
                "delta": "hello",
            },
            {
                "type": "conversation.item.input_audio_transcription.completed",
                "event_id": "ev_t",
                "item_id": "item_u",
                "content_index": 0,
                "transcript": "hello there",
                "usage": {
                    "type": "tokens",
                    "total_tokens": 12,
                    "input_tokens": 8,
                    "output_tokens": 4,
                    "input_token_details": {"text_tokens": 0, "audio_tokens": 8},
                },
            },
        ],
        close=1000,
    )

    def program(openai: ModuleType) -> Any:
        out = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            for chunk in chunks:
                connection.input_audio_buffer.append(audio=base64.b64encode(chunk).decode("utf-8"))
            connection.input_audio_buffer.commit()
            for event in connection:
                out.append((event.type, type(event).__name__))
                if event.type == "conversation.item.input_audio_transcription.completed":
                    out.append(
                        (
                            event.transcript,
                            event.usage.type,
                            event.usage.total_tokens,
                            repr(event.usage),
                        )
                    )
        return out

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert [f["type"] for f in ours[3]] == ["input_audio_buffer.append"] * 3 + [
        "input_audio_buffer.commit"
    ]


# --- the beta interface -----------------------------------------------------------------------------


BETA_SESSION = {
    "id": "sess_b",
    "object": "realtime.session",
    "model": "gpt-4o-realtime-preview",
    "modalities": ["text", "audio"],
    "instructions": "Be brief.",
    "voice": "alloy",
    "input_audio_format": "pcm16",
    "output_audio_format": "pcm16",
    "input_audio_transcription": {"model": "whisper-1"},
    "turn_detection": {
        "type": "server_vad",
        "threshold": 0.5,
        "prefix_padding_ms": 300,
        "silence_duration_ms": 500,
    },
    "tools": [],
    "tool_choice": "auto",
    "temperature": 0.8,
    "max_response_output_tokens": "inf",
}


def beta_turn(text: str) -> list[dict[str, Any]]:
    audio = base64.b64encode(b"\x01\x02\x03\x04").decode()
    return [
        {
            "type": "response.created",
            "event_id": "ev_0",
            "response": {
                "id": "resp_1",
                "object": "realtime.response",
                "status": "in_progress",
                "status_details": None,
                "output": [],
                "usage": None,
            },
        },
        {"type": "response.audio.delta", "event_id": "ev_1", "delta": audio, **IDS},
        {"type": "response.audio_transcript.delta", "event_id": "ev_2", "delta": text, **IDS},
        {"type": "response.audio.done", "event_id": "ev_3", **IDS},
        {"type": "response.audio_transcript.done", "event_id": "ev_4", "transcript": text, **IDS},
        {
            "type": "response.done",
            "event_id": "ev_5",
            "response": {
                "id": "resp_1",
                "object": "realtime.response",
                "status": "completed",
                "status_details": None,
                "output": [
                    {
                        "id": "item_1",
                        "object": "realtime.item",
                        "type": "message",
                        "status": "completed",
                        "role": "assistant",
                        "content": [{"type": "audio", "transcript": text}],
                    }
                ],
                "usage": {
                    "total_tokens": 20,
                    "input_tokens": 12,
                    "output_tokens": 8,
                    "input_token_details": {
                        "cached_tokens": 0,
                        "text_tokens": 12,
                        "audio_tokens": 0,
                    },
                    "output_token_details": {"text_tokens": 2, "audio_tokens": 6},
                },
            },
        },
    ]


def test_beta_voice_assistant(ws_server: WebSocketServer) -> None:
    """The beta-era voice app: session with whisper transcription and server VAD, a user text
    message, audio and transcript deltas gathered until ``response.done``."""
    ws_server.on(
        "session.update", [{"type": "session.updated", "event_id": "ev_s", "session": BETA_SESSION}]
    )
    ws_server.on("response.create", beta_turn("Hi there!"), close=1000)

    def program(openai: ModuleType) -> Any:
        audio = bytearray()
        transcript = []
        seen = []
        with beta_client(openai, ws_server).beta.realtime.connect(
            model="gpt-4o-realtime-preview-2024-12-17"
        ) as connection:
            connection.session.update(
                session={
                    "modalities": ["text", "audio"],
                    "voice": "alloy",
                    "input_audio_transcription": {"model": "whisper-1"},
                    "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
                }
            )
            connection.conversation.item.create(
                item={
                    "type": "message",
                    "role": "user",
                    "content": [{"type": "input_text", "text": "Hello!"}],
                }
            )
            connection.response.create(response={"modalities": ["audio", "text"]})
            for event in connection:
                seen.append((event.type, type(event).__name__))
                if event.type == "session.updated":
                    seen.append(
                        (
                            event.session.voice,
                            event.session.input_audio_transcription.model,
                            event.session.turn_detection.silence_duration_ms,
                        )
                    )
                elif event.type == "response.audio.delta":
                    audio.extend(base64.b64decode(event.delta))
                elif event.type == "response.audio_transcript.delta":
                    transcript.append(event.delta)
                elif event.type == "response.done":
                    usage = event.response.usage
                    seen.append(
                        (
                            event.response.status,
                            usage.output_token_details.audio_tokens,
                            event.response.output[0].content[0].transcript,
                        )
                    )
                    break
        return bytes(audio), "".join(transcript), seen

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][:2] == (b"\x01\x02\x03\x04", "Hi there!")
    assert ours[2] == {"authorization": f"Bearer {API_KEY}", "openai-beta": "realtime=v1"}


def test_beta_function_call_and_error_event(ws_server: WebSocketServer) -> None:
    call = {**CALL_ITEM}
    call.pop("object")
    ws_server.on(
        "response.create",
        [
            {
                "type": "response.function_call_arguments.done",
                "event_id": "ev_1",
                "response_id": "resp_1",
                "item_id": "item_fc",
                "output_index": 0,
                "call_id": "call_rt",
                "name": "get_weather",
                "arguments": '{"city": "Oslo"}',
            },
        ],
    )
    ws_server.on(
        "conversation.item.create",
        [
            {
                "type": "error",
                "event_id": "ev_e",
                "error": {
                    "type": "invalid_request_error",
                    "code": "invalid_value",
                    "message": "Unknown call_id",
                    "param": "item.call_id",
                    "event_id": "evt_out",
                },
            }
        ],
        close=1000,
    )

    def program(openai: ModuleType) -> Any:
        out = []
        with beta_client(openai, ws_server).beta.realtime.connect(
            model="gpt-4o-realtime-preview"
        ) as connection:
            connection.session.update(
                session={
                    "tools": [
                        {
                            "type": "function",
                            "name": "get_weather",
                            "parameters": {"type": "object", "properties": {}},
                        }
                    ]
                }
            )
            connection.response.create()
            for event in connection:
                if event.type == "response.function_call_arguments.done":
                    out.append((event.name, json.loads(event.arguments)))
                    connection.conversation.item.create(
                        event_id="evt_out",
                        item={
                            "type": "function_call_output",
                            "call_id": event.call_id,
                            "output": "3C",
                        },
                    )
                elif event.type == "error":
                    error = event.error
                    out.append((error.type, error.code, error.message, error.param, error.event_id))
                    out.append(repr(event))
        return out

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[3][-1]["event_id"] == "evt_out"


def test_async_beta_and_ga_connections(ws_server: WebSocketServer) -> None:
    """An async app on the GA interface, its session handed to a helper typed with the SDK's
    connection class, then the same turn on the beta interface."""
    ws_server.on("response.create", text_turn("Hello async"), close=1000)

    def program(openai: ModuleType) -> Any:
        async def chat(connection: Any) -> list[Any]:
            await connection.conversation.item.create(
                item={
                    "type": "message",
                    "role": "user",
                    "content": [{"type": "input_text", "text": "hi"}],
                }
            )
            await connection.response.create()
            said = []
            async for event in connection:
                if event.type == "response.output_text.delta":
                    said.append(event.delta)
                elif event.type == "response.done":
                    said.append(event.response.status)
            return said

        async def main() -> Any:
            ga = openai.AsyncOpenAI(api_key=API_KEY, base_url=ws_server.url)
            async with ga.realtime.connect(model="gpt-realtime") as connection:
                return await chat(connection)

        return asyncio.run(main())

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0] == ["Hello", "async", "completed"]
