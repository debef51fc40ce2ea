"""Tools given to `parse()`: only strict function tools, whose call arguments get parsed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from typed_openai._core import NOT_GIVEN, NotGiven, left_out

from .._tools import function_tool_model

__all__ = ["find_input_tool", "parse_function_tool_arguments", "validate_input_tools"]


def validate_input_tools(
    tools: Iterable[Mapping[str, Any]] | NotGiven,
) -> list[Mapping[str, Any]] | NotGiven:
    """The tools as a list (send this one: `tools` may be a one-shot iterator).

    Raises `ValueError` before any request is made unless every tool is a strict function tool,
    because only those are guaranteed to produce arguments that match their schema.
    """
    if left_out(tools):
        return NOT_GIVEN
    materialized = list(tools)
    for tool in materialized:
        kind = tool.get("type")
        if kind != "function":
            raise ValueError(
                f"parse() only accepts strict `function` tools, got a tool of type {kind!r}; "
                "use create() for other tool types"
            )
        function = _function_of(tool)
        if function.get("strict") is not True:
            name = function.get("name", "<unnamed>")
            raise ValueError(
                f"tool `{name}` is not strict; parse() only accepts function tools with "
                "'strict': True (pydantic_function_tool() makes one from a model)"
            )
    return materialized


def find_input_tool(
    input_tools: Sequence[Mapping[str, Any]], name: str
) -> Mapping[str, Any] | None:
    """The function tool called `name` among those sent with the request."""
    for tool in input_tools:
        if tool.get("type") == "function" and _function_of(tool).get("name") == name:
            return tool
    return None


def parse_function_tool_arguments(
    input_tools: Sequence[Mapping[str, Any]], *, name: str, arguments: str
) -> object | None:
    """The arguments of a call to tool `name`, parsed.

    An instance of the tool's model for `pydantic_function_tool` tools, the decoded JSON for
    other strict tools, and None for a tool that was not sent as strict (or not sent at all).
    Arguments that do not match raise (pydantic's `ValidationError`, or `json.JSONDecodeError`).
    """
    tool = find_input_tool(input_tools, name)
    if tool is None:
        return None
    model = function_tool_model(tool)
    if model is not None:
        return model.model_validate_json(arguments)
    if _function_of(tool).get("strict") is not True:
        return None
    try:
        return json.loads(arguments)
    except json.JSONDecodeError as exc:
        # still a JSONDecodeError (what `except json.JSONDecodeError` around parse() expects,
        # as the official SDK raises), naming the tool
        raise json.JSONDecodeError(
            f"the arguments of the call to tool `{name}` are not valid JSON: {exc.msg}",
            exc.doc,
            exc.pos,
        ) from exc


def _function_of(tool: Mapping[str, Any]) -> Mapping[str, Any]:
    function = tool.get("function")
    return cast(Mapping[str, Any], function) if isinstance(function, Mapping) else {}
