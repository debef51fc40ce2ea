"""The hard per-test limit of ``conftest.py`` works: hanging tests (a blocking socket read, an
awaited call, an idle event loop) fail with ``HardTimeout`` instead of blocking the run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_hanging_tests_fail_instead_of_blocking() -> None:
    start = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(Path(__file__).with_name("hang_examples.py")),
        ],
        cwd=ROOT,
        env={**os.environ, "RELIABILITY_HARD_LIMIT": "0.5"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "3 failed" in output, output[-3000:]
    assert output.count("HardTimeout") >= 3, output[-3000:]
    assert time.monotonic() - start < 30
