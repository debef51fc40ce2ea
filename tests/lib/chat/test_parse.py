"""`chat.completions.parse()` end to end over loopback HTTP, sync and async.

The seed's two examples run as written (import changed); the request bodies are checked field
by field and equal, byte for byte once decoded, what the official SDK (oracle) sends for the same
call. Refusals, both finish-reason errors, and the arguments rejected before any request.
"""

from __future__ import annotations

from typing import Any

import openai
import pytest

from tests.lib.chat._support import (
    API_KEY,
    MODEL,
    Column,
    Condition,
    DynamicValue,
    Location,
    MathResponse,
    Operator,
    OrderBy,
    Query,
    Table,
)
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib._parsing._errors import (
    ContentFilterFinishReasonError,
    LengthFinishReasonError,
)
from typed_openai.lib._parsing._types import ParsedChatCompletion
from typed_openai.lib._tools import pydantic_function_tool
from typed_openai.types.chat import ChatCompletion

MATH_MESSAGES: list[Any] = [
    {"role": "system", "content": "You are a helpful math tutor."},
    {"role": "user", "content": "solve 8x + 31 = 2"},
]
QUERY_MESSAGES: list[Any] = [
    {
        "role": "system",
        "content": "You are a helpful assistant. The current date is August 6, 2024. You help "
        "users query for the data they are looking for by calling the query function.",
    },
    {
        "role": "user",
        "content": "look up all my orders in may of last year that were fulfilled but not "
        "delivered on time",
    },
]
MATH_CONTENT = (
    '{"steps":[{"explanation":"Subtract 31 from both sides.","output":"8x = -29"},'
    '{"explanation":"Divide both sides by 8.","output":"x = -29/8"}],"final_answer":"x = -29/8"}'
)
QUERY_ARGUMENTS = (
    '{"table_name":"orders","columns":["id","status","expected_delivery_date","delivered_at"],'
    '"conditions":[{"column":"ordered_at","operator":">=","value":"2023-05-01"},'
    '{"column":"delivered_at","operator":">","value":{"column_name":"expected_delivery_date"}}],'
    '"order_by":"asc"}'
)


def completion(message: dict[str, Any], finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-parse",
        "object": "chat.completion",
        "created": 1727346000,
        "model": MODEL,
        "system_fingerprint": "fp_test",
        "choices": [
            {"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}
        ],
        "usage": {"prompt_tokens": 17, "completion_tokens": 32, "total_tokens": 49},
    }


def math_reply() -> Reply:
    return Reply.json(completion({"role": "assistant", "content": MATH_CONTENT, "refusal": None}))


def query_reply() -> Reply:
    call = {
        "id": "call_query",
        "type": "function",
        "function": {"name": "Query", "arguments": QUERY_ARGUMENTS},
    }
    return Reply.json(
        completion(
            {"role": "assistant", "content": None, "refusal": None, "tool_calls": [call]},
            finish_reason="tool_calls",
        )
    )


# --- the seed's first example ---------------------------------------------------------------------


def test_seed_math_example(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(math_reply(), math_reply())
    result = client.beta.chat.completions.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format=MathResponse
    )
    message = result.choices[0].message
    assert isinstance(result, ParsedChatCompletion) and isinstance(result, ChatCompletion)
    assert isinstance(message.parsed, MathResponse)
    assert message.parsed.final_answer == "x = -29/8"
    assert [step.output for step in message.parsed.steps] == ["8x = -29", "x = -29/8"]
    assert message.refusal is None and message.content == MATH_CONTENT
    assert result.usage is not None and result.usage.total_tokens == 49

    body = server.requests[0].json()
    assert server.requests[0].method == "POST" and server.requests[0].path == "/chat/completions"
    assert body["model"] == MODEL
    assert body["messages"] == MATH_MESSAGES
    response_format = body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "MathResponse"
    assert response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert schema["required"] == ["steps", "final_answer"]
    assert schema["properties"]["steps"]["items"] == {"$ref": "#/$defs/Step"}
    assert schema["$defs"]["Step"]["required"] == ["explanation", "output"]
    assert "tools" not in body

    with openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as official:
        official.chat.completions.parse(
            model=MODEL, messages=MATH_MESSAGES, response_format=MathResponse
        )
    assert body == server.requests[1].json()


def test_seed_query_tool_example(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(query_reply(), query_reply())
    result = client.beta.chat.completions.parse(
        model=MODEL, messages=QUERY_MESSAGES, tools=[pydantic_function_tool(Query)]
    )
    tool_call = (result.choices[0].message.tool_calls or [])[0]
    assert isinstance(tool_call.function.parsed_arguments, Query)
    assert tool_call.function.parsed_arguments == Query(
        table_name=Table.orders,
        columns=[Column.id, Column.status, Column.expected_delivery_date, Column.delivered_at],
        conditions=[
            Condition(column="ordered_at", operator=Operator.ge, value="2023-05-01"),
            Condition(
                column="delivered_at",
                operator=Operator.gt,
                value=DynamicValue(column_name="expected_delivery_date"),
            ),
        ],
        order_by=OrderBy.asc,
    )
    assert tool_call.function.name == "Query" and tool_call.id == "call_query"
    assert result.choices[0].message.parsed is None

    body = server.requests[0].json()
    assert body["messages"] == QUERY_MESSAGES
    assert "response_format" not in body
    [tool] = body["tools"]
    assert tool["type"] == "function"
    assert tool["function"]["name"] == "Query" and tool["function"]["strict"] is True
    parameters = tool["function"]["parameters"]
    assert parameters["required"] == ["table_name", "columns", "conditions", "order_by"]
    assert parameters["$defs"]["Table"] == {
        "enum": ["orders", "customers", "products"],
        "title": "Table",
        "type": "string",
    }

    with openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as official:
        official.chat.completions.parse(
            model=MODEL, messages=QUERY_MESSAGES, tools=[openai.pydantic_function_tool(Query)]
        )
    assert body == server.requests[1].json()


@pytest.mark.anyio
async def test_async_parse(server: ScriptedServer, async_client: AsyncOpenAI) -> None:
    server.reply(math_reply(), query_reply())
    math = await async_client.chat.completions.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format=MathResponse
    )
    assert isinstance(math.choices[0].message.parsed, MathResponse)
    query = await async_client.beta.chat.completions.parse(
        model=MODEL, messages=QUERY_MESSAGES, tools=[pydantic_function_tool(Query)]
    )
    call = (query.choices[0].message.tool_calls or [])[0]
    assert isinstance(call.function.parsed_arguments, Query)
    assert server.requests[0].json()["response_format"]["json_schema"]["name"] == "MathResponse"


def test_other_arguments_reach_the_request(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(math_reply())
    client.chat.completions.parse(
        model=MODEL,
        messages=MATH_MESSAGES,
        response_format=MathResponse,
        temperature=0.2,
        seed=7,
        max_completion_tokens=100,
        metadata={"k": "v"},
        extra_headers={"X-Extra": "1"},
        extra_body={"custom": True},
    )
    request = server.requests[0]
    body = request.json()
    assert (body["temperature"], body["seed"], body["max_completion_tokens"]) == (0.2, 7, 100)
    assert body["metadata"] == {"k": "v"} and body["custom"] is True
    assert request.headers["x-extra"] == "1"
    assert body.get("stream") in (None, False)


def test_dict_response_format_is_sent_as_is_and_not_parsed(
    server: ScriptedServer, client: OpenAI
) -> None:
    server.reply(Reply.json(completion({"role": "assistant", "content": "{}", "refusal": None})))
    result = client.chat.completions.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format={"type": "json_object"}
    )
    assert server.requests[0].json()["response_format"] == {"type": "json_object"}
    assert result.choices[0].message.parsed is None


# --- refusals and finish reasons -----------------------------------------------------------------


def test_refusal(server: ScriptedServer, client: OpenAI) -> None:
    refusal = "I'm sorry, I can't help with that."
    server.reply(Reply.json(completion({"role": "assistant", "content": None, "refusal": refusal})))
    result = client.chat.completions.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format=MathResponse
    )
    assert result.choices[0].message.parsed is None
    assert result.choices[0].message.refusal == refusal


@pytest.mark.parametrize(
    ("finish_reason", "error"),
    [("length", LengthFinishReasonError), ("content_filter", ContentFilterFinishReasonError)],
)
def test_finish_reason_errors(
    server: ScriptedServer, client: OpenAI, finish_reason: str, error: type[Exception]
) -> None:
    message = {"role": "assistant", "content": '{"city": "Par', "refusal": None}
    server.reply(Reply.json(completion(message, finish_reason=finish_reason)))
    with pytest.raises(error) as raised:
        client.chat.completions.parse(model=MODEL, messages=MATH_MESSAGES, response_format=Location)
    assert raised.value.completion is not None  # type: ignore[attr-defined]
    if isinstance(raised.value, LengthFinishReasonError):
        assert raised.value.usage is not None and raised.value.usage.total_tokens == 49


@pytest.mark.anyio
async def test_async_finish_reason_error(server: ScriptedServer, async_client: AsyncOpenAI) -> None:
    message = {"role": "assistant", "content": "{", "refusal": None}
    server.reply(Reply.json(completion(message, finish_reason="length")))
    with pytest.raises(LengthFinishReasonError):
        await async_client.chat.completions.parse(
            model=MODEL, messages=MATH_MESSAGES, response_format=Location
        )


def test_invalid_content_names_the_model(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(
        Reply.json(completion({"role": "assistant", "content": '{"city": 1}', "refusal": None}))
    )
    with pytest.raises(ValueError, match="Location"):
        client.chat.completions.parse(model=MODEL, messages=MATH_MESSAGES, response_format=Location)


# --- rejected before any request ------------------------------------------------------------------


class NotAModel:
    city: str


BAD_FORMATS: list[Any] = [NotAModel, Location(city="x", temperature=1, units="c"), "json", 3]


@pytest.mark.parametrize("bad", BAD_FORMATS)
def test_bad_response_format_sends_nothing(
    server: ScriptedServer, client: OpenAI, bad: Any
) -> None:
    with pytest.raises(TypeError, match="response_format"):
        client.chat.completions.parse(model=MODEL, messages=MATH_MESSAGES, response_format=bad)
    with pytest.raises(TypeError, match="response_format"):
        client.chat.completions.stream(model=MODEL, messages=MATH_MESSAGES, response_format=bad)
    assert server.requests == []


NON_STRICT_TOOLS: list[Any] = [
    {"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}},
    {"type": "function", "function": {"name": "lookup", "strict": False}},
    {"type": "custom", "custom": {"name": "grammar"}},
]


@pytest.mark.parametrize("tool", NON_STRICT_TOOLS)
def test_non_strict_tools_send_nothing(server: ScriptedServer, client: OpenAI, tool: Any) -> None:
    with pytest.raises(ValueError, match="strict"):
        client.chat.completions.parse(model=MODEL, messages=MATH_MESSAGES, tools=[tool])
    assert server.requests == []


@pytest.mark.anyio
async def test_async_rejections_send_nothing(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    with pytest.raises(TypeError):
        await async_client.chat.completions.parse(
            model=MODEL, messages=MATH_MESSAGES, response_format=NotAModel
        )
    with pytest.raises(ValueError, match="strict"):
        await async_client.chat.completions.parse(
            model=MODEL, messages=MATH_MESSAGES, tools=[NON_STRICT_TOOLS[0]]
        )
    assert server.requests == []
