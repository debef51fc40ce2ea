"""python -m tools.parity_audit [--all]

Checks the reasons of tests/sdk_parity_allowed.txt that say the upstream OpenAPI document lacks a
shape ("no counterpart", "appears nowhere", "newer SDK") against that document: for each SDK type
such an entry names (a `module` entry: every class and Literal the module defines; a `name` entry:
the type, or the members of a union), it looks for the document's object with the same
discriminator values (the fields whose type is a one-value Literal) and the most field names in
common, and for an enum with the same members. Prints, per entry, whether the claim holds:

  counterpart  the document has an object with the same discriminators and most of the fields (or
               the same field names whatever the discriminator values): the reason is false
  partial      the discriminator values occur, on an object with other fields: read it by hand
  absent       nothing like it: the reason holds

`--all` prints every entry checked, not only those whose reason does not hold. The same function
backs tests/test_sdk_parity_reasons.py. Facts only: names and values are read, never copied.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import inspect
import re
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tools.sdk_names.shapes import (
    fields,
    is_model,
    is_typeddict,
    literal_values,
    union_members,
    unwrapped,
)

ROOT = Path(__file__).resolve().parents[1]
UPSTREAM = ROOT.parent / "shared" / "openapi" / "openai-openapi.yaml"
ALLOWED_FILE = ROOT / "tests" / "sdk_parity_allowed.txt"

# the reasons that claim the document lacks the SDK's shape (what this audit checks)
ABSENCE_CLAIMS = (
    "none of which has a counterpart",
    "appears nowhere in the upstream",
    "occurs nowhere in the upstream",
    "shapes the upstream OpenAPI document lacks",
    "an API the upstream OpenAPI document does not describe",
    "does not have",
)

# A counterpart: an object whose enums hold the SDK class's discriminator values, with at least
# SAME_DISCRIMINATORS_OVERLAP of its field names (Jaccard); or, whatever the discriminator values
# (the document may spell them otherwise or not enumerate them), one with SAME_FIELDS_OVERLAP of
# the names of a class of MIN_FIELDS fields or more, when the schema's name (or place) has
# SAME_NAME of the words of the class's name, or all the field names of a class of
# MIN_FIELDS_ANY_NAME or more. Smaller shapes ({code, message}, {id, object, deleted}) occur
# everywhere: a match on them alone is `partial`, for a reader to judge.
SAME_DISCRIMINATORS_OVERLAP = 0.6
SAME_FIELDS_OVERLAP = 0.85
MIN_FIELDS = 3
SAME_NAME = 0.75
SAME_VALUES = 0.8  # difflib ratio of discriminator values spelled otherwise (a.b vs a.output_b)
MIN_FIELDS_ANY_NAME = 5
# words of a class name that say nothing about its shape
NOISE_WORDS = {"Beta", "Param", "Params", "Event", "Response", "Object"}


@dataclass(frozen=True)
class Schema:
    """An object of the upstream document: where it is, its property names, their enum values."""

    where: str
    properties: frozenset[str]
    enums: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Finding:
    sdk_type: str
    verdict: str  # counterpart | partial | absent
    detail: str


class Document:
    """Every object (named or inline, allOf parts joined) and enum of the upstream document."""

    def __init__(self, path: Path = UPSTREAM) -> None:
        with path.open(encoding="utf-8") as handle:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            self.root: dict[str, Any] = yaml.load(handle, Loader=loader)
        self.schemas: list[Schema] = []
        self.enums: list[tuple[str, frozenset[str]]] = []
        self._walk(self.root, "#")

    def _resolve(self, node: Any) -> Any:
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target: Any = self.root
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            return target
        return node

    def _properties(self, node: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for part in node.get("allOf") or []:
            part = self._resolve(part)
            if isinstance(part, dict):
                found.update(self._properties(part))
        if isinstance(node.get("properties"), dict):
            found.update(node["properties"])
        return found

    def _walk(self, node: Any, where: str) -> None:
        if isinstance(node, dict):
            properties = self._properties(node)
            if properties:
                enums = {
                    name: values
                    for name, schema in properties.items()
                    if (values := _enum(self._resolve(schema))) is not None
                }
                self.schemas.append(Schema(where, frozenset(properties), enums))
            values = _enum(node)
            if values is not None:
                self.enums.append((where, values))
            for key, value in node.items():
                self._walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self._walk(value, f"{where}/{index}")

    def audit_class(self, label: str, cls: type) -> Finding:
        names = frozenset(fields(cls))
        discriminators = {
            name: values
            for name, annotation in fields(cls).items()
            if (values := literal_values(annotation)) is not None and len(values) == 1
        }
        words = _words(cls.__name__)
        # the best schema whose enums hold the SDK's discriminator values (field overlap first)
        best_same: tuple[float, float, Schema] | None = None
        # the most alike schema (by name, then discriminator values) among those with most fields
        best_fields: tuple[float, float, float, Schema] | None = None
        for schema in self.schemas:
            overlap = len(names & schema.properties) / len(names | schema.properties)
            if overlap == 0:
                continue
            same = bool(discriminators) and all(
                values <= schema.enums.get(name, frozenset())
                for name, values in discriminators.items()
            )
            if same and (best_same is None or overlap > best_same[0]):
                best_same = (overlap, 0.0, schema)
            if overlap >= SAME_FIELDS_OVERLAP:
                rank = (
                    _name_likeness(words, schema.where),
                    _likeness(discriminators, schema),
                    overlap,
                    schema,
                )
                if best_fields is None or rank[:3] > best_fields[:3]:
                    best_fields = rank
        if best_same is not None and best_same[0] >= SAME_DISCRIMINATORS_OVERLAP:
            return Finding(label, "counterpart", _diff(names, best_same[0], best_same[2]))
        if best_fields is not None and len(names) >= MIN_FIELDS:
            named, alike, overlap, schema = best_fields
            detail = _diff(names, overlap, schema)
            if discriminators:
                detail += "; other discriminator values: " + ", ".join(
                    f"{name} {sorted(values)} vs {sorted(schema.enums.get(name, ()))}"
                    for name, values in discriminators.items()
                )
            conflict = any(
                name in schema.enums and not values <= schema.enums[name]
                for name, values in discriminators.items()
            )
            if not conflict and overlap == 1 and len(names) >= MIN_FIELDS_ANY_NAME:
                return Finding(label, "counterpart", detail)
            if named >= SAME_NAME and (not conflict or alike >= SAME_VALUES):
                return Finding(label, "counterpart", detail + f" (name {named:.0%} alike)")
            return Finding(label, "partial", detail + f" (name {named:.0%} alike)")
        if best_same is not None:
            return Finding(label, "partial", _diff(names, best_same[0], best_same[2]))
        return Finding(label, "absent", "no object with the same discriminators or fields")

    def audit_literal(self, label: str, values: frozenset[str]) -> Finding:
        best: tuple[float, str, frozenset[str]] | None = None
        for where, members in self.enums:
            share = len(values & members) / len(values)
            if best is None or share > best[0]:
                best = (share, where, members)
        if best is None or best[0] == 0:
            return Finding(label, "absent", "no enum with any of its members")
        share, where, members = best
        detail = f"{where}: {len(values & members)} of {len(values)} members"
        if missing := sorted(values - members):
            detail += f", lacks {', '.join(missing)}"
        return Finding(label, "counterpart" if share >= 0.75 else "partial", detail)


def _enum(node: Any) -> frozenset[str] | None:
    if not isinstance(node, dict):
        return None
    if isinstance(node.get("enum"), list):
        return frozenset(repr(v) for v in node["enum"])
    if isinstance(node.get("const"), str):
        return frozenset({repr(node["const"])})
    return None


def _words(name: str) -> set[str]:
    return set(re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name)) - NOISE_WORDS


def _name_likeness(words: set[str], where: str) -> float:
    """Share of a class name's words found in a schema's place (`#/components/schemas/X/...`)."""
    if not words:
        return 0.0
    found = {
        w.lower()
        for part in where.split("/")
        for w in re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", part)
    }
    return sum(1 for w in words if w.lower() in found) / len(words)


def _likeness(discriminators: dict[str, frozenset[str]], schema: Schema) -> float:
    """How alike the SDK's discriminator values are to the schema's (1 for the same)."""
    if not discriminators:
        return 0.0
    total = 0.0
    for name, values in discriminators.items():
        theirs = schema.enums.get(name)
        if theirs:
            total += max(
                difflib.SequenceMatcher(None, next(iter(values)), other).ratio() for other in theirs
            )
    return total / len(discriminators)


def _diff(names: frozenset[str], overlap: float, schema: Schema) -> str:
    detail = f"{schema.where} ({overlap:.0%} of the field names in common)"
    if only_sdk := sorted(names - schema.properties):
        detail += f"; only the SDK's: {', '.join(only_sdk)}"
    if only_document := sorted(schema.properties - names):
        detail += f"; only the document's: {', '.join(only_document)}"
    return detail


def _sdk_types(key: str) -> Iterator[tuple[str, Any]]:
    """(label, type) of each SDK type an allow-list key names."""
    kind, _, qualname = key.partition(" ")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind == "module":
            module = importlib.import_module(qualname)
            for name, value in sorted(vars(module).items()):
                if name.startswith("_"):
                    continue
                if inspect.isclass(value) and value.__module__ != qualname:
                    continue
                yield f"{qualname}.{name}", value
            return
        module_name, _, name = qualname.rpartition(".")
        yield qualname, getattr(importlib.import_module(module_name), name)


def audit_value(document: Document, label: str, value: Any) -> list[Finding]:
    if inspect.isclass(value) and (is_model(value) or is_typeddict(value)):
        return [document.audit_class(label, value)]
    values = literal_values(value)
    if values is not None:
        return [document.audit_literal(label, values)]
    members = union_members(unwrapped(value))
    if members:
        found: list[Finding] = []
        for member in members:
            member = unwrapped(member)
            if member is type(None):
                continue
            name = getattr(member, "__name__", repr(member))
            found += audit_value(document, f"{label}|{name}", member)
        return found
    return []


def _is_union(value: Any) -> bool:
    return union_members(unwrapped(value)) is not None and literal_values(value) is None


def absence_claims(path: Path = ALLOWED_FILE) -> dict[str, str]:
    """The `module` and `name` entries whose reason says the document lacks the shape."""
    found: dict[str, str] = {}
    reason = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# reason:"):
            reason = line.removeprefix("# reason:").strip()
        elif (
            line.startswith(("module ", "name "))
            and not reason.startswith("NOT BUILT YET")
            and any(claim in reason for claim in ABSENCE_CLAIMS)
        ):
            found[line] = reason
    return found


# a reason naming strings the document's text lacks: "the upstream document's text has none of
# `/agents`, `/live`" (each backticked string up to the next `;` or `)`), checked verbatim
TEXT_CLAIM = "the upstream document's text has none of"


def text_claims(path: Path = ALLOWED_FILE) -> dict[str, tuple[str, ...]]:
    """Reason -> the strings it says occur nowhere in the document's text."""
    found: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        reason = line.removeprefix("# reason:").strip()
        if line.startswith("# reason:") and TEXT_CLAIM in reason:
            claim = re.split(r"[;)]", reason.split(TEXT_CLAIM, 1)[1], maxsplit=1)[0]
            found[reason] = tuple(re.findall(r"`([^`]+)`", claim))
    return found


def text_found(strings: tuple[str, ...], path: Path = UPSTREAM) -> list[str]:
    """The strings of a text claim that the document's text does have (the claim is false)."""
    text = path.read_text(encoding="utf-8")
    return [s for s in strings if s in text]


@cache
def document() -> Document:
    return Document()


def verdict(findings: list[Finding], union: bool) -> str:
    """An entry's verdict. A class or module: a counterpart if any of its types has one (a
    `module` entry says none has). A union: absent if any member is (that is the claim), else
    counterpart if every member has one."""
    kinds = [f.verdict for f in findings]
    if not kinds:
        return "absent"
    if union:
        if "absent" in kinds:
            return "absent"
        return "counterpart" if all(k == "counterpart" for k in kinds) else "partial"
    if "counterpart" in kinds:
        return "counterpart"
    return "partial" if "partial" in kinds else "absent"


def audit(path: Path = ALLOWED_FILE) -> dict[str, tuple[str, list[Finding]]]:
    """Entry -> (verdict, findings per SDK type) for every absence claim of the allow-list."""
    doc = document()
    result: dict[str, tuple[str, list[Finding]]] = {}
    for key in absence_claims(path):
        types = list(_sdk_types(key))
        findings = [f for label, value in types for f in audit_value(doc, label, value)]
        union = key.startswith("name ") and all(_is_union(value) for _, value in types)
        result[key] = (verdict(findings, union), findings)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.parity_audit", description=__doc__)
    parser.add_argument("--all", action="store_true", help="print every entry, not only doubtful")
    args = parser.parse_args(argv)
    results = audit()
    counts: dict[str, int] = {}
    for key, (outcome, findings) in results.items():
        counts[outcome] = counts.get(outcome, 0) + 1
        if outcome == "absent" and not args.all:
            continue
        print(f"{outcome:11}  {key}")
        for finding in findings:
            if finding.verdict != "absent" or args.all:
                print(f"    {finding.verdict:11}  {finding.sdk_type}: {finding.detail}")
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    print(f"parity_audit: {len(results)} absence claims checked: {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
