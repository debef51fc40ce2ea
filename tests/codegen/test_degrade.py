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
        types = f"{package}._generated.types"
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
