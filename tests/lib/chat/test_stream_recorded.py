"""`.stream()` over the real recorded streams, served by the loopback server.

For every recording, the events (types and payloads, each read when it is emitted, snapshots
included) and the final completion equal what the official SDK (the oracle) produces from the
same bytes, with the same ``response_format`` / tools; sync and async alike; and re-cutting the
byte stream anywhere does not change them. A few recordings also get hand-written expectations,
so a bug shared with the oracle would still show.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import openai
import pytest

from tests.lib.chat._support import (
    API_KEY,
    MODEL,
    GetStockPrice,
    GetWeatherArgs,
    Location,
    describe,
    recorded,
    recorded_files,
    split_at,
    without_nulls,
)
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib._tools import pydantic_function_tool

MESSAGES: list[Any] = [{"role": "user", "content": "What's the weather like in SF?"}]

_GET_WEATHER = {
    "name": "get_weather",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}, "state": {"type": "string"}},
        "required": ["city", "state"],
        "additionalProperties": False,
    },
}


def _arguments(name: str, tool: Callable[..., Any]) -> dict[str, Any]:
    """The `.stream()` arguments each recording was made with; `tool` makes pydantic tools."""
    if name in ("structured-location.sse", "refusal.sse", "refusal-logprobs.sse"):
        extra: dict[str, Any] = {"response_format": Location}
        if name == "refusal-logprobs.sse":
            extra["logprobs"] = True
        return extra
    if name == "three-choices.sse":
        return {"response_format": Location, "n": 3}
    if name == "finish-length.sse":
        return {"response_format": Location, "max_tokens": 1}
    if name == "content-logprobs.sse":
        return {"logprobs": True}
    if name == "tool-call-1.sse":
        return {"tools": [{"type": "function", "function": _GET_WEATHER}]}  # not strict
    if name == "tool-call-2.sse":
        return {"tools": [{"type": "function", "function": {**_GET_WEATHER, "strict": True}}]}
    if name == "tool-call-3.sse":
        return {"tools": [tool(GetWeatherArgs)]}
    if name == "tool-calls-parallel.sse":
        return {"tools": [tool(GetWeatherArgs), tool(GetStockPrice, name="get_stock_price")]}
    return {}


Outcome = tuple[list[dict[str, Any]], Any]  # (events, final completion or error class name)


def _ours_sync(url: str, arguments: dict[str, Any]) -> Outcome:
    events: list[dict[str, Any]] = []
    with OpenAI(api_key=API_KEY, base_url=url) as client:
        try:
            with client.chat.completions.stream(
                model=MODEL, messages=MESSAGES, **arguments
            ) as stream:
                for event in stream:
                    events.append(describe(event))
                final = stream.get_final_completion()
        except Exception as error:  # compared with the oracle's error below
            return events, type(error).__name__
    return events, without_nulls(final.model_dump(mode="json"))


async def _ours_async(url: str, arguments: dict[str, Any]) -> Outcome:
    events: list[dict[str, Any]] = []
    async with AsyncOpenAI(api_key=API_KEY, base_url=url) as client:
        try:
            async with client.beta.chat.completions.stream(
                model=MODEL, messages=MESSAGES, **arguments
            ) as stream:
                async for event in stream:
                    events.append(describe(event))
                final = await stream.get_final_completion()
        except Exception as error:
            return events, type(error).__name__
    return events, without_nulls(final.model_dump(mode="json"))


def _official(url: str, arguments: dict[str, Any]) -> Outcome:
    events: list[dict[str, Any]] = []
    with openai.OpenAI(api_key=API_KEY, base_url=url, max_retries=0) as client:
        try:
            with client.chat.completions.stream(
                model=MODEL, messages=MESSAGES, **arguments
            ) as stream:
                for event in stream:
                    events.append(describe(event, warnings=False))
                final = stream.get_final_completion()
        except Exception as error:
            return events, type(error).__name__
    return events, without_nulls(final.model_dump(mode="json", warnings=False))


NAMES = [path.name for path in recorded_files()] or ["(recordings absent)"]


@pytest.mark.parametrize("name", NAMES)
def test_sync_stream_matches_the_official_sdk(server: ScriptedServer, name: str) -> None:
    body = recorded(name)
    server.reply(Reply.sse([body]), Reply.sse([body]))
    ours = _ours_sync(server.url, _arguments(name, pydantic_function_tool))
    theirs = _official(server.url, _arguments(name, openai.pydantic_function_tool))
    assert ours[0] == theirs[0]
    assert ours[1] == theirs[1]
    assert len(ours[0]) > 2
    # Every request asked for a stream; the connection was released.
    assert [request.json()["stream"] for request in server.requests] == [True, True]


@pytest.mark.anyio
@pytest.mark.parametrize("name", NAMES)
async def test_async_stream_matches_sync(server: ScriptedServer, name: str) -> None:
    body = recorded(name)
    server.reply(Reply.sse([body]), Reply.sse([body]))
    arguments = _arguments(name, pydantic_function_tool)
    assert await _ours_async(server.url, arguments) == _ours_sync(server.url, arguments)


@pytest.mark.parametrize("name", NAMES)
def test_chunk_boundaries_do_not_change_events(server: ScriptedServer, name: str) -> None:
    body = recorded(name)
    rng = random.Random(name)  # deterministic per recording
    one_byte_cuts = split_at(body, range(1, min(len(body), 600)))  # every boundary early on
    random_cuts = split_at(body, rng.sample(range(1, len(body)), k=min(60, len(body) - 1)))
    server.reply(Reply.sse([body]), Reply.sse(one_byte_cuts), Reply.sse(random_cuts))
    arguments = _arguments(name, pydantic_function_tool)
    whole = _ours_sync(server.url, arguments)
    assert _ours_sync(server.url, arguments) == whole
    assert _ours_sync(server.url, arguments) == whole


# --- hand-written expectations on some recordings -------------------------------------------------


def _types(events: list[dict[str, Any]]) -> list[str]:
    return [event["type"] for event in events]


def test_structured_location_events(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(Reply.sse([recorded("structured-location.sse")]))
    with client.chat.completions.stream(
        model=MODEL, messages=MESSAGES, response_format=Location
    ) as stream:
        events = list(stream)
    completion = stream.get_final_completion()
    deltas = [e for e in events if e.type == "content.delta"]
    assert (
        "".join(e.delta for e in deltas) == '{"city":"San Francisco","temperature":61,"units":"f"}'
    )
    for e in deltas:
        assert e.snapshot.endswith(e.delta)
    # parsed grows with the content: partial objects, never a half-written string
    assert [e for e in deltas if e.parsed == {"city": "San Francisco"}]
    assert deltas[-1].parsed == {"city": "San Francisco", "temperature": 61, "units": "f"}
    done = [e for e in events if e.type == "content.done"]
    assert len(done) == 1 and done[0].parsed == Location(
        city="San Francisco", temperature=61, units="f"
    )
    assert _types([describe(e) for e in events]).count("chunk") == len(
        [e for e in events if e.type == "chunk"]
    )
    parsed = completion.choices[0].message.parsed
    assert isinstance(parsed, Location) and parsed.temperature == 61
    assert completion.usage is not None and completion.usage.total_tokens == 93
    assert completion.object == "chat.completion"


def test_parallel_tool_calls_events(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(Reply.sse([recorded("tool-calls-parallel.sse")]))
    tools = [
        pydantic_function_tool(GetWeatherArgs),
        pydantic_function_tool(GetStockPrice, name="get_stock_price"),
    ]
    with client.chat.completions.stream(model=MODEL, messages=MESSAGES, tools=tools) as stream:
        events = list(stream)
    done = [e for e in events if e.type == "tool_calls.function.arguments.done"]
    assert [(e.index, e.name) for e in done] == [(0, "GetWeatherArgs"), (1, "get_stock_price")]
    assert done[0].parsed_arguments == GetWeatherArgs(city="Edinburgh", country="GB", units="c")
    assert done[1].parsed_arguments == GetStockPrice(ticker="AAPL", exchange="NASDAQ")
    # The first call is done in the chunk where the second starts, after that chunk's delta
    # (deltas of a chunk come before the done events it causes).
    kinds = [(e.type, getattr(e, "index", None)) for e in events if e.type.startswith("tool")]
    first_done = kinds.index(("tool_calls.function.arguments.done", 0))
    assert kinds[:first_done].count(("tool_calls.function.arguments.delta", 1)) == 1
    assert kinds[first_done - 1] == ("tool_calls.function.arguments.delta", 1)
    deltas = [e for e in events if e.type == "tool_calls.function.arguments.delta" and e.index == 0]
    assert deltas[-1].parsed_arguments == {"city": "Edinburgh", "country": "GB", "units": "c"}
    final = stream.get_final_completion()
    calls = final.choices[0].message.tool_calls or []
    assert [call.function.parsed_arguments for call in calls] == [
        done[0].parsed_arguments,
        done[1].parsed_arguments,
    ]


def test_three_choices_each_get_done_events(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(Reply.sse([recorded("three-choices.sse")]))
    with client.chat.completions.stream(
        model=MODEL, messages=MESSAGES, response_format=Location, n=3
    ) as stream:
        events = list(stream)
    done = [e for e in events if e.type == "content.done"]
    assert [e.parsed.temperature for e in done if e.parsed] == [65, 61, 59]
    final = stream.get_final_completion()
    assert [c.index for c in final.choices] == [0, 1, 2]
    assert final.usage is not None and final.usage.completion_tokens == 42


def test_refusal_with_logprobs_events(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(Reply.sse([recorded("refusal-logprobs.sse")]))
    with client.chat.completions.stream(
        model=MODEL, messages=MESSAGES, response_format=Location, logprobs=True
    ) as stream:
        events = list(stream)
    refusal_done = [e for e in events if e.type == "refusal.done"]
    assert [e.refusal for e in refusal_done] == ["I'm very sorry, but I can't assist with that."]
    logprobs_done = [e for e in events if e.type == "logprobs.refusal.done"]
    assert len(logprobs_done) == 1
    assert "".join(t.token for t in logprobs_done[0].refusal) == refusal_done[0].refusal
    deltas = [e for e in events if e.type == "logprobs.refusal.delta"]
    assert [len(e.snapshot) for e in deltas] == list(range(1, len(deltas) + 1))
    assert not [e for e in events if e.type == "content.done"]
    final = stream.get_final_completion()
    assert final.choices[0].message.parsed is None
    assert final.choices[0].message.refusal == refusal_done[0].refusal
