"""Which arguments an operation's params TypedDict names (the official SDK's rule).

A params TypedDict exists when the method takes query or body arguments. Its keys are then the path
arguments the method takes by keyword (every path parameter but the last, which is positional), each
a required key, then the query arguments, then the body's properties — also when the config names
the body schema's own TypedDict the operation's params (`RunCreateParams`). The keys only type a
dict a caller unpacks into the method: the request is unchanged (path filled, query set, nothing of
either in the body), checked here over the loopback server.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from typing_extensions import NotRequired, Required, get_origin, get_type_hints

from tests.support.server import Reply, ScriptedServer


def _op(op_id: str, params: list[dict[str, Any]], body: str | None = None) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": op_id,
        "parameters": params,
        "responses": {
            "200": {
                "description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
            }
        },
    }
    if body is not None:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}},
        }
    return op


def _path(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


INCLUDE = {
    "name": "include[]",
    "in": "query",
    "schema": {"type": "array", "items": {"type": "string", "enum": ["a.b"]}},
}
LIMIT = {"name": "limit", "in": "query", "schema": {"type": "integer"}}

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "keys", "version": "1"},
    "paths": {
        "/threads/{thread_id}/runs/{run_id}/steps/{step_id}": {
            "get": _op("getStep", [_path("thread_id"), _path("run_id"), _path("step_id"), INCLUDE]),
            "delete": _op("deleteStep", [_path("thread_id"), _path("run_id"), _path("step_id")]),
        },
        "/threads/{thread_id}/runs/{run_id}/steps": {
            "get": _op("listSteps", [_path("thread_id"), _path("run_id"), LIMIT]),
        },
        "/threads/{thread_id}/runs": {
            "post": _op("createRun", [_path("thread_id"), INCLUDE], body="CreateRunRequest"),
        },
        "/threads/{thread_id}/runs/{run_id}": {
            "post": _op(
                "updateRun", [_path("thread_id"), _path("run_id")], body="UpdateRunRequest"
            ),
        },
    },
    "components": {
        "schemas": {
            "Thing": {"type": "object", "properties": {"id": {"type": "string"}}},
            "CreateRunRequest": {
                "type": "object",
                "properties": {"assistant_id": {"type": "string"}},
                "required": ["assistant_id"],
            },
            "UpdateRunRequest": {
                "type": "object",
                "properties": {"name": {"type": "string"}},
            },
        }
    },
}
CONFIG: dict[str, Any] = {
    "resources": {
        "threads": {
            "resources": {
                "runs": {
                    "methods": {"create": "createRun", "update": "updateRun"},
                    "resources": {
                        "steps": {
                            "methods": {
                                "retrieve": "getStep",
                                "delete": "deleteStep",
                                "list": "listSteps",
                            }
                        }
                    },
                }
            }
        }
    },
    "types": {
        "CreateRunRequest": {"name": "RunCreateParams", "module": "threads/run_create_params"},
        "UpdateRunRequest": {"name": "RunUpdateParams", "module": "threads/run_update_params"},
    },
}


@pytest.fixture
def pkg(build: Callable[..., ModuleType]) -> ModuleType:
    return build(SPEC, CONFIG)


def _keys(pkg: ModuleType, module: str, name: str) -> dict[str, str]:
    """Each key of a generated TypedDict: `required` or `optional`."""
    cls = getattr(__import__(f"{pkg.__name__}.types.{module}", fromlist=[name]), name)
    hints = get_type_hints(cls, include_extras=True)
    total = cls.__total__

    def kind(hint: Any) -> str:
        origin = get_origin(hint)
        required = origin is Required or (total and origin is not NotRequired)
        return "required" if required else "optional"

    return {key: kind(hint) for key, hint in hints.items()}


def test_keyword_path_arguments_and_query_arguments_are_keys(pkg: ModuleType) -> None:
    assert _keys(pkg, "threads.runs.step_retrieve_params", "StepRetrieveParams") == {
        "thread_id": "required",
        "run_id": "required",
        "include": "optional",  # its argument name, not the wire name `include[]`
    }
    assert _keys(pkg, "threads.runs.step_list_params", "StepListParams") == {
        "thread_id": "required",
        "limit": "optional",
    }


def test_a_configured_body_typeddict_gets_them_too(pkg: ModuleType) -> None:
    assert _keys(pkg, "threads.run_create_params", "RunCreateParams") == {
        "include": "optional",
        "assistant_id": "required",
    }
    assert _keys(pkg, "threads.run_update_params", "RunUpdateParams") == {
        "thread_id": "required",
        "name": "optional",
    }


def test_path_arguments_alone_make_no_typeddict(pkg: ModuleType) -> None:
    with pytest.raises(ImportError):
        __import__(f"{pkg.__name__}.types.threads.runs.step_delete_params")


def test_the_request_is_unchanged(pkg: ModuleType, server: ScriptedServer) -> None:
    server.default = Reply.json({"id": "x"})
    with pkg.Client(api_key="k", base_url=server.url, max_retries=0) as client:
        runs = client.threads.runs
        runs.update("r1", **{"thread_id": "t1", "name": "n"})
        runs.create("t1", **{"include": ["a.b"], "assistant_id": "a1"})
        runs.steps.retrieve("s1", **{"thread_id": "t1", "run_id": "r1", "include": ["a.b"]})
    sent = [
        (r.method, r.path, r.query, json.loads(r.body) if r.body else None) for r in server.requests
    ]
    assert sent == [
        ("POST", "/threads/t1/runs/r1", [], {"name": "n"}),
        ("POST", "/threads/t1/runs", [("include[]", "a.b")], {"assistant_id": "a1"}),
        ("GET", "/threads/t1/runs/r1/steps/s1", [("include[]", "a.b")], None),
    ]
