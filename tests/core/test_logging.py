"""Logging switched on by the env var the generated layer names; secrets never shown."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import APIConnectionError
from typed_openai._core import _logging as logging_module
from typed_openai._core._logging import redact_headers

from .conftest import SECRET, AsyncExampleClient, ExampleClient

CORE_LOGGER = logging.getLogger("typed_openai._core")
# the variable sets the level of the top logger of the client's logger hierarchy
PACKAGE_LOGGER = logging.getLogger("typed_openai")
NAMES = ("typed_openai", "typed_openai._core", "acme", "acme.client", "httpx", "")


@pytest.fixture
def fresh_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Undo whatever a test's client configured on the loggers (the root's handlers too)."""
    monkeypatch.setattr(logging_module, "_configured_from", set())
    handlers = {name: list(logging.getLogger(name).handlers) for name in NAMES}
    levels = {name: logging.getLogger(name).level for name in NAMES}
    yield
    for name, saved in handlers.items():
        logger = logging.getLogger(name)
        logger.handlers[:] = saved
        logger.setLevel(levels[name])


@pytest.mark.usefixtures("fresh_logging")
def test_env_var_switches_logging_on(monkeypatch: pytest.MonkeyPatch) -> None:
    ExampleClient(api_key="k").close()
    assert PACKAGE_LOGGER.level == logging.NOTSET
    monkeypatch.setenv("EXAMPLE_LOG", "debug")
    ExampleClient(api_key="k").close()
    assert PACKAGE_LOGGER.level == logging.DEBUG
    assert CORE_LOGGER.getEffectiveLevel() == logging.DEBUG
    # no handler of its own: lines reach the application's handlers once (the root's, which
    # `logging.basicConfig` gives a stderr handler when the application configured none)
    assert not PACKAGE_LOGGER.handlers and not CORE_LOGGER.handlers
    root_handlers = list(logging.getLogger().handlers)
    ExampleClient(api_key="k").close()
    assert logging.getLogger().handlers == root_handlers  # configured once


@pytest.mark.usefixtures("fresh_logging")
def test_info_level(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXAMPLE_LOG", "INFO")
    ExampleClient(api_key="k").close()
    assert PACKAGE_LOGGER.level == logging.INFO


@pytest.mark.usefixtures("fresh_logging")
@pytest.mark.parametrize(
    ("value", "level"),
    [("warning", logging.WARNING), ("error", logging.ERROR), ("critical", logging.CRITICAL)],
)
def test_the_official_sdks_other_levels(
    monkeypatch: pytest.MonkeyPatch, value: str, level: int
) -> None:
    """``OPENAI_LOG`` takes these too in the official SDK: the level is set, so request lines
    (info) stay quiet."""
    monkeypatch.setenv("EXAMPLE_LOG", value)
    ExampleClient(api_key="k").close()
    assert PACKAGE_LOGGER.level == level


@pytest.mark.usefixtures("fresh_logging")
def test_unknown_value_configures_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXAMPLE_LOG", "verbose")
    root_handlers = list(logging.getLogger().handlers)
    ExampleClient(api_key="k").close()
    assert PACKAGE_LOGGER.level == logging.NOTSET
    assert logging.getLogger().handlers == root_handlers


class NamedLoggerClient(ExampleClient):
    """A generated client that names its logger (``log_name``), as the OpenAI client does."""

    _client_config = ExampleClient._client_config.replace(log_name="acme.client")


@pytest.mark.usefixtures("fresh_logging")
def test_a_client_logs_by_the_logger_its_config_names(
    monkeypatch: pytest.MonkeyPatch, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Records come from ``log_name``'s logger; the variable sets its top logger's level, so
    configuring ``acme`` (as code written for the official SDK configures ``openai``) decides
    what is logged."""
    assert NamedLoggerClient._client_config.logger is logging.getLogger("acme.client")
    monkeypatch.setenv("EXAMPLE_LOG", "info")
    server.reply(Reply.json({}, status=503), Reply.json({"id": "x"}))
    with NamedLoggerClient(api_key=SECRET, base_url=server.url) as client:
        assert logging.getLogger("acme").level == logging.INFO
        client.post("/x", cast_to=object, body={})
        logging.getLogger("acme").setLevel(logging.WARNING)  # the application silences it
        server.reply(Reply.json({}, status=503), Reply.json({"id": "y"}))
        client.post("/x", cast_to=object, body={})
    records = [(r.name, r.levelname, r.getMessage()[:16]) for r in caplog.records]
    assert records == [("acme.client", "INFO", "Retrying request")]


@pytest.mark.usefixtures("fresh_logging")
def test_debug_logs_never_contain_the_key(
    monkeypatch: pytest.MonkeyPatch, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("EXAMPLE_LOG", "debug")
    caplog.set_level(logging.DEBUG)
    server.reply(Reply.json({}, status=500), Reply.json({"id": "x"}))
    with ExampleClient(api_key=SECRET, base_url=server.url) as client:
        client.post("/x", cast_to=object, body={"a": 1}, headers={"Api-Key": SECRET})
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "Request options" in text and "Retrying" in text and "HTTP Response" in text
    assert SECRET not in text
    assert "<redacted>" in text


def test_repr_hides_the_key() -> None:
    client = ExampleClient(api_key=SECRET)
    assert SECRET not in repr(client) and SECRET not in str(client)
    assert "<redacted>" in repr(client)
    client.close()


def test_transport_error_messages_hide_the_key() -> None:
    import httpx

    from typed_openai._core._errors import translate_transport_error

    request = httpx.Request("GET", "http://127.0.0.1/x")
    error = translate_transport_error(httpx.ConnectError(f"proxy refused key={SECRET}"), request)
    assert isinstance(error, APIConnectionError)
    # the official SDK's fixed message: the transport's text (which may quote anything) stays in
    # the exception it is raised from
    assert str(error) == error.message == "Connection error."


@pytest.mark.anyio
async def test_async_repr_hides_the_key() -> None:
    client = AsyncExampleClient(api_key=SECRET)
    assert SECRET not in repr(client)
    await client.close()


def test_redact_headers() -> None:
    headers = {"Authorization": "Bearer x", "X-Api-Token": "t", "Cookie": "c", "Accept": "a"}
    assert redact_headers(headers, frozenset({"x-api-token"})) == {
        "Authorization": "<redacted>",
        "X-Api-Token": "<redacted>",
        "Cookie": "<redacted>",
        "Accept": "a",
    }
