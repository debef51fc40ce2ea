"""Comparing two specs operation by operation (method + path).

Operations are matched by method and path with the names of path parameters ignored, so renaming
`{id}` to `{thread_id}` shows up as a parameter change rather than as one operation removed and
another added. Within an operation: parameters are matched by location and name, request bodies
and responses by media type, responses by status code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .changes import Change, OperationDiff, OperationKey, SpecDiff
from .loading import Spec
from .rules import Direction, Kind
from .schema_compare import SchemaComparer
from .text import code

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_JSON = "application/json"
_REQ = Direction.REQUEST
_RESP = Direction.RESPONSE
_TEMPLATE_PARAM = re.compile(r"\{[^}/]*\}")
# Stands for "no schema given" (anything goes). One shared object, because the schema comparer
# remembers results by object identity and a fresh `{}` could reuse a dead one's identity.
_NO_SCHEMA: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class _Operation:
    key: OperationKey
    body: dict[str, Any]
    shared_parameters: list[Any]  # declared on the path item, inherited by the operation


def diff_specs(old: Spec, new: Spec) -> SpecDiff:
    """Every change between `old` and `new`, grouped by operation, operations in path order."""
    old_ops = _index_operations(old, literal=False)
    new_ops = _index_operations(new, literal=False)
    if old_ops is None or new_ops is None:
        # Two paths differ only by the names of their parameters: match paths literally.
        old_ops = _index_operations(old, literal=True)
        new_ops = _index_operations(new, literal=True)
        assert old_ops is not None and new_ops is not None
    comparer = _OperationComparer(old, new)
    found: list[tuple[tuple[str, int], OperationDiff]] = []
    for match_key, old_op in old_ops.items():
        new_op = new_ops.get(match_key)
        if new_op is None:
            removed = Change(Kind.OPERATION_REMOVED, _REQ)
            found.append((_sort_key(old_op), OperationDiff(old_op.key, "removed", [removed])))
            continue
        changes = comparer.compare(old_op, new_op)
        if changes:
            found.append((_sort_key(new_op), OperationDiff(new_op.key, "changed", changes)))
    for match_key, new_op in new_ops.items():
        if match_key not in old_ops:
            added = Change(Kind.OPERATION_ADDED, _REQ)
            found.append((_sort_key(new_op), OperationDiff(new_op.key, "added", [added])))
    found.sort(key=lambda pair: pair[0])
    return SpecDiff([diff for _, diff in found])


def _sort_key(op: _Operation) -> tuple[str, int]:
    return (op.key.path, HTTP_METHODS.index(op.key.method.lower()))


def _index_operations(spec: Spec, *, literal: bool) -> dict[tuple[str, str], _Operation] | None:
    """Operations by match key; None when two operations share a key (see `diff_specs`)."""
    out: dict[tuple[str, str], _Operation] = {}
    paths: dict[str, Any] = spec.document.get("paths") or {}
    for path, raw_item in paths.items():
        item, _ = spec.refs.deref(raw_item)
        if not isinstance(item, dict):
            continue
        shared = item.get("parameters")
        shared_list: list[Any] = shared if isinstance(shared, list) else []
        for method in HTTP_METHODS:
            body = item.get(method)
            if not isinstance(body, dict):
                continue
            op_id = body.get("operationId")
            key = OperationKey(method.upper(), str(path), op_id if isinstance(op_id, str) else None)
            match_key = (key.method, key.path if literal else _TEMPLATE_PARAM.sub("{}", key.path))
            if match_key in out:
                return None
            out[match_key] = _Operation(key, body, shared_list)
    return out


def _is_success(status: str) -> bool:
    return status.startswith("2")


class _OperationComparer:
    def __init__(self, old: Spec, new: Spec) -> None:
        self._old = old
        self._new = new
        self._schemas = SchemaComparer(old.refs, new.refs)

    def compare(self, old: _Operation, new: _Operation) -> list[Change]:
        changes: list[Change] = []
        if old.key.operation_id != new.key.operation_id:
            detail = f"{code(str(old.key.operation_id))} → {code(str(new.key.operation_id))}"
            changes.append(Change(Kind.OPERATION_ID_CHANGED, _REQ, detail=detail))
        if new.body.get("deprecated") is True and old.body.get("deprecated") is not True:
            changes.append(Change(Kind.OPERATION_DEPRECATED, _REQ))
        changes += self._parameters(old, new)
        changes += self._request_body(old.body.get("requestBody"), new.body.get("requestBody"))
        changes += self._responses(old.body.get("responses"), new.body.get("responses"))
        return changes

    # -- parameters -------------------------------------------------------------------------

    def _parameters(self, old: _Operation, new: _Operation) -> list[Change]:
        old_params = _parameters_of(self._old, old)
        new_params = _parameters_of(self._new, new)
        changes: list[Change] = []
        for where, old_param in old_params.items():
            new_param = new_params.get(where)
            if new_param is None:
                changes.append(Change(Kind.PARAMETER_REMOVED, _REQ, where))
                continue
            was_required, is_required = _is_required(old_param), _is_required(new_param)
            if was_required != is_required:
                kind = Kind.MADE_REQUIRED if is_required else Kind.MADE_OPTIONAL
                changes.append(Change(kind, _REQ, where))
            found = self._schemas.compare(
                _parameter_schema(old_param), _parameter_schema(new_param), _REQ
            )
            changes += [c.under(*where) for c in found]
        for where, new_param in new_params.items():
            if where not in old_params:
                required = _is_required(new_param)
                kind = Kind.REQUIRED_PARAMETER_ADDED if required else Kind.OPTIONAL_PARAMETER_ADDED
                changes.append(Change(kind, _REQ, where))
        return changes

    # -- request body -----------------------------------------------------------------------

    def _request_body(self, old_raw: Any, new_raw: Any) -> list[Change]:
        old, _ = self._old.refs.deref(old_raw)
        new, _ = self._new.refs.deref(new_raw)
        here = ("requestBody",)
        if not isinstance(old, dict) and not isinstance(new, dict):
            return []
        if not isinstance(new, dict):
            return [Change(Kind.REQUEST_BODY_REMOVED, _REQ, here)]
        if not isinstance(old, dict):
            required = new.get("required") is True
            kind = (
                Kind.REQUIRED_REQUEST_BODY_ADDED if required else Kind.OPTIONAL_REQUEST_BODY_ADDED
            )
            return [Change(kind, _REQ, here)]
        changes: list[Change] = []
        was_required = old.get("required") is True
        is_required = new.get("required") is True
        if was_required != is_required:
            kind = Kind.MADE_REQUIRED if is_required else Kind.MADE_OPTIONAL
            changes.append(Change(kind, _REQ, here))
        changes += self._content(old.get("content"), new.get("content"), _REQ, here)
        return changes

    # -- responses --------------------------------------------------------------------------

    def _responses(self, old_raw: Any, new_raw: Any) -> list[Change]:
        old = _by_status(old_raw)
        new = _by_status(new_raw)
        changes: list[Change] = []
        for status, old_response in old.items():
            here = ("responses", status)
            if status not in new:
                success = _is_success(status)
                kind = Kind.SUCCESS_RESPONSE_REMOVED if success else Kind.ERROR_RESPONSE_REMOVED
                changes.append(Change(kind, _RESP, here))
                continue
            old_body, _ = self._old.refs.deref(old_response)
            new_body, _ = self._new.refs.deref(new[status])
            changes += self._content(
                old_body.get("content") if isinstance(old_body, dict) else None,
                new_body.get("content") if isinstance(new_body, dict) else None,
                _RESP,
                here,
            )
        for status in new:
            if status not in old:
                success = _is_success(status)
                kind = Kind.SUCCESS_RESPONSE_ADDED if success else Kind.ERROR_RESPONSE_ADDED
                changes.append(Change(kind, _RESP, ("responses", status)))
        return changes

    # -- shared -----------------------------------------------------------------------------

    def _content(
        self, old_raw: Any, new_raw: Any, direction: Direction, here: tuple[str, ...]
    ) -> list[Change]:
        old = _by_media_type(old_raw)
        new = _by_media_type(new_raw)
        changes: list[Change] = []
        for media, old_media in old.items():
            if media not in new:
                changes.append(Change(Kind.CONTENT_TYPE_REMOVED, direction, here, code(media)))
                continue
            found = self._schemas.compare(_schema_of(old_media), _schema_of(new[media]), direction)
            # JSON is the usual case; other media types are spelled out in the location.
            prefix = here if media == _JSON else (*here[:-1], f"{here[-1]}[{media}]")
            changes += [c.under(*prefix) for c in found]
        for media in new:
            if media not in old:
                changes.append(Change(Kind.CONTENT_TYPE_ADDED, direction, here, code(media)))
        return changes


def _parameters_of(spec: Spec, op: _Operation) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    own = op.body.get("parameters")
    for raw in [*op.shared_parameters, *(own if isinstance(own, list) else [])]:
        param, _ = spec.refs.deref(raw)
        if isinstance(param, dict) and "name" in param and "in" in param:
            out[(str(param["in"]), str(param["name"]))] = param
    return out


def _is_required(param: dict[str, Any]) -> bool:
    return param.get("required") is True or param.get("in") == "path"


def _parameter_schema(param: dict[str, Any]) -> Any:
    if "schema" in param:
        return param["schema"]
    for media in _by_media_type(param.get("content")).values():
        return _schema_of(media)
    return _NO_SCHEMA


def _schema_of(media: Any) -> Any:
    if isinstance(media, dict) and "schema" in media:
        return media["schema"]
    return _NO_SCHEMA


def _by_media_type(content: Any) -> dict[str, Any]:
    if not isinstance(content, dict):
        return {}
    return {str(k).lower(): v for k, v in content.items()}


def _by_status(responses: Any) -> dict[str, Any]:
    # YAML reads `200:` as an integer; the spec means the string.
    if not isinstance(responses, dict):
        return {}
    return {str(k): v for k, v in responses.items()}
