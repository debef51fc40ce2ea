"""Generated clients run against a real loopback server: requests, parsing, streams, pages, files."""

from __future__ import annotations

import sys
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import pytest
import yaml

from tests.support.server import Reply, ScriptedServer

SPECS = Path(__file__).parent / "specs"
T = TypeVar("T")


def _config(name: str) -> dict[str, object]:
    return yaml.safe_load((SPECS / f"{name}.config.yml").read_text())


@pytest.fixture
def track() -> Iterator[Callable[[T], T]]:
    """Closes every sync client a test creates (their sockets must not leak)."""
    opened: list[object] = []

    def add(client: T) -> T:
        opened.append(client)
        return client

    yield add
    for client in opened:
        client.close()  # type: ignore[attr-defined]


@pytest.fixture
def petstore(build: Callable[..., ModuleType]) -> ModuleType:
    return build(SPECS / "petstore.yml", _config("petstore"))


@pytest.fixture
def features(build: Callable[..., ModuleType]) -> ModuleType:
    return build(SPECS / "features.yml", _config("features"))


def test_json_body_model_parsing_and_auth(
    track: Callable[[T], T], petstore: ModuleType, server: ScriptedServer
) -> None:
    client = track(petstore.Petstore(api_key="secret", base_url=server.url))
    server.reply(
        Reply.json({"id": "1", "name": "rex", "kind": "dog", "owner": {"display-name": "Al"}})
    )
    pet = client.pets.create(name="rex", kind="dog")
    assert type(pet).__name__ == "Pet"
    assert pet.owner.display_name == "Al"  # wire name `display-name` kept through an alias
    request = server.requests[0]
    assert (request.method, request.path) == ("POST", "/pets")
    assert request.json() == {"name": "rex", "kind": "dog"}  # NOT_GIVEN fields are not sent
    assert request.headers["authorization"] == "Bearer secret"


def test_cursor_page_follows_last_id(
    track: Callable[[T], T], petstore: ModuleType, server: ScriptedServer
) -> None:
    client = track(petstore.Petstore(api_key="k", base_url=server.url))
    server.reply(
        Reply.json(
            {"object": "list", "data": [{"id": "a", "name": "a", "kind": "cat"}], "has_more": True}
        ),
        Reply.json(
            {
                "object": "list",
                "data": [{"id": "b", "name": "b", "kind": "hamster"}],
                "has_more": False,
            }
        ),
    )
    pets = list(client.pets.list(limit=1))
    assert [p.id for p in pets] == ["a", "b"]
    assert (
        pets[1].kind == "hamster"
    )  # an enum value the spec does not know yet is kept, not an error
    assert server.requests[0].query_dict == {"limit": "1"}
    assert server.requests[1].query_dict == {"limit": "1", "after": "a"}


@pytest.mark.parametrize(
    ("kind", "page_class", "cursor_field"),
    [
        ("next_cursor", "SyncNextCursorPage", "next"),
        ("conversation_cursor", "SyncConversationCursorPage", "last_id"),
        ("token", "SyncTokenPage", "next"),
    ],
)
def test_configured_page_kind_follows_its_cursor_field(
    track: Callable[[T], T],
    build: Callable[..., ModuleType],
    server: ScriptedServer,
    kind: str,
    page_class: str,
    cursor_field: str,
) -> None:
    config = _config("petstore")
    config["resources"]["pets"]["methods"]["list"] = {"operation": "listPets", "page": kind}  # type: ignore[index]
    module = build(SPECS / "petstore.yml", config)
    client = track(module.Petstore(api_key="k", base_url=server.url))
    pet = {"id": "a", "name": "a", "kind": "cat"}
    server.reply(
        Reply.json({"object": "list", "data": [pet], "has_more": True, cursor_field: "cur"}),
        Reply.json({"object": "list", "data": [{**pet, "id": "b"}], "has_more": False}),
    )
    page = client.pets.list(limit=1)
    # a subclass named as the official SDK's parametrized page (`SyncNextCursorPage[Pet]`)
    assert type(page).__name__ == f"{page_class}[Pet]"
    assert type(page).__mro__[1].__name__ == page_class
    assert [p.id for p in page] == ["a", "b"]
    cursor_param = "page" if kind == "token" else "after"
    assert server.requests[1].query_dict == {"limit": "1", cursor_param: "cur"}


def test_unknown_page_kind_in_config_is_rejected(tmp_path: Path) -> None:
    from codegen.errors import GeneratorError
    from tests.codegen._gen import generate

    config = _config("petstore")
    config["resources"]["pets"]["methods"]["list"] = {"operation": "listPets", "page": "offset"}  # type: ignore[index]
    with pytest.raises(GeneratorError, match="next_cursor"):
        generate(tmp_path, SPECS / "petstore.yml", config)


def test_path_params_are_percent_encoded_and_empty_responses(
    track: Callable[[T], T], petstore: ModuleType, server: ScriptedServer
) -> None:
    client = track(petstore.Petstore(api_key="k", base_url=server.url))
    server.reply(Reply.empty())
    assert client.pets.delete("a/b") is None
    assert server.requests[0].target == "/pets/a%2Fb"


def test_raw_response_wrapper(
    track: Callable[[T], T], petstore: ModuleType, server: ScriptedServer
) -> None:
    client = track(petstore.Petstore(api_key="k", base_url=server.url))
    server.reply(
        Reply.json({"id": "1", "name": "n", "kind": "cat"}, headers={"x-request-id": "req_9"})
    )
    raw = client.pets.with_raw_response.retrieve("1")
    assert raw.status_code == 200
    assert raw.request_id == "req_9"
    assert raw.parse().name == "n"


@pytest.mark.anyio
async def test_async_client_and_async_pages(petstore: ModuleType, server: ScriptedServer) -> None:
    client = petstore.AsyncPetstore(api_key="k", base_url=server.url)
    server.reply(
        Reply.json({"id": "1", "name": "n", "kind": "cat"}),
        Reply.json(
            {"object": "list", "data": [{"id": "a", "name": "a", "kind": "cat"}], "has_more": False}
        ),
    )
    pet = await client.pets.retrieve("1")
    assert pet.kind == "cat"
    assert [p.id async for p in client.pets.list()] == ["a"]
    await client.close()


def test_stream_flag_switches_between_model_and_stream(
    track: Callable[[T], T], features: ModuleType, server: ScriptedServer
) -> None:
    client = track(features.Features(api_key="k", base_url=server.url))
    server.reply(Reply.json({"id": "c1", "object": "completion", "text": "hi"}))
    done = client.completions.create(prompt="p", x_trace="t-1")
    assert done.text == "hi"
    assert server.requests[0].headers["x-trace"] == "t-1"
    assert server.requests[0].headers["x-api-key"] == "k"  # apiKey security scheme from the spec
    server.reply(
        Reply.sse(
            [
                'data: {"id": "c1", "delta": "a"}\n\n',
                'data: {"id": "c1", "delta": "b"}\n\n',
                "data: [DONE]\n\n",
            ]
        )
    )
    chunks = list(client.completions.create(prompt="p", stream=True))
    assert [c.delta for c in chunks] == ["a", "b"]
    assert type(chunks[0]).__name__ == "CompletionChunk"
    assert server.requests[1].json() == {"prompt": "p", "stream": True}


def test_sse_event_envelope_and_resource_headers(
    track: Callable[[T], T], features: ModuleType, server: ScriptedServer
) -> None:
    client = track(features.Features(api_key="k", base_url=server.url))
    server.reply(
        Reply.sse(
            [
                'event: thread.created\ndata: {"id": "t1"}\n\n',
                'event: thread.deleted\ndata: {"id": "t1"}\n\n',
            ]
        )
    )
    events = list(client.threads.events.stream())
    assert [(type(e).__name__, e.event, e.data.id) for e in events] == [
        ("ThreadCreated", "thread.created", "t1"),
        ("ThreadDeleted", "thread.deleted", "t1"),
    ]
    assert server.requests[0].headers["x-beta"] == "threads=v1"  # configured on the parent resource


def test_multipart_upload_binary_and_text(
    track: Callable[[T], T], features: ModuleType, server: ScriptedServer, tmp_path: Path
) -> None:
    client = track(features.Features(api_key="k", base_url=server.url))
    server.reply(Reply.json({"id": "u1", "bytes": 3, "purpose": None}))
    upload = client.uploads.create(file=("a.txt", b"abc", "text/plain"), purpose="test")
    assert (upload.id, upload.purpose) == ("u1", None)
    body = server.requests[0].body
    assert server.requests[0].headers["content-type"].startswith("multipart/form-data")
    assert b'name="file"; filename="a.txt"' in body and b"abc" in body
    assert b'name="purpose"' in body and b"test" in body

    server.reply(Reply.raw(b"\x00\x01binary", 200, None, "application/octet-stream"))
    content = client.uploads.content("u1")
    assert content.content == b"\x00\x01binary"
    target = tmp_path / "download.bin"
    content.write_to_file(target)
    assert target.read_bytes() == b"\x00\x01binary"

    server.reply(Reply.raw(b"a summary", 200, None, "text/plain"))
    assert client.uploads.summary("u1") == "a summary"


def test_unplaced_operation_lands_on_default_resource(
    track: Callable[[T], T], build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPECS / "features.yml", _config("features"))
    client = track(pkg.Features(api_key="k", base_url=server.url))
    server.reply(Reply.empty())
    assert client.admin.admin_ping() is None
    assert server.requests[0].path == "/admin/ping"


@pytest.mark.anyio
async def test_async_raw_and_streaming_response_wrappers(
    petstore: ModuleType, server: ScriptedServer
) -> None:
    client = petstore.AsyncPetstore(api_key="k", base_url=server.url)
    server.reply(
        Reply.json(
            {"object": "list", "data": [{"id": "a", "name": "a", "kind": "cat"}], "has_more": False}
        )
    )
    raw = await client.pets.with_raw_response.list()
    page = raw.parse()  # the body is read: the async client's raw parse() is not awaited
    assert [p.id for p in page.data] == ["a"]
    server.reply(Reply.json({"id": "1", "name": "n", "kind": "cat"}))
    async with client.pets.with_streaming_response.retrieve("1") as response:
        assert response.status_code == 200
        assert (await response.parse()).name == "n"
    await client.close()


def test_named_base_urls_and_class_argument_hints_from_the_config(
    track: Callable[[T], T], build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    config = _config("petstore")
    config["client"] = {
        "sync_class": "Petstore",
        "async_class": "AsyncPetstore",
        "named_base_urls": {
            "option": "region",
            "type": "Region",
            "excludes": [],
            "urls": {"here": server.url + "/v1", "there": "https://there.example/v1"},
        },
        "class_argument_hints": {"name": "pass the pet's name as a string"},
    }
    module = build(SPECS / "petstore.yml", config)
    client_module = sys.modules[module.Petstore.__module__]
    assert sorted(client_module.__all__) == ["AsyncPetstore", "Petstore", "Region"]
    assert typing.get_args(client_module.Region) == ("here", "there")
    client = track(module.Petstore(api_key="k", region="here"))
    assert str(client.base_url) == server.url + "/v1/"
    assert str(client.copy(region="there").base_url) == "https://there.example/v1/"
    with pytest.raises(ValueError, match="`region` and `base_url` arguments are mutually"):
        module.Petstore(api_key="k", region="here", base_url=server.url)
    with pytest.raises(ValueError, match="Invalid `region` 'nowhere'; expected one of 'here'"):
        module.Petstore(api_key="k", region="nowhere")
    with pytest.raises(TypeError, match=r"`name` is the class Path.*pet's name as a string"):
        client.pets.create(name=Path, kind="cat")
    assert server.requests == []
