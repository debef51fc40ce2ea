"""One Prism server per test session, shared by every conformance test in this folder."""

from __future__ import annotations

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
