"""`pydantic_function_tool` / `pydantic_responses_function_tool`: a strict function tool whose
parameters are a pydantic model (in the Chat Completions shape / in the Responses API's shape).

The returned tool is a plain dict as far as the API (and JSON encoding) is concerned, but it
remembers the model, so ``parse()`` / ``stream()`` can validate the arguments of a matching tool
call into an instance of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import pydantic

from typed_openai._core import NOT_GIVEN, NotGiven, left_out

from ._pydantic import is_model_class, sanitize_schema_name, to_strict_json_schema

if TYPE_CHECKING:
    from typed_openai.types.chat.chat_completion_function_tool_param import (
        ChatCompletionFunctionToolParam,
    )
    from typed_openai.types.responses.function_tool_param import FunctionToolParam
    from typed_openai.types.shared_params.function_definition import FunctionDefinition

__all__ = [
    "ModelFunctionDefinition",
    "PydanticFunctionTool",
    "ResponsesModelFunctionTool",
    "ResponsesPydanticFunctionTool",
    "function_tool_model",
    "pydantic_function_tool",
    "pydantic_responses_function_tool",
    "responses_function_tool",
    "responses_tool_model",
]


class ModelFunctionDefinition(dict[str, Any]):
    """A function definition (``{"name", "parameters", ...}``) that knows its pydantic model."""

    model: type[pydantic.BaseModel]

    def __init__(self, definition: Mapping[str, Any], model: type[pydantic.BaseModel]) -> None:
        super().__init__(definition)
        self.model = model


def pydantic_function_tool(
    model: type[pydantic.BaseModel],
    *,
    name: str | None = None,
    description: str | None = None,
) -> ChatCompletionFunctionToolParam:
    """A strict ``function`` tool whose parameters are the strict JSON schema of `model`.

    The name defaults to the class name and the description to the class docstring.
    """
    if not is_model_class(model):
        raise TypeError(
            f"pydantic_function_tool() expects a pydantic BaseModel subclass, got {model!r}"
        )
    if description is None:
        description = model.__doc__
    definition: dict[str, Any] = {
        "name": name or sanitize_schema_name(model.__name__),
        "strict": True,
        "parameters": to_strict_json_schema(model),
    }
    if description is not None:
        definition["description"] = description
    function = cast("FunctionDefinition", ModelFunctionDefinition(definition, model))
    return {"type": "function", "function": function}


def function_tool_model(tool: Mapping[str, Any]) -> type[pydantic.BaseModel] | None:
    """The model a tool made by `pydantic_function_tool` was built from; None for other tools."""
    function = tool.get("function")
    return function.model if isinstance(function, ModelFunctionDefinition) else None


class ResponsesModelFunctionTool(dict[str, Any]):
    """A Responses API function tool (``{"type": "function", "name", "parameters", ...}``)
    that knows the pydantic model its parameters come from."""

    model: type[pydantic.BaseModel]

    def __init__(self, definition: Mapping[str, Any], model: type[pydantic.BaseModel]) -> None:
        super().__init__(definition)
        self.model = model


# The official SDK's names for these two classes: wrappers check ``isinstance(tool["function"],
# PydanticFunctionTool)`` and read its ``.model``.
PydanticFunctionTool = ModelFunctionDefinition
ResponsesPydanticFunctionTool = ResponsesModelFunctionTool


def responses_function_tool(tool: Mapping[str, Any]) -> Mapping[str, Any]:
    """`tool` in the Responses API's shape.

    A chat-shaped ``{"type": "function", "function": {...}}`` tool made by
    `pydantic_function_tool` becomes ``{"type": "function", "name", "parameters", "strict", ...}``
    (still knowing its model); any other tool is returned as given. A chat-shaped function tool
    written by hand raises `TypeError`: only `pydantic_function_tool` ones can be converted.
    """
    if tool.get("type") != "function" or "function" not in tool:
        return tool
    model = function_tool_model(tool)
    if model is None:
        raise TypeError(
            "a function tool in the Chat Completions shape ({'type': 'function', 'function': "
            "{...}}) must be made with `pydantic_function_tool()`; write other tools in the "
            "Responses shape ({'type': 'function', 'name': ..., 'parameters': ...})"
        )
    function = cast(Mapping[str, Any], tool["function"])
    definition: dict[str, Any] = {
        "type": "function",
        "name": function["name"],
        "description": function.get("description"),
        "parameters": function["parameters"],
        "strict": function.get("strict") or False,
    }
    definition.update({key: value for key, value in function.items() if key not in definition})
    return ResponsesModelFunctionTool(definition, model)


def pydantic_responses_function_tool(
    model: type[pydantic.BaseModel],
    *,
    name: str | None = None,
    description: str | None = None,
    defer_loading: bool | NotGiven = NOT_GIVEN,
) -> FunctionToolParam:
    """`pydantic_function_tool` in the Responses API's shape (``{"type": "function", "name",
    "parameters", "strict": True, ...}``), for ``responses.parse()`` / ``responses.stream()``,
    which parse its calls' arguments into `model`. ``defer_loading``: the function is only made
    known to the model on demand (through a tool-search tool)."""
    function = cast(
        Mapping[str, Any],
        pydantic_function_tool(model, name=name, description=description)["function"],
    )
    definition: dict[str, Any] = {"type": "function", **function}
    if not left_out(defer_loading):
        definition["defer_loading"] = defer_loading
    return cast("FunctionToolParam", ResponsesModelFunctionTool(definition, model))


def responses_tool_model(tool: Mapping[str, Any]) -> type[pydantic.BaseModel] | None:
    """The model of a Responses-shaped tool converted from `pydantic_function_tool`, else None."""
    return tool.model if isinstance(tool, ResponsesModelFunctionTool) else None
