"""With debug logging on (``OPENAI_LOG=debug`` and every logger at DEBUG), calls that succeed,
fail, retry, time out and get reset never show the API key or the ``authorization`` header value:
not in any log line, not in ``repr(client)``, not in ``str``/``repr`` of the exceptions, their
requests, headers and responses — even when the server echoes the key back in its error body."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai import APIConnectionError, APIError, APIStatusError, AsyncOpenAI, OpenAI
from typed_openai._core import _logging as logging_module

from .conftest import SECRET, FastAsyncOpenAI, FastOpenAI, reset_before_status

SECRET_HEADER = f"Bearer {SECRET}"
ECHO = {"error": {"message": f"Incorrect API key provided: {SECRET}", "code": "invalid_api_key"}}


@pytest.fixture
def debug_logging(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> Iterator[pytest.LogCaptureFixture]:
    monkeypatch.setattr(logging_module, "_configured_from", set())
    monkeypatch.setenv("OPENAI_LOG", "debug")
    names = ("openai", "openai._base_client", "typed_openai._core", "httpx", "httpcore")
    saved = {
        name: (list(logging.getLogger(name).handlers), logging.getLogger(name).level)
        for name in names
    }
    caplog.set_level(logging.DEBUG)
    for name in names:
        caplog.set_level(logging.DEBUG, logger=name)
    yield caplog
    for name, (handlers, level) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:] = handlers
        logger.setLevel(level)


def _texts_of(error: BaseException) -> list[str]:
    texts = [str(error), repr(error), repr(error.args)]
    if isinstance(error, APIError):
        texts += [repr(error.request), str(error.request.url), repr(error.request.headers)]
        texts += [str(error.message)]
    if isinstance(error, APIStatusError):
        texts += [repr(error.response), repr(error.response.request.headers)]
    return texts


def _assert_clean(texts: list[str]) -> None:
    for text in texts:
        assert SECRET not in text, text
        assert SECRET_HEADER not in text, text


def _script(server: ScriptedServer) -> None:
    completion = {"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": []}
    server.route("POST", "/v1/chat/completions", Reply.json({}, status=500), Reply.json(completion))
    server.route("GET", "/v1/models/bad-key", Reply.json(ECHO, status=401))
    server.route("GET", "/v1/models/reset", reset_before_status())
    server.route("GET", "/v1/models/slow", Reply.hang())


def test_sync_secrets_stay_hidden(
    server: ScriptedServer,
    debug_logging: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _script(server)
    client = FastOpenAI(api_key=SECRET, base_url=server.url + "/v1")
    texts: list[str] = [repr(client), str(client), repr(client.with_options(max_retries=1))]
    client.chat.completions.create(model="m", messages=[])  # a retry, then success
    errors: list[BaseException] = []
    for model in ("bad-key", "reset", "slow"):
        with pytest.raises(APIError) as info:
            client.with_options(timeout=httpx.Timeout(0.2, connect=1.0)).models.retrieve(model)
        errors.append(info.value)
    assert [type(e).__name__ for e in errors] == [
        "AuthenticationError",
        "APIConnectionError",
        "APITimeoutError",
    ]
    for error in errors:
        texts += _texts_of(error)
    assert isinstance(errors[0], APIStatusError) and "<redacted>" in str(errors[0])
    client.close()

    logged = [record.getMessage() for record in debug_logging.records]
    assert any("Retrying" in line for line in logged)  # debug logging really was on
    assert any(server.url in line for line in logged)
    _assert_clean(texts + logged + [capsys.readouterr().err])
    assert all(SECRET in r.headers["authorization"] for r in server.requests)  # it was sent


@pytest.mark.anyio
async def test_async_secrets_stay_hidden(
    server: ScriptedServer, debug_logging: pytest.LogCaptureFixture
) -> None:
    _script(server)
    client = FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1")
    texts: list[str] = [repr(client)]
    await client.chat.completions.create(model="m", messages=[])
    for model in ("bad-key", "reset", "slow"):
        with pytest.raises(APIError) as info:
            await client.with_options(timeout=0.2).models.retrieve(model)
        texts += _texts_of(info.value)
    await client.close()
    _assert_clean(texts + [record.getMessage() for record in debug_logging.records])


@pytest.mark.parametrize("client_class", [OpenAI, AsyncOpenAI])
def test_construction_errors_and_reprs_hide_the_key(client_class: Any) -> None:
    client = client_class(api_key=SECRET, base_url="http://127.0.0.1:9/v1")
    _assert_clean([repr(client), str(client), repr(vars(client).get("_redact"))])
    with pytest.raises(ValueError) as info:
        client_class(api_key=SECRET + "\n", base_url="http://127.0.0.1:9/v1")
    _assert_clean([str(info.value), repr(info.value)])


def test_transport_errors_that_quote_the_key_are_redacted() -> None:
    """A base URL carrying the key (a proxy set up that way) must not leak through messages."""
    with (
        FastOpenAI(api_key=SECRET, base_url=f"ftp://{SECRET}@127.0.0.1:1/v1") as client,
        pytest.raises(APIConnectionError) as info,
    ):
        client.models.retrieve("m")
    _assert_clean([str(info.value)])
