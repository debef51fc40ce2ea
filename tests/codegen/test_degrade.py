"""One construct the generator cannot type never stops it: that place degrades, with a warning."""

from __future__ import annotations

import typing
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.codegen import _gen
from tests.support.server import Reply, ScriptedServer

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Degrade", "version": "1"},
    "components": {
        "schemas": {
            "Token": {"type": "string"},
            "Labels": {
                "type": "object",
                "additionalProperties": {
                    "allOf": [{"$ref": "#/components/schemas/Token"}, {"maxLength": 63}]
                },
            },
            "Mixed": {"allOf": [{"type": "string"}, {"type": "integer"}]},
            "Odd": {"type": "decimal128"},
            "BadEnum": {"type": "string", "enum": "a,b"},
            "EmptyAllOf": {"allOf": []},
            "Holder": {
                "type": "object",
                "properties": {
                    "labels": {"$ref": "#/components/schemas/Labels"},
                    "mixed": {"$ref": "#/components/schemas/Mixed"},
                    "odd": {"$ref": "#/components/schemas/Odd"},
                    "bad": {"$ref": "#/components/schemas/BadEnum"},
                    "broken": 17,
                },
            },
        }
    },
    "paths": {
        "/holders/{holder_id}/{version}": {
            "get": {
                "operationId": "getHolder",
                "parameters": [
                    {
                        "name": "holder_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    {"in": "query"},
                    {"name": "x", "in": "body"},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Holder"}}
                        },
                    }
                },
            },
            "post": {
                "operationId": "touchHolder",
                "requestBody": {"description": "no content"},
                "responses": "not a mapping",
            },
            "put": "not an operation",
        }
    },
}


def _codes(result: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for d in result.diagnostics.items:
        found.setdefault(d.code, []).append(d.pointer)
    return found


def test_unsupported_constructs_degrade_with_pointers(
    tmp_path: Path, server: ScriptedServer
) -> None:
    result, package, out = _gen.generate(tmp_path, SPEC)
    codes = _codes(result)
    assert codes["allof-constraints-unchecked"] == [
        "/components/schemas/Labels/additionalProperties"
    ]
    assert codes["allof-unsupported"] == ["/components/schemas/Mixed"]
    assert codes["type-unknown"] == ["/components/schemas/Odd/type"]
    assert codes["enum-invalid"] == ["/components/schemas/BadEnum/enum"]
    assert codes["allof-invalid"] == ["/components/schemas/EmptyAllOf/allOf"]
    assert codes["schema-invalid"] == ["/components/schemas/Holder/properties/broken"]
    assert codes["parameter-invalid"] == [
        "/paths/~1holders~1{holder_id}~1{version}/get/parameters/1"
    ]
    assert codes["parameter-location"] == [
        "/paths/~1holders~1{holder_id}~1{version}/get/parameters/2/in"
    ]
    assert codes["path-param-undeclared"] == [  # {version} on get; both placeholders on post
        "/paths/~1holders~1{holder_id}~1{version}/get",
        *["/paths/~1holders~1{holder_id}~1{version}/post"] * 2,
    ]
    assert codes["body-invalid"] == ["/paths/~1holders~1{holder_id}~1{version}/post/requestBody"]
    assert codes["responses-invalid"] == ["/paths/~1holders~1{holder_id}~1{version}/post/responses"]
    assert codes["operation-invalid"] == ["/paths/~1holders~1{holder_id}~1{version}/put"]

    pkg: ModuleType = _gen.load(out, package)
    try:
        types = f"{package}.types"
        # the narrowest provable type: a $ref to a string plus constraints is still a string
        labels = import_module(f"{types}.labels").Labels
        assert typing.get_args(labels) == (str, str)
        assert import_module(f"{types}.mixed").Mixed is object
        assert typing.get_args(import_module(f"{types}.bad_enum").BadEnum) == ()
        client = pkg.Client(base_url=server.url)
        try:
            server.reply(Reply.json({"labels": {"app": "web"}, "mixed": 3, "odd": "1.5"}))
            holder = client.holders.get_holder("v2", holder_id="h1")
            assert holder.labels == {"app": "web"} and holder.mixed == 3
            assert server.requests[-1].path == "/holders/h1/v2"
            server.reply(Reply.json({}))
            client.holders.touch_holder("v2", holder_id="h1")
            assert server.requests[-1].method == "POST"
        finally:
            client.close()
    finally:
        _gen.unload(package, out)


def _list_op(op_id: str, answer: str) -> dict[str, Any]:
    return {
        "operationId": op_id,
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {
                        "schema": {"type": "object", "properties": {answer: {"type": "string"}}}
                    }
                },
            }
        },
    }


DUPLICATE_IDS: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Duplicates", "version": "1"},
    "paths": {
        "/items": {"get": _list_op("listItems", "v1"), "post": _list_op("listItems", "made")},
        "/v2/items": {"get": _list_op("listItems", "v2")},
        # a later operation that really is called what the renaming would pick keeps its name
        "/v3/items": {"get": _list_op("listItemsGetV2Items", "v3")},
    },
}


def test_a_duplicate_operation_id_is_renamed_with_a_warning(
    tmp_path: Path, server: ScriptedServer
) -> None:
    result, package, out = _gen.generate(tmp_path, DUPLICATE_IDS)
    duplicates = [d for d in result.diagnostics.items if d.code == "operation-id-duplicate"]
    assert [(d.level.value, d.pointer) for d in duplicates] == [
        ("warning", "/paths/~1items/post"),
        ("warning", "/paths/~1v2~1items/get"),
    ]
    assert "'listItemsPostItems'" in duplicates[0].message
    assert "'listItemsGetV2Items2'" in duplicates[1].message
    ids = [op.operation_id for op in result.api.operations]
    assert ids == ["listItems", "listItemsPostItems", "listItemsGetV2Items2", "listItemsGetV2Items"]

    pkg: ModuleType = _gen.load(out, package)
    try:
        client = pkg.Client(base_url=server.url)
        try:
            calls = [
                (client.items.list_items, "GET", "/items", "v1"),
                (client.items.list_items_post_items, "POST", "/items", "made"),
                (client.v2.list_items_get_v2_items2, "GET", "/v2/items", "v2"),
                (client.v3.list_items_get_v2_items, "GET", "/v3/items", "v3"),
            ]
            for call, http_method, path, field in calls:
                server.reply(Reply.json({field: "yes"}))
                assert getattr(call(), field) == "yes"
                assert (server.requests[-1].method, server.requests[-1].path) == (
                    http_method,
                    path,
                )
        finally:
            client.close()
    finally:
        _gen.unload(package, out)
    # the same document gives the same names again
    (tmp_path / "again").mkdir()
    again, _package, _out = _gen.generate(tmp_path / "again", DUPLICATE_IDS, package=package)
    assert [op.operation_id for op in again.api.operations] == ids
