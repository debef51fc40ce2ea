"""``responses.stream()`` against the official SDK (an oracle only) over the same bytes.

For every stream (hand-written ones in `sequences.py`, and streams recorded from the local
server), the events (type, class name for the four extended ones, and payload read when emitted,
snapshots included) and the final parsed response, or the error, equal the official SDK's; sync
and async alike; and re-cutting the byte stream anywhere changes nothing.
"""

from __future__ import annotations

import itertools
import random
import typing
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import openai
import pytest

from tests.lib.responses.sequences import MODEL, SEQUENCES, GetWeather, Weather
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib._tools import pydantic_function_tool
from typed_openai.testing import LocalOpenAIServer

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

API_KEY = "sk-test-not-a-secret"
EXTENDED = {
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseCompletedEvent",
}

_LOOKUP = {
    "type": "function",
    "name": "lookup",
    "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
    "strict": False,
}


def _arguments(spec: dict[str, Any], tool: Callable[..., Any]) -> dict[str, Any]:
    arguments = dict(spec)
    if arguments.get("tools") == "weather+lookup":
        arguments["tools"] = [tool(GetWeather, name="get_weather"), _LOOKUP]
    return arguments


def _without_nulls(value: Any) -> Any:
    """The two SDKs' models declare different optional fields; compare the values present."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _describe(event: Any) -> dict[str, Any]:
    name = type(event).__name__.split("[")[0]
    data = _without_nulls(event.model_dump(mode="json", by_alias=True, warnings=False))
    return {"class": name if name in EXTENDED else "-", **data}


def _final(response: Any) -> Any:
    data = _without_nulls(response.model_dump(mode="json", by_alias=True, warnings=False))
    return {"data": data, "output_parsed": _dump(response.output_parsed)}


def _dump(value: Any) -> Any:
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else value


Outcome = tuple[list[dict[str, Any]], Any]


def _ours(url: str, arguments: dict[str, Any]) -> Outcome:
    events: list[dict[str, Any]] = []
    with OpenAI(api_key=API_KEY, base_url=url, max_retries=0) as client:
        try:
            with client.responses.stream(
                model=MODEL, input="Weather in Paris?", **arguments
            ) as stream:
                for event in stream:
                    events.append(_describe(event))
                return events, _final(stream.get_final_response())
        except Exception as error:  # compared with the oracle's error
            return events, type(error).__name__


async def _ours_async(url: str, arguments: dict[str, Any]) -> Outcome:
    events: list[dict[str, Any]] = []
    async with AsyncOpenAI(api_key=API_KEY, base_url=url, max_retries=0) as client:
        try:
            async with client.responses.stream(
                model=MODEL, input="Weather in Paris?", **arguments
            ) as stream:
                async for event in stream:
                    events.append(_describe(event))
                return events, _final(await stream.get_final_response())
        except Exception as error:
            return events, type(error).__name__


def _official(url: str, arguments: dict[str, Any]) -> Outcome:
    events: list[dict[str, Any]] = []
    with openai.OpenAI(api_key=API_KEY, base_url=url, max_retries=0) as client:
        try:
            with client.responses.stream(
                model=MODEL, input="Weather in Paris?", **arguments
            ) as stream:
                for event in stream:
                    events.append(_describe(event))
                return events, _final(stream.get_final_response())
        except Exception as error:
            return events, type(error).__name__


def _split_at(data: bytes, cuts: Any) -> list[bytes]:
    points = [0, *sorted(set(cuts)), len(data)]
    return [data[a:b] for a, b in itertools.pairwise(points) if b > a]


# --- streams recorded from the local server ------------------------------------------------------


def _record(server: LocalOpenAIServer, body: dict[str, Any], refusal: str | None = None) -> bytes:
    if refusal is not None:
        server.script_chat_reply(refusal=refusal)
    headers = {"Authorization": f"Bearer {server.api_key}"}
    reply = httpx.post(
        f"{server.base_url}/responses",
        json={"model": MODEL, "stream": True, **body},
        headers=headers,
        timeout=10,
    )
    reply.raise_for_status()
    return reply.content


@pytest.fixture(scope="module")
def recorded() -> Iterator[dict[str, tuple[bytes, dict[str, Any]]]]:
    weather_format = {
        "type": "json_schema",
        "name": "Weather",
        "strict": True,
        "schema": Weather.model_json_schema() | {"additionalProperties": False},
    }
    tool = {
        "type": "function",
        "name": "get_weather",
        "strict": True,
        "parameters": GetWeather.model_json_schema() | {"additionalProperties": False},
    }
    with LocalOpenAIServer() as server:
        yield {
            "server_structured_reasoning": (
                _record(
                    server,
                    {
                        "input": "weather in Paris",
                        "text": {"format": weather_format},
                        "reasoning": {"summary": "auto"},
                    },
                ),
                {"text_format": Weather},
            ),
            "server_function_calls": (
                _record(server, {"input": "call get_weather and lookup", "tools": [tool, _LOOKUP]}),
                {"tools": "weather+lookup"},
            ),
            "server_refusal": (_record(server, {"input": "x"}, refusal="I can't do that."), {}),
            "server_incomplete": (
                _record(server, {"input": "tell me everything " * 10, "max_output_tokens": 16}),
                {},
            ),
        }


def _stream_of(
    name: str, recorded: dict[str, tuple[bytes, dict[str, Any]]]
) -> tuple[bytes, dict[str, Any]]:
    return recorded[name] if name in recorded else SEQUENCES[name]()


NAMES = [
    *SEQUENCES,
    "server_structured_reasoning",
    "server_function_calls",
    "server_refusal",
    "server_incomplete",
]


@pytest.mark.parametrize("name", NAMES)
def test_events_and_final_response_match_the_official_sdk(
    server: ScriptedServer, recorded: Any, name: str
) -> None:
    body, spec = _stream_of(name, recorded)
    server.reply(Reply.sse([body]), Reply.sse([body]))
    ours = _ours(server.url, _arguments(spec, pydantic_function_tool))
    theirs = _official(server.url, _arguments(spec, openai.pydantic_function_tool))
    assert ours[0] == theirs[0]
    assert ours[1] == theirs[1]
    assert len(ours[0]) >= 3


@pytest.mark.anyio
@pytest.mark.parametrize("name", NAMES)
async def test_async_matches_sync(server: ScriptedServer, recorded: Any, name: str) -> None:
    body, spec = _stream_of(name, recorded)
    server.reply(Reply.sse([body]), Reply.sse([body]))
    arguments = _arguments(spec, pydantic_function_tool)
    assert await _ours_async(server.url, arguments) == _ours(server.url, arguments)


@pytest.mark.parametrize("name", NAMES)
def test_chunk_boundaries_do_not_change_events(
    server: ScriptedServer, recorded: Any, name: str
) -> None:
    body, spec = _stream_of(name, recorded)
    rng = random.Random(name)
    one_byte = _split_at(body, range(1, min(len(body), 400)))
    anywhere = _split_at(body, rng.sample(range(1, len(body)), k=min(80, len(body) - 1)))
    server.reply(Reply.sse([body]), Reply.sse(one_byte), Reply.sse(anywhere))
    arguments = _arguments(spec, pydantic_function_tool)
    whole = _ours(server.url, arguments)
    assert _ours(server.url, arguments) == whole
    assert _ours(server.url, arguments) == whole


def _members(union: Any) -> list[Any]:
    """The classes of an event union (also one in ``Annotated[...]``), generic ones unsubscripted."""
    if typing.get_origin(union) is typing.Annotated:
        union = typing.get_args(union)[0]
    return [typing.get_origin(member) or member for member in typing.get_args(union)]


def test_the_event_union_is_the_apis_with_the_four_classes_extended() -> None:
    """``responses.stream()``'s event union is the API's, each of the four plain classes replaced
    by the helper's (not added next to it: narrowing on ``event.type`` would leave the plain one
    in, without ``snapshot`` / ``parsed``), as the official SDK's union."""
    from typed_openai.lib.streaming import responses as helper
    from typed_openai.types.responses import ResponseStreamEvent

    ours = _members(helper.ResponseStreamEvent)
    extended = {getattr(helper, name) for name in EXTENDED}
    assert len(ours) == len(set(ours))
    assert extended <= set(ours)
    plain = {cls for cls in _members(ResponseStreamEvent) if cls.__name__ in EXTENDED}
    assert len(plain) == 4 and not plain & set(ours)
    assert {cls.__name__ for cls in ours} == {cls.__name__ for cls in _members(ResponseStreamEvent)}
    # the official SDK's: the same four replaced (its union has events our spec lacks yet)
    from openai.lib.streaming.responses import _events as official

    theirs = {cls.__name__: cls for cls in _members(official.ResponseStreamEvent)}
    assert {theirs[name].__module__ for name in EXTENDED} == {official.__name__}
    assert {cls.__name__ for cls in ours} <= set(theirs)
