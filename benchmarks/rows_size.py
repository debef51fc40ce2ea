"""The size of the package on disk and packed, against the official SDK's."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ._contenders import official_module, ours_module
from ._context import Context
from ._harness import Measurement, RowResult

MIB = 1024 * 1024


def _files(package_dir: Path) -> list[Path]:
    # what an install puts there, bytecode caches left out (they depend on what ran)
    return sorted(p for p in package_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _packed(files: list[Path], root: Path) -> int:
    """Bytes of a deflate zip of the files: what a wheel of them weighs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.relative_to(root))
    return len(buffer.getvalue())


def package_size(ctx: Context, row: RowResult) -> None:
    packages = {
        "ours": Path(ours_module().__file__).parent,
        "official": Path(official_module().__file__).parent,
    }
    for name, package_dir in packages.items():
        files = _files(package_dir)
        installed = sum(p.stat().st_size for p in files) / MIB
        packed = _packed(files, package_dir.parent) / MIB
        row.measurements.append(
            Measurement(f"installed: {name}", "MiB", [installed], note=f"{len(files)} files")
        )
        row.measurements.append(Measurement(f"packed: {name}", "MiB", [packed]))
    row.notes.append(
        "installed = the package's files without bytecode; packed = those files deflate-zipped "
        "(a wheel's payload; the official openai 3.57.0 wheel is itself ~2.3 MiB)"
    )
    row.check_ratio(
        "installed: ours / official", "<=", 1.0, "installed: ours", "installed: official"
    )
    row.check_ratio("packed: ours / official", "<=", 1.0, "packed: ours", "packed: official")
