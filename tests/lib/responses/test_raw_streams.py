"""``responses.create(stream=True)`` and ``responses.retrieve(stream=True)`` (the generated calls,
without the helpers' state): ``error`` events and error objects mid-stream as the official SDK (an
oracle only) has them, and resuming after event N without handing out replayed events again."""

from __future__ import annotations

from typing import Any

import openai
import pytest

from tests.lib.responses.sequences import MODEL, SEQUENCES
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

API_KEY = "sk-test-not-a-secret"
RESPONSE_ID = "resp_68b0f0e1a2b3c4d5"


def _error_stream(error: bytes | None) -> bytes:
    """`error_then_failed` (an ``event: error`` carrying a Responses ``error`` event, then
    ``response.failed``), with ``"error": <error>`` added to that event's payload if given."""
    body, _ = SEQUENCES["error_then_failed"]()
    if error is not None:
        body = body.replace(b'"type": "error",', b'"type": "error", "error": ' + error + b",")
    return body


ERROR_STREAMS = {
    "error event": _error_stream(None),
    "error event without event line": _error_stream(None).replace(b"event: error\n", b""),
    "error object": _error_stream(b'{"message": "overloaded", "type": "server_error"}'),
    "error string": _error_stream(b'"overloaded"'),
    "empty error object": _error_stream(b"{}"),
}


def _describe(event: Any) -> tuple[str, str, Any]:
    data = event.model_dump(mode="json", by_alias=True, exclude_none=True, warnings=False)
    return type(event).__name__, event.type, data.get("sequence_number")


def _outcome(client: Any) -> tuple[list[Any], Any]:
    events: list[Any] = []
    try:
        for event in client.responses.create(model=MODEL, input="x", stream=True):
            events.append(_describe(event))
    except Exception as error:  # compared with the oracle's
        return events, (type(error).__name__, str(error), getattr(error, "body", None))
    return events, None


@pytest.mark.parametrize("name", ERROR_STREAMS)
def test_create_stream_errors_as_the_oracle(server: ScriptedServer, name: str) -> None:
    body = ERROR_STREAMS[name]
    server.reply(Reply.sse([body]), Reply.sse([body]))
    with OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as ours:
        mine = _outcome(ours)
    with openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as theirs:
        reference = _outcome(theirs)
    assert mine == reference
    if name.startswith("error event"):  # yielded, then the stream goes on to response.failed
        assert mine[1] is None
        assert [kind for _, kind, _ in mine[0][-2:]] == ["error", "response.failed"]
        assert mine[0][-2][0] == "ResponseErrorEvent"
    elif name != "empty error object":
        assert mine[1] is not None and mine[1][0] == "APIError"


def _helper_outcome(client: Any) -> tuple[list[Any], Any]:
    events: list[Any] = []
    try:
        with client.responses.stream(model=MODEL, input="x") as stream:
            for event in stream:
                events.append(_describe(event))
    except Exception as error:
        return events, (type(error).__name__, str(error), getattr(error, "body", None))
    return events, None


@pytest.mark.parametrize("name", ERROR_STREAMS)
def test_stream_helper_errors_as_the_oracle(server: ScriptedServer, name: str) -> None:
    body = ERROR_STREAMS[name]
    server.reply(Reply.sse([body]), Reply.sse([body]))
    with OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as ours:
        mine = _helper_outcome(ours)
    with openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as theirs:
        reference = _helper_outcome(theirs)
    assert mine == reference
    assert len(mine[0]) >= 3


@pytest.mark.anyio
async def test_async_create_stream_yields_the_error_event(server: ScriptedServer) -> None:
    server.reply(Reply.sse([ERROR_STREAMS["error event"]]))
    async with AsyncOpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as ours:
        stream = await ours.responses.create(model=MODEL, input="x", stream=True)
        kinds = [event.type async for event in stream]
    assert kinds[-2:] == ["error", "response.failed"]


# --- resuming with retrieve(stream=True, starting_after=N) ----------------------------------------


def _replay() -> bytes:
    body, _ = SEQUENCES["reasoning_then_text"]()
    return body  # a server that ignores starting_after replays every event


def test_retrieve_hands_out_what_the_server_sends_as_the_official_sdk(
    server: ScriptedServer,
) -> None:
    # `starting_after` is the server's business: neither SDK drops the events a server replays
    server.reply(Reply.sse([_replay()]), Reply.sse([_replay()]))
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours:
        resumed = ours.responses.retrieve(RESPONSE_ID, stream=True, starting_after=9)
        numbers = [event.sequence_number for event in resumed]
    with openai.OpenAI(api_key=API_KEY, base_url=server.url) as theirs:
        everything = theirs.responses.retrieve(RESPONSE_ID, stream=True, starting_after=9)
        all_numbers = [event.sequence_number for event in everything]
    assert numbers == all_numbers and min(numbers) == 0
    ours_request, oracle_request = server.requests
    assert ours_request.query_dict == oracle_request.query_dict
    assert ours_request.query_dict == {"stream": "true", "starting_after": "9"}


def test_raw_response_retrieve_hands_out_every_event(server: ScriptedServer) -> None:
    server.reply(Reply.sse([_replay()]))
    with OpenAI(api_key=API_KEY, base_url=server.url) as ours:
        raw = ours.responses.with_raw_response.retrieve(RESPONSE_ID, stream=True, starting_after=3)
        numbers = [event.sequence_number for event in raw.parse()]
    assert numbers[0] == 0


@pytest.mark.anyio
async def test_async_retrieve_hands_out_every_event(server: ScriptedServer) -> None:
    server.reply(Reply.sse([_replay()]))
    async with AsyncOpenAI(api_key=API_KEY, base_url=server.url) as ours:
        resumed = await ours.responses.retrieve(RESPONSE_ID, stream=True, starting_after=9)
        numbers = [event.sequence_number async for event in resumed]
    assert numbers[0] == 0 and numbers == sorted(numbers)
