"""Structured outputs for the Responses API: ``text_format`` and tools in, `ParsedResponse` out.

Plain functions shared by ``responses.parse()``, ``responses.stream()`` (sync and async) and the
stream state. The strict JSON schema is the one chat's ``parse()`` sends (`to_strict_json_schema`
via `type_to_response_format_param`), in the Responses API's ``text.format`` shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pydantic

from typed_openai._core import NOT_GIVEN, NotGiven, left_out

from .._pydantic import is_schema_class, validate_json_as
from .._tools import responses_function_tool, responses_tool_model
from ._response_format import type_to_response_format_param
from ._responses_types import (
    ParsedResponse,
    ParsedResponseFunctionToolCall,
    ParsedResponseOutputMessage,
    ParsedResponseOutputText,
)

if TYPE_CHECKING:
    from typed_openai.types.responses.response import Response

__all__ = [
    "TextFormatT",
    "format_to_parse",
    "make_tools",
    "parse_function_tool_arguments",
    "parse_response",
    "parse_text",
    "text_with_format",
    "type_to_text_format_param",
]

# Without a `text_format`, parse() and the stream helper are typed with None for it
# (ParsedResponse[None], ResponseStream[None]), as the official SDK's, not Unknown (type checkers
# only, as ResponseFormatT).
if TYPE_CHECKING:
    from typing_extensions import TypeVar as _TypeVarWithDefault

    TextFormatT = _TypeVarWithDefault("TextFormatT", default=None)
else:
    TextFormatT = TypeVar("TextFormatT")

_BuiltT = TypeVar("_BuiltT", bound=pydantic.BaseModel)


def type_to_text_format_param(text_format: type[Any]) -> dict[str, Any]:
    """``text.format`` for a class (a ``BaseModel``, a dataclass, a ``TypedDict``):
    ``{"type": "json_schema", "strict": True, "name", "schema"}``."""
    if not is_schema_class(text_format):
        raise TypeError(
            "text_format must be a pydantic BaseModel subclass or another class pydantic can "
            f"build an object schema for (a dataclass, a TypedDict), got {text_format!r}"
        )
    converted = cast(
        "dict[str, Any]", type_to_response_format_param(text_format, argument="text_format")
    )
    spec = cast(Mapping[str, Any], converted["json_schema"])
    return {"type": "json_schema", "strict": True, "name": spec["name"], "schema": spec["schema"]}


def text_with_format(text: Mapping[str, Any] | NotGiven | None, text_format: object) -> Any:
    """The ``text`` request field with ``format`` filled in from `text_format` (when given).

    Both at once is ambiguous and raises `TypeError`, before any request is made.
    """
    if left_out(text_format):
        return text
    base: Mapping[str, Any] = {} if left_out(text) or not text else text
    if "format" in base:
        raise TypeError("Cannot mix and match text.format with text_format")
    return {**base, "format": type_to_text_format_param(cast(Any, text_format))}


def make_tools(tools: Iterable[Mapping[str, Any]] | NotGiven) -> list[Mapping[str, Any]] | NotGiven:
    """The tools as sent: a list (``tools`` may be a one-shot iterator), with tools made by
    `pydantic_function_tool` turned into the Responses API's function-tool shape."""
    if left_out(tools):
        return NOT_GIVEN
    converted: list[Mapping[str, Any]] = []
    for tool in tools:
        if tool.get("type") == "namespace":
            converted.append({**tool, "tools": list(cast(Iterable[Any], tool.get("tools") or []))})
        else:
            converted.append(responses_function_tool(tool))
    return converted


def _format_update(input: object) -> Mapping[str, Any] | None:
    """The output format the input's last ``configuration_update`` item sets, if any."""
    for item in reversed(cast(list[object], input) if isinstance(input, list) else []):
        if not isinstance(item, Mapping):
            continue
        fields = cast(Mapping[str, Any], item)
        update: object = fields.get("text")
        if fields.get("type") != "configuration_update" or not isinstance(update, Mapping):
            continue
        new_format: object = cast(Mapping[str, Any], update).get("format")
        if isinstance(new_format, Mapping):
            return cast(Mapping[str, Any], new_format)
    return None


def format_to_parse(input: object, text: Any, text_format: Any, parse_as: Any) -> Any:
    """What the output text is validated into: `parse_as` when given (None: nothing), else
    `text_format` — unless the input's last ``configuration_update`` item changes the output
    format, which `parse_as` must then follow (the official SDK's checks, with its messages)."""
    if parse_as is None:
        return NOT_GIVEN
    update = _format_update(input)
    given = not left_out(parse_as)
    if update is not None and update.get("type") == "text":
        if given:
            raise TypeError("Cannot use parse_as with a plain-text format update")
        return NOT_GIVEN
    sent = None if left_out(text) else cast(Mapping[str, Any], text).get("format")
    if update is not None and not given and not left_out(text_format) and update != sent:
        raise TypeError(
            "Pass parse_as for the updated output schema, or parse_as=None to read plain "
            "output_text"
        )
    return parse_as if given else text_format


def parse_text(text: str, text_format: object, *, phase: str | None = None) -> Any:
    """`text` validated into `text_format`; None when there is no model, or when the message is
    not the final answer (a ``phase`` other than ``final_answer``)."""
    if phase is not None and phase != "final_answer":
        return None
    if left_out(text_format) or text_format is None:
        return None
    return validate_json_as(cast("type[Any]", text_format), text)


def _find_tool(
    tools: Sequence[Mapping[str, Any]], name: str, namespace: str | None
) -> Mapping[str, Any] | None:
    if namespace is not None:
        for tool in tools:
            if tool.get("type") == "namespace" and tool.get("name") == namespace:
                for nested in cast(Iterable[Mapping[str, Any]], tool.get("tools") or []):
                    if nested.get("type") == "function" and nested.get("name") == name:
                        return nested
                return None
        if namespace != name:
            return None
    for tool in tools:
        if tool.get("type") == "function" and tool.get("name") == name:
            return tool
    return None


def parse_function_tool_arguments(
    tools: Sequence[Mapping[str, Any]] | NotGiven | None,
    *,
    name: str,
    arguments: str,
    namespace: str | None = None,
) -> object:
    """The arguments of a call to tool `name`: an instance of its model (tools made by
    `pydantic_function_tool`), the decoded JSON (other strict tools), or None (tools that are
    not strict, or were not sent). Arguments that do not match raise."""
    if tools is None or left_out(tools):
        return None
    tool = _find_tool(tools, name, namespace)
    if tool is None:
        return None
    model = responses_tool_model(tool)
    if model is not None:
        return model.model_validate_json(arguments)
    if not tool.get("strict"):
        return None
    return json.loads(arguments)


def parse_response(
    *,
    text_format: object,
    input_tools: Sequence[Mapping[str, Any]] | NotGiven | None,
    response: Response,
) -> ParsedResponse[Any]:
    """`response` as a `ParsedResponse`: each ``output_text`` part of a message gets ``parsed``,
    each function call ``parsed_arguments``; every other item is kept as it is."""
    output: list[Any] = []
    for item in response.output:
        kind = getattr(item, "type", None)
        if kind == "message":
            phase = cast("str | None", getattr(item, "phase", None))
            content = [
                _rebuild(
                    _built(ParsedResponseOutputText),
                    part,
                    parsed=parse_text(
                        cast(str, getattr(part, "text", "")), text_format, phase=phase
                    ),
                )
                if getattr(part, "type", None) == "output_text"
                else part
                for part in cast("list[pydantic.BaseModel]", getattr(item, "content", []))
            ]
            output.append(_rebuild(_built(ParsedResponseOutputMessage), item, content=content))
        elif kind == "function_call":
            parsed_arguments = parse_function_tool_arguments(
                input_tools,
                name=cast(str, getattr(item, "name", "")),
                arguments=cast(str, getattr(item, "arguments", "")),
                namespace=cast("str | None", getattr(item, "namespace", None)),
            )
            output.append(
                _rebuild(ParsedResponseFunctionToolCall, item, parsed_arguments=parsed_arguments)
            )
        else:
            output.append(item)
    return _rebuild(_built(ParsedResponse), response, output=output)


def _built(generic: type[_BuiltT]) -> type[_BuiltT]:
    # The generic class itself, whatever the text_format, as the official SDK builds a parsed
    # response (`type(response).__name__` is 'ParsedResponse' there); its type variable has no
    # default at run time, so `parsed` takes any value.
    if not generic.__pydantic_complete__:
        # Built lazily; `model_construct` does not trigger the build that `to_dict()` needs.
        generic.model_rebuild()
    return generic


def _rebuild(cls: type[_BuiltT], source: pydantic.BaseModel, **changes: Any) -> _BuiltT:
    """An instance of `cls` (a subclass of `source`'s class) with `source`'s values and `changes`,
    without validating again; which fields were set is kept, so `to_dict()` still round-trips."""
    values = dict(source)
    values.update(changes)
    return cls.model_construct(_fields_set=source.model_fields_set | set(changes), **values)
