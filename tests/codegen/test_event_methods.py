"""Config `websockets:`: a websocket interface's client-event union becomes methods, one per event,
at the path its `type` names (`connection.conversation.item.create(...)`), so an event the spec
adds reaches the connection on regeneration. The methods take the event's properties as
keyword-only arguments (required ones first, then the optional ones, each set by name) and send
`{"type": ..., <wire name>: value, ...}` without the ones left out."""

from __future__ import annotations

import copy
import importlib
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from codegen.errors import GeneratorError
from tests.codegen import _gen


def _event(kind: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"type": {"type": "string", "enum": [kind]}, **properties},
        "required": ["type", *required],
    }


_EVENT_ID = {"event-id": {"type": "string", "description": "Names the event in errors."}}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "chat", "version": "1"},
    "paths": {
        "/ping": {"get": {"operationId": "ping", "responses": {"204": {"description": "ok"}}}}
    },
    "components": {
        "schemas": {
            "Session": {"type": "object", "properties": {"voice": {"type": "string"}}},
            "SessionUpdate": _event(
                "session.update",
                {"session": {"$ref": "#/components/schemas/Session"}, **_EVENT_ID},
                ["session"],
            ),
            "ItemCreate": {
                "description": "Add an item.",
                **_event(
                    "conversation.item.create",
                    {
                        "previous_item_id": {"type": ["string", "null"]},
                        "item": {"type": "object", "properties": {"text": {"type": "string"}}},
                        **_EVENT_ID,
                    },
                    ["item"],
                ),
            },
            "ChatClientEvent": {
                "oneOf": [
                    {"$ref": "#/components/schemas/SessionUpdate"},
                    {"$ref": "#/components/schemas/ItemCreate"},
                ],
                "discriminator": {"propertyName": "type"},
            },
        }
    },
}
CONFIG: dict[str, Any] = {
    "websockets": {"chat": {"client_events": "ChatClientEvent", "prefix": "Chat"}}
}


def _with_event(spec: dict[str, Any], name: str, event: dict[str, Any]) -> dict[str, Any]:
    spec = copy.deepcopy(spec)
    spec["components"]["schemas"][name] = event
    spec["components"]["schemas"]["ChatClientEvent"]["oneOf"].append(
        {"$ref": f"#/components/schemas/{name}"}
    )
    return spec


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[Callable[[dict[str, Any]], Any]]:
    """Generate a package from a spec (with CONFIG); its `chat` event-methods module."""
    made: list[tuple[str, Path]] = []

    def generate(spec: dict[str, Any]) -> Any:
        _result, package, out = _gen.generate(tmp_path / str(len(made)), spec, CONFIG)
        _gen.load(out, package)
        made.append((package, out))
        return importlib.import_module(f"{package}._generated.event_methods.chat")

    (tmp_path / "0").mkdir()
    yield generate
    for package, out in made:
        _gen.unload(package, out)


def _recorder(module: Any) -> tuple[Any, list[dict[str, object]]]:
    sent: list[dict[str, object]] = []

    class Connection(module.ClientEventMethods):  # as lib's connection classes mix it in
        def _send_event(self, event: dict[str, object]) -> str:
            sent.append(event)
            return "sent"

    return Connection(), sent


def test_each_event_is_a_method_at_the_path_its_type_names(
    generated: Callable[[dict[str, Any]], Any],
) -> None:
    module = generated(SPEC)
    connection, sent = _recorder(module)
    assert type(connection.conversation.item).__name__ == "ChatConversationItemResource"
    assert type(connection.session).__name__ == "ChatSessionResource"
    assert connection.session is connection.session  # one group object per connection
    result = connection.session.update(session={"voice": "x"}, event_id="e1")
    assert result == "sent"  # what the connection's send returns (a coroutine when async)
    connection.conversation.item.create(item={"text": "hi"}, previous_item_id=None)
    assert sent == [
        {"type": "session.update", "session": {"voice": "x"}, "event-id": "e1"},
        {"type": "conversation.item.create", "item": {"text": "hi"}, "previous_item_id": None},
    ]


def test_arguments_are_keyword_only_required_first_then_by_name(
    generated: Callable[[dict[str, Any]], Any],
) -> None:
    module = generated(SPEC)
    create = inspect.signature(module.ChatConversationItemResource.create)
    params = list(create.parameters.values())[1:]
    assert [p.name for p in params] == ["item", "event_id", "previous_item_id"]
    assert all(p.kind is p.KEYWORD_ONLY for p in params)
    assert params[0].default is inspect.Parameter.empty
    assert all(repr(p.default) == "NOT_GIVEN" for p in params[1:])
    assert "Add an item." in (module.ChatConversationItemResource.create.__doc__ or "")
    assert "event_id: Names the event in errors." in (
        module.ChatSessionResource.update.__doc__ or ""
    )
    connection, _ = _recorder(module)
    with pytest.raises(TypeError, match="item"):
        connection.conversation.item.create()


def test_property_names_that_are_no_argument_names_are_renamed(
    generated: Callable[[dict[str, Any]], Any],
) -> None:
    hostile = _event(
        "session.tag",
        {
            "self": {"type": "string"},
            "class": {"type": "string"},
            "tag-name": {"type": "string"},
            "tag_name": {"type": "string"},
        },
        ["self"],
    )
    module = generated(_with_event(SPEC, "Tag", hostile))
    params = list(inspect.signature(module.ChatSessionResource.tag).parameters)
    assert params == ["self", "self_", "class_", "tag_name", "tag_name_"]
    connection, sent = _recorder(module)
    connection.session.tag(self_="s", class_="c", tag_name="a", tag_name_="b")
    assert sent == [
        {"type": "session.tag", "self": "s", "class": "c", "tag-name": "a", "tag_name": "b"}
    ]


def test_an_event_the_spec_adds_reaches_the_connection(
    generated: Callable[[dict[str, Any]], Any],
) -> None:
    added = _event("input_audio_buffer.append", {"audio": {"type": "string"}}, ["audio"])
    module = generated(_with_event(SPEC, "AudioAppend", added))
    connection, sent = _recorder(module)
    connection.input_audio_buffer.append(audio="AAA=")
    assert sent == [{"type": "input_audio_buffer.append", "audio": "AAA="}]
    assert "ChatInputAudioBufferResource" in module.__all__


@pytest.mark.parametrize(
    ("spec", "config", "pointer", "message"),
    [
        pytest.param(
            _with_event(SPEC, "Ping", _event("ping", {}, [])),
            CONFIG,
            "/components/schemas/Ping",
            "names no group",
            id="event-without-group",
        ),
        pytest.param(
            _with_event(SPEC, "VoiceUpdate", _event("session.update.voice", {}, [])),
            CONFIG,
            "/components/schemas/SessionUpdate",
            "both a client event and a group",
            id="event-and-group",
        ),
        pytest.param(
            _with_event(
                SPEC,
                "Loose",
                {"type": "object", "properties": {"type": {"type": "string"}}},
            ),
            CONFIG,
            "/components/schemas/Loose",
            "`type` of one string value",
            id="type-not-one-value",
        ),
        pytest.param(
            SPEC,
            {"websockets": {"chat": {"client_events": "NoSuchUnion", "prefix": "Chat"}}},
            "/websockets/chat/client_events",
            "no schema 'NoSuchUnion'",
            id="unknown-union",
        ),
        pytest.param(
            SPEC,
            {"websockets": {"chat": {"client_events": "ChatClientEvent", "prefix": "chat"}}},
            "/websockets/chat/prefix",
            "PascalCase",
            id="prefix-not-a-class-word",
        ),
        pytest.param(
            SPEC,
            {"websockets": {"chat": {"client_events": "ChatClientEvent"}}},
            "/websockets/chat",
            "client_events",
            id="entry-incomplete",
        ),
    ],
)
def test_what_cannot_be_a_method_stops_the_generator(
    tmp_path: Path, spec: dict[str, Any], config: dict[str, Any], pointer: str, message: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, spec, config, fmt=False)
    diagnostic = caught.value.diagnostic
    assert diagnostic.pointer == pointer
    assert message in diagnostic.message


# `connection:` adds the interface's connection and manager classes, on lib's websocket runtime
_SERVER_EVENTS = {
    "SessionUpdated": _event("session.updated", {"session": {"type": "object"}}, ["session"]),
    "ChatError": _event("error", {"message": {"type": "string"}}, ["message"]),
    "ChatServerEvent": {
        "oneOf": [
            {"$ref": "#/components/schemas/SessionUpdated"},
            {"$ref": "#/components/schemas/ChatError"},
        ],
        "discriminator": {"propertyName": "type"},
    },
}
CONNECTION = {
    "runtime": "typed_openai.lib._realtime.connection",
    "server_events": "ChatServerEvent",
    "path": "/v1/chat",
    "headers": {"X-Chat": "v2"},
    "tls_only": True,
}


def _with_connection(connection: dict[str, Any]) -> dict[str, Any]:
    entry = {"client_events": "ChatClientEvent", "prefix": "Chat", "connection": connection}
    return {"websockets": {"chat": entry}}


def _with_server_events(spec: dict[str, Any]) -> dict[str, Any]:
    spec = copy.deepcopy(spec)
    spec["components"]["schemas"].update(copy.deepcopy(_SERVER_EVENTS))
    return spec


def test_connection_classes_are_the_runtimes_typed_with_the_interfaces_events(
    tmp_path: Path,
) -> None:
    from typed_openai.lib._realtime import connection as runtime

    _result, package, out = _gen.generate(
        tmp_path, _with_server_events(SPEC), _with_connection(CONNECTION)
    )
    _gen.load(out, package)
    try:
        module = importlib.import_module(f"{package}._with_helpers._connections.chat")
        methods = importlib.import_module(f"{package}._generated.event_methods.chat")
        assert sorted(module.__all__) == [
            "AsyncChatConnection",
            "AsyncChatConnectionManager",
            "ChatConnection",
            "ChatConnectionManager",
            "connect",
        ]
        for name, base in [
            ("ChatConnection", runtime.WebSocketConnection),
            ("AsyncChatConnection", runtime.AsyncWebSocketConnection),
        ]:
            cls = getattr(module, name)
            assert issubclass(cls, base) and issubclass(cls, methods.ClientEventMethods), name
        assert module.ChatConnectionManager._connection_type is module.ChatConnection
        assert module.AsyncChatConnectionManager._connection_type is module.AsyncChatConnection
        interface = module.interface()
        assert interface.path == "/v1/chat"
        assert dict(interface.headers) == {"X-Chat": "v2"}
        assert interface.tls_only is True
        # a received message is parsed into the configured union
        union = importlib.import_module(f"{package}.types.chat_server_event").ChatServerEvent
        assert interface.server_event is union
        # `connect()` hands out the manager of the resource's kind, sync or async
        import typed_openai

        options = {"extra_query": {}, "extra_headers": {}, "websocket_connection_options": {}}
        sync = module.connect(typed_openai.OpenAI(api_key="k").realtime, model="m", **options)
        assert type(sync) is module.ChatConnectionManager
        asynchronous = module.connect(typed_openai.AsyncOpenAI(api_key="k").realtime, **options)
        assert type(asynchronous) is module.AsyncChatConnectionManager
    finally:
        _gen.unload(package, out)


def test_without_a_connection_entry_no_connection_module_is_written(tmp_path: Path) -> None:
    _result, package, out = _gen.generate(tmp_path, SPEC, CONFIG, fmt=False)
    assert (out / package / "_generated" / "event_methods" / "chat.py").exists()
    assert not (out / package / "_with_helpers" / "_connections").exists()


@pytest.mark.parametrize(
    ("connection", "pointer", "message"),
    [
        ({**CONNECTION, "server_events": "Nope"}, "/connection/server_events", "no schema 'Nope'"),
        ({**CONNECTION, "path": "v1/chat"}, "/connection/path", "URL path"),
        ({**CONNECTION, "runtime": "a.b-c"}, "/connection/runtime", "dotted module path"),
        ({**CONNECTION, "headers": {"X": 1}}, "/connection/headers", "strings"),
        ({**CONNECTION, "tls_only": "yes"}, "/connection/tls_only", "true or false"),
        ({**CONNECTION, "colour": "red"}, "/connection", "server_events"),
        ({"runtime": CONNECTION["runtime"], "path": "/x"}, "/connection", "server_events"),
    ],
)
def test_a_malformed_connection_entry_stops_the_generator(
    tmp_path: Path, connection: dict[str, Any], pointer: str, message: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, _with_server_events(SPEC), _with_connection(connection), fmt=False)
    diagnostic = caught.value.diagnostic
    assert diagnostic.pointer == "/websockets/chat" + pointer
    assert message in diagnostic.message
