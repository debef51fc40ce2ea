"""``responses.parse()``, resuming streams, ``retrieve(stream=True)``, errors, connection release and
``Response.output_text``: against the local server and the scripted loopback server, with the
official SDK (an oracle only) where its behaviour is the reference."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pydantic
import pytest

import typed_openai
from tests.lib.responses.sequences import MODEL, SEQUENCES, GetWeather, Weather
from tests.support.server import Reply, ScriptedServer
from typed_openai import (
    APIConnectionError,
    APIError,
    AsyncOpenAI,
    OpenAI,
    pydantic_function_tool,
)
from typed_openai.testing import LocalOpenAIServer

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

API_KEY = "sk-test-not-a-secret"
_LOOKUP = {
    "type": "function",
    "name": "lookup",
    "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
    "strict": False,
}


@pytest.fixture(scope="module")
def local() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.05) as running:
        yield running


@pytest.fixture
def client(local: LocalOpenAIServer) -> Iterator[OpenAI]:
    with OpenAI(base_url=local.base_url, api_key=local.api_key, max_retries=0) as ours:
        yield ours


@pytest.fixture
def oracle(local: LocalOpenAIServer) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=local.base_url, api_key=local.api_key, max_retries=0) as theirs:
        yield theirs


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None and k != "id"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --- parse() ----------------------------------------------------------------------------------------


def test_parse_with_text_format_matches_the_oracle(client: OpenAI, oracle: openai.OpenAI) -> None:
    ours = client.responses.parse(model=MODEL, input="weather in Oslo", text_format=Weather)
    theirs = oracle.responses.parse(model=MODEL, input="weather in Oslo", text_format=Weather)
    assert isinstance(ours.output_parsed, Weather)
    assert ours.output_parsed == theirs.output_parsed
    part = ours.output[0].content[0]  # type: ignore[union-attr]
    assert part.parsed == ours.output_parsed  # type: ignore[union-attr]
    assert ours.output_text == theirs.output_text and ours.output_text.startswith("{")


def test_parse_sends_the_same_request_as_the_oracle(server: ScriptedServer) -> None:
    body = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": "completed",
        "model": MODEL,
        "output": [],
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
    server.reply(Reply.json(body), Reply.json(body))
    tools: Any = [pydantic_function_tool(GetWeather, name="get_weather"), _LOOKUP]
    oracle_tools: Any = [openai.pydantic_function_tool(GetWeather, name="get_weather"), _LOOKUP]
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours:
        ours.responses.parse(
            model=MODEL, input="hi", text_format=Weather, tools=tools, text={"verbosity": "low"}
        )
    with openai.OpenAI(api_key=API_KEY, base_url=server.url) as theirs:
        theirs.responses.parse(
            model=MODEL,
            input="hi",
            text_format=Weather,
            tools=oracle_tools,
            text={"verbosity": "low"},
        )
    sent, expected = (request.json() for request in server.requests)
    assert sent == expected
    assert sent["text"]["format"]["strict"] is True and sent["text"]["verbosity"] == "low"
    assert sent["tools"][0]["name"] == "get_weather" and "function" not in sent["tools"][0]


def test_parse_function_calls_strict_parsed_non_strict_none(
    client: OpenAI, oracle: openai.OpenAI
) -> None:
    prompt = "call get_weather and lookup"
    ours = client.responses.parse(
        model=MODEL,
        input=prompt,
        tools=[pydantic_function_tool(GetWeather, name="get_weather"), _LOOKUP],  # type: ignore[list-item]
    )
    theirs = oracle.responses.parse(
        model=MODEL,
        input=prompt,
        tools=[openai.pydantic_function_tool(GetWeather, name="get_weather"), _LOOKUP],  # type: ignore[list-item]
    )
    calls = [item for item in ours.output if item.type == "function_call"]
    oracle_calls = [item for item in theirs.output if item.type == "function_call"]
    assert [c.name for c in calls] == ["get_weather", "lookup"]
    assert isinstance(calls[0].parsed_arguments, GetWeather)  # type: ignore[union-attr]
    assert calls[1].parsed_arguments is None  # type: ignore[union-attr]
    assert [_plain(c.parsed_arguments and c.parsed_arguments.model_dump()) for c in calls] == [  # type: ignore[union-attr]
        _plain(c.parsed_arguments and c.parsed_arguments.model_dump())
        for c in oracle_calls  # type: ignore[union-attr]
    ]


@pytest.mark.parametrize(
    "arguments, error",
    [
        ({"text_format": Weather, "text": {"format": {"type": "text"}}}, TypeError),
        (
            {"tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}]},
            Exception,
        ),
    ],
)
def test_argument_errors_raise_before_any_request(
    server: ScriptedServer, arguments: dict[str, Any], error: type[Exception]
) -> None:
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours, pytest.raises(error):
        ours.responses.parse(model=MODEL, input="x", **arguments)
    with openai.OpenAI(api_key=API_KEY, base_url=server.url) as theirs, pytest.raises(error):
        theirs.responses.parse(model=MODEL, input="x", **arguments)
    assert server.requests == []


def test_stream_argument_errors_match_the_oracle(server: ScriptedServer) -> None:
    cases: list[dict[str, Any]] = [
        {"response_id": "resp_1", "input": "x", "model": MODEL},
        {"starting_after": 3},
        {"input": "x"},
        {"model": MODEL},
    ]
    with (
        OpenAI(api_key=API_KEY, base_url=server.url) as ours,
        openai.OpenAI(api_key=API_KEY, base_url=server.url) as theirs,
    ):
        for arguments in cases:
            with pytest.raises(ValueError) as mine:
                ours.responses.stream(**arguments)
            with pytest.raises(ValueError) as reference:
                theirs.responses.stream(**arguments)
            assert str(mine.value) == str(reference.value)
    assert server.requests == []


@pytest.mark.anyio
async def test_async_parse(local: LocalOpenAIServer) -> None:
    async with AsyncOpenAI(base_url=local.base_url, api_key=local.api_key) as client:
        parsed = await client.responses.parse(model=MODEL, input="weather", text_format=Weather)
    assert isinstance(parsed.output_parsed, Weather)


def test_raw_response_parse(client: OpenAI) -> None:
    raw = client.responses.with_raw_response.parse(
        model=MODEL, input="weather", text_format=Weather
    )
    assert raw.headers.get("x-request-id")
    assert isinstance(raw.parse().output_parsed, Weather)


# --- output_text ------------------------------------------------------------------------------------


def test_output_text_joins_the_message_texts(server: ScriptedServer) -> None:
    body, _ = SEQUENCES["parts_messages_and_phases"]()
    events = [
        json.loads(line[6:]) for line in body.decode().splitlines() if line.startswith("data: ")
    ]
    final = events[-1]["response"]
    server.reply(Reply.json(final), Reply.json(final))
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours:
        text = ours.responses.create(model=MODEL, input="x").output_text
    with openai.OpenAI(api_key=API_KEY, base_url=server.url) as theirs:
        assert text == theirs.responses.create(model=MODEL, input="x").output_text
    assert text.startswith("Let me check.{")


def test_output_text_is_empty_without_messages(client: OpenAI) -> None:
    tool = {"type": "function", "name": "ping", "parameters": {"type": "object"}, "strict": False}
    response = client.responses.create(model=MODEL, input="ping", tools=[tool])  # type: ignore[list-item]
    assert [item.type for item in response.output] == ["function_call"]
    assert response.output_text == ""


# --- resuming ----------------------------------------------------------------------------------------


def _background(local: LocalOpenAIServer, client: OpenAI) -> str:
    created = client.responses.create(model=MODEL, input="a story about resuming", background=True)
    local.advance_clock(60)  # every event released: the stream is replayed at once
    return created.id


def _events(stream: Any) -> list[Any]:
    return [_plain(e.model_dump(mode="json", warnings=False)) for e in stream]


def test_resume_replays_and_skips_locally_as_the_oracle(
    local: LocalOpenAIServer, client: OpenAI, oracle: openai.OpenAI
) -> None:
    """Resuming after event 6, as the official SDK: the whole stored stream is asked for (no
    ``starting_after`` sent) and events 1-6 are read but not yielded, so snapshots are whole."""
    response_id = _background(local, client)
    sent: list[httpx.URL] = []
    with (
        OpenAI(
            base_url=local.base_url,
            api_key=local.api_key,
            http_client=httpx.Client(event_hooks={"request": [lambda r: sent.append(r.url)]}),
        ) as watched,
        watched.responses.stream(response_id=response_id, starting_after=6) as stream,
    ):
        ours = _events(stream)
        final = stream.get_final_response()
    with oracle.responses.stream(response_id=response_id, starting_after=6) as stream:
        theirs = _events(stream)
        oracle_final = stream.get_final_response()
    assert ours == theirs
    assert ours[0]["sequence_number"] == 7
    assert [dict(url.params) for url in sent] == [{"stream": "true"}]
    assert final.output_text == oracle_final.output_text


def test_resume_drops_the_replayed_events(server: ScriptedServer) -> None:
    body, _ = SEQUENCES["structured_text"]()
    server.reply(Reply.sse([body]), Reply.sse([body]))  # the replay from the first event
    with (
        OpenAI(api_key=API_KEY, base_url=server.url) as ours,
        ours.responses.stream(
            response_id="resp_68b0f0e1a2b3c4d5", starting_after=5, text_format=Weather
        ) as stream,
    ):
        mine = _events(stream)
    with (
        openai.OpenAI(api_key=API_KEY, base_url=server.url) as theirs,
        theirs.responses.stream(
            response_id="resp_68b0f0e1a2b3c4d5", starting_after=5, text_format=Weather
        ) as stream,
    ):
        reference = _events(stream)
    assert [e["sequence_number"] for e in mine] == list(range(6, 14))
    assert mine == reference  # the whole replay arrived, so the snapshots are whole too
    ours_request, oracle_request = server.requests
    assert ours_request.query_dict == oracle_request.query_dict == {"stream": "true"}


def test_resume_on_a_stream_starting_midway_raises_as_the_oracle(server: ScriptedServer) -> None:
    """A server that starts the replay after the resume point: both SDKs raise at the first
    event, which is not ``response.created``."""
    body, _ = SEQUENCES["structured_text"]()
    after = b"".join(block + b"\n\n" for block in body.split(b"\n\n")[6:] if block)
    server.reply(Reply.sse([after]), Reply.sse([after]))
    for sdk in (typed_openai, openai):
        with (
            sdk.OpenAI(api_key=API_KEY, base_url=server.url) as client,
            pytest.raises(RuntimeError, match=r"Expected to have received `response\.created"),
            client.responses.stream(response_id="resp_68b0f0e1a2b3c4d5", starting_after=5) as s,
        ):
            list(s)


def test_retrieve_stream_sends_starting_after(server: ScriptedServer) -> None:
    body, _ = SEQUENCES["reasoning_then_text"]()
    after = b"".join(block + b"\n\n" for block in body.split(b"\n\n")[10:] if block)
    server.reply(Reply.sse([after]))  # a server that honours starting_after
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours:
        stream = ours.responses.retrieve("resp_68b0f0e1a2b3c4d5", stream=True, starting_after=9)
        numbers = [event.sequence_number for event in stream]
    assert numbers[0] == 10 and numbers == sorted(numbers)
    assert server.requests[0].query_dict == {"stream": "true", "starting_after": "9"}


@pytest.mark.anyio
async def test_async_resume(local: LocalOpenAIServer) -> None:
    async with AsyncOpenAI(base_url=local.base_url, api_key=local.api_key) as client:
        created = await client.responses.create(model=MODEL, input="async story", background=True)
        local.advance_clock(60)
        async with client.responses.stream(response_id=created.id, starting_after=3) as stream:
            numbers = [event.sequence_number async for event in stream]
            final = await stream.get_final_response()
        raw = await client.responses.retrieve(created.id, stream=True, starting_after=3)
        again = [event.sequence_number async for event in raw]  # the local server skips
    assert numbers[0] == 4 and again == numbers
    assert "async story" in final.output_text


# --- errors and connections ----------------------------------------------------------------------


def test_a_dropped_connection_is_an_api_connection_error(server: ScriptedServer) -> None:
    body, _ = SEQUENCES["structured_text"]()
    server.reply(Reply.sse([body[: len(body) // 2]], drop=True))
    seen = []
    with (
        OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as ours,
        pytest.raises(APIConnectionError),
        ours.responses.stream(model=MODEL, input="x", text_format=Weather) as stream,
    ):
        for event in stream:
            seen.append(event.type)
    assert seen and seen[0] == "response.created"


def test_an_error_object_in_place_of_an_event_raises_api_error(server: ScriptedServer) -> None:
    head = SEQUENCES["structured_text"]()[0].split(b"\n\n")[0] + b"\n\n"
    error = b'data: {"error": {"message": "overloaded", "type": "server_error"}}\n\n'
    server.reply(Reply.sse([head, error]))
    with (
        OpenAI(api_key=API_KEY, base_url=server.url) as ours,
        pytest.raises(APIError, match="overloaded"),
        ours.responses.stream(model=MODEL, input="x") as stream,
    ):
        stream.until_done()


def test_leaving_early_releases_the_connection(server: ScriptedServer) -> None:
    body, _ = SEQUENCES["reasoning_then_text"]()
    first_events = body[: body.index(b"\n\n", 2000) + 2]
    server.reply(Reply.sse([first_events], end=False))  # then holds the stream open
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours:
        with ours.responses.stream(model=MODEL, input="x") as stream:
            first = next(iter(stream))
        assert first.type == "response.created"
        server.wait_for_closed(1)


def test_iterating_to_the_end_releases_the_connection_for_reuse(server: ScriptedServer) -> None:
    body, _ = SEQUENCES["refusal"]()
    server.reply(Reply.sse([body]), Reply.sse([body]))
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours:
        for _ in range(2):
            with ours.responses.stream(model=MODEL, input="x") as stream:
                stream.until_done()
    assert server.requests[0].connection_id == server.requests[1].connection_id


def test_incomplete_with_text_format_behaves_as_the_oracle(server: ScriptedServer) -> None:
    """The text was cut at max_output_tokens: validating it fails at its done event, in both."""
    body, _ = SEQUENCES["incomplete_with_format"]()
    server.reply(Reply.sse([body]), Reply.sse([body]))
    outcomes = []
    for module in (OpenAI, openai.OpenAI):
        kinds: list[str] = []
        with (
            module(api_key=API_KEY, base_url=server.url) as any_client,  # type: ignore[operator]
            pytest.raises(pydantic.ValidationError),
            any_client.responses.stream(model=MODEL, input="x", text_format=Weather) as stream,
        ):
            for event in stream:
                kinds.append(event.type)
        outcomes.append(kinds)
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][-1] == "response.output_text.delta"
