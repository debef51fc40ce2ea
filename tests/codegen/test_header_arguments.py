"""Header parameters as method arguments: named as the config's `header_arguments` says (code
written for the official SDK passes `betas=` for the Responses beta header), an array of texts
taken as a list and sent comma-separated (OpenAPI's `simple` style), and listed last in the
operation's params TypedDict, as the official SDK's `ResponseCreateParams.betas`."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any, get_type_hints

from tests.support.server import Reply, ScriptedServer

BETA_HEADER = {
    "name": "openai-beta",
    "in": "header",
    "required": False,
    "style": "simple",
    "explode": False,
    "schema": {
        "type": "array",
        "items": {"type": "string", "enum": ["multi=v1", "other=v2"]},
    },
}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "headers", "version": "1"},
    "paths": {
        "/things": {
            "post": {
                "operationId": "createThing",
                "parameters": [
                    BETA_HEADER,
                    {"name": "X-Count", "in": "header", "schema": {"type": "integer"}},
                ],
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"name": {"type": "string"}}}
                        }
                    }
                },
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
}
CONFIG = {
    "resources": {
        "things": {
            "header_arguments": {"OpenAI-Beta": "betas"},  # any spelling of the header's name
            "methods": {"create": "createThing"},
        }
    }
}


def test_a_header_argument_takes_the_documented_name_and_a_list(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(SPEC, CONFIG)
    with pkg.Client(api_key="k", base_url=server.url) as client:
        parameters = inspect.signature(client.things.create).parameters
        assert "betas" in parameters and "openai_beta" not in parameters
        server.default = Reply.json({})
        client.things.create(name="a", betas=["multi=v1", "other=v2"], x_count="3")
        client.things.create(name="b", betas=("multi=v1",))
    first, second = server.requests
    assert (first.headers["openai-beta"], first.headers["x-count"]) == ("multi=v1,other=v2", "3")
    assert second.headers["openai-beta"] == "multi=v1"


def test_header_arguments_close_the_params_typeddict(build: Callable[..., ModuleType]) -> None:
    pkg = build(SPEC, CONFIG)
    params = __import__(f"{pkg.__name__}.types", fromlist=["x"]).ThingCreateParams
    assert list(params.__annotations__) == ["name", "betas", "x_count"]
    hints = get_type_hints(params)
    assert "Literal['multi=v1', 'other=v2']" in str(hints["betas"])
