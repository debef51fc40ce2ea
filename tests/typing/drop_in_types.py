"""Type-level drop-in: the programs in ``programs/`` are written for the official SDK; pyright checks
each one twice — as written (``openai``) and with only the import changed (``typed_openai``) — in
one process, and the two sets of diagnostics are compared line by line.

``python -m tests.typing.drop_in_types`` prints the comparison (and the time pyright took).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROGRAMS = Path(__file__).parent / "programs"
SIDES = ("openai", "typed_openai")

# A line ending in this marker is a deliberate difference: typed_openai flags it and the SDK does
# not, for the reason written after the marker (the SDK's types accept something wrong there).
STRICTER = "# typed-only:"

_IMPORT = re.compile(r"^(\s*)(import|from)\s+(openai|httpx)\b")


def variant(source: str, side: str) -> str:
    """The program as its author runs it against ``side``: only the import lines change.

    The programs import ``httpx`` as code written for either package does; the official SDK
    (3.x) is built on the ``httpx2`` fork instead, so its side imports that under the same name.
    """

    def rewrite(line: str) -> str:
        match = _IMPORT.match(line)
        if match is None:
            return line
        indent, keyword, package = match.groups()
        rest = line[match.end() :]
        if side == "typed_openai" and package == "openai":
            new = "typed_openai"
        elif side == "openai" and package == "httpx":
            new = "httpx2"
        else:
            return line
        if keyword == "import" and not rest.startswith((".", " as")):
            rest = f" as {package}{rest}"
        return f"{indent}{keyword} {new}{rest}"

    return "\n".join(rewrite(line) for line in source.split("\n"))


@dataclass(frozen=True, order=True)
class Diagnostic:
    program: str
    line: int  # 1-based
    rule: str
    message: str

    def __str__(self) -> str:
        first = self.message.splitlines()[0]
        return f"{self.program}:{self.line} [{self.rule}] {first}"


def write_tree(root: Path) -> list[str]:
    """Both variants of every program under ``root/<side>/``; returns the program names."""
    names = sorted(p.name for p in PROGRAMS.glob("*.py"))
    for side in SIDES:
        (root / side).mkdir(parents=True, exist_ok=True)
        for name in names:
            source = (PROGRAMS / name).read_text(encoding="utf-8")
            (root / side / name).write_text(variant(source, side), encoding="utf-8")
    config = {"pythonVersion": "3.10", "typeCheckingMode": "standard", "include": list(SIDES)}
    (root / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    return names


def run_pyright(root: Path) -> dict[str, list[Diagnostic]]:
    """One pyright process over both sides: errors and warnings by side."""
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyright"),
            "--outputjson",
            "--pythonpath",
            sys.executable,
            "-p",
            str(root),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"pyright gave no report: {proc.stderr or proc.stdout}") from exc
    found: dict[str, list[Diagnostic]] = {side: [] for side in SIDES}
    for diag in report["generalDiagnostics"]:
        if diag["severity"] not in ("error", "warning"):
            continue
        path = Path(diag["file"])
        found[path.parent.name].append(
            Diagnostic(
                program=path.name,
                line=diag["range"]["start"]["line"] + 1,
                rule=diag.get("rule", ""),
                message=diag["message"],
            )
        )
    return {side: sorted(diags) for side, diags in found.items()}


def stricter_lines() -> set[tuple[str, int]]:
    """(program, line) of every line marked as a deliberate typed-only difference."""
    marked: set[tuple[str, int]] = set()
    for path in PROGRAMS.glob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if STRICTER in line:
                marked.add((path.name, number))
    return marked


@dataclass
class Comparison:
    programs: list[str]
    sdk: list[Diagnostic]
    typed: list[Diagnostic]

    def only_typed(self) -> list[Diagnostic]:
        places = {(d.program, d.line, d.rule) for d in self.sdk}
        return [d for d in self.typed if (d.program, d.line, d.rule) not in places]

    def only_sdk(self) -> list[Diagnostic]:
        places = {(d.program, d.line, d.rule) for d in self.typed}
        return [d for d in self.sdk if (d.program, d.line, d.rule) not in places]


def compare(root: Path) -> Comparison:
    names = write_tree(root)
    found = run_pyright(root)
    return Comparison(names, found["openai"], found["typed_openai"])


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        result = compare(Path(tmp))
        took = time.perf_counter() - start
    print(f"{len(result.programs)} programs, pyright {took:.1f}s")
    print(f"openai: {len(result.sdk)} diagnostics; typed_openai: {len(result.typed)}")
    print(f"only typed_openai: {len(result.only_typed())}")
    for diag in result.only_typed():
        print(" ", diag) if "-v" not in sys.argv else print(" ", diag, "\n   ", diag.message)
    print(f"only openai: {len(result.only_sdk())}")
    for diag in result.only_sdk():
        print(" ", diag) if "-v" not in sys.argv else print(" ", diag, "\n   ", diag.message)


if __name__ == "__main__":
    main()
