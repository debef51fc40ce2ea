"""The copy of an OpenAPI 3.1 document that Prism mocks from: the document minus the defaults that
their own schemas reject.

Prism answers a request with a sample built from the response schema, and its sampler takes a
schema's `default` verbatim. Upstream declares some defaults that break their own schema (e.g.
`default: null` on realtime sessions' `noise_reduction`, an object that is not nullable); Prism
then answers with that value, its response validation rejects it, and the call gets a 500 for a
request that was valid. A default never changes what a request or an answer must look like, so
leaving those out changes only which sample Prism picks: request validation is the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from tests.support.yaml_files import load_yaml_file

_BASE = "urn:prism-document"
# keywords whose value maps names to schemas (or to other things): a key there is a name, so a
# property called `default` is not a schema's default
_NAME_MAPS = frozenset(
    {
        "properties",
        "patternProperties",
        "$defs",
        "schemas",
        "responses",
        "examples",
        "headers",
        "links",
        "callbacks",
        "webhooks",
        "paths",
        "encoding",
        "content",
        "securitySchemes",
        "parameters",
        "requestBodies",
        "mapping",
    }
)


def load(path: Path) -> Any:
    return load_yaml_file(path)


def rejected_defaults(document: Any) -> list[str]:
    """JSON pointers of the schemas whose `default` fails their own schema (OpenAPI 3.1 only)."""
    if not str(document.get("openapi", "")).startswith("3.1"):
        return []  # 3.0's `nullable` and boolean bounds are not JSON Schema 2020-12
    registry = Registry().with_resource(
        _BASE, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    bad = []
    for pointer, node in _schemas_with_a_default(document, ""):
        validator = Draft202012Validator({"$ref": f"{_BASE}#{pointer}"}, registry=registry)
        try:
            if not validator.is_valid(node["default"]):
                bad.append(pointer)
        except (SchemaError, Unresolvable):
            continue  # not a schema this check can judge: left as written
    return bad


def _schemas_with_a_default(node: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _schemas_with_a_default(item, f"{pointer}/{i}")
        return
    if not isinstance(node, dict):
        return
    if "default" in node and ("/components/schemas/" in pointer or "/schema" in pointer):
        yield pointer, node
    for key, value in node.items():
        child = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
        if key in _NAME_MAPS and isinstance(value, dict):
            for name, member in value.items():
                escaped = str(name).replace("~", "~0").replace("/", "~1")
                yield from _schemas_with_a_default(member, f"{child}/{escaped}")
        elif key != "default" and key != "example" and key != "examples":
            yield from _schemas_with_a_default(value, child)


def _at(document: Any, pointer: str) -> Any:
    node = document
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def prism_document(spec: Path, workdir: Path) -> Path:
    """The document Prism should mock from: `spec` itself, or a copy in `workdir` (JSON) without
    the defaults its schemas reject."""
    document = load(spec)
    dropped = rejected_defaults(document)
    if not dropped:
        return spec
    for pointer in dropped:
        del _at(document, pointer)["default"]
    target = workdir / f"{spec.stem}.json"
    target.write_text(json.dumps(document), encoding="utf-8")
    return target
