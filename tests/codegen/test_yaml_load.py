"""codegen.yaml_load: the same data (and the same errors) as PyYAML's C safe loader, built faster."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen import yaml_load
from codegen.yaml_load import load_yaml

REPO = Path(__file__).resolve().parents[2]
UPSTREAM = REPO.parent / "shared" / "openapi" / "openai-openapi.yaml"


def standard(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def fast_path_only(text: str) -> Any:
    """Build from events without the fallback: _Unusual escapes if the fast path gives up."""
    parser = yaml_load.CParser(text)
    try:
        return yaml_load._build(parser, yaml_load._PlainScalars())  # pyright: ignore[reportPrivateUsage]
    finally:
        parser.dispose()


# documents the fast path builds itself: plain scalars of every type the resolver knows
FAST = {
    "scalars": """
s: text
quoted_int: "12"
single: '3.5'
int: 12
neg: -7
hex: 0x1F
octal: 017
underscore: 1_000
sexagesimal: 1:30
float: 3.25
exp_no_dot: 1e3
exp: 1.0e+3
inf: .inf
ninf: -.Inf
bools: [yes, No, true, FALSE, on, Off]
nulls: [~, null, Null, ]
empty:
date: 2024-10-01
stamp: 2001-12-14t21:59:43.10-05:00
version: 1.10
literal: |
  two
  lines
folded: >
  one
  line
""",
    "keys": """
200: ok
"200": quoted
3.5: float key
true: bool key
~: null key
dup: first
dup: last
""",
    "nesting": """
a: {b: [1, {c: d}, []], e: {}}
list:
  - - x
    - y
  - {k: v}
top: [1, 2]
""",
    "anchors": """
base: &base {a: 1, b: [x]}
again: *base
text: &t shared words
uses: [*t, *t]
seq: &s [1, 2]
seqs: [*s]
""",
    "scalar top": "just text\n",
    "list top": "- 1\n- two\n",
    "empty document": "---\n",
    "empty stream": "",
    "comments only": "# nothing here\n",
}


@pytest.mark.parametrize("name", sorted(FAST))
def test_same_data_as_the_c_safe_loader_without_fallback(name: str) -> None:
    text = FAST[name]
    assert fast_path_only(text) == standard(text)
    assert load_yaml(text) == standard(text)


def test_typed_scalars_keep_their_types() -> None:
    got = load_yaml(FAST["scalars"])
    assert got["quoted_int"] == "12" and got["int"] == 12 and got["hex"] == 31
    assert got["exp_no_dot"] == "1e3"  # YAML 1.1: no dot, not a float (as PyYAML)
    assert got["inf"] == math.inf and got["version"] == 1.1
    assert got["bools"] == [True, False, True, False, True, False]
    assert got["nulls"] == [None, None, None] and got["empty"] is None
    keys = load_yaml(FAST["keys"])
    assert list(keys) == [200, "200", 3.5, True, None, "dup"] and keys["dup"] == "last"


def test_an_alias_is_the_anchored_object_itself() -> None:
    got = load_yaml(FAST["anchors"])
    assert got["again"] is got["base"] and got["seqs"][0] is got["seq"]


# documents left to the standard loader: the result or the error is exactly its own
FALLBACK = {
    "explicit tag": "a: !!str 12\nb: !!float 1\n",
    "set": "s: !!set {a, b}\n",
    "value key": "m:\n  =: 1\n",
    "merge": "one: &one {a: 1, b: 2}\ntwo: &two {b: 20}\nm:\n  <<: *two\n  <<: *one\n  own: x\n",
    "merge list": "one: &one {a: 1, bee: 2}\ntwo: &two {bee: 20}\nm:\n  <<: [*one, *two]\n",
    "merge of a scalar": "m:\n  <<: 1\n",
    "recursive alias": "a: &a [1, *a]\n",
    "unknown alias": "a: *missing\n",
    "repeated anchor": "a: &x 1\nb: &x 2\nc: *x\n",
    "unhashable key": "? [1, 2]\n: v\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "syntax error": "a: [1, 2\n",
    "bad indentation": "a:\n  b: 1\n c: 2\n",
}


def outcome(load: Any, text: str) -> Any:
    try:
        return ("ok", repr(load(text)))
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__, str(exc))


@pytest.mark.parametrize("name", sorted(FALLBACK))
def test_unusual_documents_get_the_standard_result_or_error(name: str) -> None:
    text = FALLBACK[name]
    assert outcome(load_yaml, text) == outcome(standard, text)


def test_the_project_spec_is_built_on_the_fast_path() -> None:
    text = (REPO / "spec" / "openapi.yml").read_text(encoding="utf-8")
    assert fast_path_only(text) == standard(text)


@pytest.mark.skipif(not UPSTREAM.exists(), reason="../shared/openapi is not present")
def test_the_upstream_document_is_built_on_the_fast_path() -> None:
    text = UPSTREAM.read_text(encoding="utf-8")
    assert fast_path_only(text) == standard(text)
