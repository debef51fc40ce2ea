"""Error statuses through the public client: how many attempts, how long between them, what the
server can say about it (``retry-after``, ``retry-after-ms``, ``x-should-retry``), and what is
raised once the retries are spent. Sync and async."""

from __future__ import annotations

import itertools

import pytest

from tests.support.server import RecordedRequest, Reply, ScriptedServer
from typed_openai import (
    APIStatusError,
    AsyncOpenAI,
    BadRequestError,
    ConflictError,
    InternalServerError,
    OpenAI,
    RateLimitError,
)

from .conftest import SECRET, FastAsyncOpenAI, FastOpenAI

MESSAGES = [{"role": "user", "content": "hi"}]
COMPLETION = {
    "id": "chatcmpl-ok",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "hello", "refusal": None},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
}


def _failure(status: int, n: int = 0, **headers: str) -> Reply:
    body = {"error": {"message": f"failure {n}", "type": "server_error", "code": f"c{n}"}}
    return Reply.json(body, status=status, headers={"x-request-id": f"req_{n}", **headers})


def _same_call(requests: list[RecordedRequest]) -> None:
    """Every attempt is the same call: same body, same idempotency key (if one is sent at all),
    counted retries."""
    count_header = (OpenAI._client_config.retry_count_header or "").lower()
    assert [r.headers[count_header] for r in requests] == [str(n) for n in range(len(requests))]
    assert len({r.headers.get("idempotency-key") for r in requests}) == 1
    assert len({r.body for r in requests}) == 1


SEQUENCES = [[429], [500, 502], [503, 504], [429, 500, 502, 503, 504], [408, 409]]


@pytest.mark.parametrize("statuses", SEQUENCES, ids=lambda s: "-".join(map(str, s)))
def test_retryable_statuses_then_success(server: ScriptedServer, statuses: list[int]) -> None:
    server.reply(*[_failure(s, n) for n, s in enumerate(statuses)], Reply.json(COMPLETION))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", max_retries=5) as client:
        completion = client.chat.completions.create(model="m", messages=MESSAGES)  # type: ignore[arg-type]
    assert completion.id == "chatcmpl-ok"
    assert completion.choices[0].message.content == "hello"
    assert len(server.requests) == len(statuses) + 1
    _same_call(server.requests)


@pytest.mark.anyio
@pytest.mark.parametrize("statuses", SEQUENCES, ids=lambda s: "-".join(map(str, s)))
async def test_async_retryable_statuses_then_success(
    server: ScriptedServer, statuses: list[int]
) -> None:
    server.reply(*[_failure(s, n) for n, s in enumerate(statuses)], Reply.json(COMPLETION))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1", max_retries=5) as c:
        completion = await c.chat.completions.create(model="m", messages=MESSAGES)  # type: ignore[arg-type]
    assert completion.id == "chatcmpl-ok"
    assert len(server.requests) == len(statuses) + 1
    _same_call(server.requests)


LAST_ERROR = [
    (429, RateLimitError),
    (500, InternalServerError),
    (502, InternalServerError),
    (503, InternalServerError),
    (504, InternalServerError),
    (409, ConflictError),
    (408, APIStatusError),
]


def _check_last_error(error: APIStatusError, status: int, attempts: int) -> None:
    assert error.status_code == status
    assert error.response.status_code == status
    # The error describes the *last* attempt, not the first.
    assert error.response.headers["x-request-id"] == f"req_{attempts - 1}"
    assert error.request_id == f"req_{attempts - 1}"
    assert error.code == f"c{attempts - 1}"
    assert f"failure {attempts - 1}" in str(error)
    assert str(status) in str(error)


@pytest.mark.parametrize(("status", "error_class"), LAST_ERROR)
def test_after_max_retries_the_error_carries_the_last_response(
    server: ScriptedServer, status: int, error_class: type[APIStatusError]
) -> None:
    server.reply(*[_failure(status, n) for n in range(4)])
    with (
        FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", max_retries=3) as client,
        pytest.raises(error_class) as info,
    ):
        client.chat.completions.create(model="m", messages=MESSAGES)  # type: ignore[arg-type]
    assert type(info.value) is error_class
    assert len(server.requests) == 4
    _check_last_error(info.value, status, 4)
    _same_call(server.requests)


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "error_class"), LAST_ERROR)
async def test_async_after_max_retries_the_error_carries_the_last_response(
    server: ScriptedServer, status: int, error_class: type[APIStatusError]
) -> None:
    server.reply(*[_failure(status, n) for n in range(3)])
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with pytest.raises(error_class) as info:
            await client.chat.completions.create(model="m", messages=MESSAGES)  # type: ignore[arg-type]
    assert type(info.value) is error_class
    assert len(server.requests) == 3  # the default: two retries
    _check_last_error(info.value, status, 3)


def test_should_retry_header_overrides_the_status(server: ScriptedServer) -> None:
    server.reply(_failure(503, 0, **{"x-should-retry": "false"}))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", max_retries=5) as client:
        with pytest.raises(InternalServerError):
            client.models.retrieve("m")
        assert len(server.requests) == 1
        server.reply(
            _failure(400, 1, **{"x-should-retry": "true"}),
            _failure(400, 2),
        )
        with pytest.raises(BadRequestError) as info:
            client.models.retrieve("m")
    assert len(server.requests) == 3  # the 400 that asked for a retry got one; the next did not
    assert info.value.request_id == "req_2"


@pytest.mark.anyio
async def test_async_should_retry_false_stops(server: ScriptedServer) -> None:
    server.reply(_failure(429, 0, **{"x-should-retry": "false"}))
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with pytest.raises(RateLimitError):
            await client.models.retrieve("m")
    assert len(server.requests) == 1


# --- delays -------------------------------------------------------------------------------------

TOLERANCE = 0.15  # scheduling slack on a loaded 2-core machine (upper bounds only)


class BackoffOpenAI(OpenAI):
    _client_config = OpenAI._client_config.replace(initial_retry_delay=0.04, max_retry_delay=0.1)


class SlowBackoffOpenAI(OpenAI):
    """Backoff so long that a gap shorter than it proves the server's hint was used."""

    _client_config = OpenAI._client_config.replace(initial_retry_delay=5.0, max_retry_delay=5.0)


class SlowBackoffAsyncOpenAI(AsyncOpenAI):
    _client_config = AsyncOpenAI._client_config.replace(
        initial_retry_delay=5.0, max_retry_delay=5.0
    )


def _gaps(requests: list[RecordedRequest]) -> list[float]:
    return [b.received_at - a.received_at for a, b in itertools.pairwise(requests)]


def test_backoff_delays_stay_within_their_computed_bounds(server: ScriptedServer) -> None:
    server.reply(*[_failure(500, n) for n in range(4)], Reply.json({"id": "m", "object": "model"}))
    with BackoffOpenAI(api_key=SECRET, base_url=server.url + "/v1", max_retries=4) as client:
        client.models.retrieve("m")
    gaps = _gaps(server.requests)
    assert len(gaps) == 4
    for retry, gap in enumerate(gaps):
        backoff = min(0.04 * 2**retry, 0.1)  # doubling from 40 ms, capped at 100 ms
        assert 0.75 * backoff <= gap <= backoff + TOLERANCE, (retry, gap)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [({"retry-after-ms": "300"}, 0.3), ({"retry-after": "1"}, 1.0)],
    ids=["retry-after-ms", "retry-after"],
)
def test_server_retry_hints_replace_the_backoff(
    server: ScriptedServer, headers: dict[str, str], expected: float
) -> None:
    server.reply(_failure(429, 0, **headers), Reply.json({"id": "m", "object": "model"}))
    with SlowBackoffOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        assert client.models.retrieve("m").id == "m"
    (gap,) = _gaps(server.requests)
    assert expected <= gap <= expected + TOLERANCE + 0.2  # not the 3.75-5 s backoff


@pytest.mark.anyio
async def test_async_retry_after_ms_replaces_the_backoff(server: ScriptedServer) -> None:
    server.reply(
        _failure(503, 0, **{"retry-after-ms": "200"}), Reply.json({"id": "m", "object": "model"})
    )
    async with SlowBackoffAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        assert (await client.models.retrieve("m")).id == "m"
    (gap,) = _gaps(server.requests)
    assert 0.2 <= gap <= 0.2 + TOLERANCE + 0.2


class BackoffAsyncOpenAI(AsyncOpenAI):
    _client_config = AsyncOpenAI._client_config.replace(
        initial_retry_delay=0.04, max_retry_delay=0.1
    )


@pytest.mark.anyio
async def test_async_backoff_delays_stay_within_their_computed_bounds(
    server: ScriptedServer,
) -> None:
    server.reply(*[_failure(502, n) for n in range(3)], Reply.json({"id": "m", "object": "model"}))
    async with BackoffAsyncOpenAI(
        api_key=SECRET, base_url=server.url + "/v1", max_retries=3
    ) as client:
        await client.models.retrieve("m")
    gaps = _gaps(server.requests)
    assert len(gaps) == 3
    for retry, gap in enumerate(gaps):
        backoff = min(0.04 * 2**retry, 0.1)
        assert 0.75 * backoff <= gap <= backoff + TOLERANCE, (retry, gap)
