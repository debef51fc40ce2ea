"""Command line: `python -m codegen [--check] [--spec S] [--config C] [--package P --out DIR]`."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from .errors import GeneratorError
from .pipeline import REPO_ROOT, Options, run, summary_line


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m codegen", description="Generate a typed client from OpenAPI."
    )
    p.add_argument("--spec", type=Path, help="OpenAPI document (default: spec/openapi.yml)")
    p.add_argument(
        "--config",
        type=Path,
        help="generator config (default: spec/config.yml with the default spec)",
    )
    p.add_argument("--package", help="import name of a standalone package (with --out)")
    p.add_argument("--out", type=Path, help="write a standalone package into DIR/<package>/")
    p.add_argument(
        "--check", action="store_true", help="compare with the files on disk; exit 1 if they differ"
    )
    p.add_argument(
        "--report", type=Path, help="write a JSON report of operations, schemas and warnings"
    )
    p.add_argument("--no-format", action="store_true", help="skip ruff format (debugging)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.add_argument(
        "--timings", action="store_true", help="print the seconds of each phase on stderr"
    )
    return p


def main(argv: list[str]) -> int:
    if argv[:1] == ["diff"]:
        from . import diff  # written separately; imported only for this subcommand

        return int(diff.main(argv[1:]))
    args = _parser().parse_args(argv)
    default_spec = REPO_ROOT / "spec" / "openapi.yml"
    spec = args.spec or default_spec
    config = args.config
    if config is None and args.spec is None:
        config = REPO_ROOT / "spec" / "config.yml"
    if args.out is not None and not args.package:
        print("codegen: --out needs --package", file=sys.stderr)
        return 2
    opts = Options(
        spec=spec,
        config=config,
        package=args.package,
        out=args.out,
        check=args.check,
        report=args.report,
        format=not args.no_format,
        quiet=args.quiet,
    )
    # A run builds a large object graph that lives to the end (the spec, the IR, the rendered
    # text) and makes little cyclic garbage; at the default thresholds the collector walks that
    # graph ~30 times (~10% of the CPU of load, build and render on the upstream spec). Collect
    # rarely instead (peak memory measured the same within a few MB).
    gc.set_threshold(100_000, 20, 100)
    try:
        result = run(opts)
    except GeneratorError as exc:
        print(f"codegen: {exc.diagnostic.render()}", file=sys.stderr)
        return 1
    for d in result.diagnostics.items:
        if not args.quiet:
            print(f"codegen: {d.render()}", file=sys.stderr)
    print(summary_line(result, args.check))
    if args.timings:
        phases = " ".join(f"{name}={seconds:.3f}" for name, seconds in result.timings.items())
        print(f"codegen: timings {phases}", file=sys.stderr)
    if args.check and result.changes.differing():
        print("codegen: generated files differ from a fresh generation:", file=sys.stderr)
        for rel in result.changes.differing():
            print(f"  {rel}", file=sys.stderr)
        print(
            "codegen: run `nox -s codegen` (or `python -m codegen`) and commit the result",
            file=sys.stderr,
        )
        return 1
    return 0
