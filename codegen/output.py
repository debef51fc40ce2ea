"""Format with ruff, then write atomically (removing stale files) or compare (`--check`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GeneratorError

RUFF_ARGS = [
    "format",
    "--isolated",
    "--no-cache",
    "--line-length",
    "100",
    "--target-version",
    "py310",
    "--quiet",
]


def _ruff() -> list[str]:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if exe:
        return [exe]
    return [sys.executable, "-m", "ruff"]


# bytes as given (O_BINARY: no newline translation where the OS would make one)
_CREATE = (
    os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)


def _put(path: str, text: str) -> None:
    """Create or replace one file (plain os calls: no buffered text file object per file)."""
    fd = os.open(path, _CREATE, 0o666)
    try:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)


def _get(path: str) -> str:
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8")


def stage_files(files: dict[str, str], stage: Path) -> None:
    """Write `files` (relative paths) under `stage`, making each directory once."""
    root = str(stage)
    made: set[str] = set()
    for rel, text in files.items():
        path = os.path.join(root, rel)
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        _put(path, text)


def format_staged(stage: Path, package: str) -> None:
    """Sort imports and `__all__` (ruff check --fix), then format (ruff format), the `.py` files
    under `stage`, in place."""
    sort = [
        "check",
        "--isolated",
        "--no-cache",
        "--fix",
        "--quiet",
        "--exit-zero",
        "--select",
        "I,RUF022",
        "--target-version",
        "py310",
        "--config",
        f"lint.isort.known-first-party=[{package!r}]",
        str(stage),
    ]
    proc = subprocess.run([*_ruff(), *sort], capture_output=True, text=True)
    if proc.returncode == 0:
        proc = subprocess.run([*_ruff(), *RUFF_ARGS, str(stage)], capture_output=True, text=True)
    if proc.returncode != 0:
        # a file ruff cannot parse is a generator bug: name it
        raise GeneratorError(
            "format-failed",
            "",
            f"ruff could not format the output: {(proc.stderr + proc.stdout).strip()[:3000]}",
        )


def read_staged(rels: Iterable[str], stage: Path) -> dict[str, str]:
    base = str(stage)
    return {rel: _get(os.path.join(base, rel)) for rel in rels}


@dataclass
class Target:
    """Where files land: `root` plus the generator-owned directories under it."""

    root: Path
    owned_dirs: tuple[str, ...]  # relative dirs whose stale .py files are removed


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def differing(self) -> list[str]:
        return sorted(self.written + self.removed)


def _existing(target: Target) -> set[str]:
    found: set[str] = set()
    for rel_dir in target.owned_dirs:
        base = target.root / rel_dir
        if not base.exists():
            continue
        for path in base.rglob("*.py"):
            if "__pycache__" not in path.parts:
                found.add(path.relative_to(target.root).as_posix())
    return found


def plan_changes(files: dict[str, str], target: Target) -> Changes:
    changes = Changes()
    if not target.root.exists():  # a new output directory: every file is written
        changes.written = sorted(files)
        return changes
    for rel, text in sorted(files.items()):
        path = target.root / rel
        try:
            same = path.read_bytes() == text.encode("utf-8")
        except OSError:
            same = False
        if same:
            changes.unchanged += 1
        else:
            changes.written.append(rel)
    changes.removed = sorted(_existing(target) - set(files))
    return changes


def write(
    files: dict[str, str],
    target: Target,
    stage: Path | None = None,
    staged: frozenset[str] = frozenset(),
) -> Changes:
    """Each changed file is replaced atomically (temp file + rename); stale files are removed.

    `stage` (on the target's filesystem) holds the files named in `staged`, exactly as in `files`:
    those are moved into place instead of written again. A target that does not exist yet is made
    whole in `stage` and moved into place by one rename of the directory."""
    if stage is not None and not target.root.exists():
        try:
            return _move_new_tree(files, target, stage, staged)
        except OSError:
            pass  # e.g. the target appeared meanwhile: the file-by-file way below
    changes = plan_changes(files, target)
    made: set[Path] = set()
    for rel in changes.written:
        path = target.root / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        if stage is not None and rel in staged:
            try:
                os.replace(stage / rel, path)  # already formatted, same filesystem: one rename
                continue
            except OSError:
                pass
        fd, tmp = tempfile.mkstemp(prefix=".codegen-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(files[rel].encode("utf-8"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    for rel in changes.removed:
        (target.root / rel).unlink(missing_ok=True)
    for rel_dir in target.owned_dirs:
        _prune_empty_dirs(target.root / rel_dir)
    return changes


def _move_new_tree(
    files: dict[str, str], target: Target, stage: Path, staged: frozenset[str]
) -> Changes:
    stage_files({rel: text for rel, text in files.items() if rel not in staged}, stage)
    target.root.parent.mkdir(parents=True, exist_ok=True)
    os.rename(stage, target.root)  # fails, leaving nothing half-written, if the target exists
    return Changes(written=sorted(files))


def _prune_empty_dirs(base: Path) -> None:
    """Remove the directories under ``base`` left with nothing but ``__pycache__``, deepest first."""
    if not base.exists():
        return
    for dirpath, _dirnames, filenames in os.walk(base, topdown=False):
        if filenames or dirpath == str(base) or os.path.basename(dirpath) == "__pycache__":
            continue
        if not any(entry != "__pycache__" for entry in os.listdir(dirpath)):
            shutil.rmtree(dirpath, ignore_errors=True)
