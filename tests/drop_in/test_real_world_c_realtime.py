"""Real-world sweep C, Realtime: cookbook-style sessions over the websocket — a text chat loop
reading deltas until ``response.done``, audio deltas decoded from base64, a function call answered
with a ``function_call_output`` item, error events, ``isinstance`` against the SDK's event
classes, the beta interface's session and conversation events — each run unchanged against both
packages over the loopback websocket server (tests/support/websocket_server.py); a program's
result is what it observed, compared with the handshake and the frames the server received.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.server import Reply, ScriptedServer
from tests.support.websocket_server import WebSocketServer, running_server

from .conftest import API_KEY, client_of, official, run_both
from .test_real_world_apps import multipart_parts

SESSION = {
    "type": "realtime",
    "object": "realtime.session",
    "id": "sess_1",
    "model": "gpt-realtime",
    "output_modalities": ["text"],
    "instructions": "Be brief.",
    "tools": [],
    "tool_choice": "auto",
    "max_output_tokens": "inf",
    "tracing": None,
    "prompt": None,
    "expires_at": 0,
    "audio": {
        "input": {
            "format": {"type": "audio/pcm", "rate": 24000},
            "transcription": None,
            "noise_reduction": None,
            "turn_detection": {
                "type": "server_vad",
                "threshold": 0.5,
                "prefix_padding_ms": 300,
                "silence_duration_ms": 200,
                "idle_timeout_ms": None,
                "create_response": True,
                "interrupt_response": True,
            },
        },
        "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin", "speed": 1},
    },
    "include": None,
}
IDS = {"response_id": "resp_1", "item_id": "item_1", "output_index": 0, "content_index": 0}
RESPONSE_DONE = {
    "type": "response.done",
    "event_id": "ev_done",
    "response": {
        "id": "resp_1",
        "object": "realtime.response",
        "status": "completed",
        "status_details": None,
        "output": [
            {
                "id": "item_1",
                "type": "message",
                "object": "realtime.item",
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "output_text", "text": "Hello there"}],
            }
        ],
        "conversation_id": "conv_1",
        "output_modalities": ["text"],
        "max_output_tokens": "inf",
        "audio": {"output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin"}},
        "usage": {
            "total_tokens": 30,
            "input_tokens": 20,
            "output_tokens": 10,
            "input_token_details": {
                "text_tokens": 20,
                "audio_tokens": 0,
                "image_tokens": 0,
                "cached_tokens": 0,
                "cached_tokens_details": {"text_tokens": 0, "audio_tokens": 0, "image_tokens": 0},
            },
            "output_token_details": {"text_tokens": 10, "audio_tokens": 0},
        },
        "metadata": None,
    },
}
USER_ITEM = {
    "type": "message",
    "role": "user",
    "content": [{"type": "input_text", "text": "Say hello"}],
}


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


def observed_event(event: Any) -> tuple[str, Any]:
    """What a program sees of an event: its type and its fields as set. (Not its class's name,
    which `python -m tools.sdk_names --classes` compares.)"""
    return event.type, event.to_dict()


def sdk_class(openai: ModuleType, name: str, beta: bool = False) -> Any:
    """The SDK's event class ``name`` from ``types.realtime`` (``types.beta.realtime``)."""
    from importlib import import_module

    return getattr(
        import_module(f"{openai.__name__}.types.{'beta.' if beta else ''}realtime"), name
    )


def run_twice(server: WebSocketServer, program: Callable[[ModuleType], Any]) -> list[Any]:
    """``program`` run with each package: per run its result, the handshake path and headers both
    send from the same settings, and the frames received."""
    results = []
    for sdk in (typed_openai, official()):
        result = program(sdk)
        server.wait_finished(1)
        (handshake,) = server.handshakes
        headers = {
            k: v for k, v in handshake.headers.items() if k in ("authorization", "openai-beta")
        }
        results.append((result, handshake.path, headers, list(server.frames)))
        server.reset()
    return results


def client(sdk: ModuleType, server: WebSocketServer) -> Any:
    return sdk.OpenAI(api_key=API_KEY, base_url=server.url)


def async_client(sdk: ModuleType, server: WebSocketServer) -> Any:
    return sdk.AsyncOpenAI(api_key=API_KEY, base_url=server.url)


def text_answer(text: str) -> list[dict[str, Any]]:
    half = len(text) // 2
    return [
        {
            "type": "response.created",
            "event_id": "ev_0",
            "response": {
                "id": "resp_1",
                "object": "realtime.response",
                "status": "in_progress",
                "output": [],
            },
        },
        {"type": "response.output_text.delta", "event_id": "ev_1", "delta": text[:half], **IDS},
        {"type": "response.output_text.delta", "event_id": "ev_2", "delta": text[half:], **IDS},
        {"type": "response.output_text.done", "event_id": "ev_3", "text": text, **IDS},
        RESPONSE_DONE,
    ]


def test_text_chat_loop(ws_server: WebSocketServer) -> None:
    """The README's text session: update the session, add a user message, ask for a response,
    print deltas until ``response.done``."""
    ws_server.on(
        "session.update", [{"type": "session.updated", "event_id": "ev_s", "session": SESSION}]
    )
    ws_server.on("response.create", text_answer("Hello there"))

    def program(openai: ModuleType) -> Any:
        printed, seen = [], []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(
                session={
                    "type": "realtime",
                    "output_modalities": ["text"],
                    "instructions": "Be brief.",
                }
            )
            connection.conversation.item.create(item=USER_ITEM)
            connection.response.create()
            kinds = [
                sdk_class(openai, n)
                for n in (
                    "SessionUpdatedEvent",
                    "ResponseCreatedEvent",
                    "ResponseTextDeltaEvent",
                    "ResponseTextDoneEvent",
                    "ResponseDoneEvent",
                )
            ]
            for event in connection:
                seen.append(observed_event(event))
                seen.append([isinstance(event, kind) for kind in kinds])
                if event.type == "session.updated":
                    printed.append(("session", event.session.id, event.session.output_modalities))
                elif event.type == "response.output_text.delta":
                    printed.append(event.delta)
                elif event.type == "response.output_text.done":
                    printed.append(("done", event.text))
                elif event.type == "response.done":
                    usage = event.response.usage
                    printed.append(
                        (
                            event.response.status,
                            usage.total_tokens,
                            event.response.output[0].content[0].text,
                        )
                    )
                    break
        return printed, seen

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][0][1:3] == ["Hello", " there"]


def test_audio_deltas_and_transcripts(ws_server: WebSocketServer) -> None:
    pcm = bytes(range(64))
    chunks = [base64.b64encode(pcm[:32]).decode(), base64.b64encode(pcm[32:]).decode()]
    ws_server.on(
        "input_audio_buffer.commit",
        [
            {
                "type": "input_audio_buffer.committed",
                "event_id": "ev_c",
                "item_id": "item_u",
                "previous_item_id": None,
            },
            {
                "type": "conversation.item.input_audio_transcription.completed",
                "event_id": "ev_t",
                "item_id": "item_u",
                "content_index": 0,
                "transcript": "hello",
                "usage": {"type": "duration", "seconds": 1.5},
            },
        ],
    )
    ws_server.on(
        "response.create",
        [
            *[
                {"type": "response.output_audio.delta", "event_id": f"ev_a{n}", "delta": c, **IDS}
                for n, c in enumerate(chunks)
            ],
            {
                "type": "response.output_audio_transcript.delta",
                "event_id": "ev_d",
                "delta": "Hi!",
                **IDS,
            },
            {"type": "response.output_audio.done", "event_id": "ev_ad", **IDS},
            {
                "type": "response.output_audio_transcript.done",
                "event_id": "ev_td",
                "transcript": "Hi!",
                **IDS,
            },
            RESPONSE_DONE,
        ],
        close=1000,
    )

    def program(openai: ModuleType) -> Any:
        audio, transcript, user_said = bytearray(), [], []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(
                session={
                    "type": "realtime",
                    "output_modalities": ["audio"],
                    "audio": {
                        "input": {
                            "format": {"type": "audio/pcm", "rate": 24000},
                            "transcription": {"model": "gpt-4o-transcribe"},
                        },
                        "output": {"voice": "marin"},
                    },
                }
            )
            for n in range(2):
                connection.input_audio_buffer.append(
                    audio=base64.b64encode(pcm[n * 32 : n * 32 + 32]).decode()
                )
            connection.input_audio_buffer.commit()
            connection.response.create()
            events = []
            for event in connection:
                events.append(observed_event(event))
                if event.type == "response.output_audio.delta":
                    audio.extend(base64.b64decode(event.delta))
                elif event.type == "response.output_audio_transcript.delta":
                    transcript.append(event.delta)
                elif event.type == "conversation.item.input_audio_transcription.completed":
                    user_said.append((event.transcript, event.usage.seconds))
        return bytes(audio) == pcm, transcript, user_said, events

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][0] is True


def test_function_call_round_trip(ws_server: WebSocketServer) -> None:
    arguments = json.dumps({"city": "Paris"})
    ws_server.on(
        "response.create",
        [
            {
                "type": "response.function_call_arguments.delta",
                "event_id": "ev_1",
                "response_id": "resp_1",
                "item_id": "fc_1",
                "output_index": 0,
                "call_id": "call_1",
                "delta": arguments[:5],
            },
            {
                "type": "response.function_call_arguments.done",
                "event_id": "ev_2",
                "response_id": "resp_1",
                "item_id": "fc_1",
                "output_index": 0,
                "call_id": "call_1",
                "name": "get_weather",
                "arguments": arguments,
            },
            {
                "type": "response.output_item.done",
                "event_id": "ev_3",
                "response_id": "resp_1",
                "output_index": 0,
                "item": {
                    "id": "fc_1",
                    "type": "function_call",
                    "object": "realtime.item",
                    "status": "completed",
                    "call_id": "call_1",
                    "name": "get_weather",
                    "arguments": arguments,
                },
            },
        ],
    )
    ws_server.on(
        "conversation.item.create",
        [
            {
                "type": "conversation.item.added",
                "event_id": "ev_4",
                "previous_item_id": "fc_1",
                "item": {
                    "id": "out_1",
                    "type": "function_call_output",
                    "object": "realtime.item",
                    "status": "completed",
                    "call_id": "call_1",
                    "output": '{"temp": 21}',
                },
            }
        ],
        close=1000,
    )
    tools = [
        {
            "type": "function",
            "name": "get_weather",
            "description": "Weather for a city",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
            },
        }
    ]

    def program(openai: ModuleType) -> Any:
        calls, seen = [], []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(
                session={"type": "realtime", "tools": tools, "tool_choice": "auto"}
            )
            connection.response.create()
            for event in connection:
                seen.append(observed_event(event))
                if event.type == "response.function_call_arguments.done":
                    args = json.loads(event.arguments)
                    calls.append((event.name, args))
                    connection.conversation.item.create(
                        item={
                            "type": "function_call_output",
                            "call_id": event.call_id,
                            "output": json.dumps({"temp": 21}),
                        }
                    )
                elif event.type == "response.output_item.done":
                    calls.append((event.item.type, event.item.call_id))
        return calls, seen

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[3][-1]["item"]["type"] == "function_call_output"


def test_error_events_and_isinstance(ws_server: WebSocketServer) -> None:
    error = {
        "type": "error",
        "event_id": "ev_e",
        "error": {
            "type": "invalid_request_error",
            "code": "invalid_value",
            "message": "Unknown voice",
            "param": "session.audio.output.voice",
            "event_id": "client_7",
        },
    }
    ws_server.on(
        "session.update",
        [
            error,
            {
                "type": "rate_limits.updated",
                "event_id": "ev_r",
                "rate_limits": [
                    {"name": "requests", "limit": 100, "remaining": 99, "reset_seconds": 1.5}
                ],
            },
        ],
        close=1000,
    )

    def program(openai: ModuleType) -> Any:
        from importlib import import_module

        types = import_module(f"{openai.__name__}.types.realtime")
        seen = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(
                session={"type": "realtime", "audio": {"output": {"voice": "nope"}}},
                event_id="client_7",
            )
            for event in connection:
                if isinstance(event, types.RealtimeErrorEvent):
                    seen.append(
                        (
                            "error",
                            event.error.message,
                            event.error.code,
                            event.error.param,
                            event.error.event_id,
                        )
                    )
                elif isinstance(event, types.RateLimitsUpdatedEvent):
                    seen.append([(r.name, r.remaining, r.reset_seconds) for r in event.rate_limits])
                seen.append(
                    isinstance(
                        event,
                        tuple(
                            getattr(types, n)
                            for n in ("RealtimeErrorEvent", "RateLimitsUpdatedEvent")
                        ),
                    )
                )
        return seen

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][0][0] == "error"


def test_async_chat_with_recv(ws_server: WebSocketServer) -> None:
    ws_server.on("response.create", text_answer("Async hi"))

    def program(openai: ModuleType) -> Any:
        async def main() -> Any:
            got = []
            async with async_client(openai, ws_server).realtime.connect(
                model="gpt-realtime"
            ) as connection:
                await connection.session.update(
                    session={"type": "realtime", "output_modalities": ["text"]}
                )
                await connection.conversation.item.create(item=USER_ITEM)
                await connection.response.create(response={"instructions": "short"})
                while True:
                    event = await connection.recv()
                    got.append(observed_event(event))
                    if event.type == "response.done":
                        break
            return got

        return asyncio.run(main())

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs


def test_beta_session_events(ws_server: WebSocketServer) -> None:
    beta_session = {
        "id": "sess_b",
        "object": "realtime.session",
        "model": "gpt-4o-realtime-preview",
        "modalities": ["text", "audio"],
        "instructions": "Be brief.",
        "voice": "alloy",
        "input_audio_format": "pcm16",
        "output_audio_format": "pcm16",
        "input_audio_transcription": None,
        "turn_detection": None,
        "tools": [],
        "tool_choice": "auto",
        "temperature": 0.8,
        "max_response_output_tokens": "inf",
    }
    ws_server.on(
        "session.update",
        [
            {
                "type": "session.updated",
                "event_id": "ev_s",
                "session": {**beta_session, "modalities": ["text"]},
            }
        ],
    )
    ws_server.on(
        "conversation.item.create",
        [
            {
                "type": "conversation.item.created",
                "event_id": "ev_i",
                "previous_item_id": None,
                "item": {
                    "id": "item_u",
                    "object": "realtime.item",
                    "type": "message",
                    "status": "completed",
                    "role": "user",
                    "content": [{"type": "input_text", "text": "Say hello"}],
                },
            }
        ],
    )
    ws_server.on(
        "response.create",
        [
            {"type": "response.text.delta", "event_id": "ev_1", "delta": "Hi", **IDS},
            {"type": "response.text.done", "event_id": "ev_2", "text": "Hi", **IDS},
            {
                "type": "response.done",
                "event_id": "ev_3",
                "response": {
                    "id": "resp_1",
                    "object": "realtime.response",
                    "status": "completed",
                    "output": [],
                    "usage": {"total_tokens": 3, "input_tokens": 2, "output_tokens": 1},
                },
            },
        ],
        close=1000,
    )
    websocket_base_url = f"ws://127.0.0.1:{ws_server.port}/v1"

    def program(openai: ModuleType) -> Any:
        beta = openai.OpenAI(api_key=API_KEY, websocket_base_url=websocket_base_url)
        out = []
        with beta.beta.realtime.connect(model="gpt-4o-realtime-preview") as connection:
            connection.session.update(session={"modalities": ["text"], "instructions": "Be brief."})
            connection.conversation.item.create(item=USER_ITEM)
            connection.response.create()
            for event in connection:
                out.append(observed_event(event))
                if event.type == "session.updated":
                    out.append((event.session.modalities, event.session.voice))
                elif event.type == "conversation.item.created":
                    out.append((event.item.role, event.item.content[0].text))
                elif event.type == "response.text.delta":
                    out.append(event.delta)
                elif event.type == "response.done":
                    out.append(event.response.usage.total_tokens)
        return out

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[2] == {"authorization": f"Bearer {API_KEY}", "openai-beta": "realtime=v1"}


def test_manual_enter_item_events_and_close(ws_server: WebSocketServer) -> None:
    """A connection kept open across calls (``connect(...).enter()``), managing the conversation
    with retrieve / truncate / delete and clearing buffers, then closed by hand."""
    item = {
        "id": "item_1",
        "type": "message",
        "object": "realtime.item",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "output_audio", "transcript": "Hello there"}],
    }
    ws_server.on(
        "conversation.item.retrieve",
        [{"type": "conversation.item.retrieved", "event_id": "ev_1", "item": item}],
    )
    ws_server.on(
        "conversation.item.truncate",
        [
            {
                "type": "conversation.item.truncated",
                "event_id": "ev_2",
                "item_id": "item_1",
                "content_index": 0,
                "audio_end_ms": 1500,
            }
        ],
    )
    ws_server.on(
        "conversation.item.delete",
        [{"type": "conversation.item.deleted", "event_id": "ev_3", "item_id": "item_1"}],
    )
    ws_server.on(
        "output_audio_buffer.clear",
        [{"type": "output_audio_buffer.cleared", "event_id": "ev_4", "response_id": "resp_1"}],
    )

    def program(openai: ModuleType) -> Any:
        connection = client(openai, ws_server).realtime.connect(model="gpt-realtime").enter()
        got = []
        connection.conversation.item.retrieve(item_id="item_1")
        event = connection.recv()
        got.append((observed_event(event), event.item.content[0].transcript))
        connection.conversation.item.truncate(item_id="item_1", content_index=0, audio_end_ms=1500)
        got.append(observed_event(connection.recv()))
        connection.conversation.item.delete(item_id="item_1", event_id="del_1")
        got.append(observed_event(connection.recv()))
        connection.input_audio_buffer.clear()
        connection.output_audio_buffer.clear()
        got.append(observed_event(connection.recv()))
        connection.response.cancel()
        connection.close()
        return got

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert [frame["type"] for frame in ours[3]][-2:] == [
        "output_audio_buffer.clear",
        "response.cancel",
    ]


def test_async_beta_handler_loop(ws_server: WebSocketServer) -> None:
    """The beta interface from async code, dispatching on event types (transcripts, errors)."""
    ws_server.on(
        "response.create",
        [
            {"type": "response.audio_transcript.delta", "event_id": "ev_1", "delta": "Hi ", **IDS},
            {
                "type": "response.audio_transcript.done",
                "event_id": "ev_2",
                "transcript": "Hi there",
                **IDS,
            },
            {
                "type": "error",
                "event_id": "ev_3",
                "error": {
                    "type": "server_error",
                    "code": None,
                    "message": "oops",
                    "param": None,
                    "event_id": None,
                },
            },
        ],
        close=1000,
    )
    websocket_base_url = f"ws://127.0.0.1:{ws_server.port}/v1"

    def program(openai: ModuleType) -> Any:
        async def main() -> Any:
            beta = openai.AsyncOpenAI(api_key=API_KEY, websocket_base_url=websocket_base_url)
            out = []
            async with beta.beta.realtime.connect(model="gpt-4o-realtime-preview") as connection:
                await connection.session.update(
                    session={"modalities": ["text", "audio"], "voice": "alloy"}
                )
                await connection.response.create(
                    response={"modalities": ["text"], "instructions": "hi"}
                )
                async for event in connection:
                    out.append(observed_event(event))
                    if event.type == "response.audio_transcript.delta":
                        out.append(event.delta)
                    elif event.type == "error":
                        out.append((event.error.type, event.error.message))
            return out

        return asyncio.run(main())

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][-1] == ("server_error", "oops")


def test_beta_text_and_audio_events_have_their_classes(ws_server: WebSocketServer) -> None:
    """The beta interface's own spellings (``response.text.delta``, ``response.audio.delta``,
    ``response.audio_transcript.delta`` and their ``done``) are received as the SDK's beta
    classes, each its own class under its own name, and members of the beta server-event union."""
    audio = base64.b64encode(b"\x00\x01").decode()
    ws_server.on(
        "response.create",
        [
            {"type": "response.text.delta", "event_id": "ev_1", "delta": "Hi", **IDS},
            {"type": "response.text.done", "event_id": "ev_2", "text": "Hi", **IDS},
            {"type": "response.audio.delta", "event_id": "ev_3", "delta": audio, **IDS},
            {"type": "response.audio.done", "event_id": "ev_4", **IDS},
            {"type": "response.audio_transcript.delta", "event_id": "ev_5", "delta": "H", **IDS},
            {
                "type": "response.audio_transcript.done",
                "event_id": "ev_6",
                "transcript": "H",
                **IDS,
            },
        ],
        close=1000,
    )
    names = [
        "ResponseTextDeltaEvent",
        "ResponseTextDoneEvent",
        "ResponseAudioDeltaEvent",
        "ResponseAudioDoneEvent",
        "ResponseAudioTranscriptDeltaEvent",
        "ResponseAudioTranscriptDoneEvent",
    ]

    def program(openai: ModuleType) -> Any:
        from importlib import import_module
        from typing import get_args

        union = import_module(f"{openai.__name__}.types.beta.realtime").RealtimeServerEvent
        members = get_args(get_args(union)[0])
        client = openai.OpenAI(
            api_key=API_KEY, websocket_base_url=f"ws://127.0.0.1:{ws_server.port}/v1"
        )
        with client.beta.realtime.connect(model="gpt-4o-realtime-preview") as connection:
            connection.response.create()
            return [
                (
                    observed_event(event),
                    type(event).__name__,
                    isinstance(event, sdk_class(openai, name, beta=True)),
                    type(event) in members,
                )
                for event, name in zip(connection, names, strict=False)
            ]

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert [name for _, name, _, _ in ours[0]] == names
    assert all(is_it and in_union for _, _, is_it, in_union in ours[0])


# --- the HTTP side of a Realtime app: ephemeral keys for browsers (WebRTC) ---------------------------


def test_ephemeral_keys_for_webrtc(server: ScriptedServer) -> None:
    ga_secret = {
        "value": "ek_ga",
        "expires_at": 1733000600,
        "session": {**SESSION, "id": "sess_ga"},
    }
    beta_session = {
        "id": "sess_b",
        "object": "realtime.session",
        "model": "gpt-4o-realtime-preview",
        "modalities": ["audio", "text"],
        "voice": "verse",
        "client_secret": {"value": "ek_beta", "expires_at": 1733000060},
    }
    transcription = {
        "client_secret": {"value": "ek_tr", "expires_at": 1733000060},
        "input_audio_format": "pcm16",
        "modalities": ["text"],
        "input_audio_transcription": {"model": "gpt-4o-transcribe", "language": "en"},
    }

    def program(openai: ModuleType) -> Any:
        server.reply(Reply.json(ga_secret), Reply.json(beta_session), Reply.json(transcription))
        with client_of(openai, server.url + "/v1") as http:
            secret = http.realtime.client_secrets.create(
                session={
                    "type": "realtime",
                    "model": "gpt-realtime",
                    "audio": {"output": {"voice": "marin"}},
                },
                expires_after={"anchor": "created_at", "seconds": 600},
            )
            beta = http.beta.realtime.sessions.create(
                model="gpt-4o-realtime-preview", modalities=["audio", "text"], voice="verse"
            )
            tr = http.beta.realtime.transcription_sessions.create(
                input_audio_transcription={"model": "gpt-4o-transcribe", "language": "en"}
            )
        sent = [(r.path, r.json(), r.headers.get("openai-beta")) for r in server.requests[-3:]]
        return (
            (secret.value, secret.expires_at, secret.session.type, secret.session.id),
            (beta.client_secret.value, beta.client_secret.expires_at, beta.voice),
            (tr.client_secret.value, tr.input_audio_transcription.model),
            secret.to_dict()["session"]["audio"],
            sent,
        )

    ours, theirs = run_both(program)
    assert ours == theirs


def test_sip_and_webrtc_calls(server: ScriptedServer) -> None:
    """A SIP webhook handler accepting, referring and hanging up calls, and a WebRTC offer
    exchanged for the answer SDP."""
    answer_sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n"

    def program(openai: ModuleType) -> Any:
        server.reply(
            Reply.empty(200),
            Reply.empty(200),
            Reply.empty(200),
            Reply.empty(200),
            Reply.raw(answer_sdp, status=201, content_type="application/sdp"),
        )
        with client_of(openai, server.url + "/v1") as http:
            accepted = http.realtime.calls.accept(
                "rtc_1", type="realtime", model="gpt-realtime", instructions="Greet the caller."
            )
            http.realtime.calls.refer("rtc_1", target_uri="tel:+14155550123")
            http.realtime.calls.reject("rtc_2", status_code=486)
            http.realtime.calls.hangup("rtc_1")
            answer = http.realtime.calls.create(
                sdp="v=0\r\n", session={"type": "realtime", "model": "gpt-realtime"}
            )
        requests = server.requests[-5:]
        return (
            accepted,
            answer.text,
            answer.response.headers["content-type"],
            [(r.method, r.path, r.headers.get("content-type", "").split(";")[0]) for r in requests],
            [r.json() for r in requests[:3]],
            multipart_parts(requests[-1]),
        )

    ours, theirs = run_both(program)
    assert ours == theirs


def test_rejected_handshake(server: ScriptedServer) -> None:
    """A wrong key: the websocket upgrade is answered 401 and the connect raises websockets'
    InvalidStatus, which apps catch to read the status."""
    from websockets.exceptions import InvalidStatus

    server.default = Reply.json(
        {"error": {"message": "Incorrect API key", "code": "invalid_api_key"}}, status=401
    )

    def program(openai: ModuleType) -> Any:
        seen = []
        http = openai.OpenAI(api_key="sk-wrong", base_url=server.url + "/v1", max_retries=0)
        try:
            with http.realtime.connect(model="gpt-realtime"):
                seen.append("connected")
        except InvalidStatus as e:
            seen.append(("sync", e.response.status_code))

        async def main() -> None:
            async_http = openai.AsyncOpenAI(api_key="sk-wrong", base_url=server.url + "/v1")
            try:
                async with async_http.realtime.connect(model="gpt-realtime"):
                    seen.append("connected")
            except InvalidStatus as e:
                seen.append(("async", e.response.status_code))

        asyncio.run(main())
        request = server.requests[-1]
        return seen, request.path, request.headers["upgrade"], request.headers["authorization"]

    ours, theirs = run_both(program)
    assert ours == theirs
    assert ours[0] == [("sync", 401), ("async", 401)]


def test_send_event_models(ws_server: WebSocketServer) -> None:
    """Client events built as the SDK's models (not dicts) and passed to ``send``."""
    ws_server.on("response.create", [], close=1000)

    def program(openai: ModuleType) -> Any:
        from importlib import import_module

        types = import_module(f"{openai.__name__}.types.realtime")
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.send(
                types.SessionUpdateEvent(
                    type="session.update", session={"type": "realtime", "instructions": "hi"}
                )
            )
            connection.send(
                types.ConversationItemCreateEvent(type="conversation.item.create", item=USER_ITEM)
            )
            connection.send(types.ResponseCreateEvent(type="response.create"))
            return list(connection)

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert [frame["type"] for frame in ours[3]] == [
        "session.update",
        "conversation.item.create",
        "response.create",
    ]


def test_websocket_connection_options(ws_server: WebSocketServer) -> None:
    """``websocket_connection_options`` reach the websocket: a frame over ``max_size`` closes the
    connection with 1009 (raised while iterating), ``max_size=None`` lifts the limit."""
    from websockets.exceptions import ConnectionClosedError

    big = "A" * 4000
    ws_server.on(
        "response.create",
        [{"type": "response.output_audio.delta", "event_id": "ev_big", "delta": big, **IDS}],
        close=1000,
    )

    def program(openai: ModuleType) -> Any:
        seen = []
        for options in ({"max_size": 1000}, {"max_size": None}):
            try:
                with client(openai, ws_server).realtime.connect(
                    model="gpt-realtime", websocket_connection_options=options
                ) as connection:
                    connection.response.create()
                    seen.append([len(event.delta) for event in connection])
            except ConnectionClosedError as e:
                seen.append(("closed", e.sent.code if e.sent else None))
            ws_server.wait_finished(1)
            ws_server.reset()
        # one more session, for run_twice to record (it reads the handshake of one connection)
        ws_server.on("noop", [])
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.send({"type": "noop"})
        return seen

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0] == [("closed", 1009), [4000]]


def test_realtime_events_print_under_the_sdk_names(ws_server: WebSocketServer) -> None:
    """`print(event)` / `type(event).__name__` show the SDK's class name, not the document's
    schema name (spec/sdk_class_names.yml)."""
    ws_server.on(
        "response.create",
        [{"type": "response.output_text.delta", "event_id": "ev_1", "delta": "Hi", **IDS}],
        close=1000,
    )

    def program(openai: ModuleType) -> Any:
        client = openai.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(model="gpt-realtime") as connection:
            connection.response.create()
            printed = [(type(event).__name__, repr(event).split("(")[0]) for event in connection]
        ws_server.wait_finished(1)
        ws_server.reset()
        return printed

    ours, theirs = run_both(program)
    assert ours == theirs == [("ResponseTextDeltaEvent", "ResponseTextDeltaEvent")]
