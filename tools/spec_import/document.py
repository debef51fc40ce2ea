"""Read and write spec/openapi.yml: its comment header kept verbatim, the rest dumped in a stable,
reviewable form (keys in insertion order, 100 columns, like the hand-written file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_LOADER)


def load_spec(path: Path) -> tuple[str, dict[str, Any]]:
    """The leading comment block (the header) and the document."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    n = 0
    while n < len(lines) and lines[n].startswith("#"):
        n += 1
    return "".join(lines[:n]), yaml.load(text, Loader=_LOADER)


def dump_spec(header: str, spec: dict[str, Any]) -> str:
    body = yaml.dump(spec, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
    return header + body
