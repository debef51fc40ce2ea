"""Type-level drop-in: the programs in ``programs/`` are written for the official SDK; each is
checked twice — as written (``openai``) and with only the import changed (``typed_openai``) — by
the two type checkers users run on such code: pyright (what an editor shows) and mypy. Each checker
runs once over both variants (the two checkers side by side, one process each), and per checker
the two sets of diagnostics are compared line by line, as are the types it reveals
(``reveal_type(x)``, imported from typing_extensions).

``python -m tests.typing.drop_in_types [-v] [PROGRAM.py ...]`` prints the comparisons (and the time
each checker took).
"""

from __future__ import annotations

import ast
import functools
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROGRAMS = Path(__file__).parent / "programs"
SIDES = ("openai", "typed_openai")
CHECKERS = ("pyright", "mypy")
PYTHON_VERSION = "3.10"  # the oldest Python both packages support

# A line ending in this marker is a deliberate difference: typed_openai flags it and the SDK does
# not, for the reason written after the marker (the SDK's types accept something wrong there).
STRICTER = "# typed-only:"

# A line ending in this marker reveals a type that deliberately differs from the SDK's, for the
# reason written after the marker (e.g. what the HTTP library this client is built on types
# otherwise); each marked line must differ.
DIFFERS = "# differs:"

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
    rule: str  # pyright's rule, mypy's error code
    message: str

    def __str__(self) -> str:
        first = self.message.splitlines()[0]
        return f"{self.program}:{self.line} [{self.rule}] {first}"


@dataclass(frozen=True, order=True)
class Revealed:
    program: str
    line: int  # 1-based
    type: str  # as the checker prints it, normalised (`normalise_type`, `normalise_mypy_type`)


# What one checker found, by side: the errors (and warnings) and the revealed types.
Found = tuple[dict[str, list[Diagnostic]], dict[str, list[Revealed]]]


def _folder(side: str) -> str:
    """The folder of a side's programs: a package of its own (mypy names a module by its
    package; the two sides' files have the same names), not named like the package it imports."""
    return f"programs_{side}"


_SIDE_OF = {_folder(side): side for side in SIDES}


def write_tree(root: Path, only: list[str] | None = None) -> list[str]:
    """Both variants of every program (or of those named in ``only``) under
    ``root/programs_<side>/``, and pyright's configuration; returns the program names."""
    names = sorted(p.name for p in PROGRAMS.glob("*.py") if not only or p.name in only)
    for side in SIDES:
        folder = root / _folder(side)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text("", encoding="utf-8")
        for name in names:
            source = (PROGRAMS / name).read_text(encoding="utf-8")
            (folder / name).write_text(variant(source, side), encoding="utf-8")
    config = {
        "pythonVersion": PYTHON_VERSION,
        "typeCheckingMode": "standard",
        "include": [_folder(side) for side in SIDES],
    }
    (root / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    return names


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


_QUOTED = re.compile(r"('(?:[^'\\]|\\.)*')")
_MYPY_QUALIFIED = re.compile(r"\b(?:[A-Za-z_][A-Za-z0-9_]*\.)+(?=[A-Za-z_][A-Za-z0-9_]*\b)")


def normalise_mypy_type(text: str) -> str:
    """A type as mypy reveals it, read as pyright shows it: every name without its module path
    (mypy qualifies all of them; a module path is where a package keeps a class, not its type),
    and a TypedDict by its name only — mypy spells out every key, in the order its class declares
    them, which is no part of the type; which keys each TypedDict has is compared with the SDK's
    by tests/test_sdk_parity.py."""
    text = _drop_typed_dict_keys(text)
    parts = _QUOTED.split(text)  # leave string literals (Literal['gpt-4.1']) as they are
    return normalise_type(
        "".join(part if i % 2 else _MYPY_QUALIFIED.sub("", part) for i, part in enumerate(parts))
    )


_TYPED_DICT = re.compile(r"TypedDict\((?P<name>[A-Za-z0-9_.]+), \{")


def _drop_typed_dict_keys(text: str) -> str:
    """``TypedDict(name, {...})`` (nested ones too) as ``name``."""
    out: list[str] = []
    i = 0
    while True:
        match = _TYPED_DICT.search(text, i)
        if match is None:
            out.append(text[i:])
            return "".join(out)
        out.append(text[i : match.start()])
        out.append(match["name"])
        depth, j, quoted = 1, match.end(), False
        while depth:
            char = text[j]
            if char == "'" and text[j - 1] != "\\":
                quoted = not quoted
            elif not quoted and char == "{":
                depth += 1
            elif not quoted and char == "}":
                depth -= 1
            j += 1
        if text[j : j + 1] != ")":
            raise ValueError(f"not a TypedDict as mypy shows one: {text[match.start() : j + 1]}")
        i = j + 1


def _side_and_program(path: Path) -> tuple[str, str]:
    return _SIDE_OF[path.parent.name], path.name


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def start_pyright(root: Path) -> subprocess.Popen[str]:
    """One pyright process over both sides (its report: ``read_pyright``)."""
    return subprocess.Popen(
        [_bin("pyright"), "--outputjson", "--pythonpath", sys.executable, "-p", str(root)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_pyright(output: str) -> Found:
    """By side, the errors and warnings pyright reported, and the types ``reveal_type`` showed."""
    report = json.loads(output)
    found: dict[str, list[Diagnostic]] = {side: [] for side in SIDES}
    revealed: dict[str, list[Revealed]] = {side: [] for side in SIDES}
    for diag in report["generalDiagnostics"]:
        side, program = _side_and_program(Path(diag["file"]))
        line = diag["range"]["start"]["line"] + 1
        shown = _REVEALED.match(diag["message"])
        if diag["severity"] == "information" and shown is not None:
            revealed[side].append(Revealed(program, line, normalise_type(shown["type"])))
            continue
        if diag["severity"] not in ("error", "warning"):
            continue
        found[side].append(Diagnostic(program, line, diag.get("rule", ""), diag["message"]))
    return _sorted(found, revealed)


def start_mypy(root: Path) -> subprocess.Popen[str]:
    """One mypy process over both sides, strict (what a project typed throughout runs), with its
    cache in ``root``. It checks the programs and what they import of each package, not the rest
    (its report: ``read_mypy``)."""
    return subprocess.Popen(
        [
            _bin("mypy"),
            "--strict",
            "--python-version",
            PYTHON_VERSION,
            "--python-executable",
            sys.executable,
            "--cache-dir",
            str(root / ".mypy_cache"),
            "--output",
            "json",
            *(_folder(side) for side in SIDES),
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


_MYPY_REVEALED = re.compile(r'^Revealed type is "(?P<type>.*)"$', re.DOTALL)


def read_mypy(output: str) -> Found:
    """By side, the errors mypy reported, and the types ``reveal_type`` showed (its other notes
    explain an error and are not compared)."""
    found: dict[str, list[Diagnostic]] = {side: [] for side in SIDES}
    revealed: dict[str, list[Revealed]] = {side: [] for side in SIDES}
    for row in output.splitlines():
        diag = json.loads(row)
        side, program = _side_and_program(Path(diag["file"]))
        shown = _MYPY_REVEALED.match(diag["message"])
        if diag["severity"] == "note" and shown is not None:
            revealed[side].append(
                Revealed(program, diag["line"], normalise_mypy_type(shown["type"]))
            )
        elif diag["severity"] == "error":
            found[side].append(
                Diagnostic(program, diag["line"], diag["code"] or "", diag["message"])
            )
    return _sorted(found, revealed)


def _sorted(found: dict[str, list[Diagnostic]], revealed: dict[str, list[Revealed]]) -> Found:
    return (
        {side: sorted(diags) for side, diags in found.items()},
        {side: sorted(types) for side, types in revealed.items()},
    )


_RUN: dict[str, tuple[Callable[[Path], subprocess.Popen[str]], Callable[[str], Found]]] = {
    "pyright": (start_pyright, read_pyright),
    "mypy": (start_mypy, read_mypy),
}


def run_checkers(root: Path, timeout: float = 900) -> tuple[dict[str, Found], dict[str, float]]:
    """Every checker over the tree at ``root``, all at once (one process each, each read by a
    thread of its own): what each found, and the seconds each took."""
    from concurrent.futures import ThreadPoolExecutor

    def run(checker: str) -> tuple[str, str, float, int]:
        started = time.perf_counter()
        process = _RUN[checker][0](root)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        finally:
            process.kill()  # a no-op once it has ended
        return stdout, stderr, time.perf_counter() - started, process.returncode

    with ThreadPoolExecutor(len(CHECKERS)) as pool:
        outputs = dict(zip(CHECKERS, pool.map(run, CHECKERS), strict=True))
    results: dict[str, Found] = {}
    for checker, (stdout, stderr, _, code) in outputs.items():
        try:
            if code not in (0, 1):  # 1: it found errors; anything else: it did not check
                raise RuntimeError(f"exit status {code}")
            results[checker] = _RUN[checker][1](stdout)
        except (RuntimeError, json.JSONDecodeError, KeyError) as exc:
            raise RuntimeError(f"{checker} gave no report ({exc}): {stderr or stdout}") from exc
    return results, {checker: output[2] for checker, output in outputs.items()}


@functools.cache
def absent_by_design() -> frozenset[str]:
    """The SDK's classes that have no counterpart here for a stated, deliberate reason (an API
    newer than the upstream document, a provider not taken on, ...): the names
    tests/sdk_parity_allowed.txt lists with such a reason (not one of work not built yet)."""
    from tests.test_sdk_parity import NOT_BUILT, allowed

    return frozenset(
        key.rsplit(".", 1)[1]
        for key, reason in allowed().items()
        if key.startswith("name ") and not reason.startswith(NOT_BUILT)
    )


def without_members(text: str, names: frozenset[str]) -> str:
    """A revealed type with the union members named in ``names`` left out (e.g. the SDK's
    Responses stream event union without the event of an API newer than the document)."""
    for name in names.intersection(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)):
        text = re.sub(rf" \| {name}(?![\w\[.])", "", text)
        text = re.sub(rf"(?<![\w.]){name} \| ", "", text)
    return text


def stricter_lines() -> set[tuple[str, int]]:
    """(program, line) of every line marked as a deliberate typed-only difference."""
    return {place for place, marker in _markers().items() if marker == STRICTER}


def differing_type_statements() -> list[set[tuple[str, int]]]:
    """The (program, line)s of each statement marked as revealing a deliberately different type
    (the marker on any of its lines: the formatter may move it to the statement's last line)."""
    statements: list[set[tuple[str, int]]] = []
    for (program, number), marker in sorted(_markers().items()):
        if marker == DIFFERS:
            first, last = _statement_lines(PROGRAMS / program, number)
            statements.append({(program, line) for line in range(first, last + 1)})
    return statements


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
            elif DIFFERS in line:
                marked[(path.name, number)] = DIFFERS
            elif KNOWN in line:
                marked[(path.name, number)] = KNOWN + " " + line.split(KNOWN, 1)[1].strip()
    return marked


@dataclass
class Comparison:
    """What one checker found in both variants of the programs."""

    checker: str
    programs: list[str]
    sdk: list[Diagnostic]
    typed: list[Diagnostic]
    sdk_revealed: list[Revealed]
    typed_revealed: list[Revealed]
    seconds: float

    def only_typed(self) -> list[Diagnostic]:
        places = {(d.program, d.line, d.rule) for d in self.sdk}
        return [d for d in self.typed if (d.program, d.line, d.rule) not in places]

    def only_sdk(self) -> list[Diagnostic]:
        places = {(d.program, d.line, d.rule) for d in self.typed}
        return [d for d in self.sdk if (d.program, d.line, d.rule) not in places]

    def revealed_differently(self) -> list[tuple[Revealed, Revealed | None]]:
        """``(the SDK's, ours)`` of every ``reveal_type`` whose types differ (ours None where
        the checker revealed nothing on that line for typed_openai). A member of the SDK's
        union that has no counterpart here by design (``absent_by_design``) may be missing from
        ours."""
        ours: dict[tuple[str, int], list[Revealed]] = {}
        for item in self.typed_revealed:
            ours.setdefault((item.program, item.line), []).append(item)
        differing: list[tuple[Revealed, Revealed | None]] = []
        for theirs in self.sdk_revealed:
            candidates = ours.get((theirs.program, theirs.line), [])
            expected = {theirs.type, without_members(theirs.type, absent_by_design())}
            if any(c.type in expected for c in candidates):
                continue
            differing.append((theirs, candidates[0] if candidates else None))
        return differing

    def differing_lines(self) -> set[tuple[str, int]]:
        """Every (program, line) where typed_openai differs: an error only it reports, or a
        revealed type that is not the SDK's."""
        lines = {(d.program, d.line) for d in self.only_typed()}
        return lines | {(theirs.program, theirs.line) for theirs, _ in self.revealed_differently()}


def compare(root: Path, only: list[str] | None = None) -> dict[str, Comparison]:
    """By checker, the comparison of both variants of every program (or of those named in
    ``only``), written under ``root``."""
    names = write_tree(root, only)
    results, took = run_checkers(root)
    return {
        checker: Comparison(
            checker,
            names,
            found["openai"],
            found["typed_openai"],
            revealed["openai"],
            revealed["typed_openai"],
            took[checker],
        )
        for checker, (found, revealed) in results.items()
    }


def main() -> None:
    import tempfile

    verbose = "-v" in sys.argv
    only = [arg for arg in sys.argv[1:] if not arg.startswith("-")]  # program names, e.g. j_x.py
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        results = compare(Path(tmp), only)
        took = time.perf_counter() - start
    print(f"{len(next(iter(results.values())).programs)} programs, checked in {took:.1f}s")
    for result in results.values():
        print(f"== {result.checker} ({result.seconds:.1f}s)")
        print(f"openai: {len(result.sdk)} diagnostics; typed_openai: {len(result.typed)}")
        for title, diags in (
            ("only typed_openai", result.only_typed()),
            ("only openai", result.only_sdk()),
        ):
            print(f"{title}: {len(diags)}")
            for diag in diags:
                print(" ", diag, *(["\n   ", diag.message] if verbose else []))
        differing = result.revealed_differently()
        print(f"revealed types: {len(result.sdk_revealed)}; differing: {len(differing)}")
        for theirs, ours in differing:
            print(f"  {theirs.program}:{theirs.line}\n    openai:       {theirs.type[:300]}")
            print(f"    typed_openai: {ours.type[:300] if ours else '(nothing)'}")
            if ours is not None and len(theirs.type) > 300:  # what the two long types differ in
                mine, sdk = set(_members(ours.type)), set(_members(theirs.type))
                print(
                    f"    only openai: {sorted(sdk - mine)}; only typed_openai: {sorted(mine - sdk)}"
                )


def _members(text: str) -> list[str]:
    """The parts of a type between top-level ``|``, ``,`` and brackets (to show what two long
    types differ in)."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(text + "|"):
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        if char in "|,[]" and depth <= 1:
            parts.append(text[start:i].strip(" []"))
            start = i + 1
    return [part for part in parts if part]


if __name__ == "__main__":
    main()
