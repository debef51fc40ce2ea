"""Task runner. Every session installs what it needs, so a fresh clone only needs Python + nox.

`nox -t ci` is what CI runs (tests, lint, typecheck, generated-code drift check, soak, the realtime
tests on the oldest websockets).
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

ROOT = Path(__file__).parent
PYTHON = ["3.11"]  # CI runs one interpreter; the suite also passes on 3.10 (see README)
PRISM_DIR = ROOT / ".prism"
PRISM_PACKAGE = "@stainless-api/prism-cli@5"
SOAK_TESTS = "tests/reliability/test_soak.py"  # every @pytest.mark.soak test


def _install(session: nox.Session, *extras: str) -> None:
    spec = f".[{','.join(extras)}]" if extras else "."
    session.install("-e", spec)


def _prism_bin(session: nox.Session) -> str:
    """Install Prism (npm) into .prism/ once; return the path of its executable."""
    binary = PRISM_DIR / "node_modules" / ".bin" / "prism"
    if not binary.exists():
        if shutil.which("npm") is None:
            session.error("npm is required to install Prism (the conformance test server)")
        PRISM_DIR.mkdir(exist_ok=True)
        session.run(
            "npm",
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(PRISM_DIR),
            PRISM_PACKAGE,
            external=True,
        )
    return str(binary)


def _portaudio(session: nox.Session) -> None:
    """The voice helpers' tests play and record through PortAudio, a system library (no sound card
    is needed: tests/support/sound_card.py). Install Debian's package when it is missing."""
    if ctypes.util.find_library("portaudio") is not None:
        return
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    if shutil.which("apt-get") is None or (apt[0] == "sudo" and shutil.which("sudo") is None):
        session.error("the PortAudio library is missing: install it (Debian: libportaudio2)")
    session.run(*apt, "update", "-qq", external=True)
    session.run(
        *apt,
        "install",
        "-y",
        "-qq",
        "libportaudio2",
        external=True,
        env={"DEBIAN_FRONTEND": "noninteractive"},
    )


@nox.session(python=PYTHON, tags=["ci"])
def tests(session: nox.Session) -> None:
    """The whole test suite except the soak test."""
    _install(session, "codegen", "test")
    _portaudio(session)
    session.env["PRISM_BIN"] = _prism_bin(session)
    # pytest-xdist: one worker per CPU; --dist loadfile keeps each file in one worker, so its
    # module fixtures (servers, pyright and mypy runs) run once (1 CPU: one worker, same tests)
    xdist = ["-n", "logical", "--dist", "loadfile"]
    session.run("pytest", "-m", "not soak", *xdist, *session.posargs)


@nox.session(python=PYTHON, tags=["ci"])
def soak(session: nox.Session) -> None:
    """Bounded load test with injected faults (loopback only)."""
    _install(session, "codegen", "test")
    # only the soak file is collected: collecting the whole suite to pick its two tests took a
    # minute (tests/test_suite_setup.py fails when a soak test lives elsewhere)
    session.run("pytest", SOAK_TESTS, "-m", "soak", *session.posargs)


@nox.session(name="realtime_oldest", python=PYTHON, tags=["ci"])
def realtime_oldest(session: nox.Session) -> None:
    """The websocket (Realtime, translation, Responses) tests on the oldest websockets the
    `realtime` extra allows (13.x, whose threaded recv() takes no `decode`), against the official
    SDK as in `tests`."""
    session.install("-e", ".", "websockets==13.1", "pytest>=8", "openai==3.57.0")
    session.run(
        "pytest",
        "tests/lib/realtime",
        "tests/drop_in/test_realtime_connect.py",
        "tests/drop_in/test_realtime_reconnect.py",
        "tests/drop_in/test_websocket_sessions.py",
        "-q",
        *session.posargs,
    )


@nox.session(python=PYTHON, tags=["ci"])
def lint(session: nox.Session) -> None:
    session.install("ruff==0.17.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON, tags=["ci"])
def typecheck(session: nox.Session) -> None:
    _install(session, "codegen", "test")
    session.run("pyright", *session.posargs)


@nox.session(python=PYTHON)
def codegen(session: nox.Session) -> None:
    """Regenerate src/typed_openai/_generated from spec/ (`-- --check` compares instead)."""
    _install(session, "codegen")
    session.run("python", "-m", "codegen", *session.posargs)


@nox.session(name="codegen_check", python=PYTHON, tags=["ci"])
def codegen_check(session: nox.Session) -> None:
    """Fail when the committed generated code differs from a fresh generation."""
    _install(session, "codegen")
    session.run("python", "-m", "codegen", "--check")


@nox.session(name="spec_diff", python=PYTHON)
def spec_diff(session: nox.Session) -> None:
    """Markdown report of API changes: `-- OLD NEW` or `-- --base GIT_REF`."""
    _install(session, "codegen")
    session.run("python", "-m", "codegen", "diff", *session.posargs)


@nox.session(python=PYTHON)
def corpus(session: nox.Session) -> None:
    """Every spec of tests/codegen/corpus generated, type-checked and driven against Prism
    (CI runs a fast subset of it inside `tests`)."""
    _install(session, "codegen", "test")
    session.env["PRISM_BIN"] = _prism_bin(session)
    session.env["CORPUS"] = "all"
    session.run("pytest", "tests/codegen/corpus", "-s", "-q", *session.posargs)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """Regenerate the client, start the embedded server, run every example against it."""
    _install(session, "codegen")
    session.run("python", "-m", "codegen")  # writes only files whose content changed
    session.run("python", "-m", "examples", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks against raw httpx and the official SDK, measured in one run."""
    _install(session, "codegen", "test")
    session.install("openai==3.57.0")
    # openapi-python-client gets its own venv: its dependencies (rich, typer) would otherwise be
    # imported by `import httpx` (httpx's optional CLI) and inflate every cold-import figure.
    tools = ROOT / ".bench" / "tools"
    tool = tools / "bin" / "openapi-python-client"
    if not tool.exists():
        session.run("python", "-m", "venv", "--clear", str(tools))
        pip = [str(tools / "bin" / "python"), "-m", "pip", "install", "-q"]
        session.run(*pip, "openapi-python-client", external=True)
    session.env["OPENAPI_PYTHON_CLIENT"] = str(tool)
    session.run("python", "-m", "benchmarks", *session.posargs)
