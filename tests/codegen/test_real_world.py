"""Real-world spec shapes that popular generators trip over; each must give a working client."""

from __future__ import annotations

import typing
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.server import Reply, ScriptedServer

SPECS = Path(__file__).parent / "specs" / "realworld"


@pytest.fixture
def realworld(build: Callable[..., ModuleType]) -> ModuleType:
    return build(SPECS / "realworld.yml")


def _types(pkg: ModuleType, module: str) -> ModuleType:
    return import_module(f"{pkg.__name__}.types.{module}")


def test_dotted_dashed_and_external_schema_names(realworld: ModuleType) -> None:
    pod = _types(realworld, "io_k8s_api_core_v1_pod")
    assert (
        pod.IoK8sApiCoreV1Pod.model_validate({"name": "p", "spec": {"replicas": 2}}).spec.replicas
        == 2
    )
    full = _types(realworld, "file_full").FileFull.model_validate({"id": "f", "size": None})
    assert (full.id, full.size) == ("f", None)
    assert hasattr(_types(realworld, "file_mini"), "FileMini")


def test_schemas_sharing_a_title_and_enum_values_differing_by_case(realworld: ModuleType) -> None:
    status = _types(realworld, "status").Status
    assert typing.get_args(status) == ("active", "Active", "ACTIVE")
    other = _types(realworld, "other").Other.model_validate({"mode": "ACTIVE", "empty_enum": "x"})
    assert (other.mode, other.empty_enum) == ("ACTIVE", "x")


def test_recursive_schema_and_nullable_allof_wrapper(realworld: ModuleType) -> None:
    node = _types(realworld, "node").Node.model_validate(
        {"value": "root", "children": [{"value": "a", "children": []}], "parent": None}
    )
    assert node.children[0].value == "a" and node.parent is None


def test_discriminated_union_from_discriminator_property(
    realworld: ModuleType, server: ScriptedServer
) -> None:
    client = realworld.Client(api_key="k", base_url=server.url)
    try:
        server.reply(Reply.json({"pet_type": "dog", "barks": True}))
        pet = client.pets.get_pet()
        assert type(pet).__name__ == "Dog" and pet.barks is True
    finally:
        client.close()


def test_path_level_and_ref_parameters_fragment_paths_and_content_types(
    realworld: ModuleType, server: ScriptedServer
) -> None:
    client = realworld.Client(api_key="k", base_url=server.url)
    try:
        server.reply(Reply.json({"id": "f1", "size": 3}))
        assert client.files.get_file("f1", page_size=5).size == 3
        assert (server.requests[-1].path, server.requests[-1].query_dict) == (
            "/files/f1",
            {"page_size": "5"},
        )

        server.reply(Reply.json({"id": "f1", "size": 4}))
        assert (
            client.files.get_file_full_view("f1", fields="size").size == 4
        )  # `?view=full` path key
        assert (server.requests[-1].path, server.requests[-1].query) == (
            "/files/f1",
            [("view", "full"), ("fields", "size")],
        )

        server.reply(Reply.raw(b"RAW", 200, None, "application/octet-stream"))
        assert client.files.get_file_raw("f1").content == b"RAW"  # `#raw` fragment stripped
        assert server.requests[-1].path == "/files/f1"

        server.reply(Reply.json({"id": "f1"}))
        client.files.patch_file("f1", body=[{"op": "replace", "path": "/name"}])
        assert server.requests[-1].headers["content-type"] == "application/json-patch+json"
        assert server.requests[-1].json() == [{"op": "replace", "path": "/name"}]

        server.reply(Reply.json({"value": "v"}))
        assert client.nodes.create_node(value="v", weight=2).value == "v"
        assert server.requests[-1].headers["content-type"] == "application/x-www-form-urlencoded"
        assert server.requests[-1].body == b"value=v&weight=2"

        server.reply(Reply.json({"value": "up"}))
        assert client.nodes.upload_node(data=("d.bin", b"xyz"), note="n").value == "up"
        assert b'filename="d.bin"' in server.requests[-1].body

        server.reply(Reply.raw(b"found", 200, None, "text/plain"))
        text = client.search.search(
            date_created="a", date_created_lt="b", date_created_gt="c", status="Active"
        )
        assert text == "found"
        assert server.requests[-1].query == [
            ("DateCreated", "a"),
            ("DateCreated<", "b"),
            ("DateCreated>", "c"),
            ("status", "Active"),
        ]

        server.reply(Reply.json([{"name": "p1"}]))
        pods = client.pods.list_pods()
        assert [type(p).__name__ for p in pods] == ["Pod"] and pods[0].name == "p1"
    finally:
        client.close()


def test_openapi_31_nulls_const_multipart_and_webhooks(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPECS / "webhooks31.yml")
    response = _types(pkg, "item_create_item_response").CreateItemResponse
    fields = response.model_fields
    # nullable fields default to None as in the official SDK, whether required or not
    assert not fields["note"].is_required() and not fields["label"].is_required()
    assert not fields["extra"].is_required()
    item = response.model_validate({"id": "i", "note": None, "label": None, "extra": "fixed"})
    assert (item.note, item.label) == (None, None)
    assert response.model_validate({"id": "i"}).note is None
    webhook = import_module(f"{pkg.__name__}.types.webhooks").ItemCreatedWebhookEvent
    assert webhook.model_validate({"id": "w"}).id == "w"
    client = pkg.Client(api_key="k", base_url=server.url)
    try:
        server.reply(Reply.json({"id": "i", "note": "n", "label": "l"}))
        assert client.items.create_item(blob=b"bytes", tags=["a", "b"]).note == "n"
        body = server.requests[-1].body
        assert b'name="blob"' in body and b"bytes" in body
    finally:
        client.close()
