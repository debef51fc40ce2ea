"""tools.spec_import: facts only, nothing of ours lost, idempotent, our descriptions applied."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.spec_import.__main__ import main
from tools.spec_import.descriptions import DescriptionError, apply_descriptions
from tools.spec_import.facts import schema_facts
from tools.spec_import.merge import merge_upstream

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = Path(
    os.environ.get(
        "TYPED_OPENAI_UPSTREAM_SPEC", ROOT.parent / "shared" / "openapi" / "openai-openapi.yaml"
    )
)


def test_prose_keywords_go_but_properties_of_that_name_stay() -> None:
    schema = {
        "type": "object",
        "title": "Thing",
        "description": "upstream words",
        "x-oaiMeta": {"name": "x"},
        "example": {"title": "t"},
        "properties": {
            "title": {"type": "string", "description": "upstream words"},
            "description": {"type": "string", "examples": ["a"]},
        },
        "required": ["title"],
    }
    assert schema_facts(schema) == {
        "type": "object",
        "properties": {"title": {"type": "string"}, "description": {"type": "string"}},
        "required": ["title"],
    }


@pytest.mark.parametrize(
    ("upstream", "ours"),
    [
        ({"type": "string", "nullable": True}, {"type": ["string", "null"]}),
        (
            {"type": "string", "enum": ["a", "b"], "nullable": True},
            {"type": ["string", "null"], "enum": ["a", "b", None]},
        ),
        (
            {"anyOf": [{"type": "integer"}, {"type": "string"}], "nullable": True},
            {"anyOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]},
        ),
        (
            {"$ref": "#/components/schemas/A", "nullable": True, "default": None},
            {"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "default": None},
        ),
        # upstream's nullable reference: `allOf: [<ref>, {nullable: true}]`
        (
            {"allOf": [{"$ref": "#/components/schemas/A"}, {"nullable": True, "description": "d"}]},
            {
                "allOf": [
                    {"$ref": "#/components/schemas/A"},
                    {"anyOf": [{}, {"type": "null"}]},
                ]
            },
        ),
    ],
)
def test_nullable_is_written_the_3_1_way(upstream: dict[str, Any], ours: dict[str, Any]) -> None:
    assert schema_facts(upstream) == ours


def _upstream() -> dict[str, Any]:
    ref = {"$ref": "#/components/schemas/Thing"}
    return {
        "paths": {
            "/things": {
                "get": {
                    "operationId": "listThings",
                    "summary": "upstream words",
                    "x-oaiMeta": {"examples": "..."},
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "description": "w",
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "w",
                            "content": {"application/json": {"schema": ref}},
                        },
                        "429": {"$ref": "#/components/responses/TooMany"},
                    },
                },
                "post": {
                    "operationId": "createThing",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"file": {"type": "string", "format": "binary"}},
                                }
                            }
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "w",
                            "content": {"application/json": {"schema": ref}},
                        }
                    },
                },
            },
            "/old": {"get": {"operationId": "old", "responses": {"200": {"description": "w"}}}},
        },
        "webhooks": {
            "thing_done": {
                "post": {
                    "description": "w",
                    "requestBody": {"content": {"application/json": {"schema": ref}}},
                    "responses": {"200": {"description": "w"}},
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {"part": {"$ref": "#/components/schemas/Part"}},
                },
                "Part": {"type": "string", "description": "w"},
                "Unused": {"type": "string"},
                "Kept": {"type": "integer"},
            },
            "responses": {"TooMany": {"description": "w"}},
        },
    }


def _ours() -> dict[str, Any]:
    return {
        "paths": {
            "/old": {
                "get": {
                    "operationId": "old",
                    "summary": "Ours.",
                    "responses": {"200": {"description": "Ok."}},
                }
            }
        },
        "components": {"schemas": {"Kept": {"type": "integer", "description": "Ours."}}},
    }


def test_merge_adds_the_missing_facts_and_keeps_ours() -> None:
    ours = _ours()
    report = merge_upstream(ours, _upstream())
    assert report.operations == ["listThings", "createThing"]
    assert report.webhooks == ["thing_done"]
    # in upstream order; one no operation uses comes too (the SDK has a type for each schema)
    assert report.schemas == ["Thing", "Part", "Unused"]
    assert ours["paths"]["/old"] == _ours()["paths"]["/old"]
    assert ours["components"]["schemas"]["Kept"] == {"type": "integer", "description": "Ours."}
    listing = ours["paths"]["/things"]["get"]
    assert listing == {
        "operationId": "listThings",
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
        "responses": {
            "200": {
                "description": "Success.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
            }
        },
    }
    create = ours["paths"]["/things"]["post"]
    assert list(create["responses"]) == ["201"]
    assert create["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"] == {
        "file": {"type": "string", "format": "binary"}
    }
    assert ours["components"]["schemas"]["Part"] == {"type": "string"}
    assert "description" not in ours["webhooks"]["thing_done"]["post"]


def test_merge_twice_changes_nothing() -> None:
    ours = _ours()
    merge_upstream(ours, _upstream())
    again = copy.deepcopy(ours)
    report = merge_upstream(again, _upstream())
    assert again == ours
    assert (report.operations, report.webhooks, report.schemas) == ([], [], [])


def test_descriptions_are_applied_where_they_belong() -> None:
    ours = _ours()
    merge_upstream(ours, _upstream())
    texts = {
        "operations": {
            "listThings": {
                "summary": "List  the things.",
                "parameters": {"limit": "At most this many."},
            },
            "createThing": {"parameters": {"file": "The bytes."}},  # an inline body property
        },
        "schemas": {"Thing": {"description": "A thing.", "properties": {"part": "Its part."}}},
        "webhooks": {"thing_done": "A thing finished."},
    }
    count = apply_descriptions(ours, [(Path("t.yml"), texts)])
    assert count == 6
    listing = ours["paths"]["/things"]["get"]
    assert list(listing)[:2] == ["operationId", "summary"]
    assert listing["summary"] == "List the things."  # whitespace folded
    assert listing["parameters"][0]["description"] == "At most this many."
    body = ours["paths"]["/things"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert body["schema"]["properties"]["file"]["description"] == "The bytes."
    thing = ours["components"]["schemas"]["Thing"]
    assert thing["description"] == "A thing."
    assert thing["properties"]["part"] == {
        "$ref": "#/components/schemas/Part",
        "description": "Its part.",
    }
    assert ours["webhooks"]["thing_done"]["post"]["summary"] == "A thing finished."


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ({"operations": {"nope": {"summary": "x"}}}, "no operation 'nope'"),
        ({"operations": {"listThings": {"parameters": {"nope": "x"}}}}, "'nope'"),
        ({"schemas": {"Nope": {"description": "x"}}}, "no schema 'Nope'"),
        ({"schemas": {"Thing": {"properties": {"nope": "x"}}}}, "no property 'nope'"),
        ({"webhooks": {"nope": "x"}}, "no webhook 'nope'"),
        ({"operations": {"listThings": {"summary": ""}}}, "non-empty"),
    ],
)
def test_a_misspelt_or_empty_description_is_an_error(texts: dict[str, Any], message: str) -> None:
    ours = _ours()
    merge_upstream(ours, _upstream())
    with pytest.raises(DescriptionError, match=message):
        apply_descriptions(ours, [(Path("t.yml"), texts)])


def test_the_same_name_described_in_two_files_is_an_error() -> None:
    ours = _ours()
    merge_upstream(ours, _upstream())
    texts = {"operations": {"listThings": {"summary": "x"}}}
    with pytest.raises(DescriptionError, match="also described"):
        apply_descriptions(ours, [(Path("a.yml"), texts), (Path("b.yml"), texts)])


def test_the_cli_writes_a_spec_that_a_second_run_leaves_alone(tmp_path: Path) -> None:
    upstream = tmp_path / "upstream.yaml"
    upstream.write_text(yaml.safe_dump(_upstream()), encoding="utf-8")
    spec = tmp_path / "openapi.yml"
    spec.write_text(
        "# our header\n# kept\n" + yaml.safe_dump(_ours(), sort_keys=False), encoding="utf-8"
    )
    descriptions = tmp_path / "descriptions"
    descriptions.mkdir()
    (descriptions / "things.yml").write_text(
        "operations:\n  listThings:\n    summary: List the things.\n", encoding="utf-8"
    )
    args = ["--upstream", str(upstream), "--spec", str(spec), "--descriptions", str(descriptions)]
    assert main([*args, "--check"]) == 1
    assert main(args) == 0
    text = spec.read_text(encoding="utf-8")
    assert text.startswith("# our header\n# kept\n")
    assert "summary: List the things." in text
    assert main([*args, "--check"]) == 0
    assert main(args) == 0
    assert spec.read_text(encoding="utf-8") == text


def test_the_cli_leaves_the_spec_untouched_on_a_bad_description(tmp_path: Path) -> None:
    upstream = tmp_path / "upstream.yaml"
    upstream.write_text(yaml.safe_dump(_upstream()), encoding="utf-8")
    spec = tmp_path / "openapi.yml"
    spec.write_text(yaml.safe_dump(_ours(), sort_keys=False), encoding="utf-8")
    before = spec.read_text(encoding="utf-8")
    descriptions = tmp_path / "descriptions"
    descriptions.mkdir()
    (descriptions / "bad.yml").write_text(
        "operations:\n  nope:\n    summary: x\n", encoding="utf-8"
    )
    args = ["--upstream", str(upstream), "--spec", str(spec), "--descriptions", str(descriptions)]
    assert main(args) == 2
    assert spec.read_text(encoding="utf-8") == before


@pytest.mark.skipif(
    not UPSTREAM.exists(), reason="the upstream OpenAI document (../shared) is not available"
)
def test_the_shipped_spec_is_what_the_tool_makes() -> None:
    """spec/openapi.yml holds every upstream operation and all of spec/descriptions/ already."""
    assert main(["--upstream", str(UPSTREAM), "--check"]) == 0


def test_a_descriptions_file_that_is_not_yaml_is_named_in_the_error(tmp_path: Path) -> None:
    from tools.spec_import.descriptions import load_descriptions

    (tmp_path / "broken.yml").write_text("operations:\n  x: a: b\n", encoding="utf-8")
    with pytest.raises(DescriptionError, match=r"broken\.yml: not valid YAML"):
        load_descriptions(tmp_path)


def _nested_spec() -> dict[str, Any]:
    usage = {
        "type": "object",
        "properties": {
            "details": {
                "anyOf": [
                    {"type": "array", "items": {"type": "object", "properties": {"n": {}}}},
                    {"type": "null"},
                ]
            },
            "a.b": {"type": "object", "properties": {"c": {"type": "string"}}},
            "named": {"$ref": "#/components/schemas/Other"},
        },
    }
    return {
        "paths": {},
        "components": {
            "schemas": {
                "Thing": {"type": "object", "properties": {"usage": usage}},
                "Maybe": {"anyOf": [{"type": "object", "properties": {"x": {}}}, {"type": "null"}]},
                "Other": {"type": "object", "properties": {"n": {}}},
            }
        },
    }


def test_a_dotted_property_describes_a_field_of_an_inline_object() -> None:
    spec = _nested_spec()
    texts = {
        "schemas": {
            "Thing": {"properties": {"usage.details.n": "N.", "usage.a.b.c": "C."}},
            "Maybe": {"properties": {"x": "X."}},
        }
    }
    assert apply_descriptions(spec, [(Path("t.yml"), texts)]) == 3
    schemas = spec["components"]["schemas"]
    usage = schemas["Thing"]["properties"]["usage"]["properties"]
    # through a nullable list of objects, and into a property whose own name has a dot
    assert usage["details"]["anyOf"][0]["items"]["properties"]["n"]["description"] == "N."
    assert usage["a.b"]["properties"]["c"]["description"] == "C."
    # a schema that is a union (object or null) has its object's properties described
    assert schemas["Maybe"]["anyOf"][0]["properties"]["x"]["description"] == "X."


def test_a_dotted_property_never_steps_through_a_ref() -> None:
    texts = {"schemas": {"Thing": {"properties": {"usage.named.n": "N."}}}}
    with pytest.raises(DescriptionError, match=re.escape("no property 'usage.named.n'")):
        apply_descriptions(_nested_spec(), [(Path("t.yml"), texts)])


def test_one_schemas_texts_may_be_split_over_files_but_none_given_twice() -> None:
    first = {"schemas": {"Thing": {"description": "T.", "properties": {"usage": "U."}}}}
    second = {"schemas": {"Thing": {"properties": {"usage.details.n": "N."}}}}
    assert (
        apply_descriptions(_nested_spec(), [(Path("a.yml"), first), (Path("b.yml"), second)]) == 3
    )
    again = {"schemas": {"Thing": {"properties": {"usage": "Other words."}}}}
    with pytest.raises(DescriptionError, match="schemas Thing properties usage is also described"):
        apply_descriptions(_nested_spec(), [(Path("a.yml"), first), (Path("b.yml"), again)])


def test_a_field_shared_by_the_variants_of_a_union_is_described_in_each() -> None:
    spec = _nested_spec()
    variant = {"type": "object", "properties": {"on": {"type": "boolean"}}}
    spec["components"]["schemas"]["Either"] = {
        "anyOf": [{"oneOf": [variant, copy.deepcopy(variant)]}, {"type": "null"}]
    }
    texts = {"schemas": {"Either": {"properties": {"on": "Whether it is on."}}}}
    assert apply_descriptions(spec, [(Path("t.yml"), texts)]) == 1
    members = spec["components"]["schemas"]["Either"]["anyOf"][0]["oneOf"]
    assert [m["properties"]["on"]["description"] for m in members] == ["Whether it is on."] * 2


def test_the_fields_of_an_inline_response_body_are_described_under_the_operation() -> None:
    spec = _nested_spec()
    body = {"type": "object", "properties": {"deleted": {"type": "boolean"}}}
    spec["paths"]["/things/{id}"] = {
        "delete": {
            "operationId": "deleteThing",
            "responses": {"200": {"content": {"application/json": {"schema": body}}}},
        }
    }
    texts = {"operations": {"deleteThing": {"response": {"deleted": "Whether it went."}}}}
    assert apply_descriptions(spec, [(Path("t.yml"), texts)]) == 1
    assert body["properties"]["deleted"]["description"] == "Whether it went."
    wrong = {"operations": {"deleteThing": {"response": {"gone": "x"}}}}
    with pytest.raises(DescriptionError, match="no property 'gone' in an inline response body"):
        apply_descriptions(spec, [(Path("t.yml"), wrong)])
