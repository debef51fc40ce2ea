"""Runtime fidelity: what a received object exposes at run time is what the official SDK's does,
each a program run against both packages over a scripted loopback server (issue 15)."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import run

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


@program
def moderation_categories_as_dicts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    names = [
        "harassment",
        "harassment/threatening",
        "hate",
        "hate/threatening",
        "illicit",
        "illicit/violent",
        "self-harm",
        "self-harm/instructions",
        "self-harm/intent",
        "sexual",
        "sexual/minors",
        "violence",
        "violence/graphic",
    ]
    server.reply(
        Reply.json(
            {
                "id": "modr-1",
                "model": "omni-moderation-latest",
                "results": [
                    {
                        "flagged": True,
                        "categories": {name: name == "self-harm" for name in names},
                        "category_scores": {
                            name: 0.5 if name == "self-harm" else 0.01 for name in names
                        },
                        "category_applied_input_types": {name: ["text"] for name in names},
                    }
                ],
            }
        )
    )
    response = client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "some text"},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        ],
    )
    result = response.results[0]
    flagged = [name for name, value in result.categories if value]
    scores = dict(result.category_scores)
    return (
        result.flagged,
        flagged,
        sorted(scores)[:3],
        result.categories.self_harm,
        result.category_scores.model_dump()["self_harm"],
        result.category_scores.model_dump(by_alias=True)["self-harm"],
        sorted(result.categories.to_dict())[:4],
        response.model_dump_json(indent=2).count("\n") > 10,
        result.category_applied_input_types.self_harm,
    )


def _moderation(flagged: str) -> dict[str, Any]:
    names = ["harassment", "hate", "self-harm", "self-harm/intent", "sexual/minors", "violence"]
    return {
        "id": "modr-2",
        "model": "omni-moderation-latest",
        "results": [
            {
                "flagged": True,
                "categories": {name: name == flagged for name in names},
                "category_scores": {name: 0.25 for name in names},
                "category_applied_input_types": {name: ["text"] for name in names},
            }
        ],
    }


@program
def api_named_keys_kept_as_extras(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An answer holds each aliased field's API name beside the field, in every view of it."""
    server.reply(Reply.json(_moderation("sexual/minors")))
    categories = client.moderations.create(input="text").results[0].categories
    return (
        categories.model_extra,
        getattr(categories, "sexual/minors"),
        categories.model_dump(),
        categories.model_dump(by_alias=True),
        categories.to_dict(),
        json.loads(categories.to_json()),
        categories.to_json(indent=None).count('"self-harm"'),
        list(categories),
        repr(categories).replace("typed_openai", "openai"),
        categories.model_fields_set,
    )


@program
def api_named_keys_of_a_lenient_answer(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An answer that does not validate (a category the client types as bool came as null) is
    built leniently: it keeps the API names as extras all the same, in the order they came."""
    body = _moderation("self-harm")
    body["results"][0]["categories"]["hate"] = None
    body["results"][0]["categories"]["brand-new/kind"] = True
    server.reply(Reply.json(body))
    categories = client.moderations.create(input="text").results[0].categories
    return categories.model_extra, list(categories.model_extra), categories.hate


@program
def api_named_keys_of_models_built_by_the_user(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``construct`` keeps them as the answers do; a validated model the user builds does not."""
    categories = openai.types.moderation.Categories
    data = _moderation("hate")["results"][0]["categories"]
    constructed = categories.construct(**data, unknown=1)
    full = {
        **data,
        "harassment/threatening": False,
        "hate/threatening": False,
        "self-harm/instructions": False,
        "sexual": False,
        "violence/graphic": False,
    }
    validated = categories.model_validate(full)
    built = categories(**full)
    return (
        constructed.model_extra,
        constructed.self_harm,
        validated.model_extra,
        built.model_extra,
        validated == built,
    )


@program
def api_named_dict_field_kept(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A dict-valued aliased field (an eval's data source ``schema``) is kept under ``schema``."""
    schema = {"type": "object", "properties": {"item": {"type": "string"}}}
    server.reply(
        Reply.json(
            {
                "id": "eval_1",
                "object": "eval",
                "name": "e",
                "created_at": 1,
                "metadata": None,
                "testing_criteria": [],
                "data_source_config": {"type": "custom", "schema": schema},
            }
        )
    )
    config = client.evals.retrieve("eval_1").data_source_config
    return config.model_extra, config.schema_, config.to_dict()


@program
def api_named_model_field_in_a_page(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Page items keep their aliased keys too; a model-valued one is kept as the data it came as."""
    admin = openai.OpenAI(admin_api_key="sk-admin-1", base_url=server.url + "/v1", max_retries=0)
    entry = {
        "id": "audit_1",
        "type": "api_key.created",
        "effective_at": 1730000000,
        "actor": {"type": "api_key", "api_key": {"id": "key_0", "type": "user"}},
        "api_key.created": {"id": "key_1", "data": {"scopes": ["/v1/models"]}},
        "project": {"id": "proj_1", "name": "p"},
    }
    server.reply(
        Reply.json({"object": "list", "data": [entry], "first_id": "audit_1", "has_more": False})
    )
    logs = list(admin.admin.organization.audit_logs.list())
    admin.close()
    log = logs[0]
    return (
        log.model_extra,
        log.api_key_created.id,
        log.to_dict()["api_key.created"],
        log.model_dump()["api_key.created"],
    )


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_program(name: str) -> None:
    ours, theirs = run(PROGRAMS[name])
    assert ours[1] == theirs[1]  # the requests sent
    assert ours[0] == theirs[0]  # what the program observed
