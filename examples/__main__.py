"""Run every example against the embedded local server (or the real API with `--live`).

    python -m examples            # start the local server, run every example, stop the server
    python -m examples --live     # run them against the API named by OPENAI_API_KEY / OPENAI_BASE_URL
    python -m examples parse_math # run only the named examples

Each example runs in its own interpreter, exactly as a user would run it, with OPENAI_BASE_URL
pointing at the server. Exit status 1 when any example fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

# In the order a reader meets them in the seed document.
EXAMPLES = (
    "parse_math",
    "parse_function_tool",
    "chat_stream_async",
    "assistants_event_handler",
    "assistants_iterate",
    "polling",
    "responses_parse",
    "responses_stream",
    "responses_function_tool",
    "responses_background_resume",
    "responses_create",
    "image_generate",
    "speech_file",
    "moderation",
)

LOCAL_API_KEY = "sk-local-demo"


@dataclass(frozen=True)
class Outcome:
    name: str
    returncode: int
    output: str
    seconds: float


def run_example(name: str, env: Mapping[str, str], timeout: float = 60.0) -> Outcome:
    """Run `examples/<name>.py` in a fresh interpreter; stdout and stderr are kept together."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / f"{name}.py")],
            env=dict(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
            check=False,
        )
        code, output = done.returncode, done.stdout
    except subprocess.TimeoutExpired as exc:
        captured = exc.stdout or b""
        text = captured.decode(errors="replace") if isinstance(captured, bytes) else captured
        code, output = 124, f"{text}\n(timed out after {timeout:.0f} s)"
    return Outcome(name, code, output, time.perf_counter() - started)


def example_env(base_url: str | None, api_key: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if base_url is not None:
        env["OPENAI_BASE_URL"] = base_url
    if api_key is not None:
        env["OPENAI_API_KEY"] = api_key
    # the examples import typed_openai from this checkout even when it is not installed
    src = str(HERE.parent / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    return env


def run_all(names: Sequence[str], env: Mapping[str, str]) -> list[Outcome]:
    outcomes = []
    for name in names:
        print(f"\n=== examples/{name}.py ===", flush=True)
        outcome = run_example(name, env)
        print(outcome.output.rstrip("\n"))
        status = "ok" if outcome.returncode == 0 else f"FAILED (exit {outcome.returncode})"
        print(f"--- {status} in {outcome.seconds:.2f} s", flush=True)
        outcomes.append(outcome)
    return outcomes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples", description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", choices=[[], *EXAMPLES], metavar="NAME", default=[])
    parser.add_argument(
        "--live", action="store_true", help="use the real API (needs OPENAI_API_KEY)"
    )
    args = parser.parse_args(argv)
    names = args.names or list(EXAMPLES)

    if args.live:
        if not os.environ.get("OPENAI_API_KEY"):
            print("--live needs OPENAI_API_KEY in the environment", file=sys.stderr)
            return 2
        outcomes = run_all(names, example_env(None, None))
    else:
        sys.path.insert(0, str(HERE.parent / "src"))
        from typed_openai.testing import LocalOpenAIServer

        with LocalOpenAIServer(demo_fixtures=True) as server:
            print(f"local OpenAI-compatible server on {server.base_url}")
            outcomes = run_all(names, example_env(server.base_url, LOCAL_API_KEY))

    failed = [o.name for o in outcomes if o.returncode != 0]
    print(f"\n{len(outcomes) - len(failed)} of {len(outcomes)} examples passed", end="")
    print(f"; failed: {', '.join(failed)}" if failed else "")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
