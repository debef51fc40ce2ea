"""Add the upstream operations, webhooks and schemas that spec/openapi.yml lacks.

Every upstream schema comes in, also one no operation uses: the official SDK has types for them
(the Realtime and Responses websocket events, stream event unions, enums such as `ChatCompletionRole`)
and code written for it imports those, so they are generated as types too.

What the spec already has is never changed: an operation already present stays as written, and a
schema name already present is reused as is (ours carry the same facts, checked by
tests/spec/test_spec_matches_upstream.py). New paths, operations, webhooks and schemas are added
in upstream document order, after what is there, so the output order is stable.
"""

from __future__ import annotations

from typing import Any

from .facts import operation_facts, schema_facts

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMA_REF = "#/components/schemas/"
SUCCESS = "Success."
WEBHOOK_ACK = "Answer with a 2xx status to acknowledge the event; other answers are retried."

# Deliberate differences (listed in the spec header): the Assistants beta operations declare the
# opt-in header they require, so the client sends it and Prism checks that it does.
BETA_PREFIXES = ("/assistants", "/threads")
BETA_HEADER = {"$ref": "#/components/parameters/OpenAIBetaAssistants"}


class ImportReport:
    def __init__(self) -> None:
        self.operations: list[str] = []
        self.webhooks: list[str] = []
        self.schemas: list[str] = []

    def __str__(self) -> str:
        return (
            f"added {len(self.operations)} operations, {len(self.webhooks)} webhooks, "
            f"{len(self.schemas)} schemas"
        )


def merge_upstream(ours: dict[str, Any], upstream: dict[str, Any]) -> ImportReport:
    """Add to `ours` (in place) every upstream operation and webhook it lacks, and their schemas."""
    report = ImportReport()
    needed: list[str] = []

    def resolve_response(ref: str) -> Any:
        return upstream["components"]["responses"][ref.rsplit("/", 1)[-1]]

    paths = ours.setdefault("paths", {})
    for path, item in upstream.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method not in item or method in paths.get(path, {}):
                continue
            op = operation_facts(item[method], SUCCESS, resolve_response)
            if path.startswith(BETA_PREFIXES):
                op.setdefault("parameters", []).append(dict(BETA_HEADER))
            paths.setdefault(path, {})[method] = op
            report.operations.append(op["operationId"])
            needed += _schema_refs(op)

    upstream_hooks = upstream.get("webhooks", {})
    if upstream_hooks:
        hooks = ours.setdefault("webhooks", {})
        for name, item in upstream_hooks.items():
            if name in hooks:
                continue
            hooks[name] = {
                method: operation_facts(item[method], WEBHOOK_ACK, resolve_response)
                for method in HTTP_METHODS
                if method in item
            }
            report.webhooks.append(name)
            needed += _schema_refs(hooks[name])

    # then every other upstream schema, in document order (after the ones the operations use)
    needed += list(upstream.get("components", {}).get("schemas", {}))
    report.schemas = _add_schemas(ours, upstream, needed)
    _add_security_schemes(ours, upstream)
    return report


def _add_schemas(ours: dict[str, Any], upstream: dict[str, Any], needed: list[str]) -> list[str]:
    """Copy the missing schemas `needed` refers to, and the ones those refer to, transitively."""
    theirs = upstream["components"]["schemas"]
    mine = ours.setdefault("components", {}).setdefault("schemas", {})
    fresh: dict[str, Any] = {}
    queue = list(needed)
    while queue:
        name = queue.pop()
        if name in mine or name in fresh:
            continue
        if name not in theirs:
            raise KeyError(f"upstream refers to a schema it does not define: {name}")
        fresh[name] = schema_facts(theirs[name])
        queue += _schema_refs(fresh[name])
    added = [name for name in theirs if name in fresh]  # upstream order
    for name in added:
        mine[name] = fresh[name]
    return added


def _add_security_schemes(ours: dict[str, Any], upstream: dict[str, Any]) -> None:
    """Operations may name upstream's other scheme (the admin key); declare every scheme used."""
    used = {
        scheme
        for item in ours.get("paths", {}).values()
        for method, op in item.items()
        if method in HTTP_METHODS
        for requirement in op.get("security", [])
        for scheme in requirement
    }
    theirs = upstream["components"].get("securitySchemes", {})
    mine = ours.setdefault("components", {}).setdefault("securitySchemes", {})
    for name in theirs:
        if name in used and name not in mine:
            mine[name] = {k: v for k, v in theirs[name].items() if k != "description"}


def _schema_refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = []
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_REF):
            found.append(ref[len(SCHEMA_REF) :])
        for value in node.values():
            found += _schema_refs(value)
        return found
    if isinstance(node, list):
        return [name for value in node for name in _schema_refs(value)]
    return []
