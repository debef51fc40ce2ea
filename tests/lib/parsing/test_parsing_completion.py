"""`parse_chat_completion`: from a `ChatCompletion` to a `ParsedChatCompletion`.

The first tests get real completions over HTTP from the local test server (loopback) through the
generated `create()`; the rest build `ChatCompletion`s from JSON for the cases that server does
not produce (refusals, the content filter, malformed content).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from enum import Enum
from typing import Any, List, Union

import pydantic
import pytest
from pydantic import BaseModel

from typed_openai import OpenAI
from typed_openai._core import NOT_GIVEN, OpenAIError
from typed_openai._core._models import parse_json
from typed_openai.lib._parsing._completions import parse_chat_completion, parse_content
from typed_openai.lib._parsing._errors import (
    ContentFilterFinishReasonError,
    LengthFinishReasonError,
)
from typed_openai.lib._parsing._response_format import type_to_response_format_param
from typed_openai.lib._parsing._types import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
    ParsedFunction,
    ParsedFunctionToolCall,
)
from typed_openai.lib._tools import pydantic_function_tool
from typed_openai.testing import LocalOpenAIServer
from typed_openai.types.chat import ChatCompletion

# --- the seed's models ------------------------------------------------------------------------


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: List[Step]
    final_answer: str


class Table(str, Enum):
    orders = "orders"
    customers = "customers"
    products = "products"


class Column(str, Enum):
    id = "id"
    status = "status"
    expected_delivery_date = "expected_delivery_date"
    delivered_at = "delivered_at"
    shipped_at = "shipped_at"
    ordered_at = "ordered_at"
    canceled_at = "canceled_at"


class Operator(str, Enum):
    eq = "="
    gt = ">"
    lt = "<"
    le = "<="
    ge = ">="
    ne = "!="


class OrderBy(str, Enum):
    asc = "asc"
    desc = "desc"


class DynamicValue(BaseModel):
    column_name: str


class Condition(BaseModel):
    column: str
    operator: Operator
    value: Union[str, int, DynamicValue]


class Query(BaseModel):
    table_name: Table
    columns: List[Column]
    conditions: List[Condition]
    order_by: OrderBy


MATH_MESSAGES: list[Any] = [
    {"role": "system", "content": "You are a helpful math tutor."},
    {"role": "user", "content": "solve 8x + 31 = 2"},
]
QUERY_MESSAGES: list[Any] = [
    {
        "role": "system",
        "content": "You are a helpful assistant. The current date is August 6, 2024. You help users "
        "query for the data they are looking for by calling the query function.",
    },
    {
        "role": "user",
        "content": "look up all my orders in may of last year that were fulfilled but not "
        "delivered on time",
    },
]


@pytest.fixture(scope="module")
def client() -> Iterator[OpenAI]:
    with (
        LocalOpenAIServer() as server,
        OpenAI(base_url=server.base_url, api_key=server.api_key) as client,
    ):
        yield client


# --- over HTTP, from the local server ---------------------------------------------------------


def test_seed_math_example_content_is_parsed(client: OpenAI) -> None:
    completion = client.chat.completions.create(
        model="gpt-4o-2024-08-06",
        messages=MATH_MESSAGES,
        response_format=type_to_response_format_param(MathResponse),
    )
    parsed = parse_chat_completion(
        response_format=MathResponse, input_tools=NOT_GIVEN, chat_completion=completion
    )
    message = parsed.choices[0].message
    assert isinstance(message.parsed, MathResponse)
    assert message.parsed == MathResponse.model_validate_json(message.content or "")
    assert message.parsed.steps and isinstance(message.parsed.steps[0], Step)
    assert message.refusal is None
    assert parsed.id == completion.id
    assert parsed.usage == completion.usage


def test_seed_query_tool_call_arguments_are_parsed(client: OpenAI) -> None:
    tools = [pydantic_function_tool(Query)]
    completion = client.chat.completions.create(
        model="gpt-4o-2024-08-06",
        messages=QUERY_MESSAGES,
        tools=tools,
    )
    parsed = parse_chat_completion(
        response_format=NOT_GIVEN, input_tools=tools, chat_completion=completion
    )
    tool_call = (parsed.choices[0].message.tool_calls or [])[0]
    assert isinstance(tool_call, ParsedFunctionToolCall)
    assert isinstance(tool_call.function, ParsedFunction)
    assert tool_call.function.name == "Query"
    assert isinstance(tool_call.function.parsed_arguments, Query)
    assert isinstance(tool_call.function.parsed_arguments.table_name, Table)
    assert tool_call.function.parsed_arguments == Query.model_validate_json(
        tool_call.function.arguments
    )
    assert parsed.choices[0].message.parsed is None


def test_length_finish_reason_raises_with_completion_and_usage(client: OpenAI) -> None:
    completion = client.chat.completions.create(
        model="gpt-4o-2024-08-06",
        messages=MATH_MESSAGES,
        response_format=type_to_response_format_param(MathResponse),
        max_completion_tokens=2,
    )
    assert completion.choices[0].finish_reason == "length"
    with pytest.raises(LengthFinishReasonError) as info:
        parse_chat_completion(
            response_format=MathResponse, input_tools=NOT_GIVEN, chat_completion=completion
        )
    assert info.value.completion is completion
    assert info.value.usage is completion.usage
    assert "token limit" in str(info.value)
    assert "completion_tokens=" in str(info.value)
    assert isinstance(info.value, OpenAIError)


def test_every_choice_is_parsed(client: OpenAI) -> None:
    completion = client.chat.completions.create(
        model="gpt-4o-2024-08-06",
        messages=MATH_MESSAGES,
        response_format=type_to_response_format_param(MathResponse),
        n=3,
    )
    parsed = parse_chat_completion(
        response_format=MathResponse, input_tools=NOT_GIVEN, chat_completion=completion
    )
    assert [c.index for c in parsed.choices] == [0, 1, 2]
    assert all(isinstance(c.message.parsed, MathResponse) for c in parsed.choices)


# --- built from JSON --------------------------------------------------------------------------


def _completion(
    *,
    content: str | None = None,
    refusal: str | None = None,
    finish_reason: str = "stop",
    tool_calls: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> ChatCompletion:
    message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": refusal}
    if tool_calls is not None:
        message["tool_calls"] = tool_calls
    body = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "gpt-4o-2024-08-06",
        "choices": [
            {"index": 0, "finish_reason": finish_reason, "logprobs": None, "message": message}
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12},
        **extra,
    }
    # read as a response is: validated, or built leniently when the API sent something newer
    return parse_json(ChatCompletion, json.dumps(body))


def _call(name: str, arguments: str, call_id: str = "call_1") -> dict[str, Any]:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


ANSWER = (
    '{"steps": [{"explanation": "subtract 31", "output": "8x = -29"}], "final_answer": "x = -29/8"}'
)


def test_result_is_a_chat_completion_with_parsed_types() -> None:
    parsed = parse_chat_completion(
        response_format=MathResponse,
        input_tools=NOT_GIVEN,
        chat_completion=_completion(content=ANSWER),
    )
    assert isinstance(parsed, ChatCompletion)
    assert isinstance(parsed, ParsedChatCompletion)
    assert isinstance(parsed.choices[0], ParsedChoice)
    assert isinstance(parsed.choices[0].message, ParsedChatCompletionMessage)
    assert type(parsed).__name__ == "ParsedChatCompletion[~ResponseFormatT]"  # as the SDK names it
    assert parsed.choices[0].message.parsed == MathResponse(
        steps=[Step(explanation="subtract 31", output="8x = -29")], final_answer="x = -29/8"
    )


def test_every_response_field_is_kept_and_serializes() -> None:
    completion = _completion(content=ANSWER, system_fingerprint="fp_1", brand_new_field={"a": 1})
    parsed = parse_chat_completion(
        response_format=MathResponse, input_tools=NOT_GIVEN, chat_completion=completion
    )
    expected = completion.to_dict()
    expected["choices"][0]["message"]["parsed"] = json.loads(ANSWER)
    expected["choices"][0]["message"]["tool_calls"] = None  # always set, as by the SDK's parse()
    assert parsed.to_dict() == expected
    assert json.loads(parsed.to_json()) == expected
    assert parsed.model_extra == {"brand_new_field": {"a": 1}}


def test_refusal_leaves_parsed_none_and_keeps_the_text() -> None:
    completion = _completion(refusal="I'm sorry, I can't help with that.")
    parsed = parse_chat_completion(
        response_format=MathResponse, input_tools=NOT_GIVEN, chat_completion=completion
    )
    message = parsed.choices[0].message
    assert message.parsed is None
    assert message.refusal == "I'm sorry, I can't help with that."


def test_content_filter_raises() -> None:
    completion = _completion(content='{"steps": [', finish_reason="content_filter")
    with pytest.raises(ContentFilterFinishReasonError, match="content filter") as info:
        parse_chat_completion(
            response_format=MathResponse, input_tools=NOT_GIVEN, chat_completion=completion
        )
    assert info.value.completion is completion
    assert isinstance(info.value, OpenAIError)


def test_finish_reason_errors_come_before_parsing_even_without_a_model() -> None:
    with pytest.raises(LengthFinishReasonError):
        parse_chat_completion(
            response_format=NOT_GIVEN,
            input_tools=NOT_GIVEN,
            chat_completion=_completion(content="cut o", finish_reason="length"),
        )


def test_errors_can_be_built_like_the_official_ones() -> None:
    assert "content filter" in str(ContentFilterFinishReasonError())
    error = LengthFinishReasonError(completion=_completion(content="x"))
    assert error.usage is not None and error.usage.total_tokens == 12


def test_invalid_json_content_raises_naming_the_model() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        parse_chat_completion(
            response_format=MathResponse,
            input_tools=NOT_GIVEN,
            chat_completion=_completion(content="The answer is 4"),
        )
    assert info.value.title == "MathResponse"
    assert "Invalid JSON" in str(info.value)


def test_content_not_matching_the_model_raises_naming_the_field() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        parse_chat_completion(
            response_format=MathResponse,
            input_tools=NOT_GIVEN,
            chat_completion=_completion(content='{"steps": []}'),
        )
    assert info.value.title == "MathResponse"
    assert info.value.errors()[0]["loc"] == ("final_answer",)


def test_empty_content_is_an_error_not_a_silent_none() -> None:
    with pytest.raises(pydantic.ValidationError):
        parse_chat_completion(
            response_format=MathResponse,
            input_tools=NOT_GIVEN,
            chat_completion=_completion(content=""),
        )


def test_dict_response_format_leaves_content_unparsed() -> None:
    parsed = parse_chat_completion(
        response_format={"type": "json_object"},
        input_tools=NOT_GIVEN,
        chat_completion=_completion(content='{"a": 1}'),
    )
    assert parsed.choices[0].message.parsed is None
    assert parsed.choices[0].message.content == '{"a": 1}'


def test_without_response_format_parsed_is_none() -> None:
    parsed = parse_chat_completion(
        response_format=NOT_GIVEN,
        input_tools=NOT_GIVEN,
        chat_completion=_completion(content="hello"),
    )
    # the SDK's class, with a response_format or without
    assert type(parsed).__name__ == "ParsedChatCompletion[~ResponseFormatT]"
    assert isinstance(parsed, ParsedChatCompletion)
    assert parsed.choices[0].message.parsed is None
    assert parsed.to_dict()["choices"][0]["message"]["parsed"] is None


def test_tool_calls_are_parsed_per_tool_kind() -> None:
    plain_strict = {
        "type": "function",
        "function": {
            "name": "lookup",
            "strict": True,
            "parameters": {
                "type": "object",
                "properties": {"q": {"type": "string"}},
                "required": ["q"],
                "additionalProperties": False,
            },
        },
    }
    tools: list[Any] = [pydantic_function_tool(Step), plain_strict]
    completion = _completion(
        finish_reason="tool_calls",
        tool_calls=[
            _call("Step", '{"explanation": "e", "output": "o"}', "call_1"),
            _call("lookup", '{"q": "weather"}', "call_2"),
            _call("not_sent", "{}", "call_3"),
        ],
    )
    parsed = parse_chat_completion(
        response_format=NOT_GIVEN, input_tools=tools, chat_completion=completion
    )
    calls = parsed.choices[0].message.tool_calls or []
    assert [c.id for c in calls] == ["call_1", "call_2", "call_3"]
    assert calls[0].function.parsed_arguments == Step(explanation="e", output="o")
    assert calls[1].function.parsed_arguments == {"q": "weather"}
    assert calls[2].function.parsed_arguments is None
    assert calls[0].function.arguments == '{"explanation": "e", "output": "o"}'


def test_tool_arguments_not_matching_the_model_raise() -> None:
    completion = _completion(
        finish_reason="tool_calls", tool_calls=[_call("Step", '{"output": 1}')]
    )
    with pytest.raises(pydantic.ValidationError, match="Step"):
        parse_chat_completion(
            response_format=NOT_GIVEN,
            input_tools=[pydantic_function_tool(Step)],
            chat_completion=completion,
        )


def test_custom_tool_call_is_left_out_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    custom = {"id": "call_9", "type": "custom", "custom": {"name": "grammar", "input": "x"}}
    completion = _completion(finish_reason="tool_calls", tool_calls=[custom])
    with caplog.at_level(logging.WARNING, logger="openai.lib.parsing"):
        parsed = parse_chat_completion(
            response_format=NOT_GIVEN, input_tools=NOT_GIVEN, chat_completion=completion
        )
    assert parsed.choices[0].message.tool_calls is None  # no call left: None, as by the SDK
    assert "call_9" in caplog.text


def test_tool_call_of_an_unknown_kind_is_kept_as_it_came() -> None:
    future = {"id": "call_7", "type": "a_future_tool", "a_future_tool": {"x": 1}}
    completion = _completion(
        finish_reason="tool_calls", tool_calls=[future, _call("lookup", "{}", "call_8")]
    )
    parsed = parse_chat_completion(
        response_format=NOT_GIVEN, input_tools=NOT_GIVEN, chat_completion=completion
    )
    calls = parsed.choices[0].message.tool_calls or []
    assert [c.id for c in calls] == ["call_7", "call_8"]
    assert calls[0] is completion.choices[0].message.tool_calls[0]  # type: ignore[index]


def test_parse_content_directly() -> None:
    assert parse_content(None, content="{}", refusal=None) is None
    assert parse_content(Step, content=None, refusal=None) is None
    assert parse_content(Step, content='{"x": 1}', refusal="no") is None
    assert parse_content(Step, content='{"explanation": "e", "output": "o"}', refusal=None) == Step(
        explanation="e", output="o"
    )
