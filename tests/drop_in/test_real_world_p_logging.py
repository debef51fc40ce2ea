"""Real-world sweep P, logging: code written for the official SDK configures the ``openai`` logger
(silences its retry lines, enables its debug lines with a handler of its own, asserts on them in
pytest's ``caplog`` style) and sets ``OPENAI_LOG`` before an application's own
``logging.basicConfig`` — run unchanged against both packages. Both log by
``openai._base_client`` (``spec/config.yml`` ``log_name``); neither shows the API key.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import run_both
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion
from .test_real_world_h_config import captured_logs

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

SECRET = "sk-never-in-a-log-line-42"
RETRY_LINE = re.compile(r"^Retrying request in (\d+\.\d+) seconds \(retry (\d+) of (\d+)\)$")


def answer(request: RecordedRequest) -> Reply:
    return Reply.json(
        chat_completion({"role": "assistant", "content": "ok"}),
        headers={"x-request-id": "req_logged"},
    )


def busy(ms: str = "5") -> Reply:
    return Reply.json(
        {"error": {"message": "busy", "type": "server_error", "code": None}},
        status=503,
        headers={"retry-after-ms": ms},
    )


def ask(client: Any) -> Any:
    return client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )


@contextmanager
def openai_logger(level: int, *, own_handler: bool = False) -> Iterator[list[logging.LogRecord]]:
    """``logging.getLogger("openai").setLevel(level)`` (and, ``own_handler``, a handler of its
    own that does not propagate), undone afterwards; yields the records that handler got."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    sdk_logger = logging.getLogger("openai")
    saved = sdk_logger.level, sdk_logger.propagate
    handler = Keep()
    sdk_logger.setLevel(level)
    if own_handler:
        sdk_logger.addHandler(handler)
        sdk_logger.propagate = False
    try:
        yield records
    finally:
        sdk_logger.removeHandler(handler)
        sdk_logger.setLevel(saved[0])
        sdk_logger.propagate = saved[1]


def sdk_records(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    return [r for r in records if r.name.startswith("openai")]


@program
def retry_lines_silenced_by_the_openai_logger(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A service logs at INFO but finds the SDK's retry lines noisy: it raises the ``openai``
    logger to WARNING, then lowers it again for one call."""
    c = openai.OpenAI(api_key=SECRET, base_url=server.url, max_retries=2)
    with captured_logs(logging.INFO) as records:
        with openai_logger(logging.WARNING):
            server.reply(busy(), Reply.dynamic(answer))
            ask(c)
        silenced = len(sdk_records(records))
        with openai_logger(logging.INFO):
            server.reply(busy(), Reply.dynamic(answer))
            ask(c)
    c.close()
    shown = [(r.name, r.levelname, r.getMessage()) for r in sdk_records(records)]
    return silenced, shown


@program
def debug_lines_on_the_openai_loggers_own_handler(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Troubleshooting: a DEBUG handler on ``openai`` alone (not propagated), a call retried
    once and a 404: which loggers speak, at which levels, what INFO says, that the request id
    is there and the key is not."""
    server.reply(
        busy(),
        Reply.dynamic(answer),
        Reply.json({"error": {"message": "no"}}, status=404, headers={"x-request-id": "req_404"}),
    )
    c = openai.OpenAI(
        api_key=SECRET, base_url=server.url, max_retries=1, default_headers={"api-key": SECRET}
    )
    with (
        captured_logs(logging.WARNING) as at_root,
        openai_logger(logging.DEBUG, own_handler=True) as records,
    ):
        ask(c)
        with suppress(openai.NotFoundError):
            c.models.retrieve("gpt-x")
    c.close()
    text = "\n".join(f"{r.name} {r.levelname} {r.getMessage()}" for r in records)
    return (
        sorted({r.name for r in records}),
        sorted({r.levelname for r in records}),
        [r.getMessage() for r in records if r.levelno == logging.INFO],
        "request_id: req_logged" in text,
        "request_id: req_404" in text,
        SECRET in text,
        len(sdk_records(at_root)),  # nothing propagated
    )


@program
def caplog_style_assertion_on_the_retry(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An app's test: ``caplog.at_level(logging.INFO, logger="openai")`` (the root stays at
    WARNING), then a regex over the retry line."""
    c = openai.OpenAI(api_key=SECRET, base_url=server.url, max_retries=3)
    server.reply(busy("250"), busy("5"), Reply.dynamic(answer))
    with captured_logs(logging.WARNING) as records:
        logging.getLogger().setLevel(logging.WARNING)
        with openai_logger(logging.INFO):
            ask(c)
    c.close()
    matched = [RETRY_LINE.match(r.getMessage()) for r in sdk_records(records)]
    return [(r.name, r.levelname) for r in sdk_records(records)], [
        m.groups() if m else None for m in matched
    ]


@program
def parse_warning_reaches_the_openai_logger(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``parse()`` meeting a custom tool call warns by the SDK's parsing logger; an app that
    routes ``openai`` warnings to its alerting sees it."""
    server.reply(
        Reply.json(
            chat_completion(
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_9",
                            "type": "custom",
                            "custom": {"name": "grep", "input": "x"},
                        }
                    ],
                },
                "tool_calls",
            )
        )
    )
    with openai_logger(logging.WARNING, own_handler=True) as records:
        parsed = client.chat.completions.parse(
            model="gpt-4o",
            messages=[{"role": "user", "content": "x"}],
            tools=[
                {
                    "type": "function",
                    "function": {
                        "name": "f",
                        "strict": True,
                        "parameters": {
                            "type": "object",
                            "properties": {},
                            "required": [],
                            "additionalProperties": False,
                        },
                    },
                }
            ],
        )
    return (
        [(r.name, r.levelname, "call_9" in r.getMessage()) for r in records],
        parsed.choices[0].message.tool_calls,
    )


test_program_observes_the_same = observed_the_same(PROGRAMS)


@async_program
async def async_retry_logged_by_the_openai_logger(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    c = openai.AsyncOpenAI(api_key=SECRET, base_url=server.url, max_retries=1)
    server.reply(busy(), Reply.dynamic(answer))
    with openai_logger(logging.INFO, own_handler=True) as records:
        await ask(c)
    await c.close()
    return [(r.name, r.levelname, bool(RETRY_LINE.match(r.getMessage()))) for r in records]


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)


# --- in a fresh process ---------------------------------------------------------------------------

APP = """
import logging, sys, importlib
sdk = importlib.import_module(sys.argv[1])           # the app's imports first
logging.basicConfig(level=logging.INFO, format="APP %(name)s %(levelname)s %(message)s")
log = logging.getLogger("app")
client = sdk.OpenAI(api_key="{secret}", base_url=sys.argv[2], max_retries=2)
client.chat.completions.create(model="gpt-4o", messages=[{{"role": "user", "content": "hi"}}])
log.info("done")
"""


def app_lines(sdk: ModuleType, server: ScriptedServer, openai_log: str | None) -> list[str]:
    """stderr of an app that configures logging after its imports, run with ``OPENAI_LOG``
    set or not, for one call that was retried once."""
    server.requests.clear()
    server.reply(busy(), Reply.dynamic(answer))
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    if openai_log is not None:
        env["OPENAI_LOG"] = openai_log
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(APP.format(secret=SECRET)),
            sdk.__name__,
            server.url,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [line for line in done.stderr.splitlines() if "httpx" not in line]


@pytest.mark.parametrize("openai_log", [None, "info", "debug"])
def test_openai_log_and_an_apps_basic_config(
    server: ScriptedServer, openai_log: str | None
) -> None:
    """Without ``OPENAI_LOG`` the app's ``basicConfig`` formats the SDK's retry line (the
    ``openai._base_client`` logger propagates); with it, the SDK configured the root on import
    so the app's ``basicConfig`` changes nothing: its own INFO line is gone, the SDK's lines
    are in the SDK's format, each once."""

    def run(sdk: ModuleType) -> Any:
        lines = app_lines(sdk, server, openai_log)
        retry = [line for line in lines if "Retrying request in" in line]
        return (
            [line.split(" ")[:3] if line.startswith("APP") else line[:1] for line in retry],
            any(line.startswith("APP app INFO done") for line in lines),
            any(SECRET in line for line in lines),
            len(server.requests),
        )

    ours, theirs = run_both(run)
    assert ours == theirs
    formatted = [["APP", "openai._base_client", "INFO"]] if openai_log is None else ["["]
    assert ours == (formatted, openai_log is None, False, 2)


def test_the_package_and_its_client_name_the_same_logger() -> None:
    """``typed_openai/__init__.py`` applies OPENAI_LOG on import to the logger the generated
    client logs by (spec/config.yml ``log_name``), named as the official SDK's."""
    config = typed_openai.OpenAI._client_config
    assert (config.log_env, config.log_name) == ("OPENAI_LOG", "openai._base_client")
    assert config.logger is logging.getLogger("openai._base_client")
