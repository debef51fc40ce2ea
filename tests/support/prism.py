"""Run the Prism mock server (`@stainless-api/prism-cli`) on 127.0.0.1 from spec/openapi.yml.

Prism validates every request against the spec and answers an invalid one with HTTP 422, which the
client raises as `UnprocessableEntityError`; so a call that breaks the spec fails its test.

The executable comes from `$PRISM_BIN` (set by `nox -s tests`) or `.prism/node_modules/.bin/prism`;
when neither exists and npm is available it is installed into `.prism/` the way the nox session
does, so a plain `pytest` run works too. Prism mocks from a copy of the spec (`prism_spec.py`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.prism_spec import prism_document

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "openapi.yml"
PRISM_DIR = ROOT / ".prism"
PRISM_PACKAGE = "@stainless-api/prism-cli@5"
STARTUP_SECONDS = 90.0
# a Prism started when the test session began (tests/conftest.py): its URL and log, for the
# `prism_url` fixture of every xdist worker
EARLY_PRISM_URL = "TYPED_OPENAI_TESTS_PRISM_URL"
EARLY_PRISM_LOG = "TYPED_OPENAI_TESTS_PRISM_LOG"


class PrismUnavailable(RuntimeError):
    """Prism could not be found, installed or started."""


def prism_binary() -> str:
    from_env = os.environ.get("PRISM_BIN")
    if from_env:
        return from_env
    local = PRISM_DIR / "node_modules" / ".bin" / "prism"
    if not local.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise PrismUnavailable("Prism is not installed and npm is missing; run `nox -s tests`")
        PRISM_DIR.mkdir(exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(PRISM_DIR),
                PRISM_PACKAGE,
            ],
            check=True,
        )
    return str(local)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _accepting(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class PrismServer:
    """A Prism process started on a free loopback port, without waiting for it: it takes about a
    minute to load the spec, which the test session spends collecting tests (see
    tests/conftest.py). `wait()` blocks until it accepts connections; `stop()` ends it."""

    def __init__(self, spec: Path = SPEC) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._workdir = tempfile.TemporaryDirectory()
        self.log_path = Path(self._workdir.name) / "prism.log"
        document = prism_document(spec, Path(self._workdir.name))
        with self.log_path.open("w") as log:
            self._process = subprocess.Popen(
                [
                    prism_binary(),
                    "mock",
                    str(document),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--errors",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                # its own process group, so stopping it also stops the node children it forks
                start_new_session=True,
            )

    def wait(self) -> None:
        wait_for_prism(self.url, self.log_path, self._process)

    def stop(self) -> None:
        try:
            _stop(self._process)
        finally:
            self._workdir.cleanup()


def wait_for_prism(
    url: str, log_path: Path, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Block until the Prism at `url` accepts connections (`process`, when this process started
    it, failing ends the wait early); raise PrismUnavailable with the end of its log if it does
    not within STARTUP_SECONDS."""
    port = int(url.rsplit(":", 1)[1])
    deadline = time.monotonic() + STARTUP_SECONDS
    while not _accepting(port):
        if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
            log = log_path.read_text(errors="replace") if log_path.exists() else "(no log)"
            raise PrismUnavailable(f"Prism did not start:\n{log[-4000:]}")
        time.sleep(0.2)


@contextmanager
def running_prism(spec: Path = SPEC) -> Iterator[str]:
    """Start Prism on a free loopback port; yield its base URL once it answers; stop it afterwards."""
    server = PrismServer(spec)
    try:
        server.wait()
        yield server.url
    finally:
        server.stop()


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, 15)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait()
