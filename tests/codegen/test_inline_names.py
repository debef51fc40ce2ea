"""spec/config.yml can name an inline object, enum or list by its JSON pointer.

The official SDK names many objects the upstream document leaves inline (`Response.incomplete_details`
is `openai.types.responses.response.IncompleteDetails`); a `types` key that is the JSON pointer of
such an object gives it that name, module and request-side TypedDict, like a named schema's entry.
An inline enum (`CreateFileRequest.purpose` is the SDK's `FilePurpose`) becomes a named alias the
same way, one name for every place the config points at.
"""

from __future__ import annotations

import collections.abc
import copy
from collections.abc import Callable
from types import ModuleType
from typing import Any, Literal, get_args, get_origin, get_type_hints

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
                    },
                    "purpose": {"type": "string", "enum": ["train", "eval"]},
                    "fallback_purpose": {
                        "anyOf": [{"type": "string", "enum": ["train", "eval"]}, {"type": "null"}]
                    },
                    "tier": {"$ref": "#/components/schemas/Tier"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
            "Tier": {"type": "string", "enum": ["low", "high"]},
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
        "/components/schemas/JobRequest/properties/purpose": {
            "name": "JobPurpose",
            "module": "jobs/job_purpose",
        },
        "/components/schemas/JobRequest/properties/fallback_purpose/anyOf/0": {
            "name": "JobPurpose",
            "module": "jobs/job_purpose",
        },
        "Tier": {"name": "Tier", "module": "tier", "param": {"name": "Tier", "module": "tier_in"}},
        "/components/schemas/JobRequest/properties/tags": {
            "param": {"name": "TagListParam", "module": "jobs/tag_list_param"}
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


def test_an_inline_enum_takes_the_configured_name_at_every_place_named(
    build: Callable[..., ModuleType],
) -> None:
    pkg = build(SPEC, CONFIG)
    enum = __import__(f"{pkg.__name__}.types.jobs.job_purpose", fromlist=["x"])
    params = __import__(f"{pkg.__name__}.types.job_create_params", fromlist=["x"])
    assert enum.JobPurpose == Literal["train", "eval"]
    hints = get_type_hints(params.JobCreateParams)
    assert hints["purpose"] is enum.JobPurpose
    assert hints["fallback_purpose"] == (enum.JobPurpose | None)


def test_a_configured_request_side_name_is_made_for_a_plain_enum_too(
    build: Callable[..., ModuleType],
) -> None:
    # the SDK has `shared_params.ChatModel` beside `shared.ChatModel`: the config's `param` name
    # is generated even though an enum needs no TypedDict
    pkg = build(SPEC, CONFIG)
    twin = __import__(f"{pkg.__name__}.types.tier_in", fromlist=["x"])
    assert twin.Tier == Literal["low", "high"]


def test_an_inline_list_with_only_a_request_side_name_is_that_alias_in_requests(
    build: Callable[..., ModuleType],
) -> None:
    pkg = build(SPEC, CONFIG)
    tags = __import__(f"{pkg.__name__}.types.jobs.tag_list_param", fromlist=["x"])
    params = __import__(f"{pkg.__name__}.types.job_create_params", fromlist=["x"])
    assert get_type_hints(params.JobCreateParams)["tags"] is tags.TagListParam


def test_a_request_side_list_alias_is_a_list(build: Callable[..., ModuleType]) -> None:
    # code keeps such a value and grows it, as with the official SDK
    # (`items: ResponseInputParam = [...]` then `items.append(...)`): an Iterable has no append
    pkg = build(SPEC, CONFIG)
    tags = __import__(f"{pkg.__name__}.types.jobs.tag_list_param", fromlist=["x"])
    assert get_origin(tags.TagListParam) is list
    assert get_args(tags.TagListParam) == (str,)


def test_a_list_only_the_document_names_is_any_iterable_in_requests(
    build: Callable[..., ModuleType],
) -> None:
    # the official SDK has no name for it and writes `Iterable[item]` where a request takes it
    # (no List invariance there: a `list[SubType]` is accepted); its alias is still a List
    spec = copy.deepcopy(SPEC)
    schemas = spec["components"]["schemas"]
    schemas["Label"] = {"type": "object", "properties": {"name": {"type": "string"}}}
    schemas["Labels"] = {"type": "array", "items": {"$ref": "#/components/schemas/Label"}}
    schemas["JobRequest"]["properties"]["labels"] = {"$ref": "#/components/schemas/Labels"}
    pkg = build(spec, CONFIG)
    params = __import__(f"{pkg.__name__}.types.job_create_params", fromlist=["x"])
    label = __import__(f"{pkg.__name__}.types.label_param", fromlist=["x"])
    labels = __import__(f"{pkg.__name__}.types.labels_param", fromlist=["x"])
    hint = get_type_hints(params.JobCreateParams)["labels"]
    assert get_origin(hint) is collections.abc.Iterable
    assert get_args(hint) == (label.LabelParam,)
    assert get_origin(labels.LabelsParam) is list
