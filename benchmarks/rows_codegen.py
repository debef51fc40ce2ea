"""Codegen row: our generator vs openapi-python-client on the same OpenAPI document."""

from __future__ import annotations

import os
import shutil
import statistics
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


def _timed_run(argv: list[str], what: str) -> tuple[float, str]:
    """The wall time of the command, and its stderr."""
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
    return seconds, completed.stderr


def _phases(stderr: str) -> dict[str, float]:
    """Our generator's `--timings` line: `codegen: timings load=0.151 build=0.402 ...`."""
    for line in stderr.splitlines():
        if line.startswith("codegen: timings "):
            pairs = (item.partition("=") for item in line.removeprefix("codegen: timings ").split())
            return {name: float(value) for name, _, value in pairs}
    return {}


def _phase_note(runs: list[tuple[float, dict[str, float]]]) -> str:
    """Median seconds of each phase over our runs; `start+exit` is the wall time left over
    (interpreter start, imports, exit)."""
    names = list(runs[0][1]) if runs else []
    medians = {
        name: statistics.median(phases.get(name, 0.0) for _, phases in runs) for name in names
    }
    rest = statistics.median(wall - sum(phases.values()) for wall, phases in runs)
    parts = [f"{name} {seconds:.2f}" for name, seconds in medians.items()]
    return f"ours by phase (median s): {', '.join(parts)}, start+exit {rest:.2f}"


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

    phases: list[tuple[float, dict[str, float]]] = []

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
            # --timings only prints the phase times it keeps anyway (one line on stderr)
            seconds, stderr = _timed_run(
                [*argv, "--out", out, "-q", "--timings"], "python -m codegen"
            )
            phases.append((seconds, _phases(stderr)))
            return seconds

    def theirs() -> float:
        with tempfile.TemporaryDirectory(dir=ctx.scratch) as out:
            target = Path(out) / "client"
            argv = [competitor, "generate", "--path", str(spec), "--output-path", str(target)]
            return _timed_run(argv, "openapi-python-client generate")[0]

    row.measurements = interleave(
        [Contender("ours", ours), Contender("openapi-python-client", theirs)],
        ctx.sizes.codegen_reps,
        "s",
    )
    row.notes.append(
        f"{spec.name}, wall time of the whole command (both format their output with ruff); "
        f"{ctx.sizes.codegen_reps} repetitions; target from issue 19"
    )
    measured = [run for run in phases if run[1]]
    if measured:
        row.notes.append(_phase_note(measured))
    row.check_ratio("ours / openapi-python-client", "<=", 0.3, "ours", "openapi-python-client")
