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

from ..spec_view import (
    HTTP_METHODS,
    Media,
    OpenAPI,
    Operation,
    Parameter,
    PathItem,
    RequestBody,
    Response,
    Responses,
    as_object,
)
from .changes import Change, OperationDiff, OperationKey, SpecDiff
from .loading import Spec
from .rules import Direction, Kind
from .schema_compare import SchemaComparer
from .text import code

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
    view: Operation
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
    # `paths` is a mapping: loading checked it
    for path, raw_item in OpenAPI(spec.document).paths.items():
        item = PathItem.of(spec.refs.deref(raw_item)[0])
        if item is None:
            continue
        for method, op in item.operations:
            if op is None:
                continue
            key = OperationKey(method.upper(), path, op.operation_id)
            match_key = (key.method, key.path if literal else _TEMPLATE_PARAM.sub("{}", key.path))
            if match_key in out:
                return None
            out[match_key] = _Operation(key, op, item.parameters)
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
        if new.view.deprecated and not old.view.deprecated:
            changes.append(Change(Kind.OPERATION_DEPRECATED, _REQ))
        changes += self._parameters(old, new)
        changes += self._request_body(old.view.request_body, new.view.request_body)
        changes += self._responses(old.view.responses, new.view.responses)
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
        # a request body that is not a mapping (after `$ref`s) counts as none
        old_node = as_object(self._old.refs.deref(old_raw)[0])
        new_node = as_object(self._new.refs.deref(new_raw)[0])
        here = ("requestBody",)
        if old_node is None and new_node is None:
            return []
        if new_node is None:
            return [Change(Kind.REQUEST_BODY_REMOVED, _REQ, here)]
        new = RequestBody(new_node)
        if old_node is None:
            kind = (
                Kind.REQUIRED_REQUEST_BODY_ADDED
                if new.required
                else Kind.OPTIONAL_REQUEST_BODY_ADDED
            )
            return [Change(kind, _REQ, here)]
        old = RequestBody(old_node)
        changes: list[Change] = []
        if old.required != new.required:
            kind = Kind.MADE_REQUIRED if new.required else Kind.MADE_OPTIONAL
            changes.append(Change(kind, _REQ, here))
        changes += self._content(old.content, new.content, _REQ, here)
        return changes

    # -- responses --------------------------------------------------------------------------

    def _responses(self, old_view: Responses | None, new_view: Responses | None) -> list[Change]:
        # `responses` that is not a mapping counts as none
        old = old_view.raw if old_view is not None else {}
        new = new_view.raw if new_view is not None else {}
        changes: list[Change] = []
        for status, old_response in old.items():
            here = ("responses", status)
            if status not in new:
                success = _is_success(status)
                kind = Kind.SUCCESS_RESPONSE_REMOVED if success else Kind.ERROR_RESPONSE_REMOVED
                changes.append(Change(kind, _RESP, here))
                continue
            old_body = Response.of(self._old.refs.deref(old_response)[0])
            new_body = Response.of(self._new.refs.deref(new[status])[0])
            changes += self._content(old_body.content, new_body.content, _RESP, here)
        for status in new:
            if status not in old:
                success = _is_success(status)
                kind = Kind.SUCCESS_RESPONSE_ADDED if success else Kind.ERROR_RESPONSE_ADDED
                changes.append(Change(kind, _RESP, ("responses", status)))
        return changes

    # -- shared -----------------------------------------------------------------------------

    def _content(
        self,
        old_content: dict[str, Media] | None,
        new_content: dict[str, Media] | None,
        direction: Direction,
        here: tuple[str, ...],
    ) -> list[Change]:
        old = _by_media_type(old_content)
        new = _by_media_type(new_content)
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


def _parameters_of(spec: Spec, op: _Operation) -> dict[tuple[str, str], Parameter]:
    """The operation's parameters (the path item's, then its own) by (location, name); one
    without a `name` or an `in` is left out, a later one with the same key wins."""
    out: dict[tuple[str, str], Parameter] = {}
    for raw in [*op.shared_parameters, *op.view.parameters]:
        param = Parameter.of(spec.refs.deref(raw)[0])
        if param is not None:
            out[(param.location, param.name)] = param
    return out


def _is_required(param: Parameter) -> bool:
    return param.required or param.location == "path"


def _parameter_schema(param: Parameter) -> Any:
    schema = param.schema
    return _NO_SCHEMA if schema is None else schema


def _schema_of(media: Media) -> Any:
    schema = media.schema
    return _NO_SCHEMA if schema is None else schema


def _by_media_type(content: dict[str, Media] | None) -> dict[str, Media]:
    """Media types are case-insensitive: compared lower-cased."""
    return {media.lower(): view for media, view in (content or {}).items()}
