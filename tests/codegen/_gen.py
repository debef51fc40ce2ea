"""Helpers for generator tests: write a spec, generate a standalone package, import it."""

from __future__ import annotations

import importlib
import itertools
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from codegen.pipeline import Options, Result, run

_counter = itertools.count()


def write_spec(tmp: Path, spec: dict[str, Any] | str, name: str = "spec.yml") -> Path:
    path = tmp / name
    path.write_text(
        spec if isinstance(spec, str) else yaml.safe_dump(spec, sort_keys=False), encoding="utf-8"
    )
    return path


def generate(
    tmp: Path,
    spec: dict[str, Any] | str | Path,
    config: dict[str, Any] | None = None,
    *,
    package: str | None = None,
    check: bool = False,
    fmt: bool = True,
) -> tuple[Result, str, Path]:
    """Generate a standalone package under `tmp/out`; returns (result, package name, out dir)."""
    spec_path = spec if isinstance(spec, Path) else write_spec(tmp, spec)
    config_path = None
    if config is not None:
        config_path = tmp / "config.yml"
        config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    package = package or f"gen_pkg_{next(_counter)}_{abs(hash(str(tmp))) % 10_000}"
    out = tmp / "out"
    result = run(
        Options(
            spec=spec_path,
            config=config_path,
            package=package,
            out=out,
            check=check,
            format=fmt,
            quiet=True,
        )
    )
    return result, package, out


def load(out: Path, package: str) -> ModuleType:
    """Import a generated package (its directory goes on sys.path for the test's duration)."""
    if str(out) not in sys.path:
        sys.path.insert(0, str(out))
    importlib.invalidate_caches()
    return importlib.import_module(package)


def unload(package: str, out: Path) -> None:
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]
    if str(out) in sys.path:
        sys.path.remove(str(out))


def generated_modules(out: Path, package: str) -> list[str]:
    root = out / package
    names = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(out).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names
