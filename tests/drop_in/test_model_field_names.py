"""Model fields whose wire name lies in pydantic's `model_` namespace, as the official SDK has them:
the attribute is `api_`-prefixed (`model_ids` -> `api_model_ids`), or the SDK's own choice
(`PerModelUsage.model_name` -> `run_model_name`), with the wire name as the alias. Answers parse by
the wire name; `to_dict()`/`to_json()`/`model_dump(by_alias=True)` give it back; a plain
`model_dump()` uses the attribute. Method arguments and params TypedDict keys keep the wire name
(they are sent). Run against both SDKs, over the loopback server where a call is made.

One deliberate superset: our models also accept the attribute name as a keyword
(`ProjectModelPermissions(api_model_ids=[...])`, the base's `populate_by_name`); the SDK's accept
the wire name only, which works with both. An answer (in both) also keeps each aliased field's
wire key as an extra field, so its plain `model_dump()` holds `api_model_ids` and `model_ids`
both, the SDK's construct rule (`_core/_as_constructed`); a model validated by hand holds the attribute
only, in both. The wire views (`to_dict()`, `to_json()`, `by_alias=True`) are equal.
"""

from __future__ import annotations

import importlib
import inspect
import json
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.server import Reply, ScriptedServer

from .conftest import official, run_both

PERMISSIONS = {"object": "project.model_permissions", "mode": "allow_list", "model_ids": ["gpt-4o"]}
GRADER_RUN = {
    "reward": 1.0,
    "sub_rewards": {},
    "model_grader_token_usage_per_model": {"gpt-4o": {"total_tokens": 3}},
    "metadata": {
        "name": "g",
        "type": "string_check",
        "execution_time": 0.1,
        "scores": {},
        "token_usage": None,
        "sampled_model_name": None,
        "errors": {
            "formula_parse_error": False,
            "sample_parse_error": False,
            "truncated_observation_error": False,
            "unresponsive_reward_error": False,
            "invalid_variable_error": False,
            "other_error": False,
            "python_grader_server_error": False,
            "python_grader_server_error_type": None,
            "python_grader_runtime_error": False,
            "python_grader_runtime_error_details": None,
            "model_grader_server_error": True,
            "model_grader_refusal_error": False,
            "model_grader_parse_error": False,
            "model_grader_server_error_details": "upstream 503",
        },
    },
}
USAGE = {
    "model_name": "gpt-4o",
    "invocation_count": 2,
    "prompt_tokens": 10,
    "completion_tokens": 5,
    "total_tokens": 15,
    "cached_tokens": 0,
}

# (module under types, class): every renamed field the SDK has, by attribute -> wire name
RENAMED = {
    ("admin.organization.projects.project_model_permissions", "ProjectModelPermissions"): {
        "api_model_ids": "model_ids"
    },
    ("fine_tuning.alpha.grader_run_response", "GraderRunResponse"): {
        "api_model_grader_token_usage_per_model": "model_grader_token_usage_per_model"
    },
    ("fine_tuning.alpha.grader_run_response", "MetadataErrors"): {
        "api_model_grader_server_error": "model_grader_server_error",
        "api_model_grader_refusal_error": "model_grader_refusal_error",
        "api_model_grader_parse_error": "model_grader_parse_error",
        "api_model_grader_server_error_details": "model_grader_server_error_details",
    },
    **{
        (f"evals.run_{verb}_response", "PerModelUsage"): {"run_model_name": "model_name"}
        for verb in ("create", "retrieve", "list", "cancel")
    },
}


def _cls(sdk: ModuleType, where: tuple[str, str]) -> Any:
    module, name = where
    return getattr(importlib.import_module(f"{sdk.__name__}.types.{module}"), name)


@pytest.mark.parametrize("where", list(RENAMED), ids=lambda w: f"{w[0]}.{w[1]}")
def test_the_attribute_and_its_alias_are_the_sdks(where: tuple[str, str]) -> None:
    def fields(sdk: ModuleType) -> dict[str, str | None]:
        return {n: f.alias for n, f in _cls(sdk, where).model_fields.items() if f.alias}

    ours, theirs = run_both(fields)
    assert ours == theirs == RENAMED[where]


def _observe(model: Any, attribute: str) -> dict[str, Any]:
    return {
        "attribute": getattr(model, attribute),
        "model_dump": model.model_dump(),
        "by_alias": model.model_dump(by_alias=True),
        "to_dict": model.to_dict(),
        "to_dict(use_api_names=False)": model.to_dict(use_api_names=False),
        "to_json": json.loads(model.to_json()),
        "model_dump_json": json.loads(model.model_dump_json()),
    }


def test_a_call_sends_the_wire_name_and_its_answer_reads_by_the_attribute(
    server: ScriptedServer,
) -> None:
    server.route(
        "POST", "/v1/organization/projects/proj_1/model_permissions", Reply.json(PERMISSIONS)
    )

    def call(sdk: ModuleType) -> dict[str, Any]:
        count = len(server.requests)
        client = sdk.OpenAI(admin_api_key="sk-admin", base_url=server.url + "/v1", max_retries=0)
        with client:
            got = client.admin.organization.projects.model_permissions.update(
                "proj_1", mode="allow_list", model_ids=["gpt-4o"]
            )
        return {"sent": server.requests[count].json(), **_observe(got, "api_model_ids")}

    ours, theirs = run_both(call)
    assert ours == theirs
    assert ours["sent"] == {"mode": "allow_list", "model_ids": ["gpt-4o"]}
    assert ours["attribute"] == ["gpt-4o"]
    # the attribute-named views hold the wire key too (kept as an extra, the module docstring)
    assert ours["model_dump"]["api_model_ids"] == ours["model_dump"]["model_ids"] == ["gpt-4o"]
    for wire_view in ("by_alias", "to_dict", "to_json"):
        assert ours[wire_view] == PERMISSIONS
    assert ours["to_dict(use_api_names=False)"] == ours["model_dump"]
    assert ours["model_dump_json"] == ours["model_dump"]


def test_an_answer_the_models_do_not_fully_know_still_reads_by_the_attribute(
    server: ScriptedServer,
) -> None:
    """A `mode` newer than the client's Literal: our lenient parse (the SDK never validates)."""
    newer = {**PERMISSIONS, "mode": "review_list"}
    server.route("GET", "/v1/organization/projects/proj_1/model_permissions", Reply.json(newer))

    def call(sdk: ModuleType) -> tuple[Any, Any, Any]:
        client = sdk.OpenAI(admin_api_key="sk-admin", base_url=server.url + "/v1", max_retries=0)
        with client:
            got = client.admin.organization.projects.model_permissions.retrieve("proj_1")
        return got.mode, got.api_model_ids, got.to_dict()

    ours, theirs = run_both(call)
    assert ours == theirs == ("review_list", ["gpt-4o"], newer)


def test_the_grader_run_answer_and_its_nested_errors(server: ScriptedServer) -> None:
    server.route("POST", "/v1/fine_tuning/alpha/graders/run", Reply.json(GRADER_RUN))
    grader = {
        "type": "string_check",
        "name": "g",
        "input": "a",
        "reference": "a",
        "operation": "eq",
    }

    def call(sdk: ModuleType) -> dict[str, Any]:
        count = len(server.requests)
        with sdk.OpenAI(api_key="sk", base_url=server.url + "/v1", max_retries=0) as client:
            got = client.fine_tuning.alpha.graders.run(grader=grader, model_sample="a")
        errors = got.metadata.errors
        return {
            "sent": sorted(server.requests[count].json()),
            "usage": got.api_model_grader_token_usage_per_model,
            "errors": (
                errors.api_model_grader_server_error,
                errors.api_model_grader_server_error_details,
            ),
            "wire": got.to_dict(),
        }

    ours, theirs = run_both(call)
    assert ours == theirs
    assert ours["sent"] == ["grader", "model_sample"]  # the argument keeps the wire name
    assert ours["errors"] == (True, "upstream 503")
    assert ours["wire"] == GRADER_RUN


def test_built_by_hand_with_the_wire_name_in_both() -> None:
    def build(sdk: ModuleType) -> dict[str, Any]:
        usage_cls = _cls(sdk, ("evals.run_list_response", "PerModelUsage"))
        return _observe(usage_cls(**USAGE), "run_model_name")

    ours, theirs = run_both(build)
    assert ours == theirs
    assert ours["attribute"] == "gpt-4o"
    assert ours["to_dict"] == USAGE
    assert ours["model_dump"]["run_model_name"] == "gpt-4o"


def test_ours_also_takes_the_attribute_name() -> None:
    usage_cls = _cls(typed_openai, ("evals.run_list_response", "PerModelUsage"))
    usage = usage_cls(
        **{**{k: v for k, v in USAGE.items() if k != "model_name"}, "run_model_name": "m"}
    )
    assert usage.run_model_name == "m"
    assert usage.to_dict()["model_name"] == "m"


@pytest.mark.parametrize(
    ("module", "name", "key"),
    [
        ("fine_tuning.alpha.grader_run_params", "GraderRunParams", "model_sample"),
        (
            "admin.organization.projects.model_permission_update_params",
            "ModelPermissionUpdateParams",
            "model_ids",
        ),
    ],
)
def test_params_typeddicts_and_arguments_keep_the_wire_name(
    module: str, name: str, key: str
) -> None:
    def keys(sdk: ModuleType) -> frozenset[str]:
        td = getattr(importlib.import_module(f"{sdk.__name__}.types.{module}"), name)
        return td.__required_keys__ | td.__optional_keys__

    ours, theirs = run_both(keys)
    assert ours == theirs and key in ours

    def arguments(sdk: ModuleType) -> list[str]:
        client = sdk.OpenAI(api_key="sk", admin_api_key="sk-admin")
        method = (
            client.fine_tuning.alpha.graders.run
            if key == "model_sample"
            else client.admin.organization.projects.model_permissions.update
        )
        return [p for p in inspect.signature(method).parameters if p.startswith(("model", "api_"))]

    ours_args, their_args = arguments(typed_openai), arguments(official())
    assert ours_args == their_args == [key]
