"""Walking a client's resource tree the same way for ours and the official SDK's (tests only)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from tests.support.yaml_files import load_yaml_file

ROOT = Path(__file__).resolve().parents[2]

VIEWS = ("with_raw_response", "with_streaming_response")


def is_resource(value: object) -> bool:
    bases = {c.__name__ for c in type(value).__mro__}
    return bool(bases & {"SyncAPIResource", "AsyncAPIResource"})


def members(resource: object) -> Iterator[tuple[str, object]]:
    for name in dir(resource):
        if name.startswith("_"):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            yield name, getattr(resource, name)


@cache
def configured_paths() -> frozenset[tuple[str, ...]]:
    """Resource paths spec/config.yml lays out: what this client ships at the SDK's place (an
    operation the config does not place yet sits on a default-named resource meanwhile)."""
    tree = load_yaml_file(ROOT / "spec" / "config.yml").get("resources") or {}
    found: set[tuple[str, ...]] = set()

    def subtree(dotted: str) -> dict[str, Any]:
        node: Any = {"resources": tree}
        for part in dotted.split("."):
            node = (node.get("resources") or {})[part] or {}
        return node

    def visit(nodes: dict[str, Any], path: tuple[str, ...]) -> None:
        for name, node in nodes.items():
            node = node or {}
            found.add((*path, name))
            if "alias" in node:  # `beta.chat` is `chat`, children included
                node = subtree(node["alias"])
            visit(node.get("resources") or {}, (*path, name))

    visit(tree, ())
    return frozenset(found)


def shipped(resource: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path, resource) for every resource of our client that the config lays out, depth first."""
    configured = configured_paths()
    for name, value in members(resource):
        if is_resource(value) and (*path, name) in configured:
            yield (*path, name), value
            yield from shipped(value, (*path, name))


def at(root: object, path: tuple[str, ...]) -> Any:
    node: Any = root
    for name in path:
        node = getattr(node, name, None)
        if node is None:
            return None
    return node


def methods(resource: object) -> dict[str, Any]:
    return {
        name: value
        for name, value in members(resource)
        if callable(value) and not is_resource(value) and name not in VIEWS
    }
