"""Drive a generated client against a Prism mock of its own spec: every operation called with
arguments synthesised from the spec's schemas, each result checked against the declared type.

Prism validates every request (an invalid one is answered 422, a missing credential 401), so a
call that the client encodes wrongly is `rejected`; an answer the client cannot turn into the
declared type is a `parse error`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType
from typing import Any

from codegen.ir import AliasDef, ApiIR, ListOf, ModelDef, Named, OperationIR, Prim, strip_none
from codegen.loader import Document, Loader

# operations a Prism mock cannot answer as the spec says; each is called anyway and skipped only
# if it fails for that reason
PRISM_LIMITS = {
    "sse": "Prism cannot mock an event stream (it serialises one example, or fails to)",
    "form-array": "Prism reads a repeated url-encoded key as one string, so an exploded array"
    " (OpenAPI's default for form bodies, and what the client sends) fails its validation",
}


@dataclass
class Outcome:
    operation: str
    status: str  # ok | rejected | parse-error | error | skipped
    detail: str = ""


@dataclass
class SpecReport:
    spec: str
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def row(self) -> str:
        return (
            f"{self.spec:<12} operations={len(self.outcomes):>3} ok={self.count('ok'):>3} "
            f"rejected={self.count('rejected'):>2} parse_errors={self.count('parse-error'):>2} "
            f"errors={self.count('error'):>2} skipped={self.count('skipped'):>2}"
        )


# --- values from schemas ------------------------------------------------------------------------

_FORMATS: dict[str, Any] = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "email": "someone@example.com",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
    "uri": "https://example.com/x",
    "url": "https://example.com/x",
    "hostname": "example.com",
    "ipv4": "127.0.0.1",
    "int64": 1,
    "int32": 1,
}


def synth(loader: Loader, node: Any, doc: Document, depth: int = 0) -> Any:
    """A value the schema accepts: its example or default when it has one, else built from it."""
    if isinstance(node, dict) and "$ref" in node:
        node, doc, _ = loader.deref(node, doc, "")
    if not isinstance(node, dict) or depth > 6:
        return "x"
    for key in ("const", "example", "default"):
        if key in node and node[key] is not None:
            return node[key]
    if isinstance(node.get("examples"), list) and node["examples"]:
        return node["examples"][0]
    if isinstance(node.get("enum"), list):
        values = [v for v in node["enum"] if v is not None]
        return values[0] if values else None
    for key in ("oneOf", "anyOf"):
        if isinstance(node.get(key), list) and node[key]:
            arms = [a for a in node[key] if not (isinstance(a, dict) and a.get("type") == "null")]
            return synth(loader, (arms or node[key])[0], doc, depth + 1)
    if isinstance(node.get("allOf"), list):
        merged: dict[str, Any] = {}
        for member in node["allOf"]:
            value = synth(loader, member, doc, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
            elif not _only_constraints(member):
                return value
        return merged
    types = node.get("type")
    kind = next((t for t in types if t != "null"), None) if isinstance(types, list) else types
    if kind is None:
        kind = "object" if "properties" in node or "additionalProperties" in node else None
        kind = kind or ("array" if "items" in node else None)
    if kind == "string":
        if node.get("format") == "binary" or "contentMediaType" in node:
            return ("upload.bin", b"corpus bytes")
        text = _FORMATS.get(str(node.get("format")), "text")
        return text + "x" * max(0, int(node.get("minLength", 0)) - len(text))
    if kind == "integer":
        return max(int(node.get("minimum", 1)), 1) if "maximum" not in node else node["maximum"]
    if kind == "number":
        low, high = node.get("minimum", 0), node.get("maximum", 2)
        return (low + high) / 2
    if kind == "boolean":
        return True
    if kind == "array":
        # two items where allowed: a form or query value given once is read back by Prism as a
        # string, not a one-item array (the wire cannot tell them apart)
        count = max(int(node.get("minItems", 0)), min(2, int(node.get("maxItems", 2))))
        items = [synth(loader, node.get("items", {}), doc, depth + 1) for _ in range(count)]
        if node.get("uniqueItems") and len(items) > 1 and items[0] == items[1]:
            items = items[:1]
        return items
    if kind == "object" or kind is None:
        props = node.get("properties") or {}
        out = {
            name: synth(loader, schema, doc, depth + 1)
            for name, schema in props.items()
            if depth < 3 or name in (node.get("required") or [])
        }
        extra = node.get("additionalProperties")
        if not props and isinstance(extra, dict):
            out["key"] = synth(loader, extra, doc, depth + 1)
        return out
    return "x"


def _only_constraints(member: Any) -> bool:
    return isinstance(member, dict) and "type" not in member and "$ref" not in member


# --- calling ----------------------------------------------------------------------------------


def _raw_parameters(loader: Loader, op: OperationIR) -> dict[tuple[str, str], Any]:
    doc = loader.main
    item_ptr, _, _method = op.pointer.rpartition("/")
    item, idoc, _ = loader.deref(doc.at(item_ptr), doc, item_ptr)
    raw_op = item[_method]
    found: dict[tuple[str, str], Any] = {}
    for raw in [*(item.get("parameters") or []), *(raw_op.get("parameters") or [])]:
        p, _pdoc, _ = loader.deref(raw, idoc, "")
        found[(p["name"], p["in"])] = p
    return found


def _raw_body_schema(loader: Loader, op: OperationIR) -> Any:
    doc = loader.main
    raw_op = doc.at(op.pointer)
    body, _bdoc, _ = loader.deref(raw_op.get("requestBody"), doc, "")
    assert op.body is not None
    return (body.get("content") or {}).get(op.body.content_type, {}).get("schema", {})


def arguments(loader: Loader, op: OperationIR) -> dict[str, Any]:
    """Keyword arguments for the generated method: path/query/required-header params, body."""
    kwargs: dict[str, Any] = {}
    raw_params = _raw_parameters(loader, op)
    for p in op.params:
        raw = raw_params.get((p.wire, p.location), {})
        if p.location == "header" and not p.required:
            continue
        if p.location == "cookie":
            continue
        value = synth(loader, raw.get("schema", {"type": "string"}), loader.main)
        kwargs[p.name] = value if p.location != "header" else str(value)
    if op.body is not None:
        schema = _raw_body_schema(loader, op)
        value = synth(loader, schema, loader.main)
        if op.body.whole is not None or op.body.kind == "raw":
            if op.body.kind == "raw" and (
                op.body.content_type.startswith(("application/octet-stream", "image/", "audio/"))
            ):
                value = b"corpus bytes"
            kwargs["body"] = value
        else:
            props = value if isinstance(value, dict) else {}
            for f in op.body.fields:
                if f.wire in props:
                    kwargs[f.name] = props[f.wire]
            if op.stream is not None and op.stream.flag_field in kwargs:
                kwargs[op.stream.flag_field] = False  # the plain answer; streams: see PRISM_LIMITS
    return kwargs


def _method(client: Any, op: OperationIR) -> Any:
    target = client
    for part in op.resource_path:
        target = getattr(target, part)
    return getattr(target, op.method_name)


def credentials(api: ApiIR) -> dict[str, Any]:
    """One value for every credential the generated client takes: `api_key` as a string, every
    other credential as a function returning one (each scheme's credential may be either)."""
    values: dict[str, Any] = {"api_key": "corpus-key"}
    for name, *_rest in api.client.options:
        values[name] = lambda value=f"corpus-{name}": value
    return values


def _check(api: ApiIR, package: str, op: OperationIR, result: Any) -> str | None:
    """Why the result does not have the declared type (None when it does)."""
    from pydantic import ValidationError

    if op.page is not None:
        items = list(getattr(result, "data", []))
        return None if isinstance(items, list) else f"page without data: {result!r}"
    if op.stream is not None and hasattr(result, "__iter__") and type(result).__name__ == "Stream":
        list(result)
        return None
    kind = op.response.kind
    if kind == "empty":
        return None if result is None else f"expected None, got {type(result).__name__}"
    if kind == "binary":
        return None if hasattr(result, "content") else f"expected bytes, got {result!r}"
    if kind == "text":
        return None if isinstance(result, str) else f"expected str, got {type(result).__name__}"
    declared, _nullable = strip_none(op.response.type) if op.response.type else (None, True)
    if declared is None:
        return None
    if isinstance(declared, Named):
        d = api.defs[declared.key]
        target = getattr(import_module(f"{package}.types.{d.module}"), d.name)
        if isinstance(d, ModelDef):
            if not isinstance(result, target):
                return f"expected {d.name}, got {type(result).__name__}"
            try:  # the client parses leniently; the declared type must accept the data strictly
                target.model_validate(
                    result.model_dump(mode="json", by_alias=True, exclude_unset=True)
                )
            except ValidationError as exc:
                return f"{d.name} does not validate: {exc.errors()[0]}"
            return None
        if isinstance(d, AliasDef):
            from pydantic import TypeAdapter

            dumped = (
                result.model_dump(mode="json", by_alias=True, exclude_unset=True)
                if hasattr(result, "model_dump")
                else result
            )
            try:
                TypeAdapter(target).validate_python(dumped)
            except ValidationError as exc:
                return f"{d.name} does not validate: {exc.errors()[0]}"
            return None
    if isinstance(declared, ListOf):
        return None if isinstance(result, list) else f"expected list, got {type(result).__name__}"
    if declared == Prim("str"):
        return None if isinstance(result, str) else f"expected str, got {type(result).__name__}"
    return None


def drive(api: ApiIR, pkg: ModuleType, loader: Loader, base_url: str, spec: str) -> SpecReport:
    report = SpecReport(spec)
    client = pkg.Client(base_url=base_url, max_retries=0, **credentials(api))
    try:
        for op in api.operations:
            report.outcomes.append(_call(api, pkg, loader, client, op))
    finally:
        client.close()
    return report


def _call(api: ApiIR, pkg: ModuleType, loader: Loader, client: Any, op: OperationIR) -> Outcome:
    name = op.operation_id
    try:
        kwargs = arguments(loader, op)
        result = _method(client, op)(**kwargs)
        problem = _check(api, pkg.__name__, op, result)
    except pkg.APIStatusError as exc:
        # the message holds only an `error.message`; Prism says why in the body's other fields
        detail = f"{exc.status_code}: {exc} {exc.body}"
        return _maybe_skip(op, Outcome(name, "rejected", detail))
    except pkg.APIResponseValidationError as exc:
        return _maybe_skip(op, Outcome(name, "parse-error", str(exc)))
    except Exception as exc:  # every failure is reported; none stops the run
        return _maybe_skip(op, Outcome(name, "error", f"{type(exc).__name__}: {exc}"))
    if problem is not None:
        return _maybe_skip(op, Outcome(name, "parse-error", problem))
    return Outcome(name, "ok")


def _maybe_skip(op: OperationIR, outcome: Outcome) -> Outcome:
    """A failure that is one of PRISM_LIMITS becomes `skipped`, with that reason."""
    detail = outcome.detail
    if op.stream is not None and op.response.kind == "empty" and "NO_COMPLEX_OBJECT_TEXT" in detail:
        return Outcome(outcome.operation, "skipped", PRISM_LIMITS["sse"])
    if (
        op.body is not None
        and op.body.kind == "form"
        and "'body'" in detail
        and "must be array" in detail
    ):
        return Outcome(outcome.operation, "skipped", PRISM_LIMITS["form-array"])
    return outcome


__all__ = ["Outcome", "SpecReport", "drive", "synth"]
