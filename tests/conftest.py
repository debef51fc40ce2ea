"""Shared fixtures: the scriptable loopback server and the anyio backend (asyncio only); Prism
started early for a run of the conformance folder; the figures the issue asks for at the end of
a run."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.server import ScriptedServer


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    """A fresh ``ScriptedServer`` on 127.0.0.1 (see ``tests/support/server.py`` for the API)."""
    with ScriptedServer() as scripted:
        yield scripted


# --- Prism, started early -----------------------------------------------------------------------
# Prism takes about a minute to load the spec. A run that includes tests/api_resources (the whole
# suite, the folder) starts it when the session begins, so it loads while the tests are collected
# (by every xdist worker); the `prism_url` fixture (tests/api_resources/conftest.py) then only
# waits for it. A run of single files starts it when a test first needs it, as before.
CONFORMANCE_FOLDER = Path(__file__).resolve().parent / "api_resources"
_EARLY_PRISM: list[Any] = []


def _runs_the_conformance_folder(config: pytest.Config) -> bool:
    for arg in config.args:
        path = (config.invocation_params.dir / arg.split("::")[0]).resolve()
        if path == CONFORMANCE_FOLDER or path in CONFORMANCE_FOLDER.parents:
            return True
    return False


def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    in_a_worker = hasattr(config, "workerinput")  # the controller started it (inherited env)
    if in_a_worker or config.option.collectonly or not _runs_the_conformance_folder(config):
        return
    from tests.support.prism import EARLY_PRISM_LOG, EARLY_PRISM_URL, PrismServer, PrismUnavailable

    try:
        server = PrismServer()
    except PrismUnavailable:
        return  # the fixture tries again and reports it on the tests that need Prism
    _EARLY_PRISM.append(server)
    os.environ[EARLY_PRISM_URL] = server.url  # before xdist starts its workers (trylast)
    os.environ[EARLY_PRISM_LOG] = str(server.log_path)


def pytest_unconfigure(config: pytest.Config) -> None:
    while _EARLY_PRISM:
        from tests.support.prism import EARLY_PRISM_LOG, EARLY_PRISM_URL

        os.environ.pop(EARLY_PRISM_URL, None)
        os.environ.pop(EARLY_PRISM_LOG, None)
        _EARLY_PRISM.pop().stop()


# --- summary lines ----------------------------------------------------------------------------
# Test modules whose `summary_line()` reports counts the issue asks for (when they ran). Under
# pytest-xdist the modules run in worker processes: each worker sends its lines back through
# `workeroutput`, and the controller prints them with its own.
SUMMARY_MODULES = (
    "tests.api_resources.test_sdk_tree",
    "tests.api_resources.test_sdk_endpoints",
    "tests.api_resources.test_param_names",
)
_RELAYED: list[str] = []


def _module_summaries() -> list[str]:
    lines: list[str] = []
    for name in SUMMARY_MODULES:
        module = sys.modules.get(name)
        line = module.summary_line() if module is not None else None
        if line:
            lines.append(line)
    return lines


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput: dict[str, Any] | None = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["summary_lines"] = _module_summaries()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    _RELAYED.extend(getattr(node, "workeroutput", {}).get("summary_lines", []))


def _conformance_line(stats: dict[str, list[Any]]) -> list[str]:
    """Prism conformance coverage, when the conformance tests ran (their reports reach the
    controller under xdist too)."""
    conformance = "tests/api_resources/test_conformance.py::"
    if not any(
        getattr(report, "nodeid", "").startswith(conformance)
        for reports in stats.values()
        for report in reports
    ):
        return []
    from tests.api_resources.test_conformance import coverage_line

    line = coverage_line(stats)
    return [line] if line else []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how much of the API the conformance run covered, and the SDK-name parity counts (the
    issue asks for them), when those tests ran."""
    lines = _conformance_line(terminalreporter.stats) + _module_summaries() + _RELAYED
    for line in dict.fromkeys(lines):  # two workers that ran one module report it twice
        terminalreporter.write_line(line)
