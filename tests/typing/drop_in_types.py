"""Type-level drop-in: the programs in ``programs/`` are written for the official SDK; pyright checks
each one twice — as written (``openai``) and with only the import changed (``typed_openai``) — in
one process, and the two sets of diagnostics are compared line by line, as are the types pyright
reveals (``reveal_type(x)``, imported from typing_extensions): what a user's editor shows.

``python -m tests.typing.drop_in_types`` prints the comparison (and the time pyright took).
"""

from __future__ import annotations

import ast
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

# A line ending in this marker is a difference known and not fixed yet: `# known: <id>`, the id a
# strict xfail of test_drop_in_types.py (with the reason and the owner) that passes once it is gone.
KNOWN = "# known:"

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


@dataclass(frozen=True, order=True)
class Revealed:
    program: str
    line: int  # 1-based
    type: str  # as pyright prints it, normalised (`normalise_type`)


_REVEALED = re.compile(r'^Type of "(?P<expr>.*)" is "(?P<type>.*)"$', re.DOTALL)
_QUALIFIED = re.compile(r"\b(?:[A-Za-z_][A-Za-z0-9_]*\.)+(?=[A-Z][A-Za-z0-9_]*\b)")
_TYPING_ALIASES = {"List": "list", "Dict": "dict", "Type": "type", "Tuple": "tuple", "Set": "set"}


def normalise_type(text: str) -> str:
    """A revealed type with spellings that mean the same type made equal: typing's aliases
    (``List[X]`` is ``list[X]``) and the module path pyright adds when two classes of one name
    meet in a type (the class name is what a user reads)."""
    text = _QUALIFIED.sub("", text)
    for alias, builtin in _TYPING_ALIASES.items():
        text = re.sub(rf"\b{alias}\[", f"{builtin}[", text)
    return text


def run_pyright(root: Path) -> tuple[dict[str, list[Diagnostic]], dict[str, list[Revealed]]]:
    """One pyright process over both sides: by side, the errors and warnings, and the types
    ``reveal_type`` showed."""
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
    revealed: dict[str, list[Revealed]] = {side: [] for side in SIDES}
    for diag in report["generalDiagnostics"]:
        path = Path(diag["file"])
        line = diag["range"]["start"]["line"] + 1
        shown = _REVEALED.match(diag["message"])
        if diag["severity"] == "information" and shown is not None:
            revealed[path.parent.name].append(
                Revealed(path.name, line, normalise_type(shown["type"]))
            )
            continue
        if diag["severity"] not in ("error", "warning"):
            continue
        found[path.parent.name].append(
            Diagnostic(
                program=path.name,
                line=line,
                rule=diag.get("rule", ""),
                message=diag["message"],
            )
        )
    return (
        {side: sorted(diags) for side, diags in found.items()},
        {side: sorted(types) for side, types in revealed.items()},
    )


def stricter_lines() -> set[tuple[str, int]]:
    """(program, line) of every line marked as a deliberate typed-only difference."""
    return {place for place, marker in _markers().items() if marker == STRICTER}


def known_lines() -> dict[tuple[str, int], str]:
    """(program, line) -> id of every line of a statement marked as a known difference (``# known:
    <id>`` on any of its lines: the formatter may move the comment to the statement's last line)."""
    known: dict[tuple[str, int], str] = {}
    for (program, number), marker in _markers().items():
        if not marker.startswith(KNOWN):
            continue
        first, last = _statement_lines(PROGRAMS / program, number)
        for line in range(first, last + 1):
            known[(program, line)] = marker.removeprefix(KNOWN).strip()
    return known


def _statement_lines(path: Path, number: int) -> tuple[int, int]:
    """The first and last line of the innermost simple statement around line ``number``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    spans = [
        (node.lineno, node.end_lineno or node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.stmt) and not hasattr(node, "body")
    ]
    around = [span for span in spans if span[0] <= number <= span[1]]
    return min(around, key=lambda span: span[1] - span[0], default=(number, number))


def _markers() -> dict[tuple[str, int], str]:
    marked: dict[tuple[str, int], str] = {}
    for path in PROGRAMS.glob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if STRICTER in line:
                marked[(path.name, number)] = STRICTER
            elif KNOWN in line:
                marked[(path.name, number)] = KNOWN + " " + line.split(KNOWN, 1)[1].strip()
    return marked


@dataclass
class Comparison:
    programs: list[str]
    sdk: list[Diagnostic]
    typed: list[Diagnostic]
    sdk_revealed: list[Revealed]
    typed_revealed: list[Revealed]

    def only_typed(self) -> list[Diagnostic]:
        places = {(d.program, d.line, d.rule) for d in self.sdk}
        return [d for d in self.typed if (d.program, d.line, d.rule) not in places]

    def only_sdk(self) -> list[Diagnostic]:
        places = {(d.program, d.line, d.rule) for d in self.typed}
        return [d for d in self.sdk if (d.program, d.line, d.rule) not in places]

    def revealed_differently(self) -> list[tuple[Revealed, Revealed | None]]:
        """``(the SDK's, ours)`` of every ``reveal_type`` whose types differ (ours None where
        pyright revealed nothing on that line for typed_openai)."""
        ours: dict[tuple[str, int], list[Revealed]] = {}
        for item in self.typed_revealed:
            ours.setdefault((item.program, item.line), []).append(item)
        differing: list[tuple[Revealed, Revealed | None]] = []
        for theirs in self.sdk_revealed:
            candidates = ours.get((theirs.program, theirs.line), [])
            if any(c.type == theirs.type for c in candidates):
                continue
            differing.append((theirs, candidates[0] if candidates else None))
        return differing

    def differing_lines(self) -> set[tuple[str, int]]:
        """Every (program, line) where typed_openai differs: an error only it reports, or a
        revealed type that is not the SDK's."""
        lines = {(d.program, d.line) for d in self.only_typed()}
        return lines | {(theirs.program, theirs.line) for theirs, _ in self.revealed_differently()}


def compare(root: Path) -> Comparison:
    names = write_tree(root)
    found, revealed = run_pyright(root)
    return Comparison(
        names, found["openai"], found["typed_openai"], revealed["openai"], revealed["typed_openai"]
    )


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
    differing = result.revealed_differently()
    print(f"revealed types: {len(result.sdk_revealed)}; differing: {len(differing)}")
    for theirs, ours in differing:
        print(f"  {theirs.program}:{theirs.line}\n    openai:       {theirs.type[:300]}")
        print(f"    typed_openai: {ours.type[:300] if ours else '(nothing)'}")


if __name__ == "__main__":
    main()
