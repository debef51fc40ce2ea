"""Real-world sweep K, Realtime: websocket code shaped as apps write it, beyond sweep C's single
exchanges — a chat that loops over several turns on one connection, a receiver task running
beside the sender (push-to-talk), a receive loop polling with a timeout, a transcription-only
session, tools answered from ``response.done``'s output, an out-of-band response, an image in the
conversation, events logged as JSON, a sync receiver thread, the beta interface's function
calls, handlers (``on``/``once``/``off``, ``dispatch_events``), a connection used after it
closed, an async Azure app on Entra tokens, an event past websockets' default size limit, the
session's settings read back from ``session.created``/``session.updated``, and an agent loop on the Responses websocket — each run unchanged against both packages over the
loopback websocket server (tests/support/websocket_server.py); compared: what the program
observed, the handshake, the frames the server received; the error event an error handler prints.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.websocket_server import WebSocketServer, running_server

from .conftest import API_KEY, official
from .test_real_world_c_realtime import (
    IDS,
    RESPONSE_DONE,
    SESSION,
    USER_ITEM,
    async_client,
    client,
    observed_event,
    run_twice,
    text_answer,
)


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


SESSION_UPDATED = {"type": "session.updated", "event_id": "ev_s", "session": SESSION}


def user_says(text: str) -> dict[str, Any]:
    return {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}


def test_chat_over_several_turns_on_one_connection(ws_server: WebSocketServer) -> None:
    """A terminal chat: each turn adds the user's line, asks for a response and reads events
    until ``response.done`` (breaking out of ``for event in connection``), then the next turn
    iterates the same connection again."""
    ws_server.on("session.update", [SESSION_UPDATED])
    ws_server.on("response.create", text_answer("Hello there"))

    def program(openai: ModuleType) -> Any:
        transcript = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(session={"type": "realtime", "output_modalities": ["text"]})
            for line in ("Hi", "How are you?", "Bye"):
                connection.conversation.item.create(item=user_says(line))
                connection.response.create()
                said = []
                for event in connection:
                    if event.type == "response.output_text.delta":
                        said.append(event.delta)
                    elif event.type == "response.done":
                        break
                transcript.append((line, "".join(said), event.response.usage.total_tokens))
        return transcript

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0] == [(line, "Hello there", 30) for line in ("Hi", "How are you?", "Bye")]
    assert [f["type"] for f in ours[3]].count("response.create") == 3


AUDIO_OUT = [base64.b64encode(bytes([n]) * 8).decode() for n in range(3)]


def push_to_talk_answer() -> list[dict[str, Any]]:
    return [
        {"type": "input_audio_buffer.committed", "event_id": "ev_c", "item_id": "item_u"},
        {
            "type": "conversation.item.input_audio_transcription.completed",
            "event_id": "ev_t",
            "item_id": "item_u",
            "content_index": 0,
            "transcript": "what time is it",
            "usage": {"type": "duration", "seconds": 1.2},
        },
        *[
            {"type": "response.output_audio.delta", "event_id": f"ev_a{n}", "delta": d, **IDS}
            for n, d in enumerate(AUDIO_OUT)
        ],
        {
            "type": "response.output_audio_transcript.delta",
            "event_id": "ev_d",
            "delta": "It is noon.",
            **IDS,
        },
        RESPONSE_DONE,
    ]


def test_push_to_talk_with_a_receiver_task(ws_server: WebSocketServer) -> None:
    """The SDK's push-to-talk example's shape: the connection handed (annotated with the SDK's
    `AsyncRealtimeConnection`) to a task that handles events while the app sends microphone
    audio; audio deltas gathered per item, transcripts by item id."""
    ws_server.on("session.update", [SESSION_UPDATED])
    ws_server.on("input_audio_buffer.commit", push_to_talk_answer())

    async def app(openai: ModuleType) -> Any:
        from importlib import import_module

        connection_class = import_module(
            f"{openai.__name__}.resources.realtime.realtime"
        ).AsyncRealtimeConnection
        audio: dict[str, bytearray] = {}
        transcripts: dict[str, str] = {}
        seen: list[str] = []
        session_ready = asyncio.Event()

        async def handle_events(connection: Any) -> None:
            assert isinstance(connection, connection_class)
            async for event in connection:
                seen.append(event.type)
                if event.type == "session.updated":
                    session_ready.set()
                elif event.type == "response.output_audio.delta":
                    audio.setdefault(event.item_id, bytearray()).extend(
                        base64.b64decode(event.delta)
                    )
                elif event.type == "response.output_audio_transcript.delta":
                    transcripts[event.item_id] = transcripts.get(event.item_id, "") + event.delta
                elif event.type == "conversation.item.input_audio_transcription.completed":
                    transcripts[event.item_id] = event.transcript
                elif event.type == "response.done":
                    return

        async with async_client(openai, ws_server).realtime.connect(
            model="gpt-realtime"
        ) as connection:
            receiver = asyncio.create_task(handle_events(connection))
            await connection.session.update(
                session={"type": "realtime", "audio": {"input": {"turn_detection": None}}}
            )
            await asyncio.wait_for(session_ready.wait(), 5)
            for n in range(4):  # the microphone's chunks, sent as they are recorded
                await connection.input_audio_buffer.append(
                    audio=base64.b64encode(bytes([n]) * 16).decode()
                )
            await connection.input_audio_buffer.commit()
            await connection.response.create()
            await asyncio.wait_for(receiver, 5)
        return {k: bytes(v).hex() for k, v in audio.items()}, transcripts, seen

    ours, theirs = run_twice(ws_server, lambda openai: asyncio.run(app(openai)))
    assert ours == theirs
    audio, transcripts, _ = ours[0]
    assert audio == {"item_1": "00" * 8 + "01" * 8 + "02" * 8}
    assert transcripts == {"item_u": "what time is it", "item_1": "It is noon."}


def test_receive_loop_polling_with_a_timeout(ws_server: WebSocketServer) -> None:
    """An app loop that waits for an event at most 0.2 s (`asyncio.wait_for(connection.recv(),
    ...)`) and does other work when none came: a timed-out receive leaves the connection usable,
    and the next event is not lost."""
    ws_server.on("response.create", text_answer("Hi"))

    async def app(openai: ModuleType) -> Any:
        log = []
        async with async_client(openai, ws_server).realtime.connect(
            model="gpt-realtime"
        ) as connection:
            for _ in range(2):  # nothing was asked: nothing comes
                try:
                    await asyncio.wait_for(connection.recv(), 0.2)
                except asyncio.TimeoutError:
                    log.append("idle")
            await connection.conversation.item.create(item=USER_ITEM)
            await connection.response.create()
            while True:
                event = await asyncio.wait_for(connection.recv(), 5)
                log.append(event.type)
                if event.type == "response.done":
                    break
        return log

    ours, theirs = run_twice(ws_server, lambda openai: asyncio.run(app(openai)))
    assert ours == theirs
    assert ours[0][:3] == ["idle", "idle", "response.created"]


def test_transcription_only_session(ws_server: WebSocketServer) -> None:
    """Live captions: a `transcription` session, audio appended as it is captured, server VAD
    events and transcription deltas printed per item."""
    ws_server.on(
        "session.update",
        [
            {
                "type": "session.updated",
                "event_id": "ev_s",
                "session": {
                    "type": "transcription",
                    "object": "realtime.transcription_session",
                    "id": "sess_t",
                    "expires_at": 0,
                    "audio": {
                        "input": {
                            "format": {"type": "audio/pcm", "rate": 24000},
                            "transcription": {"model": "gpt-4o-transcribe", "language": "en"},
                            "noise_reduction": {"type": "near_field"},
                            "turn_detection": {"type": "server_vad", "threshold": 0.5},
                        }
                    },
                },
            }
        ],
    )
    ws_server.on(
        "input_audio_buffer.append",
        [
            {
                "type": "input_audio_buffer.speech_started",
                "event_id": "ev_1",
                "audio_start_ms": 20,
                "item_id": "item_u",
            },
            {
                "type": "input_audio_buffer.speech_stopped",
                "event_id": "ev_2",
                "audio_end_ms": 900,
                "item_id": "item_u",
            },
            {
                "type": "input_audio_buffer.committed",
                "event_id": "ev_3",
                "item_id": "item_u",
                "previous_item_id": None,
            },
            {
                "type": "conversation.item.input_audio_transcription.delta",
                "event_id": "ev_4",
                "item_id": "item_u",
                "content_index": 0,
                "delta": "Good ",
            },
            {
                "type": "conversation.item.input_audio_transcription.delta",
                "event_id": "ev_5",
                "item_id": "item_u",
                "content_index": 0,
                "delta": "morning",
            },
            {
                "type": "conversation.item.input_audio_transcription.completed",
                "event_id": "ev_6",
                "item_id": "item_u",
                "content_index": 0,
                "transcript": "Good morning",
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
        captions, vad = [], []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(
                session={
                    "type": "transcription",
                    "audio": {
                        "input": {
                            "format": {"type": "audio/pcm", "rate": 24000},
                            "transcription": {"model": "gpt-4o-transcribe", "language": "en"},
                            "noise_reduction": {"type": "near_field"},
                            "turn_detection": {"type": "server_vad", "threshold": 0.5},
                        }
                    },
                }
            )
            session = connection.recv()
            connection.input_audio_buffer.append(audio=base64.b64encode(b"\x00" * 480).decode())
            for event in connection:
                if event.type == "input_audio_buffer.speech_started":
                    vad.append(("start", event.audio_start_ms))
                elif event.type == "input_audio_buffer.speech_stopped":
                    vad.append(("stop", event.audio_end_ms))
                elif event.type == "conversation.item.input_audio_transcription.delta":
                    captions.append(event.delta)
                elif event.type == "conversation.item.input_audio_transcription.completed":
                    usage = event.usage
                    captions.append((event.transcript, usage.type, usage.total_tokens))
        audio_input = session.session.audio.input
        return (
            session.session.type,
            audio_input.transcription.model,
            audio_input.noise_reduction.type,
            audio_input.turn_detection.type,
            captions,
            vad,
        )

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][4] == ["Good ", "morning", ("Good morning", "tokens", 12)]


def function_call_done(call_id: str, name: str, arguments: str) -> dict[str, Any]:
    done = json.loads(json.dumps(RESPONSE_DONE))
    done["response"]["output"] = [
        {
            "id": f"fc_{call_id}",
            "type": "function_call",
            "object": "realtime.item",
            "status": "completed",
            "call_id": call_id,
            "name": name,
            "arguments": arguments,
        }
    ]
    return done


def test_tools_answered_from_the_response_done_output(ws_server: WebSocketServer) -> None:
    """A voice agent's tool loop: the function calls read from `response.done`'s output items,
    each answered with a `function_call_output` item, then a new response; the second response
    is text."""
    ws_server.on(
        "response.create",
        [function_call_done("call_1", "get_weather", json.dumps({"city": "Oslo"}))],
    )
    ws_server.on("conversation.item.create", [])
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
        calls = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(
                session={"type": "realtime", "tools": tools, "tool_choice": "auto"}
            )
            connection.conversation.item.create(item=user_says("Weather in Oslo?"))
            connection.response.create()
            for event in connection:
                if event.type != "response.done":
                    continue
                for item in event.response.output:
                    if item.type == "function_call":
                        arguments = json.loads(item.arguments)
                        calls.append((item.name, item.call_id, arguments, item.status))
                        connection.conversation.item.create(
                            item={
                                "type": "function_call_output",
                                "call_id": item.call_id,
                                "output": json.dumps({"temp_c": 4}),
                            }
                        )
                break
            connection.response.create(response={"output_modalities": ["text"]})
        return calls

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0] == [("get_weather", "call_1", {"city": "Oslo"}, "completed")]
    assert ours[3][-2:] == [
        {
            "type": "conversation.item.create",
            "item": {
                "type": "function_call_output",
                "call_id": "call_1",
                "output": '{"temp_c": 4}',
            },
        },
        {"type": "response.create", "response": {"output_modalities": ["text"]}},
    ]


def test_out_of_band_response_and_an_image_in_the_conversation(ws_server: WebSocketServer) -> None:
    """A classifier run beside the conversation (`conversation: "none"`, its own input, metadata
    to tell its events apart) and an image added to the conversation as a data URL."""
    done = json.loads(json.dumps(RESPONSE_DONE))
    done["response"]["metadata"] = {"topic": "classification"}
    done["response"]["conversation_id"] = None
    ws_server.on("response.create", [done])
    image = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()

    def program(openai: ModuleType) -> Any:
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.conversation.item.create(
                item={
                    "type": "message",
                    "role": "user",
                    "content": [
                        {"type": "input_text", "text": "What is this?"},
                        {"type": "input_image", "image_url": image, "detail": "low"},
                    ],
                }
            )
            connection.response.create(
                response={
                    "conversation": "none",
                    "metadata": {"topic": "classification"},
                    "output_modalities": ["text"],
                    "instructions": "Classify the topic in one word.",
                    "input": [
                        {"type": "item_reference", "id": "item_1"},
                        user_says("Topic?"),
                    ],
                    "max_output_tokens": 16,
                },
                event_id="oob_1",
            )
            event = connection.recv()
            return (
                event.type,
                event.response.metadata,
                event.response.conversation_id,
                event.response.output[0].content[0].text,
            )

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0] == ("response.done", {"topic": "classification"}, None, "Hello there")
    assert ours[3][1]["response"]["input"][0] == {"type": "item_reference", "id": "item_1"}


def test_events_logged_as_json(ws_server: WebSocketServer) -> None:
    """An app's event log: every event dumped (`model_dump_json(exclude_none=True)`,
    `model_dump(mode="json")`, `to_json()`), as apps write them to files or send them to a UI."""
    ws_server.on("session.update", [SESSION_UPDATED])
    ws_server.on("response.create", text_answer("Hey"), close=1000)

    def program(openai: ModuleType) -> Any:
        log = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(session={"type": "realtime", "instructions": "Be brief."})
            connection.response.create()
            for event in connection:
                log.append(
                    (
                        json.loads(event.model_dump_json(exclude_none=True)),
                        event.model_dump(mode="json", exclude_unset=True),
                        json.loads(event.to_json()),
                    )
                )
        return log

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert len(ours[0]) == 6


def test_sync_receiver_thread_beside_the_sender(ws_server: WebSocketServer) -> None:
    """A sync app: a thread iterates the connection while the main thread sends (a microphone
    loop and a UI), until `response.done`."""
    ws_server.on("response.create", text_answer("Hi there"))

    def program(openai: ModuleType) -> Any:
        got: list[Any] = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:

            def receive() -> None:
                for event in connection:
                    got.append(observed_event(event))
                    if event.type == "response.done":
                        return

            receiver = threading.Thread(target=receive)
            receiver.start()
            for n in range(3):
                connection.input_audio_buffer.append(audio=base64.b64encode(bytes([n])).decode())
            connection.conversation.item.create(item=USER_ITEM)
            connection.response.create()
            receiver.join(5)
            alive = receiver.is_alive()
        return alive, got

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][0] is False and ours[0][1][-1][0] == "response.done"


def test_beta_function_call_round_trip(ws_server: WebSocketServer) -> None:
    """The beta interface's tool loop, as code of the preview era wrote it: `modalities`,
    tools in `session.update`, the call's arguments from `response.function_call_arguments.done`,
    the answer as a `function_call_output` item and `response.create(response={...})`."""
    arguments = json.dumps({"query": "ssd"})
    ws_server.on(
        "response.create",
        [
            {
                "type": "response.function_call_arguments.delta",
                "event_id": "ev_1",
                "response_id": "resp_1",
                "item_id": "fc_1",
                "output_index": 0,
                "call_id": "call_9",
                "delta": arguments,
            },
            {
                "type": "response.function_call_arguments.done",
                "event_id": "ev_2",
                "response_id": "resp_1",
                "item_id": "fc_1",
                "output_index": 0,
                "call_id": "call_9",
                "arguments": arguments,
            },
            {
                "type": "response.done",
                "event_id": "ev_3",
                "response": {
                    "id": "resp_1",
                    "object": "realtime.response",
                    "status": "completed",
                    "output": [],
                    "modalities": ["text"],
                    "usage": {"total_tokens": 5, "input_tokens": 3, "output_tokens": 2},
                },
            },
        ],
    )

    def program(openai: ModuleType) -> Any:
        seen = []
        # the beta interface always takes wss from base_url: a local server is named by
        # websocket_base_url (as both SDKs allow)
        beta = openai.OpenAI(
            api_key=API_KEY, websocket_base_url=f"ws://127.0.0.1:{ws_server.port}/v1"
        )
        with beta.beta.realtime.connect(model="gpt-4o-realtime-preview") as connection:
            connection.session.update(
                session={
                    "modalities": ["text"],
                    "tools": [
                        {
                            "type": "function",
                            "name": "search",
                            "parameters": {"type": "object", "properties": {}},
                        }
                    ],
                    "tool_choice": "auto",
                    "temperature": 0.7,
                }
            )
            connection.conversation.item.create(
                item={
                    "type": "message",
                    "role": "user",
                    "content": [{"type": "input_text", "text": "Find SSDs"}],
                }
            )
            connection.response.create(response={"modalities": ["text"], "temperature": 0.8})
            for event in connection:
                seen.append(event.type)
                if event.type == "response.function_call_arguments.done":
                    connection.conversation.item.create(
                        item={
                            "type": "function_call_output",
                            "call_id": event.call_id,
                            "output": json.dumps(json.loads(event.arguments)),
                        }
                    )
                elif event.type == "response.done":
                    usage = event.response.usage
                    seen.append((event.response.status, usage.total_tokens))
                    break
        return seen

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[2].get("openai-beta") == "realtime=v1"
    assert ours[3][-1] == {
        "type": "conversation.item.create",
        "item": {"type": "function_call_output", "call_id": "call_9", "output": arguments},
    }


def test_handlers_registered_with_on_once_off_and_a_catch_all(ws_server: WebSocketServer) -> None:
    """The push-based style: handlers by decorator and by call (chained), a `once` handler, a
    handler added twice then removed once, the catch-all `"event"` handler, and a handler that
    closes the connection to end `dispatch_events()`."""
    ws_server.on("response.create", text_answer("Hello"))

    def program(openai: ModuleType) -> Any:
        log: list[Any] = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:

            @connection.on("response.output_text.delta")
            def on_delta(event: Any) -> None:
                log.append(("delta", event.delta))

            def twice(event: Any) -> None:
                log.append(("text done", event.text))

            chained = connection.on("event", lambda event: log.append(("any", event.type)))
            log.append(chained is connection)
            connection.once("response.created", lambda event: log.append(("once", event.type)))
            connection.on("response.output_text.done", twice).on("response.output_text.done", twice)
            connection.off("response.output_text.done", twice)

            def on_done(event: Any) -> None:
                log.append(("done", event.response.status))
                connection.close()

            connection.on("response.done", on_done)
            connection.response.create()
            connection.dispatch_events()
            log.append("dispatch returned")
        return log

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0][:3] == [True, ("once", "response.created"), ("any", "response.created")]
    assert ours[0].count(("text done", "Hello")) == 1


def test_async_handlers_coroutines_and_plain_functions(ws_server: WebSocketServer) -> None:
    """`await connection.dispatch_events()` with coroutine handlers and a plain one; a handler
    awaiting `connection.close()` ends it."""
    ws_server.on("response.create", text_answer("Hello"))

    async def app(openai: ModuleType) -> Any:
        log: list[Any] = []
        async with async_client(openai, ws_server).realtime.connect(
            model="gpt-realtime"
        ) as connection:

            @connection.on("response.output_text.delta")
            async def on_delta(event: Any) -> None:
                await asyncio.sleep(0)
                log.append(("delta", event.delta))

            connection.on("response.output_text.done", lambda event: log.append(event.text))

            async def on_done(event: Any) -> None:
                log.append(event.type)
                await connection.close()

            connection.on("response.done", on_done)
            await connection.response.create()
            await asyncio.wait_for(connection.dispatch_events(), 5)
            log.append("dispatch returned")
        return log

    ours, theirs = run_twice(ws_server, lambda openai: asyncio.run(app(openai)))
    assert ours == theirs
    assert ours[0] == [
        ("delta", "He"),
        ("delta", "llo"),
        "Hello",
        "response.done",
        "dispatch returned",
    ]


def test_an_error_event_with_no_handler_for_it_ends_dispatch(ws_server: WebSocketServer) -> None:
    """`dispatch_events()` meets an `error` event that no `"error"` / `"event"` handler takes:
    both raise an OpenAIError carrying the server's message. The wording differs (deliberately
    ours: it says that no handler took the event; the SDK's says `WebSocket error: <event>`)."""
    error = {
        "type": "error",
        "event_id": "ev_e",
        "error": {
            "type": "invalid_request_error",
            "code": "unknown_parameter",
            "message": "Unknown parameter: 'session.foo'.",
            "param": "session.foo",
            "event_id": None,
        },
    }
    ws_server.on("session.update", [error], close=1000)

    def program(openai: ModuleType) -> Any:
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.on("response.output_text.delta", print)
            connection.session.update(session={"type": "realtime"})
            try:
                connection.dispatch_events()
            except openai.OpenAIError as caught:
                return type(caught).__name__, "Unknown parameter: 'session.foo'." in str(caught)
        return "returned"

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0] == ("OpenAIError", True)


def responses_event_stream(response_id: str, output: list[dict[str, Any]]) -> list[Any]:
    """The events of one response on the Responses websocket: its output items, then
    `response.completed` with the whole response."""
    response = {
        "id": response_id,
        "object": "response",
        "created_at": 1,
        "status": "completed",
        "model": "gpt-5",
        "output": output,
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "usage": {
            "input_tokens": 10,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 5,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 15,
        },
    }
    events: list[Any] = [
        {
            "type": "response.created",
            "response": {**response, "status": "in_progress", "output": []},
            "sequence_number": 0,
        }
    ]
    for index, item in enumerate(output):
        events.append(
            {
                "type": "response.output_item.done",
                "output_index": index,
                "item": item,
                "sequence_number": index + 1,
            }
        )
    events.append(
        {"type": "response.completed", "response": response, "sequence_number": len(output) + 1}
    )
    return events


FUNCTION_CALL = {
    "type": "function_call",
    "id": "fc_1",
    "call_id": "call_1",
    "name": "get_weather",
    "arguments": '{"city": "Lima"}',
    "status": "completed",
}
MESSAGE = {
    "type": "message",
    "id": "msg_1",
    "role": "assistant",
    "status": "completed",
    "content": [{"type": "output_text", "text": "It is 19 °C in Lima.", "annotations": []}],
}


def agent_turns(frame: dict[str, Any]) -> list[Any]:
    """The server's answer to a `response.create`: a tool call first, the text once the call's
    output comes back (a request continuing `resp_1`)."""
    if frame.get("previous_response_id") == "resp_1":
        return responses_event_stream("resp_2", [MESSAGE])
    return responses_event_stream("resp_1", [FUNCTION_CALL])


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_responses_websocket_agent_loop(ws_server: WebSocketServer, beta: bool) -> None:
    """An agent on the Responses websocket: a turn with tools; the function calls read from
    `response.output_item.done`; their outputs sent in a `response.create` continuing the
    previous response; the answer read from `response.completed` (its `output_text`)."""
    ws_server.on("response.create", agent_turns)
    tools = [
        {
            "type": "function",
            "name": "get_weather",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
                "additionalProperties": False,
            },
            "strict": True,
        }
    ]

    def program(openai: ModuleType) -> Any:
        log = []
        resource = (
            client(openai, ws_server).beta.responses
            if beta
            else client(openai, ws_server).responses
        )
        with resource.connect() as connection:
            connection.response.create(model="gpt-5", input="Weather in Lima?", tools=tools)
            outputs, previous = [], None
            for event in connection:
                if event.type == "response.output_item.done" and event.item.type == "function_call":
                    arguments = json.loads(event.item.arguments)
                    log.append((event.item.name, arguments))
                    outputs.append(
                        {
                            "type": "function_call_output",
                            "call_id": event.item.call_id,
                            "output": json.dumps({"temp_c": 19}),
                        }
                    )
                elif event.type == "response.completed":
                    previous = event.response.id
                    break
            connection.response.create(
                model="gpt-5", input=outputs, previous_response_id=previous, tools=tools
            )
            for event in connection:
                if event.type == "response.completed":
                    answer = event.response
                    if beta:  # the beta Response has no `output_text` (in neither SDK)
                        text = "".join(
                            part.text
                            for item in answer.output
                            if item.type == "message"
                            for part in item.content
                            if part.type == "output_text"
                        )
                    else:
                        text = answer.output_text
                    log.append((text, answer.usage.total_tokens))
                    break
        return log

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0] == [("get_weather", {"city": "Lima"}), ("It is 19 °C in Lima.", 15)]
    assert ours[3][1]["previous_response_id"] == "resp_1"
    assert ours[3][1]["input"][0]["call_id"] == "call_1"


def test_using_a_connection_after_it_closed(ws_server: WebSocketServer) -> None:
    """What an app meets after the server ended the session (close 1000) or after closing it
    itself: `recv()` and sending raise websockets' `ConnectionClosedOK`, iterating again ends at
    once, closing again is harmless; an app error inside `with` propagates unchanged."""
    ws_server.on("response.create", text_answer("Hi"), close=1000)

    def attempt(code: Any) -> Any:
        try:
            result = code()
        except Exception as error:
            return type(error).__name__, type(error).__module__.split(".")[0], str(error)
        return "returned", repr(result)

    def program(openai: ModuleType) -> Any:
        log = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.response.create()
            log.append([event.type for event in connection])
            log.append(attempt(connection.recv))
            log.append(attempt(connection.response.create))
            log.append(attempt(lambda: list(connection)))
            log.append(attempt(connection.close))
        ws_server.wait_finished(1)
        ws_server.reset()

        def app_bug() -> None:
            with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
                connection.close()
                log.append(attempt(connection.input_audio_buffer.clear))
                log.append(attempt(lambda: list(connection)))
                raise ValueError("app bug")

        log.append(attempt(app_bug))
        return log

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    closed_by_server = ("ConnectionClosedOK", "websockets")
    assert ours[0][1][:2] == ours[0][2][:2] == closed_by_server
    assert ours[0][3:] == [
        ("returned", "[]"),
        ("returned", "None"),
        ("ConnectionClosedOK", "websockets", "sent 1000 (OK); then received 1000 (OK)"),
        ("returned", "[]"),
        ("ValueError", "builtins", "app bug"),
    ]


def test_async_azure_sessions_with_an_async_token_provider(ws_server: WebSocketServer) -> None:
    """An async Azure app on Entra ID: an async token provider, asked again for every session
    (GA, then beta), the deployment and api-version in the URL."""
    ws_server.on("session.update", [], close=1000)

    async def app(openai: ModuleType) -> Any:
        asked: list[str] = []

        async def token() -> str:
            asked.append(f"token-{len(asked) + 1}")
            return asked[-1]

        azure = openai.AsyncAzureOpenAI(
            api_version="2025-04-01-preview",
            azure_endpoint="https://example-resource.openai.azure.com",
            websocket_base_url=f"ws://127.0.0.1:{ws_server.port}/openai",
            azure_ad_token_provider=token,
        )
        async with azure.realtime.connect(model="my-realtime") as connection:
            await connection.session.update(session={"type": "realtime"})
            events = [event.type async for event in connection]
        async with azure.beta.realtime.connect(model="my-realtime") as connection:
            await connection.session.update(session={"modalities": ["text"]})
            events += [event.type async for event in connection]
        return events, asked

    def program(openai: ModuleType) -> Any:
        result = asyncio.run(app(openai))
        ws_server.wait_finished(2)
        sessions = [
            (
                handshake.path,
                {
                    k: v
                    for k, v in handshake.headers.items()
                    if k in ("authorization", "openai-beta")
                },
            )
            for handshake in ws_server.handshakes
        ]
        frames = list(ws_server.frames)
        ws_server.reset()
        return result, sessions, frames

    ours, theirs = program(typed_openai), program(official())
    assert ours == theirs
    path = "/openai/realtime?api-version=2025-04-01-preview&deployment=my-realtime"
    assert ours[1] == [
        (path, {"authorization": "Bearer token-1"}),
        (path, {"authorization": "Bearer token-2", "openai-beta": "realtime=v1"}),
    ]


def test_an_event_larger_than_websockets_default_limit_arrives(ws_server: WebSocketServer) -> None:
    """A long answer's audio in one event (4 MiB of base64, past the `websockets` package's
    default 1 MiB message limit): both clients take it whole."""
    audio = base64.b64encode(b"\x01\x02" * (1536 * 1024)).decode()
    ws_server.on(
        "response.create",
        [{"type": "response.output_audio.delta", "event_id": "ev_big", "delta": audio, **IDS}],
        close=1000,
    )

    def program(openai: ModuleType) -> Any:
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.response.create()
            return [len(base64.b64decode(event.delta)) for event in connection]

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert ours[0] == [3 * 1024 * 1024]


TRANSCRIPTION_SESSION = {
    "type": "transcription",
    "object": "realtime.transcription_session",
    "id": "sess_t",
    "expires_at": 0,
    "audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000}, "noise_reduction": None}},
    "include": None,
}


def test_session_settings_read_back_from_session_events(ws_server: WebSocketServer) -> None:
    """An app checking what the server accepted: the session of ``session.updated`` (a realtime
    session) and of ``session.created`` (a transcription one), their classes, the tool-calling
    setting the server left out (None in both), the id it sent, and the dumps it logs."""
    created = {"type": "session.created", "event_id": "ev_c", "session": TRANSCRIPTION_SESSION}
    ws_server.on("session.update", [SESSION_UPDATED, created], close=1000)

    def program(openai: ModuleType) -> Any:
        seen = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(session={"type": "realtime", "tools": []})
            for event in connection:
                session = event.session
                seen.append(
                    (
                        type(event).__name__,
                        type(session).__name__,
                        session.id,
                        getattr(session, "parallel_tool_calls", "AttributeError"),
                        sorted(session.model_dump()),
                        session.to_json(),
                    )
                )
        return seen

    ours, theirs = run_twice(ws_server, program)
    assert ours == theirs
    assert [(event, session) for event, session, *_ in ours[0]] == [
        ("SessionUpdatedEvent", "RealtimeSessionCreateRequest"),
        ("SessionCreatedEvent", "RealtimeTranscriptionSessionCreateRequest"),
    ]


ERROR = {
    "type": "error",
    "event_id": "ev_e",
    "error": {
        "type": "invalid_request_error",
        "code": "invalid_value",
        "message": "Invalid modalities",
        "param": "session.output_modalities",
        "event_id": "client_1",
    },
}


def test_error_events_printed_by_an_error_handler(ws_server: WebSocketServer) -> None:
    """`print(f"error: {event}")`, the error handler of most Realtime apps, GA and beta: the GA
    event prints as RealtimeErrorEvent, the beta one as ErrorEvent(error=Error(...)) — one schema
    of the document, a per-place copy at the GA (and translation) server-event union's member
    (tools/sdk_names: the places a union a module names holds)."""
    ws_server.on("session.update", [ERROR], close=1000)

    def program(openai: ModuleType) -> Any:
        printed = []
        with client(openai, ws_server).realtime.connect(model="gpt-realtime") as connection:
            connection.session.update(session={"type": "realtime"}, event_id="client_1")
            printed += [repr(event).split("(")[0] for event in connection]
        beta = openai.OpenAI(
            api_key=API_KEY, websocket_base_url=f"ws://127.0.0.1:{ws_server.port}/v1"
        )
        ws_server.wait_finished(1)
        with beta.beta.realtime.connect(model="gpt-4o-realtime-preview") as connection:
            connection.session.update(session={"modalities": ["text"]}, event_id="client_1")
            printed += [(type(event).__name__, type(event.error).__name__) for event in connection]
        ws_server.wait_finished(2)
        ws_server.reset()
        return printed

    ours, theirs = program(typed_openai), program(official())
    assert ours == theirs
