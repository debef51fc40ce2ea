"""`python -m benchmarks`: run every row, print the table, write `.bench/results.json`.

Options: ``--only row,row`` (names as in the table), ``--reps N``, ``--tiny`` (smoke-test sizes),
``--codegen-spec PATH``, ``--json PATH``. Exit status 1 only when a row *errors*; a missed target
is a result, reported in the table.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from . import rows_codegen, rows_http, rows_process, rows_size, rows_stream
from ._context import Context, Sizes
from ._harness import FeatureMissing, RowResult
from ._report import render_table
from ._server import BenchServer

REPO_ROOT = Path(__file__).resolve().parent.parent
UPSTREAM_SPEC = REPO_ROOT.parent / "shared" / "openapi" / "openai-openapi.yaml"

RowFn = Callable[[Context, RowResult], None]
ROWS: list[tuple[str, str, RowFn]] = [
    ("cold_import", "cold import", rows_process.cold_import),
    ("first_request", "first request (fresh process)", rows_process.first_request),
    ("client_construction", "client construction", rows_http.client_construction),
    ("request_overhead", "request overhead", rows_http.request_overhead),
    ("long_conversation", "long conversation (build)", rows_http.long_conversation),
    ("async_throughput", "async throughput", rows_http.async_throughput),
    ("aiohttp_throughput", "async throughput (aiohttp)", rows_http.aiohttp_throughput),
    ("big_response", "big response (files.list)", rows_http.big_response),
    ("chat_stream", "chat stream (structured)", rows_stream.chat_stream),
    ("assistants_stream", "assistants stream", rows_stream.assistants_stream),
    ("responses_stream", "responses stream (structured)", rows_stream.responses_stream),
    ("codegen", "codegen (upstream spec)", rows_codegen.codegen),
    ("memory", "memory (peak RSS)", rows_process.memory),
    ("package_size", "package size", rows_size.package_size),
]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--only", help="comma-separated row names: " + ", ".join(n for n, _, _ in ROWS))
    p.add_argument("--reps", type=int, help="repetitions per contender (default 5)")
    p.add_argument(
        "--tiny", action="store_true", help="tiny sizes: checks the rows run, measures nothing"
    )
    p.add_argument(
        "--codegen-spec",
        type=Path,
        default=UPSTREAM_SPEC,
        help="OpenAPI document of the codegen row",
    )
    p.add_argument(
        "--json", type=Path, default=REPO_ROOT / ".bench" / "results.json", help="raw results file"
    )
    return p


def run_row(ctx: Context, name: str, title: str, fn: RowFn) -> RowResult:
    row = RowResult(name, title)
    print(f"[{name}]", flush=True)
    start = time.perf_counter()
    try:
        fn(ctx, row)
    except FeatureMissing as exc:
        row.status = f"n/a (feature missing: {exc})"
    except Exception as exc:
        traceback.print_exc()
        row.status = f"error: {type(exc).__name__}: {str(exc)[:300]}"
    row.seconds = time.perf_counter() - start
    print(f"  {row.status} in {row.seconds:.1f} s", flush=True)
    return row


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    sizes = Sizes.tiny() if args.tiny else Sizes()
    if args.reps:
        sizes = dataclasses.replace(
            sizes, reps=args.reps, import_reps=max(args.reps, sizes.import_reps)
        )
    wanted = set(args.only.split(",")) if args.only else None
    unknown = (wanted or set()) - {n for n, _, _ in ROWS}
    if unknown:
        print(f"unknown rows: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results: list[RowResult] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch, BenchServer() as server:
        spec = args.codegen_spec if args.codegen_spec.exists() else None
        ctx = Context(server=server, sizes=sizes, codegen_spec=spec, scratch=Path(scratch))
        for name, title, fn in ROWS:
            if wanted is None or name in wanted:
                results.append(run_row(ctx, name, title, fn))
    total = time.perf_counter() - started
    print()
    print(render_table(results))
    print(f"\ntotal {total:.0f} s")
    report = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "sizes": dataclasses.asdict(sizes),
        "total_seconds": total,
        "rows": [r.to_json() for r in results],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"raw numbers: {args.json}")
    return 1 if any(r.status.startswith("error") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
