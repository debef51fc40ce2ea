"""Raw access to `chat.completions.parse()`: ``with_raw_response`` / ``with_streaming_response``.

The raw response carries the HTTP details, and its ``.parse()`` returns what `parse()` returns
(a `ParsedChatCompletion` with the model instance), raising the finish-reason errors there, as
the official SDK (oracle) does for the same reply.
"""

from __future__ import annotations

from typing import Any

import openai
import pytest

from tests.lib.chat._support import API_KEY, MODEL, Location, MathResponse
from tests.lib.chat.test_parse import MATH_CONTENT, MATH_MESSAGES, completion, math_reply
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai._core import RawAPIResponse
from typed_openai.lib._parsing._errors import LengthFinishReasonError
from typed_openai.lib._parsing._types import ParsedChatCompletion


def headed_math_reply() -> Reply:
    reply = completion({"role": "assistant", "content": MATH_CONTENT, "refusal": None})
    return Reply.json(reply, headers={"x-request-id": "req_raw_parse", "x-extra": "yes"})


def length_reply() -> Reply:
    message = {"role": "assistant", "content": '{"city": "Par', "refusal": None}
    return Reply.json(completion(message, finish_reason="length"))


def assert_parsed_math(result: object) -> None:
    assert isinstance(result, ParsedChatCompletion)
    parsed: Any = result.choices[0].message.parsed
    assert isinstance(parsed, MathResponse)
    assert parsed.final_answer == "x = -29/8"


def test_raw_response_parses_into_the_model(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(headed_math_reply())
    raw = client.chat.completions.with_raw_response.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format=MathResponse
    )
    assert isinstance(raw, RawAPIResponse)
    assert raw.status_code == 200
    assert raw.headers["x-extra"] == "yes"
    assert raw.request_id == "req_raw_parse"
    result = raw.parse()
    assert_parsed_math(result)
    assert raw.parse() is result  # parsed once
    # The request is the one `parse()` sends: the model class became a strict JSON schema.
    format_sent = server.requests[0].json()["response_format"]
    assert format_sent["json_schema"]["name"] == "MathResponse"
    assert format_sent["json_schema"]["strict"] is True


def test_beta_path_and_plain_parse_to(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(math_reply())
    raw = client.beta.chat.completions.with_raw_response.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format=MathResponse
    )
    assert_parsed_math(raw.parse())
    # An explicit target type is the body as that type, with no helper step applied.
    assert raw.parse(to=dict)["id"] == "chatcmpl-parse"


def test_finish_reason_error_raised_on_parse(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(length_reply(), length_reply())
    raw = client.chat.completions.with_raw_response.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format=Location
    )
    assert raw.status_code == 200  # the call itself succeeded; the error belongs to parsing
    with pytest.raises(LengthFinishReasonError):
        raw.parse()

    with openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as official:
        official_raw = official.chat.completions.with_raw_response.parse(
            model=MODEL, messages=MATH_MESSAGES, response_format=Location
        )
        with pytest.raises(openai.LengthFinishReasonError):
            official_raw.parse()


def test_plain_create_raw_response_is_unchanged(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(math_reply())
    raw = client.chat.completions.with_raw_response.create(model=MODEL, messages=MATH_MESSAGES)
    result = raw.parse()
    assert not isinstance(result, ParsedChatCompletion)
    assert result.choices[0].message.content == MATH_CONTENT


def test_streaming_response_parses_into_the_model(server: ScriptedServer, client: OpenAI) -> None:
    server.reply(headed_math_reply())
    with client.chat.completions.with_streaming_response.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format=MathResponse
    ) as response:
        assert response.request_id == "req_raw_parse"
        assert not response.is_closed  # the body is read by parse(), not up front
        assert_parsed_math(response.parse())
    assert response.is_closed


@pytest.mark.anyio
async def test_async_raw_response(server: ScriptedServer, async_client: AsyncOpenAI) -> None:
    server.reply(headed_math_reply(), length_reply())
    raw = await async_client.beta.chat.completions.with_raw_response.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format=MathResponse
    )
    assert isinstance(raw, RawAPIResponse)
    assert raw.headers["x-extra"] == "yes" and raw.request_id == "req_raw_parse"
    parsed = raw.parse()  # synchronous, as in the official SDK: the body is already read
    assert_parsed_math(parsed)
    assert parsed._request_id == "req_raw_parse"

    failing = await async_client.chat.completions.with_raw_response.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format=Location
    )
    with pytest.raises(LengthFinishReasonError):
        failing.parse()


@pytest.mark.anyio
async def test_async_streaming_response(server: ScriptedServer, async_client: AsyncOpenAI) -> None:
    server.reply(headed_math_reply())
    async with async_client.chat.completions.with_streaming_response.parse(
        model=MODEL, messages=MATH_MESSAGES, response_format=MathResponse
    ) as response:
        assert response.status_code == 200 and response.request_id == "req_raw_parse"
        assert_parsed_math(await response.parse())
    assert response.is_closed
