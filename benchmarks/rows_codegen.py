"""Codegen row: our generator vs openapi-python-client on the same OpenAPI document."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ._context import Context
from ._harness import Contender, RowResult, clean_env, interleave

REPO_ROOT = Path(__file__).resolve().parent.parent


def _env_with_venv_tools() -> dict[str, str]:
    """Both generators format with ruff; make the session's ruff the one they find."""
    env = clean_env()
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def _timed_run(argv: list[str], what: str) -> float:
    start = time.perf_counter()
    completed = subprocess.run(
        argv, capture_output=True, text=True, cwd=REPO_ROOT, env=_env_with_venv_tools(), timeout=900
    )
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).strip()
        print(output[-3000:], file=sys.stderr)
        last_line = output.splitlines()[-1] if output else "no output"
        raise RuntimeError(f"{what} failed ({completed.returncode}): {last_line}")
    return seconds


def codegen(ctx: Context, row: RowResult) -> None:
    spec = ctx.codegen_spec
    if spec is None or not spec.exists():
        row.status = "skipped: ../shared/openapi/openai-openapi.yaml is absent"
        return
    # `nox -s bench` installs it in a venv of its own and names it in OPENAPI_PYTHON_CLIENT.
    competitor = os.environ.get("OPENAPI_PYTHON_CLIENT") or shutil.which(
        "openapi-python-client", path=str(Path(sys.executable).parent)
    )
    if competitor is None or not Path(competitor).exists():
        row.status = "skipped: openapi-python-client is not installed (nox -s bench installs it)"
        return

    def ours() -> float:
        with tempfile.TemporaryDirectory(dir=ctx.scratch) as out:
            argv = [
                sys.executable,
                "-m",
                "codegen",
                "--spec",
                str(spec),
                "--package",
                "bench_client",
            ]
            return _timed_run([*argv, "--out", out, "-q"], "python -m codegen")

    def theirs() -> float:
        with tempfile.TemporaryDirectory(dir=ctx.scratch) as out:
            target = Path(out) / "client"
            argv = [competitor, "generate", "--path", str(spec), "--output-path", str(target)]
            return _timed_run(argv, "openapi-python-client generate")

    row.measurements = interleave(
        [Contender("ours", ours), Contender("openapi-python-client", theirs)],
        ctx.sizes.codegen_reps,
        "s",
    )
    row.notes.append(
        f"{spec.name}, wall time of the whole command (both format their output with ruff); "
        f"{ctx.sizes.codegen_reps} repetitions; target from issue 19"
    )
    row.check_ratio("ours / openapi-python-client", "<=", 0.3, "ours", "openapi-python-client")
