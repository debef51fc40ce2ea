"""Realtime fields of the official SDK (openai 3.57.0) newer than the upstream API document, marked
`x-sdk-newer: true` in spec/openapi.yml: the beta session's and transcription session's turn
detection `create_response` / `eagerness` / `interrupt_response`, the beta transcription session's
`modalities` and `client_secret` lifetime, the GA transcription settings' `delay` and `keywords` in
answers, and the Responses WebSocket `response.create` event's `generate`.

Each goes out, or is read back, the same with either package over the loopback server.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, run_both
from .test_real_world_apps import wire

TURN = {
    "type": "semantic_vad",
    "create_response": False,
    "eagerness": "low",
    "interrupt_response": True,
}
TRANSCRIPTION_SESSION = {
    "client_secret": {"value": "ek_1", "expires_at": 1700000060},
    "modalities": ["text"],
    "input_audio_format": "pcm16",
    "turn_detection": {"type": "server_vad", "threshold": 0.5},
}


def _client(sdk: ModuleType, server: ScriptedServer) -> Any:
    return sdk.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        max_retries=0,
        _strict_response_validation=True,
    )


def test_beta_sessions_send_the_newer_turn_detection_and_transcription_session_keys(
    server: ScriptedServer,
) -> None:
    session = {
        "client_secret": {"value": "ek_1", "expires_at": 1700000060},
        "model": "gpt-realtime",
    }
    lifetime = {"expires_at": {"anchor": "created_at", "seconds": 600}}

    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(session), Reply.json(TRANSCRIPTION_SESSION))
        with _client(sdk, server) as client:
            client.beta.realtime.sessions.create(model="gpt-realtime", turn_detection=TURN)
            answer = client.beta.realtime.transcription_sessions.create(
                client_secret=lifetime, modalities=["text"], turn_detection=TURN
            )
        return [wire(r)[-1] for r in server.requests], answer.modalities

    ours, theirs = run_both(observed)
    assert ours[0][0]["turn_detection"] == TURN
    assert ours[0][1] == {"client_secret": lifetime, "modalities": ["text"], "turn_detection": TURN}
    assert ours == theirs


# (module under types, class, payload): models read with the newer fields, dumped as read
READ = [
    ("realtime.audio_transcription", "AudioTranscription", {"delay": "low", "keywords": ["Ada"]}),
    ("beta.realtime.session_update_event", "SessionTurnDetection", TURN),
    ("beta.realtime.transcription_session_update", "SessionTurnDetection", TURN),
    (
        "responses.responses_client_event",
        "ResponseCreate",
        {"type": "response.create", "generate": False},
    ),
    (
        "beta.beta_responses_client_event",
        "ResponseCreate",
        {"type": "response.create", "generate": False},
    ),
]
# (module under types, TypedDict, keys): request keys code type-checked against the SDK sends
DECLARED = [
    ("beta.realtime.session_create_params", "TurnDetection", set(TURN) - {"type"}),
    ("beta.realtime.session_update_event_param", "SessionTurnDetection", set(TURN) - {"type"}),
    (
        "beta.realtime.transcription_session_create_params",
        "TranscriptionSessionCreateParams",
        {"client_secret", "modalities"},
    ),
    ("beta.realtime.transcription_session_update_param", "Session", {"client_secret"}),
    ("responses.responses_client_event_param", "ResponseCreate", {"generate"}),
    ("beta.beta_responses_client_event_param", "ResponseCreate", {"generate"}),
]


def test_models_read_the_newer_fields_and_the_params_declare_the_newer_keys() -> None:
    def observed(sdk: ModuleType) -> Any:
        read = []
        for module, name, payload in READ:
            cls = getattr(importlib.import_module(f"{sdk.__name__}.types.{module}"), name)
            read.append(cls.model_validate(payload).model_dump(exclude_unset=True))
        declared = []
        for module, name, keys in DECLARED:
            typed_dict = getattr(importlib.import_module(f"{sdk.__name__}.types.{module}"), name)
            declared.append(keys <= typed_dict.__optional_keys__)
        return read, declared

    ours, theirs = run_both(observed)
    assert ours[0] == [payload for _, _, payload in READ]
    assert all(ours[1])
    assert ours == theirs
