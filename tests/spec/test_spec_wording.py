"""Our descriptions are our own words: none is a near copy of upstream's text for the same element.

Covers every operation summary and parameter (the /organization and /projects ones are checked,
with the same measure, by test_admin_descriptions.py), every schema and property description of a
schema upstream also has, and the webhooks.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.yaml_files import load_yaml_file

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM_PATH = Path(
    os.environ.get(
        "TYPED_OPENAI_UPSTREAM_SPEC", ROOT.parent / "shared" / "openapi" / "openai-openapi.yaml"
    )
)
if not UPSTREAM_PATH.exists():
    pytest.skip(
        "the upstream OpenAI document (../shared) is not available", allow_module_level=True
    )

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
ADMIN_PREFIXES = ("/organization", "/projects")
# Above this difflib ratio (lower-cased, whitespace folded) a text counts as copied.
COPY_RATIO = 0.8


def _load(path: Path) -> dict[str, Any]:
    return load_yaml_file(path)


OURS = _load(ROOT / "spec" / "openapi.yml")
UPSTREAM = _load(UPSTREAM_PATH)


def _resolve(doc: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = doc
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _properties(doc: dict[str, Any], schema: Any) -> dict[str, Any]:
    schema = _resolve(doc, schema)
    found: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        found.update(_properties(doc, part))
    found.update(schema.get("properties") or {})
    return found


def _pairs() -> Iterator[tuple[str, str, str | None]]:
    """(where, our text, upstream's text for the same element)."""
    for path, item in OURS["paths"].items():
        if path.startswith(ADMIN_PREFIXES):
            continue
        for method in HTTP_METHODS:
            if method not in item:
                continue
            ours, up = item[method], UPSTREAM["paths"][path][method]
            where = ours["operationId"]
            if "summary" in ours:
                yield f"{where}.summary", ours["summary"], up.get("summary")
                yield f"{where}.summary", ours["summary"], up.get("description")
            up_params = {
                (p["in"], p["name"]): p
                for p in (_resolve(UPSTREAM, raw) for raw in up.get("parameters", []))
            }
            for param in ours.get("parameters", []):
                if "$ref" in param or "description" not in param:
                    continue
                theirs = up_params.get((param["in"], param["name"]), {})
                yield (
                    f"{where}.{param['name']}",
                    param["description"],
                    theirs.get("description") or theirs.get("schema", {}).get("description"),
                )
    for name, schema in OURS["components"]["schemas"].items():
        theirs = UPSTREAM["components"]["schemas"].get(name)
        if theirs is None or not isinstance(schema, dict):
            continue
        if "description" in schema:
            yield name, schema["description"], theirs.get("description")
        up_props = _properties(UPSTREAM, theirs)
        for prop, value in _properties(OURS, schema).items():
            if isinstance(value, dict) and "description" in value and prop in up_props:
                their_prop = up_props[prop]
                text = their_prop.get("description") or _resolve(UPSTREAM, their_prop).get(
                    "description"
                )
                yield f"{name}.{prop}", value["description"], text
    for name, item in OURS.get("webhooks", {}).items():
        for method, op in item.items():
            if "summary" in op:
                yield name, op["summary"], UPSTREAM["webhooks"][name][method].get("description")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower().rstrip(".")


def _too_close(ours: str, theirs: str | None) -> bool:
    if not theirs:
        return False
    ratio = difflib.SequenceMatcher(None, _normalise(ours), _normalise(theirs)).ratio()
    return ratio >= COPY_RATIO


def test_no_description_is_a_near_copy_of_upstream() -> None:
    pairs = list(_pairs())
    assert len(pairs) > 1000  # the check has something to check
    copied = [f"{where}: {ours!r}" for where, ours, theirs in pairs if _too_close(ours, theirs)]
    assert not copied, "\n".join(copied)


def test_the_measure_notices_a_light_rephrasing() -> None:
    assert _too_close("Deletes a vector store.", "Delete a vector store.")
    assert not _too_close("Vector store ID.", "The ID of the vector store to delete.")
