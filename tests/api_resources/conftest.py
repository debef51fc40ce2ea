"""One Prism server per test session, shared by every conformance test in this folder (and by\nevery xdist worker, when the session started it early: tests/conftest.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.prism import EARLY_PRISM_LOG, EARLY_PRISM_URL, running_prism, wait_for_prism


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    early = os.environ.get(EARLY_PRISM_URL)
    if early:  # started when the session began (tests/conftest.py), shared by the xdist workers
        wait_for_prism(early, Path(os.environ[EARLY_PRISM_LOG]))
        yield early
        return
    with running_prism() as url:
        yield url


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
