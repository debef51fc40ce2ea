"""The typed view of OpenAPI objects: each accessor returns what its type says, whatever the input."""

from __future__ import annotations

from codegen.spec_view import (
    Media,
    Operation,
    Parameter,
    RequestBody,
    Response,
    SchemaObject,
    content_of,
)


def test_operation_fields_read_with_their_types() -> None:
    op = Operation(
        {
            "summary": "List pets.",
            "description": 7,  # malformed: not text
            "deprecated": "yes",
            "parameters": {"not": "a list"},
            "requestBody": {"$ref": "#/components/requestBodies/Pet"},
        }
    )
    assert op.summary == "List pets."
    assert op.description is None
    assert op.deprecated is True
    assert op.parameters == []
    assert op.request_body == {"$ref": "#/components/requestBodies/Pet"}
    assert op.responses == {}
    assert op.security is None


def test_a_parameter_needs_name_and_location() -> None:
    assert Parameter.of({"name": "limit"}) is None
    assert Parameter.of(["name", "in"]) is None
    p = Parameter.of({"name": "limit", "in": "query", "description": ["x"]})
    assert p is not None
    assert (p.name, p.location, p.required, p.description, p.schema) == (
        "limit",
        "query",
        False,
        None,
        None,
    )


def test_a_parameter_schema_falls_back_to_its_first_content_entry() -> None:
    p = Parameter.of(
        {
            "name": "filter",
            "in": "query",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    )
    assert p is not None and p.schema == {"type": "object"}


def test_media_and_content() -> None:
    assert content_of({"content": "text/plain"}) is None
    content = content_of({"content": {"application/pdf": None, "audio/mpeg": {}}})
    assert content is not None and set(content) == {"application/pdf", "audio/mpeg"}
    assert not content["application/pdf"].has_schema
    binary = Media.of({"schema": {"type": "string", "format": "binary"}})
    assert binary.is_bytes and binary.has_schema
    form = Media.of({"encoding": {"ids": {"style": "form", "explode": False}, "bad": 3}})
    assert form.encoding == {"ids": {"style": "form", "explode": False}}
    assert Response.of(None).content == {}
    assert RequestBody.of({"required": 1, "content": {}}).required is True


def test_a_schema_object_is_a_json_object() -> None:
    assert SchemaObject.of(True) is None
    assert SchemaObject.of(["type", "string"]) is None
    assert SchemaObject.of({}) == SchemaObject({})


def test_schema_keywords_read_with_their_types() -> None:
    s = SchemaObject(
        {
            "type": ["object", "null"],
            "description": "A pet.",
            "title": "Pet",
            "required": ["name", 7],
            "properties": {"name": {"type": "string"}, 3: True},
            "additionalProperties": False,
            "discriminator": {"propertyName": "kind"},
            "oneOf": {"not": "a list"},
            "enum": "not a list",
            "deprecated": 1,
        }
    )
    assert s.types == {"object", "null"}
    assert (s.doc, s.description, s.title) == ("A pet.", "A pet.", "Pet")
    assert s.required == {"name", "7"} and s.required_list == ["name", "7"]
    assert s.properties == {"name": {"type": "string"}, "3": True}
    assert s.open_ended is False
    assert s.discriminator == "kind"
    assert s.arms("oneOf") is None and s.arms("anyOf") is None
    assert s.enum is None
    assert s.deprecated is True
    assert s.items is True  # no `items`: any item
    assert s.without("oneOf").has("oneOf") is False
    assert s.with_type("object").types == {"object"}


def test_malformed_schema_keywords_read_as_absent() -> None:
    s = SchemaObject(
        {
            "type": "string",
            "properties": ["name"],
            "required": "name",
            "discriminator": {"propertyName": 3},
            "format": 7,
            "contentMediaType": "image/png",
        }
    )
    assert s.types == {"string"}
    assert s.properties is None  # the builder warns: `properties` must be a mapping
    assert s.required == set()
    assert s.discriminator is None
    assert s.format is None
    assert s.is_binary  # a content media type: bytes
    assert SchemaObject({"patternProperties": {}}).open_ended
    assert SchemaObject({"nullable": "yes"}).nullable is False
