"""`pydantic_function_tool`, compared with the official SDK's output where that one is valid."""

from __future__ import annotations

import copy
import json
import os
import pickle
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Generic, List, TypeVar, Union

import openai
import pytest
from pydantic import BaseModel

import typed_openai
from typed_openai.lib._tools import (
    ModelFunctionDefinition,
    function_tool_model,
    pydantic_function_tool,
)


class Table(str, Enum):
    orders = "orders"
    customers = "customers"


class Operator(str, Enum):
    eq = "="
    gt = ">"


class DynamicValue(BaseModel):
    column_name: str


class Condition(BaseModel):
    column: str
    operator: Operator
    value: Union[str, int, DynamicValue]


class Query(BaseModel):
    table_name: Table
    columns: List[str]
    conditions: List[Condition]


class GetWeather(BaseModel):
    """Look up the weather.

    Indented continuation lines are sent as written.
    """

    city: str


def _official(model: type[BaseModel], **kwargs: Any) -> dict[str, Any]:
    return json.loads(json.dumps(openai.pydantic_function_tool(model, **kwargs)))


@pytest.mark.parametrize(
    ("model", "kwargs"),
    [
        (Query, {}),
        (GetWeather, {}),
        (GetWeather, {"name": "weather_now"}),
        (GetWeather, {"description": "Weather, briefly."}),
        (Condition, {"name": "cond", "description": ""}),
    ],
)
def test_matches_official_sdk(model: type[BaseModel], kwargs: dict[str, Any]) -> None:
    ours = pydantic_function_tool(model, **kwargs)
    assert json.dumps(ours) == json.dumps(_official(model, **kwargs))


def test_seed_query_tool_shape() -> None:
    tool = pydantic_function_tool(Query)
    assert tool["type"] == "function"
    function = tool["function"]
    assert function["name"] == "Query"
    assert function["strict"] is True
    assert "description" not in function  # Query has no docstring
    parameters = function.get("parameters", {})
    assert parameters["additionalProperties"] is False
    assert parameters["required"] == ["table_name", "columns", "conditions"]


def test_defaults_to_class_name_and_docstring() -> None:
    function = pydantic_function_tool(GetWeather)["function"]
    assert function["name"] == "GetWeather"
    assert function.get("description") == GetWeather.__doc__


def test_explicit_name_and_description_win() -> None:
    function = pydantic_function_tool(GetWeather, name="w", description="d")["function"]
    assert (function["name"], function.get("description")) == ("w", "d")


T = TypeVar("T")


class Box(BaseModel, Generic[T]):
    content: T


def test_generic_model_name_is_made_valid_for_the_api() -> None:
    # Function names must match ^[a-zA-Z0-9_-]{1,64}$; the official SDK sends "Box[int]".
    assert pydantic_function_tool(Box[int])["function"]["name"] == "Box_int"


def test_tool_remembers_its_model_but_encodes_as_plain_json() -> None:
    tool = pydantic_function_tool(GetWeather)
    assert function_tool_model(tool) is GetWeather
    assert isinstance(tool["function"], ModelFunctionDefinition)
    decoded = json.loads(json.dumps(tool))
    assert decoded["function"]["parameters"]["properties"] == {
        "city": {"title": "City", "type": "string"}
    }


def test_copies_keep_the_model() -> None:
    tool = pydantic_function_tool(GetWeather)
    assert function_tool_model(copy.deepcopy(tool)) is GetWeather
    assert function_tool_model(pickle.loads(pickle.dumps(tool))) is GetWeather


def test_plain_dict_tool_has_no_model() -> None:
    tool = {"type": "function", "function": {"name": "f", "parameters": {}, "strict": True}}
    assert function_tool_model(tool) is None


@pytest.mark.parametrize("value", [GetWeather(city="Oslo"), dict, "GetWeather"])
def test_non_model_is_a_type_error(value: Any) -> None:
    with pytest.raises(TypeError, match="pydantic BaseModel subclass"):
        pydantic_function_tool(value)


def test_helpers_load_no_generated_module() -> None:
    # `typed_openai.pydantic_function_tool` must stay cheap to import: no generated model module.
    code = (
        "import sys, typed_openai.lib, typed_openai.lib._parsing, typed_openai.lib._tools;"
        "loaded = sorted(m for m in sys.modules if m.startswith(('typed_openai._generated', "
        "'typed_openai.types')));"
        "print(loaded); raise SystemExit(1 if loaded else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env_with_src()
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _env_with_src() -> dict[str, str]:
    src = str(Path(typed_openai.__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return env
