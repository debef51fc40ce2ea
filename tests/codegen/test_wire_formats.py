"""Requests in the media type and parameter style the spec declares; answers parsed by their
actual Content-Type into the declared type (tests/codegen/specs/wire/wire.yml)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

SPEC = Path(__file__).parent / "specs" / "wire" / "wire.yml"


@pytest.fixture
def wire(build: Callable[..., ModuleType]) -> ModuleType:
    return build(SPEC)


@pytest.fixture
def client(wire: ModuleType, server: ScriptedServer) -> Any:
    made = wire.Client(base_url=server.url)
    yield made
    made.close()


def test_accept_lists_declared_media_types_json_first(client: Any, server: ScriptedServer) -> None:
    server.reply(Reply.raw(b"a,b\n1,2\n", 200, None, "text/csv"))
    assert client.report.get_report() == "a,b\n1,2\n"
    assert server.requests[-1].headers["accept"] == "text/csv"

    server.reply(Reply.json({"name": "x"}))
    assert client.config.get_config().name == "x"
    assert server.requests[-1].headers["accept"] == "application/json, application/yaml"

    server.reply(Reply.raw(b"name: x\n", 200, None, "application/yaml"))
    assert client.manifest.get_manifest() == "name: x\n"
    assert server.requests[-1].headers["accept"] == "application/yaml"

    # `*/*`: parsed by what actually came back
    server.reply(Reply.raw(b"plain words", 200, None, "text/plain"))
    assert client.anything.get_anything() == "plain words"
    assert server.requests[-1].headers["accept"] == "*/*"
    server.reply(Reply.json({"k": [1]}))
    assert client.anything.get_anything() == {"k": [1]}


def test_json_string_union_array_and_redirect_answers(client: Any, server: ScriptedServer) -> None:
    server.reply(Reply.json("abc"))
    assert client.token.get_token() == "abc"  # decoded, not '"abc"'

    server.reply(Reply.json({"barks": True, "name": "rex"}))
    pet = client.pets.get_pet("p1")
    assert type(pet).__name__ == "Dog" and pet.name == "rex"
    server.reply(Reply.json({"meows": False}))
    assert type(client.pets.get_pet("p2")).__name__ == "Cat"
    server.reply(Reply.json({"flies": True}))  # neither member: kept as data, not an error
    assert client.pets.get_pet("p3").flies is True  # type: ignore[union-attr]

    server.reply(Reply.json([{"meows": True}]))
    cats = client.cats.list_cats()
    assert isinstance(cats, list) and cats[0].meows is True

    # an operation answering only a redirect: the result is what the redirect leads to (bytes)
    server.reply(
        Reply.raw(b"", 302, {"location": "/elsewhere"}, "text/plain"),
        Reply.raw(b"moved", 200, None, "text/plain"),
    )
    moved = client.go.go_somewhere()
    assert moved is not None and moved.content == b"moved"
    assert [r.path for r in server.requests[-2:]] == ["/go", "/elsewhere"]


def test_query_parameter_styles(client: Any, server: ScriptedServer) -> None:
    server.reply(Reply.json({"data": []}))
    client.pets.list_pets(
        ids=["a", "b"], tags=["x", "y"], kinds=["k1", "k2"], words=["w1", "w2"], filter={"age": 3}
    )
    # in the official SDK's order: required parameters first (none here), then by name
    assert server.requests[-1].query == [
        ("filter[age]", "3"),
        ("ids", "a,b"),
        ("kinds", "k1|k2"),
        ("tags", "x"),
        ("tags", "y"),
        ("words", "w1 w2"),
    ]
    # a list operation whose server answers a bare array: one page of those items, not an error
    server.reply(Reply.json([{"meows": True}, {"meows": False}]))
    page = client.pets.list_pets()
    assert [cat.meows for cat in page.data] == [True, False]


def test_request_bodies_in_their_declared_media_type(client: Any, server: ScriptedServer) -> None:
    # a file field that is a $ref to a named binary schema (and a 3.1 contentMediaType one)
    server.reply(Reply.json({"n": 1}))
    client.uploads.upload(data=("a.bin", b"\x00\x01"), voice=b"mp3", note="hi")
    request = server.requests[-1]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="data"; filename="a.bin"' in request.body and b'name="note"' in request.body
    assert b'name="voice"' in request.body

    # a multipart body without any file field is still multipart
    server.reply(Reply.raw(b"v=0 answer", 201, None, "application/sdp"))
    assert client.sessions.create_session(sdp="v=0 offer", session="{}") == "v=0 answer"
    request = server.requests[-1]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="sdp"\r\n\r\nv=0 offer\r\n' in request.body
    assert request.headers["accept"] == "application/sdp"

    # a multipart field the spec types (`encoding.contentType`) is one part of that type: an
    # object as JSON (not bracketed fields), as the official SDK sends realtime.calls.create
    server.reply(Reply.raw(b"v=0 answer", 201, None, "application/sdp"))
    client.calls.create_call(sdp="v=0 offer", session={"type": "realtime", "n": 1}, note="hi")
    request = server.requests[-1]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="sdp"\r\nContent-Type: application/sdp\r\n\r\nv=0 offer\r\n' in request.body
    assert (
        b'name="session"\r\nContent-Type: application/json\r\n\r\n{"type":"realtime","n":1}\r\n'
        in request.body
    )
    assert b'name="note"\r\n\r\nhi\r\n' in request.body and b"session[" not in request.body
    server.reply(Reply.raw(b"v=0 answer", 201, None, "application/sdp"))
    client.calls.create_call(sdp="v=0 offer")  # left out: no session part
    assert b'name="session"' not in server.requests[-1].body

    # url-encoded: arrays repeat the key (form/explode), `encoding` styles, objects deepObject
    server.reply(Reply.empty(204))
    client.forms.submit_form(key=["v1", "v2"], piped=["p", "q"], meta={"a": "b"})
    request = server.requests[-1]
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.body == b"Key=v1&Key=v2&piped=p%7Cq&meta%5Ba%5D=b"


def test_event_only_operation_always_streams(client: Any, server: ScriptedServer) -> None:
    server.reply(Reply.sse(['data: {"n": 1}\n\n', 'data: {"n": 2}\n\n']))
    events = client.events.watch_events(topic="t")
    assert [e.n for e in events] == [1, 2]


def test_bytes_or_events_operation_is_not_always_a_stream(
    client: Any, server: ScriptedServer
) -> None:
    server.reply(Reply.raw(b"ID3...", 200, None, "audio/mpeg"))
    audio = client.speech.speak(text="hi")
    assert audio.content == b"ID3..."
    assert server.requests[-1].headers["accept"] == "audio/mpeg"
    # events asked for by the request field come back in the same body (as the official SDK)
    server.reply(Reply.sse(['data: {"n": 7}\n\n']))
    events = client.speech.speak(text="hi", stream_format="sse")
    assert events.content == b'data: {"n": 7}\n\n'


def test_exploded_query_lists_in_the_configured_array_format(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    # `client.query_array_format: brackets` (the OpenAI config: the form the official SDKs send)
    # changes only the exploded lists; the styles the spec spells out stay as declared
    wire = build(SPEC, {"client": {"query_array_format": "brackets"}})
    with wire.Client(base_url=server.url) as client:
        server.reply(Reply.json({"data": []}))
        client.pets.list_pets(ids=["a", "b"], tags=["x", "y"], filter={"age": 3})
    assert server.requests[-1].query == [
        ("filter[age]", "3"),
        ("ids", "a,b"),
        ("tags[]", "x"),
        ("tags[]", "y"),
    ]


def test_an_unknown_query_array_format_is_a_config_error(
    build: Callable[..., ModuleType],
) -> None:
    from codegen.errors import GeneratorError

    with pytest.raises(GeneratorError) as caught:
        build(SPEC, {"client": {"query_array_format": "semicolons"}})
    assert caught.value.diagnostic.code == "config-invalid"
    assert "client/query_array_format" in str(caught.value)
