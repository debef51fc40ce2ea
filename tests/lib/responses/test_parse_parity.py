"""``responses.parse()``'s ``parse_as``, ``verbosity`` and ``stream`` arguments, and
``pydantic_responses_function_tool``: requests, results and argument errors compared with the
official SDK's (an oracle only) over the loopback server."""

from __future__ import annotations

import json
from typing import Any

import openai
import pydantic
import pytest

from tests.lib.responses.sequences import MODEL, SEQUENCES, GetWeather, Weather
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI, pydantic_responses_function_tool

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

API_KEY = "sk-test-not-a-secret"
WEATHER = {"city": "Oslo", "temperature_c": 4.5, "conditions": "snow"}


class Brief(pydantic.BaseModel):
    """Another reading of the same output: only the city."""

    city: str


def _response(output: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": "completed",
        "model": MODEL,
        "output": output,
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "metadata": {},
        "temperature": 1.0,
        "top_p": 1.0,
    }


TEXT_REPLY = _response(
    [
        {
            "type": "message",
            "id": "msg_1",
            "status": "completed",
            "role": "assistant",
            "content": [{"type": "output_text", "text": json.dumps(WEATHER), "annotations": []}],
        }
    ]
)
CALL_REPLY = _response(
    [
        {
            "type": "function_call",
            "id": "fc_1",
            "call_id": "call_1",
            "name": "get_weather",
            "arguments": json.dumps({"city": "Oslo", "unit": "c"}),
            "status": "completed",
        }
    ]
)


def _both(
    server: ScriptedServer,
    reply: dict[str, Any],
    oracle_arguments: dict[str, Any] | None = None,
    **arguments: Any,
) -> tuple[Any, Any]:
    """parse() with ours and with the oracle (with `oracle_arguments` replacing some), each
    answered with `reply`; (ours, theirs)."""
    server.reply(Reply.json(reply), Reply.json(reply))
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours:
        mine = ours.responses.parse(model=MODEL, input="weather", **arguments)
    with openai.OpenAI(api_key=API_KEY, base_url=server.url) as theirs:
        reference = theirs.responses.parse(
            model=MODEL, input="weather", **(arguments | (oracle_arguments or {}))
        )
    return mine, reference


def _dump(value: Any) -> Any:
    return value.model_dump() if isinstance(value, pydantic.BaseModel) else value


@pytest.mark.parametrize(
    "arguments, parsed_as",
    [
        ({"text_format": Weather, "parse_as": Brief}, Brief),
        ({"text_format": Weather, "parse_as": None}, None),
        ({"parse_as": Brief}, Brief),
        ({"text_format": Weather}, Weather),
    ],
)
def test_parse_as_matches_the_oracle(
    server: ScriptedServer, arguments: dict[str, Any], parsed_as: type | None
) -> None:
    mine, reference = _both(server, TEXT_REPLY, **arguments)
    sent, expected = (request.json() for request in server.requests)
    assert sent == expected  # only text_format sets the schema sent
    assert _dump(mine.output_parsed) == _dump(reference.output_parsed)
    if parsed_as is None:
        assert mine.output_parsed is None
    else:
        assert type(mine.output_parsed) is parsed_as
    assert ("text" in sent) == ("text_format" in arguments)


def _update(format_: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"role": "user", "content": "weather"},
        {"type": "configuration_update", "text": {"format": format_}},
    ]


BRIEF_FORMAT = {"type": "json_schema", "name": "Brief", "strict": True, "schema": {}}


@pytest.mark.parametrize(
    "arguments",
    [
        {"input": _update({"type": "text"}), "text_format": Weather, "parse_as": Brief},
        {"input": _update(BRIEF_FORMAT), "text_format": Weather},
    ],
)
def test_parse_as_errors_with_a_format_update_match_the_oracle(
    server: ScriptedServer, arguments: dict[str, Any]
) -> None:
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours, pytest.raises(TypeError) as mine:
        ours.responses.parse(model=MODEL, **arguments)
    with (
        openai.OpenAI(api_key=API_KEY, base_url=server.url) as theirs,
        pytest.raises(TypeError) as reference,
    ):
        theirs.responses.parse(model=MODEL, **arguments)
    assert str(mine.value) == str(reference.value)
    assert server.requests == []


@pytest.mark.parametrize(
    "arguments, parsed_as",
    [
        ({"input": _update({"type": "text"}), "text_format": Weather}, None),
        ({"input": _update(BRIEF_FORMAT), "text_format": Weather, "parse_as": Brief}, Brief),
        ({"input": _update(BRIEF_FORMAT), "parse_as": None, "text_format": Weather}, None),
    ],
)
def test_parse_after_a_format_update_matches_the_oracle(
    server: ScriptedServer, arguments: dict[str, Any], parsed_as: type | None
) -> None:
    server.reply(Reply.json(TEXT_REPLY), Reply.json(TEXT_REPLY))
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours:
        mine = ours.responses.parse(model=MODEL, **arguments)
    with openai.OpenAI(api_key=API_KEY, base_url=server.url) as theirs:
        reference = theirs.responses.parse(model=MODEL, **arguments)
    assert _dump(mine.output_parsed) == _dump(reference.output_parsed)
    assert (None if mine.output_parsed is None else type(mine.output_parsed)) is parsed_as


def test_verbosity_is_sent_as_the_oracle_sends_it(server: ScriptedServer) -> None:
    _both(server, TEXT_REPLY, text_format=Weather, verbosity="low")
    sent, expected = (request.json() for request in server.requests)
    assert sent == expected
    assert sent["verbosity"] == "low" and "verbosity" not in sent["text"]
    server.requests.clear()
    _both(server, TEXT_REPLY, verbosity="high", extra_body={"verbosity": "medium"})
    sent, expected = (request.json() for request in server.requests)
    assert sent == expected and sent["verbosity"] == "medium"  # extra_body has the last word


def test_stream_false_is_sent_as_the_oracle_sends_it(server: ScriptedServer) -> None:
    mine, reference = _both(server, TEXT_REPLY, text_format=Weather, stream=False)
    sent, expected = (request.json() for request in server.requests)
    assert sent == expected and sent["stream"] is False
    assert mine.output_parsed == reference.output_parsed


def test_stream_true_raises_before_any_request(server: ScriptedServer) -> None:
    # The official SDK sends the request, then fails reading the event stream as a response
    # (AttributeError); parse() cannot stream, so ours says so before sending anything.
    with (
        OpenAI(api_key=API_KEY, base_url=server.url) as ours,
        pytest.raises(TypeError, match=r"use responses\.stream\(\)"),
    ):
        ours.responses.parse(model=MODEL, input="x", stream=True)  # type: ignore[call-overload]
    assert server.requests == []


@pytest.mark.anyio
async def test_async_parse_as_and_verbosity(server: ScriptedServer) -> None:
    server.reply(Reply.json(TEXT_REPLY))
    async with AsyncOpenAI(api_key=API_KEY, base_url=server.url) as ours:
        parsed = await ours.responses.parse(
            model=MODEL, input="weather", text_format=Weather, parse_as=Brief, verbosity="low"
        )
    assert parsed.output_parsed == Brief(city="Oslo")
    assert server.requests[0].json()["verbosity"] == "low"


# --- pydantic_responses_function_tool ------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [{}, {"name": "get_weather", "description": "Weather now.", "defer_loading": True}],
)
def test_responses_function_tool_equals_the_oracle(options: dict[str, Any]) -> None:
    ours = pydantic_responses_function_tool(GetWeather, **options)
    theirs = openai.pydantic_responses_function_tool(GetWeather, **options)
    assert dict(ours) == dict(theirs)
    assert list(ours) == list(theirs)  # the same keys in the same order


def test_responses_function_tool_calls_are_parsed_as_the_oracle(server: ScriptedServer) -> None:
    mine, reference = _both(
        server,
        CALL_REPLY,
        {"tools": [openai.pydantic_responses_function_tool(GetWeather, name="get_weather")]},
        tools=[pydantic_responses_function_tool(GetWeather, name="get_weather")],
    )
    sent, expected = (request.json() for request in server.requests)
    assert sent == expected
    call, oracle_call = mine.output[0], reference.output[0]
    assert isinstance(call.parsed_arguments, GetWeather)
    assert call.parsed_arguments.model_dump() == oracle_call.parsed_arguments.model_dump()


def test_responses_function_tool_rejects_what_is_not_a_model() -> None:
    with pytest.raises(TypeError, match="pydantic BaseModel"):
        pydantic_responses_function_tool(dict)  # type: ignore[arg-type]


def test_responses_function_tool_in_stream_matches_the_oracle(server: ScriptedServer) -> None:
    body, _ = SEQUENCES["parallel_function_calls"]()
    server.reply(Reply.sse([body]), Reply.sse([body]))
    outcomes = []
    for module, tool in (
        (OpenAI, pydantic_responses_function_tool),
        (openai.OpenAI, openai.pydantic_responses_function_tool),
    ):
        with (
            module(api_key=API_KEY, base_url=server.url) as client,  # type: ignore[operator]
            client.responses.stream(
                model=MODEL, input="x", tools=[tool(GetWeather, name="get_weather")]
            ) as stream,
        ):
            snapshots = [e.snapshot for e in stream if e.type.endswith("arguments.delta")]
            final = stream.get_final_response()
        outcomes.append((snapshots, [_dump(item.parsed_arguments) for item in final.output]))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][1][0] == {"city": "Paris", "unit": "c"}
    assert outcomes[0][1][1] is None  # `lookup` was not made from a model
