"""The diff reads paths, operations, parameters, bodies and responses through `codegen.spec_view`,
so a loosely written document means to it what it means to the generator."""

from __future__ import annotations

from typing import Any

from codegen.diff import Kind, diff_specs, spec_from_document


def _doc(operation: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"get": operation}},
    }


def _changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[Kind, tuple[str, ...], str]]:
    found = diff_specs(spec_from_document(_doc(old), "old"), spec_from_document(_doc(new), "new"))
    return [(c.kind, c.path, c.detail) for op in found.operations for c in op.changes]


def test_operation_ids_and_flags_read_as_the_generator_reads_them() -> None:
    # a numeric operationId is its text; `deprecated`/`required` count when truthy
    assert _changes({"operationId": 7}, {"operationId": 8}) == [
        (Kind.OPERATION_ID_CHANGED, (), "`7` → `8`")
    ]
    assert _changes({}, {"deprecated": 1}) == [(Kind.OPERATION_DEPRECATED, (), "")]
    param = {"name": "q", "in": "query", "schema": {"type": "string"}}
    assert _changes({"parameters": [param]}, {"parameters": [{**param, "required": 1}]}) == [
        (Kind.MADE_REQUIRED, ("query", "q"), "")
    ]


def test_a_null_parameter_schema_falls_back_to_its_content() -> None:
    def param(schema_type: str) -> dict[str, Any]:
        content = {"application/json": {"schema": {"type": schema_type}}}
        return {"name": "q", "in": "query", "schema": None, "content": content}

    found = _changes({"parameters": [param("string")]}, {"parameters": [param("integer")]})
    assert [kind for kind, *_ in found] == [Kind.TYPE_CHANGED]


def test_a_status_code_written_twice_is_the_first_spelling() -> None:
    def responses(first: str, second: str) -> dict[int | str, Any]:  # YAML `200:` and `"200":`
        ok = {"description": "ok"}
        return {200: {**ok, "content": {first: {}}}, "200": {**ok, "content": {second: {}}}}

    assert (
        _changes({"responses": responses("a/a", "b/b")}, {"responses": responses("a/a", "c/c")})
        == []
    )
