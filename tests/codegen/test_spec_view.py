"""The typed view of OpenAPI objects: each accessor returns what its type says, whatever the input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from codegen.errors import GeneratorError
from codegen.spec_view import (
    Encoding,
    Media,
    OpenAPI,
    Operation,
    Parameter,
    PathItem,
    RequestBody,
    Response,
    Responses,
    SchemaObject,
    content_of,
    security_requirements,
)
from tests.codegen import _gen


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
    assert op.responses == Responses({})
    assert op.security is None and not op.declares_security


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
    assert set(form.encoding) == {"ids"}
    assert (form.encoding["ids"].style, form.encoding["ids"].explode) == ("form", False)
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


def test_the_document_view_reads_its_sections() -> None:
    spec = OpenAPI(
        {
            "openapi": "3.1.0",
            "info": {"title": "Pets"},
            "servers": [{"url": "https://pets.example/v1"}, {"url": "https://other"}],
            "paths": {"/pets": {"get": {}}},
            "security": [{"key": []}, {}],
            "components": {
                "schemas": {"Pet": {"type": "object"}},
                "securitySchemes": {
                    "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                    "basic": {"type": "http", "scheme": "Basic"},
                    "broken": "not a mapping",
                },
            },
        }
    )
    assert spec.title == "Pets"
    assert spec.server_url == "https://pets.example/v1"
    assert spec.paths == {"/pets": {"get": {}}}
    assert spec.webhooks == {}
    assert spec.security == [["key"], []]
    assert spec.components.schemas == {"Pet": {"type": "object"}}
    schemes = spec.components.security_schemes
    assert list(schemes) == ["key", "basic"]  # a scheme that is not a mapping is left out
    key, basic = schemes["key"], schemes["basic"]
    assert (key.type, key.location, key.name) == ("apiKey", "header", "X-Key")
    assert (basic.type, basic.scheme) == ("http", "basic")


def test_a_document_without_optional_sections_reads_as_empty() -> None:
    spec = OpenAPI({"openapi": "3.0.0", "info": ["not", "a", "mapping"], "servers": {"url": "x"}})
    assert spec.title == "API"
    assert spec.server_url is None  # `servers` must be a list
    assert spec.paths == {} and spec.webhooks == {}
    assert spec.security is None
    assert spec.components.schemas == {} and spec.components.security_schemes == {}
    assert OpenAPI({"servers": [{"url": 3}], "security": [{"key": []}, "x"]}).server_url is None
    assert OpenAPI({"security": [{"key": []}, "x"]}).security is None


@pytest.mark.parametrize(
    ("document", "pointer", "read"),
    [
        ({"paths": ["/pets"]}, "/paths", lambda s: s.paths),
        ({"webhooks": "newPet"}, "/webhooks", lambda s: s.webhooks),
        (
            {"components": {"schemas": [{"type": "object"}]}},
            "/components/schemas",
            lambda s: s.components.schemas,
        ),
    ],
)
def test_a_section_the_client_cannot_do_without_stops_with_its_pointer(
    document: dict[str, object], pointer: str, read: Callable[[OpenAPI], object]
) -> None:
    with pytest.raises(GeneratorError) as caught:
        read(OpenAPI(document))
    assert caught.value.diagnostic.pointer == pointer
    assert "must be a mapping" in caught.value.diagnostic.message


def test_a_malformed_paths_section_stops_the_generator_naming_it(tmp_path: Path) -> None:
    # it used to crash with an AttributeError while the operations were placed
    spec = {"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": ["/pets"]}
    with pytest.raises(
        GeneratorError, match=r"error\[paths-invalid\] at /paths: must be a mapping"
    ):
        _gen.generate(tmp_path, spec)


def test_a_path_item_lists_its_operations_in_method_order() -> None:
    assert PathItem.of(["get"]) is None
    item = PathItem.of(
        {
            "post": {"operationId": "createPet"},
            "parameters": [{"$ref": "#/components/parameters/Id"}],
            "summary": "Pets",
            "get": {"operationId": 7},
            "put": "not a mapping",
            "x-internal": {"get": {}},
        }
    )
    assert item is not None
    assert [(m, op.raw if op else None) for m, op in item.operations] == [
        ("get", {"operationId": 7}),
        ("put", None),  # the reader warns at .../put and skips it
        ("post", {"operationId": "createPet"}),
    ]
    assert [m for m, _op in item.operations_as_written] == ["post", "get"]
    assert item.parameters == [{"$ref": "#/components/parameters/Id"}]
    assert PathItem({"parameters": {"name": "id"}}).parameters == []
    get = item.operations[0][1]
    assert get is not None and get.operation_id == "7"  # an id is text
    assert Operation({"operationId": ""}).operation_id is None


def test_responses_are_keyed_by_their_code_as_text() -> None:
    assert Operation({"responses": ["200"]}).responses is None  # the reader warns: ignored
    responses = Operation({"responses": {201: {"description": "made"}, "4XX": {}}}).responses
    assert responses is not None
    assert responses.success_codes == ["201"]
    assert responses["201"] == {"description": "made"}
    assert Responses({"302": {}, "301": {}, "default": {}}).success_codes == ["301", "302"]
    assert Responses({"default": {}, "500": {}}).success_codes == ["default"]
    assert Responses({"404": {}}).success_codes == []
    both = Responses.of({"200": "first", 200: "second"})
    assert both is not None and both["200"] == "first"


def test_security_requirements_tell_absent_from_malformed() -> None:
    assert Operation({"security": []}).security == []  # declared: no auth for this operation
    assert Operation({"security": [{"a": [], "b": []}, {}]}).security == [["a", "b"], []]
    malformed = Operation({"security": {"a": []}})
    assert malformed.security is None and malformed.declares_security
    assert security_requirements([{"a": []}, "b"]) is None


def test_a_parameter_and_an_encoding_say_how_a_list_is_written() -> None:
    p = Parameter.of({"name": "ids", "in": "query", "style": "pipeDelimited", "explode": "no"})
    assert p is not None and (p.style, p.explode) == ("pipeDelimited", None)
    assert Encoding({"explode": False}).style is None
    assert Encoding({"explode": False}).explode is False


def test_a_keyword_value_reads_as_object_and_absent_as_none() -> None:
    s = SchemaObject({"minimum": 0, "default": None, "type": "integer"})
    assert s.get("minimum") == 0 and s.get("maximum") is None
    assert s.has("default") and s.get("default") is None  # present, null: tell apart with has()
    assert s.has_any(frozenset({"maximum", "minimum"}))
    assert not s.has_any(frozenset({"enum", "const"}))
