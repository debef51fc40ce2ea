"""One Prism server per test session, shared by every conformance test in this folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from tests.support.prism import running_prism


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    with running_prism() as url:
        yield url


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how much of the API the conformance run covered (the issue asks for the count)."""
    from tests.api_resources.test_conformance import coverage_line

    line = coverage_line(terminalreporter.stats)
    if line:
        terminalreporter.write_line(line)
    # the SDK-name parity counts (the issue asks for them), when those tests ran
    for module in ("test_sdk_tree", "test_sdk_endpoints", "test_param_names"):
        tested = sys.modules.get(f"tests.api_resources.{module}")
        summary = tested.summary_line() if tested is not None else None
        if summary:
            terminalreporter.write_line(summary)
