"""A body labelled JSON that is no JSON (a proxy cutting an answer short, a server's bug), and a
stream event whose data is no JSON: the official SDK raises ``json.JSONDecodeError`` there (its
``json.loads``), with or without ``_strict_response_validation``, and code written for it catches
that. Ours is that and an ``APIResponseValidationError`` (this client's documented error) at once.
A body labelled JSON whose bytes are no UTF-8: the SDK's ``json.loads`` raises
``UnicodeDecodeError``; ours is that and the documented error.

Each test runs the same code against both packages over the loopback server.
"""

from __future__ import annotations

import asyncio
import json
import pickle
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, arun_both, run_both

CUT_SHORT = b'{"id": "gpt-4o", "object": "mo'
PAGE_CUT_SHORT = b'{"object": "list", "data": [{"id": "gpt-4o",'


def caught(call: Callable[[], Any]) -> Any:
    """What code catching ``json.JSONDecodeError`` around ``call`` sees."""
    try:
        call()
    except json.JSONDecodeError as e:
        return (e.msg, e.doc, e.pos, e.lineno, e.colno)
    return "returned"


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "lenient"])
def test_a_malformed_json_body_is_a_json_decode_error(server: ScriptedServer, strict: bool) -> None:
    def observe(sdk: ModuleType) -> Any:
        client = sdk.OpenAI(
            api_key=API_KEY,
            base_url=server.url,
            max_retries=0,
            _strict_response_validation=strict,
        )
        with client:
            return _calls(client)

    def _calls(client: Any) -> Any:
        seen = []
        for body, call in (
            (CUT_SHORT, lambda: client.models.retrieve("gpt-4o")),
            (CUT_SHORT, lambda: client.models.with_raw_response.retrieve("gpt-4o").parse()),
            (CUT_SHORT, lambda: client.get("/anything", cast_to=object)),
            (PAGE_CUT_SHORT, lambda: client.models.list()),
            (b"", lambda: client.models.retrieve("gpt-4o")),
            (b'{"id": "gpt-4o"} trailing', lambda: client.models.retrieve("gpt-4o")),
        ):
            server.reply(Reply.raw(body, content_type="application/json"))
            seen.append(caught(call))
        return seen

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[0] == ("Unterminated string starting at", CUT_SHORT.decode(), 27, 1, 28)


def test_a_stream_event_that_is_no_json(server: ScriptedServer) -> None:
    events = ["data: {not json\n\n"]

    def observe(sdk: ModuleType) -> Any:
        with sdk.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            return _calls(client)

    def _calls(client: Any) -> Any:
        server.reply(Reply.sse(events), Reply.sse(["event: response.created\n" + events[0]]))
        messages = [{"role": "user", "content": "hi"}]

        def helper_stream() -> None:
            with client.responses.stream(model="gpt-4o", input="hi") as stream:
                list(stream)

        return (
            caught(
                lambda: list(
                    client.chat.completions.create(model="m", messages=messages, stream=True)
                )
            ),
            caught(helper_stream),
        )

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[0] == (
        "Expecting property name enclosed in double quotes",
        "{not json",
        1,
        1,
        2,
    )


def test_the_async_client_too(server: ScriptedServer) -> None:
    async def observe(sdk: ModuleType) -> Any:
        async with sdk.AsyncOpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            server.reply(Reply.raw(CUT_SHORT, content_type="application/json"))
            try:
                await client.models.retrieve("gpt-4o")
            except json.JSONDecodeError as e:
                return (e.msg, e.pos)
        return "returned"

    ours, theirs = asyncio.run(arun_both(observe))
    assert ours == theirs == ("Unterminated string starting at", 27)


def test_ours_is_the_documented_error_and_pickles_as_the_sdks(server: ScriptedServer) -> None:
    import typed_openai

    server.reply(Reply.raw(CUT_SHORT, content_type="application/json"))
    with (
        typed_openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client,
        pytest.raises(typed_openai.APIResponseValidationError) as info,
    ):
        client.models.retrieve("gpt-4o")
    error = info.value
    assert isinstance(error, json.JSONDecodeError)
    assert error.status_code == 200
    assert error.body == CUT_SHORT.decode()
    assert str(error) == (
        "Could not decode the response body as JSON (Unterminated string starting at: line 1 "
        "column 28 (char 27)); status 200, content-type 'application/json'"
    )
    # a task queue pickles it: it comes back as the SDK's error would (the response stays behind)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is json.JSONDecodeError
    assert (back.msg, back.doc, back.pos) == (error.msg, error.doc, error.pos)


NOT_UTF8 = b'{"id": "m\xff"}'


def unicode_caught(call: Callable[[], Any]) -> Any:
    """What code catching ``UnicodeDecodeError`` around ``call`` sees."""
    try:
        call()
    except UnicodeDecodeError as e:
        return (e.encoding, e.object, e.start, e.end, e.reason)
    return "returned"


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "lenient"])
def test_a_json_body_that_is_no_utf8_is_a_unicode_decode_error(
    server: ScriptedServer, strict: bool
) -> None:
    """Bytes that are no UTF-8 under a JSON content-type: the SDK's ``json.loads`` decodes them
    first and raises ``UnicodeDecodeError``; ours is that and the documented error at once."""

    def observe(sdk: ModuleType) -> Any:
        with sdk.OpenAI(
            api_key=API_KEY, base_url=server.url, max_retries=0, _strict_response_validation=strict
        ) as client:
            seen = []
            for call in (
                lambda: client.models.retrieve("gpt-4o"),
                lambda: client.models.with_raw_response.retrieve("gpt-4o").parse(),
                lambda: client.get("/anything", cast_to=object),
                lambda: client.models.list(),
            ):
                server.reply(Reply.raw(NOT_UTF8, content_type="application/json"))
                seen.append(unicode_caught(call))
            return seen

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[0] == ("utf-8", NOT_UTF8, 9, 10, "invalid start byte")


def test_the_unicode_error_is_the_documented_error_and_pickles_as_the_sdks(
    server: ScriptedServer,
) -> None:
    import typed_openai

    server.reply(Reply.raw(NOT_UTF8, content_type="application/json"))
    with (
        typed_openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client,
        pytest.raises(typed_openai.APIResponseValidationError) as info,
    ):
        client.models.retrieve("gpt-4o")
    error = info.value
    assert isinstance(error, UnicodeDecodeError)
    assert not isinstance(error, json.JSONDecodeError)
    assert error.status_code == 200
    assert str(error) == (
        "Could not decode the response body as JSON ('utf-8' codec can't decode byte 0xff in "
        "position 9: invalid start byte); status 200, content-type 'application/json'"
    )
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is UnicodeDecodeError
    assert str(back) == "'utf-8' codec can't decode byte 0xff in position 9: invalid start byte"
