"""The typed view of OpenAPI objects: each accessor returns what its type says, whatever the input."""

from __future__ import annotations

from codegen.spec_view import Media, Operation, Parameter, RequestBody, Response, content_of


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
