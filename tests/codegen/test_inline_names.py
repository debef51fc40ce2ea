"""spec/config.yml can name an inline object by its JSON pointer.

The official SDK names many objects the upstream document leaves inline (`Response.incomplete_details`
is `openai.types.responses.response.IncompleteDetails`); a `types` key that is the JSON pointer of
such an object gives it that name, module and request-side TypedDict, like a named schema's entry.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "inline", "version": "1"},
    "paths": {
        "/jobs": {
            "post": {
                "operationId": "createJob",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/JobRequest"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Job"}}
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Job": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "incomplete_details": {
                        "anyOf": [
                            {"type": "object", "properties": {"reason": {"type": "string"}}},
                            {"type": "null"},
                        ]
                    },
                },
                "required": ["id"],
            },
            "JobRequest": {
                "type": "object",
                "properties": {
                    "hyperparameters": {
                        "type": "object",
                        "properties": {"epochs": {"type": "integer"}},
                    }
                },
            },
        }
    },
}
CONFIG: dict[str, Any] = {
    "resources": {"jobs": {"methods": {"create": "createJob"}}},
    "types": {
        "Job": {"name": "Job", "module": "jobs/job"},
        "/components/schemas/Job/properties/incomplete_details/anyOf/0": {
            "name": "IncompleteDetails",
            "module": "jobs/job",
        },
        "/components/schemas/JobRequest/properties/hyperparameters": {
            "param": {"name": "Hyperparameters", "module": "jobs/job_create_params"}
        },
    },
}


def test_an_inline_object_takes_the_configured_name_and_module(
    build: Callable[..., ModuleType],
) -> None:
    pkg = build(SPEC, CONFIG)
    job_module = __import__(f"{pkg.__name__}.types.jobs.job", fromlist=["IncompleteDetails"])
    details = job_module.IncompleteDetails
    assert details.__name__ == "IncompleteDetails"
    assert job_module.Job.model_fields["incomplete_details"].annotation == details | None


def test_a_request_only_inline_object_takes_the_configured_typeddict_name(
    build: Callable[..., ModuleType],
) -> None:
    pkg = build(SPEC, CONFIG)
    params = __import__(f"{pkg.__name__}.types.jobs.job_create_params", fromlist=["x"])
    assert params.Hyperparameters.__annotations__.keys() >= {"epochs"}
