"""Tools passed to `parse()`: validation, and parsing of the arguments of tool calls."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest
from pydantic import BaseModel

from typed_openai._core import NOT_GIVEN
from typed_openai.lib._parsing._tool_arguments import (
    find_input_tool,
    parse_function_tool_arguments,
    validate_input_tools,
)
from typed_openai.lib._tools import pydantic_function_tool


class GetWeather(BaseModel):
    city: str
    days: int


STRICT_DICT_TOOL: dict[str, Any] = {
    "type": "function",
    "function": {"name": "lookup", "parameters": {"type": "object"}, "strict": True},
}
LOOSE_DICT_TOOL: dict[str, Any] = {
    "type": "function",
    "function": {"name": "loose", "parameters": {"type": "object"}},
}


def test_strict_tools_are_accepted_and_materialized() -> None:
    tools = (t for t in [pydantic_function_tool(GetWeather), STRICT_DICT_TOOL])
    validated = validate_input_tools(tools)
    assert isinstance(validated, list)
    assert [t["function"]["name"] for t in validated] == ["GetWeather", "lookup"]


def test_not_given_stays_not_given() -> None:
    assert validate_input_tools(NOT_GIVEN) is NOT_GIVEN


@pytest.mark.parametrize("strict", [None, False, "true", 1])
def test_non_strict_function_tool_is_rejected(strict: object) -> None:
    function: dict[str, Any] = {"name": "loose", "parameters": {}}
    if strict is not None:
        function["strict"] = strict
    with pytest.raises(ValueError, match=r"tool `loose` is not strict.*'strict': True"):
        validate_input_tools([{"type": "function", "function": function}])


def test_non_function_tool_is_rejected() -> None:
    custom = {"type": "custom", "custom": {"name": "grammar"}}
    with pytest.raises(ValueError, match=r"only accepts strict `function` tools.*'custom'"):
        validate_input_tools([pydantic_function_tool(GetWeather), custom])


def test_model_tool_arguments_become_a_model_instance() -> None:
    tools = [pydantic_function_tool(GetWeather), STRICT_DICT_TOOL]
    parsed = parse_function_tool_arguments(
        tools, name="GetWeather", arguments='{"city": "Oslo", "days": 3}'
    )
    assert parsed == GetWeather(city="Oslo", days=3)


def test_plain_strict_tool_arguments_become_json() -> None:
    parsed = parse_function_tool_arguments(
        [STRICT_DICT_TOOL], name="lookup", arguments='{"q": [1, 2]}'
    )
    assert parsed == {"q": [1, 2]}


def test_non_strict_or_unknown_tool_is_left_unparsed() -> None:
    assert parse_function_tool_arguments([LOOSE_DICT_TOOL], name="loose", arguments="{}") is None
    assert parse_function_tool_arguments([STRICT_DICT_TOOL], name="other", arguments="{}") is None


def test_arguments_that_do_not_match_the_model_raise_naming_it() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        parse_function_tool_arguments(
            [pydantic_function_tool(GetWeather)], name="GetWeather", arguments='{"city": "Oslo"}'
        )
    assert "GetWeather" in str(info.value)
    assert "days" in str(info.value)


def test_invalid_json_arguments_raise_naming_the_tool() -> None:
    with pytest.raises(ValueError, match="call to tool `lookup` are not valid JSON"):
        parse_function_tool_arguments([STRICT_DICT_TOOL], name="lookup", arguments="{not json")


def test_find_input_tool_matches_by_function_name() -> None:
    tools = [STRICT_DICT_TOOL, pydantic_function_tool(GetWeather)]
    assert find_input_tool(tools, "lookup") is STRICT_DICT_TOOL
    assert find_input_tool(tools, "missing") is None
