"""`python -m codegen diff`: the command line of the spec-diff report.

Exit status: 0 when nothing breaking changed, 1 when something did (so CI can gate on it),
2 when the inputs cannot be compared (bad arguments, unreadable file, invalid YAML, broken `$ref`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from .errors import SpecError
from .loading import Spec, load_spec_at_revision, load_spec_file
from .operations import diff_specs
from .report import render_json, render_markdown

EXIT_OK = 0
EXIT_BREAKING = 1
EXIT_ERROR = 2
DEFAULT_SPEC = "spec/openapi.yml"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    # argparse exits the process on bad arguments; `main` must return a status instead.
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m codegen diff",
        description=(
            "Report the API changes between two OpenAPI documents as Markdown, classifying each"
            " as breaking or not for existing clients. Exit status 1 when anything is breaking."
        ),
    )
    parser.add_argument("old", nargs="?", help="the old spec (YAML or JSON)")
    parser.add_argument("new", nargs="?", help="the new spec (YAML or JSON)")
    parser.add_argument(
        "--base",
        metavar="GIT_REF",
        help="compare the spec at this git revision with the working tree (instead of OLD NEW)",
    )
    parser.add_argument(
        "--spec",
        metavar="PATH",
        default=DEFAULT_SPEC,
        help=f"the spec file used with --base (default: {DEFAULT_SPEC})",
    )
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    return parser


def _load(args: argparse.Namespace) -> tuple[Spec, Spec]:
    if args.base is not None:
        if args.old is not None:
            raise _UsageError("give either --base GIT_REF or OLD NEW, not both")
        if args.base.startswith("-"):  # git would read it as an option
            raise _UsageError(f"not a git revision: {args.base!r}")
        return load_spec_at_revision(args.base, args.spec), load_spec_file(args.spec)
    if args.old is None or args.new is None:
        raise _UsageError("give OLD and NEW spec files, or --base GIT_REF")
    return load_spec_file(args.old), load_spec_file(args.new)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        old, new = _load(args)
    except _UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    diff = diff_specs(old, new)
    render = render_json if args.format == "json" else render_markdown
    sys.stdout.write(render(diff, old_label=old.source, new_label=new.source))
    return EXIT_BREAKING if diff.has_breaking else EXIT_OK
