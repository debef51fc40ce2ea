"""`page_item:` in a method's config: the class of the items a method's pages hold.

One list schema may be answered by two methods: paged by one, whole by another (the fine-tuning
checkpoint permissions: `list` pages it, the deprecated `retrieve` answers the list object). The
official SDK holds a class of its own in each (`PermissionListResponse` in the pages, `Data` in
the whole object), so the place's `use:` cannot tell them apart; `page_item:` names the pages'
item schema (or a `copy_of:` copy) for one method."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from codegen.errors import GeneratorError
from tests.codegen import _gen

ITEM_LIST = {
    "type": "object",
    "properties": {
        "object": {"type": "string", "enum": ["list"]},
        "data": {"type": "array", "items": {"$ref": "#/components/schemas/Grant"}},
        "has_more": {"type": "boolean"},
    },
    "required": ["object", "data", "has_more"],
}


def answered(schema: str) -> dict[str, Any]:
    return {
        "200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
        }
    }


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "grants", "version": "1"},
    "paths": {
        "/grants": {
            "get": {"operationId": "listGrants", "responses": answered("GrantList")},
            "post": {"operationId": "createGrants", "responses": answered("GrantList")},
        }
    },
    "components": {
        "schemas": {
            "Grant": {
                "type": "object",
                "properties": {"id": {"type": "string"}, "project": {"type": "string"}},
                "required": ["id", "project"],
            },
            "GrantList": ITEM_LIST,
        }
    },
}


def config(**list_method: Any) -> dict[str, Any]:
    return {
        "resources": {
            "grants": {
                "methods": {
                    "list": {"operation": "listGrants", "page": "single", **list_method},
                    "create": "createGrants",
                }
            }
        },
        "types": {
            "Grant": {"name": "GrantListed", "module": "grant_listed"},
            "GrantWhole": {"copy_of": "Grant", "name": "Data", "module": "grant_whole"},
            "/components/schemas/GrantList/properties/data/items": {"use": "GrantWhole"},
        },
    }


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[Callable[..., tuple[str, Path]]]:
    made: list[tuple[str, Path]] = []

    def generate(cfg: dict[str, Any]) -> tuple[str, Path]:
        _result, package, out = _gen.generate(tmp_path, SPEC, cfg)
        _gen.load(out, package)
        made.append((package, out))
        return package, out

    yield generate
    for package, out in made:
        _gen.unload(package, out)


def test_the_pages_hold_the_named_item_and_the_whole_list_its_own(generated: Any) -> None:
    package, out = generated(config(page_item="Grant"))
    listed = importlib.import_module(f"{package}.types.grant_listed").GrantListed
    whole = importlib.import_module(f"{package}.types.grant_whole").Data
    source = (out / package / "_generated" / "resources" / "grants.py").read_text(encoding="utf-8")
    assert "SyncPage[GrantListed]" in source and "model=GrantListed" in source
    # the method without `page_item` answers the list object, whose items keep the place's class
    grants_list = importlib.import_module(f"{package}.types.grant_list").GrantList
    built = grants_list.model_validate(
        {"object": "list", "data": [{"id": "g1", "project": "p"}], "has_more": False}
    )
    assert type(built.data[0]) is whole and whole is not listed


def test_without_page_item_the_pages_hold_the_places_class(generated: Any) -> None:
    package, out = generated(config())
    source = (out / package / "_generated" / "resources" / "grants.py").read_text(encoding="utf-8")
    assert "SyncPage[Data]" in source


def test_a_page_item_naming_no_schema_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, config(page_item="Nothing"))
    assert caught.value.diagnostic.code == "config-invalid" and "Nothing" in str(caught.value)


def test_a_page_item_on_a_method_answering_no_page_is_a_config_error(tmp_path: Path) -> None:
    cfg = config()
    cfg["resources"]["grants"]["methods"]["create"] = {
        "operation": "createGrants",
        "page_item": "Grant",
    }
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, SPEC, cfg)
    assert caught.value.diagnostic.code == "config-invalid" and "answers no page" in str(
        caught.value
    )
