"""A model field whose attribute is not its wire name: pydantic's `model_` namespace gets the
`api_` prefix (as in the official SDK), a type entry's `field_names: {property: attribute}` names
one the SDK chose otherwise; the wire name is the alias either way. Method arguments and the
request-side TypedDicts keep the wire name: they are sent."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from codegen.config import parse_config
from codegen.errors import GeneratorError
from codegen.naming import model_attribute
from tests.codegen import _gen
from tests.support.server import Reply, ScriptedServer

POLICY = {
    "type": "object",
    "properties": {
        "model_ids": {"type": "array", "items": {"type": "string"}},
        "model_name": {"type": "string"},
        "mode": {"type": "string"},
        "usage": {
            "type": "array",
            "items": {"type": "object", "properties": {"model_name": {"type": "string"}}},
        },
    },
    "required": ["model_ids", "mode"],
}


def _spec(**schemas: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "policies", "version": "1"},
        "paths": {
            "/policies": {
                "post": {
                    "operationId": "createPolicy",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Policy"}}
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Policy"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Policy": POLICY, **schemas}},
    }


WIRE = {"mode": "allow", "model_ids": ["a", "b"], "model_name": "m", "usage": [{"model_name": "u"}]}
USAGE_POINTER = "/components/schemas/Policy/properties/usage/items"


def _types(pkg: ModuleType) -> Any:
    return __import__(f"{pkg.__name__}.types", fromlist=["Policy"])


def test_the_rule() -> None:
    assert model_attribute("model_ids") == "api_model_ids"
    assert model_attribute("model-name") == "api_model_name"  # by its identifier
    assert model_attribute("model_config") == "api_model_config"  # not `model_config_`
    assert model_attribute("model") is None
    assert model_attribute("models_used") is None


def test_a_model_parses_by_the_wire_name_and_dumps_it_back(
    build: Callable[..., ModuleType],
) -> None:
    policy_cls = _types(build(_spec())).Policy
    policy = policy_cls.model_validate_json(json.dumps(WIRE))
    assert policy.api_model_ids == ["a", "b"]
    assert policy.api_model_name == "m"
    assert policy.usage[0].api_model_name == "u"  # inline objects too
    assert "model_ids" not in policy_cls.model_fields
    assert policy.model_dump(by_alias=True) == WIRE
    assert policy.to_dict() == WIRE
    assert json.loads(policy.to_json()) == WIRE
    plain = policy.model_dump()
    assert plain["api_model_ids"] == ["a", "b"] and "model_ids" not in plain
    # built by hand: the wire name (as the official SDK takes it) or the attribute
    assert policy_cls(mode="x", model_ids=["c"]).api_model_ids == ["c"]
    assert policy_cls(mode="x", api_model_ids=["c"]).to_dict() == {"mode": "x", "model_ids": ["c"]}


def test_arguments_and_params_keep_the_wire_name(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(_spec())
    params = __import__(
        f"{pkg.__name__}.types", fromlist=["PolicyCreatePolicyParams"]
    ).PolicyCreatePolicyParams
    assert {"model_ids", "model_name"} <= params.__required_keys__ | params.__optional_keys__
    client = pkg.Client(api_key="k", base_url=server.url)
    try:
        assert {"model_ids", "model_name"} <= set(
            inspect.signature(client.policies.create_policy).parameters
        )
        server.reply(Reply.json(WIRE))
        policy = client.policies.create_policy(mode="allow", model_ids=["a", "b"], model_name="m")
        assert server.requests[-1].json() == {
            "mode": "allow",
            "model_ids": ["a", "b"],
            "model_name": "m",
        }
        assert policy.api_model_ids == ["a", "b"]
    finally:
        client.close()


def test_a_config_entry_names_the_attribute(build: Callable[..., ModuleType]) -> None:
    config = {
        "types": {
            "Policy": {"name": "Policy", "field_names": {"model_name": "run_model_name"}},
            USAGE_POINTER: {"name": "Usage", "field_names": {"model_name": "usage_model"}},
        }
    }
    policy = _types(build(_spec(), config)).Policy.model_validate(WIRE)
    assert policy.run_model_name == "m"
    assert policy.api_model_ids == ["a", "b"]  # the rule still names the others
    assert policy.usage[0].usage_model == "u"  # an inline object, by its pointer
    assert policy.to_dict() == WIRE


def test_an_entry_may_rename_a_field_outside_the_namespace(
    build: Callable[..., ModuleType],
) -> None:
    config = {"types": {"Policy": {"name": "Policy", "field_names": {"mode": "policy_mode"}}}}
    policy = _types(build(_spec(), config)).Policy.model_validate(WIRE)
    assert policy.policy_mode == "allow"
    assert policy.to_dict()["mode"] == "allow"


def test_the_rules_name_taken_by_another_field_is_told_apart(
    build: Callable[..., ModuleType],
) -> None:
    schema = {
        "type": "object",
        "properties": {"model_ids": {"type": "string"}, "api_model_ids": {"type": "string"}},
    }
    both = _types(build(_spec(Both=schema))).Both.model_validate(
        {"model_ids": "renamed", "api_model_ids": "own"}
    )
    assert (both.api_model_ids_, both.api_model_ids) == ("renamed", "own")


@pytest.mark.parametrize(
    ("entry", "where", "problem"),
    [
        ({"colour": "hue"}, "/types/Policy/field_names", "not a property of Policy: colour"),
        ({"model_name": "mode"}, "/types/Policy/field_names/model_name", "already has a field"),
        (
            {"model_name": "same", "model_ids": "same"},
            "/types/Policy/field_names/model_name",
            "already has a field named 'same'",
        ),
    ],
)
def test_an_entry_the_model_cannot_take_is_a_config_error(
    tmp_path: Path, entry: dict[str, str], where: str, problem: str
) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, _spec(), {"types": {"Policy": {"field_names": entry}}})
    assert where in str(caught.value) and problem in str(caught.value)


def test_an_entry_naming_no_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as caught:
        _gen.generate(tmp_path, _spec(), {"types": {"Polcy": {"field_names": {"mode": "m"}}}})
    assert "/types/Polcy/field_names" in str(caught.value)
    assert "names no model" in str(caught.value)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("run_model_name", "maps a property's wire name to the attribute"),
        ({"model_name": "run model"}, "'run model' is not a Python identifier"),
        ({"model_name": 3}, "3 is not a Python identifier"),
        ({"model_name": "model_label"}, "cannot name a model field"),
        ({"model_name": "_hidden"}, "cannot name a model field"),
        ({"model_name": "class"}, "cannot name a model field"),
        ({"model_name": "to_dict"}, "cannot name a model field"),
    ],
)
def test_a_malformed_entry_is_a_config_error(value: Any, problem: str) -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config({"types": {"Policy": {"field_names": value}}})
    assert "/types/Policy/field_names" in str(caught.value) and problem in str(caught.value)
