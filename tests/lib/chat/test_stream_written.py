"""`.stream()` over streams written for the purpose, through the loopback server.

Each covers a case the recordings do not: content followed by tool calls, interleaved choices,
usage-only chunks, fields the API may add, finish-reason errors at the end of a stream, errors in
the middle of one, and the manager's request/close lifecycle.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.lib.chat._support import (
    MODEL,
    GetWeatherArgs,
    Location,
    choice,
    chunk,
    split_every,
    sse,
    text_stream,
)
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai._core import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    BadRequestError,
    OpenAIError,
)
from typed_openai.lib._parsing._errors import (
    ContentFilterFinishReasonError,
    LengthFinishReasonError,
)
from typed_openai.lib._tools import pydantic_function_tool
from typed_openai.lib.streaming.chat import (
    ChatCompletionStream,
    ChatCompletionStreamState,
    ContentDeltaEvent,
    FunctionToolCallArgumentsDeltaEvent,
)
from typed_openai.types.chat.chat_completion_chunk import ChatCompletionChunk

MESSAGES: list[Any] = [{"role": "user", "content": "hi"}]
LOCATION_PIECES = ['{"ci', 'ty": "Par', 'is", "temp', 'erature": 2', "1.5", ', "units": "c"}']


def _types(events: list[Any]) -> list[str]:
    return [event.type for event in events]


# --- structured content --------------------------------------------------------------------------


def test_structured_content_partial_and_final(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(Reply.sse([sse(text_stream(LOCATION_PIECES))]))
    with client.chat.completions.stream(
        model=MODEL, messages=MESSAGES, response_format=Location
    ) as stream:
        events = list(stream)
    deltas = [e for e in events if isinstance(e, ContentDeltaEvent)]
    assert [e.delta for e in deltas] == ["", *LOCATION_PIECES]
    assert [e.parsed for e in deltas] == [
        None,  # nothing to parse yet
        {},  # an unfinished key is left out
        {},  # so is a key whose string value is unfinished
        {"city": "Paris"},
        {"city": "Paris", "temperature": 2},
        {"city": "Paris", "temperature": 21.5},
        {"city": "Paris", "temperature": 21.5, "units": "c"},
    ]
    assert deltas[3].snapshot == '{"city": "Paris", "temp'
    done = [e for e in events if e.type == "content.done"]
    assert len(done) == 1 and done[0].parsed == Location(city="Paris", temperature=21.5, units="c")
    assert _types(events) == ["chunk", "content.delta"] * 7 + ["chunk", "content.done"]
    final = stream.get_final_completion()
    assert final.choices[0].message.parsed == done[0].parsed
    assert final.choices[0].finish_reason == "stop"
    body = server.requests[0].json()
    assert body["stream"] is True and body["model"] == MODEL and body["messages"] == MESSAGES
    assert body["response_format"]["json_schema"]["name"] == "Location"
    assert body["response_format"]["json_schema"]["strict"] is True


def test_content_then_tool_calls(server: ScriptedServer, client: OpenAI) -> None:
    call_start = {"index": 0, "id": "call_1", "type": "function"}
    chunks = [
        chunk(choice(role="assistant", content="Let me check.")),
        chunk(
            choice(
                tool_calls=[{**call_start, "function": {"name": "GetWeatherArgs", "arguments": ""}}]
            )
        ),
        chunk(choice(tool_calls=[{"index": 0, "function": {"arguments": '{"city": "Oslo", '}}])),
        chunk(choice(tool_calls=[{"index": 0, "function": {"arguments": '"country": "NO"}'}}])),
        chunk(choice(finish_reason="tool_calls")),
        chunk(usage={"prompt_tokens": 5, "completion_tokens": 9, "total_tokens": 14}),
    ]
    server.reply(Reply.sse([sse(chunks)]))
    tools = [pydantic_function_tool(GetWeatherArgs)]
    with client.chat.completions.stream(model=MODEL, messages=MESSAGES, tools=tools) as stream:
        events = list(stream)
    assert _types(events) == [
        "chunk",
        "content.delta",
        "chunk",
        "tool_calls.function.arguments.delta",
        "content.done",  # the text is complete once a tool call starts
        "chunk",
        "tool_calls.function.arguments.delta",
        "chunk",
        "tool_calls.function.arguments.delta",
        "chunk",
        "tool_calls.function.arguments.done",
        "chunk",
    ]
    arguments = [e for e in events if isinstance(e, FunctionToolCallArgumentsDeltaEvent)]
    assert [e.arguments_delta for e in arguments] == ["", '{"city": "Oslo", ', '"country": "NO"}']
    assert [e.parsed_arguments for e in arguments] == [
        None,
        {"city": "Oslo"},
        {"city": "Oslo", "country": "NO"},
    ]
    assert {e.name for e in arguments} == {"GetWeatherArgs"}
    done = events[-2]
    assert done.type == "tool_calls.function.arguments.done"
    assert done.parsed_arguments == GetWeatherArgs(city="Oslo", country="NO")
    assert done.arguments == '{"city": "Oslo", "country": "NO"}'
    final = stream.get_final_completion()
    message = final.choices[0].message
    assert message.content == "Let me check."
    [call] = message.tool_calls or []
    assert (call.id, call.type, call.function.name) == ("call_1", "function", "GetWeatherArgs")
    assert call.function.parsed_arguments == done.parsed_arguments
    assert final.usage is not None and final.usage.total_tokens == 14
    assert server.requests[0].json()["tools"][0]["function"]["strict"] is True


def test_interleaved_choices_and_added_fields(server: ScriptedServer, client: OpenAI) -> None:
    chunks = [
        chunk(choice(0, role="assistant", content=""), choice(1, role="assistant", content="")),
        chunk(choice(1, content="B1", reasoning_content="why ")),
        chunk(choice(0, content="A1", reasoning_content="so")),
        chunk(choice(1, content="B2", reasoning_content="not"), service_tier="default"),
        chunk(choice(0, finish_reason="stop", content="A2")),
        chunk(choice(1, finish_reason="length")),
        chunk(usage={"prompt_tokens": 1, "completion_tokens": 4, "total_tokens": 5}),
    ]
    server.reply(Reply.sse([sse(chunks)]))
    with client.chat.completions.stream(model=MODEL, messages=MESSAGES, n=2) as stream:
        events = list(stream)
        snapshot = stream.current_completion_snapshot
    done = [(e.type, getattr(e, "content", None)) for e in events if e.type.endswith(".done")]
    assert done == [("content.done", "A1A2"), ("content.done", "B1B2")]
    assert [c.message.content for c in snapshot.choices] == ["A1A2", "B1B2"]
    # a text field the API adds later is accumulated like content, per choice
    assert [c.message.model_extra for c in snapshot.choices] == [
        {"reasoning_content": "so"},
        {"reasoning_content": "why not"},
    ]
    assert snapshot.service_tier == "default"
    assert snapshot.usage is not None and snapshot.usage.total_tokens == 5
    assert [c.finish_reason for c in snapshot.choices] == ["stop", "length"]
    # Nothing was to be parsed, so "length" does not stop the stream; the final parse does.
    with pytest.raises(LengthFinishReasonError):
        stream.get_final_completion()


def test_logprobs_and_deprecated_function_call(server: ScriptedServer, client: OpenAI) -> None:
    def logprob(token: str) -> dict[str, Any]:
        return {"token": token, "logprob": -0.5, "bytes": list(token.encode()), "top_logprobs": []}

    chunks = [
        chunk(choice(role="assistant", content="", logprobs={"content": [], "refusal": None})),
        chunk(choice(content="Hi", logprobs={"content": [logprob("Hi")], "refusal": None})),
        chunk(
            choice(
                content=" there",
                function_call={"name": "lookup", "arguments": '{"a"'},
                logprobs={"content": [logprob(" there")], "refusal": None},
            )
        ),
        chunk(choice(function_call={"arguments": ": 1}"}, finish_reason="stop")),
    ]
    server.reply(Reply.sse([sse(chunks)]))
    with client.chat.completions.stream(model=MODEL, messages=MESSAGES, logprobs=True) as stream:
        events = list(stream)
    assert _types(events) == [
        "chunk",
        "content.delta",
        "chunk",
        "content.delta",
        "logprobs.content.delta",
        "chunk",
        "content.delta",
        "logprobs.content.delta",
        "chunk",
        "content.done",
        "logprobs.content.done",
    ]
    logprob_deltas = [e for e in events if e.type == "logprobs.content.delta"]
    assert [[t.token for t in e.snapshot] for e in logprob_deltas] == [["Hi"], ["Hi", " there"]]
    assert [t.token for t in events[-1].content] == ["Hi", " there"]
    message = stream.get_final_completion().choices[0].message
    assert message.function_call is not None
    assert (message.function_call.name, message.function_call.arguments) == ("lookup", '{"a": 1}')


# --- finish reasons at the end of a stream ------------------------------------------------------


def test_length_with_response_format_raises_in_the_stream(
    server: ScriptedServer, client: OpenAI
) -> None:
    server.reply(
        Reply.sse([sse(text_stream(['{"city": "Par'], finish_reason="length"))], end=False)
    )
    seen: list[str] = []
    with (
        pytest.raises(LengthFinishReasonError) as raised,
        client.chat.completions.stream(
            model=MODEL, messages=MESSAGES, response_format=Location
        ) as stream,
    ):
        seen.extend(event.type for event in stream)
    assert seen == ["chunk", "content.delta", "chunk", "content.delta"]
    assert raised.value.completion.choices[0].message.content == '{"city": "Par'
    server.wait_for_closed(1)  # the held-open response was closed by leaving the block


def test_content_filter_with_strict_tool_raises(server: ScriptedServer, client: OpenAI) -> None:
    chunks = [
        chunk(choice(role="assistant", content="")),
        chunk(choice(finish_reason="content_filter")),
    ]
    server.reply(Reply.sse([sse(chunks)]))
    tools = [pydantic_function_tool(GetWeatherArgs)]
    with (
        client.chat.completions.stream(model=MODEL, messages=MESSAGES, tools=tools) as stream,
        pytest.raises(ContentFilterFinishReasonError),
    ):
        stream.until_done()


@pytest.mark.anyio
async def test_async_length_raises(server: ScriptedServer, async_client: AsyncOpenAI) -> None:
    server.reply(Reply.sse([sse(text_stream(["{"], finish_reason="length"))]))
    async with async_client.chat.completions.stream(
        model=MODEL, messages=MESSAGES, response_format=Location
    ) as stream:
        with pytest.raises(LengthFinishReasonError):
            await stream.get_final_completion()


# --- errors in the middle of a stream ------------------------------------------------------------

ERROR_PAYLOAD = {"error": {"message": "The server had an error", "type": "server_error"}}
OPENING = sse(text_stream(["Hel"])[:2], done=False)

MID_STREAM_FAILURES = {
    "error event": (
        Reply.sse([OPENING, f"event: error\ndata: {json.dumps(ERROR_PAYLOAD)}\n\n"], end=False),
        APIError,
        "The server had an error",
    ),
    "error payload": (
        Reply.sse([OPENING, f"data: {json.dumps(ERROR_PAYLOAD)}\n\n"], end=False),
        APIError,
        "The server had an error",
    ),
    "invalid JSON": (
        Reply.sse([OPENING, 'data: {"id": "chatcmpl-test", "choi\n\n'], end=False),
        APIResponseValidationError,
        "JSON",
    ),
    "dropped connection": (
        Reply.sse([OPENING, b'data: {"id"'], drop=True),
        APIConnectionError,
        None,
    ),
}


@pytest.mark.parametrize("case", list(MID_STREAM_FAILURES))
def test_mid_stream_failure(server: ScriptedServer, client: OpenAI, case: str) -> None:
    reply, error, message = MID_STREAM_FAILURES[case]
    server.reply(reply)
    seen: list[str] = []
    with client.chat.completions.stream(model=MODEL, messages=MESSAGES) as stream:
        with pytest.raises(error, match=message):
            seen.extend(event.type for event in stream)
        # the events before the failure arrived, and the snapshot holds them
        assert seen == ["chunk", "content.delta", "chunk", "content.delta"]
        assert stream.current_completion_snapshot.choices[0].message.content == "Hel"
    server.wait_for_closed(1)


@pytest.mark.anyio
@pytest.mark.parametrize("case", list(MID_STREAM_FAILURES))
async def test_async_mid_stream_failure(
    server: ScriptedServer, async_client: AsyncOpenAI, case: str
) -> None:
    reply, error, message = MID_STREAM_FAILURES[case]
    server.reply(reply)
    async with async_client.chat.completions.stream(model=MODEL, messages=MESSAGES) as stream:
        with pytest.raises(error, match=message):
            await stream.until_done()
    server.wait_for_closed(1)


# --- the manager's lifecycle ---------------------------------------------------------------------


def test_request_is_sent_on_enter_and_closed_on_early_exit(
    server: ScriptedServer, client: OpenAI
) -> None:
    server.reply(Reply.sse([sse(text_stream(["a", "b", "c"]))], end=False))
    manager = client.chat.completions.stream(model=MODEL, messages=MESSAGES)
    assert server.requests == []  # nothing sent yet
    with manager as stream:
        assert isinstance(stream, ChatCompletionStream)
        server.wait_for_requests(1)
        first = next(iter(stream))
        assert first.type == "chunk"
    server.wait_for_closed(1)  # the response was still open; leaving the block closed it
    # Still usable afterwards: the snapshot of what arrived.
    assert stream.current_completion_snapshot.choices[0].message.content == ""
    # Entered again (a retry), it sends the request again and streams afresh, as the SDK's does.
    server.reply(Reply.sse([sse(text_stream(["x", "y"]))]))
    with manager as again:
        assert again is not stream
        assert again.get_final_completion().choices[0].message.content == "xy"
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_async_manager_lifecycle(server: ScriptedServer, async_client: AsyncOpenAI) -> None:
    server.reply(Reply.sse([sse(text_stream(["a", "b"]))]))
    manager = async_client.chat.completions.stream(model=MODEL, messages=MESSAGES)
    assert server.requests == []
    async with manager as stream:
        types = [event.type async for event in stream]
    assert types.count("content.delta") == 3 and types[-1] == "content.done"
    final = await stream.get_final_completion()  # after the block: already complete
    assert final.choices[0].message.content == "ab"
    assert server.requests[0].json()["stream"] is True


def test_manager_never_entered_sends_nothing(server: ScriptedServer) -> None:
    # Made and dropped: no request, and (async) no "coroutine never awaited" warning, which
    # pytest's filterwarnings=error would turn into a failure.
    client = AsyncOpenAI(api_key="sk-x", base_url=server.url)
    manager = client.chat.completions.stream(model=MODEL, messages=MESSAGES)
    del manager
    assert server.requests == []


def test_snapshot_during_iteration(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(Reply.sse(split_every(sse(text_stream(["one ", "two ", "three"])), 7)))
    contents: list[str | None] = []
    with client.beta.chat.completions.stream(model=MODEL, messages=MESSAGES) as stream:
        for event in stream:
            if event.type == "content.delta":
                contents.append(stream.current_completion_snapshot.choices[0].message.content)
                assert event.snapshot == contents[-1]
    assert contents == ["", "one ", "one two ", "one two three"]


def test_state_can_be_driven_by_hand(server: ScriptedServer, client: OpenAI) -> None:
    # ChatCompletionStreamState over a plain create(stream=True), as the docstring shows.
    server.reply(Reply.sse([sse(text_stream(LOCATION_PIECES))]))
    state = ChatCompletionStreamState(response_format=Location)
    types: list[str] = []
    for item in client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True):
        types.extend(event.type for event in state.handle_chunk(item))
    assert types[-1] == "content.done"
    parsed = state.get_final_completion().choices[0].message.parsed
    assert parsed == Location(city="Paris", temperature=21.5, units="c")


def test_payloads_that_are_not_chunks_are_skipped(server: ScriptedServer, client: OpenAI) -> None:
    # Azure interleaves content-filter results with object "" in the same stream.
    filter_result = {"id": "", "object": "", "created": 0, "model": "", "choices": []}
    items = text_stream(["x"])
    server.reply(Reply.sse([sse([items[0], filter_result, *items[1:]])]))
    with client.chat.completions.stream(model=MODEL, messages=MESSAGES) as stream:
        chunks = [e.chunk for e in stream if e.type == "chunk"]
    assert all(isinstance(c, ChatCompletionChunk) and c.id == "chatcmpl-test" for c in chunks)
    assert len(chunks) == 3


@pytest.mark.anyio
async def test_async_early_exit_closes_the_connection(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    server.reply(Reply.sse([sse(text_stream(["a", "b", "c"]))], end=False))
    async with async_client.chat.completions.stream(model=MODEL, messages=MESSAGES) as stream:
        async for event in stream:
            if event.type == "content.delta":
                break
    server.wait_for_closed(1)
    # closed: what had arrived (the whole body came in one write) still comes, then it ends
    rest = [event.type async for event in stream]
    assert rest[-1] == "content.done" and "content.delta" in rest
    assert [event async for event in stream] == []


def test_close_inside_the_loop_releases_the_connection(
    server: ScriptedServer, client: OpenAI
) -> None:
    # As the official SDK's: the loop goes on over the events of what had already arrived (here
    # the whole body, one write), then ends without reading the closed connection (no error,
    # though the server never ends the body).
    server.reply(Reply.sse([sse(text_stream(["a", "b", "c"]))], end=False))
    seen: list[str] = []
    with client.chat.completions.stream(model=MODEL, messages=MESSAGES) as stream:
        for event in stream:
            seen.append(event.type)
            stream.close()
    server.wait_for_closed(1)
    assert seen[0] == "chunk" and seen[-1] == "content.done"
    assert stream.response.is_closed


def test_stream_without_chunks(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(Reply.sse(["data: [DONE]\n\n"]))
    with client.chat.completions.stream(model=MODEL, messages=MESSAGES) as stream:
        assert list(stream) == []
        with pytest.raises(OpenAIError, match="no chunk"):
            stream.get_final_completion()


def test_failed_request_raises_on_enter(server: ScriptedServer, client: OpenAI) -> None:
    error = {"error": {"message": "Invalid schema", "type": "invalid_request_error"}}
    server.reply(Reply.json(error, status=400))
    manager = client.chat.completions.stream(model=MODEL, messages=MESSAGES)
    with pytest.raises(BadRequestError, match="Invalid schema"), manager:
        pytest.fail("the block must not run")
    assert len(server.requests) == 1


@pytest.mark.anyio
async def test_async_failed_request_raises_on_enter(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    server.reply(Reply.json({"error": {"message": "Nope"}}, status=400))
    with pytest.raises(BadRequestError, match="Nope"):
        async with async_client.chat.completions.stream(model=MODEL, messages=MESSAGES):
            pytest.fail("the block must not run")
