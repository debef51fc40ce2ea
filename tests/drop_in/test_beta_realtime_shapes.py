"""`types.beta.realtime` holds the beta event shapes, as the official SDK's module does.

Code written for `client.beta.realtime` builds and reads the beta-era events (a session with
`modalities`, `voice`, `input_audio_format`; a response with `modalities`, `temperature`), not the
GA ones of the same event type (`output_modalities`, `audio`). The same code runs against both
packages here; the names are re-exported under the SDK's spelling (spec/sdk_names.yml, chosen by
tools/sdk_names: among classes with the same field names, the one nested like the SDK's).
"""

from __future__ import annotations

import importlib
import typing
from types import ModuleType

import pytest

PACKAGES = ["typed_openai", "openai"]

BETA_SESSION = {
    "id": "sess_1",
    "object": "realtime.session",
    "model": "gpt-4o-realtime-preview",
    "modalities": ["text", "audio"],
    "voice": "alloy",
    "instructions": "be brief",
    "input_audio_format": "pcm16",
    "output_audio_format": "g711_ulaw",
    "input_audio_transcription": {"model": "whisper-1"},
    "turn_detection": {"type": "server_vad", "threshold": 0.5, "silence_duration_ms": 200},
    "tool_choice": "auto",
    "temperature": 0.7,
    "max_response_output_tokens": "inf",
}


def _types(package: str, module: str = "") -> ModuleType:
    return importlib.import_module(f"{package}.types.beta.realtime{module}")


@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize(
    ("name", "event_type"),
    [("SessionCreatedEvent", "session.created"), ("SessionUpdatedEvent", "session.updated")],
)
def test_a_server_session_event_reads_the_beta_session(
    package: str, name: str, event_type: str
) -> None:
    cls = getattr(_types(package), name)
    event = cls.model_validate({"event_id": "ev_1", "type": event_type, "session": BETA_SESSION})
    session = event.session
    assert (session.modalities, session.voice) == (["text", "audio"], "alloy")
    assert (session.input_audio_format, session.output_audio_format) == ("pcm16", "g711_ulaw")
    assert session.input_audio_transcription.model == "whisper-1"
    assert (session.turn_detection.type, session.turn_detection.threshold) == ("server_vad", 0.5)
    assert (session.temperature, session.max_response_output_tokens) == (0.7, "inf")


@pytest.mark.parametrize("package", PACKAGES)
def test_a_session_update_is_built_with_the_beta_session_fields(package: str) -> None:
    event = _types(package).SessionUpdateEvent(
        type="session.update",
        session={
            "modalities": ["text"],
            "voice": "alloy",
            "instructions": "be brief",
            "input_audio_format": "pcm16",
            "turn_detection": {"type": "server_vad"},
            "temperature": 0.8,
        },
    )
    assert (event.session.modalities, event.session.voice) == (["text"], "alloy")
    assert (event.session.input_audio_format, event.session.temperature) == ("pcm16", 0.8)
    wire = event.model_dump(exclude_none=True)
    assert wire["session"]["modalities"] == ["text"] and "output_modalities" not in wire["session"]


@pytest.mark.parametrize("package", PACKAGES)
def test_a_response_create_is_built_with_the_beta_response_fields(package: str) -> None:
    event = _types(package).ResponseCreateEvent(
        type="response.create",
        response={
            "modalities": ["text", "audio"],
            "voice": "alloy",
            "output_audio_format": "pcm16",
            "temperature": 0.6,
            "instructions": "answer",
        },
    )
    response = event.response
    assert (response.modalities, response.voice) == (["text", "audio"], "alloy")
    assert (response.output_audio_format, response.temperature) == ("pcm16", 0.6)
    # declared fields (typed, documented), not extras a lenient model keeps
    declared = type(response).model_fields
    assert {"modalities", "voice", "output_audio_format", "temperature"} <= declared.keys()
    assert not {"output_modalities", "audio"} & declared.keys()


@pytest.mark.parametrize("package", PACKAGES)
def test_a_responses_status_details_is_a_realtime_response_status(package: str) -> None:
    beta = _types(package)
    response = beta.RealtimeResponse.model_validate(
        {
            "id": "resp_1",
            "object": "realtime.response",
            "status": "incomplete",
            "status_details": {"type": "incomplete", "reason": "max_output_tokens"},
            "modalities": ["text"],
            "temperature": 0.8,
        }
    )
    status = response.status_details
    assert isinstance(status, beta.RealtimeResponseStatus)
    assert isinstance(status, _types(package, ".realtime_response_status").RealtimeResponseStatus)
    assert (status.type, status.reason) == ("incomplete", "max_output_tokens")
    assert (response.modalities, response.temperature) == (["text"], 0.8)


@pytest.mark.parametrize("package", PACKAGES)
def test_a_conversations_content_class_is_the_responses_class(package: str) -> None:
    conversations = importlib.import_module(f"{package}.types.conversations")
    responses = importlib.import_module(f"{package}.types.responses")
    assert conversations.OutputTextContent is responses.ResponseOutputText
    assert conversations.RefusalContent is responses.ResponseOutputRefusal


# the beta events carrying an item: (module under types.beta.realtime, class, event type, fields)
ITEM_EVENTS = [
    ("", "ConversationItemCreateEvent", "conversation.item.create", {}),
    ("", "ConversationItemCreatedEvent", "conversation.item.created", {"event_id": "ev_1"}),
    (
        ".realtime_server_event",
        "ConversationItemRetrieved",
        "conversation.item.retrieved",
        {"event_id": "ev_1"},
    ),
    (
        "",
        "ResponseOutputItemAddedEvent",
        "response.output_item.added",
        {"event_id": "ev_1", "response_id": "r", "output_index": 0},
    ),
    (
        "",
        "ResponseOutputItemDoneEvent",
        "response.output_item.done",
        {"event_id": "ev_1", "response_id": "r", "output_index": 0},
    ),
]
# a beta-era item: flat, with only the fields the beta API sends for a message in progress
BETA_ITEM = {"id": "item_1", "type": "message", "role": "assistant", "content": []}


@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize(("module", "name", "event_type", "extra"), ITEM_EVENTS)
def test_an_item_event_holds_the_beta_conversation_item(
    package: str, module: str, name: str, event_type: str, extra: dict[str, object]
) -> None:
    """`beta.realtime`'s item events are the beta classes: their `item` is the module's
    `ConversationItem` (flat, every field optional), not a member of the GA item union."""
    cls = getattr(_types(package, module), name)
    event = cls.model_validate({"type": event_type, "item": BETA_ITEM, **extra})
    assert isinstance(event.item, _types(package).ConversationItem)
    assert (event.item.id, event.item.role, event.item.status) == ("item_1", "assistant", None)
    ga = importlib.import_module(f"{package}.types.realtime")
    assert cls is not getattr(ga, name, None)


def _union_by_type(union: object) -> dict[str, type]:
    (members, *_) = typing.get_args(union)  # Annotated[Union[...], discriminator]
    return {
        member.model_fields["type"].annotation.__args__[0]: member
        for member in typing.get_args(members)
    }


@pytest.mark.parametrize(
    "kind",
    ["realtime_server_event:RealtimeServerEvent", "realtime_client_event:RealtimeClientEvent"],
)
def test_the_beta_unions_hold_the_classes_of_the_sdks_names(kind: str) -> None:
    """A received beta event is the class `types.beta.realtime` gives the SDK's name of its type
    (code written for the SDK checks it with isinstance), wherever that class is defined; the
    union may hold events the SDK does not type (the document's mcp_* events), not fewer."""
    module, name = kind.split(":")
    sdk = _union_by_type(getattr(_types("openai", f".{module}"), name))
    ours = _union_by_type(getattr(_types("typed_openai", f".{module}"), name))
    assert set(sdk) <= set(ours)
    expected = {}
    for event_type, cls in sdk.items():
        where = importlib.import_module(cls.__module__.replace("openai", "typed_openai", 1))
        expected[event_type] = getattr(where, cls.__name__)
    assert {t: ours[t] for t in sdk} == expected
