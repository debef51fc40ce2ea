"""python -m tools.spec_import [--upstream FILE] [--spec FILE] [--descriptions DIR] [--check]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .descriptions import DescriptionError, apply_descriptions, load_descriptions
from .document import dump_spec, load_spec, load_yaml
from .merge import merge_upstream

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.spec_import",
        description="Add the missing upstream operations and webhooks to spec/openapi.yml "
        "(facts only) and apply spec/descriptions/*.yml.",
    )
    parser.add_argument(
        "--upstream", type=Path, default=ROOT.parent / "shared" / "openapi" / "openai-openapi.yaml"
    )
    parser.add_argument("--spec", type=Path, default=ROOT / "spec" / "openapi.yml")
    parser.add_argument("--descriptions", type=Path, default=ROOT / "spec" / "descriptions")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if the spec is not up to date"
    )
    args = parser.parse_args(argv)

    if not args.upstream.is_file():
        print(f"spec_import: upstream document not found: {args.upstream}", file=sys.stderr)
        return 2
    header, spec = load_spec(args.spec)
    report = merge_upstream(spec, load_yaml(args.upstream))
    try:
        applied = apply_descriptions(spec, load_descriptions(args.descriptions))
    except DescriptionError as exc:
        print(f"spec_import: {exc}", file=sys.stderr)
        return 2
    text = dump_spec(header, spec)
    current = args.spec.read_text(encoding="utf-8")
    print(f"spec_import: {report}; {applied} descriptions applied")
    if args.check:
        if text != current:
            print(f"spec_import: {args.spec} is not up to date", file=sys.stderr)
            return 1
        return 0
    if text != current:
        tmp = args.spec.with_suffix(".yml.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(args.spec)  # all or nothing: never a half-written spec
        print(f"spec_import: wrote {args.spec}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
