"""Realtime, Realtime translation and Responses websockets: the connection's event methods, what
send() takes and what recv() / iteration give, as the official SDK types them (each
assert_type fails if a side types the value as Any or as something else)."""

from __future__ import annotations

import base64
from typing import Any

from openai import AsyncOpenAI, OpenAI
from openai.lib.realtime_translation import TranslationConnection, TranslationSession
from openai.types.beta.realtime import RealtimeClientEventParam as BetaClientEventParam
from openai.types.beta.realtime import RealtimeServerEvent as BetaServerEvent
from openai.types.beta.realtime import ResponseAudioTranscriptDeltaEvent
from openai.types.beta.realtime import ResponseTextDoneEvent as BetaTextDone
from openai.types.realtime import (
    RealtimeServerEvent,
    RealtimeTranslationServerEvent,
    ResponseTextDeltaEvent,
)
from openai.types.realtime.realtime_session_create_request_param import (
    RealtimeSessionCreateRequestParam,
)
from openai.types.responses.responses_client_event_param import ResponsesClientEventParam
from typing_extensions import assert_type

client = OpenAI()
SESSION: RealtimeSessionCreateRequestParam = {"type": "realtime", "output_modalities": ["text"]}


def realtime_text() -> str:
    text = ""
    with client.realtime.connect(model="gpt-realtime") as connection:
        assert_type(connection.session.update(session=SESSION), None)
        connection.conversation.item.create(
            item={
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": "Say hello!"}],
            },
            previous_item_id="item_0",
        )
        connection.conversation.item.truncate(item_id="i", content_index=0, audio_end_ms=1500)
        connection.input_audio_buffer.append(audio=base64.b64encode(b"\0\0").decode())
        connection.input_audio_buffer.commit()
        connection.output_audio_buffer.clear(event_id="c1")
        connection.response.create(response={"output_modalities": ["text"]})
        connection.response.cancel(response_id="resp_1")
        connection.send({"type": "response.create", "response": {"instructions": "Be brief."}})
        first = connection.recv()
        assert_type(first, RealtimeServerEvent)
        for event in connection:
            assert_type(event, RealtimeServerEvent)
            if event.type == "response.output_text.delta":
                assert_type(event, ResponseTextDeltaEvent)
                text += event.delta
            elif event.type == "response.done":
                break
    return text


async def realtime_async() -> list[str]:
    seen: list[str] = []
    async with AsyncOpenAI().realtime.connect(model="gpt-realtime") as connection:
        await connection.session.update(session=SESSION)
        await connection.response.create()
        event = await connection.recv()
        assert_type(event, RealtimeServerEvent)
        async for event in connection:
            seen.append(event.type)
    return seen


def beta_realtime() -> list[str]:
    seen: list[str] = []
    with client.beta.realtime.connect(model="gpt-4o-realtime-preview") as connection:
        connection.input_audio_buffer.append(audio=base64.b64encode(b"\0\0").decode())
        connection.session.update(session={"modalities": ["text"], "voice": "alloy"})
        connection.transcription_session.update(
            session={
                "input_audio_format": "pcm16",
                "input_audio_transcription": {"model": "whisper-1"},
            }
        )
        connection.conversation.item.create(
            item={
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": "hi"}],
            }
        )
        connection.conversation.item.truncate(item_id="i", content_index=0, audio_end_ms=10)
        connection.response.create(
            response={"modalities": ["text"], "voice": "alloy", "temperature": 0.7}
        )
        connection.response.cancel()
        connection.output_audio_buffer.clear()
        request: BetaClientEventParam = {
            "type": "response.create",
            "response": {"modalities": ["text"]},
        }
        connection.send(request)
        assert_type(connection.recv(), BetaServerEvent)
        for event in connection:
            assert_type(event, BetaServerEvent)
            if event.type == "response.text.done":
                assert_type(event, BetaTextDone)
                seen.append(event.text)
            elif event.type == "response.audio_transcript.delta":
                assert_type(event, ResponseAudioTranscriptDeltaEvent)
                seen.append(event.delta)
    return seen


async def beta_realtime_async() -> list[str]:
    seen: list[str] = []
    async with AsyncOpenAI().beta.realtime.connect(model="gpt-4o-realtime-preview") as connection:
        await connection.response.create()
        assert_type(await connection.recv(), BetaServerEvent)
        async for event in connection:
            if event.type == "response.text.delta":
                seen.append(event.delta)
    return seen


def translate(audio: bytes) -> list[str]:
    deltas: list[str] = []
    with client.realtime.translations.connect(model="gpt-realtime-translate") as connection:
        connection.session.update(session={"audio": {"output": {"language": "fr"}}})
        connection.session.input_audio_buffer.append(audio=base64.b64encode(audio).decode())
        connection.session.close()
        for event in connection:
            assert_type(event, RealtimeTranslationServerEvent)
            if event.type == "session.output_transcript.delta":
                deltas.append(event.delta)
    return deltas


def translate_with_session() -> None:
    with TranslationSession(client.realtime.translations, model="m") as connection:
        assert_type(connection, TranslationConnection)
        connection.send({"type": "session.close"})
        event = connection.recv(timeout=5.0)
        assert_type(event, RealtimeTranslationServerEvent)


def responses_over_a_socket() -> Any:
    with client.responses.connect() as connection:
        connection.response.create(model="gpt-5", input="Say hi", stream_id="lane", store=False)
        request: ResponsesClientEventParam = {"type": "response.create", "model": "gpt-5"}
        connection.send(request)
        for event in connection:
            if event.type == "response.completed":
                return event.response
    return None
